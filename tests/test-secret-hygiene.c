/* test-secret-hygiene.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secret hygiene: no key or token outside the keyring. A child process with a fresh HOME, XDG
 * folders and TMPDIR, debug logging on and GSettings in a keyfile, runs a full scenario against
 * the test server: browser sign-in through the hand-off (enterprise edition), a refresh (short
 * access lifetime), a comment, sign-out, key sign-in, a comment, sign-out, all with the real
 * keyring; then the real program runs in the same home with the key and types a draft. Every
 * file under that home, every /tmp file made meanwhile and all captured output are searched for
 * the access tokens, refresh tokens, one-time token and API key: no hit. After sign-out the
 * keyring holds no item of the app for this server.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "alga-auth.h"
#include "alga-session.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-token-store-secret.h"

/* libsecret 0.20.5 (Debian 12) leaks per returned item; see test-token-store-secret.c. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:secret_item_new_for_dbus_path\n";
}

#define SECRETS_FD 3

/* The child ---------------------------------------------------------------------------------- */

/* Tells the parent a secret through a pipe of its own, never a file or the captured output. */
static void
report_secret (const char *secret)
{
  if (secret != NULL && *secret != '\0')
    dprintf (SECRETS_FD, "%s\n", secret);
}

static char *
browser_get (SoupSession *session,
             const char  *url)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);

  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Location"));
}

static void
post_comment (AlgaClient *client,
              const char *ticket_id,
              const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaComment) comment = NULL;
  g_autoptr(GError) error = NULL;

  alga_client_post_comment_async (client, ticket_id, text, TRUE, FALSE, ALGA_QUIET_NONE, NULL,
                                  alga_test_store_result_cb, &result);
  comment = alga_client_post_comment_finish (client, alga_test_wait_for_result (&result, 20000),
                                             &error);
  g_assert_no_error (error);
}

static void
save_and_sign_out (AlgaSession *session,
                   AlgaClient  *client,
                   const char  *ticket_id,
                   const char  *text)
{
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) signed_out = NULL;
  g_autoptr(GError) error = NULL;

  alga_session_save_async (session, NULL, alga_test_store_result_cb, &saved);
  g_assert_true (alga_session_save_finish (session, alga_test_wait_for_result (&saved, 20000),
                                           &error));
  g_assert_no_error (error);

  post_comment (client, ticket_id, text);

  alga_session_sign_out_async (session, NULL, alga_test_store_result_cb, &signed_out);
  g_assert_true (alga_session_sign_out_finish (session,
                                               alga_test_wait_for_result (&signed_out, 20000),
                                               &error));
  g_assert_no_error (error);
}

static int
run_child (const char *url)
{
  const char *ticket_id = g_getenv ("ALGA_HYGIENE_TICKET");
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaAuth) auth = NULL;
  g_autoptr(AlgaTokenStore) store = alga_token_store_secret_new ();
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sign_in_url = NULL;
  g_autofree char *handoff = NULL;
  g_autofree char *callback = NULL;
  g_autofree char *ott = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_code = NULL;

  /* Browser sign-in: the app's URL, the signed-in browser's hand-off, the alga:// callback. */
  client = alga_client_new (url, &error);
  g_assert_no_error (error);
  auth = alga_auth_new (client);
  sign_in_url = alga_auth_begin_browser_sign_in (auth, &error);
  g_assert_no_error (error);
  handoff = browser_get (browser, sign_in_url);
  callback = browser_get (browser, handoff);
  g_assert_true (alga_auth_parse_callback (callback, &ott, &state, &error_code, &error));
  report_secret (ott);

  alga_auth_complete_browser_sign_in_async (auth, callback, NULL, NULL,
                                            alga_test_store_result_cb, &result);
  bundle = alga_auth_complete_browser_sign_in_finish (auth, alga_test_wait_for_result (&result, 20000),
                                                      &error);
  g_assert_no_error (error);
  report_secret (alga_token_bundle_get_access_key (bundle));
  report_secret (alga_token_bundle_get_refresh_token (bundle));
  g_clear_object (&result);

  /* The access token lives 61 s, so a second later it is within the renewal margin: the
   * comment's request refreshes it first. */
  session = alga_session_new (client, store, bundle);
  /* A fixed time on purpose: it is the token's age that matters. */
  alga_test_spin (1500);
  save_and_sign_out (session, client, ticket_id, "Browser session: checked the UPS batteries.");
  g_clear_object (&session);
  g_clear_pointer (&bundle, alga_token_bundle_unref);

  /* Key sign-in, a comment, sign-out. */
  alga_auth_sign_in_with_key_async (auth, g_getenv ("ALGA_HYGIENE_KEY"),
                                    g_getenv ("ALGA_HYGIENE_EMAIL"), NULL,
                                    alga_test_store_result_cb, &result);
  bundle = alga_auth_sign_in_with_key_finish (auth, alga_test_wait_for_result (&result, 20000), &error);
  g_assert_no_error (error);
  report_secret (alga_token_bundle_get_access_key (bundle));
  session = alga_session_new (client, store, bundle);
  save_and_sign_out (session, client, ticket_id, "Key session: replaced battery pack 2.");

  return 0;
}

