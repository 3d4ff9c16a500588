/* alga-test-routes-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time entries: the list and its filters, one entry, create, correct, delete, the per-ticket
 * summary, and the server's own timer (start-tracking, active-session, stop-tracking).
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define DAY_US (G_USEC_PER_SEC * (gint64) 86400)
#define MINUTE_US (G_USEC_PER_SEC * (gint64) 60)

static JsonObject *
list_meta (JsonObject *filters,
           const char *sort,
           const char *order)
{
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "sort", sort != NULL ? sort : "created_at");
  json_object_set_string_member (meta, "order", order != NULL ? order : "desc");
  json_object_set_object_member (meta, "filters", filters);
  return meta;
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
  g_autofree char *hours = g_strdup_printf ("%.2f", e->end_time == 0 ? 0.0
                                                   : (e->end_time - e->start_time) / 3600.0 / G_USEC_PER_SEC);

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

/* The flat shape of the list, GET /time-entries/{id}, PUT and stop-tracking: the columns plus
 * user_name, service_name, duration_hours and is_billable, without the nested objects. */
static JsonObject *
flat_time_entry_object (AlgaSeedData            *data,
                        const AlgaSeedTimeEntry *e)
{
  static const char * const nested[] = { "user", "work_item", "service", "time_sheet", "billing_info" };
  JsonObject *o = time_entry_object (data, e, NULL);

  for (guint j = 0; j < G_N_ELEMENTS (nested); j++)
    json_object_remove_member (o, nested[j]);
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

      /* A running session (no end) is left out of the check, as on the real server. */
      if (g_str_equal (other->user_id, call->user->id) && other->end_time != 0 &&
          start < other->end_time && end > other->start_time)
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

  answer = flat_time_entry_object (call->data, e);
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

static int
compare_entries_by_start (gconstpointer a,
                          gconstpointer b)
{
  gint64 sa = (*(AlgaSeedTimeEntry * const *) a)->start_time;
  gint64 sb = (*(AlgaSeedTimeEntry * const *) b)->start_time;

  return sa < sb ? -1 : sa > sb ? 1 : 0;
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
  const char *sort = g_hash_table_lookup (call->query, "sort");
  const char *order = g_hash_table_lookup (call->query, "order");
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
  /* sort=start_time is honoured (the app asks for its day in order); anything else is the
   * default, newest created first. */
  if (g_strcmp0 (sort, "start_time") == 0)
    {
      g_ptr_array_sort (entries, compare_entries_by_start);
      if (g_strcmp0 (order, "asc") != 0)
        for (guint i = 0; i < entries->len / 2; i++)
          {
            gpointer tmp = entries->pdata[i];

            entries->pdata[i] = entries->pdata[entries->len - 1 - i];
            entries->pdata[entries->len - 1 - i] = tmp;
          }
    }
  else
    g_ptr_array_sort (entries, compare_entries_newest_first);
  for (guint i = 0; i < entries->len; i++)
    {
      g_ptr_array_add (all, flat_time_entry_object (call->data, g_ptr_array_index (entries, i)));
    }

  for (guint i = 0; passed[i] != NULL; i++)
    if (g_hash_table_lookup (call->query, passed[i]) != NULL)
      json_object_set_string_member (filters, passed[i], g_hash_table_lookup (call->query, passed[i]));
  out = page_of (all, page, limit);
  meta = list_meta (filters, sort, order);
  alga_test_reply_paginated (call->msg, out, page, limit, all->len, meta);
}


/* GET /api/v1/time-entries/{id}: any entry (not only the caller's), in the flat shape. */
void
alga_test_route_time_entry_get (AlgaTestCall *call)
{
  const char *id = call->segments[4];

  for (guint i = 0; i < call->data->time_entries->len; i++)
    {
      const AlgaSeedTimeEntry *e = g_ptr_array_index (call->data->time_entries, i);

      if (g_str_equal (e->id, id))
        {
          JsonObject *o = flat_time_entry_object (call->data, e);

          alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), o));
          json_object_unref (o);
          return;
        }
    }
  alga_test_reply_error (call->msg, 404, "NOT_FOUND", "time_entry not found", NULL);
}

/* Times in the per-ticket summary: seconds without fractions, and a running session's missing
 * end as the epoch, as the real server's SQL formats them. */
