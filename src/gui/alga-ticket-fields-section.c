/* alga-ticket-fields-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a technician changes on a ticket: status, priority, assignee, due date and watchers.
 * Each change goes to the server first; the ticket object (the very one the list shows) changes
 * only from the server's answer, so the list and the pane never disagree with the server. Every
 * change but the watchers' has Undo on its toast.
 */

#define G_LOG_DOMAIN "alga-ticket-fields-section"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-fields-section.h"

#include "alga-assignee-picker.h"
#include "alga-date-format.h"
#include "alga-due-date-popover.h"
#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-priority-style.h"
#include "alga-quiet-choice.h"
#include "alga-status.h"
#include "alga-ticket-change.h"
#include "alga-ticket-choices.h"
#include "alga-watch-list.h"
#include "alga-watchers-row.h"

typedef struct _Edit Edit;

/* One field of the ticket: its controls, what the pane's action for it is called, and what the
 * technician is told. */
typedef struct
{
  const char  *action;
  const char  *failed;
  char      *(*describe) (AlgaTicketFieldsSection *self,
                          Edit                    *edit);
  GtkSpinner  *spinner;
  GtkWidget   *control;
  gboolean     busy;
  /* The control had the focus when it was turned off for the save: it gets it back after. */
  gboolean     had_focus;
} Field;

struct _AlgaTicketFieldsSection
{
  AlgaTicketSection   parent_instance;

  AlgaTicketChoices  *choices;
  /* What the priority row offers: the priorities of the ticket's board's kind. */
  GListStore         *offered_priorities;
  /* Set while the code, not the technician, moves a combo row. */
  guint               syncing;
  /* The toast whose Undo Ctrl+Z presses: the last change's. */
  AdwToast           *undo_toast;

  Field               status;
  Field               priority;
  Field               assignee;
  Field               due_date;
  Field               watchers;

  AdwComboRow        *status_row;
  GtkSpinner         *status_spinner;
  AdwComboRow        *priority_row;
  GtkSpinner         *priority_spinner;
  AdwActionRow       *assignee_row;
  GtkSpinner         *assignee_spinner;
  GtkMenuButton      *assignee_button;
  AlgaAssigneePicker *assignee_picker;
  AdwActionRow       *due_date_row;
  GtkSpinner         *due_date_spinner;
  GtkMenuButton      *due_date_button;
  AlgaDueDatePopover *due_date_popover;
  AlgaWatchersRow    *watchers_row;
  AlgaQuietChoice    *quiet_choice;
  /* Whom the last change left out: its Undo leaves out the same. */
  AlgaQuiet           last_quiet;
};

G_DEFINE_FINAL_TYPE (AlgaTicketFieldsSection, alga_ticket_fields_section, ALGA_TYPE_TICKET_SECTION)

/* One change in flight: enough to finish it even if the technician moved on. */
struct _Edit
{
  AlgaTicketFieldsSection *self;
  AlgaTicket              *ticket;
  Field                   *field;
  AlgaTicketChange        *change;
  /* The change back, for the toast's Undo; NULL when there is none, or for an Undo itself. */
  AlgaTicketChange        *undo;
  gboolean                 is_undo;
  AlgaQuiet                quiet;
  /* Closing a ticket, or taking it from a colleague, stays undoable a while longer. */
  gboolean                 keep_longer;
};

static void
edit_free (Edit *edit)
{
  g_clear_object (&edit->ticket);
  g_clear_pointer (&edit->change, alga_ticket_change_unref);
  g_clear_pointer (&edit->undo, alga_ticket_change_unref);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Edit, edit_free)

static void send_change (AlgaTicketFieldsSection *self,
                         AlgaTicket              *ticket,
                         Field                   *field,
                         AlgaTicketChange        *change,
                         gboolean                 is_undo,
                         gboolean                 keep_longer);

static AlgaTicket *
get_ticket (AlgaTicketFieldsSection *self)
{
  return alga_ticket_section_get_ticket (ALGA_TICKET_SECTION (self));
}

static AlgaAccount *
get_account (AlgaTicketFieldsSection *self)
{
  return alga_ticket_section_get_account (ALGA_TICKET_SECTION (self));
}

static AlgaClient *
get_client (AlgaTicketFieldsSection *self)
{
  return alga_ticket_section_get_client (ALGA_TICKET_SECTION (self));
}

static const char *
get_user_id (AlgaTicketFieldsSection *self)
{
  return alga_ticket_section_get_user_id (ALGA_TICKET_SECTION (self));
}

