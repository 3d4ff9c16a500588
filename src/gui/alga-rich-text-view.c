/* alga-rich-text-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only text view for a ticket description or comment body, with links that open on a
 * click, or with Tab to reach them and Enter to open them.
 */

#define G_LOG_DOMAIN "alga-rich-text-view"

#include "config.h"

#include <adwaita.h>

#include "alga-rich-text-view.h"

struct _AlgaRichTextView
{
  GtkTextView   parent_instance;

  GCancellable *cancellable;
  gboolean      hovering_link;
};

G_DEFINE_FINAL_TYPE (AlgaRichTextView, alga_rich_text_view, GTK_TYPE_TEXT_VIEW)

enum
{
  LINK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Bodies are written by anyone who can comment, so only addresses that open in a browser or a
 * mail client are handed to the desktop; others still reach link-activated handlers. */
static gboolean
is_openable (const char *href)
{
  const char *scheme = g_uri_peek_scheme (href);

  return scheme != NULL
         && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https")
             || g_str_equal (scheme, "mailto"));
}

static void
launch_uri_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open a link: %s", error->message);
}

static void
open_link (AlgaRichTextView *self,
           const char       *href)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  gboolean handled = FALSE;

  g_signal_emit (self, signals[LINK_ACTIVATED], 0, href, &handled);
  if (handled)
    return;

  if (!is_openable (href))
    {
      g_debug ("Not opening a link with an unexpected scheme");
      return;
    }

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (href, G_APP_LAUNCH_CONTEXT (context),
                                           self->cancellable, launch_uri_cb, NULL);
}

static gboolean
get_iter_at_widget_point (AlgaRichTextView *self,
                          double            x,
                          double            y,
                          GtkTextIter      *iter)
{
  int buffer_x;
  int buffer_y;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &buffer_x, &buffer_y);
  return gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), iter, buffer_x, buffer_y);
}

static void
on_click_released_cb (GtkGestureClick  *gesture,
                      int               n_press,
                      double            x,
                      double            y,
                      AlgaRichTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;

  /* A drag that selected text is not a click on a link. */
  if (gtk_text_buffer_get_has_selection (buffer))
    return;

  if (get_iter_at_widget_point (self, x, y, &iter))
    alga_rich_text_view_activate_link_at (self, &iter);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              AlgaRichTextView         *self)
{
  GtkTextIter iter;
  gboolean hovering;

  hovering = get_iter_at_widget_point (self, x, y, &iter)
             && alga_rich_text_get_link_at (&iter) != NULL;
  if (hovering == self->hovering_link)
    return;

  self->hovering_link = hovering;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hovering ? "pointer" : "text");
}

/* Tab selects the next link, so keyboard users see where they are; at the last link it lets
 * focus move on. */
