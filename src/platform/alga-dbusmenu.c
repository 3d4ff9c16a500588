/* alga-dbusmenu.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A flat com.canonical.dbusmenu: the root (id 0) with one level of items, which is all the tray
 * needs. Hosts (KDE Plasma, the AppIndicator extension, waybar) draw the menu themselves from
 * GetLayout and report clicks with Event, so no GTK 3 library is needed.
 */

#define G_LOG_DOMAIN "alga-dbusmenu"

#include "config.h"

#include "alga-dbusmenu.h"

#define DBUSMENU_INTERFACE "com.canonical.dbusmenu"

typedef struct
{
  int       id;
  char     *label;
  gboolean  separator;
  gboolean  checkable;
  gboolean  active;
} Item;

struct _AlgaDbusmenu
{
  GObject          parent_instance;

  GArray          *items;
  guint            revision;
  GDBusConnection *connection;
  char            *object_path;
  guint            registration_id;
};

G_DEFINE_FINAL_TYPE (AlgaDbusmenu, alga_dbusmenu, G_TYPE_OBJECT)

enum {
  CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char introspection_xml[] =
  "<node>"
  "  <interface name='com.canonical.dbusmenu'>"
  "    <property name='Version' type='u' access='read'/>"
  "    <property name='TextDirection' type='s' access='read'/>"
  "    <property name='Status' type='s' access='read'/>"
  "    <property name='IconThemePath' type='as' access='read'/>"
  "    <method name='GetLayout'>"
  "      <arg type='i' name='parentId' direction='in'/>"
  "      <arg type='i' name='recursionDepth' direction='in'/>"
  "      <arg type='as' name='propertyNames' direction='in'/>"
  "      <arg type='u' name='revision' direction='out'/>"
  "      <arg type='(ia{sv}av)' name='layout' direction='out'/>"
  "    </method>"
  "    <method name='GetGroupProperties'>"
  "      <arg type='ai' name='ids' direction='in'/>"
  "      <arg type='as' name='propertyNames' direction='in'/>"
  "      <arg type='a(ia{sv})' name='properties' direction='out'/>"
  "    </method>"
  "    <method name='GetProperty'>"
  "      <arg type='i' name='id' direction='in'/>"
  "      <arg type='s' name='name' direction='in'/>"
  "      <arg type='v' name='value' direction='out'/>"
  "    </method>"
  "    <method name='Event'>"
  "      <arg type='i' name='id' direction='in'/>"
  "      <arg type='s' name='eventId' direction='in'/>"
  "      <arg type='v' name='data' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='EventGroup'>"
  "      <arg type='a(isvu)' name='events' direction='in'/>"
  "      <arg type='ai' name='idErrors' direction='out'/>"
  "    </method>"
  "    <method name='AboutToShow'>"
  "      <arg type='i' name='id' direction='in'/>"
  "      <arg type='b' name='needUpdate' direction='out'/>"
  "    </method>"
  "    <method name='AboutToShowGroup'>"
  "      <arg type='ai' name='ids' direction='in'/>"
  "      <arg type='ai' name='updatesNeeded' direction='out'/>"
  "      <arg type='ai' name='idErrors' direction='out'/>"
  "    </method>"
  "    <signal name='ItemsPropertiesUpdated'>"
  "      <arg type='a(ia{sv})' name='updatedProps'/>"
  "      <arg type='a(ias)' name='removedProps'/>"
  "    </signal>"
  "    <signal name='LayoutUpdated'>"
  "      <arg type='u' name='revision'/>"
  "      <arg type='i' name='parent'/>"
  "    </signal>"
  "    <signal name='ItemActivationRequested'>"
  "      <arg type='i' name='id'/>"
  "      <arg type='u' name='timestamp'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->label, g_free);
}

static Item *
find_item (AlgaDbusmenu *self,
           int           id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (item->id == id)
        return item;
    }

  return NULL;
}

static gboolean
wanted (const char * const *names,
        const char         *name)
{
  return names == NULL || names[0] == NULL || g_strv_contains (names, name);
}

