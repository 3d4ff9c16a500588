/* alga-draft-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_DRAFT_STORE (alga_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (AlgaDraftStore, alga_draft_store, ALGA, DRAFT_STORE, GObject)

/* How long a save waits for more typing before it writes. */
#define ALGA_DRAFT_STORE_DELAY_MS 300

/* Keeps what the technician typed but has not sent, one file per key in @directory. */
AlgaDraftStore *alga_draft_store_new           (const char           *directory);
char           *alga_draft_store_dup_account_directory (const char   *server_url,
                                                        const char   *user_id);
const char     *alga_draft_store_get_directory (AlgaDraftStore       *self);
/* Saving NULL or "" deletes the draft. */
void            alga_draft_store_save          (AlgaDraftStore       *self,
                                                const char           *key,
                                                const char           *text);
/* The text, or NULL (no error) when there is no draft for @key. */
void            alga_draft_store_load_async    (AlgaDraftStore       *self,
                                                const char           *key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char           *alga_draft_store_load_finish   (AlgaDraftStore       *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            alga_draft_store_delete        (AlgaDraftStore       *self,
                                                const char           *key);
/* Starts the writes still waiting for their delay now. */
void            alga_draft_store_flush         (AlgaDraftStore       *self);
/* The file that holds the draft of @key. */
char           *alga_draft_store_get_path      (AlgaDraftStore       *self,
                                                const char           *key);

G_END_DECLS
