/* alga-rich-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-rich-text"

#include "config.h"

#include "alga-rich-text.h"
#include "alga-rich-text-private.h"

#define HREF_KEY "alga-rich-text-href"
#define LINKS_KEY "alga-rich-text-links"
#define DARK_KEY "alga-rich-text-dark"
#define MAX_LINKS 500

/* BlockNote's named colours; the values are BlockNote's own light and dark palettes, so that
 * a comment looks as it did in the web editor. */
static const struct
{
  const char *name;
  const char *fg_light;
  const char *fg_dark;
  const char *bg_light;
  const char *bg_dark;
} colors[] = {
  { "gray",   "#9b9a97", "#bebdb8", "#ebeced", "#5a5a58" },
  { "brown",  "#64473a", "#a27763", "#e9e5e3", "#64473a" },
  { "red",    "#e03e3e", "#ec4040", "#fbe4e4", "#be3434" },
  { "orange", "#d9730d", "#e3790d", "#f6e9d9", "#b7600a" },
  { "yellow", "#b58b00", "#dfab01", "#fbf3db", "#8a6a00" },
  { "green",  "#4d6461", "#6b8b87", "#ddedea", "#4d6461" },
  { "blue",   "#0b6e99", "#0e87bc", "#ddebf1", "#0b6e99" },
  { "purple", "#6940a5", "#8552d7", "#eae4f2", "#6940a5" },
  { "pink",   "#ad1a72", "#da208f", "#f4dfeb", "#ad1a72" },
};

static void
set_rgba (GtkTextTag *tag,
          const char *property,
          const char *spec)
{
  GdkRGBA rgba;

  if (tag != NULL && gdk_rgba_parse (&rgba, spec))
    g_object_set (tag, property, &rgba, NULL);
}

static void
apply_palette (GtkTextTagTable *table,
               gboolean         dark)
{
  const char *dim = dark ? "rgba(255,255,255,0.62)" : "rgba(0,0,0,0.58)";
  const char *shade = dark ? "rgba(255,255,255,0.09)" : "rgba(0,0,0,0.06)";

  /* The link colours are Adwaita's accent colour as used for links in each style. */
  set_rgba (gtk_text_tag_table_lookup (table, "link"), "foreground-rgba",
            dark ? "#78aeed" : "#1c71d8");
  set_rgba (gtk_text_tag_table_lookup (table, "quote"), "foreground-rgba", dim);
  set_rgba (gtk_text_tag_table_lookup (table, "rule"), "foreground-rgba", dim);
  set_rgba (gtk_text_tag_table_lookup (table, "code"), "background-rgba", shade);
  set_rgba (gtk_text_tag_table_lookup (table, "code-block"), "paragraph-background-rgba", shade);

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      g_autofree char *fg = g_strconcat ("fg-", colors[i].name, NULL);
      g_autofree char *bg = g_strconcat ("bg-", colors[i].name, NULL);

      set_rgba (gtk_text_tag_table_lookup (table, fg), "foreground-rgba",
                dark ? colors[i].fg_dark : colors[i].fg_light);
      set_rgba (gtk_text_tag_table_lookup (table, bg), "background-rgba",
                dark ? colors[i].bg_dark : colors[i].bg_light);
    }
}

/* Tags are looked up by name, so a buffer gets them once however often it is rendered into.
 * The order of creation is the order of priority: indentation comes last so that it wins over
 * the margin of a quote. */
