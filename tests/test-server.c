/* test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo/test server's rules (docs/API.md, as the real server answered), one test each, over
 * real HTTP.
 */

#include "config.h"

#include <string.h>

#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

typedef struct
{
  AlgaTestServer *server;
  SoupSession    *session;
  const char     *key;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->server = alga_test_server_new_full (3, 120, ALGA_TEST_EDITION_ENTERPRISE, 0, &error);
  g_assert_no_error (error);
  f->session = soup_session_new ();
  f->key = alga_test_server_get_api_key (f->server);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_object (&f->session);
  g_assert_finalize_object (f->server);
}

static AlgaTestResponse *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *key,
      const char *body)
{
  g_autofree char *url = g_strconcat (alga_test_server_get_url (f->server), path, NULL);

  return alga_test_http (f->session, method, url, key, body, NULL);
}

static AlgaTestResponse *
get (Fixture    *f,
     const char *path)
{
  return call (f, "GET", path, f->key, NULL);
}

static const char *
error_code (AlgaTestResponse *r)
{
  return alga_test_json_string (r->json, "error.code");
}

static const char *
error_message (AlgaTestResponse *r)
{
  return alga_test_json_string (r->json, "error.message");
}

static char *
ticket_path (const char *id,
             const char *suffix)
{
  return g_strdup_printf ("/api/v1/tickets/%s%s", id, suffix != NULL ? suffix : "");
}

/* Lifecycle -------------------------------------------------------------------------------- */

static void
test_lifecycle_deterministic (void)
{
  g_autoptr(AlgaTestServer) a = alga_test_server_new_full (5, 30, ALGA_TEST_EDITION_COMMUNITY, 0, NULL);
  g_autoptr(AlgaTestServer) b = alga_test_server_new_full (5, 30, ALGA_TEST_EDITION_COMMUNITY, 0, NULL);
  g_autoptr(AlgaTestServer) c = alga_test_server_new_full (6, 30, ALGA_TEST_EDITION_COMMUNITY, 0, NULL);

  g_assert_cmpstr (alga_test_server_get_api_key (a), ==, alga_test_server_get_api_key (b));
  g_assert_cmpstr (alga_test_server_get_tenant_id (a), ==, alga_test_server_get_tenant_id (b));
  g_assert_cmpstr (alga_test_server_get_user_id (a), ==, alga_test_server_get_user_id (b));
  g_assert_cmpstr (alga_test_server_get_other_user_id (a), ==, alga_test_server_get_other_user_id (b));
  g_assert_cmpstr (alga_test_server_get_my_ticket_id (a), ==, alga_test_server_get_my_ticket_id (b));
  g_assert_cmpstr (alga_test_server_get_api_key (a), !=, alga_test_server_get_api_key (c));
  g_assert_cmpstr (alga_test_server_get_url (a), !=, alga_test_server_get_url (b));
  g_assert_cmpuint (strlen (alga_test_server_get_api_key (a)), ==, 64);
  g_assert_true (g_str_has_suffix (alga_test_server_get_user_email (a), "@example.com"));
  alga_test_server_stop (a);
  alga_test_server_stop (a);
}

static void
test_lifecycle_demo_binary (void)
{
  const char *root = g_getenv ("ALGA_BUILD_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL, *key = NULL, *email = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(AlgaTestResponse) r = NULL;
  g_autofree char *tickets = NULL;

  if (root == NULL)
    {
      g_test_skip ("ALGA_BUILD_ROOT is not set");
      return;
    }
  path = g_build_filename (root, "tests", "server", "alga-demo-server", NULL);
  launcher = alga_test_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  process = g_subprocess_launcher_spawn (launcher, &error, path, "--port", "0", "--seed", "2",
                                         "--tickets", "40", "--edition", "ce", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  url = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  key = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  email = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "URL=http://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (key, "API_KEY=") && strlen (key) == 8 + 64);
  g_assert_true (g_str_has_prefix (email, "USER_EMAIL="));

  tickets = g_strdup_printf ("%s/api/v1/tickets?limit=1", url + 4);
  r = alga_test_http (session, "GET", tickets, key + 8, NULL, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (alga_test_json_int (r->json, "pagination.total"), ==, 40);

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

/* Keys and routes -------------------------------------------------------------------------- */

static void
test_auth_middleware (Fixture *f, gconstpointer d)
{
  static const char *paths[] = { "/api/v1/tickets", "/api/v1/nonexistent", "/api/v1/users/search" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(AlgaTestResponse) r = call (f, "GET", paths[i], NULL, NULL);

      g_assert_cmpuint (r->status, ==, 401);
      g_assert_cmpstr (alga_test_json_string (r->json, "error"), ==, "Unauthorized: API key missing");
    }
  {
    g_autoptr(AlgaTestResponse) r = call (f, "GET", "/api/v1/mobile/auth/capabilities", NULL, NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }
}

static void
test_auth_bad_keys (Fixture *f, gconstpointer d)
{
  g_autofree char *url = g_strconcat (alga_test_server_get_url (f->server), "/api/v1/tickets?limit=1", NULL);
  g_autoptr(AlgaTestResponse) wrong = call (f, "GET", "/api/v1/tickets", "00ff", NULL);
  g_autoptr(AlgaTestResponse) other = alga_test_http (f->session, "GET", url, f->key, NULL,
                                                      "x-tenant-id", "11111111-2222-4333-8444-555555555555", NULL);
  g_autoptr(AlgaTestResponse) same = alga_test_http (f->session, "GET", url, f->key, NULL,
                                                     "x-tenant-id", alga_test_server_get_tenant_id (f->server), NULL);
  g_autofree char *new_key = alga_test_server_create_api_key (f->server, alga_test_server_get_other_user_id (f->server));
  g_autoptr(AlgaTestResponse) created = call (f, "GET", "/api/v1/tickets?limit=1", new_key, NULL);

  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpstr (error_code (wrong), ==, "UNAUTHORIZED");
  g_assert_cmpstr (error_message (wrong), ==, "Invalid API key");
  g_assert_cmpuint (other->status, ==, 401);
  g_assert_cmpstr (error_message (other), ==, "Invalid API key");
  g_assert_cmpuint (same->status, ==, 200);
  g_assert_cmpuint (created->status, ==, 200);
  g_assert_null (alga_test_server_create_api_key (f->server, "no-such-user"));
}

static void
test_routes_unknown_and_method (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) unknown = get (f, "/api/v1/nonexistent");
  g_autofree char *path = ticket_path (alga_test_server_get_my_ticket_id (f->server), NULL);
  g_autoptr(AlgaTestResponse) patch = call (f, "PATCH", path, f->key, NULL);
  g_autoptr(AlgaTestResponse) post_stats = call (f, "POST", "/api/v1/tickets/stats", f->key, "{}");
  g_autoptr(AlgaTestResponse) options = call (f, "OPTIONS", "/api/v1/tickets", NULL, NULL);

  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (unknown->headers, "Content-Type"), "text/html"));
  g_assert_cmpuint (patch->status, ==, 405);
  g_assert_cmpuint (patch->length, ==, 0);
  g_assert_cmpuint (post_stats->status, ==, 405);
  g_assert_cmpuint (options->status, ==, 204);
}

/* Ticket list ------------------------------------------------------------------------------ */

static void
assert_query_issue (Fixture    *f,
                    const char *path,
                    const char *issue_code,
                    const char *param)
{
  g_autoptr(AlgaTestResponse) r = get (f, path);

  g_assert_cmpuint (r->status, ==, 400);
  g_assert_cmpstr (error_code (r), ==, "VALIDATION_ERROR");
  g_assert_cmpstr (error_message (r), ==, "Query validation failed");
  g_assert_cmpstr (alga_test_json_string (r->json, "error.details.0.code"), ==, issue_code);
  g_assert_cmpstr (alga_test_json_string (r->json, "error.details.0.path.0"), ==, param);
}

static void
test_list_limit_bounds (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) hundred = get (f, "/api/v1/tickets?limit=100");
  g_autoptr(AlgaTestResponse) deflt = get (f, "/api/v1/tickets");

  assert_query_issue (f, "/api/v1/tickets?limit=0", "too_small", "limit");
  assert_query_issue (f, "/api/v1/tickets?limit=101", "too_big", "limit");
  assert_query_issue (f, "/api/v1/tickets?limit=abc", "invalid_type", "limit");
  assert_query_issue (f, "/api/v1/tickets?page=0", "too_small", "page");
  assert_query_issue (f, "/api/v1/tickets?order=up", "invalid_enum_value", "order");
  g_assert_cmpuint (hundred->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (alga_test_json_at (hundred->json, "data"))), ==, 100);
  g_assert_cmpint (alga_test_json_int (deflt->json, "pagination.limit"), ==, 25);
  g_assert_cmpint (alga_test_json_int (deflt->json, "pagination.totalPages"), ==, 5);
  g_assert_true (json_node_get_boolean (alga_test_json_at (deflt->json, "pagination.hasNext")));
}

static void
test_list_page_beyond (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) r = get (f, "/api/v1/tickets?page=99");

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (alga_test_json_at (r->json, "data"))), ==, 0);
  g_assert_true (json_node_get_boolean (alga_test_json_at (r->json, "pagination.hasPrev")));
  g_assert_false (json_node_get_boolean (alga_test_json_at (r->json, "pagination.hasNext")));
  g_assert_cmpint (alga_test_json_int (r->json, "pagination.totalPages"), ==, 5);
}

