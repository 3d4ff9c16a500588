/* alga-ticket-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_QUERY (alga_ticket_query_get_type ())

typedef enum
{
  ALGA_TICKET_STATE_ANY,
  ALGA_TICKET_STATE_OPEN,
  ALGA_TICKET_STATE_CLOSED,
} AlgaTicketState;

typedef enum
{
  ALGA_TICKET_ASSIGNEE_ANY,
  ALGA_TICKET_ASSIGNEE_ME,
  ALGA_TICKET_ASSIGNEE_NONE,
  ALGA_TICKET_ASSIGNEE_USER,
} AlgaTicketAssignee;

/* The filters, sort and fields of GET /api/v1/tickets (docs/API.md, The ticket list). A boxed
 * type: copy it
 * with alga_ticket_query_copy (). */
typedef struct _AlgaTicketQuery AlgaTicketQuery;

GType              alga_ticket_query_get_type            (void) G_GNUC_CONST;
AlgaTicketQuery   *alga_ticket_query_new                 (void);
AlgaTicketQuery   *alga_ticket_query_copy                (const AlgaTicketQuery *self);
void               alga_ticket_query_free                (AlgaTicketQuery       *self);
gboolean           alga_ticket_query_equal               (const AlgaTicketQuery *a,
                                                          const AlgaTicketQuery *b);

void               alga_ticket_query_set_state           (AlgaTicketQuery       *self,
                                                          AlgaTicketState        state);
AlgaTicketState    alga_ticket_query_get_state           (const AlgaTicketQuery *self);
/* user_id is used only with ALGA_TICKET_ASSIGNEE_USER. */
void               alga_ticket_query_set_assignee        (AlgaTicketQuery       *self,
                                                          AlgaTicketAssignee     assignee,
                                                          const char            *user_id);
AlgaTicketAssignee alga_ticket_query_get_assignee        (const AlgaTicketQuery *self);
const char        *alga_ticket_query_get_assignee_id     (const AlgaTicketQuery *self);
/* Who "me" is; without it ALGA_TICKET_ASSIGNEE_ME filters nothing. */
void               alga_ticket_query_set_current_user_id (AlgaTicketQuery       *self,
                                                          const char            *user_id);
const char        *alga_ticket_query_get_current_user_id (const AlgaTicketQuery *self);
void               alga_ticket_query_set_status_ids      (AlgaTicketQuery       *self,
                                                          const char * const    *status_ids);
const char * const *alga_ticket_query_get_status_ids     (const AlgaTicketQuery *self);
void               alga_ticket_query_set_priority_name   (AlgaTicketQuery       *self,
                                                          const char            *priority_name);
/* Stored lower-cased, as the server compares them. */
void               alga_ticket_query_set_tags            (AlgaTicketQuery       *self,
                                                          const char * const    *tags);
void               alga_ticket_query_set_board_id        (AlgaTicketQuery       *self,
                                                          const char            *board_id);
void               alga_ticket_query_set_client_id       (AlgaTicketQuery       *self,
                                                          const char            *client_id);
void               alga_ticket_query_set_updated_since   (AlgaTicketQuery       *self,
                                                          GDateTime             *since);
void               alga_ticket_query_set_search          (AlgaTicketQuery       *self,
                                                          const char            *text);
/* Only updated_at, entered_at, priority_name, status_name, client_name, ticket_number, title
 * and due_date; anything else is refused (FALSE, unchanged) because the server answers an
 * unknown sort column with 500. Default: entered_at, descending. */
gboolean           alga_ticket_query_set_sort            (AlgaTicketQuery       *self,
                                                          const char            *column,
                                                          gboolean               descending);
const char        *alga_ticket_query_get_sort            (const AlgaTicketQuery *self);
gboolean           alga_ticket_query_get_descending      (const AlgaTicketQuery *self);
/* "mobile_list" by default; NULL asks for the full payload. */
void               alga_ticket_query_set_fields          (AlgaTicketQuery       *self,
                                                          const char            *fields);

/* The query string (no leading "?") for one page. */
char              *alga_ticket_query_to_string           (const AlgaTicketQuery *self,
                                                          guint                  page,
                                                          guint                  limit);
/* Whether ticket passes the filters, judged locally as the server would. */
gboolean           alga_ticket_query_matches             (const AlgaTicketQuery *self,
                                                          AlgaTicket            *ticket);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaTicketQuery, alga_ticket_query_free)

G_END_DECLS
