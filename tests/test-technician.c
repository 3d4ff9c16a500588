/* test-technician.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A working day in the main window for each seeded role, the Technician first: My Open and the
 * counts, assigning a ticket to a colleague and back to oneself through the assignee picker,
 * logging time with a service. A Technician's key may not list users or services, so the app
 * offers what the role can see, and asks a refused route at most once in the run.
 */

#include "config.h"

#include <string.h>

#include "alga-account.h"
#include "alga-application.h"
#include "alga-reference-data.h"
#include "alga-test-credentials.h"
#include "alga-assignee-picker.h"
#include "alga-session.h"
#include "alga-test-gtk.h"
#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-view.h"
#include "alga-time-entry-dialog.h"
#include "alga-token-store-memory.h"
#include "alga-user.h"
#include "alga-window.h"

#define TIMEOUT_MS 10000

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

  f->server = alga_test_server_new_full (4, 150, ALGA_TEST_EDITION_COMMUNITY, 0, &error);
  g_assert_no_error (error);
  alga_test_server_set_role (f->server, GPOINTER_TO_INT (data));
  f->http = soup_session_new ();

  client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  store = alga_token_store_memory_new ();
  bundle = alga_token_bundle_new (alga_test_server_get_url (f->server),
                                  alga_test_server_get_user_id (f->server),
                                  alga_test_server_get_user_email (f->server), NULL,
                                  alga_test_server_get_tenant_id (f->server),
                                  alga_test_server_get_api_key (f->server), NULL, NULL);
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
  alga_test_wait_until (f->window == NULL, TIMEOUT_MS);

  g_clear_object (&f->session);
  g_clear_object (&f->http);
  g_clear_object (&f->server);
}

static guint
server_total (Fixture    *f,
              const char *query)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets?limit=1&%s",
                                          alga_test_server_get_url (f->server), query);
  g_autoptr(AlgaTestResponse) response = alga_test_http (f->http, "GET", url,
                                                         alga_test_server_get_api_key (f->server),
                                                         NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return (guint) alga_test_json_int (response->json, "pagination.total");
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  return alga_test_find_widget (widget, type);
}

static GtkWidget *
find_nth (GtkWidget *widget,
          GType      type,
          guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (*n)-- == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
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

static char *
assignee_on_server (Fixture    *f,
                    const char *ticket_id)
{
  g_autofree char *json = alga_test_server_dup_ticket_json (f->server, ticket_id);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  const char *assignee = alga_test_json_string (node, "assigned_to");

  return g_strdup (assignee);
}

/* A change on its way disables the ticket's fields until the server answered. */
static void
wait_ticket_idle (AlgaTicketView *view)
{
  GtkWidget *button = alga_test_pane_child (GTK_WIDGET (view), "assignee_button");

  alga_test_wait_until (gtk_widget_is_sensitive (button), TIMEOUT_MS);
}

static AlgaTimeEntryDialog *
find_time_entry_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ALGA_IS_TIME_ENTRY_DIALOG (l->data))
      return l->data;
  return NULL;
}

/* Every route the server refused, at most once: a refusal is remembered, not asked again. */
static void
assert_no_refusal_asked_twice (Fixture *f)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);
  g_autoptr(GHashTable) refused = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i);

      if (request->status != 403)
        continue;
      g_test_message ("refused: %s %s", request->method, request->path);
      g_assert_false (g_hash_table_contains (refused, request->path));
      g_hash_table_add (refused, request->path);
    }
}

