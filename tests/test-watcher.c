/* test-watcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaWatcher against the test server: which changes become events, and only once.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-client.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"
#include "alga-ticket-repository.h"
#include "alga-watcher.h"

/* A network monitor the test switches, as GNetworkMonitor's own implementations would. */

#define TEST_TYPE_NETWORK (test_network_get_type ())
G_DECLARE_FINAL_TYPE (TestNetwork, test_network, TEST, NETWORK, GObject)

struct _TestNetwork
{
  GObject  parent_instance;
  gboolean available;
};

static void test_network_iface_init (GNetworkMonitorInterface *iface);

static void test_network_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetwork, test_network, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_network_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_network_iface_init))

enum { NET_PROP_0, NET_PROP_AVAILABLE, NET_PROP_METERED, NET_PROP_CONNECTIVITY };

static void
test_network_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestNetwork *self = TEST_NETWORK (object);

  switch (prop_id)
    {
    case NET_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case NET_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case NET_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_network_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_network_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_network_initable_init;
}

static void
test_network_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
test_network_class_init (TestNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_get_property;
  g_object_class_override_property (object_class, NET_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, NET_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, NET_PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_init (TestNetwork *self)
{
  self->available = TRUE;
}

static void
test_network_set_available (TestNetwork *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* Fixture. */

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaTestCredentials   *credentials;
  char           *dir;
  GFile          *state_file;
  AlgaTicketRepository *tickets;
  AlgaWatcher    *watcher;
  GPtrArray      *events;
  guint           polls;
  guint           failures;
  GArray         *backoffs;
} Fixture;

static void
on_event_cb (AlgaWatcher *watcher,
             AlgaEvent   *event,
             Fixture     *fixture)
{
  g_ptr_array_add (fixture->events, g_object_ref (event));
}

static void
on_polled_cb (AlgaWatcher  *watcher,
              const GError *error,
              Fixture      *fixture)
{
  guint backoff = alga_watcher_get_backoff_ms (watcher);

  fixture->polls++;
  if (error != NULL)
    {
      fixture->failures++;
      g_array_append_val (fixture->backoffs, backoff);
    }
}

static void
make_watcher (Fixture *fixture)
{
  if (fixture->tickets == NULL)
    fixture->tickets = alga_ticket_repository_new (fixture->client, NULL);
  fixture->watcher = alga_watcher_new (fixture->tickets,
                                       alga_test_server_get_user_id (fixture->server),
                                       fixture->state_file);
  alga_watcher_set_interval_ms (fixture->watcher, 50);
  g_signal_connect (fixture->watcher, "event", G_CALLBACK (on_event_cb), fixture);
  g_signal_connect (fixture->watcher, "polled", G_CALLBACK (on_polled_cb), fixture);
}

static void
drop_watcher (Fixture *fixture)
{
  alga_watcher_stop (fixture->watcher);
  /* A save or a poll under way holds the watcher until it ends. */
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->watcher), 30000);
}

