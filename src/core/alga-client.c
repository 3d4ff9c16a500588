/* alga-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alga-blocknote.h"
#include "alga-client-call.h"
#include "alga-client-private.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-request.h"
#include "alga-soup-logger.h"
#include "alga-ticket-page.h"

#define DEFAULT_TIMEOUT_S      30
#define DEFAULT_MAX_ATTEMPTS   3
#define DEFAULT_BASE_DELAY_MS  250
#define USER_AGENT             "AlgaPSA-Desktop/" PACKAGE_VERSION " (GNOME)"

struct _AlgaClient
{
  GObject      parent_instance;

  char        *base_url;
  SoupSession *session;
  GWeakRef     credentials;
  guint        timeout;
  guint        max_attempts;
  guint        base_delay_ms;
  /* The last request could not reach the server; edits wait for the next answer. */
  gboolean     offline;
};

G_DEFINE_FINAL_TYPE (AlgaClient, alga_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TICKET_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0
      || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Returns the URL in one spelling (lower-case scheme and host, no default port, no trailing
 * slash), so that accounts compare equal however the technician typed the address. */
static char *
normalize_base_url (const char  *base_url,
                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  const char *path;
  int port;

  text = g_strstrip (g_strdup (base_url != NULL ? base_url : ""));
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                   _("“%s” is not a server address: %s"), text, local_error->message);
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                   _("A server address must start with https://, not %s:"), scheme);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                   _("“%s” names no server"), text);
      return NULL;
    }

  path = g_uri_get_path (uri);
  if (g_uri_get_userinfo (uri) != NULL
      || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL
      || (path != NULL && *path != '\0' && !g_str_equal (path, "/")))
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                   _("A server address is only https:// and a host name, without a path, "
                     "user name or query: “%s”"), text);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (g_str_equal (scheme, "http") && !is_loopback_host (host))
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INSECURE,
                   _("The app refuses plain http:// for %s: the access key would travel "
                     "unencrypted. Use https://"), host);
      return NULL;
    }

  port = g_uri_get_port (uri);
  if ((g_str_equal (scheme, "https") && port == 443) || (g_str_equal (scheme, "http") && port == 80))
    port = -1;

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, port, "", NULL, NULL);
}

static void
alga_client_finalize (GObject *object)
{
  AlgaClient *self = (AlgaClient *) object;

  g_clear_object (&self->session);
  g_weak_ref_clear (&self->credentials);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (alga_client_parent_class)->finalize (object);
}

static void
alga_client_constructed (GObject *object)
{
  AlgaClient *self = (AlgaClient *) object;

  G_OBJECT_CLASS (alga_client_parent_class)->constructed (object);

  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", self->timeout,
                                                 NULL);
  alga_soup_logger_attach (self->session);
}

static void
alga_client_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlgaClient *self = ALGA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_client_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AlgaClient *self = ALGA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      alga_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_client_class_init (AlgaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alga_client_constructed;
  object_class->finalize = alga_client_finalize;
  object_class->get_property = alga_client_get_property;
  object_class->set_property = alga_client_set_property;

  /**
   * AlgaClient:base-url:
   *
   * The server, normalised: `https://host[:port]` without a trailing slash.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * AlgaClient:timeout:
   *
   * Seconds to wait for the server on each read or write before %ALGA_API_ERROR_TIMEOUT.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT_S,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * AlgaClient:offline:
   *
   * The last request could not reach the server (no connection, or no answer in time); the
   * next answer of any kind clears it. Views refuse edits meanwhile.
   */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaClient::ticket-changed:
   * @ticket_id: the ticket
   *
   * An endpoint that writes a ticket (its status, assignee, fields, attributes or comments)
   * succeeded: the change was ours, which the watcher must not announce back. Each such endpoint
   * declares the ticket it writes; alga_client_request_async() announces nothing.
   */
  signals[TICKET_CHANGED] =
    g_signal_new ("ticket-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
alga_client_init (AlgaClient *self)
{
  g_weak_ref_init (&self->credentials, NULL);
  self->timeout = DEFAULT_TIMEOUT_S;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
}

/**
 * alga_client_new:
 * @base_url: the server, e.g. `https://psa.example.com`
 * @error: return location for a #GError
 *
 * Creates a client for one server. The address must use https; plain http is accepted only for
 * loopback hosts (127.0.0.0/8, ::1, localhost), anything else is refused with
 * %ALGA_API_ERROR_INSECURE before a byte is sent. A path, query or user name in @base_url, or
 * another scheme, is %ALGA_API_ERROR_INVALID_INPUT. TLS certificates are always verified.
 *
 * Returns: (transfer full) (nullable): a new client, or %NULL with @error set
 */
AlgaClient *
alga_client_new (const char  *base_url,
                 GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  normalized = normalize_base_url (base_url, error);
  if (normalized == NULL)
    return NULL;

  return g_object_new (ALGA_TYPE_CLIENT, "base-url", normalized, NULL);
}

/**
 * alga_client_get_offline:
 * @self: a #AlgaClient
 *
 * Returns: whether the last request could not reach the server
 */
gboolean
alga_client_get_offline (AlgaClient *self)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), FALSE);

  return self->offline;
}

