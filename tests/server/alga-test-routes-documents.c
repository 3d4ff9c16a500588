/* alga-test-routes-documents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's documents (docs/API.md, Documents): list, multipart upload, download, delete.
 * The real server checks no size or type; only its request cap of 100 MB refuses a file.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"
#include "alga-test-seed-parts.h"

#include <string.h>

/* The real server: Next's proxyClientMaxBodySize. */
#define REQUEST_CAP (100 * 1024 * 1024)

/* The seeded shared document types the real server answers with, one per kind of file. */
static const struct
{
  const char *prefix;
  const char *icon;
} type_icons[] = {
  { "image/", "🖼️" },
  { "text/", "📝" },
  { "application/pdf", "📕" },
  { "", "📄" },
};

static const char *
type_icon (const char *mime_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_icons); i++)
    if (g_str_has_prefix (mime_type, type_icons[i].prefix))
      return type_icons[i].icon;
  g_assert_not_reached ();
}

/* 28 keys in the upload's answer; the list adds the association's id and time (30). */
static JsonObject *
document_object (AlgaSeedData           *data,
                 const AlgaSeedDocument *d,
                 gboolean                with_association)
{
  JsonObject *o = json_object_new ();
  g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (d->content));
  g_autofree char *who = alga_seed_user_name (alga_seed_find_user (data, d->created_by));
  g_autofree char *shared_type = g_compute_checksum_for_string (G_CHECKSUM_MD5, d->mime_type, -1);

  json_object_set_string_member (o, "tenant", data->tenant_id);
  json_object_set_string_member (o, "document_id", d->id);
  json_object_set_string_member (o, "document_name", d->name);
  json_object_set_null_member (o, "type_id");
  json_object_set_string_member (o, "user_id", d->created_by);
  json_object_set_int_member (o, "order_number", 0);
  json_object_set_string_member (o, "created_by", d->created_by);
  json_object_set_null_member (o, "edited_by");
  json_object_set_null_member (o, "entered_at");
  alga_test_set_time_member (o, "updated_at", d->updated_at);
  json_object_set_null_member (o, "content");
  json_object_set_string_member (o, "file_id", d->file_id);
  json_object_set_null_member (o, "storage_bucket_id");
  json_object_set_string_member (o, "storage_path", d->storage_path);
  json_object_set_string_member (o, "mime_type", d->mime_type);
  /* A string: the column is a bigint, which the database driver hands over as text. */
  json_object_set_string_member (o, "file_size", size);
  json_object_set_string_member (o, "shared_type_id", shared_type);
  json_object_set_null_member (o, "folder_path");
  json_object_set_null_member (o, "thumbnail_file_id");
  json_object_set_null_member (o, "preview_file_id");
  json_object_set_null_member (o, "preview_generated_at");
  json_object_set_boolean_member (o, "is_client_visible", FALSE);
  json_object_set_null_member (o, "source_template_id");
  json_object_set_null_member (o, "source_template_version");
  json_object_set_null_member (o, "rendered_locale");
  if (with_association)
    {
      json_object_set_string_member (o, "association_id", d->association_id);
      alga_test_set_time_member (o, "association_created_at", d->updated_at);
    }
  alga_test_set_string_or_null (o, "created_by_full_name", who);
  json_object_set_string_member (o, "type_name", d->mime_type);
  json_object_set_string_member (o, "type_icon", type_icon (d->mime_type));
  return o;
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  const AlgaSeedDocument *x = *(AlgaSeedDocument * const *) a;
  const AlgaSeedDocument *y = *(AlgaSeedDocument * const *) b;

  return x->updated_at < y->updated_at ? 1 : x->updated_at > y->updated_at ? -1 : 0;
}

JsonArray *
alga_test_ticket_documents (AlgaSeedData *data,
                            const char   *ticket_id)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  JsonArray *out = json_array_new ();

  /* Newest first; among equal times, the later upload first. */
  for (guint i = data->documents->len; i > 0; i--)
    {
      AlgaSeedDocument *d = g_ptr_array_index (data->documents, i - 1);

      if (g_str_equal (d->ticket_id, ticket_id))
        g_ptr_array_add (list, d);
    }
  g_ptr_array_sort (list, newest_first);
  for (guint i = 0; i < list->len; i++)
    json_array_add_object_element (out, document_object (data, g_ptr_array_index (list, i), TRUE));
  return out;
}

void
alga_test_route_documents_list (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  JsonArray *out;

  if (t == NULL)
    return;
  out = alga_test_ticket_documents (call->data, t->id);
  alga_test_reply_data (call->msg, 200, json_node_init_array (json_node_alloc (), out));
  json_array_unref (out);
}

