/* alga-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lifecycle, the server thread, routing, faults, request recording and rate limiting.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server.h"
#include "alga-test-server-private.h"

#include <math.h>
#include <string.h>

typedef enum
{
  ROUTE_AUTH        = 1 << 0,  /* validates x-api-key (and x-tenant-id) */
  ROUTE_RATE_LIMIT  = 1 << 1,  /* runs the API rate limiter */
  ROUTE_RATE_HEADERS = 1 << 2, /* X-RateLimit-* on 2xx, where the real route sends them */
} RouteFlags;

typedef struct
{
  const char        *method;
  const char        *pattern;  /* "*" matches one segment */
  AlgaTestRouteFunc  func;
  RouteFlags         flags;
} Route;

#define RL (ROUTE_AUTH | ROUTE_RATE_LIMIT | ROUTE_RATE_HEADERS)

/* Literal segments before "*" ones, as Next.js prefers static routes. */
static const Route routes[] = {
  { "GET",  "/api/v1/mobile/auth/capabilities", alga_test_route_capabilities, 0 },
  { "POST", "/api/v1/mobile/auth/exchange", alga_test_route_exchange, 0 },
  { "POST", "/api/v1/mobile/auth/refresh", alga_test_route_refresh, 0 },
  { "POST", "/api/v1/mobile/auth/revoke", alga_test_route_revoke, 0 },
  { "GET",  "/api/v1/tickets", alga_test_route_tickets_list, RL },
  { "POST", "/api/v1/tickets", alga_test_route_ticket_create, RL },
  { "GET",  "/api/v1/tickets/stats", alga_test_route_tickets_stats, ROUTE_AUTH },
  { "GET",  "/api/v1/tickets/statuses", alga_test_route_statuses, RL },
  { "GET",  "/api/v1/tickets/priorities", alga_test_route_priorities, RL },
  { "GET",  "/api/v1/tickets/*", alga_test_route_ticket_get, RL },
  { "PUT",  "/api/v1/tickets/*", alga_test_route_ticket_put, ROUTE_AUTH | ROUTE_RATE_LIMIT },
  { "GET",  "/api/v1/tickets/*/comments", alga_test_route_comments_get, ROUTE_AUTH },
  { "POST", "/api/v1/tickets/*/comments", alga_test_route_comments_post, ROUTE_AUTH },
  { "PUT",  "/api/v1/tickets/*/status", alga_test_route_ticket_status, ROUTE_AUTH },
  { "PUT",  "/api/v1/tickets/*/assignment", alga_test_route_ticket_assignment, ROUTE_AUTH },
  { "PUT",  "/api/v1/tickets/*/comments/*", alga_test_route_comment_put, ROUTE_AUTH },
  { "POST", "/api/v1/tickets/*/comments/*/reactions", alga_test_route_comment_reaction, RL },
  { "GET",  "/api/v1/tickets/*/documents", alga_test_route_documents_list, RL },
  { "POST", "/api/v1/tickets/*/documents", alga_test_route_documents_upload, RL },
  /* Downloads send no rate-limit headers, though they are counted. */
  { "GET",  "/api/v1/tickets/*/documents/*", alga_test_route_document_download, ROUTE_AUTH | ROUTE_RATE_LIMIT },
  { "DELETE", "/api/v1/tickets/*/documents/*", alga_test_route_document_delete, RL },
  { "GET",  "/api/v1/tickets/*/checklist", alga_test_route_checklist_list, RL },
  { "POST", "/api/v1/tickets/*/checklist", alga_test_route_checklist_add, RL },
  { "PATCH", "/api/v1/tickets/*/checklist/*", alga_test_route_checklist_patch, RL },
  { "GET",  "/api/v1/tickets/*/agents", alga_test_route_ticket_agents, RL },
  { "GET",  "/api/v1/tickets/*/time-entries", alga_test_route_ticket_time_entries, RL },
  { "GET",  "/api/v1/services", alga_test_route_services, RL },
  { "GET",  "/api/v1/boards", alga_test_route_boards, RL },
  { "GET",  "/api/v1/clients", alga_test_route_clients, RL },
  { "GET",  "/api/v1/clients/*/contacts", alga_test_route_client_contacts, ROUTE_AUTH },
  { "GET",  "/api/v1/clients/*/locations", alga_test_route_client_locations, ROUTE_AUTH },
  { "GET",  "/api/v1/contacts", alga_test_route_contacts, RL },
  { "GET",  "/api/v1/priorities", alga_test_route_priorities_full, RL },
  { "GET",  "/api/v1/users", alga_test_route_users, RL },
  /* Broken for every API key on the real server. */
  { "GET",  "/api/v1/users/search", alga_test_route_users_search, 0 },
  { "POST", "/api/v1/time-entries", alga_test_route_time_entries_post, RL },
  { "GET",  "/api/v1/time-entries", alga_test_route_time_entries_list, RL },
  /* The timer sends no rate-limit headers. */
  { "POST", "/api/v1/time-entries/start-tracking", alga_test_route_timer_start, ROUTE_AUTH | ROUTE_RATE_LIMIT },
  { "GET",  "/api/v1/time-entries/active-session", alga_test_route_timer_active, ROUTE_AUTH | ROUTE_RATE_LIMIT },
  { "POST", "/api/v1/time-entries/stop-tracking/*", alga_test_route_timer_stop, ROUTE_AUTH | ROUTE_RATE_LIMIT },
  { "GET",  "/api/v1/time-entries/*", alga_test_route_time_entry_get, RL },
  { "DELETE", "/api/v1/time-entries/*", alga_test_route_time_entry_delete, RL },
  { "PUT",  "/api/v1/time-entries/*", alga_test_route_time_entry_put, RL },
  /* Refused to every seeded role; the route exists only to answer that. */
  { "GET",  "/api/v1/time-periods", alga_test_route_refused, ROUTE_AUTH },
  { "GET",  "/api/v1/time-periods/current", alga_test_route_refused, ROUTE_AUTH },
  { "GET",  "/api/v1/activities", alga_test_route_activities, ROUTE_AUTH },
  { "GET",  "/auth/signin", alga_test_route_signin, 0 },
  { "GET",  "/auth/mobile/handoff", alga_test_route_handoff, 0 },
};

