/* test-ticket-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket detail pane in a real window, against the test server over loopback: it loads
 * the detail into the list's ticket object, and every edit made through its widgets reaches
 * the server, changes the ticket from the server's answer, or is undone when refused.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "alga-assignee-picker.h"
#include "alga-blocknote.h"
#include "alga-cache.h"
#include "alga-checklist-section.h"
#include "alga-client.h"
#include "alga-date-format.h"
#include "alga-comment-thread.h"
#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-priority.h"
#include "alga-reference-data.h"
#include "alga-status.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"
#include "alga-ticket-text-editor.h"
#include "alga-ticket-view.h"
#include "alga-time-entry-dialog.h"

/* The fixture: a server, a client, and the pane in a window with a toast overlay. */

typedef struct
{
  AlgaTestServer *server;
  AlgaTestCredentials   *key;
  AlgaClient     *client;
  AlgaAccount    *account;
  GtkWindow      *window;
  AlgaTicketView *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  f->server = alga_test_server_new ();
  /* Tests given a role run with it; the others as Admin, who may read everything. */
  if (data != NULL)
    alga_test_server_set_role (f->server, (AlgaTestRole) GPOINTER_TO_INT (data) - 1);
  f->client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  /* The client holds its credentials weakly: the fixture owns them. */
  f->key = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (f->key, alga_test_server_get_api_key (f->server));
  alga_client_set_credentials (f->client, ALGA_CREDENTIALS (f->key));

  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 600, 900);
  overlay = adw_toast_overlay_new ();
  f->view = ALGA_TICKET_VIEW (alga_ticket_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  adw_window_set_content (ADW_WINDOW (f->window), overlay);
  f->account = g_object_new (ALGA_TYPE_ACCOUNT,
                             "client", f->client,
                             "user-id", alga_test_server_get_user_id (f->server),
                             "user-email", alga_test_server_get_user_email (f->server),
                             NULL);
  alga_ticket_view_set_account (f->view, f->account);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->account);
  /* Requests cut short by the destruction hold the client until they finish. */
  alga_test_unref_and_wait_finalized (g_steal_pointer (&f->client), 30000);
  g_clear_object (&f->key);
  alga_test_server_stop (f->server);
  g_clear_object (&f->server);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  return alga_test_pane_child (GTK_WIDGET (f->view), name);
}

typedef gboolean (*TicketFilter) (AlgaTicket *ticket,
                                  gpointer    data);

/* A ticket as the list hands it over: an item of GET /tickets, not a detail. */
static AlgaTicket *
find_list_ticket (Fixture      *f,
                  TicketFilter  filter,
                  gpointer      data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
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
      if (filter (ticket, data))
        return g_steal_pointer (&ticket);
    }

  g_error ("No ticket in the seed matches");
  return NULL;
}

static gboolean
open_on_board (AlgaTicket *ticket,
               gpointer    board_name)
{
  return !alga_ticket_get_status_is_closed (ticket) &&
         g_strcmp0 (alga_ticket_get_board_name (ticket), board_name) == 0;
}

static gboolean
open_with_description_and_contact (AlgaTicket *ticket,
                                   gpointer    data)
{
  return !alga_ticket_get_status_is_closed (ticket) &&
         alga_ticket_get_description (ticket) != NULL &&
         alga_ticket_get_contact_name_id (ticket) != NULL;
}

/* With ALGA_TEST_SHOTS=DIR, a screenshot of the whole display, for a person to look at. */
static void
shoot (const char *name)
{
  const char *dir = g_getenv ("ALGA_TEST_SHOTS");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  /* The redraw the last change queued has run. */
  alga_test_drain (10000);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static gboolean
open_with_description_no_due_date (AlgaTicket *ticket,
                                   gpointer    data)
{
  return open_with_description_and_contact (ticket, data) && alga_ticket_get_due_date (ticket) == NULL;
}

static AlgaTicket *
show_ticket (Fixture      *f,
             TicketFilter  filter,
             gpointer      data)
{
  AlgaTicket *ticket = find_list_ticket (f, filter, data);

  g_assert_false (alga_ticket_get_has_detail (ticket));
  alga_ticket_view_set_ticket (f->view, ticket);
  /* The detail merges into the very object the list gave, and the board's statuses and the
   * priorities arrive. */
  alga_test_wait_until (alga_ticket_get_has_detail (ticket), 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (child (f, "status_row")), 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (child (f, "priority_row")), 5000);
  /* The pane redraws its fields from the merged detail in an idle. */
  alga_test_drain (10000);

  return ticket;
}

static char *
last_request_body (Fixture    *f,
                   const char *method,
                   const char *path)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);

  for (guint i = requests->len; i > 0; i--)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i - 1);

      if (g_str_equal (request->method, method) && g_str_equal (request->path, path))
        return g_strdup (request->body);
    }

  return NULL;
}

static guint
last_request_status (Fixture    *f,
                     const char *method,
                     const char *path)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);

  for (guint i = requests->len; i > 0; i--)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i - 1);

      if (g_str_equal (request->method, method) && g_str_equal (request->path, path))
        return request->status;
    }

  return 0;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_labelled (gpointer widget)
{
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(JsonObject) server_ticket = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  const char *email;

  /* Buttons follow their actions' state: nothing to act on yet. */
  g_assert_false (gtk_widget_get_sensitive (child (f, "open_in_browser_button")));

  ticket = show_ticket (f, open_with_description_and_contact, NULL);
  stored = alga_test_server_dup_ticket_json (f->server, alga_ticket_get_ticket_id (ticket));
  server_ticket = parse_object (stored);

  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets/*"), >=, 1);
  g_assert_cmpstr (gtk_label_get_label (child (f, "title_label")), ==,
                   json_object_get_string_member (server_ticket, "title"));
  g_assert_nonnull (alga_ticket_get_client_name (ticket));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "client_row")), ==,
                   alga_ticket_get_client_name (ticket));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (f, "contact_row")), ==,
                   alga_ticket_get_contact_name (ticket));

  /* The contact's e-mail is a mailto: link showing the address. */
  email = alga_ticket_get_contact_email (ticket);
  g_assert_nonnull (email);
  g_assert_cmpstr (gtk_label_get_text (child (f, "contact_email_label")), ==, email);
  {
    g_autofree char *href = g_strdup_printf ("href=\"mailto:%s\"", email);

    g_assert_nonnull (strstr (gtk_label_get_label (child (f, "contact_email_label")), href));
  }

  buffer = gtk_text_view_get_buffer (child (f, "description_view"));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (text, alga_ticket_get_description (ticket)));

  g_assert_true (gtk_widget_get_sensitive (child (f, "open_in_browser_button")));
  {
    g_autofree char *uri = alga_ticket_view_dup_web_uri (f->view);
    g_autofree char *expected = g_strdup_printf ("%s/msp/tickets/%s",
                                                 alga_test_server_get_url (f->server),
                                                 alga_ticket_get_ticket_id (ticket));

    g_assert_cmpstr (uri, ==, expected);
  }

  alga_ticket_view_set_ticket (f->view, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (child (f, "copy_number_button")));
}

