/* test-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaCache round trips with objects from the test server, its schema and corruption handling,
 * and AlgaTicketList's cached start, in-place confirmation and offline state.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "alga-board.h"
#include "alga-cache.h"
#include "alga-client.h"
#include "alga-comment.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-pagination.h"
#include "alga-priority.h"
#include "alga-service.h"
#include "alga-status.h"
#include "alga-tag.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"
#include "alga-ticket-list.h"
#include "alga-user.h"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaTestCredentials   *credentials;
  AlgaCache      *cache;
  char           *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));

  /* Servers of earlier tests may have had the same port. */
  g_assert_true (alga_cache_delete_for_account (alga_test_server_get_url (fixture->server),
                                                alga_test_server_get_user_id (fixture->server),
                                                NULL));
  fixture->cache = alga_cache_new (alga_test_server_get_url (fixture->server),
                                   alga_test_server_get_user_id (fixture->server), &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->cache);
  fixture->path = g_strdup (alga_cache_get_path (fixture->cache));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->path, g_free);
  g_assert_finalize_object (fixture->cache);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
}

/* Every property of a and b holds the same value. */
static void
assert_objects_equal (gpointer a,
                      gpointer b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  g_assert_cmpuint (n_pspecs, >, 0);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);
      if (!alga_json_value_equal (&va, &vb))
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          g_error ("%s.%s differs after the round trip: %s != %s",
                   G_OBJECT_TYPE_NAME (a), pspecs[i]->name, sa, sb);
        }
    }
}

static void
assert_arrays_equal (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_objects_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

static GPtrArray *
fetch_tickets (Fixture         *fixture,
               AlgaTicketQuery *query,
               guint            page,
               guint            limit,
               guint           *total)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaPagination) pagination = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *tickets;

  alga_client_list_tickets_async (fixture->client, query, page, limit, NULL,
                                  alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  tickets = alga_client_list_tickets_finish (fixture->client, result, &pagination, &error);
  g_assert_no_error (error);
  if (total != NULL)
    *total = pagination->total;

  return tickets;
}

static void
test_view_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autoptr(GPtrArray) both = g_ptr_array_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) shortened = NULL;
  g_autoptr(GDateTime) stored_at = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  gboolean has_more = FALSE;
  guint total = 0, loaded_total = 0;
  gboolean tagged = FALSE;

  alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);
  key = alga_cache_build_view_key (query);
  g_assert_null (strstr (key, "page="));
  g_assert_null (strstr (key, "limit="));

  /* Never stored: no items, no error. */
  g_assert_null (alga_cache_load_view (fixture->cache, key, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  page1 = fetch_tickets (fixture, query, 1, 25, &total);
  page2 = fetch_tickets (fixture, query, 2, 25, NULL);
  g_assert_cmpuint (page1->len, ==, 25);
  g_assert_cmpuint (page2->len, ==, 25);
  g_ptr_array_extend (both, page1, NULL, NULL);
  g_ptr_array_extend (both, page2, NULL, NULL);

  g_assert_true (alga_cache_store_view (fixture->cache, key, 0, page1, total, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (alga_cache_store_view (fixture->cache, key, 25, page2, total, TRUE, &error));
  g_assert_no_error (error);

  loaded = alga_cache_load_view (fixture->cache, key, &loaded_total, &has_more, &stored_at, &error);
  g_assert_no_error (error);
  assert_arrays_equal (both, loaded);
  g_assert_cmpuint (loaded_total, ==, total);
  g_assert_true (has_more);
  g_assert_nonnull (stored_at);
  g_assert_cmpint (ABS (g_date_time_to_unix (stored_at) - g_get_real_time () / G_USEC_PER_SEC),
                   <, 60);

  /* Tags keep their colours. */
  for (guint i = 0; i < loaded->len; i++)
    {
      GPtrArray *tags = alga_ticket_get_tag_list (g_ptr_array_index (loaded, i));
      GPtrArray *orig = alga_ticket_get_tag_list (g_ptr_array_index (both, i));

      g_assert_cmpuint (tags != NULL ? tags->len : 0, ==, orig != NULL ? orig->len : 0);
      if (tags != NULL && tags->len > 0)
        {
          tagged = TRUE;
          g_assert_true (alga_tag_equal (g_ptr_array_index (tags, 0),
                                         g_ptr_array_index (orig, 0)));
        }
    }
  g_assert_true (tagged);

  /* Storing a shorter page 1 drops what came after it. */
  g_ptr_array_set_size (page1, 10);
  g_assert_true (alga_cache_store_view (fixture->cache, key, 0, page1, 10, FALSE, &error));
  shortened = alga_cache_load_view (fixture->cache, key, &loaded_total, &has_more, NULL, &error);
  g_assert_no_error (error);
  assert_arrays_equal (page1, shortened);
  g_assert_cmpuint (loaded_total, ==, 10);
  g_assert_false (has_more);
}

static void
load_view_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  *out = alga_cache_load_view_finish (ALGA_CACHE (source), result, &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 77);
}

static void
test_view_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  key = alga_cache_build_view_key (query);
  page = fetch_tickets (fixture, query, 1, 100, NULL);
  g_assert_true (alga_cache_store_view (fixture->cache, key, 0, page, 77, TRUE, &error));
  g_assert_no_error (error);

  alga_cache_load_view_async (fixture->cache, key, NULL, load_view_done_cb, &loaded);
  alga_test_wait_until (loaded != NULL, 10000);
  assert_arrays_equal (page, loaded);
}

static void
test_view_key_ignores_moving_since (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) a = alga_ticket_query_new ();
  g_autoptr(AlgaTicketQuery) b = alga_ticket_query_new ();
  g_autoptr(AlgaTicketQuery) c = alga_ticket_query_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 5);
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;
  g_autofree char *kc = NULL;

  alga_ticket_query_set_updated_since (a, now);
  alga_ticket_query_set_updated_since (b, later);
  alga_ticket_query_set_state (c, ALGA_TICKET_STATE_CLOSED);
  ka = alga_cache_build_view_key (a);
  kb = alga_cache_build_view_key (b);
  kc = alga_cache_build_view_key (c);
  g_assert_cmpstr (ka, ==, kb);
  g_assert_cmpstr (ka, !=, kc);
}

