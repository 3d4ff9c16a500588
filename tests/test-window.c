/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window against the demo/test server: the built-in views show the counts the seed
 * implies, search and filters narrow the list, a ticket opens, keys move the selection.
 */

#include "config.h"

#include "alga-account.h"
#include "alga-application.h"
#include "alga-session.h"
#include "alga-test-gtk.h"
#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-composer.h"
#include "alga-ticket-view.h"
#include "alga-token-store-memory.h"
#include "alga-window.h"

/* One application for the whole run: its D-Bus registration outlives a single test. */
static AlgaApplication *app;

typedef struct
{
  AlgaTestServer  *server;
  AlgaSession     *session;
  AlgaWindow      *window;
  SoupSession     *http;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTokenStore) store = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  f->server = alga_test_server_new ();
  /* NULL: the server's default (Admin); else the role, the Technician's being the everyday. */
  if (data != NULL)
    alga_test_server_set_role (f->server, GPOINTER_TO_INT (data) - 1);
  f->http = soup_session_new ();

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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  /* Cancelled requests still call back once; then nothing may hold the window. */
  alga_test_wait_until (f->window == NULL, 10000);

  g_clear_object (&f->session);
  g_clear_object (&f->http);
  g_clear_object (&f->server);
}

/* The total the server reports for a raw query, asked without any of the app's code. */
static guint
server_total (Fixture    *f,
              const char *query)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets?limit=1&%s",
                                          alga_test_server_get_url (f->server), query);
  g_autoptr(AlgaTestResponse) response = NULL;

  response = alga_test_http (f->http, "GET", url, alga_test_server_get_api_key (f->server),
                             NULL, NULL);
  g_assert_cmpuint (response->status, ==, 200);

  return (guint) alga_test_json_int (response->json, "pagination.total");
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

/* Closing the window (the app goes on in the background) keeps its size for the next start, and
 * a window closed as it opened writes nothing. The close is the window's own close-request,
 * without the destruction gtk_window_close() would add. */
static void
count_change_cb (guint *changes)
{
  (*changes)++;
}

static void
test_size_kept_on_close (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  guint changes = 0;
  gboolean handled = TRUE;

  g_signal_connect_swapped (settings, "changed", G_CALLBACK (count_change_cb), &changes);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1003, 611);
  g_signal_emit_by_name (f->window, "close-request", &handled);
  g_assert_false (handled);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1003);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 611);
  g_assert_cmpuint (changes, >, 0);

  changes = 0;
  g_signal_emit_by_name (f->window, "close-request", &handled);
  g_assert_cmpuint (changes, ==, 0);
  g_signal_handlers_disconnect_by_data (settings, &changes);
}

static void
test_view_counts (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *mine = g_strdup_printf ("is_open=true&assigned_to=%s",
                                           alga_test_server_get_user_id (f->server));
  guint expected_my_open = server_total (f, mine);
  guint expected_unassigned = server_total (f, "is_open=true&has_assignment=false");
  guint expected_open = server_total (f, "is_open=true");
  guint expected_closed = server_total (f, "is_closed=true");
  AlgaView view;

  g_assert_cmpuint (expected_my_open, >, 0);
  g_assert_cmpuint (expected_unassigned, >, 0);
  g_assert_cmpuint (expected_closed, >, 0);

  for (view = 0; view < ALGA_N_VIEWS; view++)
    alga_test_wait_until (alga_window_get_view_count (f->window, view) >= 0, 10000);

  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_MY_OPEN), ==, expected_my_open);
  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_UNASSIGNED), ==, expected_unassigned);
  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_ALL_OPEN), ==, expected_open);
  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_CLOSED), ==, expected_closed);
  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_RECENT), >, 0);
}

