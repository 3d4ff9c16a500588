/* test-time-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaTimeEntryDialog in a real window, against the test server over loopback. The tests run
 * in Asia/Kolkata (UTC+05:30, no daylight saving), so local and UTC times differ.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-client.h"
#include "alga-draft-store.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"
#include "alga-time-entry-dialog.h"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaAccount    *account;
  AlgaTestCredentials   *credentials;
  char           *draft_dir;
  AlgaDraftStore *drafts;
  AlgaTicket     *ticket;
  GtkWindow      *parent;
  GtkWidget      *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));

  fixture->draft_dir = g_dir_make_tmp ("alga-time-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->drafts = alga_draft_store_new (fixture->draft_dir);
  fixture->account = alga_account_new_for_client (fixture->client,
                                                  alga_test_server_get_user_id (fixture->server),
                                                  NULL, fixture->drafts);

  alga_client_get_ticket_async (fixture->client,
                                alga_test_server_get_my_ticket_id (fixture->server), NULL,
                                alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  fixture->ticket = alga_client_get_ticket_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 800, 700);
  gtk_window_set_child (fixture->parent, adw_toast_overlay_new ());
  gtk_window_present (fixture->parent);
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
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  gtk_window_destroy (fixture->parent);
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

/* The n-th widget of a type, in tree order. */
static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (*n == 0)
        return widget;
      (*n)--;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, n);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
nth_widget (GtkWidget *root,
            GType      type,
            guint      n)
{
  GtkWidget *found = find_nth (root, type, &n);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
open_dialog (Fixture *fixture)
{
  GtkWidget *dialog = alga_time_entry_dialog_new (fixture->parent, fixture->account,
                                                  fixture->ticket);
  AdwComboRow *service_row;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &fixture->dialog);
  fixture->dialog = dialog;
  alga_time_entry_dialog_set_draft_store (ALGA_TIME_ENTRY_DIALOG (dialog), fixture->drafts);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->parent);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (dialog);

  service_row = ADW_COMBO_ROW (nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0));
  alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (service_row)) > 0,
                        10000);

  return dialog;
}

/* A day as the server's seed counts it: today in UTC minus days_ago, at 12:00 local. */
static GDateTime *
utc_day (int days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -days_ago);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), 12, 0, 0);
}

static void
fill (GtkWidget  *dialog,
      GDateTime  *date,
      const char *start,
      int         minutes,
      const char *notes)
{
  AdwComboRow *service_row = ADW_COMBO_ROW (nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0));

  adw_combo_row_set_selected (service_row, 0);
  gtk_calendar_select_day (GTK_CALENDAR (nth_widget (dialog, GTK_TYPE_CALENDAR, 0)), date);
  gtk_editable_set_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 0)), start);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (nth_widget (dialog, GTK_TYPE_SPIN_BUTTON, 0)),
                             minutes);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (nth_widget (dialog,
                                                                                GTK_TYPE_TEXT_VIEW,
                                                                                0))),
                            notes, -1);
}

static const char *
error_shown (GtkWidget *dialog)
{
  GtkWidget *row = find_widget (dialog, ADW_TYPE_ACTION_ROW, "time-entry-error");

  g_assert_nonnull (row);
  if (!gtk_widget_is_visible (row))
    return NULL;

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static AlgaTestRequest *
last_post (Fixture *fixture,
           GPtrArray *requests)
{
  AlgaTestRequest *post = NULL;

  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "POST") &&
          g_str_equal (request->path, "/api/v1/time-entries"))
        post = request;
    }

  g_assert_nonnull (post);
  return post;
}

