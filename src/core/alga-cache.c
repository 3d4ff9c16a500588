/* alga-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-cache"

#include "config.h"

#include "alga-cache.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "alga-comment.h"

/* Views keep at most this many items: enough for a fast start, small enough to load at once. */
#define MAX_VIEW_ITEMS 1000

struct _AlgaCache
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (AlgaCache, alga_cache, G_TYPE_OBJECT)

/* Migrations, one per schema version: migrations[n] takes user_version n to n + 1. */
static const char * const migrations[] = {
  "CREATE TABLE views ("
  "  view_key   TEXT PRIMARY KEY,"
  "  total      INTEGER NOT NULL,"
  "  has_more   INTEGER NOT NULL,"
  "  stored_at  INTEGER NOT NULL);"
  "CREATE TABLE view_items ("
  "  view_key   TEXT NOT NULL,"
  "  position   INTEGER NOT NULL,"
  "  json       TEXT NOT NULL,"
  "  PRIMARY KEY (view_key, position)) WITHOUT ROWID;"
  "CREATE TABLE tickets ("
  "  ticket_id  TEXT PRIMARY KEY,"
  "  json       TEXT NOT NULL,"
  "  stored_at  INTEGER NOT NULL);"
  "CREATE TABLE comments ("
  "  ticket_id  TEXT PRIMARY KEY,"
  "  json       TEXT NOT NULL,"
  "  stored_at  INTEGER NOT NULL);"
  "CREATE TABLE objects ("
  "  kind       TEXT NOT NULL,"
  "  scope      TEXT NOT NULL,"
  "  json       TEXT NOT NULL,"
  "  stored_at  INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, scope));",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ALGA_CACHE_SCHEMA_VERSION);

static gboolean
set_sqlite_error (GError  **error,
                  sqlite3  *db,
                  int       rc)
{
  int code = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB ?
             G_IO_ERROR_INVALID_DATA : G_IO_ERROR_FAILED;

  g_set_error (error, G_IO_ERROR, code, _("The local cache failed: %s"),
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
is_corrupt (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (error, db, rc);

  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc);
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gint64
get_user_version (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, rc);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Brings the schema up to date. A database from a newer program cannot be trusted to be
 * understood: it is treated like a corrupt one. */
static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  gint64 version = get_user_version (db, error);

  if (version < 0)
    return FALSE;

  if (version > ALGA_CACHE_SCHEMA_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The cache has schema version %" G_GINT64_FORMAT ", newer than %d",
                   version, ALGA_CACHE_SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < ALGA_CACHE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT,
                                               version + 1);

      if (!exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!exec (db, migrations[version], error) || !exec (db, bump, error) ||
          !exec (db, "COMMIT", error))
        {
          exec (db, "ROLLBACK", NULL);
          return FALSE;
        }

      g_debug ("Cache schema migrated to version %" G_GINT64_FORMAT, version + 1);
    }

  return TRUE;
}

static sqlite3 *
open_db (const char  *path,
         gboolean     read_only,
         GError     **error)
{
  sqlite3 *db = NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 2000);
  sqlite3_extended_result_codes (db, 0);

  return db;
}

/* WAL lets a worker read while the main thread writes; NORMAL skips the fsync on each commit,
 * which a cache can afford to lose. */
static gboolean
configure_db (sqlite3  *db,
              GError  **error)
{
  return exec (db, "PRAGMA journal_mode = WAL", error) &&
         exec (db, "PRAGMA synchronous = NORMAL", error) &&
         migrate (db, error) &&
         exec (db, "PRAGMA quick_check", error);
}

static void
delete_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Could not delete %s: %s", file, g_strerror (errno));
    }
}

