/* alga-client-call.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One API call of the client's typed endpoints: the request, its answer decoded, and
 * AlgaClient::ticket-changed announced for a write. The machinery is in alga-client.c; the
 * endpoints, one file a group (tickets, time, reference data, sign-in, documents, checklist,
 * threads), all go through it: one decoder, one announcement of ticket writes. Internal to
 * src/core.
 */

#pragma once

#include "alga-client.h"
#include "alga-json.h"

G_BEGIN_DECLS

typedef enum
{
  ALGA_CLIENT_CALL_OBJECT,       /* {"data": {…}} → one model */
  ALGA_CLIENT_CALL_ARRAY,        /* {"data": […]} → GPtrArray of models */
  ALGA_CLIENT_CALL_NODE,         /* {"data": …} → the JsonNode as it is */
  ALGA_CLIENT_CALL_PAGINATED,    /* {"data": […], "pagination": {…}} → GPtrArray + AlgaPagination */
  ALGA_CLIENT_CALL_BARE_OBJECT,  /* {…} → JsonObject (mobile auth) */
  ALGA_CLIENT_CALL_TICKET_PAGE,  /* as ..._PAGINATED, from the bytes by alga_ticket_page_decode() */
} AlgaClientCallKind;

/* The task data of a call. A call made of several requests (a status change, an attributes
 * merge, a new ticket) keeps what it needs between them in the last members. */
typedef struct
{
  AlgaClientCallKind  kind;
  AlgaJsonDecodeFunc  decode;
  AlgaPagination     *pagination;
  char               *ticket_id;     /* update_attributes: the ticket */
  char               *ticket_path;   /* update_attributes, set_status, create_ticket: its path */
  JsonObject         *changes;       /* update_attributes: what to merge */
  JsonNode           *written;       /* set_status, create_ticket: the write's answer, if the
                                      * read after it fails */
  AlgaQuiet           quiet;         /* update_attributes: whom the server should not tell */
} AlgaClientCall;

/* @written_ticket_id: the ticket the call writes, or %NULL. The watcher is told of a write, so
 * that it does not announce the change back to the technician who made it. */
void     alga_client_call             (AlgaClient          *client,
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
/* As alga_client_call(), with a query string and #AlgaRequestFlags. */
void     alga_client_call_full        (AlgaClient          *client,
                                       gpointer             source_tag,
                                       const char          *method,
                                       const char          *path,
                                       const char          *query,
                                       JsonNode            *body,
                                       AlgaRequestFlags     flags,
                                       const char          *written_ticket_id,
                                       AlgaClientCallKind   kind,
                                       AlgaJsonDecodeFunc   decode,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gpointer alga_client_call_finish      (AlgaClient          *client,
                                       GAsyncResult        *result,
                                       gpointer             source_tag,
                                       GError             **error);
/* @pagination: (out) (optional): a copy of the page's position, for ..._PAGINATED and
 * ..._TICKET_PAGE calls; %NULL when the server sent none. */
gpointer alga_client_call_finish_full (AlgaClient          *client,
                                       GAsyncResult        *result,
                                       gpointer             source_tag,
                                       AlgaPagination     **pagination,
                                       GError             **error);

/* The parts of a call, for the calls made of several requests. */

/* A task on @client whose data is an #AlgaClientCall, finished by alga_client_call_finish(). */
GTask   *alga_client_call_task_new    (AlgaClient          *client,
                                       gpointer             source_tag,
                                       AlgaClientCallKind   kind,
                                       AlgaJsonDecodeFunc   decode,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Sends a request as alga_client_request_async() does, and announces @written_ticket_id. */
void     alga_client_send_request     (AlgaClient          *client,
                                       const char          *method,
                                       const char          *path,
                                       const char          *query,
                                       JsonNode            *body,
                                       AlgaRequestFlags     flags,
                                       const char          *written_ticket_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The callback for alga_client_send_request() whose answer a task decodes; @user_data is the
 * task (a reference it takes over). */
void     alga_client_call_answered_cb (GObject             *source,
                                       GAsyncResult        *result,
                                       gpointer             user_data);
/* Decodes @root as the task's #AlgaClientCall says, and returns the task. */
void     alga_client_call_return      (GTask               *task,
                                       JsonNode            *root);
/* The `data` member of an envelope, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE. */
JsonNode *alga_client_call_get_data   (JsonNode            *root,
                                       GError             **error);

/* "/api/v1/tickets/<id><suffix>", the id escaped. */
char    *alga_client_call_ticket_path (const char *ticket_id,
                                       const char *suffix);

/* Appends `name=value` to a query string (after a `&` unless it is the first), the value
 * escaped. */
void     alga_client_call_append_param      (GString    *query,
                                             const char *name,
                                             const char *value);
void     alga_client_call_append_uint_param (GString    *query,
                                             const char *name,
                                             guint       value);

G_END_DECLS
