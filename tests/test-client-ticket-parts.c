/* test-client-ticket-parts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client's documents, checklist, replies, edits and reactions against the test server, as
 * a Technician: what reaches the server, byte for byte for files, and what comes back.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alga-client-checklist.h"
#include "alga-client-documents.h"
#include "alga-client-threads.h"
#include "alga-error.h"
#include "alga-reaction.h"
#include "alga-status.h"
#include "alga-test-credentials.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

typedef struct
{
  AlgaTestServer      *server;
  AlgaClient          *client;
  AlgaTestCredentials *credentials;
  GAsyncResult        *result;
  const char          *ticket;
  char                *dir;
  goffset              progress_done;
  goffset              progress_total;
  guint                progress_calls;
  GCancellable        *cancel_on_progress;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
  fixture->ticket = alga_test_server_get_my_ticket_id (fixture->server);
  fixture->dir = g_dir_make_tmp ("alga-parts-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->result);
  g_clear_object (&fixture->cancel_on_progress);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GAsyncResult **
begin (Fixture *fixture)
{
  g_clear_object (&fixture->result);
  return &fixture->result;
}

static GAsyncResult *
wait_result (Fixture *fixture)
{
  return alga_test_wait_for_result (&fixture->result, 30000);
}

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  Fixture *fixture = user_data;

  g_assert_cmpint (done, >=, fixture->progress_done);
  g_assert_cmpint (done, <=, total);
  fixture->progress_done = done;
  fixture->progress_total = total;
  fixture->progress_calls++;
  if (fixture->cancel_on_progress != NULL)
    g_cancellable_cancel (fixture->cancel_on_progress);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            GBytes     *content)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (content, NULL), g_bytes_get_size (content), &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GBytes *
random_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int_range (0, 256);
  return g_bytes_new_take (data, size);
}

static AlgaDocument *
upload_file (Fixture    *fixture,
             GFile      *file,
             const char *name,
             GError    **error)
{
  alga_client_upload_document_async (fixture->client, fixture->ticket, file, NULL, name, "application/octet-stream",
                                     progress_cb, fixture, NULL, alga_test_store_result_cb, begin (fixture));
  return alga_client_upload_document_finish (fixture->client, wait_result (fixture), error);
}

/* A file of 3 MB goes up in pieces with progress, keeps its UTF-8 name, and comes back the same. */
static void
test_upload_download (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) content = random_bytes (3 * 1024 * 1024 + 17);
  g_autoptr(GFile) file = write_file (fixture, "upload.bin", content);
  g_autofree char *target_path = g_build_filename (fixture->dir, "downloaded", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaDocument) document = upload_file (fixture, file, "Bericht \"März\" äö.bin", &error);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) downloaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *server_name = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (alga_document_get_name (document), ==, "Bericht %22März%22 äö.bin");
  g_assert_cmpint (alga_document_get_size (document), ==, g_bytes_get_size (content));
  g_assert_cmpstr (alga_document_get_created_by (document), ==, alga_test_server_get_user_id (fixture->server));
  g_assert_cmpuint (fixture->progress_calls, >, 1);
  g_assert_cmpint (fixture->progress_done, ==, g_bytes_get_size (content));
  stored = alga_test_server_dup_document_content (fixture->server, fixture->ticket, "Bericht %22März%22 äö.bin");
  g_assert_true (g_bytes_equal (stored, content));

  alga_client_list_documents_async (fixture->client, fixture->ticket, NULL, alga_test_store_result_cb, begin (fixture));
  list = alga_client_list_documents_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (alga_document_get_document_id (list->pdata[0]), ==, alga_document_get_document_id (document));
  g_assert_cmpstr (alga_document_get_created_by_name (list->pdata[0]), !=, NULL);

  fixture->progress_done = 0;
  alga_client_download_document_async (fixture->client, fixture->ticket, alga_document_get_document_id (document),
                                       target, alga_document_get_size (document), progress_cb, fixture, NULL,
                                       alga_test_store_result_cb, begin (fixture));
  server_name = alga_client_download_document_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (server_name, ==, "Bericht %22März%22 äö.bin");
  downloaded = g_file_load_bytes (target, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (downloaded, content));
  g_assert_cmpint (fixture->progress_done, ==, g_bytes_get_size (content));
}