static void
test_load_error (Fixture       *f,
                 gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 404, .times = 1,
                          .body = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"ticket not found\"}}" };
  g_autoptr(AlgaTicket) ticket = find_list_ticket (f, open_on_board, (gpointer) "General Support");
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", alga_ticket_get_ticket_id (ticket));

  alga_test_server_add_fault (f->server, "GET", path, &fault);
  alga_ticket_view_set_ticket (f->view, ticket);

  /* The list's fields show at once; the failure says why and offers Retry. */
  g_assert_cmpstr (gtk_label_get_label (child (f, "title_label")), ==, alga_ticket_get_title (ticket));
  alga_test_wait_until (gtk_revealer_get_reveal_child (child (f, "error_revealer")), 5000);
  g_assert_nonnull (strstr (gtk_label_get_label (child (f, "error_label")), "ticket not found"));
  g_assert_false (alga_ticket_get_has_detail (ticket));

  g_signal_emit_by_name (child (f, "retry_button"), "clicked");
  alga_test_wait_until (alga_ticket_get_has_detail (ticket), 5000);
  g_assert_false (gtk_revealer_get_reveal_child (child (f, "error_revealer")));
}

static guint
find_status (AdwComboRow *row,
             const char  *not_id,
             gboolean     closed)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlgaStatus) status = g_list_model_get_item (model, i);

      if (g_strcmp0 (alga_status_get_status_id (status), not_id) != 0 &&
          alga_status_get_is_closed (status) == closed)
        return i;
    }

  g_error ("No such status on the board");
  return 0;
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  AdwComboRow *row = child (f, "status_row");
  g_autofree char *old_id = g_strdup (alga_ticket_get_status_id (ticket));
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/status",
                                           alga_ticket_get_ticket_id (ticket));
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) sent = NULL;
  AlgaStatus *chosen;
  GListModel *model = adw_combo_row_get_model (row);

  /* Only the ticket's board's statuses are offered. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlgaStatus) status = g_list_model_get_item (model, i);

      g_assert_cmpstr (alga_status_get_board_id (status), ==, alga_ticket_get_board_id (ticket));
    }
  assert_labelled (row);

  adw_combo_row_set_selected (row, find_status (row, old_id, FALSE));
  chosen = adw_combo_row_get_selected_item (row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (g_strcmp0 (alga_ticket_get_status_id (ticket),
                                   alga_status_get_status_id (chosen)) == 0, 5000);

  body = last_request_body (f, "PUT", path);
  sent = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (sent, "status_id"), ==,
                   alga_status_get_status_id (chosen));
  /* The bare row the server answers has no status name: the view supplies it. */
  g_assert_cmpstr (alga_ticket_get_status_name (ticket), ==, alga_status_get_name (chosen));
  alga_test_wait_until (gtk_widget_get_sensitive (GTK_WIDGET (row)), 5000);
  alga_test_wait_until (g_strcmp0 (gtk_label_get_label (child (f, "status_pill")),
                                   alga_status_get_name (chosen)) == 0, 5000);
}

/* The server answers a status change with the close fields from before it: the pane must
 * still show when the ticket was closed, right after closing it, and nothing after reopening. */
static void
test_close_shows_closed_date (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  AdwComboRow *row = child (f, "status_row");
  AdwActionRow *closed_row = child (f, "closed_row");
  g_autofree char *old_id = g_strdup (alga_ticket_get_status_id (ticket));
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/status",
                                           alga_ticket_get_ticket_id (ticket));
  g_autofree char *expected = NULL;

  g_assert_null (alga_ticket_get_closed_at (ticket));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (closed_row)));

  adw_combo_row_set_selected (row, find_status (row, old_id, TRUE));
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (alga_ticket_get_closed_at (ticket) != NULL, 5000);
  alga_test_wait_until (gtk_widget_get_visible (GTK_WIDGET (closed_row)), 5000);
  g_assert_true (alga_ticket_get_status_is_closed (ticket));
  expected = alga_date_format_exact (alga_ticket_get_closed_at (ticket));
  /* Closed a moment ago: relative, as in the list; the tooltip has the exact time. */
  alga_test_wait_until (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (closed_row)), expected) == 0, 5000);
  g_assert_cmpstr (adw_action_row_get_subtitle (closed_row), ==, "just now");

  /* Reopened: the answer still says closed; the pane must not. */
  alga_test_wait_until (gtk_widget_get_sensitive (GTK_WIDGET (row)), 5000);
  adw_combo_row_set_selected (row, find_status (row, NULL, FALSE));
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 2, 5000);
  alga_test_wait_until (alga_ticket_get_closed_at (ticket) == NULL, 5000);
  alga_test_wait_until (!gtk_widget_get_visible (GTK_WIDGET (closed_row)), 5000);
  g_assert_false (alga_ticket_get_status_is_closed (ticket));
}

/* A close refused because a required checklist item is open: the toast says so, and the focus
 * goes to that item, where the technician can tick it. */
