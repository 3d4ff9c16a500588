/* alga-client-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mobile-auth calls (docs/API.md, Signing in): whether the server offers the browser
 * sign-in, the one-time token traded for a key, and the refresh and revocation of that key.
 * They send no key and answer bare objects.
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client.h"
#include "alga-client-call.h"

static void
post_mobile_auth (AlgaClient          *self,
                  gpointer             source_tag,
                  const char          *path,
                  JsonNode            *body,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  /* Never repeated: a one-time token is spent by the first try, and a refresh token is
   * rotated by it, whether or not the answer arrives. */
  alga_client_call_full (self, source_tag, "POST", path, NULL, body,
                         ALGA_REQUEST_NO_AUTH | ALGA_REQUEST_NO_RETRY, NULL,
                         ALGA_CLIENT_CALL_BARE_OBJECT, NULL, cancellable, callback, user_data);
}

/**
 * alga_client_get_capabilities_async:
 * @self: a #AlgaClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks the server whether it offers the browser sign-in (`enabled`, `providers`, the TTLs).
 */
void
alga_client_get_capabilities_async (AlgaClient          *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  alga_client_call_full (self, alga_client_get_capabilities_async, "GET",
                         "/api/v1/mobile/auth/capabilities", NULL, NULL, ALGA_REQUEST_NO_AUTH,
                         NULL, ALGA_CLIENT_CALL_BARE_OBJECT, NULL, cancellable, callback,
                         user_data);
}

/**
 * alga_client_get_capabilities_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the bare capabilities object
 */
JsonObject *
alga_client_get_capabilities_finish (AlgaClient    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_get_capabilities_async, error);
}

/**
 * alga_client_exchange_ott_async:
 * @self: a #AlgaClient
 * @ott: the one-time token from the sign-in callback
 * @state: the state this app gave the handoff
 * @device: (nullable): `{platform, appVersion, buildVersion, deviceId}`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Trades a one-time token for an access key and a refresh token.
 */
void
alga_client_exchange_ott_async (AlgaClient          *self,
                                const char          *ott,
                                const char          *state,
                                JsonObject          *device,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ott != NULL);
  g_return_if_fail (state != NULL);

  json_object_set_string_member (object, "ott", ott);
  json_object_set_string_member (object, "state", state);
  if (device != NULL)
    json_object_set_object_member (object, "device", json_object_ref (device));
  body = json_node_init_object (json_node_alloc (), object);

  post_mobile_auth (self, alga_client_exchange_ott_async, "/api/v1/mobile/auth/exchange", body,
                    cancellable, callback, user_data);
}

/**
 * alga_client_exchange_ott_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): `{accessToken, refreshToken, expiresInSec, tenantId, user}`
 */
JsonObject *
alga_client_exchange_ott_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_exchange_ott_async, error);
}

static JsonNode *
refresh_token_body (const char *refresh_token)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "refreshToken", refresh_token);
  return json_node_init_object (json_node_alloc (), object);
}

/**
 * alga_client_refresh_tokens_async:
 * @self: a #AlgaClient
 * @refresh_token: the current refresh token, which the server rotates
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets a new access key and refresh token; the old access key stops working at once.
 */
void
alga_client_refresh_tokens_async (AlgaClient          *self,
                                  const char          *refresh_token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (refresh_token != NULL);

  body = refresh_token_body (refresh_token);
  post_mobile_auth (self, alga_client_refresh_tokens_async, "/api/v1/mobile/auth/refresh", body,
                    cancellable, callback, user_data);
}

/**
 * alga_client_refresh_tokens_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): `{accessToken, refreshToken, expiresInSec}`
 */
JsonObject *
alga_client_refresh_tokens_finish (AlgaClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_refresh_tokens_async, error);
}

/**
 * alga_client_revoke_async:
 * @self: a #AlgaClient
 * @refresh_token: the refresh token to revoke, with its access key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Ends a mobile session on the server. It answers `{"ok":true}` even for unknown tokens.
 */
void
alga_client_revoke_async (AlgaClient          *self,
                          const char          *refresh_token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (refresh_token != NULL);

  body = refresh_token_body (refresh_token);
  post_mobile_auth (self, alga_client_revoke_async, "/api/v1/mobile/auth/revoke", body,
                    cancellable, callback, user_data);
}

/**
 * alga_client_revoke_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the bare answer, `{"ok":true}`
 */
JsonObject *
alga_client_revoke_finish (AlgaClient    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_revoke_async, error);
}
