/* alga-auth-browser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The browser sign-in of AlgaAuth: the state it begins with, the deep link that brings the
 * one-time token back, and the exchange of that token for a key pair.
 */

#define G_LOG_DOMAIN "alga-auth"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "alga-auth-private.h"
#include "alga-error.h"
#include "alga-json.h"

/* Bytes of randomness in a sign-in state: 256 bits, 43 base64url characters. */
#define STATE_BYTES 32
/* Longer callbacks, or longer parameters, are not something the server sends. */
#define MAX_CALLBACK_LENGTH 4096
#define MAX_PARAM_LENGTH 1024

void
_alga_auth_pending_sign_in_free (PendingSignIn *pending)
{
  if (pending == NULL)
    return;

  g_free (pending->state);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingSignIn, _alga_auth_pending_sign_in_free)

/* Compares without an early exit, so the time taken says nothing about how much matched. */
static gboolean
secret_equal (const char *a,
              const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  guint8 diff = len_a != len_b;

  for (gsize i = 0; i < len_a && i < len_b; i++)
    diff |= (guint8) (a[i] ^ b[i]);

  return diff == 0;
}

/* Browser sign-in: the browser signs in and hands a one-time token back through the deep link;
 * the token is exchanged for a key and a refresh token (docs/API.md, Browser sign-in). */

/**
 * alga_auth_begin_browser_sign_in:
 * @self: an #AlgaAuth
 * @error: return location for an error
 *
 * Starts a browser sign-in: makes a fresh random state, remembers it (forgetting any earlier
 * attempt) and returns the address to open in the browser. The browser ends at
 * `alga://auth/callback?ott=…&state=…`, which goes to
 * alga_auth_complete_browser_sign_in_async() within %ALGA_AUTH_PENDING_LIFETIME.
 *
 * Returns: (transfer full): `{base}/auth/signin?callbackUrl=…`, or %NULL with @error set
 */
char *
alga_auth_begin_browser_sign_in (AlgaAuth  *self,
                                 GError   **error)
{
  g_autoptr(PendingSignIn) pending = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *state = NULL;
  g_autofree char *handoff = NULL;
  g_autofree char *callback_url = NULL;
  const char *base;

  g_return_val_if_fail (ALGA_IS_AUTH (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  state = _alga_auth_random_token (STATE_BYTES, error);
  if (state == NULL)
    return NULL;

  base = alga_client_get_base_url (self->client);
  redirect = g_uri_escape_string (ALGA_AUTH_CALLBACK_URI, NULL, FALSE);
  handoff = g_strdup_printf ("%s/auth/mobile/handoff?redirect=%s&state=%s",
                             base, redirect, state);
  callback_url = g_uri_escape_string (handoff, NULL, FALSE);

  pending = g_new0 (PendingSignIn, 1);
  pending->state = g_steal_pointer (&state);
  pending->started = g_get_monotonic_time ();
  g_clear_pointer (&self->pending, _alga_auth_pending_sign_in_free);
  self->pending = g_steal_pointer (&pending);

  return g_strdup_printf ("%s/auth/signin?callbackUrl=%s", base, callback_url);
}

/**
 * alga_auth_has_pending_sign_in:
 * @self: an #AlgaAuth
 *
 * Returns: whether a browser sign-in was begun and is neither used, cancelled nor too old
 */
gboolean
alga_auth_has_pending_sign_in (AlgaAuth *self)
{
  g_return_val_if_fail (ALGA_IS_AUTH (self), FALSE);

  return self->pending != NULL
         && g_get_monotonic_time () - self->pending->started <= ALGA_AUTH_PENDING_LIFETIME;
}

/**
 * alga_auth_cancel_browser_sign_in:
 * @self: an #AlgaAuth
 *
 * Forgets the pending browser sign-in, so that its callback is refused.
 */
void
alga_auth_cancel_browser_sign_in (AlgaAuth *self)
{
  g_return_if_fail (ALGA_IS_AUTH (self));

  g_clear_pointer (&self->pending, _alga_auth_pending_sign_in_free);
}

static gboolean
is_reasonable_param (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > MAX_PARAM_LENGTH)
    return FALSE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
        return FALSE;
    }

  return TRUE;
}

static gboolean
set_callback_error (GError **error)
{
  g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                       _("This is not an Alga PSA sign-in link"));
  return FALSE;
}

/**
 * alga_auth_parse_callback:
 * @uri: what the browser was sent to
 * @ott: (out) (optional) (nullable): the one-time token, or %NULL for an error callback
 * @state: (out) (optional): the state
 * @error_code: (out) (optional) (nullable): the server's `error=` value, or %NULL
 * @error: return location for an error
 *
 * Reads `alga://auth/callback?ott=…&state=…` (also `alga:///auth/callback`), or the error form
 * `alga://auth/callback?error=…&state=…`. Anything else, a parameter given twice, or a value
 * that is empty, too long or not printable ASCII is %ALGA_API_ERROR_INVALID_INPUT. It only
 * parses; whether the state is the expected one is for the caller to check.
 *
 * Returns: %TRUE if @uri is a sign-in callback
 */
