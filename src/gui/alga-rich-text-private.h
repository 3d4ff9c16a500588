/* alga-rich-text-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer shared by the BlockNote, markdown and plain renderers: it appends text at the end
 * of a buffer, line by line, with a stack of inline tags and a set of tags for the open line.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "alga-rich-text.h"

G_BEGIN_DECLS

/* Nesting deeper than this is drawn at this depth; JSON deeper than a few times this is not
 * parsed at all, so that hostile input cannot exhaust the stack. */
#define ALGA_RICH_TEXT_MAX_DEPTH 16

/* The text is collected first and put into the buffer in one insertion, with its tags after:
 * a buffer, and any view on it, would otherwise do work for every one of thousands of pieces. */
typedef struct
{
  GtkTextBuffer *buffer;
  GString       *text;
  int            n_chars;
  GArray        *spans;
  GPtrArray     *inline_tags;
  GPtrArray     *line_tags;
  int            line_start;
  gsize          line_start_byte;
} AlgaRichTextWriter;

GtkTextTag *alga_rich_text_writer_tag          (AlgaRichTextWriter *writer,
                                                const char         *name);
GtkTextTag *alga_rich_text_writer_indent_tag   (AlgaRichTextWriter *writer,
                                                guint               depth);
int         alga_rich_text_writer_get_offset   (AlgaRichTextWriter *writer);
void        alga_rich_text_writer_open_line    (AlgaRichTextWriter *writer);
void        alga_rich_text_writer_close_line   (AlgaRichTextWriter *writer);
gboolean    alga_rich_text_writer_line_is_open (AlgaRichTextWriter *writer);
void        alga_rich_text_writer_add_line_tag (AlgaRichTextWriter *writer,
                                                GtkTextTag         *tag);
void        alga_rich_text_writer_insert       (AlgaRichTextWriter *writer,
                                                const char         *text,
                                                gssize              length);
void        alga_rich_text_writer_push         (AlgaRichTextWriter *writer,
                                                GtkTextTag         *tag);
void        alga_rich_text_writer_pop          (AlgaRichTextWriter *writer);
void        alga_rich_text_writer_push_link    (AlgaRichTextWriter *writer,
                                                const char         *href);
void        alga_rich_text_writer_pop_link     (AlgaRichTextWriter *writer);

JsonNode   *alga_rich_text_parse_blocknote     (const char         *text);
void        alga_rich_text_render_blocknote    (AlgaRichTextWriter *writer,
                                                JsonArray          *blocks);
void        alga_rich_text_render_markdown     (AlgaRichTextWriter *writer,
                                                const char         *text,
                                                gsize               length);

G_END_DECLS
