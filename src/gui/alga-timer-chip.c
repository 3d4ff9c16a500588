/* alga-timer-chip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seconds tick only while the chip is mapped (docs/PERFORMANCE.md, "Idle"): a hidden window
 * gets no wake-up from a running timer, and a shown one one redraw a second, on the second.
 * A tick only redraws the text and never lays the window out again.
 */

#define G_LOG_DOMAIN "alga-timer-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-timer-chip.h"

struct _AlgaTimerChip
{
  AdwBin      parent_instance;

  AlgaTimer      *timer;
  GtkWidget      *button;
  GtkLabel       *sizer;
  GtkInscription *text;
  guint           tick_id;
  guint           n_updates;
};

G_DEFINE_FINAL_TYPE (AlgaTimerChip, alga_timer_chip, ADW_TYPE_BIN)

char *
alga_timer_format_elapsed (GTimeSpan elapsed)
{
  gint64 seconds = MAX (0, elapsed) / G_TIME_SPAN_SECOND;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                          (int) (seconds / 60 % 60), (int) (seconds % 60));
}

static void schedule_tick (AlgaTimerChip *self);

/* The text with every digit a zero: the digits are tabular, so every text of this shape is as
 * wide as it, and the chip's size changes only when the shape does (an hour more digits, another
 * ticket). */
static char *
text_shape (const char *text)
{
  char *shape = g_strdup (text);

  for (char *p = shape; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      *p = '0';
  return shape;
}

/* "Timer on TIC1, 1:05:09. Open the ticket", or NULL when no timer runs. */
static char *
describe (AlgaTimerChip *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *elapsed = NULL;
  const char *number;

  if (self->timer == NULL || !alga_timer_get_running (self->timer))
    return NULL;
  number = alga_timer_get_ticket_number (self->timer);
  elapsed = alga_timer_format_elapsed (alga_timer_get_elapsed (self->timer, now));
  /* Translators: the tooltip and accessible description of the timer at the window's bottom. */
  return g_strdup_printf (_("Timer on %s, %s. Open the ticket"), number != NULL ? number : "", elapsed);
}

static void
update_description (AlgaTimerChip *self)
{
  g_autofree char *description = describe (self);

  if (description == NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
}

/* The tooltip is asked for when it is to be shown: setting it at every tick would have GTK look
 * where the pointer is at every tick (two round trips to the X server) and wait for it to rest. */
static gboolean
on_query_tooltip_cb (AlgaTimerChip *self,
                     int            x,
                     int            y,
                     gboolean       keyboard,
                     GtkTooltip    *tooltip)
{
  g_autofree char *description = describe (self);

  if (description == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, description);
  return TRUE;
}

static void
update (AlgaTimerChip *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *elapsed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shape = NULL;
  const char *number;
  gboolean running = self->timer != NULL && alga_timer_get_running (self->timer);

  gtk_widget_set_visible (GTK_WIDGET (self), running);
  if (!running)
    return;

  number = alga_timer_get_ticket_number (self->timer);
  elapsed = alga_timer_format_elapsed (alga_timer_get_elapsed (self->timer, now));
  /* Translators: the running timer in the header: the ticket number and the time so far. */
  text = g_strdup_printf (_("%s · %s"), number != NULL ? number : "", elapsed);
  if (g_strcmp0 (gtk_inscription_get_text (self->text), text) == 0)
    return;
  shape = text_shape (text);
  if (g_strcmp0 (gtk_label_get_label (self->sizer), shape) != 0)
    gtk_label_set_label (self->sizer, shape);
  gtk_inscription_set_text (self->text, text);
  self->n_updates++;

  /* Told to a screen reader when the chip has the focus; a tooltip is made when it is shown. */
  if (gtk_widget_has_focus (self->button))
    update_description (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  AlgaTimerChip *self = user_data;

  self->tick_id = 0;
  update (self);
  schedule_tick (self);
  return G_SOURCE_REMOVE;
}

/* The next tick at the next whole second of the timer, so that the text changes once a second
 * and never twice. */
static void
schedule_tick (AlgaTimerChip *self)
{
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan into_second;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->timer == NULL || !alga_timer_get_running (self->timer) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  now = g_date_time_new_now_utc ();
  into_second = alga_timer_get_elapsed (self->timer, now) % G_TIME_SPAN_SECOND;
  self->tick_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (G_TIME_SPAN_SECOND - into_second) / 1000 + 1,
                                      tick_cb, self, NULL);
}

static void
on_timer_changed_cb (AlgaTimerChip *self)
{
  update (self);
  schedule_tick (self);
}

static void
on_clicked_cb (AlgaTimerChip *self)
{
  if (self->timer == NULL || alga_timer_get_ticket_id (self->timer) == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-ticket", "s", alga_timer_get_ticket_id (self->timer));
}

static void
alga_timer_chip_map (GtkWidget *widget)
{
  AlgaTimerChip *self = ALGA_TIMER_CHIP (widget);

  GTK_WIDGET_CLASS (alga_timer_chip_parent_class)->map (widget);
  update (self);
  schedule_tick (self);
}

static void
alga_timer_chip_unmap (GtkWidget *widget)
{
  AlgaTimerChip *self = ALGA_TIMER_CHIP (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (alga_timer_chip_parent_class)->unmap (widget);
}

static void
alga_timer_chip_dispose (GObject *object)
{
  AlgaTimerChip *self = ALGA_TIMER_CHIP (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_func (self->timer, on_timer_changed_cb, self);
  g_clear_object (&self->timer);

  G_OBJECT_CLASS (alga_timer_chip_parent_class)->dispose (object);
}

static void
alga_timer_chip_class_init (AlgaTimerChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_timer_chip_dispose;
  widget_class->map = alga_timer_chip_map;
  widget_class->unmap = alga_timer_chip_unmap;
}

static void
alga_timer_chip_init (AlgaTimerChip *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("alarm-symbolic");
  GtkWidget *overlay = gtk_overlay_new ();
  GtkEventController *focus;

  /* A label's new text queues a resize up to the window, which measures and allocates the chip's
   * ancestors again before the frame that draws it; an inscription's only queues the drawing. So
   * the seconds go into a GtkInscription laid over a label that is never drawn and holds the
   * text's shape: the label gives the chip the size a label would (its font, its bold, its
   * tabular digits), and changes only with the shape (docs/PERFORMANCE.md, "The chip's size
   * held, its text only drawn"). */
  self->sizer = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_opacity (GTK_WIDGET (self->sizer), 0.0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->sizer), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  self->text = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_min_chars (self->text, 0);
  gtk_inscription_set_min_lines (self->text, 0);
  /* Digits of one width: the text does not wobble as the seconds change. */
  gtk_widget_add_css_class (GTK_WIDGET (self->sizer), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->text), "numeric");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->sizer));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->text));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), overlay);

  self->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->button), box);
  gtk_widget_add_css_class (self->button, "timer-chip");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Running timer: open its ticket"), -1);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (on_clicked_cb), self);
  gtk_widget_set_has_tooltip (self->button, TRUE);
  g_signal_connect_swapped (self->button, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (update_description), self);
  gtk_widget_add_controller (self->button, focus);
  adw_bin_set_child (ADW_BIN (self), self->button);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
