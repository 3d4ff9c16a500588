/* test-server-ticket-parts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test server's documents, checklist, comment edits, replies and reactions against the real
 * server's answers in tests/samples (60 to 64): the same status, envelope and keys, the same
 * headers on a download, and the same quirks, for the roles that differ.
 */

#include "config.h"

#include <string.h>

#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

/* Members whose contents depend on the data, not on the shape. */
static const char * const skip[] = { "attributes", "metadata", "reaction_user_names", NULL };

/* The 2×2 red PNG of the real probe (60b), 73 bytes. */
static const guint8 red_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
  0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
  0x44, 0x0c, 0x00, 0x00, 0x00, 0xff, 0xff, 0x03, 0x00, 0x5f, 0x00, 0xf9, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

typedef struct
{
  AlgaTestServer *server;
  SoupSession    *session;
  const char     *ticket;    /* the technician's ticket */
  const char     *other;     /* an unassigned ticket */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new_full (7, 40, ALGA_TEST_EDITION_COMMUNITY, 0, &error);
  g_assert_no_error (error);
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  fixture->session = soup_session_new ();
  fixture->ticket = alga_test_server_get_my_ticket_id (fixture->server);
  fixture->other = alga_test_server_get_unassigned_ticket_id (fixture->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->server);
}

static AlgaTestResponse *
call (Fixture    *fixture,
      const char *method,
      const char *body,
      const char *path_format,
      ...) G_GNUC_PRINTF (4, 5);

static AlgaTestResponse *
call (Fixture    *fixture,
      const char *method,
      const char *body,
      const char *path_format,
      ...)
{
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  url = g_strconcat (alga_test_server_get_url (fixture->server), path, NULL);
  return alga_test_http (fixture->session, method, url, alga_test_server_get_api_key (fixture->server),
                         body, NULL);
}

/* Fails unless the answer has the sample's status and the same shape as its body. */
static void
assert_like_sample (AlgaTestResponse *r,
                    guint             status,
                    const char       *sample)
{
  g_autofree char *text = alga_test_read_sample (sample, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *why = NULL;

  g_assert_no_error (r->error);
  if (r->status != status)
    g_error ("%s: status %u, not %u\n%s", sample, r->status, status, r->body);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  g_assert_nonnull (r->json);
  if (!alga_test_json_same_shape (r->json, json_parser_get_root (parser), skip, &why))
    g_error ("%s: %s\n%s", sample, why, r->body);
}

/* A multipart upload built by hand, as curl -F sends it; part_name NULL sends a JSON body. */
static AlgaTestResponse *
upload (Fixture    *fixture,
        const char *ticket_id,
        const char *part_name,
        const char *filename,
        const char *content_type,
        GBytes     *content)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets/%s/documents",
                                          alga_test_server_get_url (fixture->server), ticket_id);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  AlgaTestResponse *r = g_new0 (AlgaTestResponse, 1);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key",
                                alga_test_server_get_api_key (fixture->server));
  if (part_name != NULL)
    {
      soup_multipart_append_form_file (multipart, part_name, filename, content_type, content);
      soup_multipart_to_message (multipart, soup_message_get_request_headers (msg), &bytes);
      soup_message_set_request_body_from_bytes (msg, NULL, bytes);
      g_clear_pointer (&bytes, g_bytes_unref);
    }
  else
    soup_message_set_request_body_from_bytes (msg, "application/json", content);

  bytes = soup_session_send_and_read (fixture->session, msg, NULL, &r->error);
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->length = bytes != NULL ? g_bytes_get_size (bytes) : 0;
  r->body = bytes != NULL ? g_strndup (g_bytes_get_data (bytes, NULL), r->length) : g_strdup ("");
  if (r->length > 0 && json_parser_load_from_data (parser, r->body, r->length, NULL))
    r->json = json_node_copy (json_parser_get_root (parser));
  return r;
}

static GBytes *
download (Fixture             *fixture,
          const char          *ticket_id,
          const char          *document_id,
          guint               *status,
          SoupMessageHeaders **headers)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets/%s/documents/%s",
                                          alga_test_server_get_url (fixture->server), ticket_id, document_id);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key",
                                alga_test_server_get_api_key (fixture->server));
  bytes = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return bytes;
}

