/* alga-time-logged-toast.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-ticket.h"
#include "alga-time-entry.h"
#include "alga-time-summary.h"

G_BEGIN_DECLS

/* Asks the server once per client whether its user may delete time entries (a Technician may
 * not, even their own); the answer is kept on the client. */
void alga_time_logged_toast_learn_delete_right (AlgaClient        *client);

/* "Time logged", with Undo where the server lets this user delete the entry and Edit (a
 * correction of the entry) where it does not. */
void alga_time_logged_toast_show               (GtkWidget         *widget,
                                                AlgaAccount       *account,
                                                AlgaTicket        *ticket,
                                                AlgaTimeEntry     *entry,
                                                AlgaTimeSummary   *summary);

G_END_DECLS
