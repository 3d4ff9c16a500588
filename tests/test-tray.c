/* test-tray.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tray icon on a private bus (GTestDBus), seen from a test StatusNotifierWatcher on a
 * connection of its own, as a panel would: the item registers by object path when the watcher
 * appears (and again when it comes back), its properties and menu layout read over D-Bus, menu
 * clicks and Activate reach the app's signals, and the attention state drives Status/NewStatus.
 */

#include "config.h"

#include "alga-dbusmenu.h"
#include "alga-test-utils.h"
#include "alga-tray.h"

#define WATCHER_NAME "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH "/StatusNotifierWatcher"
#define ITEM_IFACE   "org.kde.StatusNotifierItem"
#define MENU_IFACE   "com.canonical.dbusmenu"
#define TEST_APP_ID  "com.nineminds.AlgaPSA.Test"

static GTestDBus *test_bus;

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'>"
  "      <arg type='s' name='service' direction='in'/>"
  "    </method>"
  "    <method name='RegisterStatusNotifierHost'>"
  "      <arg type='s' name='service' direction='in'/>"
  "    </method>"
  "    <property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
  "    <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "    <property name='ProtocolVersion' type='i' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *app_bus;
  GDBusConnection *host_bus;
  guint            watcher_object_id;
  guint            watcher_owner_id;
  gboolean         watcher_owned;
  GPtrArray       *registrations;
  guint            signal_id;
  GPtrArray       *signals;

  AlgaTray        *tray;
  guint            n_activate;
  guint            n_quit;
  GPtrArray       *opened;
  GArray          *dnd_requests;
} Fixture;

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

/* The test watcher: records "sender path" for each registration, as a real watcher would
 * combine the sender's unique name with the object path it was given. */
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
  Fixture *f = user_data;
  const char *service;

  g_variant_get (parameters, "(&s)", &service);
  if (g_str_equal (method_name, "RegisterStatusNotifierItem"))
    g_ptr_array_add (f->registrations, g_strdup_printf ("%s %s", sender, service));

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
  Fixture *f = user_data;

  if (g_str_equal (property_name, "IsStatusNotifierHostRegistered"))
    return g_variant_new_boolean (TRUE);
  if (g_str_equal (property_name, "ProtocolVersion"))
    return g_variant_new_int32 (0);

  return g_variant_new_strv ((const char * const *) f->registrations->pdata,
                             f->registrations->len);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  Fixture *f = user_data;

  f->watcher_owned = TRUE;
}

static void
start_watcher (Fixture *f)
{
  f->watcher_owned = FALSE;
  f->watcher_owner_id = g_bus_own_name_on_connection (f->host_bus, WATCHER_NAME,
                                                      G_BUS_NAME_OWNER_FLAGS_NONE,
                                                      on_name_acquired_cb, NULL, f, NULL);
  alga_test_wait_until (f->watcher_owned, 5000);
}

static void
stop_watcher (Fixture *f)
{
  g_clear_handle_id (&f->watcher_owner_id, g_bus_unown_name);
  f->watcher_owned = FALSE;
}

static void
on_signal_cb (GDBusConnection *connection,
              const char      *sender_name,
              const char      *object_path,
              const char      *interface_name,
              const char      *signal_name,
              GVariant        *parameters,
              gpointer         user_data)
{
  Fixture *f = user_data;
  g_autofree char *printed = g_variant_print (parameters, FALSE);

  g_ptr_array_add (f->signals, g_strdup_printf ("%s %s", signal_name, printed));
}

static gboolean
has_signal (Fixture    *f,
            const char *text)
{
  for (guint i = 0; i < f->signals->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (f->signals, i), text))
        return TRUE;
    }

  return FALSE;
}

static guint
count_signals (Fixture    *f,
               const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < f->signals->len; i++)
    {
      if (g_str_has_prefix (g_ptr_array_index (f->signals, i), prefix))
        n++;
    }

  return n;
}

