/* test-window-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local cache as a technician meets it, in the real window against the test
 * server: the saved list shown at once and marked as saved while the server is slow, the
 * selection kept through the refresh, the offline banner and its Retry, a corrupt database
 * rebuilt without a crash; and, in the real program, signing out deletes the account's cache.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "alga-account.h"
#include "alga-application.h"
#include "alga-cache.h"
#include "alga-session.h"
#include "alga-test-gtk.h"
#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-view.h"
#include "alga-token-store-memory.h"
#include "alga-window.h"

#define SAVED_COPY_SUBTITLE "Saved copy, updating…"
#define OFFLINE_SAVED_TEXT  "Offline. These are the tickets saved on this computer."

/* One application for the whole run: its D-Bus registration outlives a single test. */
static AlgaApplication *app;

typedef struct
{
  AlgaTestServer *server;
  AlgaSession    *session;
  SoupSession    *http;
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
  f->http = soup_session_new ();

  /* A server of an earlier test may have had the same port, hence the same account. */
  g_assert_true (alga_cache_delete_for_account (alga_test_server_get_url (f->server),
                                                alga_test_server_get_user_id (f->server), NULL));

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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->http);
  alga_test_server_stop (f->server);
  g_clear_object (&f->server);
}

/* Windows. */

static AlgaWindow *
open_window (Fixture *f)
{
  AlgaWindow *window = alga_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  {
    g_autoptr(AlgaAccount) account = alga_account_new (f->session);

    alga_window_set_account (window, account);
  }

  return window;
}

static void
close_window (AlgaWindow *window)
{
  AlgaWindow *weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  /* Cancelled requests still call back once; then nothing may hold the window. */
  alga_test_wait_until (weak == NULL, 10000);
}

static AlgaTicketList *
get_tickets (AlgaWindow *window)
{
  return alga_ticket_list_view_get_model (alga_window_get_ticket_list_view (window));
}

/* The list shows what the server answered: loaded, not the saved copy, not offline. */
static gboolean
is_live (AlgaWindow *window)
{
  AlgaTicketList *tickets = get_tickets (window);

  return tickets != NULL && !alga_ticket_list_get_loading (tickets)
         && !alga_ticket_list_get_cached (tickets) && !alga_ticket_list_get_offline (tickets)
         && alga_ticket_list_get_error (tickets) == NULL
         && g_list_model_get_n_items (G_LIST_MODEL (tickets)) > 0;
}

static gpointer
template_child (AlgaWindow *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), ALGA_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

/* What the header of the list says under the view's name. */
static const char *
list_subtitle (AlgaWindow *window)
{
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (template_child (window, "list_title")));
}

static void
assert_subtitle_counts (AlgaWindow *window)
{
  guint total = alga_ticket_list_get_total (get_tickets (window));
  g_autofree char *expected = g_strdup_printf (total == 1 ? "%u ticket" : "%u tickets", total);

  g_assert_cmpstr (list_subtitle (window), ==, expected);
}

/* The ids of the rows, in order. */
static GStrv
row_ids (AlgaWindow *window)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *model = G_LIST_MODEL (get_tickets (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (model, i);

      g_strv_builder_add (builder, alga_ticket_get_ticket_id (ticket));
    }

  return g_strv_builder_end (builder);
}

/* The list of the last full page request the window made (not a one-ticket count), asked again
 * of the server without any of the app's code: the ids the server answers now. */
static GStrv
server_ids_of_last_list_request (Fixture *f)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(AlgaTestResponse) response = NULL;
  g_autofree char *url = NULL;
  AlgaTestRequest *last = NULL;
  JsonNode *data;

  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "GET") && g_str_equal (request->path, "/api/v1/tickets")
          && request->status == 200
          && (request->query == NULL || strstr (request->query, "limit=1&") == NULL))
        last = request;
    }
  g_assert_nonnull (last);

  url = g_strdup_printf ("%s%s?%s", alga_test_server_get_url (f->server), last->path,
                         last->query != NULL ? last->query : "");
  response = alga_test_http (f->http, "GET", url, alga_test_server_get_api_key (f->server),
                             NULL, NULL);
  g_assert_cmpuint (response->status, ==, 200);
  data = alga_test_json_at (response->json, "data");
  g_assert_nonnull (data);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (data)); i++)
    g_strv_builder_add (builder,
                        json_object_get_string_member (json_array_get_object_element (json_node_get_array (data), i),
                                                       "ticket_id"));

  return g_strv_builder_end (builder);
}

