/* alga-tray.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tray icon as a StatusNotifierItem (org.kde.StatusNotifierItem) with a com.canonical.dbusmenu
 * menu, both exported on the app's own bus connection. It registers with the watcher by object
 * path only: the watcher takes the sender's unique name, so the app owns no extra bus name (which
 * the Flatpak sandbox would not allow anyway).
 */

#define G_LOG_DOMAIN "alga-tray"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-dbusmenu.h"
#include "alga-tray.h"

#define WATCHER_NAME      "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH      "/StatusNotifierWatcher"
#define ITEM_INTERFACE    "org.kde.StatusNotifierItem"

/* Fixed menu ids; event items take fresh ids from FIRST_EVENT_ID on, so that a click on a
 * menu the host fetched before an update never opens the wrong ticket. */
enum {
  MENU_OPEN = 1,
  MENU_STOP_TIMER,
  MENU_SEPARATOR_EVENTS,
  MENU_SEPARATOR_END,
  MENU_DO_NOT_DISTURB,
  MENU_QUIT,
  FIRST_EVENT_ID = 100,
};

struct _AlgaTray
{
  GObject          parent_instance;

  GDBusConnection *connection;
  char            *app_id;
  AlgaDbusmenu    *menu;
  GCancellable    *cancellable;
  GPtrArray       *events;
  GHashTable      *event_ids;
  int              next_event_id;
  guint            watch_id;
  guint            registration_id;
  char            *tooltip;
  char            *timer_text;   /* the running timer, or NULL */
  gboolean         registered;
  gboolean         attention;
  gboolean         do_not_disturb;
  gboolean         passive;
};

G_DEFINE_FINAL_TYPE (AlgaTray, alga_tray, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_APP_ID,
  PROP_REGISTERED,
  PROP_ATTENTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  OPEN_TICKET,
  TOGGLE_DO_NOT_DISTURB,
  QUIT,
  STOP_TIMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierItem'>"
  "    <property name='Category' type='s' access='read'/>"
  "    <property name='Id' type='s' access='read'/>"
  "    <property name='Title' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='WindowId' type='i' access='read'/>"
  "    <property name='IconThemePath' type='s' access='read'/>"
  "    <property name='Menu' type='o' access='read'/>"
  "    <property name='ItemIsMenu' type='b' access='read'/>"
  "    <property name='IconName' type='s' access='read'/>"
  "    <property name='IconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='OverlayIconName' type='s' access='read'/>"
  "    <property name='OverlayIconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='AttentionIconName' type='s' access='read'/>"
  "    <property name='AttentionIconPixmap' type='a(iiay)' access='read'/>"
  "    <property name='AttentionMovieName' type='s' access='read'/>"
  "    <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "    <method name='ContextMenu'>"
  "      <arg type='i' name='x' direction='in'/>"
  "      <arg type='i' name='y' direction='in'/>"
  "    </method>"
  "    <method name='Activate'>"
  "      <arg type='i' name='x' direction='in'/>"
  "      <arg type='i' name='y' direction='in'/>"
  "    </method>"
  "    <method name='SecondaryActivate'>"
  "      <arg type='i' name='x' direction='in'/>"
  "      <arg type='i' name='y' direction='in'/>"
  "    </method>"
  "    <method name='Scroll'>"
  "      <arg type='i' name='delta' direction='in'/>"
  "      <arg type='s' name='orientation' direction='in'/>"
  "    </method>"
  "    <signal name='NewTitle'/>"
  "    <signal name='NewIcon'/>"
  "    <signal name='NewAttentionIcon'/>"
  "    <signal name='NewOverlayIcon'/>"
  "    <signal name='NewToolTip'/>"
  "    <signal name='NewStatus'>"
  "      <arg type='s' name='status'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

AlgaTrayEvent *
alga_tray_event_new (const char *ticket_id,
                     const char *label)
{
  AlgaTrayEvent *event;

  g_return_val_if_fail (ticket_id != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  event = g_new0 (AlgaTrayEvent, 1);
  event->ticket_id = g_strdup (ticket_id);
  event->label = g_strdup (label);

  return event;
}

/**
 * alga_tray_event_new_for_ticket:
 * @ticket_id: the ticket's id
 * @ticket_number: (nullable): its number, e.g. "TIC-1042"
 * @title: its title
 *
 * Returns: (transfer full): an event labelled "number · title"
 */
AlgaTrayEvent *
alga_tray_event_new_for_ticket (const char *ticket_id,
                                const char *ticket_number,
                                const char *title)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  if (ticket_number == NULL || ticket_number[0] == '\0')
    return alga_tray_event_new (ticket_id, title);

  /* Translators: a tray menu item: the ticket number, then its title. */
  label = g_strdup_printf (C_("tray menu", "%s · %s"), ticket_number, title);
  return alga_tray_event_new (ticket_id, label);
}

void
alga_tray_event_free (AlgaTrayEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->ticket_id);
  g_free (event->label);
  g_free (event);
}

