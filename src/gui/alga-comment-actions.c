/* alga-comment-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What can be done to one comment, under it: react (a small fixed set, each a toggle showing how
 * many chose it), reply in its thread, and edit it when it is the technician's own (the server
 * refuses anyone else with a 400, so it is not offered). Replies and edits are written in a box
 * that opens under the comment; a failed send keeps the text. "changed" tells the thread to read
 * the comments again (docs/API.md, Threads, edits and reactions).
 */

#define G_LOG_DOMAIN "alga-comment-actions"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "alga-comment-actions.h"
#include "alga-gui-util.h"
#include "alga-reaction.h"
#include "alga-ticket-repository-parts.h"

const char * const alga_comment_reactions[] = { "👍", "❤️", "🎉", "😄", "👀", "✅", NULL };

struct _AlgaCommentActions
{
  GtkWidget             parent_instance;

  AlgaTicketRepository *tickets;
  char                 *ticket_id;
  AlgaComment          *comment;
  gboolean              own;
  gboolean              editing;      /* the box edits the comment rather than replying to it */
  gboolean              busy;
  gboolean              focus_on_map;
  GCancellable         *cancellable;
  GHashTable           *counts;       /* emoji → count */
  GHashTable           *mine;         /* emoji set: the user's own reactions */

  GtkWidget            *box;
  GtkWidget            *reaction_box;
  GPtrArray            *toggles;      /* one GtkToggleButton per offered reaction, shown once chosen */
  GtkWidget            *revealer;
  GtkWidget            *text_view;
  GtkWidget            *send_button;
};

G_DEFINE_FINAL_TYPE (AlgaCommentActions, alga_comment_actions, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reactions ------------------------------------------------------------------------------- */

static void on_reaction_toggled_cb (GtkToggleButton *button,
                                    gpointer         user_data);

static void
update_reaction_buttons (AlgaCommentActions *self)
{
  for (guint i = 0; i < self->toggles->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->toggles, i);
      const char *emoji = g_object_get_data (G_OBJECT (child), "emoji");
      int count = GPOINTER_TO_INT (g_hash_table_lookup (self->counts, emoji));
      gboolean mine = g_hash_table_contains (self->mine, emoji);
      g_autofree char *label = count > 0 ? g_strdup_printf ("%s %d", emoji, count) : g_strdup (emoji);
      g_autofree char *spoken = NULL;

      g_signal_handlers_block_by_func (child, on_reaction_toggled_cb, self);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), mine);
      g_signal_handlers_unblock_by_func (child, on_reaction_toggled_cb, self);
      gtk_button_set_label (GTK_BUTTON (child), label);
      /* Only chosen reactions take room; the rest wait in the Add Reaction menu. */
      gtk_widget_set_visible (gtk_widget_get_parent (child), count > 0);
      /* Translators: a reaction button, spoken: the emoji, how many chose it, and whether you did. */
      spoken = mine ? g_strdup_printf (ngettext ("React with %s: %d person, you among them",
                                                 "React with %s: %d people, you among them", count), emoji, count)
                    : g_strdup_printf (ngettext ("React with %s: %d person", "React with %s: %d people", count),
                                       emoji, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_widget_set_tooltip_text (child, spoken);
    }
}

typedef struct
{
  GWeakRef  actions;
  char     *emoji;
} Toggle;

static void
on_reaction_sent_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Toggle *toggle = user_data;
  g_autoptr(AlgaCommentActions) self = g_weak_ref_get (&toggle->actions);
  g_autoptr(GError) error = NULL;
  gboolean added = FALSE;
  gboolean ok = alga_ticket_repository_toggle_reaction_finish (ALGA_TICKET_REPOSITORY (source), result,
                                                               &added, &error);

  if (self != NULL && !alga_gui_error_is_cancelled (error))
    {
      int count = GPOINTER_TO_INT (g_hash_table_lookup (self->counts, toggle->emoji));

      if (!ok)
        alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not change the reaction."), error);
      else if (added != g_hash_table_contains (self->mine, toggle->emoji))
        {
          /* The server says what is there now, which a click elsewhere may have changed. */
          if (added)
            g_hash_table_add (self->mine, g_strdup (toggle->emoji));
          else
            g_hash_table_remove (self->mine, toggle->emoji);
          g_hash_table_insert (self->counts, g_strdup (toggle->emoji), GINT_TO_POINTER (MAX (count + (added ? 1 : -1), 0)));
        }
      update_reaction_buttons (self);
    }
  g_weak_ref_clear (&toggle->actions);
  g_free (toggle->emoji);
  g_free (toggle);
}

