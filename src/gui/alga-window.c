/* alga-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-window.h"

struct _AlgaWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (AlgaWindow, alga_window, ADW_TYPE_APPLICATION_WINDOW)

static void
alga_window_class_init (AlgaWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-window.ui");
}

static void
alga_window_init (AlgaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

AlgaWindow *
alga_window_new (AlgaApplication *application)
{
  return g_object_new (ALGA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
