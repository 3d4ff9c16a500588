/* test-timer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaTimer: the app's own timer, kept in a file so that it outlives the process; and the
 * client's calls around time (the list with its filters, the server's session, a correction),
 * against the test server over loopback as a Technician.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-client.h"
#include "alga-error.h"
#include "alga-test-credentials.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-time-entry.h"
#include "alga-timer.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("alga-timer-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: the first start makes it. */
  fixture->path = g_build_filename (fixture->dir, "timers", "account.timer", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *timers = g_path_get_dirname (fixture->path);

  g_remove (fixture->path);
  g_rmdir (timers);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static AlgaTimer *
load (const char  *path,
      GError     **error)
{
  g_autoptr(AlgaTimer) timer = alga_timer_new (path);
  g_autoptr(GAsyncResult) result = NULL;

  alga_timer_load_async (timer, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  if (!alga_timer_load_finish (timer, result, error))
    return NULL;
  return g_steal_pointer (&timer);
}

/* A timer started in one process is running, with the same start, in the next. */
static void
test_survives_restart (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTimer) first = NULL;
  g_autoptr(AlgaTimer) second = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 12, 7, 9, 15, 30);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (start, 95);

  first = load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (alga_timer_get_running (first));

  alga_timer_start (first, "6f1f7c1e-0000-4000-8000-000000000001", "TIC001053", "Printer on fire", start);
  g_assert_true (alga_timer_get_running (first));
  /* The file is written in a thread; the timer holds itself until the write has landed. */
  alga_test_wait_for_sole_reference (first, 10000);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* As after a crash: the first object is simply gone, nothing was flushed. */
  g_clear_object (&first);
  second = load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (alga_timer_get_running (second));
  g_assert_cmpstr (alga_timer_get_ticket_id (second), ==, "6f1f7c1e-0000-4000-8000-000000000001");
  g_assert_cmpstr (alga_timer_get_ticket_number (second), ==, "TIC001053");
  g_assert_cmpstr (alga_timer_get_ticket_title (second), ==, "Printer on fire");
  g_assert_true (g_date_time_equal (alga_timer_get_start (second), start));
  g_assert_cmpint (alga_timer_get_elapsed (second, later), ==, 95 * G_TIME_SPAN_MINUTE);

  /* Logged: the file goes, and the next process has no timer. */
  alga_timer_clear (second);
  g_assert_false (alga_timer_get_running (second));
  alga_test_wait_for_sole_reference (second, 10000);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* A start and a stop in quick succession land in order: the last state wins on disk. */
static void
test_writes_in_order (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AlgaTimer) timer = alga_timer_new (fixture->path);
  g_autoptr(GDateTime) start = g_date_time_new_now_utc ();
  g_autoptr(AlgaTimer) again = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      alga_timer_start (timer, "a", "TIC1", NULL, start);
      alga_timer_clear (timer);
    }
  alga_timer_start (timer, "b", "TIC2", NULL, start);
  /* What the application does at shutdown: the last state is on disk when it returns. */
  alga_timer_flush (timer);
  again = load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_timer_get_ticket_id (again), ==, "b");
  alga_test_wait_for_sole_reference (timer, 10000);
}

/* A file that is not a timer is an error, and stays for the technician to see. */
static void
test_bad_file_kept (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTimer) timer = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, "[Timer]\nticket-id=x\nstart=yesterday\n", -1, NULL));
  timer = load (fixture->path, &error);
  g_assert_nonnull (error);
  g_assert_null (timer);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* Reminders after 1, 2, 4 and 8 hours, each once, also across a restart; after a long absence
 * only the latest. */
static void
test_reminders (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AlgaTimer) timer = alga_timer_new (fixture->path);
  g_autoptr(AlgaTimer) again = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 12, 7, 8, 0, 0);
  g_autoptr(GDateTime) at_59 = g_date_time_add_minutes (start, 59);
  g_autoptr(GDateTime) at_61 = g_date_time_add_minutes (start, 61);
  g_autoptr(GDateTime) at_300 = g_date_time_add_minutes (start, 300);
  g_autoptr(GDateTime) at_600 = g_date_time_add_minutes (start, 600);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (alga_timer_until_next_reminder (timer, at_59), ==, -1);
  alga_timer_start (timer, "t", "TIC1", NULL, start);
  g_assert_cmpint (alga_timer_until_next_reminder (timer, at_59), ==, G_TIME_SPAN_MINUTE);
  g_assert_cmpint (alga_timer_take_due_reminder (timer, at_59), ==, 0);
  g_assert_cmpint (alga_timer_take_due_reminder (timer, at_61), ==, 1);
  g_assert_cmpint (alga_timer_take_due_reminder (timer, at_61), ==, 0);
  g_assert_cmpint (alga_timer_until_next_reminder (timer, at_61), ==, 59 * G_TIME_SPAN_MINUTE);
  /* Five hours on (the app was not running): the 4-hour one, not the 2-hour one too. */
  g_assert_cmpint (alga_timer_take_due_reminder (timer, at_300), ==, 4);
  alga_timer_flush (timer);

  again = load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (alga_timer_take_due_reminder (again, at_300), ==, 0);
  g_assert_cmpint (alga_timer_until_next_reminder (again, at_300), ==, 180 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (alga_timer_take_due_reminder (again, at_600), ==, 8);
  g_assert_cmpint (alga_timer_until_next_reminder (again, at_600), ==, -1);
  alga_test_wait_for_sole_reference (timer, 10000);
  alga_test_wait_for_sole_reference (again, 10000);
}

