/* alga-test-routes-ticket-create.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /api/v1/tickets, with the real route's quirks: `url` is dropped, `tags` are echoed but
 * not stored, the suppression flags are ignored, and a contact of another client or a category
 * of another board is accepted, while a location of another client is refused.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"
#include "alga-test-ticket-row.h"

#include <string.h>

#define MAX_TITLE_CHARS 255

static void
check_title (JsonObject *body,
             JsonArray  *issues)
{
  JsonNode *node = json_object_get_member (body, "title");
  JsonObject *issue;
  JsonArray *path;
  gboolean too_long;
  const char *title;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      issue = alga_test_issue_add (issues, "invalid_type", "title", "Required");
      json_object_set_string_member (issue, "expected", "string");
      json_object_set_string_member (issue, "received", node == NULL ? "undefined" : "other");
      return;
    }
  title = json_node_get_string (node);
  if (title[0] != '\0' && g_utf8_strlen (title, -1) <= MAX_TITLE_CHARS)
    return;

  /* Zod's order: the code and the bounds, then the message and the path. */
  too_long = title[0] != '\0';
  issue = json_object_new ();
  json_object_set_string_member (issue, "code", too_long ? "too_big" : "too_small");
  json_object_set_int_member (issue, too_long ? "maximum" : "minimum", too_long ? MAX_TITLE_CHARS : 1);
  json_object_set_string_member (issue, "type", "string");
  json_object_set_boolean_member (issue, "inclusive", TRUE);
  json_object_set_boolean_member (issue, "exact", FALSE);
  json_object_set_string_member (issue, "message", too_long ? "String must contain at most 255 character(s)"
                                                            : "String must contain at least 1 character(s)");
  path = json_array_new ();
  json_array_add_string_element (path, "title");
  json_object_set_array_member (issue, "path", path);
  json_array_add_object_element (issues, issue);
}

static void
check_attributes (JsonObject *body,
                  JsonArray  *issues)
{
  JsonNode *node = json_object_get_member (body, "attributes");
  JsonObject *issue;
  const char *received;

  if (node == NULL || JSON_NODE_HOLDS_OBJECT (node))
    return;
  received = JSON_NODE_HOLDS_NULL (node) ? "null" : JSON_NODE_HOLDS_ARRAY (node) ? "array" : "string";
  issue = alga_test_issue_add (issues, "invalid_type", "attributes", "");
  json_object_set_string_member (issue, "expected", "object");
  json_object_set_string_member (issue, "received", received);
  {
    g_autofree char *message = g_strdup_printf ("Expected object, received %s", received);

    json_object_set_string_member (issue, "message", message);
  }
}

/* A foreign key the database refuses: a string in details, not a list. */
static void
reply_invalid_reference (AlgaTestCall *call,
                         const char   *column,
                         const char   *value,
                         const char   *table)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *error = json_object_new ();
  g_autofree char *details = g_strdup_printf ("Key (%s)=(%s) is not present in table \"%s\".",
                                              column, value, table);

  json_object_set_string_member (error, "code", "BAD_REQUEST");
  json_object_set_string_member (error, "message", "Invalid reference");
  json_object_set_string_member (error, "details", details);
  json_object_set_object_member (root, "error", error);
  alga_test_reply_json (call->msg, 400, json_node_init_object (json_node_alloc (), root));
}

static char *
dup_optional_uuid (JsonObject *body,
                   const char *name)
{
  const char *value = json_object_get_string_member_with_default (body, name, NULL);

  return value != NULL && alga_test_is_uuid (value) ? g_ascii_strdown (value, -1) : NULL;
}

