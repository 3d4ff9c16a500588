/* alga-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-notifier.h"

/* A summary lists this many of its tickets; the rest are in the window. */
#define SUMMARY_LINES 5

struct _AlgaNotifier
{
  GObject       parent_instance;

  GApplication *app;       /* weak: the app owns the notifier */
  GSettings    *settings;  /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (AlgaNotifier, alga_notifier, G_TYPE_OBJECT)

static char *
ticket_heading (AlgaEvent *event)
{
  const char *number = alga_event_get_ticket_number (event);
  const char *title = alga_event_get_title (event);

  if (number == NULL || number[0] == '\0')
    return g_strdup (title != NULL ? title : "");
  if (title == NULL || title[0] == '\0')
    return g_strdup (number);
  /* TRANSLATORS: a ticket number and its title, e.g. "TIC001234 · Printer on fire" */
  return g_strdup_printf (_("%s · %s"), number, title);
}

static void
alga_notifier_dispose (GObject *object)
{
  AlgaNotifier *self = ALGA_NOTIFIER (object);

  g_clear_weak_pointer (&self->app);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alga_notifier_parent_class)->dispose (object);
}

static void
alga_notifier_class_init (AlgaNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = alga_notifier_dispose;
}

static void
alga_notifier_init (AlgaNotifier *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (BASE_APP_ID);
}

/**
 * alga_notifier_new:
 * @app: the application whose notifications these are
 *
 * Returns: (transfer full): a new notifier
 */
AlgaNotifier *
alga_notifier_new (GApplication *app)
{
  AlgaNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);

  self = g_object_new (ALGA_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->app, app);

  return self;
}

/**
 * alga_notifier_dup_notification_id:
 * @event: an event
 *
 * One id per ticket, so that a newer event on it replaces the older notification; one for
 * the summary.
 *
 * Returns: (transfer full): "ticket-<id>" or "summary"
 */
char *
alga_notifier_dup_notification_id (AlgaEvent *event)
{
  g_return_val_if_fail (ALGA_IS_EVENT (event), NULL);

  if (alga_event_get_kind (event) == ALGA_EVENT_SUMMARY)
    return g_strdup ("summary");
  return g_strconcat ("ticket-", alga_event_get_ticket_id (event), NULL);
}

/**
 * alga_notifier_create_notification:
 * @event: an event
 *
 * Returns: (transfer full): the notification telling @event
 */
GNotification *
alga_notifier_create_notification (AlgaEvent *event)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  const char *ticket_id;

  g_return_val_if_fail (ALGA_IS_EVENT (event), NULL);

  ticket_id = alga_event_get_ticket_id (event);
  icon = g_themed_icon_new (APP_ID);

  if (alga_event_get_kind (event) == ALGA_EVENT_SUMMARY)
    {
      GPtrArray *events = alga_event_get_events (event);
      g_autoptr(GString) body = g_string_new (NULL);

      notification = g_notification_new (alga_event_get_title (event));
      for (guint i = 0; events != NULL && i < events->len && i < SUMMARY_LINES; i++)
        {
          g_autofree char *line = ticket_heading (g_ptr_array_index (events, i));

          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, line);
        }
      if (events != NULL && events->len > SUMMARY_LINES)
        {
          guint rest = events->len - SUMMARY_LINES;

          g_string_append_c (body, '\n');
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                     rest), rest);
        }
      g_notification_set_body (notification, body->str);
      /* No default action: a click activates the app, which shows the window. */
    }
  else
    {
      g_autofree char *heading = ticket_heading (event);

      notification = g_notification_new (heading);
      g_notification_set_body (notification, alga_event_get_reason (event));
      g_notification_set_default_action_and_target (notification, "app.open-ticket", "s",
                                                    ticket_id);
      if (alga_event_get_kind (event) == ALGA_EVENT_UNASSIGNED)
        g_notification_add_button_with_target (notification, _("Assign to Me"),
                                               "app.assign-ticket", "s", ticket_id);
      if (alga_event_get_kind (event) == ALGA_EVENT_ASSIGNED)
        g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
    }

  g_notification_set_icon (notification, icon);

  return g_steal_pointer (&notification);
}

/**
 * alga_notifier_get_enabled:
 * @self: a notifier
 *
 * Returns: whether notifications are on and "Do not disturb" is off
 */
gboolean
alga_notifier_get_enabled (AlgaNotifier *self)
{
  g_return_val_if_fail (ALGA_IS_NOTIFIER (self), FALSE);

  if (self->settings == NULL)
    return TRUE;
  return g_settings_get_boolean (self->settings, "notifications-enabled") &&
         !g_settings_get_boolean (self->settings, "do-not-disturb");
}

gboolean
alga_notifier_notify (AlgaNotifier *self,
                      AlgaEvent    *event)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (ALGA_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (ALGA_IS_EVENT (event), FALSE);

  if (self->app == NULL || !alga_notifier_get_enabled (self))
    return FALSE;

  id = alga_notifier_dup_notification_id (event);
  notification = alga_notifier_create_notification (event);
  g_application_send_notification (self->app, id, notification);

  return TRUE;
}

void
alga_notifier_withdraw_ticket (AlgaNotifier *self,
                               const char   *ticket_id)
{
  g_autofree char *id = NULL;

  g_return_if_fail (ALGA_IS_NOTIFIER (self));
  g_return_if_fail (ticket_id != NULL);

  if (self->app == NULL)
    return;

  id = g_strconcat ("ticket-", ticket_id, NULL);
  g_application_withdraw_notification (self->app, id);
}

/**
 * alga_notifier_notify_timer:
 * @self: a #AlgaNotifier
 * @ticket_id: the ticket the timer runs on
 * @ticket_number: (nullable): its number
 * @title: what to say, e.g. "The timer has run for 2 hours"
 * @body: (nullable): more
 *
 * Reminds of a running timer. One notification id for all of them: a newer reminder replaces
 * the older one. Clicking it opens the ticket; its button stops the timer (`app.stop-timer`).
 *
 * Returns: whether it was sent
 */
gboolean
alga_notifier_notify_timer (AlgaNotifier *self,
                            const char   *ticket_id,
                            const char   *ticket_number,
                            const char   *title,
                            const char   *body)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (ALGA_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (ticket_id != NULL, FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  if (self->app == NULL || !alga_notifier_get_enabled (self))
    return FALSE;

  if (ticket_number != NULL)
    g_string_append (text, ticket_number);
  if (body != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", body);
  notification = g_notification_new (title);
  if (text->len > 0)
    g_notification_set_body (notification, text->str);
  g_notification_set_default_action_and_target (notification, "app.open-ticket", "s", ticket_id);
  g_notification_add_button (notification, _("Stop Timer…"), "app.stop-timer");
  g_application_send_notification (self->app, "timer", notification);
  return TRUE;
}