static void
test_list_booleans (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) all = get (f, "/api/v1/tickets?limit=1");
  g_autoptr(AlgaTestResponse) open = get (f, "/api/v1/tickets?limit=1&is_open=true");
  g_autoptr(AlgaTestResponse) closed = get (f, "/api/v1/tickets?limit=1&is_closed=true");
  g_autoptr(AlgaTestResponse) noop = get (f, "/api/v1/tickets?limit=1&is_open=false");
  g_autoptr(AlgaTestResponse) unassigned = get (f, "/api/v1/tickets?limit=100&has_assignment=false");
  gint64 total = alga_test_json_int (all->json, "pagination.total");
  JsonArray *items;

  assert_query_issue (f, "/api/v1/tickets?is_open=yes", "custom", "is_open");
  assert_query_issue (f, "/api/v1/tickets?has_assignment=1", "custom", "has_assignment");
  g_assert_cmpint (alga_test_json_int (open->json, "pagination.total") +
                   alga_test_json_int (closed->json, "pagination.total"), ==, total);
  g_assert_cmpint (alga_test_json_int (open->json, "pagination.total"), >, 0);
  g_assert_cmpint (alga_test_json_int (closed->json, "pagination.total"), >, 0);
  g_assert_false (json_node_get_boolean (alga_test_json_at (open->json, "data.0.status_is_closed")));
  g_assert_cmpint (alga_test_json_int (noop->json, "pagination.total"), ==, total);
  g_assert_false (json_node_get_boolean (alga_test_json_at (noop->json, "meta.filters.is_open")));
  items = json_node_get_array (alga_test_json_at (unassigned->json, "data"));
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_true (json_object_get_null_member (json_array_get_object_element (items, i), "assigned_to"));
}

static void
test_list_datetimes (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) z = get (f, "/api/v1/tickets?limit=1&updated_from=2000-01-01T00:00:00Z");
  g_autoptr(AlgaTestResponse) future = get (f, "/api/v1/tickets?limit=1&entered_from=2999-01-01T00:00:00.000Z");

  assert_query_issue (f, "/api/v1/tickets?updated_from=2026-01-01T00:00:00%2B02:00", "invalid_string", "updated_from");
  assert_query_issue (f, "/api/v1/tickets?updated_from=2026-01-01T00:00:00+02:00", "invalid_string", "updated_from");
  assert_query_issue (f, "/api/v1/tickets?closed_to=yesterday", "invalid_string", "closed_to");
  g_assert_cmpuint (z->status, ==, 200);
  g_assert_cmpint (alga_test_json_int (z->json, "pagination.total"), ==, 120);
  g_assert_cmpstr (alga_test_json_string (z->json, "meta.filters.updated_from"), ==, "2000-01-01T00:00:00Z");
  g_assert_cmpint (alga_test_json_int (future->json, "pagination.total"), ==, 0);
}

static void
test_list_sort (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) bogus = get (f, "/api/v1/tickets?sort=bogus");
  g_autoptr(AlgaTestResponse) name = get (f, "/api/v1/tickets?sort=assigned_to_name");
  g_autoptr(AlgaTestResponse) deflt = get (f, "/api/v1/tickets?limit=100");
  g_autoptr(AlgaTestResponse) closed_desc = get (f, "/api/v1/tickets?sort=closed_at&order=desc&limit=1");
  g_autoptr(AlgaTestResponse) closed_asc = get (f, "/api/v1/tickets?sort=closed_at&order=asc&limit=1");
  g_autoptr(AlgaTestResponse) title = get (f, "/api/v1/tickets?sort=title&order=asc&limit=100");
  JsonArray *items = json_node_get_array (alga_test_json_at (deflt->json, "data"));

  g_assert_cmpuint (bogus->status, ==, 500);
  g_assert_cmpstr (error_code (bogus), ==, "INTERNAL_CONFIGURATION");
  g_assert_cmpstr (error_message (bogus), ==, "The server is misconfigured for this operation. Please contact support.");
  g_assert_cmpuint (name->status, ==, 500);
  g_assert_cmpstr (alga_test_json_string (deflt->json, "meta.sort"), ==, "created_at");
  g_assert_cmpstr (alga_test_json_string (deflt->json, "meta.order"), ==, "desc");
  for (guint i = 1; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i - 1), "entered_at"), >=,
                     json_object_get_string_member (json_array_get_object_element (items, i), "entered_at"));
  /* NULLs first on DESC, last on ASC, as Postgres. */
  g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (closed_desc->json, "data.0.closed_at")));
  g_assert_false (JSON_NODE_HOLDS_NULL (alga_test_json_at (closed_asc->json, "data.0.closed_at")));
  items = json_node_get_array (alga_test_json_at (title->json, "data"));
  for (guint i = 1; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i - 1), "title"), <=,
                     json_object_get_string_member (json_array_get_object_element (items, i), "title"));
}

static char **
keys_of (JsonNode *object)
{
  g_autoptr(GList) members = json_object_get_members (json_node_get_object (object));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GList *l = members; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

static void
test_list_fields (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) mobile = get (f, "/api/v1/tickets?fields=mobile_list&limit=1");
  g_autoptr(AlgaTestResponse) subset = get (f, "/api/v1/tickets?fields=ticket_number&limit=1");
  g_autoptr(AlgaTestResponse) full = get (f, "/api/v1/tickets?limit=1");
  g_autoptr(AlgaTestResponse) bogus = get (f, "/api/v1/tickets?fields=bogus,title");
  g_autofree char *sample = alga_test_read_sample ("01_list_mobile.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) ours = keys_of (alga_test_json_at (mobile->json, "data.0"));
  g_auto(GStrv) theirs = NULL;
  g_auto(GStrv) sub = keys_of (alga_test_json_at (subset->json, "data.0"));
  g_auto(GStrv) all = keys_of (alga_test_json_at (full->json, "data.0"));
  const char *expected_sub[] = { "ticket_number", "ticket_id", "status_id", "entered_by", "assigned_to",
                                 "client_id", "board_id", "assigned_team_id", NULL };

  g_assert_true (json_parser_load_from_data (parser, sample, -1, NULL));
  theirs = keys_of (alga_test_json_at (json_parser_get_root (parser), "data.0"));
  /* Same keys in the same order. */
  g_assert_cmpstrv (ours, theirs);
  g_assert_cmpstrv (sub, expected_sub);
  g_assert_cmpuint (g_strv_length (all), ==, 60);
  g_assert_false (g_strv_contains ((const char * const *) all, "tags"));
  g_assert_cmpuint (bogus->status, ==, 400);
  g_assert_cmpstr (error_message (bogus), ==, "Unknown fields requested: bogus");
  g_assert_null (alga_test_json_at (bogus->json, "error.details"));
}

static gint64
total_of (Fixture    *f,
          const char *path)
{
  g_autoptr(AlgaTestResponse) r = get (f, path);

  g_assert_cmpuint (r->status, ==, 200);
  return alga_test_json_int (r->json, "pagination.total");
}

static void
test_list_filters (Fixture *f, gconstpointer d)
{
  g_autofree char *mine = g_strdup_printf ("/api/v1/tickets?limit=100&assigned_to=%s&is_open=true",
                                           alga_test_server_get_user_id (f->server));
  g_autoptr(AlgaTestResponse) r = get (f, mine);
  g_autoptr(AlgaTestResponse) first = get (f, "/api/v1/tickets?limit=1&fields=mobile_list");
  const char *status_id = alga_test_json_string (first->json, "data.0.status_id");
  const char *board_id = alga_test_json_string (first->json, "data.0.board_id");
  const char *tag = alga_test_json_string (first->json, "data.0.tags.0.tag_text");
  g_autofree char *upper_tag = g_ascii_strup (tag, -1);
  g_autofree char *by_status = g_strdup_printf ("/api/v1/tickets?status_ids=%s", status_id);
  g_autofree char *by_status_json = g_strdup_printf ("/api/v1/tickets?status_ids=%%5B%%22%s%%22%%5D", status_id);
  g_autofree char *by_board = g_strdup_printf ("/api/v1/tickets?board_id=%s", board_id);
  g_autofree char *by_tag = g_strdup_printf ("/api/v1/tickets?tags=%s,nothing-like-this", upper_tag);
  JsonArray *items = json_node_get_array (alga_test_json_at (r->json, "data"));

  g_assert_cmpuint (json_array_get_length (items), >=, 10);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i), "assigned_to"), ==,
                     alga_test_server_get_user_id (f->server));
  g_assert_cmpint (total_of (f, by_status), >, 0);
  g_assert_cmpint (total_of (f, by_status), ==, total_of (f, by_status_json));
  g_assert_cmpint (total_of (f, by_board), <, 120);
  g_assert_cmpint (total_of (f, by_tag), >, 0);
  g_assert_cmpint (total_of (f, "/api/v1/tickets?search=VPN"), ==, total_of (f, "/api/v1/tickets?search=vpn"));
  g_assert_cmpint (total_of (f, "/api/v1/tickets?search=vpn"), >, 0);
  g_assert_cmpint (total_of (f, "/api/v1/tickets?search=TIC0010"), >, 0);
  g_assert_cmpint (total_of (f, "/api/v1/tickets?priority_name=P1%20-%20Critical"), >, 0);
  g_assert_cmpint (total_of (f, "/api/v1/tickets?priority_name=p1%20-%20critical"), ==, 0);
  assert_query_issue (f, "/api/v1/tickets?assigned_to=me", "invalid_string", "assigned_to");
}

/* Stats, detail ---------------------------------------------------------------------------- */

static void
test_stats (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) r = get (f, "/api/v1/tickets/stats");
  gint64 unassigned = total_of (f, "/api/v1/tickets?has_assignment=false");

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (alga_test_json_int (r->json, "data.total_tickets"), ==, 120);
  g_assert_cmpint (alga_test_json_int (r->json, "data.overdue_tickets"), ==, 0);
  g_assert_cmpint (alga_test_json_int (r->json, "data.open_tickets") + alga_test_json_int (r->json, "data.closed_tickets"), ==, 120);
  /* Closed tickets count as unassigned too. */
  g_assert_cmpint (alga_test_json_int (r->json, "data.unassigned_tickets"), ==, unassigned);
  g_assert_null (soup_message_headers_get_one (r->headers, "X-RateLimit-Limit"));
}