static void
test_detail_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaTicket) detail = NULL;
  g_autoptr(AlgaTicket) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = alga_test_server_get_my_ticket_id (fixture->server);

  g_assert_null (alga_cache_load_ticket (fixture->cache, id, &error));
  g_assert_no_error (error);

  alga_client_get_ticket_async (fixture->client, id, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  detail = alga_client_get_ticket_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (alga_ticket_get_has_detail (detail));

  g_assert_true (alga_cache_store_ticket (fixture->cache, detail, &error));
  g_assert_no_error (error);
  loaded = alga_cache_load_ticket (fixture->cache, id, &error);
  g_assert_no_error (error);
  assert_objects_equal (detail, loaded);
  g_assert_true (alga_ticket_get_has_detail (loaded));
  g_assert_nonnull (alga_ticket_get_description (loaded));

  /* The attributes, which a later PUT must send back whole, survive too. */
  {
    g_autoptr(JsonObject) attributes = alga_ticket_dup_attributes (loaded);
    g_autoptr(JsonObject) original = alga_ticket_dup_attributes (detail);

    g_assert_true (json_object_equal (attributes, original));
  }
}

static void
test_comments_round_trip (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  const char *id = alga_test_server_get_my_ticket_id (fixture->server);

  added = alga_test_server_add_comment (fixture->server, id, "Line one\nline two", TRUE,
                                        alga_test_server_get_other_user_id (fixture->server),
                                        NULL);
  alga_client_list_comments_async (fixture->client, id, 0, 100, TRUE, NULL,
                                   alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  comments = alga_client_list_comments_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, >, 0);

  g_assert_null (alga_cache_load_comments (fixture->cache, id, &error));
  g_assert_no_error (error);
  g_assert_true (alga_cache_store_comments (fixture->cache, id, comments, &error));
  g_assert_no_error (error);
  loaded = alga_cache_load_comments (fixture->cache, id, &error);
  g_assert_no_error (error);
  assert_arrays_equal (comments, loaded);
}

static GPtrArray *
finish_objects (GObject       *client,
                GAsyncResult  *result,
                const char    *kind)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *objects = NULL;

  if (g_str_equal (kind, "statuses"))
    objects = alga_client_list_statuses_finish (ALGA_CLIENT (client), result, &error);
  else if (g_str_equal (kind, "priorities"))
    objects = alga_client_list_priorities_finish (ALGA_CLIENT (client), result, &error);
  else if (g_str_equal (kind, "services"))
    objects = alga_client_list_services_finish (ALGA_CLIENT (client), result, &error);
  else if (g_str_equal (kind, "boards"))
    objects = alga_client_list_boards_finish (ALGA_CLIENT (client), result, &error);
  else
    objects = alga_client_list_users_finish (ALGA_CLIENT (client), result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (objects);
  g_assert_cmpuint (objects->len, >, 0);

  return objects;
}

