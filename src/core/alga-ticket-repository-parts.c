/* alga-ticket-repository-parts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of a ticket read and written apart from the ticket itself: documents, the
 * checklist, and a comment's replies, edits and reactions. Each is the client's call, relayed:
 * the repository's task carries the client's result, which the _finish function reads with the
 * client's own _finish, so that answers and errors are exactly the client's. What a write goes
 * through here for is AlgaTicketRepository::writing, emitted as it is sent, so that the watcher
 * knows the change it will see was ours; a reaction leaves the ticket's updated_at alone and
 * emits nothing.
 */

#define G_LOG_DOMAIN "alga-ticket-repository"

#include "config.h"

#include "alga-ticket-repository-parts.h"

#include "alga-client-checklist.h"
#include "alga-client-documents.h"
#include "alga-client-threads.h"
#include "alga-ticket-repository-private.h"

static void
relay_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_pointer (task, g_object_ref (result), g_object_unref);
}

/* @written_ticket_id: the ticket the call changes, or %NULL for a read. */
static GTask *
start_relay (AlgaTicketRepository *self,
             gpointer              source_tag,
             const char           *written_ticket_id,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* The client's answer decides, cancelled or not, as if the caller had asked the client. */
  g_task_set_check_cancellable (task, FALSE);
  if (written_ticket_id != NULL)
    alga_ticket_repository_emit_writing (self, written_ticket_id);

  return task;
}

/* The client's result, for its _finish; NULL only after a programming error. */
static GAsyncResult *
finish_relay (AlgaTicketRepository *self,
              GAsyncResult         *result,
              gpointer              source_tag)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

/* Documents. */

/**
 * alga_ticket_repository_list_documents_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ticket's documents
 * @user_data: data for @callback
 */
void
alga_ticket_repository_list_documents_async (AlgaTicketRepository *self,
                                             const char           *ticket_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_list_documents_async, NULL, cancellable,
                      callback, user_data);
  alga_client_list_documents_async (alga_ticket_repository_get_client (self), ticket_id,
                                    cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_list_documents_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaDocument) (nullable): the documents
 */
GPtrArray *
alga_ticket_repository_list_documents_finish (AlgaTicketRepository  *self,
                                              GAsyncResult          *result,
                                              GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_list_documents_async);
  if (answer == NULL)
    return NULL;

  return alga_client_list_documents_finish (alga_ticket_repository_get_client (self), answer,
                                            error);
}

/**
 * alga_ticket_repository_upload_document_async:
 * @self: the repository
 * @ticket_id: the ticket to attach to
 * @file: (nullable): the file to upload, read as it is sent
 * @content: (nullable): the bytes to upload, when there is no @file (a pasted image)
 * @name: the name the document gets
 * @content_type: (nullable): its media type; %NULL for `application/octet-stream`
 * @progress: (nullable) (scope notified): told how many of the file's bytes were sent
 * @progress_data: data for @progress, which must live until the callback
 * @cancellable: (nullable): a #GCancellable; cancelling stops the upload where it is
 * @callback: called with the new document
 * @user_data: data for @callback
 *
 * See alga_client_upload_document_async() for what is refused before anything is sent.
 */
void
alga_ticket_repository_upload_document_async (AlgaTicketRepository  *self,
                                              const char            *ticket_id,
                                              GFile                 *file,
                                              GBytes                *content,
                                              const char            *name,
                                              const char            *content_type,
                                              GFileProgressCallback  progress,
                                              gpointer               progress_data,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_upload_document_async, ticket_id,
                      cancellable, callback, user_data);
  alga_client_upload_document_async (alga_ticket_repository_get_client (self), ticket_id, file,
                                     content, name, content_type, progress, progress_data,
                                     cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_upload_document_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new document
 */
AlgaDocument *
alga_ticket_repository_upload_document_finish (AlgaTicketRepository  *self,
                                               GAsyncResult          *result,
                                               GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_upload_document_async);
  if (answer == NULL)
    return NULL;

  return alga_client_upload_document_finish (alga_ticket_repository_get_client (self), answer,
                                             error);
}

