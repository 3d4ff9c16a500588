/* test-notify.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Desktop notifications end to end on a private bus (GTestDBus): the watcher polls the test
 * server, AlgaNotifier sends through a real GApplication's GNotification (the freedesktop
 * backend), and a test org.freedesktop.Notifications server on its own connection records
 * what arrives and invokes actions as a notification daemon would.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-client.h"
#include "alga-notifier.h"
#include "alga-timer-reminders.h"
#include "alga-test-server.h"
#include "alga-test-credentials.h"
#include "alga-test-utils.h"
#include "alga-ticket-repository.h"
#include "alga-watcher.h"

/* One bus, one notification daemon and one app for the whole run, as in a session: the
 * fixture only resets what they recorded. */
static GTestDBus *test_bus;
static GDBusConnection *daemon_connection;
static guint daemon_object_id;
static GApplication *test_app;
static struct _Fixture *current;

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

/* What the notification server was asked. */

typedef struct
{
  guint     id;
  char     *app_name;
  guint     replaces_id;
  char     *app_icon;
  char     *summary;
  char     *body;
  char    **actions;
  GVariant *hints;
} Notify;

static void
notify_free (Notify *notify)
{
  g_free (notify->app_name);
  g_free (notify->app_icon);
  g_free (notify->summary);
  g_free (notify->body);
  g_strfreev (notify->actions);
  g_variant_unref (notify->hints);
  g_free (notify);
}

typedef struct _Fixture
{
  AlgaTestServer  *server;
  AlgaClient      *client;
  AlgaTestCredentials    *credentials;
  char            *dir;
  GFile           *state_file;
  AlgaTicketRepository *tickets;
  AlgaWatcher     *watcher;
  AlgaNotifier    *notifier;
  GSettings       *settings;
  GPtrArray       *sent_ids;   /* notification ids the notifier used */
  GPtrArray       *notifies;
  guint            capabilities_asked;
  guint            events;
  guint            polls;
  GPtrArray       *opened;     /* ticket ids given to app.open-ticket */
  GPtrArray       *assigned;   /* ticket ids given to app.assign-ticket */
  guint            activated;
} Fixture;

static guint next_notification_id;

static void
daemon_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  Fixture *fixture = current;

  g_assert_nonnull (fixture);
  if (g_str_equal (method_name, "Notify"))
    {
      Notify *notify = g_new0 (Notify, 1);
      gint32 timeout;

      g_variant_get (parameters, "(susss^as@a{sv}i)", &notify->app_name, &notify->replaces_id,
                     &notify->app_icon, &notify->summary, &notify->body, &notify->actions,
                     &notify->hints, &timeout);
      notify->id = notify->replaces_id != 0 ? notify->replaces_id : ++next_notification_id;
      g_ptr_array_add (fixture->notifies, notify);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notify->id));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      guint id;

      g_variant_get (parameters, "(u)", &id);
      g_dbus_connection_emit_signal (connection, NULL, "/org/freedesktop/Notifications",
                                     "org.freedesktop.Notifications", "NotificationClosed",
                                     g_variant_new ("(uu)", id, 3), NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", "icon-static", "persistence", NULL };

      fixture->capabilities_asked++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test-notifications",
                                                            "Alga", "1.0", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_dbus_error (invocation,
                                                  "org.freedesktop.DBus.Error.UnknownMethod",
                                                  method_name);
    }
}

static const GDBusInterfaceVTable daemon_vtable = { daemon_method_cb, NULL, NULL, { 0 } };

static void
start_daemon (void)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 result;

  daemon_connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                              G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                              | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                              NULL, NULL, &error);
  g_assert_no_error (error);
  daemon_object_id = g_dbus_connection_register_object (daemon_connection,
                                                        "/org/freedesktop/Notifications",
                                                        info->interfaces[0], &daemon_vtable,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (daemon_connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);
}

static void
stop_daemon (void)
{
  g_dbus_connection_unregister_object (daemon_connection, daemon_object_id);
  g_dbus_connection_close_sync (daemon_connection, NULL, NULL);
  g_clear_object (&daemon_connection);
}

static void
invoke (Fixture    *fixture,
        guint       id,
        const char *action_key)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (daemon_connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", id, action_key), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (daemon_connection, NULL, &error);
  g_assert_no_error (error);
}

/* The app's side. */

static void
open_ticket_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  Fixture *fixture = current;

  g_ptr_array_add (fixture->opened, g_variant_dup_string (parameter, NULL));
}

