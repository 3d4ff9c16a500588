/* alga-bench.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmarks B1…B7 of docs/PERFORMANCE.md, against the demo server on loopback (linked in,
 * so that requests can be counted), under a display. Prints one line per figure with its target
 * and PASS or FAIL, and writes them all as JSON. Not a test: figures depend on the machine.
 *
 * Children report through ALGA_BENCH_FD (see alga-bench-probe.h): the app for B1, B2, B6, B6r and B7
 * (tests/program/alga-desktop-test, the shipped program plus that report); alga-bench-minimal
 * for the floor; alga-bench --child-list for B4 and B5.
 */

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include "alga-bench-probe.h"
#include "alga-client.h"
#include "alga-gui-util.h"
#include "alga-json.h"
#include "alga-test-credentials.h"
#include "alga-test-gtk.h"
#include "alga-test-server.h"
#include "alga-ticket-list-view.h"
#include "alga-ticket-list.h"
#include "alga-ticket-page.h"
#include "alga-ticket.h"

#define CHILD_TIMEOUT_MS 60000

static int runs = 5;
static char *callgrind_prefix;
static int b6_runs = 3;
/* Set while B6h runs: the program hides its window once the list is shown. */
static gboolean hide_window;
static int b6_seconds = 60;
static int b6r_seconds = 10;
static char *json_path;
static char *only;
static gboolean measuring_start;
static gboolean verbose;
static gboolean key_every_run;
static char *xdg_cache_home;
static char *child_list_url;
static char *child_list_key;

static char *app_path;
static char *minimal_path;
static char *schema_dir;
static char *self_path;

/* Figures. */

typedef struct
{
  const char *id;
  const char *name;
  const char *unit;
  double      value;
  double      target;
  gboolean    pass;
  char       *detail;
  GArray     *samples;   /* double */
} Figure;

static GPtrArray *figures;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *samples,
            double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint index;

  if (samples->len == 0)
    return 0;

  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);

  if (p == 50 && sorted->len % 2 == 0)
    return (g_array_index (sorted, double, sorted->len / 2 - 1) +
            g_array_index (sorted, double, sorted->len / 2)) / 2;

  index = (guint) (p / 100.0 * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

static double
median (GArray *samples)
{
  return percentile (samples, 50);
}

static GArray *
new_samples (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static void
add_sample (GArray *samples,
            double  value)
{
  g_array_append_val (samples, value);
}

static void
report (const char *id,
        const char *name,
        const char *unit,
        double      value,
        double      target,
        gboolean    pass,
        GArray     *samples,
        const char *detail)
{
  Figure *figure = g_new0 (Figure, 1);

  figure->id = id;
  figure->name = name;
  figure->unit = unit;
  figure->value = value;
  figure->target = target;
  figure->pass = pass;
  figure->detail = g_strdup (detail);
  figure->samples = samples != NULL ? g_array_ref (samples) : new_samples ();
  g_ptr_array_add (figures, figure);

  g_print ("%s %-44s %9.1f %-4s target ≤ %.1f %-4s %s  (%s)\n", id, name, value, unit,
           target, unit, pass ? "PASS" : "FAIL", detail != NULL ? detail : "");
}

static void
write_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = alga_json_format_datetime (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "generated_at");
  json_builder_add_string_value (builder, stamp);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, runs);
  json_builder_set_member_name (builder, "renderer");
  json_builder_add_string_value (builder, g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER")
                                                                            : "default");
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  for (guint i = 0; i < figures->len; i++)
    {
      Figure *figure = g_ptr_array_index (figures, i);

      json_builder_set_member_name (builder, figure->id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, figure->name);
      json_builder_set_member_name (builder, "value");
      json_builder_add_double_value (builder, figure->value);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, figure->unit);
      json_builder_set_member_name (builder, "target");
      json_builder_add_double_value (builder, figure->target);
      json_builder_set_member_name (builder, "pass");
      json_builder_add_boolean_value (builder, figure->pass);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, figure->detail != NULL ? figure->detail : "");
      json_builder_set_member_name (builder, "samples");
      json_builder_begin_array (builder);
      for (guint j = 0; j < figure->samples->len; j++)
        json_builder_add_double_value (builder, g_array_index (figure->samples, double, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  dir = g_path_get_dirname (json_path);
  g_mkdir_with_parents (dir, 0755);
  if (!g_file_set_contents (json_path, text, -1, &error))
    g_printerr ("Could not write %s: %s\n", json_path, error->message);
  else
    g_print ("Wrote %s\n", json_path);
}

static gboolean
wanted (const char *id)
{
  g_auto(GStrv) ids = NULL;

  if (only == NULL)
    return TRUE;

  ids = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *) ids, id);
}

/* Child processes. */

typedef struct
{
  GSubprocess *process;
  int          fd;
  GString     *buffer;
  gint64       started;   /* monotonic µs, just before the spawn */
} Child;