static void
ensure_tags (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  if (gtk_text_tag_table_lookup (table, "bold") != NULL)
    return;

  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "heading1",
                              "scale", 1.6, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 12, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "heading2",
                              "scale", 1.4, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 10, "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "heading3",
                              "scale", 1.2, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 8, "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "list-item", "pixels-below-lines", 3, NULL);
  gtk_text_buffer_create_tag (buffer, "quote",
                              "left-margin", 24, "style", PANGO_STYLE_ITALIC,
                              "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "code-block",
                              "family", "monospace", "wrap-mode", GTK_WRAP_CHAR,
                              "left-margin", 8, "right-margin", 8,
                              "pixels-below-lines", 0, NULL);
  /* The paragraph background covers these pixels, which pads the block like a box. */
  gtk_text_buffer_create_tag (buffer, "code-block-first", "pixels-above-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "code-block-last", "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "rule", NULL);
  gtk_text_buffer_create_tag (buffer, "align-center", "justification", GTK_JUSTIFY_CENTER, NULL);
  gtk_text_buffer_create_tag (buffer, "align-right", "justification", GTK_JUSTIFY_RIGHT, NULL);
  gtk_text_buffer_create_tag (buffer, "align-justify", "justification", GTK_JUSTIFY_FILL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      g_autofree char *bg = g_strconcat ("bg-", colors[i].name, NULL);

      gtk_text_buffer_create_tag (buffer, bg, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      g_autofree char *fg = g_strconcat ("fg-", colors[i].name, NULL);

      gtk_text_buffer_create_tag (buffer, fg, NULL);
    }

  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "underline", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "strike", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace", NULL);
  gtk_text_buffer_create_tag (buffer, "link", "underline", PANGO_UNDERLINE_SINGLE, NULL);

  for (guint depth = 1; depth <= ALGA_RICH_TEXT_MAX_DEPTH; depth++)
    {
      g_autofree char *name = g_strdup_printf ("indent-%u", depth);

      gtk_text_buffer_create_tag (buffer, name, "left-margin", 24 * (int) depth, NULL);
    }

  apply_palette (table, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), DARK_KEY)));
}

/* Link tags are anonymous, one per link, and die with the text they were made for. */
static void
remove_link_tags (GtkTextBuffer *buffer)
{
  GPtrArray *links = g_object_get_data (G_OBJECT (buffer), LINKS_KEY);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  if (links == NULL)
    return;

  /* Newest first: the table renumbers the priorities above a removed tag. */
  for (guint i = links->len; i > 0; i--)
    gtk_text_tag_table_remove (table, g_ptr_array_index (links, i - 1));
  g_ptr_array_set_size (links, 0);
}

GtkTextTag *
alga_rich_text_writer_tag (AlgaRichTextWriter *writer,
                           const char         *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (writer->buffer), name);
}

GtkTextTag *
alga_rich_text_writer_indent_tag (AlgaRichTextWriter *writer,
                                  guint               depth)
{
  char name[32];

  if (depth == 0)
    return NULL;

  g_snprintf (name, sizeof name, "indent-%u", MIN (depth, ALGA_RICH_TEXT_MAX_DEPTH));
  return alga_rich_text_writer_tag (writer, name);
}

typedef struct
{
  GtkTextTag *tag;
  int         start;
  int         end;
} Span;

/* Spans of a tag that touch are merged, so that a run of bold words is one tag application. */
static void
add_span (AlgaRichTextWriter *writer,
          GtkTextTag         *tag,
          int                 start,
          int                 end)
{
  Span span = { tag, start, end };

  if (tag == NULL || start >= end)
    return;

  for (guint i = writer->spans->len, looked = 0; i > 0 && looked < 8; i--, looked++)
    {
      Span *last = &g_array_index (writer->spans, Span, i - 1);

      if (last->tag == tag && last->end == start)
        {
          last->end = end;
          return;
        }
    }

  g_array_append_val (writer->spans, span);
}

int
alga_rich_text_writer_get_offset (AlgaRichTextWriter *writer)
{
  return writer->n_chars;
}

gboolean
alga_rich_text_writer_line_is_open (AlgaRichTextWriter *writer)
{
  return writer->line_start >= 0;
}

void
alga_rich_text_writer_open_line (AlgaRichTextWriter *writer)
{
  if (alga_rich_text_writer_line_is_open (writer))
    alga_rich_text_writer_close_line (writer);

  writer->line_start = writer->n_chars;
  writer->line_start_byte = writer->text->len;
  g_ptr_array_set_size (writer->line_tags, 0);
}

void
alga_rich_text_writer_add_line_tag (AlgaRichTextWriter *writer,
                                    GtkTextTag         *tag)
{
  if (tag != NULL)
    g_ptr_array_add (writer->line_tags, tag);
}