static void
test_close_blocked_by_checklist (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  const char *id = alga_ticket_get_ticket_id (ticket);
  AdwComboRow *row = child (f, "status_row");
  g_autofree char *old_id = g_strdup (alga_ticket_get_status_id (ticket));
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/status", id);
  g_autofree char *item = NULL;
  AlgaChecklistSection *checklist;
  GtkWidget *focus;

  item = alga_test_server_add_checklist_item (f->server, id, "Confirm the backup ran", TRUE);
  alga_test_server_set_checklist_rule (f->server, id, TRUE);
  checklist = ALGA_CHECKLIST_SECTION (alga_test_find_widget (GTK_WIDGET (f->view), ALGA_TYPE_CHECKLIST_SECTION));
  g_assert_nonnull (checklist);
  alga_checklist_section_reload (checklist);
  alga_test_wait_until (alga_checklist_section_get_n_required_open (checklist) >= 1, 10000);

  adw_combo_row_set_selected (row, find_status (row, old_id, TRUE));
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 10000);
  g_assert_cmpuint (last_request_status (f, "PUT", path), ==, 400);
  alga_test_wait_until ((focus = gtk_root_get_focus (GTK_ROOT (f->window))) != NULL
                        && gtk_widget_is_ancestor (focus, GTK_WIDGET (checklist)), 10000);
  g_assert_false (alga_ticket_get_status_is_closed (ticket));
}

static void
test_status_close_rule (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "Network Operations");
  AdwComboRow *row = child (f, "status_row");
  g_autofree char *old_id = g_strdup (alga_ticket_get_status_id (ticket));
  g_autofree char *old_name = g_strdup (alga_ticket_get_status_name (ticket));
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/status",
                                           alga_ticket_get_ticket_id (ticket));
  guint old_position = adw_combo_row_get_selected (row);

  /* This board refuses to close a ticket without a resolution note. */
  adw_combo_row_set_selected (row, find_status (row, old_id, TRUE));
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (GTK_WIDGET (row)), 5000);

  g_assert_cmpuint (last_request_status (f, "PUT", path), ==, 400);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, old_position);
  g_assert_cmpstr (alga_status_get_status_id (adw_combo_row_get_selected_item (row)), ==, old_id);
  g_assert_cmpstr (alga_ticket_get_status_id (ticket), ==, old_id);
  g_assert_cmpstr (alga_ticket_get_status_name (ticket), ==, old_name);
  g_assert_false (alga_ticket_get_status_is_closed (ticket));
}

static void
test_priority (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  AdwComboRow *row = child (f, "priority_row");
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", alga_ticket_get_ticket_id (ticket));
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) sent = NULL;
  GListModel *model = adw_combo_row_get_model (row);
  AlgaPriority *chosen;
  guint target;

  assert_labelled (row);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
  /* General Support takes the tenant's own priorities: no ITIL one is offered, the server's
   * order is kept, and the ticket's own is the one selected. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlgaPriority) p = g_list_model_get_item (model, i);

      g_assert_cmpint (alga_priority_get_kind (p), ==, ALGA_PRIORITY_KIND_CUSTOM);
      g_assert_nonnull (alga_priority_get_color (p));
      if (i > 0)
        {
          g_autoptr(AlgaPriority) before = g_list_model_get_item (model, i - 1);

          g_assert_cmpint (alga_priority_get_order_number (before), <, alga_priority_get_order_number (p));
        }
    }
  g_assert_cmpstr (alga_priority_get_priority_id (adw_combo_row_get_selected_item (row)), ==,
                   alga_ticket_get_priority_id (ticket));
  if (g_getenv ("ALGA_TEST_SHOTS") != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.change-priority", NULL);
      shoot ("priority-popup");
      gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.change-priority", NULL);
    }
  target = (adw_combo_row_get_selected (row) + 1) % g_list_model_get_n_items (model);
  adw_combo_row_set_selected (row, target);
  chosen = adw_combo_row_get_selected_item (row);

  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (g_strcmp0 (alga_ticket_get_priority_id (ticket),
                                   alga_priority_get_priority_id (chosen)) == 0, 5000);
  body = last_request_body (f, "PUT", path);
  sent = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (sent, "priority_id"), ==,
                   alga_priority_get_priority_id (chosen));
  g_assert_cmpstr (alga_ticket_get_priority_name (ticket), ==,
                   alga_priority_get_priority_name (chosen));
  {
    /* The server stored one of the board's kind. */
    g_autofree char *stored = alga_test_server_dup_ticket_json (f->server, alga_ticket_get_ticket_id (ticket));
    g_autoptr(JsonObject) row_json = parse_object (stored);

    g_assert_cmpstr (json_object_get_string_member (row_json, "priority_id"), ==,
                     alga_priority_get_priority_id (chosen));
  }
}

/* Network Operations takes the ITIL priorities only. */
static void
test_priority_itil_board (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "Network Operations");
  AdwComboRow *row = child (f, "priority_row");
  GListModel *model = adw_combo_row_get_model (row);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlgaPriority) p = g_list_model_get_item (model, i);

      g_assert_cmpint (alga_priority_get_kind (p), ==, ALGA_PRIORITY_KIND_ITIL);
    }
  g_assert_cmpstr (alga_priority_get_priority_id (adw_combo_row_get_selected_item (row)), ==,
                   alga_ticket_get_priority_id (ticket));
}

static gboolean
open_unassigned (AlgaTicket *ticket,
                 gpointer    data)
{
  return !alga_ticket_get_status_is_closed (ticket) && alga_ticket_get_assigned_to (ticket) == NULL;
}

static void
test_assign (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_unassigned, NULL);
  const char *me = alga_test_server_get_user_id (f->server);
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/assignment",
                                           alga_ticket_get_ticket_id (ticket));
  g_autofree char *body = NULL;
  g_autofree char *body2 = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(JsonObject) sent2 = NULL;
  AlgaAssigneePicker *picker = child (f, "assignee_picker");
  GtkWidget *unassign;

  assert_labelled (child (f, "assignee_button"));

  gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.assign-to-me", NULL);
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (g_strcmp0 (alga_ticket_get_assigned_to (ticket), me) == 0, 5000);
  body = last_request_body (f, "PUT", path);
  sent = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (sent, "assigned_to"), ==, me);
  alga_test_wait_until (alga_ticket_get_assigned_to_name (ticket) != NULL, 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (child (f, "assignee_button")), 5000);

  /* Unassign through the picker's button. */
  unassign = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (picker),
                                                        ALGA_TYPE_ASSIGNEE_PICKER,
                                                        "unassign_button"));
  g_assert_true (gtk_widget_get_visible (unassign));
  g_signal_emit_by_name (unassign, "clicked");
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 2, 5000);
  alga_test_wait_until (alga_ticket_get_assigned_to (ticket) == NULL, 5000);
  body2 = last_request_body (f, "PUT", path);
  sent2 = parse_object (body2);
  g_assert_true (json_object_has_member (sent2, "assigned_to"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (sent2, "assigned_to")));
  g_assert_null (alga_ticket_get_assigned_to_name (ticket));
}

