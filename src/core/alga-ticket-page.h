/* alga-ticket-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-pagination.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

/* Decodes the body of GET /api/v1/tickets ({"data": […], "pagination": {…}}) straight from its
 * bytes into AlgaTickets, with no JsonNode tree: the same tickets, pagination and errors as
 * json-glib's parse followed by alga_ticket_new_from_json() on each item. */
GPtrArray *alga_ticket_page_decode (const char      *data,
                                    gsize            length,
                                    AlgaPagination **pagination,
                                    GError         **error);

G_END_DECLS