/* Called by AlgaRequest as each request reaches the server, or fails to. */
void
alga_client_set_offline (AlgaClient *self,
                         gboolean    offline)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  if (self->offline == !!offline)
    return;

  self->offline = !!offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

/**
 * alga_client_get_base_url:
 * @self: a #AlgaClient
 *
 * Returns: the normalised server address, without a trailing slash
 */
const char *
alga_client_get_base_url (AlgaClient *self)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * alga_client_get_session:
 * @self: a #AlgaClient
 *
 * The one session of this client, for tests and for the sign-in probe that must see a
 * redirect (send it with %SOUP_MESSAGE_NO_REDIRECT).
 *
 * Returns: (transfer none): the session
 */
SoupSession *
alga_client_get_session (AlgaClient *self)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), NULL);

  return self->session;
}

/**
 * alga_client_set_credentials:
 * @self: a #AlgaClient
 * @credentials: (nullable): who gives the key, and renews it on 401
 *
 * The client keeps only a weak reference: the session owns the client, not the other way.
 * Requests already running keep the credentials they started with.
 */
void
alga_client_set_credentials (AlgaClient      *self,
                             AlgaCredentials *credentials)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (credentials == NULL || ALGA_IS_CREDENTIALS (credentials));

  g_weak_ref_set (&self->credentials, credentials);
}

/**
 * alga_client_get_timeout:
 * @self: a #AlgaClient
 *
 * Returns: the timeout in seconds
 */
guint
alga_client_get_timeout (AlgaClient *self)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), 0);

  return self->timeout;
}

/**
 * alga_client_set_timeout:
 * @self: a #AlgaClient
 * @seconds: seconds to wait on each read or write, 0 for none (default 30)
 */
void
alga_client_set_timeout (AlgaClient *self,
                         guint       seconds)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->session != NULL)
    g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * alga_client_set_retry_policy:
 * @self: a #AlgaClient
 * @max_attempts: how many times a GET may be sent in all (1 = no retry; default 3)
 * @base_delay_ms: the wait before the first retry (default 250 ms); each later wait is four
 *   times longer, all ±20 %
 *
 * Sets how GET and HEAD requests are repeated on 502, 503, 504, network errors and timeouts.
 */
void
alga_client_set_retry_policy (AlgaClient *self,
                              guint       max_attempts,
                              guint       base_delay_ms)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  self->max_attempts = MAX (max_attempts, 1);
  self->base_delay_ms = base_delay_ms;
}

AlgaCredentials *
alga_client_dup_credentials (AlgaClient *self)
{
  return g_weak_ref_get (&self->credentials);
}

void
alga_client_get_retry_policy (AlgaClient *self,
                              guint      *max_attempts,
                              guint      *base_delay_ms)
{
  *max_attempts = self->max_attempts;
  *base_delay_ms = self->base_delay_ms;
}

GUri *
alga_client_build_uri (AlgaClient  *self,
                       const char  *path,
                       const char  *query,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  GUri *uri;

  if (path == NULL || path[0] != '/')
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                   _("“%s” is not an API path"), path != NULL ? path : "");
      return NULL;
    }

  text = g_strconcat (self->base_url, path,
                      query != NULL && *query != '\0' ? "?" : NULL, query, NULL);
  uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                 _("“%s” is not an API path: %s"), path, local_error->message);

  return uri;
}

typedef struct
{
  char                *ticket_id;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} TicketWrite;

static void
on_ticket_write_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  TicketWrite *write = user_data;

  if (!g_task_had_error (G_TASK (result)))
    g_signal_emit (source, signals[TICKET_CHANGED], 0, write->ticket_id);

  if (write->callback != NULL)
    write->callback (source, result, write->user_data);

  g_free (write->ticket_id);
  g_free (write);
}