static void
test_documents (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GBytes) png = g_bytes_new_static (red_png, sizeof red_png);
  g_autoptr(GBytes) txt = g_bytes_new_static ("wave2 probe attachment\nline 2\n", 30);
  g_autoptr(GBytes) json = g_bytes_new_static ("{\"file\":\"abc\"}", 14);
  g_autoptr(AlgaTestResponse) empty = call (fixture, "GET", NULL, "/api/v1/tickets/%s/documents", fixture->ticket);
  g_autoptr(AlgaTestResponse) up_png = upload (fixture, fixture->ticket, "file", "red-2x2.png", "image/png", png);
  g_autoptr(AlgaTestResponse) up_txt = upload (fixture, fixture->ticket, "file", "notes äö test.txt", "text/plain", txt);
  g_autoptr(AlgaTestResponse) wrong = upload (fixture, fixture->ticket, "attachment", "red-2x2.png", "image/png", png);
  g_autoptr(AlgaTestResponse) as_json = upload (fixture, fixture->ticket, NULL, NULL, NULL, json);
  g_autoptr(AlgaTestResponse) unknown_ticket = upload (fixture, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c",
                                                       "file", "red-2x2.png", "image/png", png);
  g_autoptr(AlgaTestResponse) list = NULL;
  g_autoptr(AlgaTestResponse) detail = NULL;
  g_autoptr(AlgaTestResponse) put = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) got = NULL;
  const char *png_id, *txt_id;
  guint status;

  assert_like_sample (empty, 200, "60_docs_empty.json");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (alga_test_json_at (empty->json, "data"))), ==, 0);
  assert_like_sample (up_png, 201, "60b_doc_upload_png.json");
  g_assert_nonnull (soup_message_headers_get_one (up_png->headers, "x-ratelimit-limit"));
  g_assert_cmpstr (alga_test_json_string (up_png->json, "data.file_size"), ==, "73");
  g_assert_cmpstr (alga_test_json_string (up_png->json, "data.mime_type"), ==, "image/png");
  assert_like_sample (up_txt, 201, "60c_doc_upload_txt.json");
  g_assert_cmpstr (alga_test_json_string (up_txt->json, "data.document_name"), ==, "notes äö test.txt");
  assert_like_sample (wrong, 400, "60d_doc_upload_wrong_field.json");
  assert_like_sample (as_json, 500, "60e_doc_upload_json.json");
  assert_like_sample (unknown_ticket, 404, "60t_doc_upload_unknown_ticket.json");

  /* Newest first; the detail lists the same documents. */
  list = call (fixture, "GET", NULL, "/api/v1/tickets/%s/documents", fixture->ticket);
  assert_like_sample (list, 200, "60h_docs_list.json");
  g_assert_cmpstr (alga_test_json_string (list->json, "data.0.document_name"), ==, "notes äö test.txt");
  g_assert_cmpstr (alga_test_json_string (list->json, "data.1.type_icon"), ==, "🖼️");
  detail = call (fixture, "GET", NULL, "/api/v1/tickets/%s", fixture->ticket);
  g_assert_cmpstr (alga_test_json_string (detail->json, "data.documents.0.document_id"), ==,
                   alga_test_json_string (list->json, "data.0.document_id"));

  /* The download: the bytes as uploaded, the name percent-encoded without filename*, no length. */
  png_id = alga_test_json_string (up_png->json, "data.document_id");
  txt_id = alga_test_json_string (up_txt->json, "data.document_id");
  got = download (fixture, fixture->ticket, txt_id, &status, &headers);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (got, txt));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Disposition"), ==,
                   "attachment; filename=\"notes%20%C3%A4%C3%B6%20test.txt\"");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Type"), ==, "text/plain");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpint (soup_message_headers_get_encoding (headers), ==, SOUP_ENCODING_CHUNKED);
  g_assert_null (soup_message_headers_get_one (headers, "x-ratelimit-limit"));
  g_clear_pointer (&got, g_bytes_unref);
  g_clear_pointer (&headers, soup_message_headers_unref);
  got = download (fixture, fixture->ticket, png_id, &status, &headers);
  g_assert_true (g_bytes_equal (got, png));
  g_clear_pointer (&got, g_bytes_unref);
  g_clear_pointer (&headers, soup_message_headers_unref);

  {
    g_autoptr(AlgaTestResponse) unknown = call (fixture, "GET", NULL, "/api/v1/tickets/%s/documents/%s",
                                                fixture->ticket, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c");
    g_autoptr(AlgaTestResponse) other = call (fixture, "GET", NULL, "/api/v1/tickets/%s/documents/%s",
                                              fixture->other, png_id);
    g_autoptr(AlgaTestResponse) notuuid = call (fixture, "GET", NULL, "/api/v1/tickets/%s/documents/not-a-uuid",
                                                fixture->ticket);
    g_autoptr(AlgaTestResponse) del = call (fixture, "DELETE", NULL, "/api/v1/tickets/%s/documents/%s",
                                            fixture->ticket, png_id);
    g_autoptr(AlgaTestResponse) again = call (fixture, "DELETE", NULL, "/api/v1/tickets/%s/documents/%s",
                                              fixture->ticket, png_id);

    assert_like_sample (unknown, 404, "60l_doc_download_unknown.json");
    assert_like_sample (other, 404, "60m_doc_download_other_ticket.json");
    assert_like_sample (notuuid, 500, "60n_doc_download_notuuid.json");
    assert_like_sample (del, 200, "60q_doc_delete.json");
    g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (del->json, "data")));
    assert_like_sample (again, 404, "60r_doc_delete_again.json");
    g_assert_cmpuint (alga_test_server_count_documents (fixture->server, fixture->ticket), ==, 1);
  }

  put = call (fixture, "PUT", "{}", "/api/v1/tickets/%s/documents", fixture->ticket);
  g_assert_cmpuint (put->status, ==, 405);
  g_assert_cmpuint (put->length, ==, 0);
}

