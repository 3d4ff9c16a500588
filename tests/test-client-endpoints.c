/* test-client-endpoints.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each typed endpoint of AlgaClient against the test server: what it sends, and the models it
 * decodes from the answer.
 */

#include "config.h"

#include "alga-blocknote.h"
#include "alga-client.h"
#include "alga-error.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaTestCredentials   *credentials;
  GAsyncResult   *result;
} Fixture;

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
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->result);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  /* Not asserted finalized: a DELAY fault cut short by the stop keeps a reference. */
  g_object_unref (fixture->server);
}

/* Gives the call about to start a clean place for its result. */
static GAsyncResult **
begin (Fixture *fixture)
{
  g_clear_object (&fixture->result);
  return &fixture->result;
}

static AlgaTestRequest *
last_request (Fixture *fixture)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (fixture->server);

  g_assert_cmpuint (requests->len, >, 0);
  return g_ptr_array_steal_index (requests, requests->len - 1);
}

static JsonObject *
last_request_body (Fixture *fixture)
{
  g_autoptr(AlgaTestRequest) sent = last_request (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (sent->body, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
server_ticket (Fixture    *fixture,
               const char *ticket_id)
{
  g_autofree char *text = alga_test_server_dup_ticket_json (fixture->server, ticket_id);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
test_list_tickets (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(AlgaPagination) pagination = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autoptr(AlgaPagination) pagination2 = NULL;

  alga_client_list_tickets_async (fixture->client, NULL, 1, 5, NULL,
                                  alga_test_store_result_cb, begin (fixture));
  tickets = alga_client_list_tickets_finish (fixture->client, alga_test_wait_for_result (&fixture->result, 30000),
                                             &pagination, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tickets->len, ==, 5);
  for (guint i = 0; i < tickets->len; i++)
    {
      g_assert_true (ALGA_IS_TICKET (tickets->pdata[i]));
      g_assert_nonnull (alga_ticket_get_ticket_id (tickets->pdata[i]));
    }
  g_assert_nonnull (pagination);
  g_assert_cmpuint (pagination->page, ==, 1);
  g_assert_cmpuint (pagination->limit, ==, 5);
  g_assert_cmpuint (pagination->total, >, 5);
  g_assert_true (pagination->has_next);
  g_assert_false (pagination->has_prev);

  sent = last_request (fixture);
  g_assert_cmpstr (sent->path, ==, "/api/v1/tickets");
  g_assert_nonnull (strstr (sent->query, "page=1"));
  g_assert_nonnull (strstr (sent->query, "limit=5"));

  alga_client_list_tickets_async (fixture->client, NULL, 2, 5, NULL,
                                  alga_test_store_result_cb, begin (fixture));
  page2 = alga_client_list_tickets_finish (fixture->client, alga_test_wait_for_result (&fixture->result, 30000),
                                           &pagination2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pagination2->page, ==, 2);
  g_assert_true (pagination2->has_prev);
  g_assert_cmpstr (alga_ticket_get_ticket_id (page2->pdata[0]), !=,
                   alga_ticket_get_ticket_id (tickets->pdata[0]));
}

static void
test_list_tickets_query (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  const char *me = alga_test_server_get_user_id (fixture->server);

  alga_ticket_query_set_current_user_id (query, me);
  alga_ticket_query_set_assignee (query, ALGA_TICKET_ASSIGNEE_ME, NULL);
  alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);

  alga_client_list_tickets_async (fixture->client, query, 1, 100, NULL,
                                  alga_test_store_result_cb, begin (fixture));
  tickets = alga_client_list_tickets_finish (fixture->client, alga_test_wait_for_result (&fixture->result, 30000),
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tickets->len, >, 0);
  for (guint i = 0; i < tickets->len; i++)
    {
      g_assert_cmpstr (alga_ticket_get_assigned_to (tickets->pdata[i]), ==, me);
      g_assert_false (alga_ticket_get_status_is_closed (tickets->pdata[i]));
    }
}

static void
test_get_ticket (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing_error = NULL;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(AlgaTicket) missing = NULL;

  alga_client_get_ticket_async (fixture->client, ticket_id, NULL,
                                alga_test_store_result_cb, begin (fixture));
  ticket = alga_client_get_ticket_finish (fixture->client,
                                          alga_test_wait_for_result (&fixture->result, 30000),
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_ticket_id (ticket), ==, ticket_id);
  g_assert_true (alga_ticket_get_has_detail (ticket));
  g_assert_nonnull (alga_ticket_get_description_html (ticket));

  alga_client_get_ticket_async (fixture->client, "6f1c2a53-7d1e-4d7a-9a61-2a9f0e0b9c11", NULL,
                                alga_test_store_result_cb, begin (fixture));
  missing = alga_client_get_ticket_finish (fixture->client, alga_test_wait_for_result (&fixture->result, 30000),
                                           &missing_error);
  g_assert_null (missing);
  g_assert_error (missing_error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
}

static void
test_ticket_stats (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTicketStats) stats = NULL;

  alga_client_get_ticket_stats_async (fixture->client, NULL,
                                      alga_test_store_result_cb, begin (fixture));
  stats = alga_client_get_ticket_stats_finish (fixture->client, alga_test_wait_for_result (&fixture->result, 30000),
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alga_ticket_stats_get_total_tickets (stats), ==, 500);
  g_assert_cmpuint (alga_ticket_stats_get_open_tickets (stats)
                    + alga_ticket_stats_get_closed_tickets (stats), ==, 500);
}

static GPtrArray *
list_comments (Fixture    *fixture,
               const char *ticket_id,
               guint       offset,
               guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *comments;

  alga_client_list_comments_async (fixture->client, ticket_id, offset, limit, FALSE, NULL,
                                   alga_test_store_result_cb, begin (fixture));
  comments = alga_client_list_comments_finish (fixture->client,
                                               alga_test_wait_for_result (&fixture->result, 30000),
                                               &error);
  g_assert_no_error (error);
  return comments;
}

static void
test_list_comments (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) tail = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;

  for (guint i = 0; i < 3; i++)
    g_free (alga_test_server_add_comment (fixture->server, ticket_id, "Seen it", FALSE,
                                          alga_test_server_get_other_user_id (fixture->server),
                                          NULL));

  all = list_comments (fixture, ticket_id, 0, 200);
  g_assert_cmpuint (all->len, ==, alga_test_server_count_comments (fixture->server, ticket_id));
  g_assert_cmpuint (all->len, >, 1);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (alga_comment_get_ticket_id (all->pdata[i]), ==, ticket_id);

  tail = list_comments (fixture, ticket_id, 1, 200);
  g_assert_cmpuint (tail->len, ==, all->len - 1);
  g_assert_cmpstr (alga_comment_get_comment_id (tail->pdata[0]), ==,
                   alga_comment_get_comment_id (all->pdata[1]));

  sent = last_request (fixture);
  g_assert_nonnull (strstr (sent->query, "offset=1"));
  g_assert_nonnull (strstr (sent->query, "limit=200"));
}

static AlgaComment *
post_comment (Fixture     *fixture,
              const char  *ticket_id,
              const char  *text,
              gboolean     is_internal,
              GError     **error)
{
  alga_client_post_comment_async (fixture->client, ticket_id, text, is_internal, FALSE, ALGA_QUIET_NONE, NULL,
                                  alga_test_store_result_cb, begin (fixture));
  return alga_client_post_comment_finish (fixture->client,
                                          alga_test_wait_for_result (&fixture->result, 30000),
                                          error);
}

static void
test_post_comment_single_line (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  guint before = alga_test_server_count_comments (fixture->server, ticket_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaComment) comment = NULL;
  g_autoptr(JsonObject) body = NULL;

  comment = post_comment (fixture, ticket_id, "Rebooted the router", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (ALGA_IS_COMMENT (comment));
  g_assert_cmpstr (alga_comment_get_ticket_id (comment), ==, ticket_id);
  g_assert_cmpstr (alga_comment_get_text (comment), ==, "Rebooted the router");
  g_assert_cmpuint (alga_test_server_count_comments (fixture->server, ticket_id), ==, before + 1);

  body = last_request_body (fixture);
  g_assert_cmpstr (json_object_get_string_member (body, "comment_text"), ==, "Rebooted the router");
  g_assert_true (json_object_get_boolean_member (body, "is_internal"));
  g_assert_false (json_object_get_boolean_member (body, "is_resolution"));
}

static void
test_post_comment_multi_line (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  const char *text = "First line\nSecond line";
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaComment) comment = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *round_trip = NULL;
  const char *sent_text;

  comment = post_comment (fixture, ticket_id, text, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (comment);

  /* Sent as BlockNote paragraphs, one per line, which read back as the same text. */
  body = last_request_body (fixture);
  sent_text = json_object_get_string_member (body, "comment_text");
  g_assert_true (alga_blocknote_is_blocknote (sent_text));
  round_trip = alga_blocknote_to_plain_text (sent_text);
  g_assert_cmpstr (round_trip, ==, text);
}

static void
test_post_comment_like_json (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaComment) comment = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *round_trip = NULL;

  /* The server would take this for BlockNote: it goes wrapped. */
  comment = post_comment (fixture, ticket_id, "[done] replaced the disk", FALSE, &error);
  g_assert_no_error (error);
  body = last_request_body (fixture);
  round_trip = alga_blocknote_to_plain_text (json_object_get_string_member (body, "comment_text"));
  g_assert_cmpstr (round_trip, ==, "[done] replaced the disk");
}

static void
test_post_comment_too_long (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autofree char *text = g_strnfill (5001, 'a');
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaComment) comment = NULL;

  comment = post_comment (fixture, ticket_id, text, FALSE, &error);
  g_assert_null (comment);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message,
                            "comment_text: Comment text is too long (max 5000 characters)"));
}

