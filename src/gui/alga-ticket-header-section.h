/* alga-ticket-header-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket-section.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_HEADER_SECTION (alga_ticket_header_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketHeaderSection, alga_ticket_header_section, ALGA, TICKET_HEADER_SECTION,
                      AlgaTicketSection)

/* The known priorities (AlgaPriority), whose colours the priority pill takes. */
void alga_ticket_header_section_set_priorities (AlgaTicketHeaderSection *self,
                                                GListModel              *priorities);
/* Shows that the ticket is being read from the server. */
void alga_ticket_header_section_set_loading    (AlgaTicketHeaderSection *self,
                                                gboolean                 loading);

G_END_DECLS
