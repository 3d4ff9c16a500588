/* test-rich-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rich-text renderer: exact text and tags for each format, the server's sample bodies,
 * hostile input, and links in a real AlgaRichTextView.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "alga-rich-text-view.h"
#include "alga-rich-text.h"
#include "alga-test-gtk.h"
#include "alga-test-utils.h"

/* JSON is easier to read with single quotes; this turns them into double ones. */
static char *
json (const char *single_quoted)
{
  return g_strdelimit (g_strdup (single_quoted), "'", '"');
}

static GtkTextBuffer *
render (const char         *text,
        AlgaRichTextFormat  format)
{
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);

  alga_rich_text_render (buffer, text, format);
  return buffer;
}

static char *
get_text (GtkTextBuffer *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Finds the occurrence-th (from 0) occurrence of needle and sets start/end around it. */
static void
find_nth (GtkTextBuffer *buffer,
          const char    *needle,
          guint          occurrence,
          GtkTextIter   *start,
          GtkTextIter   *end)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (guint i = 0; i <= occurrence; i++)
    {
      if (!gtk_text_iter_forward_search (&iter, needle, 0, start, end, NULL))
        g_error ("\"%s\" (occurrence %u) is not in the buffer", needle, occurrence);
      iter = *end;
    }
}

static gboolean
range_has_tag (GtkTextBuffer     *buffer,
               const GtkTextIter *start,
               const GtkTextIter *end,
               const char        *tag_name,
               gboolean           everywhere)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  gboolean any = FALSE;

  g_assert_nonnull (tag);
  for (GtkTextIter iter = *start; gtk_text_iter_compare (&iter, end) < 0;
       gtk_text_iter_forward_char (&iter))
    {
      gboolean has = gtk_text_iter_has_tag (&iter, tag);

      if (everywhere && !has)
        return FALSE;
      any = any || has;
    }

  return any;
}

#define assert_tagged(buffer, needle, tag) \
  assert_tagged_nth (buffer, needle, 0, tag, TRUE)
#define assert_not_tagged(buffer, needle, tag) \
  assert_tagged_nth (buffer, needle, 0, tag, FALSE)

static void
assert_tagged_nth (GtkTextBuffer *buffer,
                   const char    *needle,
                   guint          occurrence,
                   const char    *tag,
                   gboolean       expected)
{
  GtkTextIter start;
  GtkTextIter end;

  find_nth (buffer, needle, occurrence, &start, &end);
  if (expected && !range_has_tag (buffer, &start, &end, tag, TRUE))
    g_error ("\"%s\" lacks the tag %s", needle, tag);
  if (!expected && range_has_tag (buffer, &start, &end, tag, FALSE))
    g_error ("\"%s\" has the tag %s", needle, tag);
}

static void
assert_link (GtkTextBuffer *buffer,
             const char    *needle,
             const char    *href)
{
  GtkTextIter start;
  GtkTextIter end;

  find_nth (buffer, needle, 0, &start, &end);
  g_assert_true (range_has_tag (buffer, &start, &end, "link", TRUE));
  for (GtkTextIter iter = start; gtk_text_iter_compare (&iter, &end) < 0;
       gtk_text_iter_forward_char (&iter))
    g_assert_cmpstr (alga_rich_text_get_link_at (&iter), ==, href);
}

