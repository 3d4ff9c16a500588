/* test-blocknote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alga-blocknote-edit.h"
#include "alga-blocknote.h"
#include "alga-test-utils.h"

static void
test_exact_shape (void)
{
  g_autofree char *json = alga_blocknote_from_plain_text ("Hello");

  /* Exactly how the server stores a one-line text it got as BlockNote (docs/API.md, Rich text). */
  g_assert_cmpstr (json, ==,
                   "[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\","
                   "\"styles\":{}}]}]");
}

static void
test_round_trip (void)
{
  const char *texts[] = {
    "one line",
    "first\nsecond\n\nfourth after an empty one",
    "\nleading empty line",
    "trailing newline\n",
    "",
    "quotes \" and \\ backslashes, <tags> & ampersands",
    "unicode: Ünïcødé ✓ 🐇",
    "[not json] but starts with a bracket",
    "  indented\n\ttabbed",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = alga_blocknote_from_plain_text (texts[i]);
      g_autofree char *back = alga_blocknote_to_plain_text (json);
      g_auto(GStrv) lines = g_strsplit (texts[i], "\n", -1);
      g_autoptr(JsonNode) root = json_from_string (json, &error);
      JsonArray *blocks;

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
      g_assert_true (alga_blocknote_is_blocknote (json));
      blocks = json_node_get_array (root);

      /* One paragraph per line, empty lines included. */
      g_assert_cmpuint (json_array_get_length (blocks), ==, g_strv_length (lines));
      for (guint b = 0; b < json_array_get_length (blocks); b++)
        {
          JsonObject *block = json_array_get_object_element (blocks, b);
          JsonArray *content = json_object_get_array_member (block, "content");

          g_assert_cmpstr (json_object_get_string_member (block, "type"), ==, "paragraph");
          if (*lines[b] == '\0')
            g_assert_cmpuint (json_array_get_length (content), ==, 0);
          else
            g_assert_cmpstr (json_object_get_string_member (
                                 json_array_get_object_element (content, 0), "text"), ==, lines[b]);
        }

      g_assert_cmpstr (back, ==, texts[i]);
    }
}

static void
test_crlf (void)
{
  g_autofree char *json = alga_blocknote_from_plain_text ("a\r\nb");
  g_autofree char *back = alga_blocknote_to_plain_text (json);

  g_assert_cmpstr (back, ==, "a\nb");
}

static void
test_to_plain_text_rich (void)
{
  const char *doc =
    "[{\"id\":\"1\",\"type\":\"heading\",\"props\":{\"level\":2},"
    "  \"content\":[{\"type\":\"text\",\"text\":\"Title\",\"styles\":{\"bold\":true}}],\"children\":[]},"
    " {\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"See \",\"styles\":{}},"
    "  {\"type\":\"link\",\"href\":\"https://example.com\","
    "   \"content\":[{\"type\":\"text\",\"text\":\"the docs\",\"styles\":{}}]},"
    "  {\"type\":\"text\",\"text\":\".\",\"styles\":{}}]},"
    " {\"type\":\"bulletListItem\",\"content\":[{\"type\":\"text\",\"text\":\"item 1\",\"styles\":{}}],"
    "  \"children\":[{\"type\":\"numberedListItem\",\"content\":\"nested as a string\"}]},"
    " {\"type\":\"checkListItem\",\"props\":{\"checked\":true},\"content\":[{\"type\":\"text\",\"text\":\"done\"}]},"
    " {\"type\":\"table\",\"content\":{\"type\":\"tableContent\",\"rows\":["
    "   {\"cells\":[[{\"type\":\"text\",\"text\":\"a\"}],[{\"type\":\"text\",\"text\":\"b\"}]]},"
    "   {\"cells\":[[{\"type\":\"text\",\"text\":\"c\"}],[]]}]}},"
    " {\"type\":\"image\",\"props\":{\"url\":\"x\"}},"
    " {\"type\":\"paragraph\",\"content\":[{\"type\":\"mention\",\"props\":{}},42,null]}]";
  g_autofree char *text = alga_blocknote_to_plain_text (doc);

  g_assert_cmpstr (text, ==,
                   "Title\n"
                   "See the docs.\n"
                   "item 1\n"
                   "nested as a string\n"
                   "done\n"
                   "a\tb\n"
                   "c\t\n"
                   "\n");
}

static void
test_sample_comment (void)
{
  g_autofree char *sample = alga_test_read_sample ("40_post_blocknote.json", NULL);
  g_autoptr(JsonNode) root = json_from_string (sample, NULL);
  JsonObject *data = json_object_get_object_member (json_node_get_object (root), "data");
  g_autofree char *text = alga_blocknote_to_plain_text (json_object_get_string_member (data, "note"));

  g_assert_cmpstr (text, ==, "Hello bold");
}