static void
test_log_time (Fixture       *fixture,
               gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  guint before = alga_test_server_count_time_entries (fixture->server, me);
  g_autoptr(GDateTime) day = utc_day (1);
  g_autoptr(GDateTime) start_local = NULL;
  g_autoptr(GDateTime) start_utc = NULL;
  g_autofree char *expected_start = NULL;
  g_autofree char *expected_end = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_strconcat ("time-entry:", alga_ticket_get_ticket_id (fixture->ticket),
                                      NULL);
  g_autofree char *draft_path = alga_draft_store_get_path (fixture->drafts, key);
  JsonObject *object;
  GtkWidget *dialog = open_dialog (fixture);
  GtkWidget *billable;

  /* Defaults: billable, today, a quarter of an hour. */
  billable = nth_widget (dialog, GTK_TYPE_SWITCH, 1);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (billable)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (nth_widget (dialog, GTK_TYPE_SPIN_BUTTON, 0))),
                   ==, 15);

  fill (dialog, day, "11:00", 45, "Swapped the toner.\nTested a page.");
  /* The duration drives the end. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 1))),
                   ==, "11:45");
  /* And the end drives the duration. */
  gtk_editable_set_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 1)), "12:00");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (nth_widget (dialog, GTK_TYPE_SPIN_BUTTON, 0))),
                   ==, 60);
  /* A time that is no time blocks the button. */
  gtk_editable_set_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 0)), "25:00");
  g_assert_true (gtk_widget_has_css_class (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 0), "error"));
  g_assert_false (gtk_widget_is_sensitive (find_widget (dialog, GTK_TYPE_BUTTON, "suggested-action")));
  gtk_editable_set_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 0)), "11:00");
  g_assert_true (gtk_widget_is_sensitive (find_widget (dialog, GTK_TYPE_BUTTON, "suggested-action")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 1))),
                   ==, "12:00");

  /* Typing keeps a draft. */
  alga_test_wait_until (g_file_test (draft_path, G_FILE_TEST_EXISTS), 2000);

  alga_test_server_clear_requests (fixture->server);
  gtk_widget_activate_action (dialog, "time-entry.log", NULL);

  alga_test_wait_until (fixture->dialog == NULL, 10000);
  g_assert_cmpuint (alga_test_server_count_time_entries (fixture->server, me), ==, before + 1);

  /* 11:00 in Kolkata is 05:30 UTC; the server gets UTC with a Z. */
  start_local = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                       g_date_time_get_day_of_month (day), 11, 0, 0);
  start_utc = g_date_time_to_utc (start_local);
  g_assert_cmpint (g_date_time_get_hour (start_utc), ==, 5);
  g_assert_cmpint (g_date_time_get_minute (start_utc), ==, 30);
  expected_start = g_date_time_format (start_utc, "%Y-%m-%dT%H:%M:00Z");
  {
    g_autoptr(GDateTime) end_utc = g_date_time_add_hours (start_utc, 1);

    expected_end = g_date_time_format (end_utc, "%Y-%m-%dT%H:%M:00Z");
  }

  requests = alga_test_server_dup_requests (fixture->server);
  body = json_from_string (last_post (fixture, requests)->body, &error);
  g_assert_no_error (error);
  object = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "start_time"), ==, expected_start);
  g_assert_cmpstr (json_object_get_string_member (object, "end_time"), ==, expected_end);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "start_time"), "Z"));
  g_assert_nonnull (json_object_get_string_member (object, "service_id"));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "service_id")), ==, 36);
  g_assert_cmpstr (json_object_get_string_member (object, "work_item_id"), ==,
                   alga_ticket_get_ticket_id (fixture->ticket));
  g_assert_true (json_object_get_boolean_member (object, "is_billable"));
  g_assert_cmpstr (json_object_get_string_member (object, "notes"), ==,
                   "Swapped the toner.\nTested a page.");

  /* Logged: the draft is gone. */
  alga_test_wait_until (!g_file_test (draft_path, G_FILE_TEST_EXISTS), 2000);
}

static void
test_overlap (Fixture       *fixture,
              gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  guint before = alga_test_server_count_time_entries (fixture->server, me);
  /* The seed has 09:00–10:00 UTC three days ago: 14:30–15:30 in Kolkata. */
  g_autoptr(GDateTime) day = utc_day (3);
  GtkWidget *dialog = open_dialog (fixture);
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  fill (dialog, day, "14:45", 30, "Second visit");
  gtk_widget_activate_action (dialog, "time-entry.log", NULL);

  alga_test_wait_until (error_shown (dialog) != NULL, 10000);
  g_assert_cmpstr (error_shown (dialog), ==, "This overlaps with time you have already logged.");
  g_assert_cmpuint (alga_test_server_count_time_entries (fixture->server, me), ==, before);

  /* Still open, as typed. */
  g_assert_nonnull (fixture->dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 0))),
                   ==, "14:45");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 1))),
                   ==, "15:15");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (nth_widget (dialog, GTK_TYPE_TEXT_VIEW, 0)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (notes, ==, "Second visit");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0))),
                    ==, 0);
  g_assert_true (gtk_widget_is_sensitive (find_widget (dialog, GTK_TYPE_BUTTON, "suggested-action")));
}

static void
test_no_time_period (Fixture       *fixture,
                     gconstpointer  data)
{
  /* The seed's periods end with the current month. */
  g_autoptr(GDateTime) day = utc_day (-100);
  GtkWidget *dialog = open_dialog (fixture);

  fill (dialog, day, "09:00", 60, "");
  gtk_widget_activate_action (dialog, "time-entry.log", NULL);

  alga_test_wait_until (error_shown (dialog) != NULL, 10000);
  g_assert_cmpstr (error_shown (dialog), ==,
                   "There is no open time period for this date on the server. "
                   "Ask your administrator to add one.");
  g_assert_nonnull (fixture->dialog);
}

