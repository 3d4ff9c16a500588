/* alga-priority.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_PRIORITY (alga_priority_get_type ())

G_DECLARE_FINAL_TYPE (AlgaPriority, alga_priority, ALGA, PRIORITY, GObject)

AlgaPriority *alga_priority_new_from_json    (JsonNode      *node,
                                              GError       **error);
const char   *alga_priority_get_priority_id   (AlgaPriority  *self);
const char   *alga_priority_get_priority_name (AlgaPriority  *self);
/* NULL unless the item came from /api/v1/priorities (the ticket route has no colours). */
const char   *alga_priority_get_color         (AlgaPriority  *self);
/* -1 when unknown. */
int           alga_priority_get_order_number  (AlgaPriority  *self);

G_END_DECLS
