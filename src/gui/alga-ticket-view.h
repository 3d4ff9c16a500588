/* alga-ticket-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_VIEW (alga_ticket_view_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketView, alga_ticket_view, ALGA, TICKET_VIEW, AdwBin)

GtkWidget   *alga_ticket_view_new         (void);
AlgaAccount *alga_ticket_view_get_account (AlgaTicketView *self);
void         alga_ticket_view_set_account (AlgaTicketView *self,
                                           AlgaAccount    *account);
AlgaTicket  *alga_ticket_view_get_ticket  (AlgaTicketView *self);
void         alga_ticket_view_set_ticket  (AlgaTicketView *self,
                                           AlgaTicket     *ticket);
void         alga_ticket_view_refresh     (AlgaTicketView *self);
char        *alga_ticket_view_dup_web_uri (AlgaTicketView *self);

G_END_DECLS
