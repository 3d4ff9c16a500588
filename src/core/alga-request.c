/* alga-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-request"

#include "config.h"

#include "alga-request.h"
#include "alga-token-bundle.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alga-client-private.h"
#include "alga-error.h"
#include "alga-json.h"

#define READ_CHUNK_SIZE     (64 * 1024)
#define RETRY_AFTER_DEFAULT 1
#define RETRY_AFTER_MAX     60
#define BACKOFF_MAX_MS      30000
#define PLAIN_TEXT_MAX      200

typedef struct
{
  AlgaClient       *client;
  AlgaCredentials  *credentials;
  char             *method;
  GUri             *uri;
  GBytes           *body;
  AlgaRequestFlags  flags;

  SoupMessage      *message;
  GInputStream     *stream;
  GByteArray       *buffer;
  char             *sent_key;

  /* Sends that a 5xx or a transport error may repeat; replays after a refresh or a 429 do not
   * count, since in both cases the server did nothing with the request. */
  guint             attempts;
  guint             max_attempts;
  guint             base_delay_ms;
  gboolean          refreshed_on_401;
  gboolean          waited_on_429;

  guint             status;
  guint             retry_after;

  GSource          *delay_source;
  GSource          *cancel_source;

  /* The answer's headers must arrive within the client's timeout in all: libsoup's own timeout
   * is per read, which a server trickling one byte at a time never trips. */
  GCancellable     *attempt_cancellable;
  GCancellable     *task_cancellable;
  gulong            cancelled_id;
  GSource          *deadline_source;
  gboolean          deadline_hit;
  /* Counted in the client's AlgaClient:sending until written, answered or dropped. */
  gboolean          sending;
} AlgaRequest;

static void send_attempt (GTask *task);

static void
clear_delay (AlgaRequest *req)
{
  if (req->delay_source != NULL)
    {
      g_source_destroy (req->delay_source);
      g_clear_pointer (&req->delay_source, g_source_unref);
    }
  if (req->cancel_source != NULL)
    {
      g_source_destroy (req->cancel_source);
      g_clear_pointer (&req->cancel_source, g_source_unref);
    }
}

static void
stop_sending (AlgaRequest *req)
{
  if (!req->sending)
    return;

  req->sending = FALSE;
  alga_client_add_sending (req->client, -1);
}

static void
clear_attempt (AlgaRequest *req)
{
  stop_sending (req);
  if (req->message != NULL)
    g_signal_handlers_disconnect_by_data (req->message, req);
  if (req->deadline_source != NULL)
    {
      g_source_destroy (req->deadline_source);
      g_clear_pointer (&req->deadline_source, g_source_unref);
    }
  if (req->cancelled_id != 0)
    g_cancellable_disconnect (req->task_cancellable, req->cancelled_id);
  req->cancelled_id = 0;
  g_clear_object (&req->task_cancellable);
  g_clear_object (&req->attempt_cancellable);
}

static void
on_task_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  AlgaRequest *req = user_data;

  req->deadline_hit = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

/* The clock starts once the request is out, so that waiting for a free connection does not
 * count against the server. */
static void
on_wrote_body_cb (SoupMessage *message,
                  gpointer     user_data)
{
  AlgaRequest *req = user_data;
  guint timeout_s = alga_client_get_timeout (req->client);

  stop_sending (req);

  if (timeout_s == 0 || req->deadline_source != NULL || req->attempt_cancellable == NULL)
    return;

  req->deadline_source = g_timeout_source_new (timeout_s * 1000);
  g_source_set_static_name (req->deadline_source, "[alga] request deadline");
  g_source_set_callback (req->deadline_source, on_deadline_cb, req, NULL);
  g_source_attach (req->deadline_source, g_main_context_get_thread_default ());
}