static void
assert_renders_as (const char         *text,
                   AlgaRichTextFormat  format,
                   const char         *expected)
{
  g_autoptr(GtkTextBuffer) buffer = render (text, format);
  g_autofree char *got = get_text (buffer);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_plain (void)
{
  g_autoptr(GtkTextBuffer) buffer = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  buffer = render ("Line one\nLine **two**\n\nsee https://example.com/x?a=1. ok\nnohttps://no\n",
                   ALGA_RICH_TEXT_FORMAT_PLAIN);
  text = get_text (buffer);

  /* Line breaks stay, stars stay, the trailing newline goes. */
  g_assert_cmpstr (text, ==, "Line one\nLine **two**\n\nsee https://example.com/x?a=1. ok\n"
                             "nohttps://no");
  assert_not_tagged (buffer, "**two**", "bold");
  assert_link (buffer, "https://example.com/x?a=1", "https://example.com/x?a=1");
  assert_not_tagged (buffer, ". ok", "link");
  assert_not_tagged (buffer, "nohttps://no", "link");

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_null (alga_rich_text_get_link_at (&start));
  g_assert_true (alga_rich_text_find_link (buffer, &start, TRUE, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, 27);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, 27 + 25);
}

static void
test_detect (void)
{
  g_autofree char *blocknote = alga_test_read_sample ("40_post_blocknote.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *not_blocknote[] = {
    "[", "[1,2]", "{}", "[]", "[{}]", "[{\"type\":null}]", "[{\"type\":\"p\"}, 3]", "[oops]",
  };
  const char *note;

  g_assert_true (json_parser_load_from_data (parser, blocknote, -1, NULL));
  note = json_object_get_string_member (json_object_get_object_member (
    json_node_get_object (json_parser_get_root (parser)), "data"), "note");

  g_assert_cmpint (alga_rich_text_detect_format (note), ==, ALGA_RICH_TEXT_FORMAT_BLOCKNOTE);
  g_assert_cmpint (alga_rich_text_detect_format ("  [{\"type\":\"x\"}]"), ==,
                   ALGA_RICH_TEXT_FORMAT_BLOCKNOTE);
  g_assert_cmpint (alga_rich_text_detect_format ("**Not** markdown"), ==,
                   ALGA_RICH_TEXT_FORMAT_PLAIN);
  g_assert_cmpint (alga_rich_text_detect_format (NULL), ==, ALGA_RICH_TEXT_FORMAT_PLAIN);

  for (guint i = 0; i < G_N_ELEMENTS (not_blocknote); i++)
    {
      g_assert_cmpint (alga_rich_text_detect_format (not_blocknote[i]), ==,
                       ALGA_RICH_TEXT_FORMAT_PLAIN);
    }
}

static const char blocknote_doc[] =
  "["
  "{'type':'heading','props':{'level':1},'content':[{'type':'text','text':'Title','styles':{}}],"
  " 'children':[]},"
  "{'type':'heading','props':{'level':'2'},'content':'Sub'},"
  "{'type':'heading','props':{'level':5},'content':[{'type':'text','text':'Deep','styles':{}}]},"
  "{'type':'paragraph','content':["
  " {'type':'text','text':'Plain ','styles':{}},"
  " {'type':'text','text':'bold','styles':{'bold':true}},"
  " {'type':'text','text':' ','styles':{}},"
  " {'type':'text','text':'ital','styles':{'italic':true}},"
  " {'type':'text','text':' ','styles':{}},"
  " {'type':'text','text':'undl','styles':{'underline':true}},"
  " {'type':'text','text':' ','styles':{}},"
  " {'type':'text','text':'strk','styles':{'strike':true}},"
  " {'type':'text','text':' ','styles':{}},"
  " {'type':'text','text':'cd','styles':{'code':true}},"
  " {'type':'text','text':' ','styles':{}},"
  " {'type':'text','text':'red','styles':{'textColor':'red','backgroundColor':'yellow'}},"
  " {'type':'text','text':' ','styles':{}},"
  " {'type':'link','href':'https://example.com/a',"
  "  'content':[{'type':'text','text':'site','styles':{'bold':true}}]},"
  " {'type':'mention','props':{'displayName':'Tin Woodman'}}],"
  " 'children':[{'type':'paragraph','content':[{'type':'text','text':'child','styles':{}}],"
  "  'children':[{'type':'paragraph','content':[{'type':'text','text':'grandchild','styles':{}}]}]}]},"
  "{'type':'bulletListItem','content':[{'type':'text','text':'apple','styles':{}}]},"
  "{'type':'numberedListItem','content':[{'type':'text','text':'first','styles':{}}]},"
  "{'type':'numberedListItem','content':[{'type':'text','text':'second','styles':{}}]},"
  "{'type':'checkListItem','props':{'checked':true},'content':[{'type':'text','text':'done','styles':{}}]},"
  "{'type':'checkListItem','props':{'checked':false},'content':[{'type':'text','text':'todo','styles':{}}]},"
  "{'type':'quote','content':[{'type':'text','text':'wise words','styles':{}}]},"
  "{'type':'codeBlock','props':{'language':'c'},"
  " 'content':[{'type':'text','text':'int x;\\nx++;','styles':{}}]},"
  "{'type':'numberedListItem','content':[{'type':'text','text':'again','styles':{}}]},"
  "{'type':'table','content':{'type':'tableContent','rows':["
  " {'cells':[[{'type':'text','text':'A','styles':{}}],[{'type':'text','text':'B','styles':{}}]]},"
  " {'cells':[{'type':'tableCell','content':[{'type':'text','text':'1','styles':{}}]},"
  "           {'type':'tableCell','content':[{'type':'text','text':'2','styles':{}}]}]}]}},"
  "{'type':'image','props':{'url':'https://example.com/cat.png','caption':'A cat'}},"
  "{'type':'paragraph','props':{'textAlignment':'center'},'content':[{'type':'text','text':'mid','styles':{}}]},"
  "{'type':'paragraph','content':[]},"
  "{'type':'paragraph','content':[]}"
  "]";

static void
test_blocknote (void)
{
  g_autofree char *doc = json (blocknote_doc);
  g_autoptr(GtkTextBuffer) buffer = render (doc, ALGA_RICH_TEXT_FORMAT_AUTO);
  g_autofree char *text = get_text (buffer);

  g_assert_cmpstr (text, ==,
                   "Title\n"
                   "Sub\n"
                   "Deep\n"
                   "Plain bold ital undl strk cd red site@Tin Woodman\n"
                   "child\n"
                   "grandchild\n"
                   "• apple\n"
                   "1. first\n"
                   "2. second\n"
                   "☑ done\n"
                   "☐ todo\n"
                   "wise words\n"
                   "int x;\nx++;\n"
                   "1. again\n"
                   "A │ B\n"
                   "1 │ 2\n"
                   "Attachment: A cat\n"
                   "mid");

  assert_tagged (buffer, "Title", "heading1");
  assert_tagged (buffer, "Sub", "heading2");
  assert_tagged (buffer, "Deep", "heading3");
  assert_not_tagged (buffer, "Plain", "heading1");
  assert_tagged (buffer, "Plain", "paragraph");
  assert_tagged (buffer, "bold", "bold");
  assert_not_tagged (buffer, "Plain ", "bold");
  assert_tagged (buffer, "ital", "italic");
  assert_not_tagged (buffer, "bold", "italic");
  assert_tagged (buffer, "undl", "underline");
  assert_tagged (buffer, "strk", "strike");
  assert_tagged (buffer, "cd", "code");
  assert_tagged (buffer, "red", "fg-red");
  assert_tagged (buffer, "red", "bg-yellow");
  assert_link (buffer, "site", "https://example.com/a");
  assert_tagged (buffer, "site", "bold");
  assert_not_tagged (buffer, "@Tin", "link");
  assert_tagged (buffer, "child", "indent-1");
  assert_not_tagged (buffer, "child", "indent-2");
  assert_tagged (buffer, "grandchild", "indent-2");
  assert_not_tagged (buffer, "Plain", "indent-1");
  assert_tagged (buffer, "• apple", "list-item");
  assert_tagged (buffer, "2. second", "list-item");
  assert_tagged (buffer, "wise words", "quote");
  assert_not_tagged (buffer, "todo", "quote");
  assert_tagged (buffer, "int x;\nx++;", "code-block");
  assert_tagged (buffer, "int x;", "code-block-first");
  assert_not_tagged (buffer, "int x;", "code-block-last");
  assert_tagged (buffer, "x++;", "code-block-last");
  assert_not_tagged (buffer, "x++;", "code-block-first");
  assert_not_tagged (buffer, "1. again", "code-block");
  assert_link (buffer, "A cat", "https://example.com/cat.png");
  assert_tagged (buffer, "mid", "align-center");
}

static void
test_markdown (void)
{
  const char *markdown =
    "# Title\n"
    "\n"
    "Some **bold**, *ital*, ~~gone~~, `code` and [link](https://x.org/).\n"
    "Next line &amp; &#233; &bogus;\n"
    "\n"
    "- a\n"
    "- b\n"
    "  - c\n"
    "\n"
    "1. one\n"
    "2. two\n"
    "\n"
    "- [ ] todo\n"
    "- [x] done\n"
    "\n"
    "> quoted\n"
    "\n"
    "```\n"
    "int x;\n"
    "```\n"
    "\n"
    "| A | B |\n"
    "|---|---|\n"
    "| 1 | 2 |\n"
    "\n"
    "See www.gnome.org and <b>raw</b> ![](https://x.org/i.png)\n";
  g_autoptr(GtkTextBuffer) buffer = render (markdown, ALGA_RICH_TEXT_FORMAT_MARKDOWN);
  g_autofree char *text = get_text (buffer);

  g_assert_cmpstr (text, ==,
                   "Title\n"
                   "Some bold, ital, gone, code and link.\n"
                   "Next line & é &bogus;\n"
                   "• a\n"
                   "• b\n"
                   "• c\n"
                   "1. one\n"
                   "2. two\n"
                   "☐ todo\n"
                   "☑ done\n"
                   "quoted\n"
                   "int x;\n"
                   "A │ B\n"
                   "1 │ 2\n"
                   "See www.gnome.org and <b>raw</b> https://x.org/i.png");

  assert_tagged (buffer, "Title", "heading1");
  assert_tagged (buffer, "bold", "bold");
  assert_not_tagged (buffer, "Some ", "bold");
  assert_tagged (buffer, "ital", "italic");
  assert_tagged (buffer, "gone", "strike");
  assert_tagged (buffer, "code", "code");
  assert_link (buffer, "link", "https://x.org/");
  assert_tagged (buffer, "• a", "list-item");
  assert_not_tagged (buffer, "• a", "indent-1");
  assert_tagged (buffer, "• c", "indent-1");
  assert_not_tagged (buffer, "• c", "indent-2");
  assert_tagged (buffer, "quoted", "quote");
  assert_tagged (buffer, "quoted", "indent-1");
  assert_tagged (buffer, "int x;", "code-block");
  assert_tagged_nth (buffer, "A", 0, "bold", TRUE);
  assert_not_tagged (buffer, "1 │ 2", "bold");
  assert_link (buffer, "www.gnome.org", "http://www.gnome.org");
  assert_not_tagged (buffer, "<b>raw</b>", "bold");
  assert_link (buffer, "https://x.org/i.png", "https://x.org/i.png");

  /* Markdown only when asked: stars in a plain comment stay stars. */
  assert_renders_as ("**stars** and _under_", ALGA_RICH_TEXT_FORMAT_AUTO, "**stars** and _under_");
}

static JsonArray *
sample_data (const char *name,
             JsonParser *parser)
{
  g_autofree char *contents = alga_test_read_sample (name, NULL);

  g_assert_true (json_parser_load_from_data (parser, contents, -1, NULL));
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "data");
}

