/* alga-time-entry-dialog-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time entry dialog's draft: what the technician chose and typed, kept as it changes and
 * brought back when the dialog opens again on the same ticket; and the service of the last
 * entry logged, offered first.
 */

#define G_LOG_DOMAIN "alga-time-entry-dialog"

#include "config.h"

#include "alga-gui-util.h"
#include "alga-time-entry-dialog-private.h"

void
_alga_time_entry_dialog_save_draft (AlgaTimeEntryDialog *self)
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
  notes = _alga_time_entry_dialog_dup_notes (self);
  service = _alga_time_entry_dialog_selected_service (self);

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
  _alga_time_entry_dialog_select_service_id (self, self->wanted_service_id);

  self->filling = FALSE;
  self->touched = TRUE;

  /* Recompute the duration from what was restored. */
  _alga_time_entry_dialog_update_duration_from_end (self);
  _alga_time_entry_dialog_field_changed (self);
  _alga_time_entry_dialog_update_date_label (self);
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
  if (self->services->len > 0 && !self->touched
      && _alga_time_entry_dialog_selected_service (self) == NULL)
    {
      self->filling = TRUE;
      _alga_time_entry_dialog_choose_service (self);
      self->filling = FALSE;
      _alga_time_entry_dialog_update_log (self);
    }
}

void
_alga_time_entry_dialog_load_drafts (AlgaTimeEntryDialog *self)
{
  if (self->draft_key != NULL)
    alga_draft_store_load_async (self->draft_store, self->draft_key, self->cancellable,
                                 load_draft_cb, g_object_ref (self));
  alga_draft_store_load_async (self->draft_store, LAST_SERVICE_KEY, self->cancellable,
                               load_last_service_cb, g_object_ref (self));
}