static void
test_picker_search (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_unassigned, NULL);
  AlgaAssigneePicker *picker = child (f, "assignee_picker");
  GListModel *users = alga_assignee_picker_get_model (picker);
  g_autoptr(GPtrArray) requests = NULL;
  AlgaTestRequest *last = NULL;

  alga_test_server_clear_requests (f->server);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.change-assignee", NULL);
  alga_test_wait_until (gtk_widget_get_visible (GTK_WIDGET (picker)), 2000);
  alga_test_wait_until (g_list_model_get_n_items (users) > 1, 5000);

  /* Typing waits for a pause before asking the server. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (picker),
                                                                     ALGA_TYPE_ASSIGNEE_PICKER,
                                                                     "search_entry")),
                         "zzzz-nobody");
  alga_test_wait_until (g_list_model_get_n_items (users) == 0, 5000);
  requests = alga_test_server_dup_requests (f->server);
  for (guint i = 0; i < requests->len; i++)
    if (g_str_equal (((AlgaTestRequest *) g_ptr_array_index (requests, i))->path, "/api/v1/users"))
      last = g_ptr_array_index (requests, i);
  g_assert_nonnull (last);
  g_assert_nonnull (strstr (last->query, "search=zzzz-nobody"));
  gtk_popover_popdown (GTK_POPOVER (picker));
}

static void
test_due_date (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_with_description_no_due_date, NULL);
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", alga_ticket_get_ticket_id (ticket));
  g_autofree char *description = g_strdup (alga_ticket_get_description (ticket));
  g_autofree char *body = NULL;
  g_autofree char *body2 = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(JsonObject) sent2 = NULL;
  g_autoptr(GDateTime) day = g_date_time_new_local (2031, 3, 14, 9, 0, 0);
  g_autoptr(GDateTime) due_local = NULL;
  JsonObject *attributes;

  g_assert_nonnull (description);
  assert_labelled (child (f, "due_date_button"));
  assert_labelled (child (f, "due_date_calendar"));

  gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.change-due-date", NULL);
  alga_test_wait_until (gtk_widget_get_visible (child (f, "due_date_popover")), 2000);
  gtk_calendar_select_day (child (f, "due_date_calendar"), day);
  gtk_widget_activate (child (f, "due_date_set_button"));

  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (alga_ticket_get_due_date (ticket) != NULL, 5000);
  body = last_request_body (f, "PUT", path);
  sent = parse_object (body);
  attributes = json_object_get_object_member (sent, "attributes");
  g_assert_nonnull (attributes);
  /* Read, merged, written back whole: the description survives the new due date. */
  g_assert_cmpstr (json_object_get_string_member (attributes, "description"), ==, description);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (attributes, "due_date"), "Z"));
  due_local = g_date_time_to_local (alga_ticket_get_due_date (ticket));
  g_assert_cmpint (g_date_time_get_year (due_local), ==, 2031);
  g_assert_cmpint (g_date_time_get_month (due_local), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (due_local), ==, 14);
  g_assert_cmpstr (alga_ticket_get_description (ticket), ==, description);
  alga_test_wait_until (gtk_widget_get_sensitive (child (f, "due_date_button")), 5000);
  /* The web UI will not show it, and the technician is told so. */
  g_assert_false (alga_ticket_get_due_date_is_column (ticket));
  alga_test_wait_until (strstr (adw_action_row_get_subtitle (child (f, "due_date_row")),
                                "desktop and phone apps only") != NULL, 5000);
  g_assert_true (gtk_widget_get_visible (child (f, "due_date_note")));
  shoot ("due-date-app");

  /* Clearing removes the member and keeps the rest. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.change-due-date", NULL);
  gtk_widget_activate (child (f, "due_date_clear_button"));
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 2, 5000);
  alga_test_wait_until (alga_ticket_get_due_date (ticket) == NULL, 5000);
  body2 = last_request_body (f, "PUT", path);
  sent2 = parse_object (body2);
  attributes = json_object_get_object_member (sent2, "attributes");
  g_assert_false (json_object_has_member (attributes, "due_date"));
  g_assert_cmpstr (json_object_get_string_member (attributes, "description"), ==, description);
}

/* Whether the keyboard focus is in @widget (an entry's focus is its text, inside it). */
static gboolean
focus_in (Fixture   *f,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The due date's time of day is shown and set from the keyboard, as a technician would: Ctrl+Shift+L
 * opens the editor on the calendar, Alt+T goes to the time (17:00 for a new date), a time that
 * cannot be is refused in words and not sent, Enter sets a good one, and the editor opened again
 * keeps it. */
static void
test_due_time (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_with_description_no_due_date, NULL);
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", alga_ticket_get_ticket_id (ticket));
  GtkEditable *time = child (f, "due_time_entry");
  GtkWidget *error = child (f, "due_time_error");
  g_autoptr(GDateTime) due_local = NULL;
  g_autofree char *shown = NULL;

  alga_test_keyboard_focus_window (f->window);
  alga_test_keyboard_press_accel ("<Control><Shift>l");
  alga_test_wait_until (gtk_widget_get_visible (child (f, "due_date_popover")), 5000);
  g_assert_cmpstr (gtk_editable_get_text (time), ==, "17:00");
  assert_labelled (GTK_WIDGET (time));

  alga_test_keyboard_press (GDK_KEY_t, GDK_ALT_MASK);
  alga_test_wait_until (focus_in (f, GTK_WIDGET (time)), 5000);

  /* No such hour: said in words, the button off, Enter sends nothing. */
  alga_test_keyboard_press (GDK_KEY_a, GDK_CONTROL_MASK);
  alga_test_keyboard_type ("25:00");
  g_assert_cmpstr (gtk_editable_get_text (time), ==, "25:00");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error)), ==, "Hours go from 0 to 23.");
  g_assert_false (gtk_widget_get_sensitive (child (f, "due_date_set_button")));
  alga_test_keyboard_press (GDK_KEY_Return, 0);
  /* A fixed time on purpose: nothing may be sent. */
  alga_test_spin (200);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "PUT", path), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (f, "due_date_popover")));

  alga_test_keyboard_press (GDK_KEY_a, GDK_CONTROL_MASK);
  alga_test_keyboard_type ("9:30");
  g_assert_false (gtk_widget_get_visible (error));
  alga_test_keyboard_press (GDK_KEY_Return, 0);
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (alga_ticket_get_due_date (ticket) != NULL, 5000);
  due_local = g_date_time_to_local (alga_ticket_get_due_date (ticket));
  g_assert_cmpint (g_date_time_get_hour (due_local), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (due_local), ==, 30);

  /* The row says the time, in the app's one style; its tooltip the exact date. */
  shown = alga_date_format_with_time (due_local);
  g_assert_nonnull (strstr (shown, "09:30"));
  alga_test_wait_until (g_str_has_prefix (adw_action_row_get_subtitle (child (f, "due_date_row")), shown), 5000);
  {
    g_autofree char *exact = alga_date_format_exact (due_local);

    g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "due_date_row")), ==, exact);
  }
  shoot ("due-time");

  /* Opened again, the editor keeps the time set. */
  alga_test_wait_until (gtk_widget_get_sensitive (child (f, "due_date_button")), 5000);
  /* The focus is back on the due date's button, which was off while the date was saved. */
  alga_test_wait_until (focus_in (f, child (f, "due_date_button")), 5000);
  alga_test_keyboard_press_accel ("<Control><Shift>l");
  alga_test_wait_until (gtk_widget_get_visible (child (f, "due_date_popover")), 5000);
  g_assert_cmpstr (gtk_editable_get_text (time), ==, "09:30");
  alga_test_keyboard_press (GDK_KEY_Escape, 0);
  alga_test_wait_until (!gtk_widget_get_visible (child (f, "due_date_popover")), 5000);
}

