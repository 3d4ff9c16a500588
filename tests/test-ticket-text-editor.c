/* test-ticket-text-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's title and description edited in place, in a real window against the test server
 * as a Technician, from the keyboard: the quiet choice reaches the server and resets after a
 * save, a failed save keeps the text and the choice, an empty title is refused before sending,
 * and the description keeps the formatting of the blocks left alone.
 */

#include "config.h"

#include <string.h>

#include "alga-account.h"
#include "alga-test-credentials.h"
#include "alga-test-gtk.h"
#include "alga-test-http.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-text-editor.h"

#define TIMEOUT_MS 10000

typedef struct
{
  AlgaTestServer       *server;
  AlgaClient           *client;
  AlgaTestCredentials  *credentials;
  AlgaAccount          *account;
  AlgaTicket           *ticket;
  GtkWindow            *window;
  AlgaTicketTextEditor *title;
  AlgaTicketTextEditor *description;
  const char           *ticket_id;
} Fixture;

static AlgaTicket *
load_ticket (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicket *ticket;

  alga_ticket_repository_load_ticket_async (alga_account_get_tickets (f->account), f->ticket_id,
                                            ALGA_LOAD_DEFAULT, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, TIMEOUT_MS);
  ticket = alga_ticket_repository_load_ticket_finish (alga_account_get_tickets (f->account), result,
                                                      NULL, &error);
  g_assert_no_error (error);
  return ticket;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  GtkWidget *box;

  f->server = alga_test_server_new ();
  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
  f->client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  f->credentials = alga_test_credentials_new (alga_test_server_get_api_key (f->server));
  alga_client_set_credentials (f->client, ALGA_CREDENTIALS (f->credentials));
  f->account = alga_account_new_for_client (f->client, alga_test_server_get_user_id (f->server), NULL, NULL);
  f->ticket_id = alga_test_server_get_my_ticket_id (f->server);
  f->ticket = load_ticket (f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 700);
  overlay = adw_toast_overlay_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  f->title = ALGA_TICKET_TEXT_EDITOR (alga_ticket_text_editor_new (ALGA_TICKET_TEXT_TITLE));
  f->description = ALGA_TICKET_TEXT_EDITOR (alga_ticket_text_editor_new (ALGA_TICKET_TEXT_DESCRIPTION));
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("elsewhere"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->description));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  gtk_window_set_child (f->window, overlay);
  alga_ticket_text_editor_set_ticket (f->title, f->account, f->ticket);
  alga_ticket_text_editor_set_ticket (f->description, f->account, f->ticket);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  alga_test_keyboard_focus_window (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->ticket);
  g_clear_object (&f->account);
  alga_test_wait_for_sole_reference (f->client, 30000);
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->credentials);
  alga_test_server_stop (f->server);
  g_object_unref (f->server);
}

static char *
last_put_body (Fixture *f)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", f->ticket_id);

  for (guint i = requests->len; i > 0; i--)
    {
      AlgaTestRequest *request = requests->pdata[i - 1];

      if (g_str_equal (request->method, "PUT") && g_str_equal (request->path, path))
        return g_strdup (request->body);
    }
  return NULL;
}

/* The sentence under the field, or NULL. */
static const char *
error_shown (AlgaTicketTextEditor *editor)
{
  GtkWidget *box = adw_bin_get_child (ADW_BIN (editor));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "error") && gtk_widget_get_visible (child))
      return gtk_label_get_label (GTK_LABEL (child));
  return NULL;
}

static GtkWidget *
quiet_check (AlgaTicketTextEditor *editor)
{
  return alga_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_CHECK_BUTTON);
}

