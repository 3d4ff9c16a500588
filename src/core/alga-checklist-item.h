/* alga-checklist-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_CHECKLIST_ITEM (alga_checklist_item_get_type ())

G_DECLARE_FINAL_TYPE (AlgaChecklistItem, alga_checklist_item, ALGA, CHECKLIST_ITEM, GObject)

AlgaChecklistItem *alga_checklist_item_new_from_json         (JsonNode  *node,
                                                              GError   **error);

const char        *alga_checklist_item_get_item_id           (AlgaChecklistItem *self);
const char        *alga_checklist_item_get_ticket_id         (AlgaChecklistItem *self);
const char        *alga_checklist_item_get_name              (AlgaChecklistItem *self);
const char        *alga_checklist_item_get_description       (AlgaChecklistItem *self);
int                alga_checklist_item_get_order_number      (AlgaChecklistItem *self);
/* Only required items count for the close rule. */
gboolean           alga_checklist_item_get_is_required       (AlgaChecklistItem *self);
gboolean           alga_checklist_item_get_completed         (AlgaChecklistItem *self);
const char        *alga_checklist_item_get_completed_by_name (AlgaChecklistItem *self);
GDateTime         *alga_checklist_item_get_completed_at      (AlgaChecklistItem *self);

G_END_DECLS