/* Pasted bytes go up without a file. */
static void
test_upload_bytes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n-not-really", 19);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaDocument) document = NULL;
  g_autoptr(GBytes) stored = NULL;

  alga_client_upload_document_async (fixture->client, fixture->ticket, NULL, png, "Pasted image.png", "image/png",
                                     NULL, NULL, NULL, alga_test_store_result_cb, begin (fixture));
  document = alga_client_upload_document_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_document_get_mime_type (document), ==, "image/png");
  stored = alga_test_server_dup_document_content (fixture->server, fixture->ticket, "Pasted image.png");
  g_assert_true (g_bytes_equal (stored, png));
}

/* What cannot succeed is refused before a byte is sent: past the server's 100 MB, or a folder. */
static void
test_upload_refused_before_sending (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.bin", NULL);
  g_autoptr(GFile) huge = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaDocument) none = NULL;
  g_autoptr(AlgaDocument) none_either = NULL;
  FILE *f = fopen (path, "w");

  /* A sparse file: its size is what counts, and it costs no disk. */
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), ALGA_DOCUMENT_MAX_REQUEST_SIZE), ==, 0);
  fclose (f);
  g_assert_false (alga_client_document_fits ("huge.bin", ALGA_DOCUMENT_MAX_REQUEST_SIZE));
  g_assert_true (alga_client_document_fits ("small.bin", ALGA_DOCUMENT_MAX_REQUEST_SIZE - 4096));

  none = upload_file (fixture, huge, "huge.bin", &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);
  g_assert_null (none);
  g_clear_error (&error);
  none_either = upload_file (fixture, folder, "folder", &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "*/documents"), ==, 0);
}

/* Cancelling an upload under way stops it: nothing is stored. */
static void
test_upload_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) content = random_bytes (8 * 1024 * 1024);
  g_autoptr(GFile) file = write_file (fixture, "big.bin", content);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaDocument) document = NULL;

  fixture->cancel_on_progress = g_cancellable_new ();
  alga_client_upload_document_async (fixture->client, fixture->ticket, file, NULL, "big.bin", NULL,
                                     progress_cb, fixture, fixture->cancel_on_progress,
                                     alga_test_store_result_cb, begin (fixture));
  document = alga_client_upload_document_finish (fixture->client, wait_result (fixture), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (document);
  g_assert_cmpuint (fixture->progress_calls, >=, 1);
  g_assert_cmpint (fixture->progress_done, <, g_bytes_get_size (content));
  g_assert_cmpuint (alga_test_server_count_documents (fixture->server, fixture->ticket), ==, 0);
}

/* A failed download leaves the destination as it was; the server's words come back. */
static void
test_download_missing (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) before = g_bytes_new_static ("keep me", 7);
  g_autoptr(GFile) target = write_file (fixture, "existing.txt", before);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *name = NULL;

  alga_client_download_document_async (fixture->client, fixture->ticket, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c",
                                       target, 0, NULL, NULL, NULL, alga_test_store_result_cb, begin (fixture));
  name = alga_client_download_document_finish (fixture->client, wait_result (fixture), &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Document not found");
  after = g_file_load_bytes (target, NULL, NULL, NULL);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) content = g_bytes_new_static ("x", 1);
  g_autofree char *id = alga_test_server_add_document (fixture->server, fixture->ticket, "x.txt", "text/plain",
                                                       content, alga_test_server_get_user_id (fixture->server));
  g_autoptr(GError) error = NULL;

  alga_client_delete_document_async (fixture->client, fixture->ticket, id, NULL, alga_test_store_result_cb, begin (fixture));
  g_assert_true (alga_client_delete_document_finish (fixture->client, wait_result (fixture), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alga_test_server_count_documents (fixture->server, fixture->ticket), ==, 0);
  alga_client_delete_document_async (fixture->client, fixture->ticket, id, NULL, alga_test_store_result_cb, begin (fixture));
  g_assert_false (alga_client_delete_document_finish (fixture->client, wait_result (fixture), &error));
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
}

