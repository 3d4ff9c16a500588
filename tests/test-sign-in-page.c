/* test-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in page driven through its own widgets, in a real window, against the test server
 * over loopback: the key sign-in, the checks made before any request, the browser sign-in
 * followed through the server's sign-in and hand-off pages, and the Community Edition.
 */

#include "config.h"

#include <adwaita.h>

#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-session.h"
#include "alga-sign-in-page.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-token-store-memory.h"

#define TIMEOUT_MS 20000

typedef struct
{
  AlgaTestServer *server;
  AlgaTokenStore *store;
  GSettings      *settings;
  GtkWindow      *window;
  AlgaSignInPage *page;
  AlgaSession    *session;
  guint           signed_in_count;
  guint           busy_changes;
  char           *launched_uri;
} Fixture;

static void
on_signed_in_cb (AlgaSignInPage *page,
                 AlgaSession    *session,
                 Fixture        *fixture)
{
  g_assert_true (ALGA_IS_SESSION (session));
  fixture->signed_in_count++;
  g_set_object (&fixture->session, session);
}

static gboolean
on_launch_uri_cb (AlgaSignInPage *page,
                  const char     *uri,
                  Fixture        *fixture)
{
  g_free (fixture->launched_uri);
  fixture->launched_uri = g_strdup (uri);
  return TRUE;
}

static void
on_busy_changed_cb (AlgaSignInPage *page,
                    GParamSpec     *pspec,
                    Fixture        *fixture)
{
  fixture->busy_changes++;
}

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "recent-servers");
  g_settings_reset (settings, "server-url");
}

static void
open_page (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 480, 720);
  fixture->page = ALGA_SIGN_IN_PAGE (alga_sign_in_page_new (fixture->store));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));

  g_signal_connect (fixture->page, "signed-in", G_CALLBACK (on_signed_in_cb), fixture);
  g_signal_connect (fixture->page, "launch-uri", G_CALLBACK (on_launch_uri_cb), fixture);
  g_signal_connect (fixture->page, "notify::busy", G_CALLBACK (on_busy_changed_cb), fixture);

  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  AlgaTestEdition edition = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new_full (1, 20, edition, 0, &error);
  g_assert_no_error (error);
  fixture->store = alga_token_store_memory_new ();
  fixture->settings = g_settings_new ("com.nineminds.AlgaPSA");
  reset_settings (fixture->settings);

  open_page (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &fixture->page);
  gtk_window_destroy (fixture->window);
  alga_test_wait_until (fixture->page == NULL, TIMEOUT_MS);

  g_clear_object (&fixture->session);
  g_free (fixture->launched_uri);
  reset_settings (fixture->settings);
  g_clear_object (&fixture->settings);
  g_assert_finalize_object (fixture->store);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
}

/* Template children, found by their id in the .ui file: the test sees what the user sees. */
static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                   ALGA_TYPE_SIGN_IN_PAGE, id);

  if (!GTK_IS_WIDGET (object))
    g_error ("No widget with the id %s", id);

  return GTK_WIDGET (object);
}

/* Visible on screen: itself and every ancestor up to the page, revealers included. */
static gboolean
shown (Fixture    *fixture,
       const char *id)
{
  GtkWidget *widget = find (fixture, id);

  for (; widget != NULL && widget != GTK_WIDGET (fixture->page);
       widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget))
        return FALSE;
      if (GTK_IS_REVEALER (widget) && !gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
        return FALSE;
      if (GTK_IS_STACK (widget))
        {
          GtkWidget *child = find (fixture, id);

          while (gtk_widget_get_parent (child) != widget)
            child = gtk_widget_get_parent (child);
          if (gtk_stack_get_visible_child (GTK_STACK (widget)) != child)
            return FALSE;
        }
    }

  return widget != NULL;
}

static const char *
step (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (find (fixture, "stack")));
}

static const char *
label_text (Fixture    *fixture,
            const char *id)
{
  return gtk_label_get_label (GTK_LABEL (find (fixture, id)));
}

static void
type_text (Fixture    *fixture,
           const char *id,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, id)), text);
}

static void
count_clicks_cb (GtkButton *button,
                 guint     *clicks)
{
  (*clicks)++;
}

/* Activates a button as the keyboard does (Space or Enter), which shows it pressed for a
 * moment before it emits clicked. */
