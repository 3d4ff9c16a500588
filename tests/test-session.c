/* test-session.c: AlgaSession against the test server: refresh ahead of expiry and after a
 * 401, one refresh for many requests, rotation kept in the store, the end of a session (once),
 * sign-out and restore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "alga-auth.h"
#include "alga-error.h"
#include "alga-session.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-token-store-memory.h"

#define REFRESH_PATH "/api/v1/mobile/auth/refresh"
#define REVOKE_PATH  "/api/v1/mobile/auth/revoke"
#define TICKETS_PATH "/api/v1/tickets"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaTokenStore *store;
  AlgaSession    *session;
  guint           n_ended;
  GError         *ended_error;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->store = alga_token_store_memory_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* The store calls of an ending session hold it, the client and the store until they finish. */
  if (fixture->session != NULL)
    alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->session), 30000);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->client), 30000);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->store), 30000);
  g_clear_error (&fixture->ended_error);
  alga_test_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

static void
on_session_ended_cb (AlgaSession  *session,
                     const GError *error,
                     Fixture      *fixture)
{
  fixture->n_ended++;
  g_clear_error (&fixture->ended_error);
  if (error != NULL)
    fixture->ended_error = g_error_copy (error);
}

static void
browser_follow (SoupSession  *session,
                const char   *url,
                char        **location)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  *location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                      "Location"));
}

/* A real browser sign-in through the server's hand-off. */
static AlgaTokenBundle *
sign_in (Fixture *fixture)
{
  g_autoptr(AlgaAuth) auth = alga_auth_new (fixture->client);
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *handoff = NULL;
  g_autofree char *callback = NULL;
  AlgaTokenBundle *bundle;

  url = alga_auth_begin_browser_sign_in (auth, &error);
  g_assert_no_error (error);
  browser_follow (browser, url, &handoff);
  browser_follow (browser, handoff, &callback);

  alga_auth_complete_browser_sign_in_async (auth, callback, NULL, NULL,
                                            alga_test_store_result_cb, &result);
  bundle = alga_auth_complete_browser_sign_in_finish (auth,
                                                      alga_test_wait_for_result (&result, 10000),
                                                      &error);
  g_assert_no_error (error);

  return bundle;
}

static void
start_session (Fixture         *fixture,
               AlgaTokenBundle *bundle)
{
  fixture->session = alga_session_new (fixture->client, fixture->store, bundle);
  g_signal_connect (fixture->session, "ended", G_CALLBACK (on_session_ended_cb), fixture);
}

static JsonNode *
list_tickets (Fixture  *fixture,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_client_request_async (fixture->client, "GET", TICKETS_PATH, "limit=1", NULL,
                             ALGA_REQUEST_DEFAULT, NULL, alga_test_store_result_cb, &result);
  return alga_client_request_finish (fixture->client, alga_test_wait_for_result (&result, 20000),
                                     error);
}

static AlgaTokenBundle *
stored_bundle (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTokenBundle *bundle;

  alga_token_store_load_async (fixture->store, NULL, NULL, alga_test_store_result_cb, &result);
  bundle = alga_token_store_load_finish (fixture->store, alga_test_wait_for_result (&result, 5000),
                                         &error);
  g_assert_no_error (error);

  return bundle;
}

static void
save_session (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_session_save_async (fixture->session, NULL, alga_test_store_result_cb, &result);
  g_assert_true (alga_session_save_finish (fixture->session,
                                           alga_test_wait_for_result (&result, 5000), &error));
  g_assert_no_error (error);
}

