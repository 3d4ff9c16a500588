/* test-token-store.c: AlgaTokenBundle, the in-memory AlgaTokenStore, and the keyring store
 * where there is no keyring or one that never answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alga-error.h"
#include "alga-test-utils.h"
#include "alga-token-bundle.h"
#include "alga-token-store-memory.h"
#include "alga-token-store-secret.h"

#define KEY_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define KEY_B "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

static AlgaTokenBundle *
make_bundle (const char *server_url,
             const char *user_id,
             const char *access_key)
{
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2030, 1, 2, 3, 4, 5);

  return alga_token_bundle_new (server_url, user_id, "glinda@emeraldcity.oz", "Glinda Good",
                                "c745531f-c4b9-4643-8fe7-23a5d0259017", access_key,
                                "refresh-token-43-chars-base64url-aaaaaaaaaa", expires);
}

static void
test_bundle_json_round_trip (void)
{
  g_autoptr(AlgaTokenBundle) bundle = make_bundle ("https://psa.example.com/", "u1", KEY_A);
  g_autoptr(AlgaTokenBundle) back = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *object;

  /* The trailing slash is dropped, so one server is one keyring item. */
  g_assert_cmpstr (alga_token_bundle_get_server_url (bundle), ==, "https://psa.example.com");
  g_assert_true (alga_token_bundle_can_refresh (bundle));

  json = alga_token_bundle_to_json (bundle);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "accessKey"), ==, KEY_A);
  g_assert_cmpstr (json_object_get_string_member (object, "userEmail"), ==,
                   "glinda@emeraldcity.oz");
  g_assert_cmpstr (json_object_get_string_member (object, "expiresAt"), ==,
                   "2030-01-02T03:04:05Z");

  back = alga_token_bundle_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_token_bundle_get_server_url (back), ==, "https://psa.example.com");
  g_assert_cmpstr (alga_token_bundle_get_user_id (back), ==, "u1");
  g_assert_cmpstr (alga_token_bundle_get_user_email (back), ==, "glinda@emeraldcity.oz");
  g_assert_cmpstr (alga_token_bundle_get_user_name (back), ==, "Glinda Good");
  g_assert_cmpstr (alga_token_bundle_get_tenant_id (back), ==,
                   "c745531f-c4b9-4643-8fe7-23a5d0259017");
  g_assert_cmpstr (alga_token_bundle_get_access_key (back), ==, KEY_A);
  g_assert_cmpstr (alga_token_bundle_get_refresh_token (back), ==,
                   "refresh-token-43-chars-base64url-aaaaaaaaaa");
  g_assert_true (g_date_time_equal (alga_token_bundle_get_expires_at (back),
                                    alga_token_bundle_get_expires_at (bundle)));
  g_assert_true (alga_token_bundle_same_account (bundle, back));
}

static void
test_bundle_pasted_key (void)
{
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaTokenBundle) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  bundle = alga_token_bundle_new ("http://127.0.0.1:8080", "u2", NULL, NULL, NULL, KEY_B,
                                  NULL, NULL);
  g_assert_false (alga_token_bundle_can_refresh (bundle));
  /* A key without expiry never needs refreshing, however far ahead one looks. */
  g_assert_false (alga_token_bundle_expires_within (bundle, G_MAXINT64 / 2));

  json = alga_token_bundle_to_json (bundle);
  back = alga_token_bundle_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_null (alga_token_bundle_get_refresh_token (back));
  g_assert_null (alga_token_bundle_get_expires_at (back));
  g_assert_null (alga_token_bundle_get_user_email (back));
  g_assert_null (alga_token_bundle_get_tenant_id (back));
}

static void
test_bundle_expiry (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 30);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 3600);
  g_autoptr(AlgaTokenBundle) a = NULL;
  g_autoptr(AlgaTokenBundle) b = NULL;

  a = alga_token_bundle_new ("https://x", "u", NULL, NULL, NULL, KEY_A, "r", soon);
  b = alga_token_bundle_rotate (a, KEY_B, "r2", later);

  g_assert_true (alga_token_bundle_expires_within (a, 60 * G_TIME_SPAN_SECOND));
  g_assert_false (alga_token_bundle_expires_within (b, 60 * G_TIME_SPAN_SECOND));
  g_assert_true (alga_token_bundle_same_account (a, b));
  g_assert_cmpstr (alga_token_bundle_get_access_key (b), ==, KEY_B);
  g_assert_cmpstr (alga_token_bundle_get_refresh_token (b), ==, "r2");
}

