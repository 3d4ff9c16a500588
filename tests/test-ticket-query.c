/* test-ticket-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "alga-json.h"
#include "alga-test-utils.h"
#include "alga-ticket-query.h"
#include "alga-ticket.h"

#define ME    "7b833c55-f1c7-402e-8594-e3efcde6b0e1"
#define TIN   "4ee09b51-92d1-4ee6-b20a-35695a972537"
#define BOARD "3986e548-284a-4086-a663-305ecb44e949"

static void
assert_query (const AlgaTicketQuery *query,
              guint                  page,
              guint                  limit,
              const char            *expected)
{
  g_autofree char *text = alga_ticket_query_to_string (query, page, limit);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_default (void)
{
  g_autoptr(AlgaTicketQuery) q = alga_ticket_query_new ();

  assert_query (q, 1, 25, "page=1&limit=25&fields=mobile_list&sort=entered_at&order=desc");
  /* Page 0 and limits out of 1..100 are refused by the server; never send them. */
  assert_query (q, 0, 0, "page=1&limit=1&fields=mobile_list&sort=entered_at&order=desc");
  assert_query (q, 3, 500, "page=3&limit=100&fields=mobile_list&sort=entered_at&order=desc");

  alga_ticket_query_set_fields (q, NULL);
  assert_query (q, 1, 25, "page=1&limit=25&sort=entered_at&order=desc");
}

static void
test_state (void)
{
  g_autoptr(AlgaTicketQuery) q = alga_ticket_query_new ();

  alga_ticket_query_set_state (q, ALGA_TICKET_STATE_OPEN);
  assert_query (q, 1, 25,
                "page=1&limit=25&fields=mobile_list&sort=entered_at&order=desc&is_open=true");
  alga_ticket_query_set_state (q, ALGA_TICKET_STATE_CLOSED);
  assert_query (q, 2, 10,
                "page=2&limit=10&fields=mobile_list&sort=entered_at&order=desc&is_closed=true");
  /* Not is_open=false: the server ignores the false forms. */
  alga_ticket_query_set_state (q, ALGA_TICKET_STATE_ANY);
  assert_query (q, 1, 25, "page=1&limit=25&fields=mobile_list&sort=entered_at&order=desc");
}

static void
test_assignee (void)
{
  g_autoptr(AlgaTicketQuery) q = alga_ticket_query_new ();

  alga_ticket_query_set_fields (q, NULL);

  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_NONE, NULL);
  assert_query (q, 1, 25, "page=1&limit=25&sort=entered_at&order=desc&has_assignment=false");

  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_USER, TIN);
  assert_query (q, 1, 25, "page=1&limit=25&sort=entered_at&order=desc&assigned_to=" TIN);
  g_assert_cmpstr (alga_ticket_query_get_assignee_id (q), ==, TIN);

  /* "Me" means nothing until the query knows who signed in. */
  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_ME, NULL);
  g_assert_null (alga_ticket_query_get_assignee_id (q));
  assert_query (q, 1, 25, "page=1&limit=25&sort=entered_at&order=desc");
  alga_ticket_query_set_current_user_id (q, ME);
  assert_query (q, 1, 25, "page=1&limit=25&sort=entered_at&order=desc&assigned_to=" ME);

  /* A user filter without a user is no filter. */
  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_USER, "");
  g_assert_cmpint (alga_ticket_query_get_assignee (q), ==, ALGA_TICKET_ASSIGNEE_ANY);
  assert_query (q, 1, 25, "page=1&limit=25&sort=entered_at&order=desc");
}

