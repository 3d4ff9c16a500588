/* alga-time-entry-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time entry dialog: its fields, how they follow each other and what is wrong with them,
 * and the services offered. Its draft is in alga-time-entry-dialog-draft.c, logging the entry
 * in alga-time-entry-dialog-log.c.
 */

#define G_LOG_DOMAIN "alga-time-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-date-format.h"
#include "alga-gui-util.h"
#include "alga-time-entry-dialog-private.h"

#define MINUTES_PER_DAY (24 * 60)
/* How far past now the end of a stopped timer may be moved: a few minutes to finish up, not a
 * guess at the rest of the day. */
#define TIMER_END_SLACK_MINUTES 5

G_DEFINE_FINAL_TYPE (AlgaTimeEntryDialog, alga_time_entry_dialog, ADW_TYPE_WINDOW)

enum {
  LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "9:05", "09:05", "0905" and "905" are all five past nine; -1 if it is no time of day. */
int
_alga_time_entry_dialog_parse_minutes (const char *text)
{
  g_autofree char *digits = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *colon = strchr (stripped, ':');
  guint64 hours, minutes;

  if (colon != NULL)
    {
      g_autofree char *h = g_strndup (stripped, colon - stripped);

      if (*h == '\0' || strlen (h) > 2 || strlen (colon + 1) != 2 ||
          !g_ascii_string_to_unsigned (h, 10, 0, 23, &hours, NULL) ||
          !g_ascii_string_to_unsigned (colon + 1, 10, 0, 59, &minutes, NULL))
        return -1;
    }
  else
    {
      gsize len = strlen (stripped);
      g_autofree char *h = NULL;

      if (len < 3 || len > 4)
        return -1;
      h = g_strndup (stripped, len - 2);
      if (!g_ascii_string_to_unsigned (h, 10, 0, 23, &hours, NULL) ||
          !g_ascii_string_to_unsigned (stripped + len - 2, 10, 0, 59, &minutes, NULL))
        return -1;
    }

  return (int) (hours * 60 + minutes);
}

static char *
format_minutes (int minutes)
{
  minutes = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

void
_alga_time_entry_dialog_show_error (AlgaTimeEntryDialog *self,
                                    const char          *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
  if (message != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                      -1);
    }
}

AlgaService *
_alga_time_entry_dialog_selected_service (AlgaTimeEntryDialog *self)
{
  guint position = adw_combo_row_get_selected (self->service_row);

  /* Nothing is chosen until the technician (or the last entry) chose: no silent default. */
  if (position == GTK_INVALID_LIST_POSITION || position >= self->services->len)
    return NULL;

  return g_ptr_array_index (self->services, position);
}

static int
start_minutes (AlgaTimeEntryDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->start_row));

  return _alga_time_entry_dialog_parse_minutes (text);
}

static int
end_minutes (AlgaTimeEntryDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->end_row));

  return _alga_time_entry_dialog_parse_minutes (text);
}

/* The start as the form says it, in local time; NULL while the start is no time of day. */
static GDateTime *
dup_start (AlgaTimeEntryDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  int start = start_minutes (self);

  if (start < 0)
    return NULL;
  return g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                g_date_time_get_day_of_month (date), start / 60, start % 60, 0);
}

static GDateTime *
dup_end (AlgaTimeEntryDialog *self)
{
  g_autoptr(GDateTime) start = dup_start (self);

  if (start == NULL)
    return NULL;
  return g_date_time_add_minutes (start, gtk_spin_button_get_value_as_int (self->duration_spin));
}

