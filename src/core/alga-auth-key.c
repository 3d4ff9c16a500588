/* alga-auth-key.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The API key sign-in of AlgaAuth: the checks of what was typed, the request that proves the
 * key, and how the key's owner is found when the API will not say.
 */

#define G_LOG_DOMAIN "alga-auth"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "alga-auth-private.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-key-owner.h"
#include "alga-user.h"

/* Users asked for when resolving the e-mail of a pasted key (the API's largest page). */
#define USER_SEARCH_LIMIT 100

/* A key under test, for the one request that checks it. Private to the key sign-in: the
 * client asks its credentials for the key, and there is no session yet to give one. It cannot
 * refresh, so the client turns a 401 into an error at once. */
#define ALGA_TYPE_KEY_PROBE (alga_key_probe_get_type ())
G_DECLARE_FINAL_TYPE (AlgaKeyProbe, alga_key_probe, ALGA, KEY_PROBE, GObject)

struct _AlgaKeyProbe
{
  GObject  parent_instance;
  char    *key;
};

static void key_probe_credentials_iface_init (AlgaCredentialsInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaKeyProbe, alga_key_probe, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ALGA_TYPE_CREDENTIALS,
                                                      key_probe_credentials_iface_init))

static char *
alga_key_probe_dup_access_key (AlgaCredentials *credentials)
{
  return g_strdup (ALGA_KEY_PROBE (credentials)->key);
}

static void
key_probe_credentials_iface_init (AlgaCredentialsInterface *iface)
{
  iface->dup_access_key = alga_key_probe_dup_access_key;
}

static void
alga_key_probe_finalize (GObject *object)
{
  AlgaKeyProbe *self = ALGA_KEY_PROBE (object);

  explicit_bzero (self->key, strlen (self->key));
  g_free (self->key);

  G_OBJECT_CLASS (alga_key_probe_parent_class)->finalize (object);
}

static void
alga_key_probe_class_init (AlgaKeyProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alga_key_probe_finalize;
}

static void
alga_key_probe_init (AlgaKeyProbe *self)
{
}

static AlgaCredentials *
alga_key_probe_new (const char *key)
{
  AlgaKeyProbe *self = g_object_new (ALGA_TYPE_KEY_PROBE, NULL);

  self->key = g_strdup (key);
  return ALGA_CREDENTIALS (self);
}

/* Pasted API key: made by the technician in the web, valid on every edition */

/**
 * alga_auth_normalize_api_key:
 * @key: what was pasted
 * @error: return location for an error
 *
 * Returns: (transfer full): @key without surrounding white space if it is 64 hexadecimal
 *   characters, else %NULL with %ALGA_API_ERROR_INVALID_INPUT
 */
char *
alga_auth_normalize_api_key (const char  *key,
                             GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (key != NULL ? key : ""));
  if (strlen (trimmed) == 64)
    {
      gboolean all_hex = TRUE;

      for (const char *p = trimmed; *p != '\0' && all_hex; p++)
        all_hex = g_ascii_isxdigit (*p);
      if (all_hex)
        return g_steal_pointer (&trimmed);
    }

  explicit_bzero (trimmed, strlen (trimmed));
  g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                       _("An API key is 64 characters, the digits 0–9 and the letters a–f. "
                         "Copy it again from User Profile → API Keys in Alga PSA."));
  return NULL;
}

/**
 * alga_auth_check_email:
 * @email: an e-mail address, without surrounding white space
 * @error: return location for an error
 *
 * A syntax check only, to catch typing slips before asking the server: one `@` with something
 * on both sides, a domain of labels separated by dots, no spaces.
 *
 * Returns: %TRUE if @email looks like an address, else %FALSE with %ALGA_API_ERROR_INVALID_INPUT
 */