static void
test_names (void)
{
  g_autofree char *a = alga_document_name_from_disposition ("attachment; filename=\"notes%20%C3%A4%C3%B6%20test.txt\"");
  g_autofree char *b = alga_document_name_from_disposition ("attachment; filename=\"100% sure.txt\"");
  g_autofree char *c = alga_document_name_from_disposition ("attachment");
  g_autofree char *d = alga_document_safe_file_name ("../../.bashrc");
  g_autofree char *e = alga_document_safe_file_name ("a\nb\\c.txt");
  g_autofree char *f = alga_document_safe_file_name ("");

  g_assert_cmpstr (a, ==, "notes äö test.txt");
  g_assert_cmpstr (b, ==, "100% sure.txt");
  g_assert_null (c);
  g_assert_cmpstr (d, ==, "bashrc");
  g_assert_cmpstr (e, ==, "c.txt");
  g_assert_cmpstr (f, ==, "document");
}

static void
test_checklist (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(AlgaChecklistItem) added = NULL;
  g_autoptr(AlgaChecklistItem) ticked = NULL;
  AlgaChecklistItem *first;

  alga_client_list_checklist_async (fixture->client, fixture->ticket, NULL, alga_test_store_result_cb, begin (fixture));
  items = alga_client_list_checklist_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  first = items->pdata[0];
  g_assert_true (alga_checklist_item_get_is_required (first));
  g_assert_false (alga_checklist_item_get_completed (first));
  g_assert_false (alga_checklist_item_get_is_required (items->pdata[2]));

  /* Optional must be said: the server's default is required. */
  alga_client_add_checklist_item_async (fixture->client, fixture->ticket, "Take a photo", FALSE, NULL,
                                        alga_test_store_result_cb, begin (fixture));
  added = alga_client_add_checklist_item_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_false (alga_checklist_item_get_is_required (added));
  g_assert_cmpint (alga_checklist_item_get_order_number (added), ==, 3);

  alga_client_set_checklist_item_done_async (fixture->client, fixture->ticket, alga_checklist_item_get_item_id (first),
                                             TRUE, NULL, alga_test_store_result_cb, begin (fixture));
  ticked = alga_client_set_checklist_item_done_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_true (alga_checklist_item_get_completed (ticked));
  g_assert_nonnull (alga_checklist_item_get_completed_at (ticked));
  g_assert_nonnull (alga_checklist_item_get_completed_by_name (ticked));
}

