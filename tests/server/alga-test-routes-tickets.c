/* alga-test-routes-tickets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/tickets, /tickets/stats and /tickets/{id}.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"
#include "alga-test-ticket-row.h"

#include <string.h>

#define DAY_US (G_USEC_PER_SEC * (gint64) 86400)

static const char * const mobile_fields[] = {
  "ticket_id", "ticket_number", "title", "status_id", "client_name", "contact_name", "status_name",
  "status_is_closed", "priority_name", "updated_at", "entered_at", "closed_at", "assigned_to_name",
  NULL,
};

static const char * const allowed_fields[] = {
  "ticket_id", "ticket_number", "title", "status_id", "status_name", "status_is_closed",
  "priority_name", "assigned_to_name", "client_name", "contact_name", "updated_at", "entered_at",
  "closed_at", "tags", NULL,
};

/* The row-level authorization columns, which the real server adds to any field list. */
static const char * const auth_columns[] = {
  "ticket_id", "status_id", "entered_by", "assigned_to", "client_id", "board_id",
  "assigned_team_id", NULL,
};

static const char * const uuid_filters[] = {
  "assigned_to", "status_id", "client_id", "board_id", "location_id", "contact_name_id",
  "category_id", "subcategory_id", "entered_by", "priority_id", NULL,
};

static const char * const bool_filters[] = { "is_open", "is_closed", "has_assignment", NULL };

static const char * const exact_filters[] = {
  "priority_name", "status_name", "client_name", "contact_name", "board_name", "category_name", NULL,
};

static const char * const like_filters[] = { "search", "title", "ticket_number", NULL };

static const char * const time_filters[] = {
  "updated_from", "updated_to", "entered_from", "entered_to", "created_from", "created_to",
  "closed_from", "closed_to", NULL,
};

AlgaSeedTicket *
alga_test_route_ticket_from_path (AlgaTestCall *call)
{
  const char *id = call->segments[4];
  AlgaSeedTicket *ticket;

  if (!alga_test_is_uuid (id))
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Invalid ticket ID format", NULL);
      return NULL;
    }
  ticket = alga_seed_find_ticket (call->data, id);
  if (ticket == NULL)
    alga_test_reply_error (call->msg, 404, "NOT_FOUND", "ticket not found", NULL);
  return ticket;
}

/* A comma list or a JSON array, as the schema's preprocess accepts both. */
static GStrv
split_list (const char *value,
            gboolean    lower)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (value[0] == '[')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, value, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        {
          JsonArray *array = json_node_get_array (json_parser_get_root (parser));

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *node = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
                {
                  g_autofree char *s = g_strstrip (g_strdup (json_node_get_string (node)));

                  if (s[0] != '\0')
                    g_strv_builder_add (builder, lower ? g_ascii_strdown (s, -1) : s);
                }
            }
          return g_strv_builder_end (builder);
        }
    }
  parts = g_strsplit (value, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *s = g_strstrip (parts[i]);

      if (s[0] != '\0')
        {
          g_autofree char *low = g_ascii_strdown (s, -1);

          g_strv_builder_add (builder, lower ? low : s);
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle_folded) != NULL;
}

typedef struct
{
  GHashTable *query;
  GStrv       status_ids;
  GStrv       tags;
  gint64      times[8];
} Filters;

