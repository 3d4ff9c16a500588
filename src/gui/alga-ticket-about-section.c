/* alga-ticket-about-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the ticket lives and its history: board, category, when it was created (and by whom),
 * updated and closed, and its tags. The dates are relative, as in the list, and move on with the
 * minute clock while they are shown; their tooltips say the exact time.
 */

#define G_LOG_DOMAIN "alga-ticket-about-section"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-about-section.h"

#include "alga-date-format.h"
#include "alga-gui-util.h"
#include "alga-minute-clock.h"

struct _AlgaTicketAboutSection
{
  AlgaTicketSection parent_instance;

  AdwActionRow *board_row;
  AdwActionRow *category_row;
  AdwActionRow *created_row;
  AdwActionRow *updated_row;
  AdwActionRow *closed_row;
  AdwActionRow *tags_row;
  GtkFlowBox   *tags_box;

  gulong        tick_handler;
};

G_DEFINE_FINAL_TYPE (AlgaTicketAboutSection, alga_ticket_about_section, ALGA_TYPE_TICKET_SECTION)

static void
set_date_row (AdwActionRow *row,
              GDateTime    *when,
              GDateTime    *now,
              const char   *by)
{
  g_autofree char *date = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *text = NULL;

  if (when == NULL)
    {
      alga_gui_set_row_value (row, NULL);
      return;
    }

  exact = alga_date_format_exact (when);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), exact);
  date = alga_date_format_relative (when, now);
  if (by != NULL && by[0] != '\0')
    /* Translators: when a ticket was created, then by whom. */
    text = g_strdup_printf (_("%s by %s"), date, by);
  else
    text = g_steal_pointer (&date);

  alga_gui_set_row_value (row, text);
}

static void
update_tags (AlgaTicketAboutSection *self,
             AlgaTicket             *ticket)
{
  const char * const *tags = alga_ticket_get_tags (ticket);
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (; tags != NULL && tags[n] != NULL; n++)
    {
      GtkWidget *pill = gtk_label_new (tags[n]);

      gtk_widget_add_css_class (pill, "tag-pill");
      gtk_flow_box_append (self->tags_box, pill);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tags_row), n > 0);
}

static void
alga_ticket_about_section_update (AlgaTicketSection *section,
                                  AlgaTicket        *t)
{
  AlgaTicketAboutSection *self = ALGA_TICKET_ABOUT_SECTION (section);
  g_autoptr(GDateTime) now = alga_minute_clock_dup_now (alga_minute_clock_get_default ());

  alga_gui_set_row_value (self->board_row, alga_ticket_get_board_name (t));
  alga_gui_set_row_value (self->category_row, alga_ticket_get_category_name (t));
  set_date_row (self->created_row, alga_ticket_get_entered_at (t), now, alga_ticket_get_entered_by_name (t));
  set_date_row (self->updated_row, alga_ticket_get_updated_at (t), now, NULL);
  set_date_row (self->closed_row, alga_ticket_get_closed_at (t), now, NULL);
  update_tags (self, t);
}

static void
alga_ticket_about_section_map (GtkWidget *widget)
{
  AlgaTicketAboutSection *self = ALGA_TICKET_ABOUT_SECTION (widget);
  AlgaMinuteClock *clock = alga_minute_clock_get_default ();

  GTK_WIDGET_CLASS (alga_ticket_about_section_parent_class)->map (widget);

  alga_minute_clock_hold (clock);
  self->tick_handler = g_signal_connect_swapped (clock, "tick", G_CALLBACK (alga_ticket_section_queue_update),
                                                 self);
  alga_ticket_section_queue_update (ALGA_TICKET_SECTION (self));
}

static void
alga_ticket_about_section_unmap (GtkWidget *widget)
{
  AlgaTicketAboutSection *self = ALGA_TICKET_ABOUT_SECTION (widget);
  AlgaMinuteClock *clock = alga_minute_clock_get_default ();

  g_clear_signal_handler (&self->tick_handler, clock);
  alga_minute_clock_release (clock);

  GTK_WIDGET_CLASS (alga_ticket_about_section_parent_class)->unmap (widget);
}

static void
alga_ticket_about_section_dispose (GObject *object)
{
  alga_ticket_section_dispose_template (ALGA_TICKET_SECTION (object), ALGA_TYPE_TICKET_ABOUT_SECTION);

  G_OBJECT_CLASS (alga_ticket_about_section_parent_class)->dispose (object);
}

static void
alga_ticket_about_section_class_init (AlgaTicketAboutSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AlgaTicketSectionClass *section_class = ALGA_TICKET_SECTION_CLASS (klass);

  object_class->dispose = alga_ticket_about_section_dispose;
  widget_class->map = alga_ticket_about_section_map;
  widget_class->unmap = alga_ticket_about_section_unmap;
  section_class->update = alga_ticket_about_section_update;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-ticket-about-section.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketAboutSection, board_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketAboutSection, category_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketAboutSection, created_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketAboutSection, updated_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketAboutSection, closed_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketAboutSection, tags_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketAboutSection, tags_box);
}

static void
alga_ticket_about_section_init (AlgaTicketAboutSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
