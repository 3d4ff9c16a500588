/* alga-paint-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For alga-bench, in alga-desktop-test only, never in the alga-desktop that is shipped. Off
 * unless ALGA_BENCH_FD is set; then the program writes to that descriptor (alga-bench-probe.h)
 *
 *   painted <time> <rows>   the first frame that drew ticket rows (rows exist before layout,
 *                           so the frame after them drew them)
 *   shown <time> <rows>     the first frame after the list stopped loading and showed no saved
 *                           copy any more: the view fully shown
 */

#define G_LOG_DOMAIN "alga-paint-probe"

#include "config.h"

#include "alga-paint-probe.h"

#include "alga-bench-probe.h"
#include "alga-window.h"

typedef struct
{
  gulong   after_paint_id;
  gboolean painted;
  gboolean shown;
} Probe;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   AlgaWindow    *window)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "alga-paint-probe");
  AlgaTicketList *tickets = alga_ticket_list_view_get_model (alga_window_get_ticket_list_view (window));
  guint n_items = tickets != NULL ? g_list_model_get_n_items (G_LIST_MODEL (tickets)) : 0;

  if (n_items == 0)
    return;

  if (!probe->painted)
    alga_bench_probe_write ("painted", n_items);
  probe->painted = TRUE;

  if (!alga_ticket_list_get_loading (tickets) && !alga_ticket_list_get_cached (tickets))
    {
      alga_bench_probe_write ("shown", n_items);
      probe->shown = TRUE;
      g_clear_signal_handler (&probe->after_paint_id, clock);
    }
}

static void
on_window_realize_cb (GtkWidget *window,
                      gpointer   user_data)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "alga-paint-probe");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL && probe->after_paint_id == 0 && !probe->shown)
    probe->after_paint_id = g_signal_connect_object (clock, "after-paint",
                                                     G_CALLBACK (on_after_paint_cb), window, 0);
}

static void
on_window_unrealize_cb (GtkWidget *window,
                        gpointer   user_data)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "alga-paint-probe");

  if (probe->after_paint_id != 0)
    g_clear_signal_handler (&probe->after_paint_id, gtk_widget_get_frame_clock (window));
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    gpointer        user_data)
{
  if (!ALGA_IS_WINDOW (window)
      || g_object_get_data (G_OBJECT (window), "alga-paint-probe") != NULL)
    return;

  g_object_set_data_full (G_OBJECT (window), "alga-paint-probe", g_new0 (Probe, 1), g_free);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
  g_signal_connect (window, "unrealize", G_CALLBACK (on_window_unrealize_cb), NULL);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window), NULL);
}

/**
 * alga_paint_probe_install:
 * @application: the program's application, before it runs
 *
 * Reports when a window first painted ticket rows and first showed its view whole, if
 * ALGA_BENCH_FD is set; nothing otherwise.
 */
void
alga_paint_probe_install (GtkApplication *application)
{
  g_return_if_fail (GTK_IS_APPLICATION (application));

  if (g_getenv ("ALGA_BENCH_FD") == NULL)
    return;

  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added_cb), NULL);
}