static void
assign_ticket_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Fixture *fixture = current;

  g_ptr_array_add (fixture->assigned, g_variant_dup_string (parameter, NULL));
}

static void
on_activate_cb (GApplication *app,
                gpointer      user_data)
{
  current->activated++;
}

static void
start_app (void)
{
  const GActionEntry entries[] = {
    { "open-ticket", open_ticket_cb, "s", NULL, NULL, { 0 } },
    { "assign-ticket", assign_ticket_cb, "s", NULL, NULL, { 0 } },
  };
  g_autoptr(GError) error = NULL;

  test_app = g_application_new ("com.nineminds.AlgaPSA.TestNotify", G_APPLICATION_DEFAULT_FLAGS);
  g_action_map_add_action_entries (G_ACTION_MAP (test_app), entries, G_N_ELEMENTS (entries), NULL);
  g_signal_connect (test_app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_assert_true (g_application_register (test_app, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (test_app));
}

static void
on_event_cb (AlgaWatcher *watcher,
             AlgaEvent   *event,
             Fixture     *fixture)
{
  fixture->events++;
  g_ptr_array_add (fixture->sent_ids, alga_notifier_dup_notification_id (event));
  alga_notifier_notify (fixture->notifier, event);
}

static void
on_polled_cb (AlgaWatcher  *watcher,
              const GError *error,
              Fixture      *fixture)
{
  g_assert_no_error ((GError *) error);
  fixture->polls++;
}

static void
wait_polls (Fixture *fixture,
            guint    n)
{
  guint target = fixture->polls + n;

  alga_test_wait_until (fixture->polls >= target, 20000);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  current = fixture;
  fixture->notifies = g_ptr_array_new_with_free_func ((GDestroyNotify) notify_free);
  fixture->opened = g_ptr_array_new_with_free_func (g_free);
  fixture->assigned = g_ptr_array_new_with_free_func (g_free);
  fixture->sent_ids = g_ptr_array_new_with_free_func (g_free);

  fixture->settings = g_settings_new (BASE_APP_ID);
  g_settings_reset (fixture->settings, "do-not-disturb");
  g_settings_reset (fixture->settings, "notifications-enabled");
  g_settings_reset (fixture->settings, "notify-unassigned");
  fixture->notifier = alga_notifier_new (test_app);

  fixture->server = alga_test_server_new ();
  /* A test given a role runs with it; the others as Admin. */
  if (data != NULL)
    alga_test_server_set_role (fixture->server, (AlgaTestRole) GPOINTER_TO_INT (data) - 1);
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (NULL);
  alga_test_credentials_set_key (fixture->credentials, alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));

  fixture->dir = g_dir_make_tmp ("alga-notify-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "watch-state.json", NULL);
  fixture->state_file = g_file_new_for_path (path);
  fixture->tickets = alga_ticket_repository_new (fixture->client, NULL);
  fixture->watcher = alga_watcher_new (fixture->tickets,
                                       alga_test_server_get_user_id (fixture->server),
                                       fixture->state_file);
  alga_watcher_set_interval_ms (fixture->watcher, 50);
  g_signal_connect (fixture->watcher, "event", G_CALLBACK (on_event_cb), fixture);
  g_signal_connect (fixture->watcher, "polled", G_CALLBACK (on_polled_cb), fixture);
  alga_watcher_start (fixture->watcher);
  wait_polls (fixture, 1);
}

/* A call to the notification daemon on the application's connection, answered after every
 * message sent before it on that connection (a withdrawal's CloseNotification) was handled. */
static void
daemon_round_trip (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_application_get_dbus_connection (test_app);

  g_dbus_connection_call (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                          "org.freedesktop.Notifications", "GetCapabilities", NULL,
                          G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 30000);
  reply = g_dbus_connection_call_finish (bus, result, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->state_file);

  alga_watcher_stop (fixture->watcher);
  /* A poll cut short holds the watcher until it ends on the main context. */
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->watcher), 30000);
  g_clear_object (&fixture->tickets);
  g_assert_finalize_object (fixture->notifier);
  /* The next test's server hands out the same ids: start it with no notification shown. */
  for (guint i = 0; i < fixture->sent_ids->len; i++)
    g_application_withdraw_notification (test_app, g_ptr_array_index (fixture->sent_ids, i));
  daemon_round_trip ();
  g_object_unref (fixture->settings);

  g_unlink (path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_object_unref (fixture->state_file);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&fixture->client), 30000);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);

  g_ptr_array_unref (fixture->notifies);
  g_ptr_array_unref (fixture->opened);
  g_ptr_array_unref (fixture->assigned);
  g_ptr_array_unref (fixture->sent_ids);
  current = NULL;
}

