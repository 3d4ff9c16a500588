/* alga-toast-queue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void alga_toast_queue_add (AdwToastOverlay *overlay,
                           AdwToast        *toast);

G_END_DECLS
