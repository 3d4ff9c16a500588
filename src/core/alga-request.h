/* alga-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request's life inside AlgaClient: build, send, read (bounded), retry, refresh, decode.
 * Private to the client; the tests use the decoders directly.
 */

#pragma once

#include "alga-client.h"

G_BEGIN_DECLS

/* Internal to src/core: the 2xx body is returned as GBytes, unparsed, for a caller with its
 * own decoder (the pages of tickets, alga-ticket-page.c). */
#define ALGA_REQUEST_RAW_BODY ((AlgaRequestFlags) (1 << 16))

void      alga_request_start             (GTask             *task,
                                          AlgaClient        *client,
                                          const char        *method,
                                          GUri              *uri,
                                          JsonNode          *body,
                                          AlgaRequestFlags   flags);
JsonNode *alga_request_propagate         (GTask             *task,
                                          guint             *status_out,
                                          guint             *retry_after_out,
                                          GError           **error);

GError   *alga_request_error_from_response (guint            status,
                                            const char      *reason,
                                            const char      *content_type,
                                            GBytes          *body);
GError   *alga_request_error_from_transport (const GError   *error);
guint     alga_request_parse_retry_after (const char        *value);

G_END_DECLS
