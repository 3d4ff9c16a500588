/* test-comments.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaCommentThread and AlgaComposer in a real window, against the test server over loopback.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-client.h"
#include "alga-comment-row.h"
#include "alga-comment-thread.h"
#include "alga-composer.h"
#include "alga-draft-store.h"
#include "alga-test-gtk.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaAccount    *account;
  AlgaTestCredentials   *credentials;
  char           *draft_dir;
  AlgaDraftStore *drafts;
  char           *ticket_id;
  AlgaTicket     *ticket;
  GtkWindow      *window;
  AlgaCommentThread *thread;
  AlgaComposer   *composer;
} Fixture;

static AlgaTicket *
get_ticket (Fixture    *fixture,
            const char *ticket_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicket *ticket;

  alga_client_get_ticket_async (fixture->client, ticket_id, NULL,
                                alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  ticket = alga_client_get_ticket_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  return ticket;
}

static AlgaComposer *
add_composer (Fixture *fixture,
              GtkBox  *box)
{
  AlgaComposer *composer = g_object_new (ALGA_TYPE_COMPOSER,
                                         "account", fixture->account,
                                         "ticket", fixture->ticket,
                                         NULL);

  gtk_box_append (box, GTK_WIDGET (composer));
  g_signal_connect_swapped (composer, "comment-posted",
                            G_CALLBACK (alga_comment_thread_add_comment), fixture->thread);

  return composer;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  GtkWidget *box;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaComment) resolution = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));

  fixture->draft_dir = g_dir_make_tmp ("alga-comments-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->drafts = alga_draft_store_new (fixture->draft_dir);
  fixture->account = alga_account_new_for_client (fixture->client,
                                                  alga_test_server_get_user_id (fixture->server),
                                                  NULL, fixture->drafts);

  /* A ticket of our own, so the thread's contents are known: internal, public, resolution. */
  fixture->ticket_id = alga_test_server_create_ticket (fixture->server, "Printer on floor 3 jams",
                                                       alga_test_server_get_user_id (fixture->server));
  g_free (alga_test_server_add_comment (fixture->server, fixture->ticket_id,
                                        "Looked at it; the tray is bent.", TRUE,
                                        alga_test_server_get_other_user_id (fixture->server),
                                        NULL));
  g_free (alga_test_server_add_comment (fixture->server, fixture->ticket_id,
                                        "It happened again this morning.", FALSE, NULL, NULL));
  alga_client_post_comment_async (fixture->client, fixture->ticket_id,
                                  "Replaced the **tray**.", FALSE, TRUE, ALGA_QUIET_NONE, NULL,
                                  alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  resolution = alga_client_post_comment_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  fixture->ticket = get_ticket (fixture, fixture->ticket_id);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 700);
  overlay = adw_toast_overlay_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  gtk_window_set_child (fixture->window, overlay);

  fixture->thread = g_object_new (ALGA_TYPE_COMMENT_THREAD,
                                  "account", fixture->account,
                                  "user-id", alga_test_server_get_user_id (fixture->server),
                                  "ticket", fixture->ticket,
                                  NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->thread));
  fixture->composer = add_composer (fixture, GTK_BOX (box));

  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->ticket);
  g_clear_object (&fixture->account);
  /* Writes in flight hold the store, and requests cut short by the destruction hold the client
   * until they finish on the main context. */
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->drafts), 30000);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->client), 30000);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
  remove_tree (fixture->draft_dir);
  g_free (fixture->draft_dir);
  g_free (fixture->ticket_id);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkTextBuffer *
composer_buffer (AlgaComposer *composer)
{
  GtkWidget *text_view = find_widget (GTK_WIDGET (composer), GTK_TYPE_TEXT_VIEW, NULL);

  g_assert_nonnull (text_view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
}

static char *
composer_text (AlgaComposer *composer)
{
  GtkTextBuffer *buffer = composer_buffer (composer);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWidget *
send_button (AlgaComposer *composer)
{
  GtkWidget *button = find_widget (GTK_WIDGET (composer), GTK_TYPE_BUTTON, "suggested-action");

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "composer.send");
  return button;
}

static gboolean
thread_shows_comments (Fixture *fixture)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->thread), GTK_TYPE_STACK, NULL);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "comments") == 0;
}

static char *
load_draft (Fixture    *fixture,
            const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  alga_draft_store_load_async (fixture->drafts, key, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 5000);
  text = alga_draft_store_load_finish (fixture->drafts, result, &error);
  g_assert_no_error (error);

  return text;
}

