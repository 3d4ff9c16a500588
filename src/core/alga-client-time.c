/* alga-client-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time (docs/API.md, Time entries): the services time is booked on, time entries made, listed
 * and corrected, and the session of the server's timer that runs or is stopped.
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client.h"
#include "alga-client-call.h"

/**
 * alga_client_list_services_async:
 * @self: a #AlgaClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the active services (up to 100), for time entries.
 */
void
alga_client_list_services_async (AlgaClient          *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  alga_client_call_full (self, alga_client_list_services_async, "GET", "/api/v1/services",
                         "is_active=true&limit=100", NULL, ALGA_REQUEST_DEFAULT, NULL,
                         ALGA_CLIENT_CALL_ARRAY,
                         (AlgaJsonDecodeFunc) alga_service_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_services_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaService): the services
 */
GPtrArray *
alga_client_list_services_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_services_async, error);
}

/* The server truncates to the minute anyway; sending whole minutes makes what we show and
 * what it stores agree, and overlaps are judged on the same values. */
static char *
format_minute_utc (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:00Z");
}

/**
 * alga_client_create_time_entry_async:
 * @self: a #AlgaClient
 * @ticket_id: the ticket worked on
 * @service_id: the service (required by the server)
 * @start: when the work started
 * @end: when it ended, after @start
 * @notes: (nullable): what was done
 * @billable: whether the time is billable
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Records time on a ticket for the signed-in user. Times go in UTC, truncated to the minute.
 * Expect %ALGA_API_ERROR_CONFLICT for an overlap and %ALGA_API_ERROR_VALIDATION when no time
 * period covers the day.
 */
void
alga_client_create_time_entry_async (AlgaClient          *self,
                                     const char          *ticket_id,
                                     const char          *service_id,
                                     GDateTime           *start,
                                     GDateTime           *end,
                                     const char          *notes,
                                     gboolean             billable,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (service_id != NULL);
  g_return_if_fail (start != NULL);
  g_return_if_fail (end != NULL);

  start_text = format_minute_utc (start);
  end_text = format_minute_utc (end);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "work_item_type");
  json_builder_add_string_value (builder, "ticket");
  json_builder_set_member_name (builder, "work_item_id");
  json_builder_add_string_value (builder, ticket_id);
  json_builder_set_member_name (builder, "service_id");
  json_builder_add_string_value (builder, service_id);
  json_builder_set_member_name (builder, "start_time");
  json_builder_add_string_value (builder, start_text);
  json_builder_set_member_name (builder, "end_time");
  json_builder_add_string_value (builder, end_text);
  if (notes != NULL)
    {
      json_builder_set_member_name (builder, "notes");
      json_builder_add_string_value (builder, notes);
    }
  json_builder_set_member_name (builder, "is_billable");
  json_builder_add_boolean_value (builder, billable);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  alga_client_call (self, alga_client_create_time_entry_async, "POST", "/api/v1/time-entries",
                    body, NULL, ALGA_CLIENT_CALL_OBJECT,
                    (AlgaJsonDecodeFunc) alga_time_entry_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTimeEntry *
alga_client_create_time_entry_finish (AlgaClient    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_create_time_entry_async, error);
}

/**
 * alga_client_list_time_entries_async:
 * @self: a #AlgaClient
 * @user_id: (nullable): only this user's entries
 * @date_from: (nullable): the first work date, YYYY-MM-DD
 * @date_to: (nullable): the last work date, YYYY-MM-DD (inclusive)
 * @ticket_id: (nullable): only the entries of this ticket
 * @page: the page, from 1
 * @limit: entries per page, 1 to 100
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets time entries (`GET /api/v1/time-entries`), earliest start first. The server lists every
 * user's entries, not only the caller's: pass @user_id for one's own. A running session of the
 * server's timer is among them, without an end.
 */
void
alga_client_list_time_entries_async (AlgaClient          *self,
                                     const char          *user_id,
                                     const char          *date_from,
                                     const char          *date_to,
                                     const char          *ticket_id,
                                     guint                page,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (ALGA_IS_CLIENT (self));

  g_string_append_printf (query, "page=%u&limit=%u&sort=start_time&order=asc", MAX (page, 1), CLAMP (limit, 1, 100));
  if (user_id != NULL)
    g_string_append_printf (query, "&user_id=%s", user_id);
  if (date_from != NULL)
    g_string_append_printf (query, "&date_from=%s", date_from);
  if (date_to != NULL)
    g_string_append_printf (query, "&date_to=%s", date_to);
  if (ticket_id != NULL)
    g_string_append_printf (query, "&work_item_type=ticket&work_item_id=%s", ticket_id);

  alga_client_call_full (self, alga_client_list_time_entries_async, "GET", "/api/v1/time-entries",
                         query->str, NULL, ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_PAGINATED,
                         (AlgaJsonDecodeFunc) alga_time_entry_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_time_entries_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @pagination: (out) (optional) (nullable): the page's place in the whole
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaTimeEntry): the entries
 */
GPtrArray *
alga_client_list_time_entries_finish (AlgaClient      *self,
                                      GAsyncResult    *result,
                                      AlgaPagination **pagination,
                                      GError         **error)
{
  return alga_client_call_finish_full (self, result, alga_client_list_time_entries_async,
                                       pagination, error);
}

static void
on_active_session_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *data;
  AlgaTimeEntry *entry;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = alga_client_call_get_data (root, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* No session runs: data is null. */
  if (JSON_NODE_HOLDS_NULL (data))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  entry = alga_time_entry_new_from_json (data, &error);
  if (entry == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entry, g_object_unref);
}

/**
 * alga_client_get_active_session_async:
 * @self: a #AlgaClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the session of the server's timer that the signed-in user is running, for example one
 * started on the phone (`GET /api/v1/time-entries/active-session`).
 */
void
alga_client_get_active_session_async (AlgaClient          *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_client_get_active_session_async);
  alga_client_request_async (self, "GET", "/api/v1/time-entries/active-session", NULL, NULL,
                             ALGA_REQUEST_DEFAULT, cancellable, on_active_session_cb, task);
}

