/* alga-client-documents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's documents (docs/API.md, Documents). Uploads and downloads do not go through
 * AlgaRequest, which holds whole JSON bodies: an upload streams the file from disk inside a
 * multipart body, reporting what was written; a download streams the answer into a file that
 * replaces the destination only once complete. Both send the credentials' key, refresh it
 * ahead when due and once on a 401, and are never repeated otherwise.
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alga-client-documents.h"
#include "alga-client-call.h"
#include "alga-client-private.h"
#include "alga-credentials.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-request.h"
#include "alga-token-bundle.h"
#include "alga-upload-stream.h"

#define CHUNK_SIZE        (64 * 1024)
#define ERROR_BODY_MAX    (64 * 1024)

typedef struct
{
  AlgaClient            *client;
  AlgaCredentials       *credentials;
  char                  *ticket_id;
  GUri                  *uri;
  char                  *sent_key;
  gboolean               refreshed;

  /* Upload */
  char                  *name;
  GFile                 *file;
  GBytes                *content;
  GBytes                *head;
  GBytes                *tail;
  char                  *boundary;
  goffset                size;
  goffset                written;

  /* Download */
  GFile                 *destination;
  GInputStream          *input;
  GOutputStream         *output;
  char                  *server_name;
  guint8                *buffer;
  goffset                received;

  GFileProgressCallback  progress;
  gpointer               progress_data;
  SoupMessage           *message;
} Transfer;

static void
transfer_free (gpointer data)
{
  Transfer *t = data;

  if (t->message != NULL)
    g_signal_handlers_disconnect_by_data (t->message, t);
  g_clear_object (&t->message);
  g_clear_object (&t->client);
  g_clear_object (&t->credentials);
  g_free (t->ticket_id);
  g_clear_pointer (&t->uri, g_uri_unref);
  g_free (t->sent_key);
  g_free (t->name);
  g_clear_object (&t->file);
  g_clear_pointer (&t->content, g_bytes_unref);
  g_clear_pointer (&t->head, g_bytes_unref);
  g_clear_pointer (&t->tail, g_bytes_unref);
  g_free (t->boundary);
  g_clear_object (&t->destination);
  g_clear_object (&t->input);
  g_clear_object (&t->output);
  g_free (t->server_name);
  g_free (t->buffer);
  g_free (t);
}

static Transfer *
transfer_new (AlgaClient  *client,
              const char  *ticket_id,
              const char  *suffix,
              GError     **error)
{
  g_autofree char *path = alga_client_call_ticket_path (ticket_id, suffix);
  Transfer *t;
  GUri *uri = alga_client_build_uri (client, path, NULL, error);

  if (uri == NULL)
    return NULL;
  t = g_new0 (Transfer, 1);
  t->client = g_object_ref (client);
  t->credentials = alga_client_dup_credentials (client);
  t->ticket_id = g_strdup (ticket_id);
  t->uri = uri;
  return t;
}

