/* alga-watch-state.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_WATCH_STATE (alga_watch_state_get_type ())

G_DECLARE_FINAL_TYPE (AlgaWatchState, alga_watch_state, ALGA, WATCH_STATE, GObject)

/* What the watcher remembers across restarts: the last-seen point (the server's newest
 * updated_at), the changes already judged inside the overlap, and the tickets assigned to me
 * with their status. A small JSON file; it holds ids and times, never secrets. */

/* g_get_user_state_dir ()/alga-desktop/watch-state.json */
GFile          *alga_watch_state_dup_default_file (void);

AlgaWatchState *alga_watch_state_new          (GFile           *file);
GFile          *alga_watch_state_get_file     (AlgaWatchState  *self);

/* A missing or unreadable file gives an empty state, not an error. */
void            alga_watch_state_load_async   (AlgaWatchState  *self,
                                               GCancellable    *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer         user_data);
gboolean        alga_watch_state_load_finish  (AlgaWatchState  *self,
                                               GAsyncResult    *result,
                                               GError         **error);
/* Writes a snapshot atomically (temporary file and rename), mode 0600; the newest snapshot
 * wins when saves overlap. */
void            alga_watch_state_save_async   (AlgaWatchState  *self,
                                               GCancellable    *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer         user_data);
gboolean        alga_watch_state_save_finish  (AlgaWatchState  *self,
                                               GAsyncResult    *result,
                                               GError         **error);

/* The state belongs to one account; a different one clears it. */
void            alga_watch_state_set_owner    (AlgaWatchState  *self,
                                               const char      *server_url,
                                               const char      *user_id);
void            alga_watch_state_clear        (AlgaWatchState  *self);

/* (nullable): NULL until the first poll recorded a point. */
GDateTime      *alga_watch_state_get_point    (AlgaWatchState  *self);
void            alga_watch_state_set_point    (AlgaWatchState  *self,
                                               GDateTime       *point);

gboolean        alga_watch_state_has_seen     (AlgaWatchState  *self,
                                               const char      *key);
void            alga_watch_state_add_seen     (AlgaWatchState  *self,
                                               const char      *key,
                                               gint64           time_us);
/* Forgets seen keys older than before_us. */
void            alga_watch_state_prune_seen   (AlgaWatchState  *self,
                                               gint64           before_us);

gboolean        alga_watch_state_lookup_mine  (AlgaWatchState  *self,
                                               const char      *ticket_id,
                                               const char     **status_id,
                                               gint64          *updated_us);
void            alga_watch_state_set_mine     (AlgaWatchState  *self,
                                               const char      *ticket_id,
                                               const char      *status_id,
                                               gint64           updated_us);
void            alga_watch_state_remove_mine  (AlgaWatchState  *self,
                                               const char      *ticket_id);

G_END_DECLS
