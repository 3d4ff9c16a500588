/* alga-cached-bin.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALGA_TYPE_CACHED_BIN (alga_cached_bin_get_type ())

G_DECLARE_FINAL_TYPE (AlgaCachedBin, alga_cached_bin, ALGA, CACHED_BIN, AdwBin)

/* A bin whose child, once it has drawn the same thing for a moment, is painted from an image of
 * that drawing until it draws something else. Only under GTK's cairo renderer, which otherwise
 * draws the whole child again at every frame of the window, whatever the frame changed. */
GtkWidget *alga_cached_bin_new           (void);

/* Whether the frames paint the child from its image now. */
gboolean   alga_cached_bin_get_from_image (AlgaCachedBin *self);

G_END_DECLS
