/* alga-test-routes-misc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Users, services and activities.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"

#include <stdio.h>
#include <string.h>

#define DAY_US (G_USEC_PER_SEC * (gint64) 86400)

static JsonObject *
list_meta (JsonObject *filters)
{
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "sort", "created_at");
  json_object_set_string_member (meta, "order", "desc");
  json_object_set_object_member (meta, "filters", filters);
  return meta;
}

static gboolean
page_params (AlgaTestCall *call,
             const char   *limit_name,
             guint        *page,
             guint        *limit)
{
  g_autoptr(JsonArray) issues = json_array_new ();

  *page = alga_test_query_uint (call, issues, "page", 1, 1, G_MAXINT);
  *limit = alga_test_query_uint (call, issues, limit_name, 25, 1, 100);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Query validation failed", issues);
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
page_of (GPtrArray  *all,
         guint       page,
         guint       limit)
{
  JsonArray *out = json_array_new ();

  for (guint64 i = (guint64) (page - 1) * limit; i < all->len && json_array_get_length (out) < limit; i++)
    json_array_add_object_element (out, json_object_ref (g_ptr_array_index (all, i)));
  return out;
}

static JsonObject *
user_object (AlgaSeedData       *data,
             const AlgaSeedUser *u)
{
  JsonObject *o = json_object_new ();
  JsonArray *roles = json_array_new ();
  JsonObject *role = json_object_new ();
  JsonObject *links = json_object_new ();
  const AlgaSeedNamed *r = alga_seed_find_named (data->roles, u->role_id);
  static const char *link_names[] = { "roles", "teams", "preferences", "avatar", "permissions" };

  json_object_set_string_member (role, "tenant", data->tenant_id);
  json_object_set_string_member (role, "role_id", r->id);
  json_object_set_string_member (role, "role_name", r->name);
  json_object_set_string_member (role, "description", g_str_equal (r->name, "Admin")
                                 ? "Full system administrator access"
                                 : g_str_equal (r->name, "Dispatcher") ? "Ticket dispatch and scheduling"
                                 : "Technical support and ticket management");
  alga_test_set_time_member (role, "created_at", u->created_at);
  alga_test_set_time_member (role, "updated_at", u->created_at);
  json_object_set_boolean_member (role, "msp", TRUE);
  json_object_set_boolean_member (role, "client", FALSE);
  json_object_set_string_member (role, "user_id", u->id);
  json_array_add_object_element (roles, role);

  json_object_set_array_member (o, "roles", roles);
  json_object_set_string_member (o, "user_id", u->id);
  json_object_set_string_member (o, "username", u->username);
  json_object_set_string_member (o, "first_name", u->first_name);
  json_object_set_string_member (o, "last_name", u->last_name);
  json_object_set_string_member (o, "email", u->email);
  alga_test_set_string_or_null (o, "phone", u->phone);
  json_object_set_null_member (o, "timezone");
  json_object_set_string_member (o, "user_type", "internal");
  json_object_set_null_member (o, "contact_id");
  json_object_set_null_member (o, "icon");
  alga_test_set_time_member (o, "created_at", u->created_at);
  alga_test_set_time_member (o, "updated_at", u->created_at);
  json_object_set_boolean_member (o, "two_factor_enabled", FALSE);
  json_object_set_boolean_member (o, "two_factor_required_new_device", FALSE);
  json_object_set_boolean_member (o, "is_google_user", FALSE);
  json_object_set_boolean_member (o, "is_inactive", u->is_inactive);
  json_object_set_string_member (o, "tenant", data->tenant_id);
  json_object_set_null_member (o, "reports_to");
  json_object_set_null_member (o, "last_login_at");
  json_object_set_null_member (o, "last_login_method");
  json_object_set_null_member (o, "avatarUrl");
  for (guint i = 0; i < G_N_ELEMENTS (link_names); i++)
    {
      JsonObject *link = json_object_new ();
      g_autofree char *href = g_strdup_printf ("/api/v1/users/%s/%s", u->id, link_names[i]);

      json_object_set_string_member (link, "href", href);
      json_object_set_string_member (link, "method", "GET");
      json_object_set_string_member (link, "rel", "related");
      json_object_set_object_member (links, link_names[i], link);
    }
  json_object_set_object_member (o, "_links", links);
  return o;
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle_folded)
{
  g_autofree char *folded = haystack != NULL ? g_utf8_casefold (haystack, -1) : NULL;

  return folded != NULL && strstr (folded, needle_folded) != NULL;
}

void
alga_test_route_users (AlgaTestCall *call)
{
  const char *search = g_hash_table_lookup (call->query, "search");
  g_autofree char *needle = search != NULL ? g_utf8_casefold (search, -1) : NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonArray) out = NULL;
  g_autoptr(JsonObject) meta = NULL;
  JsonObject *filters = json_object_new ();
  guint page, limit;

  if (!page_params (call, "limit", &page, &limit))
    {
      json_object_unref (filters);
      return;
    }
  for (guint i = 0; i < call->data->users->len; i++)
    {
      const AlgaSeedUser *u = g_ptr_array_index (call->data->users, i);

      if (needle != NULL && !contains_casefold (u->first_name, needle) &&
          !contains_casefold (u->last_name, needle) && !contains_casefold (u->username, needle) &&
          !contains_casefold (u->email, needle))
        continue;
      g_ptr_array_add (all, user_object (call->data, u));
    }
  if (search != NULL)
    json_object_set_string_member (filters, "search", search);
  out = page_of (all, page, limit);
  meta = list_meta (filters);
  alga_test_reply_paginated (call->msg, out, page, limit, all->len, meta);
}

/* The real route validates the key without a tenant and fails for every key. */
void
alga_test_route_users_search (AlgaTestCall *call)
{
  alga_test_reply_error (call->msg, 401, "UNAUTHORIZED", "Invalid API key", NULL);
}

