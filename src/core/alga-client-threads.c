/* alga-client-threads.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replies, edits and reactions (docs/API.md, Threads, edits and reactions). Text goes as
 * alga_client_post_comment_async() sends it: several lines as BlockNote paragraphs.
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client-threads.h"
#include "alga-client-call.h"
#include "alga-error.h"

static JsonNode *
text_body (const char *text,
           const char *parent_comment_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *comment_text = alga_client_comment_text_for_server (text);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "comment_text");
  json_builder_add_string_value (builder, comment_text);
  if (parent_comment_id != NULL)
    {
      json_builder_set_member_name (builder, "parent_comment_id");
      json_builder_add_string_value (builder, parent_comment_id);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
comment_path (const char *ticket_id,
              const char *comment_id,
              const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (comment_id, NULL, FALSE);
  g_autofree char *tail = g_strconcat ("/comments/", escaped, suffix, NULL);

  return alga_client_call_ticket_path (ticket_id, tail);
}

/**
 * alga_client_post_reply_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket
 * @parent_comment_id: the comment answered (a reply may answer a reply)
 * @text: the reply as typed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Posts a reply. It joins the parent's thread and its visibility, whatever is asked, so none is
 * sent. Never retried: a repeat would post twice.
 */
void
alga_client_post_reply_async (AlgaClient          *self,
                              const char          *ticket_id,
                              const char          *parent_comment_id,
                              const char          *text,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && parent_comment_id != NULL && text != NULL);

  body = text_body (text, parent_comment_id);
  path = alga_client_call_ticket_path (ticket_id, "/comments");
  alga_client_call (self, alga_client_post_reply_async, "POST", path, body, ticket_id,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_comment_new_from_json,
                    cancellable, callback, user_data);
}

/**
 * alga_client_post_reply_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the reply
 */
AlgaComment *
alga_client_post_reply_finish (AlgaClient    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_post_reply_async, error);
}

/**
 * alga_client_edit_comment_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket
 * @comment_id: a comment of the signed-in user (anyone else's is refused with a 400)
 * @text: the new text as typed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Replaces a comment's text; its visibility stays.
 */
void
alga_client_edit_comment_async (AlgaClient          *self,
                                const char          *ticket_id,
                                const char          *comment_id,
                                const char          *text,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && comment_id != NULL && text != NULL);

  body = text_body (text, NULL);
  path = comment_path (ticket_id, comment_id, "");
  alga_client_call (self, alga_client_edit_comment_async, "PUT", path, body, ticket_id,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_comment_new_from_json,
                    cancellable, callback, user_data);
}

/**
 * alga_client_edit_comment_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the comment as edited (without its author's name or reactions)
 */
AlgaComment *
alga_client_edit_comment_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_edit_comment_async, error);
}

/**
 * alga_client_toggle_reaction_async:
 * @self: a #AlgaClient
 * @ticket_id: the comment's ticket
 * @comment_id: the comment
 * @emoji: 1 to 50 UTF-16 units; outside that the server fails with a 500
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds the signed-in user's reaction, or takes it back if it was there.
 */
void
alga_client_toggle_reaction_async (AlgaClient          *self,
                                   const char          *ticket_id,
                                   const char          *comment_id,
                                   const char          *emoji,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && comment_id != NULL && emoji != NULL && emoji[0] != '\0');

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "emoji");
  json_builder_add_string_value (builder, emoji);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* Not a change of the ticket the watcher would see: reactions leave its updated_at alone. */
  path = comment_path (ticket_id, comment_id, "/reactions");
  alga_client_call (self, alga_client_toggle_reaction_async, "POST", path, body, NULL,
                    ALGA_CLIENT_CALL_NODE, NULL, cancellable, callback, user_data);
}

/**
 * alga_client_toggle_reaction_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @added: (out): whether the reaction is there now
 * @error: return location for a #GError
 *
 * Returns: whether the server took the toggle
 */
gboolean
alga_client_toggle_reaction_finish (AlgaClient    *self,
                                    GAsyncResult  *result,
                                    gboolean      *added,
                                    GError       **error)
{
  g_autoptr(JsonNode) data = alga_client_call_finish (self, result, alga_client_toggle_reaction_async, error);

  if (data == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (data) ||
      !json_object_has_member (json_node_get_object (data), "added"))
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           "The answer does not say whether the reaction was added");
      return FALSE;
    }
  *added = json_object_get_boolean_member_with_default (json_node_get_object (data), "added", FALSE);
  return TRUE;
}
