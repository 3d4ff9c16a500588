/* alga-token-store-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-token-store-memory"

#include "config.h"

#include "alga-token-store-memory.h"

/* Keeps bundles for the life of the process: for tests, and for runs without a keyring, where
 * the technician signs in again next time. */
struct _AlgaTokenStoreMemory
{
  GObject    parent_instance;

  /* AlgaTokenBundle, oldest save first. */
  GPtrArray *bundles;
};

static void token_store_iface_init (AlgaTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaTokenStoreMemory, alga_token_store_memory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ALGA_TYPE_TOKEN_STORE,
                                                      token_store_iface_init))

static gboolean
find_account (AlgaTokenStoreMemory *self,
              const char           *server_url,
              const char           *user_id,
              guint                *index)
{
  for (guint i = 0; i < self->bundles->len; i++)
    {
      AlgaTokenBundle *bundle = g_ptr_array_index (self->bundles, i);

      if (g_str_equal (alga_token_bundle_get_server_url (bundle), server_url)
          && g_str_equal (alga_token_bundle_get_user_id (bundle), user_id))
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Answers go through a GTask even though they are ready, so callers see the same order of
 * events (callback from the main loop, never re-entrantly) as with the keyring. */
static void
alga_token_store_memory_save_async (AlgaTokenStore      *store,
                                    AlgaTokenBundle     *bundle,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  AlgaTokenStoreMemory *self = ALGA_TOKEN_STORE_MEMORY (store);
  g_autoptr(GTask) task = NULL;
  guint index;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_token_store_memory_save_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (find_account (self, alga_token_bundle_get_server_url (bundle),
                    alga_token_bundle_get_user_id (bundle), &index))
    g_ptr_array_remove_index (self->bundles, index);
  g_ptr_array_add (self->bundles, alga_token_bundle_ref (bundle));

  g_task_return_boolean (task, TRUE);
}

static gboolean
alga_token_store_memory_save_finish (AlgaTokenStore  *store,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
alga_token_store_memory_load_async (AlgaTokenStore      *store,
                                    const char          *server_url,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  AlgaTokenStoreMemory *self = ALGA_TOKEN_STORE_MEMORY (store);
  g_autoptr(GTask) task = NULL;
  AlgaTokenBundle *found = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_token_store_memory_load_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  for (guint i = self->bundles->len; i > 0 && found == NULL; i--)
    {
      AlgaTokenBundle *bundle = g_ptr_array_index (self->bundles, i - 1);

      if (server_url == NULL
          || g_str_equal (alga_token_bundle_get_server_url (bundle), server_url))
        found = bundle;
    }

  g_task_return_pointer (task,
                         found != NULL ? alga_token_bundle_ref (found) : NULL,
                         (GDestroyNotify) alga_token_bundle_unref);
}

static AlgaTokenBundle *
alga_token_store_memory_load_finish (AlgaTokenStore  *store,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
alga_token_store_memory_delete_async (AlgaTokenStore      *store,
                                      const char          *server_url,
                                      const char          *user_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AlgaTokenStoreMemory *self = ALGA_TOKEN_STORE_MEMORY (store);
  g_autoptr(GTask) task = NULL;
  guint index;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_token_store_memory_delete_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (find_account (self, server_url, user_id, &index))
    g_ptr_array_remove_index (self->bundles, index);

  g_task_return_boolean (task, TRUE);
}

static gboolean
alga_token_store_memory_delete_finish (AlgaTokenStore  *store,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
token_store_iface_init (AlgaTokenStoreInterface *iface)
{
  iface->save_async = alga_token_store_memory_save_async;
  iface->save_finish = alga_token_store_memory_save_finish;
  iface->load_async = alga_token_store_memory_load_async;
  iface->load_finish = alga_token_store_memory_load_finish;
  iface->delete_async = alga_token_store_memory_delete_async;
  iface->delete_finish = alga_token_store_memory_delete_finish;
}

static void
alga_token_store_memory_finalize (GObject *object)
{
  AlgaTokenStoreMemory *self = ALGA_TOKEN_STORE_MEMORY (object);

  g_clear_pointer (&self->bundles, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_token_store_memory_parent_class)->finalize (object);
}

static void
alga_token_store_memory_class_init (AlgaTokenStoreMemoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_token_store_memory_finalize;
}

static void
alga_token_store_memory_init (AlgaTokenStoreMemory *self)
{
  self->bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) alga_token_bundle_unref);
}

AlgaTokenStore *
alga_token_store_memory_new (void)
{
  return g_object_new (ALGA_TYPE_TOKEN_STORE_MEMORY, NULL);
}

/**
 * alga_token_store_memory_get_count:
 * @self: a memory store
 *
 * Returns: how many accounts are kept, for tests
 */
guint
alga_token_store_memory_get_count (AlgaTokenStoreMemory *self)
{
  g_return_val_if_fail (ALGA_IS_TOKEN_STORE_MEMORY (self), 0);

  return self->bundles->len;
}