static GPtrArray *
list_statuses (Fixture    *fixture,
               const char *board_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *statuses;

  alga_client_list_statuses_async (fixture->client, board_id, NULL,
                                   alga_test_store_result_cb, begin (fixture));
  statuses = alga_client_list_statuses_finish (fixture->client,
                                               alga_test_wait_for_result (&fixture->result, 30000),
                                               &error);
  g_assert_no_error (error);
  return statuses;
}

static AlgaTicket *
get_ticket (Fixture    *fixture,
            const char *ticket_id)
{
  g_autoptr(GError) error = NULL;
  AlgaTicket *ticket;

  alga_client_get_ticket_async (fixture->client, ticket_id, NULL,
                                alga_test_store_result_cb, begin (fixture));
  ticket = alga_client_get_ticket_finish (fixture->client,
                                          alga_test_wait_for_result (&fixture->result, 30000),
                                          &error);
  g_assert_no_error (error);
  return ticket;
}

static void
on_ticket_changed_cb (AlgaClient *client,
                      const char *ticket_id,
                      GPtrArray  *changed)
{
  g_ptr_array_add (changed, g_strdup (ticket_id));
}

static AlgaTicket *update_attributes (Fixture    *fixture,
                                      const char *ticket_id,
                                      const char *changes_json);

