/* test-ticket-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaTicketList against the test server: paging, stale pages, in-place refreshes.
 */

#include "config.h"

#include <string.h>

#include "alga-client.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"
#include "alga-ticket-list.h"

/* One items-changed emission. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaTestCredentials   *credentials;
  AlgaTicketList *list;
  GArray         *changes;
  guint           mirror_len;  /* n_items as the signals told it */
} Fixture;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  Fixture *fixture = user_data;
  Change change = { position, removed, added };

  /* Each signal must describe the model as it is now. */
  g_assert_cmpuint (position + removed, <=, fixture->mirror_len);
  fixture->mirror_len = fixture->mirror_len - removed + added;
  g_assert_cmpuint (fixture->mirror_len, ==, g_list_model_get_n_items (model));

  g_array_append_val (fixture->changes, change);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->list != NULL)
    g_assert_finalize_object (fixture->list);
  g_array_unref (fixture->changes);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
}

static void
make_list (Fixture         *fixture,
           AlgaTicketQuery *query)
{
  fixture->list = alga_ticket_list_new (fixture->client, query);
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
}

static void
wait_idle (Fixture *fixture)
{
  alga_test_wait_until (!alga_ticket_list_get_loading (fixture->list), 10000);
}

static AlgaTicket *
item (Fixture *fixture,
      guint    position)
{
  /* The list keeps its own reference; borrowing is safe while it is alive. */
  AlgaTicket *ticket = g_list_model_get_item (G_LIST_MODEL (fixture->list), position);

  g_object_unref (ticket);
  return ticket;
}

static void
test_paging_all_open (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n, total, requests = 0;

  alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);
  make_list (fixture, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->list)) == ALGA_TYPE_TICKET);

  alga_ticket_list_reload (fixture->list);
  g_assert_true (alga_ticket_list_get_loading (fixture->list));
  wait_idle (fixture);

  g_assert_no_error (alga_ticket_list_get_error (fixture->list));
  total = alga_ticket_list_get_total (fixture->list);
  g_assert_cmpuint (total, >, 25);
  g_assert_cmpuint (total, <, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 25);
  g_assert_true (alga_ticket_list_get_has_more (fixture->list));

  /* Reading items, the last ones included, loads nothing (a filter or a lookup reads them all
   * without anyone scrolling): only alga_ticket_list_load_more() asks for the next page. */
  for (guint i = 0; i < 25; i++)
    g_assert_nonnull (item (fixture, i));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (alga_ticket_list_get_loading (fixture->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 25);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/tickets"),
                    ==, 1);

  while (alga_ticket_list_get_has_more (fixture->list))
    {
      alga_ticket_list_load_more (fixture->list);
      g_assert_true (alga_ticket_list_get_loading (fixture->list));
      /* A second call while loading must not fetch the same page twice. */
      alga_ticket_list_load_more (fixture->list);
      wait_idle (fixture);
      g_assert_no_error (alga_ticket_list_get_error (fixture->list));
      g_assert_cmpuint (++requests, <, 40);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  g_assert_cmpuint (n, ==, total);
  for (guint i = 0; i < n; i++)
    {
      AlgaTicket *ticket = item (fixture, i);

      g_assert_false (alga_ticket_get_status_is_closed (ticket));
      g_assert_true (g_hash_table_add (ids, (gpointer) alga_ticket_get_ticket_id (ticket)));
      g_assert_true (alga_ticket_list_find (fixture->list, alga_ticket_get_ticket_id (ticket),
                                            NULL) == ticket);
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, total);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->list), n));

  /* One request per page: no page was fetched twice. */
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/tickets"),
                    ==, (total + 24) / 25);
  /* Every page came as one appended run. */
  for (guint i = 0; i < fixture->changes->len; i++)
    g_assert_cmpuint (g_array_index (fixture->changes, Change, i).removed, ==, 0);
  g_assert_cmpuint (fixture->changes->len, ==, (total + 24) / 25);
}