/* The parent -------------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *secrets;
  guint      files;
  guint      hits;
} Scan;

/* memmem() without _GNU_SOURCE: files may hold NUL bytes. */
static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n <= len && i <= len - n; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static void
scan_bytes (Scan       *scan,
            const char *where,
            const char *data,
            gsize       len)
{
  for (guint i = 0; i < scan->secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (scan->secrets, i);

      if (contains (data, len, secret))
        {
          /* Say where, never what. */
          g_test_message ("HIT: secret #%u in %s", i, where);
          scan->hits++;
        }
    }
}

static void
scan_tree (Scan       *scan,
           const char *path,
           gint64      since)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || S_ISLNK (st.st_mode))
    return;
  if (st.st_uid != getuid ())
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          scan_tree (scan, child, since);
        }
    }
  else if (S_ISREG (st.st_mode) && (gint64) st.st_mtime >= since)
    {
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_get_contents (path, &contents, &len, NULL))
        {
          scan->files++;
          scan_bytes (scan, path, contents, len);
        }
    }
}

static void
add_secret (GPtrArray  *secrets,
            const char *secret)
{
  /* Short strings would match by chance; every real token is long. */
  if (secret == NULL || strlen (secret) < 16)
    return;
  for (guint i = 0; i < secrets->len; i++)
    if (g_str_equal (g_ptr_array_index (secrets, i), secret))
      return;
  g_ptr_array_add (secrets, g_strdup (secret));
}