static void
on_activate_cb (AlgaTray *tray,
                Fixture  *f)
{
  f->n_activate++;
}

static void
on_quit_cb (AlgaTray *tray,
            Fixture  *f)
{
  f->n_quit++;
}

static void
on_open_ticket_cb (AlgaTray   *tray,
                   const char *ticket_id,
                   Fixture    *f)
{
  g_ptr_array_add (f->opened, g_strdup (ticket_id));
}

static void
on_toggle_dnd_cb (AlgaTray *tray,
                  gboolean  requested,
                  Fixture  *f)
{
  g_array_append_val (f->dnd_requests, requested);
}

static void
create_tray (Fixture *f)
{
  f->tray = alga_tray_new (f->app_bus, TEST_APP_ID);
  g_signal_connect (f->tray, "activate", G_CALLBACK (on_activate_cb), f);
  g_signal_connect (f->tray, "quit", G_CALLBACK (on_quit_cb), f);
  g_signal_connect (f->tray, "open-ticket", G_CALLBACK (on_open_ticket_cb), f);
  g_signal_connect (f->tray, "toggle-do-not-disturb", G_CALLBACK (on_toggle_dnd_cb), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const GDBusInterfaceVTable vtable = {
    watcher_method_cb, watcher_property_cb, NULL, { 0 }
  };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  f->registrations = g_ptr_array_new_with_free_func (g_free);
  f->signals = g_ptr_array_new_with_free_func (g_free);
  f->opened = g_ptr_array_new_with_free_func (g_free);
  f->dnd_requests = g_array_new (FALSE, FALSE, sizeof (gboolean));

  f->app_bus = new_connection ();
  f->host_bus = new_connection ();

  info = g_dbus_node_info_new_for_xml (watcher_xml, &error);
  g_assert_no_error (error);
  f->watcher_object_id = g_dbus_connection_register_object (f->host_bus, WATCHER_PATH,
                                                            info->interfaces[0], &vtable,
                                                            f, NULL, &error);
  g_assert_no_error (error);

  f->signal_id = g_dbus_connection_signal_subscribe (f->host_bus,
                                                     g_dbus_connection_get_unique_name (f->app_bus),
                                                     NULL, NULL, NULL, NULL,
                                                     G_DBUS_SIGNAL_FLAGS_NONE,
                                                     on_signal_cb, f, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->tray != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->tray));

  stop_watcher (f);
  g_dbus_connection_signal_unsubscribe (f->host_bus, f->signal_id);
  g_dbus_connection_unregister_object (f->host_bus, f->watcher_object_id);
  /* What is already sent is delivered, and handled, before the connections close. */
  g_dbus_connection_flush_sync (f->app_bus, NULL, NULL);
  g_dbus_connection_flush_sync (f->host_bus, NULL, NULL);
  alga_test_drain (10000);

  g_dbus_connection_close_sync (f->app_bus, NULL, NULL);
  g_dbus_connection_close_sync (f->host_bus, NULL, NULL);
  g_clear_object (&f->app_bus);
  g_clear_object (&f->host_bus);

  g_clear_pointer (&f->registrations, g_ptr_array_unref);
  g_clear_pointer (&f->signals, g_ptr_array_unref);
  g_clear_pointer (&f->opened, g_ptr_array_unref);
  g_clear_pointer (&f->dnd_requests, g_array_unref);
}

/* Calls the app's objects from the host's connection. Never synchronously: the app answers
 * from this same main context. */
static GVariant *
call (Fixture             *f,
      const char          *path,
      const char          *interface,
      const char          *method,
      GVariant            *parameters,
      const GVariantType  *reply_type,
      GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_dbus_connection_call (f->host_bus, g_dbus_connection_get_unique_name (f->app_bus),
                          path, interface, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);

  return g_dbus_connection_call_finish (f->host_bus, result, error);
}

