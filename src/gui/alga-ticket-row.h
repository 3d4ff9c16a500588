/* alga-ticket-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_ROW (alga_ticket_row_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketRow, alga_ticket_row, ALGA, TICKET_ROW, GtkWidget)

GtkWidget  *alga_ticket_row_new                 (void);
AlgaTicket *alga_ticket_row_get_ticket          (AlgaTicketRow *self);
void        alga_ticket_row_set_implied_assignee (AlgaTicketRow *self,
                                                  const char    *user_id);
void        alga_ticket_row_set_ticket          (AlgaTicketRow *self,
                                                 AlgaTicket    *ticket);

G_END_DECLS
