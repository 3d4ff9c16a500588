/* test-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaClient itself: which addresses it accepts, what it sends, cancellation, and the masked
 * debug log.
 */

#include "config.h"

#include "alga-client.h"
#include "alga-error.h"
#include "alga-soup-logger.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"

static AlgaTestCredentials *
test_fixed_key_new (const char *key,
                    const char *tenant_id)
{
  AlgaTestCredentials *self = alga_test_credentials_new (key);

  alga_test_credentials_set_tenant_id (self, tenant_id);
  return self;
}

/* Addresses */

static void
assert_refused (const char *url,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaClient) client = alga_client_new (url, &error);

  g_assert_null (client);
  g_assert_error (error, ALGA_API_ERROR, code);
}

static void
assert_accepted (const char *url,
                 const char *normalized)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaClient) client = alga_client_new (url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  g_assert_cmpstr (alga_client_get_base_url (client), ==, normalized);
}

static void
test_url_plain_http_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaClient) client = alga_client_new ("http://example.com", &error);

  g_assert_null (client);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "refuses plain http"));

  assert_refused ("http://psa.example.com:8080/", ALGA_API_ERROR_INSECURE);
  assert_refused ("HTTP://192.168.1.10", ALGA_API_ERROR_INSECURE);
  assert_refused ("http://localhost.example.com", ALGA_API_ERROR_INSECURE);
  assert_refused ("http://127.0.0.1.nip.io", ALGA_API_ERROR_INSECURE);
  assert_refused ("http://[fe80::1]", ALGA_API_ERROR_INSECURE);
}

static void
test_url_loopback_http_accepted (void)
{
  assert_accepted ("http://127.0.0.1", "http://127.0.0.1");
  assert_accepted ("http://127.0.0.1:3000/", "http://127.0.0.1:3000");
  assert_accepted ("http://127.45.6.7:8080", "http://127.45.6.7:8080");
  assert_accepted ("http://[::1]:3000", "http://[::1]:3000");
  assert_accepted ("http://LocalHost:3000", "http://localhost:3000");
}

static void
test_url_https_normalized (void)
{
  assert_accepted ("https://example.com", "https://example.com");
  assert_accepted ("https://Example.COM/", "https://example.com");
  assert_accepted ("  https://example.com:443/ ", "https://example.com");
  assert_accepted ("HTTPS://psa.example.com:8443", "https://psa.example.com:8443");
}

static void
test_url_invalid (void)
{
  assert_refused ("", ALGA_API_ERROR_INVALID_INPUT);
  assert_refused (NULL, ALGA_API_ERROR_INVALID_INPUT);
  assert_refused ("example.com", ALGA_API_ERROR_INVALID_INPUT);
  assert_refused ("ftp://example.com", ALGA_API_ERROR_INVALID_INPUT);
  assert_refused ("alga://auth/callback", ALGA_API_ERROR_INVALID_INPUT);
  assert_refused ("https://example.com/alga", ALGA_API_ERROR_INVALID_INPUT);
  assert_refused ("https://example.com/?tenant=1", ALGA_API_ERROR_INVALID_INPUT);
  assert_refused ("https://example.com/#top", ALGA_API_ERROR_INVALID_INPUT);
  assert_refused ("https://admin:secret@example.com", ALGA_API_ERROR_INVALID_INPUT);
  assert_refused ("https://", ALGA_API_ERROR_INVALID_INPUT);
  /* A path is refused before the scheme is judged insecure: both are wrong. */
  assert_refused ("http://127.0.0.1/api", ALGA_API_ERROR_INVALID_INPUT);
}

static void
test_session_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaClient) client = alga_client_new ("https://example.com", &error);
  SoupSession *session;

  g_assert_no_error (error);
  session = alga_client_get_session (client);
  g_assert_true (SOUP_IS_SESSION (session));
  g_assert_true (g_str_has_prefix (soup_session_get_user_agent (session), "AlgaPSA-Desktop/"));
  g_assert_true (g_str_has_suffix (soup_session_get_user_agent (session), " (GNOME)"));
  g_assert_cmpuint (soup_session_get_timeout (session), ==, 30);
  g_assert_cmpuint (alga_client_get_timeout (client), ==, 30);

  alga_client_set_timeout (client, 5);
  g_assert_cmpuint (soup_session_get_timeout (session), ==, 5);
  g_assert_cmpuint (alga_client_get_timeout (client), ==, 5);
}

