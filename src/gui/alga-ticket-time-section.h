/* alga-ticket-time-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket-section.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_TIME_SECTION (alga_ticket_time_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketTimeSection, alga_ticket_time_section, ALGA, TICKET_TIME_SECTION,
                      AlgaTicketSection)

/* Opens the time entry dialog for the ticket; once an entry is logged, its toast (with Undo or
 * Edit) and the sums again. */
void alga_ticket_time_section_log_time           (AlgaTicketTimeSection *self);
/* Starts or stops the timer on the ticket (one at a time, the switch offered). */
void alga_ticket_time_section_toggle_timer       (AlgaTicketTimeSection *self);

G_END_DECLS