static void
test_views_switch (Fixture       *f,
                   gconstpointer  data)
{
  guint expected_unassigned = server_total (f, "is_open=true&has_assignment=false");
  AlgaTicketList *tickets;
  guint i, n;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "unassigned");
  g_assert_cmpint (alga_window_get_view (f->window), ==, ALGA_VIEW_UNASSIGNED);
  wait_loaded (f);

  tickets = get_tickets (f);
  g_assert_cmpuint (alga_ticket_list_get_total (tickets), ==, expected_unassigned);
  n = g_list_model_get_n_items (G_LIST_MODEL (tickets));
  for (i = 0; i < n; i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (G_LIST_MODEL (tickets), i);

      g_assert_null (alga_ticket_get_assigned_to (ticket));
      g_assert_false (alga_ticket_get_status_is_closed (ticket));
    }
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *tooltip)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0))
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_search_narrows (Fixture       *f,
                     gconstpointer  data)
{
  AlgaTicketList *tickets;
  GtkWidget *entry;
  guint before, after, expected, i, n;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "all-open");
  wait_loaded (f);
  before = alga_ticket_list_get_total (get_tickets (f));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  entry = find_descendant (find_descendant (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_BAR, NULL),
                           GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search tickets");
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_focus (entry)
                 || gtk_widget_get_focus_child (entry) != NULL);

  expected = server_total (f, "is_open=true&search=printer");
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, before);

  gtk_editable_set_text (GTK_EDITABLE (entry), "printer");
  alga_test_wait_until (alga_ticket_list_get_total (get_tickets (f)) == expected
                        && !alga_ticket_list_get_loading (get_tickets (f)), 10000);

  tickets = get_tickets (f);
  after = alga_ticket_list_get_total (tickets);
  g_assert_cmpuint (after, <, before);
  n = g_list_model_get_n_items (G_LIST_MODEL (tickets));
  g_assert_cmpuint (n, >, 0);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (G_LIST_MODEL (tickets), i);
      g_autofree char *haystack = g_strdup_printf ("%s %s %s",
                                                   alga_ticket_get_title (ticket),
                                                   alga_ticket_get_ticket_number (ticket),
                                                   alga_ticket_get_client_name (ticket));
      g_autofree char *lower = g_utf8_strdown (haystack, -1);

      g_assert_nonnull (strstr (lower, "printer"));
    }
}

static void
test_filter_narrows (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *filter_button;
  GtkWidget *dropdown;
  guint expected;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "all-open");
  wait_loaded (f);

  /* The assignee filter is the first drop-down of the filter popover: pick "Nobody". */
  filter_button = find_descendant (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, "Filter");
  g_assert_nonnull (filter_button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (filter_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Filter");
  /* The popover's content is made when it is first shown. */
  g_assert_null (find_descendant (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (filter_button))),
                                  GTK_TYPE_DROP_DOWN, NULL));
  gtk_menu_button_popup (GTK_MENU_BUTTON (filter_button));
  dropdown = find_descendant (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (filter_button))),
                              GTK_TYPE_DROP_DOWN, NULL);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (filter_button));

  expected = server_total (f, "is_open=true&has_assignment=false");
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  alga_test_wait_until (alga_ticket_list_get_total (get_tickets (f)) == expected
                        && !alga_ticket_list_get_loading (get_tickets (f)), 10000);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL);
  alga_test_wait_until (alga_ticket_list_get_total (get_tickets (f)) == server_total (f, "is_open=true")
                        && !alga_ticket_list_get_loading (get_tickets (f)), 10000);
}

