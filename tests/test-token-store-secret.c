/* test-token-store-secret.c: AlgaTokenStoreSecret against a real, unlocked keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a session bus with a Secret Service (build-aux/dev test provides gnome-keyring). Without
 * one it is skipped, unless ALGA_REQUIRE_KEYRING is set: then it fails. Meson reads a TAP test's
 * exit status 77 as an error, not a skip, so the skip is said in TAP ("1..0 # SKIP").
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "alga-test-utils.h"
#include "alga-token-store-secret.h"

#define KEY_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define KEY_B "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

/* libsecret 0.20.5 (Debian 12) leaks three 8-byte blocks in GIO for every item that
 * secret_password_search() returns (checked with a ten-line program outside this project).
 * LeakSanitizer reads this hook in addition to build-aux/lsan.supp; it only names libsecret. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:secret_item_new_for_dbus_path\n";
}

/* A host of its own per run, so that a developer's real keyring is never touched. */
static char *server_url;
static char *server_host;

static AlgaTokenBundle *
make_bundle (const char *url,
             const char *user_id,
             const char *access_key,
             const char *refresh_token)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_hours (now, 8);

  return alga_token_bundle_new (url, user_id, "glinda@emeraldcity.oz", "Glinda Good",
                                "c745531f-c4b9-4643-8fe7-23a5d0259017", access_key,
                                refresh_token, expires);
}

static void
save (AlgaTokenStore  *store,
      AlgaTokenBundle *bundle)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_token_store_save_async (store, bundle, NULL, alga_test_store_result_cb, &result);
  g_assert_true (alga_token_store_save_finish (store, alga_test_wait_for_result (&result, 20000),
                                               &error));
  g_assert_no_error (error);
}

static AlgaTokenBundle *
load (AlgaTokenStore  *store,
      const char      *url,
      GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_token_store_load_async (store, url, NULL, alga_test_store_result_cb, &result);
  return alga_token_store_load_finish (store, alga_test_wait_for_result (&result, 20000), error);
}

static void
delete (AlgaTokenStore *store,
        const char     *url,
        const char     *user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  alga_token_store_delete_async (store, url, user_id, NULL, alga_test_store_result_cb, &result);
  g_assert_true (alga_token_store_delete_finish (store,
                                                 alga_test_wait_for_result (&result, 20000),
                                                 &error));
  g_assert_no_error (error);
}

/* The items of this run, straight from the keyring (sync calls are fine in a test). */
static GList *
search_items (const char *url)
{
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_sync (alga_token_store_secret_get_schema (),
                                       SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                                       NULL, &error,
                                       "server-url", url,
                                       NULL);
  g_assert_no_error (error);

  return items;
}

static char *
lookup_secret (const char *url,
               const char *user_id)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_sync (alga_token_store_secret_get_schema (), NULL, &error,
                                        "server-url", url,
                                        "user-id", user_id,
                                        NULL);
  g_assert_no_error (error);

  return secret;
}

static void
test_round_trip (void)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_secret_new ();
  g_autoptr(AlgaTokenBundle) bundle = make_bundle (server_url, "user-1", KEY_A, "refresh-1");
  g_autoptr(AlgaTokenBundle) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *expected_label = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected_json = NULL;
  char *secret;
  JsonObject *object;
  GList *items;

  save (store, bundle);

  /* The secret is the JSON bundle, exactly. */
  secret = lookup_secret (server_url, "user-1");
  g_assert_nonnull (secret);
  expected_json = alga_token_bundle_to_json (bundle);
  g_assert_cmpstr (secret, ==, expected_json);
  json_parser_load_from_data (parser, secret, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "accessKey"), ==, KEY_A);
  g_assert_cmpstr (json_object_get_string_member (object, "refreshToken"), ==, "refresh-1");
  g_assert_cmpstr (json_object_get_string_member (object, "serverUrl"), ==, server_url);
  secret_password_free (secret);

  /* One item, labelled for people. */
  items = search_items (server_url);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  attributes = secret_retrievable_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==,
                   "com.nineminds.AlgaPSA.Account");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "user-id"), ==, "user-1");
  expected_label = g_strdup_printf ("Alga PSA — glinda@emeraldcity.oz on %s", server_host);
  g_assert_cmpstr (label, ==, expected_label);
  g_list_free_full (items, g_object_unref);

  got = load (store, server_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpstr (alga_token_bundle_get_user_id (got), ==, "user-1");
  g_assert_cmpstr (alga_token_bundle_get_user_email (got), ==, "glinda@emeraldcity.oz");
  g_assert_cmpstr (alga_token_bundle_get_user_name (got), ==, "Glinda Good");
  g_assert_cmpstr (alga_token_bundle_get_tenant_id (got), ==,
                   "c745531f-c4b9-4643-8fe7-23a5d0259017");
  g_assert_cmpstr (alga_token_bundle_get_access_key (got), ==, KEY_A);
  g_assert_cmpstr (alga_token_bundle_get_refresh_token (got), ==, "refresh-1");
  g_assert_true (g_date_time_equal (alga_token_bundle_get_expires_at (got),
                                    alga_token_bundle_get_expires_at (bundle)));

  delete (store, server_url, "user-1");
}

