/* alga-debug-info.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *alga_debug_info_mask_secrets (const char *text);
char *alga_debug_info_collect      (const char *server_url,
                                    const char *user_email,
                                    const char *user_name,
                                    const char *identity);

G_END_DECLS