/* A cancellable for one send that the task's cancellable and the deadline both cancel. */
static GCancellable *
start_attempt (GTask       *task,
               AlgaRequest *req)
{
  clear_attempt (req);
  req->deadline_hit = FALSE;
  req->attempt_cancellable = g_cancellable_new ();

  if (g_task_get_cancellable (task) != NULL)
    {
      req->task_cancellable = g_object_ref (g_task_get_cancellable (task));
      req->cancelled_id = g_cancellable_connect (req->task_cancellable,
                                                 G_CALLBACK (on_task_cancelled_cb),
                                                 g_object_ref (req->attempt_cancellable),
                                                 g_object_unref);
    }

  g_signal_connect (req->message, "wrote-body", G_CALLBACK (on_wrote_body_cb), req);

  return req->attempt_cancellable;
}

static void
alga_request_free (gpointer data)
{
  AlgaRequest *req = data;

  clear_attempt (req);
  clear_delay (req);
  g_clear_object (&req->client);
  g_clear_object (&req->credentials);
  g_clear_pointer (&req->method, g_free);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_object (&req->message);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  g_clear_pointer (&req->sent_key, g_free);
  g_free (req);
}

static gboolean
is_idempotent (AlgaRequest *req)
{
  return g_str_equal (req->method, SOUP_METHOD_GET) || g_str_equal (req->method, SOUP_METHOD_HEAD);
}

static gboolean
may_retry_transient (AlgaRequest *req)
{
  return is_idempotent (req)
         && (req->flags & ALGA_REQUEST_NO_RETRY) == 0
         && req->attempts < req->max_attempts;
}

static gboolean
uses_auth (AlgaRequest *req)
{
  return req->credentials != NULL && (req->flags & ALGA_REQUEST_NO_AUTH) == 0;
}

/* Exponential (×4) from the base delay, with ±20 % jitter so that many clients kept waiting by
 * the same outage do not come back in lockstep. */
static guint
backoff_delay_ms (AlgaRequest *req)
{
  double delay = req->base_delay_ms;

  for (guint i = 1; i < req->attempts && delay < BACKOFF_MAX_MS; i++)
    delay *= 4;
  delay = MIN (delay, BACKOFF_MAX_MS);

  return (guint) (delay * g_random_double_range (0.8, 1.2));
}

static gboolean
on_delay_done_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  AlgaRequest *req = g_task_get_task_data (task);

  clear_delay (req);
  send_attempt (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_delay_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  AlgaRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  clear_delay (req);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  g_task_return_error (task, g_steal_pointer (&error));

  return G_SOURCE_REMOVE;
}

static void
send_after (GTask *task,
            guint  delay_ms)
{
  AlgaRequest *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_debug ("%s %s: trying again in %u ms", req->method, g_uri_get_path (req->uri), delay_ms);

  req->delay_source = g_timeout_source_new (delay_ms);
  g_source_set_static_name (req->delay_source, "[alga] request retry");
  g_source_set_callback (req->delay_source, on_delay_done_cb, g_object_ref (task), g_object_unref);
  g_source_attach (req->delay_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      req->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (req->cancel_source, "[alga] request retry cancelled");
      g_source_set_callback (req->cancel_source, (GSourceFunc) on_delay_cancelled_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (req->cancel_source, g_task_get_context (task));
    }
}

static void
close_stream (AlgaRequest *req)
{
  if (req->stream == NULL)
    return;

  /* Closing before the end makes libsoup drop the connection instead of draining it, which is
   * what a refused (too large) body needs. */
  g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&req->stream);
}

static void
return_error (GTask  *task,
              GError *error)
{
  AlgaRequest *req = g_task_get_task_data (task);

  close_stream (req);
  g_debug ("%s %s failed: %s", req->method, g_uri_get_path (req->uri), error->message);
  if (alga_api_error_is_unreachable (error))
    alga_client_set_offline (req->client, TRUE);
  g_task_return_error (task, error);
}

