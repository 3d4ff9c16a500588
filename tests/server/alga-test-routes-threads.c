/* alga-test-routes-threads.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Editing one's own comment and reacting to a comment (docs/API.md, Threads and reactions).
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"
#include "alga-test-seed-parts.h"

#define MAX_COMMENT_CHARS 5000
#define MAX_EMOJI_UNITS 50

static void
reply_uuid_sql_error (AlgaTestCall *call,
                      const char   *id)
{
  g_autofree char *message = g_strdup_printf ("select * from \"comments\" where \"comment_id\" = $1 "
                                              "- invalid input syntax for type uuid: \"%s\"", id);

  alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", message, NULL);
}

void
alga_test_route_comment_put (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  const char *comment_id = call->segments[6];
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) issues = json_array_new ();
  g_autofree char *visible = NULL;
  g_autofree char *stripped = NULL;
  AlgaSeedComment *c;
  JsonObject *answer;
  JsonNode *node;
  const char *text;

  if (t == NULL)
    return;
  if ((body = alga_test_parse_body (call->msg, &parse_error)) == NULL)
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", parse_error, NULL);
      return;
    }
  node = json_object_get_member (body, "comment_text");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      JsonObject *issue = alga_test_issue_add (issues, "invalid_type", "comment_text",
                                               node == NULL ? "Required" : "Expected string");

      json_object_set_string_member (issue, "expected", "string");
      json_object_set_string_member (issue, "received", node == NULL ? "undefined" : "other");
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  text = json_node_get_string (node);
  if (text[0] == '\0')
    {
      JsonObject *issue = alga_test_issue_add (issues, "too_small", "comment_text", "Comment text is required");

      json_object_set_int_member (issue, "minimum", 1);
      json_object_set_string_member (issue, "type", "string");
      json_object_set_boolean_member (issue, "inclusive", TRUE);
      json_object_set_boolean_member (issue, "exact", FALSE);
    }
  alga_test_render_rich_text (text, NULL, &visible);
  stripped = g_strstrip (g_strdup (visible));
  if (stripped[0] == '\0')
    alga_test_issue_add (issues, "custom", "comment_text", "Comment text is required");
  else if (g_utf8_strlen (visible, -1) > MAX_COMMENT_CHARS)
    alga_test_issue_add (issues, "custom", "comment_text", "Comment text is too long (max 5000 characters)");
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }

  if (!alga_test_is_uuid (comment_id))
    {
      reply_uuid_sql_error (call, comment_id);
      return;
    }
  c = alga_seed_find_comment (call->data, comment_id);
  if (c == NULL || !g_str_equal (c->ticket_id, t->id))
    {
      alga_test_reply_error (call->msg, 404, "NOT_FOUND", "Comment not found", NULL);
      return;
    }
  if (c->is_system)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "System-generated comments cannot be edited", NULL);
      return;
    }
  /* A 400, not a 403, and nobody (an Admin neither) may edit another's comment. */
  if (g_strcmp0 (c->user_id, call->user->id) != 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "You can only edit your own comments", NULL);
      return;
    }

  /* Visibility and resolution stay as they were; no "edited" flag, only updated_at moves, and
   * the ticket itself is not touched. */
  g_free (c->note);
  c->note = g_strdup (text);
  g_clear_pointer (&c->markdown, g_free);
  c->updated_at = g_get_real_time () / 1000 * 1000;

  answer = alga_test_comment_object (call->data, c, ALGA_TEST_COMMENT_PUT, call->user->id);
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

static glong
utf16_units (const char *text)
{
  glong n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    n += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
  return n;
}

/* The ticket in the path is not looked at: any ticket's path reaches any comment. */
void
alga_test_route_comment_reaction (AlgaTestCall *call)
{
  const char *comment_id = call->segments[6];
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = NULL;
  JsonObject *answer;
  const char *emoji;
  glong units;

  if ((body = alga_test_parse_body (call->msg, &parse_error)) == NULL)
    {
      SoupMessageBody *request = soup_server_message_get_request_body (call->msg);

      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR",
                             request->length == 0 ? "Unexpected end of JSON input" : parse_error, NULL);
      return;
    }
  emoji = json_object_get_string_member_with_default (body, "emoji", "");
  if (emoji == NULL)
    emoji = "";
  units = utf16_units (emoji);
  if (units < 1 || units > MAX_EMOJI_UNITS)
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR",
                             "Invalid emoji: must be between 1 and 50 characters", NULL);
      return;
    }
  if (!alga_test_is_uuid (comment_id))
    {
      reply_uuid_sql_error (call, comment_id);
      return;
    }
  if (alga_seed_find_comment (call->data, comment_id) == NULL)
    {
      g_autofree char *details = g_strdup_printf ("Key (tenant, comment_id)=(%s, %s) is not present in "
                                                  "table \"comments\".", call->data->tenant_id, comment_id);
      JsonObject *root = json_object_new ();
      JsonObject *error = json_object_new ();

      json_object_set_string_member (error, "code", "BAD_REQUEST");
      json_object_set_string_member (error, "message", "Invalid reference");
      json_object_set_string_member (error, "details", details);
      json_object_set_object_member (root, "error", error);
      alga_test_reply_json (call->msg, 400, json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
      return;
    }

  answer = json_object_new ();
  json_object_set_boolean_member (answer, "added",
                                  alga_seed_toggle_reaction (call->data, comment_id, call->user->id, emoji));
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}
