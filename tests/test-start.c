/* test-start.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the real application starts (docs/PERFORMANCE.md, Starting). With an account in the
 * keyring its first window shows the account's tickets from the moment it is mapped, never a
 * page of its own or the sign-in page first, and no sign-in page is made at all; without one the
 * first window shows the sign-in page. The keyring is the real one of build-aux/dev test
 * (skipped without one, unless ALGA_REQUIRE_KEYRING is set).
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "alga-application.h"
#include "alga-cache.h"
#include "alga-sign-in-page.h"
#include "alga-test-gtk.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-list-view.h"
#include "alga-ticket-view.h"
#include "alga-token-store-secret.h"
#include "alga-window.h"

/* libsecret 0.20.5 (Debian 12) leaks per returned item; see test-token-store-secret.c. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:secret_item_new_for_dbus_path\n";
}

typedef struct
{
  AlgaTestServer *server;
  GApplication *app;
  AlgaWindow   *window;
  gboolean      mapped;
  gboolean      session_at_map;
  gboolean      sign_in_page_at_map;
  gboolean      ticket_pane_at_map;
  gboolean      ticket_pane_follows;
  const char   *page_at_map;
  GString      *pages;        /* the main pages shown from the first map on, in order */
  gboolean      rows_shown;
  gboolean      rows_painted;
  guint         list_requests_at_rows;
  GObject      *list_model;   /* weak */
  gint64        rows_arrived_at;
  gint64        rows_painted_at;
  guint         deferred_requests_at_rows;
  gboolean      counts_shown;
  char         *settings_stamp;  /* the settings file as the app found it */
  gboolean      settings_written; /* by the app before its first rows were painted */
  gboolean      quit_sent;
  guint         ticks;
} Run;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else if (g_unlink (child) != 0)
        g_printerr ("Could not remove %s: %s\n", child, g_strerror (errno));
    }
  g_rmdir (path);
}

/* The page of the window's main stack: the one GtkStack whose pages are named so. */
static const char *
main_page (AlgaWindow *window)
{
  GtkWidget *stack = alga_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK);

  while (stack != NULL && gtk_stack_get_child_by_name (GTK_STACK (stack), "tickets") == NULL)
    stack = alga_test_find_widget (gtk_stack_get_visible_child (GTK_STACK (stack)), GTK_TYPE_STACK);
  g_assert_nonnull (stack);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
note_page (Run        *run,
           const char *page)
{
  if (run->pages->len > 0)
    g_string_append_c (run->pages, ' ');
  g_string_append (run->pages, page);
}

static void
on_main_page_changed_cb (GtkStack   *stack,
                         GParamSpec *pspec,
                         Run        *run)
{
  if (run->mapped)
    note_page (run, gtk_stack_get_visible_child_name (stack));
}

static void
on_window_map_cb (GtkWidget *widget,
                  Run       *run)
{
  GtkWidget *page;

  if (run->mapped)
    return;

  run->mapped = TRUE;
  run->session_at_map = alga_window_get_account (run->window) != NULL;
  page = alga_test_find_widget (widget, ALGA_TYPE_SIGN_IN_PAGE);
  run->sign_in_page_at_map = page != NULL && gtk_widget_get_mapped (page);
  run->page_at_map = g_intern_string (main_page (run->window));
  note_page (run, run->page_at_map);
  page = alga_test_find_widget (widget, ALGA_TYPE_TICKET_VIEW);
  run->ticket_pane_at_map = page != NULL && gtk_widget_get_visible (page);
}

static guint
count_rows (Run *run)
{
  AlgaTicketList *tickets = alga_ticket_list_view_get_model (alga_window_get_ticket_list_view (run->window));

  return tickets != NULL ? g_list_model_get_n_items (G_LIST_MODEL (tickets)) : 0;
}

/* Which file the settings are in: GSettings' keyfile backend writes a new one and renames it
 * over the old at every set, an unchanged value too. */