static void
wait_polls (Fixture *fixture,
            guint    n)
{
  guint target = fixture->polls + n;

  alga_test_wait_until (fixture->polls >= target, 20000);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));

  fixture->dir = g_dir_make_tmp ("alga-watcher-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "state", "watch-state.json", NULL);
  fixture->state_file = g_file_new_for_path (path);
  fixture->events = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->backoffs = g_array_new (FALSE, FALSE, sizeof (guint));
  make_watcher (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *state_dir = g_build_filename (fixture->dir, "state", NULL);
  g_autofree char *path = g_file_get_path (fixture->state_file);

  if (fixture->watcher != NULL)
    drop_watcher (fixture);
  g_clear_object (&fixture->tickets);
  g_ptr_array_unref (fixture->events);
  g_array_unref (fixture->backoffs);
  g_unlink (path);
  g_rmdir (state_dir);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_object_unref (fixture->state_file);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
}

static AlgaEvent *
event_at (Fixture *fixture,
          guint    i)
{
  return g_ptr_array_index (fixture->events, i);
}

/* Starts and waits for the first, quiet poll. */
static void
start (Fixture *fixture)
{
  alga_watcher_start (fixture->watcher);
  g_assert_true (alga_watcher_get_running (fixture->watcher));
  wait_polls (fixture, 1);
  g_assert_cmpuint (fixture->failures, ==, 0);
}

static char *
other_ticket (Fixture *fixture)
{
  return alga_test_server_create_ticket (fixture->server, "Printer on fire", NULL);
}

static void
test_first_poll_is_quiet (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *contents = NULL;

  /* Changes from before the first start are history, not news. */
  g_autofree char *id = alga_test_server_create_ticket (fixture->server, "Old news",
                                                        alga_test_server_get_user_id (fixture->server));

  start (fixture);
  wait_polls (fixture, 2);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  /* The point is on disk, and holds no key. */
  g_assert_true (g_file_load_contents (fixture->state_file, NULL, &contents, NULL, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"point\":\"20"));
  g_assert_null (strstr (contents, alga_test_server_get_api_key (fixture->server)));
}

static void
test_assigned_by_other (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *id = other_ticket (fixture);
  AlgaEvent *event;

  start (fixture);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, id, me, other));
  alga_test_wait_until (fixture->events->len > 0, 20000);
  /* More polls over the overlap must not tell it again. */
  wait_polls (fixture, 3);

  g_assert_cmpuint (fixture->events->len, ==, 1);
  event = event_at (fixture, 0);
  g_assert_cmpint (alga_event_get_kind (event), ==, ALGA_EVENT_ASSIGNED);
  g_assert_cmpstr (alga_event_get_ticket_id (event), ==, id);
  g_assert_nonnull (alga_event_get_ticket_number (event));
  g_assert_cmpstr (alga_event_get_title (event), ==, "Printer on fire");
  g_assert_cmpstr (alga_event_get_actor (event), ==, other);
  g_assert_nonnull (strstr (alga_event_get_reason (event), "Assigned to you"));
  g_assert_cmpuint (alga_event_get_count (event), ==, 1);
}

static void
test_customer_reply (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *mine = alga_test_server_get_my_ticket_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *internal = NULL;
  g_autofree char *reply = NULL;
  AlgaEvent *event;

  start (fixture);

  /* An internal note is not a reply to the technician. */
  internal = alga_test_server_add_comment (fixture->server, mine, "Internal only", TRUE, other, NULL);
  g_assert_nonnull (internal);
  wait_polls (fixture, 3);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  reply = alga_test_server_add_comment (fixture->server, mine, "It still does not print", FALSE,
                                        NULL, NULL);
  g_assert_nonnull (reply);
  alga_test_wait_until (fixture->events->len > 0, 20000);
  wait_polls (fixture, 3);

  g_assert_cmpuint (fixture->events->len, ==, 1);
  event = event_at (fixture, 0);
  g_assert_cmpint (alga_event_get_kind (event), ==, ALGA_EVENT_REPLY);
  g_assert_cmpstr (alga_event_get_ticket_id (event), ==, mine);
  g_assert_nonnull (strstr (alga_event_get_reason (event), "It still does not print"));
}

static void
on_assigned_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = alga_client_set_assignee_finish (ALGA_CLIENT (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_own_change (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *taken = other_ticket (fixture);
  g_autofree char *noted = other_ticket (fixture);
  gboolean done = FALSE;

  start (fixture);

  /* Through the API: the server records me as the one who changed it. */
  alga_client_set_assignee_async (fixture->client, taken, me, ALGA_QUIET_NONE, NULL, on_assigned_cb, &done);
  alga_test_wait_until (done, 10000);
  alga_watcher_note_own_change (fixture->watcher, taken);

  /* A change the server records without my id, which only the note explains. */
  alga_watcher_note_own_change (fixture->watcher, noted);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, noted, me, other));

  wait_polls (fixture, 4);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  /* The note is used up: the next change by someone else is news again. */
  g_assert_true (alga_test_server_assign_ticket (fixture->server, noted, other, other));
  wait_polls (fixture, 2);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, noted, me, other));
  alga_test_wait_until (fixture->events->len > 0, 20000);
  wait_polls (fixture, 2);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_cmpstr (alga_event_get_ticket_id (event_at (fixture, 0)), ==, noted);
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  g_assert_no_error (error);
  *(char **) user_data = g_strdup (json_object_get_string_member (
    json_object_get_object_member (json_node_get_object (root), "data"), "ticket_id"));
}

/* A ticket made with the technician's own key, assigned to themselves: the server leaves
 * updated_by empty, and entered_by alone says the change was theirs. */
