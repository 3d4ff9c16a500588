/* test-freshness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window stays current without F5: what the watcher's poll finds reaches the list
 * (new rows, counts) and the open ticket (its comments), and relative times ("6 minutes ago") move
 * on while shown and cost nothing while hidden. As a Technician and as an Admin.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-account.h"
#include "alga-application.h"
#include "alga-comment-row.h"
#include "alga-date-format.h"
#include "alga-minute-clock.h"
#include "alga-session.h"
#include "alga-test-credentials.h"
#include "alga-test-gtk.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-row-text.h"
#include "alga-ticket-row.h"
#include "alga-ticket-view.h"
#include "alga-token-store-memory.h"
#include "alga-ticket-repository.h"
#include "alga-watcher.h"
#include "alga-window.h"

static AlgaApplication *app;

typedef struct
{
  AlgaTestServer *server;
  AlgaSession    *session;
  AlgaWindow     *window;
  AlgaTicketRepository *tickets;
  AlgaWatcher    *watcher;
  char           *dir;
  GFile          *state_file;
  guint           polls;
} Fixture;

static void
on_polled_cb (AlgaWatcher  *watcher,
              const GError *error,
              Fixture      *f)
{
  f->polls++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTokenStore) store = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->server = alga_test_server_new ();
  alga_test_server_set_role (f->server, (AlgaTestRole) GPOINTER_TO_INT (data));
  client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  store = alga_token_store_memory_new ();
  bundle = alga_token_bundle_new (alga_test_server_get_url (f->server),
                                  alga_test_server_get_user_id (f->server),
                                  alga_test_server_get_user_email (f->server),
                                  NULL,
                                  alga_test_server_get_tenant_id (f->server),
                                  alga_test_server_get_api_key (f->server),
                                  NULL, NULL);
  f->session = alga_session_new (client, store, bundle);

  f->window = alga_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  {
    g_autoptr(AlgaAccount) account = alga_account_new (f->session);

    alga_window_set_account (f->window, account);
  }

  /* The application's own glue, as it connects its watcher to its windows. */
  f->dir = g_dir_make_tmp ("alga-freshness-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "watch-state.json", NULL);
  f->state_file = g_file_new_for_path (path);
  f->tickets = alga_ticket_repository_new (alga_session_get_client (f->session), NULL);
  f->watcher = alga_watcher_new (f->tickets, alga_test_server_get_user_id (f->server),
                                 f->state_file);
  alga_watcher_set_interval_ms (f->watcher, 100);
  g_signal_connect_swapped (f->watcher, "tickets-changed", G_CALLBACK (alga_window_apply_changes),
                            f->window);
  g_signal_connect (f->watcher, "polled", G_CALLBACK (on_polled_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (f->state_file);

  alga_watcher_stop (f->watcher);
  g_signal_handlers_disconnect_by_data (f->watcher, f->window);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&f->watcher), 30000);
  g_clear_object (&f->tickets);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  alga_test_wait_until (f->window == NULL, 10000);

  g_unlink (path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_object_unref (f->state_file);
  g_clear_object (&f->session);
  alga_test_server_stop (f->server);
  g_clear_object (&f->server);
}

static AlgaTicketList *
get_tickets (Fixture *f)
{
  return alga_ticket_list_view_get_model (alga_window_get_ticket_list_view (f->window));
}

static void
wait_loaded (Fixture *f)
{
  alga_test_wait_until (get_tickets (f) != NULL
                        && !alga_ticket_list_get_loading (get_tickets (f))
                        && g_list_model_get_n_items (G_LIST_MODEL (get_tickets (f))) > 0,
                        10000);
}

static void
wait_polls (Fixture *f,
            guint    n)
{
  guint target = f->polls + n;

  alga_test_wait_until (f->polls >= target, 20000);
}

static AlgaTicketRow *
find_row (GtkWidget  *widget,
          const char *ticket_id)
{
  if (ALGA_IS_TICKET_ROW (widget))
    {
      AlgaTicket *ticket = alga_ticket_row_get_ticket (ALGA_TICKET_ROW (widget));

      return ticket != NULL && g_strcmp0 (alga_ticket_get_ticket_id (ticket), ticket_id) == 0
             ? ALGA_TICKET_ROW (widget) : NULL;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      AlgaTicketRow *found = find_row (c, ticket_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_comment_rows (GtkWidget *widget)
{
  guint n = ALGA_IS_COMMENT_ROW (widget) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_comment_rows (c);

  return n;
}

static const char *
row_time (AlgaTicketRow *row)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), ALGA_TYPE_TICKET_ROW,
                                                                "updated_label"));

  return alga_row_text_get_text (ALGA_ROW_TEXT (label));
}

