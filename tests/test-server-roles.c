/* test-server-roles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo/test server's seeded roles over real HTTP: which routes each role is refused, with
 * the real server's 403 body (tests/samples), and that everything else still answers.
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

  f->server = alga_test_server_new_full (3, 60, ALGA_TEST_EDITION_COMMUNITY, 0, &error);
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
      const char *body)
{
  g_autofree char *url = g_strconcat (alga_test_server_get_url (f->server), path, NULL);

  return alga_test_http (f->session, method, url, f->key, body, NULL);
}

static guint
status_of (Fixture    *f,
           const char *method,
           const char *path,
           const char *body)
{
  g_autoptr(AlgaTestResponse) r = call (f, method, path, body);

  g_assert_no_error (r->error);
  return r->status;
}

/* The 403 is the real server's, byte for byte in meaning: the same JSON as the sample, and,
 * like every error, no rate-limit headers. */
static void
assert_refused_like_sample (Fixture    *f,
                            const char *method,
                            const char *path,
                            const char *body,
                            const char *sample)
{
  g_autoptr(AlgaTestResponse) r = call (f, method, path, body);
  g_autofree char *expected_text = alga_test_read_sample (sample, NULL);
  g_autoptr(JsonNode) expected = json_from_string (expected_text, NULL);

  g_assert_cmpuint (r->status, ==, 403);
  g_assert_nonnull (r->json);
  g_assert_true (json_node_equal (r->json, expected));
  g_assert_null (soup_message_headers_get_one (r->headers, "X-RateLimit-Limit"));
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/json");
}

static void
assert_refused_with (Fixture    *f,
                     const char *method,
                     const char *path,
                     const char *body,
                     const char *message)
{
  g_autoptr(AlgaTestResponse) r = call (f, method, path, body);

  g_assert_cmpuint (r->status, ==, 403);
  g_assert_cmpstr (alga_test_json_string (r->json, "error.code"), ==, "FORBIDDEN");
  g_assert_cmpstr (alga_test_json_string (r->json, "error.message"), ==, message);
  g_assert_null (alga_test_json_at (r->json, "error.details"));
}

/* The id of a seeded service, read as Admin (a technician may not list them). */
static char *
some_service_id (Fixture *f)
{
  AlgaTestRole role = alga_test_server_get_role (f->server);
  g_autoptr(AlgaTestResponse) r = NULL;

  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_ADMIN);
  r = call (f, "GET", "/api/v1/services?limit=1", NULL);
  alga_test_server_set_role (f->server, role);
  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (alga_test_json_string (r->json, "data.0.service_id"));
}

/* Half an hour on the demo technician's ticket, early on a day when nothing else was logged. */
static char *
time_entry_body (Fixture *f,
                 int      days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -days_ago);
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *service = some_service_id (f);

  return g_strdup_printf ("{\"work_item_type\":\"ticket\",\"work_item_id\":\"%s\","
                          "\"service_id\":\"%s\",\"start_time\":\"%sT06:00:00Z\","
                          "\"end_time\":\"%sT06:30:00Z\",\"notes\":\"roles\"}",
                          alga_test_server_get_my_ticket_id (f->server), service, date, date);
}

/* What every seeded role may do: tickets and their reference data. */
static void
assert_ticket_work_allowed (Fixture *f)
{
  g_autofree char *detail = g_strdup_printf ("/api/v1/tickets/%s", alga_test_server_get_my_ticket_id (f->server));
  g_autofree char *assignment = g_strdup_printf ("%s/assignment", detail);
  g_autofree char *assign_body = g_strdup_printf ("{\"assigned_to\":\"%s\"}", alga_test_server_get_user_id (f->server));
  g_autofree char *comments = g_strdup_printf ("%s/comments", detail);

  g_assert_cmpuint (status_of (f, "GET", "/api/v1/tickets?limit=5", NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/tickets/stats", NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/tickets/statuses", NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/tickets/priorities", NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/boards", NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", detail, NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", comments, NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "POST", comments, "{\"comment_text\":\"from a role test\"}"), ==, 201);
  g_assert_cmpuint (status_of (f, "PUT", assignment, assign_body), ==, 200);
  g_assert_cmpuint (status_of (f, "PUT", detail, "{\"title\":\"Renamed by a role test\"}"), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/activities?type=notification", NULL), ==, 200);
}

static void
test_admin_is_the_default (Fixture *f, gconstpointer d)
{
  g_autofree char *entry = time_entry_body (f, 2);

  g_assert_cmpint (alga_test_server_get_role (f->server), ==, ALGA_TEST_ROLE_ADMIN);
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/users?limit=1", NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/services?limit=1", NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "POST", "/api/v1/time-entries", entry), ==, 201);
  assert_ticket_work_allowed (f);
  /* Not even an Admin key may read time periods. */
  assert_refused_like_sample (f, "GET", "/api/v1/time-periods/current", NULL, "31_time_period_current.json");
  assert_refused_like_sample (f, "GET", "/api/v1/time-periods?limit=2", NULL, "59b_time_periods_tech.json");
}