static gboolean
select_next_link (AlgaRichTextView *self,
                  gboolean          forward)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter sel_start;
  GtkTextIter sel_end;
  GtkTextIter link_start;
  GtkTextIter link_end;

  /* From a selected link, the next one is looked for after its start. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end) && forward)
    gtk_text_iter_forward_char (&sel_start);

  if (!alga_rich_text_find_link (buffer, &sel_start, forward, &link_start, &link_end))
    {
      gtk_text_buffer_place_cursor (buffer, forward ? &sel_end : &sel_start);
      return FALSE;
    }

  gtk_text_buffer_select_range (buffer, &link_start, &link_end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self), &link_start, 0.0, FALSE, 0.0, 0.0);

  return TRUE;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AlgaRichTextView      *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  GtkTextIter iter;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (modifiers != 0)
        return FALSE;
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      return alga_rich_text_view_activate_link_at (self, &iter);

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (modifiers != 0)
        return FALSE;
      return select_next_link (self, TRUE);

    case GDK_KEY_ISO_Left_Tab:
      return select_next_link (self, FALSE);

    default:
      return FALSE;
    }
}

static void
update_colors (AlgaRichTextView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  alga_rich_text_set_dark (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)),
                           adw_style_manager_get_dark (manager));
}

static void
on_style_manager_dark_cb (AdwStyleManager  *manager,
                          GParamSpec       *pspec,
                          AlgaRichTextView *self)
{
  update_colors (self);
}

static void
on_notify_buffer_cb (AlgaRichTextView *self,
                     GParamSpec       *pspec,
                     gpointer          user_data)
{
  update_colors (self);
}

static void
alga_rich_text_view_dispose (GObject *object)
{
  AlgaRichTextView *self = ALGA_RICH_TEXT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (alga_rich_text_view_parent_class)->dispose (object);
}

static void
alga_rich_text_view_class_init (AlgaRichTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_rich_text_view_dispose;

  /**
   * AlgaRichTextView::link-activated:
   * @self: the view
   * @href: the address of the link, as written in the body
   *
   * Emitted when a link is clicked or Enter is pressed on it, before it is opened.
   *
   * Returns: %TRUE to stop the link from being opened
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
alga_rich_text_view_init (AlgaRichTextView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkGesture *click;
  GtkEventController *motion;
  GtkEventController *key;

  self->cancellable = g_cancellable_new ();

  gtk_text_view_set_editable (text_view, FALSE);
  gtk_text_view_set_cursor_visible (text_view, FALSE);
  gtk_text_view_set_wrap_mode (text_view, GTK_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self), "alga-rich-text");

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "alga-link-click");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  gtk_event_controller_set_name (motion, "alga-link-motion");
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  /* In the capture phase, so that Tab reaches links before the view moves focus away. */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (key, "alga-link-keys");
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE,
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_dark_cb), self, 0);
  g_signal_connect (self, "notify::buffer", G_CALLBACK (on_notify_buffer_cb), NULL);
  update_colors (self);
}

/**
 * alga_rich_text_view_new:
 *
 * Creates a view; set "accessible-role" with g_object_new() if the default (a read-only text
 * box) does not fit.
 *
 * Returns: (transfer floating): a new #AlgaRichTextView
 */
GtkWidget *
alga_rich_text_view_new (void)
{
  return g_object_new (ALGA_TYPE_RICH_TEXT_VIEW, NULL);
}

/**
 * alga_rich_text_view_set_text:
 * @self: a view
 * @text: (nullable): a description or comment body
 * @format: how @text is written
 *
 * Shows @text, replacing what was shown; see alga_rich_text_render().
 */
void
alga_rich_text_view_set_text (AlgaRichTextView   *self,
                              const char         *text,
                              AlgaRichTextFormat  format)
{
  g_return_if_fail (ALGA_IS_RICH_TEXT_VIEW (self));

  update_colors (self);
  alga_rich_text_render (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), text, format);
}

/**
 * alga_rich_text_view_set_accessible_label:
 * @self: a view
 * @label: (nullable): what screen readers call the text, e.g. "Comment by Glinda Good"
 */
void
alga_rich_text_view_set_accessible_label (AlgaRichTextView *self,
                                          const char       *label)
{
  g_return_if_fail (ALGA_IS_RICH_TEXT_VIEW (self));

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * alga_rich_text_view_activate_link_at:
 * @self: a view
 * @iter: a position in its buffer
 *
 * Emits #AlgaRichTextView::link-activated for the link at @iter and, unless a handler
 * returns %TRUE, opens it with the desktop's default handler.
 *
 * Returns: whether there was a link at @iter
 */
gboolean
alga_rich_text_view_activate_link_at (AlgaRichTextView  *self,
                                      const GtkTextIter *iter)
{
  const char *href;
  g_autofree char *copy = NULL;

  g_return_val_if_fail (ALGA_IS_RICH_TEXT_VIEW (self), FALSE);

  href = alga_rich_text_get_link_at (iter);
  if (href == NULL || *href == '\0')
    return FALSE;

  /* A handler may render new text, which frees the tag holding href. */
  copy = g_strdup (href);
  open_link (self, copy);

  return TRUE;
}