static const char *
get_status (AlgaTray *self)
{
  if (self->passive)
    return "Passive";

  return self->attention ? "NeedsAttention" : "Active";
}

static void
emit_item_signal (AlgaTray   *self,
                  const char *name,
                  GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;

  if (self->registration_id == 0)
    {
      if (parameters != NULL)
        g_variant_unref (g_variant_ref_sink (parameters));
      return;
    }

  if (!g_dbus_connection_emit_signal (self->connection, NULL, ALGA_TRAY_ITEM_PATH,
                                      ITEM_INTERFACE, name, parameters, &error))
    g_debug ("Could not emit %s: %s", name, error->message);
}

static void
rebuild_menu (AlgaTray *self)
{
  alga_dbusmenu_remove_all (self->menu);
  g_hash_table_remove_all (self->event_ids);

  alga_dbusmenu_add_item (self->menu, MENU_OPEN, _("_Open Alga PSA"));
  if (self->timer_text != NULL)
    alga_dbusmenu_add_item (self->menu, MENU_STOP_TIMER, _("_Stop the Timer…"));

  if (self->events->len > 0)
    alga_dbusmenu_add_separator (self->menu, MENU_SEPARATOR_EVENTS);
  for (guint i = 0; i < self->events->len; i++)
    {
      AlgaTrayEvent *event = g_ptr_array_index (self->events, i);
      g_autofree char *label = alga_dbusmenu_escape_label (event->label);
      int id = self->next_event_id++;

      alga_dbusmenu_add_item (self->menu, id, label);
      g_hash_table_insert (self->event_ids, GINT_TO_POINTER (id), g_strdup (event->ticket_id));
    }

  alga_dbusmenu_add_separator (self->menu, MENU_SEPARATOR_END);
  alga_dbusmenu_add_check_item (self->menu, MENU_DO_NOT_DISTURB, _("Do Not _Disturb"),
                                self->do_not_disturb);
  alga_dbusmenu_add_item (self->menu, MENU_QUIT, _("_Quit"));

  alga_dbusmenu_layout_changed (self->menu);
}

static void
on_menu_clicked_cb (AlgaTray     *self,
                    int           id,
                    AlgaDbusmenu *menu)
{
  const char *ticket_id;

  switch (id)
    {
    case MENU_OPEN:
      g_signal_emit (self, signals[ACTIVATE], 0);
      break;

    case MENU_DO_NOT_DISTURB:
      g_signal_emit (self, signals[TOGGLE_DO_NOT_DISTURB], 0, !self->do_not_disturb);
      break;

    case MENU_QUIT:
      g_signal_emit (self, signals[QUIT], 0);
      break;

    case MENU_STOP_TIMER:
      g_signal_emit (self, signals[STOP_TIMER], 0);
      break;

    default:
      ticket_id = g_hash_table_lookup (self->event_ids, GINT_TO_POINTER (id));
      if (ticket_id != NULL)
        {
          g_autofree char *copy = g_strdup (ticket_id);

          g_signal_emit (self, signals[OPEN_TICKET], 0, copy);
        }
      break;
    }
}

static GVariant *
empty_pixmaps (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
}

static GVariant *
get_tooltip (AlgaTray *self)
{
  g_autofree char *text = NULL;

  /* The timer's line says since when, not for how long: nothing to update while it runs. */
  text = g_strconcat (self->tooltip != NULL ? self->tooltip : "",
                      self->timer_text != NULL && self->tooltip != NULL ? "\n" : "",
                      self->timer_text != NULL ? self->timer_text : "", NULL);
  return g_variant_new ("(s@a(iiay)ss)", self->app_id, empty_pixmaps (), _("Alga PSA"), text);
}