static GPtrArray *
server_comments (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *comments;

  alga_client_list_comments_async (fixture->client, fixture->ticket_id, 0, 200, FALSE, NULL,
                                   alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  comments = alga_client_list_comments_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  return comments;
}

static AlgaCommentRow *
row_at (Fixture *fixture,
        guint    index)
{
  GtkWidget *list_box = find_widget (GTK_WIDGET (fixture->thread), GTK_TYPE_LIST_BOX, NULL);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), index);

  g_assert_true (ALGA_IS_COMMENT_ROW (row));
  return ALGA_COMMENT_ROW (row);
}

static void
test_thread_order_and_badges (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = server_comments (fixture);
  GListModel *model = alga_comment_thread_get_model (fixture->thread);
  gboolean saw_internal = FALSE, saw_public = FALSE, saw_resolution = FALSE;

  alga_test_wait_until (thread_shows_comments (fixture), 10000);

  g_assert_cmpuint (expected->len, >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      AlgaComment *want = g_ptr_array_index (expected, i);
      AlgaCommentRow *row = row_at (fixture, i);
      AlgaComment *shown = alga_comment_row_get_comment (row);
      g_autofree char *badges = alga_comment_row_dup_badges (row);
      g_auto(GStrv) list = g_strsplit (badges, ", ", -1);

      g_assert_cmpstr (alga_comment_get_comment_id (shown), ==,
                       alga_comment_get_comment_id (want));
      if (i > 0)
        {
          AlgaComment *before = alga_comment_row_get_comment (row_at (fixture, i - 1));

          g_assert_cmpint (g_date_time_compare (alga_comment_get_created_at (before),
                                                alga_comment_get_created_at (shown)), <=, 0);
        }

      g_assert_cmpint (g_strv_contains ((const char * const *) list, "Internal"), ==,
                       alga_comment_get_is_internal (want));
      g_assert_cmpint (g_strv_contains ((const char * const *) list, "Public"), ==,
                       !alga_comment_get_is_internal (want));
      g_assert_cmpint (g_strv_contains ((const char * const *) list, "Resolution"), ==,
                       alga_comment_get_is_resolution (want));
      g_assert_nonnull (alga_comment_row_get_author (row));
      g_assert_cmpstr (alga_comment_row_get_author (row), !=, "");

      saw_internal |= alga_comment_get_is_internal (want);
      saw_public |= !alga_comment_get_is_internal (want);
      saw_resolution |= alga_comment_get_is_resolution (want);
    }

  g_assert_true (saw_internal && saw_public && saw_resolution);
  /* The last one is the resolution posted through the API by the technician. */
  g_assert_cmpstr (alga_comment_get_created_by_name (alga_comment_row_get_comment (row_at (fixture, expected->len - 1))),
                   ==, alga_comment_row_get_author (row_at (fixture, expected->len - 1)));
}

static void
test_post_internal (Fixture       *fixture,
                    gconstpointer  data)
{
  guint before = alga_test_server_count_comments (fixture->server, fixture->ticket_id);
  g_autofree char *key = g_strconcat ("comment:", fixture->ticket_id, NULL);
  g_autofree char *draft = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *draft_path = alga_draft_store_get_path (fixture->drafts, key);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) blocks = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTestRequest *post = NULL;
  GListModel *model = alga_comment_thread_get_model (fixture->thread);
  guint shown_before;
  JsonObject *object;
  JsonArray *paragraphs;

  alga_test_wait_until (thread_shows_comments (fixture), 10000);
  shown_before = g_list_model_get_n_items (model);
  alga_test_server_clear_requests (fixture->server);

  gtk_text_buffer_set_text (composer_buffer (fixture->composer),
                            "Ordered a new tray.\nWill fit it on Monday.", -1);
  g_assert_true (gtk_widget_is_sensitive (send_button (fixture->composer)));

  /* The draft is kept as typed. */
  alga_test_wait_until (g_file_test (draft_path, G_FILE_TEST_EXISTS), 2000);

  gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send", NULL);
  /* While it is on its way, a second send does nothing. */
  g_assert_false (gtk_widget_is_sensitive (send_button (fixture->composer)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send", NULL);

  alga_test_wait_until (alga_test_server_count_comments (fixture->server, fixture->ticket_id) ==
                        before + 1, 10000);
  alga_test_wait_until (g_list_model_get_n_items (model) == shown_before + 1, 10000);
  /* A fixed time on purpose: no second comment arrives in it. */
  alga_test_spin (100);
  g_assert_cmpuint (alga_test_server_count_comments (fixture->server, fixture->ticket_id), ==,
                    before + 1);

  requests = alga_test_server_dup_requests (fixture->server);
  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "POST") && g_str_has_suffix (request->path, "/comments"))
        {
          g_assert_null (post);
          post = request;
        }
    }
  g_assert_nonnull (post);
  body = json_from_string (post->body, &error);
  g_assert_no_error (error);
  object = json_node_get_object (body);
  g_assert_true (json_object_get_boolean_member (object, "is_internal"));

  /* Two lines of one paragraph arrive as one BlockNote paragraph that keeps its line break,
   * as the web editor stores a soft break: not run together, not two paragraphs apart. */
  blocks = json_from_string (json_object_get_string_member (object, "comment_text"), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (blocks));
  paragraphs = json_node_get_array (blocks);
  g_assert_cmpuint (json_array_get_length (paragraphs), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (paragraphs, 0),
                                                  "type"), ==, "paragraph");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_array_get_object_element (paragraphs, 0),
                                                   "content"), 0), "text"), ==,
                   "Ordered a new tray.\nWill fit it on Monday.");
  g_assert_nonnull (strstr (post->body, "Ordered a new tray."));
  g_assert_nonnull (strstr (post->body, "Will fit it on Monday."));

  /* The box is empty, the draft gone, the thread has the comment at the end. */
  after_text = composer_text (fixture->composer);
  g_assert_cmpstr (after_text, ==, "");
  draft = load_draft (fixture, key);
  g_assert_null (draft);
  alga_test_wait_until (!g_file_test (draft_path, G_FILE_TEST_EXISTS), 2000);
  {
    g_autoptr(AlgaComment) last = g_list_model_get_item (model, shown_before);

    g_assert_true (alga_comment_get_is_internal (last));
  }
  g_assert_false (gtk_widget_is_sensitive (send_button (fixture->composer)));
}