static Notify *
notify_at (Fixture *fixture,
           guint    i)
{
  return g_ptr_array_index (fixture->notifies, i);
}

static char *
ticket_number (Fixture    *fixture,
               const char *ticket_id)
{
  g_autofree char *json = alga_test_server_dup_ticket_json (fixture->server, ticket_id);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return g_strdup (json_object_get_string_member (json_node_get_object (node), "ticket_number"));
}

static void
assert_has_icon (Notify *notify)
{
  const char *image = NULL;

  g_variant_lookup (notify->hints, "image-path", "&s", &image);
  g_assert_true (g_strcmp0 (notify->app_icon, APP_ID) == 0 || g_strcmp0 (image, APP_ID) == 0);
}

static void
test_assigned (Fixture       *fixture,
               gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *id = alga_test_server_create_ticket (fixture->server, "Printer on fire", NULL);
  g_autofree char *number = ticket_number (fixture, id);
  g_autofree char *summary = g_strdup_printf ("%s · Printer on fire", number);
  Notify *notify;

  g_assert_true (alga_test_server_assign_ticket (fixture->server, id, me, other));
  alga_test_wait_until (fixture->notifies->len > 0, 20000);
  wait_polls (fixture, 3);
  /* A fixed time on purpose: no other notification arrives in it. */
  alga_test_spin (50);

  g_assert_cmpuint (fixture->notifies->len, ==, 1);
  notify = notify_at (fixture, 0);
  g_assert_cmpstr (notify->summary, ==, summary);
  g_assert_nonnull (strstr (notify->body, "Assigned to you"));
  g_assert_cmpuint (notify->replaces_id, ==, 0);
  g_assert_cmpstr (notify->actions[0], ==, "default");
  g_assert_cmpuint (g_strv_length (notify->actions), ==, 2);
  assert_has_icon (notify);

  /* A click on it opens that ticket. */
  invoke (fixture, notify->id, "default");
  alga_test_wait_until (fixture->opened->len > 0, 5000);
  g_assert_cmpuint (fixture->opened->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->opened, 0), ==, id);
  g_assert_cmpuint (fixture->activated, ==, 0);
}

static void
test_reply_replaces (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *mine = alga_test_server_get_my_ticket_id (fixture->server);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = alga_test_server_add_comment (fixture->server, mine, "Any news?", FALSE, NULL, NULL);
  alga_test_wait_until (fixture->notifies->len > 0, 20000);
  wait_polls (fixture, 3);
  g_assert_cmpuint (fixture->notifies->len, ==, 1);
  g_assert_nonnull (strstr (notify_at (fixture, 0)->body, "Any news?"));

  /* A newer event on the same ticket replaces its notification instead of piling up. */
  second = alga_test_server_add_comment (fixture->server, mine, "Hello?", FALSE, NULL, NULL);
  alga_test_wait_until (fixture->notifies->len > 1, 20000);
  wait_polls (fixture, 3);
  g_assert_cmpuint (fixture->notifies->len, ==, 2);
  g_assert_nonnull (strstr (notify_at (fixture, 1)->body, "Hello?"));
  g_assert_cmpuint (notify_at (fixture, 1)->replaces_id, ==, notify_at (fixture, 0)->id);
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  g_assert_no_error (error);
  *(char **) user_data = g_strdup (json_object_get_string_member (
    json_object_get_object_member (json_node_get_object (root), "data"), "ticket_id"));
}

/* A ticket the technician creates with their own key and assigns to themselves is no news:
 * the server leaves updated_by empty, and entered_by says it was theirs. One made by someone
 * else, right after, is. */
