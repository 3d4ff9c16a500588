/* alga-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-application.h"
#include "alga-window.h"

struct _AlgaApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AlgaApplication, alga_application, ADW_TYPE_APPLICATION)

static void
alga_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (alga_window_new (ALGA_APPLICATION (app)));

  gtk_window_present (window);
}

static void
alga_application_class_init (AlgaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = alga_application_activate;
}

static void
alga_application_init (AlgaApplication *self)
{
}

AlgaApplication *
alga_application_new (void)
{
  return g_object_new (ALGA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}