/* Straight to the server, past the client: what does it say to this key or token? */
static guint
direct_status (Fixture    *fixture,
               const char *method,
               const char *path,
               const char *api_key,
               const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (alga_test_server_get_url (fixture->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (api_key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key", api_key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  return soup_message_get_status (msg);
}

static guint
direct_refresh_status (Fixture    *fixture,
                       const char *refresh_token)
{
  g_autofree char *body = g_strdup_printf ("{\"refreshToken\":\"%s\"}", refresh_token);

  return direct_status (fixture, "POST", REFRESH_PATH, NULL, body);
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = sign_in (fixture);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *email = NULL;
  g_autofree char *server_url = NULL;
  g_autofree char *tenant_id = NULL;
  gboolean signed_in = FALSE;
  AlgaTestRequest *last;

  start_session (fixture, bundle);

  g_object_get (fixture->session,
                "user-id", &user_id,
                "user-email", &email,
                "server-url", &server_url,
                "tenant-id", &tenant_id,
                "is-signed-in", &signed_in,
                NULL);
  g_assert_cmpstr (user_id, ==, alga_test_server_get_user_id (fixture->server));
  g_assert_cmpstr (email, ==, alga_test_server_get_user_email (fixture->server));
  g_assert_cmpstr (server_url, ==, alga_test_server_get_url (fixture->server));
  g_assert_cmpstr (tenant_id, ==, alga_test_server_get_tenant_id (fixture->server));
  g_assert_true (signed_in);
  g_assert_nonnull (alga_session_get_user_name (fixture->session));
  g_assert_false (alga_credentials_needs_refresh (ALGA_CREDENTIALS (fixture->session)));

  /* The session is the client's credentials: its key and tenant go with each request. */
  alga_test_server_clear_requests (fixture->server);
  root = list_tickets (fixture, &error);
  g_assert_no_error (error);
  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 1);
  last = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (last->api_key, ==, alga_token_bundle_get_access_key (bundle));
  g_assert_cmpstr (last->tenant_id, ==, alga_test_server_get_tenant_id (fixture->server));
  g_assert_cmpuint (fixture->n_ended, ==, 0);
}

/* With an access key that lives 61 s, the key is within the 60 s margin after a second: the
 * next request renews it first, once, and the stored bundle holds the new pair. */
static void
test_refresh_on_expiry (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaTokenBundle) current = NULL;
  g_autoptr(AlgaTokenBundle) stored = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  AlgaTestRequest *first;
  AlgaTestRequest *second;

  alga_test_server_set_token_ttls (fixture->server, 61, 2592000, 60);
  bundle = sign_in (fixture);
  start_session (fixture, bundle);
  save_session (fixture);
  alga_test_server_set_token_ttls (fixture->server, 28800, 2592000, 60);

  alga_test_wait_until (alga_credentials_needs_refresh (ALGA_CREDENTIALS (fixture->session)),
                        5000);
  alga_test_server_clear_requests (fixture->server);

  root = list_tickets (fixture, &error);
  g_assert_no_error (error);

  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 2);
  first = g_ptr_array_index (requests, 0);
  second = g_ptr_array_index (requests, 1);
  g_assert_cmpstr (first->path, ==, REFRESH_PATH);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (second->path, ==, TICKETS_PATH);
  g_assert_cmpuint (second->status, ==, 200);

  current = alga_session_dup_bundle (fixture->session);
  g_assert_cmpstr (second->api_key, ==, alga_token_bundle_get_access_key (current));
  g_assert_cmpstr (alga_token_bundle_get_access_key (current), !=,
                   alga_token_bundle_get_access_key (bundle));
  g_assert_false (alga_credentials_needs_refresh (ALGA_CREDENTIALS (fixture->session)));

  stored = stored_bundle (fixture);
  g_assert_cmpstr (alga_token_bundle_get_access_key (stored), ==,
                   alga_token_bundle_get_access_key (current));
  g_assert_cmpstr (alga_token_bundle_get_refresh_token (stored), ==,
                   alga_token_bundle_get_refresh_token (current));
  g_assert_cmpuint (fixture->n_ended, ==, 0);
}

static void
test_refresh_after_401 (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = sign_in (fixture);
  g_autoptr(AlgaTokenBundle) current = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 401, .times = 1,
                          .body = "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Invalid API key\"}}" };

  start_session (fixture, bundle);
  alga_test_server_add_fault (fixture->server, "GET", TICKETS_PATH, &fault);
  alga_test_server_clear_requests (fixture->server);

  root = list_tickets (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", REFRESH_PATH), ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", TICKETS_PATH), ==, 2);
  current = alga_session_dup_bundle (fixture->session);
  g_assert_cmpstr (alga_token_bundle_get_access_key (current), !=,
                   alga_token_bundle_get_access_key (bundle));
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *n_ok = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  g_assert_no_error (error);
  (*n_ok)++;
}

static guint n_failed_lists;

static void
list_failed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  g_assert_null (root);
  g_assert_true (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED)
                 || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED));
  n_failed_lists++;
}

/* Twenty requests at once with an access key the server no longer takes (it expired, but the
 * session does not know): twenty 401s, exactly one refresh, then twenty answers. */