static gboolean
ticket_matches (AlgaSeedData         *data,
                const AlgaSeedTicket *t,
                Filters              *f)
{
  GHashTable *q = f->query;
  const AlgaSeedStatus *status = alga_seed_find_status (data, t->status_id);
  const AlgaSeedClient *client = alga_seed_find_client (data, t->client_id);
  const char *value;
  gint64 updated = t->updated_at != 0 ? t->updated_at : t->entered_at;

  if ((value = g_hash_table_lookup (q, "search")) != NULL)
    {
      g_autofree char *needle = g_utf8_casefold (value, -1);

      if (!contains_casefold (t->title, needle) && !contains_casefold (t->number, needle) &&
          !contains_casefold (client ? client->name : NULL, needle))
        return FALSE;
    }
  for (guint i = 1; like_filters[i] != NULL; i++)
    if ((value = g_hash_table_lookup (q, like_filters[i])) != NULL)
      {
        g_autofree char *needle = g_utf8_casefold (value, -1);
        g_autoptr(JsonNode) node = alga_ticket_value (data, t, like_filters[i]);

        if (JSON_NODE_HOLDS_NULL (node) || !contains_casefold (json_node_get_string (node), needle))
          return FALSE;
      }
  if (g_strcmp0 (g_hash_table_lookup (q, "is_open"), "true") == 0 && (status == NULL || status->is_closed))
    return FALSE;
  if (g_strcmp0 (g_hash_table_lookup (q, "is_closed"), "true") == 0 && (status == NULL || !status->is_closed))
    return FALSE;
  if ((value = g_hash_table_lookup (q, "has_assignment")) != NULL &&
      g_str_equal (value, "true") == (t->assigned_to == NULL))
    return FALSE;
  for (guint i = 0; uuid_filters[i] != NULL; i++)
    if ((value = g_hash_table_lookup (q, uuid_filters[i])) != NULL)
      {
        g_autoptr(JsonNode) node = alga_ticket_value (data, t, uuid_filters[i]);

        if (JSON_NODE_HOLDS_NULL (node) || g_ascii_strcasecmp (json_node_get_string (node), value) != 0)
          return FALSE;
      }
  for (guint i = 0; exact_filters[i] != NULL; i++)
    if ((value = g_hash_table_lookup (q, exact_filters[i])) != NULL)
      {
        g_autoptr(JsonNode) node = alga_ticket_value (data, t, exact_filters[i]);

        if (JSON_NODE_HOLDS_NULL (node) || !g_str_equal (json_node_get_string (node), value))
          return FALSE;
      }
  if (f->status_ids != NULL && !g_strv_contains ((const char * const *) f->status_ids, t->status_id))
    return FALSE;
  if (f->tags != NULL && f->tags[0] != NULL)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < t->tags->len && !any; i++)
        any = g_strv_contains ((const char * const *) f->tags,
                               ((AlgaSeedTag *) g_ptr_array_index (t->tags, i))->text);
      if (!any)
        return FALSE;
    }
  for (guint i = 0; time_filters[i] != NULL; i++)
    {
      gint64 bound = f->times[i];
      gint64 value_us;
      gboolean from = i % 2 == 0;

      if (bound == 0)
        continue;
      value_us = i < 2 ? updated : i < 6 ? t->entered_at : t->closed_at;
      if (value_us == 0 || (from ? value_us < bound : value_us > bound))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  JsonNode       *key;
  AlgaSeedTicket *ticket;
  guint           index;
} SortItem;

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SortItem *x = a;
  const SortItem *y = b;
  gboolean desc = GPOINTER_TO_INT (user_data);
  gboolean xn = JSON_NODE_HOLDS_NULL (x->key);
  gboolean yn = JSON_NODE_HOLDS_NULL (y->key);
  int cmp = 0;

  /* Postgres sorts NULLs as larger than any value: last on ASC, first on DESC. */
  if (xn || yn)
    cmp = xn == yn ? 0 : xn ? 1 : -1;
  else if (JSON_NODE_HOLDS_OBJECT (x->key) || JSON_NODE_HOLDS_ARRAY (x->key))
    cmp = 0;
  else if (json_node_get_value_type (x->key) == G_TYPE_STRING)
    cmp = g_strcmp0 (json_node_get_string (x->key), json_node_get_string (y->key));
  else if (json_node_get_value_type (x->key) == G_TYPE_BOOLEAN)
    cmp = (int) json_node_get_boolean (x->key) - (int) json_node_get_boolean (y->key);
  else
    cmp = (json_node_get_int (x->key) > json_node_get_int (y->key)) -
          (json_node_get_int (x->key) < json_node_get_int (y->key));
  if (desc)
    cmp = -cmp;
  if (cmp == 0)
    cmp = (x->index > y->index) - (x->index < y->index);
  return cmp;
}