void
alga_test_route_services (AlgaTestCall *call)
{
  const char *is_active = g_hash_table_lookup (call->query, "is_active");
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonArray) out = NULL;
  g_autoptr(JsonObject) meta = NULL;
  JsonObject *filters = json_object_new ();
  guint page, limit;

  if (is_active != NULL && !g_str_equal (is_active, "true") && !g_str_equal (is_active, "false"))
    {
      g_autoptr(JsonArray) issues = json_array_new ();

      alga_test_issue_add (issues, "custom", "is_active", "Invalid boolean value");
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Query validation failed", issues);
      json_object_unref (filters);
      return;
    }
  if (!page_params (call, "limit", &page, &limit))
    {
      json_object_unref (filters);
      return;
    }
  /* All seeded services are active. */
  for (guint i = 0; i < call->data->services->len && g_strcmp0 (is_active, "false") != 0; i++)
    {
      const AlgaSeedService *s = g_ptr_array_index (call->data->services, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "service_id", s->id);
      json_object_set_string_member (o, "service_name", s->name);
      json_object_set_string_member (o, "custom_service_type_id", s->type_id);
      json_object_set_string_member (o, "billing_method", s->billing_method);
      json_object_set_int_member (o, "default_rate", s->default_rate);
      json_object_set_string_member (o, "unit_of_measure", s->unit);
      json_object_set_string_member (o, "category_id", s->category_id);
      json_object_set_string_member (o, "tenant", call->data->tenant_id);
      json_object_set_string_member (o, "description", s->description);
      json_object_set_string_member (o, "item_kind", "service");
      json_object_set_boolean_member (o, "is_active", TRUE);
      json_object_set_null_member (o, "sku");
      json_object_set_null_member (o, "cost");
      json_object_set_string_member (o, "cost_currency", "USD");
      json_object_set_null_member (o, "vendor");
      json_object_set_null_member (o, "manufacturer");
      json_object_set_null_member (o, "product_category");
      json_object_set_boolean_member (o, "is_license", FALSE);
      json_object_set_null_member (o, "license_term");
      json_object_set_null_member (o, "license_billing_cadence");
      json_object_set_null_member (o, "tax_rate_id");
      json_object_set_string_member (o, "service_type_name", s->type_name);
      json_object_set_array_member (o, "prices", json_array_new ());
      g_ptr_array_add (all, o);
    }
  if (is_active != NULL)
    json_object_set_boolean_member (filters, "is_active", g_str_equal (is_active, "true"));
  out = page_of (all, page, limit);
  meta = list_meta (filters);
  alga_test_reply_paginated (call->msg, out, page, limit, all->len, meta);
}

