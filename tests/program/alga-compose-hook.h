/* alga-compose-hook.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void alga_compose_hook_install (GtkApplication *application);

G_END_DECLS
