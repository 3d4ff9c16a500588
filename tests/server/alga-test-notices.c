/* alga-test-notices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suppression flags a ticket write may carry, and the notices the server sends unless they
 * ask for quiet: an e-mail to the ticket's contact, an in-app notification to the agents.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"

/* A flag must be a JSON boolean: the string "true" is refused. */
static gboolean
body_flag (JsonObject *body,
           const char *name,
           JsonArray  *issues)
{
  JsonNode *node = json_object_get_member (body, name);
  JsonObject *issue;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  issue = alga_test_issue_add (issues, "invalid_type", name, "");
  json_object_remove_member (issue, "path");
  json_object_remove_member (issue, "message");
  json_object_set_string_member (issue, "expected", "boolean");
  json_object_set_string_member (issue, "received",
                                 JSON_NODE_HOLDS_NULL (node) ? "null"
                                 : JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                                 ? "string" : "number");
  {
    JsonArray *path = json_array_new ();
    g_autofree char *message = g_strdup_printf ("Expected boolean, received %s",
                                                json_object_get_string_member (issue, "received"));

    json_array_add_string_element (path, name);
    json_object_set_array_member (issue, "path", path);
    json_object_set_string_member (issue, "message", message);
  }
  return FALSE;
}

/* Reads suppressContactNotifications and suppressInternalNotifications. Quieting the agents
 * without the contact is refused on every route that takes them. Returns FALSE after answering
 * the 400. */
gboolean
alga_test_body_quiet (AlgaTestCall *call,
                      JsonObject   *body,
                      gboolean     *quiet_contact,
                      gboolean     *quiet_agents)
{
  g_autoptr(JsonArray) issues = json_array_new ();

  *quiet_contact = body_flag (body, "suppressContactNotifications", issues);
  *quiet_agents = body_flag (body, "suppressInternalNotifications", issues);
  if (json_array_get_length (issues) == 0 && *quiet_agents && !*quiet_contact)
    alga_test_issue_add (issues, "custom", "suppressInternalNotifications",
                         "suppressInternalNotifications requires suppressContactNotifications");
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return FALSE;
    }
  return TRUE;
}

void
alga_test_notify (AlgaTestCall         *call,
                  const AlgaSeedTicket *ticket,
                  const char           *event,
                  gboolean              to_contact,
                  gboolean              to_agents)
{
  for (guint i = 0; i < 2; i++)
    {
      AlgaSeedNotice *notice;

      if ((i == 0 && (!to_contact || ticket->contact_id == NULL)) || (i == 1 && !to_agents))
        continue;
      notice = g_new0 (AlgaSeedNotice, 1);
      notice->ticket_id = g_strdup (ticket->id);
      notice->event = g_strdup (event);
      notice->to_contact = i == 0;
      g_ptr_array_add (call->data->notices, notice);
    }
}

char **
alga_test_server_dup_notices (AlgaTestServer *self,
                              const char     *ticket_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->data->notices->len; i++)
    {
      const AlgaSeedNotice *notice = g_ptr_array_index (self->data->notices, i);
      g_autofree char *text = NULL;

      if (g_strcmp0 (notice->ticket_id, ticket_id) != 0)
        continue;
      text = g_strdup_printf ("%s:%s", notice->to_contact ? "contact" : "agents", notice->event);
      g_strv_builder_add (builder, text);
    }
  g_mutex_unlock (&self->lock);
  return g_strv_builder_end (builder);
}