static SoupMessage *
new_message (Transfer   *t,
             const char *method)
{
  SoupMessage *message = soup_message_new_from_uri (method, t->uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  /* A redirect would carry the key elsewhere; the API never redirects. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  g_clear_pointer (&t->sent_key, g_free);
  if (t->credentials != NULL)
    {
      g_autofree char *tenant_id = alga_credentials_dup_tenant_id (t->credentials);

      t->sent_key = alga_credentials_dup_access_key (t->credentials);
      if (alga_token_is_well_formed (t->sent_key))
        soup_message_headers_replace (headers, "x-api-key", t->sent_key);
      if (alga_token_is_well_formed (tenant_id))
        soup_message_headers_replace (headers, "x-tenant-id", tenant_id);
    }
  return message;
}

static void
return_transport_error (GTask        *task,
                        const GError *error)
{
  Transfer *t = g_task_get_task_data (task);
  GError *mapped = alga_request_error_from_transport (error);

  if (alga_api_error_is_unreachable (mapped))
    alga_client_set_offline (t->client, TRUE);
  g_task_return_error (task, mapped);
}

static void
return_answer_error (GTask       *task,
                     SoupMessage *message,
                     GBytes      *body)
{
  const char *content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);

  g_task_return_error (task, alga_request_error_from_response (soup_message_get_status (message),
                                                               soup_message_get_reason_phrase (message),
                                                               content_type, body));
}

/* Refreshing ------------------------------------------------------------------------------- */

typedef void (*SendFunc) (GTask *task);

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SendFunc send = g_object_get_data (G_OBJECT (task), "alga-send");

  if (!alga_credentials_refresh_finish (ALGA_CREDENTIALS (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  send (g_steal_pointer (&task));
}

/* Refreshes the key (the refused one, or ahead of time when rejected_key is NULL), then sends. */
static void
refresh_then (GTask      *task,
              const char *rejected_key,
              SendFunc    send)
{
  Transfer *t = g_task_get_task_data (task);

  g_object_set_data (G_OBJECT (task), "alga-send", send);
  alga_credentials_refresh_async (t->credentials, rejected_key, g_task_get_cancellable (task),
                                  on_refreshed_cb, task);
}

static gboolean
needs_refresh_ahead (Transfer *t)
{
  return t->credentials != NULL && alga_credentials_needs_refresh (t->credentials);
}

/* Whether a 401 should refresh and send once more; takes the task's reference if so. */
static gboolean
retry_after_401 (GTask       *task,
                 SoupMessage *message,
                 SendFunc     send)
{
  Transfer *t = g_task_get_task_data (task);

  if (soup_message_get_status (message) != SOUP_STATUS_UNAUTHORIZED || t->refreshed || t->credentials == NULL)
    return FALSE;
  t->refreshed = TRUE;
  refresh_then (task, t->sent_key, send);
  return TRUE;
}

/* Names ------------------------------------------------------------------------------------ */

/* The multipart head of the file part. The name is written as browsers write it: UTF-8, with
 * the quote and line breaks percent-encoded (the server keeps the name as it reads it). */
static GBytes *
part_head (const char *boundary,
           const char *name,
           const char *content_type)
{
  GString *head = g_string_new (NULL);

  g_string_append_printf (head, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"", boundary);
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (head, "%22");
      else if (*p == '\r')
        g_string_append (head, "%0D");
      else if (*p == '\n')
        g_string_append (head, "%0A");
      else
        g_string_append_c (head, *p);
    }
  g_string_append_printf (head, "\"\r\nContent-Type: %s\r\n\r\n", content_type);
  return g_string_free_to_bytes (head);
}

static GBytes *
part_tail (const char *boundary)
{
  g_autofree char *tail = g_strdup_printf ("\r\n--%s--\r\n", boundary);

  return g_bytes_new (tail, strlen (tail));
}

/* The framing around the file for a name, with the longest boundary this file makes. */
static goffset
framing_size (const char *name)
{
  g_autofree char *boundary = g_strnfill (48, 'x');
  g_autoptr(GBytes) head = part_head (boundary, name, "application/octet-stream");
  g_autoptr(GBytes) tail = part_tail (boundary);

  /* A content type longer than the one measured adds its length, which stays well below a
   * kilobyte; keep that much spare. */
  return g_bytes_get_size (head) + g_bytes_get_size (tail) + 1024;
}

/**
 * alga_client_document_fits:
 * @name: the file name to upload under
 * @size: the file's size in bytes
 *
 * The server checks no size (nor type) of its own but reads at most 100 MB of a request: a
 * larger upload would be sent whole and then refused with a 500. Ask before sending.
 *
 * Returns: whether an upload of @size bytes under @name stays within the server's limit
 */
gboolean
alga_client_document_fits (const char *name,
                           goffset     size)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return size >= 0 && size + framing_size (name) <= ALGA_DOCUMENT_MAX_REQUEST_SIZE;
}

/**
 * alga_document_name_from_disposition:
 * @header: (nullable): a Content-Disposition value
 *
 * The server writes the file name percent-encoded inside the quotes, without `filename*`
 * (`attachment; filename="notes%20%C3%A4.txt"`). A `filename*` (RFC 5987), should a server send
 * one, is decoded by libsoup and preferred.
 *
 * Returns: (transfer full) (nullable): the decoded name, or %NULL when there is none or it is
 *   not valid UTF-8
 */
char *
alga_document_name_from_disposition (const char *header)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *disposition = NULL;
  const char *raw;
  char *name;

  if (header == NULL)
    return NULL;
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_replace (headers, "Content-Disposition", header);
  if (!soup_message_headers_get_content_disposition (headers, &disposition, &params) ||
      (raw = g_hash_table_lookup (params, "filename")) == NULL)
    return NULL;
  /* libsoup has decoded a filename* already; a plain filename is still percent-encoded, and a
   * literal "%" that is not an escape leaves it as it is. */
  name = g_uri_unescape_string (raw, NULL);
  if (name == NULL)
    name = g_strdup (raw);
  if (!g_utf8_validate (name, -1, NULL) || name[0] == '\0')
    g_clear_pointer (&name, g_free);
  return name;
}

/**
 * alga_document_safe_file_name:
 * @name: (nullable): a document's name as the server gives it
 *
 * A name to save the document under in a folder of the app's choosing: no folder part, no
 * control characters, not hidden, not empty.
 *
 * Returns: (transfer full): a file name
 */
char *
alga_document_safe_file_name (const char *name)
{
  g_autoptr(GString) safe = g_string_new (NULL);
  const char *base;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("document");
  base = strrchr (name, '/');
  base = base != NULL ? base + 1 : name;
  if (strrchr (base, '\\') != NULL)
    base = strrchr (base, '\\') + 1;
  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (safe, '_');
      else
        g_string_append_unichar (safe, c);
    }
  while (safe->len > 0 && safe->str[0] == '.')
    g_string_erase (safe, 0, 1);
  if (safe->len == 0)
    g_string_assign (safe, "document");
  return g_string_free (g_steal_pointer (&safe), FALSE);
}

