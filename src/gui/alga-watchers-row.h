/* alga-watchers-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-client.h"
#include "alga-reference-data.h"
#include "alga-ticket-choices.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_WATCHERS_ROW (alga_watchers_row_get_type ())

G_DECLARE_FINAL_TYPE (AlgaWatchersRow, alga_watchers_row, ALGA, WATCHERS_ROW, AdwExpanderRow)

/* Who watches a ticket, one row each with a button to remove them, and a button to add someone.
 * It changes nothing itself: "add-requested" and "remove-requested" say what was asked. */
void alga_watchers_row_set_account (AlgaWatchersRow   *self,
                                    AlgaClient        *client,
                                    AlgaReferenceData *reference_data,
                                    const char        *user_id,
                                    const char        *user_email);
void alga_watchers_row_show        (AlgaWatchersRow   *self,
                                    AlgaTicket        *ticket,
                                    AlgaTicketChoices *choices);
/* While a change is saved, nothing can be added or removed. */
void alga_watchers_row_set_busy    (AlgaWatchersRow   *self,
                                    gboolean           busy);

G_END_DECLS