static void
test_lists_and_escaping (void)
{
  g_autoptr(AlgaTicketQuery) q = alga_ticket_query_new ();
  const char *statuses[] = { "s1", " ", "s2", NULL };
  const char *tags[] = { "White Rabbit", "URGENT", "a&b=c", NULL };
  const char *empty[] = { "", NULL };

  alga_ticket_query_set_fields (q, NULL);
  alga_ticket_query_set_status_ids (q, statuses);
  assert_query (q, 1, 25, "page=1&limit=25&sort=entered_at&order=desc&status_ids=s1,s2");
  g_assert_cmpuint (g_strv_length ((GStrv) alga_ticket_query_get_status_ids (q)), ==, 2);

  alga_ticket_query_set_status_ids (q, empty);
  g_assert_null (alga_ticket_query_get_status_ids (q));

  alga_ticket_query_set_tags (q, tags);
  assert_query (q, 1, 25,
                "page=1&limit=25&sort=entered_at&order=desc&tags=white%20rabbit,urgent,a%26b%3Dc");
  alga_ticket_query_set_tags (q, NULL);

  alga_ticket_query_set_priority_name (q, "Enchanted Emergency");
  alga_ticket_query_set_search (q, "  rabbit & tea?  ");
  assert_query (q, 1, 25,
                "page=1&limit=25&sort=entered_at&order=desc"
                "&priority_name=Enchanted%20Emergency&search=rabbit%20%26%20tea%3F");

  alga_ticket_query_set_search (q, "   ");
  alga_ticket_query_set_priority_name (q, "");
  assert_query (q, 1, 25, "page=1&limit=25&sort=entered_at&order=desc");

  alga_ticket_query_set_search (q, "Ünïcødé");
  assert_query (q, 1, 25,
                "page=1&limit=25&sort=entered_at&order=desc&search=%C3%9Cn%C3%AFc%C3%B8d%C3%A9");
}

static void
test_ids_and_time (void)
{
  g_autoptr(AlgaTicketQuery) q = alga_ticket_query_new ();
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) since = g_date_time_new (plus2, 2026, 1, 1, 2, 0, 0.5);

  alga_ticket_query_set_board_id (q, BOARD);
  alga_ticket_query_set_client_id (q, "fbcd3ab5-3a93-49af-b2c6-1420c5d07ab7");
  /* Offsets are refused by the server with a 400: always UTC with Z. */
  alga_ticket_query_set_updated_since (q, since);
  assert_query (q, 1, 25,
                "page=1&limit=25&fields=mobile_list&sort=entered_at&order=desc"
                "&board_id=" BOARD "&client_id=fbcd3ab5-3a93-49af-b2c6-1420c5d07ab7"
                "&updated_from=2026-01-01T00%3A00%3A00.500Z");
}

static void
test_sort (void)
{
  g_autoptr(AlgaTicketQuery) q = alga_ticket_query_new ();
  const char *accepted[] = { "updated_at", "entered_at", "priority_name", "status_name",
                             "client_name", "ticket_number", "title", "due_date" };
  const char *refused[] = { "created_at", "assigned_to_name", "contact_name", "bogus",
                            "updated_at;drop", "", "UPDATED_AT" };

  alga_ticket_query_set_fields (q, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *expected = g_strdup_printf ("page=1&limit=25&sort=%s&order=asc", accepted[i]);

      g_assert_true (alga_ticket_query_set_sort (q, accepted[i], FALSE));
      assert_query (q, 1, 25, expected);
    }

  alga_ticket_query_set_sort (q, "updated_at", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (alga_ticket_query_set_sort (q, refused[i], FALSE));
      assert_query (q, 1, 25, "page=1&limit=25&sort=updated_at&order=desc");
    }

  g_assert_true (alga_ticket_query_set_sort (q, NULL, FALSE));
  g_assert_cmpstr (alga_ticket_query_get_sort (q), ==, "entered_at");
  g_assert_false (alga_ticket_query_get_descending (q));
}

static void
test_everything (void)
{
  g_autoptr(AlgaTicketQuery) q = alga_ticket_query_new ();
  g_autoptr(GDateTime) since = g_date_time_new_utc (2026, 11, 25, 17, 30, 0);
  const char *statuses[] = { "s1", "s2", NULL };
  const char *tags[] = { "urgent", NULL };

  alga_ticket_query_set_state (q, ALGA_TICKET_STATE_OPEN);
  alga_ticket_query_set_current_user_id (q, ME);
  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_ME, NULL);
  alga_ticket_query_set_status_ids (q, statuses);
  alga_ticket_query_set_priority_name (q, "P1 - Critical");
  alga_ticket_query_set_tags (q, tags);
  alga_ticket_query_set_board_id (q, BOARD);
  alga_ticket_query_set_client_id (q, "c");
  alga_ticket_query_set_updated_since (q, since);
  alga_ticket_query_set_search (q, "rabbit");
  alga_ticket_query_set_sort (q, "updated_at", FALSE);

  assert_query (q, 4, 50,
                "page=4&limit=50&fields=mobile_list&sort=updated_at&order=asc&is_open=true"
                "&assigned_to=" ME "&status_ids=s1,s2&priority_name=P1%20-%20Critical&tags=urgent"
                "&board_id=" BOARD "&client_id=c&updated_from=2026-11-25T17%3A30%3A00.000Z"
                "&search=rabbit");
}

