/* alga-time-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-time-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-date-format.h"
#include "alga-gui-util.h"
#include "alga-time-entry-dialog.h"
#include "alga-time-entry.h"
#include "alga-time-summary.h"

struct _AlgaTimeSummary
{
  AdwBin             parent_instance;

  AlgaAccount       *account;
  AlgaTicket        *ticket;
  AlgaTimer         *timer;
  GCancellable      *cancellable;
  GCancellable      *switch_cancellable;

  AdwPreferencesGroup *group;
  GtkWidget         *timer_button;
  GPtrArray         *rows;       /* the entries' rows shown */
};

G_DEFINE_FINAL_TYPE (AlgaTimeSummary, alga_time_summary, ADW_TYPE_BIN)

static char *
format_minutes (int minutes)
{
  /* Translators: a duration in hours and minutes. */
  return g_strdup_printf (_("%d h %02d min"), minutes / 60, minutes % 60);
}

static void update_timer_button (AlgaTimeSummary *self);

static int
entry_minutes (AlgaTimeEntry *entry)
{
  GDateTime *start = alga_time_entry_get_start_time (entry);
  GDateTime *end = alga_time_entry_get_end_time (entry);

  if (start == NULL || end == NULL || g_date_time_compare (end, start) <= 0)
    return 0;

  return (int) (g_date_time_difference (end, start) / G_TIME_SPAN_MINUTE);
}