static void
on_transport_error (GTask        *task,
                    const GError *error)
{
  AlgaRequest *req = g_task_get_task_data (task);
  GError *mapped = alga_request_error_from_transport (error);

  if (alga_api_error_is_unreachable (mapped))
    {
      if (may_retry_transient (req))
        {
          g_debug ("%s %s: %s", req->method, g_uri_get_path (req->uri), error->message);
          g_error_free (mapped);
          close_stream (req);
          send_after (task, backoff_delay_ms (req));
          return;
        }
    }

  return_error (task, mapped);
}

static JsonNode *
parse_json_body (GByteArray  *buffer,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = buffer->len;

  while (len > 0 && g_ascii_isspace (buffer->data[len - 1]))
    len--;
  if (len == 0)
    return json_node_new (JSON_NODE_NULL);

  /* fuzz-ticket-list: deep nesting would overflow the stack inside json-glib. */
  if (!alga_json_depth_ok ((const char *) buffer->data, len))
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                   _("The server's answer is not valid JSON: %s"), _("nested too deeply"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) buffer->data, len, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                   _("The server's answer is not valid JSON: %s"),
                   local_error != NULL ? local_error->message : _("empty document"));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

static void
on_refresh_after_401_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!alga_credentials_refresh_finish (ALGA_CREDENTIALS (source), result, &error))
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  send_attempt (task);
}

static void
finish_response (GTask *task)
{
  AlgaRequest *req = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  guint status = req->status;

  if (status == SOUP_STATUS_UNAUTHORIZED
      && uses_auth (req)
      && req->sent_key != NULL
      && !req->refreshed_on_401)
    {
      req->refreshed_on_401 = TRUE;
      req->attempts--;
      g_debug ("%s %s: key refused, refreshing", req->method, g_uri_get_path (req->uri));
      alga_credentials_refresh_async (req->credentials, req->sent_key,
                                      g_task_get_cancellable (task),
                                      on_refresh_after_401_cb, g_object_ref (task));
      return;
    }

  if (status == 429 /* Too Many Requests, not named by libsoup 3.2 */ && !req->waited_on_429)
    {
      guint wait_s = req->retry_after != 0 ? MIN (req->retry_after, RETRY_AFTER_MAX)
                                           : RETRY_AFTER_DEFAULT;

      req->waited_on_429 = TRUE;
      req->attempts--;
      send_after (task, wait_s * 1000);
      return;
    }

  if ((status == SOUP_STATUS_BAD_GATEWAY
       || status == SOUP_STATUS_SERVICE_UNAVAILABLE
       || status == SOUP_STATUS_GATEWAY_TIMEOUT)
      && may_retry_transient (req))
    {
      send_after (task, backoff_delay_ms (req));
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && (req->flags & ALGA_REQUEST_RAW_BODY) != 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      GError *error = NULL;
      JsonNode *root = parse_json_body (req->buffer, &error);

      if (root == NULL)
        return_error (task, error);
      else
        g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
      return;
    }

  bytes = g_bytes_new (req->buffer->data, req->buffer->len);
  return_error (task,
                alga_request_error_from_response (status,
                                                  soup_message_get_reason_phrase (req->message),
                                                  soup_message_headers_get_content_type (
                                                    soup_message_get_response_headers (req->message),
                                                    NULL),
                                                  bytes));
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        return_error (task, g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                                         _("The server's answer was cut off (%s)"),
                                         error->message));
      else
        on_transport_error (task, error);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      close_stream (req);
      finish_response (task);
      return;
    }

  if (req->buffer->len + size > ALGA_CLIENT_MAX_BODY_SIZE)
    {
      return_error (task, g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                                       _("The server's answer is larger than %u MiB"),
                                       ALGA_CLIENT_MAX_BODY_SIZE / (1024 * 1024)));
      return;
    }

  g_byte_array_append (req->buffer, g_bytes_get_data (bytes, NULL), size);
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read_cb, g_object_ref (task));
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset length;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (req->stream == NULL
      && req->deadline_hit
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                   "No answer within the timeout");
    }
  clear_attempt (req);
  if (req->stream == NULL)
    {
      on_transport_error (task, error);
      return;
    }

  alga_client_set_offline (req->client, FALSE);
  headers = soup_message_get_response_headers (req->message);
  req->status = soup_message_get_status (req->message);
  req->retry_after = alga_request_parse_retry_after (
    soup_message_headers_get_one (headers, "Retry-After"));
  g_debug ("%s %s -> %u", req->method, g_uri_get_path (req->uri), req->status);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      length = soup_message_headers_get_content_length (headers);
      if (length > ALGA_CLIENT_MAX_BODY_SIZE)
        {
          return_error (task, g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                                           _("The server's answer is larger than %u MiB"),
                                           ALGA_CLIENT_MAX_BODY_SIZE / (1024 * 1024)));
          return;
        }
    }

  g_byte_array_set_size (req->buffer, 0);
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read_cb, g_object_ref (task));
}