/* No limit of size or type below the request cap of 100 MB; above it, the form cannot be read. */
static void
test_documents_cap (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (100 * 1024 * 1024 + 1), 100 * 1024 * 1024 + 1);
  g_autoptr(GBytes) odd = g_bytes_new_static ("MZ\x90", 3);
  g_autoptr(AlgaTestResponse) refused = upload (fixture, fixture->ticket, "file", "big102m.bin",
                                                "application/octet-stream", big);
  g_autoptr(AlgaTestResponse) exe = upload (fixture, fixture->ticket, "file", "setup.exe",
                                            "application/x-msdownload", odd);

  assert_like_sample (refused, 500, "60v_doc_upload_102mb.json");
  g_assert_cmpstr (alga_test_json_string (refused->json, "error.message"), ==, "Failed to parse body as FormData.");
  assert_like_sample (exe, 201, "60g_doc_upload_octet_stream.json");
  g_assert_cmpstr (alga_test_json_string (exe->json, "data.type_icon"), ==, "📄");
}

/* A Dispatcher, who may not create documents elsewhere, may attach them to a ticket. */
static void
test_documents_dispatcher (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GBytes) png = g_bytes_new_static (red_png, sizeof red_png);
  g_autoptr(AlgaTestResponse) r = NULL;

  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_DISPATCHER);
  r = upload (fixture, fixture->ticket, "file", "by-dispatcher.png", "image/png", png);
  assert_like_sample (r, 201, "60s_doc_upload_disp.json");
}

