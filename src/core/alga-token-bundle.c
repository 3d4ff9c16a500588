/* alga-token-bundle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-token-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "alga-token-bundle.h"
#include "alga-error.h"
#include "alga-json.h"

/* Bumped when the stored form changes, so an older build can refuse what it cannot read. */
#define BUNDLE_FORMAT_VERSION 1

struct _AlgaTokenBundle
{
  char      *server_url;
  char      *user_id;
  char      *user_email;
  char      *user_name;
  char      *tenant_id;
  char      *access_key;
  char      *refresh_token;
  GDateTime *expires_at;
  char      *identity;   /* how the user was established: see alga_token_bundle_get_identity() */
};

G_DEFINE_BOXED_TYPE (AlgaTokenBundle, alga_token_bundle,
                     alga_token_bundle_ref, alga_token_bundle_unref)

/* Secrets are wiped before their memory goes back to the allocator, so a later heap dump or
 * a use-after-free elsewhere cannot show them. */
static void
free_secret (char *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static char *
dup_nonempty (const char *s)
{
  return (s != NULL && *s != '\0') ? g_strdup (s) : NULL;
}

static void
alga_token_bundle_clear (AlgaTokenBundle *self)
{
  g_free (self->server_url);
  g_free (self->user_id);
  g_free (self->user_email);
  g_free (self->user_name);
  g_free (self->tenant_id);
  free_secret (self->access_key);
  free_secret (self->refresh_token);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_free (self->identity);
}

/**
 * alga_token_bundle_new:
 * @server_url: the server's base URL; a trailing slash is dropped
 * @user_id: the signed-in user's id
 * @user_email: (nullable): the user's e-mail
 * @user_name: (nullable): the user's display name
 * @tenant_id: (nullable): the tenant, sent as `x-tenant-id`
 * @access_key: the key sent as `x-api-key`
 * @refresh_token: (nullable): the mobile refresh token; %NULL for a pasted API key
 * @expires_at: (nullable): when @access_key stops working; %NULL if it does not expire
 *
 * Returns: (transfer full): a new bundle
 */
AlgaTokenBundle *
alga_token_bundle_new (const char *server_url,
                       const char *user_id,
                       const char *user_email,
                       const char *user_name,
                       const char *tenant_id,
                       const char *access_key,
                       const char *refresh_token,
                       GDateTime  *expires_at)
{
  AlgaTokenBundle *self;
  gsize len;

  g_return_val_if_fail (server_url != NULL && *server_url != '\0', NULL);
  g_return_val_if_fail (user_id != NULL && *user_id != '\0', NULL);
  g_return_val_if_fail (access_key != NULL && *access_key != '\0', NULL);

  self = g_atomic_rc_box_new0 (AlgaTokenBundle);

  /* Keyring attributes match exactly, so "https://x/" and "https://x" must be one account. */
  len = strlen (server_url);
  while (len > 1 && server_url[len - 1] == '/')
    len--;
  self->server_url = g_strndup (server_url, len);

  self->user_id = g_strdup (user_id);
  self->user_email = dup_nonempty (user_email);
  self->user_name = dup_nonempty (user_name);
  self->tenant_id = dup_nonempty (tenant_id);
  self->access_key = g_strdup (access_key);
  self->refresh_token = dup_nonempty (refresh_token);
  self->expires_at = expires_at != NULL ? g_date_time_to_utc (expires_at) : NULL;

  return self;
}

AlgaTokenBundle *
alga_token_bundle_ref (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
alga_token_bundle_unref (AlgaTokenBundle *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) alga_token_bundle_clear);
}

/**
 * alga_token_bundle_rotate:
 * @self: a bundle
 * @access_key: the new access key
 * @refresh_token: (nullable): the new refresh token
 * @expires_at: (nullable): when the new access key expires
 *
 * The same account with a new key pair, as a refresh answers it.
 *
 * Returns: (transfer full): a new bundle
 */