/* Who signed in, for the server's watch list, which e-mails its entries. */
static const char *
user_email (AlgaTicketFieldsSection *self)
{
  return get_account (self) != NULL ? alga_account_get_user_email (get_account (self)) : NULL;
}

static const char *
user_display_name (AlgaTicketFieldsSection *self)
{
  return get_account (self) != NULL ? alga_account_get_user_name (get_account (self)) : NULL;
}

static char *
user_name (AlgaTicketFieldsSection *self,
           const char              *user_id)
{
  const char *name = alga_ticket_choices_get_user_name (self->choices, user_id);

  if (name != NULL)
    return g_strdup (name);
  if (g_strcmp0 (user_id, get_user_id (self)) == 0)
    return g_strdup (_("You"));
  return g_strdup (_("Unknown person"));
}

/* Status and priority. */

/* Status and priority rows show the ticket's values before their lists arrive. */
static GListModel *
placeholder_model (GType       type,
                   const char *id_member,
                   const char *id,
                   const char *name_member,
                   const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GObject) item = NULL;
  GListStore *store = g_list_store_new (type);

  if (id == NULL)
    return G_LIST_MODEL (store);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, id_member);
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, name_member);
  json_builder_add_string_value (builder, name != NULL ? name : "");
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  if (type == ALGA_TYPE_STATUS)
    item = G_OBJECT (alga_status_new_from_json (node, NULL));
  else
    item = G_OBJECT (alga_priority_new_from_json (node, NULL));
  if (item != NULL)
    g_list_store_append (store, item);

  return G_LIST_MODEL (store);
}

static guint
find_status (GListModel *model,
             const char *status_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaStatus) status = g_list_model_get_item (model, i);

      if (g_strcmp0 (alga_status_get_status_id (status), status_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static guint
find_priority (GListModel *model,
               const char *priority_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaPriority) priority = g_list_model_get_item (model, i);

      if (g_strcmp0 (alga_priority_get_priority_id (priority), priority_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
sync_status_row (AlgaTicketFieldsSection *self,
                 AlgaTicket              *t)
{
  GListModel *model = alga_ticket_choices_get_statuses (self->choices, alga_ticket_get_board_id (t));
  g_autoptr(GListModel) placeholder = NULL;
  guint position;

  /* A status the board's list lacks (or no list yet) is still shown as it is. */
  if (model == NULL || find_status (model, alga_ticket_get_status_id (t)) == GTK_INVALID_LIST_POSITION)
    model = placeholder = placeholder_model (ALGA_TYPE_STATUS, "status_id",
                                             alga_ticket_get_status_id (t),
                                             "name", alga_ticket_get_status_name (t));

  self->syncing++;
  if (adw_combo_row_get_model (self->status_row) != model)
    adw_combo_row_set_model (self->status_row, model);
  position = find_status (model, alga_ticket_get_status_id (t));
  /* Setting it again, unchanged, would put an open list's highlighted status (the one the
   * arrows moved to) back on the ticket's, and Enter would then take that. */
  if (adw_combo_row_get_selected (self->status_row) != position)
    adw_combo_row_set_selected (self->status_row, position);
  self->syncing--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), placeholder == NULL && !self->status.busy);
}

/* Replaces the offered priorities only when they differ: a new model resets the row. */
static void
set_offered_priorities (AlgaTicketFieldsSection *self,
                        GPtrArray               *offered)
{
  GListModel *model = G_LIST_MODEL (self->offered_priorities);
  guint n = g_list_model_get_n_items (model);
  gboolean same = n == offered->len;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(AlgaPriority) shown = g_list_model_get_item (model, i);

      same = shown == g_ptr_array_index (offered, i);
    }
  if (!same)
    g_list_store_splice (self->offered_priorities, 0, n, offered->pdata, offered->len);
}

static void
sync_priority_row (AlgaTicketFieldsSection *self,
                   AlgaTicket              *t)
{
  GListModel *model = G_LIST_MODEL (self->offered_priorities);
  g_autoptr(GListModel) placeholder = NULL;
  g_autoptr(GPtrArray) offered = NULL;
  const char *priority_id = alga_ticket_get_priority_id (t);
  AlgaPriorityKind kind = alga_ticket_choices_get_priority_kind (self->choices, alga_ticket_get_board_id (t));
  guint position;

  offered = alga_priority_filter_for_board (alga_ticket_choices_get_priorities (self->choices), kind,
                                            priority_id);
  /* The row may show this list: changing it moves the row's selection, which is no choice of
   * the technician's (it would send the priority now under it for the ticket just shown). */
  self->syncing++;
  set_offered_priorities (self, offered);

  /* The list item has no priority id: until the detail arrives, show the name only; and
   * until the boards say which kind the ticket's takes, offer nothing. */
  if (priority_id == NULL || alga_ticket_choices_get_boards_loading (self->choices) ||
      find_priority (model, priority_id) == GTK_INVALID_LIST_POSITION)
    model = placeholder = placeholder_model (ALGA_TYPE_PRIORITY, "priority_id",
                                             priority_id != NULL ? priority_id : "",
                                             "priority_name", alga_ticket_get_priority_name (t));

  if (adw_combo_row_get_model (self->priority_row) != model)
    adw_combo_row_set_model (self->priority_row, model);
  position = find_priority (model, priority_id != NULL ? priority_id : "");
  if (adw_combo_row_get_selected (self->priority_row) != position)
    adw_combo_row_set_selected (self->priority_row, position);
  self->syncing--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->priority_row), placeholder == NULL && !self->priority.busy);
}