static void
test_detail (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) bad = get (f, "/api/v1/tickets/not-a-uuid");
  g_autoptr(AlgaTestResponse) missing = get (f, "/api/v1/tickets/0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c");
  g_autofree char *path = ticket_path (alga_test_server_get_my_ticket_id (f->server), NULL);
  g_autoptr(AlgaTestResponse) r = get (f, path);
  g_auto(GStrv) keys = keys_of (alga_test_json_at (r->json, "data"));

  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpstr (error_message (bad), ==, "Invalid ticket ID format");
  g_assert_null (alga_test_json_at (bad->json, "error.details"));
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (error_message (missing), ==, "ticket not found");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (g_strv_length (keys), ==, 66);
  g_assert_true (g_str_has_prefix (alga_test_json_string (r->json, "data.description_html"), "<p>"));
  g_assert_nonnull (soup_message_headers_get_one (r->headers, "X-RateLimit-Remaining"));
}

/* Comments --------------------------------------------------------------------------------- */

static void
test_comments_get (Fixture *f, gconstpointer d)
{
  const char *t = alga_test_server_get_my_ticket_id (f->server);
  g_autofree char *base = ticket_path (t, "/comments");
  g_autofree char *bad = g_strconcat (base, "?limit=0&offset=-1", NULL);
  g_autofree char *desc = g_strconcat (base, "?order=desc&limit=1", NULL);
  g_autofree char *md = g_strconcat (base, "?content_format=markdown", NULL);
  g_autofree char *id1 = alga_test_server_add_comment (f->server, t, "first", FALSE, alga_test_server_get_other_user_id (f->server), NULL);
  g_autofree char *id2 = alga_test_server_add_comment (f->server, t, "second from the contact", FALSE, NULL, NULL);
  g_autoptr(AlgaTestResponse) r = get (f, bad);
  g_autoptr(AlgaTestResponse) last = get (f, desc);
  g_autoptr(AlgaTestResponse) all = get (f, base);
  g_autoptr(AlgaTestResponse) markdown = get (f, md);
  guint n = alga_test_server_count_comments (f->server, t);

  g_assert_cmpuint (r->status, ==, 400);
  g_assert_cmpstr (error_message (r), ==, "Validation failed");
  g_assert_cmpstr (alga_test_json_string (r->json, "error.details.0.message"), ==, "limit must be an integer between 1 and 200");
  g_assert_cmpstr (alga_test_json_string (r->json, "error.details.1.path.0"), ==, "offset");
  g_assert_cmpstr (alga_test_json_string (last->json, "data.0.comment_id"), ==, id2);
  g_assert_cmpstr (alga_test_json_string (last->json, "data.0.created_by_name"), !=, NULL);
  g_assert_nonnull (alga_test_json_string (last->json, "data.0.author_contact_id"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (alga_test_json_at (all->json, "data"))), ==, n);
  g_assert_null (alga_test_json_at (markdown->json, "data.0.comment_text"));
  g_assert_nonnull (alga_test_json_at (markdown->json, "data.0.markdown_content"));
  g_assert_nonnull (id1);
}

static AlgaTestResponse *
post_comment (Fixture    *f,
              const char *json)
{
  g_autofree char *path = ticket_path (alga_test_server_get_my_ticket_id (f->server), "/comments");

  return call (f, "POST", path, f->key, json);
}

static void
test_comments_post (Fixture *f, gconstpointer d)
{
  const char *t = alga_test_server_get_my_ticket_id (f->server);
  guint before = alga_test_server_count_comments (f->server, t);
  g_autoptr(AlgaTestResponse) plain = post_comment (f, "{\"comment_text\":\"a <b> c\\nline\",\"is_internal\":true}");
  g_autofree char *x5000 = g_strnfill (5000, 'x');
  g_autofree char *x5001 = g_strnfill (5001, 'x');
  g_autofree char *ok5000 = g_strdup_printf ("{\"comment_text\":\"%s\"}", x5000);
  g_autofree char *bad5001 = g_strdup_printf ("{\"comment_text\":\"%s\"}", x5001);
  g_autoptr(AlgaTestResponse) r5000 = post_comment (f, ok5000);
  g_autoptr(AlgaTestResponse) r5001 = post_comment (f, bad5001);
  g_autoptr(AlgaTestResponse) blank = post_comment (f, "{\"comment_text\":\"  \\n \"}");
  g_autoptr(AlgaTestResponse) broken = post_comment (f, "{\"comment_text\":");
  g_autoptr(AlgaTestResponse) blocknote = post_comment (f,
    "{\"comment_text\":\"[{\\\"type\\\":\\\"paragraph\\\",\\\"content\\\":[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"Hi \\\",\\\"styles\\\":{}},"
    "{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"there\\\",\\\"styles\\\":{\\\"bold\\\":true}}]}]\"}");
  g_autoptr(AlgaTestResponse) empty_blocknote = post_comment (f, "{\"comment_text\":\"[{\\\"type\\\":\\\"paragraph\\\",\\\"content\\\":[]}]\"}");
  g_auto(GStrv) keys = keys_of (alga_test_json_at (plain->json, "data"));

  g_assert_cmpuint (plain->status, ==, 201);
  g_assert_cmpuint (g_strv_length (keys), ==, 33);
  g_assert_cmpstr (alga_test_json_string (plain->json, "data.comment_html"), ==, "<p>a &lt;b&gt; c\nline</p>");
  g_assert_cmpstr (alga_test_json_string (plain->json, "data.author_type"), ==, "unknown");
  g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (plain->json, "data.markdown_content")));
  g_assert_true (json_node_get_boolean (alga_test_json_at (plain->json, "data.is_internal")));
  g_assert_cmpuint (r5000->status, ==, 201);
  g_assert_cmpuint (r5001->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (r5001->json, "error.details.0.message"), ==, "Comment text is too long (max 5000 characters)");
  g_assert_cmpuint (blank->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (blank->json, "error.details.0.message"), ==, "Comment text is required");
  g_assert_cmpuint (broken->status, ==, 500);
  g_assert_cmpstr (error_code (broken), ==, "INTERNAL_ERROR");
  g_assert_cmpuint (blocknote->status, ==, 201);
  g_assert_cmpstr (alga_test_json_string (blocknote->json, "data.comment_html"), ==, "<p>Hi <strong>there</strong></p>");
  g_assert_cmpuint (empty_blocknote->status, ==, 400);
  g_assert_cmpuint (alga_test_server_count_comments (f->server, t), ==, before + 3);
  g_assert_null (soup_message_headers_get_one (plain->headers, "X-RateLimit-Limit"));
}

/* Statuses, assignment, priorities, update ------------------------------------------------- */

typedef struct
{
  char *board_id;
  char *other_open;     /* an open status of the ticket's board, not its current one */
  char *closed;         /* a closed status of the ticket's board */
  char *other_board;    /* a status of another board */
} Statuses;

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
find_statuses (Fixture    *f,
               const char *ticket_id,
               Statuses   *s)
{
  g_autofree char *path = ticket_path (ticket_id, NULL);
  g_autoptr(AlgaTestResponse) detail = get (f, path);
  g_autoptr(AlgaTestResponse) all = get (f, "/api/v1/tickets/statuses");
  JsonArray *items = json_node_get_array (alga_test_json_at (all->json, "data"));
  const char *current = alga_test_json_string (detail->json, "data.status_id");

  s->board_id = g_strdup (alga_test_json_string (detail->json, "data.board_id"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      const char *id = json_object_get_string_member (o, "status_id");

      if (!g_str_equal (json_object_get_string_member (o, "board_id"), s->board_id))
        set_str (&s->other_board, id);
      else if (json_object_get_boolean_member (o, "is_closed"))
        set_str (&s->closed, id);
      else if (!g_str_equal (id, current))
        set_str (&s->other_open, id);
    }
}

static void
statuses_clear (Statuses *s)
{
  g_free (s->board_id);
  g_free (s->other_open);
  g_free (s->closed);
  g_free (s->other_board);
}

static void
test_statuses (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) all = get (f, "/api/v1/tickets/statuses");
  g_autoptr(AlgaTestResponse) bad = get (f, "/api/v1/tickets/statuses?board_id=nope");
  const char *board = alga_test_json_string (all->json, "data.0.board_id");
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/statuses?board_id=%s", board);
  g_autoptr(AlgaTestResponse) one = get (f, path);
  JsonArray *items = json_node_get_array (alga_test_json_at (one->json, "data"));
  gboolean any_closed = FALSE, any_open = FALSE;

  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpstr (error_message (bad), ==, "Validation failed");
  g_assert_cmpstr (alga_test_json_string (bad->json, "error.details.0.validation"), ==, "uuid");
  g_assert_cmpuint (json_array_get_length (items), <, json_array_get_length (json_node_get_array (alga_test_json_at (all->json, "data"))));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);

      g_assert_cmpstr (json_object_get_string_member (o, "board_id"), ==, board);
      g_assert_cmpint (json_object_get_int_member (o, "order_number"), ==, i + 1);
      if (json_object_get_boolean_member (o, "is_closed"))
        any_closed = TRUE;
      else
        any_open = TRUE;
    }
  g_assert_true (any_closed && any_open);
}

static AlgaTestResponse *
put_json (Fixture    *f,
          const char *ticket_id,
          const char *suffix,
          const char *fmt,
          ...) G_GNUC_PRINTF (4, 5);

static AlgaTestResponse *
put_json (Fixture    *f,
          const char *ticket_id,
          const char *suffix,
          const char *fmt,
          ...)
{
  g_autofree char *path = ticket_path (ticket_id, suffix);
  g_autofree char *body = NULL;
  va_list args;

  va_start (args, fmt);
  body = g_strdup_vprintf (fmt, args);
  va_end (args);
  return call (f, "PUT", path, f->key, body);
}