/* @written_ticket_id: the ticket the request writes, announced by #AlgaClient::ticket-changed
 * once the server accepted it; %NULL for a request that writes no ticket. Each typed endpoint
 * that writes a ticket passes its id, rather than the id being read back from the path. */
void
alga_client_send_request (AlgaClient          *self,
                          const char          *method,
                          const char          *path,
                          const char          *query,
                          JsonNode            *body,
                          AlgaRequestFlags     flags,
                          const char          *written_ticket_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;

  if (written_ticket_id != NULL)
    {
      TicketWrite *write = g_new0 (TicketWrite, 1);

      write->ticket_id = g_strdup (written_ticket_id);
      write->callback = callback;
      write->user_data = user_data;
      callback = on_ticket_write_done_cb;
      user_data = write;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_client_request_async);
  g_task_set_name (task, "[alga] client request");

  uri = alga_client_build_uri (self, path, query, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  alga_request_start (task, self, method, uri, body, flags);
}

/**
 * alga_client_request_async:
 * @self: a #AlgaClient
 * @method: the HTTP method
 * @path: the path from the server root, starting with `/` (e.g. `/api/v1/tickets`)
 * @query: (nullable): the query string without `?`, already escaped
 * @body: (nullable): the JSON body to send
 * @flags: #AlgaRequestFlags
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * Sends one API request, with `x-api-key` and `x-tenant-id` from the credentials (unless
 * %ALGA_REQUEST_NO_AUTH), and reads at most %ALGA_CLIENT_MAX_BODY_SIZE of the answer.
 *
 * - If the credentials say the key is about to expire, they are refreshed first.
 * - A 401 makes the credentials refresh (with the refused key) and the request is sent once
 *   more with the new key; a second 401 is %ALGA_API_ERROR_UNAUTHORIZED, and a failed refresh
 *   returns the refresh's own error (%ALGA_API_ERROR_SESSION_ENDED).
 * - A 429 waits for Retry-After (at most 60 s; 1 s when absent) and tries once more.
 * - GET and HEAD are repeated on 502/503/504, network errors and timeouts, by the retry policy.
 *   Other methods are never repeated on those: the server may have done the work.
 * - Cancelling gives %G_IO_ERROR_CANCELLED, also while waiting to retry.
 *
 * A request sent this way announces no #AlgaClient::ticket-changed, whatever its path: only the
 * typed endpoints that write a ticket do.
 */
void
alga_client_request_async (AlgaClient          *self,
                           const char          *method,
                           const char          *path,
                           const char          *query,
                           JsonNode            *body,
                           AlgaRequestFlags     flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  alga_client_send_request (self, method, path, query, body, flags, NULL, cancellable, callback,
                            user_data);
}

/**
 * alga_client_request_finish:
 * @self: a #AlgaClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the whole parsed JSON root of the 2xx answer (its envelope
 *   included; an empty body gives a %JSON_NODE_NULL node), or %NULL with @error set in
 *   %ALGA_API_ERROR (or %G_IO_ERROR_CANCELLED)
 */
JsonNode *
alga_client_request_finish (AlgaClient    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return alga_client_request_finish_full (self, result, NULL, NULL, error);
}

/**
 * alga_client_request_finish_full:
 * @self: a #AlgaClient
 * @result: the result given to the callback
 * @status_out: (out) (optional): the HTTP status of the last answer, 0 if none came
 * @retry_after_out: (out) (optional): the Retry-After of the last answer in seconds, 0 if none
 * @error: return location for a #GError
 *
 * Like alga_client_request_finish(), and tells the status and Retry-After, which a #GError
 * cannot carry. They are set on errors too (e.g. 429 still limited after the wait).
 *
 * Returns: (transfer full): as alga_client_request_finish()
 */
JsonNode *
alga_client_request_finish_full (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 guint         *status_out,
                                 guint         *retry_after_out,
                                 GError       **error)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alga_client_request_async, NULL);

  return alga_request_propagate (G_TASK (result), status_out, retry_after_out, error);
}

/* Typed endpoints */

static void
endpoint_free (gpointer data)
{
  AlgaClientCall *endpoint = data;

  g_clear_pointer (&endpoint->pagination, alga_pagination_free);
  g_clear_pointer (&endpoint->ticket_id, g_free);
  g_clear_pointer (&endpoint->ticket_path, g_free);
  g_clear_pointer (&endpoint->changes, json_object_unref);
  g_clear_pointer (&endpoint->written, json_node_unref);
  g_free (endpoint);
}