/* A ticket someone else assigns to the technician appears in My Open, with its count, while
 * the notification says so: no F5. */
static void
test_poll_new_ticket (Fixture       *f,
                      gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (f->server);
  AlgaTicketList *tickets;
  guint before;
  int count_before;
  g_autofree char *id = NULL;

  wait_loaded (f);
  tickets = get_tickets (f);
  before = g_list_model_get_n_items (G_LIST_MODEL (tickets));
  alga_test_wait_until (alga_window_get_view_count (f->window, ALGA_VIEW_MY_OPEN) >= 0, 10000);
  count_before = alga_window_get_view_count (f->window, ALGA_VIEW_MY_OPEN);

  alga_watcher_start (f->watcher);
  wait_polls (f, 1);
  id = alga_test_server_create_ticket (f->server, "Fresh from the poll", me);

  alga_test_wait_until (alga_ticket_list_find (tickets, id, NULL) != NULL, 20000);
  /* The loaded pages came again: the newest first, the list as long or one longer. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tickets)), >=, before);
  alga_test_wait_until (alga_window_get_view_count (f->window, ALGA_VIEW_MY_OPEN) == count_before + 1, 10000);
  alga_test_wait_until (find_row (GTK_WIDGET (alga_window_get_ticket_list_view (f->window)), id) != NULL,
                        5000);
}

/* A comment from the customer on the open ticket shows in its thread without F5. */
static void
test_poll_updates_open_ticket (Fixture       *f,
                               gconstpointer  data)
{
  const char *id = alga_test_server_get_my_ticket_id (f->server);
  AlgaTicketView *view;
  guint before;
  g_autofree char *comment = NULL;

  wait_loaded (f);
  alga_window_show_ticket (f->window, id);
  view = ALGA_TICKET_VIEW (alga_test_find_widget (GTK_WIDGET (f->window), ALGA_TYPE_TICKET_VIEW));
  g_assert_nonnull (view);
  alga_test_wait_until (alga_ticket_view_get_ticket (view) != NULL &&
                        alga_ticket_get_has_detail (alga_ticket_view_get_ticket (view)), 10000);
  alga_test_wait_until (alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets/*/comments") > 0,
                        10000);
  alga_watcher_start (f->watcher);
  wait_polls (f, 1);
  before = count_comment_rows (GTK_WIDGET (view));

  comment = alga_test_server_add_comment (f->server, id, "Still broken, please call", FALSE, NULL, NULL);
  g_assert_nonnull (comment);
  alga_test_wait_until (count_comment_rows (GTK_WIDGET (view)) == before + 1, 20000);
}

/* "just now" becomes "6 minutes ago" as time passes, while the row is shown; a hidden window
 * leaves the clock still. */
static void
test_relative_time_advances (Fixture       *f,
                             gconstpointer  data)
{
  AlgaMinuteClock *clock = alga_minute_clock_get_default ();
  g_autofree char *id = alga_test_server_create_ticket (f->server, "Just made",
                                                       alga_test_server_get_user_id (f->server));
  AlgaTicketRow *row = NULL;
  GtkWidget *list_view;
  g_autofree char *six = NULL;

  wait_loaded (f);
  list_view = GTK_WIDGET (alga_window_get_ticket_list_view (f->window));
  alga_test_wait_until ((row = find_row (list_view, id)) != NULL, 10000);
  alga_test_wait_until (g_strcmp0 (row_time (row), "just now") == 0, 5000);
  g_assert_true (alga_minute_clock_get_running (clock));

  alga_minute_clock_advance_for_testing (clock, 6 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (row_time (row), ==, "6 minutes ago");

  /* Hidden: nothing ticks. */
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  alga_test_wait_until (!alga_minute_clock_get_running (clock), 5000);
  gtk_window_present (GTK_WINDOW (f->window));
  alga_test_wait_until (alga_minute_clock_get_running (clock), 5000);
  alga_minute_clock_advance_for_testing (clock, -6 * G_TIME_SPAN_MINUTE);
}

static AlgaCommentRow *
find_comment_row (GtkWidget *widget)
{
  if (ALGA_IS_COMMENT_ROW (widget))
    return ALGA_COMMENT_ROW (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      AlgaCommentRow *found = find_comment_row (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkLabel *
comment_time (AlgaCommentRow *row)
{
  return GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (row), ALGA_TYPE_COMMENT_ROW, "time_label"));
}

/* A date reads the same in the list, the ticket pane and the comments: relative while recent,
 * then one absolute date, with the exact date and time in the tooltips of the pane and the
 * comments. */
static void
test_one_date_style (Fixture       *f,
                     gconstpointer  data)
{
  AlgaMinuteClock *clock = alga_minute_clock_get_default ();
  g_autofree char *id = alga_test_server_create_ticket (f->server, "Dated",
                                                       alga_test_server_get_user_id (f->server));
  g_autofree char *comment = NULL;
  static const struct { GTimeSpan offset; const char *shown; } steps[] = {
    { 6 * G_TIME_SPAN_MINUTE, "6 minutes ago" },
    { 2 * G_TIME_SPAN_DAY, "2 days ago" },
    { 10 * G_TIME_SPAN_DAY, NULL },   /* the absolute date */
  };
  GTimeSpan advanced = 0;
  AlgaTicketRow *row = NULL;
  AlgaTicketView *view;
  AlgaTicket *ticket;
  AdwActionRow *created;
  AlgaCommentRow *comment_row = NULL;
  g_autofree char *exact = NULL;

  wait_loaded (f);
  alga_test_wait_until ((row = find_row (GTK_WIDGET (alga_window_get_ticket_list_view (f->window)), id)) != NULL,
                        10000);
  comment = alga_test_server_add_comment (f->server, id, "Printer back online", FALSE, NULL, NULL);
  alga_window_show_ticket (f->window, id);
  view = ALGA_TICKET_VIEW (alga_test_find_widget (GTK_WIDGET (f->window), ALGA_TYPE_TICKET_VIEW));
  alga_test_wait_until ((ticket = alga_ticket_view_get_ticket (view)) != NULL && alga_ticket_get_has_detail (ticket),
                        10000);
  created = alga_test_pane_child (GTK_WIDGET (view), "created_row");
  alga_test_wait_until ((comment_row = find_comment_row (GTK_WIDGET (view))) != NULL, 10000);

  alga_test_wait_until (g_str_has_prefix (adw_action_row_get_subtitle (created), "just now"), 5000);
  alga_test_wait_until (g_strcmp0 (row_time (row), "just now") == 0, 5000);
  alga_test_wait_until (g_strcmp0 (gtk_label_get_label (comment_time (comment_row)), "just now") == 0, 5000);
  exact = alga_date_format_exact (alga_ticket_get_entered_at (ticket));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (created)), ==, exact);
  {
    g_autofree char *comment_exact =
      alga_date_format_exact (alga_comment_get_created_at (alga_comment_row_get_comment (comment_row)));

    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (comment_time (comment_row))), ==, comment_exact);
  }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GDateTime) now = NULL;
      g_autofree char *absolute = NULL;
      const char *shown;

      alga_minute_clock_advance_for_testing (clock, steps[i].offset - advanced);
      advanced = steps[i].offset;
      now = alga_minute_clock_dup_now (clock);
      absolute = alga_date_format_absolute (alga_ticket_get_entered_at (ticket));
      shown = steps[i].shown != NULL ? steps[i].shown : absolute;

      alga_test_wait_until (g_strcmp0 (row_time (row), shown) == 0, 5000);
      alga_test_wait_until (g_str_has_prefix (adw_action_row_get_subtitle (created), shown), 5000);
      alga_test_wait_until (g_strcmp0 (gtk_label_get_label (comment_time (comment_row)), shown) == 0, 5000);
      /* The exact time stays in the tooltip whatever the row says. */
      g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (created)), ==, exact);
    }

  alga_minute_clock_advance_for_testing (clock, -advanced);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  static const struct { const char *name; AlgaTestRole role; } roles[] = {
    { "technician", ALGA_TEST_ROLE_TECHNICIAN },
    { "admin", ALGA_TEST_ROLE_ADMIN },
  };

  alga_test_gtk_init (&argc, &argv);

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *poll = g_strdup_printf ("/freshness/%s/poll-new-ticket", roles[i].name);
      g_autofree char *open = g_strdup_printf ("/freshness/%s/poll-updates-open-ticket", roles[i].name);
      g_autofree char *clock = g_strdup_printf ("/freshness/%s/relative-time-advances", roles[i].name);
      gconstpointer role = GINT_TO_POINTER (roles[i].role);

      g_test_add (poll, Fixture, role, fixture_set_up, test_poll_new_ticket, fixture_tear_down);
      g_test_add (open, Fixture, role, fixture_set_up, test_poll_updates_open_ticket, fixture_tear_down);
      g_test_add (clock, Fixture, role, fixture_set_up, test_relative_time_advances, fixture_tear_down);
    }
  g_test_add ("/freshness/technician/one-date-style", Fixture, GINT_TO_POINTER (ALGA_TEST_ROLE_TECHNICIAN),
              fixture_set_up, test_one_date_style, fixture_tear_down);

  return g_test_run ();
}