static void
set_summary_time (JsonObject *o,
                  const char *name,
                  gint64      usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

  json_object_set_string_member (o, name, text);
}

static int
compare_entries_latest_start_first (gconstpointer a,
                                    gconstpointer b)
{
  return -compare_entries_by_start (a, b);
}

/* GET /api/v1/tickets/{id}/time-entries: the ticket's entries with totals of billable minutes.
 * Others' entries are listed only for a role that may read every time sheet; for the others
 * they are counted as hidden. */
void
alga_test_route_ticket_time_entries (AlgaTestCall *call)
{
  const AlgaSeedTicket *t = alga_test_route_ticket_from_path (call);
  gboolean read_all = alga_test_role_may (alga_test_user_role (call->data, call->user), "timesheet:read_all");
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  JsonArray *out;
  JsonObject *data;
  gint64 own_minutes = 0, own_count = 0, visible_minutes = 0, visible_count = 0;
  gint64 hidden_minutes = 0, hidden_count = 0;

  if (t == NULL)
    return;

  for (guint i = 0; i < call->data->time_entries->len; i++)
    {
      AlgaSeedTimeEntry *e = g_ptr_array_index (call->data->time_entries, i);

      if (g_strcmp0 (e->work_item_type, "ticket") == 0 && g_strcmp0 (e->work_item_id, t->id) == 0)
        g_ptr_array_add (entries, e);
    }
  g_ptr_array_sort (entries, compare_entries_latest_start_first);

  out = json_array_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      const AlgaSeedTimeEntry *e = g_ptr_array_index (entries, i);
      gboolean own = g_str_equal (e->user_id, call->user->id);
      const AlgaSeedService *s = alga_seed_find_service (call->data, e->service_id);
      g_autofree char *name = alga_seed_user_name (alga_seed_find_user (call->data, e->user_id));
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (e->start_time / G_USEC_PER_SEC);
      g_autofree char *work_date = g_date_time_format (day, "%Y-%m-%d");
      JsonObject *o;

      if (own)
        {
          own_minutes += e->billable_minutes;
          own_count++;
        }
      else if (read_all)
        {
          visible_minutes += e->billable_minutes;
          visible_count++;
        }
      else
        {
          hidden_minutes += e->billable_minutes;
          hidden_count++;
          continue;
        }

      o = json_object_new ();
      json_object_set_string_member (o, "entry_id", e->id);
      json_object_set_string_member (o, "user_id", e->user_id);
      alga_test_set_string_or_null (o, "user_name", name);
      set_summary_time (o, "start_time", e->start_time);
      set_summary_time (o, "end_time", e->end_time);
      json_object_set_string_member (o, "work_date", work_date);
      json_object_set_int_member (o, "billable_duration", e->billable_minutes);
      alga_test_set_string_or_null (o, "notes", e->notes);
      json_object_set_string_member (o, "approval_status", "DRAFT");
      alga_test_set_string_or_null (o, "service_id", e->service_id);
      alga_test_set_string_or_null (o, "service_name", s != NULL ? s->name : NULL);
      json_object_set_boolean_member (o, "is_own", own);
      json_array_add_object_element (out, o);
    }

  data = json_object_new ();
  json_object_set_array_member (data, "entries", out);
  json_object_set_int_member (data, "ownTotalMinutes", own_minutes);
  json_object_set_int_member (data, "ownEntryCount", own_count);
  json_object_set_int_member (data, "othersTotalMinutes", visible_minutes + hidden_minutes);
  json_object_set_int_member (data, "othersEntryCount", visible_count + hidden_count);
  json_object_set_int_member (data, "othersVisibleMinutes", visible_minutes);
  json_object_set_int_member (data, "othersVisibleCount", visible_count);
  json_object_set_int_member (data, "othersHiddenMinutes", hidden_minutes);
  json_object_set_int_member (data, "othersHiddenCount", hidden_count);
  json_object_set_int_member (data, "totalMinutes", own_minutes + visible_minutes + hidden_minutes);
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), data));
  json_object_unref (data);
}

/* The server's timer ------------------------------------------------------------------------ */