/* Requests over loopback */

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaTestCredentials   *credentials;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = test_fixed_key_new (alga_test_server_get_api_key (fixture->server),
                                             alga_test_server_get_tenant_id (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  g_clear_object (&fixture->credentials);
  alga_test_server_stop (fixture->server);
  /* Not asserted finalized: a DELAY fault cut short by the stop keeps a reference. */
  g_object_unref (fixture->server);
}

static JsonNode *
request (Fixture           *fixture,
         const char        *method,
         const char        *path,
         const char        *query,
         JsonNode          *body,
         AlgaRequestFlags   flags,
         GCancellable      *cancellable,
         guint             *status,
         GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_client_request_async (fixture->client, method, path, query, body, flags, cancellable,
                             alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);

  return alga_client_request_finish_full (fixture->client, result, status, NULL, error);
}

static AlgaTestRequest *
last_request (Fixture *fixture)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (fixture->server);
  AlgaTestRequest *last;

  g_assert_cmpuint (requests->len, >, 0);
  last = g_ptr_array_steal_index (requests, requests->len - 1);
  /* The array's free func would have freed it; it was stolen. */
  return last;
}

static void
test_request_sends_key_and_tenant (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;
  JsonObject *object;
  guint status = 0;

  root = request (fixture, "GET", "/api/v1/tickets", "limit=2&fields=mobile_list", NULL,
                  ALGA_REQUEST_DEFAULT, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  /* The whole root comes back, envelope included. */
  object = json_node_get_object (root);
  g_assert_true (json_object_has_member (object, "pagination"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 2);

  sent = last_request (fixture);
  g_assert_cmpstr (sent->method, ==, "GET");
  g_assert_cmpstr (sent->path, ==, "/api/v1/tickets");
  g_assert_cmpstr (sent->query, ==, "limit=2&fields=mobile_list");
  g_assert_cmpstr (sent->api_key, ==, alga_test_server_get_api_key (fixture->server));
  g_assert_cmpstr (sent->tenant_id, ==, alga_test_server_get_tenant_id (fixture->server));
}

static void
test_request_no_auth (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;
  guint status = 0;

  root = request (fixture, "GET", "/api/v1/mobile/auth/capabilities", NULL, NULL,
                  ALGA_REQUEST_NO_AUTH, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_true (json_object_has_member (json_node_get_object (root), "enabled"));

  sent = last_request (fixture);
  g_assert_null (sent->api_key);
  g_assert_null (sent->tenant_id);
}

static void
test_request_sends_body (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"refreshToken\":\"not-a-real-token\"}", NULL);
  g_autoptr(AlgaTestRequest) sent = NULL;
  g_autoptr(JsonNode) sent_body = NULL;
  guint status = 0;

  root = request (fixture, "POST", "/api/v1/mobile/auth/revoke", NULL, body,
                  ALGA_REQUEST_NO_AUTH, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "ok"));

  sent = last_request (fixture);
  g_assert_cmpstr (sent->method, ==, "POST");
  sent_body = json_from_string (sent->body, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (sent_body, body));
}

static void
test_request_credentials_weak (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlgaTestRequest) sent = NULL;

  /* The client does not keep its credentials alive: gone, it sends no key. */
  g_assert_finalize_object (g_steal_pointer (&fixture->credentials));

  root = request (fixture, "GET", "/api/v1/tickets", NULL, NULL, ALGA_REQUEST_DEFAULT, NULL,
                  NULL, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);

  sent = last_request (fixture);
  g_assert_null (sent->api_key);
}

static void
test_request_bad_path (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = request (fixture, "GET", "api/v1/tickets", NULL, NULL, ALGA_REQUEST_DEFAULT, NULL, NULL,
                  &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, NULL, "*"), ==, 0);
}