static int
compare_board_names (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;
  int c = g_strcmp0 (json_object_get_string_member (x, "board_name"),
                     json_object_get_string_member (y, "board_name"));

  return GPOINTER_TO_INT (user_data) ? c : -c;
}

static JsonObject *
board_object (AlgaSeedData        *data,
              const AlgaSeedBoard *b,
              guint                index)
{
  JsonObject *o = json_object_new ();
  static const char * const shown[] = {
    "display_contact_name_id", "display_priority", "display_severity", "display_urgency",
    "display_impact", "display_category", "display_subcategory", "display_assigned_to",
    "display_status", "display_due_date", "display_itil_impact", "display_itil_urgency", NULL,
  };
  static const char * const nulls[] = {
    "description", "default_assigned_to", "default_priority_id", "sla_policy_id", "manager_user_id",
    "default_assigned_team_id", "inbound_reply_reopen_status_id", "list_view_settings", NULL,
  };

  json_object_set_string_member (o, "tenant", data->tenant_id);
  json_object_set_string_member (o, "board_id", b->id);
  json_object_set_string_member (o, "board_name", b->name);
  for (guint i = 0; shown[i] != NULL; i++)
    json_object_set_boolean_member (o, shown[i], TRUE);
  for (guint i = 0; nulls[i] != NULL; i++)
    json_object_set_null_member (o, nulls[i]);
  json_object_set_boolean_member (o, "is_inactive", FALSE);
  json_object_set_boolean_member (o, "is_default", index == 0);
  json_object_set_string_member (o, "category_type", "custom");
  json_object_set_string_member (o, "priority_type", b->itil_priorities ? "itil" : "custom");
  json_object_set_int_member (o, "display_order", (gint64) index + 1);
  json_object_set_boolean_member (o, "enable_live_ticket_timer", FALSE);
  json_object_set_boolean_member (o, "inbound_reply_reopen_enabled", FALSE);
  json_object_set_int_member (o, "inbound_reply_reopen_cutoff_hours", 168);
  json_object_set_boolean_member (o, "inbound_reply_ai_ack_suppression_enabled", FALSE);
  json_object_set_boolean_member (o, "is_pinned", FALSE);
  return o;
}

/* GET /api/v1/boards: paginated, by display order, highest first unless order=asc (the
 * schema's default order is desc); sort=board_name sorts by name, any other sort falls back
 * to the display order, while meta echoes what was asked. */
