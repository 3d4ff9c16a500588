/* alga-test-routes-ticket-writes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Statuses and priorities and the ticket writes: status, assignment and the partial update
 * (docs/API.md, Tickets).
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"
#include "alga-test-ticket-row.h"

#include <string.h>

#define CLOSE_RULE "resolution_note_required"
#define CLOSE_RULE_MESSAGE "A resolution note (attributes.resolution_note) is required to close tickets on this board"

static int
compare_statuses (gconstpointer a,
                  gconstpointer b)
{
  const AlgaSeedStatus *x = *(AlgaSeedStatus * const *) a;
  const AlgaSeedStatus *y = *(AlgaSeedStatus * const *) b;
  int cmp = g_strcmp0 (x->board_id, y->board_id);

  if (cmp == 0)
    cmp = x->order_number - y->order_number;
  if (cmp == 0)
    cmp = g_strcmp0 (x->name, y->name);
  return cmp;
}

void
alga_test_route_statuses (AlgaTestCall *call)
{
  const char *board_id = g_hash_table_lookup (call->query, "board_id");
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  JsonArray *out;

  if (board_id != NULL && !alga_test_is_uuid (board_id))
    {
      g_autoptr(JsonArray) issues = json_array_new ();

      alga_test_issue_uuid (issues, "board_id");
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }

  for (guint i = 0; i < call->data->statuses->len; i++)
    {
      AlgaSeedStatus *s = g_ptr_array_index (call->data->statuses, i);

      if (board_id == NULL || g_ascii_strcasecmp (board_id, s->board_id) == 0)
        g_ptr_array_add (sorted, s);
    }
  g_ptr_array_sort (sorted, compare_statuses);

  out = json_array_new ();
  for (guint i = 0; i < sorted->len; i++)
    {
      const AlgaSeedStatus *s = g_ptr_array_index (sorted, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "status_id", s->id);
      json_object_set_string_member (o, "board_id", s->board_id);
      json_object_set_string_member (o, "name", s->name);
      json_object_set_boolean_member (o, "is_closed", s->is_closed);
      json_object_set_boolean_member (o, "is_default", s->is_default);
      json_object_set_int_member (o, "order_number", s->order_number);
      json_array_add_object_element (out, o);
    }
  alga_test_reply_data (call->msg, 200, json_node_init_array (json_node_alloc (), out));
  json_array_unref (out);
}

static int
compare_named (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 ((*(AlgaSeedNamed * const *) a)->name, (*(AlgaSeedNamed * const *) b)->name);
}

void
alga_test_route_priorities (AlgaTestCall *call)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < call->data->priorities->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (call->data->priorities, i));

  g_ptr_array_sort (sorted, compare_named);
  for (guint i = 0; i < sorted->len; i++)
    {
      const AlgaSeedNamed *p = g_ptr_array_index (sorted, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "priority_id", p->id);
      json_object_set_string_member (o, "priority_name", p->name);
      json_array_add_object_element (out, o);
    }
  alga_test_reply_data (call->msg, 200, json_node_init_array (json_node_alloc (), out));
  json_array_unref (out);
}

static void
reply_ticket (AlgaTestCall         *call,
              const AlgaSeedTicket *t)
{
  JsonObject *answer = alga_ticket_write_answer (call->data, t);

  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

/* What a ticket's close fields were before a write. */
typedef struct
{
  gboolean  is_closed;
  gint64    closed_at;
  char     *closed_by;
} CloseFields;

static void
close_fields_save (CloseFields          *saved,
                   const AlgaSeedTicket *t)
{
  saved->is_closed = t->is_closed;
  saved->closed_at = t->closed_at;
  saved->closed_by = g_strdup (t->closed_by);
}

/* The real server answers with the row read before it synced is_closed, closed_at and
 * closed_by to the new status: closing answers is_closed false, reopening true. */