/* A code block is several buffer lines; only its first and last get the padding. */
static void
pad_code_block (AlgaRichTextWriter *writer)
{
  const char *text = writer->text->str + writer->line_start_byte;
  const char *end = writer->text->str + writer->text->len;
  const char *first_end = memchr (text, '\n', end - text);
  const char *last_start = end - 1;

  while (last_start > text && last_start[-1] != '\n')
    last_start--;

  add_span (writer, alga_rich_text_writer_tag (writer, "code-block-first"), writer->line_start,
            writer->line_start + (int) g_utf8_strlen (text, first_end - text) + 1);
  add_span (writer, alga_rich_text_writer_tag (writer, "code-block-last"),
            writer->n_chars - (int) g_utf8_strlen (last_start, end - last_start),
            writer->n_chars);
}

/* Paragraph tags cover the line including its newline: GtkTextView takes a paragraph's
 * margins and background from the tags there. A code block brings its own last newline. */
void
alga_rich_text_writer_close_line (AlgaRichTextWriter *writer)
{
  if (!alga_rich_text_writer_line_is_open (writer))
    return;

  if (writer->n_chars == writer->line_start || writer->text->str[writer->text->len - 1] != '\n')
    {
      g_string_append_c (writer->text, '\n');
      writer->n_chars++;
    }

  for (guint i = 0; i < writer->line_tags->len; i++)
    add_span (writer, g_ptr_array_index (writer->line_tags, i), writer->line_start,
              writer->n_chars);

  if (g_ptr_array_find (writer->line_tags, alga_rich_text_writer_tag (writer, "code-block"), NULL))
    pad_code_block (writer);

  writer->line_start = -1;
  g_ptr_array_set_size (writer->line_tags, 0);
}

void
alga_rich_text_writer_insert (AlgaRichTextWriter *writer,
                              const char         *text,
                              gssize              length)
{
  int start;

  if (length < 0)
    length = strlen (text);
  if (length == 0)
    return;

  if (!alga_rich_text_writer_line_is_open (writer))
    alga_rich_text_writer_open_line (writer);

  start = writer->n_chars;
  g_string_append_len (writer->text, text, length);
  writer->n_chars += (int) g_utf8_strlen (text, length);

  for (guint i = 0; i < writer->inline_tags->len; i++)
    add_span (writer, g_ptr_array_index (writer->inline_tags, i), start, writer->n_chars);
}

/* Editors leave empty blocks at the end, and every line closes with a newline: the text ends
 * at its last visible character. */
static void
flush (AlgaRichTextWriter *writer)
{
  GtkTextIter start;
  GtkTextIter end;

  alga_rich_text_writer_close_line (writer);

  while (writer->text->len > 0 && writer->text->str[writer->text->len - 1] == '\n')
    {
      g_string_truncate (writer->text, writer->text->len - 1);
      writer->n_chars--;
    }

  gtk_text_buffer_get_start_iter (writer->buffer, &start);
  gtk_text_buffer_insert (writer->buffer, &start, writer->text->str, writer->text->len);

  for (guint i = 0; i < writer->spans->len; i++)
    {
      Span *span = &g_array_index (writer->spans, Span, i);

      if (span->start >= writer->n_chars)
        continue;
      gtk_text_buffer_get_iter_at_offset (writer->buffer, &start, span->start);
      gtk_text_buffer_get_iter_at_offset (writer->buffer, &end, MIN (span->end, writer->n_chars));
      gtk_text_buffer_apply_tag (writer->buffer, span->tag, &start, &end);
    }
}

/* A NULL tag may be pushed, so that every push can be paired with a pop. */
void
alga_rich_text_writer_push (AlgaRichTextWriter *writer,
                            GtkTextTag         *tag)
{
  g_ptr_array_add (writer->inline_tags, tag);
}

void
alga_rich_text_writer_pop (AlgaRichTextWriter *writer)
{
  if (writer->inline_tags->len > 0)
    g_ptr_array_set_size (writer->inline_tags, writer->inline_tags->len - 1);
}

void
alga_rich_text_writer_push_link (AlgaRichTextWriter *writer,
                                 const char         *href)
{
  GPtrArray *links = g_object_get_data (G_OBJECT (writer->buffer), LINKS_KEY);
  GtkTextTag *tag;

  if (links == NULL)
    {
      links = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (writer->buffer), LINKS_KEY, links,
                              (GDestroyNotify) g_ptr_array_unref);
    }

  /* Each link is a tag of its own, and a GtkTextBuffer slows down with every tag it holds;
   * past this many, a hostile body gets its text without links. */
  if (links->len >= MAX_LINKS)
    {
      alga_rich_text_writer_push (writer, NULL);
      alga_rich_text_writer_push (writer, NULL);
      return;
    }

  tag = gtk_text_buffer_create_tag (writer->buffer, NULL, NULL);
  g_object_set_data_full (G_OBJECT (tag), HREF_KEY, g_strdup (href != NULL ? href : ""), g_free);
  g_ptr_array_add (links, g_object_ref (tag));

  alga_rich_text_writer_push (writer, alga_rich_text_writer_tag (writer, "link"));
  alga_rich_text_writer_push (writer, tag);
}