static void
test_replace_and_delete (void)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_secret_new ();
  g_autoptr(AlgaTokenBundle) first = make_bundle (server_url, "user-2", KEY_A, "refresh-1");
  g_autoptr(AlgaTokenBundle) rotated = NULL;
  g_autoptr(AlgaTokenBundle) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  GList *items;

  save (store, first);
  rotated = alga_token_bundle_rotate (first, KEY_B, "refresh-2", NULL);
  save (store, rotated);

  /* Saving the same account replaces its item. */
  items = search_items (server_url);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);

  got = load (store, server_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_token_bundle_get_access_key (got), ==, KEY_B);
  g_assert_cmpstr (alga_token_bundle_get_refresh_token (got), ==, "refresh-2");

  delete (store, server_url, "user-2");

  /* Nothing is left: neither the lookup nor a search finds it, and load says "none". */
  secret = lookup_secret (server_url, "user-2");
  g_assert_null (secret);
  items = search_items (server_url);
  g_assert_null (items);
  g_clear_pointer (&got, alga_token_bundle_unref);
  got = load (store, server_url, &error);
  g_assert_no_error (error);
  g_assert_null (got);

  /* Deleting again is not an error. */
  delete (store, server_url, "user-2");
}

static void
test_most_recent (void)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_secret_new ();
  g_autofree char *other_url = g_strconcat (server_url, "/other", NULL);
  g_autoptr(AlgaTokenBundle) a = make_bundle (server_url, "user-3", KEY_A, "refresh-a");
  g_autoptr(AlgaTokenBundle) b = make_bundle (other_url, "user-4", KEY_B, "refresh-b");
  g_autoptr(AlgaTokenBundle) got = NULL;
  g_autoptr(GError) error = NULL;

  save (store, a);
  /* The keyring keeps modification times in whole seconds (a fixed time on purpose: the two
   * saves must be a second apart). */
  g_usleep (1100 * 1000);
  save (store, b);

  got = load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpstr (alga_token_bundle_get_user_id (got), ==, "user-4");
  g_clear_pointer (&got, alga_token_bundle_unref);

  got = load (store, server_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_token_bundle_get_user_id (got), ==, "user-3");

  delete (store, server_url, "user-3");
  delete (store, other_url, "user-4");
}

static void
test_corrupt_item (void)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_secret_new ();
  g_autoptr(AlgaTokenBundle) got = NULL;
  g_autoptr(GError) error = NULL;

  secret_password_store_sync (alga_token_store_secret_get_schema (), SECRET_COLLECTION_DEFAULT,
                              "broken", "this is not a bundle", NULL, &error,
                              "server-url", server_url,
                              "user-id", "user-5",
                              NULL);
  g_assert_no_error (error);

  got = load (store, server_url, &error);
  g_assert_null (got);
  g_assert_error (error, ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_CORRUPT);

  delete (store, server_url, "user-5");
}

/* Whether a Secret Service owns, or can be started for, org.freedesktop.secrets. */
static gboolean
secret_service_reachable (char **why)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **names = NULL;
  gboolean has_owner = FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      *why = g_strdup_printf ("no session bus: %s", error->message);
      return FALSE;
    }

  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &has_owner);
  if (has_owner)
    return TRUE;

  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                             "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                             "ListActivatableNames", NULL,
                                             G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                                             5000, NULL, NULL);
  if (activatable != NULL)
    {
      g_variant_get (activatable, "(^a&s)", &names);
      if (g_strv_contains (names, "org.freedesktop.secrets"))
        return TRUE;
    }

  *why = g_strdup ("no Secret Service (org.freedesktop.secrets) on the session bus");
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!secret_service_reachable (&why))
    {
      if (g_getenv ("ALGA_REQUIRE_KEYRING") != NULL)
        {
          fprintf (stderr, "The keyring is required (ALGA_REQUIRE_KEYRING) but: %s\n", why);
          return 1;
        }
      printf ("1..0 # SKIP %s\n", why);
      return 0;
    }

  server_host = g_strdup_printf ("alga-test-%08x%08x.example", g_random_int (), g_random_int ());
  server_url = g_strdup_printf ("https://%s", server_host);

  g_test_add_func ("/token-store-secret/round-trip", test_round_trip);
  g_test_add_func ("/token-store-secret/replace-and-delete", test_replace_and_delete);
  g_test_add_func ("/token-store-secret/most-recent", test_most_recent);
  g_test_add_func ("/token-store-secret/corrupt-item", test_corrupt_item);

  status = g_test_run ();

  g_free (server_url);
  g_free (server_host);

  return status;
}
