/* alga-rich-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * AlgaRichTextFormat:
 * @ALGA_RICH_TEXT_FORMAT_AUTO: BlockNote if the text is a JSON array of typed objects, else
 *   plain text; never markdown, since plain text may contain stars
 * @ALGA_RICH_TEXT_FORMAT_BLOCKNOTE: a serialized BlockNote document (plain text if it is not one)
 * @ALGA_RICH_TEXT_FORMAT_MARKDOWN: CommonMark with the GitHub extensions
 * @ALGA_RICH_TEXT_FORMAT_PLAIN: text shown as is, line breaks kept
 *
 * How a ticket description or comment body is written (docs/API.md, Rich text).
 */
typedef enum
{
  ALGA_RICH_TEXT_FORMAT_AUTO,
  ALGA_RICH_TEXT_FORMAT_BLOCKNOTE,
  ALGA_RICH_TEXT_FORMAT_MARKDOWN,
  ALGA_RICH_TEXT_FORMAT_PLAIN,
} AlgaRichTextFormat;

AlgaRichTextFormat  alga_rich_text_detect_format   (const char         *text);
void                alga_rich_text_render          (GtkTextBuffer      *buffer,
                                                    const char         *text,
                                                    AlgaRichTextFormat  format);
void                alga_rich_text_set_dark        (GtkTextBuffer      *buffer,
                                                    gboolean            dark);
const char         *alga_rich_text_get_link_at     (const GtkTextIter  *iter);
gboolean            alga_rich_text_find_link       (GtkTextBuffer      *buffer,
                                                    const GtkTextIter  *from,
                                                    gboolean            forward,
                                                    GtkTextIter        *link_start,
                                                    GtkTextIter        *link_end);

G_END_DECLS
