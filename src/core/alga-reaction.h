/* alga-reaction.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_REACTION (alga_reaction_get_type ())

G_DECLARE_FINAL_TYPE (AlgaReaction, alga_reaction, ALGA, REACTION, GObject)

AlgaReaction       *alga_reaction_new_from_json            (JsonNode  *node,
                                                            GError   **error);

/* Any short string: the server does not check it is an emoji. */
const char         *alga_reaction_get_emoji                (AlgaReaction *self);
int                 alga_reaction_get_count                (AlgaReaction *self);
const char * const *alga_reaction_get_user_ids             (AlgaReaction *self);
gboolean            alga_reaction_get_current_user_reacted (AlgaReaction *self);

G_END_DECLS
