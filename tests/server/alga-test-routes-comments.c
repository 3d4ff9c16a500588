/* alga-test-routes-comments.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET and POST /api/v1/tickets/{id}/comments (docs/API.md, Comments), replies included; editing
 * and reactions are in alga-test-routes-threads.c.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"
#include "alga-test-seed-parts.h"

#define MAX_COMMENT_CHARS 5000

static const char * const null_columns[] = {
  "deleted_at", "publish_state", "scheduled_publish_at",
  "scheduled_publish_tz", "published_at", "schedule_job_id", "scheduled_publish_event_id",
  "scheduled_publish_dispatched_at", "scheduled_response_event_id",
  "scheduled_previous_response_state", "scheduled_response_dispatched_at", NULL,
};

static void
set_author_contact (AlgaSeedData          *data,
                    JsonObject            *o,
                    const AlgaSeedComment *c,
                    gboolean               with_email)
{
  const AlgaSeedContact *contact = alga_seed_find_contact (data, c->contact_id);

  alga_test_set_string_or_null (o, "author_contact_id", contact ? contact->id : NULL);
  alga_test_set_string_or_null (o, "author_contact_name", contact ? contact->full_name : NULL);
  if (with_email)
    alga_test_set_string_or_null (o, "author_contact_email", contact ? contact->email : NULL);
}

static char *
created_by_name (AlgaSeedData          *data,
                 const AlgaSeedComment *c)
{
  const AlgaSeedContact *contact = alga_seed_find_contact (data, c->contact_id);

  if (c->user_id != NULL)
    return alga_seed_user_name (alga_seed_find_user (data, c->user_id));
  return contact != NULL ? g_strdup (contact->full_name) : NULL;
}

/* The reactions on one comment, one entry per emoji in the order of its first use. */
static JsonArray *
reactions_array (AlgaSeedData          *data,
                 const AlgaSeedComment *c,
                 const char            *viewer_id)
{
  JsonArray *out = json_array_new ();
  g_autoptr(GHashTable) by_emoji = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < data->reactions->len; i++)
    {
      AlgaSeedReaction *r = g_ptr_array_index (data->reactions, i);
      JsonObject *entry;

      if (!g_str_equal (r->comment_id, c->id))
        continue;
      entry = g_hash_table_lookup (by_emoji, r->emoji);
      if (entry == NULL)
        {
          entry = json_object_new ();
          json_object_set_string_member (entry, "emoji", r->emoji);
          json_object_set_int_member (entry, "count", 0);
          json_object_set_array_member (entry, "userIds", json_array_new ());
          json_object_set_boolean_member (entry, "currentUserReacted", FALSE);
          json_array_add_object_element (out, entry);
          g_hash_table_insert (by_emoji, r->emoji, entry);
        }
      json_object_set_int_member (entry, "count", json_object_get_int_member (entry, "count") + 1);
      json_array_add_string_element (json_object_get_array_member (entry, "userIds"), r->user_id);
      if (g_strcmp0 (r->user_id, viewer_id) == 0)
        json_object_set_boolean_member (entry, "currentUserReacted", TRUE);
    }
  return out;
}

/* The names of everyone who reacted to a comment of the ticket: the same map on every comment. */
static JsonObject *
reaction_user_names (AlgaSeedData *data,
                     const char   *ticket_id)
{
  JsonObject *out = json_object_new ();

  for (guint i = 0; i < data->reactions->len; i++)
    {
      AlgaSeedReaction *r = g_ptr_array_index (data->reactions, i);
      AlgaSeedComment *c = alga_seed_find_comment (data, r->comment_id);
      g_autofree char *name = NULL;

      if (c == NULL || !g_str_equal (c->ticket_id, ticket_id) || json_object_has_member (out, r->user_id))
        continue;
      name = alga_seed_user_name (alga_seed_find_user (data, r->user_id));
      alga_test_set_string_or_null (out, r->user_id, name);
    }
  return out;
}

/* The full comment in the real server's orders: 37 keys on GET, 33 in the POST answer and 31 in
 * the PUT answer (the POST's without the contact's name and e-mail). */