static void
test_working_day (Fixture       *f,
                  gconstpointer  data)
{
  AlgaTestRole role = GPOINTER_TO_INT (data);
  const char *me = alga_test_server_get_user_id (f->server);
  g_autofree char *mine = g_strdup_printf ("is_open=true&assigned_to=%s", me);
  AlgaTicketListView *list_view = alga_window_get_ticket_list_view (f->window);
  AlgaTicketList *tickets;
  AlgaTicketView *ticket_view;
  AlgaTicket *ticket;
  AlgaAssigneePicker *picker;
  GListModel *people;
  GtkListView *people_view;
  g_autofree char *ticket_id = NULL;
  g_autofree char *colleague = NULL;
  g_autofree char *assignee = NULL;
  AlgaTimeEntryDialog *dialog;
  AdwComboRow *service_row;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  guint entries_before = alga_test_server_count_time_entries (f->server, me);
  guint position = G_MAXUINT;

  /* My Open first, with the counts of every view. */
  g_assert_cmpint (alga_window_get_view (f->window), ==, ALGA_VIEW_MY_OPEN);
  alga_test_wait_until (alga_window_get_view_count (f->window, ALGA_VIEW_MY_OPEN) >= 0 &&
                        alga_window_get_view_count (f->window, ALGA_VIEW_UNASSIGNED) >= 0 &&
                        alga_window_get_view_count (f->window, ALGA_VIEW_CLOSED) >= 0, TIMEOUT_MS);
  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_MY_OPEN), ==, server_total (f, mine));
  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_MY_OPEN), >, 0);
  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_UNASSIGNED), ==,
                   server_total (f, "is_open=true&has_assignment=false"));
  g_assert_cmpint (alga_window_get_view_count (f->window, ALGA_VIEW_CLOSED), ==, server_total (f, "is_closed=true"));
  alga_test_wait_until ((tickets = alga_ticket_list_view_get_model (list_view)) != NULL &&
                        !alga_ticket_list_get_loading (tickets) &&
                        g_list_model_get_n_items (G_LIST_MODEL (tickets)) > 0, TIMEOUT_MS);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tickets)); i++)
    {
      g_autoptr(AlgaTicket) t = g_list_model_get_item (G_LIST_MODEL (tickets), i);

      g_assert_cmpstr (alga_ticket_get_assigned_to (t), ==, me);
    }

  /* The first of my tickets, as j selects it. */
  alga_ticket_list_view_move_selection (list_view, 1);
  ticket = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_nonnull (ticket);
  ticket_id = g_strdup (alga_ticket_get_ticket_id (ticket));
  ticket_view = ALGA_TICKET_VIEW (find_descendant (GTK_WIDGET (f->window), ALGA_TYPE_TICKET_VIEW));
  alga_test_wait_until (alga_ticket_view_get_ticket (ticket_view) != NULL &&
                        g_strcmp0 (alga_ticket_get_ticket_id (alga_ticket_view_get_ticket (ticket_view)), ticket_id) == 0,
                        TIMEOUT_MS);

  /* To a colleague: the picker offers the people the key can see, by name. */
  picker = ALGA_ASSIGNEE_PICKER (alga_test_pane_child (GTK_WIDGET (ticket_view), "assignee_picker"));
  people = alga_assignee_picker_get_model (picker);
  gtk_widget_activate_action (GTK_WIDGET (ticket_view), "ticket.change-assignee", NULL);
  alga_test_wait_until (gtk_widget_get_visible (GTK_WIDGET (picker)), TIMEOUT_MS);
  alga_test_wait_until (g_list_model_get_n_items (people) > 1, TIMEOUT_MS);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(AlgaUser) user = g_list_model_get_item (people, i);
      g_autofree char *name = alga_user_dup_display_name (user);

      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      if (position == G_MAXUINT && g_strcmp0 (alga_user_get_user_id (user), me) != 0)
        {
          position = i;
          colleague = g_strdup (alga_user_get_user_id (user));
        }
    }
  g_assert_nonnull (colleague);
  people_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (picker), ALGA_TYPE_ASSIGNEE_PICKER,
                                                               "list_view"));
  /* As from the keyboard: Down moves from the search into the list, Enter picks. */
  gtk_widget_grab_focus (GTK_WIDGET (people_view));
  g_signal_emit_by_name (people_view, "activate", position);
  alga_test_wait_until ((g_free (assignee), assignee = assignee_on_server (f, ticket_id),
                         g_strcmp0 (assignee, colleague) == 0), TIMEOUT_MS);

  /* And back to oneself, once the first change is done: "Assign to me" needs no list. */
  wait_ticket_idle (ticket_view);
  gtk_widget_activate_action (GTK_WIDGET (ticket_view), "ticket.assign-to-me", NULL);
  alga_test_wait_until ((g_free (assignee), assignee = assignee_on_server (f, ticket_id),
                         g_strcmp0 (assignee, me) == 0), TIMEOUT_MS);

  wait_ticket_idle (ticket_view);

  /* Time, with a service the key can see. */
  gtk_widget_activate_action (GTK_WIDGET (ticket_view), "ticket.log-time", NULL);
  alga_test_wait_until ((dialog = find_time_entry_dialog ()) != NULL, TIMEOUT_MS);
  service_row = ADW_COMBO_ROW (nth_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0));
  alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (service_row)) > 0, TIMEOUT_MS);
  adw_combo_row_set_selected (service_row, 0);
  gtk_calendar_select_day (GTK_CALENDAR (nth_widget (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR, 0)), yesterday);
  gtk_editable_set_text (GTK_EDITABLE (nth_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0)), "15:00");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (nth_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, 0)), 30);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (nth_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, 0))),
                            "Replaced the patch cable.", -1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "time-entry.log", NULL);
  alga_test_wait_until (alga_test_server_count_time_entries (f->server, me) == entries_before + 1, TIMEOUT_MS);
  alga_test_wait_until (find_time_entry_dialog () == NULL, TIMEOUT_MS);

  /* A second look at the pickers in the same run asks nothing refused again. */
  gtk_widget_activate_action (GTK_WIDGET (ticket_view), "ticket.change-assignee", NULL);
  alga_test_wait_until (gtk_widget_get_visible (GTK_WIDGET (picker)), TIMEOUT_MS);
  alga_test_wait_until (g_list_model_get_n_items (people) > 1, TIMEOUT_MS);
  {
    /* Searching finds the colleague by a piece of the name, without asking the server for
     * people when the role may not list them. */
    g_autoptr(AlgaUser) first = g_list_model_get_item (people, position);
    g_autofree char *name = alga_user_dup_display_name (first);
    g_autofree char *piece = g_utf8_substring (name, 1, 4);
    GtkEditable *search = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (picker), ALGA_TYPE_ASSIGNEE_PICKER,
                                                                       "search_entry"));
    guint all = g_list_model_get_n_items (people);

    gtk_editable_set_text (search, piece);
    alga_test_wait_until (g_list_model_get_n_items (people) < all || role == ALGA_TEST_ROLE_ADMIN, TIMEOUT_MS);
    alga_test_wait_until (g_list_model_get_n_items (people) > 0, TIMEOUT_MS);
    for (guint i = 0; i < g_list_model_get_n_items (people); i++)
      {
        g_autoptr(AlgaUser) user = g_list_model_get_item (people, i);
        g_autofree char *shown_name = alga_user_dup_display_name (user);
        g_autofree char *folded = g_utf8_casefold (shown_name, -1);
        g_autofree char *folded_piece = g_utf8_casefold (piece, -1);

        if (role == ALGA_TEST_ROLE_TECHNICIAN)
          g_assert_nonnull (strstr (folded, folded_piece));
      }
    gtk_editable_set_text (search, "");
  }
  gtk_widget_grab_focus (GTK_WIDGET (people_view));
  gtk_popover_popdown (GTK_POPOVER (picker));
  gtk_widget_activate_action (GTK_WIDGET (ticket_view), "ticket.log-time", NULL);
  alga_test_wait_until ((dialog = find_time_entry_dialog ()) != NULL, TIMEOUT_MS);
  service_row = ADW_COMBO_ROW (nth_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0));
  alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (service_row)) > 0, TIMEOUT_MS);
  gtk_window_close (GTK_WINDOW (dialog));
  alga_test_wait_until (find_time_entry_dialog () == NULL, TIMEOUT_MS);

  assert_no_refusal_asked_twice (f);
  if (role == ALGA_TEST_ROLE_TECHNICIAN)
    {
      g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/users"), ==, 1);
      g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/services"), ==, 1);
    }
  /* Refusals are the role's, never an error in the window. */
  g_assert_false (alga_test_shows_label (GTK_WIDGET (f->window), "You do not have permission to do this."));
}

