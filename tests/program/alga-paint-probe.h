/* alga-paint-probe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void alga_paint_probe_install (GtkApplication *application);

G_END_DECLS