/**
 * alga_ticket_repository_download_document_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @document_id: one of its documents
 * @destination: the file to write; replaced only once the download is complete
 * @expected_size: the document's size from the list, for @progress
 * @progress: (nullable) (scope notified): told how many bytes arrived
 * @progress_data: data for @progress, which must live until the callback
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the name the server gave the document
 * @user_data: data for @callback
 */
void
alga_ticket_repository_download_document_async (AlgaTicketRepository  *self,
                                                const char            *ticket_id,
                                                const char            *document_id,
                                                GFile                 *destination,
                                                goffset                expected_size,
                                                GFileProgressCallback  progress,
                                                gpointer               progress_data,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_download_document_async, NULL, cancellable,
                      callback, user_data);
  alga_client_download_document_async (alga_ticket_repository_get_client (self), ticket_id,
                                       document_id, destination, expected_size, progress,
                                       progress_data, cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_download_document_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): see alga_client_download_document_finish()
 */
char *
alga_ticket_repository_download_document_finish (AlgaTicketRepository  *self,
                                                 GAsyncResult          *result,
                                                 GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_download_document_async);
  if (answer == NULL)
    return NULL;

  return alga_client_download_document_finish (alga_ticket_repository_get_client (self), answer,
                                               error);
}

/**
 * alga_ticket_repository_delete_document_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @document_id: one of its documents
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
alga_ticket_repository_delete_document_async (AlgaTicketRepository *self,
                                              const char           *ticket_id,
                                              const char           *document_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_delete_document_async, ticket_id,
                      cancellable, callback, user_data);
  alga_client_delete_document_async (alga_ticket_repository_get_client (self), ticket_id,
                                     document_id, cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_delete_document_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: whether the server deleted it
 */
gboolean
alga_ticket_repository_delete_document_finish (AlgaTicketRepository  *self,
                                               GAsyncResult          *result,
                                               GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_delete_document_async);
  if (answer == NULL)
    return FALSE;

  return alga_client_delete_document_finish (alga_ticket_repository_get_client (self), answer,
                                             error);
}

/* The checklist. */

/**
 * alga_ticket_repository_list_checklist_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ticket's checklist items
 * @user_data: data for @callback
 */
void
alga_ticket_repository_list_checklist_async (AlgaTicketRepository *self,
                                             const char           *ticket_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_list_checklist_async, NULL, cancellable,
                      callback, user_data);
  alga_client_list_checklist_async (alga_ticket_repository_get_client (self), ticket_id,
                                    cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_list_checklist_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaChecklistItem) (nullable): the items
 */
GPtrArray *
alga_ticket_repository_list_checklist_finish (AlgaTicketRepository  *self,
                                              GAsyncResult          *result,
                                              GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_list_checklist_async);
  if (answer == NULL)
    return NULL;

  return alga_client_list_checklist_finish (alga_ticket_repository_get_client (self), answer,
                                            error);
}

/**
 * alga_ticket_repository_add_checklist_item_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @name: the new item's name
 * @is_required: whether closing the ticket waits for it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the item as the server made it
 * @user_data: data for @callback
 */
void
alga_ticket_repository_add_checklist_item_async (AlgaTicketRepository *self,
                                                 const char           *ticket_id,
                                                 const char           *name,
                                                 gboolean              is_required,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_add_checklist_item_async, ticket_id,
                      cancellable, callback, user_data);
  alga_client_add_checklist_item_async (alga_ticket_repository_get_client (self), ticket_id,
                                        name, is_required, cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_add_checklist_item_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new item
 */
AlgaChecklistItem *
alga_ticket_repository_add_checklist_item_finish (AlgaTicketRepository  *self,
                                                  GAsyncResult          *result,
                                                  GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_add_checklist_item_async);
  if (answer == NULL)
    return NULL;

  return alga_client_add_checklist_item_finish (alga_ticket_repository_get_client (self), answer,
                                                error);
}

/**
 * alga_ticket_repository_set_checklist_item_done_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @item_id: one of its checklist items
 * @completed: whether it is done
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the item as the server has it now
 * @user_data: data for @callback
 */