static void
click (Fixture    *fixture,
       const char *id)
{
  GtkWidget *button = find (fixture, id);
  guint clicks = 0;
  gulong handler;

  g_assert_true (gtk_widget_is_sensitive (button));
  /* Only a button on screen can be pressed: wait out the step's transition. */
  alga_test_wait_until (gtk_widget_get_mapped (button), TIMEOUT_MS);
  handler = g_signal_connect (button, "clicked", G_CALLBACK (count_clicks_cb), &clicks);
  g_assert_true (gtk_widget_activate (button));
  alga_test_wait_until (clicks > 0, TIMEOUT_MS);
  g_signal_handler_disconnect (button, handler);
}

/* Enter in an entry row: its own text field is activated, as the keyboard does. */
static void
press_enter_in (Fixture    *fixture,
                const char *id)
{
  GtkWidget *row = find (fixture, id);
  GtkWidget *text = gtk_editable_get_delegate (GTK_EDITABLE (row)) != NULL
                    ? GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))) : NULL;

  g_assert_true (GTK_IS_TEXT (text));
  alga_test_wait_until (gtk_widget_get_mapped (text), TIMEOUT_MS);
  /* What GtkText's Enter binding emits. */
  g_signal_emit_by_name (text, "activate");
}

/* The sentence the page is meant to show for a code: the summary, with or without detail. */
static char *
summary_of (AlgaApiError code)
{
  g_autoptr(GError) error = g_error_new_literal (ALGA_API_ERROR, code, "");

  return alga_gui_error_message (error);
}

static void
continue_to_methods (Fixture *fixture)
{
  alga_sign_in_page_set_server_url (fixture->page, alga_test_server_get_url (fixture->server));
  click (fixture, "continue_button");
  g_assert_true (alga_sign_in_page_get_busy (fixture->page));
  alga_test_wait_until (!alga_sign_in_page_get_busy (fixture->page), TIMEOUT_MS);
  g_assert_false (shown (fixture, "url_error"));
  g_assert_cmpstr (step (fixture), ==, "methods");
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET",
                                                     "/api/v1/mobile/auth/capabilities"), ==, 1);
}

static void
assert_signed_in_as_technician (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  alga_test_wait_until (fixture->signed_in_count > 0, TIMEOUT_MS);
  g_assert_cmpuint (fixture->signed_in_count, ==, 1);
  g_assert_false (alga_sign_in_page_get_busy (fixture->page));
  g_assert_cmpstr (alga_session_get_user_id (fixture->session), ==,
                   alga_test_server_get_user_id (fixture->server));
  g_assert_cmpstr (alga_session_get_server_url (fixture->session), ==,
                   alga_test_server_get_url (fixture->server));

  /* Kept before the signal, so the store holds it already. */
  g_assert_cmpuint (alga_token_store_memory_get_count (ALGA_TOKEN_STORE_MEMORY (fixture->store)),
                    ==, 1);
  alga_token_store_load_async (fixture->store, alga_test_server_get_url (fixture->server), NULL,
                               alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, TIMEOUT_MS);
  bundle = alga_token_store_load_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  g_assert_cmpstr (alga_token_bundle_get_user_id (bundle), ==,
                   alga_test_server_get_user_id (fixture->server));

  /* The key leaves the page once it is kept. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "key_row"))), ==, "");
}

static void
test_key_sign_in (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const before[] = {
    "https://a.example.com", "https://b.example.com", alga_test_server_get_url (fixture->server),
    "https://c.example.com", "https://d.example.com", NULL
  };
  g_auto(GStrv) recent = NULL;

  g_settings_set_strv (fixture->settings, "recent-servers", before);

  continue_to_methods (fixture);

  /* Enterprise: the browser first, the key on request. */
  g_assert_true (shown (fixture, "browser_button"));
  g_assert_true (shown (fixture, "use_key_button"));
  g_assert_false (shown (fixture, "key_row"));
  g_assert_false (shown (fixture, "key_only_label"));
  g_assert_nonnull (strstr (label_text (fixture, "subtitle_label"), "127.0.0.1"));

  click (fixture, "use_key_button");
  g_assert_true (shown (fixture, "key_row"));
  g_assert_true (shown (fixture, "email_row"));
  g_assert_true (shown (fixture, "sign_in_button"));
  g_assert_false (shown (fixture, "use_key_button"));
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (fixture->window)))
                 && gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                            find (fixture, "key_row")));

  /* Pasted keys often come with white space around them. */
  {
    g_autofree char *pasted = g_strdup_printf ("  %s\n",
                                               alga_test_server_get_api_key (fixture->server));

    type_text (fixture, "key_row", pasted);
  }
  type_text (fixture, "email_row", alga_test_server_get_user_email (fixture->server));
  click (fixture, "sign_in_button");

  assert_signed_in_as_technician (fixture);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/users"),
                    ==, 1);

  /* Remembered first, once, at most five. */
  recent = g_settings_get_strv (fixture->settings, "recent-servers");
  g_assert_cmpuint (g_strv_length (recent), ==, 5);
  g_assert_cmpstr (recent[0], ==, alga_test_server_get_url (fixture->server));
  g_assert_cmpstr (recent[1], ==, "https://a.example.com");
  g_assert_cmpstr (recent[2], ==, "https://b.example.com");
  g_assert_cmpstr (recent[4], ==, "https://d.example.com");
  {
    g_autofree char *url = g_settings_get_string (fixture->settings, "server-url");

    g_assert_cmpstr (url, ==, alga_test_server_get_url (fixture->server));
  }
  g_assert_true (shown (fixture, "recent_button"));
  g_assert_cmpint (g_menu_model_get_n_items (
                     gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (find (fixture,
                                                                            "recent_button")))),
                   ==, 5);

  /* Ready for another account, on the server step. */
  g_assert_cmpstr (step (fixture), ==, "server");
}

