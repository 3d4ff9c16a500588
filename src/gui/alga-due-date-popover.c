/* alga-due-date-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The due date editor of the ticket pane: a calendar, and Set or Clear. It says what was chosen
 * through "due-date-chosen"; the pane makes the change.
 */

#define G_LOG_DOMAIN "alga-due-date-popover"

#include "config.h"

#include "alga-due-date-popover.h"

struct _AlgaDueDatePopover
{
  GtkPopover   parent_instance;

  GDateTime   *due;

  GtkCalendar *due_date_calendar;
  GtkButton   *due_date_clear_button;
};

G_DEFINE_FINAL_TYPE (AlgaDueDatePopover, alga_due_date_popover, GTK_TYPE_POPOVER)

enum {
  DUE_DATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_show_cb (AlgaDueDatePopover *self)
{
  g_autoptr(GDateTime) date = NULL;

  date = self->due != NULL ? g_date_time_to_local (self->due) : g_date_time_new_now_local ();
  gtk_calendar_select_day (self->due_date_calendar, date);
}

static void
on_set_button_clicked_cb (AlgaDueDatePopover *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->due_date_calendar);
  g_autoptr(GDateTime) due = NULL;

  /* A day is due by the end of its working day, where the technician is. */
  due = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day), 17, 0, 0);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DUE_DATE_CHOSEN], 0, due);
}

static void
on_clear_button_clicked_cb (AlgaDueDatePopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DUE_DATE_CHOSEN], 0, NULL);
}

static void
alga_due_date_popover_dispose (GObject *object)
{
  AlgaDueDatePopover *self = ALGA_DUE_DATE_POPOVER (object);

  g_clear_pointer (&self->due, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), ALGA_TYPE_DUE_DATE_POPOVER);

  G_OBJECT_CLASS (alga_due_date_popover_parent_class)->dispose (object);
}

static void
alga_due_date_popover_class_init (AlgaDueDatePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_due_date_popover_dispose;

  /**
   * AlgaDueDatePopover::due-date-chosen:
   * @due: (nullable): when the ticket is due now, or %NULL to clear its due date
   */
  signals[DUE_DATE_CHOSEN] =
    g_signal_new ("due-date-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-due-date-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaDueDatePopover, due_date_calendar);
  gtk_widget_class_bind_template_child (widget_class, AlgaDueDatePopover, due_date_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_set_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
}

static void
alga_due_date_popover_init (AlgaDueDatePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
alga_due_date_popover_new (void)
{
  return g_object_new (ALGA_TYPE_DUE_DATE_POPOVER, NULL);
}

void
alga_due_date_popover_set_due_date (AlgaDueDatePopover *self,
                                    GDateTime          *due)
{
  g_return_if_fail (ALGA_IS_DUE_DATE_POPOVER (self));

  g_clear_pointer (&self->due, g_date_time_unref);
  if (due != NULL)
    self->due = g_date_time_ref (due);
  gtk_widget_set_sensitive (GTK_WIDGET (self->due_date_clear_button), due != NULL);
}
