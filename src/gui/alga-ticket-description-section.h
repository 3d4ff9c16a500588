/* alga-ticket-description-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket-section.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_DESCRIPTION_SECTION (alga_ticket_description_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketDescriptionSection, alga_ticket_description_section, ALGA,
                      TICKET_DESCRIPTION_SECTION, AlgaTicketSection)

G_END_DECLS
