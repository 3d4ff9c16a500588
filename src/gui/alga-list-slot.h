/* alga-list-slot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ALGA_TYPE_LIST_SLOT (alga_list_slot_get_type ())

G_DECLARE_FINAL_TYPE (AlgaListSlot, alga_list_slot, ALGA, LIST_SLOT, GObject)

AlgaListSlot *alga_list_slot_new      (gpointer      item);
gpointer      alga_list_slot_get_item (AlgaListSlot *self);
void          alga_list_slot_set_item (AlgaListSlot *self,
                                       gpointer      item);

G_END_DECLS