static void
test_own_creation (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  g_autofree char *mine_json = alga_test_server_dup_ticket_json (fixture->server,
                                                                 alga_test_server_get_my_ticket_id (fixture->server));
  g_autoptr(JsonNode) mine = json_from_string (mine_json, NULL);
  JsonObject *row = json_node_get_object (mine);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *created = NULL;
  g_autofree char *by_other = NULL;

  json_object_set_string_member (body, "title", "Made by me for me");
  json_object_set_string_member (body, "board_id", json_object_get_string_member (row, "board_id"));
  json_object_set_string_member (body, "client_id", json_object_get_string_member (row, "client_id"));
  json_object_set_string_member (body, "status_id", json_object_get_string_member (row, "status_id"));
  json_object_set_string_member (body, "priority_id", json_object_get_string_member (row, "priority_id"));
  json_object_set_string_member (body, "assigned_to", me);
  node = json_node_init_object (json_node_alloc (), body);
  /* Not through an endpoint that tells the watcher: only the server's fields can say whose it is. */
  alga_client_request_async (fixture->client, "POST", "/api/v1/tickets", NULL, node,
                             ALGA_REQUEST_DEFAULT, NULL, on_created_cb, &created);
  alga_test_wait_until (created != NULL, 10000);
  wait_polls (fixture, 3);

  by_other = alga_test_server_create_ticket (fixture->server, "Made by someone else", me);
  alga_test_wait_until (fixture->notifies->len > 0, 20000);
  wait_polls (fixture, 3);
  g_assert_cmpuint (fixture->notifies->len, ==, 1);
  g_assert_nonnull (strstr (notify_at (fixture, 0)->summary, "Made by someone else"));
}

static void
test_own_change (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  g_autofree char *id = alga_test_server_create_ticket (fixture->server, "Mine now", NULL);

  alga_watcher_note_own_change (fixture->watcher, id);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, id, me, me));
  wait_polls (fixture, 4);
  /* A fixed time on purpose: no other notification arrives in it. */
  alga_test_spin (50);
  g_assert_cmpuint (fixture->events, ==, 0);
  g_assert_cmpuint (fixture->notifies->len, ==, 0);
}

static void
test_burst (Fixture       *fixture,
            gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Notify *notify;

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (ids, alga_test_server_create_ticket (fixture->server, "Burst", NULL));
  /* A long interval, and no poll under way: all five must land in one poll. */
  alga_watcher_set_interval_ms (fixture->watcher, 60000);
  alga_watcher_poll_now (fixture->watcher);
  wait_polls (fixture, 1);
  for (guint i = 0; i < 5; i++)
    g_assert_true (alga_test_server_assign_ticket (fixture->server, g_ptr_array_index (ids, i),
                                                   me, other));
  alga_watcher_poll_now (fixture->watcher);
  wait_polls (fixture, 1);
  alga_test_wait_until (fixture->notifies->len > 0, 5000);
  alga_watcher_poll_now (fixture->watcher);
  wait_polls (fixture, 1);
  /* A fixed time on purpose: no other notification arrives in it. */
  alga_test_spin (50);

  g_assert_cmpuint (fixture->notifies->len, ==, 1);
  notify = notify_at (fixture, 0);
  g_assert_cmpstr (notify->summary, ==, "5 tickets need your attention");
  g_assert_nonnull (strstr (notify->body, "Burst"));
  assert_has_icon (notify);

  /* It has no ticket to open: a click shows the app. */
  invoke (fixture, notify->id, "default");
  alga_test_wait_until (fixture->activated > 0, 5000);
  g_assert_cmpuint (fixture->opened->len, ==, 0);
}

static void
test_unassigned_button (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = NULL;
  Notify *notify;

  g_settings_set_boolean (fixture->settings, "notify-unassigned", TRUE);
  g_assert_true (alga_watcher_get_notify_unassigned (fixture->watcher));
  id = alga_test_server_create_ticket (fixture->server, "Nobody's", NULL);
  alga_test_wait_until (fixture->notifies->len > 0, 20000);
  wait_polls (fixture, 2);

  g_assert_cmpuint (fixture->notifies->len, ==, 1);
  notify = notify_at (fixture, 0);
  g_assert_cmpuint (g_strv_length (notify->actions), ==, 4);
  g_assert_cmpstr (notify->actions[0], ==, "default");
  g_assert_cmpstr (notify->actions[3], ==, "Assign to Me");

  invoke (fixture, notify->id, notify->actions[2]);
  alga_test_wait_until (fixture->assigned->len > 0, 5000);
  g_assert_cmpstr (g_ptr_array_index (fixture->assigned, 0), ==, id);
  g_assert_cmpuint (fixture->opened->len, ==, 0);
}