static GVariant *
item_get_property_cb (GDBusConnection  *connection,
                      const char       *sender,
                      const char       *object_path,
                      const char       *interface_name,
                      const char       *property_name,
                      GError          **error,
                      gpointer          user_data)
{
  AlgaTray *self = user_data;

  if (g_str_equal (property_name, "Category"))
    return g_variant_new_string ("Communications");
  if (g_str_equal (property_name, "Id"))
    return g_variant_new_string (self->app_id);
  if (g_str_equal (property_name, "Title"))
    return g_variant_new_string (_("Alga PSA"));
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string (get_status (self));
  if (g_str_equal (property_name, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (property_name, "IconThemePath"))
    return g_variant_new_string ("");
  if (g_str_equal (property_name, "Menu"))
    return g_variant_new_object_path (ALGA_TRAY_MENU_PATH);
  if (g_str_equal (property_name, "ItemIsMenu"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (property_name, "IconName"))
    return g_variant_new_string (self->app_id);
  /* The app has no attention variant of its icon yet; this standard name exists in the
   * freedesktop-named themes that tray hosts use (Adwaita, Breeze). */
  if (g_str_equal (property_name, "AttentionIconName"))
    return g_variant_new_string ("mail-unread");
  if (g_str_equal (property_name, "OverlayIconName")
      || g_str_equal (property_name, "AttentionMovieName"))
    return g_variant_new_string ("");
  if (g_str_has_suffix (property_name, "Pixmap"))
    return empty_pixmaps ();
  if (g_str_equal (property_name, "ToolTip"))
    return get_tooltip (self);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY,
               "No property %s", property_name);
  return NULL;
}

static void
item_method_call_cb (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  AlgaTray *self = user_data;

  g_dbus_method_invocation_return_value (invocation, NULL);

  /* A host calls ContextMenu only when it cannot show the dbusmenu itself; without a toolkit
   * here, showing the window is the most useful answer. Scrolling means nothing for this app,
   * and middle clicks (SecondaryActivate) are left alone rather than surprising anyone. */
  if (g_str_equal (method_name, "Activate") || g_str_equal (method_name, "ContextMenu"))
    g_signal_emit (self, signals[ACTIVATE], 0);
}

static gboolean
export_objects (AlgaTray  *self,
                GError   **error)
{
  static GDBusNodeInfo *node_info;
  static const GDBusInterfaceVTable vtable = {
    item_method_call_cb, item_get_property_cb, NULL, { 0 }
  };

  if (self->registration_id != 0)
    return TRUE;

  if (g_once_init_enter (&node_info))
    g_once_init_leave (&node_info, g_dbus_node_info_new_for_xml (introspection_xml, NULL));

  if (!alga_dbusmenu_export (self->menu, self->connection, ALGA_TRAY_MENU_PATH, error))
    return FALSE;

  self->registration_id = g_dbus_connection_register_object (self->connection,
                                                             ALGA_TRAY_ITEM_PATH,
                                                             node_info->interfaces[0],
                                                             &vtable, self, NULL, error);
  if (self->registration_id == 0)
    {
      alga_dbusmenu_unexport (self->menu);
      return FALSE;
    }

  return TRUE;
}

static void
set_registered (AlgaTray *self,
                gboolean  registered)
{
  if (self->registered == registered)
    return;

  self->registered = registered;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
}

static void
on_registered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AlgaTray) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply == NULL)
    {
      g_debug ("The StatusNotifierWatcher refused the tray icon: %s", error->message);
      return;
    }

  g_debug ("Tray icon registered");
  set_registered (self, TRUE);
}

static void
on_watcher_appeared_cb (GDBusConnection *connection,
                        const char      *name,
                        const char      *name_owner,
                        gpointer         user_data)
{
  AlgaTray *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!export_objects (self, &error))
    {
      g_warning ("Could not export the tray icon: %s", error->message);
      return;
    }

  g_dbus_connection_call (connection, WATCHER_NAME, WATCHER_PATH, WATCHER_NAME,
                          "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", ALGA_TRAY_ITEM_PATH),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          on_registered_cb, g_object_ref (self));
}

static void
on_watcher_vanished_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  AlgaTray *self = user_data;

  /* Registered again when a watcher comes back (e.g. the panel restarts). */
  set_registered (self, FALSE);
}

static void
alga_tray_constructed (GObject *object)
{
  AlgaTray *self = ALGA_TRAY (object);

  G_OBJECT_CLASS (alga_tray_parent_class)->constructed (object);

  g_return_if_fail (G_IS_DBUS_CONNECTION (self->connection));
  g_return_if_fail (self->app_id != NULL);

  rebuild_menu (self);
  self->watch_id = g_bus_watch_name_on_connection (self->connection, WATCHER_NAME,
                                                   G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   on_watcher_appeared_cb,
                                                   on_watcher_vanished_cb,
                                                   self, NULL);
}