static void
test_bad_input_makes_no_request (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *key = NULL;
  guint busy_changes;

  continue_to_methods (fixture);
  click (fixture, "use_key_button");
  alga_test_server_clear_requests (fixture->server);
  busy_changes = fixture->busy_changes;

  type_text (fixture, "key_row", "not-a-key");
  type_text (fixture, "email_row", alga_test_server_get_user_email (fixture->server));
  click (fixture, "sign_in_button");
  alga_test_wait_until (shown (fixture, "key_error"), 10000);
  /* A fixed time on purpose: no request leaves in it. */
  alga_test_spin (100);

  g_assert_true (shown (fixture, "key_error"));
  g_assert_nonnull (strstr (label_text (fixture, "key_error"), "64"));
  g_assert_false (shown (fixture, "email_error"));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, NULL, "*"), ==, 0);
  g_assert_cmpuint (fixture->busy_changes, ==, busy_changes);

  /* Typing again clears the message. */
  key = g_strnfill (64, 'a');
  type_text (fixture, "key_row", key);
  g_assert_false (shown (fixture, "key_error"));

  type_text (fixture, "email_row", "not an address");
  press_enter_in (fixture, "email_row");
  alga_test_wait_until (shown (fixture, "email_error"), 10000);
  /* A fixed time on purpose: no request leaves in it. */
  alga_test_spin (100);

  g_assert_true (shown (fixture, "email_error"));
  g_assert_false (shown (fixture, "key_error"));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, NULL, "*"), ==, 0);
  g_assert_cmpuint (fixture->busy_changes, ==, busy_changes);
  g_assert_cmpuint (fixture->signed_in_count, ==, 0);
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *key = g_strnfill (64, '0');

  continue_to_methods (fixture);
  click (fixture, "use_key_button");

  type_text (fixture, "key_row", key);
  type_text (fixture, "email_row", alga_test_server_get_user_email (fixture->server));
  press_enter_in (fixture, "email_row");
  g_assert_true (alga_sign_in_page_get_busy (fixture->page));
  alga_test_wait_until (!alga_sign_in_page_get_busy (fixture->page), TIMEOUT_MS);

  g_assert_true (shown (fixture, "key_error"));
  /* One sentence, not a summary with the same thing again in brackets. */
  g_assert_cmpstr (label_text (fixture, "key_error"), ==,
                   "This API key was not accepted. It may be mistyped, expired or deactivated.");
  g_assert_null (strstr (label_text (fixture, "key_error"), key));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/users"),
                    ==, 1);
  g_assert_cmpuint (fixture->signed_in_count, ==, 0);
  g_assert_cmpuint (alga_token_store_memory_get_count (ALGA_TOKEN_STORE_MEMORY (fixture->store)),
                    ==, 0);
  g_assert_cmpstr (step (fixture), ==, "methods");
}

/* The everyday user: a Technician's key may not list users. The page signs in all the same,
 * the user known from the key's own work and the e-mail checked on an assigned ticket. */
static void
test_technician_key (Fixture       *fixture,
                     gconstpointer  data)
{
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  continue_to_methods (fixture);
  /* Community Edition: the key is the only way in, offered at once. */
  g_assert_true (shown (fixture, "key_row"));

  type_text (fixture, "key_row", alga_test_server_get_api_key (fixture->server));
  type_text (fixture, "email_row", alga_test_server_get_user_email (fixture->server));
  press_enter_in (fixture, "email_row");

  assert_signed_in_as_technician (fixture);
  g_assert_cmpstr (alga_session_get_identity (fixture->session), ==, ALGA_IDENTITY_ASSIGNED_TICKET);
  g_assert_cmpstr (alga_session_get_user_email (fixture->session), ==,
                   alga_test_server_get_user_email (fixture->server));
  g_assert_nonnull (alga_session_get_user_name (fixture->session));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/users"), ==, 1);
  g_assert_false (shown (fixture, "sign_in_error"));
}

