/* alga-blocknote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-blocknote"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alga-blocknote.h"
#include "alga-json.h"

static JsonNode *
build_block (const char *type,
             const char *line)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "content");
  json_builder_begin_array (builder);
  if (*line != '\0')
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "text");
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, line);
      json_builder_set_member_name (builder, "styles");
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * alga_blocknote_from_plain_text:
 * @text: (nullable): plain text
 *
 * Wraps @text as the server stores rich text (docs/API.md, Rich text): a JSON array with one
 * paragraph block per line, an empty line giving a paragraph without content. "\r\n" counts as
 * one line break.
 *
 * Returns: (transfer full): the BlockNote JSON text
 */
char *
alga_blocknote_from_plain_text (const char *text)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_auto(GStrv) lines = NULL;
  JsonArray *blocks;

  lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  blocks = json_array_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';

      json_array_add_element (blocks, build_block ("paragraph", lines[i]));
    }
  json_node_take_array (root, blocks);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The item's text when @line is "- item", "* item", "1. item" or "1) item"; NULL otherwise. */
static const char *
list_item_text (const char *line,
                gboolean   *numbered)
{
  const char *p = line;

  while (*p == ' ')
    p++;

  if ((*p == '-' || *p == '*') && p[1] == ' ')
    {
      *numbered = FALSE;
      p += 2;
    }
  else if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        p++;
      if ((*p != '.' && *p != ')') || p[1] != ' ' || p - line > 9)
        return NULL;
      *numbered = TRUE;
      p += 2;
    }
  else
    {
      return NULL;
    }

  while (*p == ' ')
    p++;

  return *p != '\0' ? p : NULL;
}

static void
flush_paragraph (JsonArray *blocks,
                 GString   *paragraph)
{
  if (paragraph->len == 0)
    return;

  json_array_add_element (blocks, build_block ("paragraph", paragraph->str));
  g_string_truncate (paragraph, 0);
}

/**
 * alga_blocknote_from_typed_text:
 * @text: (nullable): text as a technician typed it
 *
 * Writes typed text as the web editor would have stored it: lines separated by blank lines are
 * paragraphs (a single line break stays inside its paragraph, as BlockNote keeps a soft break),
 * and lines starting with "- ", "* ", "1. " or "1) " are bulletListItem or numberedListItem
 * blocks. Blank lines only separate; they are no blocks of their own.
 *
 * Returns: (transfer full): the BlockNote JSON text
 */
char *
alga_blocknote_from_typed_text (const char *text)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  JsonArray *blocks;

  lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  blocks = json_array_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);
      const char *item;
      gboolean numbered = FALSE;

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        {
          flush_paragraph (blocks, paragraph);
          continue;
        }

      item = list_item_text (lines[i], &numbered);
      if (item != NULL)
        {
          flush_paragraph (blocks, paragraph);
          json_array_add_element (blocks, build_block (numbered ? "numberedListItem"
                                                                : "bulletListItem", item));
          continue;
        }

      if (paragraph->len > 0)
        g_string_append_c (paragraph, '\n');
      g_string_append (paragraph, lines[i]);
    }
  flush_paragraph (blocks, paragraph);
  if (json_array_get_length (blocks) == 0)
    json_array_add_element (blocks, build_block ("paragraph", ""));
  json_node_take_array (root, blocks);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void append_blocks (GString   *out,
                           JsonArray *blocks,
                           gboolean  *first);

static void
append_inline (GString  *out,
               JsonNode *node)
{
  JsonObject *object;
  JsonNode *member;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_string_append (out, json_node_get_string (node));
      return;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        append_inline (out, json_array_get_element (array, i));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);

  /* Text runs carry "text"; links and other wrappers carry their runs in "content". */
  member = json_object_get_member (object, "text");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    {
      g_string_append (out, json_node_get_string (member));
      return;
    }

  member = json_object_get_member (object, "content");
  if (member != NULL)
    append_inline (out, member);
}

