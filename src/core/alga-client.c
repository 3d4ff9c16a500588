/* alga-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client of one server: its address, the one SoupSession, the credentials' key, requests
 * (sent by AlgaRequest), and the calls every typed endpoint makes (alga-client-call.h). The
 * endpoints themselves are in alga-client-<group>.c: tickets, time, reference, auth,
 * documents, checklist and threads.
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client.h"

#include <glib/gi18n-lib.h>

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
  /* Requests handed to the session and not yet written to the server. */
  guint        n_sending;
};

G_DEFINE_FINAL_TYPE (AlgaClient, alga_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_OFFLINE,
  PROP_SENDING,
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
    case PROP_SENDING:
      g_value_set_boolean (value, self->n_sending > 0);
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

  /**
   * AlgaClient:sending:
   *
   * A request is on its way out: handed to the connection (which may still be opening) but not
   * yet written to the server. Its connection's steps need turns of the main loop; a window
   * about to be shown for the first time can let them go first.
   */
  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL,
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
 * alga_client_get_sending:
 * @self: a #AlgaClient
 *
 * Returns: whether a request sent is not yet written to the server (see #AlgaClient:sending)
 */
gboolean
alga_client_get_sending (AlgaClient *self)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), FALSE);

  return self->n_sending > 0;
}

/* Called by AlgaRequest with +1 as it hands a request to the session, and -1 once that request
 * is written, answered, failed or dropped. */
void
alga_client_add_sending (AlgaClient *self,
                         int         delta)
{
  gboolean was_sending;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (delta > 0 || self->n_sending >= (guint) -delta);

  was_sending = self->n_sending > 0;
  self->n_sending += delta;
  if (was_sending != (self->n_sending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
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