void
alga_test_route_ticket_create (AlgaTestCall *call)
{
  static const char * const optional[] = {
    "contact_name_id", "location_id", "category_id", "subcategory_id", "assigned_to", NULL,
  };
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = alga_test_parse_body (call->msg, &parse_error);
  g_autoptr(JsonArray) issues = json_array_new ();
  g_autoptr(JsonObject) answer = NULL;
  const char *board_id, *client_id, *status_id, *priority_id, *location_id;
  const AlgaSeedStatus *status;
  const AlgaSeedLocation *location;
  AlgaSeedTicket *t;
  JsonNode *node;

  /* A malformed body is read as {}: five "Required" issues rather than a 500. */
  if (body == NULL)
    body = json_object_new ();
  check_title (body, issues);
  board_id = alga_test_body_uuid (body, "board_id", issues, TRUE);
  client_id = alga_test_body_uuid (body, "client_id", issues, TRUE);
  status_id = alga_test_body_uuid (body, "status_id", issues, TRUE);
  priority_id = alga_test_body_uuid (body, "priority_id", issues, TRUE);
  for (guint i = 0; optional[i] != NULL; i++)
    if ((node = json_object_get_member (body, optional[i])) != NULL && !JSON_NODE_HOLDS_NULL (node))
      alga_test_body_uuid (body, optional[i], issues, FALSE);
  check_attributes (body, issues);
  if (json_array_get_length (issues) == 0)
    {
      status = alga_seed_find_status (call->data, status_id);
      if (status == NULL || g_ascii_strcasecmp (status->board_id, board_id) != 0)
        {
          g_autofree char *message = g_strdup_printf ("status_id %s does not belong to board_id %s",
                                                      status_id, board_id);

          alga_test_issue_add (issues, NULL, "status_id", message);
        }
    }
  location_id = json_object_get_string_member_with_default (body, "location_id", NULL);
  if (json_array_get_length (issues) == 0 && location_id != NULL)
    {
      location = alga_seed_find_location (call->data, location_id);
      if (location == NULL || g_ascii_strcasecmp (location->client_id, client_id) != 0)
        alga_test_issue_add (issues, NULL, "location_id",
                             "Invalid location: Location does not belong to the selected client");
    }
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  if (alga_seed_find_client (call->data, client_id) == NULL)
    {
      reply_invalid_reference (call, "client_id", client_id, "clients");
      return;
    }
  if (alga_seed_find_named (call->data->priorities, priority_id) == NULL)
    {
      reply_invalid_reference (call, "priority_id", priority_id, "priorities");
      return;
    }
  {
    const char *contact_id = json_object_get_string_member_with_default (body, "contact_name_id", NULL);

    if (contact_id != NULL && alga_seed_find_contact (call->data, contact_id) == NULL)
      {
        reply_invalid_reference (call, "contact_name_id", contact_id, "contacts");
        return;
      }
  }

  t = alga_seed_add_ticket (call->data, json_object_get_string_member (body, "title"), board_id,
                            client_id, json_object_get_string_member_with_default (body, "assigned_to", NULL),
                            call->user->id, g_get_real_time () / 1000 * 1000);
  g_free (t->status_id);
  t->status_id = g_ascii_strdown (status_id, -1);
  g_free (t->priority_id);
  t->priority_id = g_ascii_strdown (priority_id, -1);
  g_free (t->origin);
  t->origin = g_strdup ("api");
  t->contact_id = dup_optional_uuid (body, "contact_name_id");
  t->location_id = dup_optional_uuid (body, "location_id");
  t->category_id = dup_optional_uuid (body, "category_id");
  t->subcategory_id = dup_optional_uuid (body, "subcategory_id");
  node = json_object_get_member (body, "attributes");
  if (node != NULL)
    t->attributes = json_object_ref (json_node_get_object (node));
  /* Creation notifies the assignee whatever the suppression flags say: the route ignores them. */
  if (t->assigned_to != NULL)
    alga_seed_add_activity (call->data, t, t->assigned_to, call->user->id, "New Ticket Created",
                            "A new ticket was assigned to you");
  alga_test_notify (call, t, "created", TRUE, t->assigned_to != NULL);

  answer = alga_ticket_object (call->data, t, alga_ticket_columns, NULL);
  if ((node = json_object_get_member (body, "tags")) != NULL)
    json_object_set_member (answer, "tags", json_node_copy (node));
  alga_test_reply_data (call->msg, 201, json_node_init_object (json_node_alloc (), answer));
}