static void
child_free (Child *child)
{
  if (child->process != NULL)
    {
      if (g_subprocess_get_identifier (child->process) != NULL)
        {
          g_subprocess_send_signal (child->process, SIGTERM);
          for (guint i = 0; i < 300 && g_subprocess_get_identifier (child->process) != NULL; i++)
            {
              g_main_context_iteration (NULL, FALSE);
              g_usleep (10000);
              if (i == 299)
                g_subprocess_force_exit (child->process);
            }
        }
      g_subprocess_wait (child->process, NULL, NULL);
      g_object_unref (child->process);
    }
  if (child->fd >= 0)
    close (child->fd);
  g_string_free (child->buffer, TRUE);
  g_free (child);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Child, child_free)

static gboolean
is_typing_child (const char * const *argv)
{
  return argv[1] != NULL && strcmp (argv[1], "--child-list") == 0;
}

/* The app's starts and the minimal window, while the start figures are measured for B1 or B2. */
static gboolean
is_start_child (const char * const *argv)
{
  return measuring_start && (wanted ("B1") || wanted ("B2")) &&
         (strcmp (argv[0], app_path) == 0 || strcmp (argv[0], minimal_path) == 0);
}

static Child *
spawn_child (const char * const  *argv,
             const char * const  *env)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  Child *child;
  int fds[2];

  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));

  launcher = g_subprocess_launcher_new (verbose ? G_SUBPROCESS_FLAGS_NONE
                                                : G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                  G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  g_subprocess_launcher_setenv (launcher, "ALGA_BENCH_FD", "3", TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  child = g_new0 (Child, 1);
  child->fd = fds[0];
  child->buffer = g_string_new (NULL);
  child->started = g_get_monotonic_time ();
  if (callgrind_prefix != NULL && (is_typing_child (argv) || is_start_child (argv)))
    {
      /* Instructions, which do not depend on the machine's load: one profile per key, or per
       * start up to its first frame. */
      g_autofree char *out = g_strdup_printf ("--callgrind-out-file=%s.%%p", callgrind_prefix);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) wrapped = NULL;

      g_strv_builder_add_many (builder, "valgrind", "--tool=callgrind", out, NULL);
      /* A start's main thread apart from the threads beside it (keyring, cache, network). */
      g_strv_builder_add (builder, is_typing_child (argv) ? "--collect-atstart=no"
                                                          : "--separate-threads=yes");
      g_strv_builder_addv (builder, (const char **) argv);
      wrapped = g_strv_builder_end (builder);
      child->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) wrapped,
                                                     &error);
    }
  else
    child->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child->process == NULL)
    g_error ("Could not start %s: %s", argv[0], error->message);

  return child;
}

/* The next whole line the child wrote, or NULL when none came before @deadline (monotonic µs)
 * or the child closed its end. */
static char *
child_next_line (Child  *child,
                 gint64  deadline)
{
  for (;;)
    {
      char *newline = strchr (child->buffer->str, '\n');
      struct pollfd pfd = { child->fd, POLLIN, 0 };
      char chunk[512];
      gssize n;
      gint64 left;

      if (newline != NULL)
        {
          char *line = g_strndup (child->buffer->str, newline - child->buffer->str);

          g_string_erase (child->buffer, 0, newline - child->buffer->str + 1);
          return line;
        }

      left = (deadline - g_get_monotonic_time ()) / 1000;
      if (left <= 0)
        return NULL;
      g_main_context_iteration (NULL, FALSE);
      if (poll (&pfd, 1, MIN (left, 50)) <= 0)
        continue;
      n = read (child->fd, chunk, sizeof chunk);
      if (n <= 0)
        return NULL;
      g_string_append_len (child->buffer, chunk, n);
    }
}

/* Waits for the line "<what> <time> <value>"; returns its time, or -1 on timeout or exit. */
static gint64
child_wait_for (Child      *child,
                const char *what,
                guint64    *value,
                guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  g_autofree char *prefix = g_strconcat (what, " ", NULL);

  for (;;)
    {
      char *newline;
      struct pollfd pfd = { child->fd, POLLIN, 0 };
      char chunk[512];
      gssize n;
      gint64 left;

      while ((newline = strchr (child->buffer->str, '\n')) != NULL)
        {
          g_autofree char *line = g_strndup (child->buffer->str, newline - child->buffer->str);

          g_string_erase (child->buffer, 0, newline - child->buffer->str + 1);
          if (g_str_has_prefix (line, prefix))
            {
              char *end = NULL;
              gint64 time = g_ascii_strtoll (line + strlen (prefix), &end, 10);

              if (value != NULL)
                *value = g_ascii_strtoull (end, NULL, 10);
              return time;
            }
        }

      left = (deadline - g_get_monotonic_time ()) / 1000;
      if (left <= 0)
        return -1;

      /* The in-process server answers from its own thread; the main context only needs to
       * turn for GSubprocess bookkeeping. */
      g_main_context_iteration (NULL, FALSE);
      if (poll (&pfd, 1, MIN (left, 50)) <= 0)
        continue;

      n = read (child->fd, chunk, sizeof chunk);
      if (n <= 0)
        return -1;
      g_string_append_len (child->buffer, chunk, n);
    }
}

static void remove_tree (const char *path);

/* A home of its own for each app run: cache, config (a keyfile GSettings backend), data. */
static char *
make_home (const char *base,
           const char *name)
{
  g_autofree char *home = g_build_filename (base, name, NULL);
  g_autofree char *settings_dir = g_build_filename (home, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);

  g_mkdir_with_parents (settings_dir, 0700);
  /* B6 polls every 15 s, the schema's minimum. */
  g_file_set_contents (keyfile, "[com/nineminds/AlgaPSA]\npoll-interval=uint32 15\n", -1, NULL);

  return g_steal_pointer (&home);
}