static char *
settings_file_stamp (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                            "keyfile", NULL);
  struct stat info;

  if (stat (path, &info) != 0)
    return g_strdup ("none");

  return g_strdup_printf ("%ju %jd.%09ld", (uintmax_t) info.st_ino, (intmax_t) info.st_ctim.tv_sec,
                          info.st_ctim.tv_nsec);
}

/* Rows exist before layout, so the frame after which they are there drew them. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   Run           *run)
{
  if (run->rows_painted || run->window == NULL || count_rows (run) == 0)
    return;

  run->rows_painted = TRUE;
  run->rows_painted_at = g_get_monotonic_time ();
  {
    g_autofree char *stamp = settings_file_stamp ();

    run->settings_written = g_strcmp0 (stamp, run->settings_stamp) != 0;
  }
  /* The list's page and the sidebar's one-ticket counts share a path. */
  run->list_requests_at_rows = alga_test_server_count_requests (run->server, "GET",
                                                                "/api/v1/tickets");
  run->deferred_requests_at_rows =
    alga_test_server_count_requests (run->server, NULL, "/api/v1/tickets/stats") +
    alga_test_server_count_requests (run->server, NULL, "/api/v1/tickets/statuses") +
    alga_test_server_count_requests (run->server, NULL, "/api/v1/priorities") +
    alga_test_server_count_requests (run->server, NULL, "/api/v1/boards");
}

static void
on_window_realize_cb (GtkWidget *widget,
                      Run       *run)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_after_paint_cb), run);
}

static void
on_list_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Run        *run)
{
  if (run->rows_arrived_at == 0 && g_list_model_get_n_items (model) > 0)
    run->rows_arrived_at = g_get_monotonic_time ();
}

static void
on_list_model_cb (AlgaTicketListView *list_view,
                  GParamSpec         *pspec,
                  Run                *run)
{
  GObject *model = G_OBJECT (alga_ticket_list_view_get_model (list_view));

  if (model == run->list_model)
    return;
  if (run->list_model != NULL)
    {
      g_signal_handlers_disconnect_by_data (run->list_model, run);
      g_object_remove_weak_pointer (run->list_model, (gpointer *) &run->list_model);
    }
  run->list_model = model;
  if (model != NULL)
    {
      g_object_add_weak_pointer (model, (gpointer *) &run->list_model);
      g_signal_connect (model, "items-changed", G_CALLBACK (on_list_items_changed_cb), run);
      on_list_items_changed_cb (G_LIST_MODEL (model), 0, 0, 0, run);
    }
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Run            *run)
{
  GtkWidget *stack;

  g_assert_null (run->window);
  g_assert_true (ALGA_IS_WINDOW (window));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));

  run->window = ALGA_WINDOW (window);
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), run);
  stack = alga_test_find_widget (GTK_WIDGET (window), GTK_TYPE_STACK);
  g_signal_connect (stack, "notify::visible-child-name", G_CALLBACK (on_main_page_changed_cb), run);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), run);
  g_signal_connect (alga_window_get_ticket_list_view (run->window), "notify::model",
                    G_CALLBACK (on_list_model_cb), run);
  on_list_model_cb (alga_window_get_ticket_list_view (run->window), NULL, run);
}

