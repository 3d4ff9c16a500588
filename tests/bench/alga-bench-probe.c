/* alga-bench-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "alga-bench-probe.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

void
alga_bench_probe_write (const char *what,
                        guint64     value)
{
  const char *fd_text = g_getenv ("ALGA_BENCH_FD");
  char line[128];
  int n;

  if (fd_text == NULL)
    return;

  n = g_snprintf (line, sizeof line, "%s %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT "\n", what,
                  g_get_monotonic_time (), value);
  if (write (atoi (fd_text), line, n) != n)
    g_printerr ("Could not write to ALGA_BENCH_FD\n");

  /* Under alga-bench --callgrind, a start's profile ends at its first frame. */
  if (strcmp (what, "painted") == 0)
    CALLGRIND_DUMP_STATS_AT ("painted");
}

guint64
alga_bench_probe_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}