static void
test_samples (void)
{
  g_autoptr(JsonParser) comments_parser = json_parser_new ();
  g_autoptr(JsonParser) md_parser = json_parser_new ();
  g_autoptr(JsonParser) post_parser = json_parser_new ();
  g_autoptr(JsonParser) detail_parser = json_parser_new ();
  g_autofree char *post = alga_test_read_sample ("40_post_blocknote.json", NULL);
  g_autofree char *detail = alga_test_read_sample ("11_detail.json", NULL);
  JsonArray *comments = sample_data ("12_comments.json", comments_parser);
  JsonArray *md_comments = sample_data ("12b_comments_md.json", md_parser);
  JsonObject *object;
  JsonObject *attributes;

  g_assert_cmpuint (json_array_get_length (comments), ==, 3);
  for (guint i = 0; i < json_array_get_length (comments); i++)
    {
      JsonObject *comment = json_array_get_object_element (comments, i);
      const char *note = json_object_get_string_member (comment, "comment_text");

      assert_renders_as (note, ALGA_RICH_TEXT_FORMAT_AUTO, note);
    }
  assert_renders_as (json_object_get_string_member (json_array_get_object_element (comments, 0),
                                                    "note"),
                     ALGA_RICH_TEXT_FORMAT_PLAIN,
                     "Initial report of missing White Rabbit. Last seen heading towards the tea "
                     "party.");

  /* markdown_content is null on every comment the API wrote. */
  for (guint i = 0; i < json_array_get_length (md_comments); i++)
    {
      JsonObject *comment = json_array_get_object_element (md_comments, i);

      assert_renders_as (json_object_get_string_member_with_default (comment, "markdown_content",
                                                                     NULL),
                         ALGA_RICH_TEXT_FORMAT_MARKDOWN, "");
    }

  g_assert_true (json_parser_load_from_data (post_parser, post, -1, NULL));
  object = json_object_get_object_member (json_node_get_object (json_parser_get_root (post_parser)),
                                          "data");
  {
    g_autoptr(GtkTextBuffer) buffer = render (json_object_get_string_member (object, "note"),
                                              ALGA_RICH_TEXT_FORMAT_AUTO);
    g_autofree char *text = get_text (buffer);

    g_assert_cmpstr (text, ==, "Hello bold");
    assert_tagged (buffer, "bold", "bold");
    assert_not_tagged (buffer, "Hello", "bold");
  }

  /* The detail's attributes are null here: no description renders as nothing. */
  g_assert_true (json_parser_load_from_data (detail_parser, detail, -1, NULL));
  object = json_object_get_object_member (json_node_get_object (json_parser_get_root (detail_parser)),
                                          "data");
  attributes = json_object_get_object_member (object, "attributes");
  g_assert_null (attributes);
  assert_renders_as (NULL, ALGA_RICH_TEXT_FORMAT_AUTO, "");
  assert_renders_as (json_object_get_string_member (object, "title"), ALGA_RICH_TEXT_FORMAT_AUTO,
                     "Missing White Rabbit");
}

