/* test-server-samples.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test server against the real server's answers in tests/samples: for every
 * request we can reproduce, the same status, the same envelope and the same keys.
 */

#include "config.h"

#include <string.h>

#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

typedef struct
{
  const char *sample;    /* file name in tests/samples */
  guint       status;
  const char *method;
  const char *path;      /* with {T} ticket, {OS} status of another board, {SS} open status of
                          * the same board, {U} other user, {S} service, {R} random uuid,
                          * {D} a day with a time period, {TD} today, {ME} the key's user,
                          * {SID} the timer session started before the request */
  const char *body;
  const char *key;       /* "key", "none", "wrong", "tenant"; "tech" and "disp" are the key with
                          * the user's role changed to Technician or Dispatcher */
} Case;

static const Case cases[] = {
  { "00_capabilities.json", 200, "GET", "/api/v1/mobile/auth/capabilities", NULL, "none" },
  { "01_list_mobile.json", 200, "GET", "/api/v1/tickets?fields=mobile_list&limit=3", NULL, "key" },
  { "02_list_full.json", 200, "GET", "/api/v1/tickets?limit=1", NULL, "key" },
  { "03_sort_bogus.json", 500, "GET", "/api/v1/tickets?sort=bogus", NULL, "key" },
  { "04_limit0.json", 400, "GET", "/api/v1/tickets?limit=0", NULL, "key" },
  { "05_is_open_yes.json", 400, "GET", "/api/v1/tickets?is_open=yes", NULL, "key" },
  { "06_updated_from_offset.json", 400, "GET", "/api/v1/tickets?updated_from=2026-01-01T00:00:00%2B02:00&fields=ticket_number&limit=2", NULL, "key" },
  { "06b_updated_from_Z.json", 200, "GET", "/api/v1/tickets?updated_from=2026-01-01T00:00:00Z&fields=ticket_number&limit=2", NULL, "key" },
  { "06c_updated_from_rawplus.json", 400, "GET", "/api/v1/tickets?updated_from=2026-01-01T00:00:00+02:00&fields=ticket_number&limit=2", NULL, "key" },
  { "07_nokey.json", 401, "GET", "/api/v1/tickets", NULL, "none" },
  { "07b_nofilter_all.json", 200, "GET", "/api/v1/tickets", NULL, "key" },
  { "07c_wrongkey.json", 401, "GET", "/api/v1/tickets", NULL, "wrong" },
  { "07d_tenant_mismatch.json", 401, "GET", "/api/v1/tickets", NULL, "tenant" },
  { "08_not_uuid.json", 400, "GET", "/api/v1/tickets/not-a-uuid", NULL, "key" },
  { "09_random_uuid.json", 404, "GET", "/api/v1/tickets/{R}", NULL, "key" },
  { "10_stats.json", 200, "GET", "/api/v1/tickets/stats", NULL, "key" },
  { "11_detail.json", 200, "GET", "/api/v1/tickets/{T}", NULL, "key" },
  { "12_comments.json", 200, "GET", "/api/v1/tickets/{T}/comments", NULL, "key" },
  { "12b_comments_md.json", 200, "GET", "/api/v1/tickets/{T}/comments?content_format=markdown", NULL, "key" },
  { "13_post_comment.json", 201, "POST", "/api/v1/tickets/{T}/comments", "{\"comment_text\":\"Probe with **stars** and <b>tags</b>\\nsecond line\",\"is_internal\":true}", "key" },
  { "13b_post_comment_5001.json", 400, "POST", "/api/v1/tickets/{T}/comments", "5001", "key" },
  { "13c_post_comment_5000.json", 201, "POST", "/api/v1/tickets/{T}/comments", "5000", "key" },
  { "13d_post_comment_badjson.json", 500, "POST", "/api/v1/tickets/{T}/comments", "{\"comment_text\":", "key" },
  { "13e_post_comment_empty.json", 400, "POST", "/api/v1/tickets/{T}/comments", "{\"comment_text\":\"   \"}", "key" },
  { "14_statuses.json", 200, "GET", "/api/v1/tickets/statuses", NULL, "key" },
  { "14b_statuses_board.json", 400, "GET", "/api/v1/tickets/statuses?board_id=not-uuid", NULL, "key" },
  { "15_status_other_board.json", 400, "PUT", "/api/v1/tickets/{T}/status", "{\"status_id\":\"{OS}\"}", "key" },
  { "15b_status_same_board.json", 200, "PUT", "/api/v1/tickets/{T}/status", "{\"status_id\":\"{SS}\"}", "key" },
  { "16_assign_null.json", 200, "PUT", "/api/v1/tickets/{T}/assignment", "{\"assigned_to\":null}", "key" },
  { "16b_assign_unknown_user.json", 200, "PUT", "/api/v1/tickets/{T}/assignment", "{\"assigned_to\":\"{R}\"}", "key" },
  { "16c_assign_bad.json", 400, "PUT", "/api/v1/tickets/{T}/assignment", "{\"assigned_to\":\"nope\"}", "key" },
  { "16d_assign_real.json", 200, "PUT", "/api/v1/tickets/{T}/assignment", "{\"assigned_to\":\"{U}\"}", "key" },
  { "16e_assign_list_after.json", 200, "GET", "/api/v1/tickets?fields=mobile_list&limit=3", NULL, "key" },
  { "17_priorities.json", 200, "GET", "/api/v1/tickets/priorities", NULL, "key" },
  { "18_put_attrs.json", 200, "PUT", "/api/v1/tickets/{T}", "{\"attributes\":{\"due_date\":\"2026-12-01T17:00:00.000Z\"}}", "key" },
  { "18b_put_due_date_col.json", 200, "PUT", "/api/v1/tickets/{T}", "{\"due_date\":\"2026-12-01T17:00:00.000Z\"}", "key" },
  { "18c_put_assign_null.json", 400, "PUT", "/api/v1/tickets/{T}", "{\"assigned_to\":null}", "key" },
  { "18d_put_badjson.json", 200, "PUT", "/api/v1/tickets/{T}", "{\"title\":", "key" },
  { "18e_put_attrs_replace.json", 200, "PUT", "/api/v1/tickets/{T}", "{\"attributes\":{\"watcher_user_ids\":[]}}", "key" },
  { "18f_put_unknown_priority.json", 200, "PUT", "/api/v1/tickets/{T}", "{\"priority_id\":\"{R}\"}", "key" },
  { "19_services.json", 200, "GET", "/api/v1/services?is_active=true&limit=3", NULL, "key" },
  { "20a_te_no_period.json", 400, "POST", "/api/v1/time-entries", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{S}\",\"start_time\":\"2099-01-05T10:00:00Z\",\"end_time\":\"2099-01-05T10:30:00Z\"}", "key" },
  { "20b_te_valid.json", 201, "POST", "/api/v1/time-entries", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{S}\",\"start_time\":\"{D}T23:30:00Z\",\"end_time\":\"{D}T23:55:00Z\",\"notes\":\"probe valid\"}", "key" },
  { "20c_te_overlap.json", 409, "POST", "/api/v1/time-entries", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{S}\",\"start_time\":\"{D}T23:40:00Z\",\"end_time\":\"{D}T23:50:00Z\"}", "key" },
  { "20d_te_no_service.json", 400, "POST", "/api/v1/time-entries", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"start_time\":\"{D}T20:00:00Z\",\"end_time\":\"{D}T20:30:00Z\"}", "key" },
  { "20e_te_offset.json", 400, "POST", "/api/v1/time-entries", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{S}\",\"start_time\":\"{D}T20:00:00+02:00\",\"end_time\":\"{D}T20:30:00+02:00\"}", "key" },
  { "55_timer_active_none.json", 200, "GET", "/api/v1/time-entries/active-session", NULL, "key" },
  { "55b_timer_start_no_service.json", 400, "POST", "/api/v1/time-entries/start-tracking", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\"}", "key" },
  { "55c_timer_start_empty.json", 400, "POST", "/api/v1/time-entries/start-tracking", "{}", "key" },
  { "55d_timer_start_badjson.json", 500, "POST", "/api/v1/time-entries/start-tracking", "{\"work_item_type\":", "key" },
  { "55e_timer_start_disp.json", 403, "POST", "/api/v1/time-entries/start-tracking", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{S}\",\"notes\":\"timer started by the samples test\"}", "disp" },
  { "55f_timer_active_post_405", 405, "POST", "/api/v1/time-entries/active-session", "{}", "key" },
  { "55g_timer_start_get_405", 405, "GET", "/api/v1/time-entries/start-tracking", NULL, "key" },
  { "56_timer_start.json", 201, "POST", "/api/v1/time-entries/start-tracking", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{S}\",\"notes\":\"timer started by the samples test\"}", "key" },
  { "56b_timer_active.json", 200, "GET", "/api/v1/time-entries/active-session", NULL, "key" },
  { "56c_timer_start_second.json", 409, "POST", "/api/v1/time-entries/start-tracking", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{S}\",\"notes\":\"timer started by the samples test\"}", "key" },
  { "56d_timer_active_tech_none.json", 200, "GET", "/api/v1/time-entries/active-session", NULL, "tech" },
  { "56e_timer_start_unknown_ticket_tech.json", 201, "POST", "/api/v1/time-entries/start-tracking", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{R}\",\"service_id\":\"{S}\"}", "tech" },
  { "56h_timer_start_unknown_service.json", 400, "POST", "/api/v1/time-entries/start-tracking", "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{R}\"}", "tech" },
  { "56i_timer_start_adhoc_no_item.json", 201, "POST", "/api/v1/time-entries/start-tracking", "{\"work_item_type\":\"ad_hoc\",\"service_id\":\"{S}\"}", "tech" },
  { "57_timer_stop.json", 201, "POST", "/api/v1/time-entries/stop-tracking/{SID}", "{\"notes\":\"stopped by the samples test\"}", "key" },
  { "57b_timer_stop_again.json", 404, "POST", "/api/v1/time-entries/stop-tracking/{SID}", "{}", "key" },
  { "57c_timer_stop_other_users.json", 404, "POST", "/api/v1/time-entries/stop-tracking/{SID}", "{}", "key" },
  { "57d_timer_stop_notuuid.json", 500, "POST", "/api/v1/time-entries/stop-tracking/not-a-uuid", "{}", "key" },
  { "57e_timer_stop_nobody.json", 500, "POST", "/api/v1/time-entries/stop-tracking/{SID}", "", "tech" },
  { "57f_timer_stop_offset.json", 400, "POST", "/api/v1/time-entries/stop-tracking/{SID}", "{\"end_time\":\"{D}T22:30:00+02:00\"}", "tech" },
  { "57g_timer_stop_end_before_start.json", 201, "POST", "/api/v1/time-entries/stop-tracking/{SID}", "{\"end_time\":\"{D}T20:05:00Z\",\"notes\":\"stopped with an end before the start\",\"is_billable\":true}", "tech" },
  { "57h_timer_active_after_stop.json", 200, "GET", "/api/v1/time-entries/active-session", NULL, "key" },
  { "57i_timer_stop_nonbillable_service_override.json", 201, "POST", "/api/v1/time-entries/stop-tracking/{SID}", "{\"notes\":\"\",\"service_id\":\"{S}\",\"is_billable\":false}", "tech" },
  { "58_te_list_running.json", 200, "GET", "/api/v1/time-entries?user_id={ME}&date_from={TD}&date_to={TD}", NULL, "key" },
  { "58b_ticket_te_summary_running.json", 200, "GET", "/api/v1/tickets/{T}/time-entries", NULL, "key" },
  { "58d_ticket_te_summary_after_stop.json", 200, "GET", "/api/v1/tickets/{T}/time-entries", NULL, "key" },
  { "58e_te_list_bad_date.json", 400, "GET", "/api/v1/time-entries?user_id={ME}&date_from=06.12.2026", NULL, "key" },
  { "58f_te_list_tech_sees_glinda.json", 200, "GET", "/api/v1/time-entries?user_id={U}&sort=start_time&order=asc", NULL, "tech" },
  { "58k_te_get_timer_entry.json", 200, "GET", "/api/v1/time-entries/{SID}", NULL, "key" },
  { "58l_te_list_by_ticket.json", 200, "GET", "/api/v1/time-entries?work_item_id={T}&work_item_type=ticket&limit=5", NULL, "key" },
  { "21_users_search.json", 401, "GET", "/api/v1/users/search?query=alex", NULL, "key" },
  { "21b_users_list.json", 200, "GET", "/api/v1/users?limit=2", NULL, "key" },
  { "22_activities.json", 200, "GET", "/api/v1/activities?type=notification&page=1&pageSize=5", NULL, "key" },
  { "23_exchange_bogus.json", 401, "POST", "/api/v1/mobile/auth/exchange", "{\"ott\":\"bogus-ott\",\"state\":\"s1\"}", "none" },
  { "23b_exchange_empty.json", 400, "POST", "/api/v1/mobile/auth/exchange", "{}", "none" },
  { "25_nonexistent.html", 404, "GET", "/api/v1/nonexistent", NULL, "key" },
  { "25b_nonexistent_nokey.json", 401, "GET", "/api/v1/nonexistent", NULL, "none" },
  { "33_patch_405", 405, "PATCH", "/api/v1/tickets/{T}", NULL, "key" },
  { "34_status_badjson.json", 500, "PUT", "/api/v1/tickets/{T}/status", "{\"status_id\":", "key" },
  { "34b_assign_badjson.json", 500, "PUT", "/api/v1/tickets/{T}/assignment", "{x", "key" },
  { "35_fields_bogus.json", 400, "GET", "/api/v1/tickets?fields=bogus,title", NULL, "key" },
  { "36_limit101.json", 400, "GET", "/api/v1/tickets?limit=101", NULL, "key" },
  { "37_page_beyond.json", 200, "GET", "/api/v1/tickets?page=99", NULL, "key" },
  { "40_post_blocknote.json", 201, "POST", "/api/v1/tickets/{T}/comments", "{\"comment_text\":\"[{\\\"type\\\":\\\"paragraph\\\",\\\"content\\\":[{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"Hello \\\",\\\"styles\\\":{}},{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"bold\\\",\\\"styles\\\":{\\\"bold\\\":true}}]}]\"}", "key" },
  { "41_refresh_bogus.json", 401, "POST", "/api/v1/mobile/auth/refresh", "{\"refreshToken\":\"bogus\"}", "none" },
  { "42_revoke_bogus.json", 200, "POST", "/api/v1/mobile/auth/revoke", "{\"refreshToken\":\"bogus\"}", "none" },
  { "43b_handoff_http", 302, "GET", "/auth/mobile/handoff?redirect=http%3A%2F%2F127.0.0.1%3A9%2Fauth%2Fcallback&state=abc", NULL, "none" },
  { "47a_exchange_wrong_state.json", 401, "POST", "/api/v1/mobile/auth/exchange", "{\"ott\":\"{OTT}\",\"state\":\"wrong\"}", "none" },
  { "47b_exchange_ce.json", 403, "POST", "/api/v1/mobile/auth/exchange", "{\"ott\":\"{OTT}\",\"state\":\"st-probe-1\"}", "none" },
  { "47c_exchange_ce_reuse.json", 401, "POST", "/api/v1/mobile/auth/exchange", "{\"ott\":\"{OTT}\",\"state\":\"st-probe-1\"}", "none" },
};

