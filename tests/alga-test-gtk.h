/* alga-test-gtk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

/* Initialises GTK and libadwaita for a UI test. Without a display the test is skipped (a TAP
 * plan of no tests, which meson reads as a skip), unless ALGA_REQUIRE_DISPLAY is set, as under
 * build-aux/dev, where it fails. */
#define alga_test_gtk_init(argcp, argvp) \
  G_STMT_START { \
    if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL) \
      { \
        if (g_getenv ("ALGA_REQUIRE_DISPLAY") != NULL) \
          { \
            g_printerr ("No display, although ALGA_REQUIRE_DISPLAY is set\n"); \
            exit (1); \
          } \
        g_print ("1..0 # SKIP no display\n"); \
        exit (0); \
      } \
    gtk_test_init ((argcp), (argvp), NULL); \
    adw_init (); \
  } G_STMT_END

/* The first widget of @type in the tree under @widget (itself included), depth first. */
static inline GtkWidget *
alga_test_find_widget (GtkWidget *widget,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = alga_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether a label anywhere under @widget shows @text: a toast's title, say. */
static inline gboolean
alga_test_shows_label (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (alga_test_shows_label (child, text))
      return TRUE;

  return FALSE;
}
