/* alga-date-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One style for dates throughout the app: the recent past relative to the minute clock
 * ("just now", "5 minutes ago", "yesterday", "3 days ago"), anything older or to come as one
 * absolute date ("6 Dec 2026"), and the exact date and time for tooltips. All in local time. */
char *alga_date_format_relative  (GDateTime *when,
                                  GDateTime *now);
/* "6 Dec 2026". */
char *alga_date_format_absolute  (GDateTime *when);
/* The absolute date with the time of day: "8 Dec 2026, 17:00", for due dates. */
char *alga_date_format_with_time (GDateTime *when);
/* "Sunday, 6 December 2026, 20:10", for tooltips. */
char *alga_date_format_exact     (GDateTime *when);

G_END_DECLS
