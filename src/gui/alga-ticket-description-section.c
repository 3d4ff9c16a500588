/* alga-ticket-description-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket's description, through the shared rich-text renderer (BlockNote, markdown or plain
 * text). Rendering is the costliest part of showing a ticket: it is done again only when the
 * description itself changed.
 */

#define G_LOG_DOMAIN "alga-ticket-description-section"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-description-section.h"

#include "alga-rich-text-view.h"
#include "alga-ticket-text-editor.h"

struct _AlgaTicketDescriptionSection
{
  AlgaTicketSection parent_instance;

  AdwPreferencesGroup *description_group;
  AlgaRichTextView *description_view;
  GtkWidget        *edit_button;
  AlgaTicketTextEditor *editor;
  gboolean          dirty;
  guint             resize_idle_id;
};

G_DEFINE_FINAL_TYPE (AlgaTicketDescriptionSection, alga_ticket_description_section, ALGA_TYPE_TICKET_SECTION)

static gboolean
resize_description_cb (gpointer user_data)
{
  AlgaTicketDescriptionSection *self = ALGA_TICKET_DESCRIPTION_SECTION (user_data);

  self->resize_idle_id = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self->description_view));

  return G_SOURCE_REMOVE;
}

static void
alga_ticket_description_section_update (AlgaTicketSection *section,
                                        AlgaTicket        *ticket)
{
  AlgaTicketDescriptionSection *self = ALGA_TICKET_DESCRIPTION_SECTION (section);
  const char *description = alga_ticket_get_description (ticket);

  alga_ticket_text_editor_set_ticket (self->editor, alga_ticket_section_get_account (section), ticket);
  gtk_widget_set_sensitive (self->edit_button, alga_ticket_get_has_detail (ticket));
  if (!self->dirty)
    return;
  self->dirty = FALSE;

  if (description != NULL && description[0] != '\0')
    alga_rich_text_view_set_text (self->description_view, description, ALGA_RICH_TEXT_FORMAT_AUTO);
  else if (alga_ticket_get_has_detail (ticket))
    alga_rich_text_view_set_text (self->description_view, _("No description."),
                                  ALGA_RICH_TEXT_FORMAT_PLAIN);
  else
    /* A list item carries no description: the detail is on its way. */
    alga_rich_text_view_set_text (self->description_view, "", ALGA_RICH_TEXT_FORMAT_PLAIN);

  /* Outside a scrolled window the text view does not ask for the height of lines it validates
   * later (GTK 4.8): measure it again once they are. */
  if (self->resize_idle_id == 0)
    self->resize_idle_id = g_idle_add (resize_description_cb, self);
}

static void
alga_ticket_description_section_ticket_notify (AlgaTicketSection *section,
                                               GParamSpec        *pspec)
{
  AlgaTicketDescriptionSection *self = ALGA_TICKET_DESCRIPTION_SECTION (section);

  if (g_str_equal (pspec->name, "description") || g_str_equal (pspec->name, "has-detail"))
    self->dirty = TRUE;
}

static void
alga_ticket_description_section_reset (AlgaTicketSection *section)
{
  ALGA_TICKET_DESCRIPTION_SECTION (section)->dirty = TRUE;
}

static void
alga_ticket_description_section_dispose (GObject *object)
{
  AlgaTicketDescriptionSection *self = ALGA_TICKET_DESCRIPTION_SECTION (object);

  g_clear_handle_id (&self->resize_idle_id, g_source_remove);
  alga_ticket_section_dispose_template (ALGA_TICKET_SECTION (object), ALGA_TYPE_TICKET_DESCRIPTION_SECTION);

  G_OBJECT_CLASS (alga_ticket_description_section_parent_class)->dispose (object);
}

static void
alga_ticket_description_section_class_init (AlgaTicketDescriptionSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AlgaTicketSectionClass *section_class = ALGA_TICKET_SECTION_CLASS (klass);

  object_class->dispose = alga_ticket_description_section_dispose;
  section_class->update = alga_ticket_description_section_update;
  section_class->ticket_notify = alga_ticket_description_section_ticket_notify;
  section_class->reset = alga_ticket_description_section_reset;

  g_type_ensure (ALGA_TYPE_RICH_TEXT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-ticket-description-section.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketDescriptionSection, description_group);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketDescriptionSection, description_view);
}

static void
alga_ticket_description_section_init (AlgaTicketDescriptionSection *self)
{
  self->dirty = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Edited in place, below the description as it is shown. */
  self->editor = ALGA_TICKET_TEXT_EDITOR (alga_ticket_text_editor_new (ALGA_TICKET_TEXT_DESCRIPTION));
  adw_preferences_group_add (self->description_group, GTK_WIDGET (self->editor));
  self->edit_button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (self->edit_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->edit_button, "flat");
  gtk_widget_set_tooltip_text (self->edit_button, _("Edit Description"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Edit description"), -1);
  g_signal_connect_swapped (self->edit_button, "clicked", G_CALLBACK (alga_ticket_text_editor_edit),
                            self->editor);
  adw_preferences_group_set_header_suffix (self->description_group, self->edit_button);
}
