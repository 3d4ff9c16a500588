/* alga-views-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "alga-account.h"
#include "alga-view.h"

G_BEGIN_DECLS

#define ALGA_TYPE_VIEWS_SIDEBAR (alga_views_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (AlgaViewsSidebar, alga_views_sidebar, ALGA, VIEWS_SIDEBAR, GtkBox)

GtkWidget *alga_views_sidebar_new         (void);
void       alga_views_sidebar_set_account (AlgaViewsSidebar *self,
                                           AlgaAccount      *account);
void       alga_views_sidebar_set_view    (AlgaViewsSidebar *self,
                                           AlgaView          view);
void       alga_views_sidebar_load_counts (AlgaViewsSidebar *self,
                                           gboolean          shown_too);
void       alga_views_sidebar_set_count   (AlgaViewsSidebar *self,
                                           AlgaView          view,
                                           guint             count);
int        alga_views_sidebar_get_count   (AlgaViewsSidebar *self,
                                           AlgaView          view);

G_END_DECLS