static void
send_attempt (GTask *task)
{
  AlgaRequest *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_clear_object (&req->message);
  g_clear_pointer (&req->sent_key, g_free);
  req->status = 0;
  req->retry_after = 0;
  req->attempts++;

  req->message = soup_message_new_from_uri (req->method, req->uri);
  /* A redirect would carry the key to wherever the server points; the API never redirects. */
  soup_message_add_flags (req->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (req->message);
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (uses_auth (req))
    {
      g_autofree char *tenant_id = NULL;

      /* Only what can travel in a header: a line break in a stored key or tenant would let
       * whoever wrote it add headers of their own. */
      req->sent_key = alga_credentials_dup_access_key (req->credentials);
      if (alga_token_is_well_formed (req->sent_key))
        soup_message_headers_replace (headers, "x-api-key", req->sent_key);

      tenant_id = alga_credentials_dup_tenant_id (req->credentials);
      if (alga_token_is_well_formed (tenant_id))
        soup_message_headers_replace (headers, "x-tenant-id", tenant_id);
    }

  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->message, "application/json", req->body);

  soup_session_send_async (alga_client_get_session (req->client), req->message,
                           G_PRIORITY_DEFAULT, start_attempt (task, req),
                           on_sent_cb, g_object_ref (task));
  /* After start_attempt (), which ends the count of an attempt before. */
  req->sending = TRUE;
  alga_client_add_sending (req->client, 1);
}

static void
on_refresh_ahead_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!alga_credentials_refresh_finish (ALGA_CREDENTIALS (source), result, &error))
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  send_attempt (task);
}

/**
 * alga_request_start:
 * @task: the task to complete, whose cancellable and context the request uses
 * @client: the client whose session and credentials to use
 * @method: an HTTP method
 * @uri: the whole URI
 * @body: (nullable): a JSON body
 * @flags: #AlgaRequestFlags
 *
 * Starts one request and makes it the task data of @task; see alga_client_request_async().
 */
void
alga_request_start (GTask            *task,
                    AlgaClient       *client,
                    const char       *method,
                    GUri             *uri,
                    JsonNode         *body,
                    AlgaRequestFlags  flags)
{
  AlgaRequest *req;

  req = g_new0 (AlgaRequest, 1);
  req->client = g_object_ref (client);
  req->credentials = alga_client_dup_credentials (client);
  req->method = g_ascii_strup (method, -1);
  req->uri = g_uri_ref (uri);
  req->flags = flags;
  req->buffer = g_byte_array_new ();
  alga_client_get_retry_policy (client, &req->max_attempts, &req->base_delay_ms);

  if (body != NULL)
    {
      gsize len = 0;
      char *text = json_to_string (body, FALSE);

      len = strlen (text);
      req->body = g_bytes_new_take (text, len);
    }

  g_task_set_task_data (task, req, alga_request_free);

  if (uses_auth (req) && alga_credentials_needs_refresh (req->credentials))
    {
      alga_credentials_refresh_async (req->credentials, NULL, g_task_get_cancellable (task),
                                      on_refresh_ahead_cb, g_object_ref (task));
      return;
    }

  send_attempt (task);
}

