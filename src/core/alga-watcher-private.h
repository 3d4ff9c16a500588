/* alga-watcher-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the watcher's files share: the watcher itself, which schedules the polls, follows the
 * network and the settings and emits the signals (alga-watcher.c), and one poll, the round of
 * requests that reads what changed and decides what is news (alga-watcher-poll.c).
 */

#pragma once

#include "alga-watch-state.h"
#include "alga-watcher.h"

G_BEGIN_DECLS

struct _AlgaWatcher
{
  GObject          parent_instance;

  AlgaTicketRepository *tickets;
  AlgaClient      *client;        /* the repository's */
  char            *user_id;
  GFile           *state_file;
  AlgaWatchState  *state;
  GSettings       *settings;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  GTask           *poll_task;     /* the poll under way, unowned */
  GHashTable      *own_changes;   /* ticket id → gint64 * (monotonic time of the note) */

  guint            timeout_id;
  guint            interval_ms;
  guint            backoff_ms;
  guint            running : 1;
  guint            polling : 1;
  guint            state_loaded : 1;
  guint            interval_overridden : 1;
  guint            notify_unassigned : 1;
  guint            offline : 1;
  guint            server_is_loopback : 1;
  guint            monitor_is_default : 1;
};
/* One poll: the task data of the GTask that alga_watcher_start_poll () runs. */
typedef struct _AlgaWatcherPoll AlgaWatcherPoll;

/* Starts a poll as self->poll_task; the callback gets a GTask whose boolean tells whether it
 * succeeded, and whose task data is the AlgaWatcherPoll. */
void       alga_watcher_start_poll       (AlgaWatcher         *self,
                                          GAsyncReadyCallback  callback);
/* Records a successful poll in the watcher's state: the new point, the changes and replies
 * seen, the tickets assigned to me, and the notes of own changes it matched. */
void       alga_watcher_commit_poll      (AlgaWatcher         *self,
                                          AlgaWatcherPoll     *poll);
/* The first poll after a fresh start only records where "now" is: it tells nothing. */
gboolean   alga_watcher_poll_is_baseline (AlgaWatcherPoll     *poll);
/* (element-type AlgaEvent): the events decided, in the order they were decided. */
GPtrArray *alga_watcher_poll_dup_events  (AlgaWatcherPoll     *poll);
/* (element-type AlgaTicket): the changed tickets no earlier poll has told. */
GPtrArray *alga_watcher_poll_dup_changed (AlgaWatcherPoll     *poll);

G_END_DECLS