static void
test_reference_round_trip (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct
  {
    const char         *kind;
    AlgaJsonDecodeFunc  decode;
    AlgaJsonEncodeFunc  encode;
  } kinds[] = {
    { "statuses", (AlgaJsonDecodeFunc) alga_status_new_from_json,
      (AlgaJsonEncodeFunc) alga_status_to_json },
    { "priorities", (AlgaJsonDecodeFunc) alga_priority_new_from_json,
      (AlgaJsonEncodeFunc) alga_priority_to_json },
    { "services", (AlgaJsonDecodeFunc) alga_service_new_from_json,
      (AlgaJsonEncodeFunc) alga_service_to_json },
    { "users", (AlgaJsonDecodeFunc) alga_user_new_from_json,
      (AlgaJsonEncodeFunc) alga_user_to_json },
    { "boards", (AlgaJsonDecodeFunc) alga_board_new_from_json,
      (AlgaJsonEncodeFunc) alga_board_to_json },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) objects = NULL;
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GPtrArray) other_scope = NULL;
      g_autoptr(GDateTime) stored_at = NULL;
      g_autoptr(GError) error = NULL;

      if (i == 0)
        alga_client_list_statuses_async (fixture->client, NULL, NULL, alga_test_store_result_cb,
                                         &result);
      else if (i == 1)
        alga_client_list_priorities_async (fixture->client, NULL, alga_test_store_result_cb,
                                           &result);
      else if (i == 2)
        alga_client_list_services_async (fixture->client, NULL, alga_test_store_result_cb,
                                         &result);
      else if (i == 3)
        alga_client_list_users_async (fixture->client, NULL, 1, 100, NULL,
                                      alga_test_store_result_cb, &result);
      else
        alga_client_list_boards_async (fixture->client, NULL, alga_test_store_result_cb,
                                       &result);
      alga_test_wait_for_result (&result, 10000);
      objects = finish_objects (G_OBJECT (fixture->client), result, kinds[i].kind);

      g_assert_true (alga_cache_store_objects (fixture->cache, kinds[i].kind, "scope-a", objects,
                                               kinds[i].encode, &error));
      g_assert_no_error (error);
      loaded = alga_cache_load_objects (fixture->cache, kinds[i].kind, "scope-a", kinds[i].decode,
                                        &stored_at, &error);
      g_assert_no_error (error);
      assert_arrays_equal (objects, loaded);
      g_assert_nonnull (stored_at);

      other_scope = alga_cache_load_objects (fixture->cache, kinds[i].kind, NULL, kinds[i].decode,
                                             NULL, &error);
      g_assert_no_error (error);
      g_assert_null (other_scope);
    }
}

