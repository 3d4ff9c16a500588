/* test-ticket-list-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket list's search narrows the loaded tickets on the client, at every key: what it
 * shows must be exactly the tickets whose title, number or client name holds the text, in any
 * case, and every row on screen must show the ticket of its position, while rows are reused
 * and bound again as the text grows and shrinks (in the frame after each key, and still once
 * the main loop is idle). The next page is asked for only when the list is moved near its
 * end. Against the in-process demo server.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "alga-client.h"
#include "alga-test-credentials.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-list-slot.h"
#include "alga-ticket-list-view.h"
#include "alga-row-text.h"
#include "alga-ticket-row.h"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaTicketList *list;
  GtkWidget      *window;
  GtkWidget      *view;
  GListModel     *shown;   /* the grid's: AlgaListSlot, each showing a ticket */
} Fixture;

/* The ticket the list shows at @position. */
static AlgaTicket *
shown_ticket (Fixture *f,
              guint    position)
{
  g_autoptr(AlgaListSlot) slot = g_list_model_get_item (f->shown, position);

  g_assert_nonnull (slot);
  return g_object_ref (alga_list_slot_get_item (slot));
}

static void
wait_loaded (AlgaTicketList *list)
{
  while (alga_ticket_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* Whatever the change queued (the rows' rebinding, a relayout) has run. */
static void
wait_idle (void)
{
  alga_test_drain (10000);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AlgaTestCredentials) credentials = NULL;
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *list_base;

  f->server = alga_test_server_new_full (1, 400, ALGA_TEST_EDITION_ENTERPRISE, 0, &error);
  g_assert_no_error (error);
  f->client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  credentials = alga_test_credentials_new (alga_test_server_get_api_key (f->server));
  alga_client_set_credentials (f->client, ALGA_CREDENTIALS (credentials));

  f->list = alga_ticket_list_new (f->client, query);
  alga_ticket_list_set_page_size (f->list, 100);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 480, 900);
  f->view = alga_ticket_list_view_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  alga_ticket_list_view_set_model (ALGA_TICKET_LIST_VIEW (f->view), f->list);
  alga_ticket_list_reload (f->list);
  wait_loaded (f->list);

  /* Every page, so that the search has all 400 tickets to narrow. */
  while (alga_ticket_list_get_has_more (f->list))
    {
      alga_ticket_list_load_more (f->list);
      wait_loaded (f->list);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 400);
  gtk_test_widget_wait_for_draw (f->window);

  list_base = alga_test_find_widget (f->view, GTK_TYPE_LIST_BASE);
  g_assert_nonnull (list_base);
  g_object_get (list_base, "model", &f->shown, NULL);
  g_assert_nonnull (f->shown);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->shown);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->list);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
}

/* The rule, written plainly: casefolded substring of title, number or client name. */
static gboolean
ticket_matches (AlgaTicket *ticket,
                const char *text)
{
  g_autofree char *needle = g_utf8_casefold (text, -1);
  const char *fields[] = {
    alga_ticket_get_title (ticket),
    alga_ticket_get_ticket_number (ticket),
    alga_ticket_get_client_name (ticket),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = fields[i] != NULL ? g_utf8_casefold (fields[i], -1) : NULL;

      if (folded != NULL && strstr (folded, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
assert_shown_matches (Fixture    *f,
                      const char *text)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  guint expected = 0;
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (G_LIST_MODEL (f->list), i);
      gboolean match = text == NULL || ticket_matches (ticket, text);

      if (!match)
        continue;

      /* Same order as the loaded list. */
      {
        g_autoptr(AlgaTicket) at = shown_ticket (f, shown);

        g_assert_true (at == ticket);
      }
      expected++;
      shown++;
    }

  g_assert_cmpuint (g_list_model_get_n_items (f->shown), ==, expected);
}

/* Whether @row shows @ticket: its title label holds the ticket's title. */
static gboolean
row_shows (GtkWidget  *row,
           AlgaTicket *ticket)
{
  GtkWidget *title = GTK_WIDGET (gtk_widget_get_template_child (row, ALGA_TYPE_TICKET_ROW,
                                                                "title_label"));
  const char *expected = alga_ticket_get_title (ticket);

  return expected == NULL || g_strcmp0 (alga_row_text_get_text (ALGA_ROW_TEXT (title)), expected) == 0;
}

/* Right after the frame: every row in sight shows its ticket. */
static void
assert_rows_in_sight_shown (Fixture *f)
{
  GtkWidget *list_base = alga_test_find_widget (f->view, GTK_TYPE_LIST_BASE);
  GtkWidget *viewport = gtk_widget_get_parent (list_base);
  double height = gtk_widget_get_height (viewport);
  guint in_sight = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_base); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = alga_test_find_widget (child, ALGA_TYPE_TICKET_ROW);
      graphene_rect_t bounds;

      if (row == NULL || !gtk_widget_get_visible (child)
          || !gtk_widget_compute_bounds (child, viewport, &bounds)
          || bounds.origin.y >= height || bounds.origin.y + bounds.size.height <= 0
          || alga_ticket_row_get_ticket (ALGA_TICKET_ROW (row)) == NULL)
        continue;

      g_assert_true (row_shows (row, alga_ticket_row_get_ticket (ALGA_TICKET_ROW (row))));
      in_sight++;
    }

  if (g_list_model_get_n_items (f->shown) > 0)
    g_assert_cmpuint (in_sight, >, 0);
}

