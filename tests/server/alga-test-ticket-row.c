/* alga-test-ticket-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket as the server's SQL would return it: the 50 `tickets` columns and the
 * joined names of the list, detail and mobile shapes.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-ticket-row.h"

const char * const alga_ticket_columns[] = {
  "tenant", "ticket_id", "ticket_number", "title", "url", "contact_name_id", "status_id",
  "category_id", "subcategory_id", "priority_id", "severity_id", "urgency_id", "impact_id",
  "entered_by", "updated_by", "assigned_to", "closed_by", "entered_at", "updated_at", "closed_at",
  "is_closed", "attributes", "due_date", "location_id", "email_metadata", "itil_impact",
  "itil_urgency", "itil_priority_level", "escalated", "escalation_level", "escalated_at",
  "escalated_by", "board_id", "client_id", "response_state", "master_ticket_id", "source",
  "ticket_origin", "sla_policy_id", "sla_started_at", "sla_response_due_at", "sla_response_at",
  "sla_response_met", "sla_resolution_due_at", "sla_resolution_at", "sla_resolution_met",
  "sla_paused_at", "sla_total_pause_minutes", "assigned_team_id", "billing_profile_id", NULL,
};

const char * const alga_ticket_list_joins[] = {
  "client_name", "contact_name", "status_name", "status_is_closed", "priority_name",
  "category_name", "subcategory_name", "board_name", "entered_by_name", "assigned_to_name", NULL,
};

const char * const alga_ticket_detail_joins[] = {
  "client_name", "location_name", "client_email", "client_phone", "contact_name", "contact_email",
  "contact_phone", "status_name", "status_is_closed", "priority_name", "category_name",
  "assigned_to_name", "description_html", "documents", "contact_avatar_url", "client_logo_url", NULL,
};

/* Columns that the demo data never fills. */
static const char * const null_columns[] = {
  "url", "severity_id", "urgency_id", "impact_id", "email_metadata", "itil_impact",
  "itil_urgency", "itil_priority_level", "escalation_level", "escalated_at", "escalated_by", "response_state", "master_ticket_id", "sla_policy_id",
  "sla_started_at", "sla_response_due_at", "sla_response_at", "sla_response_met",
  "sla_resolution_due_at", "sla_resolution_at", "sla_resolution_met", "sla_paused_at",
  "assigned_team_id", "billing_profile_id", "subcategory_name", "contact_avatar_url",
  "client_logo_url", NULL,
};

static JsonNode *
string_node (const char *value)
{
  if (value == NULL)
    return json_node_init_null (json_node_alloc ());
  return json_node_init_string (json_node_alloc (), value);
}

static JsonNode *
owned_string_node (char *value)
{
  JsonNode *node = string_node (value);

  g_free (value);
  return node;
}

static JsonNode *
time_node (gint64 usec)
{
  if (usec == 0)
    return json_node_init_null (json_node_alloc ());
  return owned_string_node (alga_test_format_time (usec));
}

static JsonNode *
tags_node (const AlgaSeedTicket *t)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < t->tags->len; i++)
    {
      const AlgaSeedTag *tag = g_ptr_array_index (t->tags, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "tag_id", tag->mapping_id);
      json_object_set_string_member (o, "tag_text", tag->text);
      alga_test_set_string_or_null (o, "background_color", tag->background_color);
      alga_test_set_string_or_null (o, "text_color", tag->text_color);
      json_array_add_object_element (array, o);
    }
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return node;
}

char *
alga_ticket_description_html (const AlgaSeedTicket *t)
{
  const char *description = NULL;
  char *html = NULL;

  if (t->attributes != NULL && json_object_has_member (t->attributes, "description") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (t->attributes, "description")))
    description = json_object_get_string_member (t->attributes, "description");
  if (description == NULL || description[0] == '\0')
    return g_strdup ("<p></p>");
  alga_test_render_rich_text (description, &html, NULL);
  return html;
}

gboolean
alga_ticket_is_column (const char *name)
{
  return g_strv_contains ((const char * const *) alga_ticket_columns, name);
}