static void
test_post_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 500,
                          .body = "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"Database is down\"}}" };
  guint before = alga_test_server_count_comments (fixture->server, fixture->ticket_id);
  g_autofree char *key = g_strconcat ("comment:", fixture->ticket_id, NULL);
  g_autofree char *text = NULL;
  g_autofree char *draft = NULL;
  GtkWidget *revealer;
  GtkWidget *label;

  alga_test_wait_until (thread_shows_comments (fixture), 10000);
  alga_test_server_add_fault (fixture->server, "POST", "/api/v1/tickets/*/comments", &fault);

  gtk_text_buffer_set_text (composer_buffer (fixture->composer), "Called the vendor.", -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send", NULL);

  revealer = find_widget (GTK_WIDGET (fixture->composer), GTK_TYPE_REVEALER, NULL);
  alga_test_wait_until (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)), 10000);
  label = gtk_revealer_get_child (GTK_REVEALER (revealer));
  g_test_message ("Error shown: %s", gtk_label_get_label (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "Could not post"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "server"));

  g_assert_cmpuint (alga_test_server_count_comments (fixture->server, fixture->ticket_id), ==,
                    before);
  text = composer_text (fixture->composer);
  g_assert_cmpstr (text, ==, "Called the vendor.");
  draft = load_draft (fixture, key);
  g_assert_cmpstr (draft, ==, "Called the vendor.");
  /* Editable again, and Send can be tried again. */
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (find_widget (GTK_WIDGET (fixture->composer),
                                                                          GTK_TYPE_TEXT_VIEW, NULL))));
  g_assert_true (gtk_widget_is_sensitive (send_button (fixture->composer)));
}

static void
test_counter (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (5001, 'a');
  g_autofree char *max_text = g_strnfill (4999, 'a');
  GtkWidget *counter = find_widget (GTK_WIDGET (fixture->composer), GTK_TYPE_LABEL, "numeric");
  GtkTextBuffer *buffer = composer_buffer (fixture->composer);

  g_assert_nonnull (counter);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (counter)), ==, "0 / 5000");
  g_assert_false (gtk_widget_is_sensitive (send_button (fixture->composer)));

  gtk_text_buffer_set_text (buffer, "   \n\t ", -1);
  g_assert_false (gtk_widget_is_sensitive (send_button (fixture->composer)));

  gtk_text_buffer_set_text (buffer, long_text, -1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (counter)), ==, "5001 / 5000");
  g_assert_true (gtk_widget_has_css_class (counter, "error"));
  g_assert_false (gtk_widget_is_sensitive (send_button (fixture->composer)));

  /* Characters, not bytes: "é" is two bytes and one character. */
  gtk_text_buffer_set_text (buffer, max_text, -1);
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "é", -1);
  }
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (counter)), ==, "5000 / 5000");
  g_assert_false (gtk_widget_has_css_class (counter, "error"));
  g_assert_true (gtk_widget_is_sensitive (send_button (fixture->composer)));
}