static void
test_quiet_settings (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (fixture->server);
  const char *other = alga_test_server_get_other_user_id (fixture->server);
  g_autofree char *a = alga_test_server_create_ticket (fixture->server, "During DND", NULL);
  g_autofree char *b = alga_test_server_create_ticket (fixture->server, "Notifications off", NULL);

  g_settings_set_boolean (fixture->settings, "do-not-disturb", TRUE);
  g_assert_false (alga_notifier_get_enabled (fixture->notifier));
  g_assert_true (alga_test_server_assign_ticket (fixture->server, a, me, other));
  alga_test_wait_until (fixture->events == 1, 20000);
  wait_polls (fixture, 2);
  /* A fixed time on purpose: no notification arrives in it. */
  alga_test_spin (50);
  g_assert_cmpuint (fixture->notifies->len, ==, 0);

  g_settings_set_boolean (fixture->settings, "do-not-disturb", FALSE);
  g_settings_set_boolean (fixture->settings, "notifications-enabled", FALSE);
  g_assert_true (alga_test_server_assign_ticket (fixture->server, b, me, other));
  alga_test_wait_until (fixture->events == 2, 20000);
  wait_polls (fixture, 2);
  /* A fixed time on purpose: no notification arrives in it. */
  alga_test_spin (50);
  g_assert_cmpuint (fixture->notifies->len, ==, 0);
}

/* A timer's reminder comes when its hour is up, through the same notifier; clicking it opens
 * the ticket. A timer found running since the day before says so when the app starts. */
static void
test_timer_reminder (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *mine = alga_test_server_get_my_ticket_id (fixture->server);
  g_autofree char *path = g_build_filename (fixture->dir, "account.timer", NULL);
  g_autoptr(AlgaTimer) timer = alga_timer_new (path);
  g_autoptr(AlgaTimerReminders) reminders = alga_timer_reminders_new (fixture->notifier);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  /* Two seconds short of an hour: the reminder's own timeout brings it. */
  g_autoptr(GDateTime) start = g_date_time_add_seconds (now, -3598);
  g_autoptr(GDateTime) yesterday = NULL;
  g_autoptr(GDateTime) local_now = g_date_time_new_now_local ();
  Notify *notify;

  /* Taken back at the end, as every test leaves no notification shown. */
  g_ptr_array_add (fixture->sent_ids, g_strdup ("timer"));
  alga_timer_start (timer, mine, "TIC004711", "Printer on fire", start);
  alga_timer_reminders_set_timer (reminders, timer);
  alga_test_wait_until (fixture->notifies->len > 0, 20000);
  notify = notify_at (fixture, 0);
  g_assert_cmpstr (notify->summary, ==, "The timer has run for 1 hour");
  g_assert_nonnull (strstr (notify->body, "TIC004711"));
  invoke (fixture, notify->id, "default");
  alga_test_wait_until (fixture->opened->len > 0, 5000);
  g_assert_cmpstr (g_ptr_array_index (fixture->opened, 0), ==, mine);

  /* Started yesterday at noon, found at start: the night's notification, replacing the last. */
  yesterday = g_date_time_add_days (local_now, -1);
  g_clear_pointer (&start, g_date_time_unref);
  start = g_date_time_new_local (g_date_time_get_year (yesterday), g_date_time_get_month (yesterday),
                                 g_date_time_get_day_of_month (yesterday), 12, 0, 0);
  alga_timer_clear (timer);
  alga_timer_start (timer, mine, "TIC004711", "Printer on fire", start);
  alga_timer_reminders_check_loaded (reminders);
  alga_test_wait_until (fixture->notifies->len > 1, 20000);
  notify = notify_at (fixture, 1);
  g_assert_cmpstr (notify->summary, ==, "The timer ran through the night");
  g_assert_nonnull (strstr (notify->body, "TIC004711"));

  alga_timer_reminders_set_timer (reminders, NULL);
  alga_timer_clear (timer);
  alga_timer_flush (timer);
  alga_test_wait_for_sole_reference (timer, 10000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The freedesktop backend, as outside a sandbox without org.gtk.Notifications. */
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);

  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  start_daemon ();
  start_app ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/notify/assigned", test_assigned);
  ADD ("/notify/reply-replaces", test_reply_replaces);
  ADD ("/notify/own-change", test_own_change);
  ADD ("/notify/own-creation", test_own_creation);
  g_test_add ("/notify/technician/own-creation", Fixture,
              GINT_TO_POINTER (ALGA_TEST_ROLE_TECHNICIAN + 1), fixture_set_up, test_own_creation,
              fixture_tear_down);
  ADD ("/notify/burst", test_burst);
  ADD ("/notify/unassigned-button", test_unassigned_button);
  ADD ("/notify/quiet-settings", test_quiet_settings);
  ADD ("/notify/timer-reminder", test_timer_reminder);

  status = g_test_run ();

  g_clear_object (&test_app);
  stop_daemon ();

  g_test_dbus_down (test_bus);
  g_clear_object (&test_bus);

  return status;
}
