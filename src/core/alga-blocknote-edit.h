/* alga-blocknote-edit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The stored rich text after the technician edited its plain text (as
 * alga_blocknote_to_plain_text() showed it): blocks whose text is unchanged stay as they were
 * stored, styles, links and kind included; changed and new lines become blocks as typed text
 * means them. */
char *alga_blocknote_apply_edit (const char *stored,
                                 const char *edited);

G_END_DECLS
