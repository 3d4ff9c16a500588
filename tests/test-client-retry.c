/* test-client-retry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What AlgaClient repeats and what it must not: GET on 5xx and broken connections, never
 * POST; 429 after Retry-After for any method; timeouts; cancelling while waiting.
 */

#include "config.h"

#include "alga-client.h"
#include "alga-error.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

#define CAPABILITIES "/api/v1/mobile/auth/capabilities"
#define REVOKE       "/api/v1/mobile/auth/revoke"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  alga_client_set_retry_policy (fixture->client, 3, 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  alga_test_server_stop (fixture->server);
  /* Not asserted finalized: a DELAY fault cut short by the stop keeps a reference. */
  g_object_unref (fixture->server);
}

static void
add_fault (Fixture           *fixture,
           const char        *method,
           const char        *path,
           AlgaTestFaultKind  kind,
           guint              status,
           guint              retry_after,
           guint              times)
{
  AlgaTestFault fault = {
    .kind = kind,
    .status = status,
    .retry_after = retry_after,
    .times = times,
    .body = status >= 400 ? "{\"error\":{\"code\":\"X\",\"message\":\"Injected failure\"}}" : NULL,
  };

  alga_test_server_add_fault (fixture->server, method, path, &fault);
}

/* Mobile-auth routes need no key, so these tests need no credentials. */
static JsonNode *
request (Fixture           *fixture,
         const char        *method,
         const char        *path,
         AlgaRequestFlags   flags,
         GCancellable      *cancellable,
         guint             *status,
         guint             *retry_after,
         GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (g_str_equal (method, "POST"))
    body = json_from_string ("{\"refreshToken\":\"unknown\"}", NULL);

  alga_client_request_async (fixture->client, method, path, NULL, body,
                             flags | ALGA_REQUEST_NO_AUTH, cancellable,
                             alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 60000);

  return alga_client_request_finish_full (fixture->client, result, status, retry_after, error);
}

static guint
count (Fixture    *fixture,
       const char *method,
       const char *path)
{
  return alga_test_server_count_requests (fixture->server, method, path);
}

static void
test_get_retried_on_503 (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 503, 0, 2);
  root = request (fixture, "GET", CAPABILITIES, 0, NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 3);
}

static void
test_get_retried_on_502_504 (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 502, 0, 1);
  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 504, 0, 1);
  root = request (fixture, "GET", CAPABILITIES, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 3);
}

static void
test_get_gives_up (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 503, 0, 0);
  root = request (fixture, "GET", CAPABILITIES, 0, NULL, &status, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Injected failure");
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 3);
}

static void
test_get_not_retried_on_500 (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* A 500 is a bug on the server, not a passing overload: asking again changes nothing. */
  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 500, 0, 0);
  root = request (fixture, "GET", CAPABILITIES, 0, NULL, NULL, NULL, &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_SERVER);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 1);
}

static void
test_get_no_retry_flag (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 503, 0, 0);
  root = request (fixture, "GET", CAPABILITIES, ALGA_REQUEST_NO_RETRY, NULL, NULL, NULL, &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_SERVER);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 1);
}

static void
test_get_retried_on_drop (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_DROP, 0, 0, 1);
  root = request (fixture, "GET", CAPABILITIES, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 2);
}

static void
test_post_not_retried_on_5xx (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error_503 = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root_503 = NULL;

  add_fault (fixture, "POST", REVOKE, ALGA_TEST_FAULT_STATUS, 500, 0, 1);
  root = request (fixture, "POST", REVOKE, 0, NULL, NULL, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_SERVER);
  g_assert_cmpuint (count (fixture, "POST", REVOKE), ==, 1);

  add_fault (fixture, "POST", REVOKE, ALGA_TEST_FAULT_STATUS, 503, 0, 1);
  root_503 = request (fixture, "POST", REVOKE, 0, NULL, NULL, NULL, &error_503);
  g_assert_null (root_503);
  g_assert_error (error_503, ALGA_API_ERROR, ALGA_API_ERROR_SERVER);
  g_assert_cmpuint (count (fixture, "POST", REVOKE), ==, 2);
}

static void
test_post_not_retried_on_drop (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  add_fault (fixture, "POST", REVOKE, ALGA_TEST_FAULT_DROP, 0, 0, 1);
  root = request (fixture, "POST", REVOKE, 0, NULL, NULL, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NETWORK);
  g_assert_cmpuint (count (fixture, "POST", REVOKE), ==, 1);
}