/* The API cannot write the due_date column that Alga's web UI shows, so a due date set here
 * lives in attributes, where only the apps see it. The row says which one it shows: one set in
 * the web UI can be changed only there; one set here is seen only in the apps. */
static void
update_due_date (AlgaTicketFieldsSection *self,
                 AlgaTicket              *ticket)
{
  GDateTime *due = alga_ticket_get_due_date (ticket);
  gboolean from_web = due != NULL && alga_ticket_get_due_date_is_column (ticket);
  g_autofree char *date = NULL;
  g_autofree char *exact = alga_date_format_exact (due);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_date_row), due != NULL ? exact : NULL);
  if (due == NULL)
    subtitle = g_strdup (_("None"));
  else
    {
      date = alga_date_format_with_time (due);
      if (from_web)
        /* Translators: a due date, then where it was set. */
        subtitle = g_strdup_printf (_("%s\nSet in Alga’s web UI, and changed only there"), date);
      else
        /* Translators: a due date, then where it can be seen. */
        subtitle = g_strdup_printf (_("%s\nShown in the desktop and phone apps only, not in Alga’s web UI"), date);
    }
  adw_action_row_set_subtitle (self->due_date_row, subtitle);
  /* Only a due date set in the apps can be changed or cleared here. */
  alga_due_date_popover_set_due_date (self->due_date_popover, from_web ? NULL : due);
  gtk_widget_set_visible (GTK_WIDGET (self->due_date_button), !from_web);
}

static void
alga_ticket_fields_section_update (AlgaTicketSection *section,
                                   AlgaTicket        *t)
{
  AlgaTicketFieldsSection *self = ALGA_TICKET_FIELDS_SECTION (section);
  const char *assignee = alga_ticket_get_assigned_to (t);
  const char *assignee_name = alga_ticket_get_assigned_to_name (t);
  g_autofree char *assignee_text = NULL;

  sync_status_row (self, t);
  sync_priority_row (self, t);

  if (assignee == NULL)
    assignee_text = g_strdup (_("Unassigned"));
  else if (assignee_name != NULL && assignee_name[0] != '\0')
    assignee_text = g_strdup (assignee_name);
  else
    assignee_text = user_name (self, assignee);
  adw_action_row_set_subtitle (self->assignee_row, assignee_text);

  update_due_date (self, t);
  alga_watchers_row_show (self->watchers_row, t, self->choices);
  /* Whether the due date can be changed here depends on where it was set. */
  alga_ticket_section_changed (section);
}

/* Shows the ticket as it is now, not before the next frame: after a refused change, the
 * controls go back to the ticket's real state at once. */
static void
update_now (AlgaTicketFieldsSection *self)
{
  if (get_ticket (self) != NULL)
    alga_ticket_fields_section_update (ALGA_TICKET_SECTION (self), get_ticket (self));
}

/* Changes. */

static void
set_busy (AlgaTicketFieldsSection *self,
          Field                   *field,
          gboolean                 busy)
{
  field->busy = busy;
  if (field->spinner != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (field->control);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      /* An insensitive control loses the focus, and the keyboard with it: it comes back after
       * the save, unless the technician has moved on meanwhile. */
      if (busy)
        field->had_focus = focus != NULL && (focus == field->control || gtk_widget_is_ancestor (focus, field->control));
      gtk_widget_set_visible (GTK_WIDGET (field->spinner), busy);
      gtk_spinner_set_spinning (field->spinner, busy);
      gtk_widget_set_sensitive (field->control, !busy);
      if (!busy && field->had_focus && focus == NULL)
        gtk_widget_grab_focus (field->control);
      if (!busy)
        field->had_focus = FALSE;
    }
  else
    {
      alga_watchers_row_set_busy (self->watchers_row, busy);
    }
  alga_ticket_section_changed (ALGA_TICKET_SECTION (self));
}