/* Listing and deleting ---------------------------------------------------------------------- */

/**
 * alga_client_list_documents_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the ticket's documents, newest first (not paged).
 */
void
alga_client_list_documents_async (AlgaClient          *self,
                                  const char          *ticket_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);

  path = alga_client_call_ticket_path (ticket_id, "/documents");
  alga_client_call (self, alga_client_list_documents_async, "GET", path, NULL, NULL,
                    ALGA_CLIENT_CALL_ARRAY, (AlgaJsonDecodeFunc) alga_document_new_from_json,
                    cancellable, callback, user_data);
}

/**
 * alga_client_list_documents_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaDocument): the documents
 */
GPtrArray *
alga_client_list_documents_finish (AlgaClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_documents_async, error);
}

/**
 * alga_client_delete_document_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket
 * @document_id: one of its documents
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a document from the ticket (the server answers 200 with `data: null`).
 */
void
alga_client_delete_document_async (AlgaClient          *self,
                                   const char          *ticket_id,
                                   const char          *document_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && document_id != NULL);

  escaped = g_uri_escape_string (document_id, NULL, FALSE);
  suffix = g_strconcat ("/documents/", escaped, NULL);
  path = alga_client_call_ticket_path (ticket_id, suffix);
  alga_client_call (self, alga_client_delete_document_async, "DELETE", path, NULL, ticket_id,
                    ALGA_CLIENT_CALL_NODE, NULL, cancellable, callback, user_data);
}

gboolean
alga_client_delete_document_finish (AlgaClient    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(JsonNode) data = alga_client_call_finish (self, result, alga_client_delete_document_async, error);

  return data != NULL;
}

/* Uploading --------------------------------------------------------------------------------- */

static void send_upload (GTask *task);

static void
on_wrote_body_data_cb (SoupMessage *message,
                       guint        chunk_size,
                       gpointer     user_data)
{
  Transfer *t = user_data;
  goffset body = t->size;

  /* Only the file's own bytes count, not the framing around them. */
  t->written += chunk_size;
  if (t->progress != NULL)
    t->progress (CLAMP (t->written - (goffset) g_bytes_get_size (t->head), 0, body), body, t->progress_data);
}

static void
on_upload_answered_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transfer *t = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  AlgaDocument *document;
  JsonNode *root;
  guint status;

  if (body == NULL)
    {
      return_transport_error (task, error);
      return;
    }
  alga_client_set_offline (t->client, FALSE);
  status = soup_message_get_status (t->message);
  if (retry_after_401 (task, t->message, send_upload))
    {
      g_steal_pointer (&task);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      return_answer_error (task, t->message, body);
      return;
    }

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                               _("The server's answer could not be read"));
      return;
    }
  document = alga_document_new_from_json (json_object_get_member (json_node_get_object (root), "data"), &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_signal_emit_by_name (t->client, "ticket-changed", t->ticket_id);
  g_task_return_pointer (task, document, g_object_unref);
}