static AdwMessageDialog *
find_question (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Answers the question as the keyboard does: activating one of its buttons. */
static void
answer (AdwMessageDialog *question,
        const char       *label)
{
  GtkWidget *button = find_button_labelled (GTK_WIDGET (question), label);

  g_assert_nonnull (button);
  alga_test_wait_until (gtk_widget_get_mapped (button), TIMEOUT_MS);
  g_assert_true (gtk_widget_activate (button));
}

/* Takes every ticket of the demo technician away, so that only their time entries say who
 * they are. */
static void
give_my_tickets_away (Fixture *fixture)
{
  g_autoptr(SoupSession) http = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets?limit=100&assigned_to=%s",
                                          alga_test_server_get_url (fixture->server),
                                          alga_test_server_get_user_id (fixture->server));
  g_autoptr(AlgaTestResponse) mine = alga_test_http (http, "GET", url,
                                                     alga_test_server_get_api_key (fixture->server),
                                                     NULL, NULL);
  JsonArray *rows = json_node_get_array (alga_test_json_at (mine->json, "data"));
  const char *other = alga_test_server_get_other_user_id (fixture->server);

  g_assert_cmpuint (json_array_get_length (rows), >, 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_true (alga_test_server_assign_ticket (fixture->server,
                                                   json_object_get_string_member (json_array_get_object_element (rows, i), "ticket_id"),
                                                   other, other));
}

/* A technician with no ticket: the key's time entries name them, but no e-mail can be checked.
 * The page asks, in words, and signs in only on a yes. */
static void
test_technician_asked (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwMessageDialog *question;

  give_my_tickets_away (fixture);
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  continue_to_methods (fixture);
  /* Community Edition: the key is the only way in, offered at once. */
  g_assert_true (shown (fixture, "key_row"));
  type_text (fixture, "key_row", alga_test_server_get_api_key (fixture->server));
  type_text (fixture, "email_row", alga_test_server_get_user_email (fixture->server));

  /* No: nothing is kept, and the address can be corrected. */
  click (fixture, "sign_in_button");
  alga_test_wait_until ((question = find_question ()) != NULL, TIMEOUT_MS);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Is this key yours"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question),
                            alga_test_server_get_user_email (fixture->server)));
  g_assert_false (alga_sign_in_page_get_busy (fixture->page));
  answer (question, "_No");
  alga_test_wait_until (find_question () == NULL, TIMEOUT_MS);
  g_assert_cmpuint (fixture->signed_in_count, ==, 0);
  g_assert_cmpuint (alga_token_store_memory_get_count (ALGA_TOKEN_STORE_MEMORY (fixture->store)), ==, 0);

  /* Yes: signed in, and the account says how it was known. */
  click (fixture, "sign_in_button");
  alga_test_wait_until ((question = find_question ()) != NULL, TIMEOUT_MS);
  answer (question, "_Yes, It Is Mine");
  assert_signed_in_as_technician (fixture);
  g_assert_cmpstr (alga_session_get_identity (fixture->session), ==, ALGA_IDENTITY_OWN_WORK_CONFIRMED);
  g_assert_cmpstr (alga_session_get_user_email (fixture->session), ==,
                   alga_test_server_get_user_email (fixture->server));
}

static void
test_unknown_email (Fixture       *fixture,
                    gconstpointer  data)
{
  continue_to_methods (fixture);
  click (fixture, "use_key_button");

  type_text (fixture, "key_row", alga_test_server_get_api_key (fixture->server));
  type_text (fixture, "email_row", "nobody@example.com");
  click (fixture, "sign_in_button");
  alga_test_wait_until (!alga_sign_in_page_get_busy (fixture->page), TIMEOUT_MS);

  g_assert_true (shown (fixture, "email_error"));
  g_assert_nonnull (strstr (label_text (fixture, "email_error"), "nobody@example.com"));
  /* One sentence, and a true one: nothing "no longer exists on the server". */
  g_assert_null (strstr (label_text (fixture, "email_error"), "no longer exists"));
  g_assert_null (strstr (label_text (fixture, "email_error"), "("));
  g_assert_false (shown (fixture, "key_error"));
  g_assert_cmpuint (fixture->signed_in_count, ==, 0);
}