static void
test_service_required (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (fixture);
  GtkWidget *service_row = nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0);
  guint requests = alga_test_server_count_requests (fixture->server, "POST", "/api/v1/time-entries");

  /* Several services: none is chosen for the technician, and the form says so before Log Time
   * is pressed; the list holds only real services. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (service_row)), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_widget_has_css_class (service_row, "error"));
  g_assert_true (alga_test_shows_label (dialog, "Choose the service this work was for."));
  g_assert_false (gtk_widget_is_sensitive (find_widget (dialog, GTK_TYPE_BUTTON, "suggested-action")));
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (service_row))); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (adw_combo_row_get_model (ADW_COMBO_ROW (service_row)), i);

      g_assert_cmpstr (gtk_string_object_get_string (name), !=, "Choose a service");
    }
  gtk_widget_activate_action (dialog, "time-entry.log", NULL);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "/api/v1/time-entries"),
                    ==, requests);

  adw_combo_row_set_selected (ADW_COMBO_ROW (service_row), 1);
  g_assert_false (gtk_widget_has_css_class (service_row, "error"));
  g_assert_false (alga_test_shows_label (dialog, "Choose the service this work was for."));
}

static void
test_escape_keeps_draft (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) day = utc_day (1);
  GtkWidget *dialog = open_dialog (fixture);
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  fill (dialog, day, "16:20", 25, "Waiting for parts");
  gtk_widget_activate_action (dialog, "window.close", NULL);
  alga_test_wait_until (fixture->dialog == NULL, 5000);

  /* Reopened: the form is as it was left. */
  dialog = open_dialog (fixture);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (nth_widget (dialog, GTK_TYPE_TEXT_VIEW, 0)));
  alga_test_wait_until (gtk_text_buffer_get_char_count (buffer) > 0, 5000);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (notes, ==, "Waiting for parts");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 0))),
                   ==, "16:20");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 1))),
                   ==, "16:45");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (nth_widget (dialog, GTK_TYPE_SPIN_BUTTON, 0))),
                   ==, 25);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0))),
                    ==, 0);
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (nth_widget (dialog, GTK_TYPE_CALENDAR, 0)));

    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, g_date_time_get_day_of_month (day));
  }
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (fixture);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (nth_widget (dialog, GTK_TYPE_SWITCH, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Ends the next day");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (nth_widget (dialog, GTK_TYPE_SWITCH, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Billable");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (nth_widget (dialog, GTK_TYPE_SPIN_BUTTON, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Duration in minutes");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (nth_widget (dialog, GTK_TYPE_TEXT_VIEW, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Notes");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (nth_widget (dialog, GTK_TYPE_CALENDAR, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Date of the work");
}


static GtkWidget *
dialog_focus (GtkWidget *dialog)
{
  return gtk_root_get_focus (GTK_ROOT (dialog));
}

static gboolean
focus_within (GtkWidget *dialog,
              GtkWidget *widget)
{
  GtkWidget *focus = dialog_focus (dialog);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Presses Tab until the focus is in @widget, at most @most times, as a technician would. */
static void
tab_to (GtkWidget *dialog,
        GtkWidget *widget,
        guint      most)
{
  for (guint i = 0; i < most && !focus_within (dialog, widget); i++)
    alga_test_keyboard_press (GDK_KEY_Tab, 0);

  g_assert_true (focus_within (dialog, widget));
}

/* The top-level windows that are message dialogs: the question about a long entry. */
static GtkWidget *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* Start 19:55, End 19:00 once became a 23 h 05 min entry, logged with no word. Now the end
 * before the start is refused in words until the technician says the work went past midnight,
 * and an entry longer than a working day is asked about once. All by keyboard. */
static void
test_end_before_start (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) day = utc_day (1);
  GtkWidget *dialog = open_dialog (fixture);
  GtkWidget *start_row = nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 0);
  GtkWidget *end_row = nth_widget (dialog, ADW_TYPE_ENTRY_ROW, 1);
  GtkWidget *overnight = nth_widget (dialog, GTK_TYPE_SWITCH, 0);
  GtkWidget *log_button = find_widget (dialog, GTK_TYPE_BUTTON, "suggested-action");
  GtkWidget *question;
  guint posts = alga_test_server_count_requests (fixture->server, "POST", "/api/v1/time-entries");

  alga_test_keyboard_focus_window (GTK_WINDOW (dialog));
  /* The dialog opens on its first field. */
  g_assert_true (focus_within (dialog, nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0)), 0);
  gtk_calendar_select_day (GTK_CALENDAR (nth_widget (dialog, GTK_TYPE_CALENDAR, 0)), day);

  /* Past the service and the date to the start. */
  tab_to (dialog, start_row, 4);
  alga_test_keyboard_press (GDK_KEY_a, GDK_CONTROL_MASK);
  alga_test_keyboard_type ("19:55");
  alga_test_keyboard_press (GDK_KEY_Tab, 0);
  g_assert_true (focus_within (dialog, end_row));
  alga_test_keyboard_press (GDK_KEY_a, GDK_CONTROL_MASK);
  alga_test_keyboard_type ("19:00");

  g_assert_true (alga_test_shows_label (dialog, "The end (19:00) is before the start (19:55). "
                                        "Correct it, or switch on “Ends the Next Day” if the "
                                        "work went past midnight."));
  g_assert_true (gtk_widget_has_css_class (end_row, "error"));
  g_assert_false (gtk_widget_is_sensitive (log_button));
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_true (focus_within (dialog, end_row));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "/api/v1/time-entries"),
                    ==, posts);

  /* Said explicitly: it went past midnight. */
  tab_to (dialog, overnight, 2);
  alga_test_keyboard_press (GDK_KEY_space, 0);
  /* The switch slides over before it turns on. */
  alga_test_wait_until (gtk_switch_get_active (GTK_SWITCH (overnight)), 5000);
  g_assert_false (gtk_widget_has_css_class (end_row, "error"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (nth_widget (dialog, GTK_TYPE_SPIN_BUTTON, 0))),
                   ==, 23 * 60 + 5);
  g_assert_true (gtk_widget_is_sensitive (log_button));

  /* Longer than a working day: asked first; checking the times logs nothing. */
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until ((question = find_message_dialog ()) != NULL, 5000);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==,
                   "Log 23 h 05 min?");
  alga_test_keyboard_focus_window (GTK_WINDOW (question));
  alga_test_keyboard_press (GDK_KEY_Escape, 0);
  alga_test_wait_until (find_message_dialog () == NULL, 5000);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "/api/v1/time-entries"),
                    ==, posts);
  g_assert_nonnull (fixture->dialog);

  /* Asked again, and this time it is meant. */
  alga_test_keyboard_focus_window (GTK_WINDOW (dialog));
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until ((question = find_message_dialog ()) != NULL, 5000);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "log");
  alga_test_wait_until (fixture->dialog == NULL, 10000);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "/api/v1/time-entries"),
                    ==, posts + 1);
}