/* The app as a technician starts it: the account restored from the keyring (signed in with
 * the key once, by the first run), or with --key-every-run signed in with the key each time.
 * With @report_frames, once its list is shown it opens the running timer's ticket and reports
 * every frame (alga-paint-probe.c). */
static Child *
spawn_app (AlgaTestServer *server,
           const char     *home,
           gboolean        sign_in,
           gboolean        report_frames)
{
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  const char *argv[] = { app_path, "--server", alga_test_server_get_url (server), NULL };
  const char *env[] = {
    /* Shared by all runs, so that fontconfig's and Mesa's caches are warm for everyone. */
    "XDG_CACHE_HOME", xdg_cache_home,
    "XDG_CONFIG_HOME", config,
    "XDG_DATA_HOME", data,
    "GSETTINGS_BACKEND", "keyfile",
    "GSETTINGS_SCHEMA_DIR", schema_dir,
    "ALGA_TOKEN_STORE", key_every_run ? "memory" : "secret",
    "ALGA_API_KEY", sign_in || key_every_run ? alga_test_server_get_api_key (server) : "",
    "ALGA_USER_EMAIL", alga_test_server_get_user_email (server),
    /* Unset variables end the list: at most one of these two is asked for at a time. */
    report_frames ? "ALGA_BENCH_FRAMES" : hide_window ? "ALGA_BENCH_HIDE" : NULL, "1",
    NULL
  };

  return spawn_child (argv, env);
}

static void
delete_app_cache (void)
{
  g_autofree char *dir = g_build_filename (xdg_cache_home, "alga-desktop", NULL);

  remove_tree (dir);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static AlgaTestServer *
start_server (guint n_tickets)
{
  g_autoptr(GError) error = NULL;
  AlgaTestServer *server;

  server = alga_test_server_new_full (1, n_tickets, ALGA_TEST_EDITION_ENTERPRISE, 0, &error);
  if (server == NULL)
    g_error ("The demo server did not start: %s", error->message);

  return server;
}

/* The floor: a minimal libadwaita window's first frame and memory. */
static void
measure_minimal_once (GArray *times_ms,
                      GArray *rss_kib)
{
  const char *argv[] = { minimal_path, NULL };
  const char *env[] = { "XDG_CACHE_HOME", xdg_cache_home, NULL };
  g_autoptr(Child) child = spawn_child (argv, env);
  guint64 rss = 0;
  gint64 painted = child_wait_for (child, "painted", NULL, CHILD_TIMEOUT_MS);

  if (painted < 0 || child_wait_for (child, "rss", &rss, CHILD_TIMEOUT_MS) < 0)
    g_error ("The minimal window did not paint");
  add_sample (times_ms, (painted - child->started) / 1000.0);
  add_sample (rss_kib, rss);
}

static void
print_floor (GArray *times_ms,
             GArray *rss_kib)
{
  g_print ("Minimal libadwaita window: first frame %.1f ms, %.1f MiB resident (median of %d; "
           "renderer %s)\n",
           median (times_ms), median (rss_kib) / 1024.0, runs,
           g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "GTK's default");
}

static void
measure_minimal (GArray *times_ms,
                 GArray *rss_kib)
{
  for (int i = 0; i < runs; i++)
    measure_minimal_once (times_ms, rss_kib);
}

/* With --verbose, what the server was asked, so that a count over its target says why. */
static void
print_requests (AlgaTestServer *server)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (server);

  for (guint j = 0; j < requests->len; j++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, j);

      g_printerr ("  %s %s?%s\n", request->method, request->path,
                  request->query != NULL ? request->query : "");
    }
}

/* B1, B2, B7: start to first painted rows, cached and not, and requests until "My open" is
 * fully shown. The floor's runs are taken in turn with the app's, one before each pair of starts,
 * so that a machine that is slower or faster for a while weighs on both alike: measured in a block
 * of their own before the app's, the floor's median moved by a fifth between two whole benches
 * on an idle machine. */
