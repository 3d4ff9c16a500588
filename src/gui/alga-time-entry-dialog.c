/* alga-time-entry-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-time-entry-dialog"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "alga-date-format.h"
#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-send-check.h"
#include "alga-service.h"
#include "alga-time-entry-dialog.h"
#include "alga-time-entry.h"

#define MINUTES_PER_DAY (24 * 60)
/* Longer than a working day: asked once before it is logged. */
#define LONG_ENTRY_MINUTES (8 * 60)
#define LAST_SERVICE_KEY "time-entry-last-service"
/* How far past now the end of a stopped timer may be moved: a few minutes to finish up, not a
 * guess at the rest of the day. */
#define TIMER_END_SLACK_MINUTES 5

struct _AlgaTimeEntryDialog
{
  AdwWindow        parent_instance;

  AlgaClient      *client;
  AlgaTicket      *ticket;
  AlgaDraftStore  *draft_store;
  char            *draft_key;
  GPtrArray       *services;          /* AlgaService, at combo position - 1 */
  char            *wanted_service_id; /* from a draft, until the services arrive */
  char            *last_service_id;   /* the service of the last entry logged here */
  char            *entry_id;          /* the entry being corrected, or NULL for a new one */
  AlgaTimer       *timer;             /* the timer being stopped, or NULL */
  int              confirmed_minutes; /* a long duration the technician confirmed */
  GCancellable    *cancellable;
  gboolean         filling;           /* fields are being set by us, not typed into */
  gboolean         touched;           /* the technician changed something */
  gboolean         logging;
  gboolean         maybe_sent;        /* a send failed without a clear answer */

  AdwPreferencesGroup *error_group;
  AdwActionRow    *error_row;
  AdwPreferencesGroup *work_group;
  AdwComboRow     *service_row;
  GtkStringList   *service_names;
  AdwActionRow    *date_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  AdwEntryRow     *start_row;
  AdwEntryRow     *end_row;
  GtkSwitch       *overnight_switch;
  GtkLabel        *service_problem;
  GtkLabel        *time_problem;
  AdwActionRow    *duration_row;
  GtkSpinButton   *duration_spin;
  GtkTextView     *notes_view;
  GtkSwitch       *billable_switch;
  GtkButton       *cancel_button;
  GtkButton       *log_button;
  GtkStack        *log_stack;
  GtkSpinner      *log_spinner;
};

G_DEFINE_FINAL_TYPE (AlgaTimeEntryDialog, alga_time_entry_dialog, ADW_TYPE_WINDOW)