static void
assert_strv_equal (const char * const *a,
                   const char * const *b)
{
  g_assert_cmpuint (g_strv_length ((GStrv) a), ==, g_strv_length ((GStrv) b));
  for (guint i = 0; a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

/* A previous run of the app on this account: a window that loads its list, which goes into
 * the account's cache, then is closed. Returns the ids it showed. */
static GStrv
warm_cache (Fixture *f)
{
  AlgaWindow *window = open_window (f);
  g_autofree char *path = NULL;
  GStrv ids;

  alga_test_wait_until (is_live (window), 20000);
  /* The list may load a page more as its rows are drawn: the ids are taken when nothing is
   * loading, and the window closed before the main loop turns again. */
  alga_test_wait_until (!alga_ticket_list_get_loading (get_tickets (window)), 20000);
  ids = row_ids (window);
  g_assert_cmpuint (g_strv_length (ids), >, 3);

  path = alga_cache_build_path (alga_test_server_get_url (f->server),
                                alga_test_server_get_user_id (f->server));
  close_window (window);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return ids;
}

/* 1. Cached start: the saved rows at once, marked as saved; the server's rows once it answers,
 * with the ticket the technician picked meanwhile still selected. */
static void
test_cached_start (Fixture       *f,
                   gconstpointer  data)
{
  AlgaTestFault delay = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 5000 };
  g_auto(GStrv) saved = warm_cache (f);
  g_auto(GStrv) shown = NULL;
  g_auto(GStrv) live = NULL;
  g_auto(GStrv) server = NULL;
  g_autofree char *selected_id = NULL;
  g_autofree char *newcomer = NULL;
  AlgaTicketListView *list_view;
  AlgaWindow *window;
  AlgaTicket *selected;
  gint64 started;

  /* While the app was closed, a ticket was assigned to the technician; the server is slow (5 s:
   * time enough, under sanitizers on a busy machine, to open the window and pick a ticket). */
  newcomer = alga_test_server_create_ticket (f->server, "Scanner on the third floor jams",
                                             alga_test_server_get_user_id (f->server));
  g_assert_false (g_strv_contains ((const char * const *) saved, newcomer));
  alga_test_server_add_fault (f->server, "GET", "/api/v1/tickets", &delay);

  started = g_get_monotonic_time ();
  window = open_window (f);
  list_view = alga_window_get_ticket_list_view (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Before the server could answer: the rows of the last run, said to be a saved copy. */
  g_assert_true (alga_ticket_list_get_loading (get_tickets (window)));
  g_assert_true (alga_ticket_list_get_cached (get_tickets (window)));
  shown = row_ids (window);
  assert_strv_equal ((const char * const *) shown, (const char * const *) saved);
  g_assert_cmpstr (list_subtitle (window), ==, SAVED_COPY_SUBTITLE);
  g_assert_false (gtk_revealer_get_reveal_child (template_child (window, "offline_revealer")));

  /* The technician picks the third ticket of the saved copy (j, j, j). */
  alga_ticket_list_view_move_selection (list_view, 1);
  alga_ticket_list_view_move_selection (list_view, 1);
  alga_ticket_list_view_move_selection (list_view, 1);
  selected = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_nonnull (selected);
  selected_id = g_strdup (alga_ticket_get_ticket_id (selected));
  g_assert_cmpstr (selected_id, ==, saved[2]);
  /* Still the saved copy: the server has not answered yet. */
  g_assert_true (alga_ticket_list_get_cached (get_tickets (window)));

  /* The server answers: its rows, the newcomer among them, no longer marked as saved. */
  alga_test_wait_until (is_live (window), 30000);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 4900 * 1000);
  g_assert_cmpstr (list_subtitle (window), !=, SAVED_COPY_SUBTITLE);
  assert_subtitle_counts (window);
  live = row_ids (window);
  server = server_ids_of_last_list_request (f);
  assert_strv_equal ((const char * const *) live, (const char * const *) server);
  g_assert_true (g_strv_contains ((const char * const *) live, newcomer));

  /* The same ticket is still selected, and the detail pane still shows it. */
  selected = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_nonnull (selected);
  g_assert_cmpstr (alga_ticket_get_ticket_id (selected), ==, selected_id);
  g_assert_true (alga_ticket_view_get_ticket (ALGA_TICKET_VIEW (alga_test_find_widget (GTK_WIDGET (window),
                                                                                 ALGA_TYPE_TICKET_VIEW)))
                 == selected);

  close_window (window);
}

/* 2. Offline: the saved rows with the banner; Retry brings the live list back and hides it. */
static void
test_offline_banner (Fixture       *f,
                     gconstpointer  data)
{
  AlgaTestFault drop = { .kind = ALGA_TEST_FAULT_DROP };
  g_auto(GStrv) saved = warm_cache (f);
  g_auto(GStrv) shown = NULL;
  g_auto(GStrv) live = NULL;
  g_auto(GStrv) server = NULL;
  GtkRevealer *revealer;
  GtkWidget *retry;
  AlgaWindow *window;
  guint before;

  alga_client_set_retry_policy (alga_session_get_client (f->session), 1, 10);
  alga_test_server_add_fault (f->server, NULL, "/api/v1/*", &drop);

  window = open_window (f);
  revealer = template_child (window, "offline_revealer");
  alga_test_wait_until (alga_ticket_list_get_offline (get_tickets (window))
                        && !alga_ticket_list_get_loading (get_tickets (window)), 30000);

  /* The banner, and the saved rows under it. */
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  alga_test_wait_until (gtk_revealer_get_child_revealed (revealer), 10000);
  g_assert_cmpstr (gtk_label_get_label (template_child (window, "offline_label")), ==,
                   OFFLINE_SAVED_TEXT);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (template_child (window, "offline_label"))));
  g_assert_true (alga_ticket_list_get_cached (get_tickets (window)));
  shown = row_ids (window);
  assert_strv_equal ((const char * const *) shown, (const char * const *) saved);
  g_assert_cmpstr (list_subtitle (window), !=, SAVED_COPY_SUBTITLE);

  /* The network is back; the technician presses the banner's Retry. */
  alga_test_server_clear_faults (f->server);
  retry = alga_test_find_widget (gtk_revealer_get_child (revealer), GTK_TYPE_BUTTON);
  g_assert_nonnull (retry);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (retry)), ==, "_Retry");
  g_assert_true (gtk_widget_is_drawable (retry));
  g_assert_true (gtk_widget_is_sensitive (retry));
  before = alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets");
  g_assert_true (gtk_widget_activate (retry));

  alga_test_wait_until (alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets") > before
                        && is_live (window), 30000);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  alga_test_wait_until (!gtk_revealer_get_child_revealed (revealer), 10000);
  assert_subtitle_counts (window);
  live = row_ids (window);
  server = server_ids_of_last_list_request (f);
  assert_strv_equal ((const char * const *) live, (const char * const *) server);

  close_window (window);
}

