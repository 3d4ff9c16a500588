/* alga-window-startup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the window's start-up work runs: the first page of tickets comes first, then the frame
 * that paints it, then the ticket pane and what the technician did not sit down for (the
 * sidebar's counts, the filters' choices). docs/PERFORMANCE.md gives the figures (B1, B2). And
 * the state the window starts in and leaves behind: its size, its view, the order of its list.
 */

#define G_LOG_DOMAIN "alga-window"

#include "config.h"

#include "alga-gui-util.h"
#include "alga-window-private.h"

/* The ticket pane (header, fields, comment thread, composer: about a tenth of the
 * window's work before its first frame) is measured and drawn only from the first ticket opened;
 * until then a status page like its own empty one stands in for it. It is made right after the
 * first frame with rows (a cached start has its rows before the window is mapped; otherwise they
 * come later from the server), or when something needs it first. */
AlgaTicketView *
_alga_window_ensure_ticket_view (AlgaWindow *self)
{
  if (self->ticket_view != NULL)
    return self->ticket_view;

  g_clear_handle_id (&self->ticket_view_idle_id, g_source_remove);
  self->ticket_view = ALGA_TICKET_VIEW (alga_ticket_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->ticket_view), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->ticket_view), FALSE);
  gtk_box_append (GTK_BOX (self->detail_pane), GTK_WIDGET (self->ticket_view));
  _alga_window_update_ticket_view (self);

  return self->ticket_view;
}

void
_alga_window_show_ticket_view (AlgaWindow *self)
{
  _alga_window_ensure_ticket_view (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->ticket_view)))
    return;

  gtk_widget_set_visible (self->detail_placeholder, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->ticket_view), TRUE);
}

static gboolean
make_ticket_view_cb (gpointer user_data)
{
  AlgaWindow *self = user_data;

  self->ticket_view_idle_id = 0;
  _alga_window_ensure_ticket_view (self);

  return G_SOURCE_REMOVE;
}

/* Right after the frame, not in it: alga-bench learns of it in the same signal. At the default
 * priority, so that it comes before anything the frame's content waits for. */
static void
on_first_after_paint_cb (GdkFrameClock *clock,
                         AlgaWindow    *self)
{
  g_clear_signal_handler (&self->first_paint_id, clock);
  if (self->ticket_view == NULL && self->ticket_view_idle_id == 0)
    self->ticket_view_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, make_ticket_view_cb,
                                                 self, NULL);
}

/* Rows that arrive while the window is on screen (from the server, or a cache read after it was
 * shown) bring the pane right after the frame that paints them (B2), as at a cached start; a
 * selection before then makes it at once. */
void
_alga_window_rows_added (AlgaWindow *self)
{
  GdkFrameClock *clock;

  if (self->ticket_view != NULL || self->ticket_view_idle_id != 0 ||
      self->first_paint_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL)
    self->first_paint_id = g_signal_connect (clock, "after-paint",
                                             G_CALLBACK (on_first_after_paint_cb), self);
  else
    _alga_window_ensure_ticket_view (self);
}

/* Only a window that has its rows already (a cached start) waits here for its first frame. One
 * without rows would make the pane right after a frame showing none, on the main thread while
 * the server's first page waits to be read (some 25 ms at an empty-cache start, B2); its rows
 * bring the pane themselves (_alga_window_rows_added). */
static void
on_realize_cb (AlgaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->tickets == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->tickets)) == 0)
    return;

  if (self->ticket_view == NULL && self->first_paint_id == 0 && clock != NULL)
    self->first_paint_id = g_signal_connect (clock, "after-paint",
                                             G_CALLBACK (on_first_after_paint_cb), self);
}

static void
on_unrealize_cb (AlgaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && g_signal_handler_is_connected (clock, self->first_paint_id))
    g_signal_handler_disconnect (clock, self->first_paint_id);
  self->first_paint_id = 0;
}

void
_alga_window_cancel_deferred_loads (AlgaWindow *self)
{
  g_clear_handle_id (&self->deferred_timeout_id, g_source_remove);
  /* A clock disposed with its window's surface has already dropped its handlers. */
  if (self->deferred_clock != NULL
      && g_signal_handler_is_connected (self->deferred_clock, self->deferred_paint_id))
    g_signal_handler_disconnect (self->deferred_clock, self->deferred_paint_id);
  self->deferred_paint_id = 0;
  g_clear_object (&self->deferred_clock);
}

