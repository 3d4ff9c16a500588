/* alga-gui-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char     *alga_gui_error_message     (const GError *error);
void      alga_gui_add_toast         (GtkWidget    *widget,
                                      AdwToast     *toast);
void      alga_gui_show_toast        (GtkWidget    *widget,
                                      const char   *title);
void      alga_gui_show_error_toast  (GtkWidget    *widget,
                                      const char   *what_failed,
                                      const GError *error);
void      alga_gui_set_row_value     (AdwActionRow *row,
                                      const char   *value);
gboolean  alga_gui_error_is_cancelled (const GError *error);
void      alga_gui_set_priority_class (GtkWidget    *widget,
                                       const char   *priority_name);
void      alga_gui_popup_row         (GtkWidget    *row);
void      alga_gui_scroll_into_view  (GtkWidget    *from,
                                      GtkWidget    *to);
void      alga_gui_scroll_to_focus   (GtkScrolledWindow *scrolled,
                                      GtkWidget         *focus);
void      alga_gui_open_uri          (GtkWidget    *widget,
                                      const char   *uri);
void      alga_gui_settings_update   (GSettings    *settings,
                                      const char   *key,
                                      GVariant     *value);
void      alga_gui_read_icon_theme_in_thread (GdkDisplay *display);
/* Before GTK starts. */
void      alga_gui_choose_renderer   (void);

G_END_DECLS