/* Table content is {"type":"tableContent","rows":[{"cells":[[runs], …]}, …]}: one line per row,
 * cells separated by tabs. */
static void
append_table (GString    *out,
              JsonObject *table)
{
  JsonNode *rows_node = json_object_get_member (table, "rows");
  JsonArray *rows;

  if (rows_node == NULL || !JSON_NODE_HOLDS_ARRAY (rows_node))
    return;

  rows = json_node_get_array (rows_node);
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonNode *row = json_array_get_element (rows, r);
      JsonNode *cells_node;
      JsonArray *cells;

      if (r > 0)
        g_string_append_c (out, '\n');
      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;

      cells_node = json_object_get_member (json_node_get_object (row), "cells");
      if (cells_node == NULL || !JSON_NODE_HOLDS_ARRAY (cells_node))
        continue;

      cells = json_node_get_array (cells_node);
      for (guint c = 0; c < json_array_get_length (cells); c++)
        {
          if (c > 0)
            g_string_append_c (out, '\t');
          append_inline (out, json_array_get_element (cells, c));
        }
    }
}

/* Each block is one line; first tells whether a line break must come before it (the length
 * of out cannot, as leading paragraphs may be empty). */
static void
append_block (GString  *out,
              JsonNode *node,
              gboolean *first)
{
  JsonObject *block;
  JsonNode *content;
  JsonNode *children;

  if (!*first)
    g_string_append_c (out, '\n');
  *first = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  block = json_node_get_object (node);
  content = json_object_get_member (block, "content");
  if (content != NULL && JSON_NODE_HOLDS_OBJECT (content))
    append_table (out, json_node_get_object (content));
  else if (content != NULL)
    append_inline (out, content);

  /* Nested blocks (indented list items, toggles) follow their parent, one line each. */
  children = json_object_get_member (block, "children");
  if (children != NULL && JSON_NODE_HOLDS_ARRAY (children))
    append_blocks (out, json_node_get_array (children), first);
}

static void
append_blocks (GString   *out,
               JsonArray *blocks,
               gboolean  *first)
{
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    append_block (out, json_array_get_element (blocks, i), first);
}

/* The blocks of text, or NULL when it is not BlockNote: a JSON array of objects, as the server
 * stores rich text (a JSON array of anything else is just text that happens to parse). */
static JsonNode *
parse_blocks (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *array;
  const char *p = text;

  if (p == NULL)
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  /* fuzz-blocknote: a stored body nested too deeply would overflow the stack in json-glib. */
  if (*p != '[' || !alga_json_depth_ok (p, -1))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      return NULL;

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * alga_blocknote_is_blocknote:
 * @text: (nullable): a stored description or comment body
 *
 * Returns: whether @text is serialized BlockNote (a JSON array of blocks)
 */
gboolean
alga_blocknote_is_blocknote (const char *text)
{
  g_autoptr(JsonNode) blocks = parse_blocks (text);

  return blocks != NULL;
}

/**
 * alga_blocknote_to_plain_text:
 * @maybe_json: (nullable): a stored description or comment body
 *
 * The visible text of a BlockNote document: one line per block (headings, paragraphs, list
 * items, nested children, table rows), links reduced to their text, styles dropped. This is
 * what the server counts for its 5000-character limit. Anything that is not BlockNote is
 * returned unchanged.
 *
 * Returns: (transfer full): the text; "" for %NULL
 */
char *
alga_blocknote_to_plain_text (const char *maybe_json)
{
  g_autoptr(JsonNode) blocks = parse_blocks (maybe_json);
  GString *out;
  gboolean first = TRUE;

  if (blocks == NULL)
    return g_strdup (maybe_json != NULL ? maybe_json : "");

  out = g_string_new (NULL);
  append_blocks (out, json_node_get_array (blocks), &first);

  return g_string_free (out, FALSE);
}
