/* alga-new-ticket.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "alga-priority.h"

G_BEGIN_DECLS

#define ALGA_TYPE_NEW_TICKET (alga_new_ticket_get_type ())

G_DECLARE_FINAL_TYPE (AlgaNewTicket, alga_new_ticket, ALGA, NEW_TICKET, GObject)

/* The longest title the server stores, in characters. */
#define ALGA_NEW_TICKET_MAX_TITLE 255

/**
 * AlgaNewTicketProblem:
 *
 * The first thing that keeps a new ticket from being sent, in the order of the form. The server
 * checks some of these itself, not all (docs/API.md, A new ticket), so each is checked here.
 */
typedef enum
{
  ALGA_NEW_TICKET_OK,
  ALGA_NEW_TICKET_NO_TITLE,
  ALGA_NEW_TICKET_TITLE_TOO_LONG,
  ALGA_NEW_TICKET_NO_BOARD,
  ALGA_NEW_TICKET_NO_CLIENT,
  ALGA_NEW_TICKET_CONTACT_OF_OTHER_CLIENT,
  ALGA_NEW_TICKET_LOCATION_OF_OTHER_CLIENT,
  ALGA_NEW_TICKET_NO_STATUS,
  ALGA_NEW_TICKET_STATUS_OF_OTHER_BOARD,
  ALGA_NEW_TICKET_NO_PRIORITY,
  ALGA_NEW_TICKET_PRIORITY_OF_OTHER_KIND,
} AlgaNewTicketProblem;

AlgaNewTicket        *alga_new_ticket_new             (void);
/* From the text alga_new_ticket_to_draft() made; an empty form for anything else. */
AlgaNewTicket        *alga_new_ticket_new_from_draft  (const char       *draft);
char                 *alga_new_ticket_to_draft        (AlgaNewTicket    *self);
gboolean              alga_new_ticket_is_empty        (AlgaNewTicket    *self);

void                  alga_new_ticket_set_title       (AlgaNewTicket    *self,
                                                       const char       *title);
const char           *alga_new_ticket_get_title       (AlgaNewTicket    *self);
void                  alga_new_ticket_set_description (AlgaNewTicket    *self,
                                                       const char       *description);
const char           *alga_new_ticket_get_description (AlgaNewTicket    *self);
void                  alga_new_ticket_set_board       (AlgaNewTicket    *self,
                                                       const char       *board_id,
                                                       AlgaPriorityKind  priority_kind);
const char           *alga_new_ticket_get_board_id    (AlgaNewTicket    *self);
void                  alga_new_ticket_set_client      (AlgaNewTicket    *self,
                                                       const char       *client_id,
                                                       const char       *client_name);
const char           *alga_new_ticket_get_client_id   (AlgaNewTicket    *self);
const char           *alga_new_ticket_get_client_name (AlgaNewTicket    *self);
/* Each pick names what it belongs to, so that a pick left from before a change is caught. */
void                  alga_new_ticket_set_contact     (AlgaNewTicket    *self,
                                                       const char       *contact_id,
                                                       const char       *contact_client_id);
const char           *alga_new_ticket_get_contact_id  (AlgaNewTicket    *self);
void                  alga_new_ticket_set_location    (AlgaNewTicket    *self,
                                                       const char       *location_id,
                                                       const char       *location_client_id);
const char           *alga_new_ticket_get_location_id (AlgaNewTicket    *self);
void                  alga_new_ticket_set_status      (AlgaNewTicket    *self,
                                                       const char       *status_id,
                                                       const char       *status_board_id);
const char           *alga_new_ticket_get_status_id   (AlgaNewTicket    *self);
void                  alga_new_ticket_set_priority    (AlgaNewTicket    *self,
                                                       const char       *priority_id,
                                                       AlgaPriorityKind  kind);
const char           *alga_new_ticket_get_priority_id (AlgaNewTicket    *self);
void                  alga_new_ticket_set_assignee    (AlgaNewTicket    *self,
                                                       const char       *user_id);
const char           *alga_new_ticket_get_assignee_id (AlgaNewTicket    *self);

AlgaNewTicketProblem  alga_new_ticket_check           (AlgaNewTicket    *self);
/* The body of POST /api/v1/tickets; only for a ticket whose check found no problem. */
JsonNode             *alga_new_ticket_to_json         (AlgaNewTicket    *self);

G_END_DECLS
