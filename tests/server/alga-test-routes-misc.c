/* alga-test-routes-misc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Users, services, time entries and activities.
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

static const AlgaSeedTimeSheet *
sheet_for (AlgaSeedData         *data,
           const char           *user_id,
           const AlgaSeedPeriod *period)
{
  AlgaSeedTimeSheet *sheet;

  for (guint i = 0; i < data->time_sheets->len; i++)
    {
      sheet = g_ptr_array_index (data->time_sheets, i);
      if (g_str_equal (sheet->user_id, user_id) && g_str_equal (sheet->period_id, period->id))
        return sheet;
    }
  sheet = g_new0 (AlgaSeedTimeSheet, 1);
  sheet->id = alga_seed_new_uuid (data->rand);
  sheet->user_id = g_strdup (user_id);
  sheet->period_id = g_strdup (period->id);
  g_ptr_array_add (data->time_sheets, sheet);
  return sheet;
}

static JsonObject *
time_entry_object (AlgaSeedData            *data,
                   const AlgaSeedTimeEntry *e,
                   const AlgaSeedTimeSheet *sheet)
{
  JsonObject *o = json_object_new ();
  JsonObject *user = json_object_new ();
  JsonObject *billing = json_object_new ();
  const AlgaSeedUser *u = alga_seed_find_user (data, e->user_id);
  const AlgaSeedService *s = alga_seed_find_service (data, e->service_id);
  const AlgaSeedTicket *t = alga_seed_find_ticket (data, e->work_item_id);
  g_autofree char *name = alga_seed_user_name (u);
  g_autofree char *hours = g_strdup_printf ("%.2f", (e->end_time - e->start_time) / 3600.0 / G_USEC_PER_SEC);

  json_object_set_string_member (o, "tenant", data->tenant_id);
  json_object_set_string_member (o, "entry_id", e->id);
  json_object_set_string_member (o, "user_id", e->user_id);
  alga_test_set_time_member (o, "start_time", e->start_time);
  alga_test_set_time_member (o, "end_time", e->end_time);
  alga_test_set_string_or_null (o, "notes", e->notes);
  alga_test_set_string_or_null (o, "work_item_id", e->work_item_id);
  json_object_set_int_member (o, "billable_duration", e->billable_minutes);
  json_object_set_string_member (o, "work_item_type", e->work_item_type);
  json_object_set_string_member (o, "approval_status", "DRAFT");
  alga_test_set_string_or_null (o, "time_sheet_id", e->time_sheet_id);
  alga_test_set_time_member (o, "created_at", e->created_at);
  alga_test_set_time_member (o, "updated_at", e->created_at);
  json_object_set_string_member (o, "service_id", e->service_id);
  json_object_set_null_member (o, "tax_region");
  json_object_set_boolean_member (o, "invoiced", FALSE);
  json_object_set_null_member (o, "tax_rate_id");
  json_object_set_null_member (o, "contract_line_id");
  alga_test_set_time_member (o, "work_date", e->start_time / DAY_US * DAY_US);
  json_object_set_string_member (o, "work_timezone", "UTC");
  json_object_set_null_member (o, "created_by");
  json_object_set_null_member (o, "updated_by");
  json_object_set_null_member (o, "contract_line_source");
  json_object_set_null_member (o, "contract_line_unresolved_reason");
  json_object_set_null_member (o, "catalog_pricing_acknowledged_at");
  json_object_set_null_member (o, "catalog_pricing_acknowledged_by");
  alga_test_set_string_or_null (o, "user_name", name);
  alga_test_set_string_or_null (o, "service_name", s ? s->name : NULL);
  json_object_set_string_member (o, "duration_hours", hours);
  json_object_set_boolean_member (o, "is_billable", e->billable_minutes > 0);

  json_object_set_string_member (user, "user_id", u->id);
  json_object_set_string_member (user, "first_name", u->first_name);
  json_object_set_string_member (user, "last_name", u->last_name);
  json_object_set_string_member (user, "email", u->email);
  json_object_set_object_member (o, "user", user);

  if (t != NULL)
    {
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "id", t->id);
      json_object_set_string_member (item, "title", t->title);
      json_object_set_string_member (item, "type", "ticket");
      json_object_set_string_member (item, "client_id", t->client_id);
      json_object_set_object_member (o, "work_item", item);
    }
  else
    json_object_set_null_member (o, "work_item");

  if (s != NULL)
    {
      JsonObject *service = json_object_new ();
      g_autofree char *rate = g_strdup_printf ("%" G_GINT64_FORMAT, s->default_rate);

      json_object_set_string_member (service, "service_id", s->id);
      json_object_set_string_member (service, "service_name", s->name);
      /* A string here, a number in /services: so the real server answers. */
      json_object_set_string_member (service, "default_rate", rate);
      json_object_set_string_member (service, "unit_of_measure", s->unit);
      json_object_set_object_member (o, "service", service);
    }
  else
    json_object_set_null_member (o, "service");

  if (sheet != NULL)
    {
      JsonObject *ts = json_object_new ();

      json_object_set_string_member (ts, "id", sheet->id);
      json_object_set_string_member (ts, "period_id", sheet->period_id);
      json_object_set_string_member (ts, "approval_status", "DRAFT");
      json_object_set_null_member (ts, "submitted_at");
      json_object_set_null_member (ts, "approved_at");
      json_object_set_object_member (o, "time_sheet", ts);
    }
  else
    json_object_set_null_member (o, "time_sheet");

  json_object_set_null_member (billing, "contract_line_id");
  json_object_set_null_member (billing, "contract_line_name");
  json_object_set_null_member (billing, "rate");
  json_object_set_null_member (billing, "total_amount");
  json_object_set_object_member (o, "billing_info", billing);
  return o;
}

