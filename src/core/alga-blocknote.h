/* alga-blocknote.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A BlockNote JSON array with one paragraph block per line of text (docs/API.md, Rich text). */
char     *alga_blocknote_from_plain_text (const char *text);
/* A BlockNote JSON array of paragraphs and bullet or numbered list items, as typed text means
 * them: blank lines end paragraphs, "- " and "1. " start list items. */
char     *alga_blocknote_from_typed_text (const char *text);
/* The visible text of a BlockNote JSON document, one line per block; anything that is not a
 * BlockNote array (plain text, markdown) is returned unchanged. NULL gives "". */
char     *alga_blocknote_to_plain_text   (const char *maybe_json);
/* Whether text looks like serialized BlockNote (a JSON array), as the server decides it. */
gboolean  alga_blocknote_is_blocknote    (const char *text);

G_END_DECLS
