/* alga-blocknote-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Editing a description in place without losing what the web's editor made of it: the
 * technician edits plain text, and only the blocks they changed are written anew.
 */

#define G_LOG_DOMAIN "alga-blocknote-edit"

#include "config.h"

#include "alga-blocknote-edit.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alga-blocknote.h"

/* The visible text of one top-level block, as the editor showed it. */
static char *
block_text (JsonNode *block)
{
  g_autoptr(JsonArray) one = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *json = NULL;

  json_array_add_element (one, json_node_copy (block));
  json_node_set_array (root, one);
  json = json_to_string (root, FALSE);
  return alga_blocknote_to_plain_text (json);
}

/* Appends the blocks typed text makes of @lines[from..to). */
static void
append_typed (JsonArray  *out,
              char      **lines,
              guint       from,
              guint       to)
{
  GString *run;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  JsonArray *blocks;

  if (from >= to)
    return;
  run = g_string_new (NULL);
  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append_c (run, '\n');
      g_string_append (run, lines[i]);
    }
  text = g_string_free (run, FALSE);
  json = alga_blocknote_from_typed_text (text);
  parsed = json_from_string (json, NULL);
  if (parsed == NULL || !JSON_NODE_HOLDS_ARRAY (parsed))
    return;
  blocks = json_node_get_array (parsed);
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    json_array_add_element (out, json_node_copy (json_array_get_element (blocks, i)));
}

/**
 * alga_blocknote_apply_edit:
 * @stored: (nullable): the description as the server stores it: BlockNote, or plain text
 * @edited: the plain text the technician saved
 *
 * Maps the edited lines onto the stored blocks by their longest common sequence: a block whose
 * text is still a line of its own, in order, is kept whole; the lines in between become new
 * blocks (paragraphs and list items, as alga_blocknote_from_typed_text() reads them). Blocks
 * whose text spans several lines are rebuilt from what was typed. Plain text stored stays plain
 * when the edit is one line; more lines become BlockNote, which the web shows as paragraphs.
 *
 * Returns: (transfer full): the text to store
 */
char *
alga_blocknote_apply_edit (const char *stored,
                           const char *edited)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(JsonArray) out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree guint *lcs = NULL;
  JsonArray *blocks;
  guint n, m, i, j;

  g_return_val_if_fail (edited != NULL, NULL);

  if (stored == NULL || !alga_blocknote_is_blocknote (stored) ||
      (parsed = json_from_string (stored, NULL)) == NULL || !JSON_NODE_HOLDS_ARRAY (parsed))
    return strchr (edited, '\n') != NULL ? alga_blocknote_from_typed_text (edited) : g_strdup (edited);

  blocks = json_node_get_array (parsed);
  n = json_array_get_length (blocks);
  texts = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; i < n; i++)
    g_ptr_array_add (texts, block_text (json_array_get_element (blocks, i)));
  lines = g_strsplit (edited, "\n", -1);
  m = g_strv_length (lines);

  /* lcs[i * (m + 1) + j]: the longest common sequence of blocks[i..] and lines[j..]. */
  lcs = g_new0 (guint, (gsize) (n + 1) * (m + 1));
  for (i = n; i-- > 0;)
    for (j = m; j-- > 0;)
      lcs[i * (m + 1) + j] = g_str_equal (texts->pdata[i], lines[j])
                             ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                             : MAX (lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);

  out = json_array_new ();
  i = j = 0;
  {
    guint run = 0;

    while (i < n && j < m)
      {
        if (g_str_equal (texts->pdata[i], lines[j]))
          {
            append_typed (out, lines, run, j);
            json_array_add_element (out, json_node_copy (json_array_get_element (blocks, i)));
            i++;
            j++;
            run = j;
          }
        else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])
          i++;
        else
          j++;
      }
    append_typed (out, lines, run, m);
  }

  root = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (root, out);
  return json_to_string (root, FALSE);
}