static void
test_single_flight (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaTokenBundle) unaware = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 8);
  g_autoptr(AlgaTokenBundle) current = NULL;
  g_autoptr(AlgaTokenBundle) stored = NULL;
  guint n_ok = 0;

  alga_test_server_set_token_ttls (fixture->server, 1, 2592000, 60);
  bundle = sign_in (fixture);
  alga_test_server_set_token_ttls (fixture->server, 28800, 2592000, 60);
  unaware = alga_token_bundle_rotate (bundle, alga_token_bundle_get_access_key (bundle),
                                      alga_token_bundle_get_refresh_token (bundle), later);
  start_session (fixture, unaware);

  /* Past the key's real expiry (a fixed time on purpose: it is the key's age that matters). */
  g_usleep (1500 * 1000);
  alga_test_server_clear_requests (fixture->server);

  for (guint i = 0; i < 20; i++)
    alga_client_request_async (fixture->client, "GET", TICKETS_PATH, "limit=1", NULL,
                               ALGA_REQUEST_DEFAULT, NULL, list_done_cb, &n_ok);
  alga_test_wait_until (n_ok == 20, 30000);

  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", REFRESH_PATH), ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", TICKETS_PATH), ==, 40);

  current = alga_session_dup_bundle (fixture->session);
  stored = stored_bundle (fixture);
  g_assert_nonnull (stored);
  g_assert_cmpstr (alga_token_bundle_get_access_key (stored), ==,
                   alga_token_bundle_get_access_key (current));
  g_assert_cmpuint (fixture->n_ended, ==, 0);
}

/* After a rotation the old pair is dead on the server; only the new one works. */
static void
test_rotation (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = sign_in (fixture);
  g_autoptr(AlgaTokenBundle) current = NULL;
  g_autoptr(AlgaTokenBundle) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  start_session (fixture, bundle);
  g_assert_cmpuint (direct_status (fixture, "GET", "/api/v1/tickets?limit=1",
                                   alga_token_bundle_get_access_key (bundle), NULL), ==, 200);

  /* As the client does after a 401 with the current key. */
  alga_credentials_refresh_async (ALGA_CREDENTIALS (fixture->session),
                                  alga_token_bundle_get_access_key (bundle), NULL,
                                  alga_test_store_result_cb, &result);
  g_assert_true (alga_credentials_refresh_finish (ALGA_CREDENTIALS (fixture->session),
                                                  alga_test_wait_for_result (&result, 10000),
                                                  &error));
  g_assert_no_error (error);

  current = alga_session_dup_bundle (fixture->session);
  g_assert_cmpstr (alga_token_bundle_get_refresh_token (current), !=,
                   alga_token_bundle_get_refresh_token (bundle));

  /* Stored before use. */
  stored = stored_bundle (fixture);
  g_assert_cmpstr (alga_token_bundle_get_access_key (stored), ==,
                   alga_token_bundle_get_access_key (current));
  g_assert_cmpstr (alga_token_bundle_get_refresh_token (stored), ==,
                   alga_token_bundle_get_refresh_token (current));

  g_assert_cmpuint (direct_status (fixture, "GET", "/api/v1/tickets?limit=1",
                                   alga_token_bundle_get_access_key (bundle), NULL), ==, 401);
  g_assert_cmpuint (direct_refresh_status (fixture, alga_token_bundle_get_refresh_token (bundle)),
                    ==, 401);
  g_assert_cmpuint (direct_status (fixture, "GET", "/api/v1/tickets?limit=1",
                                   alga_token_bundle_get_access_key (current), NULL), ==, 200);

  /* A caller whose refused key is the old one is answered at once: someone refreshed. */
  g_clear_object (&result);
  alga_test_server_clear_requests (fixture->server);
  alga_credentials_refresh_async (ALGA_CREDENTIALS (fixture->session),
                                  alga_token_bundle_get_access_key (bundle), NULL,
                                  alga_test_store_result_cb, &result);
  g_assert_true (alga_credentials_refresh_finish (ALGA_CREDENTIALS (fixture->session),
                                                  alga_test_wait_for_result (&result, 10000),
                                                  &error));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", REFRESH_PATH), ==, 0);
}

/* The server stops taking the refresh token: the session ends, once, and does not loop. */
static void
test_rejected_refresh (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = sign_in (fixture);
  g_autoptr(AlgaTokenBundle) stored = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  guint n_ok = 0;

  start_session (fixture, bundle);
  save_session (fixture);

  /* Signed out elsewhere: revoking kills the refresh token and its access key. */
  body = g_strdup_printf ("{\"refreshToken\":\"%s\"}", alga_token_bundle_get_refresh_token (bundle));
  g_assert_cmpuint (direct_status (fixture, "POST", REVOKE_PATH, NULL, body), ==, 200);
  alga_test_server_clear_requests (fixture->server);

  n_failed_lists = 0;
  for (guint i = 0; i < 5; i++)
    alga_client_request_async (fixture->client, "GET", TICKETS_PATH, "limit=1", NULL,
                               ALGA_REQUEST_DEFAULT, NULL, list_failed_cb, &n_ok);
  alga_test_wait_until (n_failed_lists == 5, 20000);

  g_assert_cmpuint (fixture->n_ended, ==, 1);
  g_assert_error (fixture->ended_error, ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED);
  g_assert_false (alga_session_get_is_signed_in (fixture->session));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", REFRESH_PATH), ==, 1);

  /* The store forgot the account. */
  alga_test_wait_until (alga_token_store_memory_get_count (ALGA_TOKEN_STORE_MEMORY (fixture->store))
                        == 0, 5000);
  stored = stored_bundle (fixture);
  g_assert_null (stored);

  /* Later requests fail without another refresh or another `ended`. */
  root = list_tickets (fixture, &error);
  g_assert_null (root);
  g_assert_nonnull (error);
  /* A fixed time on purpose: no other refresh leaves in it. */
  alga_test_spin (100);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", REFRESH_PATH), ==, 1);
  g_assert_cmpuint (fixture->n_ended, ==, 1);
}