/* memmem() without _GNU_SOURCE: the files hold NULs, so strstr() cannot do. */
static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
test_no_secrets (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *wal_path = NULL;
  const char *key = alga_test_server_get_api_key (fixture->server);
  gsize length = 0, wal_length = 0;
  GStatBuf st;

  page = fetch_tickets (fixture, NULL, 1, 50, NULL);
  g_assert_true (alga_cache_store_view (fixture->cache, "all", 0, page, 50, TRUE, &error));
  g_assert_no_error (error);

  contents = read_file (fixture->path, &length);
  g_assert_false (contains (contents, length, key));
  wal_path = g_strconcat (fixture->path, "-wal", NULL);
  if (g_file_test (wal_path, G_FILE_TEST_EXISTS))
    wal = read_file (wal_path, &wal_length);
  if (wal != NULL)
    g_assert_false (contains (wal, wal_length, key));

  /* The tickets did reach the files: the searches above looked at real data. */
  g_assert_true (contains (contents, length, "ticket_id") ||
                 (wal != NULL && contains (wal, wal_length, "ticket_id")));

  /* Only the user may read it. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

static void
test_path_and_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "alga-desktop", NULL);
  g_autofree char *other = alga_cache_build_path (alga_test_server_get_url (fixture->server),
                                                  alga_test_server_get_other_user_id (fixture->server));
  g_autofree char *basename = g_path_get_basename (fixture->path);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaCache) reopened = NULL;

  g_assert_true (g_str_has_prefix (fixture->path, dir));
  g_assert_true (g_str_has_suffix (fixture->path, ".db"));
  g_assert_cmpstr (other, !=, fixture->path);
  /* The name gives away neither the server nor the user. */
  g_assert_null (strstr (basename, "127.0.0.1"));
  g_assert_null (strstr (basename, alga_test_server_get_user_id (fixture->server)));

  page = fetch_tickets (fixture, NULL, 1, 5, NULL);
  g_assert_true (alga_cache_store_view (fixture->cache, "all", 0, page, 5, FALSE, &error));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_assert_true (alga_cache_delete_for_account (alga_test_server_get_url (fixture->server),
                                                alga_test_server_get_user_id (fixture->server),
                                                &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* Opening again starts empty. */
  reopened = alga_cache_new (alga_test_server_get_url (fixture->server),
                             alga_test_server_get_user_id (fixture->server), &error);
  g_assert_no_error (error);
  g_assert_null (alga_cache_load_view (reopened, "all", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
store_one_view (Fixture   *fixture,
                AlgaCache *cache)
{
  g_autoptr(GPtrArray) page = fetch_tickets (fixture, NULL, 1, 5, NULL);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (alga_cache_store_view (cache, "all", 0, page, 5, FALSE, &error));
  g_assert_no_error (error);
  loaded = alga_cache_load_view (cache, "all", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_arrays_equal (page, loaded);
}

static void
test_corrupt_rebuilt (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char garbage[] = "This is not a database at all, just some bytes; \x01\x02\xff";
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaCache) rebuilt = NULL;
  g_autoptr(GString) big = g_string_new (NULL);

  store_one_view (fixture, fixture->cache);
  g_clear_object (&fixture->cache);

  /* Garbage where the database was. */
  g_unlink (wal);
  for (guint i = 0; i < 200; i++)
    g_string_append_len (big, garbage, sizeof garbage - 1);
  g_assert_true (g_file_set_contents (fixture->path, big->str, big->len, NULL));

  rebuilt = alga_cache_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rebuilt);
  g_assert_null (alga_cache_load_view (rebuilt, "all", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store_one_view (fixture, rebuilt);
  g_clear_object (&rebuilt);

  /* An empty file and a truncated one are no better. */
  g_assert_true (g_file_set_contents (fixture->path, "SQLite format 3", -1, NULL));
  rebuilt = alga_cache_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  store_one_view (fixture, rebuilt);

  fixture->cache = g_steal_pointer (&rebuilt);
}

static int
read_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return version;
}

static void
set_user_version (const char *path,
                  int         version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_schema_version (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaCache) reopened = NULL;
  g_autofree char *fresh = NULL;

  store_one_view (fixture, fixture->cache);
  g_clear_object (&fixture->cache);
  g_assert_cmpint (read_user_version (fixture->path), ==, ALGA_CACHE_SCHEMA_VERSION);

  /* Reopening the current version keeps the data. */
  reopened = alga_cache_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) kept = alga_cache_load_view (reopened, "all", NULL, NULL, NULL, &error);

    g_assert_nonnull (kept);
  }
  g_clear_object (&reopened);

  /* A database from a newer program is not understood: rebuilt empty, at our version. */
  set_user_version (fixture->path, ALGA_CACHE_SCHEMA_VERSION + 5);
  reopened = alga_cache_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read_user_version (fixture->path), ==, ALGA_CACHE_SCHEMA_VERSION);
  g_assert_null (alga_cache_load_view (reopened, "all", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&reopened);

  /* An empty database of version 0 is migrated. */
  fresh = g_build_filename (g_get_user_cache_dir (), "fresh.db", NULL);
  g_unlink (fresh);
  g_assert_cmpint (read_user_version (fresh), ==, 0);
  reopened = alga_cache_new_for_path (fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read_user_version (fresh), ==, ALGA_CACHE_SCHEMA_VERSION);
  store_one_view (fixture, reopened);

  fixture->cache = alga_cache_new_for_path (fixture->path, &error);
  g_assert_no_error (error);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  store_one_view (fixture, fixture->cache);
  alga_cache_clear (fixture->cache);
  g_assert_null (alga_cache_load_view (fixture->cache, "all", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* AlgaTicketList with a cache. */

static AlgaTicketQuery *
open_query (void)
{
  AlgaTicketQuery *query = alga_ticket_query_new ();

  alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);
  return query;
}

/* Loads the open view from the server into the cache, as a previous run would have. */
static void
warm_cache (Fixture *fixture,
            guint    pages)
{
  g_autoptr(AlgaTicketQuery) query = open_query ();
  g_autoptr(AlgaTicketList) list = alga_ticket_list_new (fixture->client, query);

  alga_ticket_list_set_cache (list, fixture->cache);
  alga_ticket_list_reload (list);
  alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) < pages * 25)
    {
      alga_ticket_list_load_more (list);
      alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
    }
  g_assert_false (alga_ticket_list_get_cached (list));
  g_assert_false (alga_ticket_list_get_offline (list));
  g_assert_finalize_object (g_steal_pointer (&list));
}

static AlgaTicketList *
cached_list (Fixture *fixture)
{
  g_autoptr(AlgaTicketQuery) query = open_query ();
  AlgaTicketList *list = alga_ticket_list_new (fixture->client, query);

  alga_ticket_list_set_cache (list, fixture->cache);
  return list;
}

static AlgaTicket *
item (AlgaTicketList *list,
      guint           position)
{
  /* The list keeps its own reference; borrowing is safe while it is alive. */
  AlgaTicket *ticket = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_object_unref (ticket);
  return ticket;
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_list_cached_start (Fixture       *fixture,
                        gconstpointer  data)
{
  AlgaTestFault delay = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 1500 };
  g_autoptr(AlgaTicketList) list = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  gint64 start;

  warm_cache (fixture, 2);
  alga_test_server_clear_requests (fixture->server);
  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets", &delay);

  list = cached_list (fixture);
  g_assert_false (alga_ticket_list_get_cached (list));
  start = g_get_monotonic_time ();
  alga_ticket_list_reload (list);

  /* Shown before the server could possibly have answered. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
  g_assert_true (alga_ticket_list_get_cached (list));
  g_assert_true (alga_ticket_list_get_loading (list));
  g_assert_false (alga_ticket_list_get_has_more (list));
  g_assert_cmpuint (alga_ticket_list_get_total (list), >, 50);
  g_assert_nonnull (alga_ticket_get_title (item (list, 0)));

  alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1400 * 1000);
  g_assert_no_error (alga_ticket_list_get_error (list));
  g_assert_false (alga_ticket_list_get_cached (list));
  g_assert_false (alga_ticket_list_get_offline (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
  g_assert_true (alga_ticket_list_get_has_more (list));

  /* All fifty confirmed in one request. */
  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/tickets"),
                    ==, 1);

  /* Paging goes on after the confirmed items. */
  alga_ticket_list_load_more (list);
  alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 75);
}

static void
test_list_refresh_keeps_selection (Fixture       *fixture,
                                   gconstpointer  data)
{
  AlgaTestFault delay = { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 300 };
  g_autoptr(AlgaTicketList) list = NULL;
  g_autofree char *changed_id = NULL;
  g_autofree char *selected_id = NULL;
  AlgaTicket *selected;
  AlgaTicket *changed;
  guint n_changes = 0, position = 0;
  guint notified = 0;

  warm_cache (fixture, 2);
  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets", &delay);

  list = cached_list (fixture);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  alga_ticket_list_reload (list);
  g_assert_true (alga_ticket_list_get_cached (list));
  g_assert_cmpuint (n_changes, ==, 1);

  /* The technician selected item 30 from the cache; meanwhile someone changed item 5. */
  selected = item (list, 30);
  selected_id = g_strdup (alga_ticket_get_ticket_id (selected));
  changed = item (list, 5);
  changed_id = g_strdup (alga_ticket_get_ticket_id (changed));
  g_signal_connect (changed, "notify::assigned-to", G_CALLBACK (count_notify_cb), &notified);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, changed_id,
                                                 alga_test_server_get_other_user_id (fixture->server),
                                                 alga_test_server_get_other_user_id (fixture->server)));

  alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
  g_assert_false (alga_ticket_list_get_cached (list));

  /* Same objects, same places, and nothing inserted or removed above them. */
  g_assert_true (alga_ticket_list_find (list, selected_id, &position) == selected);
  g_assert_cmpuint (position, ==, 30);
  g_assert_true (item (list, 30) == selected);
  g_assert_true (item (list, 5) == changed);
  g_assert_cmpuint (n_changes, ==, 1);
  /* The change reached the cached object in place. */
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (alga_ticket_get_assigned_to (changed), ==,
                   alga_test_server_get_other_user_id (fixture->server));
}

