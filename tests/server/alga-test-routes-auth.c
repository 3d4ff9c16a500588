/* alga-test-routes-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mobile sign-in flow (docs/API.md, Signing in): capabilities, the browser's sign-in and
 * handoff pages, and the exchange, refresh and revoke endpoints.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"

#include <string.h>

void
alga_test_api_key_free (gpointer p)
{
  AlgaTestApiKey *key = p;

  g_free (key->key);
  g_free (key->user_id);
  g_free (key);
}

void
alga_test_ott_free (gpointer p)
{
  AlgaTestOtt *ott = p;

  g_free (ott->ott);
  g_free (ott->state);
  g_free (ott->user_id);
  g_free (ott);
}

void
alga_test_refresh_token_free (gpointer p)
{
  AlgaTestRefreshToken *token = p;

  g_free (token->token);
  g_free (token->user_id);
  g_free (token->api_key);
  g_free (token);
}

AlgaTestApiKey *
alga_test_server_add_key (AlgaTestServer *self,
                          const char     *user_id,
                          gint64          expires_at)
{
  AlgaTestApiKey *key = g_new0 (AlgaTestApiKey, 1);

  key->key = alga_seed_new_token (self->data->rand, 32, TRUE);
  key->user_id = g_strdup (user_id);
  key->expires_at = expires_at;
  key->active = TRUE;
  g_hash_table_insert (self->api_keys, key->key, key);
  return key;
}

void
alga_test_route_capabilities (AlgaTestCall *call)
{
  AlgaTestServer *self = call->self;
  JsonObject *root = json_object_new ();
  JsonObject *providers = json_object_new ();

  json_object_set_boolean_member (root, "enabled", self->edition == ALGA_TEST_EDITION_ENTERPRISE);
  json_object_set_boolean_member (providers, "google", FALSE);
  json_object_set_boolean_member (providers, "microsoft", FALSE);
  json_object_set_object_member (root, "providers", providers);
  json_object_set_int_member (root, "accessTtlSec", self->access_ttl);
  json_object_set_int_member (root, "refreshTtlSec", self->refresh_ttl);
  json_object_set_int_member (root, "ottTtlSec", self->ott_ttl);
  alga_test_reply_json (call->msg, 200, json_node_init_object (json_node_alloc (), root));
  json_object_unref (root);
}

/* The simulated browser is signed in already, so the sign-in page passes straight on. */
void
alga_test_route_signin (AlgaTestCall *call)
{
  const char *callback = g_hash_table_lookup (call->query, "callbackUrl");
  static const char page[] = "<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>";

  if (callback != NULL && call->self->browser_user_id != NULL)
    {
      alga_test_reply_redirect (call->msg, callback);
      return;
    }
  soup_server_message_set_status (call->msg, 200, NULL);
  soup_server_message_set_response (call->msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                    page, strlen (page));
}

/* What the real hand-off accepts as a redirect: scheme alga, exp or https; and host "auth"
 * with path "/callback", or a path ending in "/auth/callback". */
static gboolean
redirect_is_valid (const char *redirect)
{
  g_autoptr(GUri) uri = g_uri_parse (redirect, G_URI_FLAGS_NONE, NULL);
  const char *scheme, *host, *path;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);
  if (g_ascii_strcasecmp (scheme, "alga") != 0 && g_ascii_strcasecmp (scheme, "exp") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;
  return (g_strcmp0 (host, "auth") == 0 && g_strcmp0 (path, "/callback") == 0) ||
         g_str_has_suffix (path, "/auth/callback");
}

/* URLSearchParams.set: replaces the parameter if present, keeps the others. */
static char *
set_params (const char *redirect,
            const char *name1,
            const char *value1,
            const char *name2,
            const char *value2)
{
  g_autoptr(GUri) uri = g_uri_parse (redirect, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GUri) result = NULL;
  const char *old = g_uri_get_query (uri);
  g_autofree char *e1 = g_uri_escape_string (value1, NULL, FALSE);
  g_autofree char *e2 = g_uri_escape_string (value2, NULL, FALSE);

  if (old != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (old, "&", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autofree char *prefix1 = g_strconcat (name1, "=", NULL);
          g_autofree char *prefix2 = g_strconcat (name2, "=", NULL);

          if (parts[i][0] == '\0' || g_str_has_prefix (parts[i], prefix1) ||
              g_str_has_prefix (parts[i], prefix2))
            continue;
          g_string_append_printf (query, "%s%s", query->len > 0 ? "&" : "", parts[i]);
        }
    }
  g_string_append_printf (query, "%s%s=%s&%s=%s", query->len > 0 ? "&" : "", name1, e1, name2, e2);
  result = g_uri_build (G_URI_FLAGS_ENCODED_QUERY, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                        g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                        query->str, g_uri_get_fragment (uri));
  return g_uri_to_string (result);
}