void
alga_rich_text_writer_pop_link (AlgaRichTextWriter *writer)
{
  alga_rich_text_writer_pop (writer);
  alga_rich_text_writer_pop (writer);
}

static gboolean
is_url_char (gunichar c)
{
  return !g_unichar_isspace (c) && c != '<' && c != '>' && c != '"' && c != '`'
         && !g_unichar_iscntrl (c);
}

/* Plain text keeps its line breaks; bare http(s) addresses in it become links, since
 * technicians paste them into comments and expect them to open. */
static void
render_plain (AlgaRichTextWriter *writer,
              const char         *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *http = strstr (p, "http");
      const char *end;
      const char *scheme_end;

      if (http == NULL)
        break;

      if (g_str_has_prefix (http, "https://"))
        scheme_end = http + 8;
      else if (g_str_has_prefix (http, "http://"))
        scheme_end = http + 7;
      else
        scheme_end = NULL;

      if (scheme_end == NULL
          || (http > text && g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (http)))))
        {
          alga_rich_text_writer_insert (writer, p, http + 4 - p);
          p = http + 4;
          continue;
        }

      end = scheme_end;
      while (*end != '\0' && is_url_char (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      /* Trailing punctuation ends the sentence, not the address. */
      while (end > scheme_end && strchr (".,;:!?)]}'", end[-1]) != NULL)
        end--;

      alga_rich_text_writer_insert (writer, p, http - p);
      if (end == scheme_end)
        {
          alga_rich_text_writer_insert (writer, http, end - http);
        }
      else
        {
          g_autofree char *href = g_strndup (http, end - http);

          alga_rich_text_writer_push_link (writer, href);
          alga_rich_text_writer_insert (writer, href, -1);
          alga_rich_text_writer_pop_link (writer);
        }
      p = end;
    }

  alga_rich_text_writer_insert (writer, p, -1);
}

/* Deeply nested JSON would recurse in the parser and in the renderer: refuse it before
 * parsing, with a linear scan that skips strings. */
static gboolean
json_depth_ok (const char *text)
{
  const guint max_depth = ALGA_RICH_TEXT_MAX_DEPTH * 8;
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/**
 * alga_rich_text_parse_blocknote:
 * @text: valid UTF-8
 *
 * Returns: (transfer full) (nullable): the document when @text is a non-empty JSON array
 *   whose items are all objects with a string "type", else %NULL
 */
JsonNode *
alga_rich_text_parse_blocknote (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *p = text;
  JsonNode *root;
  JsonArray *array;

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '[' || !json_depth_ok (p))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, p, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  if (json_array_get_length (array) == 0)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonNode *type;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return NULL;
      type = json_object_get_member (json_node_get_object (item), "type");
      if (type == NULL || json_node_get_value_type (type) != G_TYPE_STRING)
        return NULL;
    }

  return json_node_ref (root);
}

/**
 * alga_rich_text_detect_format:
 * @text: (nullable): a description or comment body
 *
 * Returns: %ALGA_RICH_TEXT_FORMAT_BLOCKNOTE or %ALGA_RICH_TEXT_FORMAT_PLAIN
 */
AlgaRichTextFormat
alga_rich_text_detect_format (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (text == NULL)
    return ALGA_RICH_TEXT_FORMAT_PLAIN;

  valid = g_utf8_make_valid (text, -1);
  root = alga_rich_text_parse_blocknote (valid);

  return root != NULL ? ALGA_RICH_TEXT_FORMAT_BLOCKNOTE : ALGA_RICH_TEXT_FORMAT_PLAIN;
}