JsonNode *
alga_client_call_get_data (JsonNode  *root,
                           GError   **error)
{
  JsonNode *data = NULL;

  if (JSON_NODE_HOLDS_OBJECT (root))
    data = json_object_get_member (json_node_get_object (root), "data");

  if (data == NULL)
    g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                         _("The server's answer has no “data”"));

  return data;
}

void
alga_client_call_return (GTask    *task,
                         JsonNode *root)
{
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *items;
  JsonNode *data;

  if (endpoint->kind == ALGA_CLIENT_CALL_BARE_OBJECT)
    {
      if (!JSON_NODE_HOLDS_OBJECT (root))
        g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                                 _("The server's answer is not a JSON object"));
      else
        g_task_return_pointer (task, json_object_ref (json_node_get_object (root)),
                               (GDestroyNotify) json_object_unref);
      return;
    }

  data = alga_client_call_get_data (root, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (endpoint->kind == ALGA_CLIENT_CALL_NODE)
    {
      g_task_return_pointer (task, json_node_copy (data), (GDestroyNotify) json_node_unref);
      return;
    }

  if (endpoint->kind == ALGA_CLIENT_CALL_OBJECT)
    {
      gpointer item = endpoint->decode (data, &error);

      if (item == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, item, g_object_unref);
      return;
    }

  if (endpoint->kind == ALGA_CLIENT_CALL_PAGINATED)
    {
      JsonNode *pagination = json_object_get_member (json_node_get_object (root), "pagination");

      /* A missing block is not worth failing a page of tickets for; callers see NULL. */
      if (pagination != NULL)
        {
          endpoint->pagination = alga_pagination_new_from_json (pagination, &error);
          if (endpoint->pagination == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
        }
    }

  items = alga_json_decode_array (data, endpoint->decode, &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

void
alga_client_call_answered_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  alga_client_call_return (task, root);
}

/* A page of tickets: no JsonNode tree, the bytes go straight to AlgaTickets, four times as fast
 * (docs/PERFORMANCE.md, Ticket pages decoded from their bytes). */
static void
on_ticket_page_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GPtrArray *items;
  GError *error = NULL;

  g_return_if_fail (g_task_get_source_tag (G_TASK (result)) == alga_client_request_async);

  body = (GBytes *) alga_request_propagate (G_TASK (result), NULL, NULL, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  items = alga_ticket_page_decode (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                   &endpoint->pagination, &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

GTask *
alga_client_call_task_new (AlgaClient          *self,
                           gpointer             source_tag,
                           AlgaClientCallKind   kind,
                           AlgaJsonDecodeFunc   decode,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  AlgaClientCall *endpoint;

  endpoint = g_new0 (AlgaClientCall, 1);
  endpoint->kind = kind;
  endpoint->decode = decode;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, endpoint, endpoint_free);

  return task;
}

void
alga_client_call_full (AlgaClient          *self,
                       gpointer             source_tag,
                       const char          *method,
                       const char          *path,
                       const char          *query,
                       JsonNode            *body,
                       AlgaRequestFlags     flags,
                       const char          *written_ticket_id,
                       AlgaClientCallKind   kind,
                       AlgaJsonDecodeFunc   decode,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = alga_client_call_task_new (self, source_tag, kind, decode, cancellable, callback,
                                           user_data);

  if (kind == ALGA_CLIENT_CALL_TICKET_PAGE)
    alga_client_send_request (self, method, path, query, body, flags | ALGA_REQUEST_RAW_BODY,
                              written_ticket_id, cancellable, on_ticket_page_done_cb, task);
  else
    alga_client_send_request (self, method, path, query, body, flags, written_ticket_id,
                              cancellable, alga_client_call_answered_cb, task);
}

gpointer
alga_client_call_finish_full (AlgaClient      *self,
                              GAsyncResult    *result,
                              gpointer         source_tag,
                              AlgaPagination **pagination,
                              GError         **error)
{
  AlgaClientCall *endpoint;
  gpointer value;

  g_return_val_if_fail (ALGA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (pagination != NULL)
    {
      endpoint = g_task_get_task_data (G_TASK (result));
      *pagination = value != NULL && endpoint->pagination != NULL
                    ? alga_pagination_copy (endpoint->pagination) : NULL;
    }

  return value;
}

void
alga_client_call (AlgaClient          *client,
                  gpointer             source_tag,
                  const char          *method,
                  const char          *path,
                  JsonNode            *body,
                  const char          *written_ticket_id,
                  AlgaClientCallKind   kind,
                  AlgaJsonDecodeFunc   decode,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  alga_client_call_full (client, source_tag, method, path, NULL, body, ALGA_REQUEST_DEFAULT,
                         written_ticket_id, kind, decode, cancellable, callback, user_data);
}

gpointer
alga_client_call_finish (AlgaClient    *client,
                         GAsyncResult  *result,
                         gpointer       source_tag,
                         GError       **error)
{
  return alga_client_call_finish_full (client, result, source_tag, NULL, error);
}

char *
alga_client_call_ticket_path (const char *ticket_id,
                              const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (ticket_id, NULL, FALSE);

  return g_strconcat ("/api/v1/tickets/", escaped, suffix, NULL);
}

void
alga_client_call_append_param (GString    *query,
                               const char *name,
                               const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=%s", name, escaped);
}

void
alga_client_call_append_uint_param (GString    *query,
                                    const char *name,
                                    guint       value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  alga_client_call_append_param (query, name, text);
}

/**
 * alga_client_list_tickets_async:
 * @self: a #AlgaClient
 * @query: (nullable): filters, sort and fields; %NULL for the defaults of #AlgaTicketQuery
 * @page: the page, from 1
 * @limit: tickets per page, 1 to 100
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets one page of `GET /api/v1/tickets`.
 */
void
alga_client_list_tickets_async (AlgaClient          *self,
                                AlgaTicketQuery     *query,
                                guint                page,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(AlgaTicketQuery) default_query = NULL;
  g_autofree char *query_string = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));

  if (query == NULL)
    query = default_query = alga_ticket_query_new ();
  query_string = alga_ticket_query_to_string (query, MAX (page, 1), CLAMP (limit, 1, 100));

  alga_client_call_full (self, alga_client_list_tickets_async, "GET", "/api/v1/tickets",
                         query_string, NULL, ALGA_REQUEST_DEFAULT, NULL,
                         ALGA_CLIENT_CALL_TICKET_PAGE, NULL, cancellable, callback, user_data);
}

/**
 * alga_client_list_tickets_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @pagination: (out) (optional) (transfer full) (nullable): the page's position, if the server
 *   sent one
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaTicket): the tickets of the page
 */
GPtrArray *
alga_client_list_tickets_finish (AlgaClient      *self,
                                 GAsyncResult    *result,
                                 AlgaPagination **pagination,
                                 GError         **error)
{
  return alga_client_call_finish_full (self, result, alga_client_list_tickets_async, pagination,
                                       error);
}

/**
 * alga_client_get_ticket_stats_async:
 * @self: a #AlgaClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets `GET /api/v1/tickets/stats`; slow on the server, so call it sparingly.
 */
void
alga_client_get_ticket_stats_async (AlgaClient          *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  alga_client_call (self, alga_client_get_ticket_stats_async, "GET", "/api/v1/tickets/stats",
                    NULL, NULL, ALGA_CLIENT_CALL_OBJECT,
                    (AlgaJsonDecodeFunc) alga_ticket_stats_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTicketStats *
alga_client_get_ticket_stats_finish (AlgaClient    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_get_ticket_stats_async, error);
}

/**
 * alga_client_get_ticket_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the detail of one ticket.
 */
void
alga_client_get_ticket_async (AlgaClient          *self,
                              const char          *ticket_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);

  path = alga_client_call_ticket_path (ticket_id, NULL);
  alga_client_call (self, alga_client_get_ticket_async, "GET", path, NULL, NULL,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTicket *
alga_client_get_ticket_finish (AlgaClient    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_get_ticket_async, error);
}

/**
 * alga_client_list_comments_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @offset: comments to skip
 * @limit: comments to get, 1 to 200, or 0 for the server's default
 * @markdown: whether to ask for `content_format=markdown` (useless for comments written
 *   through the API, whose markdown_content is null)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the comments of a ticket, oldest first. There is no total: ask until a page is short.
 */
void
alga_client_list_comments_async (AlgaClient          *self,
                                 const char          *ticket_id,
                                 guint                offset,
                                 guint                limit,
                                 gboolean             markdown,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);

  if (offset > 0)
    alga_client_call_append_uint_param (query, "offset", offset);
  if (limit > 0)
    alga_client_call_append_uint_param (query, "limit", MIN (limit, 200));
  if (markdown)
    alga_client_call_append_param (query, "content_format", "markdown");

  path = alga_client_call_ticket_path (ticket_id, "/comments");
  alga_client_call_full (self, alga_client_list_comments_async, "GET", path, query->str, NULL,
                         ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_ARRAY,
                         (AlgaJsonDecodeFunc) alga_comment_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_comments_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaComment): the comments
 */
GPtrArray *
alga_client_list_comments_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_comments_async, error);
}

/* The server keeps plain text in one <p>, so the web shows a multi-line comment run together;
 * BlockNote paragraphs and list items keep its shape. Text that starts like JSON would be taken
 * for BlockNote and must be wrapped too. */
char *
alga_client_comment_text_for_server (const char *text)
{
  const char *start = text;

  while (g_ascii_isspace (*start))
    start++;

  if (strchr (text, '\n') != NULL || *start == '[' || *start == '{' ||
      g_str_has_prefix (start, "- ") || g_str_has_prefix (start, "* "))
    return alga_blocknote_from_typed_text (text);

  return g_strdup (text);
}

/**
 * alga_client_post_comment_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @text: the comment as the technician typed it (plain text, up to 5000 characters)
 * @is_internal: whether only staff see it
 * @is_resolution: whether it resolves the ticket
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Posts a comment. Multi-line text goes as BlockNote paragraphs, one per line; a single line
 * goes as is. Never retried: a repeat would post it twice.
 */
void
alga_client_post_comment_async (AlgaClient          *self,
                                const char          *ticket_id,
                                const char          *text,
                                gboolean             is_internal,
                                gboolean             is_resolution,
                                AlgaQuiet            quiet,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *comment_text = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (text != NULL);

  comment_text = alga_client_comment_text_for_server (text);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "comment_text");
  json_builder_add_string_value (builder, comment_text);
  json_builder_set_member_name (builder, "is_internal");
  json_builder_add_boolean_value (builder, is_internal);
  json_builder_set_member_name (builder, "is_resolution");
  json_builder_add_boolean_value (builder, is_resolution);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  alga_quiet_add_to_body (quiet, json_node_get_object (body));

  path = alga_client_call_ticket_path (ticket_id, "/comments");
  alga_client_call (self, alga_client_post_comment_async, "POST", path, body, ticket_id,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_comment_new_from_json,
                    cancellable, callback, user_data);
}

