/* alga-my-time.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-client.h"

G_BEGIN_DECLS

#define ALGA_TYPE_MY_TIME (alga_my_time_get_type ())

G_DECLARE_FINAL_TYPE (AlgaMyTime, alga_my_time, ALGA, MY_TIME, AdwWindow)

typedef enum
{
  ALGA_MY_TIME_TODAY,
  ALGA_MY_TIME_THIS_WEEK,
  ALGA_MY_TIME_LAST_WEEK,
} AlgaMyTimeRange;

/* The technician's own time entries of today, this week or last week, by day, with the totals
 * of each day and of the whole, billable apart, and the gaps between entries of a day.
 * Activating an entry opens its ticket (app.open-ticket). */
GtkWidget *alga_my_time_new        (GtkWindow       *parent,
                                    AlgaClient      *client,
                                    const char      *user_id);
void       alga_my_time_set_range  (AlgaMyTime      *self,
                                    AlgaMyTimeRange  range);
/* Whether the entries have arrived (or failed), for tests. */
gboolean   alga_my_time_is_loaded  (AlgaMyTime      *self);
/* The totals shown, in minutes, for tests. */
int        alga_my_time_get_total_minutes    (AlgaMyTime *self);
int        alga_my_time_get_billable_minutes (AlgaMyTime *self);

G_END_DECLS
