/* alga-desktop-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program as shipped (src/main.c), plus the hooks that tests and alga-bench drive it by:
 * ALGA_TEST_COMPOSE (alga-compose-hook.c) and ALGA_BENCH_FD (alga-paint-probe.c). Each does
 * nothing unless its variable is set. They live here so that alga-desktop carries none of them
 * (check-release-program in the data suite makes sure).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "alga-application.h"
#include "alga-compose-hook.h"
#include "alga-gui-util.h"
#include "alga-paint-probe.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AlgaApplication) app = NULL;

  /* As src/main.c, in the same order. */
  alga_gui_choose_renderer ();

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Alga PSA"));

  app = alga_application_new ();
  alga_compose_hook_install (GTK_APPLICATION (app));
  alga_paint_probe_install (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