/* Tab from the key once landed on its show-text button, and the e-mail address typed next went
 * nowhere. Typed on the keyboard, the address reaches its field. */
static void
test_tab_from_key_to_email (Fixture       *fixture,
                            gconstpointer  data)
{
  continue_to_methods (fixture);
  g_assert_true (shown (fixture, "key_row"));
  alga_test_keyboard_focus_window (fixture->window);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         find (fixture, "key_row")));

  alga_test_keyboard_type ("alga_key_123");
  alga_test_keyboard_press (GDK_KEY_Tab, 0);
  alga_test_keyboard_type ("tin@oz.example");

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "email_row"))), ==,
                   "tin@oz.example");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "key_row"))), ==,
                   "alga_key_123");
}

/* On the key form, Sign In is the suggested button and what Enter presses, not the browser. */
static void
test_key_form_suggests_sign_in (Fixture       *fixture,
                                gconstpointer  data)
{
  continue_to_methods (fixture);
  g_assert_true (gtk_widget_has_css_class (find (fixture, "browser_button"), "suggested-action"));

  click (fixture, "use_key_button");
  g_assert_true (gtk_widget_has_css_class (find (fixture, "sign_in_button"), "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (find (fixture, "browser_button"), "suggested-action"));
  g_assert_true (gtk_window_get_default_widget (fixture->window) == find (fixture, "sign_in_button"));
}

/* An address where nothing listens: one sentence, with the host and the port that was tried. */
static void
test_unreachable_one_sentence (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  guint16 port;

  /* A port just freed: nothing answers there. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  alga_sign_in_page_set_server_url (fixture->page, url);
  click (fixture, "continue_button");
  alga_test_wait_until (!alga_sign_in_page_get_busy (fixture->page), TIMEOUT_MS);

  expected = g_strdup_printf ("Could not connect to 127.0.0.1 port %u (Connection refused). "
                              "Check the address, and that the server is running.", port);
  g_assert_true (shown (fixture, "url_error"));
  g_assert_cmpstr (label_text (fixture, "url_error"), ==, expected);
}


/* The README lists what is kept in GSettings; the schema and what a sign-in writes agree with
 * it, and no setting holds the key or who the user is (the keyring item does). */
static void
test_settings_as_documented (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *readme_path = g_build_filename (g_getenv ("ALGA_SOURCE_ROOT"), "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) documented = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (readme, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = strstr (lines[i], "GSettings `com.nineminds.AlgaPSA`:");

      if (!g_str_has_prefix (lines[i], "| settings |") || p == NULL)
        continue;
      for (p = strchr (p + strlen ("GSettings `com.nineminds.AlgaPSA`:"), '`'); p != NULL;
           p = strchr (p + 1, '`'))
        {
          const char *end = strchr (p + 1, '`');

          g_assert_nonnull (end);
          g_ptr_array_add (documented, g_strndup (p + 1, end - p - 1));
          p = end;
        }
    }
  g_assert_cmpuint (documented->len, >, 5);

  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_str_has_prefix (keys[i], "window-"))
      g_assert_true (g_ptr_array_find_with_equal_func (documented, keys[i], g_str_equal, NULL));
  for (guint i = 0; i < documented->len; i++)
    g_assert_true (g_settings_schema_has_key (schema, g_ptr_array_index (documented, i)));

  /* After a sign-in, no setting holds the key, the user's id or e-mail. */
  alga_sign_in_page_set_server_url (fixture->page, alga_test_server_get_url (fixture->server));
  alga_sign_in_page_sign_in_with_key (fixture->page, alga_test_server_get_api_key (fixture->server),
                                      alga_test_server_get_user_email (fixture->server));
  alga_test_wait_until (fixture->signed_in_count > 0, TIMEOUT_MS);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, alga_test_server_get_api_key (fixture->server)));
      g_assert_null (strstr (text, alga_test_server_get_user_id (fixture->server)));
      g_assert_null (strstr (text, alga_test_server_get_user_email (fixture->server)));
    }
}

