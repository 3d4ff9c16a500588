/* alga-due-date-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The due date editor of the ticket pane: a calendar, the time of day the ticket is due by, and
 * Set or Clear. A new due date is due by 17:00, the end of a working day where the technician
 * is; a date already set keeps its time. The time is checked as it is typed and a wrong one is
 * said in words; Enter in it sets the due date. The popover says what was chosen through
 * "due-date-chosen"; the pane makes the change.
 */

#define G_LOG_DOMAIN "alga-due-date-popover"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alga-due-date-popover.h"

#define DEFAULT_HOUR 17

struct _AlgaDueDatePopover
{
  GtkPopover   parent_instance;

  GDateTime   *due;

  GtkCalendar *due_date_calendar;
  GtkEntry    *due_time_entry;
  GtkLabel    *due_time_error;
  GtkButton   *due_date_clear_button;
  GtkButton   *due_date_set_button;
};

G_DEFINE_FINAL_TYPE (AlgaDueDatePopover, alga_due_date_popover, GTK_TYPE_POPOVER)

enum {
  DUE_DATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reads "17:00", "9:30", "9.30" or "17" into hour and minute; NULL when it is one, else why not,
 * in words. */
static const char *
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = NULL;
  char *end = NULL;
  gint64 h, m = 0;

  if (stripped[0] == '\0')
    return _("Enter the time it is due by, like 17:00.");

  parts = g_regex_split_simple ("[:.]", stripped, 0, 0);
  if (g_strv_length (parts) > 2 || parts[0][0] == '\0' || strlen (parts[0]) > 2 ||
      (parts[1] != NULL && strlen (parts[1]) != 2))
    return _("Write the time as hours and minutes, like 17:00.");
  for (guint i = 0; parts[i] != NULL; i++)
    for (const char *c = parts[i]; *c != '\0'; c++)
      if (!g_ascii_isdigit (*c))
        return _("Write the time as hours and minutes, like 17:00.");

  h = g_ascii_strtoll (parts[0], &end, 10);
  if (parts[1] != NULL)
    m = g_ascii_strtoll (parts[1], &end, 10);
  if (h > 23)
    return _("Hours go from 0 to 23.");
  if (m > 59)
    return _("Minutes go from 0 to 59.");

  *hour = (int) h;
  *minute = (int) m;
  return NULL;
}

static void
on_time_changed_cb (AlgaDueDatePopover *self)
{
  int hour, minute;
  const char *problem = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->due_time_entry)),
                                    &hour, &minute);

  gtk_label_set_label (self->due_time_error, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->due_time_error), problem != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->due_date_set_button), problem == NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_time_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_time_entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->due_time_entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               problem != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
on_show_cb (AlgaDueDatePopover *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *time = NULL;

  date = self->due != NULL ? g_date_time_to_local (self->due) : g_date_time_new_now_local ();
  gtk_calendar_select_day (self->due_date_calendar, date);
  if (self->due != NULL)
    time = g_date_time_format (date, "%H:%M");
  else
    time = g_strdup_printf ("%02d:00", DEFAULT_HOUR);
  gtk_editable_set_text (GTK_EDITABLE (self->due_time_entry), time);
  on_time_changed_cb (self);
}

/* The focus goes back to what opened the popover (the due date's button) before it closes: on
 * GTK 4.8 a text field hidden with its popover while focused never hears that it lost the focus,
 * and warns when it gets it back the next time. */
static void
close_popover (AlgaDueDatePopover *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (parent != NULL)
    gtk_widget_grab_focus (parent);
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_set_button_clicked_cb (AlgaDueDatePopover *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->due_date_calendar);
  g_autoptr(GDateTime) due = NULL;
  int hour, minute;

  if (parse_time (gtk_editable_get_text (GTK_EDITABLE (self->due_time_entry)), &hour, &minute) != NULL)
    return;

  due = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day), hour, minute, 0);
  close_popover (self);
  g_signal_emit (self, signals[DUE_DATE_CHOSEN], 0, due);
}

static void
on_clear_button_clicked_cb (AlgaDueDatePopover *self)
{
  close_popover (self);
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
  gtk_widget_class_bind_template_child (widget_class, AlgaDueDatePopover, due_time_entry);
  gtk_widget_class_bind_template_child (widget_class, AlgaDueDatePopover, due_time_error);
  gtk_widget_class_bind_template_child (widget_class, AlgaDueDatePopover, due_date_clear_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaDueDatePopover, due_date_set_button);
  gtk_widget_class_bind_template_callback (widget_class, on_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_set_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
}

static void
alga_due_date_popover_init (AlgaDueDatePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Enter in the time sets the due date, as the suggested button would. */
  gtk_popover_set_default_widget (GTK_POPOVER (self), GTK_WIDGET (self->due_date_set_button));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->due_time_entry),
                                  GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->due_time_error,
                                  -1);
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
