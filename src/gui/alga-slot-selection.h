/* alga-slot-selection.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALGA_TYPE_SLOT_SELECTION (alga_slot_selection_get_type ())

G_DECLARE_FINAL_TYPE (AlgaSlotSelection, alga_slot_selection, ALGA, SLOT_SELECTION, GObject)

AlgaSlotSelection *alga_slot_selection_new          (GtkSelectionModel *model);
void               alga_slot_selection_set_in_place (AlgaSlotSelection *self,
                                                     gboolean           in_place);

G_END_DECLS