static void
test_server_address_checks (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *insecure = summary_of (ALGA_API_ERROR_INSECURE);

  /* No scheme typed: https is meant. */
  type_text (fixture, "url_row", "  psa.example.com ");
  g_assert_cmpstr (alga_sign_in_page_get_server_url (fixture->page), ==,
                   "https://psa.example.com");
  type_text (fixture, "url_row", "localhost:8080");
  g_assert_cmpstr (alga_sign_in_page_get_server_url (fixture->page), ==,
                   "https://localhost:8080");

  /* Plain http to another machine is refused before anything is sent. */
  type_text (fixture, "url_row", "http://example.com");
  click (fixture, "continue_button");
  g_assert_false (alga_sign_in_page_get_busy (fixture->page));
  g_assert_cmpuint (fixture->busy_changes, ==, 0);
  g_assert_true (shown (fixture, "url_error"));
  g_assert_true (g_str_has_prefix (label_text (fixture, "url_error"), insecure));
  g_assert_cmpstr (step (fixture), ==, "server");

  /* Typing clears it; nonsense is refused in words too. */
  type_text (fixture, "url_row", "https://psa.example.com/some/path?x=1");
  g_assert_false (shown (fixture, "url_error"));
  press_enter_in (fixture, "url_row");
  g_assert_true (shown (fixture, "url_error"));
  g_assert_cmpuint (fixture->busy_changes, ==, 0);

  type_text (fixture, "url_row", "");
  click (fixture, "continue_button");
  g_assert_true (shown (fixture, "url_error"));
  g_assert_cmpuint (fixture->busy_changes, ==, 0);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, NULL, "*"), ==, 0);
}

/* Any web server answers the capabilities path with a page of its own. */
static void
test_not_an_alga_server (Fixture       *fixture,
                         gconstpointer  data)
{
  const AlgaTestFault fault = {
    .kind = ALGA_TEST_FAULT_STATUS,
    .status = 200,
    .body = "<html><body>Welcome to nginx!</body></html>",
    .content_type = "text/html",
  };

  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/mobile/auth/*", &fault);
  alga_sign_in_page_set_server_url (fixture->page, alga_test_server_get_url (fixture->server));
  click (fixture, "continue_button");
  alga_test_wait_until (!alga_sign_in_page_get_busy (fixture->page), TIMEOUT_MS);

  g_assert_cmpstr (step (fixture), ==, "server");
  g_assert_true (shown (fixture, "url_error"));
  g_assert_nonnull (strstr (label_text (fixture, "url_error"), "No Alga PSA server"));
}

/* A server from before the mobile sign-in has no capabilities route: keys only. */
static void
test_server_without_capabilities (Fixture       *fixture,
                                  gconstpointer  data)
{
  const AlgaTestFault fault = {
    .kind = ALGA_TEST_FAULT_STATUS,
    .status = 404,
    .body = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Not found\"}}",
  };

  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/mobile/auth/*", &fault);
  continue_to_methods (fixture);

  g_assert_false (shown (fixture, "browser_button"));
  g_assert_true (shown (fixture, "key_only_label"));
  g_assert_true (shown (fixture, "key_row"));
}

/* The browser: the sign-in page, which passes to the hand-off, which sends the browser to
 * alga://auth/callback. A SoupSession that does not follow redirects plays the browser. */
static char *
follow_in_browser (Fixture    *fixture,
                   const char *url)
{
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autofree char *next = g_strdup (url);

  for (guint hops = 0; hops < 5; hops++)
    {
      g_autoptr(AlgaTestResponse) response = NULL;
      const char *location;

      if (g_str_has_prefix (next, "alga:"))
        return g_steal_pointer (&next);

      response = alga_test_http (browser, "GET", next, NULL, NULL, NULL);
      g_assert_no_error (response->error);
      g_assert_cmpuint (response->status / 100, ==, 3);
      location = soup_message_headers_get_one (response->headers, "Location");
      g_assert_nonnull (location);
      g_free (next);
      next = g_strdup (location);
    }

  g_error ("The browser went round in circles");
}

static void
begin_browser_sign_in (Fixture *fixture)
{
  g_autofree char *prefix = NULL;

  continue_to_methods (fixture);
  g_assert_true (shown (fixture, "browser_button"));

  click (fixture, "browser_button");
  g_assert_nonnull (fixture->launched_uri);
  prefix = g_strdup_printf ("%s/auth/signin?callbackUrl=", alga_test_server_get_url (fixture->server));
  g_assert_true (g_str_has_prefix (fixture->launched_uri, prefix));

  g_assert_cmpstr (step (fixture), ==, "waiting");
  g_assert_true (shown (fixture, "cancel_button"));
  g_assert_false (shown (fixture, "launch_failed_box"));
}

static void
test_browser_sign_in (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *callback = NULL;

  /* Nothing begun: the callback is not for this page. */
  g_assert_false (alga_sign_in_page_handle_callback (fixture->page,
                                                     "alga://auth/callback?ott=x&state=y"));

  begin_browser_sign_in (fixture);
  callback = follow_in_browser (fixture, fixture->launched_uri);
  g_assert_true (g_str_has_prefix (callback, "alga://auth/callback?"));

  g_assert_true (alga_sign_in_page_handle_callback (fixture->page, callback));
  assert_signed_in_as_technician (fixture);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST",
                                                     "/api/v1/mobile/auth/exchange"), ==, 1);

  /* Used once: the same link again is not for this page any more. */
  g_assert_false (alga_sign_in_page_handle_callback (fixture->page, callback));
}

