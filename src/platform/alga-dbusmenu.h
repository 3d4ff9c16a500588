/* alga-dbusmenu.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_DBUSMENU (alga_dbusmenu_get_type ())

G_DECLARE_FINAL_TYPE (AlgaDbusmenu, alga_dbusmenu, ALGA, DBUSMENU, GObject)

AlgaDbusmenu *alga_dbusmenu_new                  (void);
gboolean      alga_dbusmenu_export               (AlgaDbusmenu     *self,
                                                  GDBusConnection  *connection,
                                                  const char       *object_path,
                                                  GError          **error);
void          alga_dbusmenu_unexport             (AlgaDbusmenu     *self);
void          alga_dbusmenu_remove_all           (AlgaDbusmenu     *self);
void          alga_dbusmenu_add_item             (AlgaDbusmenu     *self,
                                                  int               id,
                                                  const char       *label);
void          alga_dbusmenu_add_separator        (AlgaDbusmenu     *self,
                                                  int               id);
void          alga_dbusmenu_add_check_item       (AlgaDbusmenu     *self,
                                                  int               id,
                                                  const char       *label,
                                                  gboolean          active);
void          alga_dbusmenu_layout_changed       (AlgaDbusmenu     *self);
void          alga_dbusmenu_set_toggle_state     (AlgaDbusmenu     *self,
                                                  int               id,
                                                  gboolean          active);
guint         alga_dbusmenu_get_revision         (AlgaDbusmenu     *self);
char         *alga_dbusmenu_escape_label         (const char       *text);

G_END_DECLS
