/* alga-ticket-contact-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket-section.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_CONTACT_SECTION (alga_ticket_contact_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketContactSection, alga_ticket_contact_section, ALGA, TICKET_CONTACT_SECTION,
                      AlgaTicketSection)

G_END_DECLS