AlgaTokenBundle *
alga_token_bundle_rotate (AlgaTokenBundle *self,
                          const char      *access_key,
                          const char      *refresh_token,
                          GDateTime       *expires_at)
{
  AlgaTokenBundle *rotated;

  g_return_val_if_fail (self != NULL, NULL);

  rotated = alga_token_bundle_new (self->server_url, self->user_id, self->user_email,
                                   self->user_name, self->tenant_id, access_key, refresh_token,
                                   expires_at);
  rotated->identity = g_strdup (self->identity);
  return rotated;
}

/**
 * alga_token_bundle_with_identity:
 * @self: a bundle
 * @identity: (nullable): how the user was established, see alga_token_bundle_get_identity()
 *
 * Returns: (transfer full): the same account, saying how its user was established
 */
AlgaTokenBundle *
alga_token_bundle_with_identity (AlgaTokenBundle *self,
                                 const char      *identity)
{
  AlgaTokenBundle *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = alga_token_bundle_rotate (self, self->access_key, self->refresh_token, self->expires_at);
  g_free (copy->identity);
  copy->identity = dup_nonempty (identity);
  return copy;
}

/**
 * alga_token_bundle_get_identity:
 * @self: a bundle
 *
 * How the sign-in established who the user is: %ALGA_IDENTITY_USER_LIST,
 * %ALGA_IDENTITY_ASSIGNED_TICKET, %ALGA_IDENTITY_OWN_WORK (not yet confirmed by the person),
 * %ALGA_IDENTITY_OWN_WORK_CONFIRMED or %ALGA_IDENTITY_BROWSER.
 *
 * Returns: (nullable): the identity, or %NULL when not recorded (an account kept by an older
 *   version)
 */
const char *
alga_token_bundle_get_identity (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->identity;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * alga_token_bundle_to_json:
 * @self: a bundle
 *
 * The form kept in the keyring. It contains the secrets: wipe it after use.
 *
 * Returns: (transfer full): a JSON object text
 */
char *
alga_token_bundle_to_json (AlgaTokenBundle *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *expires = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->expires_at != NULL)
    expires = g_date_time_format_iso8601 (self->expires_at);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, BUNDLE_FORMAT_VERSION);
  add_string_member (builder, "serverUrl", self->server_url);
  add_string_member (builder, "userId", self->user_id);
  add_string_member (builder, "userEmail", self->user_email);
  add_string_member (builder, "userName", self->user_name);
  add_string_member (builder, "tenantId", self->tenant_id);
  add_string_member (builder, "accessKey", self->access_key);
  add_string_member (builder, "refreshToken", self->refresh_token);
  add_string_member (builder, "expiresAt", expires);
  if (self->identity != NULL)
    add_string_member (builder, "identity", self->identity);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* A string member, or NULL when it is missing, null, not a string or not UTF-8. json-glib 1.6
 * reads an escape such as \222 as the byte 0x92 and would write it back raw, as text no parser
 * reads again: a bundle holding it could be saved but never restored. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return NULL;

  return value;
}

/* Absent or empty is allowed (a pasted key has no refresh token); present must be usable. */
static gboolean
optional_token_ok (const char *token)
{
  return token == NULL || *token == '\0' || alga_token_is_well_formed (token);
}

/**
 * alga_token_bundle_new_from_json:
 * @json: what alga_token_bundle_to_json() made
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 *   when @json is not a bundle this build can read
 */
