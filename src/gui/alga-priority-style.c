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