void
alga_ticket_repository_set_checklist_item_done_async (AlgaTicketRepository *self,
                                                      const char           *ticket_id,
                                                      const char           *item_id,
                                                      gboolean              completed,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_set_checklist_item_done_async, ticket_id,
                      cancellable, callback, user_data);
  alga_client_set_checklist_item_done_async (alga_ticket_repository_get_client (self), ticket_id,
                                             item_id, completed, cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_set_checklist_item_done_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the item as the server has it now
 */
AlgaChecklistItem *
alga_ticket_repository_set_checklist_item_done_finish (AlgaTicketRepository  *self,
                                                       GAsyncResult          *result,
                                                       GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_set_checklist_item_done_async);
  if (answer == NULL)
    return NULL;

  return alga_client_set_checklist_item_done_finish (alga_ticket_repository_get_client (self),
                                                     answer, error);
}

/* A comment's replies, edits and reactions. */

/**
 * alga_ticket_repository_post_reply_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @parent_comment_id: the comment replied to
 * @text: the reply
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the reply as the server made it
 * @user_data: data for @callback
 */
void
alga_ticket_repository_post_reply_async (AlgaTicketRepository *self,
                                         const char           *ticket_id,
                                         const char           *parent_comment_id,
                                         const char           *text,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_post_reply_async, ticket_id, cancellable,
                      callback, user_data);
  alga_client_post_reply_async (alga_ticket_repository_get_client (self), ticket_id,
                                parent_comment_id, text, cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_post_reply_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the reply
 */
AlgaComment *
alga_ticket_repository_post_reply_finish (AlgaTicketRepository  *self,
                                          GAsyncResult          *result,
                                          GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_post_reply_async);
  if (answer == NULL)
    return NULL;

  return alga_client_post_reply_finish (alga_ticket_repository_get_client (self), answer, error);
}

/**
 * alga_ticket_repository_edit_comment_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @comment_id: the technician's own comment
 * @text: its new text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the comment as the server has it now
 * @user_data: data for @callback
 */
void
alga_ticket_repository_edit_comment_async (AlgaTicketRepository *self,
                                           const char           *ticket_id,
                                           const char           *comment_id,
                                           const char           *text,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_edit_comment_async, ticket_id, cancellable,
                      callback, user_data);
  alga_client_edit_comment_async (alga_ticket_repository_get_client (self), ticket_id,
                                  comment_id, text, cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_edit_comment_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the edited comment
 */
AlgaComment *
alga_ticket_repository_edit_comment_finish (AlgaTicketRepository  *self,
                                            GAsyncResult          *result,
                                            GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_edit_comment_async);
  if (answer == NULL)
    return NULL;

  return alga_client_edit_comment_finish (alga_ticket_repository_get_client (self), answer,
                                          error);
}

/**
 * alga_ticket_repository_toggle_reaction_async:
 * @self: the repository
 * @ticket_id: the comment's ticket
 * @comment_id: the comment
 * @emoji: the reaction
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with whether the reaction is there now
 * @user_data: data for @callback
 *
 * Not a write the watcher would see (a reaction leaves the ticket's updated_at alone), so it
 * emits no #AlgaTicketRepository::writing.
 */
void
alga_ticket_repository_toggle_reaction_async (AlgaTicketRepository *self,
                                              const char           *ticket_id,
                                              const char           *comment_id,
                                              const char           *emoji,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_relay (self, alga_ticket_repository_toggle_reaction_async, NULL, cancellable,
                      callback, user_data);
  alga_client_toggle_reaction_async (alga_ticket_repository_get_client (self), ticket_id,
                                     comment_id, emoji, cancellable, relay_cb, task);
}

/**
 * alga_ticket_repository_toggle_reaction_finish:
 * @self: the repository
 * @result: the result
 * @added: (out): whether the reaction is there now
 * @error: return location for a #GError
 *
 * Returns: whether the server took the toggle
 */
gboolean
alga_ticket_repository_toggle_reaction_finish (AlgaTicketRepository  *self,
                                               GAsyncResult          *result,
                                               gboolean              *added,
                                               GError               **error)
{
  g_autoptr(GAsyncResult) answer = NULL;

  answer = finish_relay (self, result, alga_ticket_repository_toggle_reaction_async);
  if (answer == NULL)
    return FALSE;

  return alga_client_toggle_reaction_finish (alga_ticket_repository_get_client (self), answer,
                                             added, error);
}