static void
measure_start (const char *base,
               GArray     *floor_times_ms,
               GArray     *floor_rss_kib)
{
  g_autoptr(AlgaTestServer) server = start_server (500);
  g_autoptr(GArray) cached_ms = new_samples ();
  g_autoptr(GArray) empty_ms = new_samples ();
  g_autoptr(GArray) requests_cached = new_samples ();
  g_autoptr(GArray) requests_empty = new_samples ();
  g_autofree char *warm_home = make_home (base, "warm");
  g_autofree char *detail = NULL;
  double floor_ms;

  /* Signs in and fills the cache, as an earlier run of the day would have. */
  {
    g_autoptr(Child) app = spawn_app (server, warm_home, TRUE, FALSE);

    if (child_wait_for (app, "shown", NULL, CHILD_TIMEOUT_MS) < 0)
      g_error ("The app did not show its list");
  }

  for (int i = 0; i < runs; i++)
    {
      gint64 painted, shown;

      measure_minimal_once (floor_times_ms, floor_rss_kib);

      {
        g_autoptr(Child) app = NULL;

        alga_test_server_clear_requests (server);
        app = spawn_app (server, warm_home, FALSE, FALSE);
        painted = child_wait_for (app, "painted", NULL, CHILD_TIMEOUT_MS);
        shown = child_wait_for (app, "shown", NULL, CHILD_TIMEOUT_MS);
        if (painted < 0 || shown < 0)
          g_error ("The app did not paint its cached list");
        add_sample (cached_ms, (painted - app->started) / 1000.0);
        add_sample (requests_cached, alga_test_server_count_requests (server, NULL, "*"));
      }

      {
        g_autoptr(Child) app = NULL;

        /* The same account with its cache deleted (as after signing out and in again). */
        delete_app_cache ();
        alga_test_server_clear_requests (server);
        app = spawn_app (server, warm_home, FALSE, FALSE);
        painted = child_wait_for (app, "painted", NULL, CHILD_TIMEOUT_MS);
        shown = child_wait_for (app, "shown", NULL, CHILD_TIMEOUT_MS);
        if (painted < 0 || shown < 0)
          g_error ("The app did not paint its list");
        add_sample (empty_ms, (painted - app->started) / 1000.0);
        add_sample (requests_empty, alga_test_server_count_requests (server, NULL, "*"));
      }

      if (verbose)
        print_requests (server);
    }

  floor_ms = median (floor_times_ms);
  print_floor (floor_times_ms, floor_rss_kib);
  if (wanted ("B1"))
    {
      detail = g_strdup_printf ("minimal window %.1f ms; 500 tickets", floor_ms);
      report ("B1", "start to first rows, cached", "ms", median (cached_ms), 1.5 * floor_ms,
              median (cached_ms) <= 1.5 * floor_ms, cached_ms, detail);
      g_clear_pointer (&detail, g_free);
    }
  if (wanted ("B2"))
    {
      detail = g_strdup_printf ("minimal window %.1f ms + 150 ms", floor_ms);
      report ("B2", "start to first rows, empty cache", "ms", median (empty_ms), floor_ms + 150,
              median (empty_ms) <= floor_ms + 150, empty_ms, detail);
      g_clear_pointer (&detail, g_free);
    }
  if (wanted ("B7"))
    {
      detail = g_strdup_printf ("cached start; %.0f with an empty cache", median (requests_empty));
      report ("B7", "requests until \"My open\" is fully shown", "req", median (requests_cached),
              4, median (requests_cached) <= 4, requests_cached, detail);
    }

  remove_tree (warm_home);
}

/* B3: decoding 10,000 mobile_list tickets, against json-glib's parse of the same bytes. */

static GBytes *
fetch_all_tickets (AlgaTestServer *server,
                   guint           n_tickets)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonArray) all = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;
  gsize length;

  for (guint page = 1; json_array_get_length (all) < n_tickets; page++)
    {
      g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets?page=%u&limit=100&fields=mobile_list",
                                              alga_test_server_get_url (server), page);
      g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *data;

      soup_message_headers_append (soup_message_get_request_headers (message), "x-api-key",
                                   alga_test_server_get_api_key (server));
      body = soup_session_send_and_read (session, message, NULL, &error);
      if (body == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                       g_bytes_get_size (body), &error))
        g_error ("Page %u: %s", page, error->message);

      data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "data");
      if (json_array_get_length (data) == 0)
        break;
      for (guint i = 0; i < json_array_get_length (data); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (data, i)));
    }

  json_node_set_array (node, all);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

static void
measure_decode (void)
{
  g_autoptr(AlgaTestServer) server = start_server (10000);
  g_autoptr(GBytes) items = fetch_all_tickets (server, 10000);
  g_autoptr(GString) envelope = g_string_new ("{\"data\":");
  g_autoptr(GArray) parse_ms = new_samples ();
  g_autoptr(GArray) decode_ms = new_samples ();
  g_autofree char *detail = NULL;
  const char *data;
  gsize size;
  guint decoded = 0;
  double target;

  /* One answer of 10,000 items, in the envelope the client receives (docs/API.md, Success
   * envelopes). */
  g_string_append_len (envelope, g_bytes_get_data (items, NULL), g_bytes_get_size (items));
  g_string_append (envelope, ",\"pagination\":{\"page\":1,\"limit\":10000,\"total\":10000,"
                             "\"totalPages\":1,\"hasNext\":false,\"hasPrev\":false}}");
  data = envelope->str;
  size = envelope->len;

  for (int i = 0; i < runs; i++)
    {
      {
        g_autoptr(JsonParser) parser = json_parser_new_immutable ();
        gint64 start = g_get_monotonic_time ();

        if (!json_parser_load_from_data (parser, data, size, NULL))
          g_error ("Could not parse the tickets");
        add_sample (parse_ms, (g_get_monotonic_time () - start) / 1000.0);
      }
      {
        g_autoptr(GPtrArray) tickets = NULL;
        g_autoptr(AlgaPagination) pagination = NULL;
        g_autoptr(GError) error = NULL;
        gint64 start = g_get_monotonic_time ();

        /* Bytes to objects, as the client does it: alga_ticket_page_decode() on the body. */
        tickets = alga_ticket_page_decode (data, size, &pagination, &error);
        add_sample (decode_ms, (g_get_monotonic_time () - start) / 1000.0);
        g_assert_no_error (error);
        decoded = tickets->len;
      }
    }

  target = MIN (2 * median (parse_ms), 100);
  detail = g_strdup_printf ("%u tickets, %.1f MiB; json-glib parse %.1f ms; target min(2 × parse, 100 ms)",
                            decoded, size / 1048576.0, median (parse_ms));
  report ("B3", "decoding 10,000 mobile_list tickets", "ms", median (decode_ms), target,
          median (decode_ms) <= target, decode_ms, detail);
}