gboolean
alga_auth_parse_callback (const char  *uri,
                          char       **ott,
                          char       **state,
                          char       **error_code,
                          GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *got_ott = NULL;
  g_autofree char *got_state = NULL;
  g_autofree char *got_error = NULL;
  GUriParamsIter iter;
  const char *host;
  const char *path;
  const char *query;
  char *name;
  char *value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (ott != NULL)
    *ott = NULL;
  if (state != NULL)
    *state = NULL;
  if (error_code != NULL)
    *error_code = NULL;

  if (uri == NULL || strlen (uri) > MAX_CALLBACK_LENGTH || !g_utf8_validate (uri, -1, NULL))
    return set_callback_error (error);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL
      || g_ascii_strcasecmp (g_uri_get_scheme (parsed), "alga") != 0
      || g_uri_get_userinfo (parsed) != NULL
      || g_uri_get_port (parsed) != -1)
    return set_callback_error (error);

  host = g_uri_get_host (parsed);
  path = g_uri_get_path (parsed);
  if (!((host != NULL && g_ascii_strcasecmp (host, "auth") == 0
         && g_str_equal (path, "/callback"))
        || ((host == NULL || *host == '\0') && g_str_equal (path, "/auth/callback"))))
    return set_callback_error (error);

  query = g_uri_get_query (parsed);
  if (query == NULL)
    return set_callback_error (error);

  g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_NONE);
  while (g_uri_params_iter_next (&iter, &name, &value, &local_error))
    {
      g_autofree char *owned_name = name;
      g_autofree char *owned_value = value;
      char **slot = NULL;

      if (g_str_equal (owned_name, "ott"))
        slot = &got_ott;
      else if (g_str_equal (owned_name, "state"))
        slot = &got_state;
      else if (g_str_equal (owned_name, "error"))
        slot = &got_error;
      else
        continue;

      /* Twice the same name: which one would the server have meant? Neither. */
      if (*slot != NULL || !is_reasonable_param (owned_value))
        return set_callback_error (error);
      *slot = g_steal_pointer (&owned_value);
    }
  if (local_error != NULL)
    return set_callback_error (error);

  if (got_state == NULL)
    return set_callback_error (error);
  if (got_error == NULL && got_ott == NULL)
    return set_callback_error (error);
  if (got_error != NULL)
    g_clear_pointer (&got_ott, g_free);

  if (ott != NULL)
    *ott = g_steal_pointer (&got_ott);
  if (state != NULL)
    *state = g_steal_pointer (&got_state);
  if (error_code != NULL)
    *error_code = g_steal_pointer (&got_error);

  return TRUE;
}

static GError *
error_from_callback_code (const char *code)
{
  if (g_str_equal (code, "client_not_allowed"))
    return g_error_new_literal (ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN,
                                _("Client portal accounts cannot use this app; sign in with "
                                  "a technician account"));
  if (g_str_equal (code, "rate_limited"))
    return g_error_new_literal (ALGA_API_ERROR, ALGA_API_ERROR_RATE_LIMITED,
                                _("Too many sign-in attempts; wait a few minutes and try again"));
  if (g_str_equal (code, "invalid_redirect"))
    return g_error_new_literal (ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION,
                                _("The server refused this app's sign-in address"));

  return g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED,
                      _("The server refused the sign-in (%s)"), code);
}

static JsonNode *
build_exchange_body (AlgaAuth   *self,
                     const char *ott,
                     const char *state,
                     JsonObject *device)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonObject *device_block = json_object_new ();
  JsonNode *root;

  if (device != NULL)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, device);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (device_block, member, json_node_copy (node));
    }
  if (!json_object_has_member (device_block, "platform"))
    json_object_set_string_member (device_block, "platform", "linux");
  if (!json_object_has_member (device_block, "appVersion"))
    json_object_set_string_member (device_block, "appVersion", PACKAGE_VERSION);
  if (!json_object_has_member (device_block, "deviceId"))
    json_object_set_string_member (device_block, "deviceId", self->device_id);

  json_object_set_string_member (body, "ott", ott);
  json_object_set_string_member (body, "state", state);
  json_object_set_object_member (body, "device", device_block);

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, body);

  return root;
}

