/* alga-reference-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-reference-data"

#include "config.h"

#include <string.h>

#include "alga-reference-data.h"

#include "alga-board.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-priority.h"
#include "alga-service.h"
#include "alga-status.h"
#include "alga-user.h"

#define USERS_LIMIT 100

/* A role that may not read a list (a Technician: users, services) keeps that answer a day, in
 * the account's cache too, so that neither a start nor a picker asks the server again. */
#define REFUSAL_LIFETIME (24 * G_TIME_SPAN_HOUR)
#define REFUSED_KIND "refused"

struct _AlgaReferenceData
{
  GObject     parent_instance;

  AlgaClient *client;
  AlgaCache  *cache;
  GTimeSpan   lifetime;
  GHashTable *entries;   /* "kind\nscope" → Entry */
  gint64      refused_at[ALGA_REFERENCE_BOARDS + 1];  /* real time, µs; 0: not refused */
  gboolean    refusal_loaded[ALGA_REFERENCE_BOARDS + 1];
};

G_DEFINE_FINAL_TYPE (AlgaReferenceData, alga_reference_data, G_TYPE_OBJECT)

typedef struct
{
  AlgaReferenceKind  kind;
  char              *scope;
  GPtrArray         *objects;     /* NULL until known */
  gint64             fetched_at;  /* real time, µs */
  GPtrArray         *waiters;     /* GTask, while a fetch is on its way */
} Entry;

static const char * const kind_names[] = {
  [ALGA_REFERENCE_STATUSES] = "statuses",
  [ALGA_REFERENCE_PRIORITIES] = "priorities",
  [ALGA_REFERENCE_SERVICES] = "services",
  [ALGA_REFERENCE_USERS] = "users",
  [ALGA_REFERENCE_BOARDS] = "boards",
};

static const AlgaJsonDecodeFunc decoders[] = {
  [ALGA_REFERENCE_STATUSES] = (AlgaJsonDecodeFunc) alga_status_new_from_json,
  [ALGA_REFERENCE_PRIORITIES] = (AlgaJsonDecodeFunc) alga_priority_new_from_json,
  [ALGA_REFERENCE_SERVICES] = (AlgaJsonDecodeFunc) alga_service_new_from_json,
  [ALGA_REFERENCE_USERS] = (AlgaJsonDecodeFunc) alga_user_new_from_json,
  [ALGA_REFERENCE_BOARDS] = (AlgaJsonDecodeFunc) alga_board_new_from_json,
};

static const AlgaJsonEncodeFunc encoders[] = {
  [ALGA_REFERENCE_STATUSES] = (AlgaJsonEncodeFunc) alga_status_to_json,
  [ALGA_REFERENCE_PRIORITIES] = (AlgaJsonEncodeFunc) alga_priority_to_json,
  [ALGA_REFERENCE_SERVICES] = (AlgaJsonEncodeFunc) alga_service_to_json,
  [ALGA_REFERENCE_USERS] = (AlgaJsonEncodeFunc) alga_user_to_json,
  [ALGA_REFERENCE_BOARDS] = (AlgaJsonEncodeFunc) alga_board_to_json,
};

static void
entry_free (Entry *entry)
{
  g_free (entry->scope);
  g_clear_pointer (&entry->objects, g_ptr_array_unref);
  g_clear_pointer (&entry->waiters, g_ptr_array_unref);
  g_free (entry);
}

typedef struct
{
  AlgaReferenceData *self;
  Entry             *entry;
} FetchData;

static gboolean
is_fresh (AlgaReferenceData *self,
          gint64             fetched_at)
{
  return g_get_real_time () - fetched_at < self->lifetime;
}

static void
return_objects (GTask     *task,
                GPtrArray *objects)
{
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_ptr_array_ref (objects), (GDestroyNotify) g_ptr_array_unref);
}

static void
finish_waiters (Entry        *entry,
                const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&entry->waiters);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (entry->objects != NULL)
        return_objects (task, entry->objects);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void start_fallback (AlgaReferenceData *self,
                            FetchData         *data);

static gboolean
has_fallback (AlgaReferenceKind kind)
{
  return kind == ALGA_REFERENCE_USERS || kind == ALGA_REFERENCE_SERVICES;
}