/* Writes to a ticket are announced (the watcher takes them as ours); reads are not. Each
 * endpoint that writes declares its ticket: a raw request on a ticket's path announces nothing. */
static void
test_ticket_changed_signal (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->client, "ticket-changed", G_CALLBACK (on_ticket_changed_cb), changed);

  alga_client_get_ticket_async (fixture->client, ticket_id, NULL,
                                alga_test_store_result_cb, begin (fixture));
  ticket = alga_client_get_ticket_finish (fixture->client,
                                          alga_test_wait_for_result (&fixture->result, 10000),
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 0);
  g_clear_object (&ticket);

  alga_client_set_assignee_async (fixture->client, ticket_id, NULL, ALGA_QUIET_NONE, NULL,
                                  alga_test_store_result_cb, begin (fixture));
  ticket = alga_client_set_assignee_finish (fixture->client,
                                            alga_test_wait_for_result (&fixture->result, 10000),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changed, 0), ==, ticket_id);

  /* A refused write changed nothing. */
  alga_client_set_status_async (fixture->client, ticket_id, "00000000-0000-0000-0000-000000000000",
                                ALGA_QUIET_NONE, NULL, alga_test_store_result_cb, begin (fixture));
  g_assert_null (alga_client_set_status_finish (fixture->client,
                                                alga_test_wait_for_result (&fixture->result, 10000),
                                                &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (changed->len, ==, 1);
  g_clear_error (&error);

  {
    g_autoptr(AlgaComment) comment = post_comment (fixture, ticket_id, "Announced", FALSE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (comment);
    g_assert_cmpuint (changed->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (changed, 1), ==, ticket_id);
  }

  g_clear_object (&ticket);
  ticket = update_attributes (fixture, ticket_id, "{\"due_date\":\"2026-12-01T17:00:00.000Z\"}");
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (changed, 2), ==, ticket_id);

  /* A raw request names no ticket it writes, whatever its path. */
  {
    g_autofree char *path = g_strconcat ("/api/v1/tickets/", ticket_id, NULL);
    g_autoptr(JsonNode) body = json_from_string ("{\"title\":\"Raw\"}", NULL);
    g_autoptr(JsonNode) root = NULL;

    alga_client_request_async (fixture->client, "PUT", path, NULL, body, ALGA_REQUEST_DEFAULT,
                               NULL, alga_test_store_result_cb, begin (fixture));
    root = alga_client_request_finish (fixture->client,
                                       alga_test_wait_for_result (&fixture->result, 10000),
                                       &error);
    g_assert_no_error (error);
    g_assert_nonnull (root);
    g_assert_cmpuint (changed->len, ==, 3);
  }

  g_signal_handlers_disconnect_by_data (fixture->client, changed);
}

static void
test_statuses_and_set_status (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autoptr(AlgaTicket) ticket = get_ticket (fixture, ticket_id);
  const char *board_id = alga_ticket_get_board_id (ticket);
  g_autoptr(GPtrArray) all = list_statuses (fixture, NULL);
  g_autoptr(GPtrArray) statuses = list_statuses (fixture, board_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTicket) updated = NULL;
  g_autoptr(JsonObject) body = NULL;
  AlgaStatus *target = NULL;

  g_assert_cmpuint (all->len, >=, statuses->len);
  g_assert_cmpuint (statuses->len, >, 1);
  for (guint i = 0; i < statuses->len; i++)
    {
      g_assert_cmpstr (alga_status_get_board_id (statuses->pdata[i]), ==, board_id);
      if (g_strcmp0 (alga_status_get_status_id (statuses->pdata[i]),
                     alga_ticket_get_status_id (ticket)) != 0)
        target = statuses->pdata[i];
    }
  g_assert_nonnull (target);

  alga_client_set_status_async (fixture->client, ticket_id, alga_status_get_status_id (target),
                                ALGA_QUIET_NONE, NULL, alga_test_store_result_cb, begin (fixture));
  updated = alga_client_set_status_finish (fixture->client,
                                           alga_test_wait_for_result (&fixture->result, 30000),
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_status_id (updated), ==, alga_status_get_status_id (target));

  /* The PUT's answer has stale close fields: the ticket was read again after it. */
  {
    g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (fixture->server);
    AlgaTestRequest *put = g_ptr_array_index (requests, requests->len - 2);
    AlgaTestRequest *get = g_ptr_array_index (requests, requests->len - 1);
    g_autoptr(JsonNode) node = json_from_string (put->body, NULL);

    g_assert_cmpstr (put->method, ==, "PUT");
    g_assert_true (g_str_has_suffix (put->path, "/status"));
    g_assert_cmpstr (get->method, ==, "GET");
    g_assert_false (g_str_has_suffix (get->path, "/status"));
    g_assert_nonnull (node);
    body = json_object_ref (json_node_get_object (node));
  }
  g_assert_cmpstr (json_object_get_string_member (body, "status_id"), ==,
                   alga_status_get_status_id (target));
  g_assert_cmpint (alga_ticket_get_status_is_closed (updated), ==, alga_status_get_is_closed (target));
  g_assert_true ((alga_ticket_get_closed_at (updated) != NULL) == alga_status_get_is_closed (target));
  g_assert_nonnull (alga_ticket_get_status_name (updated));
}

static AlgaTicket *
set_assignee (Fixture    *fixture,
              const char *ticket_id,
              const char *user_id)
{
  g_autoptr(GError) error = NULL;
  AlgaTicket *ticket;

  alga_client_set_assignee_async (fixture->client, ticket_id, user_id, ALGA_QUIET_NONE, NULL,
                                  alga_test_store_result_cb, begin (fixture));
  ticket = alga_client_set_assignee_finish (fixture->client,
                                            alga_test_wait_for_result (&fixture->result, 30000),
                                            &error);
  g_assert_no_error (error);
  return ticket;
}

static void
test_set_assignee (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autoptr(AlgaTicket) unassigned = NULL;
  g_autoptr(AlgaTicket) reassigned = NULL;
  g_autoptr(JsonObject) null_body = NULL;
  g_autoptr(JsonObject) stored = NULL;

  unassigned = set_assignee (fixture, ticket_id, NULL);
  g_assert_null (alga_ticket_get_assigned_to (unassigned));
  null_body = last_request_body (fixture);
  g_assert_true (json_object_has_member (null_body, "assigned_to"));
  g_assert_true (json_object_get_null_member (null_body, "assigned_to"));

  reassigned = set_assignee (fixture, ticket_id, other);
  g_assert_cmpstr (alga_ticket_get_assigned_to (reassigned), ==, other);
  stored = server_ticket (fixture, ticket_id);
  g_assert_cmpstr (json_object_get_string_member (stored, "assigned_to"), ==, other);
}

static void
test_priorities_and_set_priority (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(AlgaTicket) updated = NULL;
  g_autoptr(JsonObject) stored = NULL;
  AlgaPriority *target;

  alga_client_list_priorities_async (fixture->client, NULL,
                                     alga_test_store_result_cb, begin (fixture));
  priorities = alga_client_list_priorities_finish (fixture->client,
                                                   alga_test_wait_for_result (&fixture->result, 30000),
                                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (priorities->len, >, 1);
  for (guint i = 0; i < priorities->len; i++)
    {
      g_assert_nonnull (alga_priority_get_priority_name (priorities->pdata[i]));
      /* Colour, kind and the server's order come with them. */
      g_assert_nonnull (alga_priority_get_color (priorities->pdata[i]));
      g_assert_cmpint (alga_priority_get_kind (priorities->pdata[i]), !=, ALGA_PRIORITY_KIND_UNKNOWN);
      if (i > 0)
        g_assert_cmpint (alga_priority_get_order_number (priorities->pdata[i - 1]), <,
                         alga_priority_get_order_number (priorities->pdata[i]));
    }

  target = priorities->pdata[priorities->len - 1];
  alga_client_set_priority_async (fixture->client, ticket_id, alga_priority_get_priority_id (target),
                                  ALGA_QUIET_NONE, NULL, alga_test_store_result_cb, begin (fixture));
  updated = alga_client_set_priority_finish (fixture->client,
                                             alga_test_wait_for_result (&fixture->result, 30000),
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_priority_id (updated), ==, alga_priority_get_priority_id (target));
  stored = server_ticket (fixture, ticket_id);
  g_assert_cmpstr (json_object_get_string_member (stored, "priority_id"), ==,
                   alga_priority_get_priority_id (target));
}

static void
test_update_ticket (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTicket) updated = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;

  json_object_set_string_member (fields, "title", "Printer on fire (again)");
  alga_client_update_ticket_async (fixture->client, ticket_id, fields, NULL,
                                   alga_test_store_result_cb, begin (fixture));
  updated = alga_client_update_ticket_finish (fixture->client,
                                              alga_test_wait_for_result (&fixture->result, 30000),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_ticket_get_title (updated), ==, "Printer on fire (again)");

  sent = last_request (fixture);
  g_assert_cmpstr (sent->method, ==, "PUT");
  g_assert_true (g_str_has_suffix (sent->path, ticket_id));
}

static AlgaTicket *
update_attributes (Fixture    *fixture,
                   const char *ticket_id,
                   const char *changes_json)
{
  g_autoptr(JsonNode) changes = json_from_string (changes_json, NULL);
  g_autoptr(GError) error = NULL;
  AlgaTicket *ticket;

  alga_client_update_attributes_async (fixture->client, ticket_id, json_node_get_object (changes),
                                       ALGA_QUIET_NONE, NULL, alga_test_store_result_cb, begin (fixture));
  ticket = alga_client_update_attributes_finish (fixture->client,
                                                 alga_test_wait_for_result (&fixture->result, 30000),
                                                 &error);
  g_assert_no_error (error);
  return ticket;
}

static void
test_update_attributes (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *watchers = g_strdup_printf ("{\"watcher_user_ids\":[\"%s\"],"
                                               "\"due_date\":\"2026-12-01T17:00:00.000Z\"}", other);
  g_autoptr(JsonObject) before = server_ticket (fixture, ticket_id);
  g_autoptr(JsonObject) after_set = NULL;
  g_autoptr(JsonObject) after_remove = NULL;
  g_autoptr(AlgaTicket) first = NULL;
  g_autoptr(AlgaTicket) second = NULL;
  JsonObject *attributes_before = json_object_get_object_member (before, "attributes");
  JsonObject *attributes;
  const char *description = NULL;

  if (attributes_before != NULL && json_object_has_member (attributes_before, "description"))
    description = json_object_get_string_member (attributes_before, "description");

  first = update_attributes (fixture, ticket_id, watchers);
  g_assert_nonnull (alga_ticket_get_due_date (first));
  after_set = server_ticket (fixture, ticket_id);
  attributes = json_object_get_object_member (after_set, "attributes");
  g_assert_cmpstr (json_object_get_string_member (attributes, "due_date"), ==,
                   "2026-12-01T17:00:00.000Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (attributes,
                                                                         "watcher_user_ids")), ==, 1);
  /* What was there before the merge stays. */
  if (description != NULL)
    g_assert_cmpstr (json_object_get_string_member (attributes, "description"), ==, description);

  /* A null removes the member, and leaves the rest. */
  second = update_attributes (fixture, ticket_id, "{\"due_date\":null}");
  g_assert_null (alga_ticket_get_due_date (second));
  after_remove = server_ticket (fixture, ticket_id);
  attributes = json_object_get_object_member (after_remove, "attributes");
  g_assert_false (json_object_has_member (attributes, "due_date"));
  g_assert_true (json_object_has_member (attributes, "watcher_user_ids"));

  /* Each change is a read, then one PUT of the whole object. */
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "PUT", "/api/v1/tickets/*"),
                    ==, 2);
}

