/* alga-blocknote-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BlockNote documents (https://www.blocknotejs.org/docs/foundations/document-structure) as
 * GtkTextBuffer lines. Anything of an unexpected type is skipped, never trusted.
 */

#define G_LOG_DOMAIN "alga-blocknote-render"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-rich-text-private.h"

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

/* BlockNote writes booleans, but props that went through HTML come back as strings. */
static gboolean
get_flag (JsonObject *object,
          const char *name)
{
  JsonNode *node;
  GType type;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (node), "true") == 0;

  return FALSE;
}

static gint64
get_int (JsonObject *object,
         const char *name,
         gint64      fallback)
{
  JsonNode *node;
  GType type;
  gint64 value;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL)
    return fallback;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64) CLAMP (json_node_get_double (node), G_MININT32, G_MAXINT32);
  if (type == G_TYPE_STRING
      && g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT32, G_MAXINT32,
                                   &value, NULL))
    return value;

  return fallback;
}

/* Pushes the tag for a BlockNote colour ("red", …); "default" and unknown names push nothing
 * visible. Returns the number of pushes, for the caller to pop. */
static guint
push_color (AlgaRichTextWriter *writer,
            const char         *prefix,
            const char         *color)
{
  g_autofree char *name = NULL;

  if (color == NULL || g_strcmp0 (color, "default") == 0)
    return 0;

  name = g_strconcat (prefix, color, NULL);
  alga_rich_text_writer_push (writer, alga_rich_text_writer_tag (writer, name));

  return 1;
}

static void render_inline (AlgaRichTextWriter *writer,
                           JsonNode           *content);

static void
render_text_item (AlgaRichTextWriter *writer,
                  JsonObject         *item)
{
  static const struct
  {
    const char *style;
    const char *tag;
  } styles[] = {
    { "bold", "bold" },
    { "italic", "italic" },
    { "underline", "underline" },
    { "strike", "strike" },
    { "strikethrough", "strike" },
    { "code", "code" },
  };
  JsonObject *style = get_object (item, "styles");
  const char *text = get_string (item, "text");
  guint pushed = 0;

  if (text == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (get_flag (style, styles[i].style))
      {
        alga_rich_text_writer_push (writer, alga_rich_text_writer_tag (writer, styles[i].tag));
        pushed++;
      }
  pushed += push_color (writer, "fg-", get_string (style, "textColor"));
  pushed += push_color (writer, "bg-", get_string (style, "backgroundColor"));

  alga_rich_text_writer_insert (writer, text, -1);

  while (pushed-- > 0)
    alga_rich_text_writer_pop (writer);
}

static void
render_inline_item (AlgaRichTextWriter *writer,
                    JsonNode           *node)
{
  JsonObject *item;
  JsonObject *props;
  const char *type;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      alga_rich_text_writer_insert (writer, json_node_get_string (node), -1);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  item = json_node_get_object (node);
  props = get_object (item, "props");
  type = get_string (item, "type");

  if (g_strcmp0 (type, "link") == 0)
    {
      alga_rich_text_writer_push_link (writer, get_string (item, "href"));
      render_inline (writer, json_object_get_member (item, "content"));
      alga_rich_text_writer_pop_link (writer);
    }
  else if (g_strcmp0 (type, "mention") == 0)
    {
      const char *names[] = { "displayName", "name", "title", "user", "username", "label" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          const char *name = get_string (props, names[i]);

          if (name != NULL && *name != '\0')
            {
              g_autofree char *mention = g_strconcat ("@", name, NULL);

              alga_rich_text_writer_push (writer, alga_rich_text_writer_tag (writer, "bold"));
              alga_rich_text_writer_insert (writer, mention, -1);
              alga_rich_text_writer_pop (writer);
              break;
            }
        }
    }
  else if (get_string (item, "text") != NULL)
    {
      render_text_item (writer, item);
    }
  else
    {
      /* An inline type of a newer BlockNote: keep whatever text it holds. */
      render_inline (writer, json_object_get_member (item, "content"));
    }
}

static void
render_inline (AlgaRichTextWriter *writer,
               JsonNode           *content)
{
  JsonArray *items;

  if (content == NULL)
    return;

  if (json_node_get_value_type (content) == G_TYPE_STRING)
    {
      alga_rich_text_writer_insert (writer, json_node_get_string (content), -1);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (content))
    return;

  items = json_node_get_array (content);
  for (guint i = 0; i < json_array_get_length (items); i++)
    render_inline_item (writer, json_array_get_element (items, i));
}

static void
add_block_line_tags (AlgaRichTextWriter *writer,
                     const char         *tag,
                     guint               depth,
                     JsonObject         *props)
{
  const char *alignment = get_string (props, "textAlignment");

  alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_tag (writer, tag));
  alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_indent_tag (writer, depth));

  if (g_strcmp0 (alignment, "center") == 0)
    alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_tag (writer, "align-center"));
  else if (g_strcmp0 (alignment, "right") == 0)
    alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_tag (writer, "align-right"));
  else if (g_strcmp0 (alignment, "justify") == 0)
    alga_rich_text_writer_add_line_tag (writer, alga_rich_text_writer_tag (writer, "align-justify"));
}