/* What an Undo button puts back: the field of that ticket as it was before the change. */
typedef struct
{
  AlgaTicketFieldsSection *self;   /* weak */
  AlgaTicket              *ticket;
  Field                   *field;
  AlgaTicketChange        *change;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_weak_pointer (&undo->self);
  g_clear_object (&undo->ticket);
  g_clear_pointer (&undo->change, alga_ticket_change_unref);
  g_free (undo);
}

/* Sends the old value back to the server, for the ticket the change was made to, whichever is
 * shown now; not cancelled by moving on to another ticket. */
static void
on_undo_clicked_cb (AdwToast *toast,
                    Undo     *undo)
{
  if (undo->self == NULL || get_client (undo->self) == NULL)
    return;

  send_change (undo->self, undo->ticket, undo->field, undo->change, TRUE, FALSE);
}

static void
show_undo_toast (AlgaTicketFieldsSection *self,
                 Edit                    *edit,
                 const char              *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);
  Undo *undo = g_new0 (Undo, 1);

  g_set_weak_pointer (&undo->self, self);
  undo->ticket = g_object_ref (edit->ticket);
  undo->field = edit->field;
  undo->change = alga_ticket_change_ref (edit->undo);

  adw_toast_set_button_label (toast, _("_Undo"));
  if (edit->keep_longer)
    {
      adw_toast_set_timeout (toast, 15);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo,
                         undo_free, 0);
  g_set_weak_pointer (&self->undo_toast, toast);
  alga_gui_add_toast (GTK_WIDGET (self), toast);
}

static void
change_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Edit) edit = user_data;
  g_autoptr(AlgaTicket) updated = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketFieldsSection *self;
  g_autofree char *toast = NULL;

  updated = alga_ticket_repository_write_finish (ALGA_TICKET_REPOSITORY (source), result, &error);

  /* Cancelled: the section is gone or shows another ticket; it must not be touched. */
  if (alga_gui_error_is_cancelled (error))
    {
      if (edit->is_undo)
        g_object_unref (edit->self);
      return;
    }

  self = edit->self;
  /* An Undo holds the section until its answer; it is released when this returns. */
  g_autoptr(AlgaTicketFieldsSection) held = edit->is_undo ? self : NULL;
  if (!edit->is_undo || edit->ticket == get_ticket (self))
    set_busy (self, edit->field, FALSE);

  if (updated == NULL)
    {
      /* The ticket never changed: putting the controls back shows its real state again. */
      update_now (self);
      alga_gui_show_error_toast (GTK_WIDGET (self), _(edit->field->failed), error);
      /* A close refused by a rule of the board: the pane shows what blocks it, if it can. */
      if (edit->field == &self->status && g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION))
        gtk_widget_activate_action (GTK_WIDGET (self), "ticket.show-close-blocker", NULL);
      return;
    }

  alga_ticket_update_from (edit->ticket, updated);
  /* Without a name for the new assignee, the ticket is read again to learn it. */
  if (!alga_ticket_change_apply_names (edit->change, edit->ticket))
    alga_ticket_section_request_reload (ALGA_TICKET_SECTION (self));
  update_now (self);

  toast = edit->field->describe (self, edit);
  if (edit->quiet != ALGA_QUIET_NONE)
    {
      g_autofree char *described = g_steal_pointer (&toast);

      /* Translators: a toast after a quiet change, e.g. "Status changed to New (the customer was
       * not notified)". */
      toast = g_strdup_printf (edit->quiet == ALGA_QUIET_EVERYONE ? _("%s (nobody was notified)")
                                                                  : _("%s (the customer was not notified)"),
                               described);
    }
  if (!edit->is_undo)
    {
      /* Quiet is for one change; a failed one keeps it for the next try. */
      self->last_quiet = edit->quiet;
      alga_quiet_choice_set_quiet (self->quiet_choice, ALGA_QUIET_NONE);
    }
  if (edit->is_undo)
    {
      g_autofree char *undone = NULL;

      /* Translators: a toast after Undo, e.g. "Undone: Status changed to New". */
      undone = g_strdup_printf (_("Undone: %s"), toast);
      alga_gui_show_toast (GTK_WIDGET (self), undone);
    }
  else if (edit->undo != NULL)
    show_undo_toast (self, edit, toast);
  else
    alga_gui_show_toast (GTK_WIDGET (self), toast);
}