/* A due date set in Alga's web UI (the column) is shown, even over an older one of the apps,
 * and cannot be changed here since the API cannot write it. */
static void
test_due_date_from_column (Fixture       *f,
                           gconstpointer  data)
{
  AlgaTicket *listed = find_list_ticket (f, open_with_description_no_due_date, NULL);
  g_autofree char *id = g_strdup (alga_ticket_get_ticket_id (listed));
  g_autoptr(GDateTime) web = g_date_time_new_utc (2031, 3, 14, 17, 0, 0);
  g_autoptr(GDateTime) app = g_date_time_new_local (2030, 1, 2, 17, 0, 0);
  g_autofree char *expected = alga_date_format_with_time (web);
  g_autoptr(AlgaTicket) ticket = NULL;
  AdwActionRow *row = child (f, "due_date_row");

  g_object_unref (listed);
  /* The apps' older date first, then the web UI's. */
  ticket = show_ticket (f, open_with_description_no_due_date, NULL);
  g_assert_cmpstr (alga_ticket_get_ticket_id (ticket), ==, id);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.change-due-date", NULL);
  alga_test_wait_until (gtk_widget_get_visible (child (f, "due_date_popover")), 2000);
  gtk_calendar_select_day (child (f, "due_date_calendar"), app);
  gtk_widget_activate (child (f, "due_date_set_button"));
  alga_test_wait_until (alga_ticket_get_due_date (ticket) != NULL, 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (child (f, "due_date_button")), 5000);

  g_assert_true (alga_test_server_set_due_date (f->server, id, web,
                                                alga_test_server_get_other_user_id (f->server)));
  alga_ticket_view_set_ticket (f->view, NULL);
  alga_ticket_view_set_ticket (f->view, ticket);
  alga_test_wait_until (alga_ticket_get_due_date_is_column (ticket), 5000);
  g_assert_cmpint (g_date_time_compare (alga_ticket_get_due_date (ticket), web), ==, 0);
  alga_test_wait_until (g_str_has_prefix (adw_action_row_get_subtitle (row), expected), 5000);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "web UI"));
  g_assert_false (gtk_widget_get_visible (child (f, "due_date_button")));
  g_assert_false (gtk_widget_is_sensitive (child (f, "due_date_clear_button")));
  shoot ("due-date-column");

  /* Nothing here can change it: the action is off. */
  alga_test_server_clear_requests (f->server);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.change-due-date", NULL);
  g_assert_false (gtk_widget_get_visible (child (f, "due_date_popover")));
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "PUT", "/api/v1/tickets/*"), ==, 0);
}