static void
test_status_change (Fixture *f, gconstpointer d)
{
  const char *t = alga_test_server_get_unassigned_ticket_id (f->server);
  Statuses s = { 0 };
  g_autoptr(AlgaTestResponse) other = NULL;
  g_autoptr(AlgaTestResponse) same = NULL;
  g_autoptr(AlgaTestResponse) bad = NULL;
  g_autoptr(AlgaTestResponse) broken = NULL;

  find_statuses (f, t, &s);
  other = put_json (f, t, "/status", "{\"status_id\":\"%s\"}", s.other_board);
  g_assert_cmpuint (other->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (other->json, "error.details.0.message"), ==,
                   "Invalid status: selected status does not belong to the selected board");
  g_assert_null (alga_test_json_at (other->json, "error.details.0.code"));
  same = put_json (f, t, "/status", "{\"status_id\":\"%s\"}", s.other_open);
  g_assert_cmpuint (same->status, ==, 200);
  g_assert_cmpstr (alga_test_json_string (same->json, "data.status_id"), ==, s.other_open);
  g_assert_cmpstr (alga_test_json_string (same->json, "data.updated_by"), ==, alga_test_server_get_user_id (f->server));
  g_assert_nonnull (alga_test_json_string (same->json, "data.description_html"));
  bad = put_json (f, t, "/status", "{\"status_id\":\"nope\"}");
  g_assert_cmpuint (bad->status, ==, 400);
  broken = put_json (f, t, "/status", "{\"status_id\":");
  g_assert_cmpuint (broken->status, ==, 500);
  statuses_clear (&s);
}

/* Closes one ticket per board: on the board with the close rule it needs a resolution note. */
static void
test_status_close_rule (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) boards = get (f, "/api/v1/tickets?fields=mobile_list&is_open=true&limit=100");
  JsonArray *items = json_node_get_array (alga_test_json_at (boards->json, "data"));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint rules = 0, closed = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      const char *t = json_object_get_string_member (o, "ticket_id");
      const char *board = json_object_get_string_member (o, "board_id");
      Statuses s = { 0 };
      g_autoptr(AlgaTestResponse) r = NULL;

      if (g_hash_table_contains (seen, board))
        continue;
      g_hash_table_add (seen, (gpointer) board);
      find_statuses (f, t, &s);
      r = put_json (f, t, "/status", "{\"status_id\":\"%s\"}", s.closed);
      if (r->status == 400)
        {
          g_autoptr(AlgaTestResponse) note = NULL;
          g_autoptr(AlgaTestResponse) again = NULL;

          g_assert_cmpstr (error_message (r), ==, "Ticket close rules not satisfied");
          g_assert_cmpstr (alga_test_json_string (r->json, "error.details.0.path.0"), ==, "status_id");
          g_assert_nonnull (alga_test_json_string (r->json, "error.details.0.rule"));
          g_assert_nonnull (alga_test_json_string (r->json, "error.details.0.message"));
          note = put_json (f, t, NULL, "{\"attributes\":{\"resolution_note\":\"Replaced the cable\"}}");
          g_assert_cmpuint (note->status, ==, 200);
          again = put_json (f, t, "/status", "{\"status_id\":\"%s\"}", s.closed);
          g_assert_cmpuint (again->status, ==, 200);
          g_clear_pointer (&r, alga_test_response_free);
          r = g_steal_pointer (&again);
          rules++;
        }
      g_assert_cmpuint (r->status, ==, 200);
      /* The answer is the row from before the close fields were synced: stale. */
      g_assert_cmpstr (alga_test_json_string (r->json, "data.status_id"), ==, s.closed);
      g_assert_false (json_node_get_boolean (alga_test_json_at (r->json, "data.is_closed")));
      g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (r->json, "data.closed_at")));
      {
        g_autofree char *path = ticket_path (t, NULL);
        g_autoptr(AlgaTestResponse) detail = get (f, path);

        g_assert_true (json_node_get_boolean (alga_test_json_at (detail->json, "data.is_closed")));
        g_assert_nonnull (alga_test_json_string (detail->json, "data.closed_at"));
        g_assert_cmpstr (alga_test_json_string (detail->json, "data.closed_by"), ==,
                         alga_test_server_get_user_id (f->server));
      }
      {
        g_autoptr(AlgaTestResponse) reopen = put_json (f, t, "/status", "{\"status_id\":\"%s\"}", s.other_open);
        g_autofree char *path = ticket_path (t, NULL);
        g_autoptr(AlgaTestResponse) detail = NULL;

        g_assert_true (json_node_get_boolean (alga_test_json_at (reopen->json, "data.is_closed")));
        g_assert_nonnull (alga_test_json_string (reopen->json, "data.closed_at"));
        detail = get (f, path);
        g_assert_false (json_node_get_boolean (alga_test_json_at (detail->json, "data.is_closed")));
        g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (detail->json, "data.closed_at")));
      }
      closed++;
      statuses_clear (&s);
    }
  g_assert_cmpuint (closed, >=, 3);
  g_assert_cmpuint (rules, ==, 1);
}

static void
test_assignment (Fixture *f, gconstpointer d)
{
  const char *t = alga_test_server_get_my_ticket_id (f->server);
  const char *other = alga_test_server_get_other_user_id (f->server);
  g_autoptr(AlgaTestResponse) none = put_json (f, t, "/assignment", "{\"assigned_to\":null}");
  g_autoptr(AlgaTestResponse) unknown = put_json (f, t, "/assignment", "{\"assigned_to\":\"0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c\"}");
  g_autoptr(AlgaTestResponse) nope = put_json (f, t, "/assignment", "{\"assigned_to\":\"nope\"}");
  g_autoptr(AlgaTestResponse) real = put_json (f, t, "/assignment", "{\"assigned_to\":\"%s\"}", other);
  g_autoptr(AlgaTestResponse) broken = put_json (f, t, "/assignment", "{x");
  g_autofree char *json = alga_test_server_dup_ticket_json (f->server, t);

  g_assert_cmpuint (none->status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (none->json, "data.assigned_to")));
  g_assert_cmpuint (unknown->status, ==, 200);
  g_assert_cmpstr (alga_test_json_string (unknown->json, "data.assigned_to"), ==, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c");
  g_assert_cmpuint (nope->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (nope->json, "error.details.0.path.0"), ==, "assigned_to");
  g_assert_cmpuint (real->status, ==, 200);
  g_assert_cmpuint (broken->status, ==, 500);
  g_assert_cmpstr (error_message (broken), ==, "Expected property name or '}' in JSON at position 1");
  g_assert_nonnull (strstr (json, other));
}

static void
test_priorities (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) r = get (f, "/api/v1/tickets/priorities");
  JsonArray *items = json_node_get_array (alga_test_json_at (r->json, "data"));

  g_assert_cmpuint (json_array_get_length (items), ==, 9);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);

      g_assert_cmpuint (json_object_get_size (o), ==, 2);
      if (i > 0)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i - 1), "priority_name"), <,
                         json_object_get_string_member (o, "priority_name"));
    }
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-RateLimit-Limit"), ==, "120");
}

/* GET /api/v1/priorities: the same ids with colours and order, newest first unless sorted;
 * the tenant's own priorities beside the ITIL ones, which a board uses by its priority_type. */
static void
test_priorities_full (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) plain = get (f, "/api/v1/tickets/priorities");
  g_autoptr(AlgaTestResponse) sorted = get (f, "/api/v1/priorities?item_type=ticket&sort=order_number&order=asc&limit=100");
  g_autoptr(AlgaTestResponse) unsorted = get (f, "/api/v1/priorities?item_type=ticket&limit=100");
  g_autoptr(AlgaTestResponse) bogus = get (f, "/api/v1/priorities?item_type=bogus");
  g_autoptr(AlgaTestResponse) boards = get (f, "/api/v1/boards?limit=100");
  JsonArray *items = json_node_get_array (alga_test_json_at (sorted->json, "data"));
  JsonArray *board_items = json_node_get_array (alga_test_json_at (boards->json, "data"));
  guint itil = 0, custom = 0, itil_boards = 0;

  g_assert_cmpuint (sorted->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (items), ==,
                    json_array_get_length (json_node_get_array (alga_test_json_at (plain->json, "data"))));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      const char *color = json_object_get_string_member (o, "color");

      g_assert_cmpuint (json_object_get_size (o), ==, 11);
      g_assert_cmpuint (strlen (color), ==, 7);
      g_assert_cmpint (color[0], ==, '#');
      g_assert_cmpstr (json_object_get_string_member (o, "item_type"), ==, "ticket");
      if (i > 0)
        g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, i - 1), "order_number"), <,
                         json_object_get_int_member (o, "order_number"));
      if (json_object_get_boolean_member (o, "is_from_itil_standard"))
        {
          itil++;
          g_assert_cmpint (json_object_get_int_member (o, "itil_priority_level"), >=, 1);
        }
      else
        {
          custom++;
          g_assert_true (json_object_get_null_member (o, "itil_priority_level"));
          /* The tenant's own come before the ITIL ones (order 100 on). */
          g_assert_cmpuint (itil, ==, 0);
        }
    }
  g_assert_cmpuint (itil, >, 0);
  g_assert_cmpuint (custom, >, 0);
  g_assert_cmpstr (alga_test_json_string (sorted->json, "meta.sort"), ==, "order_number");
  /* By default the newest first: the ITIL ones, made last. */
  g_assert_true (json_node_get_boolean (alga_test_json_at (unsorted->json, "data.0.is_from_itil_standard")));
  g_assert_cmpuint (bogus->status, ==, 400);
  g_assert_cmpstr (error_message (bogus), ==, "Query validation failed");
  g_assert_cmpstr (alga_test_json_string (bogus->json, "error.details.0.code"), ==, "invalid_enum_value");

  for (guint i = 0; i < json_array_get_length (board_items); i++)
    {
      const char *type = json_object_get_string_member (json_array_get_object_element (board_items, i),
                                                        "priority_type");

      g_assert_true (g_str_equal (type, "custom") || g_str_equal (type, "itil"));
      itil_boards += g_str_equal (type, "itil");
    }
  g_assert_cmpuint (itil_boards, >, 0);
  g_assert_cmpuint (itil_boards, <, json_array_get_length (board_items));
}

