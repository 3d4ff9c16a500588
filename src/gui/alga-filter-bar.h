/* alga-filter-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "alga-filter-popover.h"

G_BEGIN_DECLS

#define ALGA_TYPE_FILTER_BAR (alga_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (AlgaFilterBar, alga_filter_bar, ALGA, FILTER_BAR, GtkBox)

GtkWidget         *alga_filter_bar_new         (void);
AlgaFilterPopover *alga_filter_bar_get_popover (AlgaFilterBar     *self);
void               alga_filter_bar_set_popover (AlgaFilterBar     *self,
                                                AlgaFilterPopover *popover);
void               alga_filter_bar_update      (AlgaFilterBar     *self);

G_END_DECLS
