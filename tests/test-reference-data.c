/* test-reference-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaReferenceData against the test server: one request per lifetime, one for all waiting
 * callers, kept across runs in the cache, old data when the server fails.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-board.h"
#include "alga-cache.h"
#include "alga-client.h"
#include "alga-error.h"
#include "alga-priority.h"
#include "alga-reference-data.h"
#include "alga-service.h"
#include "alga-status.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"
#include "alga-user.h"

typedef struct
{
  AlgaTestServer    *server;
  AlgaClient        *client;
  AlgaTestCredentials      *credentials;
  AlgaCache         *cache;
  AlgaReferenceData *data;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
  alga_client_set_retry_policy (fixture->client, 1, 10);

  g_assert_true (alga_cache_delete_for_account (alga_test_server_get_url (fixture->server),
                                                alga_test_server_get_user_id (fixture->server),
                                                NULL));
  fixture->cache = alga_cache_new (alga_test_server_get_url (fixture->server),
                                   alga_test_server_get_user_id (fixture->server), &error);
  g_assert_no_error (error);
  fixture->data = alga_reference_data_new (fixture->client, fixture->cache);
  g_assert_cmpint (alga_reference_data_get_lifetime (fixture->data), ==, 10 * G_TIME_SPAN_MINUTE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->data);
  g_assert_finalize_object (fixture->cache);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
}

static GPtrArray *
get (AlgaReferenceData  *data,
     AlgaReferenceKind   kind,
     const char         *scope,
     GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_reference_data_get_async (data, kind, scope, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);

  return alga_reference_data_get_finish (data, result, error);
}

static guint
count (Fixture    *fixture,
       const char *path)
{
  return alga_test_server_count_requests (fixture->server, "GET", path);
}

static void
test_each_kind (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const struct
  {
    AlgaReferenceKind  kind;
    const char        *path;
    GType            (*get_type) (void);
  } kinds[] = {
    { ALGA_REFERENCE_STATUSES, "/api/v1/tickets/statuses", alga_status_get_type },
    { ALGA_REFERENCE_PRIORITIES, "/api/v1/priorities", alga_priority_get_type },
    { ALGA_REFERENCE_SERVICES, "/api/v1/services", alga_service_get_type },
    { ALGA_REFERENCE_USERS, "/api/v1/users", alga_user_get_type },
    { ALGA_REFERENCE_BOARDS, "/api/v1/boards", alga_board_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GPtrArray) first = NULL;
      g_autoptr(GPtrArray) second = NULL;
      g_autoptr(GError) error = NULL;

      first = get (fixture->data, kinds[i].kind, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (first->len, >, 0);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (g_ptr_array_index (first, 0), kinds[i].get_type ()));
      g_assert_cmpuint (count (fixture, kinds[i].path), ==, 1);

      /* Within the lifetime: the same objects, no request. */
      second = get (fixture->data, kinds[i].kind, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (second->len, ==, first->len);
      g_assert_true (g_ptr_array_index (second, 0) == g_ptr_array_index (first, 0));
      g_assert_cmpuint (count (fixture, kinds[i].path), ==, 1);
    }
}

static void
test_lifetime (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_autoptr(GError) error = NULL;

  alga_reference_data_set_lifetime (fixture->data, 300 * G_TIME_SPAN_MILLISECOND);
  a = get (fixture->data, ALGA_REFERENCE_PRIORITIES, NULL, &error);
  b = get (fixture->data, ALGA_REFERENCE_PRIORITIES, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, "/api/v1/priorities"), ==, 1);

  /* A fixed time on purpose: longer than the 300 ms the lists are kept. */
  alga_test_spin (400);
  c = get (fixture->data, ALGA_REFERENCE_PRIORITIES, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->len, ==, a->len);
  g_assert_cmpuint (count (fixture, "/api/v1/priorities"), ==, 2);

  /* Invalidating forces the next call to ask. */
  alga_reference_data_set_lifetime (fixture->data, ALGA_REFERENCE_DATA_DEFAULT_LIFETIME);
  g_clear_pointer (&c, g_ptr_array_unref);
  c = get (fixture->data, ALGA_REFERENCE_PRIORITIES, NULL, &error);
  g_assert_cmpuint (count (fixture, "/api/v1/priorities"), ==, 2);
  alga_reference_data_invalidate (fixture->data);
  g_clear_pointer (&c, g_ptr_array_unref);
  c = get (fixture->data, ALGA_REFERENCE_PRIORITIES, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, "/api/v1/priorities"), ==, 3);
}