/* "Ran through a night" is about local days (the tests run at UTC+05:30). */
static void
test_overnight (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AlgaTimer) timer = alga_timer_new (fixture->path);
  /* 17:00 and 18:00 UTC are 22:30 and 23:30 the same local day; 19:00 UTC is the next one. */
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 12, 7, 17, 0, 0);
  g_autoptr(GDateTime) same_day = g_date_time_new_utc (2026, 12, 7, 18, 0, 0);
  g_autoptr(GDateTime) next_day = g_date_time_new_utc (2026, 12, 7, 19, 0, 0);

  alga_timer_start (timer, "t", "TIC1", NULL, start);
  g_assert_false (alga_timer_ran_overnight (timer, same_day));
  g_assert_true (alga_timer_ran_overnight (timer, next_day));
  alga_timer_clear (timer);
  alga_timer_flush (timer);
  alga_test_wait_for_sole_reference (timer, 10000);
}

/* The client's calls ------------------------------------------------------------------------ */

typedef struct
{
  AlgaTestServer      *server;
  AlgaClient          *client;
  AlgaTestCredentials *credentials;
} ClientFixture;

static void
client_set_up (ClientFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
}

static void
client_tear_down (ClientFixture *fixture,
                  gconstpointer  data)
{
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->client), 30000);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
}

static AlgaTimeEntry *
create_entry (ClientFixture *fixture,
              GDateTime     *start,
              GDateTime     *end,
              const char    *service_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTimeEntry *entry;

  alga_client_create_time_entry_async (fixture->client, alga_test_server_get_my_ticket_id (fixture->server),
                                       service_id, start, end, "worked", TRUE, NULL,
                                       alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  entry = alga_client_create_time_entry_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return entry;
}

static GPtrArray *
list_entries (ClientFixture *fixture,
              const char    *user_id,
              const char    *from,
              const char    *to,
              const char    *ticket_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  alga_client_list_time_entries_async (fixture->client, user_id, from, to, ticket_id, 1, 100, NULL,
                                       alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  entries = alga_client_list_time_entries_finish (fixture->client, result, NULL, &error);
  g_assert_no_error (error);
  return entries;
}

/* The day's entries, in order, with the filters the server applies; then a correction by PUT. */
static void
test_list_and_correct (ClientFixture *fixture,
                       gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                  g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) a_start = g_date_time_add_hours (day, -20);
  g_autoptr(GDateTime) a_end = g_date_time_add_minutes (a_start, 30);
  g_autoptr(GDateTime) b_start = g_date_time_add_hours (day, -22);
  g_autoptr(GDateTime) b_end = g_date_time_add_minutes (b_start, 45);
  g_autoptr(GDateTime) new_end = g_date_time_add_minutes (a_start, 50);
  g_autofree char *yesterday = NULL;
  g_autoptr(AlgaTimeEntry) a = NULL;
  g_autoptr(AlgaTimeEntry) b = NULL;
  g_autoptr(AlgaTimeEntry) corrected = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) yesterday_day = g_date_time_add_days (day, -1);
  const char *service_id;

  yesterday = g_date_time_format (yesterday_day, "%Y-%m-%d");
  /* A Technician cannot read /services: the service of an entry the key can read will do. */
  {
    g_autoptr(GPtrArray) any = list_entries (fixture, NULL, NULL, NULL, NULL);

    g_assert_cmpuint (any->len, >, 0);
    service_id = alga_time_entry_get_service_id (g_ptr_array_index (any, 0));
    g_assert_nonnull (service_id);
    a = create_entry (fixture, a_start, a_end, service_id);
    b = create_entry (fixture, b_start, b_end, service_id);
  }

  entries = list_entries (fixture, me, yesterday, yesterday, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  /* Earliest first, whatever order they were made in. */
  g_assert_cmpstr (alga_time_entry_get_entry_id (g_ptr_array_index (entries, 0)), ==, alga_time_entry_get_entry_id (b));
  g_assert_cmpstr (alga_time_entry_get_entry_id (g_ptr_array_index (entries, 1)), ==, alga_time_entry_get_entry_id (a));
  none = list_entries (fixture, alga_test_server_get_other_user_id (fixture->server), yesterday, yesterday, NULL);
  g_assert_cmpuint (none->len, ==, 0);

  alga_client_update_time_entry_async (fixture->client, alga_time_entry_get_entry_id (a), NULL, new_end,
                                       NULL, "corrected", -1, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  corrected = alga_client_update_time_entry_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_time_entry_get_notes (corrected), ==, "corrected");
  g_assert_cmpint (alga_time_entry_get_billable_duration (corrected), ==, 50);
  g_assert_true (g_date_time_equal (alga_time_entry_get_end_time (corrected), new_end));
}

/* Another user's entry cannot be corrected: the server's 403 reaches the caller. */
static void
test_correct_others_refused (ClientFixture *fixture,
                             gconstpointer  data)
{
  const char *other_id = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *other_key = alga_test_server_create_api_key (fixture->server, other_id);
  g_autoptr(AlgaTestCredentials) other_credentials = alga_test_credentials_new (NULL);
  g_autoptr(GPtrArray) mine = list_entries (fixture, NULL, NULL, NULL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_hours (now, -30);
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, 20);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTimeEntry) theirs = NULL;
  g_autoptr(AlgaTimeEntry) entry = NULL;
  AlgaClient *mine_client = fixture->client;

  /* The other user logs an entry with their own key. */
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  alga_test_credentials_set_key (other_credentials, other_key);
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (other_credentials));
  theirs = create_entry (fixture, start, end, alga_time_entry_get_service_id (g_ptr_array_index (mine, 0)));
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->client), 30000);
  fixture->client = mine_client;

  alga_client_update_time_entry_async (fixture->client, alga_time_entry_get_entry_id (theirs),
                                       NULL, NULL, NULL, "not mine", -1, NULL,
                                       alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  entry = alga_client_update_time_entry_finish (fixture->client, result, &error);
  g_assert_null (entry);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN);
}