/* A pasted key cannot be renewed: refused means the session is over, without a refresh. */
static void
test_pasted_key (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  bundle = alga_token_bundle_new (alga_test_server_get_url (fixture->server),
                                  alga_test_server_get_user_id (fixture->server),
                                  alga_test_server_get_user_email (fixture->server), NULL, NULL,
                                  alga_test_server_get_api_key (fixture->server), NULL, NULL);
  start_session (fixture, bundle);
  g_assert_false (alga_credentials_needs_refresh (ALGA_CREDENTIALS (fixture->session)));

  root = list_tickets (fixture, &error);
  g_assert_no_error (error);

  alga_credentials_refresh_async (ALGA_CREDENTIALS (fixture->session),
                                  alga_test_server_get_api_key (fixture->server), NULL,
                                  alga_test_store_result_cb, &result);
  g_assert_false (alga_credentials_refresh_finish (ALGA_CREDENTIALS (fixture->session),
                                                   alga_test_wait_for_result (&result, 5000),
                                                   &error));
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED);
  g_assert_cmpuint (fixture->n_ended, ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", REFRESH_PATH), ==, 0);
}

static void
test_sign_out (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = sign_in (fixture);
  g_autoptr(AlgaTokenBundle) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  start_session (fixture, bundle);
  save_session (fixture);
  g_assert_cmpuint (alga_token_store_memory_get_count (ALGA_TOKEN_STORE_MEMORY (fixture->store)),
                    ==, 1);

  alga_session_sign_out_async (fixture->session, NULL, alga_test_store_result_cb, &result);
  g_assert_true (alga_session_sign_out_finish (fixture->session,
                                               alga_test_wait_for_result (&result, 10000),
                                               &error));
  g_assert_no_error (error);

  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", REVOKE_PATH), ==, 1);
  g_assert_cmpuint (direct_refresh_status (fixture, alga_token_bundle_get_refresh_token (bundle)),
                    ==, 401);
  g_assert_cmpuint (direct_status (fixture, "GET", "/api/v1/tickets?limit=1",
                                   alga_token_bundle_get_access_key (bundle), NULL), ==, 401);

  stored = stored_bundle (fixture);
  g_assert_null (stored);
  g_assert_cmpuint (fixture->n_ended, ==, 1);
  g_assert_null (fixture->ended_error);
  g_assert_false (alga_session_get_is_signed_in (fixture->session));
  g_assert_null (alga_credentials_dup_access_key (ALGA_CREDENTIALS (fixture->session)));

  /* The revoke request carried the token in its body only, never a key header. */
  requests = alga_test_server_dup_requests (fixture->server);
  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->path, REVOKE_PATH))
        g_assert_null (request->api_key);
    }
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaSession) restored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* Nothing kept: no session and no error. */
  alga_session_restore_async (fixture->client, fixture->store, NULL, alga_test_store_result_cb,
                              &result);
  restored = alga_session_restore_finish (alga_test_wait_for_result (&result, 5000), &error);
  g_assert_no_error (error);
  g_assert_null (restored);
  g_clear_object (&result);

  bundle = sign_in (fixture);
  start_session (fixture, bundle);
  save_session (fixture);
  g_clear_object (&fixture->session);

  alga_session_restore_async (fixture->client, fixture->store, NULL, alga_test_store_result_cb,
                              &result);
  fixture->session = alga_session_restore_finish (alga_test_wait_for_result (&result, 5000),
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->session);
  g_assert_cmpstr (alga_session_get_user_id (fixture->session), ==,
                   alga_test_server_get_user_id (fixture->server));

  root = list_tickets (fixture, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/session/properties", test_properties);
  ADD ("/session/refresh-on-expiry", test_refresh_on_expiry);
  ADD ("/session/refresh-after-401", test_refresh_after_401);
  ADD ("/session/single-flight", test_single_flight);
  ADD ("/session/rotation", test_rotation);
  ADD ("/session/rejected-refresh", test_rejected_refresh);
  ADD ("/session/pasted-key", test_pasted_key);
  ADD ("/session/sign-out", test_sign_out);
  ADD ("/session/restore", test_restore);

#undef ADD

  return g_test_run ();
}
