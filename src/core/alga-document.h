/* alga-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_DOCUMENT (alga_document_get_type ())

G_DECLARE_FINAL_TYPE (AlgaDocument, alga_document, ALGA, DOCUMENT, GObject)

AlgaDocument *alga_document_new_from_json       (JsonNode  *node,
                                                 GError   **error);

const char   *alga_document_get_document_id     (AlgaDocument *self);
/* The file name as uploaded. */
const char   *alga_document_get_name            (AlgaDocument *self);
const char   *alga_document_get_mime_type       (AlgaDocument *self);
/* In bytes. */
gint64        alga_document_get_size            (AlgaDocument *self);
/* The uploader's user id. */
const char   *alga_document_get_created_by      (AlgaDocument *self);
const char   *alga_document_get_created_by_name (AlgaDocument *self);
GDateTime    *alga_document_get_updated_at      (AlgaDocument *self);

G_END_DECLS