static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_tooltip (c, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_watcher (Fixture    *f,
               const char *subtitle)
{
  return alga_test_shows_label (child (f, "watchers_row"), subtitle);
}

/* Watching puts the technician on the server's watch list, which it e-mails, and on the phone
 * app's list; what others put there stays. */
static void
test_watchers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  const char *me = alga_test_server_get_user_id (f->server);
  const char *email = alga_test_server_get_user_email (f->server);
  const char *id = alga_ticket_get_ticket_id (ticket);
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", id);
  AlgaAssigneePicker *picker = child (f, "watcher_picker");
  g_auto(GStrv) emails = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *put = NULL;
  GtkWidget *remove;

  g_assert_nonnull (email);
  g_assert_false (alga_assignee_picker_get_show_unassign (picker));
  /* Someone already watches by a bare address, as the web UI may write it. */
  {
    g_autoptr(JsonObject) attributes = alga_ticket_dup_attributes (ticket);
    JsonArray *list = json_array_new ();
    g_autoptr(JsonNode) body = NULL;
    g_autoptr(JsonObject) object = json_object_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(AlgaTicket) answer = NULL;

    json_array_add_string_element (list, "owner@example.com");
    json_object_set_array_member (attributes, "watch_list", list);
    json_object_set_object_member (object, "attributes", g_steal_pointer (&attributes));
    body = json_node_init_object (json_node_alloc (), object);
    alga_client_request_async (f->client, "PUT", path, NULL, body, ALGA_REQUEST_DEFAULT, NULL,
                               alga_test_store_result_cb, &result);
    alga_test_wait_for_result (&result, 5000);
    alga_ticket_view_set_ticket (f->view, NULL);
    alga_ticket_view_set_ticket (f->view, ticket);
    alga_test_wait_until (alga_test_shows_label (child (f, "watchers_row"), "owner@example.com"), 5000);
  }
  alga_test_server_clear_requests (f->server);

  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (picker),
                                                        ALGA_TYPE_ASSIGNEE_PICKER, "me_button"),
                         "clicked");
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (alga_ticket_get_watcher_user_ids (ticket) != NULL &&
                        g_strv_contains (alga_ticket_get_watcher_user_ids (ticket), me), 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (child (f, "add_watcher_button")), 5000);

  /* The server would e-mail both: the one who was there, and the technician. */
  emails = alga_test_server_dup_watch_list_emails (f->server, id);
  g_assert_cmpuint (g_strv_length (emails), ==, 2);
  g_assert_cmpstr (emails[0], ==, "owner@example.com");
  g_assert_cmpstr (emails[1], ==, email);
  put = last_request_body (f, "PUT", path);
  g_assert_nonnull (strstr (put, "\"entity_id\":\""));
  g_assert_nonnull (strstr (put, "\"entity_type\":\"user\""));
  g_assert_true (adw_expander_row_get_enable_expansion (child (f, "watchers_row")));
  alga_test_wait_until (shows_watcher (f, email), 5000);
  g_assert_true (alga_test_shows_label (child (f, "watchers_row"), "You and 1 more"));
  shoot ("watchers");

  /* Watching again is refused with a word, not sent. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (picker),
                                                        ALGA_TYPE_ASSIGNEE_PICKER, "me_button"),
                         "clicked");
  /* A fixed time on purpose: no PUT leaves in it. */
  alga_test_spin (50);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "PUT", path), ==, 1);

  /* Stopping takes the technician off both lists and leaves the other. */
  remove = find_by_tooltip (child (f, "watchers_row"), "Remove You");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 2, 5000);
  alga_test_wait_until (alga_ticket_get_watcher_user_ids (ticket) == NULL ||
                        !g_strv_contains (alga_ticket_get_watcher_user_ids (ticket), me), 5000);
  after = alga_test_server_dup_watch_list_emails (f->server, id);
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  g_assert_cmpstr (after[0], ==, "owner@example.com");
}

static void
test_ticket_change_cancels (Fixture       *f,
                            gconstpointer  data)
{
  AlgaTestFault slow = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 400, .times = 0 };
  g_autoptr(AlgaTicket) first = find_list_ticket (f, open_on_board, (gpointer) "General Support");
  g_autoptr(AlgaTicket) second = find_list_ticket (f, open_on_board, (gpointer) "Projects");
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", alga_ticket_get_ticket_id (first));

  alga_test_server_add_fault (f->server, "GET", path, &slow);
  alga_ticket_view_set_ticket (f->view, first);
  alga_ticket_view_set_ticket (f->view, second);
  alga_test_wait_until (alga_ticket_get_has_detail (second), 5000);
  /* A fixed time on purpose, longer than the first answer's 400 ms delay: that answer must
   * not reach the list's object in it. */
  alga_test_spin (600);

  /* The first load was cancelled: its answer never reached the list's object. */
  g_assert_false (alga_ticket_get_has_detail (first));
  g_assert_cmpstr (gtk_label_get_label (child (f, "title_label")), ==, alga_ticket_get_title (second));
}

static void
test_reply_focuses_composer (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  GtkWidget *composer = child (f, "composer");
  GtkWidget *focus;

  gtk_widget_activate_action (GTK_WIDGET (f->view), "ticket.reply", NULL);
  alga_test_wait_until ((focus = gtk_root_get_focus (GTK_ROOT (f->window))) != NULL &&
                        gtk_widget_is_ancestor (focus, composer), 5000);
}

/* The keys a technician triages with, as the view's shortcut controller holds them. */
static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  static const char *expected[][2] = {
    { "ticket.assign-to-me", "<Shift><Control>m" },
    { "ticket.change-status", "<Shift><Control>s" },
    { "ticket.change-priority", "<Shift><Control>p" },
    { "ticket.change-assignee", "<Shift><Control>n" },
    { "ticket.change-due-date", "<Shift><Control>l" },
    { "ticket.copy-number", "<Shift><Control>c" },
    { "ticket.open-in-browser", "<Shift><Control>o" },
    { "ticket.log-time", "<Control>t" },
    { "ticket.reply", "<Shift><Control>r" },
  };
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *trigger = NULL;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
            if (g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                             expected[k][0]))
              {
                g_assert_cmpstr (trigger, ==, expected[k][1]);
                found++;
              }
        }
    }

  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
}

/* While the server cannot be reached, an edit is refused with a message and the
 * control goes back; once the server answers again, edits go through. */