AlgaComment *
alga_client_post_comment_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_post_comment_async, error);
}

static void
put_ticket_member (AlgaClient          *self,
                   gpointer             source_tag,
                   const char          *ticket_id,
                   const char          *suffix,
                   const char          *member,
                   const char          *value,
                   AlgaQuiet            quiet,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  alga_quiet_add_to_body (quiet, json_node_get_object (body));

  path = alga_client_call_ticket_path (ticket_id, suffix);
  alga_client_call (self, source_tag, "PUT", path, body, ticket_id, ALGA_CLIENT_CALL_OBJECT,
                    (AlgaJsonDecodeFunc) alga_ticket_new_from_json, cancellable, callback,
                    user_data);
}

static void
on_status_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The status did change: its answer is better than none. */
      g_debug ("Could not read the ticket again after its status changed: %s", error->message);
      alga_client_call_return (task, endpoint->written);
      return;
    }

  alga_client_call_return (task, root);
}

static void
on_status_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  GError *error = NULL;

  endpoint->written = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (endpoint->written == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The server answers with the row it read before syncing is_closed, closed_at and closed_by
   * to the new status: closing answers "open, never closed". The ticket is read again. */
  alga_client_request_async (ALGA_CLIENT (source), "GET", endpoint->ticket_path, NULL, NULL,
                             ALGA_REQUEST_DEFAULT, g_task_get_cancellable (task),
                             on_status_read_cb, g_object_ref (task));
}

