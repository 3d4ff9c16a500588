/* test-comment-threads.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threads in the conversation, in a real window as a Technician: a reply typed under a comment
 * goes to the server as its reply and is shown under it, the reply can be corrected, another's
 * comment offers no edit, and a reaction is added and taken back.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-account.h"
#include "alga-comment-actions.h"
#include "alga-comment-row.h"
#include "alga-comment-thread.h"
#include "alga-test-credentials.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

typedef struct
{
  AlgaTestServer      *server;
  AlgaClient          *client;
  AlgaTestCredentials *credentials;
  AlgaDraftStore      *drafts;
  char                *draft_dir;
  AlgaAccount         *account;
  AlgaTicket          *ticket;
  char                *ticket_id;
  char                *root_id;
  GtkWindow           *window;
  AlgaCommentThread   *thread;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GtkWidget *overlay;
  GtkWidget *scroller;

  fixture->server = alga_test_server_new ();
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
  fixture->draft_dir = g_dir_make_tmp ("alga-threads-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->drafts = alga_draft_store_new (fixture->draft_dir);
  fixture->account = alga_account_new_for_client (fixture->client, alga_test_server_get_user_id (fixture->server),
                                                  NULL, fixture->drafts);

  fixture->ticket_id = alga_test_server_create_ticket (fixture->server, "Scanner offline",
                                                       alga_test_server_get_user_id (fixture->server));
  fixture->root_id = alga_test_server_add_comment (fixture->server, fixture->ticket_id,
                                                   "Has anyone restarted the scanner?", TRUE,
                                                   alga_test_server_get_other_user_id (fixture->server), NULL);
  alga_client_get_ticket_async (fixture->client, fixture->ticket_id, NULL, alga_test_store_result_cb, &result);
  fixture->ticket = alga_client_get_ticket_finish (fixture->client, alga_test_wait_for_result (&result, 30000), &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 700);
  overlay = adw_toast_overlay_new ();
  scroller = gtk_scrolled_window_new ();
  fixture->thread = g_object_new (ALGA_TYPE_COMMENT_THREAD,
                                  "account", fixture->account,
                                  "user-id", alga_test_server_get_user_id (fixture->server),
                                  "ticket", fixture->ticket,
                                  NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (fixture->thread));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scroller);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  alga_test_wait_until (g_list_model_get_n_items (alga_comment_thread_get_model (fixture->thread)) == 1, 30000);
}


static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->ticket);
  g_clear_object (&fixture->account);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->drafts), 30000);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->client), 30000);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
  remove_tree (fixture->draft_dir);
  g_free (fixture->draft_dir);
  g_free (fixture->ticket_id);
  g_free (fixture->root_id);
}

static AlgaCommentRow *
row_at (Fixture *fixture,
        guint    position)
{
  GtkWidget *list = alga_test_find_widget (GTK_WIDGET (fixture->thread), GTK_TYPE_LIST_BOX);

  return ALGA_COMMENT_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), position));
}

static AlgaCommentActions *
actions_at (Fixture *fixture,
            guint    position)
{
  return ALGA_COMMENT_ACTIONS (alga_test_find_widget (GTK_WIDGET (row_at (fixture, position)), ALGA_TYPE_COMMENT_ACTIONS));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && alga_test_shows_label (widget, label))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A reaction offered in the Add Reaction menu. */
static GtkWidget *
find_offer (GtkWidget  *widget,
            const char *emoji)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "add-reaction") &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), emoji) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_offer (child, emoji);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens the Add Reaction menu and chooses @emoji in it, as a click would. */
static void
choose_reaction (AlgaCommentActions *actions,
                 const char         *emoji)
{
  GtkWidget *menu = alga_test_find_widget (GTK_WIDGET (actions), GTK_TYPE_MENU_BUTTON);
  GtkWidget *offer = find_offer (GTK_WIDGET (actions), emoji);

  g_assert_nonnull (offer);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  alga_test_wait_until (gtk_widget_get_mapped (offer), 30000);
  gtk_widget_activate (offer);
  alga_test_wait_until (!gtk_widget_get_mapped (offer), 30000);
}

static const char *
comment_id_at (Fixture *fixture,
               guint    position)
{
  return alga_comment_get_comment_id (alga_comment_row_get_comment (row_at (fixture, position)));
}

