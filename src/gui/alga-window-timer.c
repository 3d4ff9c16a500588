/* alga-window-timer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The running timer at the bottom of the window: its ticket and elapsed time (AlgaTimerChip),
 * and a Stop button, shown only while the account's timer runs. The bar is in the window's
 * template, under both panes.
 */

#define G_LOG_DOMAIN "alga-window"

#include "config.h"

#include "alga-window-private.h"

static void
update_timer_bar (AlgaWindow *self)
{
  gtk_action_bar_set_revealed (self->timer_bar, self->timer != NULL && alga_timer_get_running (self->timer));
}

/* The account's timer, in the bar at the bottom while it runs (the ticket pane has it from the
 * account). */
void
_alga_window_set_timer (AlgaWindow *self,
                        AlgaTimer  *timer)
{
  if (self->timer == timer)
    return;
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_func (self->timer, update_timer_bar, self);
  g_set_object (&self->timer, timer);
  if (timer != NULL)
    g_signal_connect_swapped (timer, "notify::running", G_CALLBACK (update_timer_bar), self);
  alga_timer_chip_set_timer (self->timer_chip, timer);
  update_timer_bar (self);
}
