/* test-ticket-page.c: alga_ticket_page_decode() (pages of tickets from their bytes) against the
 * json-glib path it replaced, property by property: every sample of the real server, the demo
 * server's lists, the quirks of alga-api.md, and malformed bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "alga-test-server.h"
#include "alga-test-ticket-page.h"
#include "alga-test-utils.h"

static void
assert_same (const char *body,
             gssize      length)
{
  g_autofree char *difference = NULL;

  if (length < 0)
    length = strlen (body);

  difference = alga_test_page_check (body, length);
  if (difference != NULL)
    g_error ("%s\nbody: %.*s", difference, (int) MIN (length, 2000), body);
}

/* Decodes with both, checks they agree, and returns the scanner's page (or NULL). */
static GPtrArray *
decode_both (const char  *body,
             GError     **error)
{
  assert_same (body, -1);

  return alga_ticket_page_decode (body, strlen (body), NULL, error);
}

static AlgaTicket *
decode_one (const char *item)
{
  g_autofree char *body = g_strdup_printf ("{\"data\":[%s]}", item);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = decode_both (body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);

  return g_object_ref (g_ptr_array_index (items, 0));
}

static void
assert_fails (const char *body,
              gssize      length,
              gboolean    syntax)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (length < 0)
    length = strlen (body);

  assert_same (body, length);
  items = alga_ticket_page_decode (body, length, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
  g_assert_cmpint (alga_test_page_is_syntax_error (error), ==, syntax);
}

static void
test_samples (void)
{
  const char *dir = g_getenv ("ALGA_SAMPLES_DIR");
  g_autoptr(GDir) samples = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint pages = 0, tickets = 0;

  g_assert_nonnull (dir);
  samples = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (samples)) != NULL)
    {
      g_autofree char *body = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length;

      body = alga_test_read_sample (name, &length);
      g_test_message ("%s", name);
      assert_same (body, length);

      items = alga_ticket_page_decode (body, length, NULL, &local_error);
      if (items != NULL)
        {
          pages++;
          tickets += items->len;
        }
    }

  /* Every list of tickets among them, and the other answers with a "data" array. */
  g_assert_cmpuint (pages, >=, 8);
  g_assert_cmpuint (tickets, >=, 15);
}

static GBytes *
fetch (AlgaTestServer *server,
       const char     *query)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets?%s",
                                          alga_test_server_get_url (server), query);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key",
                               alga_test_server_get_api_key (server));
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  return body;
}

static void
test_demo_server (void)
{
  static const char * const queries[] = {
    "fields=mobile_list&limit=100&page=1",
    "fields=mobile_list&limit=100&page=7&sort=updated_at&order=asc",
    "fields=mobile_list&limit=50&page=40",
    "limit=100&page=1",
    "limit=100&page=3&is_closed=true",
    "limit=100&page=1&search=printer",
    "fields=mobile_list&limit=100&page=1000",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTestServer) server = NULL;
  guint total = 0;

  server = alga_test_server_new_full (7, 2000, ALGA_TEST_EDITION_ENTERPRISE, 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GBytes) body = fetch (server, queries[i]);
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(AlgaPagination) pagination = NULL;

      assert_same (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      items = alga_ticket_page_decode (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                       &pagination, &error);
      g_assert_no_error (error);
      g_assert_nonnull (pagination);
      total += items->len;
    }

  g_assert_cmpuint (total, >=, 500);
}