static gboolean
open_or_rebuild (AlgaCache  *self,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the cache folder: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  self->db = open_db (self->path, FALSE, &local_error);
  if (self->db != NULL && configure_db (self->db, &local_error))
    {
      g_chmod (self->path, 0600);
      return TRUE;
    }

  /* Whatever is wrong with it, a cache can be thrown away and filled again. */
  g_message ("Rebuilding the local cache: %s", local_error->message);
  g_clear_error (&local_error);
  g_clear_pointer (&self->db, sqlite3_close);
  delete_files (self->path);

  self->db = open_db (self->path, FALSE, error);
  if (self->db == NULL)
    return FALSE;

  if (!configure_db (self->db, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  g_chmod (self->path, 0600);
  return TRUE;
}

/* Called when a query meets a corrupt database after opening: start over, empty. */
static void
handle_error (AlgaCache    *self,
              const GError *error)
{
  if (!is_corrupt (error))
    return;

  g_clear_pointer (&self->db, sqlite3_close);
  delete_files (self->path);
  open_or_rebuild (self, NULL);
}

static gboolean
ensure_open (AlgaCache  *self,
             GError    **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The local cache is not open"));
  return FALSE;
}

/* Serialisation: each model writes itself under the members its decoder reads. */

static char *
serialize_ticket (AlgaTicket *ticket)
{
  g_autoptr(JsonNode) node = alga_ticket_to_json (ticket);

  return json_to_string (node, FALSE);
}

static char *
serialize_array (GPtrArray          *objects,
                 AlgaJsonEncodeFunc  encode)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_sized_new (objects->len);

  for (guint i = 0; i < objects->len; i++)
    json_array_add_element (array, encode (g_ptr_array_index (objects, i)));
  json_node_take_array (node, array);

  return json_to_string (node, FALSE);
}

static gpointer
decode_text (const char          *text,
             AlgaJsonDecodeFunc   decode,
             GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, error))
    return NULL;

  return decode (json_parser_get_root (parser), error);
}

static GPtrArray *
decode_array_text (const char          *text,
                   AlgaJsonDecodeFunc   decode,
                   GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, error))
    return NULL;

  return alga_json_decode_array (json_parser_get_root (parser), decode, error);
}

static GDateTime *
datetime_from_unix (gint64 seconds)
{
  return g_date_time_new_from_unix_utc (seconds);
}

/* Views. */

char *
alga_cache_build_view_key (const AlgaTicketQuery *query)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) params = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) kept_params = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  text = alga_ticket_query_to_string (query, 1, 1);
  params = g_strsplit (text, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      if (g_str_has_prefix (params[i], "page=") || g_str_has_prefix (params[i], "limit=") ||
          g_str_has_prefix (params[i], "updated_from="))
        continue;
      g_strv_builder_add (kept, params[i]);
    }

  kept_params = g_strv_builder_end (kept);
  return g_strjoinv ("&", kept_params);
}

static gboolean
store_view_in_db (sqlite3     *db,
                  const char  *view_key,
                  guint        position,
                  GPtrArray   *tickets,
                  guint        total,
                  gboolean     has_more,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) view = NULL;
  guint n = tickets != NULL ? tickets->len : 0;
  int rc;

  drop = prepare (db, "DELETE FROM view_items WHERE view_key = ?1 AND position >= ?2", error);
  insert = prepare (db, "INSERT INTO view_items (view_key, position, json) VALUES (?1, ?2, ?3)",
                    error);
  view = prepare (db, "INSERT OR REPLACE INTO views (view_key, total, has_more, stored_at) "
                      "VALUES (?1, ?2, ?3, ?4)", error);
  if (drop == NULL || insert == NULL || view == NULL)
    return FALSE;

  sqlite3_bind_text (drop, 1, view_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (drop, 2, position);
  rc = sqlite3_step (drop);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc);

  for (guint i = 0; i < n && position + i < MAX_VIEW_ITEMS; i++)
    {
      g_autofree char *json = serialize_ticket (g_ptr_array_index (tickets, i));

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, view_key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 2, position + i);
      sqlite3_bind_text (insert, 3, json, -1, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        return set_sqlite_error (error, db, rc);
    }

  sqlite3_bind_text (view, 1, view_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (view, 2, total);
  /* Items beyond the cap are not kept: the list must still ask for them. */
  sqlite3_bind_int (view, 3, has_more || position + n > MAX_VIEW_ITEMS);
  sqlite3_bind_int64 (view, 4, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (view);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc);

  return TRUE;
}

