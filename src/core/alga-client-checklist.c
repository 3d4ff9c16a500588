/* alga-client-checklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's checklist (docs/API.md, Checklist and close rules). Both write bodies are strict
 * on the server: only the members below are sent.
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client-checklist.h"
#include "alga-client-call.h"

/**
 * alga_client_list_checklist_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the ticket's checklist in its order.
 */
void
alga_client_list_checklist_async (AlgaClient          *self,
                                  const char          *ticket_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);

  path = alga_client_call_ticket_path (ticket_id, "/checklist");
  alga_client_call (self, alga_client_list_checklist_async, "GET", path, NULL, NULL,
                    ALGA_CLIENT_CALL_ARRAY, (AlgaJsonDecodeFunc) alga_checklist_item_new_from_json,
                    cancellable, callback, user_data);
}

/**
 * alga_client_list_checklist_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaChecklistItem): the items
 */
GPtrArray *
alga_client_list_checklist_finish (AlgaClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_checklist_async, error);
}

/**
 * alga_client_add_checklist_item_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket
 * @name: the item's name (not blank)
 * @is_required: whether closing waits for it; always sent, since the server's default is %TRUE
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds an item at the end of the checklist.
 */
void
alga_client_add_checklist_item_async (AlgaClient          *self,
                                      const char          *ticket_id,
                                      const char          *name,
                                      gboolean             is_required,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && name != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "item_name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "is_required");
  json_builder_add_boolean_value (builder, is_required);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = alga_client_call_ticket_path (ticket_id, "/checklist");
  alga_client_call (self, alga_client_add_checklist_item_async, "POST", path, body, ticket_id,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_checklist_item_new_from_json,
                    cancellable, callback, user_data);
}

/**
 * alga_client_add_checklist_item_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new item
 */
AlgaChecklistItem *
alga_client_add_checklist_item_finish (AlgaClient    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_add_checklist_item_async, error);
}

/**
 * alga_client_set_checklist_item_done_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket
 * @item_id: one of its items
 * @completed: ticked or not
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Ticks or unticks an item. Sending the value it already has changes nothing.
 */
void
alga_client_set_checklist_item_done_async (AlgaClient          *self,
                                           const char          *ticket_id,
                                           const char          *item_id,
                                           gboolean             completed,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && item_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "completed");
  json_builder_add_boolean_value (builder, completed);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  escaped = g_uri_escape_string (item_id, NULL, FALSE);
  suffix = g_strconcat ("/checklist/", escaped, NULL);
  path = alga_client_call_ticket_path (ticket_id, suffix);
  alga_client_call (self, alga_client_set_checklist_item_done_async, "PATCH", path, body, ticket_id,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_checklist_item_new_from_json,
                    cancellable, callback, user_data);
}

/**
 * alga_client_set_checklist_item_done_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the item as the server now has it
 */
AlgaChecklistItem *
alga_client_set_checklist_item_done_finish (AlgaClient    *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_set_checklist_item_done_async, error);
}