static guint frames;

static void
on_after_paint_count_cb (GdkFrameClock *clock,
                         gpointer       user_data)
{
  frames++;
}

static void
wait_frames (guint n)
{
  guint target = frames + n;
  /* Under valgrind a frame takes some fifty times as long. */
  gint64 deadline = g_get_monotonic_time () + (RUNNING_ON_VALGRIND ? 120 : 5) * G_USEC_PER_SEC;

  while (frames < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static guint shown_changes;

static void
on_shown_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added)
{
  shown_changes++;
}

static void
wait_loaded (AlgaTicketList *list)
{
  while (alga_ticket_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
on_pause_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* B5: what alga-window does with the search entry: each key sets the view's filter-text at
 * once (the loaded items narrow on the client); once typing pauses (the entry's 300 ms
 * search-delay) the server is asked and its answer replaces the items. */
static void
type_key (AlgaTicketListView *view,
          const char         *text)
{
  guint changes = shown_changes;
  gboolean paused = FALSE;
  gint64 start;

  /* A technician's typing pace: the frame clock is idle again when the key comes. The pause
   * runs the main loop, as the app does between keys: blocking in it instead would leave a
   * frame the last key asked for pending, then painted just before this key, which would
   * wait for the next frame slot (up to 16.7 ms) on the app's behalf. */
  g_timeout_add (120, on_pause_done_cb, &paused);
  while (!paused)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  CALLGRIND_ZERO_STATS;
  CALLGRIND_TOGGLE_COLLECT;
  start = g_get_monotonic_time ();
  alga_ticket_list_view_set_filter_text (view, text);
  /* Rows changed: until the frame that shows them is painted. No change: nothing to draw. */
  if (shown_changes != changes)
    wait_frames (1);
  CALLGRIND_TOGGLE_COLLECT;
  if (RUNNING_ON_VALGRIND)
    {
      g_autofree char *name = g_strdup_printf ("key \"%s\"", text);

      CALLGRIND_DUMP_STATS_AT (name);
    }
  alga_bench_probe_write ("key", g_get_monotonic_time () - start);
}

static void
ask_server (AlgaTicketList        *list,
            const AlgaTicketQuery *query,
            const char            *text)
{
  g_autoptr(AlgaTicketQuery) narrowed = alga_ticket_query_copy (query);
  gint64 start = g_get_monotonic_time ();

  alga_ticket_query_set_search (narrowed, text);
  alga_ticket_list_set_query (list, narrowed);
  wait_loaded (list);
  wait_frames (1);
  alga_bench_probe_write ("server", g_get_monotonic_time () - start);
}

static int
run_child_list (void)
{
  static const char * const typed[] = { "p", "pr", "pri", "prin", "print", "printe", "printer" };
  static const char * const erased[] = { "printe", "print", "prin", "pri", "pr", "p", "" };
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaTestCredentials) credentials = alga_test_credentials_new (NULL);
  g_autoptr(AlgaTicketList) list = NULL;
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *view;
  GtkScrolledWindow *scrolled;
  GtkWidget *list_view;
  GtkAdjustment *adjustment;
  g_autoptr(GListModel) shown = NULL;

  adw_init ();
  client = alga_client_new (child_list_url, &error);
  g_assert_no_error (error);
  alga_test_credentials_set_key (credentials, child_list_key);
  alga_client_set_credentials (client, ALGA_CREDENTIALS (credentials));

  /* The window's own page size; every ticket, like "All" with 10,000. */
  list = alga_ticket_list_new (client, query);
  alga_ticket_list_set_page_size (list, 50);

  window = adw_window_new ();
  view = alga_ticket_list_view_new ();
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_count_cb), NULL);
  alga_ticket_list_view_set_model (ALGA_TICKET_LIST_VIEW (view), list);
  alga_ticket_list_reload (list);
  wait_loaded (list);
  wait_frames (2);

  scrolled = GTK_SCROLLED_WINDOW (alga_test_find_widget (view, GTK_TYPE_SCROLLED_WINDOW));
  list_view = alga_test_find_widget (view, GTK_TYPE_LIST_BASE);
  g_assert_nonnull (scrolled);
  g_assert_nonnull (list_view);
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  /* What the rows show: the selection's model, after the view's filter (the view may use a
   * GtkListView or a one-column GtkGridView). */
  g_object_get (list_view, "model", &shown, NULL);
  g_signal_connect (shown, "items-changed", G_CALLBACK (on_shown_items_changed_cb), NULL);

  /* Scroll to the end, page after page, as a technician dragging the scrollbar would. */
  while (alga_ticket_list_get_has_more (list) || alga_ticket_list_get_loading (list))
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      wait_frames (1);
      if (!alga_ticket_list_get_loading (list))
        alga_ticket_list_load_more (list);
      wait_loaded (list);
    }
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_frames (2);
  gtk_adjustment_set_value (adjustment, 0);
  wait_frames (2);
  alga_bench_probe_write ("items", g_list_model_get_n_items (G_LIST_MODEL (list)));
  alga_bench_probe_write ("rss", alga_bench_probe_rss_kib ());

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    type_key (ALGA_TICKET_LIST_VIEW (view), typed[i]);
  ask_server (list, query, typed[G_N_ELEMENTS (typed) - 1]);
  alga_bench_probe_write ("matches", g_list_model_get_n_items (shown));
  for (guint i = 0; i < G_N_ELEMENTS (erased); i++)
    type_key (ALGA_TICKET_LIST_VIEW (view), erased[i]);
  ask_server (list, query, NULL);

  alga_bench_probe_write ("done", 0);
  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}