void
alga_test_route_handoff (AlgaTestCall *call)
{
  AlgaTestServer *self = call->self;
  const char *redirect = g_hash_table_lookup (call->query, "redirect");
  const char *state = g_hash_table_lookup (call->query, "state");
  const AlgaSeedUser *user;
  g_autofree char *location = NULL;
  AlgaTestOtt *ott;

  if (redirect == NULL || redirect[0] == '\0' || state == NULL || state[0] == '\0')
    {
      location = g_strdup_printf ("%s/auth/signin", self->url);
      alga_test_reply_redirect (call->msg, location);
      return;
    }
  if (!redirect_is_valid (redirect))
    {
      location = g_strdup_printf ("%s/auth/signin?error=invalid_redirect", self->url);
      alga_test_reply_redirect (call->msg, location);
      return;
    }
  if (self->browser_user_id == NULL)
    {
      g_autofree char *here = g_strdup_printf ("%s%s?%s", self->url, call->path,
                                               g_uri_get_query (soup_server_message_get_uri (call->msg)));
      g_autofree char *escaped = g_uri_escape_string (here, NULL, FALSE);

      location = g_strdup_printf ("%s/auth/signin?callbackUrl=%s", self->url, escaped);
      alga_test_reply_redirect (call->msg, location);
      return;
    }
  user = alga_seed_find_user (call->data, self->browser_user_id);
  if (user == NULL)
    {
      /* Anyone not in the internal users is treated as a client portal user. */
      location = set_params (redirect, "error", "client_not_allowed", "state", state);
      alga_test_reply_redirect (call->msg, location);
      return;
    }

  ott = g_new0 (AlgaTestOtt, 1);
  ott->ott = alga_seed_new_token (call->data->rand, 24, FALSE);
  ott->state = g_strdup (state);
  ott->user_id = g_strdup (user->id);
  ott->expires_at = g_get_real_time () + (gint64) self->ott_ttl * G_USEC_PER_SEC;
  g_ptr_array_add (self->otts, ott);

  location = set_params (redirect, "ott", ott->ott, "state", state);
  alga_test_reply_redirect (call->msg, location);
  soup_message_headers_replace (soup_server_message_get_response_headers (call->msg),
                                "Cache-Control", "no-store");
}

/* The mobile endpoints treat invalid JSON as {}, as the real ones do. */
static JsonObject *
lenient_body (AlgaTestCall *call)
{
  g_autofree char *parse_error = NULL;
  JsonObject *body = alga_test_parse_body (call->msg, &parse_error);

  return body != NULL ? body : json_object_new ();
}

static const char *
required_string (JsonObject *body,
                 const char *name,
                 JsonArray  *issues)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      JsonObject *issue = json_object_new ();
      JsonArray *path = json_array_new ();

      json_object_set_string_member (issue, "code", "invalid_type");
      json_object_set_string_member (issue, "expected", "string");
      json_object_set_string_member (issue, "received", node == NULL ? "undefined"
                                                        : JSON_NODE_HOLDS_NULL (node) ? "null" : "number");
      json_array_add_string_element (path, name);
      json_object_set_array_member (issue, "path", path);
      json_object_set_string_member (issue, "message", node == NULL ? "Required" : "Expected string");
      json_array_add_object_element (issues, issue);
      return NULL;
    }
  if (json_node_get_string (node)[0] == '\0')
    {
      JsonObject *issue = alga_test_issue_add (issues, "too_small", name,
                                               "String must contain at least 1 character(s)");

      json_object_set_int_member (issue, "minimum", 1);
      json_object_set_string_member (issue, "type", "string");
      json_object_set_boolean_member (issue, "inclusive", TRUE);
      json_object_set_boolean_member (issue, "exact", FALSE);
      return NULL;
    }
  return json_node_get_string (node);
}

static AlgaTestRefreshToken *
issue_session (AlgaTestCall       *call,
               const AlgaSeedUser *user,
               JsonObject         *answer)
{
  AlgaTestServer *self = call->self;
  gint64 now = g_get_real_time ();
  AlgaTestApiKey *key = alga_test_server_add_key (self, user->id,
                                                  now + (gint64) self->access_ttl * G_USEC_PER_SEC);
  AlgaTestRefreshToken *refresh = g_new0 (AlgaTestRefreshToken, 1);

  refresh->token = alga_seed_new_token (call->data->rand, 32, FALSE);
  refresh->user_id = g_strdup (user->id);
  refresh->api_key = g_strdup (key->key);
  refresh->expires_at = now + (gint64) self->refresh_ttl * G_USEC_PER_SEC;
  g_ptr_array_add (self->refresh_tokens, refresh);

  json_object_set_string_member (answer, "accessToken", key->key);
  json_object_set_string_member (answer, "refreshToken", refresh->token);
  json_object_set_int_member (answer, "expiresInSec", self->access_ttl);
  return refresh;
}

