/* alga-screenshots.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes the screenshots of data/screenshots/: the real window, on the demo server's seeded data,
 * driven through its actions and rendered to PNG with the window's own renderer. Run it through
 * `build-aux/dev screenshots`, which provides the display and the session bus.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alga-account.h"
#include "alga-application.h"
#include "alga-composer.h"
#include "alga-sign-in-page.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-view.h"
#include "alga-token-store-memory.h"
#include "alga-window.h"

#define WIDTH 1280
#define HEIGHT 760

static char *output_dir;

static void
spin (guint ms)
{
  alga_test_spin (ms);
}

static void
save_png (GtkWidget  *widget,
          const char *name,
          gboolean    dark)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  file = g_strdup_printf ("%s%s.png", name, dark ? "-dark" : "");
  path = g_build_filename (output_dir, file, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s (%d×%d)\n", path, width, height);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The detail pane's own scrolled window: the tallest one showing. */
static GtkScrolledWindow *
find_main_scrolled_window (GtkWidget *widget,
                           GtkScrolledWindow *best)
{
  GtkWidget *child;

  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget)
      && (best == NULL || gtk_widget_get_height (widget) > gtk_widget_get_height (GTK_WIDGET (best))))
    best = GTK_SCROLLED_WINDOW (widget);

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    best = find_main_scrolled_window (child, best);

  return best;
}

/* The seeded ticket among the first loaded ones with the longest conversation, so that the
 * comment shot shows a thread (with BlockNote, markdown and plain bodies) rather than one note. */
static const char *
pick_ticket_with_comments (AlgaTicketList *model,
                           AlgaTestServer *server)
{
  const char *best = NULL;
  guint best_count = 0;
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (model)), 12);
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *id = alga_ticket_get_ticket_id (ticket);
      guint count = alga_test_server_count_comments (server, id);

      if (count > best_count)
        {
          best = id;
          best_count = count;
        }
    }

  return best;
}

