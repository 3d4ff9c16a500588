/* alga-ticket-header-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The top of the ticket pane: the number (with a copy button), the title, the status and
 * priority pills, and the buttons of the pane's actions (open in the browser, log time).
 */

#define G_LOG_DOMAIN "alga-ticket-header-section"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-header-section.h"

#include "alga-priority.h"
#include "alga-priority-style.h"
#include "alga-ticket-text-editor.h"

struct _AlgaTicketHeaderSection
{
  AlgaTicketSection parent_instance;

  GListModel *priorities;

  GtkLabel   *number_label;
  GtkSpinner *loading_spinner;
  GtkLabel   *title_label;
  GtkWidget  *edit_title_button;
  AlgaTicketTextEditor *title_editor;
  GtkLabel   *status_pill;
  GtkLabel   *priority_pill;
};

G_DEFINE_FINAL_TYPE (AlgaTicketHeaderSection, alga_ticket_header_section, ALGA_TYPE_TICKET_SECTION)

static const char *
find_priority_color (AlgaTicketHeaderSection *self,
                     const char              *priority_id,
                     const char              *priority_name)
{
  guint n = self->priorities != NULL ? g_list_model_get_n_items (self->priorities) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaPriority) priority = g_list_model_get_item (self->priorities, i);

      if (priority_id != NULL ? g_strcmp0 (alga_priority_get_priority_id (priority), priority_id) == 0
                              : g_strcmp0 (alga_priority_get_priority_name (priority), priority_name) == 0)
        return alga_priority_get_color (priority);
    }

  return NULL;
}

static void
alga_ticket_header_section_update (AlgaTicketSection *section,
                                   AlgaTicket        *t)
{
  AlgaTicketHeaderSection *self = ALGA_TICKET_HEADER_SECTION (section);
  const char *status = alga_ticket_get_status_name (t);
  const char *priority = alga_ticket_get_priority_name (t);
  g_autofree char *number = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *priority_text = NULL;

  /* Translators: the ticket number as shown above its title. */
  number = g_strdup_printf (_("#%s"), alga_ticket_get_ticket_number (t));
  gtk_label_set_label (self->number_label, number);
  gtk_label_set_label (self->title_label, alga_ticket_get_title (t));
  alga_ticket_text_editor_set_ticket (self->title_editor, alga_ticket_section_get_account (section), t);

  gtk_label_set_label (self->status_pill, status != NULL ? status : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->status_pill)),
                          status != NULL && status[0] != '\0');
  if (alga_ticket_get_status_is_closed (t))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_pill), "closed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_pill), "closed");
  /* Translators: the accessible name of the status pill. */
  status_text = g_strdup_printf (_("Status: %s"), status != NULL ? status : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_pill),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status_text,
                                  -1);

  gtk_label_set_label (self->priority_pill, priority != NULL ? priority : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->priority_pill)),
                          priority != NULL && priority[0] != '\0');
  alga_priority_style_apply_pill (GTK_WIDGET (self->priority_pill), priority,
                                  find_priority_color (self, alga_ticket_get_priority_id (t), priority));
  /* Translators: the accessible name of the priority pill; colour alone says nothing. */
  priority_text = g_strdup_printf (_("Priority: %s"), priority != NULL ? priority : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->priority_pill),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, priority_text,
                                  -1);
}

static void
alga_ticket_header_section_dispose (GObject *object)
{
  AlgaTicketHeaderSection *self = ALGA_TICKET_HEADER_SECTION (object);

  if (self->priorities != NULL)
    g_signal_handlers_disconnect_by_data (self->priorities, self);
  g_clear_object (&self->priorities);
  alga_ticket_section_dispose_template (ALGA_TICKET_SECTION (object), ALGA_TYPE_TICKET_HEADER_SECTION);

  G_OBJECT_CLASS (alga_ticket_header_section_parent_class)->dispose (object);
}

static void
alga_ticket_header_section_class_init (AlgaTicketHeaderSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AlgaTicketSectionClass *section_class = ALGA_TICKET_SECTION_CLASS (klass);

  object_class->dispose = alga_ticket_header_section_dispose;
  section_class->update = alga_ticket_header_section_update;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-ticket-header-section.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketHeaderSection, number_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketHeaderSection, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketHeaderSection, title_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketHeaderSection, status_pill);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketHeaderSection, priority_pill);
}

static void
alga_ticket_header_section_init (AlgaTicketHeaderSection *self)
{
  GtkWidget *title_box;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The title is edited in place, right under itself. */
  self->title_editor = ALGA_TICKET_TEXT_EDITOR (alga_ticket_text_editor_new (ALGA_TICKET_TEXT_TITLE));
  title_box = gtk_widget_get_parent (GTK_WIDGET (self->title_label));
  gtk_box_insert_child_after (GTK_BOX (title_box), GTK_WIDGET (self->title_editor),
                              GTK_WIDGET (self->title_label));
  self->edit_title_button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (self->edit_title_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->edit_title_button, "flat");
  gtk_widget_set_tooltip_text (self->edit_title_button, _("Edit Title"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_title_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Edit title"), -1);
  g_signal_connect_swapped (self->edit_title_button, "clicked", G_CALLBACK (alga_ticket_text_editor_edit),
                            self->title_editor);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->loading_spinner))),
                              self->edit_title_button, GTK_WIDGET (self->loading_spinner));
}

void
alga_ticket_header_section_set_priorities (AlgaTicketHeaderSection *self,
                                           GListModel              *priorities)
{
  g_return_if_fail (ALGA_IS_TICKET_HEADER_SECTION (self));
  g_return_if_fail (!priorities || G_IS_LIST_MODEL (priorities));

  if (self->priorities == priorities)
    return;

  if (self->priorities != NULL)
    g_signal_handlers_disconnect_by_data (self->priorities, self);
  g_set_object (&self->priorities, priorities);
  /* The pill takes the priority's colour once the list arrives. */
  if (priorities != NULL)
    g_signal_connect_object (priorities, "items-changed",
                             G_CALLBACK (alga_ticket_section_queue_update), self, G_CONNECT_SWAPPED);
  alga_ticket_section_queue_update (ALGA_TICKET_SECTION (self));
}

void
alga_ticket_header_section_set_loading (AlgaTicketHeaderSection *self,
                                        gboolean                 loading)
{
  g_return_if_fail (ALGA_IS_TICKET_HEADER_SECTION (self));

  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
}
