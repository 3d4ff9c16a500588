/* test-compose.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing in a ticket as a technician does: the ticket pane in a real window, keys pressed on the
 * keyboard (XTEST), comments posted to the test server over loopback. An internal note and a
 * reply to the customer must never be mistaken for each other; what was written is posted and
 * shown as written.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "alga-client.h"
#include "alga-comment-row.h"
#include "alga-comment-thread.h"
#include "alga-composer.h"
#include "alga-draft-store.h"
#include "alga-test-credentials.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-view.h"
#include "alga-time-entry-dialog.h"
#include "alga-time-summary.h"

#define USER_NAME "Tin Man"

typedef struct
{
  AlgaTestServer      *server;
  AlgaTestCredentials *key;
  AlgaClient          *client;
  AlgaAccount         *account;
  char                *draft_dir;
  AlgaDraftStore      *drafts;
  GtkWindow           *window;
  AlgaTicketView      *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  f->server = alga_test_server_new ();
  f->client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  f->key = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (f->key, alga_test_server_get_api_key (f->server));
  alga_client_set_credentials (f->client, ALGA_CREDENTIALS (f->key));
  f->draft_dir = g_dir_make_tmp ("alga-compose-XXXXXX", &error);
  g_assert_no_error (error);
  f->drafts = alga_draft_store_new (f->draft_dir);

  f->window = GTK_WINDOW (adw_window_new ());
  /* Shorter than the pane: the composer starts below the fold, as on a laptop. */
  gtk_window_set_default_size (f->window, 600, 700);
  overlay = adw_toast_overlay_new ();
  f->view = ALGA_TICKET_VIEW (alga_ticket_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  adw_window_set_content (ADW_WINDOW (f->window), overlay);
  f->account = g_object_new (ALGA_TYPE_ACCOUNT,
                             "client", f->client,
                             "user-id", alga_test_server_get_user_id (f->server),
                             "user-name", USER_NAME,
                             "drafts", f->drafts,
                             NULL);
  alga_ticket_view_set_account (f->view, f->account);
  alga_test_keyboard_focus_window (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->account);
  /* Writes in flight hold the store until they are on disk, so the folder goes after them. */
  alga_test_unref_and_wait_finalized (g_steal_pointer (&f->drafts), 30000);
  remove_dir (f->draft_dir);
  g_free (f->draft_dir);
  /* Requests cut short by the destruction hold the client until they finish. */
  alga_test_unref_and_wait_finalized (g_steal_pointer (&f->client), 30000);
  g_clear_object (&f->key);
  alga_test_server_stop (f->server);
  g_clear_object (&f->server);
}

static gpointer
view_child (Fixture    *f,
            const char *name)
{
  return alga_test_pane_child (GTK_WIDGET (f->view), name);
}

static gpointer
composer_child (Fixture    *f,
                const char *name)
{
  GObject *object = gtk_widget_get_template_child (view_child (f, "composer"),
                                                   ALGA_TYPE_COMPOSER, name);

  g_assert_nonnull (object);
  return object;
}

/* Open tickets of the seed that have a contact, as the list hands them over. */
static GPtrArray *
tickets_with_contact (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *items;

  alga_client_request_async (f->client, "GET", "/api/v1/tickets", "limit=100", NULL,
                             ALGA_REQUEST_DEFAULT, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 5000);
  root = alga_client_request_finish (f->client, result, &error);
  g_assert_no_error (error);

  items = json_object_get_array_member (json_node_get_object (root), "data");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr(AlgaTicket) ticket = alga_ticket_new_from_json (json_array_get_element (items, i),
                                                                &error);

      g_assert_no_error (error);
      if (!alga_ticket_get_status_is_closed (ticket) &&
          alga_ticket_get_contact_name (ticket) != NULL &&
          alga_ticket_get_client_name (ticket) != NULL)
        g_ptr_array_add (tickets, g_steal_pointer (&ticket));
    }

  g_assert_cmpuint (tickets->len, >=, 2);
  return tickets;
}

