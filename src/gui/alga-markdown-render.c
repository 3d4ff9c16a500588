/* alga-markdown-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Markdown through md4c's SAX-style callbacks: blocks open and close buffer lines, spans push
 * and pop inline tags. Raw HTML is shown as text, never interpreted.
 */

#define G_LOG_DOMAIN "alga-markdown-render"

#include "config.h"

#include <md4c.h>

#include "alga-rich-text-private.h"

typedef struct
{
  gboolean ordered;
  guint    next_number;
} List;

typedef struct
{
  AlgaRichTextWriter *writer;
  GArray             *lists;
  guint               quote_depth;
  char               *pending_prefix;
  guint               table_cell;
  int                 image_start;
} State;

static guint
list_depth (State *state)
{
  return state->lists->len;
}

/* A leaf block starts a line that carries the tags of everything it is nested in. The bullet
 * of a list item waits for the item's first line. */
static void
open_leaf_line (State      *state,
                const char *tag)
{
  AlgaRichTextWriter *writer = state->writer;
  /* A top-level list starts at the margin, as in BlockNote; nested ones are indented. */
  guint depth = MAX (list_depth (state), 1) - 1 + state->quote_depth;

  alga_rich_text_writer_open_line (writer);
  alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_tag (writer, tag));
  if (state->quote_depth > 0)
    alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_tag (writer, "quote"));
  if (list_depth (state) > 0)
    alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_tag (writer, "list-item"));
  alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_indent_tag (writer, depth));

  if (state->pending_prefix != NULL)
    {
      g_autofree char *prefix = g_steal_pointer (&state->pending_prefix);
      g_autoptr(GPtrArray) saved = g_ptr_array_copy (writer->inline_tags, NULL, NULL);

      /* The bullet is not part of any span. */
      g_ptr_array_set_size (writer->inline_tags, 0);
      alga_rich_text_writer_insert (writer, prefix, -1);
      g_ptr_array_extend (writer->inline_tags, saved, NULL, NULL);
    }
}

/* An item with nothing of its own before a nested list or its end still shows its bullet. */
static void
flush_pending_prefix (State *state)
{
  if (state->pending_prefix == NULL)
    return;

  open_leaf_line (state, "paragraph");
  alga_rich_text_writer_close_line (state->writer);
}

static int
enter_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  State *state = user_data;
  AlgaRichTextWriter *writer = state->writer;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      flush_pending_prefix (state);
      alga_rich_text_writer_close_line (writer);
      state->quote_depth++;
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      {
        List list = { type == MD_BLOCK_OL, 1 };

        if (type == MD_BLOCK_OL)
          list.next_number = ((MD_BLOCK_OL_DETAIL *) detail)->start;
        flush_pending_prefix (state);
        alga_rich_text_writer_close_line (writer);
        g_array_append_val (state->lists, list);
      }
      break;

    case MD_BLOCK_LI:
      {
        MD_BLOCK_LI_DETAIL *li = detail;
        List *list = NULL;

        if (state->lists->len > 0)
          list = &g_array_index (state->lists, List, state->lists->len - 1);

        flush_pending_prefix (state);
        alga_rich_text_writer_close_line (writer);
        if (li->is_task)
          state->pending_prefix = g_strdup (li->task_mark == ' ' ? "☐ " : "☑ ");
        else if (list != NULL && list->ordered)
          state->pending_prefix = g_strdup_printf ("%u. ", list->next_number);
        else
          state->pending_prefix = g_strdup ("• ");
        if (list != NULL)
          list->next_number++;
      }
      break;

    case MD_BLOCK_HR:
      flush_pending_prefix (state);
      open_leaf_line (state, "paragraph");
      alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_tag (writer, "rule"));
      alga_rich_text_writer_insert (writer, "────────────", -1);
      alga_rich_text_writer_close_line (writer);
      break;

    case MD_BLOCK_H:
      {
        char tag[] = "heading1";

        tag[7] = '0' + (char) CLAMP (((MD_BLOCK_H_DETAIL *) detail)->level, 1, 3);
        open_leaf_line (state, tag);
      }
      break;

    case MD_BLOCK_CODE:
      open_leaf_line (state, "code-block");
      break;

    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
      open_leaf_line (state, "paragraph");
      break;

    case MD_BLOCK_TR:
      open_leaf_line (state, "list-item");
      state->table_cell = 0;
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      if (state->table_cell++ > 0)
        alga_rich_text_writer_insert (writer, " │ ", -1);
      alga_rich_text_writer_push (writer, type == MD_BLOCK_TH
                                          ? alga_rich_text_writer_tag (writer, "bold")
                                          : NULL);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_TABLE:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    default:
      break;
    }

  return 0;
}

static int
leave_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  State *state = user_data;
  AlgaRichTextWriter *writer = state->writer;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      alga_rich_text_writer_close_line (writer);
      if (state->quote_depth > 0)
        state->quote_depth--;
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      alga_rich_text_writer_close_line (writer);
      if (state->lists->len > 0)
        g_array_set_size (state->lists, state->lists->len - 1);
      break;

    case MD_BLOCK_LI:
      flush_pending_prefix (state);
      alga_rich_text_writer_close_line (writer);
      break;

    case MD_BLOCK_H:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
    case MD_BLOCK_TR:
      alga_rich_text_writer_close_line (writer);
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      alga_rich_text_writer_pop (writer);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
    case MD_BLOCK_TABLE:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    default:
      break;
    }

  return 0;
}