static char *
nested_blocknote (guint levels)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < levels; i++)
    g_string_append_printf (out, "[{\"type\":\"paragraph\",\"content\":\"L%u\",\"children\":", i);
  g_string_append (out, "[]");
  for (guint i = 0; i < levels; i++)
    g_string_append (out, "}]");

  return g_string_free (out, FALSE);
}

static void
test_hostile (void)
{
  const char *as_plain[] = {
    "[", "[1,2]", "{}", "[]", "[{}]", "[{\"type\":null}]", "[{\"type\":\"p\"},\"x\"]", "[oops",
  };
  const char *odd_blocknote[] = {
    "[{'type':'paragraph','content':5,'props':'x','children':{}}]",
    "[{'type':'heading','props':{'level':'99'},'content':[{'type':'text','text':7,'styles':[]}]}]",
    "[{'type':'numberedListItem','props':{'start':-5},'content':[null,1,true,[],{}]}]",
    "[{'type':'link'},{'type':'table','content':{'rows':[1,{'cells':7},{'cells':[1,null]}]}}]",
    "[{'type':'paragraph','content':[{'type':'link','content':[{'type':'link','content':'x'}]}]}]",
    "[{'type':'image','props':{'url':5}},{'type':'codeBlock','content':[{'type':'text','text':''}]}]",
    "[{'type':'paragraph','content':[{'type':'text','text':'x','styles':{'textColor':'nope'}}]}]",
    "[{'type':'checkListItem','props':{'checked':'true'}},{'type':'quote','children':[{'type':7}]}]",
  };
  const char *odd_markdown[] = {
    "- \n-\n  -\n", "> > > > >", "1. \n   1. \n      1.", "| a |\n|---|\n", "[x](", "![](",
    "***", "&#0; &#x110000; &#xD800; &#;", "```", "<div>\n\n</div>", "\0",
  };
  g_autofree char *deep_brackets = g_strnfill (100000, '[');
  g_autofree char *deep_quotes = g_strnfill (100000, '>');
  g_autofree char *nested_ok = nested_blocknote (40);
  g_autofree char *nested_too_deep = nested_blocknote (70);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) huge_blocknote = g_string_new ("[");
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *text = NULL;
  guint n_links = 0;
  GtkTextIter start;
  GtkTextIter end;

  for (guint i = 0; i < G_N_ELEMENTS (as_plain); i++)
    for (AlgaRichTextFormat format = ALGA_RICH_TEXT_FORMAT_AUTO;
         format <= ALGA_RICH_TEXT_FORMAT_BLOCKNOTE; format++)
      assert_renders_as (as_plain[i], format, as_plain[i]);

  for (guint i = 0; i < G_N_ELEMENTS (odd_blocknote); i++)
    {
      g_autofree char *doc = json (odd_blocknote[i]);

      g_assert_cmpint (alga_rich_text_detect_format (doc), ==, ALGA_RICH_TEXT_FORMAT_BLOCKNOTE);
      alga_rich_text_render (buffer, doc, ALGA_RICH_TEXT_FORMAT_BLOCKNOTE);
    }
  g_clear_pointer (&text, g_free);
  text = get_text (buffer);
  g_assert_cmpstr (text, ==, "☑ ");

  for (guint i = 0; i < G_N_ELEMENTS (odd_markdown); i++)
    alga_rich_text_render (buffer, odd_markdown[i], ALGA_RICH_TEXT_FORMAT_MARKDOWN);

  assert_renders_as (deep_brackets, ALGA_RICH_TEXT_FORMAT_AUTO, deep_brackets);
  assert_renders_as (deep_brackets, ALGA_RICH_TEXT_FORMAT_MARKDOWN, deep_brackets);
  alga_rich_text_render (buffer, deep_quotes, ALGA_RICH_TEXT_FORMAT_MARKDOWN);

  /* 40 levels render, indented no deeper than 16; 70 are refused and shown as they came. */
  alga_rich_text_render (buffer, nested_ok, ALGA_RICH_TEXT_FORMAT_AUTO);
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 40);
  assert_tagged (buffer, "L16", "indent-16");
  assert_tagged (buffer, "L39", "indent-16");
  assert_not_tagged (buffer, "L15", "indent-16");
  assert_renders_as (nested_too_deep, ALGA_RICH_TEXT_FORMAT_AUTO, nested_too_deep);

  /* Invalid UTF-8 is repaired, not passed to GTK. */
  alga_rich_text_render (buffer, "ab\xff\xfe" "c", ALGA_RICH_TEXT_FORMAT_PLAIN);
  g_clear_pointer (&text, g_free);
  text = get_text (buffer);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "ab"));
  g_assert_true (g_str_has_suffix (text, "c"));

  /* A megabyte of text, and a megabyte of BlockNote. */
  while (huge->len < 1024 * 1024)
    g_string_append (huge, "Lorem *ipsum* [dolor](http://x) sit amet, é\n");
  alga_rich_text_render (buffer, huge->str, ALGA_RICH_TEXT_FORMAT_PLAIN);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==,
                   g_utf8_strlen (huge->str, -1) - 1);
  /* Links are capped: each is a tag, and the buffer slows down with each. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  while (alga_rich_text_find_link (buffer, &start, TRUE, &start, &end))
    {
      n_links++;
      start = end;
    }
  g_assert_cmpuint (n_links, ==, 500);
  alga_rich_text_render (buffer, huge->str, ALGA_RICH_TEXT_FORMAT_MARKDOWN);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >, 0);

  while (huge_blocknote->len < 1024 * 1024)
    g_string_append (huge_blocknote,
                     "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"word \","
                     "\"styles\":{\"bold\":true}}]},");
  g_string_append (huge_blocknote, "{\"type\":\"paragraph\"}]");
  alga_rich_text_render (buffer, huge_blocknote->str, ALGA_RICH_TEXT_FORMAT_AUTO);
  gtk_text_buffer_get_start_iter (buffer, &start);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  g_clear_pointer (&text, g_free);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (text, ==, "word ");
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), >, 10000);
}

/* Rendering again replaces the text and drops the old links' tags. */
static void
test_rerender (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  const char *markdown = "[a](http://a) [b](http://b) [c](http://c)";
  g_autofree char *text = NULL;
  GdkRGBA *light = NULL;
  GdkRGBA *dark = NULL;
  int size;

  alga_rich_text_render (buffer, markdown, ALGA_RICH_TEXT_FORMAT_MARKDOWN);
  size = gtk_text_tag_table_get_size (table);
  for (guint i = 0; i < 5; i++)
    alga_rich_text_render (buffer, markdown, ALGA_RICH_TEXT_FORMAT_MARKDOWN);
  g_assert_cmpint (gtk_text_tag_table_get_size (table), ==, size);

  alga_rich_text_render (buffer, "no links", ALGA_RICH_TEXT_FORMAT_MARKDOWN);
  g_assert_cmpint (gtk_text_tag_table_get_size (table), ==, size - 3);
  text = get_text (buffer);
  g_assert_cmpstr (text, ==, "no links");

  alga_rich_text_render (buffer, NULL, ALGA_RICH_TEXT_FORMAT_AUTO);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);

  /* Links are readable on both styles. */
  g_object_get (gtk_text_tag_table_lookup (table, "link"), "foreground-rgba", &light, NULL);
  alga_rich_text_set_dark (buffer, TRUE);
  g_object_get (gtk_text_tag_table_lookup (table, "link"), "foreground-rgba", &dark, NULL);
  g_assert_false (gdk_rgba_equal (light, dark));
  g_assert_cmpfloat (dark->red + dark->green + dark->blue, >, light->red + light->green + light->blue);
  gdk_rgba_free (light);
  gdk_rgba_free (dark);
}

