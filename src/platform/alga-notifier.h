/* alga-notifier.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-event.h"

G_BEGIN_DECLS

#define ALGA_TYPE_NOTIFIER (alga_notifier_get_type ())

G_DECLARE_FINAL_TYPE (AlgaNotifier, alga_notifier, ALGA, NOTIFIER, GObject)

/* Turns the watcher's events into desktop notifications of app. The app provides the actions
 * `app.open-ticket` (s, the ticket id; the default action) and `app.assign-ticket` (s, the
 * "Assign to Me" button on new unassigned tickets); a summary has no default action, so
 * clicking it activates the app. */
AlgaNotifier  *alga_notifier_new                  (GApplication *app);

/* Sends the notification of event, unless do-not-disturb is on or notifications-enabled is
 * off (when the GSettings schema is installed). Returns whether it was sent. */
gboolean       alga_notifier_notify               (AlgaNotifier *self,
                                                   AlgaEvent    *event);
/* Takes back the notification of a ticket, e.g. once it is open in the window. */
void           alga_notifier_withdraw_ticket      (AlgaNotifier *self,
                                                   const char   *ticket_id);
gboolean       alga_notifier_get_enabled          (AlgaNotifier *self);
/* A reminder of the running timer, replacing the one before. */
gboolean       alga_notifier_notify_timer         (AlgaNotifier *self,
                                                   const char   *ticket_id,
                                                   const char   *ticket_number,
                                                   const char   *title,
                                                   const char   *body);

/* The pieces, for the tray and for tests. */
char          *alga_notifier_dup_notification_id  (AlgaEvent    *event);
GNotification *alga_notifier_create_notification  (AlgaEvent    *event);

G_END_DECLS