static void
test_checklist (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AlgaTestResponse) empty = call (fixture, "GET", NULL, "/api/v1/tickets/%s/checklist", fixture->other);
  g_autoptr(AlgaTestResponse) add = call (fixture, "POST", "{\"item_name\":\"Check the cables\"}",
                                          "/api/v1/tickets/%s/checklist", fixture->other);
  g_autoptr(AlgaTestResponse) optional = call (fixture, "POST",
                                               "{\"item_name\":\"Optional: label the rack\",\"description\":\"nice to have\",\"is_required\":false}",
                                               "/api/v1/tickets/%s/checklist", fixture->other);
  g_autoptr(AlgaTestResponse) blank = call (fixture, "POST", "{\"item_name\":\"   \"}",
                                            "/api/v1/tickets/%s/checklist", fixture->other);
  g_autoptr(AlgaTestResponse) extra = call (fixture, "POST", "{\"item_name\":\"x\",\"assigned_to\":\"0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c\"}",
                                            "/api/v1/tickets/%s/checklist", fixture->other);
  g_autoptr(AlgaTestResponse) done = NULL;
  g_autoptr(AlgaTestResponse) again = NULL;
  const char *item;

  assert_like_sample (empty, 200, "61_checklist_empty.json");
  assert_like_sample (add, 201, "61b_checklist_add.json");
  g_assert_true (json_node_get_boolean (alga_test_json_at (add->json, "data.is_required")));
  g_assert_cmpint (alga_test_json_int (add->json, "data.order_number"), ==, 0);
  assert_like_sample (optional, 201, "61c_checklist_add_optional.json");
  g_assert_false (json_node_get_boolean (alga_test_json_at (optional->json, "data.is_required")));
  g_assert_cmpint (alga_test_json_int (optional->json, "data.order_number"), ==, 1);
  assert_like_sample (blank, 400, "61d_checklist_add_blank.json");
  assert_like_sample (extra, 400, "61e_checklist_add_extra_key.json");
  g_assert_cmpstr (alga_test_json_string (extra->json, "error.details.0.message"), ==,
                   "Unrecognized key(s) in object: 'assigned_to'");

  item = alga_test_json_string (add->json, "data.checklist_item_id");
  done = call (fixture, "PATCH", "{\"completed\":true}", "/api/v1/tickets/%s/checklist/%s", fixture->other, item);
  assert_like_sample (done, 200, "61f_checklist_complete.json");
  g_assert_cmpstr (alga_test_json_string (done->json, "data.completed_by"), ==,
                   alga_test_server_get_user_id (fixture->server));
  again = call (fixture, "PATCH", "{\"completed\":true}", "/api/v1/tickets/%s/checklist/%s", fixture->other, item);
  assert_like_sample (again, 200, "61g_checklist_complete_again.json");
  g_assert_cmpstr (alga_test_json_string (again->json, "data.completed_at"), ==,
                   alga_test_json_string (done->json, "data.completed_at"));

  {
    g_autoptr(AlgaTestResponse) string = call (fixture, "PATCH", "{\"completed\":\"yes\"}",
                                               "/api/v1/tickets/%s/checklist/%s", fixture->other, item);
    g_autoptr(AlgaTestResponse) unknown = call (fixture, "PATCH", "{\"completed\":true}",
                                                "/api/v1/tickets/%s/checklist/0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c",
                                                fixture->other);
    g_autoptr(AlgaTestResponse) other = call (fixture, "PATCH", "{\"completed\":false}",
                                              "/api/v1/tickets/%s/checklist/%s", fixture->ticket, item);
    g_autoptr(AlgaTestResponse) put = call (fixture, "PUT", "{\"completed\":false}",
                                            "/api/v1/tickets/%s/checklist/%s", fixture->other, item);
    g_autoptr(AlgaTestResponse) del = call (fixture, "DELETE", NULL,
                                            "/api/v1/tickets/%s/checklist/%s", fixture->other, item);
    g_autoptr(AlgaTestResponse) undo = call (fixture, "PATCH", "{\"completed\":false}",
                                             "/api/v1/tickets/%s/checklist/%s", fixture->other, item);
    g_autoptr(AlgaTestResponse) list = call (fixture, "GET", NULL, "/api/v1/tickets/%s/checklist", fixture->other);

    assert_like_sample (string, 400, "61h_checklist_completed_string.json");
    assert_like_sample (unknown, 404, "61i_checklist_unknown_item.json");
    assert_like_sample (other, 404, "61j_checklist_item_other_ticket.json");
    g_assert_cmpuint (put->status, ==, 405);
    g_assert_cmpuint (del->status, ==, 405);
    assert_like_sample (undo, 200, "61m_checklist_uncomplete_tech.json");
    g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (undo->json, "data.completed_by")));
    assert_like_sample (list, 200, "61s_checklist_list.json");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (alga_test_json_at (list->json, "data"))), ==, 2);
  }
}

static const char *
closed_status_of (Fixture    *fixture,
                  const char *ticket_id)
{
  g_autoptr(AlgaTestResponse) detail = call (fixture, "GET", NULL, "/api/v1/tickets/%s", ticket_id);
  g_autoptr(AlgaTestResponse) statuses = call (fixture, "GET", NULL, "/api/v1/tickets/statuses");
  JsonArray *array = json_node_get_array (alga_test_json_at (statuses->json, "data"));
  static char id[64];

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *s = json_array_get_object_element (array, i);

      if (json_object_get_boolean_member (s, "is_closed") &&
          g_str_equal (json_object_get_string_member (s, "board_id"), alga_test_json_string (detail->json, "data.board_id")))
        {
          g_strlcpy (id, json_object_get_string_member (s, "status_id"), sizeof id);
          return id;
        }
    }
  g_assert_not_reached ();
}

/* The checklist rule refuses closing while a required item is open, for PUT …/status and PUT
 * /tickets/{id} alike; a Technician's override is ignored, an Admin's honoured. */