static const char *
body_time (JsonObject *body,
           const char *name,
           JsonArray  *issues,
           gint64     *usec)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      JsonObject *issue = alga_test_issue_add (issues, "invalid_type", name, "Required");

      json_object_set_string_member (issue, "expected", "string");
      json_object_set_string_member (issue, "received", "undefined");
      return NULL;
    }
  if (!alga_test_parse_time_z (json_node_get_string (node), usec))
    {
      alga_test_issue_datetime (issues, name);
      return NULL;
    }
  return json_node_get_string (node);
}

void
alga_test_route_time_entries_post (AlgaTestCall *call)
{
  static const char * const types[] = {
    "ticket", "project_task", "non_billable_category", "ad_hoc", "interaction", NULL,
  };
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = alga_test_parse_body (call->msg, &parse_error);
  g_autoptr(JsonArray) issues = json_array_new ();
  const char *type, *item_id, *service_id, *start_text, *end_text;
  gint64 start = 0, end = 0, work_date;
  const AlgaSeedPeriod *period = NULL;
  const AlgaSeedTimeSheet *sheet;
  AlgaSeedTimeEntry *e;
  JsonObject *answer;
  JsonNode *node;

  if (body == NULL)
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", parse_error, NULL);
      return;
    }
  type = json_object_get_string_member_with_default (body, "work_item_type", NULL);
  if (type == NULL || !g_strv_contains (types, type))
    alga_test_issue_add (issues, "invalid_enum_value", "work_item_type",
                         "Invalid enum value. Expected 'ticket' | 'project_task' | 'non_billable_category' | 'ad_hoc' | 'interaction'");
  item_id = alga_test_body_uuid (body, "work_item_id",
                                 issues, g_strcmp0 (type, "ticket") == 0 || g_strcmp0 (type, "project_task") == 0);
  start_text = body_time (body, "start_time", issues, &start);
  end_text = body_time (body, "end_time", issues, &end);
  node = json_object_get_member (body, "service_id");
  service_id = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *issue = json_object_new ();
      JsonArray *path = json_array_new ();

      json_object_set_string_member (issue, "code", "custom");
      json_array_add_string_element (path, "service_id");
      json_object_set_array_member (issue, "path", path);
      json_object_set_string_member (issue, "message", "service_id is required for time entries");
      json_array_add_object_element (issues, issue);
    }
  else
    service_id = alga_test_body_uuid (body, "service_id", issues, TRUE);
  if (start_text != NULL && end_text != NULL && end <= start)
    alga_test_issue_add (issues, "custom", "end_time", "End time must be after start time");
  if (json_array_get_length (issues) == 0 && g_strcmp0 (type, "ticket") == 0 &&
      alga_seed_find_ticket (call->data, item_id) == NULL)
    alga_test_issue_add (issues, "custom", "work_item_id", "Ticket not found");
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }

  /* Truncated to the minute. */
  start = start / (60 * G_USEC_PER_SEC) * (60 * G_USEC_PER_SEC);
  end = end / (60 * G_USEC_PER_SEC) * (60 * G_USEC_PER_SEC);
  for (guint i = 0; i < call->data->time_entries->len; i++)
    {
      const AlgaSeedTimeEntry *other = g_ptr_array_index (call->data->time_entries, i);

      if (g_str_equal (other->user_id, call->user->id) && start < other->end_time && end > other->start_time)
        {
          alga_test_reply_error (call->msg, 409, "CONFLICT", "Time entry overlaps with existing entry", NULL);
          return;
        }
    }
  work_date = start / DAY_US * DAY_US;
  for (guint i = 0; i < call->data->periods->len && period == NULL; i++)
    {
      const AlgaSeedPeriod *p = g_ptr_array_index (call->data->periods, i);

      if (p->start_date <= work_date && work_date < p->end_date)
        period = p;
    }
  if (period == NULL)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "No time period found for this date", NULL);
      return;
    }

  sheet = sheet_for (call->data, call->user->id, period);
  e = g_new0 (AlgaSeedTimeEntry, 1);
  e->id = alga_seed_new_uuid (call->data->rand);
  e->user_id = g_strdup (call->user->id);
  e->work_item_id = g_strdup (item_id);
  e->work_item_type = g_strdup (type);
  e->service_id = g_strdup (service_id);
  e->time_sheet_id = g_strdup (sheet->id);
  e->notes = g_strdup (json_object_get_string_member_with_default (body, "notes", NULL));
  e->start_time = start;
  e->end_time = end;
  e->created_at = g_get_real_time () / 1000 * 1000;
  e->billable_minutes = json_object_get_boolean_member_with_default (body, "is_billable", TRUE)
                        ? (int) ((end - start) / (60 * G_USEC_PER_SEC)) : 0;
  g_ptr_array_add (call->data->time_entries, e);

  answer = time_entry_object (call->data, e, sheet);
  alga_test_reply_data (call->msg, 201, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

/* The caller's own entry of DELETE or PUT /time-entries/{id}; answers 404 or 403 otherwise,
 * like the real server (nobody may change another user's entry). */
static AlgaSeedTimeEntry *
own_time_entry (AlgaTestCall *call,
                guint        *index)
{
  const char *id = call->segments[4];

  for (guint i = 0; id != NULL && i < call->data->time_entries->len; i++)
    {
      AlgaSeedTimeEntry *e = g_ptr_array_index (call->data->time_entries, i);

      if (!g_str_equal (e->id, id))
        continue;
      if (!g_str_equal (e->user_id, call->user->id))
        {
          alga_test_reply_error (call->msg, 403, "FORBIDDEN",
                                 g_str_equal (call->method, "DELETE")
                                 ? "Permission denied: Cannot delete this time entry"
                                 : "Permission denied: Cannot update this time entry", NULL);
          return NULL;
        }
      *index = i;
      return e;
    }

  alga_test_reply_error (call->msg, 404, "NOT_FOUND", "time_entry not found", NULL);
  return NULL;
}

/* DELETE /api/v1/time-entries/{id}: the owner's entry goes (204); a Technician's role may not
 * delete at all, which the permission check answers before this. */
void
alga_test_route_time_entry_delete (AlgaTestCall *call)
{
  guint index = 0;

  if (own_time_entry (call, &index) == NULL)
    return;

  g_ptr_array_remove_index (call->data->time_entries, index);
  soup_server_message_set_status (call->msg, 204, NULL);
}

/* PUT /api/v1/time-entries/{id}: the owner corrects times, service, notes or billable; the
 * answer is the flat shape of the list. */
void
alga_test_route_time_entry_put (AlgaTestCall *call)
{
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = alga_test_parse_body (call->msg, &parse_error);
  g_autoptr(JsonArray) issues = json_array_new ();
  AlgaSeedTimeEntry *e;
  gint64 start, end;
  guint index = 0;
  JsonObject *answer;
  static const char * const nested[] = { "user", "work_item", "service", "time_sheet", "billing_info" };

  if (body == NULL)
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", parse_error, NULL);
      return;
    }
  e = own_time_entry (call, &index);
  if (e == NULL)
    return;

  start = e->start_time;
  end = e->end_time;
  if (json_object_has_member (body, "start_time"))
    body_time (body, "start_time", issues, &start);
  if (json_object_has_member (body, "end_time"))
    body_time (body, "end_time", issues, &end);
  if (json_array_get_length (issues) == 0 && end <= start)
    alga_test_issue_add (issues, "custom", "end_time", "End time must be after start time");
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Validation failed", issues);
      return;
    }

  start = start / (60 * G_USEC_PER_SEC) * (60 * G_USEC_PER_SEC);
  end = end / (60 * G_USEC_PER_SEC) * (60 * G_USEC_PER_SEC);
  if (e->billable_minutes > 0 || json_object_get_boolean_member_with_default (body, "is_billable", FALSE))
    e->billable_minutes = json_object_get_boolean_member_with_default (body, "is_billable", TRUE)
                          ? (int) ((end - start) / (60 * G_USEC_PER_SEC)) : 0;
  e->start_time = start;
  e->end_time = end;
  if (json_object_has_member (body, "notes"))
    {
      g_free (e->notes);
      e->notes = g_strdup (json_object_get_string_member_with_default (body, "notes", NULL));
    }
  if (json_object_has_member (body, "service_id"))
    {
      g_free (e->service_id);
      e->service_id = g_strdup (json_object_get_string_member_with_default (body, "service_id", NULL));
    }

  answer = time_entry_object (call->data, e, NULL);
  for (guint j = 0; j < G_N_ELEMENTS (nested); j++)
    json_object_remove_member (answer, nested[j]);
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