static void
test_list_services (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;

  alga_client_list_services_async (fixture->client, NULL,
                                   alga_test_store_result_cb, begin (fixture));
  services = alga_client_list_services_finish (fixture->client,
                                               alga_test_wait_for_result (&fixture->result, 30000),
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, >, 0);
  g_assert_nonnull (alga_service_get_service_id (services->pdata[0]));
  g_assert_nonnull (alga_service_get_service_name (services->pdata[0]));

  sent = last_request (fixture);
  g_assert_cmpstr (sent->path, ==, "/api/v1/services");
  g_assert_cmpstr (sent->query, ==, "is_active=true&limit=100");
}

static void
test_list_users (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AlgaPagination) pagination = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;
  g_autofree char *first_name = NULL;

  alga_client_list_users_async (fixture->client, NULL, 1, 100, NULL,
                                alga_test_store_result_cb, begin (fixture));
  users = alga_client_list_users_finish (fixture->client,
                                         alga_test_wait_for_result (&fixture->result, 30000),
                                         &pagination, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, >, 1);
  for (guint i = 0; i < users->len; i++)
    {
      g_assert_cmpstr (alga_user_get_user_type (users->pdata[i]), ==, "internal");
      g_assert_false (alga_user_get_is_inactive (users->pdata[i]));
    }
  g_assert_nonnull (pagination);

  sent = last_request (fixture);
  g_assert_cmpstr (sent->path, ==, "/api/v1/users");
  g_assert_nonnull (strstr (sent->query, "user_type=internal"));
  g_assert_nonnull (strstr (sent->query, "is_inactive=false"));
  g_assert_null (strstr (sent->query, "search="));

  first_name = g_strdup (alga_user_get_first_name (users->pdata[0]));
  alga_client_list_users_async (fixture->client, first_name, 1, 10, NULL,
                                alga_test_store_result_cb, begin (fixture));
  found = alga_client_list_users_finish (fixture->client,
                                         alga_test_wait_for_result (&fixture->result, 30000),
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpuint (found->len, <=, users->len);

  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, NULL, "/api/v1/users/search"),
                    ==, 0);
}