/**
 * alga_client_set_status_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @status_id: a status of the ticket's board
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Moves a ticket to another status, then reads the ticket again: the detail, with its
 * close fields as they are now. Should that read fail, the PUT's bare row (no joined names, and
 * the close fields from before the change) stands in.
 */
void
alga_client_set_status_async (AlgaClient          *self,
                              const char          *ticket_id,
                              const char          *status_id,
                              AlgaQuiet            quiet,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GTask *task;
  AlgaClientCall *endpoint;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (status_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status_id");
  json_builder_add_string_value (builder, status_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  alga_quiet_add_to_body (quiet, json_node_get_object (body));

  task = alga_client_call_task_new (self, alga_client_set_status_async, ALGA_CLIENT_CALL_OBJECT,
                                    (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                                    cancellable, callback, user_data);
  endpoint = g_task_get_task_data (task);
  endpoint->ticket_path = alga_client_call_ticket_path (ticket_id, NULL);
  path = alga_client_call_ticket_path (ticket_id, "/status");
  alga_client_send_request (self, "PUT", path, NULL, body, ALGA_REQUEST_DEFAULT, ticket_id,
                            cancellable, on_status_written_cb, task);
}

AlgaTicket *
alga_client_set_status_finish (AlgaClient    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_set_status_async, error);
}

/**
 * alga_client_set_assignee_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @user_id: (nullable): the new assignee, or %NULL to unassign
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes the primary assignee. The server stores any id it is given, even one of no user:
 * pass only ids that alga_client_list_users_async() returned.
 */
void
alga_client_set_assignee_async (AlgaClient          *self,
                                const char          *ticket_id,
                                const char          *user_id,
                                AlgaQuiet            quiet,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);

  put_ticket_member (self, alga_client_set_assignee_async, ticket_id, "/assignment",
                     "assigned_to", user_id, quiet, cancellable, callback, user_data);
}

AlgaTicket *
alga_client_set_assignee_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_set_assignee_async, error);
}

