/* alga-ticket-conversation-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The conversation of a ticket: its heading (Alt+C reaches it), the comment thread and the
 * composer below it.
 */

#define G_LOG_DOMAIN "alga-ticket-conversation-section"

#include "config.h"

#include "alga-ticket-conversation-section.h"

#include "alga-comment-thread.h"
#include "alga-composer.h"
#include "alga-gui-util.h"

struct _AlgaTicketConversationSection
{
  AlgaTicketSection  parent_instance;

  GtkWidget         *conversation_heading;
  AlgaCommentThread *comment_thread;
  AlgaComposer      *composer;
};

G_DEFINE_FINAL_TYPE (AlgaTicketConversationSection, alga_ticket_conversation_section, ALGA_TYPE_TICKET_SECTION)

static gboolean
on_comment_thread_mnemonic_activate_cb (AlgaTicketConversationSection *self,
                                        gboolean                       group_cycling)
{
  GtkWidget *focus;

  if (!alga_comment_thread_focus_newest (self->comment_thread))
    alga_composer_grab_focus_text (self->composer);
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  alga_gui_scroll_into_view (self->conversation_heading,
                             focus != NULL ? focus : self->conversation_heading);
  return TRUE;
}

static void
on_composer_comment_posted_cb (AlgaTicketConversationSection *self,
                               AlgaComment                   *comment)
{
  alga_comment_thread_add_comment (self->comment_thread, comment);
}

/* The account's user is "me" in the thread, and the author of what the composer posts. */
static void
on_account_changed_cb (AlgaTicketConversationSection *self)
{
  AlgaAccount *account = alga_ticket_section_get_account (ALGA_TICKET_SECTION (self));
  const char *user_id = alga_ticket_section_get_user_id (ALGA_TICKET_SECTION (self));

  alga_comment_thread_set_user_id (self->comment_thread, user_id);
  alga_composer_set_user_id (self->composer, user_id);
  g_object_set (self->composer, "user-name", account != NULL ? alga_account_get_user_name (account) : NULL, NULL);
}

static void
alga_ticket_conversation_section_dispose (GObject *object)
{
  alga_ticket_section_dispose_template (ALGA_TICKET_SECTION (object), ALGA_TYPE_TICKET_CONVERSATION_SECTION);

  G_OBJECT_CLASS (alga_ticket_conversation_section_parent_class)->dispose (object);
}

static void
alga_ticket_conversation_section_class_init (AlgaTicketConversationSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_ticket_conversation_section_dispose;

  g_type_ensure (ALGA_TYPE_COMMENT_THREAD);
  g_type_ensure (ALGA_TYPE_COMPOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-ticket-conversation-section.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketConversationSection, conversation_heading);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketConversationSection, comment_thread);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketConversationSection, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_comment_thread_mnemonic_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_composer_comment_posted_cb);
}

static void
alga_ticket_conversation_section_init (AlgaTicketConversationSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The thread and the composer follow the section: same account, same ticket. */
  for (guint i = 0; i < 2; i++)
    {
      GObject *target = i == 0 ? G_OBJECT (self->comment_thread) : G_OBJECT (self->composer);

      g_object_bind_property (self, "account", target, "account", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self, "ticket", target, "ticket", G_BINDING_SYNC_CREATE);
    }
  g_signal_connect (self, "notify::account", G_CALLBACK (on_account_changed_cb), NULL);
}

void
alga_ticket_conversation_section_reload (AlgaTicketConversationSection *self)
{
  g_return_if_fail (ALGA_IS_TICKET_CONVERSATION_SECTION (self));

  alga_comment_thread_reload (self->comment_thread);
}

void
alga_ticket_conversation_section_reply (AlgaTicketConversationSection *self)
{
  g_return_if_fail (ALGA_IS_TICKET_CONVERSATION_SECTION (self));

  alga_composer_grab_focus_text (self->composer);
  /* The whole composer, its kind above and its send button below, not just the caret. */
  alga_gui_scroll_into_view (GTK_WIDGET (self->composer), GTK_WIDGET (self->composer));
}
