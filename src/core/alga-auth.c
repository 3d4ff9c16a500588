/* alga-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-auth"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>

#include "alga-auth.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-key-owner.h"
#include "alga-user.h"

/* Bytes of randomness in a sign-in state: 256 bits, 43 base64url characters. */
#define STATE_BYTES 32
/* Bytes of the per-installation device id sent with the exchange. */
#define DEVICE_ID_BYTES 16
/* Longer callbacks, or longer parameters, are not something the server sends. */
#define MAX_CALLBACK_LENGTH 4096
#define MAX_PARAM_LENGTH 1024
/* Users asked for when resolving the e-mail of a pasted key (the API's largest page). */
#define USER_SEARCH_LIMIT 100

/* The browser sign-in in progress: only one at a time, so a new begin forgets the old one. */
typedef struct
{
  char   *state;
  gint64  started;  /* g_get_monotonic_time () */
} PendingSignIn;

struct _AlgaAuth
{
  GObject        parent_instance;

  AlgaClient    *client;
  char          *device_id;
  PendingSignIn *pending;
};

G_DEFINE_FINAL_TYPE (AlgaAuth, alga_auth, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_DEVICE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_BOXED_TYPE (AlgaAuthCapabilities, alga_auth_capabilities,
                     alga_auth_capabilities_copy, alga_auth_capabilities_free)

AlgaAuthCapabilities *
alga_auth_capabilities_copy (const AlgaAuthCapabilities *self)
{
  AlgaAuthCapabilities *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->hosted_domain_allowlist = g_strdupv (self->hosted_domain_allowlist);

  return copy;
}

void
alga_auth_capabilities_free (AlgaAuthCapabilities *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->hosted_domain_allowlist);
  g_free (self);
}

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

static void
pending_sign_in_free (PendingSignIn *pending)
{
  if (pending == NULL)
    return;

  g_free (pending->state);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingSignIn, pending_sign_in_free)

/* Random bytes from the kernel's CSPRNG. GRand is a Mersenne Twister seeded from the clock
 * and must not make anything an attacker could guess. */
static gboolean
fill_random (guint8  *buffer,
             gsize    length,
             GError **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("No secure random numbers are available: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      done += (gsize) n;
    }

  return TRUE;
}

/* RFC 4648's base64url (its section 5) without padding: safe in a query string and in a deep
 * link as it is. */
static char *
base64url_encode (const guint8 *data,
                  gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize len = strlen (text);

  while (len > 0 && text[len - 1] == '=')
    text[--len] = '\0';
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }

  return text;
}

static char *
random_token (gsize     n_bytes,
              GError  **error)
{
  guint8 buffer[64];
  char *token;

  g_assert (n_bytes <= sizeof buffer);

  if (!fill_random (buffer, n_bytes, error))
    return NULL;

  token = base64url_encode (buffer, n_bytes);
  explicit_bzero (buffer, sizeof buffer);

  return token;
}

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

