/* alga-ticket-text-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's title or description, edited where it is shown. The description is edited as
 * the plain text the pane shows, and saved with every block the technician left alone kept as
 * the web stored it (alga_blocknote_apply_edit()). A failed save keeps the text and the quiet
 * choice; a successful one updates the ticket, says whom the server did not tell, and closes.
 */

#define G_LOG_DOMAIN "alga-ticket-text-editor"

#include "config.h"

#include "alga-ticket-text-editor.h"

#include <glib/gi18n.h>

#include "alga-blocknote.h"
#include "alga-blocknote-edit.h"
#include "alga-gui-util.h"
#include "alga-new-ticket.h"
#include "alga-quiet-choice.h"

struct _AlgaTicketTextEditor
{
  AdwBin           parent_instance;

  AlgaTicketText   which;
  AlgaAccount     *account;
  AlgaTicket      *ticket;
  GCancellable    *cancellable;
  gboolean         saving;
  AlgaQuiet        quiet_sent;

  GtkEntry        *entry;        /* the title */
  GtkTextView     *text_view;    /* the description */
  GtkLabel        *error_label;
  AlgaQuietChoice *quiet_choice;
  GtkWidget       *save_button;
  GtkWidget       *cancel_button;
};

G_DEFINE_FINAL_TYPE (AlgaTicketTextEditor, alga_ticket_text_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_text (AlgaTicketTextEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (self->which == ALGA_TICKET_TEXT_TITLE)
    return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_error (AlgaTicketTextEditor *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_saving (AlgaTicketTextEditor *self,
            gboolean              saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (self->save_button, !saving);
  gtk_widget_set_sensitive (self->cancel_button, !saving);
}

static void
stop_editing (AlgaTicketTextEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_saving (self, FALSE);
  show_error (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

static const char *
saved_toast (AlgaTicketTextEditor *self,
             AlgaQuiet             quiet)
{
  gboolean title = self->which == ALGA_TICKET_TEXT_TITLE;

  switch (quiet)
    {
    case ALGA_QUIET_CUSTOMER:
      return title ? _("Title changed without notifying the customer")
                   : _("Description changed without notifying the customer");
    case ALGA_QUIET_EVERYONE:
      return title ? _("Title changed without notifying anyone")
                   : _("Description changed without notifying anyone");
    case ALGA_QUIET_NONE:
    default:
      return title ? _("Title changed") : _("Description changed");
    }
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AlgaTicketTextEditor) self = user_data;
  g_autoptr(AlgaTicket) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = alga_ticket_repository_write_finish (ALGA_TICKET_REPOSITORY (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  set_saving (self, FALSE);
  if (answer == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);
      /* Translators: why saving failed follows; what was typed stays in the field. */
      g_autofree char *text = g_strdup_printf (_("Could not save. %s"), message);

      show_error (self, text);
      return;
    }

  if (self->ticket != NULL)
    alga_ticket_update_from (self->ticket, answer);
  alga_gui_show_toast (GTK_WIDGET (self), saved_toast (self, self->quiet_sent));
  /* Quiet is for this change only. */
  alga_quiet_choice_set_quiet (self->quiet_choice, ALGA_QUIET_NONE);
  stop_editing (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlgaTicketTextEditor *self = ALGA_TICKET_TEXT_EDITOR (widget);
  AlgaTicketRepository *tickets;
  g_autofree char *text = NULL;

  if (self->saving || self->account == NULL || self->ticket == NULL)
    return;
  text = dup_text (self);
  tickets = alga_account_get_tickets (self->account);
  self->quiet_sent = alga_quiet_choice_get_quiet (self->quiet_choice);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->which == ALGA_TICKET_TEXT_TITLE)
    {
      if (*text == '\0')
        {
          show_error (self, _("A ticket needs a title."));
          gtk_widget_grab_focus (GTK_WIDGET (self->entry));
          return;
        }
      if (g_utf8_strlen (text, -1) > ALGA_NEW_TICKET_MAX_TITLE)
        {
          show_error (self, _("The title is too long: the server keeps at most 255 characters."));
          gtk_widget_grab_focus (GTK_WIDGET (self->entry));
          return;
        }
      show_error (self, NULL);
      set_saving (self, TRUE);
      alga_ticket_repository_set_title_async (tickets, alga_ticket_get_ticket_id (self->ticket), text,
                                              self->quiet_sent, self->cancellable, saved_cb,
                                              g_object_ref (self));
    }
  else
    {
      g_autofree char *stored = alga_blocknote_apply_edit (alga_ticket_get_description (self->ticket), text);

      show_error (self, NULL);
      set_saving (self, TRUE);
      alga_ticket_repository_set_description_async (tickets, alga_ticket_get_ticket_id (self->ticket),
                                                    stored, self->quiet_sent, self->cancellable,
                                                    saved_cb, g_object_ref (self));
    }
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  stop_editing (ALGA_TICKET_TEXT_EDITOR (widget));
}

static void
alga_ticket_text_editor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AlgaTicketTextEditor *self = ALGA_TICKET_TEXT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, alga_ticket_text_editor_get_editing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_text_editor_dispose (GObject *object)
{
  AlgaTicketTextEditor *self = ALGA_TICKET_TEXT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (alga_ticket_text_editor_parent_class)->dispose (object);
}

static void
alga_ticket_text_editor_class_init (AlgaTicketTextEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = alga_ticket_text_editor_get_property;
  object_class->dispose = alga_ticket_text_editor_dispose;

  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "text-editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "text-editor.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "text-editor.cancel", NULL);
}

static void
alga_ticket_text_editor_init (AlgaTicketTextEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Enter in the title saves it. */
static void
on_entry_activate_cb (AlgaTicketTextEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "text-editor.save", NULL);
}

static void
build (AlgaTicketTextEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gboolean title = self->which == ALGA_TICKET_TEXT_TITLE;
  GtkEventController *controller;

  if (title)
    {
      self->entry = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_activates_default (self->entry, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Title"), -1);
      g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
    }
  else
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
      gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (self->text_view, FALSE);
      gtk_text_view_set_top_margin (self->text_view, 8);
      gtk_text_view_set_bottom_margin (self->text_view, 8);
      gtk_text_view_set_left_margin (self->text_view, 10);
      gtk_text_view_set_right_margin (self->text_view, 10);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Description"), -1);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 400);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->text_view));
      gtk_widget_add_css_class (scrolled, "card");
      gtk_box_append (GTK_BOX (box), scrolled);
    }

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  self->quiet_choice = ALGA_QUIET_CHOICE (alga_quiet_choice_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->quiet_choice));

  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "text-editor.cancel");
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "text-editor.save");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->save_button, _("Save (Ctrl+Enter)"));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), self->cancel_button);
  gtk_box_append (GTK_BOX (buttons), self->save_button);
  gtk_box_append (GTK_BOX (box), buttons);

  /* Ctrl+Enter saves from the text, where Enter is a new line. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("text-editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
alga_ticket_text_editor_new (AlgaTicketText which)
{
  AlgaTicketTextEditor *self = g_object_new (ALGA_TYPE_TICKET_TEXT_EDITOR, NULL);

  self->which = which;
  build (self);
  return GTK_WIDGET (self);
}

/**
 * alga_ticket_text_editor_set_ticket:
 * @self: a #AlgaTicketTextEditor
 * @account: (nullable): the account the ticket is saved through
 * @ticket: (nullable): the ticket shown; another one ends an edit of the last
 */
