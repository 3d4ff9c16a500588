/* alga-comment-thread.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-comment.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_COMMENT_THREAD (alga_comment_thread_get_type ())

G_DECLARE_FINAL_TYPE (AlgaCommentThread, alga_comment_thread, ALGA, COMMENT_THREAD, AdwBin)

GtkWidget   *alga_comment_thread_new         (void);
AlgaAccount *alga_comment_thread_get_account (AlgaCommentThread *self);
void         alga_comment_thread_set_account (AlgaCommentThread *self,
                                              AlgaAccount       *account);
const char *alga_comment_thread_get_user_id (AlgaCommentThread *self);
void        alga_comment_thread_set_user_id (AlgaCommentThread *self,
                                             const char        *user_id);
AlgaTicket *alga_comment_thread_get_ticket  (AlgaCommentThread *self);
void        alga_comment_thread_set_ticket  (AlgaCommentThread *self,
                                             AlgaTicket        *ticket);
/* The list of AlgaComment shown, oldest first. */
GListModel *alga_comment_thread_get_model   (AlgaCommentThread *self);
void        alga_comment_thread_add_comment (AlgaCommentThread *self,
                                             AlgaComment       *comment);
void        alga_comment_thread_reload      (AlgaCommentThread *self);
/* Moves the focus to the newest comment; FALSE when there is none to read. */
gboolean    alga_comment_thread_focus_newest (AlgaCommentThread *self);

G_END_DECLS