static void
test_browser_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *callback = NULL;

  begin_browser_sign_in (fixture);
  callback = follow_in_browser (fixture, fixture->launched_uri);

  click (fixture, "cancel_button");
  g_assert_cmpstr (step (fixture), ==, "methods");
  g_assert_false (alga_sign_in_page_handle_callback (fixture->page, callback));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST",
                                                     "/api/v1/mobile/auth/exchange"), ==, 0);

  /* Escape goes back a step more. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "sign-in.back", NULL));
  g_assert_cmpstr (step (fixture), ==, "server");
  g_assert_cmpuint (fixture->signed_in_count, ==, 0);
}

static void
test_browser_state_mismatch (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *summary = summary_of (ALGA_API_ERROR_STATE_MISMATCH);

  begin_browser_sign_in (fixture);
  g_assert_true (alga_sign_in_page_handle_callback (fixture->page,
                                                    "alga://auth/callback?ott=abc&state=forged"));
  alga_test_wait_until (!alga_sign_in_page_get_busy (fixture->page), TIMEOUT_MS);

  g_assert_cmpstr (step (fixture), ==, "methods");
  g_assert_true (shown (fixture, "browser_error"));
  g_assert_true (g_str_has_prefix (label_text (fixture, "browser_error"), summary));
  g_assert_true (shown (fixture, "browser_button"));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST",
                                                     "/api/v1/mobile/auth/exchange"), ==, 0);
  g_assert_cmpuint (fixture->signed_in_count, ==, 0);
}

/* The server said yes to the browser, then refused the exchange: only the key is left. */
static void
test_browser_unsupported (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *callback = NULL;

  begin_browser_sign_in (fixture);
  callback = follow_in_browser (fixture, fixture->launched_uri);
  alga_test_server_set_edition (fixture->server, ALGA_TEST_EDITION_COMMUNITY);

  g_assert_true (alga_sign_in_page_handle_callback (fixture->page, callback));
  alga_test_wait_until (!alga_sign_in_page_get_busy (fixture->page), TIMEOUT_MS);

  g_assert_cmpstr (step (fixture), ==, "methods");
  g_assert_true (shown (fixture, "browser_error"));
  /* What to do, said once. */
  g_assert_true (g_str_has_prefix (label_text (fixture, "browser_error"),
                                   "This server does not offer sign-in through the browser"));
  g_assert_null (strstr (label_text (fixture, "browser_error"), "does not offer browser sign-in"));
  g_assert_false (shown (fixture, "browser_button"));
  g_assert_true (shown (fixture, "key_row"));
  g_assert_true (shown (fixture, "key_only_label"));
  g_assert_cmpuint (fixture->signed_in_count, ==, 0);
}

static void
test_community_edition (Fixture       *fixture,
                        gconstpointer  data)
{
  continue_to_methods (fixture);

  g_assert_false (shown (fixture, "browser_button"));
  g_assert_false (shown (fixture, "use_key_button"));
  g_assert_true (shown (fixture, "key_only_label"));
  g_assert_true (shown (fixture, "key_row"));
  g_assert_true (shown (fixture, "email_row"));
  g_assert_true (shown (fixture, "key_help_button"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         find (fixture, "key_row")));

  /* What the application does with ALGA_API_KEY and ALGA_USER_EMAIL. */
  alga_sign_in_page_sign_in_with_key (fixture->page,
                                      alga_test_server_get_api_key (fixture->server),
                                      alga_test_server_get_user_email (fixture->server));
  assert_signed_in_as_technician (fixture);
}

/* The application's path: no Continue pressed, the key given straight away. */
static void
test_key_from_application (Fixture       *fixture,
                           gconstpointer  data)
{
  alga_sign_in_page_set_server_url (fixture->page, alga_test_server_get_url (fixture->server));
  alga_sign_in_page_sign_in_with_key (fixture->page,
                                      alga_test_server_get_api_key (fixture->server),
                                      alga_test_server_get_user_email (fixture->server));
  g_assert_true (alga_sign_in_page_get_busy (fixture->page));
  assert_signed_in_as_technician (fixture);
}