static gboolean
is_refused (AlgaReferenceData *self,
            AlgaReferenceKind  kind)
{
  if (!self->refusal_loaded[kind] && self->cache != NULL)
    {
      g_autoptr(GDateTime) stored_at = NULL;
      g_autoptr(GPtrArray) none = alga_cache_load_objects (self->cache, REFUSED_KIND, kind_names[kind],
                                                            decoders[kind], &stored_at, NULL);

      if (none != NULL && stored_at != NULL)
        self->refused_at[kind] = g_date_time_to_unix (stored_at) * G_USEC_PER_SEC;
    }
  self->refusal_loaded[kind] = TRUE;

  return self->refused_at[kind] != 0 && g_get_real_time () - self->refused_at[kind] < REFUSAL_LIFETIME;
}

static void
remember_refusal (AlgaReferenceData *self,
                  AlgaReferenceKind  kind)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  self->refused_at[kind] = g_get_real_time ();
  self->refusal_loaded[kind] = TRUE;
  if (self->cache != NULL &&
      !alga_cache_store_objects (self->cache, REFUSED_KIND, kind_names[kind], none,
                                 encoders[kind], &error))
    g_debug ("Could not remember that %s are refused: %s", kind_names[kind], error->message);
}

/* Keeps a list and answers everyone waiting for it. */
static void
keep_objects (AlgaReferenceData *self,
              Entry             *entry,
              GPtrArray         *objects,
              const GError      *error)
{
  if (objects != NULL)
    {
      g_autoptr(GError) cache_error = NULL;

      g_clear_pointer (&entry->objects, g_ptr_array_unref);
      entry->objects = g_ptr_array_ref (objects);
      entry->fetched_at = g_get_real_time ();

      if (self->cache != NULL &&
          !alga_cache_store_objects (self->cache, kind_names[entry->kind], entry->scope, objects,
                                     encoders[entry->kind], &cache_error))
        g_debug ("Could not cache %s: %s", kind_names[entry->kind], cache_error->message);
    }
  else
    {
      /* Old data beats none; it will be asked for again next time. */
      g_debug ("Could not fetch %s: %s", kind_names[entry->kind], error->message);
    }

  finish_waiters (entry, error);
}

/* What the role may read instead: the people tickets are assigned to (with their names, from
 * the tickets the key can read), and the services of the time entries the key can read, last
 * used first. */
static GPtrArray *
objects_from_rows (AlgaReferenceKind  kind,
                   JsonArray         *rows)
{
  const char *id_member = kind == ALGA_REFERENCE_USERS ? "assigned_to" : "service_id";
  const char *name_member = kind == ALGA_REFERENCE_USERS ? "assigned_to_name" : "service_name";
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      JsonObject *row = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = row != NULL ? alga_json_get_string (row, id_member) : NULL;
      const char *name = row != NULL ? alga_json_get_string (row, name_member) : NULL;
      g_autoptr(JsonObject) made = NULL;
      g_autoptr(JsonNode) made_node = NULL;
      GObject *object;

      if (id == NULL || name == NULL || *name == '\0' || g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, (gpointer) id);

      made = json_object_new ();
      if (kind == ALGA_REFERENCE_USERS)
        {
          const char *space = strchr (name, ' ');
          g_autofree char *first = space != NULL ? g_strndup (name, space - name) : g_strdup (name);

          json_object_set_string_member (made, "user_id", id);
          json_object_set_string_member (made, "first_name", first);
          json_object_set_string_member (made, "last_name", space != NULL ? space + 1 : "");
          json_object_set_string_member (made, "user_type", "internal");
        }
      else
        {
          json_object_set_string_member (made, "service_id", id);
          json_object_set_string_member (made, "service_name", name);
        }
      made_node = json_node_init_object (json_node_alloc (), made);
      object = decoders[kind] (made_node, NULL);
      if (object != NULL)
        g_ptr_array_add (objects, object);
    }
  return objects;
}

static int
compare_user_names (gconstpointer a,
                    gconstpointer b)
{
  g_autofree char *na = alga_user_dup_display_name (*(AlgaUser * const *) a);
  g_autofree char *nb = alga_user_dup_display_name (*(AlgaUser * const *) b);

  return g_utf8_collate (na != NULL ? na : "", nb != NULL ? nb : "");
}

static void
fallback_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FetchData *data = user_data;
  g_autoptr(AlgaReferenceData) self = data->self;
  Entry *entry = data->entry;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) objects = NULL;

  g_free (data);
  if (root != NULL)
    {
      objects = objects_from_rows (entry->kind, JSON_NODE_HOLDS_OBJECT (root)
                                   ? alga_json_get_array (json_node_get_object (root), "data") : NULL);
      if (entry->kind == ALGA_REFERENCE_USERS)
        g_ptr_array_sort (objects, compare_user_names);
    }
  keep_objects (self, entry, objects, error);
}