/**
 * alga_client_update_ticket_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @fields: the members to change (`title`, `priority_id`, …), and the suppression flags of a
 *   quiet change (alga_quiet_add_to_body()); note that `attributes` replaces the whole object,
 *   see alga_client_update_attributes_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends `PUT /api/v1/tickets/{id}` with @fields.
 */
void
alga_client_update_ticket_async (AlgaClient          *self,
                                 const char          *ticket_id,
                                 JsonObject          *fields,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (fields != NULL);

  body = json_node_init_object (json_node_alloc (), fields);
  path = alga_client_call_ticket_path (ticket_id, NULL);
  alga_client_call (self, alga_client_update_ticket_async, "PUT", path, body, ticket_id,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTicket *
alga_client_update_ticket_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_update_ticket_async, error);
}

static JsonObject *
merge_attributes (JsonNode   *ticket_data,
                  JsonObject *changes)
{
  JsonObject *merged = json_object_new ();
  JsonNode *current = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (JSON_NODE_HOLDS_OBJECT (ticket_data))
    current = json_object_get_member (json_node_get_object (ticket_data), "attributes");

  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    {
      json_object_iter_init (&iter, json_node_get_object (current));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (merged, name, json_node_copy (value));
    }

  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (merged, name);
      else
        json_object_set_member (merged, name, json_node_copy (value));
    }

  return merged;
}