/* The permission a route checks after the key (docs/API.md, Roles) and the message of its 403
 * when the caller's role lacks it. Routes not listed need only ticket access, which every
 * seeded role has. */
static const struct
{
  const char *method;
  const char *pattern;
  const char *permission;
  const char *refusal;
} route_permissions[] = {
  { "GET",  "/api/v1/users", "user:read", "Permission denied: Cannot read user" },
  { "GET",  "/api/v1/services", "service:read", "Permission denied: Cannot read service" },
  { "POST", "/api/v1/time-entries", "timeentry:create", "Permission denied: Cannot create time_entry" },
  { "GET",  "/api/v1/time-entries", "timeentry:read", "Permission denied: Cannot read time_entry" },
  { "DELETE", "/api/v1/time-entries/*", "timeentry:delete", "Permission denied: Cannot delete time_entry" },
  { "PUT",  "/api/v1/time-entries/*", "timeentry:update", "Permission denied: Cannot update time_entry" },
  { "GET",  "/api/v1/time-entries/*", "timeentry:read", "Permission denied: Cannot read time_entry" },
  /* The timer's own wording. */
  { "POST", "/api/v1/time-entries/start-tracking", "timeentry:create", "Permission denied: Cannot create time entries" },
  { "POST", "/api/v1/time-entries/stop-tracking/*", "timeentry:update", "Permission denied: Cannot update time entries" },
  { "GET",  "/api/v1/time-periods", "time_period:read", "Permission denied: Cannot read time periods" },
  { "GET",  "/api/v1/time-periods/current", "time_period:read", "Permission denied: Cannot read time periods" },
  /* Attaching is a change to the ticket: a Dispatcher without document:create may upload. */
  { "POST", "/api/v1/tickets/*/documents", "ticket:update", "Permission denied: Cannot update ticket" },
  { "DELETE", "/api/v1/tickets/*/documents/*", "ticket:update", "Permission denied: Cannot update ticket" },
  { "POST", "/api/v1/tickets/*/checklist", "ticket:update", "Permission denied: Cannot update ticket" },
  { "PATCH", "/api/v1/tickets/*/checklist/*", "ticket:update", "Permission denied: Cannot update ticket" },
};

