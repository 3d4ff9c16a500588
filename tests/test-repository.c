/* test-repository.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaTicketRepository against the test server, as a Technician: a ticket and its comments come
 * from the server and are saved, the saved copy stands in only when the server cannot be
 * reached, every page of comments is read, and each write reaches the server; the parts of a
 * ticket (documents, checklist, replies, edits, reactions) go through it too.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alga-cache.h"
#include "alga-client.h"
#include "alga-error.h"
#include "alga-priority.h"
#include "alga-status.h"
#include "alga-test-credentials.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-repository.h"
#include "alga-ticket-repository-parts.h"

typedef struct
{
  AlgaTestServer       *server;
  AlgaClient           *client;
  AlgaTestCredentials  *credentials;
  char                 *dir;
  char                 *cache_path;
  AlgaCache            *cache;
  AlgaTicketRepository *tickets;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = alga_test_server_new ();
  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
  f->client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  f->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (f->credentials, alga_test_server_get_api_key (f->server));
  alga_client_set_credentials (f->client, ALGA_CREDENTIALS (f->credentials));
  /* Unreachable is found out at once, not after the client's patient retries. */
  alga_client_set_retry_policy (f->client, 1, 10);

  f->dir = g_dir_make_tmp ("alga-repository-XXXXXX", &error);
  g_assert_no_error (error);
  f->cache_path = g_build_filename (f->dir, "cache.sqlite", NULL);
  f->cache = alga_cache_new_for_path (f->cache_path, &error);
  g_assert_no_error (error);
  f->tickets = alga_ticket_repository_new (f->client, f->cache);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->tickets);
  g_assert_finalize_object (f->cache);
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->credentials);
  alga_test_server_stop (f->server);
  g_object_unref (f->server);
  g_unlink (f->cache_path);
  g_free (f->cache_path);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
cut_off (Fixture *f)
{
  const AlgaTestFault drop = { .kind = ALGA_TEST_FAULT_DROP };

  alga_test_server_add_fault (f->server, NULL, "/api/v1/*", &drop);
}

static AlgaTicket *
load_ticket (AlgaTicketRepository  *tickets,
             const char            *ticket_id,
             AlgaLoadFlags          flags,
             gboolean              *saved_copy,
             GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_ticket_repository_load_ticket_async (tickets, ticket_id, flags, NULL,
                                            alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);

  return alga_ticket_repository_load_ticket_finish (tickets, result, saved_copy, error);
}

static GPtrArray *
load_comments (AlgaTicketRepository  *tickets,
               const char            *ticket_id,
               AlgaLoadFlags          flags,
               gboolean              *saved_copy,
               GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_ticket_repository_load_comments_async (tickets, ticket_id, flags, NULL,
                                              alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);

  return alga_ticket_repository_load_comments_finish (tickets, result, saved_copy, error);
}

static AlgaTicket *
wait_write (AlgaTicketRepository  *tickets,
            GAsyncResult         **result,
            GError               **error)
{
  alga_test_wait_for_result (result, 10000);

  return alga_ticket_repository_write_finish (tickets, *result, error);
}

