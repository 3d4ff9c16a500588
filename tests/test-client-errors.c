/* test-client-errors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every shape of error the server sends, decoded from the real samples and over loopback from
 * the test server; and every transport failure mapped into ALGA_API_ERROR.
 */

#include "config.h"

#include "alga-client.h"
#include "alga-error.h"
#include "alga-request.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

static GError *
decode_sample (guint       status,
               const char *reason,
               const char *content_type,
               const char *sample)
{
  g_autoptr(GBytes) body = NULL;

  if (sample != NULL)
    {
      gsize length;
      char *contents = alga_test_read_sample (sample, &length);

      body = g_bytes_new_take (contents, length);
    }

  return alga_request_error_from_response (status, reason, content_type, body);
}

static void
test_sample_object_validation (void)
{
  g_autoptr(GError) error = decode_sample (400, "Bad Request", "application/json",
                                           "13b_post_comment_5001.json");

  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==,
                   "Validation failed: comment_text: Comment text is too long (max 5000 characters)");
}

static void
test_sample_object_query_validation (void)
{
  g_autoptr(GError) error = decode_sample (400, "Bad Request", "application/json",
                                           "04_limit0.json");

  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==,
                   "Query validation failed: limit: Number must be greater than or equal to 1");
}

static void
test_sample_object_no_details (void)
{
  g_autoptr(GError) server = decode_sample (500, "Internal Server Error", "application/json",
                                            "03_sort_bogus.json");
  g_autoptr(GError) unauthorized = decode_sample (401, "Unauthorized", "application/json",
                                                  "07c_wrongkey.json");
  g_autoptr(GError) not_found = decode_sample (404, "Not Found", "application/json",
                                               "09_random_uuid.json");
  g_autoptr(GError) conflict = decode_sample (409, "Conflict", "application/json",
                                              "20c_te_overlap.json");

  g_assert_error (server, ALGA_API_ERROR, ALGA_API_ERROR_SERVER);
  g_assert_cmpstr (server->message, ==,
                   "The server is misconfigured for this operation. Please contact support.");
  g_assert_error (unauthorized, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (unauthorized->message, ==, "Invalid API key");
  g_assert_error (not_found, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
  g_assert_error (conflict, ALGA_API_ERROR, ALGA_API_ERROR_CONFLICT);
  g_assert_nonnull (strstr (conflict->message, "overlap"));
}

static void
test_sample_string_form (void)
{
  g_autoptr(GError) error = decode_sample (401, "Unauthorized", "application/json",
                                           "07_nokey.json");

  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "Unauthorized: API key missing");
}

static void
test_sample_html_404 (void)
{
  g_autoptr(GError) error = decode_sample (404, "Not Found", "text/html",
                                           "25_nonexistent.html");

  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The server answered 404 Not Found");
}

static void
test_sample_empty_405 (void)
{
  g_autoptr(GError) error = decode_sample (405, NULL, NULL, NULL);

  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The server answered 405 Method Not Allowed");
}

static void
test_sample_plain_text (void)
{
  g_autoptr(GError) error = decode_sample (401, "Unauthorized", "text/plain",
                                           "27b_doc_view_nokey.txt");

  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "The server answered 401 Unauthorized: Unauthorized");
}

static void
test_transport_mapping (void)
{
  struct {
    GQuark domain;
    int    code;
    int    expected;
  } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, ALGA_API_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, ALGA_API_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, ALGA_API_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND, ALGA_API_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, ALGA_API_ERROR_NETWORK },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, ALGA_API_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, ALGA_API_ERROR_TIMEOUT },
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, ALGA_API_ERROR_TLS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) original = g_error_new_literal (cases[i].domain, cases[i].code, "cause");
      g_autoptr(GError) mapped = alga_request_error_from_transport (original);

      g_assert_error (mapped, ALGA_API_ERROR, cases[i].expected);
      /* The cause is kept for the logs, except for a timeout, which says it all. */
      if (cases[i].expected != ALGA_API_ERROR_TIMEOUT)
        g_assert_nonnull (strstr (mapped->message, "cause"));
    }

  {
    g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
    g_autoptr(GError) mapped = alga_request_error_from_transport (cancelled);
    g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "x");
    g_autoptr(GError) tls_mapped = alga_request_error_from_transport (tls);

    g_assert_error (mapped, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_true (g_str_has_prefix (tls_mapped->message,
                                     "The server's certificate is not trusted"));
  }
}

static void
test_retry_after_parsing (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autofree char *http_date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");
  guint from_date;

  g_assert_cmpuint (alga_request_parse_retry_after (NULL), ==, 0);
  g_assert_cmpuint (alga_request_parse_retry_after ("7"), ==, 7);
  g_assert_cmpuint (alga_request_parse_retry_after (" 1"), ==, 1);
  g_assert_cmpuint (alga_request_parse_retry_after ("soon"), ==, 0);
  g_assert_cmpuint (alga_request_parse_retry_after ("-3"), ==, 0);

  from_date = alga_request_parse_retry_after (http_date);
  g_assert_cmpuint (from_date, >=, 115);
  g_assert_cmpuint (from_date, <=, 121);
}