static void
type_text (GtkWidget  *root,
           const char *text)
{
  GtkWidget *view = find_descendant (root, GTK_TYPE_TEXT_VIEW);

  if (view == NULL)
    g_error ("No text view to type into");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static GtkWindow *
find_other_window (GtkWindow *main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint i;

  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != main_window && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
take_all (AlgaApplication *app,
          AlgaTestServer  *server,
          gboolean         dark)
{
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaSession) session = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketListView *list_view;
  AlgaTicketView *ticket_view;
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adj;
  GtkWidget *sign_in_page;
  GtkWindow *dialog;
  AlgaWindow *window;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  client = alga_client_new (alga_test_server_get_url (server), &error);
  g_assert_no_error (error);
  bundle = alga_token_bundle_new (alga_test_server_get_url (server),
                                  alga_test_server_get_user_id (server),
                                  alga_test_server_get_user_email (server),
                                  NULL,
                                  alga_test_server_get_tenant_id (server),
                                  alga_test_server_get_api_key (server),
                                  NULL, NULL);
  session = alga_session_new (client, store, bundle);

  window = alga_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  {
    g_autoptr(AlgaAccount) account = alga_account_new (session);

    alga_window_set_account (window, account);
  }

  /* The list with a ticket open. */
  list_view = alga_window_get_ticket_list_view (window);
  alga_test_wait_until (alga_ticket_list_view_get_model (list_view) != NULL
                        && g_list_model_get_n_items (G_LIST_MODEL (alga_ticket_list_view_get_model (list_view))) > 3,
                        10000);
  if (!alga_ticket_list_view_select_ticket_id (list_view,
                                               pick_ticket_with_comments (alga_ticket_list_view_get_model (list_view),
                                                                          server)))
    g_error ("The ticket with comments is not in the list");
  spin (2500);
  save_png (GTK_WIDGET (window), "list-and-detail", dark);

  /* The comment thread and the composer, at the end of the detail pane. */
  ticket_view = ALGA_TICKET_VIEW (find_descendant (GTK_WIDGET (window), ALGA_TYPE_TICKET_VIEW));
  scrolled = find_main_scrolled_window (GTK_WIDGET (ticket_view), NULL);
  /* A reply being written, so the composer is not an empty box. */
  type_text (find_descendant (GTK_WIDGET (ticket_view), ALGA_TYPE_COMPOSER),
             "Applied the fix and tested it together with the user. I will close this ticket once "
             "you confirm that it works on your side.");
  adj = gtk_scrolled_window_get_vadjustment (scrolled);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  spin (800);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  spin (800);
  save_png (GTK_WIDGET (window), "comments", dark);

  /* The time entry dialog. */
  gtk_widget_activate_action (GTK_WIDGET (ticket_view), "ticket.log-time", NULL);
  alga_test_wait_until ((dialog = find_other_window (GTK_WINDOW (window))) != NULL, 5000);
  spin (1500);
  /* Position 0 is the "Choose a service" placeholder. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW)), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON)),
                             45);
  type_text (GTK_WIDGET (dialog), "Remote session: read the logs, applied the fix, tested with the user.");
  spin (500);
  save_png (GTK_WIDGET (dialog), "time-entry", dark);
  gtk_window_destroy (dialog);

  /* Offline: the server is gone; the list and the ticket read last come from the
   * cache, with the banner and the pane saying so. */
  {
    const AlgaTestFault drop = { .kind = ALGA_TEST_FAULT_DROP };
    AlgaTicketList *model = alga_ticket_list_view_get_model (list_view);
    g_autoptr(AlgaTicket) other = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autofree char *shown_id = g_strdup (alga_ticket_get_ticket_id (alga_ticket_view_get_ticket (ticket_view)));

    alga_client_set_retry_policy (client, 1, 10);
    alga_test_server_add_fault (server, NULL, "/api/v1/*", &drop);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
    spin (1500);
    alga_ticket_list_view_select_ticket_id (list_view, alga_ticket_get_ticket_id (other));
    spin (500);
    alga_ticket_list_view_select_ticket_id (list_view, shown_id);
    spin (2000);
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                                find_main_scrolled_window (GTK_WIDGET (ticket_view), NULL)), 0);
    spin (800);
    save_png (GTK_WIDGET (window), "offline", dark);
    alga_test_server_clear_faults (server);
  }

  /* The sign-in page, as a newcomer meets it. */
  sign_in_page = alga_sign_in_page_new (store);
  alga_sign_in_page_set_server_url (ALGA_SIGN_IN_PAGE (sign_in_page), "psa.example.com");
  alga_window_set_sign_in_page (window, sign_in_page);
  alga_window_set_account (window, NULL);
  spin (1000);
  save_png (GTK_WIDGET (window), "sign-in", dark);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (200);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AlgaTestServer) server = NULL;
  g_autoptr(AlgaApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch_home = NULL;
  static const char *xdg_vars[] = {
    "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME",
  };
  guint i;

  setlocale (LC_ALL, "");
  /* ALGA_LOCALEDIR=<build>/po shows the translations of an uninstalled build (LANGUAGE=de). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ALGA_LOCALEDIR") != NULL ? g_getenv ("ALGA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT-DIRECTORY\n", argv[0]);
      return 2;
    }
  output_dir = argv[1];
  g_mkdir_with_parents (output_dir, 0755);

  /* The app keeps drafts, its cache and watcher state under the XDG directories: the typed draft
   * and the demo data must not land in the real ones of whoever makes the screenshots. */
  scratch_home = g_dir_make_tmp ("alga-screenshots.XXXXXX", &error);
  g_assert_no_error (error);
  for (i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    {
      g_autofree char *dir = g_build_filename (scratch_home, xdg_vars[i], NULL);

      g_setenv (xdg_vars[i], dir, TRUE);
    }

  gtk_init ();
  adw_init ();

  server = alga_test_server_new ();

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  take_all (app, server, FALSE);
  take_all (app, server, TRUE);

  g_clear_object (&app);
  remove_tree (scratch_home);

  return 0;
}