gboolean
alga_auth_check_email (const char  *email,
                       GError     **error)
{
  const char *at;
  const char *domain;
  gboolean ok;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = email != NULL && *email != '\0' && strlen (email) <= 254
       && g_utf8_validate (email, -1, NULL);
  at = ok ? strchr (email, '@') : NULL;
  ok = at != NULL && at != email && strchr (at + 1, '@') == NULL;
  domain = ok ? at + 1 : NULL;
  ok = ok && *domain != '\0' && *domain != '.' && !g_str_has_suffix (domain, ".")
       && strstr (domain, "..") == NULL;

  for (const char *p = email; ok && *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>()[]\\,;:\"", *p) != NULL)
        ok = FALSE;
    }

  if (!ok)
    g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                         _("Enter the e-mail address of your Alga PSA account, such as "
                           "name@example.com"));

  return ok;
}

typedef struct
{
  char *key;
  char *email;
} KeySignIn;

static void
key_sign_in_free (KeySignIn *data)
{
  explicit_bzero (data->key, strlen (data->key));
  g_free (data->key);
  g_free (data->email);
  g_free (data);
}

static gboolean
emails_equal (const char *a,
              const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

static void
return_bundle (GTask      *task,
               const char *user_id,
               const char *email,
               const char *name,
               const char *tenant_id,
               const char *identity)
{
  AlgaAuth *self = g_task_get_source_object (task);
  KeySignIn *data = g_task_get_task_data (task);
  g_autoptr(AlgaTokenBundle) bundle = alga_token_bundle_new (alga_client_get_base_url (self->client),
                                                             user_id, email, name, tenant_id,
                                                             data->key, NULL, NULL);

  g_task_return_pointer (task, alga_token_bundle_with_identity (bundle, identity),
                         (GDestroyNotify) alga_token_bundle_unref);
}

static void
key_owner_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeySignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaKeyOwner) owner = alga_key_owner_find_finish (ALGA_CLIENT (source), result, &error);

  if (owner == NULL)
    {
      if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED)
          || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED))
        g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED,
                                 _("This API key was not accepted. It may be mistyped, "
                                   "expired or deactivated."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (owner->evidence)
    {
    case ALGA_KEY_OWNER_ASSIGNED_TICKET:
      if (!emails_equal (owner->email, data->email))
        {
          /* Never a silent switch to another account: the person typed who they are. */
          g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND,
                                   _("This API key belongs to %s (%s), not to %s. Type that "
                                     "address, or use a key of your own account."),
                                   owner->name != NULL ? owner->name : owner->email,
                                   owner->email, data->email);
          return;
        }
      return_bundle (task, owner->user_id, owner->email, owner->name, owner->tenant_id,
                     ALGA_IDENTITY_ASSIGNED_TICKET);
      return;

    case ALGA_KEY_OWNER_OWN_WORK:
      /* The person confirms the name before this account is kept (see the sign-in page). */
      return_bundle (task, owner->user_id, data->email, owner->name, owner->tenant_id,
                     ALGA_IDENTITY_OWN_WORK);
      return;

    case ALGA_KEY_OWNER_NONE:
    default:
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN,
                               _("This key works, but Alga PSA does not tell whose it is, and "
                                 "your account has no assigned tickets or time entries yet "
                                 "that would show it. Ask a colleague to assign a ticket to "
                                 "you, or log some time in Alga PSA, then sign in again."));
      return;
    }
}

/* The key may not list users (a Technician's): who it is comes from its own work. */
static void
find_key_owner (GTask *task)
{
  AlgaAuth *self = g_task_get_source_object (task);
  KeySignIn *data = g_task_get_task_data (task);
  g_autoptr(AlgaCredentials) probe = alga_key_probe_new (data->key);

  alga_key_owner_find_async (self->client, probe, g_task_get_cancellable (task), key_owner_cb, task);
}

