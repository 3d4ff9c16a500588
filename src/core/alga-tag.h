/* alga-tag.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_TAG (alga_tag_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTag, alga_tag, ALGA, TAG, GObject)

/* Accepts {tag_id, tag_text, background_color, text_color} and also a bare string. */
AlgaTag    *alga_tag_new_from_json        (JsonNode   *node,
                                           GError    **error);
JsonNode   *alga_tag_to_json              (AlgaTag    *self);
const char *alga_tag_get_tag_id           (AlgaTag    *self);
const char *alga_tag_get_text             (AlgaTag    *self);
const char *alga_tag_get_background_color (AlgaTag    *self);
const char *alga_tag_get_text_color       (AlgaTag    *self);
gboolean    alga_tag_equal                (AlgaTag    *a,
                                           AlgaTag    *b);

G_END_DECLS