static void
test_close_rule (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *closed = closed_status_of (fixture, fixture->other);
  g_autofree char *required = alga_test_server_add_checklist_item (fixture->server, fixture->other, "Check the cables", TRUE);
  g_autofree char *optional = alga_test_server_add_checklist_item (fixture->server, fixture->other, "Label it", FALSE);
  g_autofree char *body = g_strdup_printf ("{\"status_id\":\"%s\"}", closed);
  g_autofree char *override = g_strdup_printf ("{\"status_id\":\"%s\",\"override_close_rules\":true,"
                                               "\"override_close_rules_reason\":\"probe\"}", closed);
  g_autoptr(AlgaTestResponse) free_close = NULL;
  g_autoptr(AlgaTestResponse) blocked = NULL;
  g_autoptr(AlgaTestResponse) tech_override = NULL;
  g_autoptr(AlgaTestResponse) put_ticket = NULL;
  g_autoptr(AlgaTestResponse) admin_override = NULL;
  JsonArray *details;
  gboolean found = FALSE;

  alga_test_server_set_checklist_rule (fixture->server, fixture->other, TRUE);
  blocked = call (fixture, "PUT", body, "/api/v1/tickets/%s/status", fixture->other);
  assert_like_sample (blocked, 400, "61n_close_rules_blocked.json");
  g_assert_cmpstr (alga_test_json_string (blocked->json, "error.message"), ==, "Ticket close rules not satisfied");
  details = json_node_get_array (alga_test_json_at (blocked->json, "error.details"));
  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonObject *d = json_array_get_object_element (details, i);

      if (g_str_equal (json_object_get_string_member (d, "rule"), "checklist_incomplete"))
        {
          g_assert_cmpstr (json_object_get_string_member (d, "message"), ==, "1 required checklist item is incomplete");
          g_assert_cmpint (json_object_get_int_member (d, "incomplete_count"), ==, 1);
          found = TRUE;
        }
    }
  g_assert_true (found);
  tech_override = call (fixture, "PUT", override, "/api/v1/tickets/%s/status", fixture->other);
  assert_like_sample (tech_override, 400, "61o_close_rules_override_tech.json");
  put_ticket = call (fixture, "PUT", body, "/api/v1/tickets/%s", fixture->other);
  assert_like_sample (put_ticket, 400, "61p_close_rules_put_ticket.json");

  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_ADMIN);
  admin_override = call (fixture, "PUT", override, "/api/v1/tickets/%s/status", fixture->other);
  g_assert_cmpuint (admin_override->status, ==, 200);

  /* Once the required item is done, the rule lets a close through. */
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  alga_test_server_set_checklist_rule (fixture->server, fixture->ticket, TRUE);
  closed = closed_status_of (fixture, fixture->ticket);
  g_free (body);
  body = g_strdup_printf ("{\"status_id\":\"%s\",\"attributes\":{\"resolution_note\":\"done\"}}", closed);
  {
    g_autoptr(AlgaTestResponse) list = call (fixture, "GET", NULL, "/api/v1/tickets/%s/checklist", fixture->ticket);
    JsonArray *items = json_node_get_array (alga_test_json_at (list->json, "data"));

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);
        g_autoptr(AlgaTestResponse) tick = NULL;

        if (!json_object_get_boolean_member (item, "is_required"))
          continue;
        tick = call (fixture, "PATCH", "{\"completed\":true}", "/api/v1/tickets/%s/checklist/%s",
                     fixture->ticket, json_object_get_string_member (item, "checklist_item_id"));
        g_assert_cmpuint (tick->status, ==, 200);
      }
  }
  free_close = call (fixture, "PUT", body, "/api/v1/tickets/%s", fixture->ticket);
  g_assert_cmpuint (free_close->status, ==, 200);
}

static char *
post_comment (Fixture    *fixture,
              const char *ticket_id,
              const char *body)
{
  g_autoptr(AlgaTestResponse) r = call (fixture, "POST", body, "/api/v1/tickets/%s/comments", ticket_id);

  g_assert_cmpuint (r->status, ==, 201);
  return g_strdup (alga_test_json_string (r->json, "data.comment_id"));
}