static void
on_attributes_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  AlgaClient *self = ALGA_CLIENT (source);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;
  JsonNode *data;

  root = alga_client_request_finish (self, result, &error);
  if (root == NULL || (data = alga_client_call_get_data (root, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  merged = merge_attributes (data, endpoint->changes);
  fields = json_object_new ();
  json_object_set_object_member (fields, "attributes", g_steal_pointer (&merged));
  alga_quiet_add_to_body (endpoint->quiet, fields);
  body = json_node_init_object (json_node_alloc (), fields);

  alga_client_send_request (self, "PUT", endpoint->ticket_path, NULL, body, ALGA_REQUEST_DEFAULT,
                            endpoint->ticket_id, g_task_get_cancellable (task),
                            alga_client_call_answered_cb, g_object_ref (task));
}

/**
 * alga_client_update_attributes_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @changes: members of `attributes` to set; a JSON null removes the member
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes some members of a ticket's `attributes` (due date, watchers, description). The
 * server replaces `attributes` whole, so this reads the ticket, merges @changes into what it
 * holds now and sends the result back. The last writer wins: the API has no versioning.
 */
void
alga_client_update_attributes_async (AlgaClient          *self,
                                     const char          *ticket_id,
                                     JsonObject          *changes,
                                     AlgaQuiet            quiet,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  AlgaClientCall *endpoint;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (changes != NULL);

  task = alga_client_call_task_new (self, alga_client_update_attributes_async,
                                    ALGA_CLIENT_CALL_OBJECT,
                                    (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                                    cancellable, callback, user_data);
  endpoint = g_task_get_task_data (task);
  endpoint->ticket_id = g_strdup (ticket_id);
  endpoint->ticket_path = alga_client_call_ticket_path (ticket_id, NULL);
  endpoint->changes = json_object_ref (changes);
  endpoint->quiet = quiet;

  alga_client_request_async (self, "GET", endpoint->ticket_path, NULL, NULL, ALGA_REQUEST_DEFAULT,
                             cancellable, on_attributes_read_cb, task);
}

AlgaTicket *
alga_client_update_attributes_finish (AlgaClient    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_update_attributes_async, error);
}

/**
 * alga_client_set_priority_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @priority_id: a priority that alga_client_list_priorities_async() returned (the server
 *   stores unknown ids too)
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
alga_client_set_priority_async (AlgaClient          *self,
                                const char          *ticket_id,
                                const char          *priority_id,
                                AlgaQuiet            quiet,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (priority_id != NULL);

  put_ticket_member (self, alga_client_set_priority_async, ticket_id, NULL, "priority_id",
                     priority_id, quiet, cancellable, callback, user_data);
}

AlgaTicket *
alga_client_set_priority_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_set_priority_async, error);
}

/**
 * alga_client_list_activities_async:
 * @self: a #AlgaClient
 * @page: the page, from 1
 * @limit: activities per page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the signed-in user's notifications (`GET /api/v1/activities?type=notification`).
 */
void
alga_client_list_activities_async (AlgaClient          *self,
                                   guint                page,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (ALGA_IS_CLIENT (self));

  alga_client_call_append_param (query, "type", "notification");
  alga_client_call_append_uint_param (query, "page", MAX (page, 1));
  alga_client_call_append_uint_param (query, "pageSize", CLAMP (limit, 1, 100));

  alga_client_call_full (self, alga_client_list_activities_async, "GET", "/api/v1/activities",
                         query->str, NULL, ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_PAGINATED,
                         (AlgaJsonDecodeFunc) alga_activity_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_activities_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @pagination: (out) (optional) (transfer full) (nullable): the page's position
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaActivity): the activities
 */
GPtrArray *
alga_client_list_activities_finish (AlgaClient      *self,
                                    GAsyncResult    *result,
                                    AlgaPagination **pagination,
                                    GError         **error)
{
  return alga_client_call_finish_full (self, result, alga_client_list_activities_async,
                                       pagination, error);
}

static void
on_created_ticket_read_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The ticket exists: its bare row is better than an error that invites a second one. */
      g_debug ("Could not read the new ticket: %s", error->message);
      alga_client_call_return (task, endpoint->written);
      return;
    }
  alga_client_call_return (task, root);
}

static void
on_ticket_created_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  g_autoptr(AlgaTicket) ticket = NULL;
  GError *error = NULL;
  JsonNode *data;

  endpoint->written = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (endpoint->written == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = alga_client_call_get_data (endpoint->written, &error);
  if (data == NULL || (ticket = alga_ticket_new_from_json (data, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  endpoint->ticket_path = alga_client_call_ticket_path (alga_ticket_get_ticket_id (ticket), NULL);
  alga_client_request_async (ALGA_CLIENT (source), "GET", endpoint->ticket_path, NULL, NULL,
                             ALGA_REQUEST_DEFAULT, g_task_get_cancellable (task),
                             on_created_ticket_read_cb, g_object_ref (task));
}

/**
 * alga_client_create_ticket_async:
 * @self: a #AlgaClient
 * @ticket: a new ticket that alga_new_ticket_check() passed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends `POST /api/v1/tickets` and then reads the new ticket, whose detail has the names the
 * creation's bare row lacks. Never retried: a repeat would create it twice.
 */
void
alga_client_create_ticket_async (AlgaClient          *self,
                                 AlgaNewTicket       *ticket,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ALGA_IS_NEW_TICKET (ticket));
  g_return_if_fail (alga_new_ticket_check (ticket) == ALGA_NEW_TICKET_OK);

  body = alga_new_ticket_to_json (ticket);
  task = alga_client_call_task_new (self, alga_client_create_ticket_async, ALGA_CLIENT_CALL_OBJECT,
                                    (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                                    cancellable, callback, user_data);
  alga_client_send_request (self, "POST", "/api/v1/tickets", NULL, body, ALGA_REQUEST_NO_RETRY,
                            NULL, cancellable, on_ticket_created_cb, task);
}

AlgaTicket *
alga_client_create_ticket_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_create_ticket_async, error);
}