static void
test_technician (Fixture *f, gconstpointer d)
{
  g_autofree char *entry = time_entry_body (f, 3);
  g_autoptr(AlgaTestResponse) users = NULL;

  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
  g_assert_cmpint (alga_test_server_get_role (f->server), ==, ALGA_TEST_ROLE_TECHNICIAN);

  assert_refused_like_sample (f, "GET", "/api/v1/users?limit=1", NULL, "59e_users_tech.json");
  assert_refused_like_sample (f, "GET", "/api/v1/users?search=a&limit=50", NULL, "59e_users_tech.json");
  assert_refused_like_sample (f, "GET", "/api/v1/services?is_active=true&limit=2", NULL, "59d_services_tech.json");
  assert_refused_like_sample (f, "GET", "/api/v1/time-periods?limit=2", NULL, "59b_time_periods_tech.json");
  /* A technician logs time, as the real server let tinman do. */
  g_assert_cmpuint (status_of (f, "POST", "/api/v1/time-entries", entry), ==, 201);
  assert_ticket_work_allowed (f);

  /* Refused, not hidden: a bad key is still a 401 before any permission. */
  f->key = "0000000000000000000000000000000000000000000000000000000000000000";
  users = call (f, "GET", "/api/v1/users", NULL);
  g_assert_cmpuint (users->status, ==, 401);
}

static void
test_dispatcher (Fixture *f, gconstpointer d)
{
  g_autofree char *entry = time_entry_body (f, 4);
  const char *me = alga_test_server_get_user_id (f->server);
  guint entries = alga_test_server_count_time_entries (f->server, me);

  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_DISPATCHER);

  /* A dispatcher sees the people it dispatches to, but neither services nor time. */
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/users?limit=1", NULL), ==, 200);
  assert_refused_with (f, "GET", "/api/v1/services?limit=1", NULL, "Permission denied: Cannot read service");
  assert_refused_with (f, "POST", "/api/v1/time-entries", entry, "Permission denied: Cannot create time_entry");
  assert_refused_like_sample (f, "GET", "/api/v1/time-periods/current", NULL, "31_time_period_current.json");
  g_assert_cmpuint (alga_test_server_count_time_entries (f->server, me), ==, entries);
  assert_ticket_work_allowed (f);
}

/* What a technician's key may read that is the caller's own, or names people with their
 * e-mail: the activities feed (assignedTo), a ticket's agents, everyone's time entries. */
static void
test_technician_reads_own_work (Fixture *f, gconstpointer d)
{
  const char *me = alga_test_server_get_user_id (f->server);
  g_autofree char *agents_path = g_strdup_printf ("/api/v1/tickets/%s/agents", alga_test_server_get_my_ticket_id (f->server));
  g_autofree char *entries_path = g_strdup_printf ("/api/v1/time-entries?user_id=%s&limit=3", me);
  g_autoptr(AlgaTestResponse) feed = NULL;
  g_autoptr(AlgaTestResponse) agents = NULL;
  g_autoptr(AlgaTestResponse) entries = NULL;
  g_autoptr(AlgaTestResponse) bad = NULL;
  g_autoptr(AlgaTestResponse) bad_date = NULL;
  JsonArray *items;
  gboolean saw_ticket = FALSE, saw_entry = FALSE;

  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);

  feed = call (f, "GET", "/api/v1/activities?type=ticket,timeEntry&pageSize=100", NULL);
  g_assert_cmpuint (feed->status, ==, 200);
  g_assert_null (soup_message_headers_get_one (feed->headers, "X-RateLimit-Limit"));
  items = json_node_get_array (alga_test_json_at (feed->json, "data"));
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *who = json_object_get_array_member (item, "assignedTo");
      const char *type = json_object_get_string_member (item, "type");

      g_assert_cmpuint (json_array_get_length (who), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (who, 0), ==, me);
      saw_ticket |= g_str_equal (type, "ticket");
      saw_entry |= g_str_equal (type, "timeEntry");
    }
  g_assert_true (saw_ticket && saw_entry);

  agents = call (f, "GET", agents_path, NULL);
  g_assert_cmpuint (agents->status, ==, 200);
  g_assert_cmpstr (alga_test_json_string (agents->json, "data.primary_agent.user_id"), ==, me);
  g_assert_cmpstr (alga_test_json_string (agents->json, "data.primary_agent.email"), ==,
                   alga_test_server_get_user_email (f->server));
  g_assert_nonnull (alga_test_json_at (agents->json, "data.additional_agents"));

  entries = call (f, "GET", entries_path, NULL);
  g_assert_cmpuint (entries->status, ==, 200);
  g_assert_cmpstr (alga_test_json_string (entries->json, "data.0.user_id"), ==, me);
  g_assert_nonnull (alga_test_json_string (entries->json, "data.0.service_name"));
  g_assert_nonnull (alga_test_json_string (entries->json, "data.0.user_name"));
  /* The flat shape: no nested objects, unlike the answer of POST. */
  g_assert_null (alga_test_json_at (entries->json, "data.0.user"));
  g_assert_null (alga_test_json_at (entries->json, "data.0.service"));
  g_assert_cmpint (alga_test_json_int (entries->json, "pagination.limit"), ==, 3);

  bad = call (f, "GET", "/api/v1/activities?type=comment", NULL);
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (bad->json, "error.details.0.path.0"), ==, "type");
  bad_date = call (f, "GET", "/api/v1/time-entries?date_from=06.12.2026", NULL);
  g_assert_cmpuint (bad_date->status, ==, 400);
  g_assert_cmpstr (alga_test_json_string (bad_date->json, "error.message"), ==, "Query validation failed");
}

