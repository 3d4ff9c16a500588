/* alga-token-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-token-bundle.h"

G_BEGIN_DECLS

#define ALGA_TOKEN_STORE_ERROR (alga_token_store_error_quark ())

/**
 * AlgaTokenStoreError:
 * @ALGA_TOKEN_STORE_ERROR_UNAVAILABLE: no keyring (Secret Service or portal) answers
 * @ALGA_TOKEN_STORE_ERROR_LOCKED: the keyring is locked and was not unlocked
 * @ALGA_TOKEN_STORE_ERROR_CORRUPT: a stored item could not be read back
 * @ALGA_TOKEN_STORE_ERROR_FAILED: the keyring refused for another reason
 *
 * Why the sign-in could not be kept or read back. Not an #AlgaApiError: no server is involved.
 */
typedef enum
{
  ALGA_TOKEN_STORE_ERROR_UNAVAILABLE,
  ALGA_TOKEN_STORE_ERROR_LOCKED,
  ALGA_TOKEN_STORE_ERROR_CORRUPT,
  ALGA_TOKEN_STORE_ERROR_FAILED,
} AlgaTokenStoreError;

GQuark alga_token_store_error_quark (void);

#define ALGA_TYPE_TOKEN_STORE (alga_token_store_get_type ())

G_DECLARE_INTERFACE (AlgaTokenStore, alga_token_store, ALGA, TOKEN_STORE, GObject)

/**
 * AlgaTokenStoreInterface:
 * @save_async: keep @bundle, replacing what was kept for the same server and user
 * @save_finish: %TRUE when kept
 * @load_async: read back the account of @server_url, or with %NULL the most recently saved one
 * @load_finish: the bundle, or %NULL without an error when nothing is kept
 * @delete_async: forget the account; forgetting what is not kept is not an error
 * @delete_finish: %TRUE when nothing is kept any more
 *
 * Where an #AlgaSession keeps its #AlgaTokenBundle between runs.
 */
struct _AlgaTokenStoreInterface
{
  GTypeInterface parent_iface;

  void              (*save_async)    (AlgaTokenStore       *self,
                                      AlgaTokenBundle      *bundle,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  gboolean          (*save_finish)   (AlgaTokenStore       *self,
                                      GAsyncResult         *result,
                                      GError              **error);
  void              (*load_async)    (AlgaTokenStore       *self,
                                      const char           *server_url,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  AlgaTokenBundle  *(*load_finish)   (AlgaTokenStore       *self,
                                      GAsyncResult         *result,
                                      GError              **error);
  void              (*delete_async)  (AlgaTokenStore       *self,
                                      const char           *server_url,
                                      const char           *user_id,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  gboolean          (*delete_finish) (AlgaTokenStore       *self,
                                      GAsyncResult         *result,
                                      GError              **error);
};

void              alga_token_store_save_async    (AlgaTokenStore       *self,
                                                  AlgaTokenBundle      *bundle,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          alga_token_store_save_finish   (AlgaTokenStore       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              alga_token_store_load_async    (AlgaTokenStore       *self,
                                                  const char           *server_url,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AlgaTokenBundle  *alga_token_store_load_finish   (AlgaTokenStore       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              alga_token_store_delete_async  (AlgaTokenStore       *self,
                                                  const char           *server_url,
                                                  const char           *user_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          alga_token_store_delete_finish (AlgaTokenStore       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
