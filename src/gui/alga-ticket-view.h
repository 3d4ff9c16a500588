/* alga-ticket-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-cache.h"
#include "alga-client.h"
#include "alga-draft-store.h"
#include "alga-reference-data.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_VIEW (alga_ticket_view_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketView, alga_ticket_view, ALGA, TICKET_VIEW, AdwBin)

GtkWidget  *alga_ticket_view_new         (void);
void        alga_ticket_view_set_account (AlgaTicketView *self,
                                          AlgaAccount    *account);
AlgaClient *alga_ticket_view_get_client  (AlgaTicketView *self);
void        alga_ticket_view_set_client  (AlgaTicketView *self,
                                          AlgaClient     *client);
const char *alga_ticket_view_get_user_id (AlgaTicketView *self);
void        alga_ticket_view_set_user_id (AlgaTicketView *self,
                                          const char     *user_id);
/* The signed-in user's name: the author of the comments posted from the pane. */
void        alga_ticket_view_set_user_name (AlgaTicketView *self,
                                            const char     *user_name);
void        alga_ticket_view_set_user_email (AlgaTicketView *self,
                                             const char     *user_email);
AlgaTicket *alga_ticket_view_get_ticket  (AlgaTicketView *self);
void        alga_ticket_view_set_ticket  (AlgaTicketView *self,
                                          AlgaTicket     *ticket);
void        alga_ticket_view_refresh     (AlgaTicketView *self);
char       *alga_ticket_view_dup_web_uri (AlgaTicketView *self);
void        alga_ticket_view_set_draft_store (AlgaTicketView *self,
                                              AlgaDraftStore *draft_store);
void        alga_ticket_view_set_cache   (AlgaTicketView *self,
                                          AlgaCache      *cache);
void        alga_ticket_view_set_reference_data (AlgaTicketView    *self,
                                                 AlgaReferenceData *reference_data);

G_END_DECLS
