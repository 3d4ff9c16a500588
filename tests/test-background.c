/* test-background.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running in the background and starting at login, on a private bus (GTestDBus): the autostart
 * file is written with the right Exec and removed again; in the sandbox, a test Background portal
 * receives the request with its options and its answer (or its Close on cancel) comes back; the
 * real AlgaApplication stays alive after its last window closes while run-in-background is on,
 * ends with it when off, starts without a window as a D-Bus service, and app.quit ends it.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "alga-application.h"
#include "alga-background.h"
#include "alga-test-utils.h"

#define PORTAL_NAME  "org.freedesktop.portal.Desktop"
#define PORTAL_PATH  "/org/freedesktop/portal/desktop"
#define TEST_APP_ID  "com.nineminds.AlgaPSA.BackgroundTest"

static GTestDBus *test_bus;
static gboolean   have_display;

/* A fake org.freedesktop.portal.Background on its own connection. */
typedef struct
{
  GDBusConnection *bus;
  guint            owner_id;
  guint            object_id;
  guint            request_id;
  gboolean         owned;
  gboolean         allow;
  gboolean         answer;
  GVariant        *options;
  char            *sender;
  char            *handle;
  guint            n_closed;
} Portal;

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static const char request_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Request'>"
  "    <method name='Close'/>"
  "  </interface>"
  "</node>";

static GDBusConnection *
new_connection (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                       | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static void
request_method_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  Portal *portal = user_data;

  portal->n_closed++;
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  static const GDBusInterfaceVTable request_vtable = { request_method_cb, NULL, NULL, { 0 } };
  Portal *portal = user_data;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autofree char *sender_part = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder results;
  const char *token = NULL;
  gboolean autostart = FALSE;

  g_clear_pointer (&portal->options, g_variant_unref);
  g_variant_get (parameters, "(&s@a{sv})", NULL, &portal->options);
  g_free (portal->sender);
  portal->sender = g_strdup (sender);

  /* The request object lives where the Request convention says. */
  g_assert_true (g_variant_lookup (portal->options, "handle_token", "&s", &token));
  sender_part = g_strdup (sender + 1);
  g_strdelimit (sender_part, ".", '_');
  g_free (portal->handle);
  portal->handle = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender_part, token);

  info = g_dbus_node_info_new_for_xml (request_xml, NULL);
  portal->request_id = g_dbus_connection_register_object (connection, portal->handle,
                                                          info->interfaces[0], &request_vtable,
                                                          portal, NULL, &error);
  g_assert_no_error (error);

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", portal->handle));

  if (!portal->answer)
    return;

  g_variant_lookup (portal->options, "autostart", "b", &autostart);
  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (portal->allow));
  g_variant_builder_add (&results, "{sv}", "autostart",
                         g_variant_new_boolean (portal->allow && autostart));
  g_dbus_connection_emit_signal (connection, sender, portal->handle,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", 0, &results), &error);
  g_assert_no_error (error);
}

static void
on_portal_name_acquired_cb (GDBusConnection *connection,
                            const char      *name,
                            gpointer         user_data)
{
  Portal *portal = user_data;

  portal->owned = TRUE;
}

