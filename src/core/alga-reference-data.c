/* alga-reference-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-reference-data"

#include "config.h"

#include "alga-reference-data.h"

#include "alga-board.h"
#include "alga-priority.h"
#include "alga-service.h"
#include "alga-status.h"
#include "alga-user.h"

#define USERS_LIMIT 100

struct _AlgaReferenceData
{
  GObject     parent_instance;

  AlgaClient *client;
  AlgaCache  *cache;
  GTimeSpan   lifetime;
  GHashTable *entries;   /* "kind\nscope" → Entry */
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

  if (objects != NULL)
    {
      g_autoptr(GError) cache_error = NULL;

      g_clear_pointer (&entry->objects, g_ptr_array_unref);
      entry->objects = g_ptr_array_ref (objects);
      entry->fetched_at = g_get_real_time ();

      if (self->cache != NULL &&
          !alga_cache_store_objects (self->cache, kind_names[entry->kind], entry->scope, objects,
                                     &cache_error))
        g_debug ("Could not cache %s: %s", kind_names[entry->kind], cache_error->message);
    }
  else
    {
      /* Old data beats none; it will be asked for again next time. */
      g_debug ("Could not fetch %s: %s", kind_names[entry->kind], error->message);
    }

  finish_waiters (entry, error);
}

static void
start_fetch (AlgaReferenceData *self,
             Entry             *entry)
{
  FetchData *data = g_new0 (FetchData, 1);

  data->self = g_object_ref (self);
  data->entry = entry;

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