/* What is wrong with the times, in words, and which row is wrong; NULL when they are fine. */
static char *
time_problem (AlgaTimeEntryDialog *self,
              GtkWidget          **row)
{
  int start = start_minutes (self);
  int end = end_minutes (self);
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (start < 0)
    {
      *row = GTK_WIDGET (self->start_row);
      return g_strdup (_("The start is not a time of day. Write it as hours and minutes, e.g. 09:30."));
    }
  if (end < 0)
    {
      *row = GTK_WIDGET (self->end_row);
      return g_strdup (_("The end is not a time of day. Write it as hours and minutes, e.g. 17:15."));
    }
  if (end == start)
    {
      *row = GTK_WIDGET (self->end_row);
      return g_strdup (_("The end is the same as the start."));
    }
  if (end < start && !gtk_switch_get_active (self->overnight_switch))
    {
      *row = GTK_WIDGET (self->end_row);
      start_text = format_minutes (start);
      end_text = format_minutes (end);
      /* Translators: the end, then the start, as typed (HH:MM). */
      return g_strdup_printf (_("The end (%s) is before the start (%s). Correct it, or switch on "
                                "“Ends the Next Day” if the work went past midnight."),
                              end_text, start_text);
    }

  if (self->timer != NULL)
    {
      g_autoptr(GDateTime) end_time = dup_end (self);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      if (end_time != NULL &&
          g_date_time_difference (end_time, now) > TIMER_END_SLACK_MINUTES * G_TIME_SPAN_MINUTE)
        {
          *row = GTK_WIDGET (self->end_row);
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The end is in the future. It may be at most %d minute from now.",
                                               "The end is in the future. It may be at most %d minutes from now.",
                                               TIMER_END_SLACK_MINUTES),
                                  TIMER_END_SLACK_MINUTES);
        }
    }

  *row = NULL;
  return NULL;
}

static void
show_problem (GtkLabel   *label,
              const char *problem)
{
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
  gtk_label_set_label (label, problem != NULL ? problem : "");
}

/* Every field is checked as it changes, and says why before Log Time is pressed. */
gboolean
_alga_time_entry_dialog_validate (AlgaTimeEntryDialog *self,
                                  GtkWidget          **first_wrong)
{
  g_autofree char *problem = NULL;
  GtkWidget *time_row = NULL;
  gboolean service_wrong = self->services->len > 0
                           && _alga_time_entry_dialog_selected_service (self) == NULL;

  show_problem (self->service_problem,
                service_wrong ? _("Choose the service this work was for.") : NULL);
  set_row_error (GTK_WIDGET (self->service_row), service_wrong);

  problem = time_problem (self, &time_row);
  show_problem (self->time_problem, problem);
  set_row_error (GTK_WIDGET (self->start_row), time_row == GTK_WIDGET (self->start_row));
  set_row_error (GTK_WIDGET (self->end_row), time_row == GTK_WIDGET (self->end_row));

  if (first_wrong != NULL)
    *first_wrong = service_wrong ? GTK_WIDGET (self->service_row) : time_row;

  return self->services->len > 0 && !service_wrong && problem == NULL;
}

void
_alga_time_entry_dialog_update_log (AlgaTimeEntryDialog *self)
{
  gboolean valid = _alga_time_entry_dialog_validate (self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "time-entry.log", !self->logging && valid);
}

void
_alga_time_entry_dialog_update_date_label (AlgaTimeEntryDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = alga_date_format_absolute (date);
  g_autofree char *text = NULL;

  if (g_date_time_get_year (date) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (date) == g_date_time_get_day_of_year (now))
    /* Translators: the date of a time entry, when it is today, e.g. "Today, 6 Dec 2026". */
    text = g_strdup_printf (_("Today, %s"), day);
  else
    text = g_steal_pointer (&day);

  gtk_menu_button_set_label (self->date_button, text);
  adw_action_row_set_subtitle (self->date_row, NULL);
}

