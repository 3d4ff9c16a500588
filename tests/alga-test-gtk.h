/* alga-test-gtk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-row-text.h"

/* Initialises GTK and libadwaita for a UI test. Without a display the test is skipped (a TAP
 * plan of no tests, which meson reads as a skip), unless ALGA_REQUIRE_DISPLAY is set, as under
 * build-aux/dev, where it fails.
 *
 * The text cursor does not blink: GtkText's blink timeout checks that the text still has the
 * focus, and on a slow machine (a sanitizer build under load) it can run between a focus change
 * and the event that tells of it, and warn "did not receive a focus-out event", which a test
 * makes fatal. No test looks at the blinking. */
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
    g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL); \
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

/* The text @widget shows when it is a label, or a text of a ticket row; else NULL. */
static inline const char *
alga_test_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (ALGA_IS_ROW_TEXT (widget))
    return alga_row_text_get_text (ALGA_ROW_TEXT (widget));

  return NULL;
}

/* Whether a label anywhere under @widget shows @text: a toast's title, say. */
static inline gboolean
alga_test_shows_label (GtkWidget  *widget,
                       const char *text)
{
  if (g_strcmp0 (alga_test_label_text (widget), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (alga_test_shows_label (child, text))
      return TRUE;

  return FALSE;
}

static inline gboolean
alga_test_type_name_starts (GtkWidget  *widget,
                            const char *prefix)
{
  return g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), prefix);
}

/* Whether @widget is a part of a libadwaita widget between it and @root (an AdwStatusPage's
 * "title_label", say), rather than of one of our .ui files. */
static inline gboolean
alga_test_is_adw_part (GtkWidget *widget,
                       GtkWidget *root)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  for (GtkWidget *ancestor = gtk_widget_get_parent (widget);
       ancestor != NULL && ancestor != root;
       ancestor = gtk_widget_get_parent (ancestor))
    if (alga_test_type_name_starts (ancestor, "Adw") &&
        gtk_widget_get_template_child (ancestor, G_OBJECT_TYPE (ancestor), id) == G_OBJECT (widget))
      return TRUE;

  return FALSE;
}

/* The first widget under @root (itself included) that one of our .ui files called @id, depth
 * first, not looking inside other widgets of ours (Alga…): their ids are theirs. */
static inline GtkWidget *
alga_test_find_buildable_id_under (GtkWidget  *widget,
                                   GtkWidget  *root,
                                   const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0 &&
      !alga_test_is_adw_part (widget, root))
    return widget;
  if (widget != root && alga_test_type_name_starts (widget, "Alga"))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = alga_test_find_buildable_id_under (child, root, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline GtkWidget *
alga_test_find_buildable_id (GtkWidget  *root,
                             const char *id)
{
  return alga_test_find_buildable_id_under (root, root, id);
}

/* Every widget of ours (Alga…) under @widget, @widget excluded, depth first. */
static inline void
alga_test_collect_own_widgets (GtkWidget *widget,
                               GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (alga_test_type_name_starts (child, "Alga"))
        g_ptr_array_add (found, child);
      alga_test_collect_own_widgets (child, found);
    }
}

/* What the .ui files of the ticket pane call @id. Tests name a part of the pane as its .ui
 * does, whichever section (AlgaTicketSection, each with its own .ui) it lives in. Looked for,
 * in this order: the pane's own template children; the sections' template children; a widget of
 * that id in a section; in the pane around them (its error card); then inside the widgets of
 * ours those hold (the due date popover, say). A section's parts come before those of the
 * widgets inside it, so that the comment thread's retry button is never the pane's. */
static inline gpointer
alga_test_pane_child (GtkWidget  *pane,
                      const char *id)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  g_autoptr(GPtrArray) nested = g_ptr_array_new ();
  GType section_type = g_type_from_name ("AlgaTicketSection");
  GObject *child = gtk_widget_get_template_child (pane, G_OBJECT_TYPE (pane), id);

  alga_test_collect_own_widgets (pane, own);
  for (guint i = 0; i < own->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (own, i);

      if (section_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (widget, section_type))
        g_ptr_array_add (sections, widget);
      else
        g_ptr_array_add (nested, widget);
    }

  for (guint i = 0; child == NULL && i < sections->len; i++)
    child = gtk_widget_get_template_child (g_ptr_array_index (sections, i),
                                           G_OBJECT_TYPE (g_ptr_array_index (sections, i)), id);
  for (guint i = 0; child == NULL && i < sections->len; i++)
    child = G_OBJECT (alga_test_find_buildable_id (g_ptr_array_index (sections, i), id));
  if (child == NULL)
    child = G_OBJECT (alga_test_find_buildable_id (pane, id));
  for (guint i = 0; child == NULL && i < nested->len; i++)
    child = gtk_widget_get_template_child (g_ptr_array_index (nested, i),
                                           G_OBJECT_TYPE (g_ptr_array_index (nested, i)), id);
  for (guint i = 0; child == NULL && i < nested->len; i++)
    child = G_OBJECT (alga_test_find_buildable_id (g_ptr_array_index (nested, i), id));
  if (child == NULL)
    g_error ("The ticket pane has no part called %s", id);

  return child;
}
