/* test-new-ticket-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket from a phone call, in the main window as a Technician and from the keyboard alone:
 * Ctrl+N, the checks in words before anything is sent, the client found by name, the ticket
 * created, opened and listed in My Open; and the draft kept when the dialog is closed.
 */

#include "config.h"

#include <string.h>

#include "alga-account.h"
#include "alga-application.h"
#include "alga-new-ticket-dialog.h"
#include "alga-session.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-list.h"
#include "alga-ticket-list-view.h"
#include "alga-token-store-memory.h"
#include "alga-window.h"

#define TIMEOUT_MS 10000

/* One application for the whole run: its D-Bus registration outlives a single test. */
static AlgaApplication *app;

typedef struct
{
  AlgaTestServer *server;
  AlgaSession    *session;
  AlgaWindow     *window;
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
  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
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
  alga_test_keyboard_focus_window (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  alga_test_wait_until (f->window == NULL, TIMEOUT_MS);
  g_clear_object (&f->session);
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
  alga_test_wait_until (get_tickets (f) != NULL && !alga_ticket_list_get_loading (get_tickets (f))
                        && g_list_model_get_n_items (G_LIST_MODEL (get_tickets (f))) > 0, TIMEOUT_MS);
}

static AlgaNewTicketDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ALGA_IS_NEW_TICKET_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ALGA_NEW_TICKET_DIALOG (window);
    }
  return NULL;
}

static gpointer
child (AlgaNewTicketDialog *dialog,
       const char          *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), ALGA_TYPE_NEW_TICKET_DIALOG, name);
}

static const char *
error_shown (AlgaNewTicketDialog *dialog)
{
  if (!gtk_widget_get_visible (child (dialog, "error_group")))
    return NULL;
  return adw_preferences_row_get_title (child (dialog, "error_row"));
}

static AlgaNewTicketDialog *
open_dialog (Fixture *f)
{
  AlgaNewTicketDialog *dialog;

  alga_test_keyboard_press_accel ("<Control>n");
  alga_test_wait_until (find_dialog () != NULL, TIMEOUT_MS);
  dialog = find_dialog ();
  alga_test_keyboard_focus_window (GTK_WINDOW (dialog));
  /* The board's lists and the people arrive from the shared reference data. */
  alga_test_wait_until (adw_combo_row_get_selected (child (dialog, "status_row")) != GTK_INVALID_LIST_POSITION &&
                        adw_combo_row_get_selected (child (dialog, "priority_row")) != GTK_INVALID_LIST_POSITION,
                        TIMEOUT_MS);
  return dialog;
}

static gboolean
listed (Fixture    *f,
        const char *ticket_id)
{
  GListModel *model = G_LIST_MODEL (get_tickets (f));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (model, i);

      if (g_strcmp0 (alga_ticket_get_ticket_id (ticket), ticket_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
created_ticket_id (Fixture *f)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);

  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = requests->pdata[i];

      if (g_str_equal (request->method, "GET") && g_str_has_prefix (request->path, "/api/v1/tickets/") &&
          strchr (request->path + strlen ("/api/v1/tickets/"), '/') == NULL &&
          i > 0 && g_str_equal (((AlgaTestRequest *) requests->pdata[i - 1])->method, "POST") &&
          g_str_equal (((AlgaTestRequest *) requests->pdata[i - 1])->path, "/api/v1/tickets"))
        return g_strdup (request->path + strlen ("/api/v1/tickets/"));
    }
  return NULL;
}

static void
test_create_from_keyboard (Fixture       *f,
                           gconstpointer  data)
{
  AlgaNewTicketDialog *dialog;
  g_autofree char *id = NULL;

  wait_loaded (f);
  g_assert_cmpint (alga_window_get_view (f->window), ==, ALGA_VIEW_MY_OPEN);
  dialog = open_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* The title first, the technician as the assignee once the people have arrived (they come
   * apart from the board's lists, and on a busy machine after them). */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), child (dialog, "title_row")));
  alga_test_wait_until (adw_combo_row_get_selected (child (dialog, "assignee_row")) == 1, TIMEOUT_MS);

  /* Nothing sent while something is missing; each problem in words, at its field. */
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_cmpstr (error_shown (dialog), ==, "Give the ticket a title.");
  alga_test_keyboard_type ("Printer on floor 2 jams");
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_cmpstr (error_shown (dialog), ==, "Choose the client the ticket is for.");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == child (dialog, "client_button") ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), child (dialog, "client_button")));
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "POST", "/api/v1/tickets"), ==, 0);

  /* The client by name: Space opens the search, Enter takes the first found. */
  alga_test_keyboard_press (GDK_KEY_space, 0);
  alga_test_wait_until (gtk_widget_has_focus (child (dialog, "client_search")) ||
                        gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), child (dialog, "client_search")),
                        TIMEOUT_MS);
  alga_test_keyboard_type ("dental");
  alga_test_wait_until (gtk_list_box_get_row_at_index (child (dialog, "client_list"), 0) != NULL &&
                        gtk_list_box_get_row_at_index (child (dialog, "client_list"), 1) == NULL, TIMEOUT_MS);
  alga_test_keyboard_press (GDK_KEY_Return, 0);
  alga_test_wait_until (g_strcmp0 (adw_action_row_get_subtitle (child (dialog, "client_row")), "Acme Dental Group") == 0,
                        TIMEOUT_MS);
  alga_test_wait_until (gtk_widget_get_sensitive (child (dialog, "contact_row")) &&
                        gtk_widget_get_sensitive (child (dialog, "location_row")), TIMEOUT_MS);
  /* The client's default location is taken; its closed one is not offered. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "location_row")), ==, 1);

  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until (dialog == NULL, TIMEOUT_MS);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "POST", "/api/v1/tickets"), ==, 1);
  id = created_ticket_id (f);
  g_assert_nonnull (id);

  /* It opens, and My Open lists it. */
  alga_test_wait_until (alga_test_shows_label (GTK_WIDGET (f->window), "Printer on floor 2 jams"), TIMEOUT_MS);
  alga_test_wait_until (listed (f, id), TIMEOUT_MS);
}

/* Closed without creating, the dialog keeps what was typed for the next time. */
static void
test_draft_kept (Fixture       *f,
                 gconstpointer  data)
{
  AlgaNewTicketDialog *dialog;

  wait_loaded (f);
  dialog = open_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  alga_test_keyboard_type ("Call back about the router");
  alga_test_keyboard_press (GDK_KEY_Escape, 0);
  alga_test_wait_until (dialog == NULL, TIMEOUT_MS);

  alga_test_keyboard_focus_window (GTK_WINDOW (f->window));
  dialog = open_dialog (f);
  alga_test_wait_until (g_strcmp0 (gtk_editable_get_text (child (dialog, "title_row")),
                                   "Call back about the router") == 0, TIMEOUT_MS);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "POST", "/api/v1/tickets"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_dir_make_tmp ("alga-new-ticket-XXXXXX", &error);

  g_assert_no_error (error);
  /* Drafts go to a folder of this run only. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  alga_test_gtk_init (&argc, &argv);

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/new-ticket-dialog/create-from-keyboard", Fixture, NULL, fixture_set_up,
              test_create_from_keyboard, fixture_tear_down);
  g_test_add ("/new-ticket-dialog/draft-kept", Fixture, NULL, fixture_set_up, test_draft_kept,
              fixture_tear_down);
  return g_test_run ();
}