/**
 * alga_client_get_active_session_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the running session (an entry without an end), or
 *   %NULL without an error when none runs
 */
AlgaTimeEntry *
alga_client_get_active_session_finish (AlgaClient    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alga_client_get_active_session_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The members a stop or a correction sends; NULL or negative ones are left out. */
static JsonNode *
time_entry_changes (GDateTime  *start,
                    GDateTime  *end,
                    const char *service_id,
                    const char *notes,
                    int         billable)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (start != NULL)
    {
      g_autofree char *text = format_minute_utc (start);

      json_builder_set_member_name (builder, "start_time");
      json_builder_add_string_value (builder, text);
    }
  if (end != NULL)
    {
      g_autofree char *text = format_minute_utc (end);

      json_builder_set_member_name (builder, "end_time");
      json_builder_add_string_value (builder, text);
    }
  if (service_id != NULL)
    {
      json_builder_set_member_name (builder, "service_id");
      json_builder_add_string_value (builder, service_id);
    }
  if (notes != NULL)
    {
      json_builder_set_member_name (builder, "notes");
      json_builder_add_string_value (builder, notes);
    }
  if (billable >= 0)
    {
      json_builder_set_member_name (builder, "is_billable");
      json_builder_add_boolean_value (builder, billable > 0);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * alga_client_stop_session_async:
 * @self: a #AlgaClient
 * @session_id: the running session
 * @end: (nullable): when the work ended (now when %NULL)
 * @service_id: (nullable): the service, if another than the start's
 * @notes: (nullable): what was done
 * @billable: 1 or 0, or -1 to leave it to the server (billable)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stops a session of the server's timer (`POST /api/v1/time-entries/stop-tracking/{id}`). The
 * server checks nothing here (not even that the end is after the start): the caller does.
 */
void
alga_client_stop_session_async (AlgaClient          *self,
                                const char          *session_id,
                                GDateTime           *end,
                                const char          *service_id,
                                const char          *notes,
                                int                  billable,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (session_id != NULL);

  /* The server needs a body, even an empty object. */
  body = time_entry_changes (NULL, end, service_id, notes, billable);
  path = g_strconcat ("/api/v1/time-entries/stop-tracking/", session_id, NULL);
  alga_client_call (self, alga_client_stop_session_async, "POST", path, body, NULL,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_time_entry_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTimeEntry *
alga_client_stop_session_finish (AlgaClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_stop_session_async, error);
}

/**
 * alga_client_update_time_entry_async:
 * @self: a #AlgaClient
 * @entry_id: one of the signed-in user's entries
 * @start: (nullable): the new start
 * @end: (nullable): the new end
 * @service_id: (nullable): the new service
 * @notes: (nullable): the new notes
 * @billable: 1 or 0, or -1 to keep it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Corrects one's own entry (`PUT /api/v1/time-entries/{id}`); what is %NULL stays. The server
 * refuses another user's entry with 403, and a Technician may not delete even an own one, so
 * this is the only way to correct a mistake.
 */
void
alga_client_update_time_entry_async (AlgaClient          *self,
                                     const char          *entry_id,
                                     GDateTime           *start,
                                     GDateTime           *end,
                                     const char          *service_id,
                                     const char          *notes,
                                     int                  billable,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (entry_id != NULL);

  body = time_entry_changes (start, end, service_id, notes, billable);
  path = g_strconcat ("/api/v1/time-entries/", entry_id, NULL);
  alga_client_call (self, alga_client_update_time_entry_async, "PUT", path, body, NULL,
                    ALGA_CLIENT_CALL_OBJECT, (AlgaJsonDecodeFunc) alga_time_entry_new_from_json,
                    cancellable, callback, user_data);
}

AlgaTimeEntry *
alga_client_update_time_entry_finish (AlgaClient    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_update_time_entry_async, error);
}