/* Runs store inside one transaction, and starts over on a corrupt database. */
#define IN_TRANSACTION(self, error, body) \
  G_STMT_START { \
    g_autoptr(GError) _tx_error = NULL; \
    if (!ensure_open ((self), (error))) \
      return FALSE; \
    if (exec ((self)->db, "BEGIN IMMEDIATE", &_tx_error) && (body) && \
        exec ((self)->db, "COMMIT", &_tx_error)) \
      return TRUE; \
    exec ((self)->db, "ROLLBACK", NULL); \
    handle_error ((self), _tx_error); \
    g_propagate_error ((error), g_steal_pointer (&_tx_error)); \
    return FALSE; \
  } G_STMT_END

/**
 * alga_cache_store_view:
 * @self: a cache
 * @view_key: from alga_cache_build_view_key()
 * @position: where @tickets start in the view
 * @tickets: (element-type AlgaTicket): the items from @position on
 * @total: how many tickets the server says match
 * @has_more: whether the server has more pages
 * @error: return location for an error
 *
 * Replaces the cached items of the view from @position on with @tickets. Only the first
 * items of a view are kept.
 *
 * Returns: whether it was stored
 */
gboolean
alga_cache_store_view (AlgaCache   *self,
                       const char  *view_key,
                       guint        position,
                       GPtrArray   *tickets,
                       guint        total,
                       gboolean     has_more,
                       GError     **error)
{
  g_return_val_if_fail (ALGA_IS_CACHE (self), FALSE);
  g_return_val_if_fail (view_key != NULL, FALSE);

  IN_TRANSACTION (self, error,
                  store_view_in_db (self->db, view_key, position, tickets, total, has_more,
                                    &_tx_error));
}

static GPtrArray *
load_view_from_db (sqlite3     *db,
                   const char  *view_key,
                   guint       *total,
                   gboolean    *has_more,
                   gint64      *stored_at,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) view = NULL;
  g_autoptr(sqlite3_stmt) items = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  int rc;

  view = prepare (db, "SELECT total, has_more, stored_at FROM views WHERE view_key = ?1", error);
  if (view == NULL)
    return NULL;

  sqlite3_bind_text (view, 1, view_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (view);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, rc);
      return NULL;
    }

  if (total != NULL)
    *total = sqlite3_column_int64 (view, 0);
  if (has_more != NULL)
    *has_more = sqlite3_column_int (view, 1) != 0;
  if (stored_at != NULL)
    *stored_at = sqlite3_column_int64 (view, 2);

  items = prepare (db, "SELECT json FROM view_items WHERE view_key = ?1 ORDER BY position",
                   error);
  if (items == NULL)
    return NULL;

  sqlite3_bind_text (items, 1, view_key, -1, SQLITE_STATIC);
  tickets = g_ptr_array_new_with_free_func (g_object_unref);

  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      const char *json = (const char *) sqlite3_column_text (items, 0);
      g_autoptr(GError) local_error = NULL;
      AlgaTicket *ticket;

      if (json == NULL || !json_parser_load_from_data (parser, json, -1, &local_error))
        {
          g_debug ("Skipping a cached item: %s", local_error ? local_error->message : "empty");
          continue;
        }

      ticket = alga_ticket_new_from_json (json_parser_get_root (parser), &local_error);
      if (ticket != NULL)
        g_ptr_array_add (tickets, ticket);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&tickets);
}

/**
 * alga_cache_load_view:
 * @self: a cache
 * @view_key: from alga_cache_build_view_key()
 * @total: (out) (optional): the server's total when the view was stored
 * @has_more: (out) (optional): whether the server had more
 * @stored_at: (out) (optional) (transfer full): when the view was stored
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type AlgaTicket) (nullable): the cached items, or
 *   %NULL without an error if the view was never stored
 */