G_DEFINE_FINAL_TYPE (AlgaTestServer, alga_test_server, G_TYPE_OBJECT)

void
alga_test_fault_entry_free (gpointer p)
{
  AlgaTestFaultEntry *f = p;

  g_free (f->method);
  g_pattern_spec_free (f->pattern);
  g_free ((char *) f->fault.body);
  g_free ((char *) f->fault.content_type);
  g_free (f);
}

void
alga_test_request_free (AlgaTestRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  g_free (request->api_key);
  g_free (request->tenant_id);
  g_free (request);
}

/* Rate limiting ---------------------------------------------------------------------------- */

/* The real limiter always counts (defaults 120 burst, 60/min) and only enforces when
 * RATE_LIMIT_ENFORCE is set; the headers show the count either way. */
static gboolean
take_token (AlgaTestServer *self,
            const char     *key,
            double         *remaining,
            guint          *burst_out,
            gint64         *retry_ms)
{
  guint burst = self->rate_burst > 0 ? self->rate_burst : 120;
  double per_sec = (self->rate_burst > 0 ? self->rate_per_minute : 60) / 60.0;
  AlgaTestBucket *b = g_hash_table_lookup (self->buckets, key);
  gint64 now = g_get_monotonic_time ();

  if (b == NULL)
    {
      b = g_new0 (AlgaTestBucket, 1);
      b->tokens = burst;
      b->last_refill = now;
      g_hash_table_insert (self->buckets, g_strdup (key), b);
    }
  b->tokens = MIN ((double) burst, b->tokens + per_sec * (now - b->last_refill) / G_USEC_PER_SEC);
  b->last_refill = now;
  *burst_out = burst;

  if (b->tokens >= 1.0)
    {
      b->tokens -= 1.0;
      *remaining = floor (b->tokens);
      return TRUE;
    }
  *remaining = 0;
  *retry_ms = per_sec > 0 ? (gint64) ceil ((1.0 - b->tokens) / per_sec * 1000.0) : 60000;
  return self->rate_burst == 0;
}

static void
set_rate_headers (SoupServerMessage *msg,
                  guint              limit,
                  double             remaining)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *l = g_strdup_printf ("%u", limit);
  g_autofree char *r = g_strdup_printf ("%.0f", remaining);

  soup_message_headers_replace (headers, "X-RateLimit-Limit", l);
  soup_message_headers_replace (headers, "X-RateLimit-Remaining", r);
}

static void
reply_rate_limited (SoupServerMessage *msg,
                    guint              limit,
                    gint64             retry_ms)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  JsonObject *root = json_object_new ();
  JsonObject *error = json_object_new ();
  JsonObject *details = json_object_new ();
  g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT, MAX ((gint64) 1, (retry_ms + 999) / 1000));
  g_autofree char *reset = alga_test_format_time (g_get_real_time () + retry_ms * 1000);

  json_object_set_string_member (error, "code", "RATE_LIMITED");
  json_object_set_string_member (error, "message", "Too many requests");
  json_object_set_int_member (details, "retry_after_ms", retry_ms);
  json_object_set_int_member (details, "remaining", 0);
  json_object_set_object_member (error, "details", details);
  json_object_set_object_member (root, "error", error);
  alga_test_reply_json (msg, 429, json_node_init_object (json_node_alloc (), root));
  json_object_unref (root);
  set_rate_headers (msg, limit, 0);
  soup_message_headers_replace (headers, "X-RateLimit-Reset", reset);
  soup_message_headers_replace (headers, "Retry-After", retry);
}

/* Routing ---------------------------------------------------------------------------------- */

static gboolean
pattern_matches (const char *pattern,
                 char      **segments)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);
  guint i;

  for (i = 0; parts[i] != NULL && segments[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], "*") ? segments[i][0] == '\0' : !g_str_equal (parts[i], segments[i]))
        return FALSE;
    }
  return parts[i] == NULL && segments[i] == NULL;
}

static const Route *
find_route (const char  *method,
            char       **segments,
            gboolean    *path_known)
{
  const char *pattern = NULL;

  *path_known = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (pattern == NULL && pattern_matches (routes[i].pattern, segments))
        pattern = routes[i].pattern;
      if (pattern != NULL && g_str_equal (routes[i].pattern, pattern))
        {
          *path_known = TRUE;
          if (g_str_equal (routes[i].method, method))
            return &routes[i];
        }
    }
  return NULL;
}