JsonObject *
alga_test_comment_object (AlgaSeedData          *data,
                          const AlgaSeedComment *c,
                          AlgaTestCommentShape   shape,
                          const char            *viewer_id)
{
  gboolean for_get = shape == ALGA_TEST_COMMENT_GET;
  JsonObject *o = json_object_new ();
  g_autofree char *html = NULL;
  g_autofree char *name = NULL;

  alga_test_render_rich_text (c->note, &html, NULL);
  json_object_set_string_member (o, "tenant", data->tenant_id);
  json_object_set_string_member (o, "comment_id", c->id);
  json_object_set_string_member (o, "ticket_id", c->ticket_id);
  alga_test_set_string_or_null (o, "user_id", c->user_id);
  json_object_set_string_member (o, "note", c->note);
  json_object_set_boolean_member (o, "is_internal", c->is_internal);
  json_object_set_boolean_member (o, "is_resolution", c->is_resolution);
  alga_test_set_time_member (o, "created_at", c->created_at);
  alga_test_set_time_member (o, "updated_at", c->updated_at);
  json_object_set_string_member (o, "author_type", c->author_type);
  alga_test_set_string_or_null (o, "markdown_content", c->markdown);
  if (c->metadata != NULL)
    json_object_set_object_member (o, "metadata", json_object_ref (c->metadata));
  else
    json_object_set_null_member (o, "metadata");
  json_object_set_boolean_member (o, "is_system_generated", c->is_system);
  alga_test_set_string_or_null (o, "contact_id", c->contact_id);
  json_object_set_string_member (o, "thread_id", c->thread_id);
  alga_test_set_string_or_null (o, "parent_comment_id", c->parent_id);
  for (guint i = 0; null_columns[i] != NULL; i++)
    json_object_set_null_member (o, null_columns[i]);
  json_object_set_string_member (o, "publish_state", "published");

  if (for_get)
    {
      name = created_by_name (data, c);
      alga_test_set_string_or_null (o, "created_by_name", name);
      set_author_contact (data, o, c, TRUE);
    }
  json_object_set_string_member (o, "comment_text", c->note);
  json_object_set_string_member (o, "comment_html", html);
  alga_test_set_string_or_null (o, "created_by", c->user_id);
  if (for_get)
    {
      json_object_set_null_member (o, "created_by_avatar_url");
      json_object_set_array_member (o, "reactions", reactions_array (data, c, viewer_id));
      json_object_set_object_member (o, "reaction_user_names", reaction_user_names (data, c->ticket_id));
    }
  else if (shape == ALGA_TEST_COMMENT_POST)
    set_author_contact (data, o, c, TRUE);
  else
    alga_test_set_string_or_null (o, "author_contact_id", c->contact_id);
  return o;
}

static JsonObject *
markdown_object (AlgaSeedData          *data,
                 const AlgaSeedComment *c)
{
  JsonObject *o = json_object_new ();
  g_autofree char *name = created_by_name (data, c);

  json_object_set_string_member (o, "comment_id", c->id);
  json_object_set_string_member (o, "ticket_id", c->ticket_id);
  alga_test_set_string_or_null (o, "markdown_content", c->markdown);
  json_object_set_string_member (o, "author_type", c->author_type);
  json_object_set_boolean_member (o, "is_internal", c->is_internal);
  json_object_set_boolean_member (o, "is_resolution", c->is_resolution);
  alga_test_set_time_member (o, "created_at", c->created_at);
  alga_test_set_time_member (o, "updated_at", c->updated_at);
  alga_test_set_string_or_null (o, "created_by", c->user_id);
  alga_test_set_string_or_null (o, "created_by_name", name);
  set_author_contact (data, o, c, FALSE);
  json_object_set_string_member (o, "thread_id", c->thread_id);
  alga_test_set_string_or_null (o, "parent_comment_id", c->parent_id);
  json_object_set_null_member (o, "deleted_at");
  return o;
}

static gboolean
parse_int (const char *text,
           gint64     *value)
{
  char *end = NULL;

  *value = g_ascii_strtoll (text, &end, 10);
  return end != text && *end == '\0';
}

