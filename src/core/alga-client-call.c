/* alga-client-call.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client-call.h"
#include "alga-error.h"

typedef struct
{
  char               *ticket_id;
  AlgaClientCallKind  kind;
  AlgaJsonDecodeFunc  decode;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_free (call->ticket_id);
  g_free (call);
}

static void
on_request_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  JsonNode *data;

  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "data") : NULL;
  if (data == NULL)
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                               "The answer has no data member");
      return;
    }
  if (call->ticket_id != NULL)
    g_signal_emit_by_name (source, "ticket-changed", call->ticket_id);

  switch (call->kind)
    {
    case ALGA_CLIENT_CALL_OBJECT:
      {
        gpointer value = call->decode (data, &error);

        if (value == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, value, g_object_unref);
      }
      break;

    case ALGA_CLIENT_CALL_ARRAY:
      {
        GPtrArray *array = alga_json_decode_array (data, call->decode, &error);

        if (array == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, array, (GDestroyNotify) g_ptr_array_unref);
      }
      break;

    case ALGA_CLIENT_CALL_NODE:
    default:
      g_task_return_pointer (task, json_node_copy (data), (GDestroyNotify) json_node_unref);
      break;
    }
}

void
alga_client_call (AlgaClient          *client,
                  gpointer             source_tag,
                  const char          *method,
                  const char          *path,
                  JsonNode            *body,
                  const char          *written_ticket_id,
                  AlgaClientCallKind   kind,
                  AlgaJsonDecodeFunc   decode,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->ticket_id = g_strdup (written_ticket_id);
  call->kind = kind;
  call->decode = decode;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, call_free);

  /* Writes are never repeated: the server may have done the work. */
  alga_client_request_async (client, method, path, NULL, body,
                             written_ticket_id != NULL ? ALGA_REQUEST_NO_RETRY : ALGA_REQUEST_DEFAULT,
                             cancellable, on_request_done_cb, g_steal_pointer (&task));
}

gpointer
alga_client_call_finish (AlgaClient    *client,
                         GAsyncResult  *result,
                         gpointer       source_tag,
                         GError       **error)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
alga_client_call_ticket_path (const char *ticket_id,
                              const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (ticket_id, NULL, FALSE);

  return g_strconcat ("/api/v1/tickets/", escaped, suffix, NULL);
}
