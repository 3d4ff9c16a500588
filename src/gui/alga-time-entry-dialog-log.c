/* alga-time-entry-dialog-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Logging the time entry dialog's entry: a new one, or the correction of one of the
 * technician's own; a long one is asked about first, and a send without a clear answer is not
 * logged twice.
 */

#define G_LOG_DOMAIN "alga-time-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-send-check.h"
#include "alga-time-entry-dialog-private.h"

/* Longer than a working day: asked once before it is logged. */
#define LONG_ENTRY_MINUTES (8 * 60)

static char *
describe_error (AlgaTimeEntryDialog *self,
                const GError        *error)
{
  if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_CONFLICT))
    return g_strdup (_("This overlaps with time you have already logged."));

  if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION) &&
      error->message != NULL)
    {
      if (strstr (error->message, "time period") != NULL)
        return g_strdup (_("There is no open time period for this date on the server. "
                           "Ask your administrator to add one."));
      if (strstr (error->message, "service") != NULL)
        {
          set_row_error (GTK_WIDGET (self->service_row), TRUE);
          return g_strdup (_("Choose a service."));
        }
      if (strstr (error->message, "End time") != NULL)
        {
          set_row_error (GTK_WIDGET (self->end_row), TRUE);
          return g_strdup (_("The end must be after the start."));
        }
    }

  return alga_gui_error_message (error);
}

static void
set_logging (AlgaTimeEntryDialog *self,
             gboolean             logging)
{
  self->logging = logging;
  gtk_spinner_set_spinning (self->log_spinner, logging);
  gtk_stack_set_visible_child_name (self->log_stack, logging ? "spinner" : "label");
  _alga_time_entry_dialog_update_log (self);
}

static void
create_time_entry_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AlgaTimeEntryDialog) self = user_data;
  g_autoptr(AlgaTimeEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = alga_client_create_time_entry_finish (ALGA_CLIENT (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  set_logging (self, FALSE);

  /* The server refuses an entry that overlaps one of ours: after a send without a clear
   * answer, that is the same entry, which arrived after all. */
  if (entry == NULL && self->maybe_sent
      && g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_CONFLICT))
    {
      if (self->draft_store != NULL && self->draft_key != NULL)
        alga_draft_store_delete (self->draft_store, self->draft_key);
      self->touched = FALSE;
      if (self->timer != NULL)
        alga_timer_clear (self->timer);
      alga_gui_show_toast (GTK_WIDGET (self), _("It was logged after all"));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (entry == NULL)
    {
      g_autofree char *message = describe_error (self, error);

      if (alga_send_check_may_have_arrived (error))
        {
          g_autofree char *reason = g_steal_pointer (&message);

          self->maybe_sent = TRUE;
          /* Translators: why logging failed follows. */
          message = g_strdup_printf (_("%s It may have arrived anyway: Log again, and time the "
                                       "server already has is not logged twice."), reason);
        }

      /* The form stays as typed, and so does its draft. */
      _alga_time_entry_dialog_show_error (self, message);
      return;
    }

  if (self->draft_store != NULL && self->draft_key != NULL)
    alga_draft_store_delete (self->draft_store, self->draft_key);
  if (self->draft_store != NULL && alga_time_entry_get_service_id (entry) != NULL)
    alga_draft_store_save (self->draft_store, LAST_SERVICE_KEY,
                           alga_time_entry_get_service_id (entry));
  self->touched = FALSE;
  /* Only now, with the time on the server, does the timer go. */
  if (self->timer != NULL)
    alga_timer_clear (self->timer);

  /* The dialog is about to go: whoever opened it says so, with a way back (the "logged"
   * handler), or the dialog does. */
  if (!_alga_time_entry_dialog_emit_logged (self, entry))
    alga_gui_show_toast (GTK_WIDGET (self), self->timer != NULL ? _("Timer stopped, time logged")
                                                               : _("Time logged"));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
update_time_entry_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AlgaTimeEntryDialog) self = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  set_logging (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *message = describe_error (self, error);

      _alga_time_entry_dialog_show_error (self, message);
      return;
    }

  alga_gui_show_toast (GTK_WIDGET (self), _("Time entry corrected"));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* An own entry is corrected in place (PUT), which every role may do to its own entries. */
static void
update_entry (AlgaTimeEntryDialog *self,
              AlgaService         *service,
              GDateTime           *start,
              GDateTime           *end,
              const char          *notes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GDateTime) start_utc = g_date_time_to_utc (start);
  g_autoptr(GDateTime) end_utc = g_date_time_to_utc (end);
  g_autofree char *start_text = g_date_time_format (start_utc, "%Y-%m-%dT%H:%M:00Z");
  g_autofree char *end_text = g_date_time_format (end_utc, "%Y-%m-%dT%H:%M:00Z");
  g_autofree char *path = g_strconcat ("/api/v1/time-entries/", self->entry_id, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "service_id");
  json_builder_add_string_value (builder, alga_service_get_service_id (service));
  json_builder_set_member_name (builder, "start_time");
  json_builder_add_string_value (builder, start_text);
  json_builder_set_member_name (builder, "end_time");
  json_builder_add_string_value (builder, end_text);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, notes);
  json_builder_set_member_name (builder, "is_billable");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->billable_switch));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  alga_client_request_async (self->client, "PUT", path, NULL, body, ALGA_REQUEST_DEFAULT,
                             self->cancellable, update_time_entry_cb, g_object_ref (self));
}