static void
test_offline_refuses_edits (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  AdwComboRow *row = child (f, "priority_row");
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", alga_ticket_get_ticket_id (ticket));
  g_autofree char *old_id = g_strdup (alga_ticket_get_priority_id (ticket));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaTicket) failed = NULL;
  g_autoptr(GError) error = NULL;
  const AlgaTestFault drop = { .kind = ALGA_TEST_FAULT_DROP };
  GListModel *model = adw_combo_row_get_model (row);
  guint old_position = adw_combo_row_get_selected (row);
  guint target = (old_position + 1) % g_list_model_get_n_items (model);

  /* The connection drops: the client learns the server cannot be reached. */
  alga_client_set_retry_policy (f->client, 1, 10);
  alga_test_server_add_fault (f->server, NULL, "/api/v1/*", &drop);
  g_assert_false (alga_client_get_offline (f->client));
  alga_client_get_ticket_async (f->client, alga_ticket_get_ticket_id (ticket), NULL,
                                alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 5000);
  failed = alga_client_get_ticket_finish (f->client, result, &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NETWORK);
  g_assert_true (alga_client_get_offline (f->client));

  alga_test_server_clear_requests (f->server);
  adw_combo_row_set_selected (row, target);
  alga_test_wait_until (alga_test_shows_label (GTK_WIDGET (f->window),
                                     "You are offline. Changes can be made again once the server can be reached."),
                        5000);
  alga_test_wait_until (adw_combo_row_get_selected (row) == old_position, 5000);
  /* A fixed time on purpose: no PUT leaves in it. */
  alga_test_spin (100);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "PUT", path), ==, 0);
  g_assert_cmpstr (alga_ticket_get_priority_id (ticket), ==, old_id);

  /* Each refusal reads the ticket again (and so does the view every few seconds): once that
   * reaches the server, the next edit goes through. */
  alga_test_server_clear_faults (f->server);
  alga_test_wait_until (adw_combo_row_get_selected (row) == old_position, 5000);
  adw_combo_row_set_selected (row, target);
  alga_test_wait_until (!alga_client_get_offline (f->client), 5000);
  alga_test_wait_until (adw_combo_row_get_selected (row) == old_position, 5000);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "PUT", path), ==, 0);
  alga_test_wait_until (alga_test_server_count_requests (f->server, "GET", path) >= 1, 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (GTK_WIDGET (row)), 5000);
  /* The ticket read again is shown (in an idle) before the next edit. */
  alga_test_drain (10000);
  adw_combo_row_set_selected (row, target);
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (g_strcmp0 (alga_ticket_get_priority_id (ticket), old_id) != 0, 5000);
}

static gboolean
open_on_same_board_other_than (AlgaTicket *ticket,
                               gpointer    first)
{
  return !alga_ticket_get_status_is_closed (ticket) &&
         g_strcmp0 (alga_ticket_get_board_id (ticket), alga_ticket_get_board_id (first)) == 0 &&
         g_strcmp0 (alga_ticket_get_ticket_id (ticket), alga_ticket_get_ticket_id (first)) != 0;
}

/* Statuses, priorities, users and services come from the account's shared lists, so
 * a second pane and a second dialog ask the server nothing more. */
static void
test_shared_reference_data (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(AlgaTicket) first = NULL;
  g_autoptr(AlgaTicket) second = NULL;
  AlgaTicketView *other;
  GtkWindow *other_window;
  GtkWidget *dialogs[2];

  alga_test_server_clear_requests (f->server);
  first = show_ticket (f, open_on_board, (gpointer) "General Support");
  alga_test_wait_until (alga_test_server_count_requests (f->server, "GET", "/api/v1/users") == 1, 5000);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets/statuses"), ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/priorities"), ==, 1);

  /* Another pane of the same account, on another ticket of the same board. */
  second = find_list_ticket (f, open_on_same_board_other_than, first);
  other_window = GTK_WINDOW (adw_window_new ());
  other = ALGA_TICKET_VIEW (alga_ticket_view_new ());
  adw_window_set_content (ADW_WINDOW (other_window), GTK_WIDGET (other));
  alga_ticket_view_set_account (other, f->account);
  alga_ticket_view_set_ticket (other, second);
  gtk_window_present (other_window);
  alga_test_wait_until (alga_ticket_get_has_detail (second), 5000);
  alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (
                          ADW_COMBO_ROW (alga_test_pane_child (GTK_WIDGET (other), "priority_row")))) > 1,
                        5000);
  /* A fixed time on purpose: the second pane asks for none of these in it. */
  alga_test_spin (50);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets/statuses"), ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/priorities"), ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/users"), ==, 1);

  /* Two time entry dialogs: the services are asked for once. */
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      dialogs[i] = alga_time_entry_dialog_new (f->window, f->account, first);
      gtk_window_present (GTK_WINDOW (dialogs[i]));
      alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (
                              ADW_COMBO_ROW (gtk_widget_get_template_child (dialogs[i],
                                                                            ALGA_TYPE_TIME_ENTRY_DIALOG,
                                                                            "service_row")))) > 1,
                            5000);
    }
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/services"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    gtk_window_destroy (GTK_WINDOW (dialogs[i]));
  gtk_window_destroy (other_window);
}

static gboolean
open_with_comments (AlgaTicket *ticket,
                    gpointer    server)
{
  return !alga_ticket_get_status_is_closed (ticket) &&
         alga_ticket_get_description (ticket) != NULL &&
         alga_test_server_count_comments (server, alga_ticket_get_ticket_id (ticket)) > 0;
}

/* A ticket read once is there offline: its detail and comments from the cache, with a
 * word that it is a saved copy. */