static void
test_request_cancel_before (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  root = request (fixture, "GET", "/api/v1/tickets", NULL, NULL, ALGA_REQUEST_DEFAULT,
                  cancellable, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
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
test_request_cancel_during (Fixture       *fixture,
                            gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 3000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelWhenReceived cancel = { fixture->server, "/api/v1/tickets", cancellable, 0 };

  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/tickets", &fault);
  g_timeout_add (5, cancel_when_received_cb, &cancel);

  root = request (fixture, "GET", "/api/v1/tickets", NULL, NULL, ALGA_REQUEST_DEFAULT,
                  cancellable, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Well before the server's 3 s answer. */
  g_assert_cmpint (cancel.cancelled_at, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - cancel.cancelled_at, <, 2 * G_USEC_PER_SEC);
}

static void
on_sending_cb (AlgaClient *client,
               GParamSpec *pspec,
               GArray     *seen)
{
  gboolean sending = alga_client_get_sending (client);

  g_array_append_val (seen, sending);
}

/* AlgaClient:sending holds from the send until the request is written: while the server works
 * on it, it is off. */
static void
test_request_sending (Fixture       *fixture,
                      gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 3000 };
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/tickets", &fault);
  g_signal_connect (fixture->client, "notify::sending", G_CALLBACK (on_sending_cb), seen);

  g_assert_false (alga_client_get_sending (fixture->client));
  alga_client_request_async (fixture->client, "GET", "/api/v1/tickets", NULL, NULL,
                             ALGA_REQUEST_DEFAULT, cancellable, alga_test_store_result_cb, &result);
  g_assert_true (alga_client_get_sending (fixture->client));

  /* The server has it and takes its time: the request is out, its answer still to come. */
  alga_test_wait_until (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/tickets") > 0,
                        10000);
  g_assert_false (alga_client_get_sending (fixture->client));
  g_assert_null (result);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (g_array_index (seen, gboolean, 0));
  g_assert_false (g_array_index (seen, gboolean, 1));

  g_cancellable_cancel (cancellable);
  alga_test_wait_for_result (&result, 30000);
  root = alga_client_request_finish (fixture->client, result, &error);
  g_assert_null (root);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (alga_client_get_sending (fixture->client));
  g_assert_cmpuint (seen->len, ==, 2);
  g_signal_handlers_disconnect_by_func (fixture->client, on_sending_cb, seen);
}

/* A request that never reaches the server is not counted as on its way for ever. */
static void
test_request_sending_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  alga_test_server_stop (fixture->server);
  alga_client_set_retry_policy (fixture->client, 1, 0);

  alga_client_request_async (fixture->client, "GET", "/api/v1/tickets", NULL, NULL,
                             ALGA_REQUEST_DEFAULT, NULL, alga_test_store_result_cb, &result);
  g_assert_true (alga_client_get_sending (fixture->client));
  alga_test_wait_for_result (&result, 30000);
  root = alga_client_request_finish (fixture->client, result, &error);
  g_assert_null (root);
  g_assert_nonnull (error);
  g_assert_false (alga_client_get_sending (fixture->client));
}

/* The debug log */

static void
test_mask_lines (void)
{
  static const char *key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
  g_autofree char *header = g_strdup_printf ("x-api-key: %s", key);
  g_autofree char *masked_header = alga_soup_logger_mask (header);
  g_autofree char *masked_auth = alga_soup_logger_mask ("Authorization: Bearer abcdefgh12345678");
  g_autofree char *masked_body =
    alga_soup_logger_mask ("{\"accessToken\":\"aaaa1111\",\"refreshToken\" : \"bbbb2222\","
                           "\"ott\":\"cccc3333\",\"tenantId\":\"t1\"}");
  g_autofree char *masked_short = alga_soup_logger_mask ("X-API-Key: short");
  g_autofree char *masked_lines = alga_soup_logger_mask ("GET /api/v1/tickets HTTP/1.1\n"
                                                         "Cookie: authjs.csrf-token=zzz\n"
                                                         "Accept: application/json");

  g_assert_cmpstr (masked_header, ==, "x-api-key: ****abcd");
  g_assert_cmpstr (masked_auth, ==, "Authorization: ****");
  g_assert_cmpstr (masked_body, ==,
                   "{\"accessToken\":\"****\",\"refreshToken\" : \"****\","
                   "\"ott\":\"****\",\"tenantId\":\"t1\"}");
  g_assert_cmpstr (masked_short, ==, "X-API-Key: ****");
  g_assert_cmpstr (masked_lines, ==, "GET /api/v1/tickets HTTP/1.1\n"
                                     "Cookie: ****\n"
                                     "Accept: application/json");
}

static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          g_string_append_len (captured_log, fields[i].value,
                               fields[i].length < 0 ? (gssize) strlen (fields[i].value)
                                                    : fields[i].length);
          g_string_append_c (captured_log, '\n');
        }
    }

  return G_LOG_WRITER_HANDLED;
}