void
alga_test_route_boards (AlgaTestCall *call)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonArray) out = NULL;
  g_autoptr(JsonObject) meta = NULL;
  const char *sort = g_hash_table_lookup (call->query, "sort");
  const char *order = g_hash_table_lookup (call->query, "order");
  gboolean asc = g_strcmp0 (order, "asc") == 0;
  guint page, limit;

  if (!page_params (call, "limit", &page, &limit))
    return;

  for (guint i = 0; i < call->data->boards->len; i++)
    g_ptr_array_add (all, board_object (call->data, g_ptr_array_index (call->data->boards, i), i));
  if (g_strcmp0 (sort, "board_name") == 0)
    g_ptr_array_sort_with_data (all, compare_board_names, GINT_TO_POINTER (asc));
  else if (!asc)
    for (guint i = 0; i < all->len / 2; i++)
      {
        gpointer first = all->pdata[i];

        all->pdata[i] = all->pdata[all->len - 1 - i];
        all->pdata[all->len - 1 - i] = first;
      }

  out = page_of (all, page, limit);
  meta = list_meta (json_object_new ());
  json_object_set_string_member (meta, "sort", sort != NULL ? sort : "created_at");
  json_object_set_string_member (meta, "order", asc ? "asc" : "desc");
  alga_test_reply_paginated (call->msg, out, page, limit, all->len, meta);
}

static int
compare_priority_order (gconstpointer a,
                        gconstpointer b)
{
  const AlgaSeedPriority *pa = *(AlgaSeedPriority * const *) a;
  const AlgaSeedPriority *pb = *(AlgaSeedPriority * const *) b;

  return pa->order_number - pb->order_number;
}

/* GET /api/v1/priorities: the priorities with colours and order. A technician may read it
 * (its check is ticket:read). Without sort= the newest come first, as created_at desc; the
 * seed's creation order stands for created_at. item_type filters and is not echoed. */
void
alga_test_route_priorities_full (AlgaTestCall *call)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(JsonArray) out = NULL;
  g_autoptr(JsonObject) meta = NULL;
  const char *item_type = g_hash_table_lookup (call->query, "item_type");
  const char *sort = g_hash_table_lookup (call->query, "sort");
  const char *order = g_hash_table_lookup (call->query, "order");
  guint page, limit;

  if (item_type != NULL && !g_str_equal (item_type, "ticket") && !g_str_equal (item_type, "project_task"))
    {
      g_autoptr(JsonArray) issues = json_array_new ();
      g_autofree char *message = g_strdup_printf ("Invalid enum value. Expected 'ticket' | 'project_task', received '%s'",
                                                  item_type);
      JsonObject *issue = alga_test_issue_add (issues, "invalid_enum_value", "item_type", message);
      JsonArray *options = json_array_new ();

      json_object_set_string_member (issue, "received", item_type);
      json_array_add_string_element (options, "ticket");
      json_array_add_string_element (options, "project_task");
      json_object_set_array_member (issue, "options", options);
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Query validation failed", issues);
      return;
    }
  if (!page_params (call, "limit", &page, &limit))
    return;

  /* The seed holds ticket priorities only. */
  if (item_type == NULL || g_str_equal (item_type, "ticket"))
    for (guint i = 0; i < call->data->priorities->len; i++)
      g_ptr_array_add (sorted, g_ptr_array_index (call->data->priorities, i));
  if (g_strcmp0 (sort, "order_number") == 0)
    g_ptr_array_sort (sorted, compare_priority_order);
  /* The schema's default order is desc. */
  if (g_strcmp0 (order, "asc") != 0)
    {
      for (guint i = 0; i < sorted->len / 2; i++)
        {
          gpointer tmp = sorted->pdata[i];

          sorted->pdata[i] = sorted->pdata[sorted->len - 1 - i];
          sorted->pdata[sorted->len - 1 - i] = tmp;
        }
    }

  for (guint i = 0; i < sorted->len; i++)
    {
      const AlgaSeedPriority *p = g_ptr_array_index (sorted, i);
      JsonObject *o = json_object_new ();
      g_autofree char *created = alga_test_format_time (call->data->now - 400 * DAY_US +
                                                        (gint64) p->order_number * G_USEC_PER_SEC);

      json_object_set_string_member (o, "tenant", call->data->tenant_id);
      json_object_set_string_member (o, "priority_id", p->id);
      json_object_set_string_member (o, "priority_name", p->name);
      json_object_set_string_member (o, "created_by", call->data->other_id);
      json_object_set_string_member (o, "created_at", created);
      json_object_set_string_member (o, "updated_at", created);
      json_object_set_int_member (o, "order_number", p->order_number);
      json_object_set_string_member (o, "color", p->color);
      json_object_set_string_member (o, "item_type", "ticket");
      json_object_set_boolean_member (o, "is_from_itil_standard", p->is_itil);
      if (p->itil_level > 0)
        json_object_set_int_member (o, "itil_priority_level", p->itil_level);
      else
        json_object_set_null_member (o, "itil_priority_level");
      g_ptr_array_add (all, o);
    }

  out = page_of (all, page, limit);
  meta = list_meta (json_object_new ());
  json_object_set_string_member (meta, "sort", sort != NULL ? sort : "created_at");
  json_object_set_string_member (meta, "order", order != NULL ? order : "desc");
  alga_test_reply_paginated (call->msg, out, page, limit, all->len, meta);
}

