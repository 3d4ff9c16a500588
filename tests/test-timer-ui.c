/* test-timer-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timer in real windows, against the test server over loopback, as a Technician: it
 * outlives the process, its stop logs one checked entry, a second start offers to switch, the
 * chip ticks once a second and only while shown, and My Time shows the day with its totals and
 * gaps. The tests run in Asia/Kolkata (UTC+05:30), so local and UTC days differ.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-account.h"
#include "alga-client.h"
#include "alga-my-time.h"
#include "alga-test-credentials.h"
#include "alga-test-gtk.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-time-entry-dialog.h"
#include "alga-time-entry.h"
#include "alga-time-summary.h"
#include "alga-timer-chip.h"
#include "alga-timer.h"

typedef struct
{
  AlgaTestServer      *server;
  AlgaClient          *client;
  AlgaTestCredentials *credentials;
  AlgaAccount         *account;
  char                *dir;
  char                *path;
  AlgaTicket          *ticket;
  GtkWindow           *parent;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  fixture->server = alga_test_server_new ();
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
  fixture->account = alga_account_new_for_client (fixture->client, alga_test_server_get_user_id (fixture->server),
                                                  NULL, NULL);

  fixture->dir = g_dir_make_tmp ("alga-timer-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "account.timer", NULL);

  alga_client_get_ticket_async (fixture->client, alga_test_server_get_my_ticket_id (fixture->server), NULL,
                                alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  fixture->ticket = alga_client_get_ticket_finish (fixture->client, result, &error);
  g_assert_no_error (error);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 360, 700);
  gtk_window_set_child (fixture->parent, adw_toast_overlay_new ());
  gtk_window_present (fixture->parent);
}

static void
destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  destroy_toplevels ();
  g_clear_object (&fixture->ticket);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->account), 30000);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->client), 30000);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static AlgaTimer *
load_timer (const char *path)
{
  g_autoptr(AlgaTimer) timer = alga_timer_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_timer_load_async (timer, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  g_assert_true (alga_timer_load_finish (timer, result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&timer);
}

static GtkWidget *
find_window_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* A timer started before a "restart" (a new process has nothing but the file) runs on, with
 * the time since its start, and the chip in the new window shows it. */
static void
test_survives_restart (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_minutes (now, -42);
  g_autoptr(AlgaTimer) before = alga_timer_new (fixture->path);
  g_autoptr(AlgaTimer) after = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *chip = alga_timer_chip_new ();

  alga_timer_start (before, alga_ticket_get_ticket_id (fixture->ticket),
                    alga_ticket_get_ticket_number (fixture->ticket), alga_ticket_get_title (fixture->ticket), start);
  alga_test_wait_for_sole_reference (before, 10000);
  g_clear_object (&before);

  after = load_timer (fixture->path);
  g_assert_true (alga_timer_get_running (after));
  gtk_window_set_child (fixture->parent, chip);
  alga_timer_chip_set_timer (ALGA_TIMER_CHIP (chip), after);
  gtk_test_widget_wait_for_draw (chip);
  g_assert_true (gtk_widget_get_visible (chip));
  expected = g_strdup_printf ("%s · 0:42:", alga_ticket_get_ticket_number (fixture->ticket));
  g_assert_true (g_str_has_prefix (alga_timer_chip_get_text (ALGA_TIMER_CHIP (chip)), expected));
}

/* Stop & Log: one entry on the ticket, from the timer's start (to the minute) to now, with the
 * service the technician's own entries use; then the timer is gone, file and all. */
