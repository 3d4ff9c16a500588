/* test-open-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a ticket from the list as a technician does: Enter puts the focus on the ticket's first
 * field (not on the buttons beside its number), and at 360 px, where the list fills the window,
 * one click opens the ticket; Ctrl+Shift+H opens My Time from the list and from the ticket.
 * Keys and clicks go through the X server (alga-test-keyboard, alga-test-pointer); every wait is
 * for a condition.
 */

#include "config.h"

#include "alga-account.h"
#include "alga-application.h"
#include "alga-my-time.h"
#include "alga-session.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-pointer.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-row.h"
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
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTokenStore) store = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  int width = GPOINTER_TO_INT (data);

  f->server = alga_test_server_new ();
  /* The Technician: the everyday user. */
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
  gtk_window_set_default_size (GTK_WINDOW (f->window), width > 0 ? width : 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  account = alga_account_new (f->session);
  alga_window_set_account (f->window, account);
  alga_test_keyboard_focus_window (GTK_WINDOW (f->window));
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
  g_clear_object (&f->server);
}

static AlgaTicketListView *
list_view (Fixture *f)
{
  return alga_window_get_ticket_list_view (f->window);
}

static AlgaTicketList *
get_tickets (Fixture *f)
{
  return alga_ticket_list_view_get_model (list_view (f));
}

static void
wait_loaded (Fixture *f)
{
  alga_test_wait_until (get_tickets (f) != NULL
                        && !alga_ticket_list_get_loading (get_tickets (f))
                        && !alga_ticket_list_get_cached (get_tickets (f))
                        && g_list_model_get_n_items (G_LIST_MODEL (get_tickets (f))) > 1,
                        10000);
}

static AlgaTicketView *
ticket_view (Fixture *f)
{
  return ALGA_TICKET_VIEW (alga_test_find_widget (GTK_WIDGET (f->window), ALGA_TYPE_TICKET_VIEW));
}

static gboolean
shown_ticket_is (Fixture    *f,
                 AlgaTicket *ticket)
{
  AlgaTicketView *view = ticket_view (f);

  return view != NULL && gtk_widget_get_mapped (GTK_WIDGET (view))
         && alga_ticket_view_get_ticket (view) == ticket;
}

static GtkWidget *
focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* Enter on a row: the focus goes to the ticket's first field, where triage starts;
 * j still moves on through the list from there, and Escape goes back to it. */
static void
test_enter_focuses_first_field (Fixture       *f,
                                gconstpointer  data)
{
  AlgaTicket *first;
  GtkWidget *row;

  alga_test_keyboard_press_accel ("<Alt>3");
  wait_loaded (f);
  alga_test_keyboard_press_accel ("Down");
  first = alga_ticket_list_view_get_selected_ticket (list_view (f));
  g_assert_nonnull (first);
  alga_test_wait_until (shown_ticket_is (f, first), 5000);

  alga_test_keyboard_press_accel ("Return");
  row = focus (f);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_ancestor (row, GTK_WIDGET (ticket_view (f))));
  g_assert_false (GTK_IS_BUTTON (row));
  /* A field's row: Status, or the first field the ticket lets the technician change yet. */
  g_assert_true (ADW_IS_PREFERENCES_ROW (row));
  g_assert_nonnull (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));

  alga_test_keyboard_press_accel ("j");
  g_assert_true (alga_ticket_list_view_get_selected_ticket (list_view (f)) != first);
  alga_test_wait_until (shown_ticket_is (f, alga_ticket_list_view_get_selected_ticket (list_view (f))), 5000);
  g_assert_true (gtk_widget_is_ancestor (focus (f), GTK_WIDGET (ticket_view (f))));

  alga_test_keyboard_press_accel ("Escape");
  g_assert_true (gtk_widget_is_ancestor (focus (f), GTK_WIDGET (list_view (f))));
}

/* The @n-th ticket row on screen in the list, from the top. */
static GtkWidget *
row_on_screen (Fixture *f,
               guint    n)
{
  GtkWidget *widget = GTK_WIDGET (list_view (f));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ALGA_IS_TICKET_ROW (w))
        {
          graphene_rect_t bounds;

          if (gtk_widget_get_mapped (w) && gtk_widget_compute_bounds (w, widget, &bounds)
              && bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (widget))
            g_ptr_array_add (rows, w);
          continue;
        }
      for (GtkWidget *child = gtk_widget_get_last_child (w); child != NULL; child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }

  if (rows->len <= n)
    return NULL;

  /* Depth first, children in order: the rows come in the list's order. */
  return g_ptr_array_index (rows, n);
}

/* At 360 px the window folds to the list; one click on a row opens its ticket, filling the
 * window, without a second click or Enter. */
static void
test_one_click_opens_when_narrow (Fixture       *f,
                                  gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (alga_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  GtkWidget *row = NULL;
  AlgaTicket *ticket;

  alga_test_keyboard_press_accel ("<Alt>3");
  wait_loaded (f);
  alga_test_wait_until (adw_leaflet_get_folded (leaflet), 5000);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  g_assert_null (alga_ticket_list_view_get_selected_ticket (list_view (f)));

  /* The second row, wholly on screen, with its ticket. */
  alga_test_wait_until ((row = row_on_screen (f, 1)) != NULL
                        && alga_ticket_row_get_ticket (ALGA_TICKET_ROW (row)) != NULL, 5000);
  ticket = alga_ticket_row_get_ticket (ALGA_TICKET_ROW (row));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  alga_test_pointer_click (row);
  alga_test_wait_until (alga_ticket_list_view_get_selected_ticket (list_view (f)) == ticket, 5000);
  alga_test_wait_until (shown_ticket_is (f, ticket)
                        && gtk_widget_is_ancestor (GTK_WIDGET (ticket_view (f)),
                                                   adw_leaflet_get_visible_child (leaflet)), 5000);
  g_assert_true (gtk_widget_is_ancestor (focus (f), GTK_WIDGET (ticket_view (f))));
}

static GtkWidget *
my_time_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ALGA_IS_MY_TIME (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* The accelerator the menu item of @action shows, in @model or its sections, or NULL. */
static char *
menu_accel (GMenuModel *model,
            const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      char *accel = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0 && g_menu_model_get_item_attribute (model, i, "accel", "s", &accel))
        return accel;
      if (section != NULL && (accel = menu_accel (section, action)) != NULL)
        return accel;
    }
  return NULL;
}