static void
measure_list (double floor_rss_kib)
{
  g_autoptr(AlgaTestServer) server = start_server (10000);
  g_autoptr(GArray) rss_mib = new_samples ();
  g_autoptr(GArray) keys_ms = new_samples ();
  g_autoptr(GArray) server_ms = new_samples ();
  g_autofree char *detail = NULL;
  guint64 items = 0, matches = 0;

  for (int i = 0; i < MAX (runs / 2, 1); i++)
    {
      const char *argv[] = { self_path, "--child-list", alga_test_server_get_url (server),
                             alga_test_server_get_api_key (server), NULL };
      g_autoptr(Child) child = spawn_child (argv, NULL);
      guint64 rss = 0, latency = 0;

      if (child_wait_for (child, "items", &items, 10 * CHILD_TIMEOUT_MS) < 0 ||
          child_wait_for (child, "rss", &rss, CHILD_TIMEOUT_MS) < 0)
        g_error ("The list did not load");
      add_sample (rss_mib, (rss - floor_rss_kib) / 1024.0);

      /* Seven keys typed, the server's answer, seven keys erased, the server's answer. */
      for (guint k = 0; k < 14; k++)
        {
          if (child_wait_for (child, "key", &latency, CHILD_TIMEOUT_MS) < 0)
            g_error ("A keystroke got no answer");
          add_sample (keys_ms, latency / 1000.0);
          if (k == 6 || k == 13)
            {
              if (child_wait_for (child, "server", &latency, CHILD_TIMEOUT_MS) < 0)
                g_error ("The search got no answer");
              add_sample (server_ms, latency / 1000.0);
            }
          if (k == 6 && child_wait_for (child, "matches", &matches, CHILD_TIMEOUT_MS) < 0)
            g_error ("The search got no answer");
        }
      child_wait_for (child, "done", NULL, CHILD_TIMEOUT_MS);
    }

  if (wanted ("B4"))
    {
      detail = g_strdup_printf ("%" G_GUINT64_FORMAT " tickets loaded and scrolled; minimal window %.1f MiB",
                                items, floor_rss_kib / 1024.0);
      report ("B4", "memory above the minimal window", "MiB", median (rss_mib), 60,
              median (rss_mib) <= 60, rss_mib, detail);
      g_clear_pointer (&detail, g_free);
    }
  if (wanted ("B5"))
    {
      double p95 = percentile (keys_ms, 95);

      detail = g_strdup_printf ("p95 %.1f ms; typing and erasing \"printer\" 120 ms apart: "
                                "filter-text set to the next frame painted (the loaded "
                                "items filtered on the client); the server's answer after the "
                                "300 ms pause %.1f ms (median), %" G_GUINT64_FORMAT " matches",
                                p95, median (server_ms), matches);
      report ("B5", "keystroke to list updated (median)", "ms", median (keys_ms), 16,
              median (keys_ms) <= 16 && p95 <= 16, keys_ms, detail);
    }
}

/* B6: the app idle in the background. */

static guint64
cpu_ticks (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (process));
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return 0;

  /* The command name may hold spaces: fields start after its closing parenthesis. */
  after = strrchr (stat, ')');
  if (after == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;

  /* utime and stime: fields 14 and 15 of stat(5), 12 and 13 after the name. */
  return g_ascii_strtoull (fields[11], NULL, 10) + g_ascii_strtoull (fields[12], NULL, 10);
}

/* A timer started an hour ago on the server's first ticket, in the file the app reads for this
 * account (its data folder is the run's own). */
static void
write_running_timer (AlgaTestServer *server,
                     const char     *home)
{
  g_autofree char *account = g_strconcat (alga_test_server_get_url (server), "\n",
                                          alga_test_server_get_user_id (server), NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account, -1);
  g_autofree char *dir = g_build_filename (home, "data", "alga-desktop", "timers", NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_hours (now, -1);
  g_autofree char *start_text = g_date_time_format_iso8601 (start);

  hash[16] = '\0';
  path = g_strconcat (dir, "/", hash, ".timer", NULL);
  text = g_strdup_printf ("[Timer]\nticket-id=%s\nticket-number=TIC1\nticket-title=Bench\nstart=%s\nreminded-hours=1\n",
                          alga_test_server_get_my_ticket_id (server), start_text);
  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents (path, text, -1, NULL))
    g_error ("Could not write the timer for B6t");
}

