/* alga-gui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-gui-util"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-toast-queue.h"

/**
 * alga_gui_error_message:
 * @error: an error from the core
 *
 * The one place where an error becomes a sentence for the technician: what happened, in words,
 * followed by the server's own explanation when it gave one.
 *
 * Returns: (transfer full): a translated sentence
 */
char *
alga_gui_error_message (const GError *error)
{
  const char *summary;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != ALGA_API_ERROR)
    return g_strdup (error->message);

  switch ((AlgaApiError) error->code)
    {
    case ALGA_API_ERROR_UNAUTHORIZED:
      summary = _("The server did not accept your sign-in.");
      break;
    case ALGA_API_ERROR_FORBIDDEN:
      summary = _("You do not have permission to do this.");
      break;
    case ALGA_API_ERROR_NOT_FOUND:
      summary = _("It no longer exists on the server.");
      break;
    case ALGA_API_ERROR_VALIDATION:
      summary = _("The server did not accept the change.");
      break;
    case ALGA_API_ERROR_CONFLICT:
      summary = _("This conflicts with something already on the server.");
      break;
    case ALGA_API_ERROR_RATE_LIMITED:
      summary = _("The server is busy with too many requests. Try again in a moment.");
      break;
    case ALGA_API_ERROR_SERVER:
      summary = _("The server ran into a problem.");
      break;
    case ALGA_API_ERROR_NETWORK:
      summary = _("The server cannot be reached. Check your connection.");
      break;
    case ALGA_API_ERROR_TIMEOUT:
      summary = _("The server took too long to answer.");
      break;
    case ALGA_API_ERROR_BAD_RESPONSE:
      summary = _("The server sent an answer that could not be read.");
      break;
    case ALGA_API_ERROR_INSECURE:
      summary = _("Only secure (https) connections are allowed to this server.");
      break;
    case ALGA_API_ERROR_TLS:
      summary = _("The server’s certificate is not trusted.");
      break;
    case ALGA_API_ERROR_INVALID_INPUT:
      summary = NULL;
      break;
    case ALGA_API_ERROR_SESSION_ENDED:
      summary = _("You were signed out. Sign in again.");
      break;
    case ALGA_API_ERROR_STATE_MISMATCH:
      summary = _("This sign-in link was not started by this app, or was used already.");
      break;
    case ALGA_API_ERROR_UNSUPPORTED:
      summary = _("This server does not offer browser sign-in. Use a personal API key instead.");
      break;
    default:
      summary = NULL;
      break;
    }

  if (summary == NULL)
    return g_strdup (error->message);

  if (error->message == NULL || error->message[0] == '\0')
    return g_strdup (summary);

  /* The transport's text says "could not be reached" again: only its reason adds anything. */
  if (error->code == ALGA_API_ERROR_NETWORK)
    {
      const char *reason = strrchr (error->message, ':');

      if (reason == NULL || reason[1] != ' ' || reason[2] == '\0')
        return g_strdup (summary);
      /* Translators: an error: what happened, then the system's reason. */
      return g_strdup_printf (_("%s (%s)"), summary, reason + 2);
    }

  /* Translators: an error: what happened, then the server's own explanation. */
  return g_strdup_printf (_("%s (%s)"), summary, error->message);
}

gboolean
alga_gui_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;

  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);

  /* Dialogs are their own roots: fall back to the overlay of the window they belong to. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (root));
      GtkWidget *child;

      if (parent == NULL)
        return NULL;
      for (child = gtk_widget_get_first_child (GTK_WIDGET (parent));
           child != NULL;
           child = gtk_widget_get_first_child (child))
        if (ADW_IS_TOAST_OVERLAY (child))
          return ADW_TOAST_OVERLAY (child);
    }

  return NULL;
}

/**
 * alga_gui_add_toast:
 * @widget: a widget inside a window with an #AdwToastOverlay
 * @toast: (transfer full): the toast, e.g. with an Undo button
 *
 * Shows @toast in @widget's window; without an overlay it is dropped.
 */
void
alga_gui_add_toast (GtkWidget *widget,
                    AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_toast_overlay (widget);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay for: %s", adw_toast_get_title (toast));
      g_object_unref (g_object_ref_sink (toast));
      return;
    }

  alga_toast_queue_add (overlay, toast);
}

/**
 * alga_gui_show_toast:
 * @widget: a widget inside a window with an #AdwToastOverlay
 * @title: the translated text of the toast
 *
 * Shows a toast in @widget's window. Without an overlay the text goes to the debug log.
 */