/* The item types of GET /activities; "document" is valid and never has items. */
static const char * const activity_types[] = {
  "schedule", "projectTask", "ticket", "timeEntry", "workflowTask", "notification", "document", NULL,
};

static JsonArray *
assigned_to (const char *user_id)
{
  JsonArray *ids = json_array_new ();

  json_array_add_string_element (ids, user_id);
  return ids;
}

/* A ticket item: one of the caller's assigned tickets. */
static JsonObject *
ticket_activity (AlgaSeedData         *data,
                 const AlgaSeedTicket *t)
{
  JsonObject *o = json_object_new ();
  const AlgaSeedStatus *status = alga_seed_find_status (data, t->status_id);
  const AlgaSeedNamed *priority = alga_seed_find_named (data->priorities, t->priority_id);
  const AlgaSeedClient *client = alga_seed_find_client (data, t->client_id);

  json_object_set_string_member (o, "id", t->id);
  json_object_set_string_member (o, "title", t->title);
  json_object_set_string_member (o, "type", "ticket");
  alga_test_set_string_or_null (o, "status", status != NULL ? status->name : NULL);
  json_object_set_string_member (o, "priority", "medium");
  alga_test_set_string_or_null (o, "priorityName", priority != NULL ? priority->name : NULL);
  json_object_set_array_member (o, "assignedTo", assigned_to (t->assigned_to));
  json_object_set_string_member (o, "sourceId", t->id);
  json_object_set_string_member (o, "sourceType", "ticket");
  json_object_set_string_member (o, "ticketNumber", t->number);
  json_object_set_string_member (o, "boardId", t->board_id);
  json_object_set_string_member (o, "statusId", t->status_id);
  json_object_set_string_member (o, "clientId", t->client_id);
  alga_test_set_string_or_null (o, "clientName", client != NULL ? client->name : NULL);
  json_object_set_boolean_member (o, "isClosed", t->is_closed);
  json_object_set_string_member (o, "tenant", data->tenant_id);
  alga_test_set_time_member (o, "createdAt", t->entered_at);
  alga_test_set_time_member (o, "updatedAt", t->updated_at);
  return o;
}