static void
send_upload_stream (GTask        *task,
                    GInputStream *file_stream)
{
  Transfer *t = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = alga_upload_stream_new (t->head, file_stream, t->tail);
  g_autofree char *content_type = g_strdup_printf ("multipart/form-data; boundary=%s", t->boundary);
  goffset total = g_bytes_get_size (t->head) + t->size + g_bytes_get_size (t->tail);

  if (t->message != NULL)
    g_signal_handlers_disconnect_by_data (t->message, t);
  g_clear_object (&t->message);
  t->message = new_message (t, "POST");
  t->written = 0;
  soup_message_headers_replace (soup_message_get_request_headers (t->message), "Accept", "application/json");
  soup_message_set_request_body (t->message, content_type, stream, total);
  g_signal_connect (t->message, "wrote-body-data", G_CALLBACK (on_wrote_body_data_cb), t);
  soup_session_send_and_read_async (alga_client_get_session (t->client), t->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_upload_answered_cb, task);
}

static void
on_file_opened_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read_finish (G_FILE (source), result, &error);

  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  send_upload_stream (task, G_INPUT_STREAM (stream));
}

/* Takes the task's reference. */
static void
send_upload (GTask *task)
{
  Transfer *t = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (t->file != NULL)
    g_file_read_async (t->file, G_PRIORITY_DEFAULT, g_task_get_cancellable (task), on_file_opened_cb, task);
  else
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (t->content);

      send_upload_stream (task, stream);
    }
}

static void
start_upload (GTask *task)
{
  Transfer *t = g_task_get_task_data (task);

  if (!alga_client_document_fits (t->name, t->size))
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                               _("The file is larger than the server accepts (100 MB)"));
      g_object_unref (task);
      return;
    }
  if (needs_refresh_ahead (t))
    refresh_then (task, NULL, send_upload);
  else
    send_upload (task);
}

static void
on_file_queried_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *t = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);

  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                               _("Only files can be attached, not folders"));
      g_object_unref (task);
      return;
    }
  t->size = g_file_info_get_size (info);
  start_upload (task);
}

/**
 * alga_client_upload_document_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket to attach to
 * @file: (nullable): the file to upload, read as it is sent
 * @content: (nullable): the bytes to upload, when there is no @file (a pasted image)
 * @name: the name the document gets
 * @content_type: (nullable): its media type; %NULL for `application/octet-stream`
 * @progress: (nullable) (scope notified): told how many of the file's bytes were sent
 * @progress_data: data for @progress, which must live until the callback
 * @cancellable: (nullable): a #GCancellable; cancelling stops the upload where it is
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Attaches a file to the ticket as one multipart part named `file`. A file that with its
 * framing would pass the server's 100 MB request cap is refused before anything is sent
 * (%ALGA_API_ERROR_INVALID_INPUT), as is a folder. Never repeated except once after a
 * refused key was refreshed.
 */
void
alga_client_upload_document_async (AlgaClient            *self,
                                   const char            *ticket_id,
                                   GFile                 *file,
                                   GBytes                *content,
                                   const char            *name,
                                   const char            *content_type,
                                   GFileProgressCallback  progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uuid = NULL;
  GError *error = NULL;
  Transfer *t;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && name != NULL);
  g_return_if_fail ((file == NULL) != (content == NULL));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_client_upload_document_async);
  g_task_set_name (task, "[alga] upload document");
  t = transfer_new (self, ticket_id, "/documents", &error);
  if (t == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, t, transfer_free);
  t->name = g_strdup (name);
  t->file = file != NULL ? g_object_ref (file) : NULL;
  t->content = content != NULL ? g_bytes_ref (content) : NULL;
  t->progress = progress;
  t->progress_data = progress_data;
  uuid = g_uuid_string_random ();
  t->boundary = g_strconcat ("alga-", uuid, NULL);
  t->head = part_head (t->boundary, name, content_type != NULL ? content_type : "application/octet-stream");
  t->tail = part_tail (t->boundary);

  if (file != NULL)
    g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                             G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                             on_file_queried_cb, g_steal_pointer (&task));
  else
    {
      t->size = g_bytes_get_size (content);
      start_upload (g_steal_pointer (&task));
    }
}

/**
 * alga_client_upload_document_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new document
 */
AlgaDocument *
alga_client_upload_document_finish (AlgaClient    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alga_client_upload_document_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Downloading ------------------------------------------------------------------------------- */

static void send_download (GTask *task);
static void read_next (GTask *task);

/* The destination is written through a temporary file that replaces it on close; a download
 * that fails closes it cancelled, which drops the temporary file and leaves the destination as
 * it was. */
static void
abandon_output (Transfer *t)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  if (t->output == NULL)
    return;
  g_cancellable_cancel (cancelled);
  g_output_stream_close (t->output, cancelled, NULL);
  g_clear_object (&t->output);
}

