/* alga-priority-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Priorities carry a colour of their tenant's choosing (GET /api/v1/priorities). GTK 4.8 has no
 * per-widget style, so each colour seen becomes a style class, defined once for the display.
 * The text keeps the theme's colour and only the background is tinted, so that a pale or dark
 * priority colour stays readable in the light and the dark style.
 */

#define G_LOG_DOMAIN "alga-priority-style"

#include "config.h"

#include <string.h>

#include "alga-priority-style.h"

#include "alga-gui-util.h"
#include "alga-priority.h"

#define PILL_PREFIX "priority-color-"
#define DOT_PREFIX "priority-dot-"

static GtkCssProvider *provider;
static GHashTable *colors;   /* "rrggbb" → NULL */
static GString *rules;

/* "#RRGGBB" → "rrggbb", or NULL when it is not one: nothing else reaches the style sheet. */
static char *
normalize (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return NULL;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return NULL;

  return g_ascii_strdown (color + 1, -1);
}

static void
ensure_rules (const char *hex)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      rules = g_string_new (NULL);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  if (!g_hash_table_add (colors, g_strdup (hex)))
    return;

  g_string_append_printf (rules,
                          ".priority-pill." PILL_PREFIX "%s { background-color: alpha(#%s, 0.25); }\n"
                          "." DOT_PREFIX "%s { color: #%s; }\n",
                          hex, hex, hex, hex);
  gtk_css_provider_load_from_data (provider, rules->str, -1);
}

static void
replace_class (GtkWidget  *widget,
               const char *prefix,
               const char *css_class)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  for (guint i = 0; classes != NULL && classes[i] != NULL; i++)
    if (g_str_has_prefix (classes[i], prefix) && g_strcmp0 (classes[i], css_class) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

void
alga_priority_style_apply_pill (GtkWidget  *widget,
                                const char *priority_name,
                                const char *color)
{
  g_autofree char *hex = normalize (color);
  g_autofree char *css_class = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (hex == NULL)
    {
      replace_class (widget, PILL_PREFIX, NULL);
      alga_gui_set_priority_class (widget, priority_name);
      return;
    }

  ensure_rules (hex);
  css_class = g_strconcat (PILL_PREFIX, hex, NULL);
  /* The name's classes would paint over the real colour. */
  alga_gui_set_priority_class (widget, NULL);
  gtk_widget_remove_css_class (widget, "priority-none");
  replace_class (widget, PILL_PREFIX, css_class);
}

void
alga_priority_style_apply_dot (GtkWidget  *widget,
                               const char *color)
{
  g_autofree char *hex = normalize (color);
  g_autofree char *css_class = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_visible (widget, hex != NULL);
  if (hex == NULL)
    {
      replace_class (widget, DOT_PREFIX, NULL);
      return;
    }

  ensure_rules (hex);
  css_class = g_strconcat (DOT_PREFIX, hex, NULL);
  replace_class (widget, DOT_PREFIX, css_class);
}

/* A priority in the row and its list: a dot in its colour, then its name. */
static void
setup_priority_item_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_label_new ("●");
  GtkWidget *name = gtk_label_new (NULL);

  /* The name says it all; the dot is decoration. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);
  gtk_list_item_set_child (item, box);
}

static void
on_priority_item_selected_cb (GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, gtk_list_item_get_selected (item) ? 1 : 0);
}

/* In the open list, a check marks the ticket's priority. */
static void
setup_priority_list_item_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item)
{
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  setup_priority_item_cb (factory, item);
  gtk_widget_set_hexpand (gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_list_item_get_child (item))),
                          TRUE);
  gtk_box_append (GTK_BOX (gtk_list_item_get_child (item)), check);
  g_signal_connect (item, "notify::selected", G_CALLBACK (on_priority_item_selected_cb), NULL);
}

static void
bind_priority_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  AlgaPriority *priority = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *dot = gtk_widget_get_first_child (box);

  alga_priority_style_apply_dot (dot, alga_priority_get_color (priority));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (dot)),
                       alga_priority_get_priority_name (priority));
  if (gtk_widget_get_last_child (box) != gtk_widget_get_next_sibling (dot))
    on_priority_item_selected_cb (item);
}

/**
 * alga_priority_style_new_factory:
 * @with_check: whether a check marks the selected priority, as in a combo row's open list
 *
 * Returns: (transfer full): a factory for lists of AlgaPriority: a dot in the priority's colour,
 *   then its name
 */
GtkListItemFactory *
alga_priority_style_new_factory (gboolean with_check)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup",
                    with_check ? G_CALLBACK (setup_priority_list_item_cb) : G_CALLBACK (setup_priority_item_cb),
                    NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_priority_item_cb), NULL);

  return factory;
}