/* A session is an entry without an end; a user has at most one. */
static AlgaSeedTimeEntry *
running_session (AlgaSeedData *data,
                 const char   *user_id)
{
  for (guint i = 0; i < data->time_entries->len; i++)
    {
      AlgaSeedTimeEntry *e = g_ptr_array_index (data->time_entries, i);

      if (e->end_time == 0 && g_str_equal (e->user_id, user_id))
        return e;
    }
  return NULL;
}

/* The answer of start-tracking and active-session: the columns and the session's extras. */
static JsonObject *
session_object (AlgaSeedData            *data,
                const AlgaSeedTimeEntry *e)
{
  static const char * const flat_only[] = { "user_name", "duration_hours", "is_billable" };
  JsonObject *o = json_object_new ();
  JsonObject *columns = flat_time_entry_object (data, e);
  const AlgaSeedTicket *t = g_strcmp0 (e->work_item_type, "ticket") == 0
                            ? alga_seed_find_ticket (data, e->work_item_id) : NULL;
  const AlgaSeedService *s = alga_seed_find_service (data, e->service_id);
  GList *members;

  for (guint j = 0; j < G_N_ELEMENTS (flat_only); j++)
    json_object_remove_member (columns, flat_only[j]);
  json_object_remove_member (columns, "service_name");
  json_object_set_string_member (o, "session_id", e->id);
  members = json_object_get_members (columns);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (o, l->data, json_node_copy (json_object_get_member (columns, l->data)));
  g_list_free (members);
  json_object_unref (columns);
  json_object_set_string_member (o, "status", "active");
  json_object_set_int_member (o, "elapsed_minutes",
                              (gint64) round ((g_get_real_time () - e->start_time) / (double) MINUTE_US));
  alga_test_set_string_or_null (o, "work_item_title", t != NULL ? t->title : NULL);
  alga_test_set_string_or_null (o, "service_name", s != NULL ? s->name : NULL);
  return o;
}

/* POST /api/v1/time-entries/start-tracking: a session on any work item, even an unknown one; the
 * service must exist. No time sheet, no period or overlap check; the start is now, to the minute. */