/* The secrets the server saw: keys sent, and the tokens in the sign-in bodies. */
static void
collect_from_server (AlgaTestServer *server,
                     const char     *api_key,
                     GPtrArray      *secrets)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (server);

  add_secret (secrets, api_key);
  const char *members[] = { "ott", "refreshToken", "refresh_token", "accessToken", "apiKey", "api_key" };

  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *r = g_ptr_array_index (requests, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      add_secret (secrets, r->api_key);
      if (r->body == NULL || !json_parser_load_from_data (parser, r->body, -1, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        continue;
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        if (json_object_has_member (json_node_get_object (root), members[m]))
          add_secret (secrets, json_object_get_string_member_with_default (json_node_get_object (root),
                                                                           members[m], NULL));
    }
}

static GSubprocessLauncher *
launcher_in_home (const char *home,
                  GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = alga_test_subprocess_launcher_new (flags);
  const char *dirs[][2] = {
    { "HOME", "" }, { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" }, { "TMPDIR", "tmp" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_subprocess_launcher_setenv (launcher, dirs[i][0], dir, TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);

  return launcher;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

/* Whether a draft the program keeps in @home holds @text. */
static gboolean
has_draft_holding (const char *home,
                   const char *text)
{
  g_autofree char *drafts = g_build_filename (home, "data", "alga-desktop", "drafts", NULL);
  g_autoptr(GDir) accounts = g_dir_open (drafts, 0, NULL);
  const char *account;

  while (accounts != NULL && (account = g_dir_read_name (accounts)) != NULL)
    {
      g_autofree char *dir = g_build_filename (drafts, account, NULL);
      g_autoptr(GDir) files = g_dir_open (dir, 0, NULL);
      const char *name;

      while (files != NULL && (name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (g_str_has_suffix (name, ".draft") && alga_test_file_holds (path, text))
            return TRUE;
        }
    }

  return FALSE;
}

/* The real program, signed in with the key, typing a draft, then asked to quit. */
static void
run_program (AlgaTestServer *server,
             const char     *api_key,
             const char     *home,
             const char     *ticket_id,
             GString        *output)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_build_filename (g_getenv ("ALGA_BUILD_ROOT"), "tests", "program",
                                              "alga-desktop-test", NULL);
  g_autofree char *compose = g_strdup_printf ("%s:Draft typed in the real program", ticket_id);
  g_autofree char *log = g_build_filename (home, "program-output.log", NULL);
  g_autofree char *contents = NULL;

  launcher = launcher_in_home (home, G_SUBPROCESS_FLAGS_NONE);
  /* Output to a file in the home, which the scan reads like any other. */
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_setenv (launcher, "ALGA_TOKEN_STORE", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_API_KEY", api_key, TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_USER_EMAIL", alga_test_server_get_user_email (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_TEST_COMPOSE", compose, TRUE);

  process = g_subprocess_launcher_spawn (launcher, &error, program,
                                         "--server", alga_test_server_get_url (server), NULL);
  g_assert_no_error (error);

  alga_test_wait_until (file_contains (log, "alga-test-hook: composer: Draft typed"), 60000);
  /* The draft reaches the disk; then quit as the desktop would. */
  alga_test_wait_until (has_draft_holding (home, "Draft typed in the real program"), 60000);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);

  g_clear_pointer (&contents, g_free);
  g_file_get_contents (log, &contents, NULL, NULL);
  g_string_append (output, contents);
}

static gboolean
keyring_reachable (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) owned = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL)
    return FALSE;
  owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, NULL);
  if (owned != NULL)
    g_variant_get (owned, "(b)", &has_owner);

  return has_owner;
}

static void
test_scenario (void)
{
  g_autoptr(AlgaTestServer) server = alga_test_server_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) reported = g_string_new (NULL);
  g_autoptr(GString) program_output = g_string_new (NULL);
  g_autofree char *home = g_dir_make_tmp ("alga-hygiene-XXXXXX", &error);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *ticket_id = NULL;
  g_autofree char *api_key = NULL;
  g_auto(GStrv) lines = NULL;
  GList *items;
  Scan scan = { 0 };
  gint64 started = g_get_real_time () / G_USEC_PER_SEC - 1;
  int fds[2];
  char buffer[4096];
  gssize n;

  g_assert_no_error (error);
  alga_test_server_set_edition (server, ALGA_TEST_EDITION_ENTERPRISE);
  alga_test_server_set_token_ttls (server, 61, 2592000, 60);
  ticket_id = alga_test_server_create_ticket (server, "UPS beeps in the server room",
                                              alga_test_server_get_user_id (server));
  /* A key of this run: the seeded demo key is the same in every test server, so other
   * programs' files on this machine may hold it. */
  api_key = alga_test_server_create_api_key (server, alga_test_server_get_user_id (server));

  g_assert_cmpint (pipe (fds), ==, 0);
  launcher = launcher_in_home (home, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "ALGA_HYGIENE_CHILD", alga_test_server_get_url (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_HYGIENE_KEY", api_key, TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_HYGIENE_EMAIL", alga_test_server_get_user_email (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_HYGIENE_TICKET", ticket_id, TRUE);
  g_subprocess_launcher_take_fd (launcher, fds[1], SECRETS_FD);
  child = g_subprocess_launcher_spawn (launcher, &error, self_exe, NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher);

  g_subprocess_communicate (child, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (child))
    g_printerr ("The scenario failed (status %d):\n%.*s\n", g_subprocess_get_status (child),
                (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));
  g_assert_true (g_subprocess_get_successful (child));

  while ((n = read (fds[0], buffer, sizeof buffer)) > 0)
    g_string_append_len (reported, buffer, n);
  close (fds[0]);

  /* The scenario really refreshed, and the keyring holds nothing of this server. */
  g_assert_cmpuint (alga_test_server_count_requests (server, "POST", "/api/v1/mobile/auth/refresh"), >=, 1);
  g_assert_cmpuint (alga_test_server_count_comments (server, ticket_id), ==, 2);
  items = secret_password_search_sync (alga_token_store_secret_get_schema (),
                                       SECRET_SEARCH_ALL, NULL, &error,
                                       "server-url", alga_test_server_get_url (server), NULL);
  g_assert_no_error (error);
  g_test_message ("keyring items of the app for this server after sign-out: %u", g_list_length (items));
  g_assert_cmpuint (g_list_length (items), ==, 0);
  g_list_free_full (items, g_object_unref);

  run_program (server, api_key, home, ticket_id, program_output);

  lines = g_strsplit (reported->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    add_secret (secrets, lines[i]);
  collect_from_server (server, api_key, secrets);
  /* OTT, two access tokens, refresh tokens (rotated), the API key. */
  g_assert_cmpuint (secrets->len, >=, 5);

  scan.secrets = secrets;
  {
    /* The scan finds what it looks for: a control buffer with one secret in the middle. */
    g_autofree char *control = g_strdup_printf ("x-api-key: %s\n", (char *) g_ptr_array_index (secrets, 0));

    scan_bytes (&scan, "the control buffer (expected)", control, strlen (control));
    g_assert_cmpuint (scan.hits, ==, 1);
    scan.hits = 0;
  }
  scan_tree (&scan, home, 0);
  {
    g_autoptr(GDir) tmp = g_dir_open (g_get_tmp_dir (), 0, NULL);
    const char *name;

    /* /tmp entries made during the run, except the home itself (already read). */
    while (tmp != NULL && (name = g_dir_read_name (tmp)) != NULL)
      {
        g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

        if (!g_str_equal (path, home))
          scan_tree (&scan, path, started);
      }
  }
  scan_bytes (&scan, "child stdout", g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  scan_bytes (&scan, "child stderr", g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  scan_bytes (&scan, "program output", program_output->str, program_output->len);

  g_test_message ("secret scan: %u secrets, %u files, %zu bytes of captured output, %u hits",
                  secrets->len, scan.files,
                  g_bytes_get_size (out) + g_bytes_get_size (err) + program_output->len, scan.hits);
  /* Debug logging was on: the output is not empty, so the scan read something real. */
  g_assert_cmpuint (g_bytes_get_size (out) + g_bytes_get_size (err), >, 1000);
  g_assert_cmpuint (scan.files, >, 0);
  g_assert_cmpuint (scan.hits, ==, 0);

  alga_test_server_stop (server);
  remove_tree (home);
}

int
main (int   argc,
      char *argv[])
{
  const char *child_url = g_getenv ("ALGA_HYGIENE_CHILD");

  if (child_url != NULL)
    return run_child (child_url);

  g_test_init (&argc, &argv, NULL);

  if (!keyring_reachable ())
    {
      if (g_getenv ("ALGA_REQUIRE_KEYRING") != NULL)
        {
          fprintf (stderr, "The keyring is required (ALGA_REQUIRE_KEYRING) but not reachable\n");
          return 1;
        }
      printf ("1..0 # SKIP no Secret Service on the session bus\n");
      return 0;
    }
  if (g_getenv ("ALGA_BUILD_ROOT") == NULL || g_getenv ("DISPLAY") == NULL)
    {
      if (g_getenv ("ALGA_REQUIRE_DISPLAY") != NULL)
        return 1;
      printf ("1..0 # SKIP no display or no ALGA_BUILD_ROOT\n");
      return 0;
    }

  g_test_add_func ("/secret-hygiene/full-scenario", test_scenario);

  return g_test_run ();
}