void
alga_gui_show_toast (GtkWidget  *widget,
                     const char *title)
{
  AdwToastOverlay *overlay;
  g_autofree char *escaped = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  overlay = find_toast_overlay (widget);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay for: %s", title);
      return;
    }

  /* A toast's title is Pango markup; the server's words in an error may hold "<" or "&". */
  escaped = g_markup_escape_text (title, -1);
  alga_toast_queue_add (overlay, adw_toast_new (escaped));
}

/**
 * alga_gui_show_error_toast:
 * @widget: a widget inside a window with an #AdwToastOverlay
 * @what_failed: (nullable): a translated sentence, e.g. "Could not change the status."
 * @error: the error
 *
 * Shows @error as a toast, unless it is a cancellation, which is never news.
 */
void
alga_gui_show_error_toast (GtkWidget    *widget,
                           const char   *what_failed,
                           const GError *error)
{
  g_autofree char *message = NULL;
  g_autofree char *title = NULL;

  if (alga_gui_error_is_cancelled (error))
    return;

  message = alga_gui_error_message (error);
  if (what_failed != NULL)
    /* Translators: what failed, then why. */
    title = g_strdup_printf (_("%s %s"), what_failed, message);
  else
    title = g_steal_pointer (&message);

  alga_gui_show_toast (widget, title);
}

/**
 * alga_gui_set_row_value:
 * @row: a row that shows one value of a ticket
 * @value: (nullable): the value
 *
 * Shows @value as the row's subtitle; a row without a value is hidden rather than empty.
 */
void
alga_gui_set_row_value (AdwActionRow *row,
                        const char   *value)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_action_row_set_subtitle (row, value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && value[0] != '\0');
}

/**
 * alga_gui_set_priority_class:
 * @widget: a priority pill
 * @priority_name: (nullable): the priority as the server names it
 *
 * Priorities are named freely per tenant and `/tickets/priorities` carries no colour, so the
 * colour of a pill comes from the words technicians use for them: one of the `priority-*` style
 * classes of style.css replaces the one @widget had.
 */
void
alga_gui_set_priority_class (GtkWidget  *widget,
                             const char *priority_name)
{
  static const char * const classes[] = {
    "priority-critical", "priority-high", "priority-medium", "priority-low", "priority-none",
  };
  g_autofree char *lower = NULL;
  const char *css_class;
  guint i;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (priority_name == NULL)
    css_class = "priority-none";
  else
    {
      lower = g_utf8_strdown (priority_name, -1);
      if (strstr (lower, "crit") || strstr (lower, "urgent") || strstr (lower, "emergency")
          || strstr (lower, "p1"))
        css_class = "priority-critical";
      else if (strstr (lower, "high") || strstr (lower, "p2"))
        css_class = "priority-high";
      else if (strstr (lower, "low") || strstr (lower, "p4"))
        css_class = "priority-low";
      else
        css_class = "priority-medium";
    }

  for (i = 0; i < G_N_ELEMENTS (classes); i++)
    if (!g_str_equal (classes[i], css_class))
      gtk_widget_remove_css_class (widget, classes[i]);
  gtk_widget_add_css_class (widget, css_class);
}

/* Whether the kernel offers a GPU for rendering: a DRI render node (/dev/dri/renderD128…). */
static gboolean
has_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;

  return FALSE;
}

/**
 * alga_gui_choose_renderer:
 *
 * Chooses GTK's renderer, before GTK starts. Without a GPU (virtual machines and remote desktops
 * often have none), GTK 4.8's GL renderer runs on Mesa's llvmpipe and spends some 18 ms of CPU
 * on every frame of this window, and 70 MiB more memory; the cairo renderer draws the same
 * frames in about 1 ms (docs/PERFORMANCE.md, Drawing without a GPU). With a GPU, GTK's default
 * stays; a GSK_RENDERER the user set always wins.
 */
void
alga_gui_choose_renderer (void)
{
  if (g_getenv ("GSK_RENDERER") != NULL || has_render_node ())
    return;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

static void
read_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (task_data, "alga-symbolic");
  g_task_return_boolean (task, TRUE);
}

