/* alga-timer-reminders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-timer-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-timer-reminders.h"

struct _AlgaTimerReminders
{
  GObject       parent_instance;

  AlgaNotifier *notifier;
  AlgaTimer    *timer;
  guint         timeout_id;
};

G_DEFINE_FINAL_TYPE (AlgaTimerReminders, alga_timer_reminders, G_TYPE_OBJECT)

static void schedule (AlgaTimerReminders *self);

static void
remind (AlgaTimerReminders *self,
        int                 hours)
{
  g_autofree char *title = NULL;

  /* Translators: a reminder of a timer left running. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The timer has run for %d hour",
                                        "The timer has run for %d hours", hours), hours);
  alga_notifier_notify_timer (self->notifier, alga_timer_get_ticket_id (self->timer),
                              alga_timer_get_ticket_number (self->timer), title,
                              _("Still working on it? Stop it when you are done, so that the time is logged."));
}

static gboolean
timeout_cb (gpointer user_data)
{
  AlgaTimerReminders *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int hours;

  self->timeout_id = 0;
  hours = alga_timer_take_due_reminder (self->timer, now);
  if (hours > 0)
    remind (self, hours);
  schedule (self);
  return G_SOURCE_REMOVE;
}

/* Seconds are enough: a reminder a second late is still on time, and the timeout can share its
 * wake-up with others. */
static void
schedule (AlgaTimerReminders *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan wait;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->timer == NULL || !alga_timer_get_running (self->timer))
    return;
  wait = alga_timer_until_next_reminder (self->timer, now);
  if (wait < 0)
    return;
  self->timeout_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, (guint) (wait / G_TIME_SPAN_SECOND) + 1,
                                                 timeout_cb, self, NULL);
}

static void
alga_timer_reminders_dispose (GObject *object)
{
  AlgaTimerReminders *self = ALGA_TIMER_REMINDERS (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_func (self->timer, schedule, self);
  g_clear_object (&self->timer);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (alga_timer_reminders_parent_class)->dispose (object);
}

static void
alga_timer_reminders_class_init (AlgaTimerRemindersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alga_timer_reminders_dispose;
}

static void
alga_timer_reminders_init (AlgaTimerReminders *self)
{
}

AlgaTimerReminders *
alga_timer_reminders_new (AlgaNotifier *notifier)
{
  AlgaTimerReminders *self;

  g_return_val_if_fail (ALGA_IS_NOTIFIER (notifier), NULL);

  self = g_object_new (ALGA_TYPE_TIMER_REMINDERS, NULL);
  self->notifier = g_object_ref (notifier);
  return self;
}

void
alga_timer_reminders_set_timer (AlgaTimerReminders *self,
                                AlgaTimer          *timer)
{
  g_return_if_fail (ALGA_IS_TIMER_REMINDERS (self));
  g_return_if_fail (!timer || ALGA_IS_TIMER (timer));

  if (self->timer == timer)
    return;
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_func (self->timer, schedule, self);
  g_set_object (&self->timer, timer);
  if (timer != NULL)
    {
      g_signal_connect_swapped (timer, "notify::running", G_CALLBACK (schedule), self);
      g_signal_connect_swapped (timer, "notify::start", G_CALLBACK (schedule), self);
    }
  schedule (self);
}

void
alga_timer_reminders_check_loaded (AlgaTimerReminders *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *since = NULL;
  g_autofree char *body = NULL;
  int hours;

  g_return_if_fail (ALGA_IS_TIMER_REMINDERS (self));

  if (self->timer == NULL || !alga_timer_get_running (self->timer))
    return;

  /* The reminder due meanwhile is taken either way, so that it does not come as well. */
  hours = alga_timer_take_due_reminder (self->timer, now);
  if (alga_timer_ran_overnight (self->timer, now))
    {
      start = g_date_time_to_local (alga_timer_get_start (self->timer));
      since = g_date_time_format (start, "%x %H:%M");
      /* Translators: when a timer was started; the date and the time. */
      body = g_strdup_printf (_("It has run since %s. Stop it and correct the end if you forgot it."), since);
      alga_notifier_notify_timer (self->notifier, alga_timer_get_ticket_id (self->timer),
                                  alga_timer_get_ticket_number (self->timer),
                                  _("The timer ran through the night"), body);
    }
  else if (hours > 0)
    remind (self, hours);
  schedule (self);
}
