/* test-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaAccount: one signed-in account owns its client, cache, reference data, drafts, tickets
 * and watcher; two accounts share none of them; dropping an account lets go of everything.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "alga-account.h"
#include "alga-test-credentials.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-token-store-memory.h"

typedef struct
{
  AlgaTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = alga_test_server_new ();
  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_TECHNICIAN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  alga_test_server_stop (f->server);
  g_object_unref (f->server);
}

/* A session as the sign-in page makes one, for the seeded technician or someone else. */
static AlgaSession *
new_session (Fixture    *f,
             const char *user_id,
             const char *email)
{
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  bundle = alga_token_bundle_new (alga_test_server_get_url (f->server), user_id, email, NULL,
                                  alga_test_server_get_tenant_id (f->server),
                                  alga_test_server_get_api_key (f->server), NULL, NULL);

  return alga_session_new (client, store, bundle);
}

static void
test_owns_its_parts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AlgaSession) session = new_session (f, alga_test_server_get_user_id (f->server),
                                                alga_test_server_get_user_email (f->server));
  g_autoptr(AlgaAccount) account = alga_account_new (session);
  g_autofree char *cache_path = alga_cache_build_path (alga_test_server_get_url (f->server),
                                                       alga_test_server_get_user_id (f->server));
  g_autofree char *drafts_dir = NULL;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaClient) watched = NULL;
  AlgaTicketRepository *tickets;

  g_assert_true (alga_account_get_session (account) == session);
  g_assert_true (alga_account_get_client (account) == alga_session_get_client (session));
  g_assert_cmpstr (alga_account_get_server_url (account), ==,
                   alga_test_server_get_url (f->server));
  g_assert_cmpstr (alga_account_get_user_id (account), ==,
                   alga_test_server_get_user_id (f->server));
  g_assert_cmpstr (alga_account_get_user_email (account), ==,
                   alga_test_server_get_user_email (f->server));

  /* The cache and drafts are the account's own, where that account keeps them. */
  g_assert_nonnull (alga_account_get_cache (account));
  g_assert_cmpstr (alga_cache_get_path (alga_account_get_cache (account)), ==, cache_path);
  drafts_dir = alga_draft_store_dup_account_directory (alga_test_server_get_url (f->server),
                                                       alga_test_server_get_user_id (f->server));
  g_assert_cmpstr (alga_draft_store_get_directory (alga_account_get_drafts (account)), ==,
                   drafts_dir);

  tickets = alga_account_get_tickets (account);
  g_assert_true (alga_ticket_repository_get_client (tickets) == alga_account_get_client (account));
  g_assert_true (alga_ticket_repository_get_cache (tickets) == alga_account_get_cache (account));
  g_assert_nonnull (alga_account_get_reference_data (account));

  /* The watcher reads through the account's tickets, and waits to be started. */
  g_assert_nonnull (alga_account_get_watcher (account));
  g_assert_false (alga_watcher_get_running (alga_account_get_watcher (account)));
  g_object_get (alga_account_get_watcher (account), "client", &watched, NULL);
  g_assert_true (watched == alga_account_get_client (account));

  /* What the account reads is saved in its own cache. */
  alga_ticket_repository_load_ticket_async (tickets, alga_test_server_get_my_ticket_id (f->server),
                                            ALGA_LOAD_DEFAULT, NULL, alga_test_store_result_cb,
                                            &result);
  alga_test_wait_for_result (&result, 10000);
  ticket = alga_ticket_repository_load_ticket_finish (tickets, result, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&ticket);
  ticket = alga_cache_load_ticket (alga_account_get_cache (account),
                                   alga_test_server_get_my_ticket_id (f->server), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ticket);
}