static void
test_board_filter (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AlgaTestResponse) boards = NULL;
  g_autofree char *url = g_strdup_printf ("%s/api/v1/boards", alga_test_server_get_url (f->server));
  g_autofree char *query = NULL;
  GtkWidget *filter_button;
  GtkWidget *board_dropdown = NULL;
  GtkWidget *child;
  GListModel *names;
  const char *board_id;
  const char *board_name;
  guint i = 0, n, expected;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "all-open");
  wait_loaded (f);

  boards = alga_test_http (f->http, "GET", url, alga_test_server_get_api_key (f->server), NULL, NULL);
  g_assert_cmpuint (boards->status, ==, 200);
  board_id = alga_test_json_string (boards->json, "data.1.board_id");
  board_name = alga_test_json_string (boards->json, "data.1.board_name");
  g_assert_nonnull (board_name);

  /* The board drop-down is the one whose list names the boards. */
  filter_button = find_descendant (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, "Filter");
  gtk_menu_button_popup (GTK_MENU_BUTTON (filter_button));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (filter_button));
  child = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (filter_button)));
  {
    GtkWidget *grid = find_descendant (child, GTK_TYPE_GRID, NULL);
    GtkWidget *w;

    for (w = gtk_widget_get_first_child (grid); w != NULL; w = gtk_widget_get_next_sibling (w))
      {
        if (!GTK_IS_DROP_DOWN (w))
          continue;
        names = gtk_drop_down_get_model (GTK_DROP_DOWN (w));
        alga_test_wait_until (g_list_model_get_n_items (names) > 0, 10000);
        n = g_list_model_get_n_items (names);
        for (i = 0; i < n; i++)
          if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), board_name) == 0)
            {
              board_dropdown = w;
              break;
            }
        if (board_dropdown != NULL)
          break;
      }
  }
  g_assert_nonnull (board_dropdown);

  query = g_strdup_printf ("is_open=true&board_id=%s", board_id);
  expected = server_total (f, query);
  g_assert_cmpuint (expected, >, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (board_dropdown), i);
  alga_test_wait_until (alga_ticket_list_get_total (get_tickets (f)) == expected
                        && !alga_ticket_list_get_loading (get_tickets (f)), 10000);
}

static void
test_open_ticket (Fixture       *f,
                  gconstpointer  data)
{
  AlgaTicketListView *list_view = alga_window_get_ticket_list_view (f->window);
  AlgaTicketView *ticket_view;
  AlgaTicket *first, *second;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "all-open");
  wait_loaded (f);

  /* j selects the first ticket, j again the second, k back: the detail pane follows. */
  alga_ticket_list_view_move_selection (list_view, 1);
  first = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_nonnull (first);
  alga_ticket_list_view_move_selection (list_view, 1);
  second = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_true (first != second);
  alga_ticket_list_view_move_selection (list_view, -1);
  g_assert_true (alga_ticket_list_view_get_selected_ticket (list_view) == first);

  ticket_view = ALGA_TICKET_VIEW (find_descendant (GTK_WIDGET (f->window), ALGA_TYPE_TICKET_VIEW, NULL));
  g_assert_nonnull (ticket_view);
  g_assert_true (alga_ticket_view_get_ticket (ticket_view) == first);

  /* The composer keeps drafts in the account's folder under the user's data folder. */
  {
    AlgaComposer *composer = ALGA_COMPOSER (find_descendant (GTK_WIDGET (ticket_view), ALGA_TYPE_COMPOSER, NULL));
    AlgaDraftStore *drafts;

    g_assert_nonnull (composer);
    g_assert_nonnull (alga_composer_get_account (composer));
    drafts = alga_account_get_drafts (alga_composer_get_account (composer));
    g_assert_nonnull (drafts);
    g_assert_true (g_str_has_prefix (alga_draft_store_get_directory (drafts), g_get_user_data_dir ()));
  }

  /* Opening by id, as a notification does. */
  alga_window_show_ticket (f->window, alga_ticket_get_ticket_id (second));
  g_assert_true (alga_ticket_view_get_ticket (ticket_view) == second);
}

