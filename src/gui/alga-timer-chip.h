/* alga-timer-chip.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-timer.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TIMER_CHIP (alga_timer_chip_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTimerChip, alga_timer_chip, ALGA, TIMER_CHIP, AdwBin)

/* The running timer in a header bar: the ticket number and the time so far; clicking it opens
 * the ticket (app.open-ticket). Hidden while no timer runs. */
GtkWidget *alga_timer_chip_new        (void);
void       alga_timer_chip_set_timer  (AlgaTimerChip *self,
                                       AlgaTimer     *timer);
/* The text shown, for tests. */
const char *alga_timer_chip_get_text  (AlgaTimerChip *self);
/* How often the text changed since the chip was made, for the benchmark. */
guint      alga_timer_chip_get_n_updates (AlgaTimerChip *self);

/* "1:05:09", the time a timer has run. */
char      *alga_timer_format_elapsed  (GTimeSpan      elapsed);

G_END_DECLS