static void
run_deferred_loads (AlgaWindow *self)
{
  _alga_window_cancel_deferred_loads (self);
  alga_views_sidebar_load_counts (self->views_sidebar, FALSE);
  if (self->account != NULL)
    alga_filter_popover_load (self->filter_popover, alga_account_get_reference_data (self->account),
                              self->cancellable);
}

static void
on_deferred_after_paint_cb (GdkFrameClock *clock,
                            AlgaWindow    *self)
{
  run_deferred_loads (self);
}

static gboolean
deferred_timeout_cb (gpointer user_data)
{
  AlgaWindow *self = user_data;

  self->deferred_timeout_id = 0;
  run_deferred_loads (self);

  return G_SOURCE_REMOVE;
}

/* The first page is in the list; the counts' and filters' requests, and their answers
 * parsed on this thread, would otherwise compete with the frame that paints it. A window not on
 * screen paints nothing and loads at once; a frozen frame clock gets a second. */
static void
schedule_deferred_loads (AlgaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->deferred_timeout_id != 0)
    return;

  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      run_deferred_loads (self);
      return;
    }

  self->deferred_clock = g_object_ref (clock);
  self->deferred_paint_id = g_signal_connect (clock, "after-paint",
                                              G_CALLBACK (on_deferred_after_paint_cb), self);
  self->deferred_timeout_id = g_timeout_add_seconds (1, deferred_timeout_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The list loaded, or failed to: the deferred loads may go once the server (not only the
 * saved copy) has answered. */
void
_alga_window_list_state_changed (AlgaWindow *self)
{
  if (self->deferred_loads && self->tickets != NULL && !alga_ticket_list_get_loading (self->tickets)
      && (!alga_ticket_list_get_cached (self->tickets) || alga_ticket_list_get_error (self->tickets) != NULL))
    {
      self->deferred_loads = FALSE;
      schedule_deferred_loads (self);
    }
}

/* A spinning GtkSpinner animates even on a hidden page, and keeps the frame clock ticking
 * while the app sits idle (docs/PERFORMANCE.md, Spinners spin only when shown). */
void
_alga_window_spinner_map_cb (GtkSpinner *spinner)
{
  gtk_spinner_start (spinner);
}

void
_alga_window_spinner_unmap_cb (GtkSpinner *spinner)
{
  gtk_spinner_stop (spinner);
}

/* The window opens as it was left: its size, its view and the order of its list. */
void
_alga_window_restore_state (AlgaWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autofree char *sort = NULL;
      g_autofree char *order = NULL;
      g_autofree char *last_view = NULL;
      AlgaView view;

      self->settings = g_settings_new (BASE_APP_ID);
      sort = g_settings_get_string (self->settings, "list-sort");
      order = g_settings_get_string (self->settings, "list-order");
      last_view = g_settings_get_string (self->settings, "last-view");
      g_action_group_change_action_state (G_ACTION_GROUP (self), "sort", g_variant_new_string (sort));
      g_action_group_change_action_state (G_ACTION_GROUP (self), "sort-descending",
                                          g_variant_new_boolean (g_strcmp0 (order, "asc") != 0));
      if (alga_view_from_id (last_view, &view))
        self->view = view;

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

/* At each close, as the app goes on in the background: the settings file is written once, and
 * not at all for a window closed as it opened (see alga_gui_settings_update). */
void
_alga_window_save_state (AlgaWindow *self)
{
  g_autoptr(GSettings) state = NULL;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  if (self->settings == NULL)
    return;

  state = g_settings_new (BASE_APP_ID);
  g_settings_delay (state);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  alga_gui_settings_update (state, "window-maximized", g_variant_new_boolean (maximized));
  if (!maximized)
    {
      alga_gui_settings_update (state, "window-width", g_variant_new_int32 (width));
      alga_gui_settings_update (state, "window-height", g_variant_new_int32 (height));
    }
  g_settings_apply (state);
}

void
_alga_window_startup_init (AlgaWindow *self)
{
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (on_unrealize_cb), NULL);
}

void
_alga_window_startup_dispose (AlgaWindow *self)
{
  _alga_window_cancel_deferred_loads (self);
  g_clear_handle_id (&self->ticket_view_idle_id, g_source_remove);
}