static void
test_list_offline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AlgaTicketList) list = NULL;
  const GError *error;

  warm_cache (fixture, 1);
  alga_test_server_stop (fixture->server);
  alga_client_set_timeout (fixture->client, 2);
  alga_client_set_retry_policy (fixture->client, 1, 10);

  list = cached_list (fixture);
  alga_ticket_list_reload (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 25);

  alga_test_wait_until (!alga_ticket_list_get_loading (list), 15000);
  error = alga_ticket_list_get_error (list);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ALGA_API_ERROR);
  g_assert_true (alga_ticket_list_get_offline (list));
  g_assert_true (alga_ticket_list_get_cached (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 25);
}

static void
test_list_back_online (Fixture       *fixture,
                       gconstpointer  data)
{
  AlgaTestFault drop = { .kind = ALGA_TEST_FAULT_DROP };
  g_autoptr(AlgaTicketList) list = NULL;
  AlgaTicket *first;

  warm_cache (fixture, 1);
  alga_client_set_retry_policy (fixture->client, 1, 10);
  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets", &drop);

  list = cached_list (fixture);
  alga_ticket_list_reload (list);
  first = item (list, 0);
  alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
  g_assert_true (alga_ticket_list_get_offline (list));
  g_assert_true (alga_ticket_list_get_cached (list));

  /* Retry once the network is back: confirmed in place. */
  alga_test_server_clear_faults (fixture->server);
  alga_ticket_list_reload (list);
  alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
  g_assert_no_error (alga_ticket_list_get_error (list));
  g_assert_false (alga_ticket_list_get_offline (list));
  g_assert_false (alga_ticket_list_get_cached (list));
  g_assert_true (item (list, 0) == first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 25);
}