typedef struct
{
  GtkWidget *window;
  AlgaRichTextView *view;
  GPtrArray *activated;
} ViewFixture;

static gboolean
on_link_activated_cb (AlgaRichTextView *view,
                      const char       *href,
                      ViewFixture      *fixture)
{
  g_ptr_array_add (fixture->activated, g_strdup (href));
  return TRUE;
}

static void
view_setup (ViewFixture   *fixture,
            gconstpointer  data)
{
  g_autofree char *doc = json ("[{'type':'paragraph','content':["
                               "{'type':'text','text':'Go to ','styles':{}},"
                               "{'type':'link','href':'https://example.com/one',"
                               " 'content':[{'type':'text','text':'the first site','styles':{}}]},"
                               "{'type':'text','text':' or ','styles':{}},"
                               "{'type':'link','href':'https://example.com/two',"
                               " 'content':'the second'}]}]");

  fixture->activated = g_ptr_array_new_with_free_func (g_free);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 500, 200);
  fixture->view = ALGA_RICH_TEXT_VIEW (alga_rich_text_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  g_signal_connect (fixture->view, "link-activated", G_CALLBACK (on_link_activated_cb), fixture);
  alga_rich_text_view_set_text (fixture->view, doc, ALGA_RICH_TEXT_FORMAT_AUTO);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
view_teardown (ViewFixture   *fixture,
               gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  alga_test_wait_until (fixture->view == NULL, 5000);
  g_ptr_array_unref (fixture->activated);
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }

  g_error ("no controller named %s", name);
}