static void
test_two_accounts_share_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(AlgaSession) mine = new_session (f, alga_test_server_get_user_id (f->server),
                                             alga_test_server_get_user_email (f->server));
  g_autoptr(AlgaSession) other = new_session (f, alga_test_server_get_other_user_id (f->server),
                                              "other@example.com");
  g_autoptr(AlgaAccount) a = alga_account_new (mine);
  g_autoptr(AlgaAccount) b = alga_account_new (other);

  g_assert_true (alga_account_get_client (a) != alga_account_get_client (b));
  g_assert_true (alga_account_get_tickets (a) != alga_account_get_tickets (b));
  g_assert_true (alga_account_get_reference_data (a) != alga_account_get_reference_data (b));
  g_assert_true (alga_account_get_watcher (a) != alga_account_get_watcher (b));
  g_assert_cmpstr (alga_cache_get_path (alga_account_get_cache (a)), !=,
                   alga_cache_get_path (alga_account_get_cache (b)));
  g_assert_cmpstr (alga_draft_store_get_directory (alga_account_get_drafts (a)), !=,
                   alga_draft_store_get_directory (alga_account_get_drafts (b)));
}

/* Signing out drops the account: nothing it made outlives it (the cache's file can then be
 * deleted, the client's connections close). */
static void
test_dropping_lets_go (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AlgaSession) session = new_session (f, alga_test_server_get_user_id (f->server),
                                                alga_test_server_get_user_email (f->server));
  AlgaAccount *account = alga_account_new (session);
  GWeakRef parts[6];
  GObject *objects[6];
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  objects[0] = G_OBJECT (alga_account_get_cache (account));
  objects[1] = G_OBJECT (alga_account_get_drafts (account));
  objects[2] = G_OBJECT (alga_account_get_reference_data (account));
  objects[3] = G_OBJECT (alga_account_get_tickets (account));
  objects[4] = G_OBJECT (alga_account_get_watcher (account));
  objects[5] = G_OBJECT (account);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_weak_ref_init (&parts[i], objects[i]);

  /* Used once, as a pane would. */
  alga_ticket_repository_load_comments_async (alga_account_get_tickets (account),
                                              alga_test_server_get_my_ticket_id (f->server),
                                              ALGA_LOAD_DEFAULT, NULL, alga_test_store_result_cb,
                                              &result);
  alga_test_wait_for_result (&result, 10000);
  comments = alga_ticket_repository_load_comments_finish (alga_account_get_tickets (account),
                                                          result, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  alga_test_unref_and_wait_finalized (account, 30000);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GObject *left = g_weak_ref_get (&parts[i]);

      g_assert_null (left);
      g_weak_ref_clear (&parts[i]);
    }
  /* The session is the application's: it stays as long as the application holds it. */
  g_assert_true (ALGA_IS_SESSION (session));
}

static void
test_for_client (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaAccount) account = NULL;
  g_autoptr(AlgaAccount) nobody = NULL;
  g_autoptr(GError) error = NULL;

  client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);

  /* Without a cache or drafts nothing is saved, and nothing global is opened instead. */
  account = alga_account_new_for_client (client, alga_test_server_get_user_id (f->server),
                                         NULL, NULL);
  g_assert_null (alga_account_get_session (account));
  g_assert_null (alga_account_get_cache (account));
  g_assert_null (alga_account_get_drafts (account));
  g_assert_null (alga_ticket_repository_get_cache (alga_account_get_tickets (account)));
  g_assert_nonnull (alga_account_get_reference_data (account));
  g_assert_nonnull (alga_account_get_watcher (account));
  g_assert_cmpstr (alga_account_get_server_url (account), ==, alga_client_get_base_url (client));

  /* Without a user id nobody is "me": there is nothing to watch for. */
  nobody = alga_account_new_for_client (client, NULL, NULL, NULL);
  g_assert_null (alga_account_get_watcher (nobody));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("alga-test-account-XXXXXX", NULL);
  g_autofree char *cache_home = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *state_home = NULL;
  int status;

  /* The account's cache, drafts and watch state go where each kind belongs: here, in a
   * temporary home. */
  g_assert_nonnull (home);
  cache_home = g_build_filename (home, "cache", NULL);
  data_home = g_build_filename (home, "data", NULL);
  state_home = g_build_filename (home, "state", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/account/owns-its-parts", test_owns_its_parts);
  ADD ("/account/two-accounts-share-nothing", test_two_accounts_share_nothing);
  ADD ("/account/dropping-lets-go", test_dropping_lets_go);
  ADD ("/account/for-client", test_for_client);

#undef ADD

  status = g_test_run ();
  remove_tree (home);

  return status;
}