static SoupMessageHeaders *
find_file_part (SoupMultipart  *multipart,
                GBytes        **body)
{
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers = NULL;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *disposition = NULL;

      if (!soup_multipart_get_part (multipart, i, &headers, body))
        continue;
      if (soup_message_headers_get_content_disposition (headers, &disposition, &params) &&
          g_ascii_strcasecmp (disposition, "form-data") == 0 &&
          g_strcmp0 (g_hash_table_lookup (params, "name"), "file") == 0 &&
          g_hash_table_lookup (params, "filename") != NULL)
        return headers;
    }
  return NULL;
}

void
alga_test_route_documents_upload (AlgaTestCall *call)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (call->msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (call->msg);
  const char *content_type = soup_message_headers_get_content_type (request_headers, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *disposition = NULL;
  SoupMessageHeaders *part;
  GBytes *content = NULL;
  const char *mime_type;
  AlgaSeedDocument *d;
  AlgaSeedTicket *t;
  JsonObject *answer;

  if (g_strcmp0 (content_type, "multipart/form-data") != 0 &&
      g_strcmp0 (content_type, "application/x-www-form-urlencoded") != 0)
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR",
                             "Content-Type was not one of \"multipart/form-data\" or "
                             "\"application/x-www-form-urlencoded\".", NULL);
      return;
    }
  if (request_body->length > REQUEST_CAP)
    {
      /* Next reads only the first 100 MB, and the form parser fails on the cut body. */
      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", "Failed to parse body as FormData.", NULL);
      return;
    }
  if ((t = alga_test_route_ticket_from_path (call)) == NULL)
    return;

  bytes = soup_message_body_flatten (request_body);
  multipart = soup_multipart_new_from_message (request_headers, bytes);
  part = multipart != NULL ? find_file_part (multipart, &content) : NULL;
  if (part == NULL)
    {
      g_autoptr(JsonArray) details = json_array_new ();
      JsonObject *issue = json_object_new ();
      JsonArray *path = json_array_new ();

      json_array_add_string_element (path, "file");
      json_object_set_array_member (issue, "path", path);
      json_object_set_string_member (issue, "message", "file is required");
      json_array_add_object_element (details, issue);
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", details);
      return;
    }

  soup_message_headers_get_content_disposition (part, &disposition, &params);
  mime_type = soup_message_headers_get_content_type (part, NULL);
  d = alga_seed_add_document (call->data, t->id, g_hash_table_lookup (params, "filename"),
                              mime_type != NULL ? mime_type : "application/octet-stream", content,
                              call->user->id, g_get_real_time () / 1000 * 1000);
  answer = document_object (call->data, d, FALSE);
  alga_test_reply_data (call->msg, 201, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

/* The document segment of /api/v1/tickets/{id}/documents/{documentId}, or NULL after answering. */
static AlgaSeedDocument *
document_from_path (AlgaTestCall   *call,
                    AlgaSeedTicket *t)
{
  const char *id = call->segments[6];
  AlgaSeedDocument *d;

  if (!alga_test_is_uuid (id))
    {
      g_autofree char *message = g_strdup_printf ("select \"d\".* from \"documents\" as \"d\" where "
                                                  "\"d\".\"document_id\" = $1 - invalid input syntax "
                                                  "for type uuid: \"%s\"", id);

      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", message, NULL);
      return NULL;
    }
  d = alga_seed_find_document (call->data, id);
  if (d == NULL || !g_str_equal (d->ticket_id, t->id))
    {
      alga_test_reply_error (call->msg, 404, "NOT_FOUND", "Document not found", NULL);
      return NULL;
    }
  return d;
}

void
alga_test_route_document_download (AlgaTestCall *call)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (call->msg);
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  g_autofree char *encoded = NULL;
  g_autofree char *disposition = NULL;
  AlgaSeedDocument *d;

  if (t == NULL || (d = document_from_path (call, t)) == NULL)
    return;

  /* encodeURIComponent inside the quotes, and no filename*: the client must decode it. */
  encoded = g_uri_escape_string (d->name, "-_.!~*'()", FALSE);
  disposition = g_strdup_printf ("attachment; filename=\"%s\"", encoded);
  soup_server_message_set_status (call->msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Content-Type", d->mime_type);
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_body_append_bytes (soup_server_message_get_response_body (call->msg), d->content);
  soup_message_body_complete (soup_server_message_get_response_body (call->msg));
}

void
alga_test_route_document_delete (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  AlgaSeedDocument *d;

  if (t == NULL || (d = document_from_path (call, t)) == NULL)
    return;
  alga_seed_remove_document (call->data, d);
  alga_test_reply_data (call->msg, 200, json_node_init_null (json_node_alloc ()));
}