static GVariant *
item_properties (const Item         *item,
                 const char * const *names)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);

  if (item == NULL)
    {
      if (wanted (names, "children-display"))
        g_variant_builder_add (&builder, "{sv}", "children-display",
                               g_variant_new_string ("submenu"));
      return g_variant_builder_end (&builder);
    }

  if (item->separator)
    {
      if (wanted (names, "type"))
        g_variant_builder_add (&builder, "{sv}", "type", g_variant_new_string ("separator"));
      return g_variant_builder_end (&builder);
    }

  if (wanted (names, "label"))
    g_variant_builder_add (&builder, "{sv}", "label", g_variant_new_string (item->label));
  if (wanted (names, "enabled"))
    g_variant_builder_add (&builder, "{sv}", "enabled", g_variant_new_boolean (TRUE));
  if (wanted (names, "visible"))
    g_variant_builder_add (&builder, "{sv}", "visible", g_variant_new_boolean (TRUE));
  if (item->checkable)
    {
      if (wanted (names, "toggle-type"))
        g_variant_builder_add (&builder, "{sv}", "toggle-type",
                               g_variant_new_string ("checkmark"));
      if (wanted (names, "toggle-state"))
        g_variant_builder_add (&builder, "{sv}", "toggle-state",
                               g_variant_new_int32 (item->active ? 1 : 0));
    }

  return g_variant_builder_end (&builder);
}

/* One node of the layout, (ia{sv}av); with children only for the root and a depth other than 0. */
static GVariant *
layout_node (AlgaDbusmenu       *self,
             const Item         *item,
             int                 depth,
             const char * const *names)
{
  GVariantBuilder children;

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));

  if (item == NULL && depth != 0)
    {
      for (guint i = 0; i < self->items->len; i++)
        {
          const Item *child = &g_array_index (self->items, Item, i);

          g_variant_builder_add (&children, "v", layout_node (self, child, depth - 1, names));
        }
    }

  return g_variant_new ("(i@a{sv}av)", item != NULL ? item->id : 0,
                        item_properties (item, names), &children);
}

static void
return_unknown_id (GDBusMethodInvocation *invocation,
                   int                    id)
{
  g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                         "No menu item with id %d", id);
}

static void
handle_get_layout (AlgaDbusmenu          *self,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation)
{
  g_autofree const char **names = NULL;
  const Item *item = NULL;
  int parent_id;
  int depth;

  g_variant_get (parameters, "(ii^a&s)", &parent_id, &depth, &names);

  if (parent_id != 0)
    {
      item = find_item (self, parent_id);
      if (item == NULL)
        {
          return_unknown_id (invocation, parent_id);
          return;
        }
    }

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(u@(ia{sv}av))", self->revision,
                                                        layout_node (self, item, depth, names)));
}

static void
handle_get_group_properties (AlgaDbusmenu          *self,
                             GVariant              *parameters,
                             GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariant) ids = NULL;
  g_autofree const char **names = NULL;
  GVariantBuilder builder;
  gsize n_ids = 0;
  const gint32 *id_list;

  g_variant_get (parameters, "(@ai^a&s)", &ids, &names);
  id_list = g_variant_get_fixed_array (ids, &n_ids, sizeof (gint32));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ia{sv})"));
  if (n_ids == 0)
    {
      for (guint i = 0; i < self->items->len; i++)
        {
          const Item *item = &g_array_index (self->items, Item, i);

          g_variant_builder_add (&builder, "(i@a{sv})", item->id, item_properties (item, names));
        }
    }
  for (gsize i = 0; i < n_ids; i++)
    {
      const Item *item = find_item (self, id_list[i]);

      if (id_list[i] == 0 || item != NULL)
        g_variant_builder_add (&builder, "(i@a{sv})", id_list[i], item_properties (item, names));
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a(ia{sv}))", &builder));
}