/* The due_date column is the web UI's; the API neither writes nor clears it. */
static void
test_due_date_column (Fixture *f, gconstpointer d)
{
  const char *t = alga_test_server_get_my_ticket_id (f->server);
  g_autofree char *path = ticket_path (t, NULL);
  g_autoptr(GDateTime) due = g_date_time_new_utc (2031, 3, 14, 17, 0, 0);
  g_autoptr(AlgaTestResponse) before = get (f, path);
  g_autoptr(AlgaTestResponse) put = NULL;
  g_autoptr(AlgaTestResponse) after = NULL;

  g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (before->json, "data.due_date")));
  g_assert_true (alga_test_server_set_due_date (f->server, t, due, alga_test_server_get_other_user_id (f->server)));
  put = put_json (f, t, NULL, "{\"due_date\":null,\"attributes\":{\"due_date\":\"2030-01-01T17:00:00.000Z\"}}");
  g_assert_cmpuint (put->status, ==, 200);
  after = get (f, path);
  g_assert_cmpstr (alga_test_json_string (after->json, "data.due_date"), ==, "2031-03-14T17:00:00.000Z");
  g_assert_cmpstr (alga_test_json_string (after->json, "data.attributes.due_date"), ==, "2030-01-01T17:00:00.000Z");
}

/* attributes.watch_list is what the server e-mails; it keeps entries as sent. */
static void
test_watch_list (Fixture *f, gconstpointer d)
{
  const char *t = alga_test_server_get_my_ticket_id (f->server);
  g_autoptr(AlgaTestResponse) put = NULL;
  g_auto(GStrv) emails = NULL;

  put = put_json (f, t, NULL,
                  "{\"attributes\":{\"watcher_user_ids\":[\"%s\"],\"watch_list\":["
                  "{\"email\":\"tech@example.com\",\"active\":true,\"entity_type\":\"user\",\"entity_id\":\"%s\",\"source\":\"manual\"},"
                  "{\"email\":\"gone@example.com\",\"active\":false},"
                  "\"bare@example.com\",\"TECH@example.com\",42]}}",
                  alga_test_server_get_user_id (f->server), alga_test_server_get_user_id (f->server));
  g_assert_cmpuint (put->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (alga_test_json_at (put->json, "data.attributes.watch_list"))), ==, 5);
  emails = alga_test_server_dup_watch_list_emails (f->server, t);
  g_assert_cmpuint (g_strv_length (emails), ==, 2);
  g_assert_cmpstr (emails[0], ==, "tech@example.com");
  g_assert_cmpstr (emails[1], ==, "bare@example.com");
}

static void
test_put_ticket (Fixture *f, gconstpointer d)
{
  const char *t = alga_test_server_get_my_ticket_id (f->server);
  g_autoptr(AlgaTestResponse) attrs = put_json (f, t, NULL, "{\"attributes\":{\"due_date\":\"2026-12-01T17:00:00.000Z\"}}");
  g_autoptr(AlgaTestResponse) column = put_json (f, t, NULL, "{\"due_date\":\"2026-12-01T17:00:00.000Z\"}");
  g_autoptr(AlgaTestResponse) unassign = put_json (f, t, NULL, "{\"assigned_to\":null}");
  g_autoptr(AlgaTestResponse) broken = put_json (f, t, NULL, "{\"title\":");
  g_autoptr(AlgaTestResponse) replace = put_json (f, t, NULL, "{\"attributes\":{\"watcher_user_ids\":[]}}");
  g_autoptr(AlgaTestResponse) priority = put_json (f, t, NULL, "{\"priority_id\":\"0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c\",\"title\":\"Renamed\"}");

  g_assert_cmpuint (attrs->status, ==, 200);
  g_assert_cmpstr (alga_test_json_string (attrs->json, "data.attributes.due_date"), ==, "2026-12-01T17:00:00.000Z");
  g_assert_cmpuint (column->status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_NULL (alga_test_json_at (column->json, "data.due_date")));
  g_assert_cmpuint (unassign->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (unassign->json, "error.details.0.received"), ==, "null");
  g_assert_cmpuint (broken->status, ==, 200);
  g_assert_cmpuint (replace->status, ==, 200);
  g_assert_null (alga_test_json_at (replace->json, "data.attributes.due_date"));
  g_assert_nonnull (alga_test_json_at (replace->json, "data.attributes.watcher_user_ids"));
  g_assert_cmpuint (priority->status, ==, 200);
  g_assert_cmpstr (alga_test_json_string (priority->json, "data.title"), ==, "Renamed");
  g_assert_cmpstr (alga_test_json_string (priority->json, "data.priority_id"), ==, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c");
  g_assert_null (soup_message_headers_get_one (priority->headers, "X-RateLimit-Limit"));
}

/* Services, users, time entries, activities ------------------------------------------------ */

static void
test_services_users (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) services = get (f, "/api/v1/services?is_active=true&limit=100");
  g_autoptr(AlgaTestResponse) users = get (f, "/api/v1/users?limit=2");
  g_autoptr(AlgaTestResponse) found = get (f, "/api/v1/users?search=MORGAN");
  g_autoptr(AlgaTestResponse) by_mail = get (f, "/api/v1/users?search=alex.morgan@");
  g_autoptr(AlgaTestResponse) search = get (f, "/api/v1/users/search?query=alex");

  g_assert_cmpint (alga_test_json_int (services->json, "pagination.total"), >=, 6);
  g_assert_true (json_node_get_value_type (alga_test_json_at (services->json, "data.0.default_rate")) == G_TYPE_INT64);
  g_assert_true (json_node_get_boolean (alga_test_json_at (services->json, "meta.filters.is_active")));
  g_assert_cmpint (alga_test_json_int (users->json, "pagination.total"), ==, 8);
  g_assert_cmpint (alga_test_json_int (users->json, "pagination.totalPages"), ==, 4);
  g_assert_cmpint (alga_test_json_int (found->json, "pagination.total"), ==, 1);
  g_assert_cmpstr (alga_test_json_string (found->json, "data.0.user_id"), ==, alga_test_server_get_user_id (f->server));
  g_assert_cmpint (alga_test_json_int (by_mail->json, "pagination.total"), ==, 1);
  g_assert_cmpuint (search->status, ==, 401);
  g_assert_cmpstr (error_message (search), ==, "Invalid API key");
}

static AlgaTestResponse *
post_entry (Fixture    *f,
            const char *service,
            const char *start,
            const char *end)
{
  g_autofree char *body = g_strdup_printf ("{\"work_item_type\":\"ticket\",\"work_item_id\":\"%s\",%s%s%s"
                                           "\"start_time\":\"%s\",\"end_time\":\"%s\",\"notes\":\"n\"}",
                                           alga_test_server_get_my_ticket_id (f->server),
                                           service ? "\"service_id\":\"" : "", service ? service : "",
                                           service ? "\"," : "", start, end);

  return call (f, "POST", "/api/v1/time-entries", f->key, body);
}

static void
test_time_entries (Fixture *f, gconstpointer d)
{
  g_autoptr(AlgaTestResponse) services = get (f, "/api/v1/services?limit=1");
  const char *s = alga_test_json_string (services->json, "data.0.service_id");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -1);
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *start = g_strdup_printf ("%sT22:00:00Z", date);
  g_autofree char *end = g_strdup_printf ("%sT22:45:00.000Z", date);
  g_autofree char *inside = g_strdup_printf ("%sT22:30:00Z", date);
  g_autofree char *later = g_strdup_printf ("%sT23:30:00Z", date);
  g_autofree char *offset = g_strdup_printf ("%sT22:00:00+02:00", date);
  const char *me = alga_test_server_get_user_id (f->server);
  guint before = alga_test_server_count_time_entries (f->server, me);
  g_autoptr(AlgaTestResponse) valid = post_entry (f, s, start, end);
  g_autoptr(AlgaTestResponse) overlap = post_entry (f, s, inside, later);
  g_autoptr(AlgaTestResponse) no_service = post_entry (f, NULL, later, later);
  g_autoptr(AlgaTestResponse) offsets = post_entry (f, s, offset, offset);
  g_autoptr(AlgaTestResponse) backwards = post_entry (f, s, later, inside);
  g_autoptr(AlgaTestResponse) future = post_entry (f, s, "2099-03-01T10:00:00Z", "2099-03-01T11:00:00Z");
  g_autoptr(AlgaTestResponse) old = post_entry (f, s, "2001-03-01T10:00:00Z", "2001-03-01T11:00:00Z");

  g_assert_cmpuint (valid->status, ==, 201);
  g_assert_cmpstr (alga_test_json_string (valid->json, "data.duration_hours"), ==, "0.75");
  g_assert_cmpint (alga_test_json_int (valid->json, "data.billable_duration"), ==, 45);
  g_assert_cmpstr (alga_test_json_string (valid->json, "data.service.default_rate"), !=, NULL);
  g_assert_cmpstr (alga_test_json_string (valid->json, "data.user_id"), ==, me);
  g_assert_true (g_str_has_suffix (alga_test_json_string (valid->json, "data.work_date"), "T00:00:00.000Z"));
  g_assert_cmpuint (overlap->status, ==, 409);
  g_assert_cmpstr (error_message (overlap), ==, "Time entry overlaps with existing entry");
  g_assert_cmpuint (no_service->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (no_service->json, "error.details.0.path.0"), ==, "service_id");
  g_assert_cmpuint (offsets->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (offsets->json, "error.details.1.path.0"), ==, "end_time");
  g_assert_cmpuint (backwards->status, ==, 400);
  g_assert_cmpuint (future->status, ==, 400);
  g_assert_cmpstr (error_message (future), ==, "No time period found for this date");
  g_assert_cmpuint (old->status, ==, 400);
  g_assert_cmpuint (alga_test_server_count_time_entries (f->server, me), ==, before + 1);
}

