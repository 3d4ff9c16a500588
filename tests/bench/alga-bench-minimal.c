/* alga-bench-minimal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor for alga-bench: a minimal libadwaita window. It reports when its first frame was
 * painted and its resident memory then, and quits.
 */

#include "config.h"

#include <adwaita.h>

#include "alga-bench-probe.h"

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  alga_bench_probe_write ("painted", 0);
  alga_bench_probe_write ("rss", alga_bench_probe_rss_kib ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  gtk_window_destroy (window);
}

static void
on_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), window);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("com.nineminds.AlgaPSA.BenchMinimal", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
