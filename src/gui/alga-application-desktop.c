/* alga-application-desktop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What keeps the technician informed outside the window: the account's watcher, desktop
 * notifications and their "Assign to Me", running in the background, and the tray icon.
 */

#define G_LOG_DOMAIN "alga-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-application-private.h"
#include "alga-gui-util.h"
#include "alga-watcher.h"

static void add_tray_event (AlgaApplication *self,
                            AlgaEvent       *event);

static void
update_tray_tooltip (AlgaApplication *self)
{
  if (self->tray != NULL)
    alga_tray_set_tooltip_counts (self->tray, self->my_open_count,
                                  alga_tray_get_attention (self->tray) ? self->tray_events->len : 0);
}

void
_alga_application_view_count_changed_cb (AlgaApplication *self,
                                         guint            view,
                                         guint            count)
{
  if (view != ALGA_VIEW_MY_OPEN)
    return;

  self->my_open_count = count;
  update_tray_tooltip (self);
}

AlgaNotifier *
_alga_application_ensure_notifier (AlgaApplication *self)
{
  if (self->notifier == NULL)
    self->notifier = alga_notifier_new (G_APPLICATION (self));
  return self->notifier;
}

/* The watcher and desktop notifications: what changed on the server that concerns me. */

static void
on_watcher_event_cb (AlgaApplication *self,
                     AlgaEvent       *event,
                     AlgaWatcher     *watcher)
{
  alga_notifier_notify (_alga_application_ensure_notifier (self), event);
  add_tray_event (self, event);
}

/* What a poll found reaches the windows' lists and open tickets, not only the notifications. */
static void
on_watcher_tickets_changed_cb (AlgaApplication *self,
                               GPtrArray       *tickets,
                               AlgaWatcher     *watcher)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (ALGA_IS_WINDOW (l->data))
      alga_window_apply_changes (ALGA_WINDOW (l->data), tickets);
}

/* The watcher's first poll waits a little: at start the window's own requests come first. */
#define WATCHER_START_DELAY_S 5

static gboolean
start_watcher_cb (gpointer user_data)
{
  AlgaApplication *self = user_data;
  AlgaWatcher *watcher = self->account != NULL ? alga_account_get_watcher (self->account) : NULL;

  self->watcher_start_id = 0;
  if (watcher != NULL)
    alga_watcher_start (watcher);

  return G_SOURCE_REMOVE;
}

/* The account's watcher tells the notifier, the tray and the windows; signing out stops it. */
void
_alga_application_start_watching (AlgaApplication *self)
{
  AlgaWatcher *watcher = alga_account_get_watcher (self->account);

  if (watcher == NULL)
    return;

  g_signal_connect_object (watcher, "event", G_CALLBACK (on_watcher_event_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (watcher, "tickets-changed",
                           G_CALLBACK (on_watcher_tickets_changed_cb), self, G_CONNECT_SWAPPED);
  self->watcher_start_id = g_timeout_add_seconds (WATCHER_START_DELAY_S, start_watcher_cb, self);
}

void
_alga_application_stop_watching (AlgaApplication *self)
{
  AlgaWatcher *watcher = self->account != NULL ? alga_account_get_watcher (self->account) : NULL;

  g_clear_handle_id (&self->watcher_start_id, g_source_remove);
  if (watcher == NULL)
    return;

  alga_watcher_stop (watcher);
  g_signal_handlers_disconnect_by_func (watcher, on_watcher_event_cb, self);
  g_signal_handlers_disconnect_by_func (watcher, on_watcher_tickets_changed_cb, self);
}

static void
on_assigned_to_me_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AlgaApplication) self = user_data;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  AlgaWindow *window;

  ticket = alga_ticket_repository_write_finish (ALGA_TICKET_REPOSITORY (source), result, &error);
  if (ticket == NULL)
    {
      if (alga_gui_error_is_cancelled (error))
        return;
      window = _alga_application_get_window (self);
      if (window != NULL)
        alga_gui_show_error_toast (GTK_WIDGET (window),
                                   _("The ticket could not be assigned to you."), error);
      else
        g_warning ("Assigning a ticket from its notification: %s", error->message);
      return;
    }

  if (self->notifier != NULL)
    alga_notifier_withdraw_ticket (self->notifier, alga_ticket_get_ticket_id (ticket));
}

/* The "Assign to Me" button of a new unassigned ticket's notification. */
void
_alga_application_assign_ticket_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  AlgaApplication *self = user_data;
  const char *ticket_id = g_variant_get_string (parameter, NULL);
  const char *user_id;

  if (self->account == NULL)
    return;

  user_id = alga_account_get_user_id (self->account);
  if (user_id == NULL || user_id[0] == '\0')
    return;

  alga_ticket_repository_set_assignee_async (alga_account_get_tickets (self->account), ticket_id,
                                             user_id, ALGA_QUIET_NONE, self->cancellable,
                                             on_assigned_to_me_cb,
                                             g_object_ref (self));
}

/* Background running and the tray icon, so that notifications keep coming with no window. */

/* The schema's defaults where no schema is installed. */
static gboolean
get_flag (AlgaApplication *self,
          const char      *key,
          gboolean         fallback)
{
  return self->settings != NULL ? g_settings_get_boolean (self->settings, key) : fallback;
}