static void
test_own_creation (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *mine_json = alga_test_server_dup_ticket_json (fixture->server,
                                                                 alga_test_server_get_my_ticket_id (fixture->server));
  g_autoptr(JsonNode) mine = json_from_string (mine_json, NULL);
  JsonObject *row = json_node_get_object (mine);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *created = NULL;
  g_autofree char *created_json = NULL;
  g_autofree char *by_other = NULL;

  start (fixture);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Made by me for me");
  for (guint i = 0; i < 4; i++)
    {
      static const char * const ids[] = { "board_id", "client_id", "status_id", "priority_id" };

      json_builder_set_member_name (builder, ids[i]);
      json_builder_add_string_value (builder, json_object_get_string_member (row, ids[i]));
    }
  json_builder_set_member_name (builder, "assigned_to");
  json_builder_add_string_value (builder, me);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  alga_client_request_async (fixture->client, "POST", "/api/v1/tickets", NULL, body,
                             ALGA_REQUEST_DEFAULT, NULL, on_created_cb, &created);
  alga_test_wait_until (created != NULL, 10000);
  created_json = alga_test_server_dup_ticket_json (fixture->server, created);
  g_assert_nonnull (strstr (created_json, "\"updated_by\":null"));

  /* The same made by someone else is news, and tells that the polls saw both. */
  by_other = alga_test_server_create_ticket (fixture->server, "Made by someone else", me);
  alga_test_wait_until (fixture->events->len > 0, 20000);
  wait_polls (fixture, 3);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_cmpstr (alga_event_get_ticket_id (event_at (fixture, 0)), ==, by_other);
  g_assert_cmpstr (alga_event_get_actor (event_at (fixture, 0)), ==, other);
}

static void
on_tickets_changed_cb (AlgaWatcher *watcher,
                       GPtrArray   *tickets,
                       GPtrArray   *seen)
{
  for (guint i = 0; i < tickets->len; i++)
    g_ptr_array_add (seen, g_strdup (alga_ticket_get_ticket_id (g_ptr_array_index (tickets, i))));
}

/* Every change a poll finds goes to the windows, news or not; the first poll tells none. */
static void
test_tickets_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;

  g_signal_connect (fixture->watcher, "tickets-changed", G_CALLBACK (on_tickets_changed_cb), seen);
  start (fixture);
  g_assert_cmpuint (seen->len, ==, 0);

  /* Someone else's unassigned ticket: no event (not asked for), but a change to show. */
  id = alga_test_server_create_ticket (fixture->server, "Not news, still new", NULL);
  alga_test_wait_until (g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL), 20000);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  /* The next polls read it again (they overlap), but it is the same change: told once. */
  wait_polls (fixture, 3);
  g_assert_cmpuint (seen->len, ==, 1);
  g_signal_handlers_disconnect_by_func (fixture->watcher, on_tickets_changed_cb, seen);
}