static void
start_fallback (AlgaReferenceData *self,
                FetchData         *data)
{
  if (data->entry->kind == ALGA_REFERENCE_USERS)
    alga_client_request_async (self->client, "GET", "/api/v1/tickets",
                               "page=1&limit=100&sort=updated_at&order=desc", NULL,
                               ALGA_REQUEST_DEFAULT, NULL, fallback_cb, data);
  else
    alga_client_request_async (self->client, "GET", "/api/v1/time-entries", "page=1&limit=100",
                               NULL, ALGA_REQUEST_DEFAULT, NULL, fallback_cb, data);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchData *data = user_data;
  g_autoptr(AlgaReferenceData) self = data->self;
  Entry *entry = data->entry;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;
  AlgaClient *client = ALGA_CLIENT (source);

  g_free (data);

  switch (entry->kind)
    {
    case ALGA_REFERENCE_STATUSES:
      objects = alga_client_list_statuses_finish (client, result, &error);
      break;
    case ALGA_REFERENCE_PRIORITIES:
      objects = alga_client_list_priorities_finish (client, result, &error);
      break;
    case ALGA_REFERENCE_SERVICES:
      objects = alga_client_list_services_finish (client, result, &error);
      break;
    case ALGA_REFERENCE_BOARDS:
      objects = alga_client_list_boards_finish (client, result, &error);
      break;
    case ALGA_REFERENCE_USERS:
    default:
      objects = alga_client_list_users_finish (client, result, NULL, &error);
      break;
    }

  if (objects == NULL && has_fallback (entry->kind) &&
      g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN))
    {
      FetchData *again = g_new0 (FetchData, 1);

      remember_refusal (self, entry->kind);
      again->self = g_object_ref (self);
      again->entry = entry;
      start_fallback (self, again);
      return;
    }

  keep_objects (self, entry, objects, error);
}

static void
start_fetch (AlgaReferenceData *self,
             Entry             *entry)
{
  FetchData *data = g_new0 (FetchData, 1);

  data->self = g_object_ref (self);
  data->entry = entry;

  if (has_fallback (entry->kind) && is_refused (self, entry->kind))
    {
      start_fallback (self, data);
      return;
    }

  /* Shared by every waiter, so no single caller's cancellable may stop it. */
  switch (entry->kind)
    {
    case ALGA_REFERENCE_STATUSES:
      alga_client_list_statuses_async (self->client, entry->scope, NULL, fetched_cb, data);
      break;
    case ALGA_REFERENCE_PRIORITIES:
      alga_client_list_priorities_async (self->client, NULL, fetched_cb, data);
      break;
    case ALGA_REFERENCE_SERVICES:
      alga_client_list_services_async (self->client, NULL, fetched_cb, data);
      break;
    case ALGA_REFERENCE_BOARDS:
      alga_client_list_boards_async (self->client, NULL, fetched_cb, data);
      break;
    case ALGA_REFERENCE_USERS:
    default:
      alga_client_list_users_async (self->client, NULL, 1, USERS_LIMIT, NULL, fetched_cb, data);
      break;
    }
}

static void
load_from_cache (AlgaReferenceData *self,
                 Entry             *entry)
{
  g_autoptr(GDateTime) stored_at = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cache == NULL)
    return;

  objects = alga_cache_load_objects (self->cache, kind_names[entry->kind], entry->scope,
                                     decoders[entry->kind], &stored_at, &error);
  if (objects == NULL)
    {
      if (error != NULL)
        g_debug ("No cached %s: %s", kind_names[entry->kind], error->message);
      return;
    }

  entry->objects = g_steal_pointer (&objects);
  entry->fetched_at = g_date_time_to_unix (stored_at) * G_USEC_PER_SEC;
}