AlgaTokenBundle *
alga_token_bundle_new_from_json (const char  *json,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  JsonObject *object;
  JsonNode *root;
  const char *server_url;
  const char *user_id;
  const char *access_key;
  const char *expires;
  AlgaTokenBundle *bundle;

  g_return_val_if_fail (json != NULL, NULL);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    goto bad;

  object = json_node_get_object (root);
  /* Not json_object_get_int_member_with_default, which is critical on a "version" that is an
   * object or an array (fuzz-token-bundle). */
  if (alga_json_get_int (object, "version", 0) != BUNDLE_FORMAT_VERSION)
    goto bad;

  server_url = get_string_member (object, "serverUrl");
  user_id = get_string_member (object, "userId");
  access_key = get_string_member (object, "accessKey");
  /* A key that could not travel in a header is of no use (and would not survive being saved
   * again: fuzz-token-bundle). */
  if (server_url == NULL || *server_url == '\0' || user_id == NULL || *user_id == '\0'
      || !alga_token_is_well_formed (access_key)
      || !optional_token_ok (get_string_member (object, "refreshToken"))
      || !optional_token_ok (get_string_member (object, "tenantId")))
    goto bad;

  expires = get_string_member (object, "expiresAt");
  if (expires != NULL)
    {
      expires_at = g_date_time_new_from_iso8601 (expires, NULL);
      if (expires_at == NULL)
        goto bad;
    }

  bundle = alga_token_bundle_new (server_url, user_id,
                                  get_string_member (object, "userEmail"),
                                  get_string_member (object, "userName"),
                                  get_string_member (object, "tenantId"),
                                  access_key,
                                  get_string_member (object, "refreshToken"),
                                  expires_at);
  bundle->identity = dup_nonempty (get_string_member (object, "identity"));
  return bundle;

bad:
  /* The parser's message could quote the text, which holds the secrets. */
  g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                       _("The stored sign-in could not be read"));
  return NULL;
}

const char *
alga_token_bundle_get_server_url (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->server_url;
}

const char *
alga_token_bundle_get_user_id (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->user_id;
}

const char *
alga_token_bundle_get_user_email (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->user_email;
}

const char *
alga_token_bundle_get_user_name (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->user_name;
}

const char *
alga_token_bundle_get_tenant_id (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tenant_id;
}

const char *
alga_token_bundle_get_access_key (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->access_key;
}

const char *
alga_token_bundle_get_refresh_token (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->refresh_token;
}

/**
 * alga_token_bundle_get_expires_at:
 * @self: a bundle
 *
 * Returns: (transfer none) (nullable): when the access key expires, in UTC, or %NULL if never
 */
GDateTime *
alga_token_bundle_get_expires_at (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->expires_at;
}

/**
 * alga_token_bundle_can_refresh:
 * @self: a bundle
 *
 * Returns: %TRUE for a mobile session, %FALSE for a pasted API key
 */
gboolean
alga_token_bundle_can_refresh (AlgaTokenBundle *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->refresh_token != NULL;
}

/**
 * alga_token_bundle_expires_within:
 * @self: a bundle
 * @margin: a span of time from now
 *
 * Returns: %TRUE if the access key expires before now + @margin; never for a key without expiry
 */
gboolean
alga_token_bundle_expires_within (AlgaTokenBundle *self,
                                  GTimeSpan        margin)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->expires_at == NULL)
    return FALSE;

  now = g_date_time_new_now_utc ();
  return g_date_time_difference (self->expires_at, now) <= margin;
}

/**
 * alga_token_bundle_same_account:
 * @self: a bundle
 * @other: another bundle
 *
 * Returns: %TRUE if both are the same user on the same server (one keyring item)
 */
gboolean
alga_token_bundle_same_account (AlgaTokenBundle *self,
                                AlgaTokenBundle *other)
{
  g_return_val_if_fail (self != NULL && other != NULL, FALSE);

  return g_str_equal (self->server_url, other->server_url)
         && g_str_equal (self->user_id, other->user_id);
}

/**
 * alga_token_is_well_formed:
 * @token: (nullable): an access key, refresh token or tenant id from a server or a person
 *
 * Whether @token can travel in an HTTP header: printable ASCII without spaces, of a sane length.
 * A server answering with a line break in a token would otherwise put it into the next request's
 * headers (found by fuzz-auth).
 *
 * Returns: %TRUE if @token is usable
 */
gboolean
alga_token_is_well_formed (const char *token)
{
  gsize i;

  if (token == NULL || token[0] == '\0')
    return FALSE;

  for (i = 0; token[i] != '\0'; i++)
    if (i >= 4096 || token[i] <= ' ' || token[i] > '~')
      return FALSE;

  return TRUE;
}