static GVariant *
get_item_property (Fixture    *f,
                   const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *value = NULL;

  reply = call (f, ALGA_TRAY_ITEM_PATH, "org.freedesktop.DBus.Properties", "Get",
                g_variant_new ("(ss)", ITEM_IFACE, name), G_VARIANT_TYPE ("(v)"), &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);

  return value;
}

static void
start_registered (Fixture *f)
{
  create_tray (f);
  start_watcher (f);
  alga_test_wait_until (alga_tray_get_registered (f->tray), 5000);
}

static void
test_registers (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autoptr(GVariant) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **name_list = NULL;

  create_tray (f);
  /* A fixed time on purpose: without a watcher, nothing registers in it. */
  alga_test_spin (100);
  g_assert_false (alga_tray_get_registered (f->tray));
  g_assert_cmpuint (f->registrations->len, ==, 0);

  start_watcher (f);
  alga_test_wait_until (f->registrations->len == 1, 5000);
  expected = g_strdup_printf ("%s %s", g_dbus_connection_get_unique_name (f->app_bus),
                              ALGA_TRAY_ITEM_PATH);
  g_assert_cmpstr (g_ptr_array_index (f->registrations, 0), ==, expected);
  alga_test_wait_until (alga_tray_get_registered (f->tray), 5000);

  /* A panel restart: the watcher goes and comes back, and the item registers again. */
  stop_watcher (f);
  alga_test_wait_until (!alga_tray_get_registered (f->tray), 5000);
  start_watcher (f);
  alga_test_wait_until (f->registrations->len == 2, 5000);
  g_assert_cmpstr (g_ptr_array_index (f->registrations, 1), ==, expected);
  alga_test_wait_until (alga_tray_get_registered (f->tray), 5000);

  /* It owns no well-known name: only the watcher (on the host's connection) and the bus do. */
  names = g_dbus_connection_call_sync (f->host_bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ListNames", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (names, "(^a&s)", &name_list);
  for (guint i = 0; name_list[i] != NULL; i++)
    {
      if (name_list[i][0] != ':')
        g_assert_true (g_str_equal (name_list[i], "org.freedesktop.DBus")
                       || g_str_equal (name_list[i], WATCHER_NAME));
    }
}

static void
test_properties (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariant) tooltip = NULL;
  g_autoptr(GVariant) status = NULL;
  g_autoptr(GError) error = NULL;
  const char *string;
  const char *title;
  const char *description;
  gboolean is_menu = TRUE;

  start_registered (f);

  reply = call (f, ALGA_TRAY_ITEM_PATH, "org.freedesktop.DBus.Properties", "GetAll",
                g_variant_new ("(s)", ITEM_IFACE), G_VARIANT_TYPE ("(a{sv})"), &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(@a{sv})", &all);

  g_assert_true (g_variant_lookup (all, "Category", "&s", &string));
  g_assert_cmpstr (string, ==, "Communications");
  g_assert_true (g_variant_lookup (all, "Id", "&s", &string));
  g_assert_cmpstr (string, ==, TEST_APP_ID);
  g_assert_true (g_variant_lookup (all, "Title", "&s", &string));
  g_assert_cmpstr (string, ==, "Alga PSA");
  g_assert_true (g_variant_lookup (all, "Status", "&s", &string));
  g_assert_cmpstr (string, ==, "Active");
  g_assert_true (g_variant_lookup (all, "IconName", "&s", &string));
  g_assert_cmpstr (string, ==, TEST_APP_ID);
  g_assert_true (g_variant_lookup (all, "AttentionIconName", "&s", &string));
  g_assert_cmpstr (string, !=, "");
  g_assert_true (g_variant_lookup (all, "ItemIsMenu", "b", &is_menu));
  g_assert_false (is_menu);
  g_assert_true (g_variant_lookup (all, "Menu", "&o", &string));
  g_assert_cmpstr (string, ==, ALGA_TRAY_MENU_PATH);
  g_assert_true (g_variant_lookup (all, "ToolTip", "(&sa(iiay)&s&s)", &string, NULL,
                                   &title, &description));
  g_assert_cmpstr (string, ==, TEST_APP_ID);
  g_assert_cmpstr (title, ==, "Alga PSA");
  g_assert_cmpstr (description, ==, "");

  alga_tray_set_tooltip_counts (f->tray, 3, 1);
  alga_test_wait_until (count_signals (f, "NewToolTip") == 1, 5000);
  tooltip = get_item_property (f, "ToolTip");
  g_variant_get (tooltip, "(&sa(iiay)&s&s)", NULL, NULL, &title, &description);
  g_assert_cmpstr (description, ==, "3 open tickets assigned to you, 1 new");

  /* The same counts again change nothing, so no signal. */
  alga_tray_set_tooltip_counts (f->tray, 3, 1);
  /* A fixed time on purpose: no signal comes in it. */
  alga_test_spin (50);
  g_assert_cmpuint (count_signals (f, "NewToolTip"), ==, 1);

  status = get_item_property (f, "Status");
  g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "Active");
}