GPtrArray *
alga_cache_load_view (AlgaCache   *self,
                      const char  *view_key,
                      guint       *total,
                      gboolean    *has_more,
                      GDateTime  **stored_at,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *tickets;
  gint64 stored = 0;

  g_return_val_if_fail (ALGA_IS_CACHE (self), NULL);
  g_return_val_if_fail (view_key != NULL, NULL);

  if (!ensure_open (self, error))
    return NULL;

  tickets = load_view_from_db (self->db, view_key, total, has_more, &stored, &local_error);
  if (local_error != NULL)
    {
      handle_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (stored_at != NULL)
    *stored_at = tickets != NULL ? datetime_from_unix (stored) : NULL;

  return tickets;
}

typedef struct
{
  char      *path;
  char      *view_key;
  guint      total;
  gboolean   has_more;
} LoadViewData;

static void
load_view_data_free (LoadViewData *data)
{
  g_free (data->path);
  g_free (data->view_key);
  g_free (data);
}

static void
load_view_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LoadViewData *data = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *tickets;
  sqlite3 *db;

  /* Its own connection: SQLite connections are not shared between threads here. */
  db = open_db (data->path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tickets = load_view_from_db (db, data->view_key, &data->total, &data->has_more, NULL, &error);
  sqlite3_close (db);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (tickets == NULL)
    g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                           (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_pointer (task, tickets, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * alga_cache_load_view_async:
 * @self: a cache
 * @view_key: from alga_cache_build_view_key()
 * @cancellable: (nullable): a cancellable
 * @callback: called when the items are read
 * @user_data: data for @callback
 *
 * Reads and decodes the cached items of a view in a worker thread.
 */
void
alga_cache_load_view_async (AlgaCache           *self,
                            const char          *view_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadViewData *data;

  g_return_if_fail (ALGA_IS_CACHE (self));
  g_return_if_fail (view_key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_cache_load_view_async);

  data = g_new0 (LoadViewData, 1);
  data->path = g_strdup (self->path);
  data->view_key = g_strdup (view_key);
  g_task_set_task_data (task, data, (GDestroyNotify) load_view_data_free);

  g_task_run_in_thread (task, load_view_thread);
}

/**
 * alga_cache_load_view_finish:
 * @self: a cache
 * @result: the result
 * @total: (out) (optional): the server's total when the view was stored
 * @has_more: (out) (optional): whether the server had more
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type AlgaTicket): the items, empty if none are cached
 */
GPtrArray *
alga_cache_load_view_finish (AlgaCache     *self,
                             GAsyncResult  *result,
                             guint         *total,
                             gboolean      *has_more,
                             GError       **error)
{
  LoadViewData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (total != NULL)
    *total = data->total;
  if (has_more != NULL)
    *has_more = data->has_more;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Details, comments and reference data: one JSON text per key. */

static gboolean
store_text (sqlite3     *db,
            const char  *sql,
            const char  *key1,
            const char  *key2,
            const char  *json,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key1, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (key2 != NULL)
    sqlite3_bind_text (stmt, 4, key2, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc);

  return TRUE;
}

static char *
load_text (AlgaCache   *self,
           const char  *sql,
           const char  *key1,
           const char  *key2,
           gint64      *stored_at,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  char *text = NULL;
  int rc;

  if (!ensure_open (self, error))
    return NULL;

  stmt = prepare (self->db, sql, &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key1, -1, SQLITE_STATIC);
      if (key2 != NULL)
        sqlite3_bind_text (stmt, 2, key2, -1, SQLITE_STATIC);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          if (stored_at != NULL)
            *stored_at = sqlite3_column_int64 (stmt, 1);
        }
      else if (rc != SQLITE_DONE)
        set_sqlite_error (&local_error, self->db, rc);
    }

  if (local_error != NULL)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      handle_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return text;
}

/**
 * alga_cache_store_ticket:
 * @self: a cache
 * @ticket: a ticket, best a detail
 * @error: return location for an error
 *
 * Returns: whether it was stored
 */
gboolean
alga_cache_store_ticket (AlgaCache   *self,
                         AlgaTicket  *ticket,
                         GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (ALGA_IS_CACHE (self), FALSE);
  g_return_val_if_fail (ALGA_IS_TICKET (ticket), FALSE);

  json = serialize_ticket (ticket);
  IN_TRANSACTION (self, error,
                  store_text (self->db,
                              "INSERT OR REPLACE INTO tickets (ticket_id, json, stored_at) "
                              "VALUES (?1, ?2, ?3)",
                              alga_ticket_get_ticket_id (ticket), NULL, json, &_tx_error));
}

/**
 * alga_cache_load_ticket:
 * @self: a cache
 * @ticket_id: a ticket id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the stored ticket, or %NULL without an error if none
 */
AlgaTicket *
alga_cache_load_ticket (AlgaCache   *self,
                        const char  *ticket_id,
                        GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ALGA_IS_CACHE (self), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  text = load_text (self, "SELECT json, stored_at FROM tickets WHERE ticket_id = ?1",
                    ticket_id, NULL, NULL, error);
  if (text == NULL)
    return NULL;

  return decode_text (text, (AlgaJsonDecodeFunc) alga_ticket_new_from_json, error);
}

/**
 * alga_cache_store_comments:
 * @self: a cache
 * @ticket_id: the ticket
 * @comments: (element-type AlgaComment): its comments, replacing those stored
 * @error: return location for an error
 *
 * Returns: whether they were stored
 */
gboolean
alga_cache_store_comments (AlgaCache   *self,
                           const char  *ticket_id,
                           GPtrArray   *comments,
                           GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (ALGA_IS_CACHE (self), FALSE);
  g_return_val_if_fail (ticket_id != NULL, FALSE);
  g_return_val_if_fail (comments != NULL, FALSE);

  json = serialize_array (comments, (AlgaJsonEncodeFunc) alga_comment_to_json);
  IN_TRANSACTION (self, error,
                  store_text (self->db,
                              "INSERT OR REPLACE INTO comments (ticket_id, json, stored_at) "
                              "VALUES (?1, ?2, ?3)",
                              ticket_id, NULL, json, &_tx_error));
}

/**
 * alga_cache_load_comments:
 * @self: a cache
 * @ticket_id: the ticket
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type AlgaComment) (nullable): the stored comments, or
 *   %NULL without an error if none were stored
 */
GPtrArray *
alga_cache_load_comments (AlgaCache   *self,
                          const char  *ticket_id,
                          GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ALGA_IS_CACHE (self), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  text = load_text (self, "SELECT json, stored_at FROM comments WHERE ticket_id = ?1",
                    ticket_id, NULL, NULL, error);
  if (text == NULL)
    return NULL;

  return decode_array_text (text, (AlgaJsonDecodeFunc) alga_comment_new_from_json, error);
}

/**
 * alga_cache_store_objects:
 * @self: a cache
 * @kind: what they are: "statuses", "priorities", "services", "users"
 * @scope: (nullable): what narrows them, such as a board id
 * @objects: (element-type GObject): the objects, replacing those stored
 * @encode: their model's to_json
 * @error: return location for an error
 *
 * Returns: whether they were stored
 */
gboolean
alga_cache_store_objects (AlgaCache           *self,
                          const char          *kind,
                          const char          *scope,
                          GPtrArray           *objects,
                          AlgaJsonEncodeFunc   encode,
                          GError             **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (ALGA_IS_CACHE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (objects != NULL, FALSE);
  g_return_val_if_fail (encode != NULL, FALSE);

  json = serialize_array (objects, encode);
  IN_TRANSACTION (self, error,
                  store_text (self->db,
                              "INSERT OR REPLACE INTO objects (kind, json, stored_at, scope) "
                              "VALUES (?1, ?2, ?3, ?4)",
                              kind, scope != NULL ? scope : "", json, &_tx_error));
}

/**
 * alga_cache_load_objects:
 * @self: a cache
 * @kind: as given to alga_cache_store_objects()
 * @scope: (nullable): as given to alga_cache_store_objects()
 * @decode: the decoder of one object
 * @stored_at: (out) (optional) (transfer full): when they were stored
 * @error: return location for an error
 *
 * Returns: (transfer container) (nullable): the stored objects, or %NULL without an error if
 *   none were stored
 */
GPtrArray *
alga_cache_load_objects (AlgaCache           *self,
                         const char          *kind,
                         const char          *scope,
                         AlgaJsonDecodeFunc   decode,
                         GDateTime          **stored_at,
                         GError             **error)
{
  g_autofree char *text = NULL;
  GPtrArray *objects;
  gint64 stored = 0;

  g_return_val_if_fail (ALGA_IS_CACHE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (decode != NULL, NULL);

  text = load_text (self, "SELECT json, stored_at FROM objects WHERE kind = ?1 AND scope = ?2",
                    kind, scope != NULL ? scope : "", &stored, error);
  if (text == NULL)
    return NULL;

  objects = decode_array_text (text, decode, error);
  if (objects != NULL && stored_at != NULL)
    *stored_at = datetime_from_unix (stored);

  return objects;
}

/* The object. */

static void
alga_cache_finalize (GObject *object)
{
  AlgaCache *self = ALGA_CACHE (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);

  G_OBJECT_CLASS (alga_cache_parent_class)->finalize (object);
}

static void
alga_cache_class_init (AlgaCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_cache_finalize;
}

static void
alga_cache_init (AlgaCache *self)
{
}

/**
 * alga_cache_build_path:
 * @server_url: the account's server
 * @user_id: the account's user
 *
 * The account's database in the user's cache folder, named by a hash so that neither the
 * server nor the user shows in the file name.
 *
 * Returns: (transfer full): a path
 */
char *
alga_cache_build_path (const char *server_url,
                       const char *user_id)
{
  g_autofree char *account = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  account = g_strconcat (server_url, "\n", user_id, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account, -1);
  name = g_strconcat (hash, ".db", NULL);

  return g_build_filename (g_get_user_cache_dir (), "alga-desktop", name, NULL);
}

/**
 * alga_cache_new:
 * @server_url: the account's server
 * @user_id: the account's user
 * @error: return location for an error
 *
 * Opens the account's cache, creating it, bringing its schema up to date, or rebuilding it
 * empty if it cannot be read.
 *
 * Returns: (transfer full) (nullable): the cache, or %NULL if not even an empty one can be made
 */
AlgaCache *
alga_cache_new (const char  *server_url,
                const char  *user_id,
                GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  path = alga_cache_build_path (server_url, user_id);
  return alga_cache_new_for_path (path, error);
}

/**
 * alga_cache_new_for_path:
 * @path: the database file
 * @error: return location for an error
 *
 * Like alga_cache_new(), at a given path.
 *
 * Returns: (transfer full) (nullable): the cache
 */
AlgaCache *
alga_cache_new_for_path (const char  *path,
                         GError     **error)
{
  g_autoptr(AlgaCache) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ALGA_TYPE_CACHE, NULL);
  self->path = g_strdup (path);
  if (!open_or_rebuild (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * alga_cache_delete_for_account:
 * @server_url: the account's server
 * @user_id: the account's user
 * @error: return location for an error
 *
 * Deletes the account's database, as signing out must. A cache still open on it keeps
 * working on the deleted file until it is finalized.
 *
 * Returns: whether nothing of it is left
 */
gboolean
alga_cache_delete_for_account (const char  *server_url,
                               const char  *user_id,
                               GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);

  path = alga_cache_build_path (server_url, user_id);
  delete_files (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not delete the local cache"));
      return FALSE;
    }

  return TRUE;
}

const char *
alga_cache_get_path (AlgaCache *self)
{
  g_return_val_if_fail (ALGA_IS_CACHE (self), NULL);

  return self->path;
}

/**
 * alga_cache_clear:
 * @self: a cache
 *
 * Empties the cache, keeping the database.
 */
void
alga_cache_clear (AlgaCache *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALGA_IS_CACHE (self));

  if (self->db == NULL)
    return;

  if (!exec (self->db,
             "BEGIN IMMEDIATE;"
             "DELETE FROM views; DELETE FROM view_items; DELETE FROM tickets;"
             "DELETE FROM comments; DELETE FROM objects;"
             "COMMIT;", &error))
    {
      exec (self->db, "ROLLBACK", NULL);
      g_warning ("Could not clear the cache: %s", error->message);
      handle_error (self, error);
    }
}
