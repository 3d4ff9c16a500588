/* alga-background.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_BACKGROUND (alga_background_get_type ())

G_DECLARE_FINAL_TYPE (AlgaBackground, alga_background, ALGA, BACKGROUND, GObject)

AlgaBackground *alga_background_new              (GApplication         *application);
gboolean        alga_background_get_sandboxed    (AlgaBackground       *self);
void            alga_background_set_hold         (AlgaBackground       *self,
                                                  gboolean              hold);
gboolean        alga_background_get_hold         (AlgaBackground       *self);
char           *alga_background_dup_autostart_path (AlgaBackground     *self);
void            alga_background_request_async    (AlgaBackground       *self,
                                                  gboolean              autostart,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        alga_background_request_finish   (AlgaBackground       *self,
                                                  GAsyncResult         *result,
                                                  gboolean             *out_autostart,
                                                  GError              **error);

G_END_DECLS