void
alga_ticket_text_editor_set_ticket (AlgaTicketTextEditor *self,
                                    AlgaAccount          *account,
                                    AlgaTicket           *ticket)
{
  g_return_if_fail (ALGA_IS_TICKET_TEXT_EDITOR (self));

  g_set_object (&self->account, account);
  if (ticket == self->ticket)
    return;
  if (alga_ticket_text_editor_get_editing (self))
    stop_editing (self);
  g_set_object (&self->ticket, ticket);
}

/* Shows the field filled with the ticket's text and gives it the focus. */
void
alga_ticket_text_editor_edit (AlgaTicketTextEditor *self)
{
  g_return_if_fail (ALGA_IS_TICKET_TEXT_EDITOR (self));

  if (self->ticket == NULL || alga_ticket_text_editor_get_editing (self))
    return;
  if (self->which == ALGA_TICKET_TEXT_TITLE)
    {
      const char *title = alga_ticket_get_title (self->ticket);

      gtk_editable_set_text (GTK_EDITABLE (self->entry), title != NULL ? title : "");
    }
  else
    {
      g_autofree char *plain = alga_blocknote_to_plain_text (alga_ticket_get_description (self->ticket));

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), plain, -1);
    }
  show_error (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (self->which == ALGA_TICKET_TEXT_TITLE ? GTK_WIDGET (self->entry)
                                                                : GTK_WIDGET (self->text_view));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

gboolean
alga_ticket_text_editor_get_editing (AlgaTicketTextEditor *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_TEXT_EDITOR (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self));
}