static void
show_ticket (Fixture    *f,
             AlgaTicket *ticket)
{
  alga_ticket_view_set_ticket (f->view, ticket);
  alga_test_wait_until (alga_ticket_get_has_detail (ticket), 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (view_child (f, "status_row")), 5000);
}

static GtkWidget *
focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static const char *
send_label (Fixture *f)
{
  return gtk_label_get_label (composer_child (f, "send_label"));
}

static char *
composer_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (composer_child (f, "text_view"));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
last_comment_body (Fixture    *f,
                   const char *ticket_id)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/comments", ticket_id);

  for (guint i = requests->len; i > 0; i--)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i - 1);

      if (g_str_equal (request->method, "POST") && g_str_equal (request->path, path))
        return g_strdup (request->body);
    }

  return NULL;
}

/* Whether @widget lies wholly inside the pane's visible part. */
static gboolean
shown_whole (Fixture   *f,
             GtkWidget *widget)
{
  GtkWidget *scrolled = view_child (f, "scrolled_window");
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Unticking "Internal" on one ticket once left the next ticket's comment public. Now each
 * ticket starts as an internal note; a reply being drafted keeps its mode; the two look and say
 * different things. */
static void
test_mode_per_ticket (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = tickets_with_contact (f);
  AlgaTicket *first = g_ptr_array_index (tickets, 0);
  AlgaTicket *second = g_ptr_array_index (tickets, 1);
  GtkWidget *text_view = composer_child (f, "text_view");
  GtkWidget *card = composer_child (f, "text_card");
  g_autofree char *audience = NULL;
  g_autofree char *body = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *key = g_strconcat ("comment:", alga_ticket_get_ticket_id (first), NULL);
  g_autofree char *draft_path = alga_draft_store_get_path (f->drafts, key);

  show_ticket (f, first);
  gtk_widget_grab_focus (view_child (f, "status_row"));
  alga_test_keyboard_press_accel ("<Control><Shift>r");
  g_assert_true (focus (f) == text_view);
  g_assert_cmpstr (send_label (f), ==, "Add Internal Note");
  g_assert_true (gtk_widget_has_css_class (card, "internal-note"));
  g_assert_true (gtk_widget_get_visible (composer_child (f, "placeholder_label")));

  /* Shift+Tab reaches the mode switch above the text; Space chooses the reply. */
  alga_test_keyboard_press (GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (focus (f) == composer_child (f, "reply_toggle"));
  alga_test_keyboard_press (GDK_KEY_space, 0);
  g_assert_cmpstr (send_label (f), ==, "Send to Customer");
  g_assert_false (gtk_widget_has_css_class (card, "internal-note"));
  audience = g_strdup_printf ("Visible to %s (%s)", alga_ticket_get_contact_name (first),
                              alga_ticket_get_client_name (first));
  g_assert_cmpstr (gtk_label_get_label (composer_child (f, "audience_label")), ==, audience);

  alga_test_keyboard_press (GDK_KEY_Tab, 0);
  g_assert_true (focus (f) == text_view);
  alga_test_keyboard_type ("We replaced the toner");
  g_assert_false (gtk_widget_get_visible (composer_child (f, "placeholder_label")));
  /* The draft is written after a pause in the typing. */
  alga_test_wait_until (alga_test_file_holds (draft_path, "We replaced the toner"), 30000);

  /* The next ticket starts as an internal note, whatever the last one was. */
  show_ticket (f, second);
  g_assert_cmpstr (send_label (f), ==, "Add Internal Note");
  g_assert_true (gtk_toggle_button_get_active (composer_child (f, "internal_toggle")));
  g_assert_true (gtk_widget_has_css_class (card, "internal-note"));

  /* Back on the first, the reply being written is still a reply. */
  show_ticket (f, first);
  alga_test_wait_until ((g_free (restored), restored = composer_text (f),
                         g_str_equal (restored, "We replaced the toner")), 5000);
  alga_test_wait_until (g_strcmp0 (send_label (f), "Send to Customer") == 0, 5000);

  alga_test_keyboard_press_accel ("<Control><Shift>r");
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until ((g_free (body), body = last_comment_body (f, alga_ticket_get_ticket_id (first)),
                         body != NULL), 5000);
  g_assert_nonnull (strstr (body, "\"is_internal\":false"));
  /* Once sent, the next comment is a note again. */
  alga_test_wait_until (g_strcmp0 (send_label (f), "Add Internal Note") == 0, 5000);
}

/* Ctrl+Shift+R from the fields at the top brings the whole composer into view: its mode switch,
 * the text (focused, tall enough to write in) and its send button. */
static void
test_reply_key_shows_composer (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = tickets_with_contact (f);
  GtkWidget *text_view = composer_child (f, "text_view");
  AlgaTicket *ticket = g_ptr_array_index (tickets, 0);
  GListModel *comments = alga_comment_thread_get_model (view_child (f, "comment_thread"));

  g_free (alga_test_server_add_comment (f->server, alga_ticket_get_ticket_id (ticket),
                                        "Is the printer on?", FALSE, NULL, NULL));
  show_ticket (f, ticket);
  /* The thread is in place, as when a technician has read it. */
  alga_test_wait_until (g_list_model_get_n_items (comments) > 0, 5000);
  gtk_widget_grab_focus (view_child (f, "status_row"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_false (shown_whole (f, composer_child (f, "send_button")));

  alga_test_keyboard_press_accel ("<Control><Shift>r");
  g_assert_true (focus (f) == text_view);
  alga_test_wait_until (shown_whole (f, composer_child (f, "send_button")), 5000);
  g_assert_true (shown_whole (f, composer_child (f, "mode_box")));
  g_assert_true (shown_whole (f, text_view));
  g_assert_true (shown_whole (f, composer_child (f, "send_button")));
  g_assert_cmpint (gtk_widget_get_height (composer_child (f, "text_card")), >=, 120);
  g_assert_cmpstr (gtk_label_get_label (composer_child (f, "placeholder_label")), ==,
                   "Write an internal note…");
}

/* A comment just posted shows who wrote it at once, not "Technician". */
static void
test_author_at_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = tickets_with_contact (f);
  AlgaCommentThread *thread = view_child (f, "comment_thread");
  GListModel *comments = alga_comment_thread_get_model (thread);
  g_autoptr(AlgaComment) posted = NULL;
  AlgaCommentRow *row = NULL;
  guint before;

  show_ticket (f, g_ptr_array_index (tickets, 0));
  alga_test_wait_until (gtk_widget_get_visible (GTK_WIDGET (thread)), 5000);
  /* The thread has its comments (or knows there are none). */
  alga_test_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (
                          alga_test_find_widget (GTK_WIDGET (thread), GTK_TYPE_STACK))), "loading") != 0,
                        10000);
  before = g_list_model_get_n_items (comments);

  alga_test_keyboard_press_accel ("<Control><Shift>r");
  alga_test_keyboard_type ("Checked the cable");
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until (g_list_model_get_n_items (comments) == before + 1, 5000);

  posted = g_list_model_get_item (comments, before);
  g_assert_cmpstr (alga_comment_get_created_by_name (posted), ==, USER_NAME);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  for (GtkWidget *w = alga_test_find_widget (GTK_WIDGET (thread), ALGA_TYPE_COMMENT_ROW);
       w != NULL; w = gtk_widget_get_next_sibling (w))
    if (ALGA_IS_COMMENT_ROW (w))
      row = ALGA_COMMENT_ROW (w);
  g_assert_nonnull (row);
  g_assert_cmpstr (alga_comment_row_get_author (row), ==, USER_NAME);
}