static void
handle_get_property (AlgaDbusmenu          *self,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariant) properties = NULL;
  g_autoptr(GVariant) value = NULL;
  const char *name;
  const char *names[2] = { NULL, NULL };
  const Item *item = NULL;
  int id;

  g_variant_get (parameters, "(i&s)", &id, &name);
  if (id != 0 && (item = find_item (self, id)) == NULL)
    {
      return_unknown_id (invocation, id);
      return;
    }

  names[0] = name;
  properties = g_variant_ref_sink (item_properties (item, names));
  value = g_variant_lookup_value (properties, name, NULL);
  if (value == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "Menu item %d has no property %s", id, name);
      return;
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
}

/* Clicks are reported after the reply, so that a handler which tears the menu down (Quit) does
 * not leave the host waiting. Ids are collected first for the same reason. */
static void
emit_clicks (AlgaDbusmenu *self,
             GArray       *ids)
{
  g_object_ref (self);
  for (guint i = 0; i < ids->len; i++)
    g_signal_emit (self, signals[CLICKED], 0, g_array_index (ids, int, i));
  g_object_unref (self);
}

static void
handle_event (AlgaDbusmenu          *self,
              GVariant              *parameters,
              GDBusMethodInvocation *invocation)
{
  g_autoptr(GArray) clicked = g_array_new (FALSE, FALSE, sizeof (int));
  const char *event_id;
  int id;

  g_variant_get (parameters, "(i&svu)", &id, &event_id, NULL, NULL);
  if (id != 0 && find_item (self, id) == NULL)
    {
      return_unknown_id (invocation, id);
      return;
    }

  if (g_str_equal (event_id, "clicked") && id != 0)
    g_array_append_val (clicked, id);

  g_dbus_method_invocation_return_value (invocation, NULL);
  emit_clicks (self, clicked);
}

static void
handle_event_group (AlgaDbusmenu          *self,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation)
{
  g_autoptr(GArray) clicked = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GVariantIter) iter = NULL;
  GVariantBuilder errors;
  const char *event_id;
  gsize n_events;
  guint n_errors = 0;
  int id;

  g_variant_get (parameters, "(a(isvu))", &iter);
  n_events = g_variant_iter_n_children (iter);
  g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));

  while (g_variant_iter_loop (iter, "(i&svu)", &id, &event_id, NULL, NULL))
    {
      if (id != 0 && find_item (self, id) == NULL)
        {
          g_variant_builder_add (&errors, "i", id);
          n_errors++;
        }
      else if (g_str_equal (event_id, "clicked") && id != 0)
        {
          g_array_append_val (clicked, id);
        }
    }

  /* The spec: an error only when not a single event could be delivered. */
  if (n_events > 0 && n_errors == n_events)
    {
      g_variant_builder_clear (&errors);
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "None of the menu items exist");
      return;
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ai)", &errors));
  emit_clicks (self, clicked);
}

static void
handle_about_to_show_group (AlgaDbusmenu          *self,
                            GVariant              *parameters,
                            GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariant) ids = NULL;
  GVariantBuilder errors;
  const gint32 *id_list;
  gsize n_ids = 0;

  g_variant_get (parameters, "(@ai)", &ids);
  id_list = g_variant_get_fixed_array (ids, &n_ids, sizeof (gint32));

  g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
  for (gsize i = 0; i < n_ids; i++)
    {
      if (id_list[i] != 0 && find_item (self, id_list[i]) == NULL)
        g_variant_builder_add (&errors, "i", id_list[i]);
    }

  /* The menu is always up to date: nothing needs an update before it is shown. */
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(@aiai)",
                                                        g_variant_new_array (G_VARIANT_TYPE_INT32,
                                                                             NULL, 0),
                                                        &errors));
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  AlgaDbusmenu *self = user_data;

  if (g_str_equal (method_name, "GetLayout"))
    handle_get_layout (self, parameters, invocation);
  else if (g_str_equal (method_name, "GetGroupProperties"))
    handle_get_group_properties (self, parameters, invocation);
  else if (g_str_equal (method_name, "GetProperty"))
    handle_get_property (self, parameters, invocation);
  else if (g_str_equal (method_name, "Event"))
    handle_event (self, parameters, invocation);
  else if (g_str_equal (method_name, "EventGroup"))
    handle_event_group (self, parameters, invocation);
  else if (g_str_equal (method_name, "AboutToShow"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", FALSE));
  else if (g_str_equal (method_name, "AboutToShowGroup"))
    handle_about_to_show_group (self, parameters, invocation);
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);
}