static AlgaTokenBundle *
bundle_from_exchange (AlgaAuth  *self,
                      JsonNode  *root,
                      GError   **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autofree char *name = NULL;
  JsonObject *object;
  JsonObject *user;
  const char *access_key;
  const char *refresh_token;
  const char *user_id;
  const char *email;
  gint64 expires_in;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto bad;

  object = json_node_get_object (root);
  access_key = alga_json_get_string (object, "accessToken");
  refresh_token = alga_json_get_string (object, "refreshToken");
  expires_in = alga_json_get_int (object, "expiresInSec", 0);
  user = alga_json_get_object (object, "user");
  user_id = user != NULL ? alga_json_get_string (user, "id") : NULL;

  if (!alga_token_is_well_formed (access_key) || !alga_token_is_well_formed (refresh_token)
      || expires_in <= 0 || user_id == NULL || *user_id == '\0')
    goto bad;

  email = alga_json_get_string (user, "email");
  name = g_strdup (alga_json_get_string (user, "name"));
  if (name != NULL)
    g_strstrip (name);

  now = g_date_time_new_now_utc ();
  expires_at = g_date_time_add_seconds (now, (gdouble) expires_in);

  bundle = alga_token_bundle_new (alga_client_get_base_url (self->client), user_id, email, name,
                                  alga_json_get_string (object, "tenantId"),
                                  access_key, refresh_token, expires_at);
  return alga_token_bundle_with_identity (bundle, ALGA_IDENTITY_BROWSER);

bad:
  g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                       _("The server's answer to the sign-in could not be read"));
  return NULL;
}

static void
exchange_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaAuth *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  AlgaTokenBundle *bundle;
  guint status = 0;

  root = alga_client_request_finish_full (ALGA_CLIENT (source), result, &status, NULL, &error);
  if (root == NULL)
    {
      /* The edition gate: Community Edition, or an Enterprise plan without mobile
       * access. The hand-off worked, so only here does the app learn it. */
      if (status == 403 || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN))
        {
          g_debug ("Exchange refused: %s", error->message);
          g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_UNSUPPORTED,
                                   _("This server does not offer sign-in through the browser "
                                     "(%s). Sign in with a personal API key instead: create one "
                                     "under User Profile → API Keys in Alga PSA."),
                                   error->message);
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bundle = bundle_from_exchange (self, root, &error);
  if (bundle == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bundle, (GDestroyNotify) alga_token_bundle_unref);
}

/**
 * alga_auth_complete_browser_sign_in_async:
 * @self: an #AlgaAuth
 * @callback_uri: the `alga://auth/callback?…` the browser was sent to
 * @device: (nullable): members for the exchange's `device` block; `platform`, `appVersion` and
 *   `deviceId` are filled in when missing
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finishes the browser sign-in begun by alga_auth_begin_browser_sign_in(): checks that the
 * callback carries the pending state (else %ALGA_API_ERROR_STATE_MISMATCH, without a request;
 * a state is good for one callback only) and exchanges its one-time token for a key pair.
 * A Community Edition server refuses the exchange: %ALGA_API_ERROR_UNSUPPORTED.
 */
void
alga_auth_complete_browser_sign_in_async (AlgaAuth            *self,
                                          const char          *callback_uri,
                                          JsonObject          *device,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *ott = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_code = NULL;
  gboolean expired;

  g_return_if_fail (ALGA_IS_AUTH (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_auth_complete_browser_sign_in_async);

  if (!alga_auth_parse_callback (callback_uri, &ott, &state, &error_code, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A callback for another attempt (or a replay of a used one, or someone else's link) must
   * not end the pending attempt: it is refused and the pending one stays. */
  if (self->pending == NULL || !secret_equal (state, self->pending->state))
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_STATE_MISMATCH,
                               _("This sign-in was not started here, or was already used; "
                                 "start again"));
      return;
    }

  expired = g_get_monotonic_time () - self->pending->started > ALGA_AUTH_PENDING_LIFETIME;
  g_clear_pointer (&self->pending, _alga_auth_pending_sign_in_free);

  if (expired)
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_STATE_MISMATCH,
                               _("The sign-in took too long; start again"));
      return;
    }

  if (error_code != NULL)
    {
      g_task_return_error (task, error_from_callback_code (error_code));
      return;
    }

  body = build_exchange_body (self, ott, state, device);
  /* Never repeated: the server consumes the one-time token even when the answer is lost. */
  alga_client_request_async (self->client, "POST", "/api/v1/mobile/auth/exchange", NULL, body,
                             ALGA_REQUEST_NO_AUTH | ALGA_REQUEST_NO_RETRY, cancellable,
                             exchange_cb, g_steal_pointer (&task));
}

/**
 * alga_auth_complete_browser_sign_in_finish:
 * @self: an #AlgaAuth
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the new account's bundle, or %NULL with @error set
 */
AlgaTokenBundle *
alga_auth_complete_browser_sign_in_finish (AlgaAuth      *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (ALGA_IS_AUTH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