void
alga_test_route_timer_start (AlgaTestCall *call)
{
  static const char * const types[] = {
    "ticket", "project_task", "non_billable_category", "ad_hoc", "interaction", NULL,
  };
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = alga_test_parse_body (call->msg, &parse_error);
  g_autoptr(JsonArray) issues = json_array_new ();
  const char *type, *item_id, *service_id;
  AlgaSeedTimeEntry *e;
  JsonObject *answer;
  gint64 now = g_get_real_time ();

  if (body == NULL)
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", parse_error, NULL);
      return;
    }
  type = json_object_get_string_member_with_default (body, "work_item_type", NULL);
  if (!json_object_has_member (body, "work_item_type"))
    {
      JsonObject *issue = alga_test_issue_add (issues, "invalid_type", "work_item_type", "Required");

      json_object_set_string_member (issue, "expected",
                                     "'ticket' | 'project_task' | 'non_billable_category' | 'ad_hoc' | 'interaction'");
      json_object_set_string_member (issue, "received", "undefined");
    }
  else if (type == NULL || !g_strv_contains (types, type))
    alga_test_issue_add (issues, "invalid_enum_value", "work_item_type",
                         "Invalid enum value. Expected 'ticket' | 'project_task' | 'non_billable_category' | 'ad_hoc' | 'interaction'");
  item_id = alga_test_body_uuid (body, "work_item_id", issues, FALSE);
  service_id = alga_test_body_uuid (body, "service_id", issues, TRUE);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Invalid tracking data", issues);
      return;
    }
  if (running_session (call->data, call->user->id) != NULL)
    {
      alga_test_reply_error (call->msg, 409, "CONFLICT",
                             "Active time tracking session already exists. Please stop the current session first.",
                             NULL);
      return;
    }
  if (alga_seed_find_service (call->data, service_id) == NULL)
    {
      g_autofree char *details = g_strdup_printf ("Key (tenant, service_id)=(%s, %s) is not present in table \"service_catalog\".",
                                                  call->data->tenant_id, service_id);
      JsonObject *root = json_object_new ();
      JsonObject *error = json_object_new ();

      /* Here details is the database's text, not a list of issues. */
      json_object_set_string_member (error, "code", "BAD_REQUEST");
      json_object_set_string_member (error, "message", "Invalid reference");
      json_object_set_string_member (error, "details", details);
      json_object_set_object_member (root, "error", error);
      alga_test_reply_json (call->msg, 400, json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
      return;
    }

  e = g_new0 (AlgaSeedTimeEntry, 1);
  e->id = alga_seed_new_uuid (call->data->rand);
  e->user_id = g_strdup (call->user->id);
  e->work_item_id = g_strdup (item_id);
  e->work_item_type = g_strdup (type);
  e->service_id = g_strdup (service_id);
  e->notes = g_strdup (json_object_get_string_member_with_default (body, "notes", ""));
  e->start_time = now / MINUTE_US * MINUTE_US;
  e->created_at = now / 1000 * 1000;
  g_ptr_array_add (call->data->time_entries, e);

  answer = session_object (call->data, e);
  alga_test_reply_data (call->msg, 201, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

/* GET /api/v1/time-entries/active-session: the caller's running session, or data null. */
void
alga_test_route_timer_active (AlgaTestCall *call)
{
  AlgaSeedTimeEntry *e = running_session (call->data, call->user->id);
  JsonObject *answer;

  if (e == NULL)
    {
      alga_test_reply_data (call->msg, 200, json_node_init_null (json_node_alloc ()));
      return;
    }
  answer = session_object (call->data, e);
  alga_test_reply_data (call->msg, 200, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}

/* POST /api/v1/time-entries/stop-tracking/{id}: ends the caller's own running session. The end
 * may be in the future or before the start (a negative duration is stored); is_billable false
 * keeps no billable minutes; empty notes keep the start's notes. */
void
alga_test_route_timer_stop (AlgaTestCall *call)
{
  const char *id = call->segments[5];
  g_autofree char *parse_error = NULL;
  g_autoptr(JsonObject) body = alga_test_parse_body (call->msg, &parse_error);
  g_autoptr(JsonArray) issues = json_array_new ();
  AlgaSeedTimeEntry *e = NULL;
  const char *notes, *service_id = NULL;
  gint64 end = g_get_real_time ();
  JsonObject *answer;

  if (body == NULL)
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", parse_error, NULL);
      return;
    }
  if (json_object_has_member (body, "end_time"))
    body_time (body, "end_time", issues, &end);
  if (json_object_has_member (body, "service_id"))
    service_id = alga_test_body_uuid (body, "service_id", issues, FALSE);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Invalid stop data", issues);
      return;
    }
  if (!alga_test_is_uuid (id))
    {
      g_autofree char *message = g_strdup_printf ("select * from \"time_entries\" where \"time_entries\".\"tenant\" = $1 "
                                                  "and \"entry_id\" = $2 and \"user_id\" = $3 and \"end_time\" is null "
                                                  "limit $4 - invalid input syntax for type uuid: \"%s\"", id);

      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", message, NULL);
      return;
    }
  for (guint i = 0; i < call->data->time_entries->len && e == NULL; i++)
    {
      AlgaSeedTimeEntry *candidate = g_ptr_array_index (call->data->time_entries, i);

      if (g_str_equal (candidate->id, id) && candidate->end_time == 0 &&
          g_str_equal (candidate->user_id, call->user->id))
        e = candidate;
    }
  if (e == NULL)
    {
      alga_test_reply_error (call->msg, 404, "NOT_FOUND", "Active session not found", NULL);
      return;
    }

  e->end_time = end / MINUTE_US * MINUTE_US;
  /* Stored as is: an end before the start gives negative minutes. */
  if (e->end_time == 0)
    e->end_time = 1;
  e->billable_minutes = json_object_get_boolean_member_with_default (body, "is_billable", TRUE)
                        ? (int) round ((e->end_time - e->start_time) / (double) MINUTE_US) : 0;
  notes = json_object_get_string_member_with_default (body, "notes", NULL);
  if (notes != NULL && notes[0] != '\0')
    {
      g_free (e->notes);
      e->notes = g_strdup (notes);
    }
  if (service_id != NULL)
    {
      g_free (e->service_id);
      e->service_id = g_strdup (service_id);
    }

  answer = flat_time_entry_object (call->data, e);
  alga_test_reply_data (call->msg, 201, json_node_init_object (json_node_alloc (), answer));
  json_object_unref (answer);
}
