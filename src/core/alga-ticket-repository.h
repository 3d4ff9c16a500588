/* alga-ticket-repository.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "alga-cache.h"
#include "alga-client.h"
#include "alga-comment.h"
#include "alga-quiet.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_REPOSITORY (alga_ticket_repository_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketRepository, alga_ticket_repository, ALGA, TICKET_REPOSITORY, GObject)

/* The server's largest page of comments; a shorter page is the last one (it gives no total). */
#define ALGA_TICKET_REPOSITORY_COMMENT_PAGE 200

typedef enum
{
  /* The server's answer, saved; the saved copy when the server cannot be reached. */
  ALGA_LOAD_DEFAULT         = 0,
  /* The server's answer (saved) or its error: for a refresh of what is on screen already. */
  ALGA_LOAD_NO_SAVED_COPY   = 1 << 0,
  /* The answer is not saved. */
  ALGA_LOAD_NO_SAVE         = 1 << 1,
  /* The server's answer or its error, and nothing saved (the watcher decides what is news
   * from the server alone). */
  ALGA_LOAD_NETWORK_ONLY    = ALGA_LOAD_NO_SAVED_COPY | ALGA_LOAD_NO_SAVE,
} AlgaLoadFlags;

AlgaTicketRepository *alga_ticket_repository_new             (AlgaClient            *client,
                                                              AlgaCache             *cache);
AlgaClient           *alga_ticket_repository_get_client      (AlgaTicketRepository  *self);
AlgaCache            *alga_ticket_repository_get_cache       (AlgaTicketRepository  *self);

/* Reading. */
void                  alga_ticket_repository_load_ticket_async    (AlgaTicketRepository  *self,
                                                                   const char            *ticket_id,
                                                                   AlgaLoadFlags          flags,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
AlgaTicket           *alga_ticket_repository_load_ticket_finish   (AlgaTicketRepository  *self,
                                                                   GAsyncResult          *result,
                                                                   gboolean              *saved_copy,
                                                                   GError               **error);
void                  alga_ticket_repository_load_comments_async  (AlgaTicketRepository  *self,
                                                                   const char            *ticket_id,
                                                                   AlgaLoadFlags          flags,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
GPtrArray            *alga_ticket_repository_load_comments_finish (AlgaTicketRepository  *self,
                                                                   GAsyncResult          *result,
                                                                   gboolean              *saved_copy,
                                                                   GError               **error);

/* Writing: each answers with the ticket as the server returned it, through
 * alga_ticket_repository_write_finish(). */
void                  alga_ticket_repository_set_status_async     (AlgaTicketRepository  *self,
                                                                   const char            *ticket_id,
                                                                   const char            *status_id,
                                                                   AlgaQuiet              quiet,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
void                  alga_ticket_repository_set_priority_async   (AlgaTicketRepository  *self,
                                                                   const char            *ticket_id,
                                                                   const char            *priority_id,
                                                                   AlgaQuiet              quiet,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
void                  alga_ticket_repository_set_assignee_async   (AlgaTicketRepository  *self,
                                                                   const char            *ticket_id,
                                                                   const char            *user_id,
                                                                   AlgaQuiet              quiet,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
void                  alga_ticket_repository_set_due_date_async   (AlgaTicketRepository  *self,
                                                                   const char            *ticket_id,
                                                                   GDateTime             *due_date,
                                                                   AlgaQuiet              quiet,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
void                  alga_ticket_repository_update_attributes_async (AlgaTicketRepository *self,
                                                                   const char            *ticket_id,
                                                                   JsonObject            *changes,
                                                                   AlgaQuiet              quiet,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
void                  alga_ticket_repository_set_title_async      (AlgaTicketRepository  *self,
                                                                   const char            *ticket_id,
                                                                   const char            *title,
                                                                   AlgaQuiet              quiet,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
void                  alga_ticket_repository_set_description_async (AlgaTicketRepository *self,
                                                                   const char            *ticket_id,
                                                                   const char            *description,
                                                                   AlgaQuiet              quiet,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
AlgaTicket           *alga_ticket_repository_write_finish         (AlgaTicketRepository  *self,
                                                                   GAsyncResult          *result,
                                                                   GError               **error);

void                  alga_ticket_repository_create_ticket_async  (AlgaTicketRepository  *self,
                                                                   AlgaNewTicket         *ticket,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
AlgaTicket           *alga_ticket_repository_create_ticket_finish (AlgaTicketRepository  *self,
                                                                   GAsyncResult          *result,
                                                                   GError               **error);

void                  alga_ticket_repository_post_comment_async   (AlgaTicketRepository  *self,
                                                                   const char            *ticket_id,
                                                                   const char            *text,
                                                                   gboolean               is_internal,
                                                                   gboolean               is_resolution,
                                                                   AlgaQuiet              quiet,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
AlgaComment          *alga_ticket_repository_post_comment_finish  (AlgaTicketRepository  *self,
                                                                   GAsyncResult          *result,
                                                                   GError               **error);
/* After a post that got no clear answer: the comment of @user_id with @text made since @since,
 * or NULL (no error) when it did not arrive. */
void                  alga_ticket_repository_find_posted_comment_async  (AlgaTicketRepository *self,
                                                                   const char            *ticket_id,
                                                                   const char            *user_id,
                                                                   const char            *text,
                                                                   GDateTime             *since,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
AlgaComment          *alga_ticket_repository_find_posted_comment_finish (AlgaTicketRepository *self,
                                                                   GAsyncResult          *result,
                                                                   GError               **error);

G_END_DECLS