/**
 * alga_request_propagate:
 * @task: a task started with alga_request_start()
 * @status_out: (out) (optional): the HTTP status of the last answer, or 0 if none came
 * @retry_after_out: (out) (optional): its Retry-After in seconds, or 0
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the parsed JSON root, or %NULL with @error set
 */
JsonNode *
alga_request_propagate (GTask   *task,
                        guint   *status_out,
                        guint   *retry_after_out,
                        GError **error)
{
  AlgaRequest *req = g_task_get_task_data (task);

  if (status_out != NULL)
    *status_out = req != NULL ? req->status : 0;
  if (retry_after_out != NULL)
    *retry_after_out = req != NULL ? req->retry_after : 0;

  return g_task_propagate_pointer (task, error);
}

/**
 * alga_request_parse_retry_after:
 * @value: (nullable): a Retry-After header value
 *
 * Returns: the delay in seconds that @value asks for (delta-seconds or an HTTP date), or 0
 */
guint
alga_request_parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;
  GTimeSpan span;

  if (value == NULL)
    return 0;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return (guint) seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;

  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (when, now);
  if (span <= 0)
    return 0;

  return (guint) MIN ((span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND, G_MAXUINT);
}

/**
 * alga_request_error_from_transport:
 * @error: an error from libsoup or GIO
 *
 * Maps an error of sending or reading into %ALGA_API_ERROR. %G_IO_ERROR_CANCELLED is passed
 * through unchanged, since callers return quietly on it.
 *
 * Returns: (transfer full): a new error
 */
GError *
alga_request_error_from_transport (const GError *error)
{
  if (error->domain == ALGA_API_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_TIMEOUT,
                        _("The server did not answer in time"));

  if (error->domain == G_TLS_ERROR)
    return g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_TLS,
                        _("The server's certificate is not trusted (%s)"), error->message);

  if (error->domain == SOUP_SESSION_ERROR)
    return g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                        _("The server's answer could not be read: %s"), error->message);

  return g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_NETWORK,
                      _("The server could not be reached: %s"), error->message);
}

static char *
join_path (JsonNode *path)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *array;

  if (path == NULL || !JSON_NODE_HOLDS_ARRAY (path))
    return NULL;

  array = json_node_get_array (path);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (text->len > 0)
        g_string_append_c (text, '.');
      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_string_append (text, json_node_get_string (element));
      else if (JSON_NODE_HOLDS_VALUE (element))
        g_string_append_printf (text, "%" G_GINT64_FORMAT, json_node_get_int (element));
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* "comment_text: Comment text is too long (max 5000 characters)" from the first detail that
 * carries a message; details of other shapes (objects, strings) are left to the logs. */
static char *
first_detail (JsonNode *details)
{
  JsonArray *array;
  JsonObject *first;
  g_autofree char *path = NULL;
  const char *message;

  if (details == NULL || !JSON_NODE_HOLDS_ARRAY (details))
    return NULL;

  array = json_node_get_array (details);
  if (json_array_get_length (array) == 0
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
    return NULL;

  first = json_array_get_object_element (array, 0);
  /* alga_json_get_string: json-glib's _with_default getters are critical on a member that is
   * an object or an array (fuzz-error-envelope). */
  message = alga_json_get_string (first, "message");
  if (message == NULL || *message == '\0')
    return NULL;

  path = join_path (json_object_get_member (first, "path"));
  if (path != NULL)
    return g_strdup_printf ("%s: %s", path, message);

  return g_strdup (message);
}

/* "A resolution comment is required before closing; 1 required checklist item is incomplete":
 * a refused close names every rule that failed, each in its own detail with a "rule" member,
 * and the technician needs all of them, not the first. NULL when the details are not rules. */
static char *
rule_details (JsonNode *details)
{
  g_autoptr(GString) text = NULL;
  JsonArray *array;

  if (details == NULL || !JSON_NODE_HOLDS_ARRAY (details))
    return NULL;
  array = json_node_get_array (details);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *message;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          alga_json_get_string (json_node_get_object (element), "rule") == NULL ||
          (message = alga_json_get_string (json_node_get_object (element), "message")) == NULL)
        continue;
      if (text == NULL)
        text = g_string_new (message);
      else
        g_string_append_printf (text, "; %s", message);
    }
  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