/* A role belongs to the user: another user's key has that user's role, and /users says so. */
static void
test_role_per_user (Fixture *f, gconstpointer d)
{
  const char *other = alga_test_server_get_other_user_id (f->server);
  g_autofree char *other_key = alga_test_server_create_api_key (f->server, other);
  g_autofree char *path = NULL;
  g_autoptr(AlgaTestResponse) mine = NULL;
  g_autoptr(AlgaTestResponse) theirs = NULL;
  const char *my_key = f->key;

  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_DISPATCHER);
  alga_test_server_set_user_role (f->server, other, ALGA_TEST_ROLE_TECHNICIAN);

  f->key = other_key;
  g_assert_cmpuint (status_of (f, "GET", "/api/v1/users", NULL), ==, 403);
  f->key = my_key;
  path = g_strdup_printf ("/api/v1/users?search=%s", alga_test_server_get_user_email (f->server));
  mine = call (f, "GET", path, NULL);
  g_assert_cmpuint (mine->status, ==, 200);
  g_assert_cmpstr (alga_test_json_string (mine->json, "data.0.roles.0.role_name"), ==, "Dispatcher");

  alga_test_server_set_user_role (f->server, other, ALGA_TEST_ROLE_ADMIN);
  f->key = other_key;
  theirs = call (f, "GET", "/api/v1/users?limit=1", NULL);
  g_assert_cmpuint (theirs->status, ==, 200);
  f->key = my_key;
}

/* The ticket's time summary itemises others' entries only for a role that reads every time
 * sheet; a Technician sees them counted as hidden. Everyone sees their own. The timer: one
 * session per user, which only its owner can stop. */
static void
test_ticket_time_summary (Fixture *f, gconstpointer d)
{
  const char *ticket = alga_test_server_get_my_ticket_id (f->server);
  const char *other = alga_test_server_get_other_user_id (f->server);
  g_autofree char *other_key = alga_test_server_create_api_key (f->server, other);
  g_autofree char *summary_path = g_strdup_printf ("/api/v1/tickets/%s/time-entries", ticket);
  g_autofree char *start = NULL;
  g_autofree char *stop_path = NULL;
  g_autoptr(AlgaTestResponse) services = call (f, "GET", "/api/v1/services?limit=1", NULL);
  g_autoptr(AlgaTestResponse) started = NULL;
  g_autoptr(AlgaTestResponse) as_admin = NULL;
  g_autoptr(AlgaTestResponse) as_tech = NULL;
  const char *my_key = f->key;
  gint64 own_count;

  start = g_strdup_printf ("{\"work_item_type\":\"ticket\",\"work_item_id\":\"%s\",\"service_id\":\"%s\"}",
                           ticket, alga_test_json_string (services->json, "data.0.service_id"));
  f->key = other_key;
  started = call (f, "POST", "/api/v1/time-entries/start-tracking", start);
  g_assert_cmpuint (started->status, ==, 201);
  g_assert_null (soup_message_headers_get_one (started->headers, "X-RateLimit-Limit"));
  g_assert_cmpuint (status_of (f, "POST", "/api/v1/time-entries/start-tracking", start), ==, 409);
  f->key = my_key;
  /* Another user's session is not found, for the Admin too. */
  stop_path = g_strdup_printf ("/api/v1/time-entries/stop-tracking/%s",
                               alga_test_json_string (started->json, "data.session_id"));
  g_assert_cmpuint (status_of (f, "POST", stop_path, "{}"), ==, 404);

  as_admin = call (f, "GET", summary_path, NULL);
  g_assert_cmpuint (as_admin->status, ==, 200);
  own_count = alga_test_json_int (as_admin->json, "data.ownEntryCount");
  g_assert_cmpint (own_count, >, 0);
  g_assert_cmpint (alga_test_json_int (as_admin->json, "data.othersVisibleCount"), ==, 1);
  g_assert_cmpint (alga_test_json_int (as_admin->json, "data.othersHiddenCount"), ==, 0);
  /* Running: the epoch as its end, and no minutes. */
  for (guint i = 0; i < (guint) own_count + 1; i++)
    {
      g_autofree char *user_path = g_strdup_printf ("data.entries.%u.user_id", i);
      g_autofree char *end_path = g_strdup_printf ("data.entries.%u.end_time", i);

      if (g_str_equal (alga_test_json_string (as_admin->json, user_path), other))
        g_assert_cmpstr (alga_test_json_string (as_admin->json, end_path), ==, "1970-01-01T00:00:00Z");
    }

  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
  as_tech = call (f, "GET", summary_path, NULL);
  g_assert_cmpuint (as_tech->status, ==, 200);
  g_assert_cmpint (alga_test_json_int (as_tech->json, "data.ownEntryCount"), ==, own_count);
  g_assert_cmpint (alga_test_json_int (as_tech->json, "data.othersVisibleCount"), ==, 0);
  g_assert_cmpint (alga_test_json_int (as_tech->json, "data.othersHiddenCount"), ==, 1);
  g_assert_cmpint (json_array_get_length (json_node_get_array (alga_test_json_at (as_tech->json, "data.entries"))),
                   ==, own_count);
}