JsonNode *
alga_ticket_value (AlgaSeedData         *data,
                   const AlgaSeedTicket *t,
                   const char           *name)
{
  const AlgaSeedStatus *status = alga_seed_find_status (data, t->status_id);
  const AlgaSeedClient *client = alga_seed_find_client (data, t->client_id);
  const AlgaSeedContact *contact = alga_seed_find_contact (data, t->contact_id);
  const AlgaSeedNamed *priority = alga_seed_find_named (data->priorities, t->priority_id);
  const AlgaSeedNamed *category = alga_seed_find_named (data->categories, t->category_id);
  const AlgaSeedBoard *board = alga_seed_find_board (data, t->board_id);

  if (g_strv_contains ((const char * const *) null_columns, name))
    return json_node_init_null (json_node_alloc ());

#define IS(n) g_str_equal (name, n)
  if (IS ("tenant"))            return string_node (data->tenant_id);
  if (IS ("ticket_id"))         return string_node (t->id);
  if (IS ("ticket_number"))     return string_node (t->number);
  if (IS ("title"))             return string_node (t->title);
  if (IS ("contact_name_id"))   return string_node (t->contact_id);
  if (IS ("status_id"))         return string_node (t->status_id);
  if (IS ("category_id"))       return string_node (t->category_id);
  if (IS ("subcategory_id"))    return string_node (t->subcategory_id);
  if (IS ("location_id"))       return string_node (t->location_id);
  if (IS ("priority_id"))       return string_node (t->priority_id);
  if (IS ("entered_by"))        return string_node (t->entered_by);
  if (IS ("updated_by"))        return string_node (t->updated_by);
  if (IS ("assigned_to"))       return string_node (t->assigned_to);
  if (IS ("closed_by"))         return string_node (t->closed_by);
  if (IS ("entered_at"))        return time_node (t->entered_at);
  if (IS ("updated_at"))        return time_node (t->updated_at);
  if (IS ("closed_at"))         return time_node (t->closed_at);
  if (IS ("due_date"))          return time_node (t->due_date);
  if (IS ("is_closed"))         return json_node_init_boolean (json_node_alloc (), t->is_closed);
  if (IS ("escalated"))         return json_node_init_boolean (json_node_alloc (), FALSE);
  if (IS ("board_id"))          return string_node (t->board_id);
  if (IS ("client_id"))         return string_node (t->client_id);
  if (IS ("ticket_origin"))     return string_node (t->origin);
  /* Seeded tickets predate the column; the API fills it on creation. */
  if (IS ("source"))            return string_node (g_strcmp0 (t->origin, "api") == 0 ? t->origin : NULL);
  if (IS ("sla_total_pause_minutes")) return json_node_init_int (json_node_alloc (), 0);
  if (IS ("attributes"))
    {
      JsonNode *node;

      if (t->attributes == NULL)
        return json_node_init_null (json_node_alloc ());
      node = json_node_alloc ();
      json_node_init_object (node, t->attributes);
      return node;
    }
  if (IS ("client_name"))       return string_node (client ? client->name : NULL);
  if (IS ("location_name"))
    {
      const AlgaSeedLocation *location = alga_seed_find_location (data, t->location_id);

      return string_node (location != NULL ? location->name : client ? client->location_name : NULL);
    }
  if (IS ("client_email"))      return string_node (client ? client->email : NULL);
  if (IS ("client_phone"))      return string_node (client ? client->phone : NULL);
  if (IS ("contact_name"))      return string_node (contact ? contact->full_name : NULL);
  if (IS ("contact_email"))     return string_node (contact ? contact->email : NULL);
  if (IS ("contact_phone"))     return string_node (contact ? contact->phone : NULL);
  if (IS ("status_name"))       return string_node (status ? status->name : NULL);
  if (IS ("status_is_closed"))
    {
      if (status == NULL)
        return json_node_init_null (json_node_alloc ());
      return json_node_init_boolean (json_node_alloc (), status->is_closed);
    }
  if (IS ("priority_name"))     return string_node (priority ? priority->name : NULL);
  if (IS ("category_name"))     return string_node (category ? category->name : NULL);
  if (IS ("board_name"))        return string_node (board ? board->name : NULL);
  if (IS ("entered_by_name"))
    return owned_string_node (alga_seed_user_name (alga_seed_find_user (data, t->entered_by)));
  if (IS ("assigned_to_name"))
    return owned_string_node (alga_seed_user_name (alga_seed_find_user (data, t->assigned_to)));
  if (IS ("description_html"))  return owned_string_node (alga_ticket_description_html (t));
  if (IS ("documents"))
    {
      JsonArray *documents = alga_test_ticket_documents (data, t->id);
      JsonNode *node = json_node_init_array (json_node_alloc (), documents);

      json_array_unref (documents);
      return node;
    }
  if (IS ("tags"))              return tags_node (t);
#undef IS

  return NULL;
}

JsonObject *
alga_ticket_object (AlgaSeedData         *data,
                    const AlgaSeedTicket *t,
                    const char * const   *names,
                    const char * const   *more_names)
{
  JsonObject *o = json_object_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    json_object_set_member (o, names[i], alga_ticket_value (data, t, names[i]));
  for (guint i = 0; more_names != NULL && more_names[i] != NULL; i++)
    json_object_set_member (o, more_names[i], alga_ticket_value (data, t, more_names[i]));
  return o;
}

/* The answer of the write routes: the row after the update plus description_html. */
JsonObject *
alga_ticket_write_answer (AlgaSeedData         *data,
                          const AlgaSeedTicket *t)
{
  static const char * const extra[] = { "description_html", NULL };

  return alga_ticket_object (data, t, alga_ticket_columns, extra);
}

JsonObject *
alga_test_ticket_row (AlgaSeedData         *data,
                      const AlgaSeedTicket *ticket)
{
  return alga_ticket_object (data, ticket, alga_ticket_columns, alga_ticket_list_joins);
}