/* The accelerator shown for @action by a menu of a menu button under @widget, or NULL. */
static char *
window_menu_accel (GtkWidget  *widget,
                   const char *action)
{
  GMenuModel *model = GTK_IS_MENU_BUTTON (widget) ? gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) : NULL;
  char *accel = model != NULL ? menu_accel (model, action) : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && accel == NULL;
       child = gtk_widget_get_next_sibling (child))
    accel = window_menu_accel (child, action);
  return accel;
}

static GtkMenuButton *
primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Ctrl+Shift+H opens My Time from the list and from the ticket pane (its first field, and the
 * comment being written); Escape closes it, and the keys go on to the main window. The main
 * menu's My Time shows the key. */
static void
test_my_time_key (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *my_time;
  GtkWidget *composer_text;
  AlgaTicket *first;
  g_autofree char *accel = NULL;

  /* The main menu is given to its button when first opened: F10 opens it, Escape closes it. */
  {
    GtkMenuButton *button = primary_menu_button (GTK_WIDGET (f->window));
    GtkPopover *popover;

    g_assert_nonnull (button);
    alga_test_keyboard_press_accel ("F10");
    alga_test_wait_until ((popover = gtk_menu_button_get_popover (button)) != NULL
                          && gtk_widget_get_mapped (GTK_WIDGET (popover)), 5000);
    accel = window_menu_accel (GTK_WIDGET (f->window), "win.my-time");
    g_assert_cmpstr (accel, ==, "<Control><Shift>h");
    alga_test_keyboard_press_accel ("Escape");
    alga_test_wait_until (!gtk_widget_get_mapped (GTK_WIDGET (popover)), 5000);
    /* GTK gives the focus back to the window a little after the menu is hidden; a key pressed
     * before that still goes to the menu. */
    alga_test_wait_until (gtk_root_get_focus (GTK_ROOT (f->window)) != NULL
                          && gtk_widget_get_native (gtk_root_get_focus (GTK_ROOT (f->window)))
                             == GTK_NATIVE (f->window), 5000);
  }

  alga_test_keyboard_press_accel ("<Alt>3");
  wait_loaded (f);
  alga_test_keyboard_press_accel ("Down");
  first = alga_ticket_list_view_get_selected_ticket (list_view (f));
  g_assert_nonnull (first);
  g_assert_true (gtk_widget_is_ancestor (focus (f), GTK_WIDGET (list_view (f))));

  alga_test_keyboard_press_accel ("<Control><Shift>h");
  alga_test_wait_until ((my_time = my_time_window ()) != NULL, 5000);
  alga_test_keyboard_focus_window (GTK_WINDOW (my_time));
  alga_test_wait_until (alga_my_time_is_loaded (ALGA_MY_TIME (my_time)), 10000);
  alga_test_keyboard_press_accel ("Escape");
  alga_test_wait_until (my_time_window () == NULL, 5000);

  /* From the ticket's first field. */
  alga_test_keyboard_focus_window (GTK_WINDOW (f->window));
  alga_test_wait_until (shown_ticket_is (f, first), 5000);
  alga_test_keyboard_press_accel ("Return");
  g_assert_true (gtk_widget_is_ancestor (focus (f), GTK_WIDGET (ticket_view (f))));
  alga_test_keyboard_press_accel ("<Control><Shift>h");
  alga_test_wait_until ((my_time = my_time_window ()) != NULL, 5000);
  alga_test_keyboard_focus_window (GTK_WINDOW (my_time));
  alga_test_keyboard_press_accel ("Escape");
  alga_test_wait_until (my_time_window () == NULL, 5000);

  /* From the comment being written: a text view does not take the key. */
  alga_test_keyboard_focus_window (GTK_WINDOW (f->window));
  alga_test_keyboard_press_accel ("<Control><Shift>r");
  alga_test_wait_until (GTK_IS_TEXT_VIEW (focus (f)), 5000);
  composer_text = focus (f);
  g_assert_true (gtk_widget_is_ancestor (composer_text, GTK_WIDGET (ticket_view (f))));
  alga_test_keyboard_press_accel ("<Control><Shift>h");
  alga_test_wait_until ((my_time = my_time_window ()) != NULL, 5000);
  alga_test_keyboard_focus_window (GTK_WINDOW (my_time));
  alga_test_keyboard_press_accel ("Escape");
  alga_test_wait_until (my_time_window () == NULL, 5000);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  alga_test_gtk_init (&argc, &argv);

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/open-ticket/enter-focuses-first-field", Fixture, NULL, fixture_set_up,
              test_enter_focuses_first_field, fixture_tear_down);
  g_test_add ("/open-ticket/one-click-opens-when-narrow", Fixture, GINT_TO_POINTER (360), fixture_set_up,
              test_one_click_opens_when_narrow, fixture_tear_down);
  g_test_add ("/open-ticket/my-time-key", Fixture, NULL, fixture_set_up, test_my_time_key,
              fixture_tear_down);

  return g_test_run ();
}