/* Ctrl+Enter logs from the notes too, instead of adding a line. */
static void
test_ctrl_enter_in_notes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) day = utc_day (1);
  GtkWidget *dialog = open_dialog (fixture);
  GtkWidget *notes = nth_widget (dialog, GTK_TYPE_TEXT_VIEW, 0);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  fill (dialog, day, "08:10", 20, "");
  alga_test_keyboard_focus_window (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (notes);
  alga_test_keyboard_type ("Reseated the cable");
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until (fixture->dialog == NULL, 10000);

  requests = alga_test_server_dup_requests (fixture->server);
  body = json_from_string (last_post (fixture, requests)->body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "notes"), ==,
                   "Reseated the cable");
}

/* The next entry starts with the service of the last one. */
static void
test_remembers_service (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) day = utc_day (1);
  GtkWidget *dialog = open_dialog (fixture);
  AdwComboRow *service_row;

  fill (dialog, day, "07:00", 15, "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0)), 1);
  gtk_widget_activate_action (dialog, "time-entry.log", NULL);
  alga_test_wait_until (fixture->dialog == NULL, 10000);

  dialog = open_dialog (fixture);
  service_row = ADW_COMBO_ROW (nth_widget (dialog, ADW_TYPE_COMBO_ROW, 0));
  alga_test_wait_until (adw_combo_row_get_selected (service_row) == 1, 5000);
  g_assert_false (alga_test_shows_label (dialog, "Choose the service this work was for."));
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the local time zone. */
  g_setenv ("TZ", "Asia/Kolkata", TRUE);
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/time-entry/log", Fixture, NULL,
              fixture_set_up, test_log_time, fixture_tear_down);
  g_test_add ("/time-entry/overlap", Fixture, NULL,
              fixture_set_up, test_overlap, fixture_tear_down);
  g_test_add ("/time-entry/no-time-period", Fixture, NULL,
              fixture_set_up, test_no_time_period, fixture_tear_down);
  g_test_add ("/time-entry/service-required", Fixture, NULL,
              fixture_set_up, test_service_required, fixture_tear_down);
  g_test_add ("/time-entry/escape-keeps-draft", Fixture, NULL,
              fixture_set_up, test_escape_keeps_draft, fixture_tear_down);
  g_test_add ("/time-entry/accessible", Fixture, NULL,
              fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/time-entry/end-before-start", Fixture, NULL,
              fixture_set_up, test_end_before_start, fixture_tear_down);
  g_test_add ("/time-entry/ctrl-enter-in-notes", Fixture, NULL,
              fixture_set_up, test_ctrl_enter_in_notes, fixture_tear_down);
  g_test_add ("/time-entry/remembers-service", Fixture, NULL,
              fixture_set_up, test_remembers_service, fixture_tear_down);

  return g_test_run ();
}
