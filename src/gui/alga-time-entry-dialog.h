/* alga-time-entry-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-ticket.h"
#include "alga-time-entry.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TIME_ENTRY_DIALOG (alga_time_entry_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTimeEntryDialog, alga_time_entry_dialog, ALGA, TIME_ENTRY_DIALOG,
                      AdwWindow)

/* A modal window, transient for @parent, that logs time on @ticket. */
GtkWidget      *alga_time_entry_dialog_new             (GtkWindow           *parent,
                                                        AlgaAccount         *account,
                                                        AlgaTicket          *ticket);
/* Where a new entry's fields wait until it is logged (an entry being corrected has none). */
AlgaDraftStore *alga_time_entry_dialog_get_draft_store (AlgaTimeEntryDialog *self);
void            alga_time_entry_dialog_set_draft_store (AlgaTimeEntryDialog *self,
                                                        AlgaDraftStore      *store);

/* Correcting one of the technician's own entries instead of logging a new one. */
void                 alga_time_entry_dialog_edit_entry (AlgaTimeEntryDialog *self,
                                                        AlgaTimeEntry       *entry);

/* Stopping a running timer: its time is logged, then it stops. */
void                 alga_time_entry_dialog_stop_timer (AlgaTimeEntryDialog *self,
                                                        AlgaTimer           *timer);

G_END_DECLS