static GPtrArray *
events_for_test (guint n)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) alga_tray_event_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("ticket-%u", i);
      g_autofree char *number = g_strdup_printf ("TIC-%u", 1000 + i);
      g_autofree char *title = g_strdup_printf (i == 1 ? "disk_full on server %u" : "Printer %u",
                                                i);

      g_ptr_array_add (events, alga_tray_event_new_for_ticket (id, number, title));
    }

  return events;
}

/* Returns the root's children as (id, properties) pairs in @ids and @props. */
static guint
get_layout (Fixture  *f,
            GArray   *ids,
            GPtrArray *props)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) root_props = NULL;
  g_autoptr(GVariantIter) children = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { NULL };
  GVariant *child;
  guint revision;
  int root_id;
  const char *display;

  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "GetLayout",
                g_variant_new ("(ii^as)", 0, -1, names), G_VARIANT_TYPE ("(u(ia{sv}av))"), &error);
  g_assert_no_error (error);

  g_variant_get (reply, "(u(i@a{sv}av))", &revision, &root_id, &root_props, &children);
  g_assert_cmpint (root_id, ==, 0);
  g_assert_true (g_variant_lookup (root_props, "children-display", "&s", &display));
  g_assert_cmpstr (display, ==, "submenu");

  while (g_variant_iter_loop (children, "v", &child))
    {
      g_autoptr(GVariantIter) grandchildren = NULL;
      GVariant *child_props;
      int id;

      g_assert_true (g_variant_is_of_type (child, G_VARIANT_TYPE ("(ia{sv}av)")));
      g_variant_get (child, "(i@a{sv}av)", &id, &child_props, &grandchildren);
      g_assert_cmpuint (g_variant_iter_n_children (grandchildren), ==, 0);
      g_array_append_val (ids, id);
      g_ptr_array_add (props, child_props);
    }

  return revision;
}

static char *
dup_label (GVariant *props)
{
  const char *type = NULL;
  const char *label = NULL;

  if (g_variant_lookup (props, "type", "&s", &type) && g_str_equal (type, "separator"))
    return g_strdup ("---");

  g_assert_true (g_variant_lookup (props, "label", "&s", &label));
  return g_strdup (label);
}

