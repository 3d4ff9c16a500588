/* alga-soup-logger.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define ALGA_SOUP_LOGGER_DOMAIN "alga-soup-logger"

gboolean  alga_soup_logger_attach (SoupSession *session);
char     *alga_soup_logger_mask   (const char  *text);

G_END_DECLS