static gboolean
server_text_is (Fixture    *fixture,
                const char *comment_id,
                const char *expected)
{
  g_autofree char *text = alga_test_server_dup_comment_text (fixture->server, comment_id);

  return g_strcmp0 (text, expected) == 0;
}

/* Reply from the keyboard, see it under the comment it answers, then correct it. */
static void
test_reply_and_edit (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *model = alga_comment_thread_get_model (fixture->thread);
  g_autofree char *reply_id = NULL;
  g_autofree char *parent = NULL;

  /* Another's comment: a reply, but no edit. */
  g_assert_nonnull (find_button (GTK_WIDGET (row_at (fixture, 0)), "Reply"));
  g_assert_null (find_button (GTK_WIDGET (row_at (fixture, 0)), "Edit"));

  alga_test_keyboard_focus_window (fixture->window);
  gtk_widget_activate (find_button (GTK_WIDGET (row_at (fixture, 0)), "Reply"));
  alga_test_wait_until (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (fixture->window))), 30000);
  alga_test_keyboard_type ("Yes, twice");
  alga_test_keyboard_press_accel ("<Control>Return");
  alga_test_wait_until (g_list_model_get_n_items (model) == 2 &&
                        alga_test_server_count_comments (fixture->server, fixture->ticket_id) == 2, 30000);
  g_assert_cmpstr (comment_id_at (fixture, 0), ==, fixture->root_id);
  reply_id = g_strdup (comment_id_at (fixture, 1));
  parent = alga_test_server_dup_comment_parent (fixture->server, reply_id);
  g_assert_cmpstr (parent, ==, fixture->root_id);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_at (fixture, 1)), "reply"));

  /* One's own reply offers an edit, which starts from its text. */
  alga_test_wait_until (find_button (GTK_WIDGET (row_at (fixture, 1)), "Edit") != NULL, 30000);
  gtk_widget_activate (find_button (GTK_WIDGET (row_at (fixture, 1)), "Edit"));
  alga_test_wait_until (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (fixture->window))), 30000);
  alga_test_keyboard_press_accel ("<Control>a");
  alga_test_keyboard_type ("Yes, three times");
  alga_test_keyboard_press_accel ("<Control>Return");
  alga_test_wait_until (server_text_is (fixture, reply_id, "Yes, three times"), 30000);
  alga_test_wait_until (g_list_model_get_n_items (model) == 2 && row_at (fixture, 1) != NULL &&
                        g_strcmp0 (alga_comment_get_text (alga_comment_row_get_comment (row_at (fixture, 1))),
                                   "Yes, three times") == 0, 30000);
}

/* A reaction is added with a click and taken back with another; the count follows. */
static void
test_react (Fixture       *fixture,
            gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  AlgaCommentActions *actions = actions_at (fixture, 0);
  gboolean mine = FALSE;

  choose_reaction (actions, "👍");
  alga_test_wait_until (alga_comment_actions_get_reaction (actions, "👍", &mine) == 1 && mine, 30000);
  g_assert_true (alga_test_server_has_reaction (fixture->server, fixture->root_id, me, "👍"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_button (GTK_WIDGET (actions), "👍 1"))));

  gtk_widget_activate (find_button (GTK_WIDGET (actions), "👍 1"));
  alga_test_wait_until (alga_comment_actions_get_reaction (actions, "👍", &mine) == 0 && !mine, 30000);
  g_assert_false (alga_test_server_has_reaction (fixture->server, fixture->root_id, me, "👍"));

  /* The next read of the conversation shows what the server has. */
  choose_reaction (actions, "🎉");
  alga_test_wait_until (alga_test_server_has_reaction (fixture->server, fixture->root_id, me, "🎉"), 30000);
  alga_comment_thread_reload (fixture->thread);
  alga_test_wait_until (actions_at (fixture, 0) != actions &&
                        alga_comment_actions_get_reaction (actions_at (fixture, 0), "🎉", &mine) == 1 && mine, 30000);
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/comment-threads/reply-and-edit", Fixture, NULL, fixture_set_up, test_reply_and_edit, fixture_tear_down);
  g_test_add ("/comment-threads/react", Fixture, NULL, fixture_set_up, test_react, fixture_tear_down);
  return g_test_run ();
}