static void
test_429_waits_for_retry_after (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 start;
  gint64 elapsed;

  add_fault (fixture, "POST", REVOKE, ALGA_TEST_FAULT_STATUS, 429, 1, 1);
  start = g_get_monotonic_time ();
  root = request (fixture, "POST", REVOKE, 0, NULL, NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;

  /* Even a POST: the server refused it before doing anything. */
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "ok"));
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC);
  /* Only far beyond the second asked for: under valgrind on a busy machine two requests have
   * taken more than 5 s. */
  g_assert_cmpint (elapsed, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpuint (count (fixture, "POST", REVOKE), ==, 2);
}

static void
test_429_without_retry_after (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 start;

  /* The mobile-auth limiters send no Retry-After; the client waits one second. */
  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 429, 0, 1);
  start = g_get_monotonic_time ();
  root = request (fixture, "GET", CAPABILITIES, ALGA_REQUEST_NO_RETRY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 2);
}

static void
test_429_twice (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;
  guint retry_after = 0;

  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 429, 1, 0);
  root = request (fixture, "GET", CAPABILITIES, 0, NULL, &status, &retry_after, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpuint (retry_after, ==, 1);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 2);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 3000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  alga_client_set_timeout (fixture->client, 1);
  alga_client_set_retry_policy (fixture->client, 1, 0);
  alga_test_server_add_fault (fixture->server, NULL, CAPABILITIES, &fault);

  root = request (fixture, "GET", CAPABILITIES, 0, NULL, NULL, NULL, &error);
  g_assert_null (root);
  /* The client gave up: the server would have answered, without an error, after 3 s. (How
   * long giving up took is not asserted: under valgrind on a busy machine, 1 s took 3.8.) */
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_TIMEOUT);
}

static void
test_timeout_retried_for_get (Fixture       *fixture,
                              gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 2500, .times = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  alga_client_set_timeout (fixture->client, 1);
  alga_test_server_add_fault (fixture->server, "GET", CAPABILITIES, &fault);
  root = request (fixture, "GET", CAPABILITIES, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 2);
}

static void
test_backoff_grows (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 start;
  gint64 elapsed;

  /* 200 ms then 800 ms, each ±20 %. */
  alga_client_set_retry_policy (fixture->client, 3, 200);
  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 503, 0, 2);
  start = g_get_monotonic_time ();
  root = request (fixture, "GET", CAPABILITIES, 0, NULL, NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  /* Two waits of 200 ms, even at +20 %, would be under 800 ms: the second wait grew. */
  g_assert_cmpint (elapsed, >=, 800 * 1000);
  g_assert_cmpint (elapsed, <, 30 * G_USEC_PER_SEC);
}

/* Cancels once the server has received a request for a path: the request is then on its way,
 * however slow the machine was to send it. */
typedef struct
{
  AlgaTestServer *server;
  const char     *path;
  GCancellable   *cancellable;
  gint64          cancelled_at;
} CancelWhenReceived;

static gboolean
cancel_when_received_cb (gpointer user_data)
{
  CancelWhenReceived *c = user_data;

  if (alga_test_server_count_requests (c->server, "GET", c->path) == 0)
    return G_SOURCE_CONTINUE;
  c->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (c->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_while_waiting (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelWhenReceived cancel = { fixture->server, CAPABILITIES, cancellable, 0 };

  alga_client_set_retry_policy (fixture->client, 3, 10000);
  add_fault (fixture, "GET", CAPABILITIES, ALGA_TEST_FAULT_STATUS, 503, 0, 0);
  /* The first attempt reached the server and was refused: the client waits 10 s to retry. */
  g_timeout_add (5, cancel_when_received_cb, &cancel);

  root = request (fixture, "GET", CAPABILITIES, 0, cancellable, NULL, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cancel.cancelled_at, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - cancel.cancelled_at, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 1);

  /* A fixed time on purpose: nothing fires in it, the retry timer went with the cancellation. */
  alga_test_spin (200);
  g_assert_cmpuint (count (fixture, "GET", CAPABILITIES), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/client-retry/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("get/503-then-success", test_get_retried_on_503);
  ADD ("get/502-504", test_get_retried_on_502_504);
  ADD ("get/gives-up", test_get_gives_up);
  ADD ("get/not-on-500", test_get_not_retried_on_500);
  ADD ("get/no-retry-flag", test_get_no_retry_flag);
  ADD ("get/drop", test_get_retried_on_drop);
  ADD ("post/not-on-5xx", test_post_not_retried_on_5xx);
  ADD ("post/not-on-drop", test_post_not_retried_on_drop);
  ADD ("429/retry-after", test_429_waits_for_retry_after);
  ADD ("429/default-wait", test_429_without_retry_after);
  ADD ("429/twice", test_429_twice);
  ADD ("timeout", test_timeout);
  ADD ("timeout-retried-for-get", test_timeout_retried_for_get);
  ADD ("backoff-grows", test_backoff_grows);
  ADD ("cancel-while-waiting", test_cancel_while_waiting);
#undef ADD

  return g_test_run ();
}
