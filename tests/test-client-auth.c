/* test-client-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaClient and its credentials: refresh ahead of expiry, 401 → refresh → one replay with the
 * new key, a second 401, a refused refresh.
 */

#include "config.h"

#include "alga-client.h"
#include "alga-error.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

#define BOGUS_KEY "0000000000000000000000000000000000000000000000000000000000000000"

/* Credentials whose refresh swaps in a next key (or fails), counting refreshes. */

#define TEST_TYPE_CREDENTIALS (test_credentials_get_type ())
G_DECLARE_FINAL_TYPE (TestCredentials, test_credentials, TEST, CREDENTIALS, GObject)

struct _TestCredentials
{
  GObject   parent_instance;
  char     *key;
  char     *next_key;
  char     *tenant_id;
  char     *last_rejected_key;
  gboolean  needs_refresh;
  gboolean  fail_refresh;
  guint     n_refreshes;
  guint     n_ahead;
};

static void test_credentials_iface_init (AlgaCredentialsInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCredentials, test_credentials, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ALGA_TYPE_CREDENTIALS,
                                                      test_credentials_iface_init))

static char *
test_credentials_dup_access_key (AlgaCredentials *credentials)
{
  return g_strdup (TEST_CREDENTIALS (credentials)->key);
}

static char *
test_credentials_dup_tenant_id (AlgaCredentials *credentials)
{
  return g_strdup (TEST_CREDENTIALS (credentials)->tenant_id);
}

static gboolean
test_credentials_needs_refresh (AlgaCredentials *credentials)
{
  return TEST_CREDENTIALS (credentials)->needs_refresh;
}

static void
test_credentials_refresh_async (AlgaCredentials     *credentials,
                                const char          *rejected_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TestCredentials *self = TEST_CREDENTIALS (credentials);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->n_refreshes++;
  g_free (self->last_rejected_key);
  self->last_rejected_key = g_strdup (rejected_key);

  if (rejected_key == NULL)
    self->n_ahead++;

  /* Someone else already refreshed: the caller just tries again with the current key. */
  if (rejected_key != NULL && g_strcmp0 (rejected_key, self->key) != 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->fail_refresh)
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED,
                               "The session has ended");
      return;
    }

  g_free (self->key);
  self->key = g_strdup (self->next_key);
  self->needs_refresh = FALSE;
  g_task_return_boolean (task, TRUE);
}

static gboolean
test_credentials_refresh_finish (AlgaCredentials  *credentials,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_credentials_iface_init (AlgaCredentialsInterface *iface)
{
  iface->dup_access_key = test_credentials_dup_access_key;
  iface->dup_tenant_id = test_credentials_dup_tenant_id;
  iface->needs_refresh = test_credentials_needs_refresh;
  iface->refresh_async = test_credentials_refresh_async;
  iface->refresh_finish = test_credentials_refresh_finish;
}

static void
test_credentials_finalize (GObject *object)
{
  TestCredentials *self = TEST_CREDENTIALS (object);

  g_free (self->key);
  g_free (self->next_key);
  g_free (self->tenant_id);
  g_free (self->last_rejected_key);
  G_OBJECT_CLASS (test_credentials_parent_class)->finalize (object);
}

static void
test_credentials_class_init (TestCredentialsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_credentials_finalize;
}

static void
test_credentials_init (TestCredentials *self)
{
}

/* Fixture */

typedef struct
{
  AlgaTestServer  *server;
  AlgaClient      *client;
  TestCredentials *credentials;
  char            *fresh_key;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->fresh_key = alga_test_server_create_api_key (fixture->server,
                                                        alga_test_server_get_user_id (fixture->server));
  g_assert_nonnull (fixture->fresh_key);

  fixture->credentials = g_object_new (TEST_TYPE_CREDENTIALS, NULL);
  fixture->credentials->key = g_strdup (BOGUS_KEY);
  fixture->credentials->next_key = g_strdup (fixture->fresh_key);
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->credentials);
  g_free (fixture->fresh_key);
  alga_test_server_stop (fixture->server);
  /* Not asserted finalized: a DELAY fault cut short by the stop keeps a reference. */
  g_object_unref (fixture->server);
}

static JsonNode *
request (Fixture           *fixture,
         const char        *method,
         const char        *path,
         JsonNode          *body,
         AlgaRequestFlags   flags,
         guint             *status,
         GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_client_request_async (fixture->client, method, path, NULL, body, flags, NULL,
                             alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);

  return alga_client_request_finish_full (fixture->client, result, status, NULL, error);
}