static void
test_stop_logs (Fixture       *fixture,
                gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  guint before = alga_test_server_count_time_entries (fixture->server, me);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_minutes (now, -40);
  g_autoptr(AlgaTimer) timer = alga_timer_new (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start_local = NULL;
  g_autoptr(GDateTime) expected_start = NULL;
  AlgaTimeEntry *logged = NULL;
  GtkWidget *dialog;
  AdwComboRow *service_row;

  alga_timer_start (timer, alga_ticket_get_ticket_id (fixture->ticket),
                    alga_ticket_get_ticket_number (fixture->ticket), alga_ticket_get_title (fixture->ticket), start);
  dialog = alga_time_entry_dialog_new (fixture->parent, fixture->account, fixture->ticket);
  alga_time_entry_dialog_stop_timer (ALGA_TIME_ENTRY_DIALOG (dialog), timer);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Stop Timer");
  g_assert_true (alga_test_shows_label (dialog, "Stop & Log"));
  g_assert_true (alga_test_shows_label (dialog, "Keep Running"));

  service_row = ADW_COMBO_ROW (alga_test_find_widget (dialog, ADW_TYPE_COMBO_ROW));
  alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (service_row)) > 0, 10000);
  /* The only service the technician's entries name is chosen already. */
  g_assert_cmpuint (adw_combo_row_get_selected (service_row), ==, 0);
  g_assert_true (gtk_widget_activate_action (dialog, "time-entry.log", NULL));
  alga_test_wait_until (!alga_timer_get_running (timer), 20000);
  alga_test_wait_for_sole_reference (timer, 10000);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (alga_test_server_count_time_entries (fixture->server, me), ==, before + 1);

  alga_client_list_time_entries_async (fixture->client, me, NULL, NULL, alga_ticket_get_ticket_id (fixture->ticket),
                                       1, 100, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  entries = alga_client_list_time_entries_finish (fixture->client, result, NULL, &error);
  g_assert_no_error (error);
  start_local = g_date_time_to_local (start);
  expected_start = g_date_time_new_local (g_date_time_get_year (start_local), g_date_time_get_month (start_local),
                                          g_date_time_get_day_of_month (start_local),
                                          g_date_time_get_hour (start_local), g_date_time_get_minute (start_local), 0);
  for (guint i = 0; i < entries->len; i++)
    if (g_date_time_equal (alga_time_entry_get_start_time (g_ptr_array_index (entries, i)), expected_start))
      logged = g_ptr_array_index (entries, i);
  g_assert_nonnull (logged);
  g_assert_cmpstr (alga_time_entry_get_work_item_id (logged), ==, alga_ticket_get_ticket_id (fixture->ticket));
  g_assert_cmpint (g_date_time_difference (alga_time_entry_get_end_time (logged), expected_start) / G_TIME_SPAN_MINUTE,
                   ==, 40);
  g_assert_nonnull (alga_time_entry_get_service_id (logged));
  g_assert_cmpstr (alga_time_entry_get_service_id (logged), ==,
                   alga_time_entry_get_service_id (g_ptr_array_index (entries, 0)));
}

/* The end may move a few minutes ahead of now, not more; Keep Running leaves the timer. */
static void
test_stop_end_not_in_future (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_minutes (now, -30);
  g_autoptr(AlgaTimer) timer = alga_timer_new (fixture->path);
  GtkWidget *dialog;
  GtkSpinButton *duration;
  AdwComboRow *service_row;

  alga_timer_start (timer, alga_ticket_get_ticket_id (fixture->ticket),
                    alga_ticket_get_ticket_number (fixture->ticket), NULL, start);
  dialog = alga_time_entry_dialog_new (fixture->parent, fixture->account, fixture->ticket);
  alga_time_entry_dialog_stop_timer (ALGA_TIME_ENTRY_DIALOG (dialog), timer);
  gtk_window_present (GTK_WINDOW (dialog));
  service_row = ADW_COMBO_ROW (alga_test_find_widget (dialog, ADW_TYPE_COMBO_ROW));
  alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (service_row)) > 0, 10000);
  duration = GTK_SPIN_BUTTON (alga_test_find_widget (dialog, GTK_TYPE_SPIN_BUTTON));

  gtk_spin_button_set_value (duration, 60);
  alga_test_drain (5000);
  g_assert_true (alga_test_shows_label (dialog, "The end is in the future. It may be at most 5 minutes from now."));
  /* Stop & Log does nothing then: no request, and the timer runs on. */
  alga_test_server_clear_requests (fixture->server);
  gtk_widget_activate_action (dialog, "time-entry.log", NULL);
  alga_test_drain (5000);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "/api/v1/time-entries"), ==, 0);
  g_assert_true (alga_timer_get_running (timer));

  gtk_spin_button_set_value (duration, 33);
  alga_test_drain (5000);
  g_assert_false (alga_test_shows_label (dialog, "The end is in the future. It may be at most 5 minutes from now."));

  /* Keep Running: the dialog goes, the timer stays. */
  gtk_widget_activate_action (dialog, "window.close", NULL);
  alga_test_drain (5000);
  g_assert_null (find_window_of_type (ALGA_TYPE_TIME_ENTRY_DIALOG));
  g_assert_true (alga_timer_get_running (timer));
  alga_timer_clear (timer);
  alga_test_wait_for_sole_reference (timer, 10000);
}

/* Start in the ticket's time section; a start on another ticket while one runs offers the
 * switch instead of starting a second timer. */