static JsonObject *
echo_filters (GHashTable *q,
              Filters    *f)
{
  JsonObject *filters = json_object_new ();
  static const char * const order[] = {
    "search", "title", "ticket_number", "is_open", "is_closed", "has_assignment", "assigned_to",
    "priority_name", "status_name", "status_id", "status_ids", "client_id", "board_id",
    "location_id", "contact_name_id", "category_id", "subcategory_id", "entered_by",
    "priority_id", "client_name", "contact_name", "board_name", "category_name", "tags",
    "updated_from", "updated_to", "entered_from", "entered_to", "created_from", "created_to",
    "closed_from", "closed_to", "is_active", NULL,
  };

  for (guint i = 0; order[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (q, order[i]);

      if (value == NULL)
        continue;
      if (g_strv_contains (bool_filters, order[i]))
        json_object_set_boolean_member (filters, order[i], g_str_equal (value, "true"));
      else if (g_str_equal (order[i], "status_ids") || g_str_equal (order[i], "tags"))
        {
          GStrv list = g_str_equal (order[i], "tags") ? f->tags : f->status_ids;
          JsonArray *array = json_array_new ();

          for (guint j = 0; list != NULL && list[j] != NULL; j++)
            json_array_add_string_element (array, list[j]);
          json_object_set_array_member (filters, order[i], array);
        }
      else
        json_object_set_string_member (filters, order[i], value);
    }
  return filters;
}

void
alga_test_route_tickets_list (AlgaTestCall *call)
{
  GHashTable *q = call->query;
  g_autoptr(JsonArray) issues = json_array_new ();
  g_autoptr(GStrvBuilder) fields_builder = g_strv_builder_new ();
  g_auto(GStrv) fields = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SortItem));
  g_autoptr(JsonArray) out = json_array_new ();
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autofree char *sort_column = NULL;
  Filters f = { q, NULL, NULL, { 0 } };
  const char *sort = g_hash_table_lookup (q, "sort");
  const char *order = g_hash_table_lookup (q, "order");
  const char *fields_param = g_hash_table_lookup (q, "fields");
  gboolean with_tags = FALSE;
  guint page, limit;

  page = alga_test_query_uint (call, issues, "page", 1, 1, G_MAXINT);
  limit = alga_test_query_uint (call, issues, "limit", 25, 1, 100);
  if (order != NULL && !g_str_equal (order, "asc") && !g_str_equal (order, "desc"))
    {
      g_autofree char *message = g_strdup_printf ("Invalid enum value. Expected 'asc' | 'desc', received '%s'", order);
      JsonObject *issue = json_object_new ();
      JsonArray *options = json_array_new ();
      JsonArray *path = json_array_new ();

      json_object_set_string_member (issue, "received", order);
      json_object_set_string_member (issue, "code", "invalid_enum_value");
      json_array_add_string_element (options, "asc");
      json_array_add_string_element (options, "desc");
      json_object_set_array_member (issue, "options", options);
      json_array_add_string_element (path, "order");
      json_object_set_array_member (issue, "path", path);
      json_object_set_string_member (issue, "message", message);
      json_array_add_object_element (issues, issue);
    }
  for (guint i = 0; bool_filters[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (q, bool_filters[i]);

      if (value != NULL && !g_str_equal (value, "true") && !g_str_equal (value, "false"))
        alga_test_issue_add (issues, "custom", bool_filters[i], "Invalid boolean value");
    }
  for (guint i = 0; uuid_filters[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (q, uuid_filters[i]);

      if (value != NULL && !alga_test_is_uuid (value))
        alga_test_issue_uuid (issues, uuid_filters[i]);
    }
  if (g_hash_table_lookup (q, "status_ids") != NULL)
    {
      f.status_ids = split_list (g_hash_table_lookup (q, "status_ids"), FALSE);
      for (guint i = 0; f.status_ids[i] != NULL; i++)
        if (!alga_test_is_uuid (f.status_ids[i]))
          {
            alga_test_issue_uuid (issues, "status_ids");
            break;
          }
    }
  if (g_hash_table_lookup (q, "tags") != NULL)
    f.tags = split_list (g_hash_table_lookup (q, "tags"), TRUE);
  for (guint i = 0; time_filters[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (q, time_filters[i]);

      if (value != NULL && !alga_test_parse_time_z (value, &f.times[i]))
        alga_test_issue_datetime (issues, time_filters[i]);
    }
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Query validation failed", issues);
      goto out;
    }

  /* The field list is checked by the controller after the schema. */
  if (fields_param != NULL && fields_param[0] != '\0')
    {
      g_auto(GStrv) requested = split_list (fields_param, FALSE);
      g_autoptr(GString) unknown = g_string_new (NULL);

      for (guint i = 0; requested[i] != NULL; i++)
        {
          if (g_str_equal (requested[i], "mobile_list"))
            {
              g_strv_builder_addv (fields_builder, (const char **) mobile_fields);
              with_tags = TRUE;
            }
          else if (g_str_equal (requested[i], "tags"))
            with_tags = TRUE;
          else if (g_strv_contains (allowed_fields, requested[i]))
            g_strv_builder_add (fields_builder, requested[i]);
          else
            g_string_append_printf (unknown, "%s%s", unknown->len > 0 ? ", " : "", requested[i]);
        }
      if (unknown->len > 0)
        {
          g_autofree char *message = g_strdup_printf ("Unknown fields requested: %s", unknown->str);

          alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", message, NULL);
          goto out;
        }
      {
        g_auto(GStrv) partial = g_strv_builder_end (fields_builder);
        g_autoptr(GPtrArray) all = g_ptr_array_new ();

        for (guint i = 0; partial[i] != NULL; i++)
          if (!g_ptr_array_find_with_equal_func (all, partial[i], g_str_equal, NULL))
            g_ptr_array_add (all, partial[i]);
        for (guint i = 0; auth_columns[i] != NULL; i++)
          if (!g_ptr_array_find_with_equal_func (all, auth_columns[i], g_str_equal, NULL))
            g_ptr_array_add (all, (char *) auth_columns[i]);
        if (with_tags)
          g_ptr_array_add (all, (char *) "tags");
        g_ptr_array_add (all, NULL);
        fields = g_strdupv ((char **) all->pdata);
      }
    }

  if (sort == NULL)
    sort = "created_at";
  sort_column = g_strdup (g_str_equal (sort, "created_at") ? "entered_at" : sort);
  if (!alga_ticket_is_column (sort_column) && !g_str_equal (sort_column, "client_name") &&
      !g_str_equal (sort_column, "status_name") && !g_str_equal (sort_column, "priority_name"))
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_CONFIGURATION",
                             "The server is misconfigured for this operation. Please contact support.",
                             NULL);
      goto out;
    }

  for (guint i = 0; i < call->data->tickets->len; i++)
    {
      AlgaSeedTicket *t = g_ptr_array_index (call->data->tickets, i);
      SortItem item;

      if (!ticket_matches (call->data, t, &f))
        continue;
      item.ticket = t;
      item.index = i;
      item.key = alga_ticket_value (call->data, t, sort_column);
      g_array_append_val (items, item);
    }
  g_array_sort_with_data (items, compare_items,
                          GINT_TO_POINTER (order == NULL || g_str_equal (order, "desc")));

  for (guint i = (page - 1) * (guint64) limit < items->len ? (page - 1) * limit : items->len;
       i < items->len && json_array_get_length (out) < limit; i++)
    {
      SortItem *item = &g_array_index (items, SortItem, i);
      JsonObject *o = fields != NULL
                      ? alga_ticket_object (call->data, item->ticket, (const char * const *) fields, NULL)
                      : alga_ticket_object (call->data, item->ticket, alga_ticket_columns, alga_ticket_list_joins);

      json_array_add_object_element (out, o);
    }

  json_object_set_string_member (meta, "sort", sort);
  json_object_set_string_member (meta, "order", order != NULL ? order : "desc");
  json_object_set_object_member (meta, "filters", echo_filters (q, &f));
  alga_test_reply_paginated (call->msg, out, page, limit, items->len, meta);