static void
test_query_change_drops_stale_page (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) open = alga_ticket_query_new ();
  g_autoptr(AlgaTicketQuery) closed = alga_ticket_query_new ();
  g_autoptr(GPtrArray) requests = NULL;
  AlgaTestFault slow = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 300, .times = 1 };
  guint n;

  alga_ticket_query_set_state (open, ALGA_TICKET_STATE_OPEN);
  alga_ticket_query_set_state (closed, ALGA_TICKET_STATE_CLOSED);
  make_list (fixture, open);

  /* The open page is slow; the closed query is asked for while it is on its way. */
  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets", &slow);
  n = alga_test_server_count_requests (fixture->server, "GET", "/api/v1/tickets");
  alga_ticket_list_reload (fixture->list);
  /* The open page's request has reached the server. */
  alga_test_wait_until (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/tickets") > n,
                        30000);
  g_assert_true (alga_ticket_list_get_loading (fixture->list));
  alga_ticket_list_set_query (fixture->list, closed);
  g_assert_true (alga_ticket_query_equal (alga_ticket_list_get_query (fixture->list), closed));

  wait_idle (fixture);
  /* A fixed time on purpose, longer than the open page's 300 ms delay: if that page still
   * arrives, it must change nothing. */
  alga_test_spin (500);

  g_assert_no_error (alga_ticket_list_get_error (fixture->list));
  g_assert_false (alga_ticket_list_get_loading (fixture->list));
  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    g_assert_true (alga_ticket_get_status_is_closed (item (fixture, i)));
  g_assert_cmpuint (n, ==, MIN (25, alga_ticket_list_get_total (fixture->list)));

  /* Both queries really went out. */
  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (requests->len, >=, 1);
  g_assert_nonnull (strstr (((AlgaTestRequest *) g_ptr_array_index (requests, requests->len - 1))->query,
                            "is_closed=true"));

  /* Setting an equal query does nothing at all. */
  g_array_set_size (fixture->changes, 0);
  alga_ticket_list_set_query (fixture->list, closed);
  g_assert_false (alga_ticket_list_get_loading (fixture->list));
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

static void
on_ticket_notify_cb (GObject    *object,
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
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_refresh_updates_in_place (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *ticket_id = NULL;
  AlgaTicket *ticket;
  guint position = 0;
  gulong handler;

  make_list (fixture, query);
  alga_ticket_list_reload (fixture->list);
  wait_idle (fixture);
  alga_ticket_list_load_more (fixture->list);
  wait_idle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 50);

  /* A ticket on the second page, not yet assigned to the other user. */
  for (guint i = 30; i < 40; i++)
    {
      ticket = item (fixture, i);
      if (g_strcmp0 (alga_ticket_get_assigned_to (ticket), other) != 0)
        {
          position = i;
          break;
        }
    }
  g_assert_cmpuint (position, >=, 30);
  ticket = item (fixture, position);
  ticket_id = g_strdup (alga_ticket_get_ticket_id (ticket));
  handler = g_signal_connect (ticket, "notify", G_CALLBACK (on_ticket_notify_cb), names);

  g_assert_true (alga_test_server_assign_ticket (fixture->server, ticket_id, other, other));
  g_array_set_size (fixture->changes, 0);
  alga_ticket_list_refresh (fixture->list);
  wait_idle (fixture);
  g_assert_no_error (alga_ticket_list_get_error (fixture->list));

  /* Same object, same place, new values; nothing inserted or removed (sorted by entry time). */
  g_assert_true (item (fixture, position) == ticket);
  g_assert_true (alga_ticket_list_find (fixture->list, ticket_id, NULL) == ticket);
  g_assert_cmpstr (alga_ticket_get_assigned_to (ticket), ==, other);
  g_assert_true (names_contain (names, "assigned-to"));
  g_assert_true (names_contain (names, "updated-at"));
  g_assert_false (names_contain (names, "title"));
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 50);

  g_signal_handler_disconnect (ticket, handler);
}

static void
test_refresh_moves_and_inserts (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *new_id = NULL;
  AlgaTicket *ticket;
  AlgaTicket *first;
  Change *c;

  alga_ticket_query_set_sort (query, "updated_at", TRUE);
  make_list (fixture, query);
  alga_ticket_list_reload (fixture->list);
  wait_idle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 25);

  /* Changing the tenth ticket makes it the most recently updated: it moves to the top. */
  ticket = item (fixture, 9);
  first = item (fixture, 0);
  g_assert_true (alga_test_server_assign_ticket (fixture->server,
                                                 alga_ticket_get_ticket_id (ticket),
                                                 g_strcmp0 (alga_ticket_get_assigned_to (ticket),
                                                            other) == 0 ? NULL : other,
                                                 other));
  g_array_set_size (fixture->changes, 0);
  alga_ticket_list_reload (fixture->list);
  wait_idle (fixture);

  g_assert_true (item (fixture, 0) == ticket);
  g_assert_true (item (fixture, 1) == first);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  c = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (c->position, ==, 9);
  g_assert_cmpuint (c->removed, ==, 1);
  g_assert_cmpuint (c->added, ==, 0);
  c = &g_array_index (fixture->changes, Change, 1);
  g_assert_cmpuint (c->position, ==, 0);
  g_assert_cmpuint (c->removed, ==, 0);
  g_assert_cmpuint (c->added, ==, 1);

  /* A new ticket comes in at the top; the last of page 1 falls off to page 2. */
  new_id = alga_test_server_create_ticket (fixture->server, "Brand new", NULL);
  g_assert_nonnull (new_id);
  g_array_set_size (fixture->changes, 0);
  alga_ticket_list_reload (fixture->list);
  wait_idle (fixture);

  g_assert_cmpstr (alga_ticket_get_ticket_id (item (fixture, 0)), ==, new_id);
  g_assert_true (item (fixture, 1) == ticket);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 25);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  c = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (c->position, ==, 24);
  g_assert_cmpuint (c->removed, ==, 1);
  c = &g_array_index (fixture->changes, Change, 1);
  g_assert_cmpuint (c->position, ==, 0);
  g_assert_cmpuint (c->added, ==, 1);
}