/* Runs in a child process, since a log writer can be set only once per process. */
static void
test_logger_masks_key (void)
{
  g_autoptr(AlgaTestServer) server = NULL;
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTestCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) auth_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) auth_root = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"refreshToken\":\"RT-secret-refresh-token\"}",
                                               NULL);
  g_autofree char *masked = NULL;
  const char *key;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, 0);
      g_test_trap_assert_passed ();
      return;
    }

  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);

  server = alga_test_server_new ();
  key = alga_test_server_get_api_key (server);
  client = alga_client_new (alga_test_server_get_url (server), &error);
  g_assert_no_error (error);
  g_assert_true (soup_session_has_feature (alga_client_get_session (client), SOUP_TYPE_LOGGER));
  credentials = test_fixed_key_new (key, NULL);
  alga_client_set_credentials (client, ALGA_CREDENTIALS (credentials));

  alga_client_request_async (client, "GET", "/api/v1/tickets", "limit=1", NULL,
                             ALGA_REQUEST_DEFAULT, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);
  root = alga_client_request_finish (client, result, &error);
  g_assert_no_error (error);

  alga_client_request_async (client, "POST", "/api/v1/mobile/auth/revoke", NULL, body,
                             ALGA_REQUEST_NO_AUTH, NULL, alga_test_store_result_cb, &auth_result);
  alga_test_wait_for_result (&auth_result, 30000);
  auth_root = alga_client_request_finish (client, auth_result, &error);
  g_assert_no_error (error);

  alga_test_server_stop (server);

  /* Traffic was logged: the request lines, a body, and the key in its masked form… */
  masked = g_strdup_printf ("x-api-key: ****%s", key + strlen (key) - 4);
  g_assert_nonnull (strstr (captured_log->str, "GET /api/v1/tickets?limit=1"));
  g_assert_nonnull (strstr (captured_log->str, "POST /api/v1/mobile/auth/revoke"));
  g_assert_nonnull (strstr (captured_log->str, "\"pagination\""));
  g_assert_nonnull (strstr (captured_log->str, masked));
  /* …but never the key itself, nor the refresh token in the mobile-auth body. */
  g_assert_null (strstr (captured_log->str, key));
  g_assert_null (strstr (captured_log->str, "RT-secret-refresh-token"));

  g_string_free (captured_log, TRUE);
}

static void
test_logger_off_by_default (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaClient) client = NULL;

  if (g_getenv ("G_MESSAGES_DEBUG") != NULL)
    {
      g_test_skip ("G_MESSAGES_DEBUG is set");
      return;
    }

  g_assert_false (alga_soup_logger_attach (session));
  g_assert_false (soup_session_has_feature (session, SOUP_TYPE_LOGGER));

  client = alga_client_new ("https://example.com", &error);
  g_assert_no_error (error);
  g_assert_false (soup_session_has_feature (alga_client_get_session (client), SOUP_TYPE_LOGGER));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/url/plain-http-refused", test_url_plain_http_refused);
  g_test_add_func ("/client/url/loopback-http-accepted", test_url_loopback_http_accepted);
  g_test_add_func ("/client/url/https-normalized", test_url_https_normalized);
  g_test_add_func ("/client/url/invalid", test_url_invalid);
  g_test_add_func ("/client/session-settings", test_session_settings);
  g_test_add_func ("/client/logger/mask", test_mask_lines);
  g_test_add_func ("/client/logger/masks-key", test_logger_masks_key);
  g_test_add_func ("/client/logger/off-by-default", test_logger_off_by_default);

#define ADD(path, func) \
  g_test_add ("/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("request/key-and-tenant", test_request_sends_key_and_tenant);
  ADD ("request/no-auth", test_request_no_auth);
  ADD ("request/body", test_request_sends_body);
  ADD ("request/credentials-weak", test_request_credentials_weak);
  ADD ("request/bad-path", test_request_bad_path);
  ADD ("request/cancel-before", test_request_cancel_before);
  ADD ("request/cancel-during", test_request_cancel_during);
  ADD ("request/sending", test_request_sending);
  ADD ("request/sending-refused", test_request_sending_refused);
#undef ADD

  return g_test_run ();
}