static gboolean
authenticate (AlgaTestCall *call)
{
  AlgaTestServer *self = call->self;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (call->msg);
  const char *tenant = soup_message_headers_get_one (headers, "x-tenant-id");
  AlgaTestApiKey *key = call->api_key != NULL ? g_hash_table_lookup (self->api_keys, call->api_key) : NULL;
  const AlgaSeedUser *user = key != NULL ? alga_seed_find_user (self->data, key->user_id) : NULL;

  if (key == NULL || !key->active || (key->expires_at != 0 && key->expires_at <= g_get_real_time ()) ||
      user == NULL || user->is_inactive ||
      (tenant != NULL && g_strcmp0 (tenant, self->data->tenant_id) != 0))
    {
      alga_test_reply_error (call->msg, 401, "UNAUTHORIZED", "Invalid API key", NULL);
      return FALSE;
    }
  call->user = user;
  return TRUE;
}

/* Answers 403 like the real server when the caller's role lacks the route's permission. */
static gboolean
check_permission (AlgaTestCall *call,
                  const Route  *route)
{
  AlgaTestRole role = alga_test_user_role (call->data, call->user);

  for (guint i = 0; i < G_N_ELEMENTS (route_permissions); i++)
    if (g_str_equal (route_permissions[i].method, route->method) &&
        g_str_equal (route_permissions[i].pattern, route->pattern) &&
        !alga_test_role_may (role, route_permissions[i].permission))
      {
        alga_test_reply_error (call->msg, 403, "FORBIDDEN", route_permissions[i].refusal, NULL);
        return FALSE;
      }
  return TRUE;
}

static void
reply_options (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, 204, NULL);
  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", "*");
  soup_message_headers_replace (headers, "Access-Control-Allow-Methods", "GET,POST,PUT,PATCH,DELETE,OPTIONS");
  soup_message_headers_replace (headers, "Access-Control-Allow-Headers",
                                "Content-Type,Authorization,X-API-Key,X-Tenant-ID,X-Request-ID,X-Idempotency-Key");
  soup_message_headers_replace (headers, "Access-Control-Max-Age", "86400");
}

static void
dispatch (AlgaTestServer    *self,
          SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  const char *raw_query = g_uri_get_query (uri);
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *api_key = soup_message_headers_get_one (headers, "x-api-key");
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GHashTable) query = NULL;
  gboolean path_known;
  const Route *route;
  AlgaTestCall call = { 0 };
  double remaining = 0;
  guint limit = 0;

  if (api_key != NULL && api_key[0] == '\0')
    api_key = NULL;
  query = raw_query != NULL ? soup_form_decode (raw_query)
                            : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (g_str_has_prefix (path, "/api/") && g_str_equal (method, "OPTIONS"))
    {
      reply_options (msg);
      return;
    }

  /* The Next.js middleware checks only the presence of a key, before any routing. */
  if (g_str_has_prefix (path, "/api/") && !g_str_has_prefix (path, "/api/v1/mobile/auth/") &&
      !g_str_has_prefix (path, "/api/auth/") && api_key == NULL)
    {
      alga_test_reply_string_error (msg, 401, "Unauthorized: API key missing");
      return;
    }

  route = find_route (method, segments, &path_known);
  if (!path_known)
    {
      alga_test_reply_html_404 (msg);
      return;
    }
  if (route == NULL)
    {
      soup_server_message_set_status (msg, 405, NULL);
      return;
    }

  call.self = self;
  call.data = self->data;
  call.msg = msg;
  call.method = method;
  call.path = path;
  call.segments = segments;
  call.query = query;
  call.api_key = api_key;

  if ((route->flags & ROUTE_AUTH) != 0 && !authenticate (&call))
    return;
  if ((route->flags & ROUTE_RATE_LIMIT) != 0)
    {
      gint64 retry_ms = 0;

      if (!take_token (self, api_key, &remaining, &limit, &retry_ms))
        {
          reply_rate_limited (msg, limit, retry_ms);
          return;
        }
    }

  if ((route->flags & ROUTE_AUTH) != 0 && !check_permission (&call, route))
    return;

  route->func (&call);

  if ((route->flags & ROUTE_RATE_HEADERS) != 0 && SOUP_STATUS_IS_SUCCESSFUL (soup_server_message_get_status (msg)))
    set_rate_headers (msg, limit, remaining);
}

