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

  char *server_url;
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

static int
alga_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  AlgaApplication *self = ALGA_APPLICATION (app);
  const char *server = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_free (self->server_url);
      self->server_url = g_strdup (server);
    }

  return G_APPLICATION_CLASS (alga_application_parent_class)->handle_local_options (app, options);
}

static void
alga_application_finalize (GObject *object)
{
  AlgaApplication *self = ALGA_APPLICATION (object);

  g_clear_pointer (&self->server_url, g_free);

  G_OBJECT_CLASS (alga_application_parent_class)->finalize (object);
}

static void
alga_application_class_init (AlgaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = alga_application_finalize;

  app_class->activate = alga_application_activate;
  app_class->handle_local_options = alga_application_handle_local_options;
}

static void
alga_application_init (AlgaApplication *self)
{
  const GOptionEntry entries[] = {
    { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("The address of the Alga PSA server to sign in to"), N_("URL") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
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

/**
 * alga_application_get_server_url:
 * @self: the application
 *
 * The server given with `--server`, which the sign-in page offers first.
 *
 * Returns: (nullable): the URL, or %NULL
 */
const char *
alga_application_get_server_url (AlgaApplication *self)
{
  g_return_val_if_fail (ALGA_IS_APPLICATION (self), NULL);

  return self->server_url;
}
