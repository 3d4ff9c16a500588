/* alga-client-tickets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tickets (docs/API.md, Tickets, A new ticket, Notifications): a page of the list and the counts,
 * a ticket's detail, its comments, its changes (status, assignee, priority, fields, attributes),
 * a new ticket, and the notifications that tell of them.
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client.h"

#include <string.h>

#include "alga-blocknote.h"
#include "alga-client-call.h"

/**
 * alga_client_list_tickets_async:
 * @self: a #AlgaClient
 * @query: (nullable): filters, sort and fields; %NULL for the defaults of #AlgaTicketQuery
 * @page: the page, from 1
 * @limit: tickets per page, 1 to 100
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets one page of `GET /api/v1/tickets`.
 */
void
alga_client_list_tickets_async (AlgaClient          *self,
                                AlgaTicketQuery     *query,
                                guint                page,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(AlgaTicketQuery) default_query = NULL;
  g_autofree char *query_string = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));

  if (query == NULL)
    query = default_query = alga_ticket_query_new ();
  query_string = alga_ticket_query_to_string (query, MAX (page, 1), CLAMP (limit, 1, 100));

  alga_client_call_full (self, alga_client_list_tickets_async, "GET", "/api/v1/tickets",
                         query_string, NULL, ALGA_REQUEST_DEFAULT, NULL,
                         ALGA_CLIENT_CALL_TICKET_PAGE, NULL, cancellable, callback, user_data);
}

/**
 * alga_client_list_tickets_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @pagination: (out) (optional) (transfer full) (nullable): the page's position, if the server
 *   sent one
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaTicket): the tickets of the page
 */
GPtrArray *
alga_client_list_tickets_finish (AlgaClient      *self,
                                 GAsyncResult    *result,
                                 AlgaPagination **pagination,
                                 GError         **error)
{
  return alga_client_call_finish_full (self, result, alga_client_list_tickets_async, pagination,
                                       error);
}

/**
 * alga_client_get_ticket_stats_async:
 * @self: a #AlgaClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets `GET /api/v1/tickets/stats`; slow on the server, so call it sparingly.
 */
void
alga_client_get_ticket_stats_async (AlgaClient          *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  alga_client_call (self, alga_client_get_ticket_stats_async, "GET", "/api/v1/tickets/stats",
                    NULL, NULL, ALGA_CLIENT_CALL_OBJECT,
                    (AlgaJsonDecodeFunc) alga_ticket_stats_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTicketStats *
alga_client_get_ticket_stats_finish (AlgaClient    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_get_ticket_stats_async, error);
}

/**
 * alga_client_get_ticket_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the detail of one ticket.
 */
void
alga_client_get_ticket_async (AlgaClient          *self,
                              const char          *ticket_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);

  path = alga_client_call_ticket_path (ticket_id, NULL);
  alga_client_call (self, alga_client_get_ticket_async, "GET", path, NULL, NULL,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTicket *
alga_client_get_ticket_finish (AlgaClient    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_get_ticket_async, error);
}

/**
 * alga_client_list_comments_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @offset: comments to skip
 * @limit: comments to get, 1 to 200, or 0 for the server's default
 * @markdown: whether to ask for `content_format=markdown` (useless for comments written
 *   through the API, whose markdown_content is null)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the comments of a ticket, oldest first. There is no total: ask until a page is short.
 */
void
alga_client_list_comments_async (AlgaClient          *self,
                                 const char          *ticket_id,
                                 guint                offset,
                                 guint                limit,
                                 gboolean             markdown,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);

  if (offset > 0)
    alga_client_call_append_uint_param (query, "offset", offset);
  if (limit > 0)
    alga_client_call_append_uint_param (query, "limit", MIN (limit, 200));
  if (markdown)
    alga_client_call_append_param (query, "content_format", "markdown");

  path = alga_client_call_ticket_path (ticket_id, "/comments");
  alga_client_call_full (self, alga_client_list_comments_async, "GET", path, query->str, NULL,
                         ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_ARRAY,
                         (AlgaJsonDecodeFunc) alga_comment_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_comments_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaComment): the comments
 */
GPtrArray *
alga_client_list_comments_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_comments_async, error);
}