static void
store_result_in_array_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GPtrArray *results = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *objects;

  objects = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  g_assert_no_error (error);
  g_ptr_array_add (results, objects);
}

static void
test_single_flight (Fixture       *fixture,
                    gconstpointer  user_data)
{
  AlgaTestFault delay = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 200 };
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/services", &delay);
  for (guint i = 0; i < 8; i++)
    alga_reference_data_get_async (fixture->data, ALGA_REFERENCE_SERVICES, NULL, NULL,
                                   store_result_in_array_cb, results);

  alga_test_wait_until (results->len == 8, 10000);
  g_assert_cmpuint (count (fixture, "/api/v1/services"), ==, 1);
  for (guint i = 1; i < results->len; i++)
    g_assert_true (g_ptr_array_index (results, i) == g_ptr_array_index (results, 0) ||
                   ((GPtrArray *) g_ptr_array_index (results, i))->pdata[0] ==
                   ((GPtrArray *) g_ptr_array_index (results, 0))->pdata[0]);
}

static void
test_scopes_apart (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) board = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *board_id;

  all = get (fixture->data, ALGA_REFERENCE_STATUSES, NULL, &error);
  g_assert_no_error (error);
  board_id = alga_status_get_board_id (g_ptr_array_index (all, 0));
  g_assert_nonnull (board_id);

  board = get (fixture->data, ALGA_REFERENCE_STATUSES, board_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, "/api/v1/tickets/statuses"), ==, 2);
  g_assert_cmpuint (board->len, >, 0);
  g_assert_cmpuint (board->len, <=, all->len);
  for (guint i = 0; i < board->len; i++)
    g_assert_cmpstr (alga_status_get_board_id (g_ptr_array_index (board, i)), ==, board_id);

  again = get (fixture->data, ALGA_REFERENCE_STATUSES, board_id, &error);
  g_assert_cmpuint (count (fixture, "/api/v1/tickets/statuses"), ==, 2);
}

static void
test_kept_across_runs (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const struct
  {
    AlgaReferenceKind  kind;
    const char        *path;
  } kinds[] = {
    { ALGA_REFERENCE_USERS, "/api/v1/users" },
    { ALGA_REFERENCE_BOARDS, "/api/v1/boards" },
  };
  g_autoptr(AlgaReferenceData) next_run = alga_reference_data_new (fixture->client, fixture->cache);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GPtrArray) first = NULL;
      g_autoptr(GPtrArray) cached = NULL;
      g_autoptr(GError) error = NULL;

      first = get (fixture->data, kinds[i].kind, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count (fixture, kinds[i].path), ==, 1);

      /* A later start within the lifetime reads them from the cache. */
      cached = get (next_run, kinds[i].kind, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cached->len, ==, first->len);
      if (kinds[i].kind == ALGA_REFERENCE_USERS)
        g_assert_cmpstr (alga_user_get_user_id (g_ptr_array_index (cached, 0)), ==,
                         alga_user_get_user_id (g_ptr_array_index (first, 0)));
      else
        for (guint j = 0; j < first->len; j++)
          {
            g_assert_cmpstr (alga_board_get_board_id (g_ptr_array_index (cached, j)), ==,
                             alga_board_get_board_id (g_ptr_array_index (first, j)));
            g_assert_cmpstr (alga_board_get_board_name (g_ptr_array_index (cached, j)), ==,
                             alga_board_get_board_name (g_ptr_array_index (first, j)));
          }
      g_assert_cmpuint (count (fixture, kinds[i].path), ==, 1);
    }
}

static void
test_stale_when_failing (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AlgaTestFault fail = { .kind = ALGA_TEST_FAULT_STATUS, .status = 500,
                         .body = "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}}" };
  g_autoptr(AlgaReferenceData) empty = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  first = get (fixture->data, ALGA_REFERENCE_PRIORITIES, NULL, &error);
  g_assert_no_error (error);
  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/priorities", &fail);

  alga_reference_data_invalidate (fixture->data);
  stale = get (fixture->data, ALGA_REFERENCE_PRIORITIES, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stale == first);
  g_assert_cmpuint (count (fixture, "/api/v1/priorities"), ==, 2);

  /* Without anything known, the error reaches the caller. */
  alga_cache_clear (fixture->cache);
  empty = alga_reference_data_new (fixture->client, NULL);
  none = get (empty, ALGA_REFERENCE_PRIORITIES, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_SERVER);
}