/**
 * alga_gui_read_icon_theme_in_thread:
 * @display: the display whose icon theme the windows will use
 *
 * Reads the icon theme's directories in a worker thread, once GtkApplication's start-up has
 * added its resource paths. GTK reads them in a thread when the theme is made, but each resource
 * path added afterwards (libadwaita's, the application's) makes it read them all again, on the
 * main thread, at the first icon the window looks up: some 10 ms before a start's first frame
 * (docs/PERFORMANCE.md, The icon theme read in a thread). GTK's icon theme allows lookups from
 * other threads once it is set up; the main thread's first lookup waits for this one if it is
 * still reading.
 */
void
alga_gui_read_icon_theme_in_thread (GdkDisplay *display)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (display)),
                        g_object_unref);
  g_task_run_in_thread (task, read_icon_theme_thread);
}

/**
 * alga_gui_settings_update:
 * @settings: the settings
 * @key: a key of @settings
 * @value: (transfer floating): its value
 *
 * Sets @key only if its value changes. GSettings' keyfile backend, a Flatpak's, rewrites its
 * whole file at every set, an unchanged value too, on the calling thread and with an fsync;
 * a start that wrote back what it had just read did so three times before its first frame
 * (docs/PERFORMANCE.md, Settings written only when they change).
 */
void
alga_gui_settings_update (GSettings  *settings,
                          const char *key,
                          GVariant   *value)
{
  g_autoptr(GVariant) new_value = g_variant_ref_sink (value);
  g_autoptr(GVariant) old_value = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  old_value = g_settings_get_value (settings, key);
  if (!g_variant_equal (old_value, new_value))
    g_settings_set_value (settings, key, new_value);
}

/* Opening a combo row's list from an action. */

/* Scrolls the pane so that @row shows; whether it had to. */
static gboolean
scroll_to_row (GtkWidget *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadjustment;
  graphene_rect_t bounds;

  if (scrolled == NULL || !gtk_widget_compute_bounds (row, scrolled, &bounds)
      || (bounds.origin.y >= 0
          && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled)))
    return FALSE;

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + bounds.origin.y);
  return TRUE;
}

static void popup_row (GtkWidget *row);

static gboolean
activate_row_cb (gpointer user_data)
{
  GtkWidget *row = user_data;
  guint frames;

  if (!gtk_widget_get_mapped (row))
    return G_SOURCE_REMOVE;

  /* Something scrolled the pane meanwhile (the detail or the comments arriving): wait for it. */
  frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "alga-popup-frames"));
  if (frames < 30 && scroll_to_row (row))
    {
      g_object_set_data (G_OBJECT (row), "alga-popup-frames", GUINT_TO_POINTER (frames + 1));
      popup_row (row);
      return G_SOURCE_REMOVE;
    }

  gtk_widget_activate (row);
  return G_SOURCE_REMOVE;
}

static void
popup_row_after_paint_cb (GtkWidget     *row,
                          GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, popup_row_after_paint_cb, row);
  /* Outside the frame: a popup presented from within it is placed with what the frame had. */
  g_idle_add_full (G_PRIORITY_DEFAULT, activate_row_cb, g_object_ref (row), g_object_unref);
}

static void
popup_row (GtkWidget *row)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (row);

  /* Activating a combo row opens its list, as a click would. A row scrolled out of the pane
   * (after a reply, say) is scrolled back first, and its list opens once a frame has laid it
   * out there: anchored where it was, GTK would place the list off every monitor. */
  gtk_widget_grab_focus (row);
  if (clock == NULL)
    return;

  scroll_to_row (row);
  g_signal_handlers_disconnect_by_func (clock, popup_row_after_paint_cb, row);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (popup_row_after_paint_cb), row,
                           G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (row);
}

/**
 * alga_gui_popup_row:
 * @row: a combo row (or any row whose activation opens a popup)
 *
 * Opens @row's list as a click would, from the keyboard: brought into view in its scrolled
 * window first, and opened once a frame has laid it out there. Nothing when @row is insensitive.
 */
void
alga_gui_popup_row (GtkWidget *row)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  if (!gtk_widget_get_sensitive (row))
    return;

  g_object_set_data (G_OBJECT (row), "alga-popup-frames", GUINT_TO_POINTER (0));
  popup_row (row);
}

/* Keeping a part of a scrolled pane in view while the text above it is still laid out. */

typedef struct
{
  GtkWidget *from;
  GtkWidget *to;
  guint      frames;
  guint      tick_id;
} ScrollIntoView;

static void
scroll_into_view_free (gpointer data)
{
  ScrollIntoView *scroll = data;

  g_clear_object (&scroll->from);
  g_clear_object (&scroll->to);
  g_free (scroll);
}

