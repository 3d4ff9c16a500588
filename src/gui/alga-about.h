/* alga-about.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void alga_about_show (GtkWindow  *parent,
                      const char *server_url,
                      const char *user_email,
                      const char *user_name,
                      const char *identity);

G_END_DECLS
