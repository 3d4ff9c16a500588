/* alga-ticket-list-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-ticket-list.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_LIST_VIEW (alga_ticket_list_view_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketListView, alga_ticket_list_view, ALGA, TICKET_LIST_VIEW, GtkWidget)

GtkWidget      *alga_ticket_list_view_new                 (void);
AlgaTicketList *alga_ticket_list_view_get_model           (AlgaTicketListView *self);
void            alga_ticket_list_view_set_model           (AlgaTicketListView *self,
                                                           AlgaTicketList     *model);
AlgaTicket     *alga_ticket_list_view_get_selected_ticket (AlgaTicketListView *self);
/* Narrows the loaded rows at once; the server's answer for text replaces them (alga-window). */
void            alga_ticket_list_view_set_filter_text     (AlgaTicketListView *self,
                                                           const char         *text);
const char     *alga_ticket_list_view_get_filter_text     (AlgaTicketListView *self);
gboolean        alga_ticket_list_view_select_ticket_id    (AlgaTicketListView *self,
                                                           const char         *ticket_id);
void            alga_ticket_list_view_move_selection      (AlgaTicketListView *self,
                                                           int                 delta);
void            alga_ticket_list_view_focus_selected      (AlgaTicketListView *self);
guint           alga_ticket_list_view_get_n_shown         (AlgaTicketListView *self);
void            alga_ticket_list_view_set_implied_assignee (AlgaTicketListView *self,
                                                            const char         *user_id);
void            alga_ticket_list_view_set_open_on_click   (AlgaTicketListView *self,
                                                           gboolean            open_on_click);

G_END_DECLS
