/* alga-ticket-time-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time logged on the ticket, below the conversation, so that a wrong entry is seen.
 */

#define G_LOG_DOMAIN "alga-ticket-time-section"

#include "config.h"

#include "alga-ticket-time-section.h"

#include "alga-time-entry-dialog.h"
#include "alga-time-logged-toast.h"
#include "alga-time-summary.h"

struct _AlgaTicketTimeSection
{
  AlgaTicketSection  parent_instance;

  AlgaTimeSummary   *time_summary;
};

G_DEFINE_FINAL_TYPE (AlgaTicketTimeSection, alga_ticket_time_section, ALGA_TYPE_TICKET_SECTION)

static void
show_summary (AlgaTicketTimeSection *self)
{
  AlgaTicketSection *section = ALGA_TICKET_SECTION (self);

  /* Asks the server only when the ticket or the account changed. */
  alga_time_summary_show (self->time_summary, alga_ticket_section_get_account (section),
                          alga_ticket_section_get_ticket (section));
}

static void
alga_ticket_time_section_update (AlgaTicketSection *section,
                                 AlgaTicket        *ticket)
{
  show_summary (ALGA_TICKET_TIME_SECTION (section));
}

static void
alga_ticket_time_section_reset (AlgaTicketSection *section)
{
  show_summary (ALGA_TICKET_TIME_SECTION (section));
}

static void
alga_ticket_time_section_dispose (GObject *object)
{
  alga_ticket_section_dispose_template (ALGA_TICKET_SECTION (object), ALGA_TYPE_TICKET_TIME_SECTION);

  G_OBJECT_CLASS (alga_ticket_time_section_parent_class)->dispose (object);
}

static void
alga_ticket_time_section_class_init (AlgaTicketTimeSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AlgaTicketSectionClass *section_class = ALGA_TICKET_SECTION_CLASS (klass);

  object_class->dispose = alga_ticket_time_section_dispose;
  section_class->update = alga_ticket_time_section_update;
  section_class->reset = alga_ticket_time_section_reset;

  g_type_ensure (ALGA_TYPE_TIME_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-ticket-time-section.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketTimeSection, time_summary);
}

static void
alga_ticket_time_section_init (AlgaTicketTimeSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
on_time_logged_cb (AlgaTicketTimeSection *self,
                   AlgaTimeEntry         *entry)
{
  AlgaTicketSection *section = ALGA_TICKET_SECTION (self);

  alga_time_logged_toast_show (GTK_WIDGET (self), alga_ticket_section_get_account (section),
                               alga_ticket_section_get_ticket (section), entry, self->time_summary);
  alga_time_summary_reload (self->time_summary);
}

/* The timer's Start/Stop, which the time section shows. */
void
alga_ticket_time_section_toggle_timer (AlgaTicketTimeSection *self)
{
  g_return_if_fail (ALGA_IS_TICKET_TIME_SECTION (self));

  alga_time_summary_toggle_timer (self->time_summary);
}

void
alga_ticket_time_section_log_time (AlgaTicketTimeSection *self)
{
  AlgaTicketSection *section = ALGA_TICKET_SECTION (self);
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (ALGA_IS_TICKET_TIME_SECTION (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = alga_time_entry_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       alga_ticket_section_get_account (section),
                                       alga_ticket_section_get_ticket (section));
  alga_time_entry_dialog_set_draft_store (ALGA_TIME_ENTRY_DIALOG (dialog),
                                          alga_account_get_drafts (alga_ticket_section_get_account (section)));
  g_signal_connect_object (dialog, "logged", G_CALLBACK (on_time_logged_cb), self, G_CONNECT_SWAPPED);
  /* Known by the time the entry is logged: whether its toast offers Undo or Edit. */
  alga_time_logged_toast_learn_delete_right (alga_ticket_section_get_client (section));
  gtk_window_present (GTK_WINDOW (dialog));
}