/* The ticket's shortcuts work while the list has the focus: j, then Ctrl+Shift+M assigns. */
static void
test_triage_from_list (Fixture       *f,
                       gconstpointer  data)
{
  AlgaTicketListView *list_view = alga_window_get_ticket_list_view (f->window);
  AlgaTicketView *ticket_view;
  AlgaTicket *ticket;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "unassigned");
  wait_loaded (f);
  gtk_widget_grab_focus (GTK_WIDGET (list_view));
  alga_ticket_list_view_move_selection (list_view, 1);
  ticket = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_nonnull (ticket);
  g_assert_null (alga_ticket_get_assigned_to (ticket));
  /* What the key acts on: the pane holds this ticket, with its detail. Not an empty main
   * context: the pane's first layout and paint, its text views' validation, the window's page
   * transition and the spinners of the parts still loading keep work ready for seconds under
   * ASan on a busy machine (over 10 s measured), and the key needs none of it. */
  ticket_view = ALGA_TICKET_VIEW (find_descendant (GTK_WIDGET (f->window), ALGA_TYPE_TICKET_VIEW, NULL));
  g_assert_nonnull (ticket_view);
  alga_test_wait_until (alga_ticket_view_get_ticket (ticket_view) == ticket
                        && alga_ticket_get_has_detail (ticket), 30000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.ticket", "s",
                                             "ticket.assign-to-me"));
  alga_test_wait_until (g_strcmp0 (alga_ticket_get_assigned_to (ticket),
                                   alga_test_server_get_user_id (f->server)) == 0, 10000);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "PUT", "/api/v1/tickets/*/assignment"),
                    ==, 1);
}

/* F5 refreshes in place: the selected ticket stays the same object, still selected. */
static void
test_refresh_keeps_selection (Fixture       *f,
                              gconstpointer  data)
{
  AlgaTicketListView *list_view = alga_window_get_ticket_list_view (f->window);
  guint before;
  AlgaTicket *selected;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "all-open");
  wait_loaded (f);
  alga_ticket_list_view_move_selection (list_view, 3);
  selected = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_nonnull (selected);

  before = alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  alga_test_wait_until (alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets") > before
                        && !alga_ticket_list_get_loading (get_tickets (f)), 10000);

  g_assert_true (alga_ticket_list_view_get_selected_ticket (list_view) == selected);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gconstpointer technician = GINT_TO_POINTER (ALGA_TEST_ROLE_TECHNICIAN + 1);

  alga_test_gtk_init (&argc, &argv);

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/window/view-counts", Fixture, NULL, fixture_set_up, test_view_counts, fixture_tear_down);
  g_test_add ("/window/size-kept-on-close", Fixture, NULL, fixture_set_up, test_size_kept_on_close,
              fixture_tear_down);
  g_test_add ("/window/views-switch", Fixture, NULL, fixture_set_up, test_views_switch, fixture_tear_down);
  g_test_add ("/window/search-narrows", Fixture, NULL, fixture_set_up, test_search_narrows, fixture_tear_down);
  g_test_add ("/window/filter-narrows", Fixture, NULL, fixture_set_up, test_filter_narrows, fixture_tear_down);
  g_test_add ("/window/board-filter", Fixture, NULL, fixture_set_up, test_board_filter, fixture_tear_down);
  g_test_add ("/window/triage-from-list", Fixture, NULL, fixture_set_up, test_triage_from_list, fixture_tear_down);
  g_test_add ("/window/refresh-keeps-selection", Fixture, NULL, fixture_set_up, test_refresh_keeps_selection, fixture_tear_down);
  g_test_add ("/window/open-ticket", Fixture, NULL, fixture_set_up, test_open_ticket, fixture_tear_down);

  /* What a Technician's key may read differently: counts, triage (people), a ticket's pane. */
  g_test_add ("/window/technician/view-counts", Fixture, technician, fixture_set_up, test_view_counts, fixture_tear_down);
  g_test_add ("/window/technician/triage-from-list", Fixture, technician, fixture_set_up, test_triage_from_list, fixture_tear_down);
  g_test_add ("/window/technician/open-ticket", Fixture, technician, fixture_set_up, test_open_ticket, fixture_tear_down);

  return g_test_run ();
}