static void
clear_rows (AlgaTimeSummary *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
on_corrected_cb (GtkWidget       *dialog,
                 AlgaTimeSummary *self)
{
  alga_time_summary_reload (self);
}

static void
on_edit_clicked_cb (GtkButton       *button,
                    AlgaTimeSummary *self)
{
  AlgaTimeEntry *entry = g_object_get_data (G_OBJECT (button), "entry");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = alga_time_entry_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->account, self->ticket);
  alga_time_entry_dialog_edit_entry (ALGA_TIME_ENTRY_DIALOG (dialog), entry);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_corrected_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The approval state of an entry, in words; NULL for a draft, the usual case. */
static const char *
approval_label (AlgaTimeEntry *entry)
{
  const char *state = alga_time_entry_get_approval_status (entry);

  if (state == NULL || g_ascii_strcasecmp (state, "DRAFT") == 0)
    return NULL;
  if (g_ascii_strcasecmp (state, "SUBMITTED") == 0)
    return _("Submitted");
  if (g_ascii_strcasecmp (state, "APPROVED") == 0)
    return _("Approved");
  if (g_ascii_strcasecmp (state, "CHANGES_REQUESTED") == 0)
    return _("Changes requested");
  return state;
}

static void
stop_session_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AlgaTimeSummary) self = user_data;
  g_autoptr(AlgaTimeEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  entry = alga_client_stop_session_finish (ALGA_CLIENT (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  if (entry == NULL)
    {
      alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not stop the timer"), error);
      return;
    }
  alga_gui_show_toast (GTK_WIDGET (self), _("Timer stopped"));
  alga_time_summary_reload (self);
}

/* A session of the server's timer (started on the phone) ends now: the server checks nothing,
 * so the end sent is now, which is after its start. */
static void
on_stop_session_clicked_cb (GtkButton       *button,
                            AlgaTimeSummary *self)
{
  AlgaTimeEntry *entry = g_object_get_data (G_OBJECT (button), "entry");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (self->account == NULL || g_date_time_compare (now, alga_time_entry_get_start_time (entry)) <= 0)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  alga_client_stop_session_async (alga_account_get_client (self->account), alga_time_entry_get_entry_id (entry),
                                  now, NULL, NULL, 1, self->cancellable, stop_session_cb, g_object_ref (self));
}

static void
add_stop_session_button (AlgaTimeSummary *self,
                         GtkWidget       *row,
                         AlgaTimeEntry   *entry)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("media-playback-stop-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Stop this timer now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stop this timer now"), -1);
  g_object_set_data_full (G_OBJECT (button), "entry", g_object_ref (entry), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_stop_session_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
entry_row (AlgaTimeSummary *self,
           AlgaTimeEntry   *entry,
           gboolean         own)
{
  g_autoptr(GDateTime) start = g_date_time_to_local (alga_time_entry_get_start_time (entry));
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *day = alga_date_format_absolute (start);
  g_autofree char *from = g_date_time_format (start, "%H:%M");
  g_autofree char *to = NULL;
  g_autofree char *duration = format_minutes (entry_minutes (entry));
  g_autofree char *title = NULL;
  g_autofree char *edit_name = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *service = alga_time_entry_get_service_name (entry);
  const char *approval = approval_label (entry);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (alga_time_entry_get_is_running (entry))
    /* Translators: a timer of the server (the phone app's) still running: the day and since when. */
    title = g_strdup_printf (_("%s, since %s · running"), day, from);
  else
    {
      end = g_date_time_to_local (alga_time_entry_get_end_time (entry));
      to = g_date_time_format (end, "%H:%M");
      /* Translators: one time entry: the day, from, to, and how long. */
      title = g_strdup_printf (_("%s, %s–%s · %s"), day, from, to, duration);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (!own && alga_time_entry_get_user_name (entry) != NULL)
    g_string_append (subtitle, alga_time_entry_get_user_name (entry));
  if (service != NULL)
    /* Translators: between the parts of a time entry's subtitle (who, service, approval). */
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? _(" · ") : "", service);
  if (!alga_time_entry_get_is_billable (entry) && !alga_time_entry_get_is_running (entry))
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? _(" · ") : "", _("not billable"));
  if (approval != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? _(" · ") : "", approval);
  if (subtitle->len > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  /* Another's entry nobody may change here. */
  if (!own)
    return row;
  if (alga_time_entry_get_is_running (entry))
    {
      add_stop_session_button (self, row, entry);
      return row;
    }

  button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Correct this entry"));
  /* Translators: the button that corrects one time entry; the entry follows. */
  edit_name = g_strdup_printf (_("Correct the entry of %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  edit_name, -1);
  g_object_set_data_full (G_OBJECT (button), "entry", g_object_ref (entry), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AlgaTimeSummary) self = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *own_text = NULL;
  g_autofree char *all_text = NULL;
  JsonArray *items = NULL;
  int own = 0, all = 0;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  clear_rows (self);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "data") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "data")))
    items = json_object_get_array_member (json_node_get_object (root), "data");

  /* Time is not every role's to read: then the group stays away. */
  gtk_widget_set_visible (GTK_WIDGET (self), items != NULL);
  if (items == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr(AlgaTimeEntry) entry = alga_time_entry_new_from_json (json_array_get_element (items, i),
                                                                      NULL);
      int minutes;

      if (entry == NULL)
        continue;
      minutes = entry_minutes (entry);
      all += minutes;
      {
        gboolean is_own = g_strcmp0 (alga_time_entry_get_user_id (entry),
                                     alga_account_get_user_id (self->account)) == 0;
        GtkWidget *row = entry_row (self, entry, is_own);

        if (is_own)
          own += minutes;
        adw_preferences_group_add (self->group, row);
        g_ptr_array_add (self->rows, row);
      }
    }

  own_text = format_minutes (own);
  all_text = format_minutes (all);
  /* Running sessions count no minutes yet. Translators: the time logged on a ticket: the
   * technician's own, then everyone's. */
  description = g_strdup_printf (_("Yours %s · Everyone %s"), own_text, all_text);
  adw_preferences_group_set_description (self->group, description);
}

static void
on_stop_logged_cb (AlgaTimeEntryDialog *dialog,
                   AlgaTimeEntry       *entry,
                   AlgaTimeSummary     *self)
{
  alga_gui_show_toast (GTK_WIDGET (self), _("Timer stopped, time logged"));
  alga_time_summary_reload (self);
}