static void
test_quirks (void)
{
  g_autoptr(AlgaTicket) t = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  /* Literal booleans, strings for booleans, numbers for ids, nulls, unknown members. */
  t = decode_one ("{\"ticket_id\":\"a\",\"status_is_closed\":\"TRUE\",\"ticket_number\":1006,"
                  "\"title\":null,\"client_id\":12.5,\"unknown\":{\"x\":[1,{\"y\":null}]},"
                  "\"board_name\":true,\"status_name\":[\"no\"],\"updated_at\":5}");
  g_assert_true (alga_ticket_get_status_is_closed (t));
  g_assert_cmpstr (alga_ticket_get_ticket_number (t), ==, "1006");
  g_assert_cmpstr (alga_ticket_get_client_id (t), ==, "12.5");
  g_assert_null (alga_ticket_get_board_name (t));
  g_assert_null (alga_ticket_get_updated_at (t));
  g_clear_object (&t);

  for (guint i = 0; i < 12; i++)
    {
      static const char * const closed[] = {
        "true", "false", "1", "0", "2", "-1", "0.5", "\"1\"", "\"0\"", "\"yes\"", "null", "{}"
      };
      g_autofree char *item = g_strdup_printf ("{\"ticket_id\":\"a\",\"status_is_closed\":%s,"
                                               "\"is_closed\":true}", closed[i]);

      g_clear_object (&t);
      t = decode_one (item);
    }
  g_clear_object (&t);
  t = decode_one ("{\"ticket_id\":\"a\",\"is_closed\":1}");
  g_assert_true (alga_ticket_get_status_is_closed (t));
  g_clear_object (&t);

  /* Ids as numbers, huge and negative, as json-glib turned them into text. */
  t = decode_one ("{\"ticket_id\":-0,\"ticket_number\":99999999999999999999,"
                  "\"status_id\":-9223372036854775808,\"priority_id\":1e400,"
                  "\"client_id\":-0.0,\"board_id\":1E-7,\"entered_by\":0.1}");
  g_assert_cmpstr (alga_ticket_get_ticket_id (t), ==, "0");
  g_clear_object (&t);

  /* Repeated members count the last time; escaped names are names. */
  t = decode_one ("{\"ticket_id\":\"a\",\"title\":\"one\",\"title\":\"two\",\"tags\":[\"x\"],"
                  "\"tags\":null,\"ticket\\u005fnumber\":\"T\\u00e9\",\"client_name\":\"\\ud83d\\ude00\\n\\\"\\/\\\\\","
                  "\"contact_name\":\"cut\\u0000here\",\"attributes\":{\"description\":\"d\"},"
                  "\"attributes\":{\"watcher_user_ids\":[\"u\",2,null],\"due_date\":\"2026-01-02\"}}");
  g_assert_cmpstr (alga_ticket_get_title (t), ==, "two");
  g_assert_cmpstr (alga_ticket_get_ticket_number (t), ==, "Té");
  g_assert_cmpstr (alga_ticket_get_client_name (t), ==, "😀\n\"/\\");
  g_assert_cmpstr (alga_ticket_get_contact_name (t), ==, "cut");
  g_assert_null (alga_ticket_get_description (t));
  g_assert_nonnull (alga_ticket_get_due_date (t));
  g_assert_cmpuint (g_strv_length ((char **) alga_ticket_get_tags (t)), ==, 0);
  g_clear_object (&t);

  /* Tags: objects with colours, bare strings, and elements to skip. */
  t = decode_one ("{\"ticket_id\":\"a\",\"tags\":[{\"tag_id\":\"1\",\"tag_text\":\"printer\","
                  "\"background_color\":\"#fff\",\"text_color\":null},\"bare\",\"\",{\"tag_text\":\"\"},"
                  "{\"tag_id\":\"2\"},3,null,[\"nested\"],{\"tag_text\":42,\"tag_text\":\"last\"}]}");
  g_assert_cmpuint (alga_ticket_get_tag_list (t)->len, ==, 4);
  g_clear_object (&t);

  /* Due dates: the column, what Alga's web UI shows and sets, wins over the apps' own
   * attributes.due_date; detail marks. */
  t = decode_one ("{\"ticket_id\":\"a\",\"due_date\":\"2026-02-03T04:05:06.789+02:00\","
                  "\"attributes\":null,\"description_html\":null,\"closed_at\":\"2026-13-01\","
                  "\"entered_at\":\"2026-11-25T17:30:26.493Z\",\"updated_at\":\"2026-11-25T17:30:26Z\"}");
  g_assert_true (alga_ticket_get_has_detail (t));
  g_assert_nonnull (alga_ticket_get_due_date (t));
  g_clear_object (&t);
  t = decode_one ("{\"ticket_id\":\"a\",\"due_date\":\"2026-02-03\","
                  "\"attributes\":{\"due_date\":\"2027-01-01\"}}");
  g_assert_cmpint (g_date_time_get_year (alga_ticket_get_due_date (t)), ==, 2026);
  g_assert_true (alga_ticket_get_due_date_is_column (t));
  g_clear_object (&t);
  t = decode_one ("{\"ticket_id\":\"a\",\"due_date\":null,"
                  "\"attributes\":{\"due_date\":\"2027-01-01\"}}");
  g_assert_cmpint (g_date_time_get_year (alga_ticket_get_due_date (t)), ==, 2027);
  g_assert_false (alga_ticket_get_due_date_is_column (t));
  g_clear_object (&t);

  /* Items that are skipped: no id, an empty one, not objects. */
  items = decode_both ("{\"data\":[{\"title\":\"x\"},{\"ticket_id\":\"\"},{\"ticket_id\":null},"
                       "{\"ticket_id\":true},1,\"s\",null,[],{\"ticket_id\":\"kept\"}],"
                       "\"pagination\":{\"page\":2,\"total\":\"7\",\"has_next\":\"true\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The envelope: repeated "data", pagination anywhere or absent, a BOM, white space. */
  items = decode_both ("\xef\xbb\xbf {\"pagination\":{\"hasNext\":true},\"data\":[{\"ticket_id\":\"1\"}],"
                       "\"meta\":{\"sort\":\"x\"},\"data\":[{\"ticket_id\":\"2\"},{\"ticket_id\":\"3\"}]}\n\t\f",
                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Nesting up to the limit is fine in a member nobody reads. */
  {
    g_autoptr(GString) body = g_string_new ("{\"data\":[{\"ticket_id\":\"a\",\"deep\":");

    for (guint i = 0; i < ALGA_JSON_MAX_DEPTH - 3; i++)
      g_string_append_c (body, '[');
    for (guint i = 0; i < ALGA_JSON_MAX_DEPTH - 3; i++)
      g_string_append_c (body, ']');
    g_string_append (body, "}]}");
    items = decode_both (body->str, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 1);
    g_clear_pointer (&items, g_ptr_array_unref);
  }
}

static void
test_wrong_types (void)
{
  /* Answers that are JSON but not a page: the same error as before, never a crash. */
  assert_fails ("", 0, FALSE);
  assert_fails (" \n", -1, FALSE);
  assert_fails ("null", -1, FALSE);
  assert_fails ("[]", -1, FALSE);
  assert_fails ("\"data\"", -1, FALSE);
  assert_fails ("{}", -1, FALSE);
  assert_fails ("{\"error\":{\"code\":\"x\"}}", -1, FALSE);
  assert_fails ("{\"data\":null}", -1, FALSE);
  assert_fails ("{\"data\":{}}", -1, FALSE);
  assert_fails ("{\"data\":\"[]\"}", -1, FALSE);
  assert_fails ("{\"data\":[],\"data\":{}}", -1, FALSE);
  assert_fails ("{\"data\":[],\"pagination\":null}", -1, FALSE);
  assert_fails ("{\"data\":[],\"pagination\":[]}", -1, FALSE);
  assert_fails ("{\"data\":[],\"pagination\":3}", -1, FALSE);
}

static void
test_malformed (void)
{
  static const char * const bodies[] = {
    /* not JSON at all, or lenient forms json-glib took and RFC 8259 does not */
    "{\"data\":[],}", "{\"data\":[1,]}", "{\"data\":[] \"x\":1}", "{'data':[]}",
    "{\"data\":[]} // c", "{\"data\":[/* c */]}", "{\"data\":[01]}", "{\"data\":[0x1]}",
    "{\"data\":[-]}", "{\"data\":[1.]}", "{\"data\":[.5]}", "{\"data\":[1e]}", "{\"data\":[+1]}",
    "{\"data\":[tru]}", "{\"data\":[nul]}", "{\"data\":[True]}", "{\"data\":[]}x",
    "{\"data\":[]}{}", "{\"data\":[\"\\x\"]}", "{\"data\":[\"\\u12\"]}", "{\"data\":[\"\\ud800\"]}",
    "{\"data\":[\"\\udc00\"]}", "{\"data\":[\"\\ud800\\u0041\"]}", "{\"data\":[\"tab\there\"]}",
    "{\"data\":[\"\\1\"]}", "{\"data\"[]}", "{\"data\":[}", "{\"data\":]}", "{data:[]}",
    "var x = {\"data\":[]};", "{\"data\":[],\"a\":1 \"b\":2}", "\v{\"data\":[]}",
  };
  static const char * const bad_utf8[] = {
    "\x80", "\xc3", "\xc3\x28", "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf",
    "\xf8\x88\x80\x80\x80", "\xff",
  };
  const char *page = "{\"data\":[{\"ticket_id\":\"t\",\"title\":\"Drucker \xc3\xbc\\u00fc\","
                     "\"tags\":[{\"tag_text\":\"a\"}],\"status_is_closed\":false}],"
                     "\"pagination\":{\"page\":1}}";

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_fails (bodies[i], -1, TRUE);

  /* Every truncation of a page fails, as json-glib's parse did. */
  for (gsize n = 1; n < strlen (page); n++)
    assert_fails (page, n, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (bad_utf8); i++)
    {
      g_autofree char *in_string = g_strdup_printf ("{\"data\":[{\"ticket_id\":\"%s\"}]}", bad_utf8[i]);
      g_autofree char *in_key = g_strdup_printf ("{\"data\":[{\"%s\":1,\"ticket_id\":\"a\"}]}", bad_utf8[i]);
      g_autofree char *outside = g_strdup_printf ("{\"data\":[]}%s", bad_utf8[i]);

      assert_fails (in_string, -1, TRUE);
      assert_fails (in_key, -1, TRUE);
      assert_fails (outside, -1, TRUE);
    }

  /* A NUL byte, raw. */
  assert_fails ("{\"data\":[{\"ticket_id\":\"a\0b\"}]}", 27, TRUE);

  /* Too deep, in an item or around everything; and an unterminated deep body. */
  for (guint depth = ALGA_JSON_MAX_DEPTH - 1; depth <= ALGA_JSON_MAX_DEPTH + 2; depth++)
    {
      g_autoptr(GString) body = g_string_new ("{\"data\":[{\"ticket_id\":\"a\",\"deep\":");
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 3; i < depth; i++)
        g_string_append_c (body, '{'), g_string_append (body, "\"k\":");
      g_string_append (body, "1");
      for (guint i = 3; i < depth; i++)
        g_string_append_c (body, '}');
      g_string_append (body, "}]}");

      assert_same (body->str, body->len);
      items = alga_ticket_page_decode (body->str, body->len, NULL, &error);
      g_assert_cmpint (items != NULL, ==, depth <= ALGA_JSON_MAX_DEPTH);
    }
  {
    g_autofree char *deep = g_strnfill (1 << 20, '[');

    assert_fails (deep, -1, TRUE);
  }
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

/* Tags decoded from a page keep their colours compactly; merging notifies real changes only. */
static void
test_tag_colours_merge (void)
{
  g_autoptr(AlgaTicket) row = decode_one ("{\"ticket_id\":\"a\",\"tags\":[{\"tag_id\":\"m1\","
                                          "\"tag_text\":\"vip\",\"background_color\":\"#f00\"}]}");
  g_autoptr(AlgaTicket) same = decode_one ("{\"ticket_id\":\"a\",\"tags\":[{\"tag_id\":\"m1\","
                                           "\"tag_text\":\"vip\",\"background_color\":\"#f00\"}]}");
  g_autoptr(AlgaTicket) recoloured = decode_one ("{\"ticket_id\":\"a\",\"tags\":[{\"tag_id\":\"m1\","
                                                 "\"tag_text\":\"vip\",\"background_color\":\"#0f0\"}]}");
  g_autoptr(AlgaTicket) bare = decode_one ("{\"ticket_id\":\"a\",\"tags\":[\"vip\"]}");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *tags;

  g_signal_connect (row, "notify", G_CALLBACK (on_notify_cb), names);

  alga_ticket_update_from (row, same);
  g_assert_cmpuint (names->len, ==, 0);

  alga_ticket_update_from (row, recoloured);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "tags");
  tags = alga_ticket_get_tag_list (row);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (alga_tag_get_tag_id (g_ptr_array_index (tags, 0)), ==, "m1");
  g_assert_cmpstr (alga_tag_get_background_color (g_ptr_array_index (tags, 0)), ==, "#0f0");
  g_assert_null (alga_tag_get_text_color (g_ptr_array_index (tags, 0)));

  /* Once made, the list stays; a page without colours takes them away. */
  alga_ticket_update_from (row, recoloured);
  g_assert_cmpuint (names->len, ==, 1);
  alga_ticket_update_from (row, bare);
  g_assert_cmpuint (names->len, ==, 2);
  tags = alga_ticket_get_tag_list (row);
  g_assert_null (alga_tag_get_background_color (g_ptr_array_index (tags, 0)));
  g_assert_cmpstr (alga_ticket_get_tags (row)[0], ==, "vip");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticket-page/samples", test_samples);
  g_test_add_func ("/ticket-page/demo-server", test_demo_server);
  g_test_add_func ("/ticket-page/quirks", test_quirks);
  g_test_add_func ("/ticket-page/wrong-types", test_wrong_types);
  g_test_add_func ("/ticket-page/malformed", test_malformed);
  g_test_add_func ("/ticket-page/tag-colours-merge", test_tag_colours_merge);

  return g_test_run ();
}