out:
  for (guint i = 0; i < items->len; i++)
    json_node_unref (g_array_index (items, SortItem, i).key);
  g_strfreev (f.status_ids);
  g_strfreev (f.tags);
}

static void
count_into (JsonObject *object,
            const char *key)
{
  json_object_set_int_member (object, key,
                              json_object_get_int_member_with_default (object, key, 0) + 1);
}

void
alga_test_route_tickets_stats (AlgaTestCall *call)
{
  AlgaSeedData *data = call->data;
  JsonObject *stats = json_object_new ();
  JsonObject *by_status = json_object_new ();
  JsonObject *by_priority = json_object_new ();
  JsonObject *by_category = json_object_new ();
  JsonObject *by_board = json_object_new ();
  gint64 now = g_get_real_time ();
  gint64 midnight = now / DAY_US * DAY_US;
  guint total = 0, open = 0, closed = 0, unassigned = 0, today = 0, week = 0, month = 0;

  for (guint i = 0; i < data->tickets->len; i++)
    {
      const AlgaSeedTicket *t = g_ptr_array_index (data->tickets, i);
      const AlgaSeedStatus *s = alga_seed_find_status (data, t->status_id);
      const AlgaSeedNamed *p = alga_seed_find_named (data->priorities, t->priority_id);
      const AlgaSeedNamed *c = alga_seed_find_named (data->categories, t->category_id);
      const AlgaSeedBoard *b = alga_seed_find_board (data, t->board_id);

      total++;
      if (s != NULL && s->is_closed)
        closed++;
      else if (s != NULL)
        open++;
      if (t->assigned_to == NULL)
        unassigned++;
      count_into (by_status, s != NULL ? s->id : "unknown");
      count_into (by_priority, p != NULL ? p->name : "unknown");
      if (c != NULL)
        count_into (by_category, c->name);
      if (b != NULL)
        count_into (by_board, b->name);
      today += t->entered_at >= midnight;
      week += t->entered_at >= now - 7 * DAY_US;
      month += t->entered_at >= now - 30 * DAY_US;
    }

  json_object_set_int_member (stats, "total_tickets", total);
  json_object_set_int_member (stats, "open_tickets", open);
  json_object_set_int_member (stats, "closed_tickets", closed);
  json_object_set_int_member (stats, "unassigned_tickets", unassigned);
  json_object_set_int_member (stats, "overdue_tickets", 0);
  json_object_set_object_member (stats, "tickets_by_status", by_status);
  json_object_set_object_member (stats, "tickets_by_priority", by_priority);
  json_object_set_object_member (stats, "tickets_by_category", by_category);
  json_object_set_object_member (stats, "tickets_by_board", by_board);
  json_object_set_int_member (stats, "tickets_created_today", today);
  json_object_set_int_member (stats, "tickets_created_this_week", week);
  json_object_set_int_member (stats, "tickets_created_this_month", month);
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), stats));
  json_object_unref (stats);
}