static void
test_status_changed_by_other (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *mine = alga_test_server_get_my_ticket_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *other_key = alga_test_server_create_api_key (fixture->server, other);
  g_autoptr(AlgaTestCredentials) credentials = alga_test_credentials_new (NULL);
  g_autoptr(AlgaClient) client = alga_client_new (alga_test_server_get_url (fixture->server), NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(AlgaTicket) changed = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  const char *new_status = NULL;

  alga_test_credentials_set_key (credentials, other_key);
  alga_client_set_credentials (client, ALGA_CREDENTIALS (credentials));
  start (fixture);

  alga_client_get_ticket_async (client, mine, NULL, alga_test_store_result_cb, &result);
  ticket = alga_client_get_ticket_finish (client, alga_test_wait_for_result (&result, 10000), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  alga_client_list_statuses_async (client, alga_ticket_get_board_id (ticket), NULL,
                                   alga_test_store_result_cb, &result);
  statuses = alga_client_list_statuses_finish (client, alga_test_wait_for_result (&result, 10000),
                                               &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  for (guint i = 0; i < statuses->len && new_status == NULL; i++)
    {
      AlgaStatus *status = g_ptr_array_index (statuses, i);

      if (!alga_status_get_is_closed (status) &&
          g_strcmp0 (alga_status_get_status_id (status), alga_ticket_get_status_id (ticket)) != 0)
        new_status = alga_status_get_status_id (status);
    }
  g_assert_nonnull (new_status);

  /* Someone else moves my ticket on. */
  alga_client_set_status_async (client, mine, new_status, ALGA_QUIET_NONE, NULL, alga_test_store_result_cb, &result);
  changed = alga_client_set_status_finish (client, alga_test_wait_for_result (&result, 10000), &error);
  g_assert_no_error (error);
  alga_test_wait_until (fixture->events->len > 0, 20000);
  wait_polls (fixture, 3);

  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_cmpint (alga_event_get_kind (event_at (fixture, 0)), ==, ALGA_EVENT_STATUS_CHANGED);
  g_assert_cmpstr (alga_event_get_ticket_id (event_at (fixture, 0)), ==, mine);
  g_assert_cmpstr (alga_event_get_actor (event_at (fixture, 0)), ==, other);
}

static void
test_burst_becomes_summary (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  AlgaEvent *summary;

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (ids, other_ticket (fixture));
  /* A long interval: all five must land in one poll. */
  alga_watcher_set_interval_ms (fixture->watcher, 60000);
  start (fixture);

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (alga_test_server_assign_ticket (fixture->server, g_ptr_array_index (ids, i),
                                                   me, other));
  alga_watcher_poll_now (fixture->watcher);
  wait_polls (fixture, 1);
  alga_watcher_poll_now (fixture->watcher);
  wait_polls (fixture, 1);

  g_assert_cmpuint (fixture->events->len, ==, 1);
  summary = event_at (fixture, 0);
  g_assert_cmpint (alga_event_get_kind (summary), ==, ALGA_EVENT_SUMMARY);
  g_assert_cmpuint (alga_event_get_count (summary), ==, 5);
  g_assert_cmpstr (alga_event_get_title (summary), ==, "5 tickets need your attention");
  g_assert_null (alga_event_get_ticket_id (summary));
  for (guint i = 0; i < 5; i++)
    {
      AlgaEvent *event = g_ptr_array_index (alga_event_get_events (summary), i);

      g_assert_cmpint (alga_event_get_kind (event), ==, ALGA_EVENT_ASSIGNED);
      g_assert_true (g_ptr_array_find_with_equal_func (ids, alga_event_get_ticket_id (event),
                                                       g_str_equal, NULL));
    }
}

static void
test_three_stay_single (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (ids, other_ticket (fixture));
  alga_watcher_set_interval_ms (fixture->watcher, 60000);
  start (fixture);

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (alga_test_server_assign_ticket (fixture->server, g_ptr_array_index (ids, i),
                                                   me, other));
  alga_watcher_poll_now (fixture->watcher);
  wait_polls (fixture, 1);

  g_assert_cmpuint (fixture->events->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (alga_event_get_kind (event_at (fixture, i)), ==, ALGA_EVENT_ASSIGNED);
}

static void
test_backoff_and_catch_up (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *id = other_ticket (fixture);
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 500,
                          .body = "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}}" };

  alga_watcher_set_interval_ms (fixture->watcher, 20);
  start (fixture);
  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets", &fault);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, id, me, other));

  alga_test_wait_until (fixture->failures >= 4, 20000);
  g_assert_cmpuint (g_array_index (fixture->backoffs, guint, 0), ==, 40);
  for (guint i = 1; i < fixture->backoffs->len; i++)
    g_assert_cmpuint (g_array_index (fixture->backoffs, guint, i), ==,
                      2 * g_array_index (fixture->backoffs, guint, i - 1));
  g_assert_cmpuint (fixture->events->len, ==, 0);

  alga_test_server_clear_faults (fixture->server);
  alga_test_wait_until (fixture->events->len > 0, 20000);
  g_assert_cmpuint (alga_watcher_get_backoff_ms (fixture->watcher), ==, 0);
  wait_polls (fixture, 3);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_cmpstr (alga_event_get_ticket_id (event_at (fixture, 0)), ==, id);
}

static void
test_backoff_cap (Fixture       *fixture,
                  gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 500 };

  alga_watcher_set_interval_ms (fixture->watcher, 400 * 1000);
  start (fixture);
  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/*", &fault);

  alga_watcher_poll_now (fixture->watcher);
  wait_polls (fixture, 1);
  g_assert_cmpuint (alga_watcher_get_backoff_ms (fixture->watcher), ==, ALGA_WATCHER_MAX_BACKOFF_MS);
  alga_watcher_poll_now (fixture->watcher);
  wait_polls (fixture, 1);
  g_assert_cmpuint (alga_watcher_get_backoff_ms (fixture->watcher), ==, ALGA_WATCHER_MAX_BACKOFF_MS);
  g_assert_cmpuint (fixture->failures, ==, 2);
}

static void
test_restart_repeats_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *first = other_ticket (fixture);
  g_autofree char *while_away = other_ticket (fixture);

  start (fixture);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, first, me, other));
  alga_test_wait_until (fixture->events->len == 1, 20000);
  wait_polls (fixture, 1);
  drop_watcher (fixture);

  /* A change while the app was not running is caught after the restart, and only it. */
  g_assert_true (alga_test_server_assign_ticket (fixture->server, while_away, me, other));
  make_watcher (fixture);
  alga_watcher_start (fixture->watcher);
  alga_test_wait_until (fixture->events->len >= 2, 20000);
  wait_polls (fixture, 3);

  g_assert_cmpuint (fixture->failures, ==, 0);
  g_assert_cmpuint (fixture->events->len, ==, 2);
  g_assert_cmpstr (alga_event_get_ticket_id (event_at (fixture, 0)), ==, first);
  g_assert_cmpstr (alga_event_get_ticket_id (event_at (fixture, 1)), ==, while_away);
}

static void
test_unassigned_opt_in (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *quiet = NULL;
  g_autofree char *told = NULL;

  start (fixture);
  g_assert_false (alga_watcher_get_notify_unassigned (fixture->watcher));
  quiet = alga_test_server_create_ticket (fixture->server, "Nobody's", NULL);
  wait_polls (fixture, 3);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  alga_watcher_set_notify_unassigned (fixture->watcher, TRUE);
  told = alga_test_server_create_ticket (fixture->server, "Anybody's", NULL);
  alga_test_wait_until (fixture->events->len > 0, 20000);
  wait_polls (fixture, 3);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_cmpint (alga_event_get_kind (event_at (fixture, 0)), ==, ALGA_EVENT_UNASSIGNED);
  g_assert_cmpstr (alga_event_get_ticket_id (event_at (fixture, 0)), ==, told);
}

static void
test_offline_pauses (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TestNetwork) network = g_object_new (TEST_TYPE_NETWORK, NULL);
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *id = other_ticket (fixture);
  guint requests;

  alga_watcher_set_network_monitor (fixture->watcher, G_NETWORK_MONITOR (network));
  start (fixture);

  test_network_set_available (network, FALSE);
  g_assert_true (alga_watcher_get_offline (fixture->watcher));
  /* The poll cut short by going offline has ended. */
  alga_test_wait_for_sole_reference (fixture->watcher, 30000);
  alga_test_server_clear_requests (fixture->server);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, id, me, other));
  /* A fixed time on purpose: longer than six polling intervals, and no request leaves in it. */
  alga_test_spin (300);
  requests = alga_test_server_count_requests (fixture->server, NULL, "*");
  g_assert_cmpuint (requests, ==, 0);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  /* Back online: at once, not after a backoff. */
  test_network_set_available (network, TRUE);
  g_assert_false (alga_watcher_get_offline (fixture->watcher));
  alga_test_wait_until (fixture->events->len == 1, 5000);
  g_assert_cmpstr (alga_event_get_ticket_id (event_at (fixture, 0)), ==, id);
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  start (fixture);
  alga_watcher_stop (fixture->watcher);
  g_assert_false (alga_watcher_get_running (fixture->watcher));
  /* The poll cut short by the stop has ended. */
  alga_test_wait_for_sole_reference (fixture->watcher, 30000);
  alga_test_server_clear_requests (fixture->server);
  /* A fixed time on purpose: longer than six polling intervals, and no request leaves in it. */
  alga_test_spin (300);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, NULL, "*"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/watcher/first-poll-is-quiet", test_first_poll_is_quiet);
  ADD ("/watcher/assigned-by-other", test_assigned_by_other);
  ADD ("/watcher/customer-reply", test_customer_reply);
  ADD ("/watcher/own-change", test_own_change);
  ADD ("/watcher/own-creation", test_own_creation);
  ADD ("/watcher/tickets-changed", test_tickets_changed);
  ADD ("/watcher/status-changed-by-other", test_status_changed_by_other);
  ADD ("/watcher/burst-becomes-summary", test_burst_becomes_summary);
  ADD ("/watcher/three-stay-single", test_three_stay_single);
  ADD ("/watcher/backoff-and-catch-up", test_backoff_and_catch_up);
  ADD ("/watcher/backoff-cap", test_backoff_cap);
  ADD ("/watcher/restart-repeats-nothing", test_restart_repeats_nothing);
  ADD ("/watcher/unassigned-opt-in", test_unassigned_opt_in);
  ADD ("/watcher/offline-pauses", test_offline_pauses);
  ADD ("/watcher/stop", test_stop);

  return g_test_run ();
}