/* Paragraphs and "- " / "1. " lists go as the matching BlockNote blocks; blank lines only
 * separate paragraphs. */
static void
test_paragraphs_and_lists (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = tickets_with_contact (f);
  AlgaTicket *ticket = g_ptr_array_index (tickets, 0);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) blocks_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  static const char *expected[][2] = {
    { "paragraph", "Printer fixed.\nToner was low." },
    { "bulletListItem", "new toner" },
    { "bulletListItem", "cleaned the drum" },
    { "numberedListItem", "print a test page" },
    { "numberedListItem", "close the ticket" },
    { "paragraph", "Thanks" },
  };
  JsonArray *blocks;

  show_ticket (f, ticket);
  alga_test_keyboard_press_accel ("<Control><Shift>r");
  alga_test_keyboard_type ("Printer fixed.\nToner was low.\n\n- new toner\n- cleaned the drum\n\n"
                           "1. print a test page\n2. close the ticket\n\nThanks");
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until ((g_free (body), body = last_comment_body (f, alga_ticket_get_ticket_id (ticket)),
                         body != NULL), 5000);

  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (blocks_parser,
                              json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                             "comment_text"),
                              -1, &error);
  g_assert_no_error (error);
  blocks = json_node_get_array (json_parser_get_root (blocks_parser));
  g_assert_cmpuint (json_array_get_length (blocks), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *block = json_array_get_object_element (blocks, i);
      JsonArray *content = json_object_get_array_member (block, "content");

      g_assert_cmpstr (json_object_get_string_member (block, "type"), ==, expected[i][0]);
      g_assert_cmpuint (json_array_get_length (content), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0),
                                                      "text"), ==, expected[i][1]);
    }
}

