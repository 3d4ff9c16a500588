/* alga-time-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-time-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-gui-util.h"
#include "alga-time-entry-dialog.h"
#include "alga-time-entry.h"
#include "alga-time-summary.h"

struct _AlgaTimeSummary
{
  AdwBin             parent_instance;

  AlgaAccount       *account;
  AlgaTicket        *ticket;
  GCancellable      *cancellable;

  AdwPreferencesGroup *group;
  GPtrArray         *rows;       /* the own entries' rows shown */
};

G_DEFINE_FINAL_TYPE (AlgaTimeSummary, alga_time_summary, ADW_TYPE_BIN)

static char *
format_minutes (int minutes)
{
  /* Translators: a duration in hours and minutes. */
  return g_strdup_printf (_("%d h %02d min"), minutes / 60, minutes % 60);
}

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

static GtkWidget *
entry_row (AlgaTimeSummary *self,
           AlgaTimeEntry   *entry)
{
  g_autoptr(GDateTime) start = g_date_time_to_local (alga_time_entry_get_start_time (entry));
  g_autoptr(GDateTime) end = g_date_time_to_local (alga_time_entry_get_end_time (entry));
  g_autofree char *day = g_date_time_format (start, "%x");
  g_autofree char *from = g_date_time_format (start, "%H:%M");
  g_autofree char *to = g_date_time_format (end, "%H:%M");
  g_autofree char *duration = format_minutes (entry_minutes (entry));
  g_autofree char *title = NULL;
  g_autofree char *edit_name = NULL;
  const char *service = alga_time_entry_get_service_name (entry);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  /* Translators: one time entry: the day, from, to, and how long. */
  title = g_strdup_printf (_("%s, %s–%s · %s"), day, from, to, duration);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (service != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), service);

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
      if (g_strcmp0 (alga_time_entry_get_user_id (entry),
                     alga_account_get_user_id (self->account)) == 0)
        {
          GtkWidget *row = entry_row (self, entry);

          own += minutes;
          adw_preferences_group_add (self->group, row);
          g_ptr_array_add (self->rows, row);
        }
    }

  own_text = format_minutes (own);
  all_text = format_minutes (all);
  /* Translators: the time logged on a ticket: the technician's own, then everyone's. */
  description = g_strdup_printf (_("Yours %s · Everyone %s"), own_text, all_text);
  adw_preferences_group_set_description (self->group, description);
}

static void
alga_time_summary_dispose (GObject *object)
{
  AlgaTimeSummary *self = ALGA_TIME_SUMMARY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->ticket);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_time_summary_parent_class)->dispose (object);
}

static void
alga_time_summary_class_init (AlgaTimeSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_time_summary_dispose;
}

static void
alga_time_summary_init (AlgaTimeSummary *self)
{
  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Time Logged"));
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
  alga_time_summary_reload (self);
}
