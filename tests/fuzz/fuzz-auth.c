/* fuzz-auth.c: the sign-in answers, decoded where the app decodes them (alga-auth.c,
 * alga-session.c, alga-request.c), by serving each input over real HTTP on loopback:
 *
 *   first byte % 4 == 0: GET /mobile/auth/capabilities (alga_auth_check_capabilities_async)
 *                     1: POST /mobile/auth/exchange after a browser sign-in callback
 *                     2: POST /mobile/auth/refresh, which an expired session runs first
 *                     3: any request answered with the status of the second byte (200–599),
 *                        the body then read and decoded by the client or its error decoder
 *
 * The rest of the input is the answer body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include <libsoup/soup.h>

#include "fuzz-common.h"

#include "alga-auth.h"
#include "alga-error.h"
#include "alga-session.h"
#include "alga-test-utils.h"
#include "alga-token-store-memory.h"

#define REFRESH_PATH "/api/v1/mobile/auth/refresh"

static SoupServer *server;
static AlgaClient *client;
static char *server_url;

/* What the server answers to the request under test. */
static const uint8_t *answer;
static size_t answer_size;
static guint answer_status;

static void
on_request_cb (SoupServer        *soup_server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  gboolean refreshing = GPOINTER_TO_INT (user_data);

  /* While testing the refresh, the request it was run for gets a plain answer. */
  if (refreshing && !g_str_equal (path, REFRESH_PATH))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"data\": []}", 12);
      return;
    }

  soup_server_message_set_status (message, answer_status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    (const char *) answer, answer_size);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Lets what the call left behind (closing streams, store writes) run out. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == ALGA_API_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
fuzz_capabilities (void)
{
  g_autoptr(AlgaAuth) auth = alga_auth_new (client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaAuthCapabilities) caps = NULL;
  g_autoptr(AlgaAuthCapabilities) copy = NULL;
  g_autoptr(GError) error = NULL;

  alga_auth_check_capabilities_async (auth, NULL, alga_test_store_result_cb, &result);
  wait_for (&result);
  caps = alga_auth_check_capabilities_finish (auth, result, &error);
  if (caps == NULL)
    {
      check_error (error);
      return;
    }

  copy = alga_auth_capabilities_copy (caps);
  for (guint i = 0; caps->hosted_domain_allowlist != NULL && caps->hosted_domain_allowlist[i]; i++)
    g_assert_cmpstr (copy->hosted_domain_allowlist[i], ==, caps->hosted_domain_allowlist[i]);
}

static void
fuzz_exchange (void)
{
  g_autoptr(AlgaAuth) auth = alga_auth_new (client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) handoff = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *url = NULL;
  g_autofree char *callback = NULL;

  url = alga_auth_begin_browser_sign_in (auth, &error);
  g_assert_no_error (error);
  handoff = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, &error);
  g_assert_no_error (error);
  params = g_uri_parse_params (g_uri_get_query (handoff), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  callback = g_strdup_printf ("alga://auth/callback?ott=fuzz-ott&state=%s",
                              (const char *) g_hash_table_lookup (params, "state"));

  alga_auth_complete_browser_sign_in_async (auth, callback, NULL, NULL,
                                            alga_test_store_result_cb, &result);
  wait_for (&result);
  bundle = alga_auth_complete_browser_sign_in_finish (auth, result, &error);
  if (bundle == NULL)
    {
      check_error (error);
      return;
    }

  g_assert_cmpstr (alga_token_bundle_get_server_url (bundle), ==, server_url);
  g_assert_nonnull (alga_token_bundle_get_user_id (bundle));
  g_assert_nonnull (alga_token_bundle_get_access_key (bundle));
  g_assert_true (alga_token_bundle_can_refresh (bundle));
}

static void
fuzz_refresh (void)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaSession) session = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expired = g_date_time_add_hours (now, -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  bundle = alga_token_bundle_new (server_url, "user-1", "tech@example.com", "Tech", "tenant-1",
                                  "old-access", "old-refresh", expired);
  session = alga_session_new (client, store, bundle);
  alga_client_set_credentials (client, ALGA_CREDENTIALS (session));

  alga_client_request_async (client, "GET", "/api/v1/tickets", NULL, NULL, ALGA_REQUEST_DEFAULT,
                             NULL, alga_test_store_result_cb, &result);
  wait_for (&result);
  root = alga_client_request_finish (client, result, &error);
  if (root == NULL)
    check_error (error);
  else
    g_assert_true (alga_session_get_is_signed_in (session));

  alga_client_set_credentials (client, NULL);
  settle ();
}

static void
fuzz_any_answer (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  alga_client_request_async (client, "GET", "/api/v1/tickets", NULL, NULL,
                             ALGA_REQUEST_NO_AUTH | ALGA_REQUEST_NO_RETRY, NULL,
                             alga_test_store_result_cb, &result);
  wait_for (&result);
  root = alga_client_request_finish_full (client, result, &status, NULL, &error);
  g_assert_cmpuint (status, ==, answer_status);
  if (root == NULL)
    check_error (error);
  else
    g_assert_cmpuint (answer_status, <, 300);
}

/* libsoup 3.2's SoupServer never closes some connections the client gave up on (they stay in
 * CLOSE_WAIT), so a long run ran out of file descriptors after ~60,000 inputs. A fresh server
 * (and client) every few thousand inputs keeps the count bounded; the app runs no server. */
#define INPUTS_PER_SERVER 2000

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (server != NULL)
    {
      soup_server_disconnect (server);
      g_clear_object (&server);
    }
  g_clear_object (&client);
  g_clear_pointer (&server_url, g_free);

  server = soup_server_new (NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  server_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = alga_client_new (server_url, &error);
  g_assert_no_error (error);
  /* One attempt: a retry would only serve the same bytes again, after a delay. */
  alga_client_set_retry_policy (client, 1, 0);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  alga_fuzz_init ();
  start_server ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static guint inputs;
  guint mode;

  if (size < 2)
    return 0;

  if (++inputs % INPUTS_PER_SERVER == 0)
    {
      settle ();
      start_server ();
    }

  mode = data[0] % 4;
  answer_status = mode == 3 ? 200 + data[1] % 400 : SOUP_STATUS_OK;
  /* A 429 makes the client wait for Retry-After (a second at least): fuzzing would crawl. The
   * client's handling of it has its own tests. */
  if (answer_status == 429)
    answer_status = 428;
  answer = data + 2;
  answer_size = size - 2;

  soup_server_remove_handler (server, NULL);
  soup_server_add_handler (server, NULL, on_request_cb, GINT_TO_POINTER (mode == 2), NULL);

  switch (mode)
    {
    case 0:
      fuzz_capabilities ();
      break;
    case 1:
      fuzz_exchange ();
      break;
    case 2:
      fuzz_refresh ();
      break;
    default:
      fuzz_any_answer ();
      break;
    }

  settle ();
  return 0;
}
