/* alga-status.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_STATUS (alga_status_get_type ())

G_DECLARE_FINAL_TYPE (AlgaStatus, alga_status, ALGA, STATUS, GObject)

AlgaStatus *alga_status_new_from_json     (JsonNode    *node,
                                           GError     **error);
JsonNode   *alga_status_to_json           (AlgaStatus  *self);
const char *alga_status_get_status_id     (AlgaStatus  *self);
const char *alga_status_get_board_id      (AlgaStatus  *self);
const char *alga_status_get_name          (AlgaStatus  *self);
gboolean    alga_status_get_is_closed     (AlgaStatus  *self);
gboolean    alga_status_get_is_default    (AlgaStatus  *self);
int         alga_status_get_order_number  (AlgaStatus  *self);

G_END_DECLS