static void
measure_idle_run (const char *base,
                  const char *id,
                  const char *what,
                  gboolean    with_timer)
{
  g_autoptr(AlgaTestServer) server = start_server (500);
  g_autoptr(GArray) cpu_percent = new_samples ();
  g_autoptr(GArray) requests = new_samples ();
  g_autofree char *detail = NULL;
  long ticks_per_second = sysconf (_SC_CLK_TCK);

  for (int i = 0; i < b6_runs; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%d", id, i);
      g_autofree char *home = make_home (base, name);
      g_autoptr(Child) app = NULL;

      if (with_timer)
        write_running_timer (server, home);
      app = spawn_app (server, home, TRUE, FALSE);
      guint64 before, after;
      gint64 start, end;

      if (child_wait_for (app, "shown", NULL, CHILD_TIMEOUT_MS) < 0)
        g_error ("The app did not show its list");
      /* Let the start settle (counts, reference data) before the idle time starts. */
      g_usleep (2 * G_USEC_PER_SEC);

      alga_test_server_clear_requests (server);
      before = cpu_ticks (app->process);
      start = g_get_monotonic_time ();
      g_usleep ((gulong) b6_seconds * G_USEC_PER_SEC);
      after = cpu_ticks (app->process);
      end = g_get_monotonic_time ();

      add_sample (cpu_percent,
                  100.0 * (after - before) / ticks_per_second / ((end - start) / 1e6));
      add_sample (requests, alga_test_server_count_requests (server, NULL, "*"));
      if (verbose)
        print_requests (server);
      remove_tree (home);
    }

  detail = g_strdup_printf ("%d s at a 15 s poll interval; %.0f requests (target ≤ 5)",
                            b6_seconds, median (requests));
  report (id, what, "%", median (cpu_percent), 0.2,
          median (cpu_percent) <= 0.2 && median (requests) <= 5, cpu_percent, detail);
}

static void
measure_idle (const char *base)
{
  if (wanted ("B6"))
    measure_idle_run (base, "B6", "idle CPU in the background", FALSE);
  /* The timer's chip ticks once a second in the shown window: what that costs. */
  if (wanted ("B6t"))
    measure_idle_run (base, "B6t", "idle CPU with a timer running", TRUE);
  /* With the window hidden, a running timer must add nothing: no tick, no redraw. */
  if (wanted ("B6h"))
    {
      hide_window = TRUE;
      measure_idle_run (base, "B6h", "idle CPU, timer running, window hidden", TRUE);
      hide_window = FALSE;
    }
}

/* B6r: how often the timer's widgets are drawn while it runs in a shown window: the timer at
 * the bottom of the window, and its ticket open in the pane, with the ticket's time section.
 * Counted are the frames that called their snapshot (GTK draws a widget again only when it was
 * queued for drawing, else it reuses its last drawing); the window's frames from any cause are
 * given beside. */
static void
measure_timer_frames (const char *base)
{
  g_autoptr(AlgaTestServer) server = start_server (500);
  g_autoptr(GArray) per_second = new_samples ();
  g_autofree char *detail = NULL;
  guint n_frames = 0, timer_frames = 0, texts = 0;
  gboolean section_shown = TRUE, ticking = TRUE;

  for (int i = 0; i < b6_runs; i++)
    {
      g_autofree char *name = g_strdup_printf ("B6r-%d", i);
      g_autofree char *home = make_home (base, name);
      g_autoptr(Child) app = NULL;
      gint64 shown, opened, start, end;
      gboolean section = FALSE;
      char *line;

      write_running_timer (server, home);
      app = spawn_app (server, home, TRUE, TRUE);
      shown = child_wait_for (app, "shown", NULL, CHILD_TIMEOUT_MS);
      if (shown < 0)
        g_error ("The app did not show its list");

      /* The ticket opens in the pane and its time section is shown: from the first frame that
       * shows it, the list's scroll to the ticket (its scrollbar shown, then faded out) and the
       * pane's loading get 5 s; then only the timer moves. */
      opened = -1;
      while (opened < 0 && (line = child_next_line (app, shown + CHILD_TIMEOUT_MS * 1000)) != NULL)
        {
          g_auto(GStrv) fields = g_strsplit (line, " ", 3);

          if (g_strcmp0 (fields[0], "frame") == 0 && fields[1] != NULL && fields[2] != NULL &&
              (g_ascii_strtoull (fields[2], NULL, 10) & 1) != 0)
            opened = g_ascii_strtoll (fields[1], NULL, 10);
          g_free (line);
        }
      if (opened < 0)
        g_error ("The timer's ticket did not open");
      start = opened + 5 * G_USEC_PER_SEC;
      end = start + (gint64) b6r_seconds * G_USEC_PER_SEC;
      n_frames = timer_frames = texts = 0;
      while ((line = child_next_line (app, end + G_USEC_PER_SEC / 2)) != NULL)
        {
          g_auto(GStrv) fields = g_strsplit (line, " ", 3);
          gint64 time = fields[0] != NULL && fields[1] != NULL ? g_ascii_strtoll (fields[1], NULL, 10) : 0;

          if (verbose)
            g_printerr ("  %+.3f s %s\n", (time - start) / 1e6, line);
          g_free (line);
          if (time < start || time >= end)
            continue;
          if (g_strcmp0 (fields[0], "frame") == 0)
            {
              guint64 flags = fields[2] != NULL ? g_ascii_strtoull (fields[2], NULL, 10) : 0;

              n_frames++;
              timer_frames += (flags & 2) != 0;
              section = (flags & 1) != 0;
            }
          else if (g_strcmp0 (fields[0], "text") == 0)
            texts++;
        }

      add_sample (per_second, (double) timer_frames / b6r_seconds);
      /* A timer that did not tick, or a ticket that did not open, measured nothing. */
      ticking &= texts + 1 >= (guint) b6r_seconds;
      section_shown &= section;
      remove_tree (home);
    }

  detail = g_strdup_printf ("%d s, window shown, last run: %u frames drew the timer, %u "
                            "frames in all, %u changes of its text; its ticket %s",
                            b6r_seconds, timer_frames, n_frames, texts,
                            section_shown ? "open with its time section" : "NOT shown in the pane");
  report ("B6r", "redraws of a running timer a second", "/s", median (per_second), 1.0,
          median (per_second) <= 1.0 && ticking && section_shown, per_second, detail);
}

