/* alga-due-date-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALGA_TYPE_DUE_DATE_POPOVER (alga_due_date_popover_get_type ())

G_DECLARE_FINAL_TYPE (AlgaDueDatePopover, alga_due_date_popover, ALGA, DUE_DATE_POPOVER, GtkPopover)

/* Where the due date is chosen: a day, and the time of day it is due by. */
GtkWidget *alga_due_date_popover_new          (void);
/* What the popover starts from when it opens: the ticket's due date, or NULL for none. */
void       alga_due_date_popover_set_due_date (AlgaDueDatePopover *self,
                                               GDateTime          *due);

G_END_DECLS