void
alga_comment_actions_toggle_reaction (AlgaCommentActions *self,
                                      const char         *emoji)
{
  Toggle *toggle;

  g_return_if_fail (ALGA_IS_COMMENT_ACTIONS (self));
  g_return_if_fail (emoji != NULL);

  toggle = g_new0 (Toggle, 1);
  g_weak_ref_init (&toggle->actions, self);
  toggle->emoji = g_strdup (emoji);
  alga_ticket_repository_toggle_reaction_async (self->tickets, self->ticket_id,
                                                alga_comment_get_comment_id (self->comment), emoji,
                                                self->cancellable, on_reaction_sent_cb, toggle);
}

static void
on_reaction_toggled_cb (GtkToggleButton *button,
                        gpointer         user_data)
{
  AlgaCommentActions *self = ALGA_COMMENT_ACTIONS (user_data);

  /* The button shows the server's answer, not the click. */
  g_signal_handlers_block_by_func (button, on_reaction_toggled_cb, self);
  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
  g_signal_handlers_unblock_by_func (button, on_reaction_toggled_cb, self);
  alga_comment_actions_toggle_reaction (self, g_object_get_data (G_OBJECT (button), "emoji"));
}

static void
on_offer_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  AlgaCommentActions *self = ALGA_COMMENT_ACTIONS (user_data);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  alga_comment_actions_toggle_reaction (self, g_object_get_data (G_OBJECT (button), "emoji"));
}

int
alga_comment_actions_get_reaction (AlgaCommentActions *self,
                                   const char         *emoji,
                                   gboolean           *mine)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_ACTIONS (self), 0);

  if (mine != NULL)
    *mine = g_hash_table_contains (self->mine, emoji);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->counts, emoji));
}

/* Replying and editing --------------------------------------------------------------------- */

static char *
editor_text (AlgaCommentActions *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
close_editor (AlgaCommentActions *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
  gtk_widget_set_visible (self->revealer, FALSE);
  alga_comment_actions_set_editor_text (self, "");
}

static void
set_busy (AlgaCommentActions *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->send_button, !busy);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->text_view), !busy);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AlgaCommentActions) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaComment) comment = self->editing
                                   ? alga_ticket_repository_edit_comment_finish (ALGA_TICKET_REPOSITORY (source),
                                                                                 result, &error)
                                   : alga_ticket_repository_post_reply_finish (ALGA_TICKET_REPOSITORY (source),
                                                                               result, &error);

  if (alga_gui_error_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (comment == NULL)
    {
      /* What was typed stays for another try. */
      alga_gui_show_error_toast (GTK_WIDGET (self),
                                 self->editing ? _("Could not save the comment.") : _("Could not send the reply."),
                                 error);
      return;
    }
  alga_gui_show_toast (GTK_WIDGET (self), self->editing ? _("Comment saved") : _("Reply sent"));
  close_editor (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
alga_comment_actions_send (AlgaCommentActions *self)
{
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;

  g_return_if_fail (ALGA_IS_COMMENT_ACTIONS (self));

  if (self->busy)
    return;
  text = editor_text (self);
  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    {
      alga_gui_show_toast (GTK_WIDGET (self), _("Write something first."));
      return;
    }
  if (g_utf8_strlen (text, -1) > 5000)
    {
      alga_gui_show_toast (GTK_WIDGET (self), _("A comment can have at most 5000 characters."));
      return;
    }
  set_busy (self, TRUE);
  if (self->editing)
    alga_ticket_repository_edit_comment_async (self->tickets, self->ticket_id,
                                               alga_comment_get_comment_id (self->comment), text,
                                               self->cancellable, on_sent_cb, g_object_ref (self));
  else
    alga_ticket_repository_post_reply_async (self->tickets, self->ticket_id,
                                             alga_comment_get_comment_id (self->comment), text,
                                             self->cancellable, on_sent_cb, g_object_ref (self));
}

void
alga_comment_actions_set_editor_text (AlgaCommentActions *self,
                                      const char         *text)
{
  g_return_if_fail (ALGA_IS_COMMENT_ACTIONS (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)), text, -1);
}

void
alga_comment_actions_open_editor (AlgaCommentActions *self,
                                  gboolean            edit)
{
  g_return_if_fail (ALGA_IS_COMMENT_ACTIONS (self));
  g_return_if_fail (!edit || self->own);

  if (self->busy)
    return;
  self->editing = edit;
  gtk_button_set_label (GTK_BUTTON (self->send_button), edit ? _("_Save") : _("_Send Reply"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  edit ? _("Comment text") : _("Reply"), -1);
  /* Editing starts from the text as the server has it (BlockNote shows as its JSON until the
   * renderer can write it back: rare for comments the app itself posted). */
  alga_comment_actions_set_editor_text (self, edit && alga_comment_get_text (self->comment) != NULL
                                              ? alga_comment_get_text (self->comment) : "");
  gtk_widget_set_visible (self->revealer, TRUE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
  /* A box just shown is mapped at the next frame: the focus goes in then. */
  if (gtk_widget_get_mapped (self->text_view))
    gtk_widget_grab_focus (self->text_view);
  else
    self->focus_on_map = TRUE;
}

static void
on_text_view_map_cb (GtkWidget *text_view,
                     gpointer   user_data)
{
  AlgaCommentActions *self = ALGA_COMMENT_ACTIONS (user_data);

  if (self->focus_on_map)
    gtk_widget_grab_focus (text_view);
  self->focus_on_map = FALSE;
}

static void
on_reply_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  alga_comment_actions_open_editor (ALGA_COMMENT_ACTIONS (user_data), FALSE);
}

static void
on_edit_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  alga_comment_actions_open_editor (ALGA_COMMENT_ACTIONS (user_data), TRUE);
}

static void
on_send_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  alga_comment_actions_send (ALGA_COMMENT_ACTIONS (user_data));
}