static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", f->ticket_id);
  AlgaTestFault refused = { .kind = ALGA_TEST_FAULT_STATUS, .status = 503, .times = 1,
                            .body = "{\"error\":{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"Down\"}}" };
  GtkWidget *entry;
  g_autofree char *body = NULL;
  g_autofree char *json = NULL;
  guint puts;

  alga_ticket_text_editor_edit (f->title);
  entry = alga_test_find_widget (GTK_WIDGET (f->title), GTK_TYPE_ENTRY);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry) ||
                 gtk_root_get_focus (GTK_ROOT (f->window)) == entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, alga_ticket_get_title (f->ticket));

  /* Empty: refused in words, nothing sent. */
  puts = alga_test_server_count_requests (f->server, "PUT", path);
  alga_test_keyboard_press_accel ("<Control>a");
  alga_test_keyboard_press (GDK_KEY_BackSpace, 0);
  alga_test_keyboard_press (GDK_KEY_Return, 0);
  g_assert_cmpstr (error_shown (f->title), ==, "A ticket needs a title.");
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "PUT", path), ==, puts);

  alga_test_keyboard_type ("Printer jams on floor 2");
  /* Tab to the quiet choice, Space ticks it, Ctrl+Enter saves. */
  alga_test_keyboard_press (GDK_KEY_Tab, 0);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == quiet_check (f->title));
  alga_test_keyboard_press (GDK_KEY_space, 0);

  /* Refused once: the text and the choice stay. */
  alga_test_server_add_fault (f->server, "PUT", path, &refused);
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until (error_shown (f->title) != NULL, TIMEOUT_MS);
  g_assert_true (g_str_has_prefix (error_shown (f->title), "Could not save. "));
  g_assert_true (alga_ticket_text_editor_get_editing (f->title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Printer jams on floor 2");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (quiet_check (f->title))));

  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until (!alga_ticket_text_editor_get_editing (f->title), TIMEOUT_MS);
  body = last_put_body (f);
  g_assert_nonnull (strstr (body, "\"title\":\"Printer jams on floor 2\""));
  g_assert_nonnull (strstr (body, "\"suppressContactNotifications\":true"));
  g_assert_cmpstr (alga_ticket_get_title (f->ticket), ==, "Printer jams on floor 2");
  json = alga_test_server_dup_ticket_json (f->server, f->ticket_id);
  g_assert_nonnull (strstr (json, "Printer jams on floor 2"));
  alga_test_wait_until (alga_test_shows_label (GTK_WIDGET (f->window), "Title changed without notifying the customer"),
                        TIMEOUT_MS);
  /* Quiet was for that change only. */
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (quiet_check (f->title))));
}

/* The web's formatting of the blocks left alone survives an edit of another line. */
static void
test_description_keeps_formatting (Fixture       *f,
                                   gconstpointer  data)
{
  static const char *stored =
    "[{\\\"type\\\":\\\"paragraph\\\",\\\"content\\\":[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"Jams on \\\",\\\"styles\\\":{}},"
    "{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"floor 2\\\",\\\"styles\\\":{\\\"bold\\\":true}}]},"
    "{\\\"type\\\":\\\"paragraph\\\",\\\"content\\\":[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"Every morning\\\",\\\"styles\\\":{}}]}]";
  g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets/%s", alga_test_server_get_url (f->server), f->ticket_id);
  g_autofree char *put = g_strdup_printf ("{\"attributes\":{\"description\":\"%s\",\"keep\":\"me\"}}", stored);
  g_autoptr(SoupSession) http = soup_session_new ();
  g_autoptr(AlgaTestResponse) r = alga_test_http (http, "PUT", url, alga_test_server_get_api_key (f->server), put, NULL);
  g_autoptr(AlgaTicket) fresh = NULL;
  g_autofree char *json = NULL;
  GtkTextView *view;

  g_assert_cmpuint (r->status, ==, 200);
  fresh = load_ticket (f);
  alga_ticket_update_from (f->ticket, fresh);

  alga_ticket_text_editor_edit (f->description);
  view = GTK_TEXT_VIEW (alga_test_find_widget (GTK_WIDGET (f->description), GTK_TYPE_TEXT_VIEW));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (view));
  alga_test_keyboard_press_accel ("<Control>End");
  alga_test_keyboard_type ("\n- check the tray");
  alga_test_keyboard_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  alga_test_wait_until (!alga_ticket_text_editor_get_editing (f->description), TIMEOUT_MS);

  json = alga_test_server_dup_ticket_json (f->server, f->ticket_id);
  g_assert_nonnull (strstr (json, "\\\"bold\\\":true"));
  g_assert_nonnull (strstr (json, "bulletListItem"));
  g_assert_nonnull (strstr (json, "check the tray"));
  g_assert_nonnull (strstr (json, "\"keep\":\"me\""));
  g_assert_nonnull (strstr (alga_ticket_get_description (f->ticket), "check the tray"));
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/ticket-text-editor/title", Fixture, NULL, fixture_set_up, test_title, fixture_tear_down);
  g_test_add ("/ticket-text-editor/description-keeps-formatting", Fixture, NULL, fixture_set_up,
              test_description_keeps_formatting, fixture_tear_down);
  return g_test_run ();
}