/* The conversation has its own heading, and Alt+C reaches it from anywhere in the pane. */
static void
test_conversation_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = tickets_with_contact (f);
  AlgaCommentThread *thread = view_child (f, "comment_thread");
  GtkWidget *heading = view_child (f, "conversation_heading");
  AlgaTicket *ticket = g_ptr_array_index (tickets, 0);
  GtkWidget *now;

  g_free (alga_test_server_add_comment (f->server, alga_ticket_get_ticket_id (ticket),
                                        "Is the printer on?", FALSE, NULL, NULL));
  show_ticket (f, ticket);
  alga_test_wait_until (g_list_model_get_n_items (alga_comment_thread_get_model (thread)) > 0,
                        5000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (heading)), ==, "Conversation");
  gtk_widget_grab_focus (view_child (f, "status_row"));

  alga_test_keyboard_press_accel ("<Alt>c");
  now = focus (f);
  g_assert_nonnull (now);
  g_assert_true (gtk_widget_is_ancestor (now, GTK_WIDGET (thread)));
  alga_test_wait_until (shown_whole (f, heading), 5000);
}


/* Opening the status drop-down once logged two dozen gdk_monitor_get_geometry criticals and a
 * popover allocated with a negative height. Criticals are fatal here: the drop-down opens from
 * the keyboard, lists the statuses, and closes with Escape, at the full width and at 360 px. */
static void
test_status_drop_down (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = tickets_with_contact (f);
  GtkWidget *row = view_child (f, "status_row");
  GtkWidget *popover = NULL;

  show_ticket (f, g_ptr_array_index (tickets, 0));
  for (guint width = 0; width < 2; width++)
    {
      if (width == 1)
        {
          /* Without a window manager a shown window keeps its size: shown again, narrow. */
          gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
          gtk_window_set_default_size (f->window, 360, 640);
          alga_test_keyboard_focus_window (f->window);
          alga_test_wait_until (gtk_widget_get_width (GTK_WIDGET (f->window)) <= 360, 5000);
        }
      gtk_widget_grab_focus (row);
      alga_test_keyboard_press (GDK_KEY_space, 0);
      alga_test_wait_until ((popover = alga_test_find_widget (row, GTK_TYPE_POPOVER)) != NULL &&
                            gtk_widget_get_mapped (popover), 5000);
      gtk_test_widget_wait_for_draw (popover);
      g_assert_cmpint (gtk_widget_get_height (popover), >, 0);
      alga_test_keyboard_press (GDK_KEY_Escape, 0);
      alga_test_wait_until (!gtk_widget_get_mapped (popover), 5000);
    }
}


