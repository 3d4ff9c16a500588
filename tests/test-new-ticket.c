/* test-new-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new ticket as core makes it: the checks the server does not make, the body it sends, the
 * draft it keeps, the lookups of its form, and quiet comments; against the test server as a
 * Technician.
 */

#include "config.h"

#include <string.h>

#include "alga-client.h"
#include "alga-new-ticket.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"

#define BOARD    "11111111-1111-4111-8111-111111111111"
#define CLIENT   "22222222-2222-4222-8222-222222222222"
#define OTHER    "33333333-3333-4333-8333-333333333333"
#define STATUS   "44444444-4444-4444-8444-444444444444"
#define PRIORITY "55555555-5555-4555-8555-555555555555"

static AlgaNewTicket *
complete_ticket (void)
{
  AlgaNewTicket *t = alga_new_ticket_new ();

  alga_new_ticket_set_title (t, "  Printer jams on floor 2  ");
  alga_new_ticket_set_board (t, BOARD, ALGA_PRIORITY_KIND_CUSTOM);
  alga_new_ticket_set_client (t, CLIENT, "Acme");
  alga_new_ticket_set_status (t, STATUS, BOARD);
  alga_new_ticket_set_priority (t, PRIORITY, ALGA_PRIORITY_KIND_CUSTOM);
  return t;
}

/* Each problem in the order of the form, including those the server would let through. */
static void
test_check (void)
{
  g_autoptr(AlgaNewTicket) t = alga_new_ticket_new ();
  g_autofree char *long_title = g_strnfill (ALGA_NEW_TICKET_MAX_TITLE + 1, 'x');

  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_NO_TITLE);
  alga_new_ticket_set_title (t, "   ");
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_NO_TITLE);
  alga_new_ticket_set_title (t, long_title);
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_TITLE_TOO_LONG);
  g_clear_object (&t);

  t = complete_ticket ();
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_OK);
  g_assert_cmpstr (alga_new_ticket_get_title (t), ==, "Printer jams on floor 2");

  /* A contact or location picked before the client changed. */
  alga_new_ticket_set_contact (t, OTHER, OTHER);
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_CONTACT_OF_OTHER_CLIENT);
  alga_new_ticket_set_contact (t, OTHER, CLIENT);
  alga_new_ticket_set_location (t, OTHER, OTHER);
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_LOCATION_OF_OTHER_CLIENT);
  alga_new_ticket_set_location (t, NULL, NULL);
  alga_new_ticket_set_status (t, STATUS, OTHER);
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_STATUS_OF_OTHER_BOARD);
  alga_new_ticket_set_status (t, STATUS, BOARD);
  alga_new_ticket_set_priority (t, PRIORITY, ALGA_PRIORITY_KIND_ITIL);
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_PRIORITY_OF_OTHER_KIND);
  alga_new_ticket_set_priority (t, NULL, ALGA_PRIORITY_KIND_UNKNOWN);
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_NO_PRIORITY);
  alga_new_ticket_set_client (t, "", NULL);
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_NO_CLIENT);
}

static void
test_body_and_draft (void)
{
  g_autoptr(AlgaNewTicket) t = complete_ticket ();
  g_autoptr(AlgaNewTicket) restored = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *again = NULL;
  JsonObject *o;

  alga_new_ticket_set_description (t, "First line\nSecond line");
  body = alga_new_ticket_to_json (t);
  o = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Printer jams on floor 2");
  g_assert_false (json_object_has_member (o, "url"));
  g_assert_false (json_object_has_member (o, "tags"));
  g_assert_false (json_object_has_member (o, "contact_name_id"));
  g_assert_false (json_object_has_member (o, "suppressContactNotifications"));
  /* Several lines go as BlockNote paragraphs, as a comment does. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_object_get_object_member (o, "attributes"),
                                                                  "description"), "["));

  draft = alga_new_ticket_to_draft (t);
  restored = alga_new_ticket_new_from_draft (draft);
  again = alga_new_ticket_to_draft (restored);
  g_assert_cmpstr (draft, ==, again);
  g_assert_cmpstr (alga_new_ticket_get_client_name (restored), ==, "Acme");
  g_assert_cmpint (alga_new_ticket_check (restored), ==, ALGA_NEW_TICKET_OK);

  /* Nothing typed, no draft; a broken draft gives an empty form. */
  g_clear_object (&restored);
  restored = alga_new_ticket_new ();
  alga_new_ticket_set_board (restored, BOARD, ALGA_PRIORITY_KIND_CUSTOM);
  g_assert_null (alga_new_ticket_to_draft (restored));
  g_clear_object (&restored);
  restored = alga_new_ticket_new_from_draft ("{\"title\":");
  g_assert_true (alga_new_ticket_is_empty (restored));
}

typedef struct
{
  AlgaTestServer      *server;
  AlgaClient          *client;
  AlgaTestCredentials *credentials;
  GAsyncResult        *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
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
  g_object_unref (fixture->server);
}

static GAsyncResult *
wait_result (Fixture *fixture)
{
  return alga_test_wait_for_result (&fixture->result, 20000);
}

static GAsyncResult **
begin (Fixture *fixture)
{
  g_clear_object (&fixture->result);
  return &fixture->result;
}