/* Faults ----------------------------------------------------------------------------------- */

typedef struct
{
  GIOStream    *stream;
  GBytes       *head;      /* status line and headers */
  GBytes       *body;      /* written at once after the head; may be NULL */
  gsize         offset;
  guint         delay_ms;
  gsize         huge_left; /* HUGE_BODY bytes still to generate */
  gboolean      huge_started;
} RawWrite;

static void
raw_write_free (RawWrite *w)
{
  g_io_stream_close (w->stream, NULL, NULL);
  g_object_unref (w->stream);
  g_clear_pointer (&w->head, g_bytes_unref);
  g_clear_pointer (&w->body, g_bytes_unref);
  g_free (w);
}

static GBytes *
raw_head (guint               status,
          SoupMessageHeaders *headers,
          gsize               content_length)
{
  GString *head = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  if (headers != NULL)
    {
      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
            g_ascii_strcasecmp (name, "Transfer-Encoding") != 0 &&
            g_ascii_strcasecmp (name, "Connection") != 0)
          g_string_append_printf (head, "%s: %s\r\n", name, value);
    }
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n", content_length);
  g_string_append (head, "Connection: close\r\n\r\n");
  return g_string_free_to_bytes (head);
}

static void huge_write_next (RawWrite *w);

static void
huge_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RawWrite *w = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      raw_write_free (w);
      return;
    }
  huge_write_next (w);
}

/* Streams {"data":"xxx…"} of exactly the announced size, a chunk at a time, so that a huge
 * body never sits in memory. */
static void
huge_write_next (RawWrite *w)
{
  GOutputStream *out = g_io_stream_get_output_stream (w->stream);
  GString *chunk;
  gsize n;

  if (w->huge_left == 0 && w->huge_started)
    {
      raw_write_free (w);
      return;
    }

  chunk = g_string_sized_new (65536 + 16);
  if (!w->huge_started)
    {
      g_string_append (chunk, "{\"data\":\"");
      w->huge_started = TRUE;
    }
  n = MIN (w->huge_left, 65536);
  for (gsize i = 0; i < n; i++)
    g_string_append_c (chunk, 'x');
  w->huge_left -= n;
  if (w->huge_left == 0)
    g_string_append (chunk, "\"}");
  /* The data must outlive the write: park it on the stream until the next chunk. */
  g_object_set_data_full (G_OBJECT (w->stream), "chunk", chunk->str, g_free);
  g_output_stream_write_all_async (out, chunk->str, chunk->len, G_PRIORITY_DEFAULT, NULL,
                                   huge_written_cb, w);
  g_string_free (chunk, FALSE);
}

static gboolean
slow_write_cb (gpointer user_data)
{
  RawWrite *w = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (w->stream);
  gsize len;
  const char *head = g_bytes_get_data (w->head, &len);

  if (w->offset < len)
    {
      if (g_output_stream_write (out, head + w->offset, 1, NULL, NULL) != 1)
        {
          raw_write_free (w);
          return G_SOURCE_REMOVE;
        }
      w->offset++;
      return G_SOURCE_CONTINUE;
    }
  if (w->body != NULL)
    g_output_stream_write_all (out, g_bytes_get_data (w->body, NULL), g_bytes_get_size (w->body),
                               NULL, NULL, NULL);
  raw_write_free (w);
  return G_SOURCE_REMOVE;
}

static RawWrite *
steal (SoupServerMessage *msg)
{
  RawWrite *w = g_new0 (RawWrite, 1);

  w->stream = soup_server_message_steal_connection (msg);
  return w;
}

static GBytes *
response_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_message_body_complete (body);
  return soup_message_body_flatten (body);
}

static void
apply_fault (AlgaTestServer    *self,
             SoupServerMessage *msg,
             const AlgaTestFault *fault,
             AlgaTestRequest   *record);

typedef struct
{
  AlgaTestServer    *self;
  SoupServerMessage *msg;
  AlgaTestRequest   *record;
} Delayed;