static void
test_role_names (void)
{
  AlgaTestRole role = ALGA_TEST_ROLE_ADMIN;

  g_assert_true (alga_test_role_from_string ("technician", &role));
  g_assert_cmpint (role, ==, ALGA_TEST_ROLE_TECHNICIAN);
  g_assert_true (alga_test_role_from_string ("DISPATCHER", &role));
  g_assert_cmpint (role, ==, ALGA_TEST_ROLE_DISPATCHER);
  g_assert_true (alga_test_role_from_string ("Admin", &role));
  g_assert_cmpint (role, ==, ALGA_TEST_ROLE_ADMIN);
  g_assert_false (alga_test_role_from_string ("tech", &role));
  g_assert_false (alga_test_role_from_string (NULL, &role));
  g_assert_cmpint (role, ==, ALGA_TEST_ROLE_ADMIN);
  g_assert_cmpstr (alga_test_role_to_string (ALGA_TEST_ROLE_TECHNICIAN), ==, "Technician");
}

static GSubprocess *
spawn_demo (const char  *role,
            GError     **error)
{
  g_autofree char *path = g_build_filename (g_getenv ("ALGA_BUILD_ROOT"), "tests", "server",
                                            "alga-demo-server", NULL);

  return g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error,
                           path, "--port", "0", "--tickets", "20", "--role", role, NULL);
}

static void
test_demo_binary_role (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSubprocess) bad = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL, *key = NULL, *email = NULL, *role = NULL, *users = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(AlgaTestResponse) r = NULL;

  if (g_getenv ("ALGA_BUILD_ROOT") == NULL)
    {
      g_test_skip ("ALGA_BUILD_ROOT is not set");
      return;
    }
  process = spawn_demo ("technician", &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  url = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  key = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  email = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  role = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (role, ==, "ROLE=Technician");

  users = g_strdup_printf ("%s/api/v1/users?limit=1", url + 4);
  r = alga_test_http (session, "GET", users, key + 8, NULL, NULL);
  g_assert_cmpuint (r->status, ==, 403);
  g_assert_cmpstr (alga_test_json_string (r->json, "error.message"), ==, "Permission denied: Cannot read user");

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_true (g_subprocess_get_successful (process));

  bad = spawn_demo ("superuser", &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (bad, NULL, &error));
  g_assert_false (g_subprocess_get_successful (bad));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-roles/names", test_role_names);
  g_test_add_func ("/server-roles/demo-binary", test_demo_binary_role);
  g_test_add ("/server-roles/admin-default", Fixture, NULL, fixture_set_up, test_admin_is_the_default, fixture_tear_down);
  g_test_add ("/server-roles/technician", Fixture, NULL, fixture_set_up, test_technician, fixture_tear_down);
  g_test_add ("/server-roles/dispatcher", Fixture, NULL, fixture_set_up, test_dispatcher, fixture_tear_down);
  g_test_add ("/server-roles/technician-own-work", Fixture, NULL, fixture_set_up, test_technician_reads_own_work, fixture_tear_down);
  g_test_add ("/server-roles/per-user", Fixture, NULL, fixture_set_up, test_role_per_user, fixture_tear_down);
  g_test_add ("/server-roles/ticket-time-summary", Fixture, NULL, fixture_set_up, test_ticket_time_summary, fixture_tear_down);

  return g_test_run ();
}