char *
_alga_time_entry_dialog_dup_notes (AlgaTimeEntryDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_alga_time_entry_dialog_field_changed (AlgaTimeEntryDialog *self)
{
  _alga_time_entry_dialog_update_log (self);
  if (self->filling)
    return;

  self->touched = TRUE;
  _alga_time_entry_dialog_show_error (self, NULL);
  _alga_time_entry_dialog_save_draft (self);
}

/* The end as the start and the duration give it; a duration that reaches past midnight says
 * so on the switch, since the technician chose that duration. */
static void
move_end (AlgaTimeEntryDialog *self,
          int                  start,
          int                  duration)
{
  g_autofree char *end = format_minutes (start + duration);
  gboolean filling = self->filling;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
  gtk_switch_set_active (self->overnight_switch, start + duration >= MINUTES_PER_DAY);
  self->filling = filling;
}

static void
on_start_changed_cb (AlgaTimeEntryDialog *self)
{
  int start = start_minutes (self);

  /* The duration stays; the end moves with the start. */
  if (start >= 0 && !self->filling)
    move_end (self, start, gtk_spin_button_get_value_as_int (self->duration_spin));

  _alga_time_entry_dialog_field_changed (self);
}

/* The duration from a typed end: only an end after the start, or one the technician said is
 * the next day, gives one. */
void
_alga_time_entry_dialog_update_duration_from_end (AlgaTimeEntryDialog *self)
{
  int start = start_minutes (self);
  int end = end_minutes (self);
  gboolean filling = self->filling;

  if (start < 0 || end < 0 || end == start)
    return;
  if (end < start && !gtk_switch_get_active (self->overnight_switch))
    return;

  self->filling = TRUE;
  gtk_spin_button_set_value (self->duration_spin,
                             ((end - start) + MINUTES_PER_DAY) % MINUTES_PER_DAY);
  self->filling = filling;
}

static void
on_end_changed_cb (AlgaTimeEntryDialog *self)
{
  if (!self->filling)
    _alga_time_entry_dialog_update_duration_from_end (self);

  _alga_time_entry_dialog_field_changed (self);
}

static void
on_overnight_changed_cb (AlgaTimeEntryDialog *self)
{
  if (!self->filling)
    _alga_time_entry_dialog_update_duration_from_end (self);

  _alga_time_entry_dialog_field_changed (self);
}

static void
on_duration_changed_cb (AlgaTimeEntryDialog *self)
{
  int start = start_minutes (self);
  int duration = gtk_spin_button_get_value_as_int (self->duration_spin);

  if (start >= 0 && !self->filling)
    move_end (self, start, duration);

  /* Translators: a duration in hours and minutes, e.g. "1 h 15 min". */
  {
    g_autofree char *subtitle = g_strdup_printf (_("%d h %02d min"), duration / 60, duration % 60);

    adw_action_row_set_subtitle (self->duration_row, subtitle);
  }

  _alga_time_entry_dialog_field_changed (self);
}

static void
on_date_changed_cb (AlgaTimeEntryDialog *self)
{
  _alga_time_entry_dialog_update_date_label (self);
  gtk_popover_popdown (gtk_menu_button_get_popover (self->date_button));
  _alga_time_entry_dialog_field_changed (self);
}

static void
on_service_selected_cb (AlgaTimeEntryDialog *self)
{
  if (!self->filling)
    g_clear_pointer (&self->wanted_service_id, g_free);
  _alga_time_entry_dialog_field_changed (self);
}

static void
set_defaults (AlgaTimeEntryDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int end = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
  /* The last quarter of an hour, as the phone app does; never before midnight of today. */
  int start = MAX (0, end - 15);
  g_autofree char *start_text = format_minutes (start);
  g_autofree char *end_text = NULL;

  if (end == start)
    end = start + 15;
  end_text = format_minutes (end);

  self->filling = TRUE;
  gtk_calendar_select_day (self->calendar, now);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start_text);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end_text);
  gtk_spin_button_set_value (self->duration_spin, end - start);
  on_duration_changed_cb (self);
  self->filling = FALSE;
  _alga_time_entry_dialog_update_date_label (self);
}

void
_alga_time_entry_dialog_select_service_id (AlgaTimeEntryDialog *self,
                                           const char          *service_id)
{
  for (guint i = 0; service_id != NULL && i < self->services->len; i++)
    {
      AlgaService *service = g_ptr_array_index (self->services, i);

      if (g_strcmp0 (alga_service_get_service_id (service), service_id) == 0)
        {
          adw_combo_row_set_selected (self->service_row, i);
          return;
        }
    }
}

/* The draft's service, else the one of the last entry logged, else the only one; else none. */
void
_alga_time_entry_dialog_choose_service (AlgaTimeEntryDialog *self)
{
  adw_combo_row_set_selected (self->service_row, GTK_INVALID_LIST_POSITION);
  if (self->wanted_service_id != NULL)
    _alga_time_entry_dialog_select_service_id (self, self->wanted_service_id);
  else if (self->last_service_id != NULL)
    _alga_time_entry_dialog_select_service_id (self, self->last_service_id);
  else if (self->services->len == 1)
    adw_combo_row_set_selected (self->service_row, 0);
}

