/* alga-application-timer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signed-in account's running timer, as the application keeps it: read from its file at
 * sign-in, reminded of, shown in the tray, and stopped from anywhere (app.stop-timer).
 */

#define G_LOG_DOMAIN "alga-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-application-private.h"
#include "alga-gui-util.h"
#include "alga-time-entry-dialog.h"

static void
on_timer_save_failed_cb (AlgaApplication *self,
                         const GError    *error,
                         AlgaTimer       *timer)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;

  /* Translators: the reason follows, as the system says it. */
  body = g_strdup_printf (_("The timer runs, but would not survive a restart of the app. %s"), error->message);
  notification = g_notification_new (_("The timer could not be saved"));
  g_notification_set_body (notification, body);
  g_application_send_notification (G_APPLICATION (self), "timer-save", notification);
}

static void
timer_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AlgaApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!alga_timer_load_finish (ALGA_TIMER (source), result, &error))
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *body = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Never silently: the file stays where it is, and the technician hears of it. */
      g_warning ("Could not read the timer: %s", error->message);
      /* Translators: the file's path follows. */
      body = g_strdup_printf (_("A timer was kept in %s, but it cannot be read. Its time may need logging by hand."),
                              alga_timer_get_path (ALGA_TIMER (source)));
      notification = g_notification_new (_("The timer could not be read"));
      g_notification_set_body (notification, body);
      g_application_send_notification (G_APPLICATION (self), "timer-load", notification);
      return;
    }
  if (self->reminders != NULL && self->timer == ALGA_TIMER (source))
    alga_timer_reminders_check_loaded (self->reminders);
}

void
_alga_application_update_tray_timer (AlgaApplication *self)
{
  gboolean running = self->timer != NULL && alga_timer_get_running (self->timer);

  if (self->tray != NULL)
    alga_tray_set_timer (self->tray, running ? alga_timer_get_ticket_number (self->timer) : NULL,
                         running ? alga_timer_get_start (self->timer) : NULL);
}

/* The account's timer (AlgaAccount keeps it), read from its file when the account signs in;
 * self->timer is the one read and reminded of. */
void
_alga_application_update_timer (AlgaApplication *self)
{
  AlgaTimer *timer = self->account != NULL ? alga_account_get_timer (self->account) : NULL;

  if (self->timer == timer)
    return;

  g_cancellable_cancel (self->timer_cancellable);
  g_clear_object (&self->timer_cancellable);
  if (self->timer != NULL)
    {
      alga_timer_flush (self->timer);
      g_signal_handlers_disconnect_by_func (self->timer, on_timer_save_failed_cb, self);
      g_signal_handlers_disconnect_by_func (self->timer, _alga_application_update_tray_timer, self);
      g_clear_object (&self->timer);
    }
  if (self->reminders == NULL)
    self->reminders = alga_timer_reminders_new (_alga_application_ensure_notifier (self));
  alga_timer_reminders_set_timer (self->reminders, NULL);
  if (timer == NULL)
    {
      _alga_application_update_tray_timer (self);
      return;
    }

  self->timer = g_object_ref (timer);
  g_signal_connect_object (self->timer, "save-failed", G_CALLBACK (on_timer_save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timer, "notify::running",
                           G_CALLBACK (_alga_application_update_tray_timer), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timer, "notify::start",
                           G_CALLBACK (_alga_application_update_tray_timer), self,
                           G_CONNECT_SWAPPED);
  _alga_application_update_tray_timer (self);
  alga_timer_reminders_set_timer (self->reminders, self->timer);
  self->timer_cancellable = g_cancellable_new ();
  alga_timer_load_async (self->timer, self->timer_cancellable, timer_loaded_cb, self);
}

static void
stop_timer_ticket_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AlgaApplication) self = user_data;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  AlgaWindow *window;
  GtkWidget *dialog;

  ticket = alga_client_get_ticket_finish (ALGA_CLIENT (source), result, &error);
  window = _alga_application_get_window (self);
  if (ticket == NULL || self->account == NULL || self->timer == NULL || !alga_timer_get_running (self->timer))
    {
      if (error != NULL && window != NULL && !alga_gui_error_is_cancelled (error))
        {
          g_autofree char *message = alga_gui_error_message (error);

          alga_gui_show_toast (GTK_WIDGET (window), message);
        }
      return;
    }
  dialog = alga_time_entry_dialog_new (GTK_WINDOW (window), self->account, ticket);
  alga_time_entry_dialog_stop_timer (ALGA_TIME_ENTRY_DIALOG (dialog), self->timer);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* From the timer bar, a reminder or the tray: the stop dialog, over the window. */
void
_alga_application_stop_timer_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  AlgaApplication *self = ALGA_APPLICATION (user_data);

  if (self->account == NULL || self->timer == NULL || !alga_timer_get_running (self->timer))
    return;
  gtk_window_present (GTK_WINDOW (_alga_application_ensure_window (self)));
  alga_client_get_ticket_async (alga_account_get_client (self->account), alga_timer_get_ticket_id (self->timer),
                                self->timer_cancellable, stop_timer_ticket_cb, g_object_ref (self));
}