static Portal *
portal_new (gboolean answer,
            gboolean allow)
{
  static const GDBusInterfaceVTable vtable = { portal_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  Portal *portal = g_new0 (Portal, 1);

  portal->answer = answer;
  portal->allow = allow;
  portal->bus = new_connection ();

  info = g_dbus_node_info_new_for_xml (portal_xml, &error);
  g_assert_no_error (error);
  portal->object_id = g_dbus_connection_register_object (portal->bus, PORTAL_PATH,
                                                         info->interfaces[0], &vtable,
                                                         portal, NULL, &error);
  g_assert_no_error (error);

  portal->owner_id = g_bus_own_name_on_connection (portal->bus, PORTAL_NAME,
                                                   G_BUS_NAME_OWNER_FLAGS_NONE,
                                                   on_portal_name_acquired_cb, NULL, portal, NULL);
  alga_test_wait_until (portal->owned, 5000);

  return portal;
}

static void
portal_free (Portal *portal)
{
  g_bus_unown_name (portal->owner_id);
  g_dbus_connection_unregister_object (portal->bus, portal->object_id);
  if (portal->request_id != 0)
    g_dbus_connection_unregister_object (portal->bus, portal->request_id);
  /* What is already sent is delivered, and handled, before the connection closes. */
  g_dbus_connection_flush_sync (portal->bus, NULL, NULL);
  alga_test_drain (10000);
  g_dbus_connection_close_sync (portal->bus, NULL, NULL);
  g_clear_object (&portal->bus);
  g_clear_pointer (&portal->options, g_variant_unref);
  g_free (portal->sender);
  g_free (portal->handle);
  g_free (portal);
}

static GApplication *
registered_application (const char *app_id)
{
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_new (app_id, G_APPLICATION_DEFAULT_FLAGS);

  g_application_register (app, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_application_get_dbus_connection (app));

  return app;
}

static gboolean
request (AlgaBackground  *background,
         gboolean         autostart,
         GCancellable    *cancellable,
         gboolean        *out_autostart,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_background_request_async (background, autostart, cancellable,
                                 alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);

  return alga_background_request_finish (background, result, out_autostart, error);
}

static void
test_autostart_file (void)
{
  g_autoptr(GApplication) app = g_application_new (TEST_APP_ID, G_APPLICATION_NON_UNIQUE);
  g_autoptr(AlgaBackground) background = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon = NULL;
  gboolean autostart = FALSE;

  background = g_object_new (ALGA_TYPE_BACKGROUND, "application", app, "sandboxed", FALSE, NULL);
  path = alga_background_dup_autostart_path (background);
  expected = g_build_filename (g_get_user_config_dir (), "autostart", TEST_APP_ID ".desktop", NULL);
  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The autostart folder does not exist yet in the fresh config folder. */
  g_assert_true (request (background, TRUE, NULL, &autostart, &error));
  g_assert_no_error (error);
  g_assert_true (autostart);

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "alga-desktop --gapplication-service");
  g_assert_true (g_key_file_get_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP,
                                         "X-GNOME-Autostart-enabled", &error));
  g_assert_no_error (error);
  icon = g_key_file_get_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON,
                                &error);
  g_assert_cmpstr (icon, ==, TEST_APP_ID);

  /* Asking twice is harmless. */
  g_assert_true (request (background, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_assert_true (request (background, FALSE, NULL, &autostart, &error));
  g_assert_no_error (error);
  g_assert_false (autostart);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Removing a file that is not there is no error either. */
  g_assert_true (request (background, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_portal_request (void)
{
  g_autoptr(GApplication) app = registered_application (TEST_APP_ID ".Portal");
  g_autoptr(AlgaBackground) background = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *autostart_path = NULL;
  g_autofree const char **commandline = NULL;
  Portal *portal = portal_new (TRUE, TRUE);
  const char *reason = NULL;
  gboolean autostart = FALSE;
  gboolean dbus_activatable = TRUE;

  background = g_object_new (ALGA_TYPE_BACKGROUND, "application", app, "sandboxed", TRUE, NULL);
  g_assert_true (alga_background_get_sandboxed (background));

  g_assert_true (request (background, TRUE, NULL, &autostart, &error));
  g_assert_no_error (error);
  g_assert_true (autostart);

  g_assert_cmpstr (portal->sender, ==,
                   g_dbus_connection_get_unique_name (g_application_get_dbus_connection (app)));
  g_assert_true (g_variant_lookup (portal->options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, !=, "");
  g_assert_true (g_variant_lookup (portal->options, "autostart", "b", &autostart));
  g_assert_true (autostart);
  g_assert_true (g_variant_lookup (portal->options, "commandline", "^a&s", &commandline));
  g_assert_cmpstrv (commandline, ((const char *[]) { "alga-desktop", "--gapplication-service", NULL }));
  g_assert_true (g_variant_lookup (portal->options, "dbus-activatable", "b", &dbus_activatable));
  g_assert_false (dbus_activatable);

  /* In the sandbox the portal does the autostart: no file of our own. */
  autostart_path = alga_background_dup_autostart_path (background);
  g_assert_false (g_file_test (autostart_path, G_FILE_TEST_EXISTS));

  g_assert_true (request (background, FALSE, NULL, &autostart, &error));
  g_assert_no_error (error);
  g_assert_false (autostart);
  g_assert_true (g_variant_lookup (portal->options, "autostart", "b", &autostart));
  g_assert_false (autostart);

  portal_free (portal);
}

static void
test_portal_denied (void)
{
  g_autoptr(GApplication) app = registered_application (TEST_APP_ID ".Denied");
  g_autoptr(AlgaBackground) background = NULL;
  g_autoptr(GError) error = NULL;
  Portal *portal = portal_new (TRUE, FALSE);

  background = g_object_new (ALGA_TYPE_BACKGROUND, "application", app, "sandboxed", TRUE, NULL);
  g_assert_false (request (background, TRUE, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);

  portal_free (portal);
}

static void
test_portal_cancel (void)
{
  g_autoptr(GApplication) app = registered_application (TEST_APP_ID ".Cancel");
  g_autoptr(AlgaBackground) background = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Portal *portal = portal_new (FALSE, TRUE);

  background = g_object_new (ALGA_TYPE_BACKGROUND, "application", app, "sandboxed", TRUE, NULL);
  alga_background_request_async (background, TRUE, cancellable, alga_test_store_result_cb,
                                 &result);

  /* The dialog is up (the portal has the request and has not answered): the user goes away. */
  alga_test_wait_until (portal->handle != NULL, 5000);
  /* A fixed time on purpose: no answer comes in it. */
  alga_test_spin (50);
  g_assert_null (result);
  g_cancellable_cancel (cancellable);

  alga_test_wait_for_result (&result, 5000);
  g_assert_false (alga_background_request_finish (background, result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  alga_test_wait_until (portal->n_closed == 1, 5000);

  portal_free (portal);
}

/* A desktop without the Background portal (only xdg-desktop-portal-gtk, or no portal): the
 * request says so at once, as "not supported", which the app does not count as a fault. */
static void
test_portal_missing (void)
{
  g_autoptr(GApplication) app = registered_application (TEST_APP_ID ".Missing");
  g_autoptr(AlgaBackground) background = NULL;
  g_autoptr(GError) error = NULL;

  background = g_object_new (ALGA_TYPE_BACKGROUND, "application", app, "sandboxed", TRUE, NULL);
  g_assert_false (request (background, TRUE, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_no_bus (void)
{
  g_autoptr(GApplication) app = g_application_new (TEST_APP_ID ".NoBus", G_APPLICATION_NON_UNIQUE);
  g_autoptr(AlgaBackground) background = NULL;
  g_autoptr(GError) error = NULL;

  background = g_object_new (ALGA_TYPE_BACKGROUND, "application", app, "sandboxed", TRUE, NULL);
  g_assert_false (request (background, TRUE, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
}

static void
test_hold (void)
{
  g_autoptr(GApplication) app = g_application_new (TEST_APP_ID ".Hold", G_APPLICATION_NON_UNIQUE);
  g_autoptr(AlgaBackground) background = alga_background_new (app);

  /* Once only, however often it is asked, and let go exactly once. */
  alga_background_set_hold (background, TRUE);
  alga_background_set_hold (background, TRUE);
  g_assert_true (alga_background_get_hold (background));
  alga_background_set_hold (background, FALSE);
  alga_background_set_hold (background, FALSE);
  g_assert_false (alga_background_get_hold (background));
}

/* The real application: a state machine stepped by a timeout inside g_application_run(). */
typedef enum
{
  CLOSE_WINDOW,
  SERVICE,
  TRAY,
} Scenario;

/* A test StatusNotifierWatcher, for the app's own tray icon. */
typedef struct
{
  GDBusConnection *bus;
  guint            owner_id;
  guint            object_id;
  gboolean         owned;
  char            *item_sender;
  char            *item_path;
} Watcher;

typedef struct
{
  Scenario      scenario;
  GApplication *app;
  Watcher      *watcher;
  GAsyncResult *reply;
  guint         step;
  guint         ticks;
  gboolean      had_window;
  gboolean      alive_without_window;
  gboolean      quit_sent;
} Run;

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'>"
  "      <arg type='s' name='service' direction='in'/>"
  "    </method>"
  "    <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "  </interface>"
  "</node>";

static void
watcher_method_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  Watcher *watcher = user_data;

  g_assert_null (watcher->item_sender);
  watcher->item_sender = g_strdup (sender);
  g_variant_get (parameters, "(s)", &watcher->item_path);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
watcher_property_cb (GDBusConnection  *connection,
                     const char       *sender,
                     const char       *object_path,
                     const char       *interface_name,
                     const char       *property_name,
                     GError          **error,
                     gpointer          user_data)
{
  return g_variant_new_boolean (TRUE);
}

static void
on_watcher_name_acquired_cb (GDBusConnection *connection,
                             const char      *name,
                             gpointer         user_data)
{
  Watcher *watcher = user_data;

  watcher->owned = TRUE;
}

static Watcher *
watcher_new (void)
{
  static const GDBusInterfaceVTable vtable = {
    watcher_method_cb, watcher_property_cb, NULL, { 0 }
  };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  Watcher *watcher = g_new0 (Watcher, 1);

  watcher->bus = new_connection ();
  info = g_dbus_node_info_new_for_xml (watcher_xml, &error);
  g_assert_no_error (error);
  watcher->object_id = g_dbus_connection_register_object (watcher->bus, "/StatusNotifierWatcher",
                                                          info->interfaces[0], &vtable,
                                                          watcher, NULL, &error);
  g_assert_no_error (error);
  watcher->owner_id = g_bus_own_name_on_connection (watcher->bus, "org.kde.StatusNotifierWatcher",
                                                    G_BUS_NAME_OWNER_FLAGS_NONE,
                                                    on_watcher_name_acquired_cb, NULL,
                                                    watcher, NULL);
  alga_test_wait_until (watcher->owned, 5000);

  return watcher;
}

static void
watcher_free (Watcher *watcher)
{
  g_bus_unown_name (watcher->owner_id);
  g_dbus_connection_unregister_object (watcher->bus, watcher->object_id);
  g_dbus_connection_close_sync (watcher->bus, NULL, NULL);
  g_clear_object (&watcher->bus);
  g_free (watcher->item_sender);
  g_free (watcher->item_path);
  g_free (watcher);
}

/* Calls the app's tray icon or menu as a panel would. */
static void
call_tray (Run        *run,
           const char *path,
           const char *interface,
           const char *method,
           GVariant   *parameters)
{
  g_clear_object (&run->reply);
  g_dbus_connection_call (run->watcher->bus, run->watcher->item_sender, path, interface, method,
                          parameters, NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                          alga_test_store_result_cb, &run->reply);
}

static GVariant *
take_reply (Run *run)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_finish (run->watcher->bus, run->reply, &error);
  g_assert_no_error (error);
  g_clear_object (&run->reply);

  return reply;
}

/* The id of the menu item labelled @label in a GetLayout reply. */
static int
find_menu_item (GVariant   *layout_reply,
                const char *label)
{
  g_autoptr(GVariantIter) children = NULL;
  GVariant *child;
  int found = -1;

  g_variant_get (layout_reply, "(u(ia{sv}av))", NULL, NULL, NULL, &children);
  while (g_variant_iter_loop (children, "v", &child))
    {
      g_autoptr(GVariant) props = NULL;
      const char *item_label;
      int id;

      g_variant_get (child, "(i@a{sv}av)", &id, &props, NULL);
      if (g_variant_lookup (props, "label", "&s", &item_label) && g_str_equal (item_label, label))
        found = id;
    }

  return found;
}

/* Started in the background with a tray: Activate shows the window, the menu's Quit ends it. */
static gboolean
tray_step_cb (gpointer user_data)
{
  Run *run = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (run->app));
  g_autoptr(GVariant) reply = NULL;
  int quit_id;

  run->ticks++;
  g_assert_cmpuint (run->ticks, <, 200);

  switch (run->step)
    {
    case 0:
      if (run->watcher->item_sender == NULL)
        return G_SOURCE_CONTINUE;
      g_assert_null (windows);
      g_assert_cmpstr (run->watcher->item_path, ==, "/StatusNotifierItem");
      run->alive_without_window = TRUE;
      call_tray (run, run->watcher->item_path, "org.kde.StatusNotifierItem", "Activate",
                 g_variant_new ("(ii)", 0, 0));
      run->step = 1;
      return G_SOURCE_CONTINUE;

    case 1:
      if (windows == NULL || run->reply == NULL)
        return G_SOURCE_CONTINUE;
      reply = take_reply (run);
      run->had_window = gtk_widget_get_visible (GTK_WIDGET (windows->data));
      call_tray (run, "/StatusNotifierItem/Menu", "com.canonical.dbusmenu", "GetLayout",
                 g_variant_new ("(ii^as)", 0, -1, (const char *[]) { NULL }));
      run->step = 2;
      return G_SOURCE_CONTINUE;

    case 2:
      if (run->reply == NULL)
        return G_SOURCE_CONTINUE;
      reply = take_reply (run);
      quit_id = find_menu_item (reply, "_Quit");
      g_assert_cmpint (quit_id, >, 0);
      run->quit_sent = TRUE;
      call_tray (run, "/StatusNotifierItem/Menu", "com.canonical.dbusmenu", "Event",
                 g_variant_new ("(isvu)", quit_id, "clicked", g_variant_new_int32 (0), 0));
      return G_SOURCE_REMOVE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
step_cb (gpointer user_data)
{
  Run *run = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (run->app));

  run->ticks++;
  g_assert_cmpuint (run->ticks, <, 200);

  switch (run->step)
    {
    case 0:
      if (run->scenario == SERVICE)
        {
          /* Started by D-Bus activation or at login: no window, yet running. */
          if (run->ticks < 10)
            return G_SOURCE_CONTINUE;
          g_assert_null (windows);
          run->step = 2;
          return G_SOURCE_CONTINUE;
        }
      if (windows == NULL)
        return G_SOURCE_CONTINUE;
      run->had_window = TRUE;
      gtk_window_close (GTK_WINDOW (windows->data));
      run->step = 1;
      return G_SOURCE_CONTINUE;

    case 1:
      if (windows != NULL)
        return G_SOURCE_CONTINUE;
      run->ticks = 0;
      run->step = 2;
      return G_SOURCE_CONTINUE;

    case 2:
      /* Well past the moment an unheld app would have ended. */
      if (run->ticks < 10)
        return G_SOURCE_CONTINUE;
      g_assert_null (windows);
      run->alive_without_window = TRUE;
      run->quit_sent = TRUE;
      g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
      return G_SOURCE_REMOVE;

    default:
      g_assert_not_reached ();
    }
}

static void
run_application (Run        *run,
                 const char *app_id,
                 gboolean    run_in_background)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(AlgaApplication) app = alga_application_new ();
  char *argv_normal[] = { (char *) "alga-desktop", NULL };
  char *argv_service[] = { (char *) "alga-desktop", (char *) "--gapplication-service", NULL };
  guint step_id;
  int status;

  g_settings_set_boolean (settings, "run-in-background", run_in_background);
  g_settings_set_boolean (settings, "show-tray-icon", run->scenario == TRAY);

  /* Each run registers a name of its own on the test bus. */
  g_application_set_application_id (G_APPLICATION (app), app_id);
  run->app = G_APPLICATION (app);

  step_id = g_timeout_add (50, run->scenario == TRAY ? tray_step_cb : step_cb, run);
  if (run->scenario != CLOSE_WINDOW)
    status = g_application_run (G_APPLICATION (app), 2, argv_service);
  else
    status = g_application_run (G_APPLICATION (app), 1, argv_normal);
  g_assert_cmpint (status, ==, 0);

  if (!run->quit_sent)
    g_source_remove (step_id);

  /* Quitting leaves windows to their owner. */
  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  run->app = NULL;
}

static gboolean
skip_without_display (void)
{
  if (have_display)
    return FALSE;

  if (g_getenv ("ALGA_REQUIRE_DISPLAY") != NULL)
    g_error ("No display, although ALGA_REQUIRE_DISPLAY is set");
  g_test_skip ("No display");
  return TRUE;
}

static void
test_app_stays_after_last_window (void)
{
  Run run = { CLOSE_WINDOW, };

  if (skip_without_display ())
    return;

  run_application (&run, BASE_APP_ID ".Test.Stays", TRUE);
  g_assert_true (run.had_window);
  g_assert_true (run.alive_without_window);
  g_assert_true (run.quit_sent);
}

static void
test_app_ends_with_last_window (void)
{
  Run run = { CLOSE_WINDOW, };

  if (skip_without_display ())
    return;

  /* Without run-in-background the run ends when the window closes, before any quit. */
  run_application (&run, BASE_APP_ID ".Test.Ends", FALSE);
  g_assert_true (run.had_window);
  g_assert_false (run.alive_without_window);
  g_assert_false (run.quit_sent);
}

static void
test_app_service_start (void)
{
  Run run = { SERVICE, };

  if (skip_without_display ())
    return;

  run_application (&run, BASE_APP_ID ".Test.Service", TRUE);
  g_assert_false (run.had_window);
  g_assert_true (run.alive_without_window);
  g_assert_true (run.quit_sent);
}

static void
test_app_tray (void)
{
  Run run = { TRAY, };

  if (skip_without_display ())
    return;

  run.watcher = watcher_new ();
  run_application (&run, BASE_APP_ID ".Test.Tray", TRUE);
  g_assert_true (run.alive_without_window);
  g_assert_true (run.had_window);
  g_assert_true (run.quit_sent);

  /* The Quit click was answered before the app went. */
  alga_test_wait_until (run.reply != NULL, 5000);
  g_clear_object (&run.reply);
  watcher_free (run.watcher);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *display = NULL;
  g_autofree char *config_dir = NULL;
  g_autofree char *autostart_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("ALGA_TOKEN_STORE", "memory", TRUE);

  /* Only the config folder is moved (for the autostart file): G_TEST_OPTION_ISOLATE_DIRS would
   * also hide the system's MIME data, and with it the SVG loader for the app icon. */
  config_dir = g_dir_make_tmp ("test-background-XXXXXX", NULL);
  g_assert_nonnull (config_dir);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  /* GTestDBus unsets DISPLAY (against dbus autolaunch); the windows here still need it. */
  display = g_strdup (g_getenv ("DISPLAY"));
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/background/autostart-file", test_autostart_file);
  g_test_add_func ("/background/portal-request", test_portal_request);
  g_test_add_func ("/background/portal-denied", test_portal_denied);
  g_test_add_func ("/background/portal-cancel", test_portal_cancel);
  g_test_add_func ("/background/portal-missing", test_portal_missing);
  g_test_add_func ("/background/portal-no-bus", test_no_bus);
  g_test_add_func ("/background/hold", test_hold);
  g_test_add_func ("/background/app-stays-after-last-window", test_app_stays_after_last_window);
  g_test_add_func ("/background/app-ends-with-last-window", test_app_ends_with_last_window);
  g_test_add_func ("/background/app-service-start", test_app_service_start);
  g_test_add_func ("/background/app-tray", test_app_tray);

  status = g_test_run ();

  /* GTK and libadwaita keep the session bus connection to the end: stop the bus without
   * waiting for that connection to go, which finalizing the GTestDBus would do. */
  g_test_dbus_stop (test_bus);

  autostart_dir = g_build_filename (config_dir, "autostart", NULL);
  g_rmdir (autostart_dir);
  g_rmdir (config_dir);

  return status;
}