static void
alga_auth_dispose (GObject *object)
{
  AlgaAuth *self = ALGA_AUTH (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (alga_auth_parent_class)->dispose (object);
}

static void
alga_auth_finalize (GObject *object)
{
  AlgaAuth *self = ALGA_AUTH (object);

  g_clear_pointer (&self->pending, pending_sign_in_free);
  g_free (self->device_id);

  G_OBJECT_CLASS (alga_auth_parent_class)->finalize (object);
}

static void
alga_auth_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AlgaAuth *self = ALGA_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_DEVICE_ID:
      g_value_set_string (value, self->device_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_auth_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AlgaAuth *self = ALGA_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_DEVICE_ID:
      alga_auth_set_device_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_auth_class_init (AlgaAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_auth_dispose;
  object_class->finalize = alga_auth_finalize;
  object_class->get_property = alga_auth_get_property;
  object_class->set_property = alga_auth_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ALGA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AlgaAuth:device-id:
   *
   * The id sent as `device.deviceId` with the exchange. A random one is made for each
   * #AlgaAuth; the application may keep one across runs and set it here.
   */
  properties[PROP_DEVICE_ID] =
    g_param_spec_string ("device-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_auth_init (AlgaAuth *self)
{
  g_autoptr(GError) error = NULL;

  self->device_id = random_token (DEVICE_ID_BYTES, &error);
  if (self->device_id == NULL)
    {
      /* Not a secret, only an id: a weaker one is better than none. */
      g_warning ("%s", error->message);
      self->device_id = g_uuid_string_random ();
    }
}

/**
 * alga_auth_new:
 * @client: the client of the server to sign in to
 *
 * The sign-in flows of one server. The key sign-in gives @client a temporary key for its one
 * request and then clears the client's credentials: use a client that has no session yet.
 *
 * Returns: (transfer full): a new #AlgaAuth
 */
AlgaAuth *
alga_auth_new (AlgaClient *client)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);

  return g_object_new (ALGA_TYPE_AUTH, "client", client, NULL);
}

/**
 * alga_auth_get_client:
 * @self: an #AlgaAuth
 *
 * Returns: (transfer none): the client
 */
AlgaClient *
alga_auth_get_client (AlgaAuth *self)
{
  g_return_val_if_fail (ALGA_IS_AUTH (self), NULL);

  return self->client;
}

const char *
alga_auth_get_device_id (AlgaAuth *self)
{
  g_return_val_if_fail (ALGA_IS_AUTH (self), NULL);

  return self->device_id;
}

void
alga_auth_set_device_id (AlgaAuth   *self,
                         const char *device_id)
{
  g_return_if_fail (ALGA_IS_AUTH (self));

  if (device_id == NULL || *device_id == '\0' || g_strcmp0 (device_id, self->device_id) == 0)
    return;

  g_free (self->device_id);
  self->device_id = g_strdup (device_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE_ID]);
}

/* Capabilities: whether the server offers the browser sign-in at all */

static void
capabilities_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlgaAuthCapabilities) caps = NULL;
  JsonObject *object;
  JsonObject *providers;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL && g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND))
    {
      /* A server from before the mobile sign-in: it offers only API keys. */
      g_task_return_pointer (task, g_new0 (AlgaAuthCapabilities, 1),
                             (GDestroyNotify) alga_auth_capabilities_free);
      return;
    }
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                               _("The server's sign-in capabilities could not be read"));
      return;
    }

  object = json_node_get_object (root);
  providers = alga_json_get_object (object, "providers");

  caps = g_new0 (AlgaAuthCapabilities, 1);
  caps->enabled = alga_json_get_boolean (object, "enabled", FALSE);
  if (providers != NULL)
    {
      caps->microsoft = alga_json_get_boolean (providers, "microsoft", FALSE);
      caps->google = alga_json_get_boolean (providers, "google", FALSE);
    }
  caps->hosted_domain_allowlist = alga_json_dup_strv (object, "hostedDomainAllowlist");
  caps->access_ttl_sec = (guint) CLAMP (alga_json_get_int (object, "accessTtlSec", 0), 0, G_MAXUINT);
  caps->refresh_ttl_sec = (guint) CLAMP (alga_json_get_int (object, "refreshTtlSec", 0), 0,
                                         G_MAXUINT);
  caps->ott_ttl_sec = (guint) CLAMP (alga_json_get_int (object, "ottTtlSec", 0), 0, G_MAXUINT);

  g_task_return_pointer (task, g_steal_pointer (&caps),
                         (GDestroyNotify) alga_auth_capabilities_free);
}

/**
 * alga_auth_check_capabilities_async:
 * @self: an #AlgaAuth
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks the server which sign-ins it offers. `enabled` is %FALSE on Community Edition, where only
 * a personal API key works.
 */
void
alga_auth_check_capabilities_async (AlgaAuth            *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ALGA_IS_AUTH (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_auth_check_capabilities_async);

  alga_client_request_async (self->client, "GET", "/api/v1/mobile/auth/capabilities", NULL, NULL,
                             ALGA_REQUEST_NO_AUTH, cancellable, capabilities_cb,
                             g_steal_pointer (&task));
}

/**
 * alga_auth_check_capabilities_finish:
 * @self: an #AlgaAuth
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the capabilities, or %NULL with @error set
 */
AlgaAuthCapabilities *
alga_auth_check_capabilities_finish (AlgaAuth      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (ALGA_IS_AUTH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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

  state = random_token (STATE_BYTES, error);
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
  g_clear_pointer (&self->pending, pending_sign_in_free);
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

  g_clear_pointer (&self->pending, pending_sign_in_free);
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
  g_clear_pointer (&self->pending, pending_sign_in_free);

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
