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
 *
 * and with ALGA_BENCH_FRAMES set as well, once the view is shown, it opens the running timer's
 * ticket (as a click on the timer does) and then reports
 *
 *   frame <time> <flags>    every frame the window draws; flags 1: the ticket pane's time
 *                           section (with the timer's Start/Stop) is mapped; 2: the frame drew
 *                           the timer's widgets (the timer at the bottom of the window, or the
 *                           time section: their snapshot was called, not their cached drawing used)
 *   text <time> 0           every change of the timer's text at the bottom of the window
 *
 * With ALGA_BENCH_HIDE set instead, the window hides itself once the view is shown, as closing it
 * does when the app runs in the background: what a hidden window still costs.
 */

#define G_LOG_DOMAIN "alga-paint-probe"

#include "config.h"

#include "alga-paint-probe.h"

#include "alga-bench-probe.h"
#include "alga-time-summary.h"
#include "alga-timer-chip.h"
#include "alga-window.h"

typedef struct
{
  gulong     after_paint_id;
  gboolean   painted;
  gboolean   shown;
  gboolean   frames;      /* ALGA_BENCH_FRAMES: every frame reported after "shown" */
  gboolean   hide;        /* ALGA_BENCH_HIDE: the window hidden once shown */
  GtkWidget *summary;     /* the ticket pane's time summary, once it exists (weak) */
} Probe;

/* The timer's widgets' own snapshot functions, wrapped to see when a frame draws them. */
static void (*chip_snapshot) (GtkWidget *widget, GtkSnapshot *snapshot);
static void (*summary_snapshot) (GtkWidget *widget, GtkSnapshot *snapshot);
static gboolean timer_drawn;

static void
counting_chip_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  timer_drawn = TRUE;
  chip_snapshot (widget, snapshot);
}

static void
counting_summary_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  timer_drawn = TRUE;
  summary_snapshot (widget, snapshot);
}

static void
probe_free (Probe *probe)
{
  g_clear_weak_pointer (&probe->summary);
  g_free (probe);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_timer_text_changed_cb (GtkInscription *text)
{
  alga_bench_probe_write ("text", 0);
}

/* Opens the running timer's ticket as the timer's own button does, once the timer is read from
 * its file (which may come after the list). */
static void
open_timer_ticket (AlgaWindow *window)
{
  AlgaTimer *timer = alga_window_get_timer (window);

  if (timer == NULL || !alga_timer_get_running (timer))
    return;
  g_signal_handlers_disconnect_by_func (timer, open_timer_ticket, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "app.open-ticket", "s",
                              alga_timer_get_ticket_id (timer));
}

/* Opens the running timer's ticket, and follows the timer's text at the bottom of the window. */
static void
start_frames (AlgaWindow *window)
{
  AlgaTimer *timer = alga_window_get_timer (window);
  GtkWidget *chip = find_widget (GTK_WIDGET (window), ALGA_TYPE_TIMER_CHIP);
  /* The chip's seconds are a GtkInscription (its label only holds the text's shape). */
  GtkWidget *text = chip != NULL ? find_widget (chip, GTK_TYPE_INSCRIPTION) : NULL;

  if (text != NULL)
    g_signal_connect (text, "notify::text", G_CALLBACK (on_timer_text_changed_cb), NULL);
  if (timer != NULL)
    g_signal_connect_object (timer, "notify::running", G_CALLBACK (open_timer_ticket), window,
                             G_CONNECT_SWAPPED);
  open_timer_ticket (window);
}

static void
write_frame (Probe      *probe,
             AlgaWindow *window)
{
  if (probe->summary == NULL)
    g_set_weak_pointer (&probe->summary, find_widget (GTK_WIDGET (window), ALGA_TYPE_TIME_SUMMARY));
  alga_bench_probe_write ("frame", (probe->summary != NULL && gtk_widget_get_mapped (probe->summary) ? 1 : 0) |
                                    (timer_drawn ? 2 : 0));
  timer_drawn = FALSE;
}

static void
hide_window (gpointer data)
{
  g_autoptr(GtkWidget) window = data;

  gtk_widget_set_visible (window, FALSE);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   AlgaWindow    *window)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "alga-paint-probe");
  AlgaTicketList *tickets = alga_ticket_list_view_get_model (alga_window_get_ticket_list_view (window));
  guint n_items = tickets != NULL ? g_list_model_get_n_items (G_LIST_MODEL (tickets)) : 0;

  if (probe->shown)
    {
      write_frame (probe, window);
      return;
    }
  if (n_items == 0)
    return;

  if (!probe->painted)
    alga_bench_probe_write ("painted", n_items);
  probe->painted = TRUE;

  if (!alga_ticket_list_get_loading (tickets) && !alga_ticket_list_get_cached (tickets))
    {
      alga_bench_probe_write ("shown", n_items);
      probe->shown = TRUE;
      if (probe->frames)
        start_frames (window);
      else
        g_clear_signal_handler (&probe->after_paint_id, clock);
      /* Not in the middle of the window's own paint. */
      if (probe->hide)
        g_idle_add_once (hide_window, g_object_ref (window));
    }
}

static void
on_window_realize_cb (GtkWidget *window,
                      gpointer   user_data)
{
  Probe *probe = g_object_get_data (G_OBJECT (window), "alga-paint-probe");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL && probe->after_paint_id == 0 && (!probe->shown || probe->frames))
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
  Probe *probe;

  if (!ALGA_IS_WINDOW (window)
      || g_object_get_data (G_OBJECT (window), "alga-paint-probe") != NULL)
    return;

  probe = g_new0 (Probe, 1);
  probe->frames = g_getenv ("ALGA_BENCH_FRAMES") != NULL;
  probe->hide = g_getenv ("ALGA_BENCH_HIDE") != NULL;
  g_object_set_data_full (G_OBJECT (window), "alga-paint-probe", probe, (GDestroyNotify) probe_free);
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

  if (g_getenv ("ALGA_BENCH_FRAMES") != NULL)
    {
      /* The classes live as long as the program: their references are never given back. */
      GtkWidgetClass *chip_class = g_type_class_ref (ALGA_TYPE_TIMER_CHIP);
      GtkWidgetClass *summary_class = g_type_class_ref (ALGA_TYPE_TIME_SUMMARY);

      chip_snapshot = chip_class->snapshot;
      chip_class->snapshot = counting_chip_snapshot;
      summary_snapshot = summary_class->snapshot;
      summary_class->snapshot = counting_summary_snapshot;
    }

  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added_cb), NULL);
}