/* Members whose contents depend on the data or the query, not on the shape. */
static const char * const skip[] = {
  "tickets_by_status", "tickets_by_priority", "tickets_by_category", "tickets_by_board",
  "filters", "attributes", "metadata", "reaction_user_names", NULL,
};

typedef struct
{
  AlgaTestServer *server;
  SoupSession    *session;
  GHashTable     *vars;
} Fixture;

static char *
expand (Fixture    *fixture,
        const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *end;

      if (*p == '{' && (end = strchr (p, '}')) != NULL && end - p <= 4 && end - p >= 2)
        {
          g_autofree char *name = g_strndup (p + 1, end - p - 1);
          const char *value = g_hash_table_lookup (fixture->vars, name);

          if (value != NULL)
            {
              g_string_append (out, value);
              p = end;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
get_json (Fixture    *fixture,
          const char *path)
{
  g_autofree char *url = g_strconcat (alga_test_server_get_url (fixture->server), path, NULL);
  g_autoptr(AlgaTestResponse) r = alga_test_http (fixture->session, "GET", url,
                                                  alga_test_server_get_api_key (fixture->server), NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_node_ref (r->json);
}

/* A fresh CE server, and an OTT from its handoff for state "st-probe-1". */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(JsonNode) statuses = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -1);
  const char *t = NULL;
  const char *board;
  JsonArray *array;
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new_full (7, 60, ALGA_TEST_EDITION_COMMUNITY, 0, &error);
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
  fixture->vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  t = alga_test_server_get_my_ticket_id (fixture->server);
  g_assert_nonnull (t);
  g_hash_table_insert (fixture->vars, (char *) "T", g_strdup (t));
  g_hash_table_insert (fixture->vars, (char *) "U", g_strdup (alga_test_server_get_other_user_id (fixture->server)));
  g_hash_table_insert (fixture->vars, (char *) "R", g_strdup ("0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c"));
  g_hash_table_insert (fixture->vars, (char *) "D", g_date_time_format (day, "%Y-%m-%d"));
  g_hash_table_insert (fixture->vars, (char *) "TD", g_date_time_format (now, "%Y-%m-%d"));
  g_hash_table_insert (fixture->vars, (char *) "ME", g_strdup (alga_test_server_get_user_id (fixture->server)));

  {
    g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", t);

    detail = get_json (fixture, path);
  }
  board = alga_test_json_string (detail, "data.board_id");
  statuses = get_json (fixture, "/api/v1/tickets/statuses");
  array = json_node_get_array (alga_test_json_at (statuses, "data"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *s = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (s, "status_id");

      if (!g_str_equal (json_object_get_string_member (s, "board_id"), board))
        g_hash_table_insert (fixture->vars, (char *) "OS", g_strdup (id));
      else if (!json_object_get_boolean_member (s, "is_closed") &&
               !g_str_equal (id, alga_test_json_string (detail, "data.status_id")))
        g_hash_table_insert (fixture->vars, (char *) "SS", g_strdup (id));
    }
  {
    g_autoptr(JsonNode) services = get_json (fixture, "/api/v1/services?limit=1");

    g_hash_table_insert (fixture->vars, (char *) "S", g_strdup (alga_test_json_string (services, "data.0.service_id")));
  }
  {
    g_autofree char *url = g_strdup_printf ("%s/auth/mobile/handoff?redirect=alga://auth/callback&state=st-probe-1",
                                            alga_test_server_get_url (fixture->server));
    g_autoptr(AlgaTestResponse) r = alga_test_http (fixture->session, "GET", url, NULL, NULL, NULL);
    g_autoptr(GUri) location = g_uri_parse (soup_message_headers_get_one (r->headers, "Location"), G_URI_FLAGS_NONE, NULL);
    g_autoptr(GHashTable) params = soup_form_decode (g_uri_get_query (location));

    g_hash_table_insert (fixture->vars, (char *) "OTT", g_strdup (g_hash_table_lookup (params, "ott")));
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->server);
  g_hash_table_unref (fixture->vars);
}

/* Starts a timer on the ticket with this key and keeps its session id as {SID}. */
static void
start_timer (Fixture    *fixture,
             const char *key)
{
  g_autofree char *url = g_strconcat (alga_test_server_get_url (fixture->server),
                                      "/api/v1/time-entries/start-tracking", NULL);
  g_autofree char *body = expand (fixture, "{\"work_item_type\":\"ticket\",\"work_item_id\":\"{T}\",\"service_id\":\"{S}\"}");
  g_autoptr(AlgaTestResponse) r = alga_test_http (fixture->session, "POST", url, key, body, NULL);

  g_assert_cmpuint (r->status, ==, 201);
  g_hash_table_insert (fixture->vars, (char *) "SID", g_strdup (alga_test_json_string (r->json, "data.session_id")));
}

static void
stop_timer (Fixture    *fixture,
            const char *key)
{
  g_autofree char *path = expand (fixture, "/api/v1/time-entries/stop-tracking/{SID}");
  g_autofree char *url = g_strconcat (alga_test_server_get_url (fixture->server), path, NULL);
  g_autoptr(AlgaTestResponse) r = alga_test_http (fixture->session, "POST", url, key, "{}", NULL);

  g_assert_cmpuint (r->status, ==, 201);
}

/* The timer samples that need a session started (and some, stopped again) before them. */
static const char * const after_start[] = {
  "56b_", "56c_", "57_", "57b_", "57e_", "57f_", "57g_", "57h_", "57i_", "58_", "58b_", "58d_", "58k_", NULL,
};
static const char * const after_stop[] = { "57b_", "57h_", "58d_", "58k_", NULL };

static gboolean
has_prefix_in (const char         *sample,
               const char * const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (sample, prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  user_data)
{
  const Case *c = user_data;
  g_autofree char *path_expanded = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  const char *key = NULL;
  const char *tenant = NULL;
  g_autoptr(AlgaTestResponse) r = NULL;

  if (c->body != NULL && (g_str_equal (c->body, "5000") || g_str_equal (c->body, "5001")))
    {
      g_autofree char *text = g_strnfill (g_ascii_strtoull (c->body, NULL, 10), 'a');

      body = g_strdup_printf ("{\"comment_text\":\"%s\"}", text);
    }

  if (g_str_equal (c->key, "key") || g_str_equal (c->key, "tech") || g_str_equal (c->key, "disp"))
    key = alga_test_server_get_api_key (fixture->server);
  if (g_str_equal (c->key, "tech"))
    alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  else if (g_str_equal (c->key, "disp"))
    alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_DISPATCHER);
  else if (g_str_equal (c->key, "wrong"))
    key = "0000000000000000000000000000000000000000000000000000000000000000";
  else if (g_str_equal (c->key, "tenant"))
    {
      key = alga_test_server_get_api_key (fixture->server);
      tenant = "11111111-2222-4333-8444-555555555555";
    }

  /* The answers that depend on earlier requests. */
  if (has_prefix_in (c->sample, after_start))
    start_timer (fixture, key);
  if (has_prefix_in (c->sample, after_stop))
    stop_timer (fixture, key);
  if (g_str_has_prefix (c->sample, "57c_"))
    {
      g_autofree char *other = alga_test_server_create_api_key (fixture->server,
                                                                alga_test_server_get_other_user_id (fixture->server));

      start_timer (fixture, other);
    }
  /* After the timer's requests, which may change {SID}. */
  if (c->body != NULL && body == NULL)
    body = expand (fixture, c->body);
  path_expanded = expand (fixture, c->path);
  url = g_strconcat (alga_test_server_get_url (fixture->server), path_expanded, NULL);

  if (g_str_has_prefix (c->sample, "47c"))
    {
      g_autofree char *first = expand (fixture, c->body);
      g_autoptr(AlgaTestResponse) before = alga_test_http (fixture->session, "POST", url, NULL, first, NULL);

      g_assert_cmpuint (before->status, ==, 403);
    }
  if (g_str_has_prefix (c->sample, "20c"))
    {
      g_autofree char *valid = expand (fixture, cases[42].body);
      g_autoptr(AlgaTestResponse) before = alga_test_http (fixture->session, "POST", url, key, valid, NULL);

      g_assert_cmpstr (cases[42].sample, ==, "20b_te_valid.json");
      g_assert_cmpuint (before->status, ==, 201);
    }

  if (tenant != NULL)
    r = alga_test_http (fixture->session, c->method, url, key, body, "x-tenant-id", tenant, NULL);
  else
    r = alga_test_http (fixture->session, c->method, url, key, body, NULL);
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, c->status);

  if (g_str_has_suffix (c->sample, ".json"))
    {
      g_autofree char *text = alga_test_read_sample (c->sample, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *why = NULL;

      g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
      g_assert_nonnull (r->json);
      if (!alga_test_json_same_shape (r->json, json_parser_get_root (parser), skip, &why))
        g_error ("%s: %s\n%s", c->sample, why, r->body);
      g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/json");
    }
  else if (g_str_has_suffix (c->sample, ".html"))
    g_assert_true (g_str_has_prefix (soup_message_headers_get_one (r->headers, "Content-Type"), "text/html"));
  else if (c->status == 405)
    g_assert_cmpuint (r->length, ==, 0);
  else if (c->status == 302)
    g_assert_true (g_str_has_suffix (soup_message_headers_get_one (r->headers, "Location"),
                                     "/auth/signin?error=invalid_redirect"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *base = g_strdup (cases[i].sample);
      g_autofree char *name = NULL;
      char *dot = strchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      name = g_strdup_printf ("/server/samples/%s", base);
      g_test_add (name, Fixture, &cases[i], fixture_set_up, test_sample, fixture_tear_down);
    }
  return g_test_run ();
}