/* Every row in the list shows a ticket the list holds, in the list's order. */
static void
assert_rows_current (Fixture *f)
{
  GtkWidget *list_base = alga_test_find_widget (f->view, GTK_TYPE_LIST_BASE);
  guint n_shown = g_list_model_get_n_items (f->shown);
  guint rows = 0;
  guint next = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_base); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = alga_test_find_widget (child, ALGA_TYPE_TICKET_ROW);
      AlgaTicket *ticket;
      gboolean found = FALSE;

      if (row == NULL || !gtk_widget_get_visible (child))
        continue;

      ticket = alga_ticket_row_get_ticket (ALGA_TICKET_ROW (row));
      g_assert_nonnull (ticket);
      /* GTK keeps its rows in the model's order: each shows a ticket after the last. */
      for (; next < n_shown && !found; next++)
        {
          g_autoptr(AlgaTicket) item = shown_ticket (f, next);

          found = item == ticket;
        }
      g_assert_true (found);
      g_assert_true (row_shows (row, ticket));
      rows++;
    }

  g_assert_cmpuint (rows, <=, n_shown);
  if (n_shown > 0)
    g_assert_cmpuint (rows, >, 0);
}

static void
test_search_narrows_and_widens (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const steps[] = {
    "p", "pr", "PRI", "print", "printer", "print", "pr", "p", NULL,
    "tic0010", "Bakery", "bakery s", "zzz-nothing", "é", NULL,
  };
  AlgaTicketListView *view = ALGA_TICKET_LIST_VIEW (f->view);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      alga_ticket_list_view_set_filter_text (view, steps[i]);
      gtk_test_widget_wait_for_draw (f->window);
      assert_rows_in_sight_shown (f);
      wait_idle ();

      assert_shown_matches (f, steps[i]);
      assert_rows_current (f);
    }

  /* The search must have narrowed: "printer" is in a few titles only. */
  alga_ticket_list_view_set_filter_text (view, "printer");
  g_assert_cmpuint (g_list_model_get_n_items (f->shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (f->shown), <, 400);
}

/* A list of 50-ticket pages on a server of 400, and a window of 480 × 700 with a list view in
 * it, not shown yet. */
static AlgaTicketList *
new_paged_list (AlgaTestServer **server,
                AlgaClient     **client)
{
  g_autoptr(AlgaTestCredentials) credentials = NULL;
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(GError) error = NULL;
  AlgaTicketList *list;

  *server = alga_test_server_new_full (1, 400, ALGA_TEST_EDITION_ENTERPRISE, 0, &error);
  g_assert_no_error (error);
  *client = alga_client_new (alga_test_server_get_url (*server), &error);
  g_assert_no_error (error);
  credentials = alga_test_credentials_new (alga_test_server_get_api_key (*server));
  alga_client_set_credentials (*client, ALGA_CREDENTIALS (credentials));
  /* The client holds its credentials weakly, as it does an account's session. */
  g_object_set_data_full (G_OBJECT (*client), "test-credentials", g_steal_pointer (&credentials),
                          g_object_unref);
  list = alga_ticket_list_new (*client, query);
  alga_ticket_list_set_page_size (list, 50);
  return list;
}

