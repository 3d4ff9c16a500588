/* alga-ticket-fields-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket-section.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_FIELDS_SECTION (alga_ticket_fields_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketFieldsSection, alga_ticket_fields_section, ALGA, TICKET_FIELDS_SECTION,
                      AlgaTicketSection)

/* Asks for the lists the ticket's fields offer that are not known yet. */
void        alga_ticket_fields_section_load_choices       (AlgaTicketFieldsSection *self);
/* (element-type AlgaPriority): the priorities, with their colours, once known. */
GListModel *alga_ticket_fields_section_get_priorities     (AlgaTicketFieldsSection *self);

/* Runs one of the pane's actions that change a field: "ticket.change-status" (and -priority,
 * -assignee, -due-date) opens the field's editor; "ticket.assign-to-me" assigns the ticket at
 * once; "ticket.undo" presses the Undo of the last change's toast while it shows. */
void        alga_ticket_fields_section_activate           (AlgaTicketFieldsSection *self,
                                                           const char              *action_name);

G_END_DECLS
