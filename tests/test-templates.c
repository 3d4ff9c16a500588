/* test-templates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkBuilder checks templates only at run time: instantiate every template class here, so an
 * unknown class or property fails the suite instead of the app.
 */

#include "config.h"

#include <adwaita.h>

#include "alga-application.h"
#include "alga-test-gtk.h"
#include "alga-window.h"

static void
test_window (void)
{
  g_autoptr(AlgaApplication) app = alga_application_new ();
  AlgaWindow *window;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = alga_window_new (app);
  g_assert_true (ALGA_IS_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_ROLE_WINDOW);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add_func ("/templates/window", test_window);

  return g_test_run ();
}