/* Cells are arrays of inline content in older documents and tableCell objects in newer ones. */
static void
render_table (AlgaRichTextWriter *writer,
              JsonObject         *block,
              guint               depth)
{
  JsonObject *table = get_object (block, "content");
  JsonArray *rows = get_array (table, "rows");
  gint64 header_rows = get_int (table, "headerRows", get_int (get_object (block, "props"),
                                                              "headerRows", 0));

  if (rows == NULL)
    return;

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonNode *row = json_array_get_element (rows, r);
      JsonArray *cells;

      if (!JSON_NODE_HOLDS_OBJECT (row)
          || (cells = get_array (json_node_get_object (row), "cells")) == NULL)
        continue;

      alga_rich_text_writer_open_line (writer);
      add_block_line_tags (writer, r + 1 == json_array_get_length (rows) ? "paragraph" : "list-item",
                           depth, NULL);
      alga_rich_text_writer_push (writer,
                                  r < header_rows ? alga_rich_text_writer_tag (writer, "bold") : NULL);

      for (guint c = 0; c < json_array_get_length (cells); c++)
        {
          JsonNode *cell = json_array_get_element (cells, c);

          if (c > 0)
            alga_rich_text_writer_insert (writer, " │ ", -1);
          if (JSON_NODE_HOLDS_OBJECT (cell))
            render_inline (writer, json_object_get_member (json_node_get_object (cell), "content"));
          else
            render_inline (writer, cell);
        }

      alga_rich_text_writer_pop (writer);
      alga_rich_text_writer_close_line (writer);
    }
}

static void
render_media (AlgaRichTextWriter *writer,
              JsonObject         *props)
{
  const char *url = get_string (props, "url");
  const char *caption = get_string (props, "caption");
  const char *name = get_string (props, "name");
  const char *label = caption != NULL && *caption != '\0' ? caption
                      : name != NULL && *name != '\0' ? name
                      : url;
  g_autofree char *text = NULL;

  if (label == NULL || *label == '\0')
    return;

  /* Translators: an image or file attached inside a comment; %s is its caption or name. */
  text = g_strdup_printf (_("Attachment: %s"), label);
  if (url != NULL && *url != '\0')
    alga_rich_text_writer_push_link (writer, url);
  alga_rich_text_writer_insert (writer, text, -1);
  if (url != NULL && *url != '\0')
    alga_rich_text_writer_pop_link (writer);
}

static void render_blocks (AlgaRichTextWriter *writer,
                           JsonArray          *blocks,
                           guint               depth);