static void
test_bundle_bad_json (void)
{
  static const char *bad[] = {
    "",
    "not json",
    "[]",
    "{}",
    "{\"version\":2,\"serverUrl\":\"https://x\",\"userId\":\"u\",\"accessKey\":\"k\"}",
    "{\"version\":1,\"serverUrl\":\"https://x\",\"userId\":\"u\"}",
    "{\"version\":1,\"serverUrl\":\"https://x\",\"userId\":7,\"accessKey\":\"k\"}",
    "{\"version\":1,\"serverUrl\":\"https://x\",\"userId\":\"u\",\"accessKey\":\"k\","
      "\"expiresAt\":\"tomorrow\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlgaTokenBundle) bundle = alga_token_bundle_new_from_json (bad[i], &error);

      g_assert_null (bundle);
      g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
      /* The message must not echo the stored text, which would hold the secrets. */
      if (*bad[i] != '\0')
        g_assert_null (strstr (error->message, bad[i]));
    }
}

static void
save (AlgaTokenStore  *store,
      AlgaTokenBundle *bundle)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_token_store_save_async (store, bundle, NULL, alga_test_store_result_cb, &result);
  alga_token_store_save_finish (store, alga_test_wait_for_result (&result, 5000), &error);
  g_assert_no_error (error);
}

static AlgaTokenBundle *
load (AlgaTokenStore *store,
      const char     *server_url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTokenBundle *bundle;

  alga_token_store_load_async (store, server_url, NULL, alga_test_store_result_cb, &result);
  bundle = alga_token_store_load_finish (store, alga_test_wait_for_result (&result, 5000),
                                         &error);
  g_assert_no_error (error);

  return bundle;
}

static void
delete (AlgaTokenStore *store,
        const char     *server_url,
        const char     *user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_token_store_delete_async (store, server_url, user_id, NULL, alga_test_store_result_cb,
                                 &result);
  g_assert_true (alga_token_store_delete_finish (store, alga_test_wait_for_result (&result, 5000),
                                                 &error));
  g_assert_no_error (error);
}

static void
test_memory_store (void)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  AlgaTokenStoreMemory *memory = ALGA_TOKEN_STORE_MEMORY (store);
  g_autoptr(AlgaTokenBundle) a = make_bundle ("https://one.example", "u1", KEY_A);
  g_autoptr(AlgaTokenBundle) a2 = make_bundle ("https://one.example", "u1", KEY_B);
  g_autoptr(AlgaTokenBundle) b = make_bundle ("https://two.example", "u2", KEY_B);
  g_autoptr(AlgaTokenBundle) got = NULL;

  got = load (store, NULL);
  g_assert_null (got);

  save (store, a);
  save (store, b);
  g_assert_cmpuint (alga_token_store_memory_get_count (memory), ==, 2);

  /* NULL means the most recently saved account. */
  got = load (store, NULL);
  g_assert_cmpstr (alga_token_bundle_get_user_id (got), ==, "u2");
  g_clear_pointer (&got, alga_token_bundle_unref);

  /* A trailing slash on the question finds the same account. */
  got = load (store, "https://one.example/");
  g_assert_cmpstr (alga_token_bundle_get_access_key (got), ==, KEY_A);
  g_clear_pointer (&got, alga_token_bundle_unref);

  /* Saving the same account again replaces it and makes it the most recent. */
  save (store, a2);
  g_assert_cmpuint (alga_token_store_memory_get_count (memory), ==, 2);
  got = load (store, NULL);
  g_assert_cmpstr (alga_token_bundle_get_user_id (got), ==, "u1");
  g_assert_cmpstr (alga_token_bundle_get_access_key (got), ==, KEY_B);
  g_clear_pointer (&got, alga_token_bundle_unref);

  delete (store, "https://one.example", "u1");
  g_assert_cmpuint (alga_token_store_memory_get_count (memory), ==, 1);
  got = load (store, "https://one.example");
  g_assert_null (got);

  /* Forgetting what is not kept succeeds. */
  delete (store, "https://one.example", "u1");
  delete (store, "https://two.example", "u2");
  g_assert_cmpuint (alga_token_store_memory_get_count (memory), ==, 0);
  got = load (store, NULL);
  g_assert_null (got);
}