static AlgaTimeEntry *
create_time_entry (Fixture    *fixture,
                   const char *service_id,
                   GDateTime  *start,
                   GDateTime  *end,
                   GError    **error)
{
  alga_client_create_time_entry_async (fixture->client,
                                       alga_test_server_get_my_ticket_id (fixture->server),
                                       service_id, start, end, "Replaced the toner", TRUE, NULL,
                                       alga_test_store_result_cb, begin (fixture));
  return alga_client_create_time_entry_finish (fixture->client,
                                               alga_test_wait_for_result (&fixture->result, 30000),
                                               error);
}

static void
test_create_time_entry (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) overlap_error = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(AlgaTimeEntry) entry = NULL;
  g_autoptr(AlgaTimeEntry) overlap = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GDateTime) expected_utc = NULL;
  g_autofree char *expected = NULL;
  guint before = alga_test_server_count_time_entries (fixture->server, me);
  const char *service_id;

  alga_client_list_services_async (fixture->client, NULL,
                                   alga_test_store_result_cb, begin (fixture));
  services = alga_client_list_services_finish (fixture->client,
                                               alga_test_wait_for_result (&fixture->result, 30000),
                                               &error);
  g_assert_no_error (error);
  service_id = alga_service_get_service_id (services->pdata[0]);

  /* A local time with an offset and seconds: sent in UTC, whole minutes, with Z. */
  start = g_date_time_add_seconds (now, -2 * 3600);
  end = g_date_time_add_minutes (start, 45);
  entry = create_time_entry (fixture, service_id, start, end, &error);
  g_assert_no_error (error);
  g_assert_true (ALGA_IS_TIME_ENTRY (entry));
  g_assert_cmpstr (alga_time_entry_get_work_item_id (entry), ==,
                   alga_test_server_get_my_ticket_id (fixture->server));
  g_assert_cmpuint (alga_test_server_count_time_entries (fixture->server, me), ==, before + 1);

  body = last_request_body (fixture);
  expected_utc = g_date_time_to_utc (start);
  expected = g_date_time_format (expected_utc, "%Y-%m-%dT%H:%M:00Z");
  g_assert_cmpstr (json_object_get_string_member (body, "start_time"), ==, expected);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (body, "end_time"), ":00Z"));
  g_assert_cmpstr (json_object_get_string_member (body, "work_item_type"), ==, "ticket");
  g_assert_cmpstr (json_object_get_string_member (body, "service_id"), ==, service_id);
  g_assert_true (json_object_get_boolean_member (body, "is_billable"));

  /* The same time again overlaps. */
  overlap = create_time_entry (fixture, service_id, start, end, &overlap_error);
  g_assert_null (overlap);
  g_assert_error (overlap_error, ALGA_API_ERROR, ALGA_API_ERROR_CONFLICT);
}

