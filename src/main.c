/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "alga-application.h"
#include "alga-gui-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AlgaApplication) app = NULL;

  /* First: g_setenv is only safe while the process has one thread. */
  alga_gui_choose_renderer ();

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Alga PSA"));

  app = alga_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
