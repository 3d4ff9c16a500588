/* alga-toast-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hands an AdwToastOverlay one toast at a time, the next only once the last has finished hiding,
 * and dismisses a toast only once it has finished showing.
 *
 * libadwaita 1.2 frees a toast's bookkeeping when its hide animation ends, even while its show
 * animation is still playing, and the end of that animation then writes into the freed memory:
 * a crash, seen in the UI tests on a busy machine. It happens when a toast is dismissed (Escape,
 * its close button, Ctrl+Z on its Undo, or a toast of high priority replacing it) soon after it
 * appeared: the show lasts 300 ms, or 500 ms when another toast is still hiding, the hide 300 ms,
 * and when both end in the same frame the hide's end runs first. So a dismissal that comes while
 * the show may still play is held back until a frame at least 500 ms after the toast was added
 * has passed, and a toast is added only to an overlay with no other toast on it, which also
 * means the overlay's own queue and priorities are never used: the toasts wait here instead.
 */

#define G_LOG_DOMAIN "alga-toast-queue"

#include "config.h"

#include "alga-toast-queue.h"

/* The longer of libadwaita's two show durations (300 ms alone, 500 ms replacing another). */
#define LONGEST_SHOW_MS 500

/* How often to look whether a dismissed toast has finished hiding (it takes 300 ms). */
#define CHECK_MS 50

typedef struct
{
  AdwToastOverlay *overlay;         /* owns the queue */
  GQueue           waiting;         /* of AdwToast, owned */
  AdwToast        *shown;           /* NULL once dismissed; the overlay may drop it before */
  gint64           shown_at_ms;     /* the overlay's frame time when added; -1: not animated */
  gulong           dismissed_id;
  gboolean         dismiss_held;    /* a dismissal of the shown toast waits for its show to end */
  gboolean         letting_through; /* the held dismissal, made again */
  guint            hold_tick_id;
  guint            release_id;
  guint            check_id;
} AlgaToastQueue;

static void show_next (AlgaToastQueue *self);

static void
on_waiting_button_clicked_cb (AdwToast       *toast,
                              AlgaToastQueue *self)
{
  /* Its action was taken (an Undo by its shortcut) before it was shown: nothing left to show. */
  g_signal_handlers_disconnect_by_data (toast, self);
  if (g_queue_remove (&self->waiting, toast))
    g_object_unref (toast);
}

/* Whether a toast is on the overlay, shown or still hiding: every child but its content. */
static gboolean
overlay_has_toast (AlgaToastQueue *self)
{
  GtkWidget *content = adw_toast_overlay_get_child (self->overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      return TRUE;

  return FALSE;
}

static gint64
frame_time_ms (AlgaToastQueue *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->overlay));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) / 1000 : -1;
}

/* The show's animation ends in the first frame at least its duration after it began; once such a
 * frame has been drawn it is over. An overlay off screen skips its animations at once. */
static gboolean
show_may_be_playing (AlgaToastQueue *self)
{
  return self->shown_at_ms >= 0
         && gtk_widget_get_mapped (GTK_WIDGET (self->overlay))
         && frame_time_ms (self) < self->shown_at_ms + LONGEST_SHOW_MS;
}

static gboolean
on_check_cb (gpointer user_data)
{
  AlgaToastQueue *self = user_data;

  if (self->shown == NULL && !g_queue_is_empty (&self->waiting) && overlay_has_toast (self))
    return G_SOURCE_CONTINUE;

  self->check_id = 0;
  show_next (self);
  return G_SOURCE_REMOVE;
}

static void
release_dismissal (AlgaToastQueue *self)
{
  g_clear_handle_id (&self->release_id, g_source_remove);
  if (self->hold_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->overlay), self->hold_tick_id);
      self->hold_tick_id = 0;
    }
  if (!self->dismiss_held)
    return;

  self->dismiss_held = FALSE;
  self->letting_through = TRUE;
  /* Not adw_toast_dismiss(): the toast's own handler, which runs first, already took it off the
   * overlay, and the function does nothing for a toast not on one. */
  g_signal_emit_by_name (self->shown, "dismissed");
  self->letting_through = FALSE;
}

/* Runs at each frame while a dismissal is held, before the show's own tick in the same frame:
 * the show ends in this frame at the latest, its hide 300 ms later. */