static void
on_cancel_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  AlgaCommentActions *self = ALGA_COMMENT_ACTIONS (user_data);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);
  close_editor (self);
}

static gboolean
on_send_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  alga_comment_actions_send (ALGA_COMMENT_ACTIONS (user_data));
  return TRUE;
}

/* The widget ------------------------------------------------------------------------------- */

gboolean
alga_comment_actions_get_busy (AlgaCommentActions *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_ACTIONS (self), FALSE);

  return self->busy;
}

static GtkWidget *
small_button (const char *label,
              const char *icon)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
build (AlgaCommentActions *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reply = small_button (_("_Reply"), "mail-reply-sender-symbolic");
  GtkWidget *editor = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GPtrArray *reactions = alga_comment_get_reactions (self->comment);
  GtkWidget *add = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *offers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  for (guint i = 0; i < reactions->len; i++)
    {
      AlgaReaction *reaction = g_ptr_array_index (reactions, i);

      g_hash_table_insert (self->counts, g_strdup (alga_reaction_get_emoji (reaction)),
                           GINT_TO_POINTER (alga_reaction_get_count (reaction)));
      if (alga_reaction_get_current_user_reacted (reaction))
        g_hash_table_add (self->mine, g_strdup (alga_reaction_get_emoji (reaction)));
    }
  /* Chosen reactions wrap onto more lines in a narrow window rather than widen it. */
  self->reaction_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->reaction_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->reaction_box), G_N_ELEMENTS (alga_comment_reactions));
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->reaction_box), 4);
  gtk_widget_set_valign (self->reaction_box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reaction_box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reactions"), -1);
  for (guint i = 0; alga_comment_reactions[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *offer = gtk_button_new_with_label (alga_comment_reactions[i]);
      g_autofree char *offer_label = g_strdup_printf (_("React with %s"), alga_comment_reactions[i]);

      g_object_set_data (G_OBJECT (button), "emoji", (gpointer) alga_comment_reactions[i]);
      gtk_widget_add_css_class (button, "reaction");
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_reaction_toggled_cb), self, 0);
      gtk_flow_box_append (GTK_FLOW_BOX (self->reaction_box), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      g_ptr_array_add (self->toggles, button);

      g_object_set_data (G_OBJECT (offer), "emoji", (gpointer) alga_comment_reactions[i]);
      gtk_widget_add_css_class (offer, "flat");
      gtk_widget_add_css_class (offer, "add-reaction");
      gtk_accessible_update_property (GTK_ACCESSIBLE (offer), GTK_ACCESSIBLE_PROPERTY_LABEL, offer_label, -1);
      g_signal_connect_object (offer, "clicked", G_CALLBACK (on_offer_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (offers), offer);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), offers);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (add), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "face-smile-symbolic");
  gtk_widget_set_tooltip_text (add, _("Add a reaction"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a reaction"), -1);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (self->reaction_box, TRUE);
  gtk_box_append (GTK_BOX (bar), self->reaction_box);
  gtk_box_append (GTK_BOX (bar), add);
  update_reaction_buttons (self);

  gtk_widget_set_tooltip_text (reply, _("Reply in this comment's thread"));
  g_signal_connect_object (reply, "clicked", G_CALLBACK (on_reply_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (bar), reply);
  if (self->own)
    {
      GtkWidget *edit = small_button (_("_Edit"), "document-edit-symbolic");

      gtk_widget_set_tooltip_text (edit, _("Correct your comment"));
      g_signal_connect_object (edit, "clicked", G_CALLBACK (on_edit_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (bar), edit);
    }
  gtk_box_append (GTK_BOX (self->box), bar);

  self->text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->text_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_widget_set_size_request (self->text_view, -1, 64);
  g_signal_connect_object (self->text_view, "map", G_CALLBACK (on_text_view_map_cb), self, 0);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                                                          gtk_callback_action_new (on_send_shortcut_cb, self, NULL)));
  gtk_widget_add_controller (self->text_view, shortcuts);
  gtk_frame_set_child (GTK_FRAME (frame), self->text_view);
  gtk_box_append (GTK_BOX (editor), frame);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (on_cancel_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (buttons), cancel);
  self->send_button = gtk_button_new_with_mnemonic (_("_Send Reply"));
  gtk_widget_add_css_class (self->send_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->send_button, _("Send (Ctrl+Enter)"));
  g_signal_connect_object (self->send_button, "clicked", G_CALLBACK (on_send_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (buttons), self->send_button);
  gtk_box_append (GTK_BOX (editor), buttons);
  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), editor);
  gtk_widget_set_visible (self->revealer, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->revealer);
}