static GVariant *
get_property_cb (GDBusConnection  *connection,
                 const char       *sender,
                 const char       *object_path,
                 const char       *interface_name,
                 const char       *property_name,
                 GError          **error,
                 gpointer          user_data)
{
  if (g_str_equal (property_name, "Version"))
    return g_variant_new_uint32 (3);
  if (g_str_equal (property_name, "TextDirection"))
    return g_variant_new_string ("ltr");
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string ("normal");
  if (g_str_equal (property_name, "IconThemePath"))
    return g_variant_new_strv (NULL, 0);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY,
               "No property %s", property_name);
  return NULL;
}

static void
emit_dbus_signal (AlgaDbusmenu *self,
                  const char   *name,
                  GVariant     *parameters)
{
  g_autoptr(GError) error = NULL;

  if (self->registration_id == 0)
    {
      g_variant_unref (g_variant_ref_sink (parameters));
      return;
    }

  if (!g_dbus_connection_emit_signal (self->connection, NULL, self->object_path,
                                      DBUSMENU_INTERFACE, name, parameters, &error))
    g_debug ("Could not emit %s: %s", name, error->message);
}

static void
alga_dbusmenu_dispose (GObject *object)
{
  AlgaDbusmenu *self = ALGA_DBUSMENU (object);

  alga_dbusmenu_unexport (self);

  G_OBJECT_CLASS (alga_dbusmenu_parent_class)->dispose (object);
}

static void
alga_dbusmenu_finalize (GObject *object)
{
  AlgaDbusmenu *self = ALGA_DBUSMENU (object);

  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (alga_dbusmenu_parent_class)->finalize (object);
}