static void
test_offline_saved_copy (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("alga-ticket-view-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cache.sqlite", NULL);
  g_autoptr(AlgaCache) cache = NULL;
  AlgaAccount *account;
  g_autoptr(AlgaTicket) online = NULL;
  g_autoptr(AlgaTicket) offline = NULL;
  g_autoptr(GError) error = NULL;
  const AlgaTestFault drop = { .kind = ALGA_TEST_FAULT_DROP };
  AlgaCommentThread *thread = child (f, "comment_thread");
  GListModel *comments = alga_comment_thread_get_model (thread);
  guint n_comments;

  cache = alga_cache_new_for_path (path, &error);
  g_assert_no_error (error);
  /* The same account with a cache of its own. */
  account = alga_account_new_for_client (f->client, alga_test_server_get_user_id (f->server),
                                         cache, NULL);
  alga_ticket_view_set_account (f->view, account);

  online = show_ticket (f, open_with_comments, f->server);
  n_comments = alga_test_server_count_comments (f->server, alga_ticket_get_ticket_id (online));
  alga_test_wait_until (g_list_model_get_n_items (comments) == n_comments, 5000);
  alga_ticket_view_set_ticket (f->view, NULL);

  /* The same ticket as the list knows it (no detail), with the server gone. */
  offline = find_list_ticket (f, open_with_comments, f->server);
  g_assert_cmpstr (alga_ticket_get_ticket_id (offline), ==, alga_ticket_get_ticket_id (online));
  g_assert_false (alga_ticket_get_has_detail (offline));
  alga_client_set_retry_policy (f->client, 1, 10);
  alga_test_server_add_fault (f->server, NULL, "/api/v1/*", &drop);
  alga_ticket_view_set_ticket (f->view, offline);

  alga_test_wait_until (gtk_revealer_get_reveal_child (child (f, "error_revealer")), 5000);
  g_assert_cmpstr (gtk_label_get_text (child (f, "error_title")), ==, "Offline");
  g_assert_cmpstr (gtk_label_get_text (child (f, "error_label")), ==,
                   "This is the copy saved on this computer.");
  g_assert_true (alga_ticket_get_has_detail (offline));
  g_assert_cmpstr (alga_ticket_get_description (offline), ==, alga_ticket_get_description (online));
  alga_test_wait_until (g_list_model_get_n_items (comments) == n_comments, 5000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (thread),
                                                               ALGA_TYPE_COMMENT_THREAD, "stack"))),
                   ==, "comments");

  alga_test_server_clear_faults (f->server);
  alga_ticket_view_set_account (f->view, f->account);
  g_clear_object (&account);
  g_clear_object (&cache);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_accessible_labels (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  const char *names[] = {
    "copy_number_button", "open_in_browser_button", "log_time_button", "status_row",
    "priority_row", "assignee_button", "due_date_button", "due_date_calendar",
    "add_watcher_button", "status_pill", "priority_pill",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    assert_labelled (child (f, names[i]));
}

/* "Don't notify the customer" on a status change: the flag reaches the server, the toast says
 * it, and the choice goes back for the next change. */
static void
test_status_quiet (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  AdwComboRow *row = child (f, "status_row");
  GtkWidget *quiet = alga_test_find_widget (child (f, "quiet_choice"), GTK_TYPE_CHECK_BUTTON);
  g_autofree char *old_id = g_strdup (alga_ticket_get_status_id (ticket));
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/status", alga_ticket_get_ticket_id (ticket));
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) sent = NULL;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (quiet), TRUE);
  adw_combo_row_set_selected (row, find_status (row, old_id, FALSE));
  alga_test_wait_until (alga_test_server_count_requests (f->server, "PUT", path) == 1, 5000);
  alga_test_wait_until (gtk_widget_get_sensitive (GTK_WIDGET (row)), 5000);
  body = last_request_body (f, "PUT", path);
  sent = parse_object (body);
  g_assert_true (json_object_get_boolean_member (sent, "suppressContactNotifications"));
  g_assert_false (json_object_has_member (sent, "suppressInternalNotifications"));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (quiet)));
}

static GtkWidget *
find_tooltip_button (GtkWidget  *widget,
                     const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_tooltip_button (c, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The description is edited in place from its group's Edit button, as the plain text shown. */
static void
test_edit_description (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = show_ticket (f, open_on_board, (gpointer) "General Support");
  GtkWidget *group = child (f, "description_group");
  GtkWidget *editor;
  GtkWidget *button = find_tooltip_button (group, "Edit Description");
  g_autofree char *plain = alga_blocknote_to_plain_text (alga_ticket_get_description (ticket));
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  editor = alga_test_find_widget (group, ALGA_TYPE_TICKET_TEXT_EDITOR);
  g_assert_false (gtk_widget_get_visible (editor));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (alga_ticket_text_editor_get_editing (ALGA_TICKET_TEXT_EDITOR (editor)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (alga_test_find_widget (editor, GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, plain);
  gtk_widget_activate_action (editor, "text-editor.cancel", NULL);
  g_assert_false (gtk_widget_get_visible (editor));

  /* The title likewise, from the header's Edit Title button. */
  button = find_tooltip_button (GTK_WIDGET (f->view), "Edit Title");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  editor = gtk_widget_get_ancestor (alga_test_find_widget (gtk_widget_get_parent (child (f, "title_label")),
                                                            GTK_TYPE_ENTRY), ALGA_TYPE_TICKET_TEXT_EDITOR);
  g_assert_true (alga_ticket_text_editor_get_editing (ALGA_TICKET_TEXT_EDITOR (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alga_test_find_widget (editor, GTK_TYPE_ENTRY))), ==,
                   alga_ticket_get_title (ticket));
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/ticket-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_AS(path, func, role) \
  g_test_add ("/ticket-view/" path, Fixture, GINT_TO_POINTER ((role) + 1), fixture_set_up, func, \
              fixture_tear_down)

  ADD ("load", test_load);
  ADD ("load-error", test_load_error);
  ADD ("status", test_status);
  ADD_AS ("technician/status-quiet", test_status_quiet, ALGA_TEST_ROLE_TECHNICIAN);
  ADD_AS ("technician/edit-description", test_edit_description, ALGA_TEST_ROLE_TECHNICIAN);
  ADD ("status-close-rule", test_status_close_rule);
  ADD ("close-shows-closed-date", test_close_shows_closed_date);
  ADD ("priority", test_priority);
  ADD ("priority-itil-board", test_priority_itil_board);
  ADD_AS ("technician/priority", test_priority, ALGA_TEST_ROLE_TECHNICIAN);
  ADD_AS ("technician/close-shows-closed-date", test_close_shows_closed_date, ALGA_TEST_ROLE_TECHNICIAN);
  ADD ("assign", test_assign);
  ADD ("picker-search", test_picker_search);
  ADD ("due-date", test_due_date);
  ADD ("due-date-from-column", test_due_date_from_column);
  ADD_AS ("technician/due-time", test_due_time, ALGA_TEST_ROLE_TECHNICIAN);
  ADD_AS ("technician/close-blocked-by-checklist", test_close_blocked_by_checklist, ALGA_TEST_ROLE_TECHNICIAN);
  ADD_AS ("technician/due-date-from-column", test_due_date_from_column, ALGA_TEST_ROLE_TECHNICIAN);
  ADD ("watchers", test_watchers);
  ADD_AS ("technician/watchers", test_watchers, ALGA_TEST_ROLE_TECHNICIAN);
  ADD ("ticket-change-cancels", test_ticket_change_cancels);
  ADD ("reply-focuses-composer", test_reply_focuses_composer);
  ADD ("shortcuts", test_shortcuts);
  ADD ("accessible-labels", test_accessible_labels);
  ADD ("offline-refuses-edits", test_offline_refuses_edits);
  ADD ("shared-reference-data", test_shared_reference_data);
  ADD ("offline-saved-copy", test_offline_saved_copy);

  return g_test_run ();
}
