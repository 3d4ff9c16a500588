/* alga-client-documents.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's documents: list, upload (streamed from disk, with progress), download (streamed
 * to disk) and delete.
 */

#pragma once

#include "alga-client.h"
#include "alga-document.h"

G_BEGIN_DECLS

/* The server reads at most 100 MB of a request; a larger upload fails after it was sent whole. */
#define ALGA_DOCUMENT_MAX_REQUEST_SIZE ((goffset) 100 * 1024 * 1024)

gboolean      alga_client_document_fits              (const char            *name,
                                                      goffset                size);
char         *alga_document_name_from_disposition    (const char            *header);
char         *alga_document_safe_file_name           (const char            *name);

void          alga_client_list_documents_async       (AlgaClient            *self,
                                                      const char            *ticket_id,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
GPtrArray    *alga_client_list_documents_finish      (AlgaClient            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

void          alga_client_upload_document_async      (AlgaClient            *self,
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
AlgaDocument *alga_client_upload_document_finish     (AlgaClient            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

void          alga_client_download_document_async    (AlgaClient            *self,
                                                      const char            *ticket_id,
                                                      const char            *document_id,
                                                      GFile                 *destination,
                                                      goffset                expected_size,
                                                      GFileProgressCallback  progress,
                                                      gpointer               progress_data,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
char         *alga_client_download_document_finish   (AlgaClient            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

void          alga_client_delete_document_async      (AlgaClient            *self,
                                                      const char            *ticket_id,
                                                      const char            *document_id,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean      alga_client_delete_document_finish     (AlgaClient            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

G_END_DECLS