static gboolean
step_cb (gpointer user_data)
{
  Run *run = user_data;
  run->ticks++;
  g_assert_cmpuint (run->ticks, <, 1200);

  if (!run->mapped)
    return G_SOURCE_CONTINUE;

  if (alga_window_get_account (run->window) == NULL)
    {
      /* Still asking the keyring, or nobody is kept. */
      if (!g_str_equal (main_page (run->window), "sign-in"))
        return G_SOURCE_CONTINUE;
    }
  else
    {
      /* The sidebar's counts come after the first page is painted. */
      if (!run->rows_painted || alga_window_get_view_count (run->window, ALGA_VIEW_UNASSIGNED) < 0)
        return G_SOURCE_CONTINUE;
      run->rows_shown = count_rows (run) > 0;
      run->counts_shown = TRUE;

      /* The ticket pane appears with the first ticket selected. */
      {
        AlgaTicketListView *list_view = alga_window_get_ticket_list_view (run->window);
        GtkWidget *pane;
        AlgaTicket *ticket;

        alga_ticket_list_view_move_selection (list_view, 1);
        ticket = alga_ticket_list_view_get_selected_ticket (list_view);
        pane = alga_test_find_widget (GTK_WIDGET (run->window), ALGA_TYPE_TICKET_VIEW);
        run->ticket_pane_follows = ticket != NULL && pane != NULL && gtk_widget_get_visible (pane)
                                   && alga_ticket_view_get_ticket (ALGA_TICKET_VIEW (pane)) == ticket;
      }
    }

  run->quit_sent = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
run_application (Run        *run,
                 const char *server_url)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(AlgaApplication) app = alga_application_new ();
  char *argv[] = { (char *) "alga-desktop", NULL };
  int status;

  g_settings_set_string (settings, "server-url", server_url);
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_settings_set_boolean (settings, "show-tray-icon", FALSE);
  g_settings_sync ();
  run->settings_stamp = settings_file_stamp ();

  g_application_set_application_id (G_APPLICATION (app), BASE_APP_ID ".Test.Start");
  run->pages = g_string_new (NULL);
  run->app = G_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), run);

  g_timeout_add (25, step_cb, run);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run->quit_sent);

  if (run->list_model != NULL)
    {
      g_signal_handlers_disconnect_by_data (run->list_model, run);
      g_object_remove_weak_pointer (run->list_model, (gpointer *) &run->list_model);
      run->list_model = NULL;
    }
  if (run->window != NULL)
    g_signal_handlers_disconnect_by_data (alga_window_get_ticket_list_view (run->window), run);
  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  run->app = NULL;
  run->window = NULL;
}

static void
delete_account (AlgaTestServer *server)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_secret_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_token_store_delete_async (store, alga_test_server_get_url (server),
                                 alga_test_server_get_user_id (server), NULL,
                                 alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  alga_token_store_delete_finish (store, result, &error);
  g_assert_no_error (error);

  alga_cache_delete_for_account (alga_test_server_get_url (server),
                                 alga_test_server_get_user_id (server), &error);
  g_assert_no_error (error);
}

/* Signed in: the first window is mapped with the session set and the list page shown. */
static void
test_stored_account (void)
{
  g_autoptr(AlgaTestServer) server = alga_test_server_new ();
  g_autoptr(AlgaTokenStore) store = alga_token_store_secret_new ();
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0, };

  bundle = alga_token_bundle_new (alga_test_server_get_url (server),
                                  alga_test_server_get_user_id (server),
                                  alga_test_server_get_user_email (server), NULL,
                                  alga_test_server_get_tenant_id (server),
                                  alga_test_server_get_api_key (server), NULL, NULL);
  alga_token_store_save_async (store, bundle, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  alga_token_store_save_finish (store, result, &error);
  g_assert_no_error (error);

  run.server = server;
  alga_test_server_clear_requests (server);
  run_application (&run, alga_test_server_get_url (server));
  delete_account (server);

  /* The window waits for the keyring (150 ms at most: a slow one, as under sanitizers, gets the
   * starting page first), and never shows the sign-in page. */
  g_test_message ("Pages shown: %s", run.pages->str);
  g_assert_true (run.mapped);
  if (g_str_equal (run.page_at_map, "tickets"))
    g_assert_true (run.session_at_map);
  else
    g_assert_cmpstr (run.page_at_map, ==, "starting");
  g_assert_true (g_str_has_suffix (run.pages->str, "tickets"));
  g_assert_null (strstr (run.pages->str, "sign-in"));
  g_assert_false (run.sign_in_page_at_map);
  /* Not laid out nor drawn for the first frame: a status page stands in for it. */
  g_assert_false (run.ticket_pane_at_map);
  g_assert_true (run.ticket_pane_follows);
  g_assert_true (run.rows_shown);
  /* Until the first page is painted, the list's own request is its only one: no counts, no
   * filter data. */
  g_assert_true (run.rows_painted);
  g_assert_cmpint (run.rows_arrived_at, >, 0);
  /* Restoring the server, the view and the list's order writes nothing back: with the keyfile
   * backend each write is a new file and an fsync on the main thread. */
  g_assert_false (run.settings_written);
  g_test_message ("First rows painted %.0f ms after they arrived",
                  (run.rows_painted_at - run.rows_arrived_at) / 1000.0);
  /* The window also loads them after a second without a frame (a frozen frame clock), and its
   * one-second timer may fire a quarter of a second early: on a machine so busy that the
   * first frame came that late, the counts may rightly have gone first. */
  if (run.rows_painted_at - run.rows_arrived_at < 700 * G_TIME_SPAN_MILLISECOND)
    {
      g_assert_cmpuint (run.list_requests_at_rows, ==, 1);
      g_assert_cmpuint (run.deferred_requests_at_rows, ==, 0);
    }
  else
    {
      g_assert_cmpuint (run.list_requests_at_rows, >=, 1);
    }
  g_assert_true (run.counts_shown);
  g_string_free (run.pages, TRUE);
  g_free (run.settings_stamp);
}