static void
send_change (AlgaTicketFieldsSection *self,
             AlgaTicket              *ticket,
             Field                   *field,
             AlgaTicketChange        *change,
             gboolean                 is_undo,
             gboolean                 keep_longer)
{
  Edit *edit = g_new0 (Edit, 1);
  GCancellable *cancellable = NULL;

  edit->self = self;
  edit->ticket = g_object_ref (ticket);
  edit->field = field;
  edit->change = alga_ticket_change_ref (change);
  edit->is_undo = is_undo;
  edit->keep_longer = keep_longer;
  edit->quiet = is_undo ? self->last_quiet : alga_quiet_choice_get_quiet (self->quiet_choice);
  if (!is_undo)
    edit->undo = alga_ticket_change_new_undo (change, ticket);

  if (ticket == get_ticket (self))
    set_busy (self, field, TRUE);
  if (is_undo)
    /* The section may be gone when the answer comes: the edit holds it until then. */
    g_object_ref (self);
  else
    cancellable = alga_ticket_section_get_cancellable (ALGA_TICKET_SECTION (self));

  alga_ticket_change_send_async (change, alga_account_get_tickets (get_account (self)),
                                 alga_ticket_get_ticket_id (ticket), edit->quiet, cancellable,
                                 change_sent_cb, edit);
}

static gboolean
can_edit (AlgaTicketFieldsSection *self,
          Field                   *field)
{
  if (get_ticket (self) == NULL || get_client (self) == NULL || field->busy)
    return FALSE;

  /* There is no queue of offline edits, so a change made now would be lost; it is not
   * taken at all. Reading the ticket again finds out whether the server is back. */
  if (alga_client_get_offline (get_client (self)))
    {
      alga_gui_show_toast (GTK_WIDGET (self),
                           _("You are offline. Changes can be made again once the server can be reached."));
      alga_ticket_section_queue_update (ALGA_TICKET_SECTION (self));
      alga_ticket_section_request_reload (ALGA_TICKET_SECTION (self));
      return FALSE;
    }

  return TRUE;
}

static char *
describe_status (AlgaTicketFieldsSection *self,
                 Edit                    *edit)
{
  /* Translators: a toast after a change. */
  return g_strdup_printf (_("Status changed to %s"), alga_ticket_change_get_name (edit->change));
}

static void
on_status_row_selected_cb (AlgaTicketFieldsSection *self)
{
  AlgaStatus *status = adw_combo_row_get_selected_item (self->status_row);
  AlgaTicket *ticket = get_ticket (self);
  g_autoptr(AlgaTicketChange) change = NULL;

  if (self->syncing > 0 || status == NULL || !can_edit (self, &self->status))
    return;
  if (g_strcmp0 (alga_status_get_status_id (status), alga_ticket_get_status_id (ticket)) == 0)
    return;

  change = alga_ticket_change_new_status (alga_status_get_status_id (status), alga_status_get_name (status),
                                          alga_status_get_is_closed (status));
  send_change (self, ticket, &self->status, change, FALSE,
               alga_status_get_is_closed (status) && !alga_ticket_get_status_is_closed (ticket));
}

static char *
describe_priority (AlgaTicketFieldsSection *self,
                   Edit                    *edit)
{
  return g_strdup_printf (_("Priority changed to %s"), alga_ticket_change_get_name (edit->change));
}

static void
on_priority_row_selected_cb (AlgaTicketFieldsSection *self)
{
  AlgaPriority *priority = adw_combo_row_get_selected_item (self->priority_row);
  AlgaTicket *ticket = get_ticket (self);
  g_autoptr(AlgaTicketChange) change = NULL;

  if (self->syncing > 0 || priority == NULL || !can_edit (self, &self->priority))
    return;
  if (g_strcmp0 (alga_priority_get_priority_id (priority), alga_ticket_get_priority_id (ticket)) == 0)
    return;

  change = alga_ticket_change_new_priority (alga_priority_get_priority_id (priority),
                                            alga_priority_get_priority_name (priority));
  send_change (self, ticket, &self->priority, change, FALSE, FALSE);
}

static char *
describe_assignee (AlgaTicketFieldsSection *self,
                   Edit                    *edit)
{
  const char *assignee = alga_ticket_get_assigned_to (edit->ticket);
  const char *name = alga_ticket_change_get_name (edit->change);

  if (assignee == NULL)
    return g_strdup (_("Ticket unassigned"));
  if (g_strcmp0 (assignee, get_user_id (self)) == 0)
    return g_strdup (_("Ticket assigned to you"));
  if (name != NULL)
    return g_strdup_printf (_("Ticket assigned to %s"), name);
  return g_strdup (_("Assignee changed"));
}