static void
list_services_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AlgaTimeEntryDialog) self = user_data;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;

  services = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  if (services == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);
      g_autofree char *text = NULL;

      /* Translators: the reason follows. */
      text = g_strdup_printf (_("Could not load the services. %s"), message);
      _alga_time_entry_dialog_show_error (self, text);
      set_row_error (GTK_WIDGET (self->service_row), TRUE);
      return;
    }

  names = g_ptr_array_new ();
  for (guint i = 0; i < services->len; i++)
    {
      AlgaService *service = g_ptr_array_index (services, i);

      g_ptr_array_add (self->services, g_object_ref (service));
      g_ptr_array_add (names, (gpointer) alga_service_get_service_name (service));
    }
  g_ptr_array_add (names, NULL);

  self->filling = TRUE;
  gtk_string_list_splice (self->service_names, 0, 0, (const char * const *) names->pdata);
  _alga_time_entry_dialog_choose_service (self);
  self->filling = FALSE;
  /* An empty list cannot take the focus, so the first field gets it once it has services,
   * unless the technician has started elsewhere. */
  if (!self->touched && self->services->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->service_row));

  if (self->services->len == 0 &&
      alga_reference_data_is_refused (ALGA_REFERENCE_DATA (source), ALGA_REFERENCE_SERVICES))
    {
      /* A Technician may not list services: the ones offered are those of time entries. */
      _alga_time_entry_dialog_show_error (self, _("Your role in Alga PSA may not list services, "
                                                  "and no time entry you can see names one yet. "
                                                  "Log your first time entry in Alga PSA's web "
                                                  "app, or ask your administrator which service "
                                                  "to use; it is offered here after that."));
      set_row_error (GTK_WIDGET (self->service_row), TRUE);
    }
  else if (self->services->len == 0)
    {
      _alga_time_entry_dialog_show_error (self, _("The server offers no active services, and a "
                                                  "time entry needs one. Ask your administrator "
                                                  "to add one."));
      set_row_error (GTK_WIDGET (self->service_row), TRUE);
    }
  _alga_time_entry_dialog_update_log (self);
}

/* Says that the server accepted @entry; FALSE when no one listens, and the dialog is to say so
 * itself. */
gboolean
_alga_time_entry_dialog_emit_logged (AlgaTimeEntryDialog *self,
                                     AlgaTimeEntry       *entry)
{
  g_signal_emit (self, signals[LOGGED], 0, entry);

  return g_signal_has_handler_pending (self, signals[LOGGED], 0, FALSE);
}

static gboolean
alga_time_entry_dialog_close_request (GtkWindow *window)
{
  AlgaTimeEntryDialog *self = ALGA_TIME_ENTRY_DIALOG (window);

  /* Nothing to ask: what was typed stays as a draft for the next time. */
  if (self->draft_store != NULL)
    {
      _alga_time_entry_dialog_save_draft (self);
      alga_draft_store_flush (self->draft_store);
    }

  return GTK_WINDOW_CLASS (alga_time_entry_dialog_parent_class)->close_request (window);
}

static void
alga_time_entry_dialog_dispose (GObject *object)
{
  AlgaTimeEntryDialog *self = ALGA_TIME_ENTRY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_TIME_ENTRY_DIALOG);
  g_clear_object (&self->client);
  g_clear_object (&self->ticket);
  g_clear_object (&self->draft_store);
  g_clear_object (&self->timer);
  g_clear_pointer (&self->services, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_time_entry_dialog_parent_class)->dispose (object);
}

static void
alga_time_entry_dialog_finalize (GObject *object)
{
  AlgaTimeEntryDialog *self = ALGA_TIME_ENTRY_DIALOG (object);

  g_free (self->draft_key);
  g_free (self->wanted_service_id);
  g_free (self->last_service_id);
  g_free (self->entry_id);

  G_OBJECT_CLASS (alga_time_entry_dialog_parent_class)->finalize (object);
}