/* A date filter of GET /time-entries: YYYY-MM-DD, else a regex issue like the real server. */
static gboolean
query_date (AlgaTestCall *call,
            JsonArray    *issues,
            const char   *name,
            gint64       *day)
{
  const char *text = g_hash_table_lookup (call->query, name);
  int y, m, d;
  char tail;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      (dt = g_date_time_new_utc (y, m, d, 0, 0, 0)) == NULL)
    {
      JsonObject *issue = alga_test_issue_add (issues, "invalid_string", name, "Invalid");

      json_object_set_string_member (issue, "validation", "regex");
      return FALSE;
    }
  *day = g_date_time_to_unix (dt) * G_USEC_PER_SEC;
  return TRUE;
}

static gint64
entry_created (const AlgaSeedTimeEntry *e)
{
  return e->created_at != 0 ? e->created_at : e->start_time;
}

static int
compare_entries_newest_first (gconstpointer a,
                              gconstpointer b)
{
  gint64 ca = entry_created (*(AlgaSeedTimeEntry * const *) a);
  gint64 cb = entry_created (*(AlgaSeedTimeEntry * const *) b);

  return ca < cb ? 1 : ca > cb ? -1 : 0;
}

/* GET /api/v1/time-entries: everyone's entries (not only the caller's), newest first,
 * in the flat shape: the columns plus user_name, service_name, duration_hours, is_billable. */