/* Over loopback */

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
  /* Errors are the subject here, not retries. */
  alga_client_set_retry_policy (fixture->client, 1, 0);
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

/* Sends without a key: a fault answers before the server looks at keys, and the one
 * answer without a fault is the middleware's 401 for a missing key. */
static JsonNode *
request (Fixture     *fixture,
         const char  *method,
         const char  *path,
         JsonNode    *body,
         guint       *status,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_client_request_async (fixture->client, method, path, NULL, body, ALGA_REQUEST_NO_AUTH,
                             NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);

  return alga_client_request_finish_full (fixture->client, result, status, NULL, error);
}

static void
add_status_fault (Fixture    *fixture,
                  guint       status,
                  const char *body,
                  const char *content_type)
{
  AlgaTestFault fault = {
    .kind = ALGA_TEST_FAULT_STATUS,
    .status = status,
    .body = body,
    .content_type = content_type,
  };

  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/tickets", &fault);
}

static void
assert_fault_error (Fixture    *fixture,
                    int         code,
                    guint       expected_status,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  root = request (fixture, "GET", "/api/v1/tickets", NULL, &status, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, code);
  g_assert_cmpuint (status, ==, expected_status);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_server_object_form (Fixture       *fixture,
                         gconstpointer  data)
{
  add_status_fault (fixture, 400,
                    "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Validation failed\","
                    "\"details\":[{\"code\":\"custom\",\"path\":[\"service_id\"],"
                    "\"message\":\"service_id is required for time entries\"}]}}",
                    NULL);
  assert_fault_error (fixture, ALGA_API_ERROR_VALIDATION, 400,
                      "Validation failed: service_id: service_id is required for time entries");
}

static void
test_server_string_form (Fixture       *fixture,
                         gconstpointer  data)
{
  /* No fault: the server's own middleware answers a request without a key. */
  assert_fault_error (fixture, ALGA_API_ERROR_UNAUTHORIZED, 401, "Unauthorized: API key missing");
}

static void
test_server_html_404 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *html = alga_test_read_sample ("25_nonexistent.html", NULL);

  add_status_fault (fixture, 404, html, "text/html; charset=utf-8");
  assert_fault_error (fixture, ALGA_API_ERROR_NOT_FOUND, 404, "The server answered 404 Not Found");
}

static void
test_server_empty_405 (Fixture       *fixture,
                       gconstpointer  data)
{
  add_status_fault (fixture, 405, NULL, NULL);
  assert_fault_error (fixture, ALGA_API_ERROR_NOT_FOUND, 405,
                      "The server answered 405 Method Not Allowed");
}

static void
test_server_plain_text (Fixture       *fixture,
                        gconstpointer  data)
{
  add_status_fault (fixture, 404, "File not found", "text/plain;charset=UTF-8");
  assert_fault_error (fixture, ALGA_API_ERROR_NOT_FOUND, 404,
                      "The server answered 404 Not Found: File not found");
}

static void
test_server_non_json_200 (Fixture       *fixture,
                          gconstpointer  data)
{
  add_status_fault (fixture, 200, "<html><body>Sign in to the Wi-Fi</body></html>", "text/html");
  assert_fault_error (fixture, ALGA_API_ERROR_BAD_RESPONSE, 200, NULL);
}

static void
test_server_empty_200 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  add_status_fault (fixture, 200, NULL, NULL);
  root = request (fixture, "GET", "/api/v1/tickets", NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_NULL (root));
}

static void
test_server_truncated (Fixture       *fixture,
                       gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_TRUNCATE };

  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/mobile/auth/capabilities", &fault);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = NULL;

    root = request (fixture, "GET", "/api/v1/mobile/auth/capabilities", NULL, NULL, &error);
    g_assert_null (root);
    g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
  }
}

static void
test_server_dropped (Fixture       *fixture,
                     gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_DROP };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 1;

  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/mobile/auth/capabilities", &fault);
  root = request (fixture, "GET", "/api/v1/mobile/auth/capabilities", NULL, &status, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NETWORK);
  g_assert_cmpuint (status, ==, 0);
}

static void
test_server_huge_body (Fixture       *fixture,
                       gconstpointer  data)
{
  AlgaTestFault fault = {
    .kind = ALGA_TEST_FAULT_HUGE_BODY,
    .size = ALGA_CLIENT_MAX_BODY_SIZE + 1024 * 1024,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  alga_test_server_add_fault (fixture->server, NULL, "/api/v1/mobile/auth/capabilities", &fault);
  root = request (fixture, "GET", "/api/v1/mobile/auth/capabilities", NULL, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "32 MiB"));
}