static void
test_comment_edit (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *mine = post_comment (fixture, fixture->ticket, "{\"comment_text\":\"Root comment from the probe\"}");
  g_autofree char *theirs = alga_test_server_add_comment (fixture->server, fixture->ticket, "Not yours", FALSE,
                                                          alga_test_server_get_other_user_id (fixture->server), NULL);
  g_autofree char *text = NULL;
  g_autoptr(AlgaTestResponse) plain = call (fixture, "PUT", "{\"comment_text\":\"Root comment, edited (plain text)\"}",
                                            "/api/v1/tickets/%s/comments/%s", fixture->ticket, mine);
  g_autoptr(AlgaTestResponse) blocknote = call (fixture, "PUT",
                                                "{\"comment_text\":\"[{\\\"type\\\":\\\"paragraph\\\",\\\"content\\\":[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"Edited as \\\",\\\"styles\\\":{}},{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"BlockNote\\\",\\\"styles\\\":{\\\"bold\\\":true}}]}]\"}",
                                                "/api/v1/tickets/%s/comments/%s", fixture->ticket, mine);
  g_autoptr(AlgaTestResponse) not_own = call (fixture, "PUT", "{\"comment_text\":\"tinman tries to edit\"}",
                                              "/api/v1/tickets/%s/comments/%s", fixture->ticket, theirs);
  g_autoptr(AlgaTestResponse) unknown = call (fixture, "PUT", "{\"comment_text\":\"x\"}",
                                              "/api/v1/tickets/%s/comments/0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c",
                                              fixture->ticket);
  g_autoptr(AlgaTestResponse) wrong_ticket = call (fixture, "PUT", "{\"comment_text\":\"x\"}",
                                                   "/api/v1/tickets/%s/comments/%s", fixture->other, mine);
  g_autoptr(AlgaTestResponse) empty = call (fixture, "PUT", "{\"comment_text\":\"\"}",
                                            "/api/v1/tickets/%s/comments/%s", fixture->ticket, mine);
  g_autoptr(AlgaTestResponse) badjson = call (fixture, "PUT", "{\"comment_text\":",
                                              "/api/v1/tickets/%s/comments/%s", fixture->ticket, mine);
  g_autoptr(AlgaTestResponse) notuuid = call (fixture, "PUT", "{\"comment_text\":\"x\"}",
                                              "/api/v1/tickets/%s/comments/not-a-uuid", fixture->ticket);
  g_autoptr(AlgaTestResponse) extra = call (fixture, "PUT",
                                            "{\"comment_text\":\"Edited again; is_internal is ignored\",\"is_internal\":true,\"is_resolution\":true}",
                                            "/api/v1/tickets/%s/comments/%s", fixture->ticket, mine);
  g_autoptr(AlgaTestResponse) admin_not_own = NULL;

  assert_like_sample (plain, 200, "62b_comment_edit_plain.json");
  g_assert_cmpstr (alga_test_json_string (plain->json, "data.comment_text"), ==, "Root comment, edited (plain text)");
  assert_like_sample (blocknote, 200, "62c_comment_edit_blocknote.json");
  assert_like_sample (not_own, 400, "62d_comment_edit_not_own.json");
  g_assert_cmpstr (alga_test_json_string (not_own->json, "error.message"), ==, "You can only edit your own comments");
  assert_like_sample (unknown, 404, "62e_comment_edit_unknown.json");
  assert_like_sample (wrong_ticket, 404, "62f_comment_edit_wrong_ticket.json");
  assert_like_sample (empty, 400, "62g_comment_edit_empty.json");
  assert_like_sample (badjson, 500, "62h_comment_edit_badjson.json");
  assert_like_sample (notuuid, 500, "62i_comment_edit_notuuid.json");
  assert_like_sample (extra, 200, "62j_comment_edit_extra_fields.json");
  g_assert_false (json_node_get_boolean (alga_test_json_at (extra->json, "data.is_internal")));
  text = alga_test_server_dup_comment_text (fixture->server, theirs);
  g_assert_cmpstr (text, ==, "Not yours");

  /* Not even an Admin may edit another's comment. */
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_ADMIN);
  admin_not_own = call (fixture, "PUT", "{\"comment_text\":\"admin tries\"}",
                        "/api/v1/tickets/%s/comments/%s", fixture->ticket, theirs);
  g_assert_cmpuint (admin_not_own->status, ==, 400);
}