/* Scrolls so that @from (top) to @to (bottom) show; @from wins when both do not fit. */
static void
scroll_now (GtkScrolledWindow *scrolled,
            GtkWidget         *from,
            GtkWidget         *to)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  GtkWidget *content = gtk_scrolled_window_get_child (scrolled);
  graphene_rect_t top, bottom;
  double value, page;

  /* The viewport's own child is laid out in content coordinates. */
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL ||
      !gtk_widget_compute_bounds (from, content, &top) ||
      !gtk_widget_compute_bounds (to, content, &bottom))
    return;

  value = gtk_adjustment_get_value (vadjustment);
  page = gtk_adjustment_get_page_size (vadjustment);
  if (bottom.origin.y + bottom.size.height > value + page)
    value = bottom.origin.y + bottom.size.height - page;
  if (top.origin.y < value)
    value = top.origin.y;
  gtk_adjustment_set_value (vadjustment, value);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ScrollIntoView *scroll = g_object_get_data (G_OBJECT (widget), "alga-scroll-into-view");

  scroll_now (GTK_SCROLLED_WINDOW (widget), scroll->from, scroll->to);
  if (++scroll->frames < 30)
    return G_SOURCE_CONTINUE;

  scroll->tick_id = 0;
  g_object_set_data (G_OBJECT (widget), "alga-scroll-into-view", NULL);
  return G_SOURCE_REMOVE;
}

/**
 * alga_gui_scroll_into_view:
 * @from: the top of what is to show
 * @to: its bottom (@from again for one widget)
 *
 * Scrolls the scrolled window around @from so that @from to @to show. Text views above them
 * finish their layout over the next frames, moving what is below them: the scroll is made
 * again on each of them, for about half a second.
 */
void
alga_gui_scroll_into_view (GtkWidget *from,
                           GtkWidget *to)
{
  GtkWidget *scrolled;
  ScrollIntoView *scroll;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (GTK_IS_WIDGET (to));

  scrolled = gtk_widget_get_ancestor (from, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return;

  scroll = g_object_get_data (G_OBJECT (scrolled), "alga-scroll-into-view");
  if (scroll == NULL)
    {
      scroll = g_new0 (ScrollIntoView, 1);
      g_object_set_data_full (G_OBJECT (scrolled), "alga-scroll-into-view", scroll, scroll_into_view_free);
    }
  g_set_object (&scroll->from, from);
  g_set_object (&scroll->to, to);
  scroll->frames = 0;
  scroll_now (GTK_SCROLLED_WINDOW (scrolled), from, to);
  if (scroll->tick_id == 0)
    scroll->tick_id = gtk_widget_add_tick_callback (scrolled, scroll_tick_cb, NULL, NULL);
}

/**
 * alga_gui_scroll_to_focus:
 * @scrolled: a scrolled window whose viewport does not scroll to the focus itself
 * @focus: the focus widget of the window
 *
 * Scrolls @scrolled so that @focus shows, when it is inside: what GtkViewport's own
 * scroll-to-focus does, for a pane that must leave the focus inside a popover alone.
 */
void
alga_gui_scroll_to_focus (GtkScrolledWindow *scrolled,
                          GtkWidget         *focus)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (scrolled);
  GtkWidget *content;
  GtkAdjustment *vadjustment;
  graphene_rect_t bounds;
  double value, page;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));
  g_return_if_fail (GTK_IS_WIDGET (focus));

  if (!GTK_IS_VIEWPORT (viewport) || !gtk_widget_is_ancestor (focus, viewport))
    return;

  content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  if (GTK_IS_TEXT (focus))
    focus = gtk_widget_get_parent (focus);
  if (content == NULL || !gtk_widget_compute_bounds (focus, content, &bounds))
    return;

  vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  value = gtk_adjustment_get_value (vadjustment);
  page = gtk_adjustment_get_page_size (vadjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (vadjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (vadjustment,
                              MIN (bounds.origin.y, bounds.origin.y + bounds.size.height - page));
}

static void
launch_uri_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    alga_gui_show_error_toast (widget, _("Could not open the web browser."), error);
}

/**
 * alga_gui_open_uri:
 * @widget: where a failure is told (a toast in its window)
 * @uri: a web page
 *
 * Opens @uri in the default browser.
 */
void
alga_gui_open_uri (GtkWidget  *widget,
                   const char *uri)
{
  g_autoptr(GAppLaunchContext) context = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launch_uri_cb, g_object_ref (widget));
}