static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_time_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ALGA_IS_TIME_ENTRY_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Logs 30 minutes yesterday from the ticket pane with the keyboard: Ctrl+T, the service, the
 * times, Ctrl+Enter. Returns once the dialog is gone. */
static void
log_half_hour (Fixture    *f,
               const char *start)
{
  GtkWidget *dialog;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  AdwComboRow *service_row;

  gtk_widget_grab_focus (view_child (f, "status_row"));
  alga_test_keyboard_press (GDK_KEY_t, GDK_CONTROL_MASK);
  alga_test_wait_until ((dialog = find_time_dialog ()) != NULL, 5000);
  service_row = ADW_COMBO_ROW (alga_test_find_widget (dialog, ADW_TYPE_COMBO_ROW));
  alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (service_row)) > 0, 5000);
  adw_combo_row_set_selected (service_row, 0);
  gtk_calendar_select_day (GTK_CALENDAR (alga_test_find_widget (dialog, GTK_TYPE_CALENDAR)),
                           yesterday);
  alga_test_keyboard_focus_window (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (alga_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW));
  alga_test_keyboard_press (GDK_KEY_a, GDK_CONTROL_MASK);
  alga_test_keyboard_type (start);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (alga_test_find_widget (dialog, GTK_TYPE_SPIN_BUTTON)), 30);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until (dialog == NULL, 10000);
  alga_test_keyboard_focus_window (f->window);
}

/* The ticket's "Time Logged" says the technician's own total first. */
static gboolean
time_summary_starts (Fixture    *f,
                     const char *prefix)
{
  GtkWidget *summary = alga_test_find_widget (GTK_WIDGET (f->view), ALGA_TYPE_TIME_SUMMARY);
  GtkWidget *group = alga_test_find_widget (summary, ADW_TYPE_PREFERENCES_GROUP);
  const char *description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));

  return gtk_widget_get_visible (summary) && description != NULL &&
         g_str_has_prefix (description, prefix);
}

/* A Technician may not delete even their own entries: the toast offers Edit, which corrects
 * the entry in place; the ticket shows the time logged, before and after. */
static void
test_time_toast_technician (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = tickets_with_contact (f);
  GtkWidget *edit;
  GtkWidget *dialog;
  GtkWidget *end_row;

  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
  show_ticket (f, g_ptr_array_index (tickets, 0));
  log_half_hour (f, "06:10");

  alga_test_wait_until (alga_test_shows_label (GTK_WIDGET (f->window), "Logged 0 h 30 min"), 5000);
  alga_test_wait_until (time_summary_starts (f, "Yours 0 h 30 min · Everyone "), 5000);
  g_assert_null (find_button_labelled (GTK_WIDGET (f->window), "_Undo"));
  edit = find_button_labelled (GTK_WIDGET (f->window), "_Edit");
  g_assert_nonnull (edit);
  gtk_widget_activate (edit);

  alga_test_wait_until ((dialog = find_time_dialog ()) != NULL, 5000);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Correct Time Entry");
  end_row = gtk_widget_get_next_sibling (alga_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW));
  alga_test_wait_until (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (end_row)), "06:40") == 0, 5000);
  alga_test_keyboard_focus_window (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (end_row);
  alga_test_keyboard_press (GDK_KEY_a, GDK_CONTROL_MASK);
  alga_test_keyboard_type ("06:25");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until (dialog == NULL, 10000);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "PUT", "/api/v1/time-entries/*"),
                    ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "DELETE",
                                                     "/api/v1/time-entries/*"), ==, 1);
  alga_test_wait_until (alga_test_shows_label (GTK_WIDGET (f->window), "Time entry corrected"), 5000);
  alga_test_wait_until (time_summary_starts (f, "Yours 0 h 15 min · Everyone "), 5000);
}