static void
test_activities (Fixture *f, gconstpointer d)
{
  const char *me = alga_test_server_get_user_id (f->server);
  const char *other = alga_test_server_get_other_user_id (f->server);
  const char *t = alga_test_server_get_unassigned_ticket_id (f->server);
  g_autoptr(AlgaTestResponse) empty = get (f, "/api/v1/activities?type=notification&page=1&pageSize=5");
  g_autoptr(AlgaTestResponse) after = NULL;
  g_autofree char *created = NULL;
  g_autofree char *comment = NULL;

  g_assert_cmpint (alga_test_json_int (empty->json, "pagination.total"), ==, 0);
  g_assert_null (alga_test_json_at (empty->json, "meta"));
  g_assert_true (alga_test_server_assign_ticket (f->server, t, me, other));
  comment = alga_test_server_add_comment (f->server, t, "ping", FALSE, other, NULL);
  created = alga_test_server_create_ticket (f->server, "Printer on fire", me);
  /* My own change tells nobody. */
  {
    g_autoptr(AlgaTestResponse) mine = put_json (f, t, "/assignment", "{\"assigned_to\":\"%s\"}", me);

    g_assert_cmpuint (mine->status, ==, 200);
  }
  after = get (f, "/api/v1/activities?type=notification&page=1&pageSize=2");
  g_assert_cmpint (alga_test_json_int (after->json, "pagination.total"), ==, 3);
  g_assert_cmpint (alga_test_json_int (after->json, "pagination.limit"), ==, 2);
  g_assert_cmpstr (alga_test_json_string (after->json, "data.0.ticket_id"), ==, created);
  g_assert_cmpstr (alga_test_json_string (after->json, "data.0.user_id"), ==, me);
  g_assert_cmpstr (alga_test_json_string (after->json, "data.0.actor_id"), ==, other);
  g_assert_cmpstr (alga_test_json_string (after->json, "data.0.type"), ==, "notification");
  g_assert_false (json_node_get_boolean (alga_test_json_at (after->json, "data.0.is_read")));
  g_assert_nonnull (comment);
}

static void
test_api_changes (Fixture *f, gconstpointer d)
{
  const char *t = alga_test_server_get_unassigned_ticket_id (f->server);
  g_autofree char *before = alga_test_server_dup_ticket_json (f->server, t);
  g_autofree char *id = alga_test_server_create_ticket (f->server, "Keyboard missing keys", NULL);
  g_autofree char *path = ticket_path (id, NULL);
  g_autoptr(AlgaTestResponse) detail = get (f, path);
  g_autofree char *after = NULL;
  g_autofree char *since = NULL;
  g_autofree char *list_path = NULL;

  g_assert_cmpuint (detail->status, ==, 200);
  g_assert_cmpstr (alga_test_json_string (detail->json, "data.title"), ==, "Keyboard missing keys");
  g_assert_cmpstr (alga_test_json_string (detail->json, "data.ticket_origin"), ==, "api");
  g_assert_null (alga_test_server_dup_ticket_json (f->server, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c"));
  g_assert_false (alga_test_server_assign_ticket (f->server, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c", NULL, NULL));

  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, before, -1, NULL));
    since = g_strdup (alga_test_json_string (json_parser_get_root (parser), "updated_at"));
  }
  /* A fixed time on purpose: updated_at has millisecond resolution and must move on. */
  g_usleep (2000);
  g_assert_true (alga_test_server_assign_ticket (f->server, t, alga_test_server_get_user_id (f->server), NULL));
  after = alga_test_server_dup_ticket_json (f->server, t);
  g_assert_cmpstr (before, !=, after);
  list_path = g_strdup_printf ("/api/v1/tickets?updated_from=%s&fields=mobile_list", since);
  {
    g_autoptr(AlgaTestResponse) changed = get (f, list_path);

    g_assert_cmpint (alga_test_json_int (changed->json, "pagination.total"), >=, 1);
  }
}

/* Mobile sign-in --------------------------------------------------------------------------- */

static char *
handoff (Fixture    *f,
         const char *redirect,
         const char *state,
         char      **location_out)
{
  g_autofree char *r_esc = redirect ? g_uri_escape_string (redirect, NULL, FALSE) : NULL;
  g_autofree char *path = g_strdup_printf ("/auth/mobile/handoff?%s%s%s%s", r_esc ? "redirect=" : "",
                                           r_esc ? r_esc : "", state ? "&state=" : "", state ? state : "");
  g_autoptr(AlgaTestResponse) r = call (f, "GET", path, NULL, NULL);
  const char *location = soup_message_headers_get_one (r->headers, "Location");
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;

  g_assert_cmpuint (r->status, ==, 302);
  g_assert_nonnull (location);
  *location_out = g_strdup (location);
  uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  if (g_uri_get_query (uri) == NULL)
    return NULL;
  params = soup_form_decode (g_uri_get_query (uri));
  if (g_hash_table_contains (params, "ott"))
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Cache-Control"), ==, "no-store");
  return g_strdup (g_hash_table_lookup (params, "ott"));
}

static void
test_mobile_handoff (Fixture *f, gconstpointer d)
{
  g_autofree char *loc = NULL;
  g_autofree char *ott = handoff (f, "alga://auth/callback", "st-1", &loc);
  const char *url = alga_test_server_get_url (f->server);
  g_autofree char *signin = g_strdup_printf ("%s/auth/signin", url);
  g_autofree char *expected = NULL;

  g_assert_cmpuint (strlen (ott), ==, 32);
  expected = g_strdup_printf ("alga://auth/callback?ott=%s&state=st-1", ott);
  g_assert_cmpstr (loc, ==, expected);
  g_clear_pointer (&loc, g_free);
  g_clear_pointer (&ott, g_free);

  ott = handoff (f, "https://127.0.0.1:4000/x/auth/callback?keep=1", "s", &loc);
  g_assert_nonnull (ott);
  g_assert_true (g_str_has_prefix (loc, "https://127.0.0.1:4000/x/auth/callback?keep=1&ott="));
  g_clear_pointer (&loc, g_free);
  g_clear_pointer (&ott, g_free);

  ott = handoff (f, "exp://192.168.1.2:8081/--/auth/callback", "s", &loc);
  g_assert_nonnull (ott);
  g_clear_pointer (&loc, g_free);
  g_clear_pointer (&ott, g_free);

  static const char *rejected[] = { "http://127.0.0.1:9/auth/callback", "myapp://auth/callback", "alga://auth/other" };
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      ott = handoff (f, rejected[i], "s", &loc);
      g_assert_null (ott);
      g_assert_true (g_str_has_suffix (loc, "/auth/signin?error=invalid_redirect"));
      g_clear_pointer (&loc, g_free);
    }
  ott = handoff (f, "alga://auth/callback", NULL, &loc);
  g_assert_cmpstr (loc, ==, signin);
  g_clear_pointer (&loc, g_free);

  /* Signed out: to the sign-in page, which comes back here. */
  alga_test_server_set_browser_user (f->server, NULL);
  ott = handoff (f, "alga://auth/callback", "s", &loc);
  g_assert_null (ott);
  g_assert_true (g_str_has_prefix (loc, signin));
  g_assert_nonnull (strstr (loc, "callbackUrl=http"));
  g_clear_pointer (&loc, g_free);

  alga_test_server_set_browser_user (f->server, "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c");
  ott = handoff (f, "alga://auth/callback", "s", &loc);
  g_assert_null (ott);
  g_assert_cmpstr (loc, ==, "alga://auth/callback?error=client_not_allowed&state=s");
  g_clear_pointer (&loc, g_free);

  {
    g_autofree char *path = g_strdup_printf ("/auth/signin?callbackUrl=%s%%2Fauth%%2Fmobile%%2Fhandoff", url);
    g_autoptr(AlgaTestResponse) r = NULL;

    alga_test_server_set_browser_user (f->server, alga_test_server_get_user_id (f->server));
    r = call (f, "GET", path, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 302);
    g_assert_true (g_str_has_suffix (soup_message_headers_get_one (r->headers, "Location"), "/auth/mobile/handoff"));
  }
}

static AlgaTestResponse *
exchange (Fixture    *f,
          const char *ott,
          const char *state)
{
  g_autofree char *body = g_strdup_printf ("{\"ott\":\"%s\",\"state\":\"%s\",\"device\":{\"platform\":\"linux\"}}", ott, state);

  return call (f, "POST", "/api/v1/mobile/auth/exchange", NULL, body);
}