/* The form's lookups, then the ticket made from them, read back with its names. */
static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(AlgaNewTicket) t = alga_new_ticket_new ();
  g_autoptr(AlgaTicket) created = NULL;
  g_autoptr(GError) error = NULL;
  AlgaCustomer *customer;
  AlgaBoard *board;
  AlgaStatus *status = NULL;
  AlgaPriority *priority = NULL;

  alga_client_list_customers_async (fixture->client, "dental", 20, NULL, alga_test_store_result_cb, begin (fixture));
  customers = alga_client_list_customers_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 1);
  customer = customers->pdata[0];
  g_assert_cmpstr (alga_customer_get_client_name (customer), ==, "Acme Dental Group");

  alga_client_list_contacts_async (fixture->client, alga_customer_get_client_id (customer), NULL,
                                   alga_test_store_result_cb, begin (fixture));
  contacts = alga_client_list_contacts_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, >, 0);
  alga_client_list_locations_async (fixture->client, alga_customer_get_client_id (customer), NULL,
                                    alga_test_store_result_cb, begin (fixture));
  locations = alga_client_list_locations_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_true (alga_location_get_is_default (locations->pdata[0]));

  alga_client_list_boards_async (fixture->client, NULL, alga_test_store_result_cb, begin (fixture));
  boards = alga_client_list_boards_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  board = boards->pdata[0];
  alga_client_list_statuses_async (fixture->client, alga_board_get_board_id (board), NULL,
                                   alga_test_store_result_cb, begin (fixture));
  statuses = alga_client_list_statuses_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < statuses->len && status == NULL; i++)
    if (!alga_status_get_is_closed (statuses->pdata[i]))
      status = statuses->pdata[i];
  alga_client_list_priorities_async (fixture->client, NULL, alga_test_store_result_cb, begin (fixture));
  priorities = alga_client_list_priorities_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < priorities->len && priority == NULL; i++)
    if (alga_priority_get_kind (priorities->pdata[i]) == alga_board_get_priority_kind (board))
      priority = priorities->pdata[i];

  alga_new_ticket_set_title (t, "Phone call: printer jams");
  alga_new_ticket_set_board (t, alga_board_get_board_id (board), alga_board_get_priority_kind (board));
  alga_new_ticket_set_client (t, alga_customer_get_client_id (customer), alga_customer_get_client_name (customer));
  alga_new_ticket_set_contact (t, alga_contact_get_contact_name_id (contacts->pdata[0]),
                               alga_contact_get_client_id (contacts->pdata[0]));
  alga_new_ticket_set_location (t, alga_location_get_location_id (locations->pdata[0]),
                                alga_location_get_client_id (locations->pdata[0]));
  alga_new_ticket_set_status (t, alga_status_get_status_id (status), alga_status_get_board_id (status));
  alga_new_ticket_set_priority (t, alga_priority_get_priority_id (priority), alga_priority_get_kind (priority));
  alga_new_ticket_set_assignee (t, alga_test_server_get_user_id (fixture->server));
  alga_new_ticket_set_description (t, "Called at 9:00.\nJams every morning.");
  g_assert_cmpint (alga_new_ticket_check (t), ==, ALGA_NEW_TICKET_OK);

  alga_client_create_ticket_async (fixture->client, t, NULL, alga_test_store_result_cb, begin (fixture));
  created = alga_client_create_ticket_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  /* Read back: the detail has the names the creation's row lacks. */
  g_assert_cmpstr (alga_ticket_get_client_name (created), ==, "Acme Dental Group");
  g_assert_cmpstr (alga_ticket_get_title (created), ==, "Phone call: printer jams");
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "/api/v1/tickets"), ==, 1);
}

/* A refused creation says why and is sent once. */
static void
test_create_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AlgaNewTicket) t = complete_ticket ();
  g_autoptr(AlgaTicket) created = NULL;
  g_autoptr(GError) error = NULL;

  alga_client_create_ticket_async (fixture->client, t, NULL, alga_test_store_result_cb, begin (fixture));
  created = alga_client_create_ticket_finish (fixture->client, wait_result (fixture), &error);
  g_assert_null (created);
  g_assert_nonnull (error);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "/api/v1/tickets"), ==, 1);
}

/* "Don't notify the customer" reaches the server as its flag, and the server leaves the
 * customer out. */
static void
test_quiet_comment (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *ticket = alga_test_server_get_my_ticket_id (fixture->server);
  g_autoptr(AlgaComment) comment = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = alga_test_server_dup_notices (fixture->server, ticket);
  g_auto(GStrv) after = NULL;
  AlgaTestRequest *sent;

  alga_client_post_comment_async (fixture->client, ticket, "Replaced the toner.", FALSE, FALSE,
                                  ALGA_QUIET_CUSTOMER, NULL, alga_test_store_result_cb, begin (fixture));
  comment = alga_client_post_comment_finish (fixture->client, wait_result (fixture), &error);
  g_assert_no_error (error);
  requests = alga_test_server_dup_requests (fixture->server);
  sent = requests->pdata[requests->len - 1];
  g_assert_nonnull (strstr (sent->body, "\"suppressContactNotifications\":true"));
  g_assert_null (strstr (sent->body, "suppressInternalNotifications"));
  after = alga_test_server_dup_notices (fixture->server, ticket);
  for (guint i = g_strv_length (before); after[i] != NULL; i++)
    g_assert_cmpstr (after[i], !=, "contact:comment");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/new-ticket/check", test_check);
  g_test_add_func ("/new-ticket/body-and-draft", test_body_and_draft);
  g_test_add ("/new-ticket/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/new-ticket/create-refused", Fixture, NULL, fixture_set_up, test_create_refused, fixture_tear_down);
  g_test_add ("/new-ticket/quiet-comment", Fixture, NULL, fixture_set_up, test_quiet_comment, fixture_tear_down);
  return g_test_run ();
}
