/* alga-ticket-choices.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-priority.h"
#include "alga-reference-data.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_CHOICES (alga_ticket_choices_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketChoices, alga_ticket_choices, ALGA, TICKET_CHOICES, GObject)

/* What the ticket pane's fields may be set to, and the names of people, as the account's
 * reference data gives them: asked of it again each time a ticket is shown, so that they follow
 * its lifetimes. */
AlgaTicketChoices *alga_ticket_choices_new                 (void);
AlgaReferenceData *alga_ticket_choices_get_reference_data  (AlgaTicketChoices *self);
/* Forgets what the last reference data gave: it belongs to one server and account. */
void               alga_ticket_choices_set_reference_data  (AlgaTicketChoices *self,
                                                            AlgaReferenceData *reference_data);
/* Asks the reference data for what a ticket of @board_id needs; "changed" follows only when a
 * list arrives or differs from the one before (a fresh list is answered from memory, the same). */
void               alga_ticket_choices_load                (AlgaTicketChoices *self,
                                                            const char        *board_id);
/* (nullable) (element-type AlgaStatus): the board's statuses, once known. */
GListModel        *alga_ticket_choices_get_statuses        (AlgaTicketChoices *self,
                                                            const char        *board_id);
/* (element-type AlgaPriority): every priority, in the server's order (empty until known). */
GListModel        *alga_ticket_choices_get_priorities      (AlgaTicketChoices *self);
/* While the boards are asked for, no one knows which priorities a board takes. */
gboolean           alga_ticket_choices_get_boards_loading  (AlgaTicketChoices *self);
AlgaPriorityKind   alga_ticket_choices_get_priority_kind   (AlgaTicketChoices *self,
                                                            const char        *board_id);
const char        *alga_ticket_choices_get_user_name       (AlgaTicketChoices *self,
                                                            const char        *user_id);
const char        *alga_ticket_choices_get_user_email      (AlgaTicketChoices *self,
                                                            const char        *user_id);
void               alga_ticket_choices_add_user_name       (AlgaTicketChoices *self,
                                                            const char        *user_id,
                                                            const char        *name);

G_END_DECLS