static void
test_mobile_exchange (Fixture *f, gconstpointer d)
{
  g_autofree char *loc = NULL;
  g_autofree char *ott = handoff (f, "alga://auth/callback", "st", &loc);
  g_autoptr(AlgaTestResponse) wrong = exchange (f, ott, "other");
  g_autoptr(AlgaTestResponse) good = exchange (f, ott, "st");
  g_autoptr(AlgaTestResponse) reuse = exchange (f, ott, "st");
  g_autoptr(AlgaTestResponse) empty = call (f, "POST", "/api/v1/mobile/auth/exchange", NULL, "{");
  const char *access = alga_test_json_string (good->json, "accessToken");
  const char *refresh = alga_test_json_string (good->json, "refreshToken");
  g_autoptr(AlgaTestResponse) use = NULL;

  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpstr (error_message (wrong), ==, "Invalid or expired one-time token");
  g_assert_cmpuint (good->status, ==, 200);
  g_assert_cmpuint (strlen (access), ==, 64);
  g_assert_cmpuint (strlen (refresh), ==, 43);
  g_assert_cmpint (alga_test_json_int (good->json, "expiresInSec"), ==, 28800);
  g_assert_cmpstr (alga_test_json_string (good->json, "tenantId"), ==, alga_test_server_get_tenant_id (f->server));
  g_assert_cmpstr (alga_test_json_string (good->json, "user.id"), ==, alga_test_server_get_user_id (f->server));
  g_assert_cmpstr (alga_test_json_string (good->json, "user.email"), ==, alga_test_server_get_user_email (f->server));
  g_assert_nonnull (alga_test_json_string (good->json, "user.name"));
  g_assert_cmpuint (reuse->status, ==, 401);
  /* Invalid JSON is {}: two missing fields. */
  g_assert_cmpuint (empty->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (empty->json, "error.details.1.path.0"), ==, "state");
  use = call (f, "GET", "/api/v1/tickets?limit=1", access, NULL);
  g_assert_cmpuint (use->status, ==, 200);
}

static void
test_mobile_community (Fixture *f, gconstpointer d)
{
  g_autofree char *loc = NULL;
  g_autofree char *ott = NULL;
  g_autoptr(AlgaTestResponse) caps = NULL;
  g_autoptr(AlgaTestResponse) ce = NULL;
  g_autoptr(AlgaTestResponse) again = NULL;

  alga_test_server_set_edition (f->server, ALGA_TEST_EDITION_COMMUNITY);
  alga_test_server_set_token_ttls (f->server, 100, 200, 30);
  caps = call (f, "GET", "/api/v1/mobile/auth/capabilities", NULL, NULL);
  g_assert_false (json_node_get_boolean (alga_test_json_at (caps->json, "enabled")));
  g_assert_false (json_node_get_boolean (alga_test_json_at (caps->json, "providers.google")));
  g_assert_cmpint (alga_test_json_int (caps->json, "accessTtlSec"), ==, 100);
  g_assert_cmpint (alga_test_json_int (caps->json, "refreshTtlSec"), ==, 200);
  g_assert_cmpint (alga_test_json_int (caps->json, "ottTtlSec"), ==, 30);
  g_assert_null (alga_test_json_at (caps->json, "hostedDomainAllowlist"));

  ott = handoff (f, "alga://auth/callback", "st", &loc);
  ce = exchange (f, ott, "st");
  g_assert_cmpuint (ce->status, ==, 403);
  g_assert_cmpstr (error_message (ce), ==, "Mobile app access is not available on this edition");
  alga_test_server_set_edition (f->server, ALGA_TEST_EDITION_ENTERPRISE);
  again = exchange (f, ott, "st");
  g_assert_cmpuint (again->status, ==, 401);
}

static void
test_mobile_expiry (Fixture *f, gconstpointer d)
{
  g_autofree char *loc = NULL;
  g_autofree char *ott = NULL;
  g_autofree char *ott2 = NULL;
  g_autoptr(AlgaTestResponse) late = NULL;
  g_autoptr(AlgaTestResponse) good = NULL;
  g_autoptr(AlgaTestResponse) use = NULL;
  g_autoptr(AlgaTestResponse) expired = NULL;

  alga_test_server_set_token_ttls (f->server, 1, 60, 1);
  ott = handoff (f, "alga://auth/callback", "st", &loc);
  g_clear_pointer (&loc, g_free);
  ott2 = handoff (f, "alga://auth/callback", "st2", &loc);
  good = exchange (f, ott2, "st2");
  g_assert_cmpuint (good->status, ==, 200);
  use = call (f, "GET", "/api/v1/tickets/stats", alga_test_json_string (good->json, "accessToken"), NULL);
  g_assert_cmpuint (use->status, ==, 200);
  /* A fixed time on purpose: past the one-second lifetimes set above. */
  g_usleep (1100 * 1000);
  late = exchange (f, ott, "st");
  g_assert_cmpuint (late->status, ==, 401);
  expired = call (f, "GET", "/api/v1/tickets/stats", alga_test_json_string (good->json, "accessToken"), NULL);
  g_assert_cmpuint (expired->status, ==, 401);
  g_assert_cmpstr (error_message (expired), ==, "Invalid API key");
}

static void
test_mobile_refresh_revoke (Fixture *f, gconstpointer d)
{
  g_autofree char *loc = NULL;
  g_autofree char *ott = handoff (f, "alga://auth/callback", "st", &loc);
  g_autoptr(AlgaTestResponse) session = exchange (f, ott, "st");
  const char *access = alga_test_json_string (session->json, "accessToken");
  const char *refresh = alga_test_json_string (session->json, "refreshToken");
  g_autofree char *body = g_strdup_printf ("{\"refreshToken\":\"%s\"}", refresh);
  g_autoptr(AlgaTestResponse) rotated = call (f, "POST", "/api/v1/mobile/auth/refresh", NULL, body);
  g_autoptr(AlgaTestResponse) old_key = call (f, "GET", "/api/v1/tickets?limit=1", access, NULL);
  g_autoptr(AlgaTestResponse) reuse = call (f, "POST", "/api/v1/mobile/auth/refresh", NULL, body);
  const char *access2 = alga_test_json_string (rotated->json, "accessToken");
  g_autofree char *body2 = g_strdup_printf ("{\"refreshToken\":\"%s\"}", alga_test_json_string (rotated->json, "refreshToken"));
  g_autoptr(AlgaTestResponse) new_key = call (f, "GET", "/api/v1/tickets?limit=1", access2, NULL);
  g_autoptr(AlgaTestResponse) revoke = call (f, "POST", "/api/v1/mobile/auth/revoke", NULL, body2);
  g_autoptr(AlgaTestResponse) dead_key = call (f, "GET", "/api/v1/tickets?limit=1", access2, NULL);
  g_autoptr(AlgaTestResponse) dead_refresh = call (f, "POST", "/api/v1/mobile/auth/refresh", NULL, body2);
  g_autoptr(AlgaTestResponse) revoke_empty = call (f, "POST", "/api/v1/mobile/auth/revoke", NULL, "{}");
  g_autoptr(AlgaTestResponse) revoke_bogus = call (f, "POST", "/api/v1/mobile/auth/revoke", NULL, "{\"refreshToken\":\"x\"}");

  g_assert_cmpuint (rotated->status, ==, 200);
  g_assert_cmpuint (strlen (access2), ==, 64);
  g_assert_cmpstr (access2, !=, access);
  g_assert_null (alga_test_json_at (rotated->json, "tenantId"));
  g_assert_cmpuint (old_key->status, ==, 401);
  g_assert_cmpuint (reuse->status, ==, 401);
  g_assert_cmpstr (error_message (reuse), ==, "Invalid or expired refresh token");
  g_assert_cmpuint (new_key->status, ==, 200);
  g_assert_cmpuint (revoke->status, ==, 200);
  g_assert_true (json_node_get_boolean (alga_test_json_at (revoke->json, "ok")));
  g_assert_cmpuint (dead_key->status, ==, 401);
  g_assert_cmpuint (dead_refresh->status, ==, 401);
  g_assert_cmpuint (revoke_empty->status, ==, 400);
  g_assert_cmpuint (revoke_bogus->status, ==, 200);
}

/* Rate limiting ---------------------------------------------------------------------------- */

static void
test_rate_limit (Fixture *f, gconstpointer d)
{
  g_autofree char *comments = ticket_path (alga_test_server_get_my_ticket_id (f->server), "/comments");
  g_autoptr(AlgaTestResponse) first = NULL;
  g_autoptr(AlgaTestResponse) second = NULL;
  g_autoptr(AlgaTestResponse) third = NULL;
  g_autoptr(AlgaTestResponse) stats = NULL;
  g_autoptr(AlgaTestResponse) free_route = NULL;
  g_autoptr(AlgaTestResponse) other_key = NULL;
  g_autofree char *key2 = alga_test_server_create_api_key (f->server, alga_test_server_get_user_id (f->server));
  const char *retry;

  first = get (f, "/api/v1/tickets?limit=1");
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "X-RateLimit-Limit"), ==, "120");
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "X-RateLimit-Remaining"), ==, "119");

  alga_test_server_set_rate_limit (f->server, 2, 1);
  g_clear_pointer (&first, alga_test_response_free);
  first = get (f, "/api/v1/tickets?limit=1");
  second = get (f, "/api/v1/tickets/priorities");
  third = get (f, "/api/v1/tickets?limit=1");
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "X-RateLimit-Limit"), ==, "2");
  g_assert_cmpstr (soup_message_headers_get_one (second->headers, "X-RateLimit-Remaining"), ==, "0");
  g_assert_cmpuint (third->status, ==, 429);
  g_assert_cmpstr (error_code (third), ==, "RATE_LIMITED");
  g_assert_cmpint (alga_test_json_int (third->json, "error.details.retry_after_ms"), >, 0);
  g_assert_cmpint (alga_test_json_int (third->json, "error.details.remaining"), ==, 0);
  retry = soup_message_headers_get_one (third->headers, "Retry-After");
  g_assert_nonnull (retry);
  g_assert_cmpint (atoi (retry), >=, 1);
  /* Routes that authenticate inline (the counts, the comments) are never limited. */
  stats = get (f, "/api/v1/tickets/stats");
  free_route = get (f, comments);
  g_assert_cmpuint (stats->status, ==, 200);
  g_assert_cmpuint (free_route->status, ==, 200);
  g_assert_null (soup_message_headers_get_one (free_route->headers, "X-RateLimit-Limit"));
  /* One bucket per key. */
  other_key = call (f, "GET", "/api/v1/tickets?limit=1", key2, NULL);
  g_assert_cmpuint (other_key->status, ==, 200);
}