/* The record may be gone if the test cleared the requests meanwhile. */
static void
set_record_status (AlgaTestServer  *self,
                   AlgaTestRequest *record,
                   guint            status)
{
  g_mutex_lock (&self->lock);
  if (g_ptr_array_find (self->requests, record, NULL))
    record->status = status;
  g_mutex_unlock (&self->lock);
}

static void
delayed_free (gpointer user_data)
{
  Delayed *d = user_data;

  g_object_unref (d->msg);
  g_free (d);
}

/* The source holds no reference on the server: stopping it drops pending delayed answers. */
static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *d = user_data;

  g_mutex_lock (&d->self->lock);
  dispatch (d->self, d->msg);
  if (g_ptr_array_find (d->self->requests, d->record, NULL))
    d->record->status = soup_server_message_get_status (d->msg);
  g_mutex_unlock (&d->self->lock);
  soup_server_message_unpause (d->msg);
  return G_SOURCE_REMOVE;
}

static void
apply_fault (AlgaTestServer    *self,
             SoupServerMessage *msg,
             const AlgaTestFault *fault,
             AlgaTestRequest   *record)
{
  RawWrite *w;
  g_autoptr(GBytes) body = NULL;
  gsize len;

  switch (fault->kind)
    {
    case ALGA_TEST_FAULT_STATUS:
      soup_server_message_set_status (msg, fault->status, NULL);
      if (fault->body != NULL)
        soup_server_message_set_response (msg, fault->content_type ? fault->content_type : "application/json",
                                          SOUP_MEMORY_COPY, fault->body, strlen (fault->body));
      if (fault->retry_after != 0)
        {
          g_autofree char *value = g_strdup_printf ("%u", fault->retry_after);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
        }
      set_record_status (self, record, fault->status);
      break;

    case ALGA_TEST_FAULT_DELAY:
      {
        Delayed *d = g_new0 (Delayed, 1);
        GSource *source = g_timeout_source_new (fault->delay_ms);

        d->self = self;
        d->msg = g_object_ref (msg);
        d->record = record;
        soup_server_message_pause (msg);
        g_source_set_callback (source, delayed_cb, d, delayed_free);
        g_source_attach (source, self->context);
        g_source_unref (source);
      }
      break;

    case ALGA_TEST_FAULT_DROP:
      set_record_status (self, record, 0);
      raw_write_free (steal (msg));
      break;

    case ALGA_TEST_FAULT_TRUNCATE:
    case ALGA_TEST_FAULT_SLOW_HEADERS:
      g_mutex_lock (&self->lock);
      dispatch (self, msg);
      g_mutex_unlock (&self->lock);
      set_record_status (self, record, soup_server_message_get_status (msg));
      body = response_body (msg);
      len = g_bytes_get_size (body);
      {
        g_autoptr(GBytes) head = raw_head (soup_server_message_get_status (msg), soup_server_message_get_response_headers (msg), len);

        w = steal (msg);
        if (fault->kind == ALGA_TEST_FAULT_TRUNCATE)
          {
            GOutputStream *out = g_io_stream_get_output_stream (w->stream);

            g_output_stream_write_all (out, g_bytes_get_data (head, NULL), g_bytes_get_size (head),
                                       NULL, NULL, NULL);
            g_output_stream_write_all (out, g_bytes_get_data (body, NULL), len / 2, NULL, NULL, NULL);
            g_output_stream_flush (out, NULL, NULL);
            raw_write_free (w);
          }
        else
          {
            GSource *source = g_timeout_source_new (MAX (fault->delay_ms, 1));

            w->head = g_bytes_ref (head);
            w->body = g_bytes_ref (body);
            g_source_set_callback (source, slow_write_cb, w, NULL);
            g_source_attach (source, self->context);
            g_source_unref (source);
          }
      }
      break;

    case ALGA_TEST_FAULT_HUGE_BODY:
      {
        SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
        g_autoptr(GBytes) head = NULL;

        soup_message_headers_replace (headers, "Content-Type", "application/json");
        head = raw_head (200, headers, MAX (fault->size, 16));
        soup_message_headers_unref (headers);
        set_record_status (self, record, 200);
        w = steal (msg);
        w->huge_left = MAX (fault->size, 16) - 11;
        g_output_stream_write_all (g_io_stream_get_output_stream (w->stream),
                                   g_bytes_get_data (head, NULL), g_bytes_get_size (head),
                                   NULL, NULL, NULL);
        huge_write_next (w);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  AlgaTestServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  AlgaTestRequest *record = g_new0 (AlgaTestRequest, 1);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  AlgaTestFault hit = { 0 };
  gboolean have_hit = FALSE;

  record->method = g_strdup (method);
  record->path = g_strdup (path);
  record->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  if (g_bytes_get_size (body) > 0)
    record->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  record->api_key = g_strdup (soup_message_headers_get_one (headers, "x-api-key"));
  record->tenant_id = g_strdup (soup_message_headers_get_one (headers, "x-tenant-id"));

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, record);
  for (guint i = 0; i < self->faults->len; i++)
    {
      AlgaTestFaultEntry *f = g_ptr_array_index (self->faults, i);

      if ((f->method == NULL || g_ascii_strcasecmp (f->method, method) == 0) &&
          g_pattern_spec_match_string (f->pattern, path))
        {
          hit = f->fault;
          hit.body = g_strdup (f->fault.body);
          hit.content_type = g_strdup (f->fault.content_type);
          have_hit = TRUE;
          if (f->left > 0 && --f->left == 0)
            g_ptr_array_remove_index (self->faults, i);
          break;
        }
    }
  if (!have_hit)
    {
      dispatch (self, msg);
      record->status = soup_server_message_get_status (msg);
    }
  g_mutex_unlock (&self->lock);

  if (have_hit)
    {
      apply_fault (self, msg, &hit, record);
      g_free ((char *) hit.body);
      g_free ((char *) hit.content_type);
    }
}

/* Changes shared by the routes and the public API ----------------------------------------- */

void
alga_test_ticket_touch (AlgaTestCall   *call,
                        AlgaSeedTicket *ticket)
{
  ticket->updated_at = g_get_real_time () / 1000 * 1000;
  g_free (ticket->updated_by);
  ticket->updated_by = g_strdup (call->user->id);
}

void
alga_test_ticket_set_assignee (AlgaSeedData   *data,
                               AlgaSeedTicket *ticket,
                               const char     *assignee_id,
                               const char     *by_user_id)
{
  gboolean changed = g_strcmp0 (ticket->assigned_to, assignee_id) != 0;
  const AlgaSeedUser *actor = alga_seed_find_user (data, by_user_id);
  g_autofree char *actor_name = alga_seed_user_name (actor);
  g_autofree char *message = NULL;

  g_free (ticket->assigned_to);
  ticket->assigned_to = g_strdup (assignee_id);
  ticket->updated_at = g_get_real_time () / 1000 * 1000;
  g_free (ticket->updated_by);
  ticket->updated_by = g_strdup (by_user_id);
  if (!changed || assignee_id == NULL)
    return;

  message = g_strdup_printf ("%s assigned %s “%s” to you", actor_name ? actor_name : "Someone",
                             ticket->number, ticket->title ? ticket->title : "");
  alga_seed_add_activity (data, ticket, assignee_id, by_user_id, "Ticket assigned", message);
}

guint
alga_test_query_uint (AlgaTestCall *call,
                      JsonArray    *issues,
                      const char   *name,
                      guint         fallback,
                      guint         min,
                      guint         max)
{
  const char *text = g_hash_table_lookup (call->query, name);
  char *end = NULL;
  gint64 value;
  JsonObject *issue;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text)
    {
      issue = alga_test_issue_add (issues, "invalid_type", name, "Expected number, received nan");
      json_object_set_string_member (issue, "expected", "number");
      json_object_set_string_member (issue, "received", "nan");
      return fallback;
    }
  if (value < min || value > max)
    {
      g_autofree char *message = NULL;
      gboolean small = value < min;

      message = g_strdup_printf (small ? "Number must be greater than or equal to %u"
                                       : "Number must be less than or equal to %u", small ? min : max);
      issue = alga_test_issue_add (issues, small ? "too_small" : "too_big", name, message);
      json_object_set_int_member (issue, small ? "minimum" : "maximum", small ? min : max);
      json_object_set_string_member (issue, "type", "number");
      json_object_set_boolean_member (issue, "inclusive", TRUE);
      json_object_set_boolean_member (issue, "exact", FALSE);
      /* Zod puts code first and message after the bounds. */
      json_object_remove_member (issue, "message");
      json_object_remove_member (issue, "path");
      json_object_set_string_member (issue, "message", message);
      {
        JsonArray *path = json_array_new ();

        json_array_add_string_element (path, name);
        json_object_set_array_member (issue, "path", path);
      }
      return fallback;
    }
  return (guint) value;
}