enum {
  LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "9:05", "09:05", "0905" and "905" are all five past nine; -1 if it is no time of day. */
static int
parse_minutes (const char *text)
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

static void
set_row_error (GtkWidget *row,
               gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
show_error (AlgaTimeEntryDialog *self,
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

static AlgaService *
selected_service (AlgaTimeEntryDialog *self)
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
  return parse_minutes (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
}

static int
end_minutes (AlgaTimeEntryDialog *self)
{
  return parse_minutes (gtk_editable_get_text (GTK_EDITABLE (self->end_row)));
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
static gboolean
validate (AlgaTimeEntryDialog *self,
          GtkWidget          **first_wrong)
{
  g_autofree char *problem = NULL;
  GtkWidget *time_row = NULL;
  gboolean service_wrong = self->services->len > 0 && selected_service (self) == NULL;

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

static void
update_log (AlgaTimeEntryDialog *self)
{
  gboolean valid = validate (self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "time-entry.log", !self->logging && valid);
}

static void
update_date_label (AlgaTimeEntryDialog *self)
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

static char *
dup_notes (AlgaTimeEntryDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_draft (AlgaTimeEntryDialog *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *text = NULL;
  AlgaService *service;

  if (self->filling || self->draft_store == NULL || self->draft_key == NULL || !self->touched)
    return;

  builder = json_builder_new ();
  date = gtk_calendar_get_date (self->calendar);
  date_text = g_date_time_format (date, "%Y-%m-%d");
  notes = dup_notes (self);
  service = selected_service (self);

  /* Only what the technician chose and typed. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "service_id");
  json_builder_add_string_value (builder, service != NULL ? alga_service_get_service_id (service)
                                                          : self->wanted_service_id);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date_text);
  json_builder_set_member_name (builder, "start");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
  json_builder_set_member_name (builder, "end");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (self->end_row)));
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, notes);
  json_builder_set_member_name (builder, "billable");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->billable_switch));
  json_builder_set_member_name (builder, "next_day");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->overnight_switch));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  alga_draft_store_save (self->draft_store, self->draft_key, text);
}

static void
field_changed (AlgaTimeEntryDialog *self)
{
  update_log (self);
  if (self->filling)
    return;

  self->touched = TRUE;
  show_error (self, NULL);
  save_draft (self);
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

  field_changed (self);
}

/* The duration from a typed end: only an end after the start, or one the technician said is
 * the next day, gives one. */
static void
update_duration_from_end (AlgaTimeEntryDialog *self)
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
    update_duration_from_end (self);

  field_changed (self);
}

static void
on_overnight_changed_cb (AlgaTimeEntryDialog *self)
{
  if (!self->filling)
    update_duration_from_end (self);

  field_changed (self);
}

static void
on_duration_changed_cb (AlgaTimeEntryDialog *self)
{
  int start = parse_minutes (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
  int duration = gtk_spin_button_get_value_as_int (self->duration_spin);

  if (start >= 0 && !self->filling)
    move_end (self, start, duration);

  /* Translators: a duration in hours and minutes, e.g. "1 h 15 min". */
  {
    g_autofree char *subtitle = g_strdup_printf (_("%d h %02d min"), duration / 60, duration % 60);

    adw_action_row_set_subtitle (self->duration_row, subtitle);
  }

  field_changed (self);
}

static void
on_date_changed_cb (AlgaTimeEntryDialog *self)
{
  update_date_label (self);
  gtk_popover_popdown (gtk_menu_button_get_popover (self->date_button));
  field_changed (self);
}

static void
on_service_selected_cb (AlgaTimeEntryDialog *self)
{
  if (!self->filling)
    g_clear_pointer (&self->wanted_service_id, g_free);
  field_changed (self);
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
  update_date_label (self);
}

static void
select_service_id (AlgaTimeEntryDialog *self,
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

static void
apply_draft (AlgaTimeEntryDialog *self,
             const char          *text)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *object;
  const char *date;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);

  self->filling = TRUE;

  /* A stopped timer's times are its own; only what was typed comes back. */
  date = self->timer == NULL ? json_object_get_string_member_with_default (object, "date", NULL) : NULL;
  if (date != NULL)
    {
      g_autofree char *iso = g_strconcat (date, "T12:00:00", NULL);
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);

      if (day != NULL)
        gtk_calendar_select_day (self->calendar, day);
    }
  if (self->timer == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->start_row),
                             json_object_get_string_member_with_default (object, "start", ""));
      gtk_editable_set_text (GTK_EDITABLE (self->end_row),
                             json_object_get_string_member_with_default (object, "end", ""));
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            json_object_get_string_member_with_default (object, "notes", ""), -1);
  gtk_switch_set_active (self->billable_switch,
                         json_object_get_boolean_member_with_default (object, "billable", TRUE));
  if (self->timer == NULL)
    gtk_switch_set_active (self->overnight_switch,
                           json_object_get_boolean_member_with_default (object, "next_day", FALSE));

  g_free (self->wanted_service_id);
  self->wanted_service_id = g_strdup (json_object_get_string_member_with_default (object,
                                                                                 "service_id",
                                                                                 NULL));
  select_service_id (self, self->wanted_service_id);

  self->filling = FALSE;
  self->touched = TRUE;

  /* Recompute the duration from what was restored. */
  update_duration_from_end (self);
  field_changed (self);
  update_date_label (self);
}

static void
load_draft_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AlgaTimeEntryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = alga_draft_store_load_finish (ALGA_DRAFT_STORE (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  if (error != NULL)
    g_warning ("Could not read the time entry draft: %s", error->message);

  /* What was typed while the draft was read wins. */
  if (text != NULL && !self->touched)
    apply_draft (self, text);
}

/* The draft's service, else the one of the last entry logged, else the only one; else none. */
static void
choose_service (AlgaTimeEntryDialog *self)
{
  adw_combo_row_set_selected (self->service_row, GTK_INVALID_LIST_POSITION);
  if (self->wanted_service_id != NULL)
    select_service_id (self, self->wanted_service_id);
  else if (self->last_service_id != NULL)
    select_service_id (self, self->last_service_id);
  else if (self->services->len == 1)
    adw_combo_row_set_selected (self->service_row, 0);
}

static void
load_last_service_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AlgaTimeEntryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *service_id = NULL;

  service_id = alga_draft_store_load_finish (ALGA_DRAFT_STORE (source), result, &error);
  if (alga_gui_error_is_cancelled (error) || service_id == NULL)
    return;

  g_free (self->last_service_id);
  self->last_service_id = g_strstrip (g_steal_pointer (&service_id));
  /* Services that arrived first wait for it, unless the technician chose already. */
  if (self->services->len > 0 && !self->touched && selected_service (self) == NULL)
    {
      self->filling = TRUE;
      choose_service (self);
      self->filling = FALSE;
      update_log (self);
    }
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
      show_error (self, text);
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
  choose_service (self);
  self->filling = FALSE;
  /* An empty list cannot take the focus, so the first field gets it once it has services,
   * unless the technician has started elsewhere. */
  if (!self->touched && self->services->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->service_row));

  if (self->services->len == 0 &&
      alga_reference_data_is_refused (ALGA_REFERENCE_DATA (source), ALGA_REFERENCE_SERVICES))
    {
      /* A Technician may not list services: the ones offered are those of time entries. */
      show_error (self, _("Your role in Alga PSA may not list services, and no time entry you "
                          "can see names one yet. Log your first time entry in Alga PSA's web "
                          "app, or ask your administrator which service to use; it is offered "
                          "here after that."));
      set_row_error (GTK_WIDGET (self->service_row), TRUE);
    }
  else if (self->services->len == 0)
    {
      show_error (self, _("The server offers no active services, and a time entry needs one. "
                          "Ask your administrator to add one."));
      set_row_error (GTK_WIDGET (self->service_row), TRUE);
    }
  update_log (self);
}

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
  update_log (self);
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
      show_error (self, message);
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

  g_signal_emit (self, signals[LOGGED], 0, entry);
  /* The dialog is about to go: whoever opened it says so, with a way back (the "logged"
   * handler), or the dialog does. */
  if (!g_signal_has_handler_pending (self, signals[LOGGED], 0, FALSE))
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

      show_error (self, message);
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
  if (!validate (self, &wrong))
    {
      if (wrong != NULL)
        gtk_widget_grab_focus (wrong);
      return;
    }

  service = selected_service (self);
  start_minutes = parse_minutes (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
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
  notes = g_strstrip (dup_notes (self));

  show_error (self, NULL);
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

static gboolean
alga_time_entry_dialog_close_request (GtkWindow *window)
{
  AlgaTimeEntryDialog *self = ALGA_TIME_ENTRY_DIALOG (window);

  /* Nothing to ask: what was typed stays as a draft for the next time. */
  if (self->draft_store != NULL)
    {
      save_draft (self);
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

  gtk_widget_class_install_action (widget_class, "time-entry.log", NULL, log_action_cb);
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
                            G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->billable_switch, "notify::active",
                            G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->overnight_switch, "notify::active",
                            G_CALLBACK (on_overnight_changed_cb), self);
  update_log (self);
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

  if (store != NULL && self->draft_key != NULL)
    alga_draft_store_load_async (store, self->draft_key, self->cancellable, load_draft_cb,
                                 g_object_ref (self));
  if (store != NULL)
    alga_draft_store_load_async (store, LAST_SERVICE_KEY, self->cancellable,
                                 load_last_service_cb, g_object_ref (self));
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
  select_service_id (self, self->wanted_service_id);
  self->filling = FALSE;

  update_duration_from_end (self);
  update_date_label (self);
  update_log (self);
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
  update_date_label (self);
  update_log (self);
}