void
alga_test_route_ticket_get (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  JsonObject *detail;

  if (t == NULL)
    return;
  detail = alga_ticket_object (call->data, t, alga_ticket_columns, alga_ticket_detail_joins);
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), detail));
  json_object_unref (detail);
}

const char *
alga_test_body_uuid (JsonObject *body,
           const char *name,
           JsonArray  *issues,
           gboolean    required)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL)
    {
      if (required)
        {
          JsonObject *issue = alga_test_issue_add (issues, "invalid_type", name, "Required");

          json_object_set_string_member (issue, "expected", "string");
          json_object_set_string_member (issue, "received", "undefined");
        }
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      JsonObject *issue = alga_test_issue_add (issues, "invalid_type", name,
                                               JSON_NODE_HOLDS_NULL (node) ? "Expected string, received null"
                                                                          : "Expected string, received number");

      json_object_set_string_member (issue, "expected", "string");
      json_object_set_string_member (issue, "received", JSON_NODE_HOLDS_NULL (node) ? "null" : "number");
      return NULL;
    }
  if (!alga_test_is_uuid (json_node_get_string (node)))
    {
      alga_test_issue_uuid (issues, name);
      return NULL;
    }
  return json_node_get_string (node);
}

static JsonObject *
agent_object (const AlgaSeedUser *u)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "user_id", u->id);
  json_object_set_string_member (o, "first_name", u->first_name);
  json_object_set_string_member (o, "last_name", u->last_name);
  json_object_set_string_member (o, "email", u->email);
  return o;
}

/* GET /api/v1/tickets/{id}/agents: the primary agent with its e-mail, which a
 * technician's key may read although it may not read /users. No additional agents here. */
void
alga_test_route_ticket_agents (AlgaTestCall *call)
{
  AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  const AlgaSeedUser *primary;
  JsonObject *data;

  if (t == NULL)
    return;
  primary = alga_seed_find_user (call->data, t->assigned_to);
  data = json_object_new ();
  json_object_set_string_member (data, "ticket_id", t->id);
  if (primary != NULL)
    json_object_set_object_member (data, "primary_agent", agent_object (primary));
  else
    json_object_set_null_member (data, "primary_agent");
  json_object_set_array_member (data, "additional_agents", json_array_new ());
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), data));
  json_object_unref (data);
}