alga_timer_chip_new (void)
{
  return g_object_new (ALGA_TYPE_TIMER_CHIP, NULL);
}

void
alga_timer_chip_set_timer (AlgaTimerChip *self,
                           AlgaTimer     *timer)
{
  g_return_if_fail (ALGA_IS_TIMER_CHIP (self));
  g_return_if_fail (!timer || ALGA_IS_TIMER (timer));

  if (self->timer == timer)
    return;
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_func (self->timer, on_timer_changed_cb, self);
  g_set_object (&self->timer, timer);
  if (timer != NULL)
    {
      g_signal_connect_swapped (timer, "notify::running", G_CALLBACK (on_timer_changed_cb), self);
      g_signal_connect_swapped (timer, "notify::ticket-number", G_CALLBACK (on_timer_changed_cb), self);
      g_signal_connect_swapped (timer, "notify::start", G_CALLBACK (on_timer_changed_cb), self);
    }
  on_timer_changed_cb (self);
}

const char *
alga_timer_chip_get_text (AlgaTimerChip *self)
{
  g_return_val_if_fail (ALGA_IS_TIMER_CHIP (self), NULL);

  return gtk_inscription_get_text (self->text);
}

guint
alga_timer_chip_get_n_updates (AlgaTimerChip *self)
{
  g_return_val_if_fail (ALGA_IS_TIMER_CHIP (self), 0);

  return self->n_updates;
}
