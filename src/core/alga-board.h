/* alga-board.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "alga-priority.h"

G_BEGIN_DECLS

#define ALGA_TYPE_BOARD (alga_board_get_type ())

G_DECLARE_FINAL_TYPE (AlgaBoard, alga_board, ALGA, BOARD, GObject)

AlgaBoard  *alga_board_new_from_json   (JsonNode   *node,
                                        GError    **error);
JsonNode   *alga_board_to_json         (AlgaBoard  *self);
const char *alga_board_get_board_id    (AlgaBoard  *self);
const char *alga_board_get_board_name  (AlgaBoard  *self);
gboolean    alga_board_get_is_default  (AlgaBoard  *self);
gboolean    alga_board_get_is_inactive (AlgaBoard  *self);
AlgaPriorityKind alga_board_get_priority_kind (AlgaBoard *self);

G_END_DECLS
