/* alga-new-ticket-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"

G_BEGIN_DECLS

#define ALGA_TYPE_NEW_TICKET_DIALOG (alga_new_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlgaNewTicketDialog, alga_new_ticket_dialog, ALGA, NEW_TICKET_DIALOG,
                      AdwWindow)

/* The draft of the one new ticket being written, per account. */
#define ALGA_NEW_TICKET_DRAFT_KEY "new-ticket"

/* A modal window, transient for @parent, that creates a ticket on @account, whose technician
 * is offered first as the assignee. */
GtkWidget *alga_new_ticket_dialog_new (GtkWindow   *parent,
                                       AlgaAccount *account);

G_END_DECLS