static void
alga_dbusmenu_class_init (AlgaDbusmenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_dbusmenu_dispose;
  object_class->finalize = alga_dbusmenu_finalize;

  /**
   * AlgaDbusmenu::clicked:
   * @self: the menu
   * @id: the id of the item the host reported a click on
   *
   * A check item does not change its own state: the owner decides and calls
   * alga_dbusmenu_set_toggle_state().
   */
  signals[CLICKED] = g_signal_new ("clicked",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
alga_dbusmenu_init (AlgaDbusmenu *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->revision = 1;
}

AlgaDbusmenu *
alga_dbusmenu_new (void)
{
  return g_object_new (ALGA_TYPE_DBUSMENU, NULL);
}

/**
 * alga_dbusmenu_export:
 * @self: the menu
 * @connection: the bus to export on
 * @object_path: where, e.g. `/MenuBar`
 * @error: return location for an error
 *
 * Returns: %TRUE when the menu is on the bus (also when it already was)
 */
gboolean
alga_dbusmenu_export (AlgaDbusmenu     *self,
                      GDBusConnection  *connection,
                      const char       *object_path,
                      GError          **error)
{
  static GDBusNodeInfo *node_info;
  static const GDBusInterfaceVTable vtable = { method_call_cb, get_property_cb, NULL, { 0 } };

  g_return_val_if_fail (ALGA_IS_DBUSMENU (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (g_variant_is_object_path (object_path), FALSE);

  if (self->registration_id != 0)
    return TRUE;

  if (g_once_init_enter (&node_info))
    g_once_init_leave (&node_info, g_dbus_node_info_new_for_xml (introspection_xml, NULL));

  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             node_info->interfaces[0],
                                                             &vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  g_set_object (&self->connection, connection);
  g_free (self->object_path);
  self->object_path = g_strdup (object_path);

  return TRUE;
}

void
alga_dbusmenu_unexport (AlgaDbusmenu *self)
{
  g_return_if_fail (ALGA_IS_DBUSMENU (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
  g_clear_pointer (&self->object_path, g_free);
}

/**
 * alga_dbusmenu_remove_all:
 * @self: the menu
 *
 * Empties the menu, to fill it again with the add functions and announce the result with
 * alga_dbusmenu_layout_changed().
 */
void
alga_dbusmenu_remove_all (AlgaDbusmenu *self)
{
  g_return_if_fail (ALGA_IS_DBUSMENU (self));

  g_array_set_size (self->items, 0);
}

static Item *
append_item (AlgaDbusmenu *self,
             int           id)
{
  Item item = { .id = id };

  g_return_val_if_fail (id > 0, NULL);
  g_return_val_if_fail (find_item (self, id) == NULL, NULL);

  g_array_append_val (self->items, item);
  return &g_array_index (self->items, Item, self->items->len - 1);
}

/**
 * alga_dbusmenu_add_item:
 * @self: the menu
 * @id: a positive id, unique in the menu
 * @label: the label, with `_` before a mnemonic letter (see alga_dbusmenu_escape_label())
 */
void
alga_dbusmenu_add_item (AlgaDbusmenu *self,
                        int           id,
                        const char   *label)
{
  Item *item;

  g_return_if_fail (ALGA_IS_DBUSMENU (self));
  g_return_if_fail (label != NULL);

  if ((item = append_item (self, id)) != NULL)
    item->label = g_strdup (label);
}

void
alga_dbusmenu_add_separator (AlgaDbusmenu *self,
                             int           id)
{
  Item *item;

  g_return_if_fail (ALGA_IS_DBUSMENU (self));

  if ((item = append_item (self, id)) != NULL)
    item->separator = TRUE;
}

void
alga_dbusmenu_add_check_item (AlgaDbusmenu *self,
                              int           id,
                              const char   *label,
                              gboolean      active)
{
  Item *item;

  g_return_if_fail (ALGA_IS_DBUSMENU (self));
  g_return_if_fail (label != NULL);

  if ((item = append_item (self, id)) != NULL)
    {
      item->label = g_strdup (label);
      item->checkable = TRUE;
      item->active = !!active;
    }
}

/**
 * alga_dbusmenu_layout_changed:
 * @self: the menu
 *
 * Moves to a new revision and tells the hosts (LayoutUpdated), which then ask for the layout.
 */
void
alga_dbusmenu_layout_changed (AlgaDbusmenu *self)
{
  g_return_if_fail (ALGA_IS_DBUSMENU (self));

  self->revision++;
  emit_dbus_signal (self, "LayoutUpdated", g_variant_new ("(ui)", self->revision, 0));
}

/**
 * alga_dbusmenu_set_toggle_state:
 * @self: the menu
 * @id: a check item
 * @active: whether it shows a check mark
 *
 * Sends ItemsPropertiesUpdated when the state really changes.
 */
void
alga_dbusmenu_set_toggle_state (AlgaDbusmenu *self,
                                int           id,
                                gboolean      active)
{
  const char *names[] = { "toggle-state", NULL };
  GVariantBuilder updated;
  Item *item;

  g_return_if_fail (ALGA_IS_DBUSMENU (self));

  item = find_item (self, id);
  g_return_if_fail (item != NULL && item->checkable);

  if (item->active == !!active)
    return;
  item->active = !!active;

  g_variant_builder_init (&updated, G_VARIANT_TYPE ("a(ia{sv})"));
  g_variant_builder_add (&updated, "(i@a{sv})", id, item_properties (item, names));
  emit_dbus_signal (self, "ItemsPropertiesUpdated",
                    g_variant_new ("(a(ia{sv})@a(ias))", &updated,
                                   g_variant_new_array (G_VARIANT_TYPE ("(ias)"), NULL, 0)));
}

guint
alga_dbusmenu_get_revision (AlgaDbusmenu *self)
{
  g_return_val_if_fail (ALGA_IS_DBUSMENU (self), 0);

  return self->revision;
}

/**
 * alga_dbusmenu_escape_label:
 * @text: text to show as it is
 *
 * Doubles each `_`, which dbusmenu labels otherwise read as a mnemonic marker, so that a ticket
 * title like "disk_full" keeps its underscore.
 *
 * Returns: (transfer full): the label
 */
char *
alga_dbusmenu_escape_label (const char *text)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, "_", -1);
  return g_strjoinv ("__", parts);
}