static void
test_replies (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *root = post_comment (fixture, fixture->ticket, "{\"comment_text\":\"Root\"}");
  g_autofree char *internal_root = post_comment (fixture, fixture->ticket, "{\"comment_text\":\"Internal root\",\"is_internal\":true}");
  g_autofree char *b1 = g_strdup_printf ("{\"comment_text\":\"Reply (asked for is_internal true)\",\"parent_comment_id\":\"%s\",\"is_internal\":true}", root);
  g_autoptr(AlgaTestResponse) reply = call (fixture, "POST", b1, "/api/v1/tickets/%s/comments", fixture->ticket);
  g_autofree char *b2 = g_strdup_printf ("{\"comment_text\":\"Nested reply\",\"parent_comment_id\":\"%s\"}",
                                         alga_test_json_string (reply->json, "data.comment_id"));
  g_autoptr(AlgaTestResponse) nested = call (fixture, "POST", b2, "/api/v1/tickets/%s/comments", fixture->ticket);
  g_autofree char *b3 = g_strdup_printf ("{\"comment_text\":\"across tickets\",\"parent_comment_id\":\"%s\"}", root);
  g_autoptr(AlgaTestResponse) across = call (fixture, "POST", b3, "/api/v1/tickets/%s/comments", fixture->other);
  g_autoptr(AlgaTestResponse) unknown = call (fixture, "POST",
                                              "{\"comment_text\":\"to nothing\",\"parent_comment_id\":\"0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c\"}",
                                              "/api/v1/tickets/%s/comments", fixture->ticket);
  g_autofree char *b5 = g_strdup_printf ("{\"comment_text\":\"Reply in an internal thread, sent with is_internal false\",\"parent_comment_id\":\"%s\",\"is_internal\":false}", internal_root);
  g_autoptr(AlgaTestResponse) in_internal = call (fixture, "POST", b5, "/api/v1/tickets/%s/comments", fixture->ticket);
  g_autoptr(AlgaTestResponse) list = NULL;

  assert_like_sample (reply, 201, "63_comment_reply.json");
  g_assert_cmpstr (alga_test_json_string (reply->json, "data.parent_comment_id"), ==, root);
  g_assert_false (json_node_get_boolean (alga_test_json_at (reply->json, "data.is_internal")));
  assert_like_sample (nested, 201, "63b_comment_reply_to_reply.json");
  g_assert_cmpstr (alga_test_json_string (nested->json, "data.thread_id"), ==,
                   alga_test_json_string (reply->json, "data.thread_id"));
  assert_like_sample (across, 400, "63c_comment_reply_other_ticket.json");
  assert_like_sample (unknown, 404, "63d_comment_reply_unknown_parent.json");
  assert_like_sample (in_internal, 201, "63f_comment_reply_internal_thread.json");
  g_assert_true (json_node_get_boolean (alga_test_json_at (in_internal->json, "data.is_internal")));

  list = call (fixture, "GET", NULL, "/api/v1/tickets/%s/comments", fixture->ticket);
  assert_like_sample (list, 200, "64m_comments_with_thread_and_reactions.json");
}

