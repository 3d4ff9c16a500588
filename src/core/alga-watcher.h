/* alga-watcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-client.h"
#include "alga-event.h"
#include "alga-ticket-repository.h"

G_BEGIN_DECLS

#define ALGA_TYPE_WATCHER (alga_watcher_get_type ())

G_DECLARE_FINAL_TYPE (AlgaWatcher, alga_watcher, ALGA, WATCHER, GObject)

/* The longest wait between polls while the server keeps failing. */
#define ALGA_WATCHER_MAX_BACKOFF_MS (10 * 60 * 1000)
/* How far before the last-seen point each poll asks again, for clock skew. */
#define ALGA_WATCHER_OVERLAP_SEC (2 * 60)

/* state_file: NULL for alga_watch_state_dup_default_file (). */
AlgaWatcher *alga_watcher_new                   (AlgaTicketRepository *tickets,
                                                 const char           *user_id,
                                                 GFile                *state_file);

void         alga_watcher_start                 (AlgaWatcher  *self);
void         alga_watcher_stop                  (AlgaWatcher  *self);
gboolean     alga_watcher_get_running           (AlgaWatcher  *self);
/* Polls at once if running, online and not polling already. */
void         alga_watcher_poll_now              (AlgaWatcher  *self);

/* Overrides the GSettings poll-interval (whose minimum is 15 s). Shorter intervals are for
 * tests only. */
void         alga_watcher_set_interval_ms       (AlgaWatcher  *self,
                                                 guint         interval_ms);
guint        alga_watcher_get_interval_ms       (AlgaWatcher  *self);
/* The wait after the last failed poll (doubling up to ALGA_WATCHER_MAX_BACKOFF_MS), or 0. */
guint        alga_watcher_get_backoff_ms        (AlgaWatcher  *self);

void         alga_watcher_set_notify_unassigned (AlgaWatcher  *self,
                                                 gboolean      notify_unassigned);
gboolean     alga_watcher_get_notify_unassigned (AlgaWatcher  *self);

/* Replaces g_network_monitor_get_default (), e.g. with a test double. */
void         alga_watcher_set_network_monitor   (AlgaWatcher     *self,
                                                 GNetworkMonitor *monitor);
gboolean     alga_watcher_get_offline           (AlgaWatcher  *self);

/* The app calls this right after each of its own edits of a ticket (status, assignee,
 * priority, due date, watchers, comments, time entries), so that the next poll tells no event
 * about that change. The watcher also skips changes whose updated_by is the user, but that
 * misses edits the server records without it. */
void         alga_watcher_note_own_change       (AlgaWatcher  *self,
                                                 const char   *ticket_id);

G_END_DECLS
