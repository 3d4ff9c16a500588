/* test-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transport security: a server whose certificate no system trusts is refused
 * with a sentence that says so, before any request reaches it; nothing in the app switches
 * certificate checks off; plain http to anything but loopback is refused before a byte is sent,
 * and a loopback server cannot redirect the key to such a host either.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "alga-client.h"
#include "alga-error.h"
#include "alga-test-utils.h"

/* A self-signed certificate for 127.0.0.1, valid until 2126, made for tests only (the same as
 * test-client-errors.c): no system trusts it, which is the point. */
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

/* The TLS backend is a module loaded at run time, and LeakSanitizer (gcc 12) crashes at exit on
 * the dynamic TLS of such modules; so the tests that load it run in a child without leak checks
 * (AddressSanitizer still watches it). Returns TRUE in the child, which then runs the test. */
static gboolean
run_in_child (void)
{
  g_autofree char *lsan_options = NULL;

  if (g_test_subprocess ())
    return TRUE;

  lsan_options = g_strdup (g_getenv ("LSAN_OPTIONS"));
  g_setenv ("LSAN_OPTIONS", "detect_leaks=0", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (lsan_options != NULL)
    g_setenv ("LSAN_OPTIONS", lsan_options, TRUE);
  else
    g_unsetenv ("LSAN_OPTIONS");
  g_test_trap_assert_passed ();
  return FALSE;
}

static void
count_request_cb (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  guint *n_requests = user_data;

  (*n_requests)++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"data\": []}", 12);
}

static char *
server_url (SoupServer *server,
            const char *scheme)
{
  GSList *uris = soup_server_get_uris (server);
  char *url = g_strdup_printf ("%s://127.0.0.1:%d", scheme, g_uri_get_port (uris->data));

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

/* What the app's own session did with each message, seen from the outside. */
typedef struct
{
  GPtrArray *messages;
  guint      n_handshakes;
  guint      n_accept_handlers;
} Watch;

static void
on_network_event_cb (SoupMessage        *message,
                     GSocketClientEvent  event,
                     GIOStream          *connection,
                     gpointer            user_data)
{
  Watch *watch = user_data;
  guint signal_id = g_signal_lookup ("accept-certificate", SOUP_TYPE_MESSAGE);

  if (event != G_SOCKET_CLIENT_TLS_HANDSHAKING)
    return;

  /* By the handshake, whatever the app connects to the message is connected: a handler of
   * accept-certificate is how a libsoup 3 user overrides a failed verification. */
  watch->n_handshakes++;
  if (g_signal_has_handler_pending (message, signal_id, 0, FALSE))
    watch->n_accept_handlers++;
}

static void
on_request_queued_cb (SoupSession *session,
                      SoupMessage *message,
                      gpointer     user_data)
{
  Watch *watch = user_data;

  g_ptr_array_add (watch->messages, g_object_ref (message));
  g_signal_connect (message, "network-event", G_CALLBACK (on_network_event_cb), watch);
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
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *url = NULL;
  Watch watch = { messages, 0, 0 };
  guint n_requests = 0;

  if (!run_in_child ())
    return;

  certificate = g_tls_certificate_new_from_pem (untrusted_pem, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, count_request_cb, &n_requests, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  url = server_url (server, "https");

  client = alga_client_new (url, &error);
  g_assert_no_error (error);
  /* A GET is retried on network errors; a refused certificate must not be one of them. */
  alga_client_set_retry_policy (client, 3, 10);
  g_signal_connect (alga_client_get_session (client), "request-queued",
                    G_CALLBACK (on_request_queued_cb), &watch);

  alga_client_request_async (client, "GET", "/api/v1/tickets", NULL, NULL, ALGA_REQUEST_NO_AUTH,
                             NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);
  root = alga_client_request_finish (client, result, &error);

  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_TLS);
  g_assert_true (g_str_has_prefix (error->message, "The server's certificate is not trusted"));

  /* The handshake failed, so nothing reached the handler, and it was tried once. */
  g_assert_cmpuint (n_requests, ==, 0);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpuint (watch.n_handshakes, ==, 1);
  g_assert_cmpuint (watch.n_accept_handlers, ==, 0);
  /* Refused for the reason it should be: no authority vouches for the certificate. */
  g_assert_true (soup_message_get_tls_peer_certificate_errors (g_ptr_array_index (messages, 0))
                 & G_TLS_CERTIFICATE_UNKNOWN_CA);

  g_signal_handlers_disconnect_by_data (alga_client_get_session (client), &watch);
  for (guint i = 0; i < messages->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (messages, i), &watch);
}

static void
test_default_verification (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(GTlsDatabase) system_database = NULL;
  GTlsDatabase *database;
  SoupSession *session;

  if (!run_in_child ())
    return;

  client = alga_client_new ("https://psa.example.com", &error);
  g_assert_no_error (error);
  session = alga_client_get_session (client);

  /* The system's trust store, not one of the app's making or none at all. */
  system_database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_assert_nonnull (system_database);
  database = soup_session_get_tls_database (session);
  g_assert_true (database == system_database);

  /* No interaction that could answer a certificate question for the technician. */
  g_assert_null (soup_session_get_tls_interaction (session));
}

/* The words by which libsoup 3 and GIO let a program accept a certificate that failed
 * verification, or choose its own trust store. None of them belongs in the app. */
static const char * const verification_switches[] = {
  "accept-certificate",
  "accept_certificate",
  "tls-database",
  "tls_database",
  "tls-interaction",
  "tls_interaction",
  "validation-flags",
  "validation_flags",
  "G_TLS_CERTIFICATE_VALIDATE",
  "GNUTLS",
  "SSL_CERT",
  "ssl-strict",
};

static void
scan_directory (const char *path,
                guint      *n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          scan_directory (child, n_files);
          continue;
        }
      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".h")
          && !g_str_has_suffix (name, ".ui"))
        continue;

      g_file_get_contents (child, &contents, NULL, &error);
      g_assert_no_error (error);
      (*n_files)++;

      for (guint i = 0; i < G_N_ELEMENTS (verification_switches); i++)
        {
          if (strstr (contents, verification_switches[i]) != NULL)
            g_error ("%s mentions %s: nothing may weaken certificate checks",
                     child, verification_switches[i]);
        }
    }
}

