/* test-filters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filters in force, as a technician sees them under the list's header: one chip each, which
 * removes just that filter from the keyboard, and a bar that wraps in a narrow window. Keys are
 * pressed through the X server (alga-test-keyboard) from where the technician's focus is; what
 * the list asks is read from the demo/test server's own record of requests.
 */

#include "config.h"

#include <string.h>

#include "alga-account.h"
#include "alga-application.h"
#include "alga-filter-popover.h"
#include "alga-session.h"
#include "alga-test-gtk.h"
#include "alga-test-http.h"
#include "alga-test-json.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
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
  int width = GPOINTER_TO_INT (data);

  f->server = alga_test_server_new ();
  /* The Technician: the everyday user. */
  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
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
  gtk_window_set_default_size (GTK_WINDOW (f->window), width > 0 ? width : 1280, 800);
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
  /* Cancelled requests still call back once; then nothing may hold the window. */
  alga_test_wait_until (f->window == NULL, 10000);

  g_clear_object (&f->session);
  g_clear_object (&f->http);
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
                        && !alga_ticket_list_get_cached (get_tickets (f))
                        && g_list_model_get_n_items (G_LIST_MODEL (get_tickets (f))) > 0,
                        10000);
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

static gboolean
list_shows_total (Fixture *f,
                  guint    expected)
{
  return !alga_ticket_list_get_loading (get_tickets (f))
         && alga_ticket_list_get_total (get_tickets (f)) == expected;
}

static AlgaFilterPopover *
filter_popover (Fixture *f)
{
  return ALGA_FILTER_POPOVER (alga_test_find_widget (GTK_WIDGET (f->window), ALGA_TYPE_FILTER_POPOVER));
}

/* The drop-down of the popover labelled @label ("Priority"), once its choices have come. The
 * popover's content is made when it is first shown: the first time, it is opened and closed
 * again, as the technician would. */
static GtkDropDown *
drop_down (Fixture    *f,
           const char *label)
{
  GtkWidget *grid = alga_test_find_widget (GTK_WIDGET (filter_popover (f)), GTK_TYPE_GRID);

  if (grid == NULL)
    {
      GtkWidget *popover = GTK_WIDGET (filter_popover (f));

      gtk_popover_popup (GTK_POPOVER (popover));
      alga_test_wait_until (gtk_widget_get_mapped (popover), 5000);
      gtk_popover_popdown (GTK_POPOVER (popover));
      alga_test_wait_until (!gtk_widget_get_mapped (popover), 5000);
      /* GTK gives the focus back to the window a little after the popover is hidden; a key
       * pressed before that still goes to the popover. */
      alga_test_wait_until (gtk_root_get_focus (GTK_ROOT (f->window)) != NULL
                            && gtk_widget_get_native (gtk_root_get_focus (GTK_ROOT (f->window)))
                               == GTK_NATIVE (f->window), 5000);
      grid = alga_test_find_widget (popover, GTK_TYPE_GRID);
    }
  g_assert_nonnull (grid);

  for (GtkWidget *w = gtk_widget_get_first_child (grid); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), label) == 0)
      {
        GtkDropDown *found = GTK_DROP_DOWN (gtk_label_get_mnemonic_widget (GTK_LABEL (w)));

        alga_test_wait_until (g_list_model_get_n_items (gtk_drop_down_get_model (found)) > 1, 10000);
        return found;
      }

  g_assert_not_reached ();
}

/* Chooses @label's first real choice (after "any"), and returns what it says. */
static const char *
choose_first (Fixture    *f,
              const char *label)
{
  GtkDropDown *choices = drop_down (f, label);

  gtk_drop_down_set_selected (choices, 1);
  return gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (choices)), 1);
}

static void
collect_chips (GtkWidget *widget,
               GPtrArray *chips)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "filter-chip"))
    g_ptr_array_add (chips, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_chips (child, chips);
}

/* The chips on screen, in order. */
static GPtrArray *
chips (Fixture *f)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_chips (GTK_WIDGET (f->window), found);
  return found;
}

static guint
n_chips (Fixture *f)
{
  g_autoptr(GPtrArray) found = chips (f);

  return found->len;
}