static void
test_prefill_from_settings (Fixture       *fixture,
                            gconstpointer  data)
{
  const char * const recent[] = { "https://psa.example.com", NULL };

  g_settings_set_string (fixture->settings, "server-url", "https://psa.example.com");
  g_settings_set_strv (fixture->settings, "recent-servers", recent);
  gtk_window_destroy (fixture->window);
  open_page (fixture);

  g_assert_cmpstr (alga_sign_in_page_get_server_url (fixture->page), ==,
                   "https://psa.example.com");
  g_assert_true (shown (fixture, "recent_button"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         find (fixture, "url_row")));
}

static void
assert_label (Fixture    *fixture,
              const char *id,
              const char *label)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find (fixture, id)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  assert_label (fixture, "url_row", "Server address");
  assert_label (fixture, "recent_button", "Recent servers");
  assert_label (fixture, "continue_button", "Continue");
  assert_label (fixture, "back_button", "Back");
  assert_label (fixture, "browser_button", "Sign in with browser");
  assert_label (fixture, "use_key_button", "Use an API key");
  assert_label (fixture, "key_row", "API key");
  assert_label (fixture, "email_row", "Your e-mail address");
  assert_label (fixture, "key_help_button", "Where do I get a key?");
  assert_label (fixture, "sign_in_button", "Sign in with API key");
  assert_label (fixture, "cancel_button", "Cancel browser sign-in");
  assert_label (fixture, "copy_url_button", "Copy sign-in address");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (find (fixture, "continue_button")),
                                   GTK_ACCESSIBLE_ROLE_BUTTON);
}

/* Every step fits a 360 px wide window. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  const char * const steps[] = { "server", "methods", "waiting" };
  int minimum;

  continue_to_methods (fixture);
  click (fixture, "use_key_button");
  gtk_widget_set_visible (find (fixture, "launch_failed_box"), TRUE);
  gtk_label_set_label (GTK_LABEL (find (fixture, "sign_in_url_label")),
                       "https://psa.example.com/auth/signin?callbackUrl=a-very-long-address");

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (find (fixture, "stack")), steps[i]);
      /* While the crossfade runs, the stack asks for the width the old step had. */
      alga_test_wait_until (!gtk_stack_get_transition_running (GTK_STACK (find (fixture, "stack"))),
                            TIMEOUT_MS);
      gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      g_test_message ("%s: %d px", steps[i], minimum);
      g_assert_cmpint (minimum, <=, 360);

      gtk_window_set_default_size (fixture->window, 360, 640);
      alga_test_wait_until (gtk_widget_get_width (GTK_WIDGET (fixture->window)) <= 360,
                            TIMEOUT_MS);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->page)), <=, 360);
    }
}

int
main (int   argc,
      char *argv[])
{
  gconstpointer enterprise = GINT_TO_POINTER (ALGA_TEST_EDITION_ENTERPRISE);
  gconstpointer community = GINT_TO_POINTER (ALGA_TEST_EDITION_COMMUNITY);

  alga_test_gtk_init (&argc, &argv);

#define ADD(path, edition, func) \
  g_test_add ("/sign-in-page/" path, Fixture, edition, fixture_set_up, func, fixture_tear_down)

  ADD ("key", enterprise, test_key_sign_in);
  ADD ("key/bad-input", enterprise, test_bad_input_makes_no_request);
  ADD ("key/wrong-key", enterprise, test_wrong_key);
  ADD ("key/unknown-email", enterprise, test_unknown_email);
  ADD ("key/tab-to-email", community, test_tab_from_key_to_email);
  ADD ("key/sign-in-suggested", enterprise, test_key_form_suggests_sign_in);
  ADD ("server/unreachable", enterprise, test_unreachable_one_sentence);
  ADD ("settings-as-documented", community, test_settings_as_documented);
  ADD ("key/technician", community, test_technician_key);
  ADD ("key/technician-asked", community, test_technician_asked);
  ADD ("key/from-application", enterprise, test_key_from_application);
  ADD ("server/address-checks", enterprise, test_server_address_checks);
  ADD ("server/not-alga", enterprise, test_not_an_alga_server);
  ADD ("server/no-capabilities", enterprise, test_server_without_capabilities);
  ADD ("server/prefill", enterprise, test_prefill_from_settings);
  ADD ("browser", enterprise, test_browser_sign_in);
  ADD ("browser/cancel", enterprise, test_browser_cancel);
  ADD ("browser/state-mismatch", enterprise, test_browser_state_mismatch);
  ADD ("browser/unsupported", enterprise, test_browser_unsupported);
  ADD ("community", community, test_community_edition);
  ADD ("accessible", enterprise, test_accessible);
  ADD ("narrow", enterprise, test_narrow);

#undef ADD

  return g_test_run ();
}