static void
click_on (ViewFixture *fixture,
          const char  *needle)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkEventController *click = find_controller (GTK_WIDGET (fixture->view), "alga-link-click");
  GdkRectangle rect;
  GtkTextIter start;
  GtkTextIter end;
  int x;
  int y;

  find_nth (buffer, needle, 0, &start, &end);
  gtk_text_iter_forward_chars (&start, 2);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &start, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + 1, rect.y + rect.height / 2, &x, &y);
  g_signal_emit_by_name (click, "released", 1, (double) x, (double) y);
}

static void
test_view_click (ViewFixture   *fixture,
                 gconstpointer  data)
{
  click_on (fixture, "the first site");
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==, "https://example.com/one");

  click_on (fixture, "the second");
  g_assert_cmpuint (fixture->activated->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 1), ==, "https://example.com/two");

  /* Text that is not a link does nothing. */
  click_on (fixture, "Go to");
  click_on (fixture, " or ");
  g_assert_cmpuint (fixture->activated->len, ==, 2);
}

static gboolean
press (ViewFixture *fixture,
       guint        keyval,
       guint        state)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (fixture->view), "alga-link-keys");
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static char *
get_selection (ViewFixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
test_view_keyboard (ViewFixture   *fixture,
                    gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *back = NULL;

  /* Enter with nothing selected is not taken. */
  g_assert_false (press (fixture, GDK_KEY_Return, 0));
  g_assert_cmpuint (fixture->activated->len, ==, 0);

  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  first = get_selection (fixture);
  g_assert_cmpstr (first, ==, "the first site");
  g_assert_true (press (fixture, GDK_KEY_Return, 0));
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==, "https://example.com/one");

  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  second = get_selection (fixture);
  g_assert_cmpstr (second, ==, "the second");
  g_assert_true (press (fixture, GDK_KEY_KP_Enter, 0));
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 1), ==, "https://example.com/two");

  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  back = get_selection (fixture);
  g_assert_cmpstr (back, ==, "the first site");

  /* Past the last link, Tab moves focus on as usual. */
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  g_assert_false (press (fixture, GDK_KEY_Tab, 0));
  g_assert_false (press (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  g_assert_cmpuint (fixture->activated->len, ==, 2);
}

static void
test_view_properties (ViewFixture   *fixture,
                      gconstpointer  data)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (fixture->view);
  GtkWidget *document;

  g_assert_false (gtk_text_view_get_editable (text_view));
  g_assert_false (gtk_text_view_get_cursor_visible (text_view));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (text_view), ==, GTK_WRAP_WORD_CHAR);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view),
                                       GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE);
  alga_rich_text_view_set_accessible_label (fixture->view, "Comment by Glinda Good");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Comment by Glinda Good");

  document = g_object_new (ALGA_TYPE_RICH_TEXT_VIEW,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_DOCUMENT,
                           NULL);
  g_object_ref_sink (document);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (document), GTK_ACCESSIBLE_ROLE_DOCUMENT);
  g_assert_finalize_object (document);

  /* The colours follow the style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  {
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (text_view));
    GdkRGBA *color = NULL;

    g_object_get (gtk_text_tag_table_lookup (table, "link"), "foreground-rgba", &color, NULL);
    g_assert_cmpfloat (color->blue, >, 0.9);
    g_assert_cmpfloat (color->red, >, 0.4);
    gdk_rgba_free (color);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add_func ("/rich-text/plain", test_plain);
  g_test_add_func ("/rich-text/detect", test_detect);
  g_test_add_func ("/rich-text/blocknote", test_blocknote);
  g_test_add_func ("/rich-text/markdown", test_markdown);
  g_test_add_func ("/rich-text/samples", test_samples);
  g_test_add_func ("/rich-text/hostile", test_hostile);
  g_test_add_func ("/rich-text/rerender", test_rerender);
  g_test_add ("/rich-text/view/click", ViewFixture, NULL,
              view_setup, test_view_click, view_teardown);
  g_test_add ("/rich-text/view/keyboard", ViewFixture, NULL,
              view_setup, test_view_keyboard, view_teardown);
  g_test_add ("/rich-text/view/properties", ViewFixture, NULL,
              view_setup, test_view_properties, view_teardown);

  return g_test_run ();
}