/* The server keeps plain text in one <p>, so the web shows a multi-line comment run together;
 * BlockNote paragraphs and list items keep its shape. Text that starts like JSON would be taken
 * for BlockNote and must be wrapped too. */
char *
alga_client_comment_text_for_server (const char *text)
{
  const char *start = text;

  while (g_ascii_isspace (*start))
    start++;

  if (strchr (text, '\n') != NULL || *start == '[' || *start == '{' ||
      g_str_has_prefix (start, "- ") || g_str_has_prefix (start, "* "))
    return alga_blocknote_from_typed_text (text);

  return g_strdup (text);
}

/**
 * alga_client_post_comment_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @text: the comment as the technician typed it (plain text, up to 5000 characters)
 * @is_internal: whether only staff see it
 * @is_resolution: whether it resolves the ticket
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Posts a comment. Multi-line text goes as BlockNote paragraphs, one per line; a single line
 * goes as is. Never retried: a repeat would post it twice.
 */
void
alga_client_post_comment_async (AlgaClient          *self,
                                const char          *ticket_id,
                                const char          *text,
                                gboolean             is_internal,
                                gboolean             is_resolution,
                                AlgaQuiet            quiet,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *comment_text = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (text != NULL);

  comment_text = alga_client_comment_text_for_server (text);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "comment_text");
  json_builder_add_string_value (builder, comment_text);
  json_builder_set_member_name (builder, "is_internal");
  json_builder_add_boolean_value (builder, is_internal);
  json_builder_set_member_name (builder, "is_resolution");
  json_builder_add_boolean_value (builder, is_resolution);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  alga_quiet_add_to_body (quiet, json_node_get_object (body));

  path = alga_client_call_ticket_path (ticket_id, "/comments");
  alga_client_call (self, alga_client_post_comment_async, "POST", path, body, ticket_id,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_comment_new_from_json,
                    cancellable, callback, user_data);
}

AlgaComment *
alga_client_post_comment_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_post_comment_async, error);
}

static void
put_ticket_member (AlgaClient          *self,
                   gpointer             source_tag,
                   const char          *ticket_id,
                   const char          *suffix,
                   const char          *member,
                   const char          *value,
                   AlgaQuiet            quiet,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  alga_quiet_add_to_body (quiet, json_node_get_object (body));

  path = alga_client_call_ticket_path (ticket_id, suffix);
  alga_client_call (self, source_tag, "PUT", path, body, ticket_id, ALGA_CLIENT_CALL_OBJECT,
                    (AlgaJsonDecodeFunc) alga_ticket_new_from_json, cancellable, callback,
                    user_data);
}

static void
on_status_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The status did change: its answer is better than none. */
      g_debug ("Could not read the ticket again after its status changed: %s", error->message);
      alga_client_call_return (task, endpoint->written);
      return;
    }

  alga_client_call_return (task, root);
}

static void
on_status_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  GError *error = NULL;

  endpoint->written = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (endpoint->written == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The server answers with the row it read before syncing is_closed, closed_at and closed_by
   * to the new status: closing answers "open, never closed". The ticket is read again. */
  alga_client_request_async (ALGA_CLIENT (source), "GET", endpoint->ticket_path, NULL, NULL,
                             ALGA_REQUEST_DEFAULT, g_task_get_cancellable (task),
                             on_status_read_cb, g_object_ref (task));
}

/**
 * alga_client_set_status_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @status_id: a status of the ticket's board
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Moves a ticket to another status, then reads the ticket again: the detail, with its
 * close fields as they are now. Should that read fail, the PUT's bare row (no joined names, and
 * the close fields from before the change) stands in.
 */