static void
alga_reference_data_dispose (GObject *object)
{
  AlgaReferenceData *self = ALGA_REFERENCE_DATA (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (alga_reference_data_parent_class)->dispose (object);
}

static void
alga_reference_data_finalize (GObject *object)
{
  AlgaReferenceData *self = ALGA_REFERENCE_DATA (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (alga_reference_data_parent_class)->finalize (object);
}

static void
alga_reference_data_class_init (AlgaReferenceDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_reference_data_dispose;
  object_class->finalize = alga_reference_data_finalize;
}

static void
alga_reference_data_init (AlgaReferenceData *self)
{
  self->lifetime = ALGA_REFERENCE_DATA_DEFAULT_LIFETIME;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
}

/**
 * alga_reference_data_new:
 * @client: the client to fetch with
 * @cache: (nullable): the account's cache, which keeps the lists across runs
 *
 * Returns: (transfer full): a new #AlgaReferenceData
 */
AlgaReferenceData *
alga_reference_data_new (AlgaClient *client,
                         AlgaCache  *cache)
{
  AlgaReferenceData *self;

  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (cache == NULL || ALGA_IS_CACHE (cache), NULL);

  self = g_object_new (ALGA_TYPE_REFERENCE_DATA, NULL);
  self->client = g_object_ref (client);
  if (cache != NULL)
    self->cache = g_object_ref (cache);

  return self;
}

GTimeSpan
alga_reference_data_get_lifetime (AlgaReferenceData *self)
{
  g_return_val_if_fail (ALGA_IS_REFERENCE_DATA (self), 0);

  return self->lifetime;
}

/**
 * alga_reference_data_set_lifetime:
 * @self: the reference data
 * @lifetime: how long a list is used before it is asked for again, in µs
 */
void
alga_reference_data_set_lifetime (AlgaReferenceData *self,
                                  GTimeSpan          lifetime)
{
  g_return_if_fail (ALGA_IS_REFERENCE_DATA (self));

  self->lifetime = MAX (lifetime, 0);
}

/**
 * alga_reference_data_invalidate:
 * @self: the reference data
 *
 * Makes every list stale: the next call of alga_reference_data_get_async() asks the server.
 * Lists still serve as a fallback when it cannot be reached.
 */
void
alga_reference_data_invalidate (AlgaReferenceData *self)
{
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (ALGA_IS_REFERENCE_DATA (self));

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    entry->fetched_at = G_MININT64 / 2;
}

/**
 * alga_reference_data_get_async:
 * @self: the reference data
 * @kind: which list
 * @scope: (nullable): a board id for %ALGA_REFERENCE_STATUSES; %NULL otherwise
 * @cancellable: (nullable): a cancellable
 * @callback: called with the list
 * @user_data: data for @callback
 *
 * Gets a list from memory, from the cache, or from the server, in that order, using a copy
 * only while it is younger than the lifetime. Callers asking while a fetch is on its way wait
 * for that fetch rather than start another.
 */
void
alga_reference_data_get_async (AlgaReferenceData   *self,
                               AlgaReferenceKind    kind,
                               const char          *scope,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  Entry *entry;

  g_return_if_fail (ALGA_IS_REFERENCE_DATA (self));
  g_return_if_fail (kind <= ALGA_REFERENCE_BOARDS);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_reference_data_get_async);

  key = g_strdup_printf ("%s\n%s", kind_names[kind], scope != NULL ? scope : "");
  entry = g_hash_table_lookup (self->entries, key);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->kind = kind;
      entry->scope = g_strdup (scope);
      g_hash_table_insert (self->entries, g_steal_pointer (&key), entry);
      load_from_cache (self, entry);
    }

  if (entry->objects != NULL && is_fresh (self, entry->fetched_at))
    {
      return_objects (task, entry->objects);
      return;
    }

  if (entry->waiters != NULL)
    {
      g_ptr_array_add (entry->waiters, g_steal_pointer (&task));
      return;
    }

  entry->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (entry->waiters, g_steal_pointer (&task));
  start_fetch (self, entry);
}

/**
 * alga_reference_data_is_refused:
 * @self: the reference data
 * @kind: which list
 *
 * Whether the server refused this list to the account's role (a Technician may not list users
 * or services). The list then comes from what the role may read: the assignees of the tickets
 * it can read, the services of the time entries it can read. The refused route is not asked
 * again for a day.
 *
 * Returns: %TRUE if @kind was refused
 */
gboolean
alga_reference_data_is_refused (AlgaReferenceData *self,
                                AlgaReferenceKind  kind)
{
  g_return_val_if_fail (ALGA_IS_REFERENCE_DATA (self), FALSE);
  g_return_val_if_fail (kind <= ALGA_REFERENCE_BOARDS, FALSE);

  return has_fallback (kind) && is_refused (self, kind);
}

/**
 * alga_reference_data_get_finish:
 * @self: the reference data
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer container): the list; do not modify it, other callers share its items
 */
GPtrArray *
alga_reference_data_get_finish (AlgaReferenceData  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