static gboolean
shows_row_containing (GtkWidget  *widget,
                      const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_is_visible (widget) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_row_containing (child, text))
      return TRUE;
  return FALSE;
}

/* A technician on a server where no time entry names a service yet: the dialog says why none
 * is offered and what to do, instead of an empty list or a refusal. */
static void
test_no_service_known (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTestServer) server = alga_test_server_new_full (5, 0, ALGA_TEST_EDITION_COMMUNITY, 0, &error);
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTestCredentials) credentials = NULL;
  g_autoptr(AlgaAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autofree char *ticket_id = NULL;
  GtkWindow *parent;
  GtkWidget *dialog;

  g_assert_no_error (error);
  alga_test_server_set_role (server, ALGA_TEST_ROLE_TECHNICIAN);
  ticket_id = alga_test_server_create_ticket (server, "Laptop will not boot", alga_test_server_get_user_id (server));
  client = alga_client_new (alga_test_server_get_url (server), &error);
  g_assert_no_error (error);
  credentials = alga_test_credentials_new (alga_test_server_get_api_key (server));
  alga_client_set_credentials (client, ALGA_CREDENTIALS (credentials));
  alga_client_get_ticket_async (client, ticket_id, NULL, alga_test_store_result_cb, &result);
  ticket = alga_client_get_ticket_finish (client, alga_test_wait_for_result (&result, TIMEOUT_MS), &error);
  g_assert_no_error (error);

  parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (parent);
  account = alga_account_new_for_client (client, alga_test_server_get_user_id (server), NULL, NULL);
  dialog = alga_time_entry_dialog_new (parent, account, ticket);
  gtk_window_present (GTK_WINDOW (dialog));
  alga_test_wait_until (shows_row_containing (dialog, "may not list services"), TIMEOUT_MS);
  g_assert_true (shows_row_containing (dialog, "Log your first time entry in Alga PSA's web app"));
  g_assert_cmpuint (alga_test_server_count_requests (server, "GET", "/api/v1/services"), ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (server, "GET", "/api/v1/time-entries"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  alga_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  alga_test_gtk_init (&argc, &argv);

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/technician/working-day", Fixture, GINT_TO_POINTER (ALGA_TEST_ROLE_TECHNICIAN),
              fixture_set_up, test_working_day, fixture_tear_down);
  g_test_add_func ("/technician/no-service-known", test_no_service_known);
  g_test_add ("/admin/working-day", Fixture, GINT_TO_POINTER (ALGA_TEST_ROLE_ADMIN),
              fixture_set_up, test_working_day, fixture_tear_down);

  return g_test_run ();
}