static GtkWidget *
new_window_with_view (GtkWidget **view)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 480, 700);
  *view = alga_ticket_list_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), *view);
  return window;
}

/* The next page comes when the technician moves down the list to near its end (j, pressed on
 * the keyboard), and only then: showing the first page, and reading every loaded item as a
 * lookup does, ask the server for nothing more. */
static void
test_next_page_near_the_end (void)
{
  g_autoptr(AlgaTestServer) server = NULL;
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTicketList) list = new_paged_list (&server, &client);
  GtkWidget *view;
  GtkWidget *window = new_window_with_view (&view);

  gtk_window_present (GTK_WINDOW (window));
  alga_ticket_list_view_set_model (ALGA_TICKET_LIST_VIEW (view), list);
  alga_ticket_list_reload (list);
  wait_loaded (list);
  gtk_test_widget_wait_for_draw (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (alga_ticket_list_get_has_more (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
  g_assert_false (alga_ticket_list_view_select_ticket_id (ALGA_TICKET_LIST_VIEW (view),
                                                         "no-such-ticket"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (alga_ticket_list_get_loading (list));
  g_assert_cmpuint (alga_test_server_count_requests (server, "GET", "/api/v1/tickets"), ==, 1);

  alga_test_keyboard_focus_window (GTK_WINDOW (window));
  g_assert_true (gtk_widget_grab_focus (alga_test_find_widget (view, GTK_TYPE_LIST_BASE)));
  for (guint i = 0; i < 49 && g_list_model_get_n_items (G_LIST_MODEL (list)) == 50; i++)
    alga_test_keyboard_press (GDK_KEY_j, 0);
  alga_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (list)) == 100, 10000);
  wait_loaded (list);
  /* The keys moved the selection: the list itself, not a side door, asked for the page. */
  g_assert_nonnull (alga_ticket_list_view_get_selected_ticket (ALGA_TICKET_LIST_VIEW (view)));
  g_assert_cmpuint (alga_test_server_count_requests (server, "GET", "/api/v1/tickets"), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A start's first frame makes rows for the first tickets only (about a window's worth), and the
 * frame after it has all of them: a list of 50 gives the grid 12 items until the first frame
 * with rows is painted, then 50, without asking the server for more. */
static void
test_first_frame_rows (void)
{
  g_autoptr(AlgaTestServer) server = NULL;
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTicketList) list = new_paged_list (&server, &client);
  g_autoptr(GListModel) shown = NULL;
  GtkWidget *view;
  GtkWidget *window = new_window_with_view (&view);

  alga_ticket_list_view_set_model (ALGA_TICKET_LIST_VIEW (view), list);
  alga_ticket_list_reload (list);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);

  g_object_get (alga_test_find_widget (view, GTK_TYPE_LIST_BASE), "model", &shown, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 12);
  /* What the list shows is still the whole list: the count the window tells. */
  g_assert_cmpuint (alga_ticket_list_view_get_n_shown (ALGA_TICKET_LIST_VIEW (view)), ==, 50);

  gtk_window_present (GTK_WINDOW (window));
  alga_test_wait_until (g_list_model_get_n_items (shown) == 50, 10000);
  gtk_test_widget_wait_for_draw (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
  g_assert_cmpuint (alga_test_server_count_requests (server, "GET", "/api/v1/tickets"), ==, 1);

  /* Selecting a ticket beyond the first rows finds it. */
  {
    g_autoptr(AlgaTicket) last = g_list_model_get_item (G_LIST_MODEL (list), 49);

    g_assert_true (alga_ticket_list_view_select_ticket_id (ALGA_TICKET_LIST_VIEW (view),
                                                          alga_ticket_get_ticket_id (last)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/ticket-list-view/search-narrows-and-widens", Fixture, NULL,
              fixture_set_up, test_search_narrows_and_widens, fixture_tear_down);
  g_test_add_func ("/ticket-list-view/next-page-near-the-end", test_next_page_near_the_end);
  g_test_add_func ("/ticket-list-view/first-frame-rows", test_first_frame_rows);

  return g_test_run ();
}