static void
assign (AlgaTicketFieldsSection *self,
        const char              *user_id,
        const char              *display_name)
{
  AlgaTicket *ticket = get_ticket (self);
  const char *old = NULL;
  g_autoptr(AlgaTicketChange) change = NULL;

  if (!can_edit (self, &self->assignee))
    return;
  old = alga_ticket_get_assigned_to (ticket);
  if (g_strcmp0 (user_id, old) == 0)
    return;

  if (display_name == NULL)
    display_name = alga_ticket_choices_get_user_name (self->choices, user_id);
  change = alga_ticket_change_new_assignee (user_id, display_name);
  send_change (self, ticket, &self->assignee, change, FALSE,
               old != NULL && g_strcmp0 (old, get_user_id (self)) != 0);
}

static void
on_assignee_picker_user_picked_cb (AlgaTicketFieldsSection *self,
                                   const char              *user_id,
                                   const char              *display_name)
{
  assign (self, user_id, display_name);
}

static char *
describe_due_date (AlgaTicketFieldsSection *self,
                   Edit                    *edit)
{
  return g_strdup (alga_ticket_get_due_date (edit->ticket) != NULL ? _("Due date changed")
                                                                   : _("Due date cleared"));
}

static void
on_due_date_chosen_cb (AlgaTicketFieldsSection *self,
                       GDateTime               *due)
{
  g_autoptr(AlgaTicketChange) change = NULL;

  if (!can_edit (self, &self->due_date))
    return;

  change = alga_ticket_change_new_due_date (due);
  send_change (self, get_ticket (self), &self->due_date, change, FALSE, FALSE);
}

static char *
describe_watchers (AlgaTicketFieldsSection *self,
                   Edit                    *edit)
{
  return g_strdup (_("Watchers changed"));
}

static void
change_watchers (AlgaTicketFieldsSection *self,
                 JsonObject              *changes)
{
  g_autoptr(AlgaTicketChange) change = alga_ticket_change_new_attributes (changes);

  send_change (self, get_ticket (self), &self->watchers, change, FALSE, FALSE);
}

static void
on_watchers_row_add_requested_cb (AlgaTicketFieldsSection *self,
                                  const char              *user_id,
                                  const char              *display_name)
{
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(JsonObject) changes = NULL;
  gboolean me;
  const char *email;

  if (!can_edit (self, &self->watchers))
    return;

  me = g_strcmp0 (user_id, get_user_id (self)) == 0;
  attributes = alga_ticket_dup_attributes (get_ticket (self));
  if (alga_watch_list_has_user (attributes, user_id, me ? user_email (self) : NULL))
    {
      alga_gui_show_toast (GTK_WIDGET (self), me ? _("You are already watching this ticket")
                                                 : _("Already watching this ticket"));
      return;
    }

  alga_ticket_choices_add_user_name (self->choices, user_id, display_name);
  email = me ? user_email (self) : alga_ticket_choices_get_user_email (self->choices, user_id);
  changes = alga_watch_list_changes_to_add (attributes, user_id, email,
                                            me ? user_display_name (self) : display_name);
  change_watchers (self, changes);
}

static void
on_watchers_row_remove_requested_cb (AlgaTicketFieldsSection *self,
                                     const char              *user_id,
                                     const char              *email)
{
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(JsonObject) changes = NULL;

  if (!can_edit (self, &self->watchers))
    return;

  attributes = alga_ticket_dup_attributes (get_ticket (self));
  changes = alga_watch_list_changes_to_remove (attributes, user_id, email);
  change_watchers (self, changes);
}

/* The section. */

static void
on_choices_changed_cb (AlgaTicketFieldsSection *self)
{
  update_now (self);
}

static void
on_choices_failed_cb (AlgaTicketFieldsSection *self,
                      const char              *what_failed,
                      GError                  *error)
{
  /* Offline, the pane's card says so once; a toast per list would only repeat it. */
  if (!alga_api_error_is_unreachable (error))
    alga_gui_show_error_toast (GTK_WIDGET (self), what_failed, error);
}