static void
alga_comment_actions_dispose (GObject *object)
{
  AlgaCommentActions *self = ALGA_COMMENT_ACTIONS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->tickets);
  g_clear_object (&self->comment);

  G_OBJECT_CLASS (alga_comment_actions_parent_class)->dispose (object);
}

static void
alga_comment_actions_finalize (GObject *object)
{
  AlgaCommentActions *self = ALGA_COMMENT_ACTIONS (object);

  g_free (self->ticket_id);
  g_hash_table_unref (self->counts);
  g_hash_table_unref (self->mine);
  g_ptr_array_unref (self->toggles);

  G_OBJECT_CLASS (alga_comment_actions_parent_class)->finalize (object);
}

static void
alga_comment_actions_class_init (AlgaCommentActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_comment_actions_dispose;
  object_class->finalize = alga_comment_actions_finalize;

  /**
   * AlgaCommentActions::changed:
   *
   * A reply was posted or the comment edited: the thread should be read again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
alga_comment_actions_init (AlgaCommentActions *self)
{
  self->cancellable = g_cancellable_new ();
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->mine = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->toggles = g_ptr_array_new ();
}

GtkWidget *
alga_comment_actions_new (AlgaTicketRepository *tickets,
                          const char           *ticket_id,
                          AlgaComment          *comment,
                          gboolean              own)
{
  AlgaCommentActions *self;

  g_return_val_if_fail (ALGA_IS_TICKET_REPOSITORY (tickets), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);
  g_return_val_if_fail (ALGA_IS_COMMENT (comment), NULL);

  self = g_object_new (ALGA_TYPE_COMMENT_ACTIONS, NULL);
  self->tickets = g_object_ref (tickets);
  self->ticket_id = g_strdup (ticket_id);
  self->comment = g_object_ref (comment);
  self->own = own;
  build (self);
  return GTK_WIDGET (self);
}
