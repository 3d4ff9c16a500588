/* alga-timer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_TIMER (alga_timer_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTimer, alga_timer, ALGA, TIMER, GObject)

/* The reminders while a timer runs, in hours, as the phone app has them. */
#define ALGA_TIMER_N_REMINDERS 4
extern const int alga_timer_reminder_hours[ALGA_TIMER_N_REMINDERS];

/* The technician's one running timer, kept by the app in a file of its own (@path) so that it
 * outlives a quit, a crash and a restart of the computer. */
AlgaTimer  *alga_timer_new                   (const char           *path);
/* Where an account's timer lives: beside its drafts, named by a hash of the account. */
char       *alga_timer_dup_account_path      (const char           *server_url,
                                              const char           *user_id);
const char *alga_timer_get_path              (AlgaTimer            *self);

/* Reads the file, if there is one. An unreadable file is an error and is left in place, so
 * that a timer is never dropped silently. */
void        alga_timer_load_async            (AlgaTimer            *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean    alga_timer_load_finish           (AlgaTimer            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

gboolean    alga_timer_get_running           (AlgaTimer            *self);
const char *alga_timer_get_ticket_id         (AlgaTimer            *self);
const char *alga_timer_get_ticket_number     (AlgaTimer            *self);
const char *alga_timer_get_ticket_title      (AlgaTimer            *self);
/* UTC, to the second. */
GDateTime  *alga_timer_get_start             (AlgaTimer            *self);
GTimeSpan   alga_timer_get_elapsed           (AlgaTimer            *self,
                                              GDateTime            *now);

/* Starts (or moves) the timer; the file is written at once, in a thread. */
void        alga_timer_start                 (AlgaTimer            *self,
                                              const char           *ticket_id,
                                              const char           *ticket_number,
                                              const char           *ticket_title,
                                              GDateTime            *start);
/* Forgets the timer, once its time is logged; the file goes. */
void        alga_timer_clear                 (AlgaTimer            *self);
/* Finishes a write still waiting, on the calling thread: for the application's shutdown. */
void        alga_timer_flush                 (AlgaTimer            *self);

/* The hours of the reminder whose time has come and that was not given yet (0 when none);
 * marks it given, also in the file, so that a restart does not give it again. When several
 * came while the app was not running, only the latest is given. */
int         alga_timer_take_due_reminder     (AlgaTimer            *self,
                                              GDateTime            *now);
/* How long until the next reminder is due, or -1 when no reminder is left. */
GTimeSpan   alga_timer_until_next_reminder   (AlgaTimer            *self,
                                              GDateTime            *now);
/* Whether the timer started on an earlier day than @now, in local time. */
gboolean    alga_timer_ran_overnight         (AlgaTimer            *self,
                                              GDateTime            *now);

G_END_DECLS
