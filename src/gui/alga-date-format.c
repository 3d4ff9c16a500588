/* alga-date-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every date the app shows is written here, so that the list, the ticket pane, the comments and
 * the time entries say a date the same way. Relative times are counted from the minute clock
 * (alga-minute-clock.c), which moves them on while they are shown.
 */

#define G_LOG_DOMAIN "alga-date-format"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-date-format.h"

static char *
format_local (GDateTime  *when,
              const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (when);
  return g_date_time_format (local, format);
}

/**
 * alga_date_format_relative:
 * @when: (nullable): a time
 * @now: (nullable): the present, from the minute clock; %NULL for the system's
 *
 * Returns: (transfer full): "just now", "5 minutes ago", "3 hours ago", "yesterday", "3 days
 *   ago", or the absolute date for anything a week old or in the future; empty for %NULL
 */
char *
alga_date_format_relative (GDateTime *when,
                           GDateTime *now)
{
  g_autoptr(GDateTime) clock = NULL;
  GTimeSpan span;
  gint64 minutes, hours, days;

  if (when == NULL)
    return g_strdup ("");

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();

  span = g_date_time_difference (now, when);
  /* A server clock a little ahead still says "just now". */
  if (span < -G_TIME_SPAN_MINUTE)
    return alga_date_format_absolute (when);

  minutes = span / G_TIME_SPAN_MINUTE;
  hours = span / G_TIME_SPAN_HOUR;
  days = span / G_TIME_SPAN_DAY;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (hours < 1)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (gulong) minutes), (int) minutes);
  if (days < 1)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) hours), (int) hours);
  if (days < 2)
    return g_strdup (_("yesterday"));
  if (days < 7)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), (int) days);

  return alga_date_format_absolute (when);
}

/**
 * alga_date_format_absolute:
 * @when: (nullable): a time
 *
 * Returns: (transfer full): the day, e.g. "6 Dec 2026"; empty for %NULL
 */
char *
alga_date_format_absolute (GDateTime *when)
{
  /* Translators: a date, see strftime(3): "6 Dec 2026". The same in the list, the ticket and
   * the comments. */
  return format_local (when, _("%-d %b %Y"));
}

/**
 * alga_date_format_with_time:
 * @when: (nullable): a time
 *
 * Returns: (transfer full): the day and the time, e.g. "8 Dec 2026, 17:00"; empty for %NULL
 */
char *
alga_date_format_with_time (GDateTime *when)
{
  /* Translators: a date and a time of day, see strftime(3): "8 Dec 2026, 17:00". */
  return format_local (when, _("%-d %b %Y, %H:%M"));
}

/**
 * alga_date_format_exact:
 * @when: (nullable): a time
 *
 * Returns: (transfer full): the weekday, the day, the time, e.g. "Sunday, 6 December 2026,
 *   20:10", for a tooltip; empty for %NULL
 */
char *
alga_date_format_exact (GDateTime *when)
{
  /* Translators: the exact date and time in a tooltip, see strftime(3). */
  return format_local (when, _("%A, %-d %B %Y, %H:%M"));
}