static void
test_connection_refused (void)
{
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was just free: bound, then closed again, so nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = alga_client_new (url, &error);
  g_assert_no_error (error);
  alga_client_set_retry_policy (client, 1, 0);

  alga_client_request_async (client, "GET", "/api/v1/tickets", NULL, NULL, ALGA_REQUEST_DEFAULT,
                             NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);
  root = alga_client_request_finish (client, result, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NETWORK);
}

/* A self-signed certificate for 127.0.0.1, valid until 2126, made for this test only:
 * no system trusts it, which is the point. */
static const char untrusted_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUJBVD69Y9R+GQUihBPPL4FwcYHDAwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNTE4MTc0NFoYDzIxMjYxMTAx\n"
  "MTgxNzQ0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAAS1d9AaufzMxfHNX1jlne7E4vqydBc0xzLEOLVfhZsMDUN9mEEwrd/C\n"
  "GmSol9mzNhqejBRjH/5hSs6Psq6i0omZo2QwYjAdBgNVHQ4EFgQUSs6n2qwq6SQf\n"
  "OGor5RWlHxW3p9EwHwYDVR0jBBgwFoAUSs6n2qwq6SQfOGor5RWlHxW3p9EwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQDVTuchlyxquuN6uSQQ5Gv6D6l1y5dCL35I0sFt7wD1fgIgU/wc+F34h4Q+0/HH\n"
  "CU1fTEC5vyZu3zVY8tEEQ+3MEpM=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgzEWvv19cn3ziE7y6\n"
  "sZIEdyyxcSjJMutxrdhZS5zLInWhRANCAAS1d9AaufzMxfHNX1jlne7E4vqydBc0\n"
  "xzLEOLVfhZsMDUN9mEEwrd/CGmSol9mzNhqejBRjH/5hSs6Psq6i0omZ\n"
  "-----END PRIVATE KEY-----\n";

static void
on_tls_request_cb (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  guint *n_requests = user_data;

  (*n_requests)++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
test_untrusted_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  guint n_requests = 0;

  /* In a child process: the TLS backend is a module loaded at run time, and LeakSanitizer (gcc
   * 12) crashes at exit on the dynamic TLS of such modules. Leak checks are off in that child
   * only; AddressSanitizer still watches it. */
  if (!g_test_subprocess ())
    {
      g_autofree char *lsan_options = g_strdup (g_getenv ("LSAN_OPTIONS"));

      g_setenv ("LSAN_OPTIONS", "detect_leaks=0", TRUE);
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (lsan_options != NULL)
        g_setenv ("LSAN_OPTIONS", lsan_options, TRUE);
      else
        g_unsetenv ("LSAN_OPTIONS");
      g_test_trap_assert_passed ();
      return;
    }

  certificate = g_tls_certificate_new_from_pem (untrusted_pem, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_tls_request_cb, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = alga_client_new (url, &error);
  g_assert_no_error (error);
  alga_client_request_async (client, "GET", "/api/v1/tickets", NULL, NULL, ALGA_REQUEST_NO_AUTH,
                             NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);
  root = alga_client_request_finish (client, result, &error);

  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_TLS);
  g_assert_true (g_str_has_prefix (error->message, "The server's certificate is not trusted"));
  /* The handshake failed, so the request never reached the handler. */
  g_assert_cmpuint (n_requests, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client-errors/sample/object-validation", test_sample_object_validation);
  g_test_add_func ("/client-errors/sample/object-query-validation",
                   test_sample_object_query_validation);
  g_test_add_func ("/client-errors/sample/object-no-details", test_sample_object_no_details);
  g_test_add_func ("/client-errors/sample/string-form", test_sample_string_form);
  g_test_add_func ("/client-errors/sample/html-404", test_sample_html_404);
  g_test_add_func ("/client-errors/sample/empty-405", test_sample_empty_405);
  g_test_add_func ("/client-errors/sample/plain-text", test_sample_plain_text);
  g_test_add_func ("/client-errors/transport-mapping", test_transport_mapping);
  g_test_add_func ("/client-errors/retry-after", test_retry_after_parsing);
  g_test_add_func ("/client-errors/connection-refused", test_connection_refused);
  g_test_add_func ("/client-errors/untrusted-certificate", test_untrusted_certificate);

#define ADD(path, func) \
  g_test_add ("/client-errors/server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("object-form", test_server_object_form);
  ADD ("string-form", test_server_string_form);
  ADD ("html-404", test_server_html_404);
  ADD ("empty-405", test_server_empty_405);
  ADD ("plain-text", test_server_plain_text);
  ADD ("non-json-200", test_server_non_json_200);
  ADD ("empty-200", test_server_empty_200);
  ADD ("truncated", test_server_truncated);
  ADD ("dropped", test_server_dropped);
  ADD ("huge-body", test_server_huge_body);
#undef ADD

  return g_test_run ();
}
