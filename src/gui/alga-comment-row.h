/* alga-comment-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "alga-comment.h"

G_BEGIN_DECLS

#define ALGA_TYPE_COMMENT_ROW (alga_comment_row_get_type ())

G_DECLARE_FINAL_TYPE (AlgaCommentRow, alga_comment_row, ALGA, COMMENT_ROW, GtkListBoxRow)

GtkWidget   *alga_comment_row_new         (AlgaComment    *comment);
AlgaComment *alga_comment_row_get_comment (AlgaCommentRow *self);
/* "Internal", "Public", "Resolution", … as shown, for tests and the accessible summary. */
char        *alga_comment_row_dup_badges  (AlgaCommentRow *self);
const char  *alga_comment_row_get_author  (AlgaCommentRow *self);
void         alga_comment_row_add_footer  (AlgaCommentRow *self,
                                           GtkWidget      *footer);
void         alga_comment_row_set_depth   (AlgaCommentRow *self,
                                           guint           depth);

G_END_DECLS