static void
test_menu_layout (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) events = events_for_test (6);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) version = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    "_Open Alga PSA", "---",
    "TIC-1000 · Printer 0", "TIC-1001 · disk__full on server 1", "TIC-1002 · Printer 2",
    "TIC-1003 · Printer 3", "TIC-1004 · Printer 4",
    "---", "Do Not _Disturb", "_Quit",
  };
  g_autofree char *layout_signal = NULL;
  const char *toggle_type;
  guint revision_before;
  guint revision_after;
  int toggle_state = -1;

  start_registered (f);

  /* No events yet: Open, a separator, Do not disturb, Quit. */
  revision_before = get_layout (f, ids, props);
  g_assert_cmpuint (ids->len, ==, 4);

  alga_tray_set_events (f->tray, events);
  alga_test_wait_until (count_signals (f, "LayoutUpdated") == 1, 5000);

  g_array_set_size (ids, 0);
  g_ptr_array_set_size (props, 0);
  revision_after = get_layout (f, ids, props);
  g_assert_cmpuint (revision_after, >, revision_before);
  layout_signal = g_strdup_printf ("LayoutUpdated (%u, 0)", revision_after);
  g_assert_true (has_signal (f, layout_signal));

  /* Only the five newest of six events, underscores kept literally. */
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *label = dup_label (g_ptr_array_index (props, i));

      g_assert_cmpstr (label, ==, expected[i]);
    }

  g_assert_true (g_variant_lookup (g_ptr_array_index (props, 8), "toggle-type", "&s", &toggle_type));
  g_assert_cmpstr (toggle_type, ==, "checkmark");
  g_assert_true (g_variant_lookup (g_ptr_array_index (props, 8), "toggle-state", "i", &toggle_state));
  g_assert_cmpint (toggle_state, ==, 0);

  /* One item's property, and a depth of 0 that leaves the children out. */
  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "GetProperty",
                g_variant_new ("(is)", g_array_index (ids, int, 9), "label"),
                G_VARIANT_TYPE ("(v)"), &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "_Quit");
  g_clear_pointer (&reply, g_variant_unref);

  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "GetLayout",
                g_variant_new ("(ii^as)", 0, 0, (const char *[]) { "label", NULL }),
                G_VARIANT_TYPE ("(u(ia{sv}av))"), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) layout = g_variant_get_child_value (reply, 1);
    g_autoptr(GVariant) children = g_variant_get_child_value (layout, 2);

    g_assert_cmpuint (g_variant_n_children (children), ==, 0);
  }
  g_clear_pointer (&reply, g_variant_unref);

  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "GetGroupProperties",
                g_variant_new ("(@ai^as)",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_INT32,
                                                          &g_array_index (ids, int, 2), 1,
                                                          sizeof (int)),
                               (const char *[]) { "label", NULL }),
                G_VARIANT_TYPE ("(a(ia{sv}))"), &error);
  g_assert_no_error (error);
  {
    g_autofree char *printed = g_variant_print (reply, FALSE);
    g_autofree char *wanted = g_strdup_printf ("([(%d, {'label': <'TIC-1000 · Printer 0'>})],)",
                                               g_array_index (ids, int, 2));

    g_assert_cmpstr (printed, ==, wanted);
  }
  g_clear_pointer (&reply, g_variant_unref);

  /* An unknown item is an error, not a crash or an empty answer. */
  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "GetProperty",
                g_variant_new ("(is)", 4242, "label"), G_VARIANT_TYPE ("(v)"), &error);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_assert_null (reply);
  g_clear_error (&error);

  reply = call (f, ALGA_TRAY_MENU_PATH, "org.freedesktop.DBus.Properties", "Get",
                g_variant_new ("(ss)", MENU_IFACE, "Version"), G_VARIANT_TYPE ("(v)"), &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &version);
  g_assert_cmpuint (g_variant_get_uint32 (version), ==, 3);
}

static void
count_stop_cb (guint *stops)
{
  (*stops)++;
}

static void
send_event (Fixture *f,
            int      id)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "Event",
                g_variant_new ("(isvu)", id, "clicked", g_variant_new_int32 (0), 0),
                NULL, &error);
  g_assert_no_error (error);
}