/* A role that may delete its entries gets Undo, which takes the entry back. */
static void
test_time_toast_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = tickets_with_contact (f);
  const char *me = alga_test_server_get_user_id (f->server);
  GtkWidget *undo;
  guint before;

  show_ticket (f, g_ptr_array_index (tickets, 0));
  before = alga_test_server_count_time_entries (f->server, me);
  log_half_hour (f, "05:10");
  g_assert_cmpuint (alga_test_server_count_time_entries (f->server, me), ==, before + 1);

  alga_test_wait_until ((undo = find_button_labelled (GTK_WIDGET (f->window), "_Undo")) != NULL,
                        5000);
  g_assert_null (find_button_labelled (GTK_WIDGET (f->window), "_Edit"));
  gtk_widget_activate (undo);
  alga_test_wait_until (alga_test_server_count_time_entries (f->server, me) == before, 5000);
  alga_test_wait_until (alga_test_shows_label (GTK_WIDGET (f->window), "Time entry taken back"),
                        5000);
  alga_test_wait_until (time_summary_starts (f, "Yours 0 h 00 min · Everyone "), 5000);
}

/* "Don't notify the customer", from the keyboard, as a Technician: the flag reaches the server,
 * the toast says it, a failed send keeps the choice and a success resets it. */
static void
test_quiet_reply (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) tickets = NULL;
  AlgaTicket *ticket;
  GtkWidget *quiet;
  GtkWidget *agents;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  AlgaTestFault refused = { .kind = ALGA_TEST_FAULT_STATUS, .status = 503, .times = 1,
                            .body = "{\"error\":{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"Down\"}}" };

  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
  tickets = tickets_with_contact (f);
  ticket = g_ptr_array_index (tickets, 0);
  path = g_strdup_printf ("/api/v1/tickets/%s/comments", alga_ticket_get_ticket_id (ticket));
  show_ticket (f, ticket);
  quiet = alga_test_find_widget (composer_child (f, "quiet_choice"), GTK_TYPE_CHECK_BUTTON);
  agents = gtk_widget_get_next_sibling (quiet);
  g_assert_false (gtk_widget_get_sensitive (agents));

  alga_test_keyboard_press_accel ("<Control><Shift>r");
  alga_test_keyboard_type ("Toner replaced, no need to tell them");
  /* From the text, Tab reaches the quiet choice below it; Space ticks it. */
  alga_test_keyboard_press (GDK_KEY_Tab, GDK_CONTROL_MASK);
  g_assert_true (focus (f) == quiet);
  alga_test_keyboard_press (GDK_KEY_space, 0);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (quiet)));
  g_assert_true (gtk_widget_get_sensitive (agents));

  /* Refused once: the choice stays for the next try. */
  alga_test_server_add_fault (f->server, "POST", path, &refused);
  gtk_widget_activate_action (composer_child (f, "send_button"), "composer.send", NULL);
  alga_test_wait_until (gtk_revealer_get_reveal_child (composer_child (f, "error_revealer")), 10000);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (quiet)));

  gtk_widget_activate_action (composer_child (f, "send_button"), "composer.send", NULL);
  alga_test_wait_until (alga_test_shows_label (GTK_WIDGET (f->window),
                                               "Comment posted without notifying the customer"), 10000);
  body = last_comment_body (f, alga_ticket_get_ticket_id (ticket));
  g_assert_nonnull (strstr (body, "\"suppressContactNotifications\":true"));
  g_assert_null (strstr (body, "suppressInternalNotifications"));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (quiet)));
  g_assert_false (gtk_widget_get_sensitive (agents));
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/compose/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("mode-per-ticket", test_mode_per_ticket);
  ADD ("reply-key-shows-composer", test_reply_key_shows_composer);
  ADD ("author-at-once", test_author_at_once);
  ADD ("paragraphs-and-lists", test_paragraphs_and_lists);
  ADD ("conversation-key", test_conversation_key);
  ADD ("status-drop-down", test_status_drop_down);
  ADD ("time-toast-technician", test_time_toast_technician);
  ADD ("time-toast-undo", test_time_toast_undo);
  ADD ("quiet-reply", test_quiet_reply);
#undef ADD

  return g_test_run ();
}
