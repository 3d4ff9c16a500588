/* alga-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in flows of one server: the object, its device id, the random tokens the flows
 * make, and whether the server offers the browser sign-in at all. The browser sign-in is in
 * alga-auth-browser.c, the pasted API key in alga-auth-key.c.
 */

#define G_LOG_DOMAIN "alga-auth"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>

#include "alga-auth.h"
#include "alga-auth-private.h"
#include "alga-error.h"
#include "alga-json.h"

/* Bytes of the per-installation device id sent with the exchange. */
#define DEVICE_ID_BYTES 16

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

char *
_alga_auth_random_token (gsize     n_bytes,
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

  g_clear_pointer (&self->pending, _alga_auth_pending_sign_in_free);
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

  self->device_id = _alga_auth_random_token (DEVICE_ID_BYTES, &error);
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
 * alga_auth_new_for_server:
 * @url: the server's address, with its scheme
 * @error: where a wrong address is said
 *
 * The sign-in flows of a server before any account exists, with a client of their own: the
 * sign-in page has a server address, not yet an account to ask for a client.
 *
 * Returns: (transfer full) (nullable): a new #AlgaAuth, or %NULL if @url is not a usable address
 */
AlgaAuth *
alga_auth_new_for_server (const char  *url,
                          GError     **error)
{
  g_autoptr(AlgaClient) client = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client = alga_client_new (url, error);
  if (client == NULL)
    return NULL;

  return alga_auth_new (client);
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
