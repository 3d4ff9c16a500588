/* alga-client-threads.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replies, edits of one's own comments, and reactions.
 */

#pragma once

#include "alga-client.h"
#include "alga-comment.h"

G_BEGIN_DECLS

void         alga_client_post_reply_async        (AlgaClient          *self,
                                                  const char          *ticket_id,
                                                  const char          *parent_comment_id,
                                                  const char          *text,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AlgaComment *alga_client_post_reply_finish       (AlgaClient          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void         alga_client_edit_comment_async      (AlgaClient          *self,
                                                  const char          *ticket_id,
                                                  const char          *comment_id,
                                                  const char          *text,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AlgaComment *alga_client_edit_comment_finish     (AlgaClient          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void         alga_client_toggle_reaction_async   (AlgaClient          *self,
                                                  const char          *ticket_id,
                                                  const char          *comment_id,
                                                  const char          *emoji,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean     alga_client_toggle_reaction_finish  (AlgaClient          *self,
                                                  GAsyncResult        *result,
                                                  gboolean            *added,
                                                  GError             **error);

G_END_DECLS
