/* alga-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-application.h"
#include "alga-account.h"
#include "alga-ticket-list-view.h"
#include "alga-timer.h"
#include "alga-view.h"

G_BEGIN_DECLS

#define ALGA_TYPE_WINDOW (alga_window_get_type ())

G_DECLARE_FINAL_TYPE (AlgaWindow, alga_window, ALGA, WINDOW, AdwApplicationWindow)

AlgaWindow         *alga_window_new                  (AlgaApplication *application);
AlgaAccount        *alga_window_get_account          (AlgaWindow      *self);
void                alga_window_set_account          (AlgaWindow      *self,
                                                      AlgaAccount     *account);
AlgaTimer          *alga_window_get_timer            (AlgaWindow      *self);
void                alga_window_set_sign_in_page     (AlgaWindow      *self,
                                                      GtkWidget       *page);
void                alga_window_show_ticket          (AlgaWindow      *self,
                                                      const char      *ticket_id);
AlgaView            alga_window_get_view             (AlgaWindow      *self);
void                alga_window_apply_changes        (AlgaWindow      *self,
                                                      GPtrArray       *tickets);
int                 alga_window_get_view_count       (AlgaWindow      *self,
                                                      AlgaView         view);
AlgaTicketListView *alga_window_get_ticket_list_view (AlgaWindow      *self);

G_END_DECLS
