/* alga-window-timer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The running timer at the bottom of the window: its ticket and elapsed time (AlgaTimerChip),
 * and a Stop button, shown only while the account's timer runs.
 */

#define G_LOG_DOMAIN "alga-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-window-private.h"

static void
update_timer_bar (AlgaWindow *self)
{
  gtk_action_bar_set_revealed (self->timer_bar, self->timer != NULL && alga_timer_get_running (self->timer));
}

/* At the bottom of the whole window, under both panes: the running timer stays in sight at any
 * width, whichever pane a narrow window shows, where a header bar has no room left. */
void
_alga_window_timer_init (AlgaWindow *self)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *stop = gtk_button_new_with_mnemonic (_("_Stop…"));

  g_object_ref (content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);
  g_object_unref (content);

  self->timer_bar = GTK_ACTION_BAR (gtk_action_bar_new ());
  self->timer_chip = ALGA_TIMER_CHIP (alga_timer_chip_new ());
  gtk_action_bar_set_center_widget (self->timer_bar, GTK_WIDGET (self->timer_chip));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (stop), "app.stop-timer");
  gtk_widget_set_tooltip_text (stop, _("Stop the timer and log its time"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (stop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stop the timer"), -1);
  gtk_action_bar_pack_end (self->timer_bar, stop);
  gtk_action_bar_set_revealed (self->timer_bar, FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->timer_bar));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), box);
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