void
alga_test_route_time_entries_list (AlgaTestCall *call)
{
  g_autoptr(JsonArray) issues = json_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonArray) out = NULL;
  g_autoptr(JsonObject) meta = NULL;
  JsonObject *filters = json_object_new ();
  static const char * const passed[] = { "user_id", "work_item_id", "work_item_type", "date_from", "date_to", NULL };
  const char *user_id = g_hash_table_lookup (call->query, "user_id");
  const char *item_id = g_hash_table_lookup (call->query, "work_item_id");
  const char *item_type = g_hash_table_lookup (call->query, "work_item_type");
  gint64 from = 0, to = 0;
  gboolean have_from, have_to;
  guint page, limit;

  page = alga_test_query_uint (call, issues, "page", 1, 1, G_MAXINT);
  limit = alga_test_query_uint (call, issues, "limit", 25, 1, 100);
  have_from = query_date (call, issues, "date_from", &from);
  have_to = query_date (call, issues, "date_to", &to);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Query validation failed", issues);
      json_object_unref (filters);
      return;
    }

  for (guint i = 0; i < call->data->time_entries->len; i++)
    {
      AlgaSeedTimeEntry *e = g_ptr_array_index (call->data->time_entries, i);
      gint64 work_date = e->start_time / DAY_US * DAY_US;

      if ((user_id != NULL && g_strcmp0 (e->user_id, user_id) != 0) ||
          (item_id != NULL && g_strcmp0 (e->work_item_id, item_id) != 0) ||
          (item_type != NULL && g_strcmp0 (e->work_item_type, item_type) != 0) ||
          (have_from && work_date < from) || (have_to && work_date > to))
        continue;
      g_ptr_array_add (entries, e);
    }
  g_ptr_array_sort (entries, compare_entries_newest_first);
  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *o = time_entry_object (call->data, g_ptr_array_index (entries, i), NULL);
      static const char * const nested[] = { "user", "work_item", "service", "time_sheet", "billing_info" };

      for (guint j = 0; j < G_N_ELEMENTS (nested); j++)
        json_object_remove_member (o, nested[j]);
      g_ptr_array_add (all, o);
    }

  for (guint i = 0; passed[i] != NULL; i++)
    if (g_hash_table_lookup (call->query, passed[i]) != NULL)
      json_object_set_string_member (filters, passed[i], g_hash_table_lookup (call->query, passed[i]));
  out = page_of (all, page, limit);
  meta = list_meta (filters);
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