static void log_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter);

static void
on_long_entry_response_cb (AdwMessageDialog    *dialog,
                           const char          *response,
                           AlgaTimeEntryDialog *self)
{
  if (g_strcmp0 (response, "log") == 0)
    {
      self->confirmed_minutes = gtk_spin_button_get_value_as_int (self->duration_spin);
      log_action_cb (GTK_WIDGET (self), "time-entry.log", NULL);
    }
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->end_row));
    }
}

/* Asked once per duration: an entry longer than a working day is more often a slip. */
static void
ask_long_entry (AlgaTimeEntryDialog *self,
                int                  duration)
{
  g_autofree char *heading = NULL;
  g_autofree char *log_label = NULL;
  GtkWidget *dialog;

  /* Translators: a question before logging; hours and minutes of the entry. */
  heading = g_strdup_printf (_("Log %d h %02d min?"), duration / 60, duration % 60);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("That is longer than a working day. Check the start and the "
                                     "end before you log it."));
  /* Translators: the button that logs a long entry after all. */
  log_label = g_strdup_printf (_("_Log %d h %02d min"), duration / 60, duration % 60);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "check", _("_Check the Times"),
                                    "log", log_label,
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "check");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "check");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_long_entry_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
log_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlgaTimeEntryDialog *self = ALGA_TIME_ENTRY_DIALOG (widget);
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *notes = NULL;
  AlgaService *service;
  int start_minutes;
  int duration;

  GtkWidget *wrong = NULL;

  if (self->logging)
    return;

  /* The shortcut reaches here while the button is off: the reasons are on the form already;
   * the focus goes to the first field to correct. */
  if (!_alga_time_entry_dialog_validate (self, &wrong))
    {
      if (wrong != NULL)
        gtk_widget_grab_focus (wrong);
      return;
    }

  service = _alga_time_entry_dialog_selected_service (self);
  start_minutes =
    _alga_time_entry_dialog_parse_minutes (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
  duration = gtk_spin_button_get_value_as_int (self->duration_spin);

  if (duration > LONG_ENTRY_MINUTES && duration != self->confirmed_minutes)
    {
      ask_long_entry (self, duration);
      return;
    }

  date = gtk_calendar_get_date (self->calendar);
  /* Typed in local time; the client sends UTC. */
  start = g_date_time_new_local (g_date_time_get_year (date),
                                 g_date_time_get_month (date),
                                 g_date_time_get_day_of_month (date),
                                 start_minutes / 60, start_minutes % 60, 0);
  end = g_date_time_add_minutes (start, duration);
  notes = g_strstrip (_alga_time_entry_dialog_dup_notes (self));

  _alga_time_entry_dialog_show_error (self, NULL);
  set_logging (self, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->entry_id != NULL)
    {
      update_entry (self, service, start, end, notes);
      return;
    }
  alga_client_create_time_entry_async (self->client,
                                       alga_ticket_get_ticket_id (self->ticket),
                                       alga_service_get_service_id (service),
                                       start, end,
                                       *notes != '\0' ? notes : NULL,
                                       gtk_switch_get_active (self->billable_switch),
                                       self->cancellable, create_time_entry_cb,
                                       g_object_ref (self));
}

void
_alga_time_entry_dialog_class_log_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "time-entry.log", NULL, log_action_cb);
}