static void
test_memory_store_cancelled (void)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  g_autoptr(AlgaTokenBundle) a = make_bundle ("https://one.example", "u1", KEY_A);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  alga_token_store_save_async (store, a, cancellable, alga_test_store_result_cb, &result);
  g_assert_false (alga_token_store_save_finish (store, alga_test_wait_for_result (&result, 5000),
                                                &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (alga_token_store_memory_get_count (ALGA_TOKEN_STORE_MEMORY (store)), ==, 0);
}

/* Inside a Flatpak sandbox (the suite runs in flatpak-builder's) libsecret first looks for the
 * Secret portal on the session bus, and warns that it found no bus before it falls back to the
 * Secret Service: its own warning, which must not end the test. */
static gboolean
allow_libsecret_no_bus_warning (const char     *log_domain,
                                GLogLevelFlags  log_level,
                                const char     *message,
                                gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "libsecret") == 0
           && g_str_has_prefix (message, "couldn't get session bus")
           && g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS));
}

/* Without a session bus the keyring store must fail at once with a clear error, not hang. */
static void
test_secret_store_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(AlgaTokenStore) store = NULL;
      g_autoptr(AlgaTokenBundle) a = make_bundle ("https://one.example", "u1", KEY_A);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_test_log_set_fatal_handler (allow_libsecret_no_bus_warning, NULL);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/alga-test-bus", TRUE);
      store = alga_token_store_secret_new ();

      alga_token_store_save_async (store, a, NULL, alga_test_store_result_cb, &result);
      g_assert_false (alga_token_store_save_finish (store,
                                                    alga_test_wait_for_result (&result, 10000),
                                                    &error));
      g_assert_error (error, ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_UNAVAILABLE);
      g_clear_error (&error);
      g_clear_object (&result);

      alga_token_store_load_async (store, NULL, NULL, alga_test_store_result_cb, &result);
      g_assert_null (alga_token_store_load_finish (store,
                                                   alga_test_wait_for_result (&result, 10000),
                                                   &error));
      g_assert_error (error, ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_UNAVAILABLE);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A keyring that takes every request and answers none: it owns the Secret Service's name on a
 * bus of its own, and its connection drops the method calls addressed to it. It counts them
 * and notes whether anything was to be deleted. */
typedef struct
{
  GTestDBus       *bus;
  GDBusConnection *connection;
  guint            requests;   /* atomic: counted in GDBus's worker thread */
  int              deletes;    /* atomic */
} SilentKeyring;

static GDBusMessage *
silent_keyring_filter (GDBusConnection *connection,
                       GDBusMessage    *message,
                       gboolean         incoming,
                       gpointer         user_data)
{
  SilentKeyring *keyring = user_data;

  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;

  g_atomic_int_inc (&keyring->requests);
  if (g_strcmp0 (g_dbus_message_get_member (message), "Delete") == 0)
    g_atomic_int_inc (&keyring->deletes);
  g_object_unref (message);

  return NULL;
}

static void
silent_keyring_start (SilentKeyring *keyring)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 owned;

  keyring->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (keyring->bus);
  keyring->connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (keyring->bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (keyring->connection, silent_keyring_filter, keyring, NULL);

  reply = g_dbus_connection_call_sync (keyring->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &owned);
  g_assert_cmpuint (owned, ==, 1);
}

/* The keyring goes away: the bus answers what it left unanswered with an error. */
static void
silent_keyring_stop (SilentKeyring *keyring)
{
  g_dbus_connection_close_sync (keyring->connection, NULL, NULL);
  g_clear_object (&keyring->connection);
}

static void
assert_unanswered (const GError *error,
                   const char   *sentence)
{
  g_assert_error (error, ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_UNAVAILABLE);
  g_assert_true (g_str_has_prefix (error->message, sentence));
}

/* A keyring that never answers (it happened inside Flatpak: libsecret 0.20.5 can miss the
 * Secret portal's answer) must not leave the sign-in spinning for ever: each request is asked
 * again once, then answered with a sentence for the technician. Nothing is lost on the way:
 * the caller keeps what it asked to save, nothing in the keyring is deleted, and the keyring's
 * late answers, once it goes away, are dropped without harm. */