/* A session started elsewhere (the phone) is found, and stopping it here makes an entry. */
static void
test_active_session (ClientFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTimeEntry) none = NULL;
  g_autoptr(AlgaTimeEntry) session = NULL;
  g_autoptr(AlgaTimeEntry) stopped = NULL;
  g_autoptr(AlgaTimeEntry) after = NULL;
  g_autoptr(JsonNode) started = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GPtrArray) any = list_entries (fixture, NULL, NULL, NULL, NULL);
  g_autofree char *text = NULL;

  alga_client_get_active_session_async (fixture->client, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  none = alga_client_get_active_session_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_clear_object (&result);

  /* The phone's start, as the phone app sends it. */
  text = g_strdup_printf ("{\"work_item_type\":\"ticket\",\"work_item_id\":\"%s\",\"service_id\":\"%s\"}",
                          alga_test_server_get_my_ticket_id (fixture->server),
                          alga_time_entry_get_service_id (g_ptr_array_index (any, 0)));
  body = json_from_string (text, NULL);
  alga_client_request_async (fixture->client, "POST", "/api/v1/time-entries/start-tracking", NULL, body,
                             ALGA_REQUEST_DEFAULT, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  started = alga_client_request_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  alga_client_get_active_session_async (fixture->client, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  session = alga_client_get_active_session_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_true (alga_time_entry_get_is_running (session));
  g_assert_cmpstr (alga_time_entry_get_work_item_id (session), ==, alga_test_server_get_my_ticket_id (fixture->server));
  g_clear_object (&result);

  alga_client_stop_session_async (fixture->client, alga_time_entry_get_entry_id (session), NULL, NULL,
                                  "stopped on the desktop", 1, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  stopped = alga_client_stop_session_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_false (alga_time_entry_get_is_running (stopped));
  g_assert_cmpstr (alga_time_entry_get_notes (stopped), ==, "stopped on the desktop");
  g_clear_object (&result);

  alga_client_get_active_session_async (fixture->client, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  after = alga_client_get_active_session_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_null (after);
}

int
main (int   argc,
      char *argv[])
{
  /* The local day differs from the UTC day, as for most technicians. */
  g_setenv ("TZ", "Asia/Kolkata", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/timer/survives-restart", Fixture, NULL, fixture_set_up, test_survives_restart, fixture_tear_down);
  g_test_add ("/timer/writes-in-order", Fixture, NULL, fixture_set_up, test_writes_in_order, fixture_tear_down);
  g_test_add ("/timer/bad-file-kept", Fixture, NULL, fixture_set_up, test_bad_file_kept, fixture_tear_down);
  g_test_add ("/timer/reminders", Fixture, NULL, fixture_set_up, test_reminders, fixture_tear_down);
  g_test_add ("/timer/overnight", Fixture, NULL, fixture_set_up, test_overnight, fixture_tear_down);
  g_test_add ("/timer/client/list-and-correct", ClientFixture, NULL, client_set_up, test_list_and_correct, client_tear_down);
  g_test_add ("/timer/client/correct-others-refused", ClientFixture, NULL, client_set_up, test_correct_others_refused, client_tear_down);
  g_test_add ("/timer/client/active-session", ClientFixture, NULL, client_set_up, test_active_session, client_tear_down);
  return g_test_run ();
}
