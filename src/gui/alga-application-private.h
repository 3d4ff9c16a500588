/* alga-application-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the application's files share: the application, its window, signing in and out and its
 * actions (alga-application.c), the running timer (alga-application-timer.c), and what keeps
 * the technician informed outside the window: the watcher, notifications, running in the
 * background and the tray icon (alga-application-desktop.c).
 */

#pragma once

#include "alga-account.h"
#include "alga-application.h"
#include "alga-background.h"
#include "alga-notifier.h"
#include "alga-timer-reminders.h"
#include "alga-tray.h"
#include "alga-window.h"

G_BEGIN_DECLS

struct _AlgaApplication
{
  AdwApplication  parent_instance;

  char           *server_url;
  GSettings      *settings;
  AlgaTokenStore *store;
  AlgaAccount    *account;       /* the signed-in account, or NULL */
  GCancellable   *cancellable;
  GtkWidget      *sign_in_page;  /* made when first needed */
  char           *sign_in_server_url;
  char           *pending_ticket_id;
  gboolean        restoring;
  /* Asked for a window while the keyring is still being asked (see present_window). */
  gboolean        window_pending;
  guint           window_timeout_id;
  /* Then, at an empty-cache start, for the list's request to leave (see present_pending_window). */
  AlgaClient     *sending_client;
  gulong          sending_id;
  AlgaBackground *background;
  AlgaTray       *tray;
  GPtrArray      *tray_events;  /* AlgaTrayEvent, newest first */
  guint           my_open_count;
  guint           watcher_start_id;
  AlgaNotifier   *notifier;
  /* The signed-in account's timer, and its reminders. */
  AlgaTimer      *timer;
  AlgaTimerReminders *reminders;
  GCancellable   *timer_cancellable;
};

/* alga-application.c */
AlgaWindow   *_alga_application_get_window            (AlgaApplication *self);
AlgaWindow   *_alga_application_ensure_window         (AlgaApplication *self);

/* alga-application-timer.c */
void          _alga_application_update_timer          (AlgaApplication *self);
void          _alga_application_update_tray_timer     (AlgaApplication *self);
void          _alga_application_stop_timer_action     (GSimpleAction   *action,
                                                       GVariant        *parameter,
                                                       gpointer         user_data);

/* alga-application-desktop.c */
AlgaNotifier *_alga_application_ensure_notifier       (AlgaApplication *self);
void          _alga_application_start_watching        (AlgaApplication *self);
void          _alga_application_stop_watching         (AlgaApplication *self);
void          _alga_application_start_background      (AlgaApplication *self);
void          _alga_application_view_count_changed_cb (AlgaApplication *self,
                                                       guint            view,
                                                       guint            count);
void          _alga_application_assign_ticket_action  (GSimpleAction   *action,
                                                       GVariant        *parameter,
                                                       gpointer         user_data);

G_END_DECLS