static void
test_secret_store_never_answers (void)
{
  if (g_test_subprocess ())
    {
      static SilentKeyring keyring;
      g_autoptr(AlgaTokenStore) store = NULL;
      g_autoptr(AlgaTokenBundle) a = make_bundle ("https://one.example", "u1", KEY_A);
      g_autoptr(AlgaTokenBundle) loaded = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      gpointer weak_store;

      g_test_log_set_fatal_handler (allow_libsecret_no_bus_warning, NULL);
      silent_keyring_start (&keyring);
      store = alga_token_store_secret_new ();
      alga_token_store_secret_set_answer_timeout (ALGA_TOKEN_STORE_SECRET (store), 200);

      alga_token_store_save_async (store, a, NULL, alga_test_store_result_cb, &result);
      g_assert_false (alga_token_store_save_finish (store,
                                                    alga_test_wait_for_result (&result, 10000),
                                                    &error));
      assert_unanswered (error, "The keyring did not answer, so the sign-in was not kept.");
      g_assert_cmpstr (alga_token_bundle_get_access_key (a), ==, KEY_A);
      /* Asked, and asked again. */
      g_assert_cmpuint (g_atomic_int_get (&keyring.requests), >=, 2);
      g_clear_error (&error);
      g_clear_object (&result);

      alga_token_store_load_async (store, "https://one.example", NULL,
                                   alga_test_store_result_cb, &result);
      loaded = alga_token_store_load_finish (store, alga_test_wait_for_result (&result, 10000),
                                             &error);
      g_assert_null (loaded);
      assert_unanswered (error, "The keyring did not answer. Your sign-in is still kept there");
      g_clear_error (&error);
      g_clear_object (&result);

      alga_token_store_delete_async (store, "https://one.example", "u1", NULL,
                                     alga_test_store_result_cb, &result);
      g_assert_false (alga_token_store_delete_finish (store,
                                                      alga_test_wait_for_result (&result, 10000),
                                                      &error));
      assert_unanswered (error, "The keyring did not answer, so it may still keep the sign-in.");
      g_clear_error (&error);
      g_clear_object (&result);

      /* Cancelled while the keyring says nothing: answered at once, as cancelled. */
      alga_token_store_load_async (store, NULL, cancellable, alga_test_store_result_cb, &result);
      g_cancellable_cancel (cancellable);
      g_assert_null (alga_token_store_load_finish (store,
                                                   alga_test_wait_for_result (&result, 10000),
                                                   &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_clear_object (&result);

      /* No item was asked to be deleted: the clear's search was never answered either. */
      g_assert_cmpint (g_atomic_int_get (&keyring.deletes), ==, 0);

      /* The store lives until the last late answer has come and been dropped. */
      weak_store = store;
      g_object_add_weak_pointer (G_OBJECT (store), &weak_store);
      g_clear_object (&store);
      silent_keyring_stop (&keyring);
      alga_test_wait_until (weak_store == NULL, 30000);

      /* Stopped, and kept: libsecret holds its connection to the bus for good, and
       * g_test_dbus_down(), which disposing of it calls, would wait for that to go. */
      g_test_dbus_stop (keyring.bus);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Tokens go into HTTP headers: nothing that could break a header line gets in. */
static void
test_token_well_formed (void)
{
  g_assert_true (alga_token_is_well_formed ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  g_assert_true (alga_token_is_well_formed ("Zm9vYmFy-_baz"));
  g_assert_false (alga_token_is_well_formed (NULL));
  g_assert_false (alga_token_is_well_formed (""));
  g_assert_false (alga_token_is_well_formed ("abc\r\nx-evil: 1"));
  g_assert_false (alga_token_is_well_formed ("abc\ndef"));
  g_assert_false (alga_token_is_well_formed ("abc def"));
  g_assert_false (alga_token_is_well_formed ("caf\xc3\xa9"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-bundle/well-formed", test_token_well_formed);
  g_test_add_func ("/token-bundle/json-round-trip", test_bundle_json_round_trip);
  g_test_add_func ("/token-bundle/pasted-key", test_bundle_pasted_key);
  g_test_add_func ("/token-bundle/expiry", test_bundle_expiry);
  g_test_add_func ("/token-bundle/bad-json", test_bundle_bad_json);
  g_test_add_func ("/token-store/memory", test_memory_store);
  g_test_add_func ("/token-store/memory-cancelled", test_memory_store_cancelled);
  g_test_add_func ("/token-store/secret-unavailable", test_secret_store_unavailable);
  g_test_add_func ("/token-store/secret-never-answers", test_secret_store_never_answers);

  return g_test_run ();
}