static void
test_draft_survives (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (fixture->composer));
  g_autofree char *restored = NULL;
  AlgaComposer *second;

  gtk_text_buffer_set_text (composer_buffer (fixture->composer), "Half-written note", -1);

  /* Gone before the store's delay ran out: dispose must flush. */
  gtk_box_remove (GTK_BOX (box), GTK_WIDGET (fixture->composer));
  fixture->composer = NULL;

  second = add_composer (fixture, GTK_BOX (box));
  alga_test_wait_until (({ g_autofree char *t = composer_text (second); g_str_equal (t, "Half-written note"); }),
                        5000);

  /* A store on the same directory (the next run of the app) has it too. */
  {
    g_autoptr(AlgaDraftStore) other = alga_draft_store_new (fixture->draft_dir);
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *key = g_strconcat ("comment:", fixture->ticket_id, NULL);
    g_autofree char *text = NULL;
    g_autofree char *path = alga_draft_store_get_path (other, key);

    /* The first store's flush on dispose has reached the disk. */
    alga_test_wait_until (alga_test_file_holds (path, "Half-written note"), 30000);
    alga_draft_store_load_async (other, key, NULL, alga_test_store_result_cb, &result);
    alga_test_wait_for_result (&result, 5000);
    text = alga_draft_store_load_finish (other, result, NULL);
    g_assert_cmpstr (text, ==, "Half-written note");
  }

  /* Another ticket's composer starts empty. */
  {
    g_autoptr(AlgaTicket) other_ticket = get_ticket (fixture,
                                                     alga_test_server_get_my_ticket_id (fixture->server));

    alga_composer_set_ticket (second, other_ticket);
    /* A fixed time on purpose: no draft of the first ticket turns up in it. */
    alga_test_spin (50);
    restored = composer_text (second);
    g_assert_cmpstr (restored, ==, "");
  }
}

static void
test_load_error_retry (Fixture       *fixture,
                       gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 503 };
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->thread), GTK_TYPE_STACK, NULL);
  g_autoptr(AlgaTicket) other = NULL;
  GListModel *model = alga_comment_thread_get_model (fixture->thread);

  alga_test_wait_until (thread_shows_comments (fixture), 10000);
  alga_client_set_retry_policy (fixture->client, 1, 0);
  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets/*/comments", &fault);

  /* Another ticket: the old comments go at once, and the failure says so with a Retry. */
  other = get_ticket (fixture, alga_test_server_get_my_ticket_id (fixture->server));
  alga_comment_thread_set_ticket (fixture->thread, other);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "loading");
  alga_test_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "error") == 0,
                        10000);

  alga_test_server_clear_faults (fixture->server);
  gtk_widget_activate_action (GTK_WIDGET (fixture->thread), "comments.reload", NULL);
  alga_test_wait_until (thread_shows_comments (fixture), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  {
    g_autoptr(AlgaComment) first = g_list_model_get_item (model, 0);

    g_assert_cmpstr (alga_comment_get_ticket_id (first), ==, alga_ticket_get_ticket_id (other));
  }
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *text_view = find_widget (GTK_WIDGET (fixture->composer), GTK_TYPE_TEXT_VIEW, NULL);

  /* The names say which kind of comment it is and what the button does with it. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Internal note");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (send_button (fixture->composer)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Add Internal Note");

  alga_composer_grab_focus_text (fixture->composer);
  g_assert_true (gtk_widget_has_focus (text_view));
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/comments/thread-order-badges", Fixture, NULL,
              fixture_set_up, test_thread_order_and_badges, fixture_tear_down);
  g_test_add ("/comments/post-internal", Fixture, NULL,
              fixture_set_up, test_post_internal, fixture_tear_down);
  g_test_add ("/comments/post-failure", Fixture, NULL,
              fixture_set_up, test_post_failure, fixture_tear_down);
  g_test_add ("/comments/counter", Fixture, NULL,
              fixture_set_up, test_counter, fixture_tear_down);
  g_test_add ("/comments/draft-survives", Fixture, NULL,
              fixture_set_up, test_draft_survives, fixture_tear_down);
  g_test_add ("/comments/load-error-retry", Fixture, NULL,
              fixture_set_up, test_load_error_retry, fixture_tear_down);
  g_test_add ("/comments/accessible", Fixture, NULL,
              fixture_set_up, test_accessible, fixture_tear_down);

  return g_test_run ();
}