static void
reply_ticket_stale_close (AlgaTestCall         *call,
                          const AlgaSeedTicket *t,
                          CloseFields          *saved)
{
  JsonObject *answer = alga_ticket_write_answer (call->data, t);
  g_autofree char *closed_at = saved->closed_at != 0 ? alga_test_format_time (saved->closed_at) : NULL;

  json_object_set_boolean_member (answer, "is_closed", saved->is_closed);
  alga_test_set_string_or_null (answer, "closed_at", closed_at);
  alga_test_set_string_or_null (answer, "closed_by", saved->closed_by);
  g_free (saved->closed_by);
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

static void
reply_status_not_on_board (AlgaTestCall *call)
{
  g_autoptr(JsonArray) details = json_array_new ();

  alga_test_issue_add (details, NULL, "status_id",
                       "Invalid status: selected status does not belong to the selected board");
  alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", details);
}

static gboolean
has_resolution_note (JsonObject *attributes)
{
  JsonNode *node;
  g_autofree char *note = NULL;

  if (attributes == NULL || (node = json_object_get_member (attributes, "resolution_note")) == NULL ||
      !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  note = g_strstrip (g_strdup (json_node_get_string (node)));
  return note[0] != '\0';
}

/* Moves the ticket to status_id (on board_id), enforcing the board's close rule. Returns
 * FALSE after answering 400. */
static gboolean
apply_status (AlgaTestCall   *call,
              AlgaSeedTicket *t,
              const char     *board_id,
              const char     *status_id,
              JsonObject     *attributes,
              JsonObject     *body)
{
  const AlgaSeedStatus *status = alga_seed_find_status (call->data, status_id);
  const AlgaSeedBoard *board = alga_seed_find_board (call->data, board_id);
  gboolean was_closed = t->is_closed;
  gint64 now = g_get_real_time () / 1000 * 1000;

  if (status == NULL || g_ascii_strcasecmp (status->board_id, board_id) != 0)
    {
      reply_status_not_on_board (call);
      return FALSE;
    }
  /* The override is silently ignored for a role without the permission. */
  if (status->is_closed && !was_closed && board != NULL &&
      !(json_object_get_boolean_member_with_default (body, "override_close_rules", FALSE) &&
        alga_test_role_may (alga_test_user_role (call->data, call->user), "ticket:close_override")))
    {
      g_autoptr(JsonArray) details = json_array_new ();

      if (board->requires_resolution_note && !has_resolution_note (attributes))
        {
          JsonObject *issue = json_object_new ();
          JsonArray *path = json_array_new ();

          json_array_add_string_element (path, "status_id");
          json_object_set_array_member (issue, "path", path);
          json_object_set_string_member (issue, "rule", CLOSE_RULE);
          json_object_set_string_member (issue, "message", CLOSE_RULE_MESSAGE);
          json_array_add_object_element (details, issue);
        }
      alga_test_close_rules_check (call, t, board, details);
      if (json_array_get_length (details) > 0)
        {
          alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Ticket close rules not satisfied", details);
          return FALSE;
        }
    }

  if (g_strcmp0 (t->status_id, status->id) != 0)
    {
      g_autofree char *message = g_strdup_printf ("%s “%s” is now %s", t->number,
                                                  t->title ? t->title : "", status->name);

      alga_seed_add_activity (call->data, t, t->assigned_to, call->user->id, "Status changed", message);
    }
  g_free (t->status_id);
  t->status_id = g_strdup (status->id);
  g_free (t->board_id);
  t->board_id = g_strdup (status->board_id);
  t->is_closed = status->is_closed;
  if (status->is_closed && !was_closed)
    {
      gint64 closed_at = 0;
      const char *closed_by = json_object_get_string_member_with_default (body, "closed_by", NULL);

      if (!alga_test_parse_time_z (json_object_get_string_member_with_default (body, "closed_at", NULL), &closed_at))
        closed_at = now;
      t->closed_at = closed_at;
      g_free (t->closed_by);
      t->closed_by = g_strdup (closed_by != NULL ? closed_by : call->user->id);
    }
  else if (!status->is_closed)
    {
      t->closed_at = 0;
      g_clear_pointer (&t->closed_by, g_free);
    }
  return TRUE;
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
alga_test_route_ticket_status (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) issues = json_array_new ();
  const char *status_id;
  CloseFields saved;
  gboolean quiet_contact, quiet_agents;

  if (t == NULL || (body = parse_body_or_500 (call)) == NULL)
    return;
  status_id = alga_test_body_uuid (body, "status_id", issues, TRUE);
  if (json_object_has_member (body, "closed_at") &&
      !alga_test_parse_time_z (json_object_get_string_member_with_default (body, "closed_at", NULL), NULL))
    alga_test_issue_datetime (issues, "closed_at");
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  if (!alga_test_body_quiet (call, body, &quiet_contact, &quiet_agents))
    return;
  close_fields_save (&saved, t);
  if (!apply_status (call, t, t->board_id, status_id, t->attributes, body))
    {
      g_free (saved.closed_by);
      return;
    }
  alga_test_ticket_touch (call, t);
  alga_test_notify (call, t, "update", !quiet_contact, FALSE);
  reply_ticket_stale_close (call, t, &saved);
}

void
alga_test_route_ticket_assignment (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) issues = json_array_new ();
  JsonNode *node;
  gboolean quiet_contact, quiet_agents;

  if (t == NULL || (body = parse_body_or_500 (call)) == NULL)
    return;
  node = json_object_get_member (body, "assigned_to");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    alga_test_body_uuid (body, "assigned_to", issues, FALSE);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  if (!alga_test_body_quiet (call, body, &quiet_contact, &quiet_agents))
    return;

  /* Unknown user ids are stored as they are: the real table has no foreign key there. */
  if (node != NULL)
    alga_test_ticket_set_assignee (call->data, t, JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node),
                                   call->user->id);
  alga_test_ticket_touch (call, t);
  alga_test_notify (call, t, "update", !quiet_contact, FALSE);
  reply_ticket (call, t);
}

