/* alga-priority-style.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Paints a priority pill in the priority's own colour from the server ("#RRGGBB"), or, when
 * none is known, by the words of its name (alga_gui_set_priority_class). */
void      alga_priority_style_apply_pill (GtkWidget  *widget,
                                          const char *priority_name,
                                          const char *color);
/* A small dot in the priority's colour, for lists of priorities; hidden without a colour. */
void      alga_priority_style_apply_dot  (GtkWidget  *widget,
                                          const char *color);
/* A factory for lists of AlgaPriority: a dot in the priority's colour, then its name; with a
 * check on the selected one for a combo row's open list. */
GtkListItemFactory *alga_priority_style_new_factory (gboolean with_check);

G_END_DECLS