/* Lifecycle -------------------------------------------------------------------------------- */

static gpointer
server_thread (gpointer user_data)
{
  AlgaTestServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("server-header", "alga-test-server", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  if (soup_server_listen_local (self->server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      uris = soup_server_get_uris (self->server);
      self->port = g_uri_get_port (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->lock);
  self->start_error = g_steal_pointer (&error);
  self->started = TRUE;
  g_cond_signal (&self->started_cond);
  g_mutex_unlock (&self->lock);

  if (self->start_error == NULL)
    g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let the closed connections finish on this context before it goes away. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
alga_test_server_stop (AlgaTestServer *self)
{
  GSource *source;

  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  if (self->thread == NULL)
    return;
  source = g_idle_source_new ();
  g_source_set_callback (source, quit_cb, self->loop, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
  g_thread_join (g_steal_pointer (&self->thread));
}

static void
alga_test_server_finalize (GObject *object)
{
  AlgaTestServer *self = ALGA_TEST_SERVER (object);

  alga_test_server_stop (self);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->start_error);
  g_free (self->url);
  g_free (self->browser_user_id);
  alga_seed_data_free (self->data);
  g_hash_table_unref (self->buckets);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->api_keys);
  g_ptr_array_unref (self->otts);
  g_ptr_array_unref (self->refresh_tokens);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->started_cond);

  G_OBJECT_CLASS (alga_test_server_parent_class)->finalize (object);
}

static void
alga_test_server_class_init (AlgaTestServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alga_test_server_finalize;
}

static void
alga_test_server_init (AlgaTestServer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->started_cond);
  self->access_ttl = 28800;
  self->refresh_ttl = 2592000;
  self->ott_ttl = 60;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->faults = g_ptr_array_new_with_free_func (alga_test_fault_entry_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) alga_test_request_free);
  self->api_keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, alga_test_api_key_free);
  self->otts = g_ptr_array_new_with_free_func (alga_test_ott_free);
  self->refresh_tokens = g_ptr_array_new_with_free_func (alga_test_refresh_token_free);
}