static void
alga_time_entry_dialog_class_init (AlgaTimeEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = alga_time_entry_dialog_dispose;
  object_class->finalize = alga_time_entry_dialog_finalize;
  window_class->close_request = alga_time_entry_dialog_close_request;

  /**
   * AlgaTimeEntryDialog::logged:
   * @entry: the entry as the server stored it
   *
   * Emitted when the server accepted the entry, just before the dialog closes.
   */
  signals[LOGGED] =
    g_signal_new ("logged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ALGA_TYPE_TIME_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-time-entry-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, error_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, work_group);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, overnight_switch);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, service_problem);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, time_problem);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, billable_switch);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, log_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, log_stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaTimeEntryDialog, log_spinner);

  _alga_time_entry_dialog_class_log_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alga_time_entry_dialog_init (AlgaTimeEntryDialog *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->services = g_ptr_array_new_with_free_func (g_object_unref);
  /* Only real services: nothing is chosen until one is. */
  self->service_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->service_row, G_LIST_MODEL (self->service_names));
  g_object_unref (self->service_names);

  /* Capture phase: in the notes, Ctrl+Enter would otherwise be a new line. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (
                                 gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                 gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                               gtk_named_action_new ("time-entry.log"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  set_defaults (self);

  g_signal_connect_swapped (self->service_row, "notify::selected",
                            G_CALLBACK (on_service_selected_cb), self);
  g_signal_connect_swapped (self->calendar, "day-selected",
                            G_CALLBACK (on_date_changed_cb), self);
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (on_start_changed_cb), self);
  g_signal_connect_swapped (self->end_row, "changed", G_CALLBACK (on_end_changed_cb), self);
  g_signal_connect_swapped (self->duration_spin, "value-changed",
                            G_CALLBACK (on_duration_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (_alga_time_entry_dialog_field_changed), self);
  g_signal_connect_swapped (self->billable_switch, "notify::active",
                            G_CALLBACK (_alga_time_entry_dialog_field_changed), self);
  g_signal_connect_swapped (self->overnight_switch, "notify::active",
                            G_CALLBACK (on_overnight_changed_cb), self);
  _alga_time_entry_dialog_update_log (self);
  /* The form is filled from the top: the focus starts on the service. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->service_row));
}

/**
 * alga_time_entry_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @account: the signed-in account, which logs the time and whose reference data lists the
 *   services
 * @ticket: the ticket the time goes on
 *
 * Returns: (transfer floating): a new dialog
 */
GtkWidget *
alga_time_entry_dialog_new (GtkWindow   *parent,
                            AlgaAccount *account,
                            AlgaTicket  *ticket)
{
  AlgaTimeEntryDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALGA_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (ALGA_IS_TICKET (ticket), NULL);

  self = g_object_new (ALGA_TYPE_TIME_ENTRY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->client = g_object_ref (alga_account_get_client (account));
  self->ticket = g_object_ref (ticket);
  self->draft_key = g_strconcat ("time-entry:", alga_ticket_get_ticket_id (ticket), NULL);

  /* Translators: which ticket the time goes on: its number and title. */
  subtitle = g_strdup_printf (_("%s · %s"),
                              alga_ticket_get_ticket_number (ticket) != NULL
                                ? alga_ticket_get_ticket_number (ticket) : "",
                              alga_ticket_get_title (ticket) != NULL
                                ? alga_ticket_get_title (ticket) : "");
  adw_preferences_group_set_description (self->work_group, subtitle);

  self->cancellable = g_cancellable_new ();
  alga_reference_data_get_async (alga_account_get_reference_data (account),
                                 ALGA_REFERENCE_SERVICES, NULL, self->cancellable,
                                 list_services_cb, g_object_ref (self));

  return GTK_WIDGET (self);
}

AlgaDraftStore *
alga_time_entry_dialog_get_draft_store (AlgaTimeEntryDialog *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY_DIALOG (self), NULL);

  return self->draft_store;
}

void
alga_time_entry_dialog_set_draft_store (AlgaTimeEntryDialog *self,
                                        AlgaDraftStore      *store)
{
  g_return_if_fail (ALGA_IS_TIME_ENTRY_DIALOG (self));
  g_return_if_fail (!store || ALGA_IS_DRAFT_STORE (store));

  if (!g_set_object (&self->draft_store, store))
    return;

  if (store != NULL)
    _alga_time_entry_dialog_load_drafts (self);
}

/**
 * alga_time_entry_dialog_edit_entry:
 * @self: a #AlgaTimeEntryDialog
 * @entry: one of the technician's own entries on the ticket
 *
 * Turns the dialog into the correction of @entry: the form shows it, Save sends the change.
 * No draft is kept for a correction.
 */
void
alga_time_entry_dialog_edit_entry (AlgaTimeEntryDialog *self,
                                   AlgaTimeEntry       *entry)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  GtkWidget *label;

  g_return_if_fail (ALGA_IS_TIME_ENTRY_DIALOG (self));
  g_return_if_fail (ALGA_IS_TIME_ENTRY (entry));

  g_free (self->entry_id);
  self->entry_id = g_strdup (alga_time_entry_get_entry_id (entry));
  g_clear_pointer (&self->draft_key, g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Correct Time Entry"));
  label = gtk_stack_get_child_by_name (self->log_stack, "label");
  if (GTK_IS_LABEL (label))
    gtk_label_set_label (GTK_LABEL (label), _("_Save"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->log_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save"), -1);

  start = g_date_time_to_local (alga_time_entry_get_start_time (entry));
  end = g_date_time_to_local (alga_time_entry_get_end_time (entry));
  start_text = g_date_time_format (start, "%H:%M");
  end_text = g_date_time_format (end, "%H:%M");

  self->filling = TRUE;
  gtk_calendar_select_day (self->calendar, start);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start_text);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end_text);
  gtk_switch_set_active (self->overnight_switch,
                         g_date_time_get_day_of_year (end) != g_date_time_get_day_of_year (start));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            alga_time_entry_get_notes (entry) != NULL
                              ? alga_time_entry_get_notes (entry) : "", -1);
  gtk_switch_set_active (self->billable_switch, alga_time_entry_get_is_billable (entry));
  g_free (self->wanted_service_id);
  self->wanted_service_id = g_strdup (alga_time_entry_get_service_id (entry));
  _alga_time_entry_dialog_select_service_id (self, self->wanted_service_id);
  self->filling = FALSE;

  _alga_time_entry_dialog_update_duration_from_end (self);
  _alga_time_entry_dialog_update_date_label (self);
  _alga_time_entry_dialog_update_log (self);
}

static void
set_button_label (GtkButton  *button,
                  GtkWidget  *label,
                  const char *text,
                  const char *accessible)
{
  if (GTK_IS_LABEL (label))
    gtk_label_set_label (GTK_LABEL (label), text);
  else
    gtk_button_set_label (button, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/**
 * alga_time_entry_dialog_stop_timer:
 * @self: a #AlgaTimeEntryDialog
 * @timer: the running timer, on the dialog's ticket
 *
 * Turns the dialog into the stop of @timer: the form holds the timer's start and now as the
 * end, which may be moved back, or a few minutes ahead. "Stop & Log" logs the time and then
 * stops the timer; "Keep Running" (and closing) leaves it running.
 */
void
alga_time_entry_dialog_stop_timer (AlgaTimeEntryDialog *self,
                                   AlgaTimer           *timer)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *start_text = NULL;
  int minutes;

  g_return_if_fail (ALGA_IS_TIME_ENTRY_DIALOG (self));
  g_return_if_fail (ALGA_IS_TIMER (timer));
  g_return_if_fail (alga_timer_get_running (timer));

  g_set_object (&self->timer, timer);

  gtk_window_set_title (GTK_WINDOW (self), _("Stop Timer"));
  set_button_label (self->log_button, gtk_stack_get_child_by_name (self->log_stack, "label"),
                    _("Stop & _Log"), _("Stop & Log"));
  set_button_label (self->cancel_button, NULL, _("_Keep Running"), _("Keep Running"));

  start = g_date_time_to_local (alga_timer_get_start (timer));
  start_text = g_date_time_format (start, "%H:%M");
  /* Whole minutes, as the server keeps them; at least one. */
  minutes = (int) MAX (1, alga_timer_get_elapsed (timer, now) / G_TIME_SPAN_MINUTE);

  self->filling = TRUE;
  gtk_calendar_select_day (self->calendar, start);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start_text);
  gtk_spin_button_set_value (self->duration_spin, minutes);
  move_end (self, g_date_time_get_hour (start) * 60 + g_date_time_get_minute (start), minutes);
  self->filling = FALSE;

  on_duration_changed_cb (self);
  _alga_time_entry_dialog_update_date_label (self);
  _alga_time_entry_dialog_update_log (self);
}