static void
test_no_verification_switch (void)
{
  const char *root = g_getenv ("ALGA_SOURCE_ROOT");
  g_autofree char *src = NULL;
  guint n_files = 0;

  g_assert_nonnull (root);
  src = g_build_filename (root, "src", NULL);
  scan_directory (src, &n_files);

  /* The whole of src/ was read, not an empty or wrong directory. */
  g_assert_cmpuint (n_files, >, 20);
}

static void
test_plain_http_refused (void)
{
  const char * const refused[] = {
    "http://example.com",
    "HTTP://EXAMPLE.COM:80",
    "http://psa.example.com:8080",
    "http://localhost.example.com",
    "http://127.0.0.1.example.com",
    "http://localhost@example.com",
    "http://10.0.0.1",
    "http://192.168.1.10:3000",
    "http://[fe80::1]",
    "http://2130706433",
    "http://0x7f000001",
  };
  const char * const accepted[] = {
    "http://127.0.0.1:3000",
    "http://127.1.2.3",
    "http://localhost:8080",
    "http://[::1]:3000",
    "https://example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlgaClient) client = alga_client_new (refused[i], &error);

      g_test_message ("%s", refused[i]);
      /* No client, so no request can ever be made for the address. */
      g_assert_null (client);
      g_assert_nonnull (error);
      g_assert_true (error->domain == ALGA_API_ERROR);
      g_assert_true (error->code == ALGA_API_ERROR_INSECURE
                     || error->code == ALGA_API_ERROR_INVALID_INPUT);
      if (error->code == ALGA_API_ERROR_INSECURE)
        g_assert_nonnull (strstr (error->message, "https://"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlgaClient) client = alga_client_new (accepted[i], &error);

      g_test_message ("%s", accepted[i]);
      g_assert_no_error (error);
      g_assert_nonnull (client);
    }
}

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           user_data)
{
  guint *n_connections = user_data;

  (*n_connections)++;
  return FALSE;
}

/* A listener on every address, reached through this machine's own name: plain http to it is
 * plain http to a name that is not loopback, whatever it resolves to. */
static GSocketService *
listen_everywhere (guint   *n_connections,
                   guint16 *port)
{
  g_autoptr(GError) error = NULL;
  GSocketService *service = g_socket_service_new ();

  *port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming_cb), n_connections);
  g_socket_service_start (service);
  return service;
}

static void
test_plain_http_by_name_sends_nothing (void)
{
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaClient) client = NULL;
  g_autofree char *url = NULL;
  guint n_connections = 0;
  guint16 port;

  if (g_str_equal (g_get_host_name (), "localhost"))
    {
      g_test_skip ("This machine's name is localhost");
      return;
    }

  service = listen_everywhere (&n_connections, &port);
  url = g_strdup_printf ("http://%s:%u", g_get_host_name (), port);

  client = alga_client_new (url, &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INSECURE);
  g_assert_null (client);

  /* A fixed time on purpose: no connection is made in it. */
  alga_test_spin (100);
  g_assert_cmpuint (n_connections, ==, 0);
  g_socket_service_stop (service);
}

typedef struct
{
  char  *location;
  guint  n_requests;
} Redirector;

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Redirector *redirector = user_data;

  redirector->n_requests++;
  soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, redirector->location);
}

/* The API never redirects, so a server that does is not followed: the key would travel to
 * wherever it points, in the clear here. */
static void
test_redirect_to_plain_http_not_followed (void)
{
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Redirector redirector = { NULL, 0 };
  guint n_connections = 0;
  guint16 port;

  service = listen_everywhere (&n_connections, &port);
  redirector.location = g_strdup_printf ("http://%s:%u/api/v1/tickets",
                                         g_get_host_name (), port);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, redirect_cb, &redirector, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  url = server_url (server, "http");

  client = alga_client_new (url, &error);
  g_assert_no_error (error);
  alga_client_set_retry_policy (client, 1, 0);
  alga_client_request_async (client, "GET", "/api/v1/tickets", NULL, NULL, ALGA_REQUEST_NO_AUTH,
                             NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);
  root = alga_client_request_finish (client, result, &error);

  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (redirector.n_requests, ==, 1);

  /* A fixed time on purpose: no connection is made in it. */
  alga_test_spin (100);
  g_assert_cmpuint (n_connections, ==, 0);

  g_socket_service_stop (service);
  g_free (redirector.location);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transport/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/transport/default-verification", test_default_verification);
  g_test_add_func ("/transport/no-verification-switch", test_no_verification_switch);
  g_test_add_func ("/transport/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/transport/plain-http-by-name-sends-nothing",
                   test_plain_http_by_name_sends_nothing);
  g_test_add_func ("/transport/redirect-to-plain-http-not-followed",
                   test_redirect_to_plain_http_not_followed);

  return g_test_run ();
}