static void
alga_tray_dispose (GObject *object)
{
  AlgaTray *self = ALGA_TRAY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);

  /* The watcher forgets an item only when its bus name goes, which is the whole app: a Passive
   * item is one that hosts hide, so the icon goes away when the preference is turned off. */
  if (self->registration_id != 0)
    {
      self->passive = TRUE;
      emit_item_signal (self, "NewStatus", g_variant_new ("(s)", get_status (self)));
      g_dbus_connection_unregister_object (self->connection, self->registration_id);
      self->registration_id = 0;
    }

  if (self->menu != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->menu, on_menu_clicked_cb, self);
      alga_dbusmenu_unexport (self->menu);
    }
  g_clear_object (&self->menu);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (alga_tray_parent_class)->dispose (object);
}

static void
alga_tray_finalize (GObject *object)
{
  AlgaTray *self = ALGA_TRAY (object);

  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->event_ids, g_hash_table_unref);
  g_clear_pointer (&self->app_id, g_free);
  g_clear_pointer (&self->tooltip, g_free);
  g_clear_pointer (&self->timer_text, g_free);

  G_OBJECT_CLASS (alga_tray_parent_class)->finalize (object);
}

static void
alga_tray_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AlgaTray *self = ALGA_TRAY (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    case PROP_APP_ID:
      g_value_set_string (value, self->app_id);
      break;

    case PROP_REGISTERED:
      g_value_set_boolean (value, self->registered);
      break;

    case PROP_ATTENTION:
      g_value_set_boolean (value, self->attention);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_tray_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AlgaTray *self = ALGA_TRAY (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;

    case PROP_APP_ID:
      self->app_id = g_value_dup_string (value);
      break;

    case PROP_ATTENTION:
      alga_tray_set_attention (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_tray_class_init (AlgaTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alga_tray_constructed;
  object_class->dispose = alga_tray_dispose;
  object_class->finalize = alga_tray_finalize;
  object_class->get_property = alga_tray_get_property;
  object_class->set_property = alga_tray_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_APP_ID] =
    g_param_spec_string ("app-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AlgaTray:registered:
   *
   * Whether a StatusNotifierWatcher accepted the item, i.e. whether the desktop can show it.
   */
  properties[PROP_REGISTERED] =
    g_param_spec_boolean ("registered", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ATTENTION] =
    g_param_spec_boolean ("attention", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaTray::activate:
   *
   * The icon was clicked, or Open chosen in its menu: show the window.
   */
  signals[ACTIVATE] = g_signal_new ("activate",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  /**
   * AlgaTray::open-ticket:
   * @ticket_id: the ticket of the chosen event
   */
  signals[OPEN_TICKET] = g_signal_new ("open-ticket",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AlgaTray::toggle-do-not-disturb:
   * @do_not_disturb: the state the user asked for
   *
   * The menu's check mark follows only alga_tray_set_do_not_disturb(), so that it shows the
   * setting, not the click.
   */
  signals[TOGGLE_DO_NOT_DISTURB] = g_signal_new ("toggle-do-not-disturb",
                                                 G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  signals[QUIT] = g_signal_new ("quit",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  /**
   * AlgaTray::stop-timer:
   *
   * "Stop the Timer…" was chosen: show the dialog that stops it.
   */
  signals[STOP_TIMER] = g_signal_new ("stop-timer",
                                      G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 0);
}

static void
alga_tray_init (AlgaTray *self)
{
  self->cancellable = g_cancellable_new ();
  self->menu = alga_dbusmenu_new ();
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) alga_tray_event_free);
  self->event_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->next_event_id = FIRST_EVENT_ID;

  g_signal_connect_object (self->menu, "clicked", G_CALLBACK (on_menu_clicked_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * alga_tray_new:
 * @connection: the app's session bus connection
 * @app_id: the application ID, which is also the icon name
 *
 * Creates the tray icon. It appears once a StatusNotifierWatcher is on the bus, and again
 * whenever one starts; dropping the last reference takes it away.
 *
 * Returns: (transfer full): the tray icon
 */
AlgaTray *
alga_tray_new (GDBusConnection *connection,
               const char      *app_id)
{
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (app_id != NULL, NULL);

  return g_object_new (ALGA_TYPE_TRAY,
                       "connection", connection,
                       "app-id", app_id,
                       NULL);
}

gboolean
alga_tray_get_registered (AlgaTray *self)
{
  g_return_val_if_fail (ALGA_IS_TRAY (self), FALSE);

  return self->registered;
}

/**
 * alga_tray_set_events:
 * @self: the tray icon
 * @events: (element-type AlgaTrayEvent): the newest events, newest first
 *
 * The menu lists the first five of @events, each opening its ticket.
 */
void
alga_tray_set_events (AlgaTray  *self,
                      GPtrArray *events)
{
  g_return_if_fail (ALGA_IS_TRAY (self));
  g_return_if_fail (events != NULL);

  g_ptr_array_set_size (self->events, 0);
  for (guint i = 0; i < events->len && i < ALGA_TRAY_MAX_EVENTS; i++)
    {
      const AlgaTrayEvent *event = g_ptr_array_index (events, i);

      g_ptr_array_add (self->events, alga_tray_event_new (event->ticket_id, event->label));
    }

  rebuild_menu (self);
}

/**
 * alga_tray_set_attention:
 * @self: the tray icon
 * @attention: whether there are events the user has not seen
 */
void
alga_tray_set_attention (AlgaTray *self,
                         gboolean  attention)
{
  g_return_if_fail (ALGA_IS_TRAY (self));

  attention = !!attention;
  if (self->attention == attention)
    return;

  self->attention = attention;
  emit_item_signal (self, "NewStatus", g_variant_new ("(s)", get_status (self)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION]);
}

gboolean
alga_tray_get_attention (AlgaTray *self)
{
  g_return_val_if_fail (ALGA_IS_TRAY (self), FALSE);

  return self->attention;
}

/**
 * alga_tray_set_tooltip_counts:
 * @self: the tray icon
 * @n_open: open tickets assigned to the user
 * @n_new: events not yet seen
 */
void
alga_tray_set_tooltip_counts (AlgaTray *self,
                              guint     n_open,
                              guint     n_new)
{
  g_autofree char *open = NULL;
  g_autofree char *unseen = NULL;
  g_autofree char *tooltip = NULL;

  g_return_if_fail (ALGA_IS_TRAY (self));

  open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open ticket assigned to you",
                                       "%u open tickets assigned to you", n_open), n_open);
  /* Translators: the second half of the tray tooltip, e.g. "3 open tickets assigned to you, 2 new" */
  unseen = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", n_new), n_new);
  /* Translators: joins "3 open tickets assigned to you" and "2 new" in the tray tooltip. */
  tooltip = g_strdup_printf (C_("tray tooltip", "%s, %s"), open, unseen);

  if (g_strcmp0 (tooltip, self->tooltip) == 0)
    return;

  g_free (self->tooltip);
  self->tooltip = g_steal_pointer (&tooltip);
  emit_item_signal (self, "NewToolTip", NULL);
}

/**
 * alga_tray_set_do_not_disturb:
 * @self: the tray icon
 * @do_not_disturb: the current setting, shown as the check mark of the menu item
 */
void
alga_tray_set_do_not_disturb (AlgaTray *self,
                              gboolean  do_not_disturb)
{
  g_return_if_fail (ALGA_IS_TRAY (self));

  do_not_disturb = !!do_not_disturb;
  if (self->do_not_disturb == do_not_disturb)
    return;

  self->do_not_disturb = do_not_disturb;
  alga_dbusmenu_set_toggle_state (self->menu, MENU_DO_NOT_DISTURB, do_not_disturb);
}

/**
 * alga_tray_set_timer:
 * @self: the tray icon
 * @ticket_number: (nullable): the running timer's ticket, or %NULL when none runs
 * @start: (nullable): when it started
 *
 * Shows the running timer in the tooltip, and "Stop the Timer…" in the menu.
 */
void
alga_tray_set_timer (AlgaTray   *self,
                     const char *ticket_number,
                     GDateTime  *start)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ALGA_IS_TRAY (self));

  if (start != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (start);
      g_autofree char *since = g_date_time_format (local, "%H:%M");

      /* Translators: the tray tooltip's line for a running timer: the ticket and since when. */
      text = g_strdup_printf (_("Timer on %s since %s"), ticket_number != NULL ? ticket_number : "", since);
    }
  if (g_strcmp0 (text, self->timer_text) == 0)
    return;

  g_free (self->timer_text);
  self->timer_text = g_steal_pointer (&text);
  rebuild_menu (self);
  emit_item_signal (self, "NewToolTip", NULL);
}