static void
test_copy_equal (void)
{
  g_autoptr(AlgaTicketQuery) a = alga_ticket_query_new ();
  g_autoptr(AlgaTicketQuery) b = NULL;
  g_autoptr(AlgaTicketQuery) c = NULL;
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  const char *tags[] = { "x", NULL };
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;

  alga_ticket_query_set_state (a, ALGA_TICKET_STATE_CLOSED);
  alga_ticket_query_set_tags (a, tags);
  alga_ticket_query_set_updated_since (a, t1);
  alga_ticket_query_set_assignee (a, ALGA_TICKET_ASSIGNEE_USER, TIN);

  b = alga_ticket_query_copy (a);
  g_assert_true (alga_ticket_query_equal (a, b));
  sa = alga_ticket_query_to_string (a, 1, 25);
  sb = alga_ticket_query_to_string (b, 1, 25);
  g_assert_cmpstr (sa, ==, sb);

  /* Equal by value: another GDateTime of the same instant, "" the same as unset. */
  alga_ticket_query_set_updated_since (b, t2);
  alga_ticket_query_set_search (b, "");
  g_assert_true (alga_ticket_query_equal (a, b));

  alga_ticket_query_set_search (b, "x");
  g_assert_false (alga_ticket_query_equal (a, b));
  alga_ticket_query_set_search (b, NULL);

  c = alga_ticket_query_copy (a);
  alga_ticket_query_set_sort (c, "title", TRUE);
  g_assert_false (alga_ticket_query_equal (a, c));
  alga_ticket_query_set_sort (c, "entered_at", FALSE);
  g_assert_false (alga_ticket_query_equal (a, c));
  alga_ticket_query_set_sort (c, "entered_at", TRUE);
  g_assert_true (alga_ticket_query_equal (a, c));
  alga_ticket_query_set_tags (c, NULL);
  g_assert_false (alga_ticket_query_equal (a, c));

  /* The copy is independent of the original. */
  alga_ticket_query_free (g_steal_pointer (&a));
  g_assert_cmpint (alga_ticket_query_get_state (b), ==, ALGA_TICKET_STATE_CLOSED);
  g_assert_cmpstr (alga_ticket_query_get_assignee_id (b), ==, TIN);

  g_assert_true (G_TYPE_IS_BOXED (ALGA_TYPE_TICKET_QUERY));
}

static AlgaTicket *
ticket (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  AlgaTicket *t;

  g_assert_no_error (error);
  t = alga_ticket_new_from_json (node, &error);
  g_assert_no_error (error);
  return t;
}

