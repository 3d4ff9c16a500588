/* alga-minute-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ALGA_TYPE_MINUTE_CLOCK (alga_minute_clock_get_type ())

G_DECLARE_FINAL_TYPE (AlgaMinuteClock, alga_minute_clock, ALGA, MINUTE_CLOCK, GObject)

AlgaMinuteClock *alga_minute_clock_get_default         (void);
/* The present, as relative times ("6 minutes ago") are counted from it. */
GDateTime       *alga_minute_clock_dup_now             (AlgaMinuteClock *self);
/* A shown widget holds the clock while it shows a relative time; the clock ticks each minute
 * only while someone holds it. */
void             alga_minute_clock_hold                (AlgaMinuteClock *self);
void             alga_minute_clock_release             (AlgaMinuteClock *self);
gboolean         alga_minute_clock_get_running         (AlgaMinuteClock *self);
/* Moves the present on by offset and ticks at once, for tests. */
void             alga_minute_clock_advance_for_testing (AlgaMinuteClock *self,
                                                        GTimeSpan        offset);

G_END_DECLS
