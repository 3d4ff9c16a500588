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

  adw_toast_overlay_add_toast (overlay, toast);
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
  adw_toast_overlay_add_toast (overlay, adw_toast_new (escaped));
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
 * alga_gui_format_relative:
 * @when: (nullable): a time
 * @now: (nullable): the present, or %NULL for the clock
 *
 * "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date.
 *
 * Returns: (transfer full): the text, empty for %NULL
 */
char *
alga_gui_format_relative (GDateTime *when,
                          GDateTime *now)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan span;
  gint64 minutes, hours, days;

  if (when == NULL)
    return g_strdup ("");

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();

  span = g_date_time_difference (now, when);
  minutes = span / G_TIME_SPAN_MINUTE;
  hours = span / G_TIME_SPAN_HOUR;
  days = span / G_TIME_SPAN_DAY;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (hours < 1)
    return g_strdup_printf (ngettext ("%d min ago", "%d min ago", (gulong) minutes), (int) minutes);
  if (days < 1)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) hours), (int) hours);
  if (days < 2)
    return g_strdup (_("yesterday"));
  if (days < 7)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), (int) days);

  local = g_date_time_to_local (when);
  /* Translators: a date in the ticket list, see strftime(3). */
  return g_date_time_format (local, _("%e %b %Y"));
}

/**
 * alga_gui_format_date_time:
 * @when: (nullable): a time
 *
 * A full date and time in the local time zone, for detail views.
 *
 * Returns: (transfer full): the text, empty for %NULL
 */
char *
alga_gui_format_date_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (when);
  /* Translators: a date and time, see strftime(3). */
  return g_date_time_format (local, _("%e %B %Y, %H:%M"));
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
