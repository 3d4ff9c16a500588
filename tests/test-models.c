/* test-models.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "alga-activity.h"
#include "alga-comment.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-pagination.h"
#include "alga-board.h"
#include "alga-priority.h"
#include "alga-ticket-page.h"
#include "alga-watch-list.h"
#include "alga-service.h"
#include "alga-status.h"
#include "alga-tag.h"
#include "alga-test-utils.h"
#include "alga-ticket-stats.h"
#include "alga-ticket.h"
#include "alga-time-entry.h"
#include "alga-user.h"

#define TIC1001_ID "d3466db3-e5fa-4296-8d93-00deeb550690"
#define GLINDA_ID  "7b833c55-f1c7-402e-8594-e3efcde6b0e1"
#define TINMAN_ID  "4ee09b51-92d1-4ee6-b20a-35695a972537"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The "data" member of a sample, or the member named. */
static JsonNode *
load_sample (const char *name,
             const char *member)
{
  g_autofree char *text = alga_test_read_sample (name, NULL);
  g_autoptr(JsonNode) root = parse (text);
  JsonNode *node;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  node = json_object_get_member (json_node_get_object (root), member);
  g_assert_nonnull (node);

  return json_node_copy (node);
}

static GPtrArray *
decode_sample_list (const char         *name,
                    AlgaJsonDecodeFunc  decode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = load_sample (name, "data");
  GPtrArray *items = alga_json_decode_array (data, decode, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static gpointer
decode_sample_object (const char         *name,
                      AlgaJsonDecodeFunc  decode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = load_sample (name, "data");
  gpointer item = decode (data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static AlgaTicket *
find_ticket (GPtrArray  *tickets,
             const char *number)
{
  for (guint i = 0; i < tickets->len; i++)
    if (g_strcmp0 (alga_ticket_get_ticket_number (g_ptr_array_index (tickets, i)), number) == 0)
      return g_ptr_array_index (tickets, i);

  g_assert_not_reached ();
  return NULL;
}

static void
assert_datetime (GDateTime  *datetime,
                 const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (datetime);
  text = alga_json_format_datetime (datetime);
  g_assert_cmpstr (text, ==, expected);
}

/* JSON readers */

static void
test_json_readers (void)
{
  g_autoptr(JsonNode) node = parse ("{\"s\":\"x\",\"n\":42,\"d\":0.25,\"ns\":\"7500\",\"ds\":\"0.75\","
                                    "\"b\":true,\"bs\":\"false\",\"nul\":null,\"arr\":[1,\"a\",null],"
                                    "\"obj\":{\"k\":1},\"bad\":\"12abc\"}");
  JsonObject *o = json_node_get_object (node);
  g_autofree char *n_as_string = NULL;
  g_auto(GStrv) strv = NULL;

  g_assert_cmpstr (alga_json_get_string (o, "s"), ==, "x");
  g_assert_null (alga_json_get_string (o, "n"));
  g_assert_null (alga_json_get_string (o, "nul"));
  g_assert_null (alga_json_get_string (o, "missing"));
  g_assert_null (alga_json_get_string (NULL, "s"));
  n_as_string = alga_json_dup_string (o, "n");
  g_assert_cmpstr (n_as_string, ==, "42");

  g_assert_cmpint (alga_json_get_int (o, "n", -1), ==, 42);
  g_assert_cmpint (alga_json_get_int (o, "ns", -1), ==, 7500);
  g_assert_cmpint (alga_json_get_int (o, "bad", -1), ==, -1);
  g_assert_cmpint (alga_json_get_int (o, "s", -1), ==, -1);
  g_assert_cmpint (alga_json_get_int (o, "obj", -1), ==, -1);
  g_assert_cmpfloat (alga_json_get_double (o, "ds", -1), ==, 0.75);
  g_assert_cmpfloat (alga_json_get_double (o, "d", -1), ==, 0.25);
  g_assert_cmpfloat (alga_json_get_double (o, "nul", -1), ==, -1);

  g_assert_true (alga_json_get_boolean (o, "b", FALSE));
  g_assert_false (alga_json_get_boolean (o, "bs", TRUE));
  g_assert_true (alga_json_get_boolean (o, "nul", TRUE));
  g_assert_true (alga_json_get_boolean (o, "s", TRUE));

  g_assert_nonnull (alga_json_get_object (o, "obj"));
  g_assert_null (alga_json_get_object (o, "arr"));
  g_assert_nonnull (alga_json_get_array (o, "arr"));
  g_assert_null (alga_json_get_array (o, "obj"));

  strv = alga_json_dup_strv (o, "arr");
  g_assert_cmpuint (g_strv_length (strv), ==, 2);
  g_assert_cmpstr (strv[0], ==, "1");
  g_assert_cmpstr (strv[1], ==, "a");
  g_assert_null (alga_json_dup_strv (o, "s"));
}

static void
test_json_datetime (void)
{
  struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "2026-02-03T14:05:00.000Z", "2026-02-03T14:05:00.000Z" },
    { "2026-02-03T14:05:00Z", "2026-02-03T14:05:00.000Z" },
    { "2026-02-03T14:05:00.123Z", "2026-02-03T14:05:00.123Z" },
    { "2026-02-03T16:05:00+02:00", "2026-02-03T14:05:00.000Z" },
    { "2026-02-03T14:05:00", "2026-02-03T14:05:00.000Z" },
    { "2026-11-17", "2026-11-17T00:00:00.000Z" },
  };
  const char *bad[] = { "", "yesterday", "2026-13-01", "2026-02-30", "2026-02-03T25:00:00Z" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) dt = alga_json_parse_datetime (cases[i].in);

      assert_datetime (dt, cases[i].out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) dt = alga_json_parse_datetime (bad[i]);

      g_assert_null (dt);
    }

  g_assert_null (alga_json_parse_datetime (NULL));
  g_assert_null (alga_json_format_datetime (NULL));
}

static void
test_json_decode_array (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonNode) mixed = parse ("[{\"status_id\":\"a\",\"name\":\"A\"},{\"name\":\"no id\"},"
                                     "42,null,[],{\"status_id\":\"b\"}]");
  g_autoptr(JsonNode) object = parse ("{\"status_id\":\"a\"}");

  items = alga_json_decode_array (mixed, (AlgaJsonDecodeFunc) alga_status_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (alga_status_get_status_id (g_ptr_array_index (items, 0)), ==, "a");
  g_assert_cmpstr (alga_status_get_status_id (g_ptr_array_index (items, 1)), ==, "b");
  g_clear_pointer (&items, g_ptr_array_unref);

  items = alga_json_decode_array (object, (AlgaJsonDecodeFunc) alga_status_new_from_json, &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
  g_assert_null (items);
  g_clear_error (&error);

  items = alga_json_decode_array (NULL, (AlgaJsonDecodeFunc) alga_status_new_from_json, &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
  g_assert_null (items);
}

static void
test_json_deep_copy (void)
{
  g_autoptr(JsonNode) node = parse ("{\"a\":{\"b\":[1,{\"c\":2}]},\"d\":\"e\"}");
  g_autoptr(JsonObject) copy = alga_json_object_deep_copy (json_node_get_object (node));
  g_autoptr(JsonObject) empty = alga_json_object_deep_copy (NULL);
  JsonObject *inner;

  g_assert_true (json_object_equal (copy, json_node_get_object (node)));

  /* Changing the copy must leave the original alone. */
  inner = json_object_get_object_member (copy, "a");
  json_object_set_string_member (inner, "new", "x");
  g_assert_false (json_object_has_member (
      json_object_get_object_member (json_node_get_object (node), "a"), "new"));

  g_assert_cmpuint (json_object_get_size (empty), ==, 0);
}

/* Tickets */

static void
test_ticket_list_mobile (void)
{
  g_autoptr(GPtrArray) tickets = decode_sample_list ("01_list_mobile.json",
                                                     (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  AlgaTicket *t;
  const char * const *tags;
  GPtrArray *tag_list;

  g_assert_cmpuint (tickets->len, ==, 3);

  t = find_ticket (tickets, "TIC1001");
  g_assert_cmpstr (alga_ticket_get_ticket_id (t), ==, TIC1001_ID);
  g_assert_cmpstr (alga_ticket_get_title (t), ==, "Missing White Rabbit");
  g_assert_cmpstr (alga_ticket_get_assigned_to_name (t), ==, "Tin Woodman");
  g_assert_cmpstr (alga_ticket_get_board_id (t), ==, "3986e548-284a-4086-a663-305ecb44e949");
  g_assert_false (alga_ticket_get_status_is_closed (t));
  g_assert_false (alga_ticket_get_has_detail (t));
  g_assert_null (alga_ticket_get_description (t));
  g_assert_null (alga_ticket_get_priority_id (t));

  tags = alga_ticket_get_tags (t);
  g_assert_nonnull (tags);
  g_assert_cmpuint (g_strv_length ((GStrv) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "Urgent");
  g_assert_cmpstr (tags[1], ==, "White Rabbit");
  tag_list = alga_ticket_get_tag_list (t);
  g_assert_cmpuint (tag_list->len, ==, 2);
  g_assert_cmpstr (alga_tag_get_tag_id (g_ptr_array_index (tag_list, 0)), ==,
                   "48e2fb34-dcba-4d10-a7e4-bca5404e077e");
  g_assert_null (alga_tag_get_background_color (g_ptr_array_index (tag_list, 0)));

  t = find_ticket (tickets, "TIC1006");
  g_assert_cmpstr (alga_ticket_get_title (t), ==, "Ruby Slippers Server Power Fluctuation");
  g_assert_cmpstr (alga_ticket_get_status_name (t), ==, "Curious Beginning");
  g_assert_cmpstr (alga_ticket_get_client_name (t), ==, "Emerald City");
  g_assert_null (alga_ticket_get_contact_name (t));
  g_assert_null (alga_ticket_get_closed_at (t));
  assert_datetime (alga_ticket_get_updated_at (t), "2026-11-25T17:30:26.493Z");
  g_assert_cmpuint (g_strv_length ((GStrv) alga_ticket_get_tags (t)), ==, 0);
}

static void
test_ticket_list_full (void)
{
  g_autoptr(GPtrArray) tickets = decode_sample_list ("07b_nofilter_all.json",
                                                     (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(GPtrArray) one = decode_sample_list ("02_list_full.json",
                                                 (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(JsonObject) attributes = NULL;
  AlgaTicket *t;

  g_assert_cmpuint (tickets->len, ==, 5);

  t = find_ticket (tickets, "TIC1003");
  g_assert_cmpstr (alga_ticket_get_title (t), ==, "Enhance Emerald City Gardens");
  g_assert_cmpstr (alga_ticket_get_priority_name (t), ==, "Curious Conundrum");
  g_assert_cmpstr (alga_ticket_get_board_name (t), ==, "Projects");
  g_assert_cmpstr (alga_ticket_get_assigned_to_name (t), ==, "Scarecrow Brainless");

  t = find_ticket (tickets, "TIC1001");
  g_assert_cmpstr (alga_ticket_get_board_name (t), ==, "Urgent Matters");
  g_assert_cmpstr (alga_ticket_get_entered_by_name (t), ==, "Glinda Good");
  g_assert_nonnull (alga_ticket_get_priority_id (t));
  g_assert_null (alga_ticket_get_tags (t));
  g_assert_null (alga_ticket_get_due_date (t));
  attributes = alga_ticket_dup_attributes (t);
  g_assert_cmpuint (json_object_get_size (attributes), ==, 0);

  g_assert_cmpuint (one->len, ==, 1);
  t = g_ptr_array_index (one, 0);
  g_assert_cmpstr (alga_ticket_get_ticket_number (t), ==, "TIC1006");
  g_assert_cmpstr (alga_ticket_get_entered_by_name (t), ==, "Glinda Good");
}

static void
test_ticket_detail (void)
{
  g_autoptr(AlgaTicket) t = decode_sample_object ("11_detail.json",
                                                  (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(AlgaTicket) avatar = decode_sample_object ("11b_detail_avatar.json",
                                                       (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(AlgaTicket) created = decode_sample_object ("28_create_ticket.json",
                                                        (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(AlgaTicket) created_detail = decode_sample_object ("28b_detail_new.json",
                                                               (AlgaJsonDecodeFunc) alga_ticket_new_from_json);

  g_assert_cmpstr (alga_ticket_get_ticket_id (t), ==, TIC1001_ID);
  g_assert_cmpstr (alga_ticket_get_title (t), ==, "Missing White Rabbit");
  g_assert_true (alga_ticket_get_has_detail (t));
  g_assert_cmpstr (alga_ticket_get_location_name (t), ==, "Main Office");
  g_assert_cmpstr (alga_ticket_get_client_email (t), ==, "info@emeraldcity.oz");
  g_assert_cmpstr (alga_ticket_get_client_phone (t), ==, "+1 212-555-0100");
  g_assert_cmpstr (alga_ticket_get_contact_name (t), ==, "Alice in Wonderland");
  g_assert_cmpstr (alga_ticket_get_contact_email (t), ==, "alice@wonderland.com");
  g_assert_cmpstr (alga_ticket_get_contact_phone (t), ==, "+44 20 7946 0105");
  g_assert_cmpstr (alga_ticket_get_contact_name_id (t), ==, "2cdd4e33-8a08-4901-aa8f-4f5bf9020a48");
  g_assert_cmpstr (alga_ticket_get_category_name (t), ==, "Magical Artifacts");
  g_assert_cmpstr (alga_ticket_get_priority_id (t), ==, "c339bff4-bd56-46a7-ac18-bf6326de0b19");
  g_assert_cmpstr (alga_ticket_get_assigned_to (t), ==, TINMAN_ID);
  g_assert_cmpstr (alga_ticket_get_description_html (t), ==, "<p></p>");
  g_assert_null (alga_ticket_get_description (t));
  g_assert_null (alga_ticket_get_url (t));
  g_assert_null (alga_ticket_get_contact_avatar_url (t));
  assert_datetime (alga_ticket_get_entered_at (t), "2026-11-25T17:30:26.284Z");

  g_assert_cmpstr (alga_ticket_get_status_name (avatar), ==, "Unfolding Adventure");
  g_assert_cmpstr (alga_ticket_get_contact_avatar_url (avatar), ==,
                   "/api/documents/view/03519c48-5bc2-4c1c-a95e-62781c19ebe6?t=1795628110706");
  assert_datetime (alga_ticket_get_due_date (avatar), "2026-12-01T17:00:00.000Z");

  /* The POST answer is a bare row with a zero-padded number and no rendered description. */
  g_assert_cmpstr (alga_ticket_get_ticket_number (created), ==, "TIC001011");
  g_assert_cmpstr (alga_ticket_get_description (created), ==, "Created by live probe");
  g_assert_false (alga_ticket_get_has_detail (created));
  g_assert_null (alga_ticket_get_assigned_to (created));
  g_assert_cmpstr (alga_ticket_get_description_html (created_detail), ==,
                   "<p>Created by live probe</p>");
  g_assert_cmpstr (alga_ticket_get_status_name (created_detail), ==, "Curious Beginning");
}

static void
test_ticket_put_rows (void)
{
  g_autoptr(AlgaTicket) assigned = decode_sample_object ("16d_assign_real.json",
                                                         (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(AlgaTicket) attrs = decode_sample_object ("18_put_attrs.json",
                                                      (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(AlgaTicket) replaced = decode_sample_object ("18e_put_attrs_replace.json",
                                                         (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(AlgaTicket) column = decode_sample_object ("18b_put_due_date_col.json",
                                                       (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(JsonObject) attributes = NULL;
  const char * const *watchers;

  g_assert_cmpstr (alga_ticket_get_assigned_to (assigned), ==, TINMAN_ID);
  g_assert_null (alga_ticket_get_assigned_to_name (assigned));
  g_assert_false (alga_ticket_get_status_is_closed (assigned));

  assert_datetime (alga_ticket_get_due_date (attrs), "2026-12-01T17:00:00.000Z");
  attributes = alga_ticket_dup_attributes (attrs);
  g_assert_cmpstr (json_object_get_string_member (attributes, "due_date"), ==,
                   "2026-12-01T17:00:00.000Z");

  /* PUT replaced attributes whole: the due date is gone, the watcher list is empty. */
  g_assert_null (alga_ticket_get_due_date (replaced));
  watchers = alga_ticket_get_watcher_user_ids (replaced);
  g_assert_nonnull (watchers);
  g_assert_cmpuint (g_strv_length ((GStrv) watchers), ==, 0);

  /* Sending the due_date column was ignored (it stays null); the attributes' date remains. */
  assert_datetime (alga_ticket_get_due_date (column), "2026-12-01T17:00:00.000Z");
}

static void
test_ticket_dup_attributes (void)
{
  g_autoptr(JsonNode) node = parse ("{\"ticket_id\":\"t1\",\"attributes\":{\"description\":\"d\","
                                    "\"watcher_user_ids\":[\"u1\",\"u2\"],\"custom\":{\"x\":[1]}}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTicket) t = alga_ticket_new_from_json (node, &error);
  g_autoptr(JsonObject) copy1 = NULL;
  g_autoptr(JsonObject) copy2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_description (t), ==, "d");
  g_assert_cmpuint (g_strv_length ((GStrv) alga_ticket_get_watcher_user_ids (t)), ==, 2);

  copy1 = alga_ticket_dup_attributes (t);
  json_object_set_string_member (copy1, "due_date", "2026-12-01T17:00:00.000Z");
  json_array_add_int_element (json_object_get_array_member (
      json_object_get_object_member (copy1, "custom"), "x"), 2);

  /* The ticket's own attributes (and the parsed node) are untouched. */
  copy2 = alga_ticket_dup_attributes (t);
  g_assert_false (json_object_has_member (copy2, "due_date"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
      json_object_get_object_member (copy2, "custom"), "x")), ==, 1);
  g_assert_null (alga_ticket_get_due_date (t));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
names_contain (GPtrArray  *names,
               const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

/* What the list's search matches: title, number and client, casefolded, kept until one of them
 * changes (docs/PERFORMANCE.md, The search text kept per ticket). */
static void
test_ticket_search_text (void)
{
  g_autoptr(JsonNode) node = parse ("{\"ticket_id\":\"t1\",\"ticket_number\":\"TIC1001\","
                                    "\"title\":\"Drucker GRÜN im Büro\",\"client_name\":\"Acme AG\","
                                    "\"status_name\":\"New\"}");
  g_autoptr(JsonNode) renamed = parse ("{\"ticket_id\":\"t1\",\"title\":\"Printer jam\"}");
  g_autoptr(JsonNode) bare = parse ("{\"ticket_id\":\"t2\"}");
  g_autoptr(AlgaTicket) ticket = alga_ticket_new_from_json (node, NULL);
  g_autoptr(AlgaTicket) update = alga_ticket_new_from_json (renamed, NULL);
  g_autoptr(AlgaTicket) empty = alga_ticket_new_from_json (bare, NULL);
  g_autofree char *expected = g_strconcat ("drucker grün im büro", "\x1f", "tic1001", "\x1f",
                                           "acme ag", NULL);

  g_assert_cmpstr (alga_ticket_get_search_text (ticket), ==, expected);
  /* The status is not searched, and no match spans two parts. */
  g_assert_null (strstr (alga_ticket_get_search_text (ticket), "new"));
  g_assert_null (strstr (alga_ticket_get_search_text (ticket), "büro tic"));

  alga_ticket_update_from (ticket, update);
  g_assert_cmpstr (alga_ticket_get_search_text (ticket), ==, "printer jam" "\x1f" "tic1001" "\x1f" "acme ag");

  g_object_set (ticket, "client-name", "Ümlaut GmbH", NULL);
  g_assert_cmpstr (alga_ticket_get_search_text (ticket), ==, "printer jam" "\x1f" "tic1001" "\x1f" "ümlaut gmbh");

  g_assert_cmpstr (alga_ticket_get_search_text (empty), ==, "\x1f" "\x1f");
}

static void
test_ticket_update_from (void)
{
  g_autoptr(AlgaTicket) detail = decode_sample_object ("11b_detail_avatar.json",
                                                       (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(GPtrArray) list = decode_sample_list ("01_list_mobile.json",
                                                  (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AlgaTicket) same = decode_sample_object ("11b_detail_avatar.json",
                                                     (AlgaJsonDecodeFunc) alga_ticket_new_from_json);
  AlgaTicket *item = find_ticket (list, "TIC1001");
  GDateTime *due;

  g_signal_connect (detail, "notify", G_CALLBACK (count_notify_cb), names);

  /* Merging an identical copy changes nothing and says so. */
  alga_ticket_update_from (detail, same);
  g_assert_cmpuint (names->len, ==, 0);

  /* The list item is older (status "Curious Beginning") and lacks the detail fields. */
  alga_ticket_update_from (detail, item);
  g_assert_true (names_contain (names, "status-name"));
  g_assert_true (names_contain (names, "tags"));
  g_assert_true (names_contain (names, "updated-at"));
  g_assert_false (names_contain (names, "title"));
  g_assert_false (names_contain (names, "description-html"));
  g_assert_false (names_contain (names, "has-detail"));
  g_assert_false (names_contain (names, "due-date"));
  g_assert_cmpstr (alga_ticket_get_status_name (detail), ==, "Curious Beginning");
  g_assert_cmpuint (g_strv_length ((GStrv) alga_ticket_get_tags (detail)), ==, 2);

  /* Kept from the detail, which the list item does not carry. */
  g_assert_true (alga_ticket_get_has_detail (detail));
  g_assert_cmpstr (alga_ticket_get_description_html (detail), ==, "<p></p>");
  g_assert_cmpstr (alga_ticket_get_location_name (detail), ==, "Main Office");
  g_assert_cmpstr (alga_ticket_get_priority_id (detail), ==, "c339bff4-bd56-46a7-ac18-bf6326de0b19");
  due = alga_ticket_get_due_date (detail);
  assert_datetime (due, "2026-12-01T17:00:00.000Z");

  /* Merging it again notifies nothing more. */
  g_ptr_array_set_size (names, 0);
  alga_ticket_update_from (detail, item);
  g_assert_cmpuint (names->len, ==, 0);

  /* A newer detail brings its fields back; tags, which details lack, stay. */
  alga_ticket_update_from (detail, same);
  g_assert_true (names_contain (names, "status-name"));
  g_assert_cmpstr (alga_ticket_get_status_name (detail), ==, "Unfolding Adventure");
  g_assert_cmpuint (g_strv_length ((GStrv) alga_ticket_get_tags (detail)), ==, 2);

  /* A list item merged into another list item picks up the detail-free fields. */
  g_ptr_array_set_size (names, 0);
  g_object_set (same, "title", "Renamed", NULL);
  alga_ticket_update_from (detail, same);
  g_assert_cmpstr (alga_ticket_get_title (detail), ==, "Renamed");
  g_assert_true (names_contain (names, "title"));
}

static void
test_ticket_notify_on_change_only (void)
{
  g_autoptr(JsonNode) node = parse ("{\"ticket_id\":\"t1\",\"title\":\"A\"}");
  g_autoptr(AlgaTicket) t = alga_ticket_new_from_json (node, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) same_when = g_date_time_new_utc (2026, 1, 2, 3, 4, 5);
  const char *tags[] = { "one", NULL };
  GPtrArray *tag_list;

  g_signal_connect (t, "notify", G_CALLBACK (count_notify_cb), names);
  g_object_set (t, "title", "A", NULL);
  g_assert_cmpuint (names->len, ==, 0);
  g_object_set (t, "title", "B", NULL);
  g_assert_cmpuint (names->len, ==, 1);
  g_object_set (t, "updated-at", when, NULL);
  g_object_set (t, "updated-at", same_when, NULL);
  g_assert_cmpuint (names->len, ==, 2);
  g_object_set (t, "tags", tags, NULL);
  g_object_set (t, "tags", tags, NULL);
  g_assert_cmpuint (names->len, ==, 3);

  tag_list = alga_ticket_get_tag_list (t);
  g_assert_cmpuint (tag_list->len, ==, 1);
  g_assert_cmpstr (alga_tag_get_text (g_ptr_array_index (tag_list, 0)), ==, "one");
}

static void
test_ticket_hostile (void)
{
  const char *bad[] = {
    "[]",
    "42",
    "null",
    "\"TIC1001\"",
    "{}",
    "{\"ticket_id\":null}",
    "{\"ticket_id\":\"\"}",
    "{\"ticket_id\":{\"a\":1}}",
    "{\"ticket_id\":[\"x\"]}",
  };
  g_autoptr(JsonNode) nulls = parse ("{\"ticket_id\":\"t\",\"ticket_number\":null,\"title\":null,"
                                     "\"status_is_closed\":null,\"tags\":null,\"attributes\":null,"
                                     "\"entered_at\":null,\"updated_at\":\"garbage\","
                                     "\"closed_at\":12,\"due_date\":null,\"description_html\":null}");
  g_autoptr(JsonNode) wrong = parse ("{\"ticket_id\":12345,\"ticket_number\":1001,\"title\":[\"x\"],"
                                     "\"status_is_closed\":\"true\",\"tags\":{\"tag_text\":\"x\"},"
                                     "\"attributes\":[1,2],\"assigned_to\":{},"
                                     "\"entered_at\":\"2026-11-17\"}");
  g_autoptr(JsonNode) odd_tags = parse ("{\"ticket_id\":\"t\",\"tags\":[\"Plain\",null,7,{},"
                                        "{\"tag_text\":\"\"},{\"tag_text\":\"Ok\"}],"
                                        "\"attributes\":{\"description\":5,\"due_date\":\"nope\","
                                        "\"watcher_user_ids\":\"u1\"}}");
  g_autoptr(AlgaTicket) t = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  const char * const *tags;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (bad[i]);
      g_autoptr(AlgaTicket) ticket = alga_ticket_new_from_json (node, &error);

      g_assert_null (ticket);
      g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
    }

  t = alga_ticket_new_from_json (NULL, NULL);
  g_assert_null (t);

  t = alga_ticket_new_from_json (nulls, NULL);
  g_assert_nonnull (t);
  g_assert_null (alga_ticket_get_title (t));
  g_assert_false (alga_ticket_get_status_is_closed (t));
  /* "tags": null says "none", unlike a missing member, which says nothing. */
  g_assert_cmpuint (g_strv_length ((GStrv) alga_ticket_get_tags (t)), ==, 0);
  g_assert_cmpuint (alga_ticket_get_tag_list (t)->len, ==, 0);
  g_assert_null (alga_ticket_get_updated_at (t));
  g_assert_null (alga_ticket_get_closed_at (t));
  attributes = alga_ticket_dup_attributes (t);
  g_assert_cmpuint (json_object_get_size (attributes), ==, 0);
  g_clear_object (&t);
  g_clear_pointer (&attributes, json_object_unref);

  /* Numbers where strings belong become text; other wrong types are ignored. */
  t = alga_ticket_new_from_json (wrong, NULL);
  g_assert_nonnull (t);
  g_assert_cmpstr (alga_ticket_get_ticket_id (t), ==, "12345");
  g_assert_cmpstr (alga_ticket_get_ticket_number (t), ==, "1001");
  g_assert_null (alga_ticket_get_title (t));
  g_assert_null (alga_ticket_get_assigned_to (t));
  g_assert_true (alga_ticket_get_status_is_closed (t));
  g_assert_cmpuint (g_strv_length ((GStrv) alga_ticket_get_tags (t)), ==, 0);
  assert_datetime (alga_ticket_get_entered_at (t), "2026-11-17T00:00:00.000Z");
  attributes = alga_ticket_dup_attributes (t);
  g_assert_cmpuint (json_object_get_size (attributes), ==, 0);
  g_clear_object (&t);

  t = alga_ticket_new_from_json (odd_tags, NULL);
  g_assert_nonnull (t);
  tags = alga_ticket_get_tags (t);
  g_assert_cmpuint (g_strv_length ((GStrv) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "Plain");
  g_assert_cmpstr (tags[1], ==, "Ok");
  g_assert_cmpstr (alga_ticket_get_description (t), ==, "5");
  g_assert_null (alga_ticket_get_due_date (t));
  g_assert_null (alga_ticket_get_watcher_user_ids (t));
}

/* Comments */

static void
test_comments (void)
{
  g_autoptr(GPtrArray) full = decode_sample_list ("12_comments.json",
                                                  (AlgaJsonDecodeFunc) alga_comment_new_from_json);
  g_autoptr(GPtrArray) md = decode_sample_list ("12b_comments_md.json",
                                                (AlgaJsonDecodeFunc) alga_comment_new_from_json);
  AlgaComment *c;

  g_assert_cmpuint (full->len, ==, 3);
  c = g_ptr_array_index (full, 0);
  g_assert_cmpstr (alga_comment_get_comment_id (c), ==, "a078bd6e-5916-43d0-a9a7-2ad30b603f28");
  g_assert_cmpstr (alga_comment_get_ticket_id (c), ==, TIC1001_ID);
  g_assert_cmpstr (alga_comment_get_thread_id (c), ==, "215a9cb1-ce18-4679-928f-8fd1b9c5602b");
  g_assert_null (alga_comment_get_parent_comment_id (c));
  g_assert_cmpstr (alga_comment_get_text (c), ==,
                   "Initial report of missing White Rabbit. Last seen heading towards the tea party.");
  g_assert_cmpstr (alga_comment_get_comment_html (c), ==,
                   "<p>Initial report of missing White Rabbit. Last seen heading towards the tea party.</p>");
  g_assert_cmpstr (alga_comment_get_created_by_name (c), ==, "Glinda Good");
  g_assert_cmpstr (alga_comment_get_author_type (c), ==, "unknown");
  g_assert_cmpstr (alga_comment_get_publish_state (c), ==, "published");
  g_assert_cmpint (alga_comment_get_author_kind (c), ==, ALGA_COMMENT_AUTHOR_INTERNAL);
  g_assert_false (alga_comment_get_is_internal (c));
  g_assert_null (alga_comment_get_deleted_at (c));
  assert_datetime (alga_comment_get_created_at (c), "2026-11-25T17:30:26.293Z");

  c = g_ptr_array_index (full, 1);
  g_assert_true (alga_comment_get_is_internal (c));
  g_assert_cmpstr (alga_comment_get_text (c), ==, "Last seen heading towards the tea party.");

  /* The markdown format: no body (the server leaves markdown_content null), created_by as user. */
  g_assert_cmpuint (md->len, ==, 3);
  c = g_ptr_array_index (md, 2);
  g_assert_cmpstr (alga_comment_get_comment_id (c), ==, "1f48b5b4-3287-4d18-9f06-4153c338a2b0");
  g_assert_null (alga_comment_get_text (c));
  g_assert_null (alga_comment_get_markdown_content (c));
  g_assert_cmpstr (alga_comment_get_user_id (c), ==, GLINDA_ID);
  g_assert_cmpint (alga_comment_get_author_kind (c), ==, ALGA_COMMENT_AUTHOR_INTERNAL);
}

static void
test_comment_posted (void)
{
  g_autoptr(AlgaComment) plain = decode_sample_object ("13_post_comment.json",
                                                       (AlgaJsonDecodeFunc) alga_comment_new_from_json);
  g_autoptr(AlgaComment) bn = decode_sample_object ("40_post_blocknote.json",
                                                    (AlgaJsonDecodeFunc) alga_comment_new_from_json);

  g_assert_true (alga_comment_get_is_internal (plain));
  g_assert_cmpstr (alga_comment_get_text (plain), ==,
                   "Live probe: plain text comment with **stars** and <b>tags</b>\nsecond line");
  g_assert_null (alga_comment_get_created_by_name (plain));
  g_assert_cmpstr (alga_comment_get_user_id (plain), ==, GLINDA_ID);

  g_assert_cmpstr (alga_comment_get_comment_html (bn), ==, "<p>Hello <strong>bold</strong></p>");
  g_assert_true (g_str_has_prefix (alga_comment_get_text (bn), "[{\"type\":\"paragraph\""));
}

static void
test_comment_author_kind (void)
{
  struct {
    const char *json;
    AlgaCommentAuthorKind kind;
  } cases[] = {
    { "{\"comment_id\":\"c\",\"user_id\":\"u\",\"author_type\":\"unknown\"}", ALGA_COMMENT_AUTHOR_INTERNAL },
    { "{\"comment_id\":\"c\",\"contact_id\":\"k\",\"author_type\":\"unknown\"}", ALGA_COMMENT_AUTHOR_CONTACT },
    { "{\"comment_id\":\"c\",\"author_contact_id\":\"k\"}", ALGA_COMMENT_AUTHOR_CONTACT },
    { "{\"comment_id\":\"c\",\"user_id\":\"u\",\"is_system_generated\":true}", ALGA_COMMENT_AUTHOR_SYSTEM },
    { "{\"comment_id\":\"c\",\"author_type\":\"client\"}", ALGA_COMMENT_AUTHOR_CONTACT },
    { "{\"comment_id\":\"c\",\"author_type\":\"internal\"}", ALGA_COMMENT_AUTHOR_INTERNAL },
    { "{\"comment_id\":\"c\",\"author_type\":\"unknown\"}", ALGA_COMMENT_AUTHOR_SYSTEM },
    { "{\"comment_id\":\"c\",\"user_id\":null,\"contact_id\":null,\"is_system_generated\":null}", ALGA_COMMENT_AUTHOR_SYSTEM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(AlgaComment) c = alga_comment_new_from_json (node, NULL);

      g_assert_nonnull (c);
      g_assert_cmpint (alga_comment_get_author_kind (c), ==, cases[i].kind);
    }
}

static void
test_comment_hostile (void)
{
  const char *bad[] = { "[]", "{}", "{\"comment_id\":null}", "{\"comment_id\":true}", "\"x\"" };
  g_autoptr(JsonNode) note_only = parse ("{\"comment_id\":7,\"note\":\"from note\",\"is_internal\":\"true\","
                                         "\"created_at\":\"2026-11-17\",\"deleted_at\":\"2026-11-18T10:00:00Z\"}");
  g_autoptr(AlgaComment) c = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (bad[i]);
      g_autoptr(AlgaComment) comment = alga_comment_new_from_json (node, &error);

      g_assert_null (comment);
      g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
    }

  c = alga_comment_new_from_json (note_only, NULL);
  g_assert_cmpstr (alga_comment_get_comment_id (c), ==, "7");
  g_assert_cmpstr (alga_comment_get_text (c), ==, "from note");
  g_assert_true (alga_comment_get_is_internal (c));
  assert_datetime (alga_comment_get_created_at (c), "2026-11-17T00:00:00.000Z");
  assert_datetime (alga_comment_get_deleted_at (c), "2026-11-18T10:00:00.000Z");
}

/* Reference data */

static void
test_statuses (void)
{
  g_autoptr(GPtrArray) statuses = decode_sample_list ("14_statuses.json",
                                                      (AlgaJsonDecodeFunc) alga_status_new_from_json);
  g_autoptr(JsonNode) null_default = parse ("{\"status_id\":\"s\",\"is_default\":null,"
                                            "\"order_number\":\"3\"}");
  g_autoptr(AlgaStatus) s = NULL;
  AlgaStatus *first;

  g_assert_cmpuint (statuses->len, ==, 20);
  first = g_ptr_array_index (statuses, 0);
  g_assert_cmpstr (alga_status_get_status_id (first), ==, "25ecac34-cca3-4b7d-8326-c1a300e804bd");
  g_assert_cmpstr (alga_status_get_board_id (first), ==, "3986e548-284a-4086-a663-305ecb44e949");
  g_assert_cmpstr (alga_status_get_name (first), ==, "Curious Beginning");
  g_assert_false (alga_status_get_is_closed (first));
  g_assert_true (alga_status_get_is_default (first));
  g_assert_cmpint (alga_status_get_order_number (first), ==, 1);
  g_assert_cmpint (alga_status_get_order_number (g_ptr_array_index (statuses, 1)), ==, 2);
  g_assert_false (alga_status_get_is_default (g_ptr_array_index (statuses, 1)));

  s = alga_status_new_from_json (null_default, NULL);
  g_assert_false (alga_status_get_is_default (s));
  g_assert_cmpint (alga_status_get_order_number (s), ==, 3);
}

static void
test_priorities (void)
{
  g_autoptr(GPtrArray) priorities = decode_sample_list ("17_priorities.json",
                                                        (AlgaJsonDecodeFunc) alga_priority_new_from_json);
  g_autoptr(JsonNode) colored = parse ("{\"priority_id\":\"p\",\"priority_name\":\"High\","
                                       "\"color\":\"#EF4444\",\"order_number\":2}");
  g_autoptr(AlgaPriority) p = NULL;

  g_assert_cmpuint (priorities->len, ==, 8);
  p = g_object_ref (g_ptr_array_index (priorities, 1));
  g_assert_cmpstr (alga_priority_get_priority_id (p), ==, "c339bff4-bd56-46a7-ac18-bf6326de0b19");
  g_assert_cmpstr (alga_priority_get_priority_name (p), ==, "Enchanted Emergency");
  g_assert_null (alga_priority_get_color (p));
  g_assert_cmpint (alga_priority_get_order_number (p), ==, -1);
  g_clear_object (&p);

  p = alga_priority_new_from_json (colored, NULL);
  g_assert_cmpstr (alga_priority_get_color (p), ==, "#EF4444");
  g_assert_cmpint (alga_priority_get_order_number (p), ==, 2);
  /* The ticket route and this one say nothing of the kind. */
  g_assert_cmpint (alga_priority_get_kind (p), ==, ALGA_PRIORITY_KIND_UNKNOWN);
}

/* A board takes its tenant's own priorities or the ITIL ones; GET /priorities says which each
 * priority is, in the server's order. */
static void
test_priority_kinds (void)
{
  g_autoptr(GPtrArray) priorities = decode_sample_list ("66d_priorities_sorted.json",
                                                        (AlgaJsonDecodeFunc) alga_priority_new_from_json);
  g_autoptr(GPtrArray) boards = decode_sample_list ("53_boards.json",
                                                    (AlgaJsonDecodeFunc) alga_board_new_from_json);
  g_autoptr(JsonNode) untyped = parse ("{\"board_id\":\"b\",\"board_name\":\"Old\"}");
  g_autoptr(AlgaBoard) old = alga_board_new_from_json (untyped, NULL);
  guint custom = 0, itil = 0;

  g_assert_cmpuint (priorities->len, ==, 8);
  for (guint i = 0; i < priorities->len; i++)
    {
      AlgaPriority *p = priorities->pdata[i];

      if (alga_priority_get_kind (p) == ALGA_PRIORITY_KIND_ITIL)
        itil++;
      else if (alga_priority_get_kind (p) == ALGA_PRIORITY_KIND_CUSTOM)
        custom++;
    }
  g_assert_cmpuint (custom, ==, 3);
  g_assert_cmpuint (itil, ==, 5);
  g_assert_cmpstr (alga_priority_get_priority_name (priorities->pdata[3]), ==, "P1 - Critical");
  g_assert_cmpstr (alga_priority_get_color (priorities->pdata[3]), ==, "#DC2626");
  g_assert_cmpint (alga_priority_get_order_number (priorities->pdata[3]), ==, 100);

  for (guint i = 0; i < boards->len; i++)
    {
      AlgaBoard *b = boards->pdata[i];
      AlgaPriorityKind expected = g_str_equal (alga_board_get_board_name (b), "ITIL Support")
                                  ? ALGA_PRIORITY_KIND_ITIL : ALGA_PRIORITY_KIND_CUSTOM;

      g_assert_cmpint (alga_board_get_priority_kind (b), ==, expected);
    }
  g_assert_cmpint (alga_board_get_priority_kind (old), ==, ALGA_PRIORITY_KIND_UNKNOWN);

  {
    g_autoptr(GListStore) store = g_list_store_new (ALGA_TYPE_PRIORITY);
    g_autoptr(GPtrArray) custom_offer = NULL;
    g_autoptr(GPtrArray) itil_offer = NULL;
    g_autoptr(GPtrArray) unknown_offer = NULL;
    const char *itil_id = alga_priority_get_priority_id (priorities->pdata[4]);

    g_list_store_splice (store, 0, 0, priorities->pdata, priorities->len);
    /* A custom board: its three, and the ticket's ITIL one kept where it stands. */
    custom_offer = alga_priority_filter_for_board (G_LIST_MODEL (store), ALGA_PRIORITY_KIND_CUSTOM, itil_id);
    g_assert_cmpuint (custom_offer->len, ==, 4);
    g_assert_true (custom_offer->pdata[0] == priorities->pdata[0]);
    g_assert_true (custom_offer->pdata[3] == priorities->pdata[4]);
    itil_offer = alga_priority_filter_for_board (G_LIST_MODEL (store), ALGA_PRIORITY_KIND_ITIL, NULL);
    g_assert_cmpuint (itil_offer->len, ==, 5);
    g_assert_true (itil_offer->pdata[0] == priorities->pdata[3]);
    unknown_offer = alga_priority_filter_for_board (G_LIST_MODEL (store), ALGA_PRIORITY_KIND_UNKNOWN, NULL);
    g_assert_cmpuint (unknown_offer->len, ==, 8);
  }
}

/* The due_date column (the web UI's) wins over the apps' attributes.due_date, in both
 * decoders, and says which one it is. */
static void
test_ticket_due_date_sources (void)
{
  static const char *both = "{\"ticket_id\":\"t\",\"due_date\":\"2031-03-14T17:00:00.000Z\","
                            "\"attributes\":{\"due_date\":\"2030-01-01T17:00:00.000Z\"}}";
  static const char *app_only = "{\"ticket_id\":\"t\",\"due_date\":null,"
                                "\"attributes\":{\"due_date\":\"2030-01-01T17:00:00.000Z\"}}";
  static const char *column_after = "{\"ticket_id\":\"t\","
                                    "\"attributes\":{\"due_date\":\"2030-01-01T17:00:00.000Z\"},"
                                    "\"due_date\":\"2031-03-14T17:00:00.000Z\"}";
  const char *texts[] = { both, app_only, column_after };
  const int years[] = { 2031, 2030, 2031 };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = parse (texts[i]);
      g_autoptr(AlgaTicket) t = alga_ticket_new_from_json (node, NULL);
      g_autofree char *page = g_strdup_printf ("{\"data\":[%s],\"pagination\":{\"page\":1,\"limit\":1,"
                                               "\"total\":1,\"totalPages\":1,\"hasNext\":false,"
                                               "\"hasPrev\":false}}", texts[i]);
      g_autoptr(AlgaPagination) pagination = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = alga_ticket_page_decode (page, strlen (page), &pagination, &error);
      AlgaTicket *scanned;

      g_assert_no_error (error);
      g_assert_cmpuint (items->len, ==, 1);
      scanned = items->pdata[0];
      g_assert_cmpint (g_date_time_get_year (alga_ticket_get_due_date (t)), ==, years[i]);
      g_assert_cmpint (g_date_time_get_year (alga_ticket_get_due_date (scanned)), ==, years[i]);
      g_assert_cmpint (alga_ticket_get_due_date_is_column (t), ==, years[i] == 2031);
      g_assert_cmpint (alga_ticket_get_due_date_is_column (scanned), ==, years[i] == 2031);
    }
}

/* The server e-mails attributes.watch_list; the phone app reads watcher_user_ids. Adding and
 * removing keeps both in step and leaves other entries as they were. */
static void
test_watch_list (void)
{
  g_autoptr(JsonNode) node = parse ("{\"description\":\"d\",\"watcher_user_ids\":[\"u2\",\"u1\"],"
                                    "\"watch_list\":[\"bare@example.com\","
                                    "{\"email\":\"gone@example.com\",\"active\":false},"
                                    "{\"email\":\"ME@example.com\",\"active\":true,\"entity_type\":\"user\","
                                    "\"entity_id\":\"u1\",\"name\":\"Me\",\"extra\":1},42]}");
  JsonObject *attributes = json_node_get_object (node);
  g_autoptr(GPtrArray) watchers = alga_watch_list_dup_watchers (attributes);
  g_autoptr(JsonObject) removed = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonObject) first = NULL;
  JsonArray *list;
  JsonObject *entry;

  /* bare, me (both lists, once), u2 (phone app's only). */
  g_assert_cmpuint (watchers->len, ==, 3);
  g_assert_cmpstr (((AlgaWatchEntry *) watchers->pdata[0])->email, ==, "bare@example.com");
  g_assert_null (((AlgaWatchEntry *) watchers->pdata[0])->user_id);
  g_assert_cmpstr (((AlgaWatchEntry *) watchers->pdata[1])->user_id, ==, "u1");
  g_assert_cmpstr (((AlgaWatchEntry *) watchers->pdata[1])->name, ==, "Me");
  g_assert_true (((AlgaWatchEntry *) watchers->pdata[1])->emailed);
  g_assert_cmpstr (((AlgaWatchEntry *) watchers->pdata[2])->user_id, ==, "u2");
  g_assert_false (((AlgaWatchEntry *) watchers->pdata[2])->emailed);
  g_assert_true (alga_watch_list_has_user (attributes, "u1", NULL));
  g_assert_true (alga_watch_list_has_user (attributes, "nobody", "me@EXAMPLE.com"));
  g_assert_false (alga_watch_list_has_user (attributes, "u3", "gone@example.com"));

  removed = alga_watch_list_changes_to_remove (attributes, "u1", "me@example.com");
  list = json_object_get_array_member (removed, "watch_list");
  /* The inactive entry and the number stay as they were; only mine goes. */
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (list, 0), ==, "bare@example.com");
  g_assert_cmpint (json_array_get_int_element (list, 2), ==, 42);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (removed, "watcher_user_ids")), ==, 1);
  g_assert_false (json_object_has_member (removed, "description"));

  added = alga_watch_list_changes_to_add (attributes, "u3", "three@example.com", "Three");
  list = json_object_get_array_member (added, "watch_list");
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  entry = json_array_get_object_element (list, 4);
  g_assert_cmpstr (json_object_get_string_member (entry, "email"), ==, "three@example.com");
  g_assert_true (json_object_get_boolean_member (entry, "active"));
  g_assert_cmpstr (json_object_get_string_member (entry, "name"), ==, "Three");
  g_assert_cmpstr (json_object_get_string_member (entry, "entity_type"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (entry, "entity_id"), ==, "u3");
  g_assert_cmpstr (json_object_get_string_member (entry, "source"), ==, "manual");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (added, "watcher_user_ids")), ==, 3);

  /* Without attributes, and without an address: the phone app's list only. */
  first = alga_watch_list_changes_to_add (NULL, "u9", NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "watch_list")), ==, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "watcher_user_ids"), 0),
                   ==, "u9");
}

static void
test_users (void)
{
  g_autoptr(GPtrArray) users = decode_sample_list ("21b_users_list.json",
                                                   (AlgaJsonDecodeFunc) alga_user_new_from_json);
  g_autoptr(JsonNode) sparse = parse ("{\"user_id\":\"u\",\"first_name\":\"  \",\"last_name\":\"Solo\"}");
  g_autoptr(JsonNode) bare = parse ("{\"user_id\":\"u2\",\"username\":\"\",\"email\":\"e@x\"}");
  g_autoptr(AlgaUser) u = NULL;
  g_autofree char *name = NULL;
  AlgaUser *glinda;

  g_assert_cmpuint (users->len, ==, 2);
  glinda = g_ptr_array_index (users, 0);
  g_assert_cmpstr (alga_user_get_user_id (glinda), ==, GLINDA_ID);
  g_assert_cmpstr (alga_user_get_username (glinda), ==, "glinda");
  g_assert_cmpstr (alga_user_get_email (glinda), ==, "glinda@emeraldcity.oz");
  g_assert_cmpstr (alga_user_get_user_type (glinda), ==, "internal");
  g_assert_null (alga_user_get_phone (glinda));
  g_assert_null (alga_user_get_timezone (glinda));
  g_assert_false (alga_user_get_is_inactive (glinda));
  name = alga_user_dup_display_name (glinda);
  g_assert_cmpstr (name, ==, "Glinda Good");
  g_clear_pointer (&name, g_free);

  name = alga_user_dup_display_name (g_ptr_array_index (users, 1));
  g_assert_cmpstr (name, ==, "Tin Woodman");
  g_clear_pointer (&name, g_free);

  u = alga_user_new_from_json (sparse, NULL);
  name = alga_user_dup_display_name (u);
  g_assert_cmpstr (name, ==, "Solo");
  g_clear_pointer (&name, g_free);
  g_clear_object (&u);

  u = alga_user_new_from_json (bare, NULL);
  name = alga_user_dup_display_name (u);
  g_assert_cmpstr (name, ==, "e@x");
}

static void
test_services (void)
{
  g_autoptr(GPtrArray) services = decode_sample_list ("19_services.json",
                                                      (AlgaJsonDecodeFunc) alga_service_new_from_json);
  g_autoptr(AlgaTimeEntry) entry = NULL;
  g_autoptr(JsonNode) te = load_sample ("20b_te_valid.json", "data");
  g_autoptr(AlgaService) from_entry = NULL;
  AlgaService *s;

  g_assert_cmpuint (services->len, ==, 3);
  s = g_ptr_array_index (services, 0);
  g_assert_cmpstr (alga_service_get_service_id (s), ==, "1f58c4e2-57af-4c08-a041-db3c138c438c");
  g_assert_cmpstr (alga_service_get_service_name (s), ==, "Yellow Brick Road Repair");
  g_assert_cmpfloat (alga_service_get_default_rate (s), ==, 10000);
  g_assert_cmpstr (alga_service_get_unit_of_measure (s), ==, "Hour");
  g_assert_cmpfloat (alga_service_get_default_rate (g_ptr_array_index (services, 2)), ==, 7500);

  /* In a time entry the same column comes as a string. */
  from_entry = alga_service_new_from_json (json_object_get_member (json_node_get_object (te), "service"),
                                           NULL);
  g_assert_cmpstr (alga_service_get_service_name (from_entry), ==, "Rabbit Tracking");
  g_assert_cmpfloat (alga_service_get_default_rate (from_entry), ==, 7500);
}

/* Time entries */

static void
test_time_entries (void)
{
  g_autoptr(AlgaTimeEntry) created = decode_sample_object ("20b_te_valid.json",
                                                           (AlgaJsonDecodeFunc) alga_time_entry_new_from_json);
  g_autoptr(GPtrArray) list = decode_sample_list ("29_te_list.json",
                                                  (AlgaJsonDecodeFunc) alga_time_entry_new_from_json);
  g_autoptr(JsonNode) summary = load_sample ("30_ticket_te_summary.json", "data");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTimeEntry *e;

  g_assert_cmpstr (alga_time_entry_get_entry_id (created), ==, "8fdecdf0-48ce-4033-a260-74c0de7b25a1");
  g_assert_cmpstr (alga_time_entry_get_work_item_id (created), ==, TIC1001_ID);
  g_assert_cmpstr (alga_time_entry_get_work_item_type (created), ==, "ticket");
  assert_datetime (alga_time_entry_get_start_time (created), "2026-11-17T23:30:00.000Z");
  assert_datetime (alga_time_entry_get_end_time (created), "2026-11-18T00:15:00.000Z");
  assert_datetime (alga_time_entry_get_work_date (created), "2026-11-17T00:00:00.000Z");
  g_assert_cmpint (alga_time_entry_get_billable_duration (created), ==, 45);
  g_assert_cmpfloat (alga_time_entry_get_duration_hours (created), ==, 0.75);
  g_assert_cmpstr (alga_time_entry_get_notes (created), ==, "probe valid");
  g_assert_cmpstr (alga_time_entry_get_service_id (created), ==, "02b38453-61da-4af8-9be2-58134fc3a980");
  g_assert_cmpstr (alga_time_entry_get_service_name (created), ==, "Rabbit Tracking");
  g_assert_true (alga_time_entry_get_is_billable (created));
  g_assert_cmpstr (alga_time_entry_get_approval_status (created), ==, "DRAFT");
  g_assert_cmpstr (alga_time_entry_get_user_name (created), ==, "Glinda Good");

  g_assert_cmpuint (list->len, ==, 1);
  e = g_ptr_array_index (list, 0);
  g_assert_cmpfloat (alga_time_entry_get_duration_hours (e), ==, 2.0);
  g_assert_cmpint (alga_time_entry_get_billable_duration (e), ==, 120);
  g_assert_null (alga_time_entry_get_service_id (e));
  assert_datetime (alga_time_entry_get_work_date (e), "2026-11-16T00:00:00.000Z");

  /* The ticket summary: date-only work_date, no millis, no duration_hours, no is_billable. */
  entries = alga_json_decode_array (json_object_get_member (json_node_get_object (summary), "entries"),
                                    (AlgaJsonDecodeFunc) alga_time_entry_new_from_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);
  e = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (alga_time_entry_get_entry_id (e), ==, "8fdecdf0-48ce-4033-a260-74c0de7b25a1");
  assert_datetime (alga_time_entry_get_work_date (e), "2026-11-17T00:00:00.000Z");
  assert_datetime (alga_time_entry_get_start_time (e), "2026-11-17T23:30:00.000Z");
  g_assert_cmpfloat (alga_time_entry_get_duration_hours (e), ==, 0.75);
  g_assert_true (alga_time_entry_get_is_billable (e));
  g_assert_true (alga_time_entry_get_is_own (e));
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpfloat (alga_time_entry_get_duration_hours (e), ==, 3.0);
}

static void
test_time_entry_hostile (void)
{
  g_autoptr(JsonNode) node = parse ("{\"entry_id\":\"e\",\"billable_duration\":\"0\",\"duration_hours\":\"x\","
                                    "\"start_time\":null,\"work_date\":42,\"service\":\"no\"}");
  g_autoptr(JsonNode) missing = parse ("{\"work_item_id\":\"w\"}");
  g_autoptr(AlgaTimeEntry) e = alga_time_entry_new_from_json (node, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTimeEntry) none = alga_time_entry_new_from_json (missing, &error);

  g_assert_nonnull (e);
  g_assert_cmpint (alga_time_entry_get_billable_duration (e), ==, 0);
  g_assert_false (alga_time_entry_get_is_billable (e));
  g_assert_cmpfloat (alga_time_entry_get_duration_hours (e), ==, 0);
  g_assert_null (alga_time_entry_get_work_date (e));
  g_assert_null (alga_time_entry_get_service_name (e));

  g_assert_null (none);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
}

/* Stats, activities, pagination */

static void
test_stats (void)
{
  g_autoptr(AlgaTicketStats) stats = decode_sample_object ("10_stats.json",
                                                           (AlgaJsonDecodeFunc) alga_ticket_stats_new_from_json);
  g_autoptr(JsonNode) odd = parse ("{\"total_tickets\":\"7\",\"open_tickets\":null,"
                                   "\"tickets_by_status\":[1],\"tickets_by_board\":{\"A\":\"2\",\"B\":\"x\",\"C\":-1}}");
  g_autoptr(JsonNode) array = parse ("[]");
  g_autoptr(AlgaTicketStats) s = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (alga_ticket_stats_get_total_tickets (stats), ==, 5);
  g_assert_cmpuint (alga_ticket_stats_get_open_tickets (stats), ==, 5);
  g_assert_cmpuint (alga_ticket_stats_get_closed_tickets (stats), ==, 0);
  g_assert_cmpuint (alga_ticket_stats_get_unassigned_tickets (stats), ==, 0);
  g_assert_cmpuint (alga_ticket_stats_get_overdue_tickets (stats), ==, 0);
  g_assert_cmpuint (alga_ticket_stats_get_tickets_created_today (stats), ==, 3);
  g_assert_cmpuint (alga_ticket_stats_get_tickets_created_this_week (stats), ==, 3);
  g_assert_cmpuint (alga_ticket_stats_get_tickets_created_this_month (stats), ==, 3);
  g_assert_cmpuint (alga_ticket_stats_lookup (alga_ticket_stats_get_by_status (stats),
                                              "25ecac34-cca3-4b7d-8326-c1a300e804bd"), ==, 2);
  g_assert_cmpuint (g_hash_table_size (alga_ticket_stats_get_by_status (stats)), ==, 4);
  g_assert_cmpuint (alga_ticket_stats_lookup (alga_ticket_stats_get_by_priority (stats),
                                              "Enchanted Emergency"), ==, 4);
  g_assert_cmpuint (alga_ticket_stats_lookup (alga_ticket_stats_get_by_category (stats),
                                              "Realm Maintenance"), ==, 3);
  g_assert_cmpuint (alga_ticket_stats_lookup (alga_ticket_stats_get_by_board (stats),
                                              "Projects"), ==, 1);
  g_assert_cmpuint (alga_ticket_stats_lookup (alga_ticket_stats_get_by_board (stats),
                                              "Nowhere"), ==, 0);

  s = alga_ticket_stats_new_from_json (odd, NULL);
  g_assert_cmpuint (alga_ticket_stats_get_total_tickets (s), ==, 7);
  g_assert_cmpuint (alga_ticket_stats_get_open_tickets (s), ==, 0);
  g_assert_cmpuint (g_hash_table_size (alga_ticket_stats_get_by_status (s)), ==, 0);
  g_assert_cmpuint (g_hash_table_size (alga_ticket_stats_get_by_board (s)), ==, 1);
  g_assert_cmpuint (alga_ticket_stats_lookup (alga_ticket_stats_get_by_board (s), "A"), ==, 2);
  g_clear_object (&s);

  s = alga_ticket_stats_new_from_json (array, &error);
  g_assert_null (s);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
}

static void
test_activities (void)
{
  g_autoptr(GPtrArray) empty = decode_sample_list ("22_activities.json",
                                                   (AlgaJsonDecodeFunc) alga_activity_new_from_json);
  g_autoptr(JsonNode) guessed = parse ("[{\"internal_notification_id\":17,\"type\":\"ticket_assigned\","
                                       "\"title\":\"Assigned\",\"message\":\"TIC1001 is yours\","
                                       "\"ticket_id\":\"" TIC1001_ID "\",\"user_id\":\"u\","
                                       "\"created_at\":\"2026-11-25T17:30:26.284Z\",\"read_at\":\"2026-11-25T18:00:00Z\","
                                       "\"extra\":{\"k\":1}},"
                                       "{\"id\":\"a2\",\"activity_type\":\"comment\",\"is_read\":false},"
                                       "{\"title\":\"no id\"}]");
  g_autoptr(GPtrArray) items = NULL;
  AlgaActivity *a;

  g_assert_cmpuint (empty->len, ==, 0);

  items = alga_json_decode_array (guessed, (AlgaJsonDecodeFunc) alga_activity_new_from_json, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  a = g_ptr_array_index (items, 0);
  g_assert_cmpstr (alga_activity_get_id (a), ==, "17");
  g_assert_cmpstr (alga_activity_get_activity_type (a), ==, "ticket_assigned");
  g_assert_cmpstr (alga_activity_get_title (a), ==, "Assigned");
  g_assert_cmpstr (alga_activity_get_message (a), ==, "TIC1001 is yours");
  g_assert_cmpstr (alga_activity_get_ticket_id (a), ==, TIC1001_ID);
  g_assert_cmpstr (alga_activity_get_user_id (a), ==, "u");
  g_assert_true (alga_activity_get_is_read (a));
  assert_datetime (alga_activity_get_created_at (a), "2026-11-25T17:30:26.284Z");
  g_assert_true (json_object_has_member (alga_activity_get_raw (a), "extra"));

  a = g_ptr_array_index (items, 1);
  g_assert_cmpstr (alga_activity_get_id (a), ==, "a2");
  g_assert_cmpstr (alga_activity_get_activity_type (a), ==, "comment");
  g_assert_false (alga_activity_get_is_read (a));
  g_assert_null (alga_activity_get_created_at (a));
}

static void
test_pagination (void)
{
  g_autoptr(JsonNode) mobile = load_sample ("01_list_mobile.json", "pagination");
  g_autoptr(JsonNode) activities = load_sample ("22_activities.json", "pagination");
  g_autoptr(JsonNode) partial = parse ("{\"page\":\"2\",\"limit\":10,\"total\":25}");
  g_autoptr(JsonNode) garbage = parse ("{\"page\":-3,\"limit\":null,\"total\":\"x\"}");
  g_autoptr(JsonNode) array = parse ("[]");
  g_autoptr(AlgaPagination) p = NULL;
  g_autoptr(AlgaPagination) copy = NULL;
  g_autoptr(GError) error = NULL;

  p = alga_pagination_new_from_json (mobile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->page, ==, 1);
  g_assert_cmpuint (p->limit, ==, 3);
  g_assert_cmpuint (p->total, ==, 5);
  g_assert_cmpuint (p->total_pages, ==, 2);
  g_assert_true (p->has_next);
  g_assert_false (p->has_prev);
  copy = alga_pagination_copy (p);
  g_assert_cmpmem (copy, sizeof *copy, p, sizeof *p);
  g_clear_pointer (&p, alga_pagination_free);

  p = alga_pagination_new_from_json (activities, NULL);
  g_assert_cmpuint (p->total_pages, ==, 0);
  g_assert_false (p->has_next);
  g_clear_pointer (&p, alga_pagination_free);

  /* Missing members are worked out as the server computes them. */
  p = alga_pagination_new_from_json (partial, NULL);
  g_assert_cmpuint (p->page, ==, 2);
  g_assert_cmpuint (p->total_pages, ==, 3);
  g_assert_true (p->has_next);
  g_assert_true (p->has_prev);
  g_clear_pointer (&p, alga_pagination_free);

  p = alga_pagination_new_from_json (garbage, NULL);
  g_assert_cmpuint (p->page, ==, 1);
  g_assert_cmpuint (p->total, ==, 0);
  g_assert_false (p->has_next);
  g_clear_pointer (&p, alga_pagination_free);

  p = alga_pagination_new_from_json (array, &error);
  g_assert_null (p);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
}

/* Every model decodes an object of nothing but nulls and wrong types without crashing. */
static void
test_all_models_hostile (void)
{
  AlgaJsonDecodeFunc decoders[] = {
    (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
    (AlgaJsonDecodeFunc) alga_comment_new_from_json,
    (AlgaJsonDecodeFunc) alga_status_new_from_json,
    (AlgaJsonDecodeFunc) alga_priority_new_from_json,
    (AlgaJsonDecodeFunc) alga_user_new_from_json,
    (AlgaJsonDecodeFunc) alga_service_new_from_json,
    (AlgaJsonDecodeFunc) alga_time_entry_new_from_json,
    (AlgaJsonDecodeFunc) alga_ticket_stats_new_from_json,
    (AlgaJsonDecodeFunc) alga_activity_new_from_json,
    (AlgaJsonDecodeFunc) alga_tag_new_from_json,
  };
  const char *ids[] = { "ticket_id", "comment_id", "status_id", "priority_id", "user_id",
                        "service_id", "entry_id", "total_tickets", "id", "tag_text" };
  const char *values[] = { "null", "[]", "{}", "true", "\"\"", "1e400", "-1", "\"2026-99-99\"" };
  const char *members[] = {
    "title", "name", "tags", "attributes", "status_is_closed", "is_closed", "order_number",
    "default_rate", "duration_hours", "billable_duration", "work_date", "start_time",
    "created_at", "updated_at", "note", "comment_text", "first_name", "tickets_by_status",
    "service", "work_item", "is_read", "read_at", "description_html", "due_date",
  };

  for (guint d = 0; d < G_N_ELEMENTS (decoders); d++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        g_autoptr(GString) json = g_string_new ("{");
        g_autoptr(JsonNode) node = NULL;
        g_autoptr(GObject) item = NULL;

        g_string_append_printf (json, "\"%s\":\"the-id\"", ids[d]);
        for (guint m = 0; m < G_N_ELEMENTS (members); m++)
          g_string_append_printf (json, ",\"%s\":%s", members[m], values[v]);
        g_string_append_c (json, '}');

        node = parse (json->str);
        item = decoders[d] (node, NULL);
        g_assert_true (item == NULL || G_IS_OBJECT (item));
        /* The id was fine, so every decoder but the stats (no id) and tags must succeed. */
        if (d != 7 && d != 9)
          g_assert_nonnull (item);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/readers", test_json_readers);
  g_test_add_func ("/json/datetime", test_json_datetime);
  g_test_add_func ("/json/decode-array", test_json_decode_array);
  g_test_add_func ("/json/deep-copy", test_json_deep_copy);
  g_test_add_func ("/ticket/list-mobile", test_ticket_list_mobile);
  g_test_add_func ("/ticket/search-text", test_ticket_search_text);
  g_test_add_func ("/ticket/list-full", test_ticket_list_full);
  g_test_add_func ("/ticket/detail", test_ticket_detail);
  g_test_add_func ("/ticket/put-rows", test_ticket_put_rows);
  g_test_add_func ("/ticket/dup-attributes", test_ticket_dup_attributes);
  g_test_add_func ("/ticket/update-from", test_ticket_update_from);
  g_test_add_func ("/ticket/notify-on-change-only", test_ticket_notify_on_change_only);
  g_test_add_func ("/ticket/hostile", test_ticket_hostile);
  g_test_add_func ("/comment/list", test_comments);
  g_test_add_func ("/comment/posted", test_comment_posted);
  g_test_add_func ("/comment/author-kind", test_comment_author_kind);
  g_test_add_func ("/comment/hostile", test_comment_hostile);
  g_test_add_func ("/status/list", test_statuses);
  g_test_add_func ("/priority/list", test_priorities);
  g_test_add_func ("/priority/kinds", test_priority_kinds);
  g_test_add_func ("/ticket/due-date-sources", test_ticket_due_date_sources);
  g_test_add_func ("/ticket/watch-list", test_watch_list);
  g_test_add_func ("/user/list", test_users);
  g_test_add_func ("/service/list", test_services);
  g_test_add_func ("/time-entry/decode", test_time_entries);
  g_test_add_func ("/time-entry/hostile", test_time_entry_hostile);
  g_test_add_func ("/stats/decode", test_stats);
  g_test_add_func ("/activity/decode", test_activities);
  g_test_add_func ("/pagination/decode", test_pagination);
  g_test_add_func ("/models/hostile", test_all_models_hostile);

  return g_test_run ();
}