/* 4. Garbage where the account's database was: the window opens the account all the same, and
 * the file is a good cache again, holding what the window shows. */
static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = alga_cache_build_path (alga_test_server_get_url (f->server),
                                                 alga_test_server_get_user_id (f->server));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GString) garbage = g_string_new ("SQLite format 3");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(AlgaCache) reopened = NULL;
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) live = NULL;
  g_auto(GStrv) server = NULL;
  AlgaWindow *window;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A valid header, then noise: SQLite reads the header and meets garbage behind it. */
  g_string_append_c (garbage, '\0');
  while (garbage->len < 64 * 1024)
    g_string_append_c (garbage, (char) g_rand_int_range (rand, 0, 256));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));

  window = open_window (f);
  alga_test_wait_until (is_live (window), 30000);
  g_assert_false (gtk_revealer_get_reveal_child (template_child (window, "offline_revealer")));
  assert_subtitle_counts (window);
  live = row_ids (window);
  server = server_ids_of_last_list_request (f);
  assert_strv_equal ((const char * const *) live, (const char * const *) server);

  /* The file is a sound database of the current schema... */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, ALGA_CACHE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* ...holding the rows the window shows, for the next start. */
  reopened = alga_cache_new_for_path (path, &error);
  g_assert_no_error (error);
  key = alga_cache_build_view_key (alga_ticket_list_get_query (get_tickets (window)));
  cached = alga_cache_load_view (reopened, key, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cached);
  g_assert_cmpuint (cached->len, ==, g_strv_length (live));
  for (guint i = 0; i < cached->len; i++)
    g_assert_cmpstr (alga_ticket_get_ticket_id (g_ptr_array_index (cached, i)), ==, live[i]);

  close_window (window);
}