/* A refused close says every rule that failed, in the server's words. */
static void
test_close_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(AlgaTicket) closed = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  const char *closed_id = NULL;

  alga_test_server_set_checklist_rule (fixture->server, fixture->ticket, TRUE);
  alga_client_get_ticket_async (fixture->client, fixture->ticket, NULL, alga_test_store_result_cb, begin (fixture));
  ticket = alga_client_get_ticket_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  alga_client_list_statuses_async (fixture->client, alga_ticket_get_board_id (ticket), NULL,
                                   alga_test_store_result_cb, begin (fixture));
  statuses = alga_client_list_statuses_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < statuses->len; i++)
    if (alga_status_get_is_closed (statuses->pdata[i]))
      closed_id = alga_status_get_status_id (statuses->pdata[i]);
  g_assert_nonnull (closed_id);

  alga_client_set_status_async (fixture->client, fixture->ticket, closed_id, ALGA_QUIET_NONE, NULL,
                                alga_test_store_result_cb, begin (fixture));
  closed = alga_client_set_status_finish (fixture->client, wait_result (fixture), &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION);
  g_assert_true (g_str_has_prefix (error->message, "Ticket close rules not satisfied: "));
  g_assert_true (g_str_has_suffix (error->message, "2 required checklist items are incomplete"));
  g_assert_null (strstr (error->message, "status_id"));
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *root = alga_test_server_add_comment (fixture->server, fixture->ticket, "Root from someone else",
                                                        TRUE, other, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaComment) reply = NULL;
  g_autoptr(AlgaComment) edited = NULL;
  g_autoptr(AlgaComment) refused = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *text = NULL;
  gboolean added = FALSE;

  alga_client_post_reply_async (fixture->client, fixture->ticket, root, "My reply", NULL,
                                alga_test_store_result_cb, begin (fixture));
  reply = alga_client_post_reply_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_comment_get_parent_comment_id (reply), ==, root);
  /* The thread's visibility, not a default. */
  g_assert_true (alga_comment_get_is_internal (reply));
  parent = alga_test_server_dup_comment_parent (fixture->server, alga_comment_get_comment_id (reply));
  g_assert_cmpstr (parent, ==, root);

  alga_client_edit_comment_async (fixture->client, fixture->ticket, alga_comment_get_comment_id (reply),
                                  "My reply, corrected", NULL, alga_test_store_result_cb, begin (fixture));
  edited = alga_client_edit_comment_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_comment_get_text (edited), ==, "My reply, corrected");
  text = alga_test_server_dup_comment_text (fixture->server, alga_comment_get_comment_id (reply));
  g_assert_cmpstr (text, ==, "My reply, corrected");

  alga_client_edit_comment_async (fixture->client, fixture->ticket, root, "Not mine", NULL,
                                  alga_test_store_result_cb, begin (fixture));
  refused = alga_client_edit_comment_finish (fixture->client, wait_result (fixture), &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==, "You can only edit your own comments");
  g_clear_error (&error);

  alga_client_toggle_reaction_async (fixture->client, fixture->ticket, root, "👍", NULL,
                                     alga_test_store_result_cb, begin (fixture));
  g_assert_true (alga_client_toggle_reaction_finish (fixture->client, wait_result (fixture), &added, &error));
  g_assert_true (added);
  g_assert_true (alga_test_server_has_reaction (fixture->server, root, alga_test_server_get_user_id (fixture->server), "👍"));

  alga_client_list_comments_async (fixture->client, fixture->ticket, 0, 200, FALSE, NULL, alga_test_store_result_cb, begin (fixture));
  comments = alga_client_list_comments_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < comments->len; i++)
    if (g_str_equal (alga_comment_get_comment_id (comments->pdata[i]), root))
      {
        GPtrArray *reactions = alga_comment_get_reactions (comments->pdata[i]);

        g_assert_cmpuint (reactions->len, ==, 1);
        g_assert_cmpstr (alga_reaction_get_emoji (reactions->pdata[0]), ==, "👍");
        g_assert_cmpint (alga_reaction_get_count (reactions->pdata[0]), ==, 1);
        g_assert_true (alga_reaction_get_current_user_reacted (reactions->pdata[0]));
      }

  alga_client_toggle_reaction_async (fixture->client, fixture->ticket, root, "👍", NULL,
                                     alga_test_store_result_cb, begin (fixture));
  g_assert_true (alga_client_toggle_reaction_finish (fixture->client, wait_result (fixture), &added, &error));
  g_assert_false (added);
  g_assert_false (alga_test_server_has_reaction (fixture->server, root, alga_test_server_get_user_id (fixture->server), "👍"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/ticket-parts/names", test_names);
  g_test_add ("/client/ticket-parts/upload-download", Fixture, NULL, fixture_set_up, test_upload_download, fixture_tear_down);
  g_test_add ("/client/ticket-parts/upload-bytes", Fixture, NULL, fixture_set_up, test_upload_bytes, fixture_tear_down);
  g_test_add ("/client/ticket-parts/upload-refused", Fixture, NULL, fixture_set_up, test_upload_refused_before_sending, fixture_tear_down);
  g_test_add ("/client/ticket-parts/upload-cancel", Fixture, NULL, fixture_set_up, test_upload_cancel, fixture_tear_down);
  g_test_add ("/client/ticket-parts/download-missing", Fixture, NULL, fixture_set_up, test_download_missing, fixture_tear_down);
  g_test_add ("/client/ticket-parts/delete", Fixture, NULL, fixture_set_up, test_delete, fixture_tear_down);
  g_test_add ("/client/ticket-parts/checklist", Fixture, NULL, fixture_set_up, test_checklist, fixture_tear_down);
  g_test_add ("/client/ticket-parts/close-refused", Fixture, NULL, fixture_set_up, test_close_refused, fixture_tear_down);
  g_test_add ("/client/ticket-parts/threads", Fixture, NULL, fixture_set_up, test_threads, fixture_tear_down);
  return g_test_run ();
}
