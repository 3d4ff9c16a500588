/* alga-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "alga-credentials.h"

G_BEGIN_DECLS

#define ALGA_TYPE_CLIENT (alga_client_get_type ())

G_DECLARE_FINAL_TYPE (AlgaClient, alga_client, ALGA, CLIENT, GObject)

/**
 * AlgaRequestFlags:
 * @ALGA_REQUEST_DEFAULT: send the credentials' key, refresh on 401, retry what may be retried
 * @ALGA_REQUEST_NO_AUTH: send no `x-api-key`/`x-tenant-id` and never refresh (mobile-auth calls)
 * @ALGA_REQUEST_NO_RETRY: never retry on 5xx, network errors or timeouts, even for GET (a 429
 *   is still waited for and tried once more, since the server did nothing)
 *
 * See alga_client_request_async() for what each request does.
 */
typedef enum
{
  ALGA_REQUEST_DEFAULT  = 0,
  ALGA_REQUEST_NO_AUTH  = 1 << 0,
  ALGA_REQUEST_NO_RETRY = 1 << 1,
} AlgaRequestFlags;

/* The largest answer body the client accepts (32 MiB); a larger one is a BAD_RESPONSE. */
#define ALGA_CLIENT_MAX_BODY_SIZE (32 * 1024 * 1024)

AlgaClient  *alga_client_new                  (const char           *base_url,
                                               GError              **error);

const char  *alga_client_get_base_url         (AlgaClient           *self);
SoupSession *alga_client_get_session          (AlgaClient           *self);

void         alga_client_set_credentials      (AlgaClient           *self,
                                               AlgaCredentials      *credentials);

guint        alga_client_get_timeout          (AlgaClient           *self);
void         alga_client_set_timeout          (AlgaClient           *self,
                                               guint                 seconds);

void         alga_client_set_retry_policy     (AlgaClient           *self,
                                               guint                 max_attempts,
                                               guint                 base_delay_ms);

void         alga_client_request_async        (AlgaClient           *self,
                                               const char           *method,
                                               const char           *path,
                                               const char           *query,
                                               JsonNode             *body,
                                               AlgaRequestFlags      flags,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
JsonNode    *alga_client_request_finish       (AlgaClient           *self,
                                               GAsyncResult         *result,
                                               GError              **error);
JsonNode    *alga_client_request_finish_full  (AlgaClient           *self,
                                               GAsyncResult         *result,
                                               guint                *status_out,
                                               guint                *retry_after_out,
                                               GError              **error);

G_END_DECLS
