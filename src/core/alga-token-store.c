/* alga-token-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-token-store"

#include "config.h"

#include <string.h>

#include "alga-token-store.h"

G_DEFINE_QUARK (alga-token-store-error-quark, alga_token_store_error)

G_DEFINE_INTERFACE (AlgaTokenStore, alga_token_store, G_TYPE_OBJECT)

static void
alga_token_store_default_init (AlgaTokenStoreInterface *iface)
{
}

/* As alga_token_bundle_new() keeps it: keyring attributes match exactly. */
static char *
normalize_server_url (const char *server_url)
{
  gsize len;

  if (server_url == NULL)
    return NULL;

  len = strlen (server_url);
  while (len > 1 && server_url[len - 1] == '/')
    len--;

  return g_strndup (server_url, len);
}

void
alga_token_store_save_async (AlgaTokenStore      *self,
                             AlgaTokenBundle     *bundle,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_TOKEN_STORE (self));
  g_return_if_fail (bundle != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  ALGA_TOKEN_STORE_GET_IFACE (self)->save_async (self, bundle, cancellable, callback, user_data);
}

gboolean
alga_token_store_save_finish (AlgaTokenStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (ALGA_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return ALGA_TOKEN_STORE_GET_IFACE (self)->save_finish (self, result, error);
}

/**
 * alga_token_store_load_async:
 * @self: a token store
 * @server_url: (nullable): the server whose account to load, or %NULL for the most recent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
alga_token_store_load_async (AlgaTokenStore      *self,
                             const char          *server_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *url = NULL;

  g_return_if_fail (ALGA_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  url = normalize_server_url (server_url);
  ALGA_TOKEN_STORE_GET_IFACE (self)->load_async (self, url, cancellable, callback, user_data);
}

/**
 * alga_token_store_load_finish:
 * @self: a token store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the bundle; %NULL and no error when none is kept
 */
AlgaTokenBundle *
alga_token_store_load_finish (AlgaTokenStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (ALGA_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return ALGA_TOKEN_STORE_GET_IFACE (self)->load_finish (self, result, error);
}

void
alga_token_store_delete_async (AlgaTokenStore      *self,
                               const char          *server_url,
                               const char          *user_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *url = NULL;

  g_return_if_fail (ALGA_IS_TOKEN_STORE (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (user_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  url = normalize_server_url (server_url);
  ALGA_TOKEN_STORE_GET_IFACE (self)->delete_async (self, url, user_id, cancellable, callback,
                                                   user_data);
}

gboolean
alga_token_store_delete_finish (AlgaTokenStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (ALGA_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return ALGA_TOKEN_STORE_GET_IFACE (self)->delete_finish (self, result, error);
}
