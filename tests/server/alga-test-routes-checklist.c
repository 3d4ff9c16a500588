/* alga-test-routes-checklist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's checklist (docs/API.md, Checklist): list, add, tick and untick. Both bodies are
 * strict: a key the schema does not know is refused. Items cannot be renamed, reordered or
 * deleted through the API.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"
#include "alga-test-seed-parts.h"

static JsonObject *
item_object (AlgaSeedData                *data,
             const AlgaSeedChecklistItem *item)
{
  JsonObject *o = json_object_new ();
  g_autofree char *who = alga_seed_user_name (alga_seed_find_user (data, item->completed_by));

  json_object_set_string_member (o, "checklist_item_id", item->id);
  json_object_set_string_member (o, "ticket_id", item->ticket_id);
  json_object_set_string_member (o, "item_name", item->name);
  alga_test_set_string_or_null (o, "description", item->description);
  json_object_set_int_member (o, "order_number", item->order_number);
  json_object_set_null_member (o, "assigned_to");
  json_object_set_boolean_member (o, "is_required", item->is_required);
  json_object_set_boolean_member (o, "completed", item->completed);
  alga_test_set_string_or_null (o, "completed_by", item->completed_by);
  if (item->completed_at != 0)
    alga_test_set_time_member (o, "completed_at", item->completed_at);
  else
    json_object_set_null_member (o, "completed_at");
  json_object_set_string_member (o, "source", "manual");
  json_object_set_null_member (o, "template_id");
  alga_test_set_string_or_null (o, "completed_by_name", who);
  return o;
}

static void
reply_item (AlgaTestCall                *call,
            guint                        status,
            const AlgaSeedChecklistItem *item)
{
  JsonObject *o = item_object (call->data, item);

  alga_test_reply_data (call->msg, status, json_node_init_object (json_node_alloc (), o));
  json_object_unref (o);
}

/* Zod's strict(): one issue naming every key the schema does not have. */
static gboolean
check_known_keys (JsonObject         *body,
                  const char * const *known,
                  JsonArray          *issues)
{
  g_autoptr(GList) members = json_object_get_members (body);
  g_autoptr(GString) quoted = g_string_new (NULL);
  JsonArray *keys = json_array_new ();
  JsonObject *issue;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        json_array_add_string_element (keys, l->data);
        g_string_append_printf (quoted, "%s'%s'", quoted->len > 0 ? ", " : "", (char *) l->data);
      }
  if (json_array_get_length (keys) == 0)
    {
      json_array_unref (keys);
      return TRUE;
    }
  issue = json_object_new ();
  json_object_set_string_member (issue, "code", "unrecognized_keys");
  json_object_set_array_member (issue, "keys", keys);
  json_object_set_array_member (issue, "path", json_array_new ());
  g_string_prepend (quoted, "Unrecognized key(s) in object: ");
  json_object_set_string_member (issue, "message", quoted->str);
  json_array_add_object_element (issues, issue);
  return FALSE;
}