/* Nobody kept: the first window shows the sign-in page. */
static void
test_no_account (void)
{
  g_autoptr(AlgaTestServer) server = alga_test_server_new ();
  Run run = { 0, };

  run.server = server;
  run_application (&run, alga_test_server_get_url (server));

  g_test_message ("Pages shown: %s", run.pages->str);
  g_assert_true (run.mapped);
  g_assert_false (run.session_at_map);
  if (g_str_equal (run.page_at_map, "sign-in"))
    g_assert_true (run.sign_in_page_at_map);
  else
    g_assert_cmpstr (run.page_at_map, ==, "starting");
  g_assert_true (g_str_has_suffix (run.pages->str, "sign-in"));
  g_assert_null (strstr (run.pages->str, "tickets"));
  g_string_free (run.pages, TRUE);
  g_free (run.settings_stamp);
}

static gboolean
secret_service_reachable (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **names = NULL;

  if (bus == NULL)
    return FALSE;

  owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, NULL);
  if (owner != NULL)
    return TRUE;

  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                             "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                             "ListActivatableNames", NULL,
                                             G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                                             5000, NULL, NULL);
  if (activatable == NULL)
    return FALSE;

  g_variant_get (activatable, "(^a&s)", &names);
  return g_strv_contains (names, "org.freedesktop.secrets");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("ALGA_TOKEN_STORE");
  g_unsetenv ("ALGA_API_KEY");

  /* The cache and drafts of these runs go to a folder of their own. */
  home = g_dir_make_tmp ("test-start-XXXXXX", NULL);
  g_assert_nonnull (home);
  cache = g_build_filename (home, "cache", NULL);
  data = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  /* The settings in a file, as in a Flatpak, where each write costs (see settings_file_stamp). */
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);

  if (!gtk_init_check ())
    {
      if (g_getenv ("ALGA_REQUIRE_DISPLAY") != NULL)
        g_error ("No display, although ALGA_REQUIRE_DISPLAY is set");
      printf ("1..0 # SKIP No display\n");
      remove_tree (home);
      return 0;
    }
  if (!secret_service_reachable ())
    {
      if (g_getenv ("ALGA_REQUIRE_KEYRING") != NULL)
        g_error ("The keyring is required (ALGA_REQUIRE_KEYRING) but not on the session bus");
      printf ("1..0 # SKIP No Secret Service on the session bus\n");
      remove_tree (home);
      return 0;
    }
  adw_init ();

  g_test_add_func ("/start/stored-account", test_stored_account);
  g_test_add_func ("/start/no-account", test_no_account);

  status = g_test_run ();
  remove_tree (home);

  return status;
}
