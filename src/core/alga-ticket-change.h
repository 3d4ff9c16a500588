/* alga-ticket-change.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "alga-quiet.h"
#include "alga-ticket-repository.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_CHANGE (alga_ticket_change_get_type ())

/* One change a technician makes to one field of a ticket: what the server is sent, how the
 * names its answer lacks are filled in, and the change that takes it back. */
typedef struct _AlgaTicketChange AlgaTicketChange;

GType             alga_ticket_change_get_type       (void) G_GNUC_CONST;

AlgaTicketChange *alga_ticket_change_new_status     (const char        *status_id,
                                                     const char        *status_name,
                                                     gboolean           is_closed);
AlgaTicketChange *alga_ticket_change_new_priority   (const char        *priority_id,
                                                     const char        *priority_name);
/* @user_id NULL unassigns; @name NULL when the new assignee's name is not known. */
AlgaTicketChange *alga_ticket_change_new_assignee   (const char        *user_id,
                                                     const char        *name);
/* @due NULL clears the due date. */
AlgaTicketChange *alga_ticket_change_new_due_date   (GDateTime         *due);
/* Members of the ticket's attributes to replace (a null member removes one). */
AlgaTicketChange *alga_ticket_change_new_attributes (JsonObject        *changes);
/* The change that puts back what @ticket holds now where @self writes; NULL where there is no
 * way back (attributes in general). */
AlgaTicketChange *alga_ticket_change_new_undo       (AlgaTicketChange  *self,
                                                     AlgaTicket        *ticket);

AlgaTicketChange *alga_ticket_change_ref            (AlgaTicketChange  *self);
void              alga_ticket_change_unref          (AlgaTicketChange  *self);

/* The id written (status, priority or user id), or NULL. */
const char       *alga_ticket_change_get_value      (AlgaTicketChange  *self);
/* The name of what was chosen (status, priority or person), or NULL. */
const char       *alga_ticket_change_get_name       (AlgaTicketChange  *self);
/* Whether the status chosen closes the ticket. */
gboolean          alga_ticket_change_get_closes     (AlgaTicketChange  *self);
/* (transfer none) (nullable): the members of attributes it replaces. */
JsonObject       *alga_ticket_change_get_attributes (AlgaTicketChange  *self);
/* The server answers with the bare ticket row: the joined names come from what was chosen.
 * FALSE when a name is not known, and the ticket must be read again to learn it. */
gboolean          alga_ticket_change_apply_names    (AlgaTicketChange  *self,
                                                     AlgaTicket        *ticket);

/* Makes the change through the account's tickets; the answer is
 * alga_ticket_repository_write_finish()'s. */
void              alga_ticket_change_send_async     (AlgaTicketChange     *self,
                                                     AlgaTicketRepository *tickets,
                                                     const char           *ticket_id,
                                                     AlgaQuiet             quiet,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaTicketChange, alga_ticket_change_unref)

G_END_DECLS