static JsonObject *
invalid_type (JsonArray  *issues,
              const char *path,
              const char *expected,
              JsonNode   *node)
{
  JsonObject *issue;
  g_autofree char *message = NULL;
  const char *received = node == NULL ? "undefined"
                         : JSON_NODE_HOLDS_NULL (node) ? "null"
                         : JSON_NODE_HOLDS_OBJECT (node) ? "object"
                         : JSON_NODE_HOLDS_ARRAY (node) ? "array"
                         : json_node_get_value_type (node) == G_TYPE_STRING ? "string"
                         : json_node_get_value_type (node) == G_TYPE_BOOLEAN ? "boolean" : "number";

  message = node == NULL ? g_strdup ("Required")
                         : g_strdup_printf ("Expected %s, received %s", expected, received);
  issue = alga_test_issue_add (issues, "invalid_type", path, message);
  json_object_set_string_member (issue, "expected", expected);
  json_object_set_string_member (issue, "received", received);
  return issue;
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static JsonObject *
parse_body_or_500 (AlgaTestCall *call)
{
  g_autofree char *parse_error = NULL;
  JsonObject *body = alga_test_parse_body (call->msg, &parse_error);

  if (body == NULL)
    alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", parse_error, NULL);
  return body;
}

void
alga_test_route_checklist_list (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  JsonArray *out;

  if (t == NULL)
    return;
  out = json_array_new ();
  for (guint i = 0; i < call->data->checklist_items->len; i++)
    {
      AlgaSeedChecklistItem *item = g_ptr_array_index (call->data->checklist_items, i);

      if (g_str_equal (item->ticket_id, t->id))
        json_array_add_object_element (out, item_object (call->data, item));
    }
  alga_test_reply_data (call->msg, 200, json_node_init_array (json_node_alloc (), out));
  json_array_unref (out);
}

void
alga_test_route_checklist_add (AlgaTestCall *call)
{
  static const char * const known[] = { "item_name", "description", "is_required", NULL };
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) issues = json_array_new ();
  g_autofree char *name = NULL;
  JsonNode *node;
  const char *description = NULL;

  if (t == NULL || (body = parse_body_or_500 (call)) == NULL)
    return;

  node = json_object_get_member (body, "item_name");
  if (!holds (node, G_TYPE_STRING))
    invalid_type (issues, "item_name", "string", node);
  else if ((name = g_strstrip (g_strdup (json_node_get_string (node))))[0] == '\0')
    {
      JsonObject *issue = alga_test_issue_add (issues, "too_small", "item_name",
                                               "Checklist item name is required");

      json_object_set_int_member (issue, "minimum", 1);
      json_object_set_string_member (issue, "type", "string");
      json_object_set_boolean_member (issue, "inclusive", TRUE);
      json_object_set_boolean_member (issue, "exact", FALSE);
    }
  node = json_object_get_member (body, "description");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !holds (node, G_TYPE_STRING))
    invalid_type (issues, "description", "string", node);
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    description = json_node_get_string (node);
  node = json_object_get_member (body, "is_required");
  if (node != NULL && !holds (node, G_TYPE_BOOLEAN))
    invalid_type (issues, "is_required", "boolean", node);
  check_known_keys (body, known, issues);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }

  /* Required unless the body says otherwise. */
  reply_item (call, 201, alga_seed_add_checklist_item (call->data, t->id, name, description,
                                                       node == NULL || json_node_get_boolean (node)));
}

void
alga_test_route_checklist_patch (AlgaTestCall *call)
{
  static const char * const known[] = { "completed", NULL };
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) issues = json_array_new ();
  AlgaSeedChecklistItem *item;
  JsonNode *node;
  gboolean completed;

  if (t == NULL || (body = parse_body_or_500 (call)) == NULL)
    return;
  node = json_object_get_member (body, "completed");
  if (!holds (node, G_TYPE_BOOLEAN))
    invalid_type (issues, "completed", "boolean", node);
  check_known_keys (body, known, issues);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  item = alga_seed_find_checklist_item (call->data, call->segments[6]);
  if (item == NULL || !g_str_equal (item->ticket_id, t->id))
    {
      alga_test_reply_error (call->msg, 404, "NOT_FOUND", "Checklist item not found", NULL);
      return;
    }

  completed = json_node_get_boolean (node);
  /* The same value again changes nothing, not even the time. */
  if (completed != item->completed)
    {
      item->completed = completed;
      g_free (item->completed_by);
      item->completed_by = completed ? g_strdup (call->user->id) : NULL;
      item->completed_at = completed ? g_get_real_time () / 1000 * 1000 : 0;
    }
  reply_item (call, 200, item);
}

void
alga_test_close_rules_check (AlgaTestCall         *call,
                             const AlgaSeedTicket *t,
                             const AlgaSeedBoard  *board,
                             JsonArray            *details)
{
  guint open = alga_seed_count_required_open (call->data, t->id);
  g_autofree char *message = NULL;
  JsonObject *issue;
  JsonArray *path;

  if (board == NULL || !board->requires_checklist_done || open == 0)
    return;
  message = open == 1 ? g_strdup ("1 required checklist item is incomplete")
                      : g_strdup_printf ("%u required checklist items are incomplete", open);
  issue = json_object_new ();
  path = json_array_new ();
  json_array_add_string_element (path, "status_id");
  json_object_set_array_member (issue, "path", path);
  json_object_set_string_member (issue, "rule", "checklist_incomplete");
  json_object_set_string_member (issue, "message", message);
  json_object_set_int_member (issue, "incomplete_count", open);
  json_array_add_object_element (details, issue);
}