static void
test_list_activities (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;
  g_autofree char *comment_id = NULL;

  /* Someone else comments on my ticket, which should be news for me. */
  comment_id = alga_test_server_add_comment (fixture->server, ticket_id, "Any update?", FALSE,
                                             other, NULL);
  g_assert_nonnull (comment_id);

  alga_client_list_activities_async (fixture->client, 1, 10, NULL,
                                     alga_test_store_result_cb, begin (fixture));
  activities = alga_client_list_activities_finish (fixture->client,
                                                   alga_test_wait_for_result (&fixture->result, 30000),
                                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (activities);
  for (guint i = 0; i < activities->len; i++)
    g_assert_true (ALGA_IS_ACTIVITY (activities->pdata[i]));

  sent = last_request (fixture);
  g_assert_cmpstr (sent->path, ==, "/api/v1/activities");
  g_assert_cmpstr (sent->query, ==, "type=notification&page=1&pageSize=10");
}

static void
test_mobile_auth (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) capabilities = NULL;
  g_autoptr(JsonObject) exchanged = NULL;
  g_autoptr(JsonObject) refreshed = NULL;
  g_autoptr(JsonObject) revoked = NULL;
  g_autoptr(JsonObject) device = json_object_new ();
  g_autoptr(GPtrArray) requests = NULL;

  alga_client_get_capabilities_async (fixture->client, NULL,
                                      alga_test_store_result_cb, begin (fixture));
  capabilities = alga_client_get_capabilities_finish (fixture->client,
                                                      alga_test_wait_for_result (&fixture->result, 30000),
                                                      &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (capabilities, "enabled"));
  g_assert_cmpint (json_object_get_int_member (capabilities, "accessTtlSec"), ==, 28800);

  json_object_set_string_member (device, "platform", "linux");
  alga_client_exchange_ott_async (fixture->client, "bogus-ott", "s1", device, NULL,
                                  alga_test_store_result_cb, begin (fixture));
  exchanged = alga_client_exchange_ott_finish (fixture->client,
                                               alga_test_wait_for_result (&fixture->result, 30000),
                                               &error);
  g_assert_null (exchanged);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  alga_client_refresh_tokens_async (fixture->client, "bogus", NULL,
                                    alga_test_store_result_cb, begin (fixture));
  refreshed = alga_client_refresh_tokens_finish (fixture->client,
                                                 alga_test_wait_for_result (&fixture->result, 30000),
                                                 &error);
  g_assert_null (refreshed);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  alga_client_revoke_async (fixture->client, "bogus", NULL,
                            alga_test_store_result_cb, begin (fixture));
  revoked = alga_client_revoke_finish (fixture->client,
                                       alga_test_wait_for_result (&fixture->result, 30000),
                                       &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (revoked, "ok"));

  /* None of them carried the key, and none was sent twice. */
  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 4);
  for (guint i = 0; i < requests->len; i++)
    g_assert_null (((AlgaTestRequest *) requests->pdata[i])->api_key);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/client-endpoints/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("list-tickets", test_list_tickets);
  ADD ("list-tickets-query", test_list_tickets_query);
  ADD ("get-ticket", test_get_ticket);
  ADD ("ticket-stats", test_ticket_stats);
  ADD ("list-comments", test_list_comments);
  ADD ("post-comment/single-line", test_post_comment_single_line);
  ADD ("post-comment/multi-line", test_post_comment_multi_line);
  ADD ("post-comment/like-json", test_post_comment_like_json);
  ADD ("post-comment/too-long", test_post_comment_too_long);
  ADD ("statuses-and-set-status", test_statuses_and_set_status);
  ADD ("ticket-changed-signal", test_ticket_changed_signal);
  ADD ("set-assignee", test_set_assignee);
  ADD ("priorities-and-set-priority", test_priorities_and_set_priority);
  ADD ("update-ticket", test_update_ticket);
  ADD ("update-attributes", test_update_attributes);
  ADD ("list-services", test_list_services);
  ADD ("list-users", test_list_users);
  ADD ("create-time-entry", test_create_time_entry);
  ADD ("list-activities", test_list_activities);
  ADD ("mobile-auth", test_mobile_auth);
#undef ADD

  return g_test_run ();
}
