/* alga-about.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-about"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "alga-about.h"
#include "alga-debug-info.h"

/**
 * alga_about_show:
 * @parent: (nullable): the window the About window belongs to
 * @server_url: (nullable): the server in use, for the debugging information
 * @user_email: (nullable): the signed-in user's e-mail, for the debugging information
 * @user_name: (nullable): the signed-in user's name, for the debugging information
 * @identity: (nullable): how the sign-in established the user (alga_token_bundle_get_identity())
 *
 * Presents the About window, whose debugging information (with secrets masked) users can
 * copy or save into a bug report.
 */
void
alga_about_show (GtkWindow  *parent,
                 const char *server_url,
                 const char *user_email,
                 const char *user_name,
                 const char *identity)
{
  const char *developers[] = { "Nine Minds", NULL };
  g_autofree char *debug_info = NULL;
  GtkWidget *about;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  debug_info = alga_debug_info_collect (server_url, user_email, user_name, identity);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        "application-name", PACKAGE_NAME,
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", "Nine Minds",
                        "developers", developers,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 Nine Minds",
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        "debug-info", debug_info,
                        "debug-info-filename", "alga-psa-debug-info.txt",
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}