static void
test_reactions (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *comment = post_comment (fixture, fixture->ticket, "{\"comment_text\":\"React to me\"}");
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *other_key = alga_test_server_create_api_key (fixture->server, other);
  g_autofree char *long_emoji = g_strdup_printf ("{\"emoji\":\"%s\"}", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_autoptr(AlgaTestResponse) add = call (fixture, "POST", "{\"emoji\":\"👍\"}", "/api/v1/tickets/%s/comments/%s/reactions", fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) off = call (fixture, "POST", "{\"emoji\":\"👍\"}", "/api/v1/tickets/%s/comments/%s/reactions", fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) readd = call (fixture, "POST", "{\"emoji\":\"👍\"}", "/api/v1/tickets/%s/comments/%s/reactions", fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) text = call (fixture, "POST", "{\"emoji\":\":tada: not really an emoji\"}", "/api/v1/tickets/%s/comments/%s/reactions", fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) empty = call (fixture, "POST", "{\"emoji\":\"\"}", "/api/v1/tickets/%s/comments/%s/reactions", fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) too_long = call (fixture, "POST", long_emoji, "/api/v1/tickets/%s/comments/%s/reactions", fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) unknown = call (fixture, "POST", "{\"emoji\":\"👍\"}", "/api/v1/tickets/%s/comments/0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c/reactions", fixture->ticket);
  g_autoptr(AlgaTestResponse) wrong_path = call (fixture, "POST", "{\"emoji\":\"🎉\"}", "/api/v1/tickets/%s/comments/%s/reactions", fixture->other, comment);
  g_autoptr(AlgaTestResponse) no_body = call (fixture, "POST", NULL, "/api/v1/tickets/%s/comments/%s/reactions", fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) get = call (fixture, "GET", NULL, "/api/v1/tickets/%s/comments/%s/reactions", fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) list = NULL;
  g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets/%s/comments/%s/reactions",
                                          alga_test_server_get_url (fixture->server), fixture->ticket, comment);
  g_autoptr(AlgaTestResponse) heart = alga_test_http (fixture->session, "POST", url, other_key, "{\"emoji\":\"❤️\"}", NULL);
  JsonArray *comments;

  assert_like_sample (add, 200, "64_reaction_add.json");
  g_assert_true (json_node_get_boolean (alga_test_json_at (add->json, "data.added")));
  g_assert_nonnull (soup_message_headers_get_one (add->headers, "x-ratelimit-limit"));
  assert_like_sample (off, 200, "64b_reaction_toggle_off.json");
  g_assert_false (json_node_get_boolean (alga_test_json_at (off->json, "data.added")));
  assert_like_sample (readd, 200, "64c_reaction_readd.json");
  g_assert_true (json_node_get_boolean (alga_test_json_at (readd->json, "data.added")));
  assert_like_sample (text, 200, "64f_reaction_text_emoji.json");
  assert_like_sample (empty, 500, "64g_reaction_empty.json");
  assert_like_sample (too_long, 500, "64h_reaction_too_long.json");
  assert_like_sample (unknown, 400, "64i_reaction_unknown_comment.json");
  assert_like_sample (wrong_path, 200, "64j_reaction_wrong_ticket_path.json");
  assert_like_sample (no_body, 500, "64k_reaction_no_body.json");
  g_assert_cmpuint (get->status, ==, 405);
  assert_like_sample (heart, 200, "64e_reaction_tech_heart.json");
  g_assert_true (alga_test_server_has_reaction (fixture->server, comment, me, "👍"));
  g_assert_true (alga_test_server_has_reaction (fixture->server, comment, other, "❤️"));

  /* The list aggregates per emoji in order of first use, with the caller's own marked. */
  list = call (fixture, "GET", NULL, "/api/v1/tickets/%s/comments", fixture->ticket);
  comments = json_node_get_array (alga_test_json_at (list->json, "data"));
  for (guint i = 0; i < json_array_get_length (comments); i++)
    {
      JsonObject *c = json_array_get_object_element (comments, i);
      JsonArray *reactions;
      JsonObject *first, *last;

      if (!g_str_equal (json_object_get_string_member (c, "comment_id"), comment))
        continue;
      reactions = json_object_get_array_member (c, "reactions");
      g_assert_cmpuint (json_array_get_length (reactions), ==, 4);
      first = json_array_get_object_element (reactions, 0);
      g_assert_cmpstr (json_object_get_string_member (first, "emoji"), ==, "👍");
      g_assert_cmpint (json_object_get_int_member (first, "count"), ==, 1);
      g_assert_true (json_object_get_boolean_member (first, "currentUserReacted"));
      last = json_array_get_object_element (reactions, 3);
      g_assert_cmpstr (json_object_get_string_member (last, "emoji"), ==, "❤️");
      g_assert_false (json_object_get_boolean_member (last, "currentUserReacted"));
      g_assert_true (json_object_has_member (json_object_get_object_member (c, "reaction_user_names"), other));
    }
  assert_like_sample (list, 200, "64m_comments_with_thread_and_reactions.json");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/ticket-parts/documents", Fixture, NULL, fixture_set_up, test_documents, fixture_tear_down);
  g_test_add ("/server/ticket-parts/documents-cap", Fixture, NULL, fixture_set_up, test_documents_cap, fixture_tear_down);
  g_test_add ("/server/ticket-parts/documents-dispatcher", Fixture, NULL, fixture_set_up, test_documents_dispatcher, fixture_tear_down);
  g_test_add ("/server/ticket-parts/checklist", Fixture, NULL, fixture_set_up, test_checklist, fixture_tear_down);
  g_test_add ("/server/ticket-parts/close-rule", Fixture, NULL, fixture_set_up, test_close_rule, fixture_tear_down);
  g_test_add ("/server/ticket-parts/comment-edit", Fixture, NULL, fixture_set_up, test_comment_edit, fixture_tear_down);
  g_test_add ("/server/ticket-parts/replies", Fixture, NULL, fixture_set_up, test_replies, fixture_tear_down);
  g_test_add ("/server/ticket-parts/reactions", Fixture, NULL, fixture_set_up, test_reactions, fixture_tear_down);
  return g_test_run ();
}
