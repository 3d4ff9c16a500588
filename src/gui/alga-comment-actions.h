/* alga-comment-actions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "alga-comment.h"
#include "alga-ticket-repository.h"

G_BEGIN_DECLS

#define ALGA_TYPE_COMMENT_ACTIONS (alga_comment_actions_get_type ())

G_DECLARE_FINAL_TYPE (AlgaCommentActions, alga_comment_actions, ALGA, COMMENT_ACTIONS, GtkWidget)

/* The reactions offered: the server takes any short string, so the choice is the app's. */
extern const char * const alga_comment_reactions[];

GtkWidget *alga_comment_actions_new             (AlgaTicketRepository *tickets,
                                                 const char           *ticket_id,
                                                 AlgaComment          *comment,
                                                 gboolean              own);
/* Opens the reply (or, for @edit, the edit) box under the comment with the focus in it. */
void       alga_comment_actions_open_editor     (AlgaCommentActions *self,
                                                 gboolean            edit);
void       alga_comment_actions_set_editor_text (AlgaCommentActions *self,
                                                 const char         *text);
void       alga_comment_actions_send            (AlgaCommentActions *self);
void       alga_comment_actions_toggle_reaction (AlgaCommentActions *self,
                                                 const char         *emoji);
/* The count shown for @emoji, and whether the user's own reaction is among it. */
int        alga_comment_actions_get_reaction    (AlgaCommentActions *self,
                                                 const char         *emoji,
                                                 gboolean           *mine);
gboolean   alga_comment_actions_get_busy        (AlgaCommentActions *self);

G_END_DECLS