static void
test_matches (void)
{
  g_autoptr(AlgaTicketQuery) q = alga_ticket_query_new ();
  g_autofree char *sample = alga_test_read_sample ("01_list_mobile.json", NULL);
  g_autoptr(JsonNode) root = json_from_string (sample, NULL);
  g_autoptr(GPtrArray) tickets = alga_json_decode_array (
      json_object_get_member (json_node_get_object (root), "data"),
      (AlgaJsonDecodeFunc) alga_ticket_new_from_json, NULL);
  g_autoptr(AlgaTicket) closed = ticket ("{\"ticket_id\":\"c\",\"status_is_closed\":true,"
                                         "\"assigned_to\":null,\"entered_at\":\"2026-01-01T00:00:00Z\"}");
  g_autoptr(AlgaTicket) detail = ticket ("{\"ticket_id\":\"d\",\"status_is_closed\":false}");
  g_autoptr(GDateTime) mid = g_date_time_new_utc (2026, 6, 1, 0, 0, 0);
  const char *tags_rabbit[] = { "white rabbit", NULL };
  const char *tags_none[] = { "nope", NULL };
  const char *status_ids[] = { "25ecac34-cca3-4b7d-8326-c1a300e804bd", NULL };
  AlgaTicket *tic1001 = NULL;
  AlgaTicket *tic1006 = NULL;

  for (guint i = 0; i < tickets->len; i++)
    {
      AlgaTicket *t = g_ptr_array_index (tickets, i);

      if (g_strcmp0 (alga_ticket_get_ticket_number (t), "TIC1001") == 0)
        tic1001 = t;
      else if (g_strcmp0 (alga_ticket_get_ticket_number (t), "TIC1006") == 0)
        tic1006 = t;
    }
  g_assert_nonnull (tic1001);
  g_assert_nonnull (tic1006);

  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_true (alga_ticket_query_matches (q, closed));

  alga_ticket_query_set_state (q, ALGA_TICKET_STATE_OPEN);
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_false (alga_ticket_query_matches (q, closed));
  alga_ticket_query_set_state (q, ALGA_TICKET_STATE_CLOSED);
  g_assert_false (alga_ticket_query_matches (q, tic1001));
  g_assert_true (alga_ticket_query_matches (q, closed));
  alga_ticket_query_set_state (q, ALGA_TICKET_STATE_ANY);

  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_USER, TIN);
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_false (alga_ticket_query_matches (q, tic1006));
  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_NONE, NULL);
  g_assert_false (alga_ticket_query_matches (q, tic1001));
  g_assert_true (alga_ticket_query_matches (q, closed));
  alga_ticket_query_set_current_user_id (q, TIN);
  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_ME, NULL);
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_false (alga_ticket_query_matches (q, closed));
  alga_ticket_query_set_assignee (q, ALGA_TICKET_ASSIGNEE_ANY, NULL);

  /* Tags: any of them, case-insensitively; a ticket whose tags are unknown is kept. */
  alga_ticket_query_set_tags (q, tags_rabbit);
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_false (alga_ticket_query_matches (q, tic1006));
  g_assert_true (alga_ticket_query_matches (q, detail));
  alga_ticket_query_set_tags (q, tags_none);
  g_assert_false (alga_ticket_query_matches (q, tic1001));
  alga_ticket_query_set_tags (q, NULL);

  alga_ticket_query_set_status_ids (q, status_ids);
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_false (alga_ticket_query_matches (q, closed));
  alga_ticket_query_set_status_ids (q, NULL);

  alga_ticket_query_set_priority_name (q, "Enchanted Emergency");
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  alga_ticket_query_set_priority_name (q, "enchanted emergency");
  g_assert_false (alga_ticket_query_matches (q, tic1001));
  alga_ticket_query_set_priority_name (q, NULL);

  alga_ticket_query_set_board_id (q, BOARD);
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_false (alga_ticket_query_matches (q, closed));
  alga_ticket_query_set_board_id (q, NULL);

  alga_ticket_query_set_client_id (q, "fbcd3ab5-3a93-49af-b2c6-1420c5d07ab7");
  g_assert_true (alga_ticket_query_matches (q, tic1006));
  alga_ticket_query_set_client_id (q, NULL);

  /* updated_since compares updated_at, else entered_at. */
  alga_ticket_query_set_updated_since (q, mid);
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_false (alga_ticket_query_matches (q, closed));
  g_assert_false (alga_ticket_query_matches (q, detail));
  alga_ticket_query_set_updated_since (q, NULL);

  /* Search: title, number or client name, ignoring case. */
  alga_ticket_query_set_search (q, "WHITE rab");
  g_assert_true (alga_ticket_query_matches (q, tic1001));
  g_assert_false (alga_ticket_query_matches (q, tic1006));
  alga_ticket_query_set_search (q, "tic1006");
  g_assert_true (alga_ticket_query_matches (q, tic1006));
  alga_ticket_query_set_search (q, "emerald");
  g_assert_true (alga_ticket_query_matches (q, tic1006));
  g_assert_false (alga_ticket_query_matches (q, closed));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticket-query/default", test_default);
  g_test_add_func ("/ticket-query/state", test_state);
  g_test_add_func ("/ticket-query/assignee", test_assignee);
  g_test_add_func ("/ticket-query/lists-and-escaping", test_lists_and_escaping);
  g_test_add_func ("/ticket-query/ids-and-time", test_ids_and_time);
  g_test_add_func ("/ticket-query/sort", test_sort);
  g_test_add_func ("/ticket-query/everything", test_everything);
  g_test_add_func ("/ticket-query/copy-equal", test_copy_equal);
  g_test_add_func ("/ticket-query/matches", test_matches);

  return g_test_run ();
}