static void
test_menu_events (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) events = events_for_test (3);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted = NULL;
  gboolean need_update = TRUE;
  int hovered;

  start_registered (f);
  alga_tray_set_events (f->tray, events);
  get_layout (f, ids, props);
  g_assert_cmpuint (ids->len, ==, 8);

  /* Open, events, separator, Do not disturb, Quit. */
  send_event (f, g_array_index (ids, int, 3));
  alga_test_wait_until (f->opened->len == 1, 5000);
  g_assert_cmpstr (g_ptr_array_index (f->opened, 0), ==, "ticket-1");

  send_event (f, g_array_index (ids, int, 0));
  alga_test_wait_until (f->n_activate == 1, 5000);

  send_event (f, g_array_index (ids, int, 6));
  alga_test_wait_until (f->dnd_requests->len == 1, 5000);
  g_assert_true (g_array_index (f->dnd_requests, gboolean, 0));

  /* The check mark follows the setting, and hosts hear of it. */
  alga_tray_set_do_not_disturb (f->tray, TRUE);
  wanted = g_strdup_printf ("ItemsPropertiesUpdated ([(%d, {'toggle-state': <1>})], [])",
                            g_array_index (ids, int, 6));
  alga_test_wait_until (has_signal (f, wanted), 5000);

  /* Hovering (or any other event) is not a click. */
  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "EventGroup",
                g_variant_new_parsed ("([(%i, 'hovered', <0>, uint32 0), (4242, 'clicked', <0>, uint32 0)],)",
                                      g_array_index (ids, int, 7)),
                G_VARIANT_TYPE ("(ai)"), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) errors = g_variant_get_child_value (reply, 0);

    g_assert_cmpuint (g_variant_n_children (errors), ==, 1);
    g_variant_get_child (errors, 0, "i", &hovered);
    g_assert_cmpint (hovered, ==, 4242);
  }
  g_clear_pointer (&reply, g_variant_unref);
  g_assert_cmpuint (f->n_quit, ==, 0);

  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "AboutToShow",
                g_variant_new ("(i)", 0), G_VARIANT_TYPE ("(b)"), &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &need_update);
  g_assert_false (need_update);
  g_clear_pointer (&reply, g_variant_unref);

  send_event (f, g_array_index (ids, int, 7));
  alga_test_wait_until (f->n_quit == 1, 5000);

  /* After new events, the old items' ids open nothing (the host may still show the old menu). */
  alga_tray_set_events (f->tray, events);
  reply = call (f, ALGA_TRAY_MENU_PATH, MENU_IFACE, "Event",
                g_variant_new ("(isvu)", g_array_index (ids, int, 3), "clicked",
                               g_variant_new_int32 (0), 0),
                NULL, &error);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  /* A fixed time on purpose: nothing opens in it. */
  alga_test_spin (50);
  g_assert_cmpuint (f->opened->len, ==, 1);
}

/* A running timer: a line in the tooltip, and "Stop the Timer…" in the menu, which asks the app
 * to stop it; both go when it stops. */
static void
test_timer (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GVariant) tooltip = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_local (2026, 12, 7, 9, 15, 0);
  const char *description;
  guint stops = 0;
  guint before;

  start_registered (f);
  g_signal_connect_swapped (f->tray, "stop-timer", G_CALLBACK (count_stop_cb), &stops);
  get_layout (f, ids, props);
  before = ids->len;
  g_array_set_size (ids, 0);
  g_ptr_array_set_size (props, 0);

  alga_tray_set_timer (f->tray, "TIC001053", start);
  alga_test_wait_until (count_signals (f, "NewToolTip") == 1, 5000);
  tooltip = get_item_property (f, "ToolTip");
  g_variant_get (tooltip, "(&sa(iiay)&s&s)", NULL, NULL, NULL, &description);
  g_assert_cmpstr (description, ==, "Timer on TIC001053 since 09:15");

  get_layout (f, ids, props);
  g_assert_cmpuint (ids->len, ==, before + 1);
  send_event (f, g_array_index (ids, int, 1));
  alga_test_wait_until (stops == 1, 5000);

  alga_tray_set_timer (f->tray, NULL, NULL);
  alga_test_wait_until (count_signals (f, "NewToolTip") == 2, 5000);
  g_array_set_size (ids, 0);
  g_ptr_array_set_size (props, 0);
  get_layout (f, ids, props);
  g_assert_cmpuint (ids->len, ==, before);
}