static void
on_background_requested_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean autostart = FALSE;

  if (!alga_background_request_finish (ALGA_BACKGROUND (source), result, &autostart, &error))
    {
      /* Without the portal the app still runs on after its window closes (the hold), and it
       * has nobody to ask: a fact of the desktop, not a fault. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_debug ("%s", error->message);
      else if (!alga_gui_error_is_cancelled (error))
        g_warning ("Running in the background or starting at login: %s", error->message);
      return;
    }

  g_debug ("May run in the background; starts at login: %s", autostart ? "yes" : "no");
}

static void
request_background (AlgaApplication *self)
{
  alga_background_request_async (self->background, get_flag (self, "start-at-login", FALSE),
                                 self->cancellable, on_background_requested_cb, NULL);
}

/* The tray menu lists the newest events, one per ticket, and the icon asks for attention
 * until the window is shown from it. */
static void
add_tray_event (AlgaApplication *self,
                AlgaEvent       *event)
{
  GPtrArray *parts;
  const char *title;

  if (alga_event_get_kind (event) == ALGA_EVENT_SUMMARY)
    {
      parts = alga_event_get_events (event);
      for (guint i = 0; parts != NULL && i < parts->len; i++)
        add_tray_event (self, g_ptr_array_index (parts, i));
      return;
    }

  if (alga_event_get_ticket_id (event) == NULL)
    return;

  for (guint i = 0; i < self->tray_events->len; i++)
    {
      AlgaTrayEvent *old = g_ptr_array_index (self->tray_events, i);

      if (g_strcmp0 (old->ticket_id, alga_event_get_ticket_id (event)) == 0)
        {
          g_ptr_array_remove_index (self->tray_events, i);
          break;
        }
    }

  title = alga_event_get_title (event);
  g_ptr_array_insert (self->tray_events, 0,
                      alga_tray_event_new_for_ticket (alga_event_get_ticket_id (event),
                                                      alga_event_get_ticket_number (event),
                                                      title != NULL ? title : ""));
  if (self->tray_events->len > ALGA_TRAY_MAX_EVENTS)
    g_ptr_array_set_size (self->tray_events, ALGA_TRAY_MAX_EVENTS);

  if (self->tray != NULL)
    {
      alga_tray_set_events (self->tray, self->tray_events);
      alga_tray_set_attention (self->tray, TRUE);
      update_tray_tooltip (self);
    }
}

static void
on_tray_activate_cb (AlgaApplication *self,
                     AlgaTray        *tray)
{
  alga_tray_set_attention (tray, FALSE);
  update_tray_tooltip (self);
  g_application_activate (G_APPLICATION (self));
}

static void
on_tray_open_ticket_cb (AlgaApplication *self,
                        const char      *ticket_id,
                        AlgaTray        *tray)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "open-ticket",
                                  g_variant_new_string (ticket_id));
}

static void
on_tray_toggle_do_not_disturb_cb (AlgaApplication *self,
                                  gboolean         do_not_disturb,
                                  AlgaTray        *tray)
{
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "do-not-disturb", do_not_disturb);
}

static void
on_tray_quit_cb (AlgaApplication *self,
                 AlgaTray        *tray)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
}

static void
on_tray_stop_timer_cb (AlgaApplication *self,
                       AlgaTray        *tray)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "stop-timer", NULL);
}

/* The icon shows only where a StatusNotifierWatcher appears on the bus; AlgaTray waits for one. */
static void
update_tray (AlgaApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

  if (bus == NULL || !get_flag (self, "show-tray-icon", TRUE))
    {
      g_clear_object (&self->tray);
      return;
    }

  if (self->tray != NULL)
    return;

  self->tray = alga_tray_new (bus, g_application_get_application_id (G_APPLICATION (self)));
  alga_tray_set_do_not_disturb (self->tray, get_flag (self, "do-not-disturb", FALSE));
  alga_tray_set_events (self->tray, self->tray_events);
  update_tray_tooltip (self);
  g_signal_connect_object (self->tray, "activate", G_CALLBACK (on_tray_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tray, "open-ticket", G_CALLBACK (on_tray_open_ticket_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tray, "toggle-do-not-disturb",
                           G_CALLBACK (on_tray_toggle_do_not_disturb_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tray, "quit", G_CALLBACK (on_tray_quit_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tray, "stop-timer", G_CALLBACK (on_tray_stop_timer_cb),
                           self, G_CONNECT_SWAPPED);
  _alga_application_update_tray_timer (self);
}

static void
on_background_setting_changed_cb (AlgaApplication *self,
                                  const char      *key,
                                  GSettings       *settings)
{
  if (g_str_equal (key, "run-in-background"))
    {
      alga_background_set_hold (self->background, get_flag (self, key, TRUE));
      if (get_flag (self, key, TRUE) && alga_background_get_sandboxed (self->background))
        request_background (self);
    }
  else if (g_str_equal (key, "start-at-login"))
    {
      request_background (self);
    }
  else if (g_str_equal (key, "show-tray-icon"))
    {
      update_tray (self);
    }
  else if (g_str_equal (key, "do-not-disturb") && self->tray != NULL)
    {
      alga_tray_set_do_not_disturb (self->tray, get_flag (self, key, FALSE));
    }
}

/* One hold keeps the app running after its last window closes (a D-Bus activated
 * --gapplication-service start has no window at all); app.quit lets go of it. */
void
_alga_application_start_background (AlgaApplication *self)
{
  self->background = alga_background_new (G_APPLICATION (self));
  alga_background_set_hold (self->background, get_flag (self, "run-in-background", TRUE));

  /* The portal remembers its answer, so asking at each start costs nothing but keeps the
   * sandboxed app allowed; outside it, the autostart file changes only with the setting. */
  if (alga_background_get_sandboxed (self->background)
      && get_flag (self, "run-in-background", TRUE))
    request_background (self);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed",
                             G_CALLBACK (on_background_setting_changed_cb),
                             self, G_CONNECT_SWAPPED);

  update_tray (self);
}