static void
test_second_start_offers_switch (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(AlgaTimer) timer = alga_timer_new (fixture->path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *summary = alga_time_summary_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  AdwMessageDialog *offer;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), summary);
  gtk_window_set_child (fixture->parent, scrolled);
  alga_time_summary_set_timer (ALGA_TIME_SUMMARY (summary), timer);
  alga_time_summary_show (ALGA_TIME_SUMMARY (summary), fixture->account, fixture->ticket);
  alga_test_wait_until (gtk_widget_get_visible (summary), 10000);

  g_assert_true (gtk_widget_activate_action (summary, "time.toggle-timer", NULL));
  g_assert_true (alga_timer_get_running (timer));
  g_assert_cmpstr (alga_timer_get_ticket_id (timer), ==, alga_ticket_get_ticket_id (fixture->ticket));
  g_assert_nonnull (alga_test_find_widget (summary, GTK_TYPE_BUTTON));

  /* Now the timer runs on another ticket. */
  alga_timer_clear (timer);
  alga_timer_start (timer, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c", "TIC000999", "Elsewhere", now);
  g_assert_true (gtk_widget_activate_action (summary, "time.toggle-timer", NULL));
  alga_test_wait_until (find_window_of_type (ADW_TYPE_MESSAGE_DIALOG) != NULL, 10000);
  offer = ADW_MESSAGE_DIALOG (find_window_of_type (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (offer), ==, "Switch the Timer?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (offer), "TIC000999"));
  g_assert_true (adw_message_dialog_has_response (offer, "switch"));
  adw_message_dialog_response (offer, "cancel");
  gtk_window_destroy (GTK_WINDOW (offer));
  /* Still the one timer, where it was. */
  g_assert_cmpstr (alga_timer_get_ticket_id (timer), ==, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c");

  alga_timer_clear (timer);
  gtk_window_set_child (fixture->parent, NULL);
  alga_test_wait_for_sole_reference (timer, 10000);
}

/* The chip's text changes once a second while shown, never while hidden (docs/PERFORMANCE.md,
 * "Idle"). */
static void
test_chip_ticks_only_when_shown (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(AlgaTimer) timer = alga_timer_new (fixture->path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *chip = alga_timer_chip_new ();
  guint updates;
  gint64 began;
  double seconds;

  gtk_window_set_child (fixture->parent, chip);
  alga_timer_chip_set_timer (ALGA_TIMER_CHIP (chip), timer);
  alga_timer_start (timer, alga_ticket_get_ticket_id (fixture->ticket), "TIC1", NULL, now);
  gtk_test_widget_wait_for_draw (chip);

  updates = alga_timer_chip_get_n_updates (ALGA_TIMER_CHIP (chip));
  began = g_get_monotonic_time ();
  alga_test_wait_until (alga_timer_chip_get_n_updates (ALGA_TIMER_CHIP (chip)) >= updates + 3, 10000);
  seconds = (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
  /* Three changes take at least two whole seconds: never two in one second. */
  g_assert_cmpfloat (seconds, >=, 2.0);

  gtk_widget_set_visible (GTK_WIDGET (fixture->parent), FALSE);
  alga_test_drain (5000);
  updates = alga_timer_chip_get_n_updates (ALGA_TIMER_CHIP (chip));
  /* A fixed time on purpose: nothing may happen in it. */
  alga_test_spin (2500);
  g_assert_cmpuint (alga_timer_chip_get_n_updates (ALGA_TIMER_CHIP (chip)), ==, updates);

  alga_timer_clear (timer);
  gtk_window_set_child (fixture->parent, NULL);
  alga_test_wait_for_sole_reference (timer, 10000);
}

static AlgaTimeEntry *
log_entry (Fixture    *fixture,
           GDateTime  *start,
           int         minutes,
           const char *service_id,
           gboolean    billable)
{
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, minutes);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTimeEntry *entry;

  alga_client_create_time_entry_async (fixture->client, alga_ticket_get_ticket_id (fixture->ticket), service_id,
                                       start, end, "worked", billable, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  entry = alga_client_create_time_entry_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return entry;
}

/* How many labels under @widget show @text. */
static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

/* Today's entries, their total (once: the day's) and the billable part, and the hour between
 * them shown. */
static void
test_my_time_today (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) first = g_date_time_add_minutes (midnight, 1);
  g_autoptr(GDateTime) second = g_date_time_add_minutes (midnight, 1 + 30 + 60);
  g_autoptr(AlgaTimeEntry) a = NULL;
  g_autoptr(AlgaTimeEntry) b = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(GError) error = NULL;
  const char *service_id;
  GtkWidget *my_time;
  int min_width;
  GtkWidget *toggle;

  alga_client_list_time_entries_async (fixture->client, NULL, NULL, NULL, NULL, 1, 1, NULL,
                                       alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  any = alga_client_list_time_entries_finish (fixture->client, result, NULL, &error);
  g_assert_no_error (error);
  service_id = alga_time_entry_get_service_id (g_ptr_array_index (any, 0));
  /* 00:01–00:31 billable, 01:31–01:46 not: an hour between. */
  a = log_entry (fixture, first, 30, service_id, TRUE);
  b = log_entry (fixture, second, 15, service_id, FALSE);

  my_time = alga_my_time_new (fixture->parent, fixture->client, alga_test_server_get_user_id (fixture->server));
  gtk_window_present (GTK_WINDOW (my_time));
  alga_test_wait_until (alga_my_time_is_loaded (ALGA_MY_TIME (my_time)), 10000);
  g_assert_cmpint (alga_my_time_get_total_minutes (ALGA_MY_TIME (my_time)), ==, 45);
  g_assert_cmpint (alga_my_time_get_billable_minutes (ALGA_MY_TIME (my_time)), ==, 30);
  gtk_test_widget_wait_for_draw (my_time);
  /* It fits a phone's 360 px, in any language: the names of the days shorten rather than
   * widen the window (in German they made it 398 px wide). */
  gtk_widget_measure (my_time, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  toggle = alga_test_find_widget (my_time, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (toggle);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (toggle)))), ==,
                   PANGO_ELLIPSIZE_END);
  g_assert_null (gtk_widget_get_ancestor (toggle, ADW_TYPE_HEADER_BAR));
  g_assert_cmpuint (count_labels (my_time, "0 h 45 min · billable 0 h 30 min"), ==, 1);
  g_assert_true (alga_test_shows_label (my_time, "Nothing logged 00:31–01:31 · 1 h 00 min"));
  g_assert_true (alga_test_shows_label (my_time, "00:01–00:31 · 0 h 30 min"));

  /* This week holds today's entries and the seeded ones of earlier days. */
  alga_my_time_set_range (ALGA_MY_TIME (my_time), ALGA_MY_TIME_THIS_WEEK);
  alga_test_wait_until (alga_my_time_is_loaded (ALGA_MY_TIME (my_time)), 10000);
  g_assert_cmpint (alga_my_time_get_total_minutes (ALGA_MY_TIME (my_time)), >=, 45);
  /* A week has its total above its days. */
  gtk_test_widget_wait_for_draw (my_time);
  g_assert_true (alga_test_shows_label (my_time, "This Week"));
}

static GtkWidget *
find_button_with_tooltip (GtkWidget  *widget,
                          const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
session_running (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTimeEntry) session = NULL;

  alga_client_get_active_session_async (fixture->client, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  session = alga_client_get_active_session_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return session != NULL;
}

/* A timer started on the phone (the server's session) shows in the ticket's time as running,
 * and its Stop button ends it on the server. */
static void
test_phone_session_stopped_here (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) started = NULL;
  g_autofree char *text = NULL;
  GtkWidget *summary = alga_time_summary_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *stop = NULL;

  alga_client_list_time_entries_async (fixture->client, NULL, NULL, NULL, NULL, 1, 1, NULL,
                                       alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  any = alga_client_list_time_entries_finish (fixture->client, result, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  text = g_strdup_printf ("{\"work_item_type\":\"ticket\",\"work_item_id\":\"%s\",\"service_id\":\"%s\"}",
                          alga_ticket_get_ticket_id (fixture->ticket),
                          alga_time_entry_get_service_id (g_ptr_array_index (any, 0)));
  body = json_from_string (text, NULL);
  alga_client_request_async (fixture->client, "POST", "/api/v1/time-entries/start-tracking", NULL, body,
                             ALGA_REQUEST_DEFAULT, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  started = alga_client_request_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (session_running (fixture));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), summary);
  gtk_window_set_child (fixture->parent, scrolled);
  alga_time_summary_show (ALGA_TIME_SUMMARY (summary), fixture->account, fixture->ticket);
  alga_test_wait_until ((stop = find_button_with_tooltip (summary, "Stop this timer now")) != NULL, 10000);
  /* The server truncates the start to the minute, so now is after it. */
  gtk_widget_activate (stop);
  alga_test_wait_until (!session_running (fixture), 10000);
  gtk_window_set_child (fixture->parent, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Asia/Kolkata", TRUE);
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/timer-ui/survives-restart", Fixture, NULL, fixture_set_up, test_survives_restart, fixture_tear_down);
  g_test_add ("/timer-ui/stop-logs", Fixture, NULL, fixture_set_up, test_stop_logs, fixture_tear_down);
  g_test_add ("/timer-ui/end-not-in-future", Fixture, NULL, fixture_set_up, test_stop_end_not_in_future, fixture_tear_down);
  g_test_add ("/timer-ui/second-start-offers-switch", Fixture, NULL, fixture_set_up, test_second_start_offers_switch, fixture_tear_down);
  g_test_add ("/timer-ui/chip-ticks-only-when-shown", Fixture, NULL, fixture_set_up, test_chip_ticks_only_when_shown, fixture_tear_down);
  g_test_add ("/timer-ui/my-time-today", Fixture, NULL, fixture_set_up, test_my_time_today, fixture_tear_down);
  g_test_add ("/timer-ui/phone-session-stopped-here", Fixture, NULL, fixture_set_up, test_phone_session_stopped_here, fixture_tear_down);
  return g_test_run ();
}