static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  start_registered (f);

  reply = call (f, ALGA_TRAY_ITEM_PATH, ITEM_IFACE, "Activate", g_variant_new ("(ii)", 10, 20),
                NULL, &error);
  g_assert_no_error (error);
  alga_test_wait_until (f->n_activate == 1, 5000);
  g_clear_pointer (&reply, g_variant_unref);

  /* A middle click and a scroll do not open the window. */
  reply = call (f, ALGA_TRAY_ITEM_PATH, ITEM_IFACE, "SecondaryActivate",
                g_variant_new ("(ii)", 10, 20), NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);
  reply = call (f, ALGA_TRAY_ITEM_PATH, ITEM_IFACE, "Scroll",
                g_variant_new ("(is)", 1, "vertical"), NULL, &error);
  g_assert_no_error (error);
  /* A fixed time on purpose: the window is not asked to open in it. */
  alga_test_spin (50);
  g_assert_cmpuint (f->n_activate, ==, 1);
}

static void
test_attention (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GVariant) status = NULL;

  start_registered (f);

  alga_tray_set_attention (f->tray, TRUE);
  alga_test_wait_until (has_signal (f, "NewStatus ('NeedsAttention',)"), 5000);
  status = get_item_property (f, "Status");
  g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "NeedsAttention");
  g_clear_pointer (&status, g_variant_unref);

  /* No change, no signal. */
  alga_tray_set_attention (f->tray, TRUE);
  /* A fixed time on purpose: no signal comes in it. */
  alga_test_spin (50);
  g_assert_cmpuint (count_signals (f, "NewStatus"), ==, 1);

  alga_tray_set_attention (f->tray, FALSE);
  alga_test_wait_until (has_signal (f, "NewStatus ('Active',)"), 5000);
  status = get_item_property (f, "Status");
  g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "Active");
  g_assert_cmpuint (count_signals (f, "NewStatus"), ==, 2);
}

static void
test_goes_away (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  start_registered (f);

  /* The preference turned off: the host is told to hide the item, which leaves the bus. */
  g_assert_finalize_object (g_steal_pointer (&f->tray));
  alga_test_wait_until (has_signal (f, "NewStatus ('Passive',)"), 5000);

  reply = call (f, ALGA_TRAY_ITEM_PATH, "org.freedesktop.DBus.Properties", "Get",
                g_variant_new ("(ss)", ITEM_IFACE, "Status"), G_VARIANT_TYPE ("(v)"), &error);
  g_assert_nonnull (error);
  g_assert_null (reply);
}

static void
test_escape_label (void)
{
  g_autofree char *plain = alga_dbusmenu_escape_label ("Printer offline");
  g_autofree char *underscores = alga_dbusmenu_escape_label ("_a__b_");

  g_assert_cmpstr (plain, ==, "Printer offline");
  g_assert_cmpstr (underscores, ==, "__a____b__");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);

  g_test_add ("/tray/registers", Fixture, NULL, fixture_set_up, test_registers, fixture_tear_down);
  g_test_add ("/tray/properties", Fixture, NULL, fixture_set_up, test_properties, fixture_tear_down);
  g_test_add ("/tray/menu-layout", Fixture, NULL, fixture_set_up, test_menu_layout, fixture_tear_down);
  g_test_add ("/tray/menu-events", Fixture, NULL, fixture_set_up, test_menu_events, fixture_tear_down);
  g_test_add ("/tray/activate", Fixture, NULL, fixture_set_up, test_activate, fixture_tear_down);
  g_test_add ("/tray/timer", Fixture, NULL, fixture_set_up, test_timer, fixture_tear_down);
  g_test_add ("/tray/attention", Fixture, NULL, fixture_set_up, test_attention, fixture_tear_down);
  g_test_add ("/tray/goes-away", Fixture, NULL, fixture_set_up, test_goes_away, fixture_tear_down);
  g_test_add_func ("/tray/escape-label", test_escape_label);

  status = g_test_run ();

  g_test_dbus_down (test_bus);
  g_clear_object (&test_bus);

  return status;
}