/* Whether @n chips are on screen, the bar done sliding in. */
static gboolean
chips_shown (Fixture *f,
             guint    n)
{
  g_autoptr(GPtrArray) found = chips (f);
  GtkWidget *revealer;

  if (found->len != n)
    return FALSE;
  if (n == 0)
    return TRUE;

  revealer = gtk_widget_get_ancestor (g_ptr_array_index (found, 0), GTK_TYPE_REVEALER);
  for (guint i = 0; i < found->len; i++)
    if (!gtk_widget_get_mapped (g_ptr_array_index (found, i)))
      return FALSE;

  return gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

static GtkWidget *
focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static gboolean
focus_is_chip (Fixture    *f,
               const char *text)
{
  GtkWidget *widget = focus (f);

  return widget != NULL && GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "filter-chip")
         && alga_test_shows_label (widget, text);
}

static gboolean
focus_in_list (Fixture *f)
{
  GtkWidget *widget = focus (f);
  GtkWidget *list = GTK_WIDGET (alga_window_get_ticket_list_view (f->window));

  return widget != NULL && (widget == list || gtk_widget_is_ancestor (widget, list));
}

/* Whether the server was asked for a page of the list (not a one-ticket count) whose query
 * holds every one of @with and none of @without, since the requests were last cleared. */
static gboolean
list_asked (Fixture            *f,
            const char * const *with,
            const char         *without)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);

  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i);
      gboolean all = TRUE;

      if (g_strcmp0 (request->path, "/api/v1/tickets") != 0 || request->query == NULL
          || strstr (request->query, "limit=1&") != NULL || g_str_has_suffix (request->query, "limit=1"))
        continue;
      for (guint j = 0; with[j] != NULL; j++)
        all &= strstr (request->query, with[j]) != NULL;
      if (all && (without == NULL || strstr (request->query, without) == NULL))
        return TRUE;
    }

  return FALSE;
}

static gboolean
list_asked_with (Fixture    *f,
                 const char *what)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);

  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i);

      if (g_strcmp0 (request->path, "/api/v1/tickets") == 0 && request->query != NULL
          && strstr (request->query, what) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Two filters, two chips; Shift+Tab from the list reaches the second, Return removes just
 * that filter (the list is asked again without it, with the other), and the focus stays on the
 * chip that is left. Removing that one too hides the bar and puts the focus back in the list. */
static void
test_chip_removed_with_keyboard (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *priority_text = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *both = NULL;
  g_autofree char *accessible = NULL;
  const char *priority;
  guint presses = 0;

  alga_test_keyboard_press_accel ("<Alt>3");
  wait_loaded (f);
  g_assert_cmpuint (n_chips (f), ==, 0);

  gtk_drop_down_set_selected (drop_down (f, "Assignee"), 2);
  priority = choose_first (f, "Priority");
  priority_text = g_strdup_printf ("Priority: %s", priority);
  escaped = g_uri_escape_string (priority, NULL, FALSE);
  both = g_strdup_printf ("is_open=true&has_assignment=false&priority_name=%s", escaped);
  alga_test_wait_until (list_shows_total (f, server_total (f, both)), 10000);
  alga_test_wait_until (chips_shown (f, 2), 5000);

  {
    g_autoptr(GPtrArray) shown = chips (f);

    g_assert_true (alga_test_shows_label (g_ptr_array_index (shown, 0), "Assignee: Nobody"));
    g_assert_true (alga_test_shows_label (g_ptr_array_index (shown, 1), priority_text));
    accessible = g_strdup_printf ("Remove filter %s", priority_text);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (shown, 1)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, accessible);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (shown, 0)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove filter Assignee: Nobody");
  }

  /* From the list, back through the bar: Clear, then the last chip. */
  alga_ticket_list_view_focus_selected (alga_window_get_ticket_list_view (f->window));
  alga_test_wait_until (focus_in_list (f), 5000);
  while (!focus_is_chip (f, priority_text) && presses++ < 6)
    alga_test_keyboard_press_accel ("<Shift>Tab");
  g_assert_true (focus_is_chip (f, priority_text));

  alga_test_server_clear_requests (f->server);
  alga_test_keyboard_press_accel ("Return");
  {
    const char * const assignee_only[] = { "is_open=true", "has_assignment=false", NULL };

    alga_test_wait_until (list_asked (f, assignee_only, "priority_name"), 10000);
    alga_test_wait_until (list_shows_total (f, server_total (f, "is_open=true&has_assignment=false")),
                          10000);
    g_assert_false (list_asked_with (f, "priority_name"));
  }
  g_assert_cmpuint (n_chips (f), ==, 1);
  g_assert_true (focus_is_chip (f, "Assignee: Nobody"));
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down (f, "Priority")), ==, 0);

  /* The last one: the bar goes, the focus returns to the list. */
  alga_test_server_clear_requests (f->server);
  alga_test_keyboard_press_accel ("space");
  {
    const char * const open_only[] = { "is_open=true", NULL };

    alga_test_wait_until (list_asked (f, open_only, "has_assignment"), 10000);
    alga_test_wait_until (list_shows_total (f, server_total (f, "is_open=true")), 10000);
  }
  g_assert_cmpuint (n_chips (f), ==, 0);
  g_assert_true (focus_in_list (f));
}