/* The pickers and the watchers offer the people of the signed-in account. */
static void
update_account (AlgaTicketFieldsSection *self)
{
  AlgaReferenceData *reference_data = get_account (self) != NULL ? alga_account_get_reference_data (get_account (self))
                                                                 : NULL;

  /* Reference data belongs to one server and account: what the old lists gave is forgotten. */
  if (reference_data != alga_ticket_choices_get_reference_data (self->choices))
    {
      self->syncing++;
      g_list_store_remove_all (self->offered_priorities);
      self->syncing--;
      alga_ticket_choices_set_reference_data (self->choices, reference_data);
    }

  alga_assignee_picker_set_client (self->assignee_picker, get_client (self));
  alga_assignee_picker_set_reference_data (self->assignee_picker, reference_data);
  alga_assignee_picker_set_user_id (self->assignee_picker, get_user_id (self));
  alga_watchers_row_set_account (self->watchers_row, get_client (self), reference_data,
                                 get_user_id (self), user_email (self));
}

static void
alga_ticket_fields_section_ticket_notify (AlgaTicketSection *section,
                                          GParamSpec        *pspec)
{
  if (g_str_equal (pspec->name, "board-id"))
    alga_ticket_fields_section_load_choices (ALGA_TICKET_FIELDS_SECTION (section));
}

static void
alga_ticket_fields_section_reset (AlgaTicketSection *section)
{
  AlgaTicketFieldsSection *self = ALGA_TICKET_FIELDS_SECTION (section);
  Field *fields[] = { &self->status, &self->priority, &self->assignee, &self->due_date, &self->watchers };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i]->busy)
      set_busy (self, fields[i], FALSE);

  update_account (self);
  alga_ticket_fields_section_load_choices (self);
}

static gboolean
alga_ticket_fields_section_allows_action (AlgaTicketSection *section,
                                          const char        *action_name)
{
  AlgaTicketFieldsSection *self = ALGA_TICKET_FIELDS_SECTION (section);
  AlgaTicket *ticket = get_ticket (self);
  Field *fields[] = { &self->status, &self->priority, &self->assignee, &self->due_date, &self->watchers };

  if (self->assignee.busy && g_str_equal (action_name, "ticket.assign-to-me"))
    return FALSE;
  /* A due date set in the web UI is changed only there. */
  if (g_str_equal (action_name, "ticket.change-due-date") && ticket != NULL &&
      alga_ticket_get_due_date_is_column (ticket))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i]->busy && g_strcmp0 (fields[i]->action, action_name) == 0)
      return FALSE;

  return TRUE;
}

static void
alga_ticket_fields_section_dispose (GObject *object)
{
  AlgaTicketFieldsSection *self = ALGA_TICKET_FIELDS_SECTION (object);

  g_clear_weak_pointer (&self->undo_toast);
  if (self->choices != NULL)
    g_signal_handlers_disconnect_by_data (self->choices, self);
  g_clear_object (&self->choices);
  alga_ticket_section_dispose_template (ALGA_TICKET_SECTION (object), ALGA_TYPE_TICKET_FIELDS_SECTION);
  g_clear_object (&self->offered_priorities);

  G_OBJECT_CLASS (alga_ticket_fields_section_parent_class)->dispose (object);
}

static void
alga_ticket_fields_section_class_init (AlgaTicketFieldsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AlgaTicketSectionClass *section_class = ALGA_TICKET_SECTION_CLASS (klass);

  object_class->dispose = alga_ticket_fields_section_dispose;
  section_class->update = alga_ticket_fields_section_update;
  section_class->ticket_notify = alga_ticket_fields_section_ticket_notify;
  section_class->reset = alga_ticket_fields_section_reset;
  section_class->allows_action = alga_ticket_fields_section_allows_action;

  g_type_ensure (ALGA_TYPE_ASSIGNEE_PICKER);
  g_type_ensure (ALGA_TYPE_DUE_DATE_POPOVER);
  g_type_ensure (ALGA_TYPE_WATCHERS_ROW);
  g_type_ensure (ALGA_TYPE_QUIET_CHOICE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-ticket-fields-section.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, status_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, priority_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, priority_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, assignee_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, assignee_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, assignee_picker);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, due_date_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, due_date_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, due_date_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, due_date_popover);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, watchers_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketFieldsSection, quiet_choice);
  gtk_widget_class_bind_template_callback (widget_class, on_assignee_picker_user_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_watchers_row_add_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_watchers_row_remove_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_date_chosen_cb);
}