void
alga_test_route_exchange (AlgaTestCall *call)
{
  AlgaTestServer *self = call->self;
  g_autoptr(JsonObject) body = lenient_body (call);
  g_autoptr(JsonArray) issues = json_array_new ();
  const char *ott_text = required_string (body, "ott", issues);
  const char *state = required_string (body, "state", issues);
  AlgaTestOtt *ott = NULL;
  const AlgaSeedUser *user;
  g_autofree char *name = NULL;
  JsonObject *answer;
  JsonObject *user_object;

  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  for (guint i = 0; i < self->otts->len && ott == NULL; i++)
    {
      AlgaTestOtt *o = g_ptr_array_index (self->otts, i);

      /* Matched on token and state together: a wrong state leaves the token unused. */
      if (g_str_equal (o->ott, ott_text) && g_str_equal (o->state, state) && !o->used &&
          o->expires_at > g_get_real_time ())
        ott = o;
    }
  if (ott == NULL)
    {
      alga_test_reply_error (call->msg, 401, "UNAUTHORIZED", "Invalid or expired one-time token", NULL);
      return;
    }
  ott->used = TRUE;
  if (self->edition != ALGA_TEST_EDITION_ENTERPRISE)
    {
      alga_test_reply_error (call->msg, 403, "FORBIDDEN", "Mobile app access is not available on this edition", NULL);
      return;
    }
  user = alga_seed_find_user (call->data, ott->user_id);
  if (user == NULL || user->is_inactive)
    {
      alga_test_reply_error (call->msg, 401, "UNAUTHORIZED", "Login session is no longer valid", NULL);
      return;
    }

  answer = json_object_new ();
  issue_session (call, user, answer);
  json_object_set_string_member (answer, "tenantId", call->data->tenant_id);
  user_object = json_object_new ();
  json_object_set_string_member (user_object, "id", user->id);
  json_object_set_string_member (user_object, "email", user->email);
  name = alga_seed_user_name (user);
  json_object_set_string_member (user_object, "name", name);
  json_object_set_object_member (answer, "user", user_object);
  alga_test_reply_json (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

static AlgaTestRefreshToken *
find_refresh (AlgaTestServer *self,
              const char     *token)
{
  for (guint i = 0; i < self->refresh_tokens->len; i++)
    {
      AlgaTestRefreshToken *r = g_ptr_array_index (self->refresh_tokens, i);

      if (g_str_equal (r->token, token))
        return r;
    }
  return NULL;
}

static void
deactivate_key (AlgaTestServer *self,
                const char     *plain)
{
  AlgaTestApiKey *key = g_hash_table_lookup (self->api_keys, plain);

  if (key != NULL)
    key->active = FALSE;
}

void
alga_test_route_refresh (AlgaTestCall *call)
{
  AlgaTestServer *self = call->self;
  g_autoptr(JsonObject) body = lenient_body (call);
  g_autoptr(JsonArray) issues = json_array_new ();
  const char *token = required_string (body, "refreshToken", issues);
  AlgaTestRefreshToken *old;
  g_autofree char *old_key = NULL;
  const AlgaSeedUser *user;
  JsonObject *answer;

  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  old = find_refresh (self, token);
  if (old == NULL || old->revoked || old->expires_at <= g_get_real_time ())
    {
      alga_test_reply_error (call->msg, 401, "UNAUTHORIZED", "Invalid or expired refresh token", NULL);
      return;
    }
  user = alga_seed_find_user (call->data, old->user_id);
  if (user == NULL || user->is_inactive)
    {
      g_autofree char *message = g_strdup_printf ("Failed to create API key for user %s in tenant %s",
                                                  old->user_id, call->data->tenant_id);

      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", message, NULL);
      return;
    }

  /* Rotation: the old refresh token and its access key die together. */
  old->revoked = TRUE;
  old_key = g_strdup (old->api_key);
  answer = json_object_new ();
  issue_session (call, user, answer);
  deactivate_key (self, old_key);
  alga_test_reply_json (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

void
alga_test_route_revoke (AlgaTestCall *call)
{
  AlgaTestServer *self = call->self;
  g_autoptr(JsonObject) body = lenient_body (call);
  g_autoptr(JsonArray) issues = json_array_new ();
  const char *token = required_string (body, "refreshToken", issues);
  AlgaTestRefreshToken *r;
  JsonObject *answer;

  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  r = find_refresh (self, token);
  if (r != NULL)
    {
      r->revoked = TRUE;
      deactivate_key (self, r->api_key);
    }
  answer = json_object_new ();
  json_object_set_boolean_member (answer, "ok", TRUE);
  alga_test_reply_json (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}