static void
test_list_writes_pages_back (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AlgaTicketQuery) query = open_query ();
  g_autoptr(AlgaTicketList) list = cached_list (fixture);
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = alga_cache_build_view_key (query);
  guint total = 0;
  gboolean has_more = FALSE;

  alga_ticket_list_reload (list);
  g_assert_false (alga_ticket_list_get_cached (list));
  alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
  alga_ticket_list_load_more (list);
  alga_test_wait_until (!alga_ticket_list_get_loading (list), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);

  cached = alga_cache_load_view (fixture->cache, key, &total, &has_more, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cached);
  g_assert_cmpuint (cached->len, ==, 50);
  g_assert_cmpuint (total, ==, alga_ticket_list_get_total (list));
  g_assert_true (has_more);
  for (guint i = 0; i < cached->len; i++)
    assert_objects_equal (item (list, i), g_ptr_array_index (cached, i));
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = g_dir_make_tmp ("alga-test-cache-XXXXXX", NULL);
  int status;

  /* A cache folder of our own (G_TEST_OPTION_ISOLATE_DIRS would hide GIO's schemas). */
  g_assert_nonnull (cache_home);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cache/view-round-trip", test_view_round_trip);
  ADD ("/cache/view-async", test_view_async);
  ADD ("/cache/view-key-ignores-moving-since", test_view_key_ignores_moving_since);
  ADD ("/cache/detail-round-trip", test_detail_round_trip);
  ADD ("/cache/comments-round-trip", test_comments_round_trip);
  ADD ("/cache/reference-round-trip", test_reference_round_trip);
  ADD ("/cache/no-secrets", test_no_secrets);
  ADD ("/cache/path-and-delete", test_path_and_delete);
  ADD ("/cache/corrupt-rebuilt", test_corrupt_rebuilt);
  ADD ("/cache/schema-version", test_schema_version);
  ADD ("/cache/clear", test_clear);
  ADD ("/cache/list/cached-start", test_list_cached_start);
  ADD ("/cache/list/refresh-keeps-selection", test_list_refresh_keeps_selection);
  ADD ("/cache/list/offline", test_list_offline);
  ADD ("/cache/list/back-online", test_list_back_online);
  ADD ("/cache/list/writes-pages-back", test_list_writes_pages_back);

#undef ADD

  status = g_test_run ();
  remove_tree (cache_home);

  return status;
}