void
alga_client_set_status_async (AlgaClient          *self,
                              const char          *ticket_id,
                              const char          *status_id,
                              AlgaQuiet            quiet,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GTask *task;
  AlgaClientCall *endpoint;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (status_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status_id");
  json_builder_add_string_value (builder, status_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  alga_quiet_add_to_body (quiet, json_node_get_object (body));

  task = alga_client_call_task_new (self, alga_client_set_status_async, ALGA_CLIENT_CALL_OBJECT,
                                    (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                                    cancellable, callback, user_data);
  endpoint = g_task_get_task_data (task);
  endpoint->ticket_path = alga_client_call_ticket_path (ticket_id, NULL);
  path = alga_client_call_ticket_path (ticket_id, "/status");
  alga_client_send_request (self, "PUT", path, NULL, body, ALGA_REQUEST_DEFAULT, ticket_id,
                            cancellable, on_status_written_cb, task);
}

AlgaTicket *
alga_client_set_status_finish (AlgaClient    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_set_status_async, error);
}

/**
 * alga_client_set_assignee_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @user_id: (nullable): the new assignee, or %NULL to unassign
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes the primary assignee. The server stores any id it is given, even one of no user:
 * pass only ids that alga_client_list_users_async() returned.
 */
void
alga_client_set_assignee_async (AlgaClient          *self,
                                const char          *ticket_id,
                                const char          *user_id,
                                AlgaQuiet            quiet,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);

  put_ticket_member (self, alga_client_set_assignee_async, ticket_id, "/assignment",
                     "assigned_to", user_id, quiet, cancellable, callback, user_data);
}

AlgaTicket *
alga_client_set_assignee_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_set_assignee_async, error);
}

/**
 * alga_client_update_ticket_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @fields: the members to change (`title`, `priority_id`, …), and the suppression flags of a
 *   quiet change (alga_quiet_add_to_body()); note that `attributes` replaces the whole object,
 *   see alga_client_update_attributes_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends `PUT /api/v1/tickets/{id}` with @fields.
 */
void
alga_client_update_ticket_async (AlgaClient          *self,
                                 const char          *ticket_id,
                                 JsonObject          *fields,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (fields != NULL);

  body = json_node_init_object (json_node_alloc (), fields);
  path = alga_client_call_ticket_path (ticket_id, NULL);
  alga_client_call (self, alga_client_update_ticket_async, "PUT", path, body, ticket_id,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTicket *
alga_client_update_ticket_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_update_ticket_async, error);
}

static JsonObject *
merge_attributes (JsonNode   *ticket_data,
                  JsonObject *changes)
{
  JsonObject *merged = json_object_new ();
  JsonNode *current = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (JSON_NODE_HOLDS_OBJECT (ticket_data))
    current = json_object_get_member (json_node_get_object (ticket_data), "attributes");

  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    {
      json_object_iter_init (&iter, json_node_get_object (current));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (merged, name, json_node_copy (value));
    }

  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (merged, name);
      else
        json_object_set_member (merged, name, json_node_copy (value));
    }

  return merged;
}

static void
on_attributes_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  AlgaClient *self = ALGA_CLIENT (source);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;
  JsonNode *data;

  root = alga_client_request_finish (self, result, &error);
  if (root == NULL || (data = alga_client_call_get_data (root, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  merged = merge_attributes (data, endpoint->changes);
  fields = json_object_new ();
  json_object_set_object_member (fields, "attributes", g_steal_pointer (&merged));
  alga_quiet_add_to_body (endpoint->quiet, fields);
  body = json_node_init_object (json_node_alloc (), fields);

  alga_client_send_request (self, "PUT", endpoint->ticket_path, NULL, body, ALGA_REQUEST_DEFAULT,
                            endpoint->ticket_id, g_task_get_cancellable (task),
                            alga_client_call_answered_cb, g_object_ref (task));
}

/**
 * alga_client_update_attributes_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @changes: members of `attributes` to set; a JSON null removes the member
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes some members of a ticket's `attributes` (due date, watchers, description). The
 * server replaces `attributes` whole, so this reads the ticket, merges @changes into what it
 * holds now and sends the result back. The last writer wins: the API has no versioning.
 */
void
alga_client_update_attributes_async (AlgaClient          *self,
                                     const char          *ticket_id,
                                     JsonObject          *changes,
                                     AlgaQuiet            quiet,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  AlgaClientCall *endpoint;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (changes != NULL);

  task = alga_client_call_task_new (self, alga_client_update_attributes_async,
                                    ALGA_CLIENT_CALL_OBJECT,
                                    (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                                    cancellable, callback, user_data);
  endpoint = g_task_get_task_data (task);
  endpoint->ticket_id = g_strdup (ticket_id);
  endpoint->ticket_path = alga_client_call_ticket_path (ticket_id, NULL);
  endpoint->changes = json_object_ref (changes);
  endpoint->quiet = quiet;

  alga_client_request_async (self, "GET", endpoint->ticket_path, NULL, NULL, ALGA_REQUEST_DEFAULT,
                             cancellable, on_attributes_read_cb, task);
}

AlgaTicket *
alga_client_update_attributes_finish (AlgaClient    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_update_attributes_async, error);
}

/**
 * alga_client_set_priority_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket's id
 * @priority_id: a priority that alga_client_list_priorities_async() returned (the server
 *   stores unknown ids too)
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 */
void
alga_client_set_priority_async (AlgaClient          *self,
                                const char          *ticket_id,
                                const char          *priority_id,
                                AlgaQuiet            quiet,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (priority_id != NULL);

  put_ticket_member (self, alga_client_set_priority_async, ticket_id, NULL, "priority_id",
                     priority_id, quiet, cancellable, callback, user_data);
}

AlgaTicket *
alga_client_set_priority_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_set_priority_async, error);
}