static GtkWidget *
stop_dialog (AlgaTimeSummary *self,
             AlgaTicket      *ticket)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = alga_time_entry_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->account, ticket);
  alga_time_entry_dialog_stop_timer (ALGA_TIME_ENTRY_DIALOG (dialog), self->timer);
  return dialog;
}

static void
start_here (AlgaTimeSummary *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  alga_timer_start (self->timer, alga_ticket_get_ticket_id (self->ticket),
                    alga_ticket_get_ticket_number (self->ticket), alga_ticket_get_title (self->ticket), now);
}

/* The old ticket's time is logged first; only then does the timer start here. */
static void
on_switch_logged_cb (AlgaTimeEntryDialog *dialog,
                     AlgaTimeEntry       *entry,
                     AlgaTimeSummary     *self)
{
  if (self->ticket != NULL && !alga_timer_get_running (self->timer))
    start_here (self);
  alga_gui_show_toast (GTK_WIDGET (self), _("Time logged, timer started here"));
}

static void
switch_ticket_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AlgaTimeSummary) self = user_data;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  ticket = alga_client_get_ticket_finish (ALGA_CLIENT (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  if (ticket == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);

      alga_gui_show_toast (GTK_WIDGET (self), message);
      return;
    }
  dialog = stop_dialog (self, ticket);
  g_signal_connect_object (dialog, "logged", G_CALLBACK (on_switch_logged_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_switch_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AlgaTimeSummary  *self)
{
  if (g_strcmp0 (response, "switch") != 0 || !alga_timer_get_running (self->timer) || self->account == NULL)
    return;

  g_cancellable_cancel (self->switch_cancellable);
  g_clear_object (&self->switch_cancellable);
  self->switch_cancellable = g_cancellable_new ();
  alga_client_get_ticket_async (alga_account_get_client (self->account), alga_timer_get_ticket_id (self->timer),
                                self->switch_cancellable, switch_ticket_cb, g_object_ref (self));
}

/* One timer at a time: starting on another ticket offers to log the running one first. */
static void
offer_switch (AlgaTimeSummary *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *elapsed = format_minutes ((int) (alga_timer_get_elapsed (self->timer, now) / G_TIME_SPAN_MINUTE));
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *number = alga_timer_get_ticket_number (self->timer);
  GtkWidget *dialog;

  /* Translators: the running timer's ticket number and how long it has run. */
  body = g_strdup_printf (_("The timer on %s has run for %s. Log that time, and the timer starts on this ticket."),
                          number != NULL ? number : _("another ticket"), elapsed);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Switch the Timer?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "switch", _("_Log and Switch"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "switch", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "switch");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_switch_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
timer_is_here (AlgaTimeSummary *self)
{
  return self->timer != NULL && self->ticket != NULL && alga_timer_get_running (self->timer) &&
         g_strcmp0 (alga_timer_get_ticket_id (self->timer), alga_ticket_get_ticket_id (self->ticket)) == 0;
}

static void
toggle_timer (AlgaTimeSummary *self)
{
  GtkWidget *dialog;

  if (self->timer == NULL || self->ticket == NULL || self->account == NULL)
    return;

  if (timer_is_here (self))
    {
      dialog = stop_dialog (self, self->ticket);
      g_signal_connect_object (dialog, "logged", G_CALLBACK (on_stop_logged_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (alga_timer_get_running (self->timer))
    offer_switch (self);
  else
    start_here (self);
}

static void
toggle_timer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  toggle_timer (ALGA_TIME_SUMMARY (widget));
}

static void
update_timer_button (AlgaTimeSummary *self)
{
  gboolean here = timer_is_here (self);
  const char *label = here ? _("Stop Timer") : _("Start Timer");

  gtk_widget_set_visible (self->timer_button, self->timer != NULL && self->ticket != NULL);
  gtk_button_set_icon_name (GTK_BUTTON (self->timer_button),
                            here ? "media-playback-stop-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->timer_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timer_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (here)
    gtk_widget_add_css_class (self->timer_button, "destructive-action");
  else
    gtk_widget_remove_css_class (self->timer_button, "destructive-action");
}

static void
alga_time_summary_dispose (GObject *object)
{
  AlgaTimeSummary *self = ALGA_TIME_SUMMARY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->switch_cancellable);
  g_clear_object (&self->switch_cancellable);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_func (self->timer, update_timer_button, self);
  g_clear_object (&self->timer);
  g_clear_object (&self->account);
  g_clear_object (&self->ticket);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_time_summary_parent_class)->dispose (object);
}

static void
alga_time_summary_class_init (AlgaTimeSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_time_summary_dispose;

  gtk_widget_class_install_action (widget_class, "time.toggle-timer", NULL, toggle_timer_action);
}

static void
alga_time_summary_init (AlgaTimeSummary *self)
{
  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Time Logged"));
  self->timer_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_set_valign (self->timer_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->timer_button), "time.toggle-timer");
  gtk_widget_set_visible (self->timer_button, FALSE);
  adw_preferences_group_set_header_suffix (self->group, self->timer_button);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
alga_time_summary_new (void)
{
  return g_object_new (ALGA_TYPE_TIME_SUMMARY, NULL);
}

void
alga_time_summary_reload (AlgaTimeSummary *self)
{
  g_autofree char *query = NULL;

  g_return_if_fail (ALGA_IS_TIME_SUMMARY (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->account == NULL || self->ticket == NULL)
    {
      clear_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  query = g_strdup_printf ("work_item_type=ticket&work_item_id=%s&limit=100",
                           alga_ticket_get_ticket_id (self->ticket));
  alga_client_request_async (alga_account_get_client (self->account), "GET",
                             "/api/v1/time-entries", query, NULL,
                             ALGA_REQUEST_DEFAULT, self->cancellable, list_cb,
                             g_object_ref (self));
}

void
alga_time_summary_show (AlgaTimeSummary *self,
                        AlgaAccount     *account,
                        AlgaTicket      *ticket)
{
  const char *old_id;

  g_return_if_fail (ALGA_IS_TIME_SUMMARY (self));
  g_return_if_fail (!account || ALGA_IS_ACCOUNT (account));

  old_id = self->ticket != NULL ? alga_ticket_get_ticket_id (self->ticket) : NULL;
  if (self->account == account && ticket != NULL &&
      g_strcmp0 (old_id, alga_ticket_get_ticket_id (ticket)) == 0)
    return;

  g_set_object (&self->account, account);
  g_set_object (&self->ticket, ticket);
  /* An account made for a client alone has no timer: one set by hand stays. */
  if (account != NULL && alga_account_get_timer (account) != NULL)
    alga_time_summary_set_timer (self, alga_account_get_timer (account));
  update_timer_button (self);
  alga_time_summary_reload (self);
}

/**
 * alga_time_summary_set_timer:
 * @self: a #AlgaTimeSummary
 * @timer: (nullable): the account's timer
 *
 * Gives the section its Start/Stop button for @timer; without one it has none.
 */
void
alga_time_summary_set_timer (AlgaTimeSummary *self,
                             AlgaTimer       *timer)
{
  g_return_if_fail (ALGA_IS_TIME_SUMMARY (self));
  g_return_if_fail (!timer || ALGA_IS_TIMER (timer));

  if (self->timer == timer)
    return;
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_func (self->timer, update_timer_button, self);
  g_set_object (&self->timer, timer);
  if (timer != NULL)
    {
      g_signal_connect_swapped (timer, "notify::running", G_CALLBACK (update_timer_button), self);
      g_signal_connect_swapped (timer, "notify::ticket-id", G_CALLBACK (update_timer_button), self);
    }
  update_timer_button (self);
}

/* Starts the timer here, stops it if it runs here, or offers to switch it here. */
void
alga_time_summary_toggle_timer (AlgaTimeSummary *self)
{
  g_return_if_fail (ALGA_IS_TIME_SUMMARY (self));

  toggle_timer (self);
}
