/* alga-bench-probe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmark's child processes report to alga-bench: lines "<what> <µs> <value>" on the
 * descriptor named by ALGA_BENCH_FD, times from CLOCK_MONOTONIC (g_get_monotonic_time).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   alga_bench_probe_write   (const char *what,
                                 guint64     value);
/* VmRSS of this process in KiB, from /proc/self/status. */
guint64 alga_bench_probe_rss_kib (void);

G_END_DECLS