static void
users_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeySignIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *users;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    {
      /* The probe cannot refresh, so a refused key comes back as either code. */
      if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED)
          || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED))
        g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED,
                                 _("This API key was not accepted. It may be mistyped, "
                                   "expired or deactivated."));
      else if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN))
        find_key_owner (g_steal_pointer (&task));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  users = JSON_NODE_HOLDS_OBJECT (root)
          ? alga_json_get_array (json_node_get_object (root), "data") : NULL;
  if (users == NULL)
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                               _("The server's list of users could not be read"));
      return;
    }

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonNode *node = json_array_get_element (users, i);
      g_autoptr(AlgaUser) user = NULL;
      g_autofree char *name = NULL;
      const char *email;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      email = alga_json_get_string (object, "email");
      if (email == NULL || !emails_equal (email, data->email))
        continue;

      user = alga_user_new_from_json (node, NULL);
      if (user == NULL)
        continue;

      name = alga_user_dup_display_name (user);
      return_bundle (task, alga_user_get_user_id (user), email, name,
                     alga_json_get_string (object, "tenant"), ALGA_IDENTITY_USER_LIST);
      return;
    }

  g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND,
                           _("No user with the e-mail address %s is visible to this API key. "
                             "Check the address, or use a key of your own account."),
                           data->email);
}

/**
 * alga_auth_sign_in_with_key_async:
 * @self: an #AlgaAuth
 * @key: a personal API key, as pasted
 * @email: the e-mail address of the key's user
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Signs in with a key made in Alga PSA (works on every edition). The key's shape and the
 * e-mail's syntax are checked first, without a request (%ALGA_API_ERROR_INVALID_INPUT). Then one
 * `GET /api/v1/users?search=<email>` with the key both proves it (401 gives
 * %ALGA_API_ERROR_UNAUTHORIZED) and finds who it belongs to, since the API has no "who am I":
 * the user whose e-mail matches (ignoring case), else %ALGA_API_ERROR_NOT_FOUND.
 *
 * A key that may not list users (a Technician's) is placed by its own activities feed instead
 * (alga_key_owner_find_async()): a ticket assigned to its user gives the e-mail, which must be
 * the one typed (else %ALGA_API_ERROR_NOT_FOUND naming the key's owner); its own time entries
 * give the user but no e-mail, and the bundle's identity is then %ALGA_IDENTITY_OWN_WORK, which
 * the person must confirm before it is kept; with no work at all it is
 * %ALGA_API_ERROR_FORBIDDEN, saying what to do. alga_token_bundle_get_identity() tells which.
 */
void
alga_auth_sign_in_with_key_async (AlgaAuth            *self,
                                  const char          *key,
                                  const char          *email,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaCredentials) probe = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *trimmed_email = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;
  KeySignIn *data;

  g_return_if_fail (ALGA_IS_AUTH (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_auth_sign_in_with_key_async);

  normalized = alga_auth_normalize_api_key (key, &error);
  if (normalized == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  trimmed_email = g_strstrip (g_strdup (email != NULL ? email : ""));
  if (!alga_auth_check_email (trimmed_email, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (KeySignIn, 1);
  data->key = g_strdup (normalized);
  data->email = g_strdup (trimmed_email);
  g_task_set_task_data (task, data, (GDestroyNotify) key_sign_in_free);

  escaped = g_uri_escape_string (trimmed_email, NULL, FALSE);
  query = g_strdup_printf ("search=%s&limit=%d", escaped, USER_SEARCH_LIMIT);

  /* The request takes its own reference to the credentials when it starts, so the client
   * holds the probe only for this one call. */
  probe = alga_key_probe_new (normalized);
  alga_client_set_credentials (self->client, probe);
  alga_client_request_async (self->client, "GET", "/api/v1/users", query, NULL,
                             ALGA_REQUEST_DEFAULT, cancellable, users_cb,
                             g_steal_pointer (&task));
  alga_client_set_credentials (self->client, NULL);

  explicit_bzero (normalized, strlen (normalized));
}

/**
 * alga_auth_sign_in_with_key_finish:
 * @self: an #AlgaAuth
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the account's bundle (no refresh token, no expiry), or %NULL with
 *   @error set
 */
AlgaTokenBundle *
alga_auth_sign_in_with_key_finish (AlgaAuth      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (ALGA_IS_AUTH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