static void
set_optional_uuid (AlgaTestCall *call,
                   JsonObject   *body,
                   const char   *name,
                   char        **field)
{
  const char *value = json_object_get_string_member_with_default (body, name, NULL);

  if (value != NULL && alga_test_is_uuid (value))
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

void
alga_test_route_ticket_put (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) issues = json_array_new ();
  static const char * const uuids[] = {
    "board_id", "client_id", "location_id", "status_id", "category_id", "subcategory_id",
    "priority_id", "assigned_to", NULL,
  };
  JsonNode *node;
  JsonObject *attributes;
  const char *board_id;
  const char *status_id;
  CloseFields saved;
  gboolean quiet_contact, quiet_agents;

  if (t == NULL)
    return;
  /* The generic update swallows a malformed body as {}, as the real one does. */
  body = alga_test_parse_body (call->msg, &parse_error);
  if (body == NULL)
    body = json_object_new ();

  if ((node = json_object_get_member (body, "title")) != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
       json_node_get_string (node)[0] == '\0' || strlen (json_node_get_string (node)) > 255))
    {
      JsonObject *issue = alga_test_issue_add (issues, "too_small", "title",
                                               "String must contain at least 1 character(s)");

      json_object_set_int_member (issue, "minimum", 1);
    }
  for (guint i = 0; uuids[i] != NULL; i++)
    if (json_object_has_member (body, uuids[i]))
      alga_test_body_uuid (body, uuids[i], issues, FALSE);
  if ((node = json_object_get_member (body, "contact_name_id")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    alga_test_body_uuid (body, "contact_name_id", issues, FALSE);
  if ((node = json_object_get_member (body, "attributes")) != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *issue = alga_test_issue_add (issues, "invalid_type", "attributes",
                                               JSON_NODE_HOLDS_NULL (node) ? "Expected object, received null"
                                                                          : "Expected object, received string");

      json_object_set_string_member (issue, "expected", "object");
      json_object_set_string_member (issue, "received", JSON_NODE_HOLDS_NULL (node) ? "null" : "string");
    }
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }
  if (!alga_test_body_quiet (call, body, &quiet_contact, &quiet_agents))
    return;

  attributes = t->attributes;
  if ((node = json_object_get_member (body, "attributes")) != NULL)
    attributes = json_node_get_object (node);

  board_id = json_object_get_string_member_with_default (body, "board_id", t->board_id);
  status_id = json_object_get_string_member_with_default (body, "status_id", NULL);
  if (g_ascii_strcasecmp (board_id, t->board_id) != 0 && status_id == NULL)
    {
      reply_status_not_on_board (call);
      return;
    }
  close_fields_save (&saved, t);
  if (status_id != NULL && !apply_status (call, t, board_id, status_id, attributes, body))
    {
      g_free (saved.closed_by);
      return;
    }

  if ((node = json_object_get_member (body, "title")) != NULL)
    {
      g_free (t->title);
      t->title = g_strdup (json_node_get_string (node));
    }
  set_optional_uuid (call, body, "client_id", &t->client_id);
  set_optional_uuid (call, body, "category_id", &t->category_id);
  set_optional_uuid (call, body, "priority_id", &t->priority_id);
  if (json_object_has_member (body, "assigned_to"))
    alga_test_ticket_set_assignee (call->data, t, json_object_get_string_member (body, "assigned_to"),
                                   call->user->id);
  if ((node = json_object_get_member (body, "contact_name_id")) != NULL)
    {
      g_free (t->contact_id);
      t->contact_id = JSON_NODE_HOLDS_NULL (node) ? NULL : g_strdup (json_node_get_string (node));
    }
  /* attributes replace the whole column; the mobile app sends everything it read. */
  if (attributes != t->attributes)
    {
      g_clear_pointer (&t->attributes, json_object_unref);
      t->attributes = json_object_ref (attributes);
    }
  alga_test_ticket_touch (call, t);
  alga_test_notify (call, t, "update", !quiet_contact, FALSE);
  reply_ticket_stale_close (call, t, &saved);
}