/* A timeEntry item: one of the caller's own entries. */
static JsonObject *
time_entry_activity (AlgaSeedData            *data,
                     const AlgaSeedTimeEntry *e)
{
  JsonObject *o = json_object_new ();
  g_autofree char *title = g_strdup_printf ("Time Entry: %s", e->work_item_type);

  json_object_set_string_member (o, "id", e->id);
  json_object_set_string_member (o, "title", title);
  alga_test_set_string_or_null (o, "description", e->notes);
  json_object_set_string_member (o, "type", "timeEntry");
  json_object_set_string_member (o, "status", "DRAFT");
  json_object_set_string_member (o, "priority", "medium");
  alga_test_set_time_member (o, "startDate", e->start_time);
  alga_test_set_time_member (o, "endDate", e->end_time);
  json_object_set_array_member (o, "assignedTo", assigned_to (e->user_id));
  json_object_set_string_member (o, "sourceId", e->id);
  json_object_set_string_member (o, "sourceType", "timeEntry");
  alga_test_set_string_or_null (o, "workItemId", e->work_item_id);
  json_object_set_string_member (o, "workItemType", e->work_item_type);
  json_object_set_int_member (o, "billableDuration", e->billable_minutes);
  alga_test_set_string_or_null (o, "timeSheetId", e->time_sheet_id);
  json_object_set_string_member (o, "approvalStatus", "DRAFT");
  json_object_set_string_member (o, "tenant", data->tenant_id);
  alga_test_set_time_member (o, "createdAt", e->created_at != 0 ? e->created_at : e->start_time);
  alga_test_set_time_member (o, "updatedAt", e->created_at != 0 ? e->created_at : e->start_time);
  return o;
}

/* Only the caller's items, of the types asked for (all when none): tickets assigned to the
 * caller, the caller's time entries, then the caller's notifications, newest first. See
 * alga_seed_add_activity() for the notification item. */
void
alga_test_route_activities (AlgaTestCall *call)
{
  const char *type = g_hash_table_lookup (call->query, "type");
  g_auto(GStrv) types = type != NULL ? g_strsplit (type, ",", -1) : NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonArray) out = NULL;
  guint page, limit;

  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    if (!g_strv_contains (activity_types, types[i]))
      {
        g_autoptr(JsonArray) issues = json_array_new ();
        g_autoptr(GString) message = g_string_new ("type must be a comma-separated list of: ");

        for (guint j = 0; activity_types[j] != NULL; j++)
          g_string_append_printf (message, "%s%s", j > 0 ? ", " : "", activity_types[j]);
        alga_test_issue_add (issues, "custom", "type", message->str);
        alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
        return;
      }
  if (!page_params (call, "pageSize", &page, &limit))
    return;

  for (guint i = call->data->tickets->len; (types == NULL || g_strv_contains ((const char * const *) types, "ticket")) && i > 0; i--)
    {
      const AlgaSeedTicket *t = g_ptr_array_index (call->data->tickets, i - 1);

      if (g_strcmp0 (t->assigned_to, call->user->id) == 0)
        g_ptr_array_add (all, ticket_activity (call->data, t));
    }
  for (guint i = call->data->time_entries->len; (types == NULL || g_strv_contains ((const char * const *) types, "timeEntry")) && i > 0; i--)
    {
      const AlgaSeedTimeEntry *e = g_ptr_array_index (call->data->time_entries, i - 1);

      if (g_str_equal (e->user_id, call->user->id))
        g_ptr_array_add (all, time_entry_activity (call->data, e));
    }
  for (guint i = call->data->activities->len; (types == NULL || g_strv_contains ((const char * const *) types, "notification")) && i > 0; i--)
    {
      const AlgaSeedActivity *a = g_ptr_array_index (call->data->activities, i - 1);
      JsonObject *o;

      if (!g_str_equal (a->user_id, call->user->id))
        continue;
      o = json_object_new ();
      json_object_set_string_member (o, "activity_id", a->id);
      json_object_set_string_member (o, "type", "notification");
      json_object_set_string_member (o, "title", a->title);
      json_object_set_string_member (o, "message", a->message);
      json_object_set_string_member (o, "ticket_id", a->ticket_id);
      json_object_set_string_member (o, "user_id", a->user_id);
      json_object_set_array_member (o, "assignedTo", assigned_to (a->user_id));
      alga_test_set_string_or_null (o, "actor_id", a->actor_id);
      alga_test_set_time_member (o, "created_at", a->created_at);
      json_object_set_boolean_member (o, "is_read", a->is_read);
      g_ptr_array_add (all, o);
    }
  out = page_of (all, page, limit);
  alga_test_reply_paginated (call->msg, out, page, limit, all->len, NULL);
}