static void
alga_ticket_fields_section_init (AlgaTicketFieldsSection *self)
{
  g_autoptr(GtkExpression) status_name = NULL;
  g_autoptr(GtkExpression) priority_name = NULL;
  g_autoptr(GtkListItemFactory) priority_factory = alga_priority_style_new_factory (FALSE);
  g_autoptr(GtkListItemFactory) priority_list_factory = alga_priority_style_new_factory (TRUE);

  self->choices = alga_ticket_choices_new ();
  self->offered_priorities = g_list_store_new (ALGA_TYPE_PRIORITY);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->status = (Field) { "ticket.change-status", N_("Could not change the status."), describe_status,
                           self->status_spinner, GTK_WIDGET (self->status_row), FALSE };
  self->priority = (Field) { "ticket.change-priority", N_("Could not change the priority."), describe_priority,
                             self->priority_spinner, GTK_WIDGET (self->priority_row), FALSE };
  self->assignee = (Field) { "ticket.change-assignee", N_("Could not change the assignee."), describe_assignee,
                             self->assignee_spinner, GTK_WIDGET (self->assignee_button), FALSE };
  self->due_date = (Field) { "ticket.change-due-date", N_("Could not change the due date."), describe_due_date,
                             self->due_date_spinner, GTK_WIDGET (self->due_date_button), FALSE };
  /* The watchers row shows its own state while it is saved. */
  self->watchers = (Field) { NULL, N_("Could not change the watchers."), describe_watchers, NULL, NULL, FALSE };

  g_signal_connect_object (self->choices, "changed", G_CALLBACK (on_choices_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->choices, "failed", G_CALLBACK (on_choices_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::account", G_CALLBACK (update_account), NULL);

  status_name = gtk_property_expression_new (ALGA_TYPE_STATUS, NULL, "name");
  adw_combo_row_set_expression (self->status_row, status_name);
  priority_name = gtk_property_expression_new (ALGA_TYPE_PRIORITY, NULL, "priority-name");
  adw_combo_row_set_expression (self->priority_row, priority_name);
  adw_combo_row_set_factory (self->priority_row, priority_factory);
  adw_combo_row_set_list_factory (self->priority_row, priority_list_factory);

  g_signal_connect_swapped (self->status_row, "notify::selected",
                            G_CALLBACK (on_status_row_selected_cb), self);
  g_signal_connect_swapped (self->priority_row, "notify::selected",
                            G_CALLBACK (on_priority_row_selected_cb), self);
}

void
alga_ticket_fields_section_load_choices (AlgaTicketFieldsSection *self)
{
  AlgaTicket *ticket;

  g_return_if_fail (ALGA_IS_TICKET_FIELDS_SECTION (self));

  ticket = get_ticket (self);
  if (ticket != NULL)
    alga_ticket_choices_load (self->choices, alga_ticket_get_board_id (ticket));
}

GListModel *
alga_ticket_fields_section_get_priorities (AlgaTicketFieldsSection *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_FIELDS_SECTION (self), NULL);

  return alga_ticket_choices_get_priorities (self->choices);
}

/* Takes the ticket, unless it is the technician's already. */
static void
assign_to_me (AlgaTicketFieldsSection *self)
{
  AlgaTicket *ticket = get_ticket (self);

  if (ticket == NULL || get_user_id (self) == NULL)
    return;

  if (g_strcmp0 (alga_ticket_get_assigned_to (ticket), get_user_id (self)) == 0)
    {
      alga_gui_show_toast (GTK_WIDGET (self), _("The ticket is already assigned to you"));
      return;
    }

  assign (self, get_user_id (self), NULL);
}

/* Ctrl+Z outside a text field: the Undo of the last change's toast, while it shows. */
static void
undo (AlgaTicketFieldsSection *self)
{
  g_autoptr(AdwToast) toast = NULL;

  if (self->undo_toast == NULL)
    {
      alga_gui_show_toast (GTK_WIDGET (self), _("Nothing to undo"));
      return;
    }

  toast = g_object_ref (self->undo_toast);
  g_clear_weak_pointer (&self->undo_toast);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
}

void
alga_ticket_fields_section_activate (AlgaTicketFieldsSection *self,
                                     const char              *action_name)
{
  Field *fields[] = { &self->status, &self->priority, &self->assignee, &self->due_date };

  g_return_if_fail (ALGA_IS_TICKET_FIELDS_SECTION (self));
  g_return_if_fail (action_name != NULL);

  if (g_str_equal (action_name, "ticket.assign-to-me"))
    assign_to_me (self);
  else if (g_str_equal (action_name, "ticket.undo"))
    undo (self);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i]->action, action_name) == 0)
      {
        /* A combo row opens its list; the others are menu buttons with a popover. */
        if (GTK_IS_MENU_BUTTON (fields[i]->control))
          gtk_menu_button_popup (GTK_MENU_BUTTON (fields[i]->control));
        else
          alga_gui_popup_row (fields[i]->control);
      }
}
