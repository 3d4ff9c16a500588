/* alga-checklist-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-ticket-repository.h"

G_BEGIN_DECLS

#define ALGA_TYPE_CHECKLIST_SECTION (alga_checklist_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaChecklistSection, alga_checklist_section, ALGA, CHECKLIST_SECTION, AdwBin)

GtkWidget  *alga_checklist_section_new                 (void);
void        alga_checklist_section_set_ticket          (AlgaChecklistSection *self,
                                                        AlgaTicketRepository *tickets,
                                                        const char           *ticket_id);
void        alga_checklist_section_reload              (AlgaChecklistSection *self);
/* (transfer none) (element-type AlgaChecklistItem) */
GListModel *alga_checklist_section_get_items           (AlgaChecklistSection *self);
guint       alga_checklist_section_get_n_required_open (AlgaChecklistSection *self);
/* After a refused close: reads the checklist again and moves the focus to the first required
 * item not done. Returns whether the loaded list has one. */
gboolean    alga_checklist_section_show_blocker        (AlgaChecklistSection *self);

G_END_DECLS
