/* alga-credentials.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_CREDENTIALS (alga_credentials_get_type ())

G_DECLARE_INTERFACE (AlgaCredentials, alga_credentials, ALGA, CREDENTIALS, GObject)

/**
 * AlgaCredentialsInterface:
 * @dup_access_key: the key to send as `x-api-key` now, or %NULL when signed out
 * @dup_tenant_id: the tenant to send as `x-tenant-id`, or %NULL to let the key decide
 * @needs_refresh: whether the access key expires within the refresh margin (60 s)
 * @refresh_async: get a fresh access key; @rejected_key is the key a request was refused
 *   with (or %NULL for a refresh ahead of expiry). Implementations keep a single refresh in
 *   flight: callers that arrive while one runs wait for it, and a caller whose @rejected_key is
 *   no longer the current key completes at once, since someone already refreshed.
 * @refresh_finish: %TRUE when a new key is in place; an error of %ALGA_API_ERROR_SESSION_ENDED
 *   when the session cannot go on (the caller must not try again)
 *
 * What #AlgaClient asks of whoever holds the tokens. #AlgaSession implements it; tests may
 * implement it with a fixed key.
 */
struct _AlgaCredentialsInterface
{
  GTypeInterface parent_iface;

  char     *(*dup_access_key) (AlgaCredentials     *self);
  char     *(*dup_tenant_id)  (AlgaCredentials     *self);
  gboolean  (*needs_refresh)  (AlgaCredentials     *self);
  void      (*refresh_async)  (AlgaCredentials     *self,
                               const char          *rejected_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  gboolean  (*refresh_finish) (AlgaCredentials     *self,
                               GAsyncResult        *result,
                               GError             **error);
};

char     *alga_credentials_dup_access_key (AlgaCredentials     *self);
char     *alga_credentials_dup_tenant_id  (AlgaCredentials     *self);
gboolean  alga_credentials_needs_refresh  (AlgaCredentials     *self);
void      alga_credentials_refresh_async  (AlgaCredentials     *self,
                                           const char          *rejected_key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  alga_credentials_refresh_finish (AlgaCredentials     *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
