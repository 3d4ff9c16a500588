/* alga-priority.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_PRIORITY (alga_priority_get_type ())

typedef enum
{
  ALGA_PRIORITY_KIND_UNKNOWN,
  ALGA_PRIORITY_KIND_CUSTOM,   /* the tenant's own */
  ALGA_PRIORITY_KIND_ITIL,     /* the ITIL standard ones */
} AlgaPriorityKind;

G_DECLARE_FINAL_TYPE (AlgaPriority, alga_priority, ALGA, PRIORITY, GObject)

AlgaPriority *alga_priority_new_from_json    (JsonNode      *node,
                                              GError       **error);
JsonNode     *alga_priority_to_json          (AlgaPriority  *self);
const char   *alga_priority_get_priority_id   (AlgaPriority  *self);
const char   *alga_priority_get_priority_name (AlgaPriority  *self);
/* NULL unless the item came from /api/v1/priorities (the ticket route has no colours). */
const char   *alga_priority_get_color         (AlgaPriority  *self);
/* -1 when unknown. */
int           alga_priority_get_order_number  (AlgaPriority  *self);
AlgaPriorityKind alga_priority_get_kind       (AlgaPriority  *self);

GPtrArray    *alga_priority_filter_for_board (GListModel       *priorities,
                                              AlgaPriorityKind  board_kind,
                                              const char       *current_id);

G_END_DECLS