message_from_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonNode *error_node;

  /* The depth check: see parse_json_body(). */
  if (body == NULL || g_bytes_get_size (body) == 0
      || !alga_json_depth_ok (g_bytes_get_data (body, NULL), g_bytes_get_size (body))
      || !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                      g_bytes_get_size (body), NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  error_node = json_object_get_member (json_node_get_object (root), "error");
  if (error_node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (error_node) && json_node_get_value_type (error_node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (error_node));

  if (JSON_NODE_HOLDS_OBJECT (error_node))
    {
      JsonObject *object = json_node_get_object (error_node);
      /* Not json_object_get_string_member_with_default: see first_detail(). */
      const char *message = alga_json_get_string (object, "message");
      const char *code = alga_json_get_string (object, "code");
      g_autofree char *detail = rule_details (json_object_get_member (object, "details"));

      if (detail == NULL)
        detail = first_detail (json_object_get_member (object, "details"));

      if (message == NULL || *message == '\0')
        message = code;
      if (message == NULL)
        return g_steal_pointer (&detail);
      if (detail != NULL)
        return g_strdup_printf ("%s: %s", message, detail);
      return g_strdup (message);
    }

  return NULL;
}

/* A short plain-text body is the server's own message (e.g. "File not found"); HTML pages and
 * long texts say nothing a person could use. */
static char *
message_from_plain_text (const char *content_type,
                         GBytes     *body)
{
  const char *data;
  gsize size;
  g_autofree char *text = NULL;

  if (content_type == NULL || g_ascii_strcasecmp (content_type, "text/plain") != 0 || body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (size == 0 || size > PLAIN_TEXT_MAX || !g_utf8_validate (data, size, NULL))
    return NULL;

  text = g_strstrip (g_strndup (data, size));
  if (*text == '\0' || strchr (text, '\n') != NULL)
    return NULL;

  return g_steal_pointer (&text);
}

/**
 * alga_request_error_from_response:
 * @status: the HTTP status, 300 or more
 * @reason: (nullable): the reason phrase
 * @content_type: (nullable): the media type of @body, without parameters
 * @body: (nullable): the answer body
 *
 * Decodes an error answer in any of the shapes the server uses (docs/API.md, Errors):
 * `{"error":{"code","message","details"}}`, `{"error":"…"}`, or a body that is not JSON (an HTML
 * 404, an empty 405, plain text). The message keeps the server's words and, for validation, the
 * first detail's path and message: "Validation failed: comment_text: Comment text is too long".
 *
 * Returns: (transfer full): a new error in %ALGA_API_ERROR
 */
GError *
alga_request_error_from_response (guint       status,
                                  const char *reason,
                                  const char *content_type,
                                  GBytes     *body)
{
  g_autofree char *message = NULL;
  AlgaApiError code;

  if (status < 400)
    return g_error_new (ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                        _("The server answered %u %s, which the API never does"),
                        status, reason != NULL ? reason : "");

  code = alga_api_error_from_http_status (status);

  message = message_from_json (body);
  if (message != NULL)
    return g_error_new_literal (ALGA_API_ERROR, code, message);

  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (status);

  message = message_from_plain_text (content_type, body);
  if (message != NULL)
    return g_error_new (ALGA_API_ERROR, code, _("The server answered %u %s: %s"),
                        status, reason, message);

  return g_error_new (ALGA_API_ERROR, code, _("The server answered %u %s"), status, reason);
}