static void
test_update_ticket_drops_unmatched (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(AlgaTicket) closed = NULL;
  g_autoptr(AlgaTicket) unknown = NULL;
  g_autofree char *json = NULL;
  AlgaTicket *ticket;
  guint n, total, position;

  alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);
  make_list (fixture, query);
  alga_ticket_list_reload (fixture->list);
  wait_idle (fixture);
  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  total = alga_ticket_list_get_total (fixture->list);

  ticket = item (fixture, 3);
  json = g_strdup_printf ("{\"ticket_id\":\"%s\",\"status_is_closed\":true,\"status_name\":\"Done\"}",
                          alga_ticket_get_ticket_id (ticket));
  node = json_from_string (json, NULL);
  closed = alga_ticket_new_from_json (node, NULL);

  g_array_set_size (fixture->changes, 0);
  g_object_ref (ticket);
  g_assert_true (alga_ticket_list_update_ticket (fixture->list, closed));
  g_assert_true (alga_ticket_get_status_is_closed (ticket));
  g_assert_cmpstr (alga_ticket_get_status_name (ticket), ==, "Done");
  g_assert_null (alga_ticket_list_find (fixture->list, alga_ticket_get_ticket_id (ticket), &position));
  g_object_unref (ticket);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n - 1);
  g_assert_cmpuint (alga_ticket_list_get_total (fixture->list), ==, total - 1);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->changes, Change, 0).position, ==, 3);
  g_assert_cmpuint (g_array_index (fixture->changes, Change, 0).removed, ==, 1);

  /* A ticket the list does not hold is left alone. */
  json_node_unref (g_steal_pointer (&node));
  node = json_from_string ("{\"ticket_id\":\"not-listed\"}", NULL);
  unknown = alga_ticket_new_from_json (node, NULL);
  g_assert_false (alga_ticket_list_update_ticket (fixture->list, unknown));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n - 1);
}

static void
test_error_kept_until_next_fetch (Fixture       *fixture,
                                  gconstpointer  data)
{
  AlgaTestFault refused = {
    .kind = ALGA_TEST_FAULT_STATUS,
    .status = 400,
    .body = "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Query validation failed\"}}",
  };
  const GError *error;
  guint n;

  make_list (fixture, NULL);
  alga_ticket_list_reload (fixture->list);
  wait_idle (fixture);
  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  g_assert_cmpuint (n, ==, 25);

  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets", &refused);
  g_array_set_size (fixture->changes, 0);
  alga_ticket_list_load_more (fixture->list);
  wait_idle (fixture);

  error = alga_ticket_list_get_error (fixture->list);
  g_assert_error ((GError *) error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_true (alga_ticket_list_get_has_more (fixture->list));

  /* The next attempt clears the error, and loads the page that failed. */
  alga_test_server_clear_faults (fixture->server);
  alga_ticket_list_load_more (fixture->list);
  g_assert_no_error (alga_ticket_list_get_error (fixture->list));
  wait_idle (fixture);
  g_assert_no_error (alga_ticket_list_get_error (fixture->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 50);
}

static void
test_dispose_while_loading (Fixture       *fixture,
                            gconstpointer  data)
{
  AlgaTestFault slow = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 200 };

  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets", &slow);
  make_list (fixture, NULL);
  alga_ticket_list_reload (fixture->list);
  g_assert_true (alga_ticket_list_get_loading (fixture->list));

  /* Dropped mid-flight: the answer must find nothing to touch. */
  g_assert_finalize_object (g_steal_pointer (&fixture->list));
  /* A fixed time on purpose, longer than the 200 ms delay: the answer arrives in it and must
   * touch nothing. */
  alga_test_spin (400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ticket-list/paging-all-open", test_paging_all_open);
  ADD ("/ticket-list/query-change-drops-stale-page", test_query_change_drops_stale_page);
  ADD ("/ticket-list/refresh-updates-in-place", test_refresh_updates_in_place);
  ADD ("/ticket-list/refresh-moves-and-inserts", test_refresh_moves_and_inserts);
  ADD ("/ticket-list/update-ticket-drops-unmatched", test_update_ticket_drops_unmatched);
  ADD ("/ticket-list/error-kept-until-next-fetch", test_error_kept_until_next_fetch);
  ADD ("/ticket-list/dispose-while-loading", test_dispose_while_loading);

#undef ADD

  return g_test_run ();
}
