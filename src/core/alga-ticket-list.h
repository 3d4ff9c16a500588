/* alga-ticket-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-cache.h"
#include "alga-client.h"
#include "alga-ticket-query.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_LIST (alga_ticket_list_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketList, alga_ticket_list, ALGA, TICKET_LIST, GObject)

/* A GListModel of AlgaTicket over the paged GET /api/v1/tickets. */
AlgaTicketList        *alga_ticket_list_new           (AlgaClient            *client,
                                                       const AlgaTicketQuery *query);

AlgaClient            *alga_ticket_list_get_client    (AlgaTicketList        *self);
const AlgaTicketQuery *alga_ticket_list_get_query     (AlgaTicketList        *self);
/* Starts over with query (a copy is kept) unless it equals the current one. */
void                   alga_ticket_list_set_query     (AlgaTicketList        *self,
                                                       const AlgaTicketQuery *query);
guint                  alga_ticket_list_get_page_size (AlgaTicketList        *self);
void                   alga_ticket_list_set_page_size (AlgaTicketList        *self,
                                                       guint                  page_size);

/* Fetches page 1 and merges it in. */
void                   alga_ticket_list_reload        (AlgaTicketList        *self);
/* Fetches again every page loaded so far and merges them in, so that the list does not jump. */
void                   alga_ticket_list_refresh       (AlgaTicketList        *self);
void                   alga_ticket_list_load_more     (AlgaTicketList        *self);

/* With a cache, the list shows the view's cached items at once (marked cached) and then
 * confirms them from the server in place; each page fetched is written back. */
AlgaCache             *alga_ticket_list_get_cache     (AlgaTicketList        *self);
void                   alga_ticket_list_set_cache     (AlgaTicketList        *self,
                                                       AlgaCache             *cache);
gboolean               alga_ticket_list_get_cached    (AlgaTicketList        *self);
gboolean               alga_ticket_list_get_offline   (AlgaTicketList        *self);

gboolean               alga_ticket_list_get_loading   (AlgaTicketList        *self);
gboolean               alga_ticket_list_get_has_more  (AlgaTicketList        *self);
guint                  alga_ticket_list_get_total     (AlgaTicketList        *self);
const GError          *alga_ticket_list_get_error     (AlgaTicketList        *self);

AlgaTicket            *alga_ticket_list_find          (AlgaTicketList        *self,
                                                       const char            *ticket_id,
                                                       guint                 *position);
/* Merges a fresher copy of a listed ticket, and drops it if it no longer matches the query. */
gboolean               alga_ticket_list_update_ticket (AlgaTicketList        *self,
                                                       AlgaTicket            *ticket);

G_END_DECLS