void
alga_test_route_comments_get (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  g_autoptr(JsonArray) issues = json_array_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  const char *limit_text = g_hash_table_lookup (call->query, "limit");
  const char *offset_text = g_hash_table_lookup (call->query, "offset");
  const char *order = g_hash_table_lookup (call->query, "order");
  const char *format = g_hash_table_lookup (call->query, "content_format");
  gint64 limit = 0, offset = 0;
  gboolean desc;
  JsonArray *out;

  if (t == NULL)
    return;
  if (limit_text != NULL && (!parse_int (limit_text, &limit) || limit < 1 || limit > 200))
    alga_test_issue_add (issues, NULL, "limit", "limit must be an integer between 1 and 200");
  if (offset_text != NULL && (!parse_int (offset_text, &offset) || offset < 0))
    alga_test_issue_add (issues, NULL, "offset", "offset must be a non-negative integer");
  if (order != NULL && !g_str_equal (order, "asc") && !g_str_equal (order, "desc"))
    alga_test_issue_add (issues, NULL, "order", "order must be asc or desc");
  if (format != NULL && !g_str_equal (format, "full") && !g_str_equal (format, "markdown"))
    alga_test_issue_add (issues, NULL, "content_format", "content_format must be full or markdown");
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }

  desc = g_strcmp0 (order, "desc") == 0;
  for (guint i = 0; i < call->data->comments->len; i++)
    {
      guint k = desc ? call->data->comments->len - 1 - i : i;
      AlgaSeedComment *c = g_ptr_array_index (call->data->comments, k);

      if (g_str_equal (c->ticket_id, t->id))
        g_ptr_array_add (list, c);
    }

  out = json_array_new ();
  for (guint i = offset; i < list->len && (limit_text == NULL || json_array_get_length (out) < limit); i++)
    {
      const AlgaSeedComment *c = g_ptr_array_index (list, i);

      json_array_add_object_element (out, g_strcmp0 (format, "markdown") == 0
                                            ? markdown_object (call->data, c)
                                            : alga_test_comment_object (call->data, c,
                                                                        ALGA_TEST_COMMENT_GET,
                                                                        call->user->id));
    }
  alga_test_reply_data (call->msg, 200, json_node_init_array (json_node_alloc (), out));
  json_array_unref (out);
}

void
alga_test_route_comments_post (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) issues = json_array_new ();
  g_autofree char *visible = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *message = NULL;
  AlgaSeedComment *c;
  AlgaSeedComment *parent = NULL;
  JsonObject *answer;
  JsonNode *node;
  const char *text;
  const char *parent_id = NULL;
  gboolean is_internal, quiet_contact, quiet_agents;

  if (t == NULL)
    return;
  body = alga_test_parse_body (call->msg, &parse_error);
  if (body == NULL)
    {
      /* The real route's JSON.parse error is not mapped: a 500. */
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
  alga_test_render_rich_text (text, NULL, &visible);
  stripped = g_strstrip (g_strdup (visible));
  if (stripped[0] == '\0')
    alga_test_issue_add (issues, "custom", "comment_text", "Comment text is required");
  else if (g_utf8_strlen (visible, -1) > MAX_COMMENT_CHARS)
    alga_test_issue_add (issues, "custom", "comment_text", "Comment text is too long (max 5000 characters)");
  if ((node = json_object_get_member (body, "parent_comment_id")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    parent_id = alga_test_body_uuid (body, "parent_comment_id", issues, FALSE);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  if (!alga_test_body_quiet (call, body, &quiet_contact, &quiet_agents))
    return;
  if (parent_id != NULL && (parent = alga_seed_find_comment (call->data, parent_id)) == NULL)
    {
      alga_test_reply_error (call->msg, 404, "NOT_FOUND", "Parent comment not found", NULL);
      return;
    }
  if (parent != NULL && !g_str_equal (parent->ticket_id, t->id))
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Parent comment must belong to the same ticket", NULL);
      return;
    }

  /* A reply joins its parent's thread and takes the thread's visibility, whatever it asked. */
  is_internal = parent != NULL ? parent->is_internal
                               : json_object_get_boolean_member_with_default (body, "is_internal", FALSE);
  c = alga_seed_add_comment (call->data, t->id, text, is_internal,
                             call->user->id, NULL, g_get_real_time () / 1000 * 1000);
  if (parent != NULL)
    {
      g_free (c->thread_id);
      c->thread_id = g_strdup (parent->thread_id);
      c->parent_id = g_strdup (parent->id);
    }
  c->is_resolution = json_object_get_boolean_member_with_default (body, "is_resolution", FALSE);
  if ((node = json_object_get_member (body, "metadata")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    c->metadata = json_object_ref (json_node_get_object (node));
  alga_test_ticket_touch (call, t);
  message = g_strdup_printf ("New comment on %s “%s”", t->number, t->title ? t->title : "");
  if (!quiet_agents)
    alga_seed_add_activity (call->data, t, t->assigned_to, call->user->id, "New comment", message);
  alga_test_notify (call, t, "comment", !is_internal && !quiet_contact, !quiet_agents);

  answer = alga_test_comment_object (call->data, c, ALGA_TEST_COMMENT_POST, call->user->id);
  alga_test_reply_data (call->msg, 201, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}