static void
test_not_blocknote (void)
{
  const char *plain[] = {
    "plain text",
    "**markdown** _here_",
    "[broken json",
    "[1, 2, 3]",
    "[\"strings\"]",
    "{\"type\":\"paragraph\"}",
    "",
    "   ",
  };
  g_autofree char *from_null = alga_blocknote_to_plain_text (NULL);
  g_autofree char *empty_doc = alga_blocknote_to_plain_text ("[]");
  g_autofree char *spaced = alga_blocknote_to_plain_text ("  [{\"type\":\"paragraph\",\"content\":[]}]");

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autofree char *text = alga_blocknote_to_plain_text (plain[i]);

      g_assert_cmpstr (text, ==, plain[i]);
      g_assert_false (alga_blocknote_is_blocknote (plain[i]));
    }

  g_assert_cmpstr (from_null, ==, "");
  g_assert_false (alga_blocknote_is_blocknote (NULL));
  g_assert_cmpstr (empty_doc, ==, "");
  g_assert_cmpstr (spaced, ==, "");
}

static void
test_length_limit (void)
{
  g_autofree char *a5000 = g_strnfill (5000, 'a');
  g_autofree char *json = alga_blocknote_from_plain_text (a5000);
  g_autofree char *back = alga_blocknote_to_plain_text (json);

  /* The server counts the visible text, not the JSON around it. */
  g_assert_cmpuint (g_utf8_strlen (back, -1), ==, 5000);
  g_assert_cmpuint (strlen (json), >, 5000);
}

/* Editing a description keeps what the technician did not touch as the web stored it. */
static void
test_apply_edit (void)
{
  static const char *stored =
    "[{\"type\":\"heading\",\"props\":{\"level\":2},\"content\":[{\"type\":\"text\",\"text\":\"Printer\",\"styles\":{}}]},"
    "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Jams on \",\"styles\":{}},"
    "{\"type\":\"text\",\"text\":\"floor 2\",\"styles\":{\"bold\":true}}]},"
    "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Old line\",\"styles\":{}}]}]";
  g_autofree char *plain = alga_blocknote_to_plain_text (stored);
  g_autofree char *edited = NULL;
  g_autofree char *result = NULL;
  g_autofree char *result_plain = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *blocks;

  g_assert_cmpstr (plain, ==, "Printer\nJams on floor 2\nOld line");

  /* Unchanged: the very same document. */
  result = alga_blocknote_apply_edit (stored, plain);
  {
    g_autoptr(JsonNode) a = json_from_string (stored, NULL);
    g_autoptr(JsonNode) b = json_from_string (result, NULL);

    g_assert_true (json_node_equal (a, b));
  }
  g_clear_pointer (&result, g_free);

  /* A line changed, one added: the heading and the bold run stay. */
  edited = g_strdup ("Printer\nJams on floor 2\nNew line\n- check the tray");
  result = alga_blocknote_apply_edit (stored, edited);
  result_plain = alga_blocknote_to_plain_text (result);
  g_assert_cmpstr (result_plain, ==, "Printer\nJams on floor 2\nNew line\ncheck the tray");
  root = json_from_string (result, NULL);
  blocks = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (blocks), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (blocks, 0), "type"), ==, "heading");
  g_assert_nonnull (strstr (result, "\"bold\":true"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (blocks, 3), "type"), ==,
                   "bulletListItem");
  g_assert_null (strstr (result, "Old line"));

  /* Plain text stays plain for one line, becomes paragraphs for more. */
  g_clear_pointer (&result, g_free);
  result = alga_blocknote_apply_edit ("Was plain", "Still plain");
  g_assert_cmpstr (result, ==, "Still plain");
  g_clear_pointer (&result, g_free);
  result = alga_blocknote_apply_edit (NULL, "Two\nlines");
  g_assert_true (alga_blocknote_is_blocknote (result));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blocknote/exact-shape", test_exact_shape);
  g_test_add_func ("/blocknote/round-trip", test_round_trip);
  g_test_add_func ("/blocknote/crlf", test_crlf);
  g_test_add_func ("/blocknote/rich-to-plain", test_to_plain_text_rich);
  g_test_add_func ("/blocknote/sample-comment", test_sample_comment);
  g_test_add_func ("/blocknote/not-blocknote", test_not_blocknote);
  g_test_add_func ("/blocknote/length-limit", test_length_limit);
  g_test_add_func ("/blocknote/apply-edit", test_apply_edit);

  return g_test_run ();
}
