/* alga-ticket-repository-parts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of a ticket that are read and written apart from the ticket itself: its documents,
 * its checklist, and the replies, edits and reactions of its comments. They go through the
 * account's AlgaTicketRepository like every other read and write of a ticket; they are read
 * from the server only (nothing of them is saved in the cache).
 */

#pragma once

#include "alga-checklist-item.h"
#include "alga-document.h"
#include "alga-ticket-repository.h"

G_BEGIN_DECLS

/* Documents. */
void               alga_ticket_repository_list_documents_async      (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
GPtrArray         *alga_ticket_repository_list_documents_finish     (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void               alga_ticket_repository_upload_document_async     (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     GFile                 *file,
                                                                     GBytes                *content,
                                                                     const char            *name,
                                                                     const char            *content_type,
                                                                     GFileProgressCallback  progress,
                                                                     gpointer               progress_data,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
AlgaDocument      *alga_ticket_repository_upload_document_finish    (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void               alga_ticket_repository_download_document_async   (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     const char            *document_id,
                                                                     GFile                 *destination,
                                                                     goffset                expected_size,
                                                                     GFileProgressCallback  progress,
                                                                     gpointer               progress_data,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
char              *alga_ticket_repository_download_document_finish  (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void               alga_ticket_repository_delete_document_async     (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     const char            *document_id,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
gboolean           alga_ticket_repository_delete_document_finish    (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* The checklist. */
void               alga_ticket_repository_list_checklist_async      (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
GPtrArray         *alga_ticket_repository_list_checklist_finish     (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void               alga_ticket_repository_add_checklist_item_async  (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     const char            *name,
                                                                     gboolean               is_required,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
AlgaChecklistItem *alga_ticket_repository_add_checklist_item_finish (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void               alga_ticket_repository_set_checklist_item_done_async  (AlgaTicketRepository *self,
                                                                     const char            *ticket_id,
                                                                     const char            *item_id,
                                                                     gboolean               completed,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
AlgaChecklistItem *alga_ticket_repository_set_checklist_item_done_finish (AlgaTicketRepository *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);

/* A comment's replies, edits and reactions. */
void               alga_ticket_repository_post_reply_async          (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     const char            *parent_comment_id,
                                                                     const char            *text,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
AlgaComment       *alga_ticket_repository_post_reply_finish         (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void               alga_ticket_repository_edit_comment_async        (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     const char            *comment_id,
                                                                     const char            *text,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
AlgaComment       *alga_ticket_repository_edit_comment_finish       (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     GError               **error);
void               alga_ticket_repository_toggle_reaction_async     (AlgaTicketRepository  *self,
                                                                     const char            *ticket_id,
                                                                     const char            *comment_id,
                                                                     const char            *emoji,
                                                                     GCancellable          *cancellable,
                                                                     GAsyncReadyCallback    callback,
                                                                     gpointer               user_data);
gboolean           alga_ticket_repository_toggle_reaction_finish    (AlgaTicketRepository  *self,
                                                                     GAsyncResult          *result,
                                                                     gboolean              *added,
                                                                     GError               **error);

G_END_DECLS