static void
test_ticket_saved_and_standing_in (Fixture       *f,
                                   gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  g_autoptr(AlgaTicket) online = NULL;
  g_autoptr(AlgaTicket) offline = NULL;
  g_autoptr(AlgaTicket) saved = NULL;
  g_autoptr(AlgaTicketRepository) without_cache = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved_copy = TRUE;

  online = load_ticket (f->tickets, ticket_id, ALGA_LOAD_DEFAULT, &saved_copy, &error);
  g_assert_no_error (error);
  g_assert_false (saved_copy);
  g_assert_true (alga_ticket_get_has_detail (online));
  saved = alga_cache_load_ticket (f->cache, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (alga_ticket_get_title (saved), ==, alga_ticket_get_title (online));

  cut_off (f);
  offline = load_ticket (f->tickets, ticket_id, ALGA_LOAD_DEFAULT, &saved_copy, &error);
  g_assert_no_error (error);
  g_assert_true (saved_copy);
  g_assert_cmpstr (alga_ticket_get_ticket_id (offline), ==, ticket_id);
  g_assert_cmpstr (alga_ticket_get_description (offline), ==, alga_ticket_get_description (online));
  g_clear_object (&offline);

  /* Asked not to, or with nothing saved, the repository says that the server is gone. */
  offline = load_ticket (f->tickets, ticket_id, ALGA_LOAD_NETWORK_ONLY, &saved_copy, &error);
  g_assert_null (offline);
  g_assert_true (alga_api_error_is_unreachable (error));
  g_assert_false (saved_copy);
  g_clear_error (&error);

  without_cache = alga_ticket_repository_new (f->client, NULL);
  offline = load_ticket (without_cache, ticket_id, ALGA_LOAD_DEFAULT, &saved_copy, &error);
  g_assert_null (offline);
  g_assert_true (alga_api_error_is_unreachable (error));
}

static void
test_ticket_refusal_is_the_answer (Fixture       *f,
                                   gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  const AlgaTestFault gone = {
    .kind = ALGA_TEST_FAULT_STATUS,
    .status = 404,
    .body = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Ticket not found\"}}",
  };
  g_autoptr(AlgaTicket) online = NULL;
  g_autoptr(AlgaTicket) refused = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved_copy = TRUE;

  online = load_ticket (f->tickets, ticket_id, ALGA_LOAD_DEFAULT, NULL, &error);
  g_assert_no_error (error);

  /* A ticket the server says is gone is gone, whatever this computer saved of it. */
  alga_test_server_add_fault (f->server, "GET", "/api/v1/tickets/*", &gone);
  refused = load_ticket (f->tickets, ticket_id, ALGA_LOAD_DEFAULT, &saved_copy, &error);
  g_assert_null (refused);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
  g_assert_false (saved_copy);
}

static void
test_comments_every_page (Fixture       *f,
                          gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  g_autofree char *comments_path = g_strdup_printf ("/api/v1/tickets/%s/comments", ticket_id);
  g_autoptr(GPtrArray) online = NULL;
  g_autoptr(GPtrArray) offline = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved_copy = TRUE;
  guint n;

  /* More than one page of the server's largest. */
  while (alga_test_server_count_comments (f->server, ticket_id) <
         ALGA_TICKET_REPOSITORY_COMMENT_PAGE + 20)
    g_free (alga_test_server_add_comment (f->server, ticket_id, "Another reply", FALSE, NULL, NULL));
  n = alga_test_server_count_comments (f->server, ticket_id);

  alga_test_server_clear_requests (f->server);
  online = load_comments (f->tickets, ticket_id, ALGA_LOAD_DEFAULT, &saved_copy, &error);
  g_assert_no_error (error);
  g_assert_false (saved_copy);
  g_assert_cmpuint (online->len, ==, n);
  g_assert_true (ALGA_IS_COMMENT (g_ptr_array_index (online, 0)));
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", comments_path), ==, 2);
  saved = alga_cache_load_comments (f->cache, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, n);

  cut_off (f);
  offline = load_comments (f->tickets, ticket_id, ALGA_LOAD_DEFAULT, &saved_copy, &error);
  g_assert_no_error (error);
  g_assert_true (saved_copy);
  g_assert_cmpuint (offline->len, ==, n);
  g_clear_pointer (&offline, g_ptr_array_unref);

  /* A refresh of what is on screen wants the server's answer or its error. */
  offline = load_comments (f->tickets, ticket_id, ALGA_LOAD_NO_SAVED_COPY, &saved_copy, &error);
  g_assert_null (offline);
  g_assert_true (alga_api_error_is_unreachable (error));
  g_assert_false (saved_copy);
}

static void
test_comments_network_only_saves_nothing (Fixture       *f,
                                          gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  g_autoptr(GPtrArray) online = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) error = NULL;

  online = load_comments (f->tickets, ticket_id, ALGA_LOAD_NETWORK_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (online->len, ==, alga_test_server_count_comments (f->server, ticket_id));
  saved = alga_cache_load_comments (f->cache, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_null (saved);
  g_clear_pointer (&online, g_ptr_array_unref);

  /* Without a saved copy standing in, the answer is still saved. */
  online = load_comments (f->tickets, ticket_id, ALGA_LOAD_NO_SAVED_COPY, NULL, &error);
  g_assert_no_error (error);
  saved = alga_cache_load_comments (f->cache, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpuint (saved->len, ==, online->len);
}

static void
on_ticket_changed_cb (AlgaClient *client,
                      const char *ticket_id,
                      guint      *changes)
{
  (*changes)++;
}

static void
test_writes (Fixture       *f,
             gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(AlgaTicket) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(GDateTime) due = g_date_time_new_utc (2027, 3, 4, 16, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  AlgaStatus *status = NULL;
  AlgaPriority *priority = NULL;
  guint n_changes = 0;

  g_signal_connect (f->client, "ticket-changed", G_CALLBACK (on_ticket_changed_cb), &n_changes);
  ticket = load_ticket (f->tickets, ticket_id, ALGA_LOAD_NETWORK_ONLY, NULL, &error);
  g_assert_no_error (error);

  alga_client_list_statuses_async (f->client, alga_ticket_get_board_id (ticket), NULL,
                                   alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  statuses = alga_client_list_statuses_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  for (guint i = 0; i < statuses->len && status == NULL; i++)
    if (g_strcmp0 (alga_status_get_status_id (g_ptr_array_index (statuses, i)),
                   alga_ticket_get_status_id (ticket)) != 0)
      status = g_ptr_array_index (statuses, i);
  g_assert_nonnull (status);

  alga_ticket_repository_set_status_async (f->tickets, ticket_id, alga_status_get_status_id (status),
                                           ALGA_QUIET_NONE, NULL, alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_status_id (answer), ==, alga_status_get_status_id (status));
  g_clear_object (&answer);
  g_clear_object (&result);

  alga_client_list_priorities_async (f->client, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  priorities = alga_client_list_priorities_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  for (guint i = 0; i < priorities->len && priority == NULL; i++)
    if (g_strcmp0 (alga_priority_get_priority_id (g_ptr_array_index (priorities, i)),
                   alga_ticket_get_priority_id (ticket)) != 0)
      priority = g_ptr_array_index (priorities, i);
  g_assert_nonnull (priority);

  alga_ticket_repository_set_priority_async (f->tickets, ticket_id,
                                             alga_priority_get_priority_id (priority),
                                             ALGA_QUIET_NONE, NULL, alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_priority_id (answer), ==,
                   alga_priority_get_priority_id (priority));
  g_clear_object (&answer);
  g_clear_object (&result);

  alga_ticket_repository_set_due_date_async (f->tickets, ticket_id, due, ALGA_QUIET_NONE, NULL,
                                             alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (alga_ticket_get_due_date (answer));
  g_assert_true (g_date_time_equal (alga_ticket_get_due_date (answer), due));
  g_clear_object (&answer);
  g_clear_object (&result);

  alga_ticket_repository_set_due_date_async (f->tickets, ticket_id, NULL, ALGA_QUIET_NONE, NULL,
                                             alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  g_assert_null (alga_ticket_get_due_date (answer));
  g_clear_object (&answer);
  g_clear_object (&result);

  json_object_set_string_member (changes, "note_for_tests", "kept");
  alga_ticket_repository_update_attributes_async (f->tickets, ticket_id, changes, ALGA_QUIET_NONE, NULL,
                                                  alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) attributes = alga_ticket_dup_attributes (answer);

    g_assert_nonnull (attributes);
    g_assert_cmpstr (json_object_get_string_member (attributes, "note_for_tests"), ==, "kept");
  }
  g_clear_object (&answer);
  g_clear_object (&result);

  alga_ticket_repository_set_assignee_async (f->tickets, ticket_id, NULL, ALGA_QUIET_NONE, NULL,
                                             alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  g_assert_null (alga_ticket_get_assigned_to (answer));
  g_clear_object (&answer);
  g_clear_object (&result);

  alga_ticket_repository_set_assignee_async (f->tickets, ticket_id,
                                             alga_test_server_get_user_id (f->server), ALGA_QUIET_NONE, NULL,
                                             alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_assigned_to (answer), ==,
                   alga_test_server_get_user_id (f->server));
  g_clear_object (&result);

  /* Every write is one the watcher is told was ours. */
  g_assert_cmpuint (n_changes, ==, 7);
  g_signal_handlers_disconnect_by_func (f->client, on_ticket_changed_cb, &n_changes);
}

static void
test_write_refused (Fixture       *f,
                    gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  g_autoptr(AlgaTicket) answer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_ticket_repository_set_status_async (f->tickets, ticket_id, "no-such-status", ALGA_QUIET_NONE, NULL,
                                           alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_null (answer);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION);
}

static void
test_post_comment (Fixture       *f,
                   gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  guint before = alga_test_server_count_comments (f->server, ticket_id);
  g_autoptr(AlgaComment) comment = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_ticket_repository_post_comment_async (f->tickets, ticket_id, "Rebooted the switch.",
                                             TRUE, FALSE, ALGA_QUIET_NONE, NULL,
                                             alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  comment = alga_ticket_repository_post_comment_finish (f->tickets, result, &error);
  g_assert_no_error (error);
  g_assert_true (ALGA_IS_COMMENT (comment));
  g_assert_true (alga_comment_get_is_internal (comment));
  g_assert_cmpuint (alga_test_server_count_comments (f->server, ticket_id), ==, before + 1);
}

/* A new ticket, made from the ids of one the technician has, is saved and opens offline. */
static void
test_create_ticket (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AlgaTicket) model = load_ticket (f->tickets, alga_test_server_get_my_ticket_id (f->server),
                                             ALGA_LOAD_DEFAULT, NULL, NULL);
  g_autoptr(AlgaNewTicket) request = alga_new_ticket_new ();
  g_autoptr(AlgaTicket) created = NULL;
  g_autoptr(AlgaTicket) saved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_new_ticket_set_title (request, "Phone call: the scanner");
  alga_new_ticket_set_board (request, alga_ticket_get_board_id (model), ALGA_PRIORITY_KIND_UNKNOWN);
  alga_new_ticket_set_client (request, alga_ticket_get_client_id (model), NULL);
  alga_new_ticket_set_status (request, alga_ticket_get_status_id (model), alga_ticket_get_board_id (model));
  alga_new_ticket_set_priority (request, alga_ticket_get_priority_id (model), ALGA_PRIORITY_KIND_UNKNOWN);
  alga_ticket_repository_create_ticket_async (f->tickets, request, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  created = alga_ticket_repository_create_ticket_finish (f->tickets, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_title (created), ==, "Phone call: the scanner");

  saved = alga_cache_load_ticket (f->cache, alga_ticket_get_ticket_id (created), &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (alga_ticket_get_ticket_number (saved), ==, alga_ticket_get_ticket_number (created));
}

/* A title and a description changed quietly: the flags reach the server, the customer is not
 * e-mailed, and the description's other attributes stay. */
static void
test_quiet_title_and_description (Fixture       *f,
                                  gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  g_auto(GStrv) before = alga_test_server_dup_notices (f->server, ticket_id);
  g_auto(GStrv) after = NULL;
  g_autoptr(AlgaTicket) answer = NULL;
  g_autoptr(AlgaTicket) detail = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *json = NULL;

  alga_ticket_repository_set_title_async (f->tickets, ticket_id, "Printer jams (floor 2)",
                                          ALGA_QUIET_CUSTOMER, NULL, alga_test_store_result_cb, &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_title (answer), ==, "Printer jams (floor 2)");
  requests = alga_test_server_dup_requests (f->server);
  g_assert_nonnull (strstr (((AlgaTestRequest *) requests->pdata[requests->len - 1])->body,
                            "\"suppressContactNotifications\":true"));
  after = alga_test_server_dup_notices (f->server, ticket_id);
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before));
  g_clear_object (&answer);
  g_clear_object (&result);

  alga_ticket_repository_set_description_async (f->tickets, ticket_id, "Jams every morning.",
                                                ALGA_QUIET_EVERYONE, NULL, alga_test_store_result_cb,
                                                &result);
  answer = wait_write (f->tickets, &result, &error);
  g_assert_no_error (error);
  json = alga_test_server_dup_ticket_json (f->server, ticket_id);
  g_assert_nonnull (strstr (json, "Jams every morning."));
  g_clear_pointer (&after, g_strfreev);
  after = alga_test_server_dup_notices (f->server, ticket_id);
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before));
}

static void
on_writing_cb (AlgaTicketRepository *tickets,
               const char           *ticket_id,
               GPtrArray            *written)
{
  g_ptr_array_add (written, g_strdup (ticket_id));
}

/* The parts of a ticket go through the repository: each answer is the client's, and each write
 * that changes what the watcher sees says so before it is sent; reads and reactions do not. */
static void
test_parts (Fixture       *f,
            gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (f->server);
  g_autofree char *root = alga_test_server_add_comment (f->server, ticket_id, "Root", TRUE,
                                                        alga_test_server_get_other_user_id (f->server),
                                                        NULL);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) content = g_bytes_new_static ("hello", 5);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(AlgaDocument) document = NULL;
  g_autoptr(AlgaChecklistItem) item = NULL;
  g_autoptr(AlgaChecklistItem) ticked = NULL;
  g_autoptr(AlgaComment) reply = NULL;
  g_autoptr(AlgaComment) edited = NULL;
  guint n_documents;
  gboolean added = FALSE;

  g_signal_connect (f->tickets, "writing", G_CALLBACK (on_writing_cb), written);

  alga_ticket_repository_list_documents_async (f->tickets, ticket_id, NULL,
                                               alga_test_store_result_cb, &result);
  documents = alga_ticket_repository_list_documents_finish (f->tickets,
                                                            alga_test_wait_for_result (&result, 10000),
                                                            &error);
  g_assert_no_error (error);
  n_documents = documents->len;
  g_clear_object (&result);

  alga_ticket_repository_upload_document_async (f->tickets, ticket_id, NULL, content, "note.txt",
                                                "text/plain", NULL, NULL, NULL,
                                                alga_test_store_result_cb, &result);
  g_assert_cmpuint (written->len, ==, 1);
  document = alga_ticket_repository_upload_document_finish (f->tickets,
                                                            alga_test_wait_for_result (&result, 10000),
                                                            &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_document_get_name (document), ==, "note.txt");
  g_assert_cmpuint (alga_test_server_count_documents (f->server, ticket_id), ==, n_documents + 1);
  g_clear_object (&result);

  alga_ticket_repository_delete_document_async (f->tickets, ticket_id,
                                                alga_document_get_document_id (document), NULL,
                                                alga_test_store_result_cb, &result);
  g_assert_true (alga_ticket_repository_delete_document_finish (f->tickets,
                                                                alga_test_wait_for_result (&result, 10000),
                                                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alga_test_server_count_documents (f->server, ticket_id), ==, n_documents);
  g_clear_object (&result);

  /* The client's errors come through as they are. */
  alga_ticket_repository_delete_document_async (f->tickets, ticket_id,
                                                alga_document_get_document_id (document), NULL,
                                                alga_test_store_result_cb, &result);
  g_assert_false (alga_ticket_repository_delete_document_finish (f->tickets,
                                                                 alga_test_wait_for_result (&result, 10000),
                                                                 &error));
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (written->len, ==, 3);

  alga_ticket_repository_list_checklist_async (f->tickets, ticket_id, NULL,
                                               alga_test_store_result_cb, &result);
  items = alga_ticket_repository_list_checklist_finish (f->tickets,
                                                        alga_test_wait_for_result (&result, 10000),
                                                        &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  alga_ticket_repository_add_checklist_item_async (f->tickets, ticket_id, "Take a photo", FALSE, NULL,
                                                   alga_test_store_result_cb, &result);
  item = alga_ticket_repository_add_checklist_item_finish (f->tickets,
                                                           alga_test_wait_for_result (&result, 10000),
                                                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_checklist_item_get_name (item), ==, "Take a photo");
  g_clear_object (&result);

  alga_ticket_repository_set_checklist_item_done_async (f->tickets, ticket_id,
                                                        alga_checklist_item_get_item_id (item), TRUE,
                                                        NULL, alga_test_store_result_cb, &result);
  ticked = alga_ticket_repository_set_checklist_item_done_finish (f->tickets,
                                                                  alga_test_wait_for_result (&result, 10000),
                                                                  &error);
  g_assert_no_error (error);
  g_assert_true (alga_checklist_item_get_completed (ticked));
  g_clear_object (&result);

  alga_ticket_repository_post_reply_async (f->tickets, ticket_id, root, "My reply", NULL,
                                           alga_test_store_result_cb, &result);
  reply = alga_ticket_repository_post_reply_finish (f->tickets, alga_test_wait_for_result (&result, 10000),
                                                    &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  alga_ticket_repository_edit_comment_async (f->tickets, ticket_id, alga_comment_get_comment_id (reply),
                                             "My reply, corrected", NULL, alga_test_store_result_cb,
                                             &result);
  edited = alga_ticket_repository_edit_comment_finish (f->tickets,
                                                       alga_test_wait_for_result (&result, 10000), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_comment_get_text (edited), ==, "My reply, corrected");
  g_clear_object (&result);
  g_assert_cmpuint (written->len, ==, 7);

  alga_ticket_repository_toggle_reaction_async (f->tickets, ticket_id, root, "👍", NULL,
                                                alga_test_store_result_cb, &result);
  g_assert_true (alga_ticket_repository_toggle_reaction_finish (f->tickets,
                                                                alga_test_wait_for_result (&result, 10000),
                                                                &added, &error));
  g_assert_no_error (error);
  g_assert_true (added);

  g_assert_cmpuint (written->len, ==, 7);
  for (guint i = 0; i < written->len; i++)
    g_assert_cmpstr (g_ptr_array_index (written, i), ==, ticket_id);
  g_signal_handlers_disconnect_by_func (f->tickets, on_writing_cb, written);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/repository/ticket/saved-and-standing-in", test_ticket_saved_and_standing_in);
  ADD ("/repository/ticket/refusal-is-the-answer", test_ticket_refusal_is_the_answer);
  ADD ("/repository/comments/every-page", test_comments_every_page);
  ADD ("/repository/comments/network-only-saves-nothing",
       test_comments_network_only_saves_nothing);
  ADD ("/repository/writes", test_writes);
  ADD ("/repository/write-refused", test_write_refused);
  ADD ("/repository/post-comment", test_post_comment);
  ADD ("/repository/create-ticket", test_create_ticket);
  ADD ("/repository/quiet-title-and-description", test_quiet_title_and_description);
  ADD ("/repository/parts", test_parts);

#undef ADD

  return g_test_run ();
}
