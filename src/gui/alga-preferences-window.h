/* alga-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALGA_TYPE_PREFERENCES_WINDOW (alga_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AlgaPreferencesWindow, alga_preferences_window, ALGA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* A modal window, transient for @parent, that edits the app's settings as they change. */
GtkWidget *alga_preferences_window_new          (GtkWindow             *parent);
GSettings *alga_preferences_window_get_settings (AlgaPreferencesWindow *self);

G_END_DECLS