static void
test_cancelled_caller (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;

  alga_reference_data_get_async (fixture->data, ALGA_REFERENCE_SERVICES, NULL, cancellable,
                                 alga_test_store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  /* Another caller still gets the list from the same fetch. */
  other = get (fixture->data, ALGA_REFERENCE_SERVICES, NULL, &error);
  g_assert_no_error (error);
  alga_test_wait_for_result (&result, 10000);
  objects = alga_reference_data_get_finish (fixture->data, result, &error);
  g_assert_null (objects);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count (fixture, "/api/v1/services"), ==, 1);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A Technician may not list users or services: the lists come from what the role may read,
 * and the refused route is asked once, not at the next start (a new instance on the same
 * cache) nor when the lists go stale. */
static void
test_refused_by_role (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(AlgaReferenceData) next_start = NULL;
  gboolean me_listed = FALSE;

  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  g_assert_false (alga_reference_data_is_refused (fixture->data, ALGA_REFERENCE_USERS));

  users = get (fixture->data, ALGA_REFERENCE_USERS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, >, 1);
  for (guint i = 0; i < users->len; i++)
    {
      AlgaUser *user = g_ptr_array_index (users, i);
      g_autofree char *name = alga_user_dup_display_name (user);

      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      me_listed |= g_strcmp0 (alga_user_get_user_id (user), alga_test_server_get_user_id (fixture->server)) == 0;
    }
  g_assert_true (me_listed);
  g_assert_true (alga_reference_data_is_refused (fixture->data, ALGA_REFERENCE_USERS));
  g_assert_cmpuint (count (fixture, "/api/v1/users"), ==, 1);
  g_assert_cmpuint (count (fixture, "/api/v1/tickets"), ==, 1);

  services = get (fixture->data, ALGA_REFERENCE_SERVICES, NULL, &error);
  g_assert_no_error (error);
  /* The seeded entries of the demo technician all use one service. */
  g_assert_cmpuint (services->len, ==, 1);
  g_assert_nonnull (alga_service_get_service_name (g_ptr_array_index (services, 0)));
  g_assert_cmpuint (count (fixture, "/api/v1/services"), ==, 1);
  g_assert_cmpuint (count (fixture, "/api/v1/time-entries"), ==, 1);

  /* Stale lists are asked for again, from the role's sources only. */
  alga_reference_data_invalidate (fixture->data);
  again = get (fixture->data, ALGA_REFERENCE_SERVICES, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, "/api/v1/services"), ==, 1);
  g_assert_cmpuint (count (fixture, "/api/v1/time-entries"), ==, 2);
  g_clear_pointer (&again, g_ptr_array_unref);

  /* The next start, on the same cache, knows both refusals. */
  next_start = alga_reference_data_new (fixture->client, fixture->cache);
  alga_reference_data_set_lifetime (next_start, 0);
  g_assert_true (alga_reference_data_is_refused (next_start, ALGA_REFERENCE_USERS));
  g_assert_true (alga_reference_data_is_refused (next_start, ALGA_REFERENCE_SERVICES));
  again = get (next_start, ALGA_REFERENCE_USERS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, users->len);
  g_assert_cmpuint (count (fixture, "/api/v1/users"), ==, 1);
  g_assert_cmpuint (count (fixture, "/api/v1/tickets"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = g_dir_make_tmp ("alga-test-reference-XXXXXX", NULL);
  int status;

  g_assert_nonnull (cache_home);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/reference-data/each-kind", test_each_kind);
  ADD ("/reference-data/lifetime", test_lifetime);
  ADD ("/reference-data/single-flight", test_single_flight);
  ADD ("/reference-data/scopes-apart", test_scopes_apart);
  ADD ("/reference-data/kept-across-runs", test_kept_across_runs);
  ADD ("/reference-data/stale-when-failing", test_stale_when_failing);
  ADD ("/reference-data/cancelled-caller", test_cancelled_caller);
  ADD ("/reference-data/refused-by-role", test_refused_by_role);

#undef ADD

  status = g_test_run ();
  remove_tree (cache_home);

  return status;
}
