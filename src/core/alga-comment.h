/* alga-comment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_COMMENT (alga_comment_get_type ())

G_DECLARE_FINAL_TYPE (AlgaComment, alga_comment, ALGA, COMMENT, GObject)

typedef enum
{
  ALGA_COMMENT_AUTHOR_INTERNAL,
  ALGA_COMMENT_AUTHOR_CONTACT,
  ALGA_COMMENT_AUTHOR_SYSTEM,
} AlgaCommentAuthorKind;

/* Decodes the full and the markdown format of GET /tickets/{id}/comments and the POST answer. */
AlgaComment *alga_comment_new_from_json           (JsonNode     *node,
                                                   GError      **error);
JsonNode    *alga_comment_to_json                 (AlgaComment  *self);

const char  *alga_comment_get_comment_id          (AlgaComment  *self);
const char  *alga_comment_get_ticket_id           (AlgaComment  *self);
const char  *alga_comment_get_thread_id           (AlgaComment  *self);
const char  *alga_comment_get_parent_comment_id   (AlgaComment  *self);
const char  *alga_comment_get_user_id             (AlgaComment  *self);
const char  *alga_comment_get_contact_id          (AlgaComment  *self);
const char  *alga_comment_get_author_type         (AlgaComment  *self);
/* The raw body: comment_text, else note (plain text or BlockNote JSON); may be NULL. */
const char  *alga_comment_get_text                (AlgaComment  *self);
const char  *alga_comment_get_comment_html        (AlgaComment  *self);
const char  *alga_comment_get_markdown_content    (AlgaComment  *self);
gboolean     alga_comment_get_is_internal         (AlgaComment  *self);
gboolean     alga_comment_get_is_resolution       (AlgaComment  *self);
gboolean     alga_comment_get_is_system_generated (AlgaComment  *self);
GDateTime   *alga_comment_get_created_at          (AlgaComment  *self);
GDateTime   *alga_comment_get_updated_at          (AlgaComment  *self);
GDateTime   *alga_comment_get_deleted_at          (AlgaComment  *self);
const char  *alga_comment_get_created_by_name     (AlgaComment  *self);
const char  *alga_comment_get_author_contact_name (AlgaComment  *self);
const char  *alga_comment_get_publish_state       (AlgaComment  *self);
AlgaCommentAuthorKind alga_comment_get_author_kind (AlgaComment *self);
/* (element-type AlgaReaction) */
GPtrArray   *alga_comment_get_reactions           (AlgaComment  *self);

G_END_DECLS
