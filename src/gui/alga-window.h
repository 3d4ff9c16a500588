/* alga-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-application.h"

G_BEGIN_DECLS

#define ALGA_TYPE_WINDOW (alga_window_get_type ())

G_DECLARE_FINAL_TYPE (AlgaWindow, alga_window, ALGA, WINDOW, AdwApplicationWindow)

AlgaWindow *alga_window_new (AlgaApplication *application);

G_END_DECLS