AlgaTestServer *
alga_test_server_new (void)
{
  g_autoptr(GError) error = NULL;
  AlgaTestServer *self = alga_test_server_new_full (1, 500, ALGA_TEST_EDITION_ENTERPRISE, 0, &error);

  if (self == NULL)
    g_error ("Cannot start the test server: %s", error->message);
  return self;
}

AlgaTestServer *
alga_test_server_new_full (guint             seed,
                           guint             n_tickets,
                           AlgaTestEdition   edition,
                           guint             port,
                           GError          **error)
{
  g_autoptr(AlgaTestServer) self = g_object_new (ALGA_TYPE_TEST_SERVER, NULL);
  AlgaTestApiKey *key;

  self->data = alga_seed_data_new (seed, n_tickets);
  self->edition = edition;
  self->port = port;
  self->browser_user_id = g_strdup (self->data->me_id);
  /* Tests see everything unless they ask for a role: see alga_test_server_set_role(). */
  {
    AlgaSeedUser *me = (AlgaSeedUser *) alga_seed_find_user (self->data, self->data->me_id);

    g_free (me->role_id);
    me->role_id = g_strdup (((AlgaSeedNamed *) g_ptr_array_index (self->data->roles, 0))->id);
  }
  /* The demo key is a plain personal key, made in the web, that never expires. */
  key = g_new0 (AlgaTestApiKey, 1);
  key->key = g_strdup (self->data->demo_api_key);
  key->user_id = g_strdup (self->data->me_id);
  key->active = TRUE;
  g_hash_table_insert (self->api_keys, key->key, key);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("alga-test-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->started_cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      return NULL;
    }
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return g_steal_pointer (&self);
}