static void
fail_download (GTask  *task,
               GError *error)
{
  Transfer *t = g_task_get_task_data (task);

  abandon_output (t);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_output_closed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *t = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error))
    {
      g_clear_object (&t->output);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_clear_object (&t->output);
  g_task_return_pointer (task, t->server_name != NULL ? g_steal_pointer (&t->server_name) : g_strdup (""), g_free);
  g_object_unref (task);
}

static void
on_chunk_written_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      fail_download (task, g_steal_pointer (&error));
      return;
    }
  read_next (task);
}

static void
on_chunk_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *t = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (n < 0)
    {
      fail_download (task, alga_request_error_from_transport (error));
      return;
    }
  if (n == 0)
    {
      g_output_stream_close_async (t->output, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   on_output_closed_cb, task);
      return;
    }
  t->received += n;
  if (t->progress != NULL)
    t->progress (t->received, MAX (t->size, t->received), t->progress_data);
  g_output_stream_write_all_async (t->output, t->buffer, n, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_chunk_written_cb, task);
}

static void
read_next (GTask *task)
{
  Transfer *t = g_task_get_task_data (task);

  g_input_stream_read_async (t->input, t->buffer, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), on_chunk_read_cb, task);
}

static void
on_output_opened_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *t = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GFileOutputStream *output = g_file_replace_finish (G_FILE (source), result, &error);

  if (output == NULL)
    {
      fail_download (task, g_steal_pointer (&error));
      return;
    }
  t->output = G_OUTPUT_STREAM (output);
  t->buffer = g_malloc (CHUNK_SIZE);
  read_next (task);
}

static void
on_error_body_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *t = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);

  return_answer_error (task, t->message, body);
  g_object_unref (task);
}

static void
on_download_answered_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  Transfer *t = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GInputStream *input = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  guint status;

  if (input == NULL)
    {
      return_transport_error (task, error);
      g_object_unref (task);
      return;
    }
  t->input = input;
  alga_client_set_offline (t->client, FALSE);
  status = soup_message_get_status (t->message);
  if (retry_after_401 (task, t->message, send_download))
    {
      g_clear_object (&t->input);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_input_stream_read_bytes_async (t->input, ERROR_BODY_MAX, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), on_error_body_read_cb, task);
      return;
    }

  t->server_name = alga_document_name_from_disposition (
    soup_message_headers_get_one (soup_message_get_response_headers (t->message), "Content-Disposition"));
  g_file_replace_async (t->destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        G_PRIORITY_DEFAULT, g_task_get_cancellable (task), on_output_opened_cb, task);
}

/* Takes the task's reference. */
static void
send_download (GTask *task)
{
  Transfer *t = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  g_clear_object (&t->message);
  t->message = new_message (t, "GET");
  t->received = 0;
  soup_session_send_async (alga_client_get_session (t->client), t->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_download_answered_cb, task);
}

/**
 * alga_client_download_document_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket
 * @document_id: one of its documents
 * @destination: the file to write; replaced only once the download is complete
 * @expected_size: the document's size from the list, for @progress (the server sends no length)
 * @progress: (nullable) (scope notified): told how many bytes arrived
 * @progress_data: data for @progress, which must live until the callback
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Downloads a document's bytes into @destination as they arrive.
 */
void
alga_client_download_document_async (AlgaClient            *self,
                                     const char            *ticket_id,
                                     const char            *document_id,
                                     GFile                 *destination,
                                     goffset                expected_size,
                                     GFileProgressCallback  progress,
                                     gpointer               progress_data,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;
  GError *error = NULL;
  Transfer *t;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && document_id != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_client_download_document_async);
  g_task_set_name (task, "[alga] download document");
  escaped = g_uri_escape_string (document_id, NULL, FALSE);
  suffix = g_strconcat ("/documents/", escaped, NULL);
  t = transfer_new (self, ticket_id, suffix, &error);
  if (t == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, t, transfer_free);
  t->destination = g_object_ref (destination);
  t->size = expected_size;
  t->progress = progress;
  t->progress_data = progress_data;

  if (needs_refresh_ahead (t))
    refresh_then (g_steal_pointer (&task), NULL, send_download);
  else
    send_download (g_steal_pointer (&task));
}

/**
 * alga_client_download_document_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the file name the server gave, decoded, or "" when it gave none
 *   (the destination is written either way); %NULL with @error set on failure
 */
char *
alga_client_download_document_finish (AlgaClient    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alga_client_download_document_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