static void
render_block (AlgaRichTextWriter *writer,
              JsonObject         *block,
              guint               depth,
              guint               number)
{
  JsonObject *props = get_object (block, "props");
  const char *type = get_string (block, "type");
  JsonArray *children = get_array (block, "children");
  guint pushed = 0;

  if (type == NULL)
    return;

  if (g_strcmp0 (type, "table") == 0)
    {
      render_table (writer, block, depth);
    }
  else
    {
      alga_rich_text_writer_open_line (writer);

      if (g_strcmp0 (type, "heading") == 0)
        {
          char tag[] = "heading1";

          tag[7] = '0' + (char) CLAMP (get_int (props, "level", 1), 1, 3);
          add_block_line_tags (writer, tag, depth, props);
        }
      else if (g_strcmp0 (type, "bulletListItem") == 0 || g_strcmp0 (type, "toggleListItem") == 0)
        {
          add_block_line_tags (writer, "list-item", depth, props);
          alga_rich_text_writer_insert (writer, "• ", -1);
        }
      else if (g_strcmp0 (type, "numberedListItem") == 0)
        {
          g_autofree char *prefix = g_strdup_printf ("%u. ", number);

          add_block_line_tags (writer, "list-item", depth, props);
          alga_rich_text_writer_insert (writer, prefix, -1);
        }
      else if (g_strcmp0 (type, "checkListItem") == 0)
        {
          add_block_line_tags (writer, "list-item", depth, props);
          alga_rich_text_writer_insert (writer, get_flag (props, "checked") ? "☑ " : "☐ ", -1);
        }
      else if (g_strcmp0 (type, "quote") == 0)
        {
          add_block_line_tags (writer, "quote", depth > 0 ? depth + 1 : 0, props);
        }
      else if (g_strcmp0 (type, "codeBlock") == 0)
        {
          add_block_line_tags (writer, "code-block", depth, NULL);
        }
      else if (g_strcmp0 (type, "divider") == 0 || g_strcmp0 (type, "pageBreak") == 0)
        {
          add_block_line_tags (writer, "rule", depth, NULL);
          alga_rich_text_writer_add_line_tag (writer,
                                              alga_rich_text_writer_tag (writer, "paragraph"));
          alga_rich_text_writer_insert (writer, "────────────", -1);
        }
      else
        {
          add_block_line_tags (writer, "paragraph", depth, props);
        }

      pushed += push_color (writer, "fg-", get_string (props, "textColor"));
      pushed += push_color (writer, "bg-", get_string (props, "backgroundColor"));

      if (g_strcmp0 (type, "image") == 0 || g_strcmp0 (type, "file") == 0
          || g_strcmp0 (type, "video") == 0 || g_strcmp0 (type, "audio") == 0)
        render_media (writer, props);
      else
        render_inline (writer, json_object_get_member (block, "content"));

      while (pushed-- > 0)
        alga_rich_text_writer_pop (writer);
      alga_rich_text_writer_close_line (writer);
    }

  /* Beyond the cap, children stay at the deepest indentation rather than being lost; the
   * recursion itself is bounded by the JSON depth check before parsing. */
  if (children != NULL)
    render_blocks (writer, children, MIN (depth + 1, ALGA_RICH_TEXT_MAX_DEPTH));
}

static void
render_blocks (AlgaRichTextWriter *writer,
               JsonArray          *blocks,
               guint               depth)
{
  gboolean in_numbered_list = FALSE;
  guint number = 0;

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonNode *node = json_array_get_element (blocks, i);
      JsonObject *block;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          in_numbered_list = FALSE;
          continue;
        }

      block = json_node_get_object (node);
      if (g_strcmp0 (get_string (block, "type"), "numberedListItem") == 0)
        {
          if (!in_numbered_list)
            number = (guint) CLAMP (get_int (get_object (block, "props"), "start", 1), 0, G_MAXINT32);
          else
            number++;
          in_numbered_list = TRUE;
        }
      else
        {
          in_numbered_list = FALSE;
        }

      render_block (writer, block, depth, number);
    }
}

/**
 * alga_rich_text_render_blocknote:
 * @writer: where to write
 * @blocks: a document from alga_rich_text_parse_blocknote()
 */
void
alga_rich_text_render_blocknote (AlgaRichTextWriter *writer,
                       JsonArray          *blocks)
{
  render_blocks (writer, blocks, 0);
}
