/* alga-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-json.h"
#include "alga-ticket-query.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_CACHE (alga_cache_get_type ())

G_DECLARE_FINAL_TYPE (AlgaCache, alga_cache, ALGA, CACHE, GObject)

/* The schema version written to PRAGMA user_version. */
#define ALGA_CACHE_SCHEMA_VERSION 1

/* The last pages of each view, ticket details, comments and reference data of one account, in
 * SQLite. Nothing secret goes in. A database that cannot be read is discarded and rebuilt. */
char       *alga_cache_build_path          (const char            *server_url,
                                            const char            *user_id);
AlgaCache  *alga_cache_new                 (const char            *server_url,
                                            const char            *user_id,
                                            GError               **error);
AlgaCache  *alga_cache_new_for_path        (const char            *path,
                                            GError               **error);
gboolean    alga_cache_delete_for_account  (const char            *server_url,
                                            const char            *user_id,
                                            GError               **error);

const char *alga_cache_get_path            (AlgaCache             *self);
void        alga_cache_clear               (AlgaCache             *self);

/* The key of a view's pages: the query without paging and without the moving "updated since". */
char       *alga_cache_build_view_key      (const AlgaTicketQuery *query);

/* Replaces the items from position on (dropping those after them) with tickets. */
gboolean    alga_cache_store_view          (AlgaCache             *self,
                                            const char            *view_key,
                                            guint                  position,
                                            GPtrArray             *tickets,
                                            guint                  total,
                                            gboolean               has_more,
                                            GError               **error);
/* The cached items of a view (AlgaTicket), or NULL when the view was never stored. */
GPtrArray  *alga_cache_load_view           (AlgaCache             *self,
                                            const char            *view_key,
                                            guint                 *total,
                                            gboolean              *has_more,
                                            GDateTime            **stored_at,
                                            GError               **error);
/* The same in a worker thread with a connection of its own, for large views. */
void        alga_cache_load_view_async     (AlgaCache             *self,
                                            const char            *view_key,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
GPtrArray  *alga_cache_load_view_finish    (AlgaCache             *self,
                                            GAsyncResult          *result,
                                            guint                 *total,
                                            gboolean              *has_more,
                                            GError               **error);

gboolean    alga_cache_store_ticket        (AlgaCache             *self,
                                            AlgaTicket            *ticket,
                                            GError               **error);
AlgaTicket *alga_cache_load_ticket         (AlgaCache             *self,
                                            const char            *ticket_id,
                                            GError               **error);

gboolean    alga_cache_store_comments      (AlgaCache             *self,
                                            const char            *ticket_id,
                                            GPtrArray             *comments,
                                            GError               **error);
GPtrArray  *alga_cache_load_comments       (AlgaCache             *self,
                                            const char            *ticket_id,
                                            GError               **error);

/* Reference data: kind is "statuses", "priorities", "services" or "users"; scope narrows it
 * (a board id) or is NULL. */
gboolean    alga_cache_store_objects       (AlgaCache             *self,
                                            const char            *kind,
                                            const char            *scope,
                                            GPtrArray             *objects,
                                            AlgaJsonEncodeFunc     encode,
                                            GError               **error);
GPtrArray  *alga_cache_load_objects        (AlgaCache             *self,
                                            const char            *kind,
                                            const char            *scope,
                                            AlgaJsonDecodeFunc     decode,
                                            GDateTime            **stored_at,
                                            GError               **error);

G_END_DECLS
