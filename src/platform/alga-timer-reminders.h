/* alga-timer-reminders.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-notifier.h"
#include "alga-timer.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TIMER_REMINDERS (alga_timer_reminders_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTimerReminders, alga_timer_reminders, ALGA, TIMER_REMINDERS, GObject)

/* Reminds of a running timer through @notifier: after 1, 2, 4 and 8 hours, and once when the
 * app finds a timer that ran through a night. One timeout waits for the next reminder; none
 * while no timer runs. */
AlgaTimerReminders *alga_timer_reminders_new        (AlgaNotifier       *notifier);
void                alga_timer_reminders_set_timer  (AlgaTimerReminders *self,
                                                     AlgaTimer          *timer);
/* Called once the timer's file was read at start: the night's notification, if it ran through
 * one, and any reminder that came due meanwhile. */
void                alga_timer_reminders_check_loaded (AlgaTimerReminders *self);

G_END_DECLS