static char *
sibling_path (const char *relative)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (exe);
  g_autofree char *path = g_build_filename (dir, relative, NULL);

  return g_canonicalize_filename (path, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) floor_ms = NULL;
  g_autoptr(GArray) floor_rss = NULL;
  g_autofree char *base = NULL;
  gboolean all_pass = TRUE;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per figure (median)", "N" },
    { "idle-runs", 0, 0, G_OPTION_ARG_INT, &b6_runs, "Runs of B6", "N" },
    { "idle-seconds", 0, 0, G_OPTION_ARG_INT, &b6_seconds, "Length of one B6 run", "S" },
    { "frames-seconds", 0, 0, G_OPTION_ARG_INT, &b6r_seconds, "Length of one B6r run", "S" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "Where to write the figures", "PATH" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Only these figures, e.g. B1,B3", "IDS" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "The program (alga-desktop-test)", "PATH" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Show the children's output", NULL },
    { "callgrind", 0, 0, G_OPTION_ARG_FILENAME, &callgrind_prefix,
      "Run B5's typing under callgrind (a profile of each key), and B1's starts and the minimal "
      "window up to their first frame, in PREFIX.PID.N", "PREFIX" },
    { "key-every-run", 0, 0, G_OPTION_ARG_NONE, &key_every_run,
      "Sign in with the key at each start (no keyring)", NULL },
    { "child-list", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child_list_url, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("- the benchmarks of docs/PERFORMANCE.md");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (child_list_url != NULL)
    {
      if (argc < 2)
        return 2;
      child_list_key = argv[1];
      return run_child_list ();
    }

  /* The renderer the app chooses on this machine (alga_gui_choose_renderer), for every child
   * alike, the minimal window included: the floor is measured the way the app draws. */
  alga_gui_choose_renderer ();

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (app_path == NULL)
    app_path = sibling_path ("../program/alga-desktop-test");
  minimal_path = sibling_path ("alga-bench-minimal");
  schema_dir = sibling_path ("../../data");
  if (json_path == NULL)
    json_path = g_strdup ("build/bench.json");
  runs = MAX (runs, 1);
  b6r_seconds = MAX (b6r_seconds, 1);

  if (gdk_display_get_default () == NULL && !gtk_init_check ())
    {
      g_printerr ("alga-bench needs a display (run it under xvfb-run)\n");
      return 2;
    }

  base = g_dir_make_tmp ("alga-bench-XXXXXX", &error);
  g_assert_no_error (error);
  figures = g_ptr_array_new ();
  xdg_cache_home = g_build_filename (base, "xdg-cache", NULL);
  g_mkdir_with_parents (xdg_cache_home, 0700);

  /* Warms the caches every GTK program shares (fonts, shaders); not counted. */
  {
    const char *warm_argv[] = { minimal_path, NULL };
    const char *env[] = { "XDG_CACHE_HOME", xdg_cache_home, NULL };
    g_autoptr(Child) child = spawn_child (warm_argv, env);

    child_wait_for (child, "rss", NULL, CHILD_TIMEOUT_MS);
  }

  floor_ms = new_samples ();
  floor_rss = new_samples ();
  measuring_start = TRUE;
  if (wanted ("B1") || wanted ("B2") || wanted ("B7"))
    {
      measure_start (base, floor_ms, floor_rss);
    }
  else
    {
      measure_minimal (floor_ms, floor_rss);
      print_floor (floor_ms, floor_rss);
    }
  measuring_start = FALSE;

  if (wanted ("B3"))
    measure_decode ();
  if (wanted ("B4") || wanted ("B5"))
    measure_list (median (floor_rss));
  if (wanted ("B6") || wanted ("B6t") || wanted ("B6h"))
    measure_idle (base);
  if (wanted ("B6r"))
    measure_timer_frames (base);

  remove_tree (base);
  write_json ();

  for (guint i = 0; i < figures->len; i++)
    all_pass &= ((Figure *) g_ptr_array_index (figures, i))->pass;

  return all_pass ? 0 : 1;
}