/* 3. The real program: signed in, its cache file exists; signed out over D-Bus, the file is
 * gone and the window no longer lists the account's tickets. What the window shows is read the
 * way a screen reader reads it, over AT-SPI. */

#define ATSPI_ACCESSIBLE "org.a11y.atspi.Accessible"

static GDBusConnection *
a11y_bus_get (void)
{
  g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;
  const char *address;

  g_assert_nonnull (session);
  reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                       "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&s)", &address);
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  return bus;
}

static GVariant *
a11y_call (GDBusConnection *bus,
           const char      *name,
           const char      *path,
           const char      *interface,
           const char      *method,
           GVariant        *parameters,
           const char      *reply_type)
{
  /* An object may go away while the tree is read: that is no answer, not a failure. */
  return g_dbus_connection_call_sync (bus, name, path, interface, method, parameters,
                                      G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NONE, 10000,
                                      NULL, NULL);
}

/* The accessible root of the process pid, among the applications the registry knows. */
static gboolean
a11y_find_app (GDBusConnection  *bus,
               const char       *pid,
               char            **name_out)
{
  g_autoptr(GVariant) children = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  const char *name, *path;

  children = a11y_call (bus, "org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root",
                        ATSPI_ACCESSIBLE, "GetChildren", NULL, "(a(so))");
  if (children == NULL)
    return FALSE;

  g_variant_get (children, "(a(so))", &iter);
  while (g_variant_iter_loop (iter, "(&s&o)", &name, &path))
    {
      g_autoptr(GVariant) owner_pid = NULL;
      guint32 value = 0;

      owner_pid = a11y_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                             "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                             g_variant_new ("(s)", name), "(u)");
      if (owner_pid == NULL)
        continue;
      g_variant_get (owner_pid, "(u)", &value);
      if (g_ascii_strtoull (pid, NULL, 10) == value)
        {
          *name_out = g_strdup (name);
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether an accessible of the application has a name that starts with prefix, as a screen
 * reader would read it. GTK 4.8 marks every widget of the window "showing", pages of a stack that
 * are not shown included, so what is read is which widgets exist: the ticket rows exist while the
 * list holds tickets. */
static gboolean
a11y_find_name (GDBusConnection *bus,
                const char      *name,
                const char      *path,
                const char      *prefix,
                guint            depth)
{
  g_autoptr(GVariant) label = NULL;
  g_autoptr(GVariant) children = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  const char *child_name, *child_path;

  if (depth > 60)
    return FALSE;

  label = a11y_call (bus, name, path, "org.freedesktop.DBus.Properties", "Get",
                     g_variant_new ("(ss)", ATSPI_ACCESSIBLE, "Name"), "(v)");
  if (label != NULL)
    {
      g_autoptr(GVariant) value = NULL;

      g_variant_get (label, "(v)", &value);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
          && g_str_has_prefix (g_variant_get_string (value, NULL), prefix))
        return TRUE;
    }

  children = a11y_call (bus, name, path, ATSPI_ACCESSIBLE, "GetChildren", NULL, "(a(so))");
  if (children == NULL)
    return FALSE;
  g_variant_get (children, "(a(so))", &iter);
  while (g_variant_iter_loop (iter, "(&s&o)", &child_name, &child_path))
    if (a11y_find_name (bus, child_name, child_path, prefix, depth + 1))
      return TRUE;

  return FALSE;
}

/* Whether the window reads out the row of a ticket ("TIC001311, Set up new label printer…"). */
static gboolean
app_reads_row (GDBusConnection *a11y,
               const char      *app_name,
               const char      *ticket_number)
{
  g_autofree char *prefix = g_strconcat (ticket_number, ", ", NULL);

  return a11y_find_name (a11y, app_name, "/org/a11y/atspi/accessible/root", prefix, 0);
}

/* The application's object path: its id with dots as slashes. */
static char *
app_object_path (void)
{
  g_autofree char *path = g_strconcat ("/", APP_ID, NULL);

  g_strdelimit (path, ".", '/');
  return g_steal_pointer (&path);
}

/* Whether the program's app.sign-out is enabled (there is a session to sign out of). */
static gboolean
sign_out_enabled (GDBusConnection *session_bus)
{
  g_autofree char *object_path = app_object_path ();
  g_autoptr(GVariant) reply = NULL;
  gboolean enabled = FALSE;

  reply = g_dbus_connection_call_sync (session_bus, APP_ID, object_path, "org.gtk.Actions",
                                       "Describe", g_variant_new ("(s)", "sign-out"),
                                       G_VARIANT_TYPE ("((bgav))"), G_DBUS_CALL_FLAGS_NONE, 10000,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "((bgav))", &enabled, NULL, NULL);

  return enabled;
}

static void
activate_app_action (GDBusConnection *session_bus,
                     const char      *action)
{
  g_autofree char *object_path = app_object_path ();
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (session_bus, APP_ID, object_path, "org.gtk.Actions",
                                       "Activate",
                                       g_variant_new ("(s@av@a{sv})", action,
                                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
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
on_program_exited_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
test_sign_out_deletes (void)
{
  g_autoptr(AlgaTestServer) server = alga_test_server_new ();
  g_autoptr(GSubprocessLauncher) launcher = alga_test_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDBusConnection) session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusConnection) a11y = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("alga-window-cache-XXXXXX", &error);
  g_autofree char *program = g_build_filename (g_getenv ("ALGA_BUILD_ROOT"), "src", "alga-desktop", NULL);
  g_autofree char *schemas = g_build_filename (g_getenv ("ALGA_BUILD_ROOT"), "data", NULL);
  g_autofree char *log = g_build_filename (home, "program.log", NULL);
  g_autofree char *account_path = NULL;
  g_autofree char *db_name = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *app_name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *ticket_number = NULL;
  const char *dirs[][2] = {
    { "HOME", "" }, { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };
  gboolean exited = FALSE;
  gint64 deadline;

  g_assert_no_error (error);
  g_assert_nonnull (g_getenv ("ALGA_BUILD_ROOT"));
  g_assert_nonnull (session_bus);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_subprocess_launcher_setenv (launcher, dirs[i][0], dir, TRUE);
    }
  /* The account's file in the program's cache folder, named as the program names it. */
  account_path = alga_cache_build_path (alga_test_server_get_url (server),
                                        alga_test_server_get_user_id (server));
  db_name = g_path_get_basename (account_path);
  db_path = g_build_filename (home, "cache", "alga-desktop", db_name, NULL);

  /* The ticket the list shows first: the technician's most recently updated open ticket. */
  {
    g_autoptr(SoupSession) http = soup_session_new ();
    g_autoptr(AlgaTestResponse) response = NULL;
    g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets?limit=1&is_open=true&assigned_to=%s"
                                            "&sort=updated_at&order=desc",
                                            alga_test_server_get_url (server),
                                            alga_test_server_get_user_id (server));

    response = alga_test_http (http, "GET", url, alga_test_server_get_api_key (server), NULL, NULL);
    g_assert_cmpuint (response->status, ==, 200);
    ticket_number = g_strdup (alga_test_json_string (response->json, "data.0.ticket_number"));
    g_assert_nonnull (ticket_number);
  }

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_TOKEN_STORE", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_API_KEY", alga_test_server_get_api_key (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_USER_EMAIL", alga_test_server_get_user_email (server), TRUE);
  /* The program speaks AT-SPI, as on a desktop (the tests' own GTK does not). */
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);

  process = g_subprocess_launcher_spawn (launcher, &error, program,
                                         "--server", alga_test_server_get_url (server), NULL);
  g_assert_no_error (error);

  /* Signed in: the list is shown and the account's cache holds it. GTK registers the program
   * on the AT-SPI registry from an idle of default-idle priority, which runs only once the
   * program's start (sign-in, the list, the first frames, all of higher priority) leaves its main
   * loop idle: under ASan on a busy machine that took up to a minute while the registry answered
   * at once, so the program gets three. */
  a11y = a11y_bus_get ();
  alga_test_wait_until (a11y_find_app (a11y, g_subprocess_get_identifier (process), &app_name),
                        180000);
  alga_test_wait_until (sign_out_enabled (session_bus), 60000);
  alga_test_wait_until (alga_test_server_count_requests (server, "GET", "/api/v1/tickets") > 0,
                        60000);
  alga_test_wait_until (g_file_test (db_path, G_FILE_TEST_IS_REGULAR), 60000);
  alga_test_wait_until (app_reads_row (a11y, app_name, ticket_number), 60000);

  /* Sign out, as the main menu's Sign Out does (the action asks nothing first). */
  activate_app_action (session_bus, "sign-out");
  /* Signed out: the app has no session any more (the window then shows its sign-in page,
   * alga_window_set_account (NULL)), and the ticket rows are gone from the window. */
  alga_test_wait_until (!sign_out_enabled (session_bus), 60000);
  alga_test_wait_until (!app_reads_row (a11y, app_name, ticket_number), 60000);

  /* Nothing of the account's cache is left. */
  alga_test_wait_until (!g_file_test (db_path, G_FILE_TEST_EXISTS), 10000);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  activate_app_action (session_bus, "quit");
  g_subprocess_wait_async (process, NULL, on_program_exited_cb, &exited);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!exited && g_get_monotonic_time () < deadline)
    alga_test_spin (100);
  if (!exited)
    {
      g_subprocess_send_signal (process, SIGTERM);
      alga_test_wait_until (exited, 20000);
    }

  if (g_test_failed () || g_test_verbose ())
    {
      g_file_get_contents (log, &contents, NULL, NULL);
      g_test_message ("program output:\n%s", contents != NULL ? contents : "");
    }
  alga_test_server_stop (server);
  remove_tree (home);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = g_dir_make_tmp ("alga-test-window-cache-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  /* A cache folder of our own, so that the account files of this run are the only ones. */
  g_assert_nonnull (cache_home);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  alga_test_gtk_init (&argc, &argv);

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/window-cache/cached-start", Fixture, NULL, fixture_set_up, test_cached_start,
              fixture_tear_down);
  g_test_add ("/window-cache/offline-banner", Fixture, NULL, fixture_set_up, test_offline_banner,
              fixture_tear_down);
  g_test_add_func ("/window-cache/sign-out-deletes", test_sign_out_deletes);
  g_test_add ("/window-cache/corrupt", Fixture, NULL, fixture_set_up, test_corrupt,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  remove_tree (cache_home);

  return status;
}
