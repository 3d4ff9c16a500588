/* alga-ticket-about-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket-section.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_ABOUT_SECTION (alga_ticket_about_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketAboutSection, alga_ticket_about_section, ALGA, TICKET_ABOUT_SECTION,
                      AlgaTicketSection)

G_END_DECLS
