/* alga-cached-icon.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALGA_TYPE_CACHED_ICON (alga_cached_icon_get_type ())

G_DECLARE_FINAL_TYPE (AlgaCachedIcon, alga_cached_icon, ALGA, CACHED_ICON, GObject)

/* A themed icon of @size pixels for @widget (its icon theme, scale and direction), drawn by GTK as
 * GTK draws the icon itself, symbolic colours included, once into an image, which every frame
 * then paints from until the colours, size or scale change. */
GdkPaintable *alga_cached_icon_new (GtkWidget  *widget,
                                    const char *icon_name,
                                    int         size);

G_END_DECLS