static void
assert_keys_sent (Fixture    *fixture,
                  const char *first,
                  const char *second)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (fixture->server);

  g_assert_cmpuint (requests->len, ==, second != NULL ? 2 : 1);
  g_assert_cmpstr (((AlgaTestRequest *) requests->pdata[0])->api_key, ==, first);
  if (second != NULL)
    g_assert_cmpstr (((AlgaTestRequest *) requests->pdata[1])->api_key, ==, second);
}

static void
test_401_refresh_replay (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  root = request (fixture, "GET", "/api/v1/tickets", NULL, ALGA_REQUEST_DEFAULT, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  g_assert_cmpuint (fixture->credentials->n_refreshes, ==, 1);
  g_assert_cmpstr (fixture->credentials->last_rejected_key, ==, BOGUS_KEY);
  assert_keys_sent (fixture, BOGUS_KEY, fixture->fresh_key);
}

static void
test_401_replay_for_post (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *ticket_id = alga_test_server_get_my_ticket_id (fixture->server);
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s/comments", ticket_id);
  g_autoptr(JsonNode) body = json_from_string ("{\"comment_text\":\"Replayed once\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint before = alga_test_server_count_comments (fixture->server, ticket_id);
  guint status = 0;

  /* A 401 means the server did nothing, so even a POST is sent again, and lands once. */
  root = request (fixture, "POST", path, body, ALGA_REQUEST_DEFAULT, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpuint (fixture->credentials->n_refreshes, ==, 1);
  g_assert_cmpuint (alga_test_server_count_comments (fixture->server, ticket_id), ==, before + 1);
  assert_keys_sent (fixture, BOGUS_KEY, fixture->fresh_key);
}

static void
test_second_401 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;

  g_free (fixture->credentials->next_key);
  fixture->credentials->next_key = g_strdup ("1111111111111111111111111111111111111111111111111111111111111111");

  root = request (fixture, "GET", "/api/v1/tickets", NULL, ALGA_REQUEST_DEFAULT, &status, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "Invalid API key");
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpuint (fixture->credentials->n_refreshes, ==, 1);
  assert_keys_sent (fixture, BOGUS_KEY, fixture->credentials->next_key);
}

static void
test_refresh_fails (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  fixture->credentials->fail_refresh = TRUE;

  root = request (fixture, "GET", "/api/v1/tickets", NULL, ALGA_REQUEST_DEFAULT, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED);
  g_assert_cmpstr (error->message, ==, "The session has ended");
  g_assert_cmpuint (fixture->credentials->n_refreshes, ==, 1);
  assert_keys_sent (fixture, BOGUS_KEY, NULL);
}

static void
test_refresh_ahead (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  fixture->credentials->needs_refresh = TRUE;

  root = request (fixture, "GET", "/api/v1/tickets", NULL, ALGA_REQUEST_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->credentials->n_refreshes, ==, 1);
  g_assert_cmpuint (fixture->credentials->n_ahead, ==, 1);
  g_assert_null (fixture->credentials->last_rejected_key);
  assert_keys_sent (fixture, fixture->fresh_key, NULL);
}

static void
test_refresh_ahead_fails (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  fixture->credentials->needs_refresh = TRUE;
  fixture->credentials->fail_refresh = TRUE;

  root = request (fixture, "GET", "/api/v1/tickets", NULL, ALGA_REQUEST_DEFAULT, NULL, &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, NULL, "*"), ==, 0);
}

static void
test_no_auth_never_refreshes (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(JsonNode) body = json_from_string ("{\"refreshToken\":\"bogus\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  root = request (fixture, "POST", "/api/v1/mobile/auth/refresh", body, ALGA_REQUEST_NO_AUTH,
                  NULL, &error);
  g_assert_null (root);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (fixture->credentials->n_refreshes, ==, 0);

  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_null (((AlgaTestRequest *) requests->pdata[0])->api_key);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/client-auth/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("401-refresh-replay", test_401_refresh_replay);
  ADD ("401-replay-post", test_401_replay_for_post);
  ADD ("second-401", test_second_401);
  ADD ("refresh-fails", test_refresh_fails);
  ADD ("refresh-ahead", test_refresh_ahead);
  ADD ("refresh-ahead-fails", test_refresh_ahead_fails);
  ADD ("no-auth-never-refreshes", test_no_auth_never_refreshes);
#undef ADD

  return g_test_run ();
}
