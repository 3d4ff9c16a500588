/* alga-client-call.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One API call of the client's typed endpoints that live outside alga-client.c (documents,
 * checklist, threads): the request, the `data` member decoded, and AlgaClient::ticket-changed
 * announced for a write. Internal to src/core; made by the same code as the endpoints of
 * alga-client.c.
 */

#pragma once

#include "alga-client.h"
#include "alga-json.h"

G_BEGIN_DECLS

typedef enum
{
  ALGA_CLIENT_CALL_OBJECT,  /* `data` is one object: decode it */
  ALGA_CLIENT_CALL_ARRAY,   /* `data` is an array: a GPtrArray of decoded items */
  ALGA_CLIENT_CALL_NODE,    /* `data` as it is: a JsonNode */
} AlgaClientCallKind;

void     alga_client_call        (AlgaClient          *client,
                                  gpointer             source_tag,
                                  const char          *method,
                                  const char          *path,
                                  JsonNode            *body,
                                  const char          *written_ticket_id,
                                  AlgaClientCallKind   kind,
                                  AlgaJsonDecodeFunc   decode,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gpointer alga_client_call_finish (AlgaClient          *client,
                                  GAsyncResult        *result,
                                  gpointer             source_tag,
                                  GError             **error);

/* "/api/v1/tickets/<id><suffix>", the id escaped. */
char    *alga_client_call_ticket_path (const char *ticket_id,
                                       const char *suffix);

G_END_DECLS
