/* alga-time-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-ticket.h"
#include "alga-timer.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TIME_SUMMARY (alga_time_summary_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTimeSummary, alga_time_summary, ALGA, TIME_SUMMARY, AdwBin)

/* The time logged on a ticket: the technician's own entries, each with a way to correct it,
 * the others' entries the server lists, the totals, and the timer's Start/Stop button. */
GtkWidget *alga_time_summary_new     (void);
void       alga_time_summary_show    (AlgaTimeSummary   *self,
                                      AlgaAccount       *account,
                                      AlgaTicket        *ticket);
/* Asks the server again, after an entry was logged, corrected or taken back. */
void       alga_time_summary_reload  (AlgaTimeSummary   *self);
void       alga_time_summary_set_timer    (AlgaTimeSummary *self,
                                           AlgaTimer       *timer);
void       alga_time_summary_toggle_timer (AlgaTimeSummary *self);

G_END_DECLS