static void
on_created_ticket_read_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The ticket exists: its bare row is better than an error that invites a second one. */
      g_debug ("Could not read the new ticket: %s", error->message);
      alga_client_call_return (task, endpoint->written);
      return;
    }
  alga_client_call_return (task, root);
}

static void
on_ticket_created_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClientCall *endpoint = g_task_get_task_data (task);
  g_autoptr(AlgaTicket) ticket = NULL;
  GError *error = NULL;
  JsonNode *data;

  endpoint->written = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (endpoint->written == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = alga_client_call_get_data (endpoint->written, &error);
  if (data == NULL || (ticket = alga_ticket_new_from_json (data, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  endpoint->ticket_path = alga_client_call_ticket_path (alga_ticket_get_ticket_id (ticket), NULL);
  alga_client_request_async (ALGA_CLIENT (source), "GET", endpoint->ticket_path, NULL, NULL,
                             ALGA_REQUEST_DEFAULT, g_task_get_cancellable (task),
                             on_created_ticket_read_cb, g_object_ref (task));
}

/**
 * alga_client_create_ticket_async:
 * @self: a #AlgaClient
 * @ticket: a new ticket that alga_new_ticket_check() passed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends `POST /api/v1/tickets` and then reads the new ticket, whose detail has the names the
 * creation's bare row lacks. Never retried: a repeat would create it twice.
 */
void
alga_client_create_ticket_async (AlgaClient          *self,
                                 AlgaNewTicket       *ticket,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ALGA_IS_NEW_TICKET (ticket));
  g_return_if_fail (alga_new_ticket_check (ticket) == ALGA_NEW_TICKET_OK);

  body = alga_new_ticket_to_json (ticket);
  task = alga_client_call_task_new (self, alga_client_create_ticket_async, ALGA_CLIENT_CALL_OBJECT,
                                    (AlgaJsonDecodeFunc) alga_ticket_new_from_json,
                                    cancellable, callback, user_data);
  alga_client_send_request (self, "POST", "/api/v1/tickets", NULL, body, ALGA_REQUEST_NO_RETRY,
                            NULL, cancellable, on_ticket_created_cb, task);
}

AlgaTicket *
alga_client_create_ticket_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_create_ticket_async, error);
}
/**
 * alga_client_list_activities_async:
 * @self: a #AlgaClient
 * @page: the page, from 1
 * @limit: activities per page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the signed-in user's notifications (`GET /api/v1/activities?type=notification`).
 */
void
alga_client_list_activities_async (AlgaClient          *self,
                                   guint                page,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (ALGA_IS_CLIENT (self));

  alga_client_call_append_param (query, "type", "notification");
  alga_client_call_append_uint_param (query, "page", MAX (page, 1));
  alga_client_call_append_uint_param (query, "pageSize", CLAMP (limit, 1, 100));

  alga_client_call_full (self, alga_client_list_activities_async, "GET", "/api/v1/activities",
                         query->str, NULL, ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_PAGINATED,
                         (AlgaJsonDecodeFunc) alga_activity_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_activities_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @pagination: (out) (optional) (transfer full) (nullable): the page's position
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaActivity): the activities
 */
GPtrArray *
alga_client_list_activities_finish (AlgaClient      *self,
                                    GAsyncResult    *result,
                                    AlgaPagination **pagination,
                                    GError         **error)
{
  return alga_client_call_finish_full (self, result, alga_client_list_activities_async,
                                       pagination, error);
}