/* Faults and recording --------------------------------------------------------------------- */

static void
test_faults_status (Fixture *f, gconstpointer d)
{
  AlgaTestFault fault = { ALGA_TEST_FAULT_STATUS, .status = 503, .body = "{\"error\":\"busy\"}",
                          .retry_after = 7, .times = 2 };
  g_autoptr(AlgaTestResponse) a = NULL, b = NULL, c = NULL, other = NULL;

  alga_test_server_add_fault (f->server, "GET", "/api/v1/tickets", &fault);
  a = get (f, "/api/v1/tickets?limit=1");
  other = call (f, "POST", "/api/v1/tickets", f->key, "{}");
  b = get (f, "/api/v1/tickets?limit=1");
  c = get (f, "/api/v1/tickets?limit=1");
  g_assert_cmpuint (a->status, ==, 503);
  g_assert_cmpstr (a->body, ==, "{\"error\":\"busy\"}");
  g_assert_cmpstr (soup_message_headers_get_one (a->headers, "Retry-After"), ==, "7");
  g_assert_cmpuint (other->status, ==, 400);
  g_assert_cmpuint (b->status, ==, 503);
  g_assert_cmpuint (c->status, ==, 200);

  fault = (AlgaTestFault) { ALGA_TEST_FAULT_STATUS, .status = 502, .body = "<html>bad gateway</html>",
                            .content_type = "text/html", .times = 0 };
  alga_test_server_add_fault (f->server, NULL, "/api/v1/tickets/*", &fault);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AlgaTestResponse) r = get (f, "/api/v1/tickets/stats");

      g_assert_cmpuint (r->status, ==, 502);
      g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "text/html");
    }
  alga_test_server_clear_faults (f->server);
  {
    g_autoptr(AlgaTestResponse) r = get (f, "/api/v1/tickets/stats");

    g_assert_cmpuint (r->status, ==, 200);
  }
}

static void
test_faults_delay (Fixture *f, gconstpointer d)
{
  AlgaTestFault fault = { ALGA_TEST_FAULT_DELAY, .delay_ms = 300, .times = 1 };
  g_autoptr(AlgaTestResponse) r = NULL;
  gint64 start;

  alga_test_server_add_fault (f->server, "GET", "/api/v1/tickets/stats", &fault);
  start = g_get_monotonic_time ();
  r = get (f, "/api/v1/tickets/stats");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpint (alga_test_json_int (r->json, "data.total_tickets"), ==, 120);
}

static void
test_faults_drop (Fixture *f, gconstpointer d)
{
  AlgaTestFault fault = { ALGA_TEST_FAULT_DROP, .times = 1 };
  g_autoptr(AlgaTestResponse) r = NULL;
  g_autoptr(AlgaTestResponse) next = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  alga_test_server_add_fault (f->server, NULL, "/api/v1/tickets/stats", &fault);
  r = get (f, "/api/v1/tickets/stats");
  g_assert_nonnull (r->error);
  g_assert_cmpuint (r->status, ==, 0);
  next = get (f, "/api/v1/tickets/stats");
  g_assert_cmpuint (next->status, ==, 200);
  requests = alga_test_server_dup_requests (f->server);
  g_assert_cmpuint (((AlgaTestRequest *) g_ptr_array_index (requests, 0))->status, ==, 0);
}

static void
test_faults_truncate (Fixture *f, gconstpointer d)
{
  AlgaTestFault fault = { ALGA_TEST_FAULT_TRUNCATE, .times = 1 };
  g_autoptr(AlgaTestResponse) r = NULL;

  alga_test_server_add_fault (f->server, "GET", "/api/v1/tickets", &fault);
  r = get (f, "/api/v1/tickets?limit=5");
  /* Content-Length promised the whole answer; half of it came, then the connection closed.
   * libsoup 3.2 hands the short body over without an error. */
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (soup_message_headers_get_content_length (r->headers), ==, r->length * 2 +
                   (soup_message_headers_get_content_length (r->headers) % 2));
  g_assert_null (r->json);
}

static void
test_faults_slow_headers (Fixture *f, gconstpointer d)
{
  AlgaTestFault fault = { ALGA_TEST_FAULT_SLOW_HEADERS, .delay_ms = 2, .times = 1 };
  g_autoptr(AlgaTestResponse) r = NULL;
  gint64 start;

  alga_test_server_add_fault (f->server, "GET", "/api/v1/tickets/priorities", &fault);
  start = g_get_monotonic_time ();
  r = get (f, "/api/v1/tickets/priorities");
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (r->json);
  /* At least ~60 header bytes, 2 ms each. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 100 * 1000);
}

static void
test_faults_huge_body (Fixture *f, gconstpointer d)
{
  AlgaTestFault fault = { ALGA_TEST_FAULT_HUGE_BODY, .size = 3 * 1024 * 1024 + 17, .times = 1 };
  g_autoptr(AlgaTestResponse) r = NULL;

  alga_test_server_add_fault (f->server, "GET", "/api/v1/tickets", &fault);
  r = get (f, "/api/v1/tickets");
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (r->length, ==, 3 * 1024 * 1024 + 17);
  g_assert_nonnull (r->json);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/json");
}

static void
test_requests_recording (Fixture *f, gconstpointer d)
{
  g_autofree char *url = g_strconcat (alga_test_server_get_url (f->server), "/api/v1/tickets?limit=2&is_open=true", NULL);
  g_autoptr(AlgaTestResponse) a = alga_test_http (f->session, "GET", url, f->key, NULL,
                                                  "x-tenant-id", alga_test_server_get_tenant_id (f->server), NULL);
  g_autoptr(AlgaTestResponse) b = put_json (f, alga_test_server_get_my_ticket_id (f->server), "/assignment", "{\"assigned_to\":null}");
  g_autoptr(AlgaTestResponse) c = call (f, "GET", "/api/v1/tickets", NULL, NULL);
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);
  AlgaTestRequest *first = g_ptr_array_index (requests, 0);
  AlgaTestRequest *second = g_ptr_array_index (requests, 1);
  AlgaTestRequest *third = g_ptr_array_index (requests, 2);

  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpstr (first->method, ==, "GET");
  g_assert_cmpstr (first->path, ==, "/api/v1/tickets");
  g_assert_cmpstr (first->query, ==, "limit=2&is_open=true");
  g_assert_cmpstr (first->api_key, ==, f->key);
  g_assert_cmpstr (first->tenant_id, ==, alga_test_server_get_tenant_id (f->server));
  g_assert_null (first->body);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (second->method, ==, "PUT");
  g_assert_cmpstr (second->body, ==, "{\"assigned_to\":null}");
  g_assert_cmpuint (third->status, ==, 401);
  g_assert_null (third->api_key);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets"), ==, 2);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, NULL, "/api/v1/tickets/*"), ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, NULL, NULL), ==, 3);
  alga_test_server_clear_requests (f->server);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, NULL, NULL), ==, 0);
}

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/lifecycle/deterministic", test_lifecycle_deterministic);
  g_test_add_func ("/server/lifecycle/demo-binary", test_lifecycle_demo_binary);
  ADD ("/server/auth/middleware-missing-key", test_auth_middleware);
  ADD ("/server/auth/bad-keys", test_auth_bad_keys);
  ADD ("/server/routes/unknown-and-method", test_routes_unknown_and_method);
  ADD ("/server/list/limit-bounds", test_list_limit_bounds);
  ADD ("/server/list/page-beyond", test_list_page_beyond);
  ADD ("/server/list/booleans", test_list_booleans);
  ADD ("/server/list/datetimes", test_list_datetimes);
  ADD ("/server/list/sort", test_list_sort);
  ADD ("/server/list/fields", test_list_fields);
  ADD ("/server/list/filters", test_list_filters);
  ADD ("/server/stats", test_stats);
  ADD ("/server/detail", test_detail);
  ADD ("/server/comments/get", test_comments_get);
  ADD ("/server/comments/post", test_comments_post);
  ADD ("/server/statuses", test_statuses);
  ADD ("/server/status/change", test_status_change);
  ADD ("/server/status/close-rule", test_status_close_rule);
  ADD ("/server/assignment", test_assignment);
  ADD ("/server/priorities", test_priorities);
  ADD ("/server/priorities-full", test_priorities_full);
  ADD ("/server/due-date-column", test_due_date_column);
  ADD ("/server/watch-list", test_watch_list);
  ADD ("/server/put-ticket", test_put_ticket);
  ADD ("/server/services-users", test_services_users);
  ADD ("/server/time-entries", test_time_entries);
  ADD ("/server/activities", test_activities);
  ADD ("/server/api/changes", test_api_changes);
  ADD ("/server/mobile/handoff", test_mobile_handoff);
  ADD ("/server/mobile/exchange", test_mobile_exchange);
  ADD ("/server/mobile/community-edition", test_mobile_community);
  ADD ("/server/mobile/expiry", test_mobile_expiry);
  ADD ("/server/mobile/refresh-revoke", test_mobile_refresh_revoke);
  ADD ("/server/rate-limit", test_rate_limit);
  ADD ("/server/faults/status", test_faults_status);
  ADD ("/server/faults/delay", test_faults_delay);
  ADD ("/server/faults/drop", test_faults_drop);
  ADD ("/server/faults/truncate", test_faults_truncate);
  ADD ("/server/faults/slow-headers", test_faults_slow_headers);
  ADD ("/server/faults/huge-body", test_faults_huge_body);
  ADD ("/server/requests/recording", test_requests_recording);

  return g_test_run ();
}