/* At 360 px three filters do not fit on one line: the chips wrap inside the window, none cut. */
static void
test_chips_wrap_when_narrow (Fixture       *f,
                             gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (alga_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  g_autoptr(GPtrArray) shown = NULL;
  graphene_rect_t first, last;
  int window_width;

  alga_test_keyboard_press_accel ("<Alt>3");
  wait_loaded (f);
  alga_test_wait_until (adw_leaflet_get_folded (leaflet), 5000);

  gtk_drop_down_set_selected (drop_down (f, "Assignee"), 2);
  choose_first (f, "Priority");
  choose_first (f, "Status");
  alga_test_wait_until (chips_shown (f, 3) && !alga_ticket_list_get_loading (get_tickets (f)), 10000);
  shown = chips (f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  window_width = gtk_widget_get_width (GTK_WIDGET (f->window));
  g_assert_cmpint (window_width, <=, 400);
  for (guint i = 0; i < shown->len; i++)
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (shown, i), GTK_WIDGET (f->window), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, window_width);
    }
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (shown, 0), GTK_WIDGET (f->window), &first));
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (shown, 2), GTK_WIDGET (f->window), &last));
  g_assert_cmpfloat (last.origin.y, >, first.origin.y);
}

/* The popover's widgets are made when it is first shown, not with the window; its choices
 * are there before: a filter chosen and taken off by its chip meanwhile is what the popover
 * shows when it opens. */
static void
test_made_when_shown (Fixture       *f,
                      gconstpointer  data)
{
  AlgaFilterPopover *popover;
  GListModel *statuses = NULL;

  alga_test_keyboard_press_accel ("<Alt>3");
  wait_loaded (f);
  popover = filter_popover (f);
  g_assert_nonnull (popover);

  /* The filters' data came after the first page; the popover was never shown. */
  alga_test_wait_until (alga_window_get_view_count (f->window, ALGA_VIEW_UNASSIGNED) >= 0, 10000);
  g_assert_null (alga_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN));
  g_assert_null (alga_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_DROP_DOWN));
  g_assert_null (gtk_popover_get_child (GTK_POPOVER (popover)));
  g_assert_false (alga_filter_popover_get_active (popover));

  /* Shown: every filter at "any", the statuses offered. */
  gtk_popover_popup (GTK_POPOVER (popover));
  alga_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (popover)), 5000);
  g_assert_nonnull (alga_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_GRID));
  statuses = gtk_drop_down_get_model (drop_down (f, "Status"));
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down (f, "Status")), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down (f, "Assignee")), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (drop_down (f, "Assignee"))), 2),
                   ==, "Nobody");
  g_assert_cmpuint (g_list_model_get_n_items (statuses), >, 1);

  /* A choice, then the chip takes it off while the popover is closed. */
  gtk_drop_down_set_selected (drop_down (f, "Assignee"), 2);
  gtk_popover_popdown (GTK_POPOVER (popover));
  alga_test_wait_until (chips_shown (f, 1), 5000);
  g_assert_cmpuint (alga_filter_popover_get_assignee (popover), ==, ALGA_FILTER_ASSIGNEE_NOBODY);
  alga_filter_popover_clear_filter (popover, ALGA_FILTER_ASSIGNEE);
  alga_test_wait_until (chips_shown (f, 0), 5000);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down (f, "Assignee")), ==, 0);
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

  g_test_add ("/filters/made-when-shown", Fixture, NULL, fixture_set_up,
              test_made_when_shown, fixture_tear_down);
  g_test_add ("/filters/chip-removed-with-keyboard", Fixture, NULL, fixture_set_up,
              test_chip_removed_with_keyboard, fixture_tear_down);
  g_test_add ("/filters/chips-wrap-when-narrow", Fixture, GINT_TO_POINTER (360), fixture_set_up,
              test_chips_wrap_when_narrow, fixture_tear_down);

  return g_test_run ();
}
