/* alga-ticket-conversation-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket-section.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_CONVERSATION_SECTION (alga_ticket_conversation_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketConversationSection, alga_ticket_conversation_section, ALGA,
                      TICKET_CONVERSATION_SECTION, AlgaTicketSection)

/* Reads the comments again, keeping those shown until they arrive. */
void alga_ticket_conversation_section_reload          (AlgaTicketConversationSection *self);
/* Puts the focus in the composer's text and brings the whole composer into view. */
void alga_ticket_conversation_section_reply           (AlgaTicketConversationSection *self);

G_END_DECLS