/**
 * alga_rich_text_render:
 * @buffer: the buffer to fill; its text is replaced
 * @text: (nullable): a description or comment body
 * @format: how @text is written
 *
 * Fills @buffer with @text and tags named after what they do (bold, italic, underline, strike,
 * code, heading1–3, paragraph, quote, list-item, code-block, link, indent-1…, fg-/bg-<colour>).
 * Each link also gets an anonymous tag carrying its address, see alga_rich_text_get_link_at().
 * Text that is not what @format says is shown as plain text.
 */
void
alga_rich_text_render (GtkTextBuffer      *buffer,
                       const char         *text,
                       AlgaRichTextFormat  format)
{
  g_autoptr(GString) collected = g_string_new (NULL);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GPtrArray) inline_tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) line_tags = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *valid = NULL;
  AlgaRichTextWriter writer = { buffer, collected, 0, spans, inline_tags, line_tags, -1, 0 };
  GtkTextIter start;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  ensure_tags (buffer);
  gtk_text_buffer_set_text (buffer, "", 0);
  remove_link_tags (buffer);

  if (text == NULL || *text == '\0')
    return;

  valid = g_utf8_make_valid (text, -1);

  if (format == ALGA_RICH_TEXT_FORMAT_AUTO || format == ALGA_RICH_TEXT_FORMAT_BLOCKNOTE)
    root = alga_rich_text_parse_blocknote (valid);

  if (root != NULL)
    alga_rich_text_render_blocknote (&writer, json_node_get_array (root));
  else if (format == ALGA_RICH_TEXT_FORMAT_MARKDOWN)
    alga_rich_text_render_markdown (&writer, valid, strlen (valid));
  else
    render_plain (&writer, valid);

  flush (&writer);

  /* The cursor followed the inserted text; Tab looks for links from it. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

/**
 * alga_rich_text_set_dark:
 * @buffer: a buffer alga_rich_text_render() has filled, or will
 * @dark: whether the text is shown on a dark background
 *
 * Picks the colours of links, quotes, code and BlockNote colours for the style in use.
 */
void
alga_rich_text_set_dark (GtkTextBuffer *buffer,
                         gboolean       dark)
{
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  g_object_set_data (G_OBJECT (buffer), DARK_KEY, GINT_TO_POINTER (!!dark));
  if (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "bold") != NULL)
    apply_palette (gtk_text_buffer_get_tag_table (buffer), dark);
}

static const char *
link_of_tag (GtkTextTag *tag)
{
  return g_object_get_data (G_OBJECT (tag), HREF_KEY);
}

/**
 * alga_rich_text_get_link_at:
 * @iter: a position in a rendered buffer
 *
 * Returns: (nullable): the address of the link at @iter, owned by the buffer's tag
 */
const char *
alga_rich_text_get_link_at (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *href = link_of_tag (l->data);

      if (href != NULL)
        return href;
    }

  return NULL;
}

static GtkTextTag *
link_tag_starting_at (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_toggled_tags (iter, TRUE);

  for (GSList *l = tags; l != NULL; l = l->next)
    if (link_of_tag (l->data) != NULL)
      return l->data;

  return NULL;
}

/**
 * alga_rich_text_find_link:
 * @buffer: a rendered buffer
 * @from: where to start looking
 * @forward: whether to look after @from or before it
 * @link_start: (out): where the link found starts
 * @link_end: (out): where it ends
 *
 * Finds the first link that starts at or after @from, or the last one that starts before it:
 * what keyboard users step through with Tab.
 *
 * Returns: whether there is one
 */
gboolean
alga_rich_text_find_link (GtkTextBuffer     *buffer,
                          const GtkTextIter *from,
                          gboolean           forward,
                          GtkTextIter       *link_start,
                          GtkTextIter       *link_end)
{
  GtkTextIter iter = *from;
  GtkTextTag *tag = NULL;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  if (forward)
    tag = link_tag_starting_at (&iter);

  while (tag == NULL)
    {
      gboolean moved = forward
                       ? gtk_text_iter_forward_to_tag_toggle (&iter, NULL)
                       : gtk_text_iter_backward_to_tag_toggle (&iter, NULL);

      if (!moved)
        return FALSE;
      tag = link_tag_starting_at (&iter);
    }

  *link_start = iter;
  *link_end = iter;
  gtk_text_iter_forward_to_tag_toggle (link_end, tag);

  return TRUE;
}