/* Addresses found in running text ("www.example.com") have no scheme. */
static char *
dup_href (const MD_ATTRIBUTE *attribute)
{
  g_autofree char *href = g_strndup (attribute->text, attribute->size);

  /* md4c gives an empty destination, "[link]()", as a NULL text (fuzz-rich-text). */
  if (href == NULL)
    return NULL;

  if (g_ascii_strncasecmp (href, "www.", 4) == 0)
    return g_strconcat ("http://", href, NULL);

  return g_steal_pointer (&href);
}

static int
enter_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  State *state = user_data;
  AlgaRichTextWriter *writer = state->writer;
  const char *tag = NULL;

  switch (type)
    {
    case MD_SPAN_EM:
      tag = "italic";
      break;
    case MD_SPAN_STRONG:
      tag = "bold";
      break;
    case MD_SPAN_U:
      tag = "underline";
      break;
    case MD_SPAN_DEL:
      tag = "strike";
      break;
    case MD_SPAN_CODE:
      tag = "code";
      break;

    case MD_SPAN_A:
      {
        g_autofree char *href = dup_href (&((MD_SPAN_A_DETAIL *) detail)->href);

        alga_rich_text_writer_push_link (writer, href);
      }
      return 0;

    case MD_SPAN_IMG:
      {
        g_autofree char *src = dup_href (&((MD_SPAN_IMG_DETAIL *) detail)->src);

        state->image_start = alga_rich_text_writer_get_offset (writer);
        alga_rich_text_writer_push_link (writer, src);
      }
      return 0;

    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    default:
      break;
    }

  alga_rich_text_writer_push (writer, tag != NULL ? alga_rich_text_writer_tag (writer, tag) : NULL);

  return 0;
}

static int
leave_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  State *state = user_data;
  AlgaRichTextWriter *writer = state->writer;

  if (type == MD_SPAN_IMG)
    {
      /* An image without alt text still needs something to click. */
      if (alga_rich_text_writer_get_offset (writer) == state->image_start)
        {
          const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *) detail)->src;

          alga_rich_text_writer_insert (writer, src->text, src->size);
        }
      alga_rich_text_writer_pop_link (writer);
    }
  else if (type == MD_SPAN_A)
    {
      alga_rich_text_writer_pop_link (writer);
    }
  else
    {
      alga_rich_text_writer_pop (writer);
    }

  return 0;
}

/* md4c passes entities verbatim ("&amp;", "&#233;"). Numeric ones and the few names people
 * type are decoded; anything else is shown as written. */
static void
insert_entity (AlgaRichTextWriter *writer,
               const char         *text,
               gsize               size)
{
  static const struct
  {
    const char *name;
    const char *text;
  } names[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" },
    { "&nbsp;", "\u00a0" }, { "&copy;", "©" }, { "&reg;", "®" }, { "&trade;", "™" },
    { "&ndash;", "–" }, { "&mdash;", "—" }, { "&hellip;", "…" }, { "&euro;", "€" },
  };
  g_autofree char *entity = g_strndup (text, size);

  if (size > 3 && entity[1] == '#')
    {
      gboolean hex = entity[2] == 'x' || entity[2] == 'X';
      g_autofree char *digits = g_strndup (entity + (hex ? 3 : 2), size - (hex ? 4 : 3));
      guint64 value;

      if (g_ascii_string_to_unsigned (digits, hex ? 16 : 10, 1, 0x10FFFF, &value, NULL)
          && g_unichar_validate ((gunichar) value))
        {
          char utf8[8] = { 0 };

          g_unichar_to_utf8 ((gunichar) value, utf8);
          alga_rich_text_writer_insert (writer, utf8, -1);
          return;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (entity, names[i].name) == 0)
      {
        alga_rich_text_writer_insert (writer, names[i].text, -1);
        return;
      }

  alga_rich_text_writer_insert (writer, text, size);
}

static int
text_cb (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  State *state = user_data;
  AlgaRichTextWriter *writer = state->writer;

  if (!alga_rich_text_writer_line_is_open (writer) || state->pending_prefix != NULL)
    open_leaf_line (state, "paragraph");

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      alga_rich_text_writer_insert (writer, "\xef\xbf\xbd", -1);
      break;

    /* A soft break is a space to CommonMark, but people writing tickets mean the line break
     * they typed, as in GitHub comments. */
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      alga_rich_text_writer_insert (writer, "\n", 1);
      break;

    case MD_TEXT_ENTITY:
      insert_entity (writer, text, size);
      break;

    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      alga_rich_text_writer_insert (writer, text, size);
      break;
    }

  return 0;
}

/**
 * alga_rich_text_render_markdown:
 * @writer: where to write
 * @text: valid UTF-8
 * @length: the length of @text in bytes
 */
void
alga_rich_text_render_markdown (AlgaRichTextWriter *writer,
                      const char         *text,
                      gsize               length)
{
  const MD_PARSER parser = {
    .abi_version = 0,
    .flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML,
    .enter_block = enter_block_cb,
    .leave_block = leave_block_cb,
    .enter_span = enter_span_cb,
    .leave_span = leave_span_cb,
    .text = text_cb,
  };
  g_autoptr(GArray) lists = g_array_new (FALSE, FALSE, sizeof (List));
  State state = { writer, lists, 0, NULL, 0, -1 };

  if (md_parse (text, (MD_SIZE) MIN (length, G_MAXUINT32), &parser, &state) != 0)
    g_debug ("md4c gave up on a body of %" G_GSIZE_FORMAT " bytes", length);

  g_free (state.pending_prefix);
}