static gboolean
on_hold_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  AlgaToastQueue *self = user_data;

  if (gdk_frame_clock_get_frame_time (clock) / 1000 < self->shown_at_ms + LONGEST_SHOW_MS)
    return G_SOURCE_CONTINUE;

  self->hold_tick_id = 0;
  release_dismissal (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_release_cb (gpointer user_data)
{
  AlgaToastQueue *self = user_data;

  self->release_id = 0;
  release_dismissal (self);
  return G_SOURCE_REMOVE;
}

/* Off screen the overlay skips its animations, the show's included; a held dismissal can go once
 * the unmap is over (not during it: the show's skip may come after this handler). */
static void
on_overlay_unmap_cb (GtkWidget      *overlay,
                     AlgaToastQueue *self)
{
  if (self->hold_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (overlay, self->hold_tick_id);
      self->hold_tick_id = 0;
    }
  if (self->dismiss_held && self->release_id == 0)
    self->release_id = g_idle_add (on_release_cb, self);
}

static void
check_soon (AlgaToastQueue *self)
{
  if (self->check_id == 0)
    self->check_id = g_timeout_add (CHECK_MS, on_check_cb, self);
}

static void
on_shown_dismissed_cb (AdwToast       *toast,
                       AlgaToastQueue *self)
{
  if (!self->letting_through && show_may_be_playing (self))
    {
      /* This handler runs before the overlay's, which must not see this dismissal yet. */
      g_signal_stop_emission_by_name (toast, "dismissed");
      self->dismiss_held = TRUE;
      if (self->hold_tick_id == 0)
        self->hold_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->overlay),
                                                           on_hold_tick_cb, self, NULL);
      return;
    }

  g_clear_signal_handler (&self->dismissed_id, self->shown);
  g_clear_object (&self->shown);
  self->dismiss_held = FALSE;
  /* Never synchronously: the overlay may be dismissing it from its own dispose. */
  if (!g_queue_is_empty (&self->waiting))
    check_soon (self);
}

static void
show_next (AlgaToastQueue *self)
{
  AdwToast *toast;

  if (self->shown != NULL || self->check_id != 0 || g_queue_is_empty (&self->waiting))
    return;

  if (overlay_has_toast (self))
    {
      check_soon (self);
      return;
    }

  toast = g_queue_pop_head (&self->waiting);
  g_signal_handlers_disconnect_by_data (toast, self);
  self->shown = g_object_ref (toast);
  self->shown_at_ms = gtk_widget_get_mapped (GTK_WIDGET (self->overlay)) ? frame_time_ms (self) : -1;
  /* Connected before the overlay connects its own, so that it can hold a dismissal back. */
  self->dismissed_id = g_signal_connect (toast, "dismissed",
                                         G_CALLBACK (on_shown_dismissed_cb), self);
  /* The overlay shows nothing else now, so a priority would change nothing there. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_NORMAL);
  adw_toast_overlay_add_toast (self->overlay, toast);
}

static void
alga_toast_queue_free (AlgaToastQueue *self)
{
  AdwToast *toast;

  /* The overlay is being finalized: its tick callbacks and handlers went with it. */
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_handle_id (&self->release_id, g_source_remove);
  if (self->shown != NULL)
    g_clear_signal_handler (&self->dismissed_id, self->shown);
  g_clear_object (&self->shown);
  while ((toast = g_queue_pop_head (&self->waiting)) != NULL)
    {
      g_signal_handlers_disconnect_by_data (toast, self);
      g_object_unref (toast);
    }
  g_free (self);
}

static AlgaToastQueue *
get_queue (AdwToastOverlay *overlay)
{
  AlgaToastQueue *self = g_object_get_data (G_OBJECT (overlay), "alga-toast-queue");

  if (self == NULL)
    {
      self = g_new0 (AlgaToastQueue, 1);
      self->overlay = overlay;
      g_queue_init (&self->waiting);
      g_signal_connect (overlay, "unmap", G_CALLBACK (on_overlay_unmap_cb), self);
      g_object_set_data_full (G_OBJECT (overlay), "alga-toast-queue", self,
                              (GDestroyNotify) alga_toast_queue_free);
    }

  return self;
}

/**
 * alga_toast_queue_add:
 * @overlay: the overlay to show @toast on
 * @toast: (transfer full): the toast
 *
 * Shows @toast on @overlay once the toasts before it have gone. A toast of high priority goes
 * first and dismisses the one shown, which, unlike in the overlay's own queue, does not come back.
 */
void
alga_toast_queue_add (AdwToastOverlay *overlay,
                      AdwToast        *toast)
{
  AlgaToastQueue *self;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  self = get_queue (overlay);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_waiting_button_clicked_cb), self);
  if (adw_toast_get_priority (toast) == ADW_TOAST_PRIORITY_HIGH)
    {
      g_queue_push_head (&self->waiting, toast);
      if (self->shown != NULL)
        adw_toast_dismiss (self->shown);
    }
  else
    {
      g_queue_push_tail (&self->waiting, toast);
    }

  show_next (self);
}
