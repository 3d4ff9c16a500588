/* test-no-lost-work.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No lost work, no duplicates. A comment or time entry whose send fails after
 * the request left is never sent again blindly: the composer asks the server whether it has the
 * comment, the time entry dialog reads the server's overlap refusal on the next Log as "it is
 * there". Drafts reach the disk within a second of typing, and the real program, killed with
 * SIGKILL mid-compose, shows the draft when it starts again.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "alga-composer.h"
#include "alga-draft-store.h"
#include "alga-session.h"
#include "alga-test-gtk.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-time-entry-dialog.h"
#include "alga-token-store-memory.h"

#define COMMENTS_GLOB "/api/v1/tickets/*/comments"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaSession    *session;
  AlgaAccount    *account;
  char           *draft_dir;
  AlgaDraftStore *drafts;
  AlgaTicket     *ticket;
  GtkWindow      *window;
  AlgaComposer   *composer;
  guint           posted;
} Fixture;

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

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
on_comment_posted_cb (Fixture *f)
{
  f->posted++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *ticket_id = NULL;
  GtkWidget *overlay;

  f->server = alga_test_server_new ();
  f->client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  alga_client_set_retry_policy (f->client, 3, 50);
  bundle = alga_token_bundle_new (alga_test_server_get_url (f->server),
                                  alga_test_server_get_user_id (f->server),
                                  alga_test_server_get_user_email (f->server),
                                  NULL,
                                  alga_test_server_get_tenant_id (f->server),
                                  alga_test_server_get_api_key (f->server),
                                  NULL, NULL);
  f->session = alga_session_new (f->client, store, bundle);

  f->draft_dir = g_dir_make_tmp ("alga-no-lost-work-XXXXXX", &error);
  g_assert_no_error (error);
  f->drafts = alga_draft_store_new (f->draft_dir);
  f->account = alga_account_new_for_client (f->client, alga_test_server_get_user_id (f->server),
                                            NULL, f->drafts);

  ticket_id = alga_test_server_create_ticket (f->server, "Scanner drops pages",
                                              alga_test_server_get_user_id (f->server));
  alga_client_get_ticket_async (f->client, ticket_id, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 10000);
  f->ticket = alga_client_get_ticket_finish (f->client, result, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 500);
  overlay = adw_toast_overlay_new ();
  gtk_window_set_child (f->window, overlay);
  f->composer = g_object_new (ALGA_TYPE_COMPOSER,
                              "account", f->account,
                              "user-id", alga_test_server_get_user_id (f->server),
                              "ticket", f->ticket,
                              NULL);
  g_signal_connect_swapped (f->composer, "comment-posted", G_CALLBACK (on_comment_posted_cb), f);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->composer));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->ticket);
  g_clear_object (&f->account);
  /* Writes in flight hold the store, and requests cut short hold the client, until they end. */
  alga_test_unref_and_wait_finalized (g_steal_pointer (&f->drafts), 30000);
  g_clear_object (&f->session);
  alga_test_unref_and_wait_finalized (g_steal_pointer (&f->client), 30000);
  alga_test_server_stop (f->server);
  g_clear_object (&f->server);
  remove_tree (f->draft_dir);
  g_free (f->draft_dir);
}

static GtkTextBuffer *
composer_buffer (Fixture *f)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget (GTK_WIDGET (f->composer),
                                                               GTK_TYPE_TEXT_VIEW, NULL)));
}

static char *
composer_text (Fixture *f)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (composer_buffer (f), &start, &end);
  return gtk_text_buffer_get_text (composer_buffer (f), &start, &end, FALSE);
}

/* The composer's inline error, or NULL while it is hidden. */
static const char *
composer_error (Fixture *f)
{
  GtkWidget *revealer = find_widget (GTK_WIDGET (f->composer), GTK_TYPE_REVEALER, NULL);

  g_assert_nonnull (revealer);
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;

  return gtk_label_get_label (GTK_LABEL (find_widget (revealer, GTK_TYPE_LABEL, NULL)));
}

static char *
draft_path (Fixture *f)
{
  g_autofree char *key = g_strconcat ("comment:", alga_ticket_get_ticket_id (f->ticket), NULL);

  return alga_draft_store_get_path (f->drafts, key);
}

static gboolean
composer_busy (Fixture *f)
{
  GtkWidget *text_view = find_widget (GTK_WIDGET (f->composer), GTK_TYPE_TEXT_VIEW, NULL);

  return !gtk_text_view_get_editable (GTK_TEXT_VIEW (text_view));
}

/* Types like a person does (the buffer changes), waits for the draft, sends. */
static void
type_and_send (Fixture    *f,
               const char *text)
{
  g_autofree char *path = draft_path (f);

  gtk_text_buffer_insert_at_cursor (composer_buffer (f), text, -1);
  alga_test_wait_until (alga_test_file_holds (path, text), 30000);
  gtk_widget_activate_action (GTK_WIDGET (f->composer), "composer.send", NULL);
  g_assert_true (composer_busy (f));
}

/* The answer is cut off, but the server stored the comment: the composer finds it. */
static void
test_comment_arrived (Fixture       *f,
                      gconstpointer  data)
{
  const char *ticket_id = alga_ticket_get_ticket_id (f->ticket);
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_TRUNCATE, .times = 1 };
  g_autofree char *path = draft_path (f);
  g_autofree char *text = NULL;
  guint before = alga_test_server_count_comments (f->server, ticket_id);

  alga_test_server_add_fault (f->server, "POST", COMMENTS_GLOB, &fault);
  type_and_send (f, "Swapped the feed rollers; scanning 50 pages works.");

  alga_test_wait_until (!composer_busy (f), 10000);
  g_test_message ("cut-off answer, comment stored: toast \"It was posted after all\"");
  g_assert_true (alga_test_shows_label (GTK_WIDGET (f->window), "It was posted after all"));
  g_assert_null (composer_error (f));
  text = composer_text (f);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpuint (f->posted, ==, 1);
  alga_test_wait_until (!g_file_test (path, G_FILE_TEST_EXISTS), 30000);
  /* A fixed time on purpose, longer than the store's delay: no late save brings it back. */
  alga_test_spin (ALGA_DRAFT_STORE_DELAY_MS + 200);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Sent once, checked once, stored once. */
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "POST", COMMENTS_GLOB), ==, 1);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", COMMENTS_GLOB), ==, 1);
  g_assert_cmpuint (alga_test_server_count_comments (f->server, ticket_id), ==, before + 1);
}

/* The connection is reset before the server did anything: the text stays, Send works again. */
static void
test_comment_lost (Fixture       *f,
                   gconstpointer  data)
{
  const char *ticket_id = alga_ticket_get_ticket_id (f->ticket);
  const char *typed = "Ordered a new feed roller kit.";
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_DROP, .times = 1 };
  g_autofree char *path = draft_path (f);
  g_autofree char *text = NULL;
  g_autofree char *draft = NULL;
  guint before = alga_test_server_count_comments (f->server, ticket_id);
  const char *error;

  alga_test_server_add_fault (f->server, "POST", COMMENTS_GLOB, &fault);
  type_and_send (f, typed);

  alga_test_wait_until (!composer_busy (f), 10000);
  error = composer_error (f);
  g_assert_nonnull (error);
  g_test_message ("reset, nothing stored: \"%s\"", error);
  g_assert_true (g_str_has_prefix (error, "Could not post the comment."));
  g_assert_nonnull (strstr (error, "It did not arrive; your text is kept. Send it again."));
  text = composer_text (f);
  g_assert_cmpstr (text, ==, typed);
  g_assert_true (g_file_get_contents (path, &draft, NULL, NULL));
  g_assert_cmpstr (draft, ==, typed);
  g_assert_cmpuint (f->posted, ==, 0);
  g_assert_cmpuint (alga_test_server_count_comments (f->server, ticket_id), ==, before);
  /* Not sent again on its own. */
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "POST", COMMENTS_GLOB), ==, 1);

  /* Send again: exactly one comment. */
  gtk_widget_activate_action (GTK_WIDGET (f->composer), "composer.send", NULL);
  alga_test_wait_until (f->posted == 1, 10000);
  g_assert_cmpuint (alga_test_server_count_comments (f->server, ticket_id), ==, before + 1);
  g_assert_true (alga_test_shows_label (GTK_WIDGET (f->window), "Comment posted"));
}

/* A 5xx from a proxy after the server stored it: found, not posted twice. */
static void
test_comment_5xx_stored (Fixture       *f,
                         gconstpointer  data)
{
  const char *ticket_id = alga_ticket_get_ticket_id (f->ticket);
  const char *typed = "Firmware updated to 4.2.";
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 502, .times = 1,
                          .body = "Bad Gateway", .content_type = "text/plain" };
  guint before = alga_test_server_count_comments (f->server, ticket_id);
  g_autofree char *comment_id = NULL;

  /* The fault answers instead of the route, so store the comment as the real server would
   * have before the proxy failed. */
  alga_test_server_add_fault (f->server, "POST", COMMENTS_GLOB, &fault);
  comment_id = alga_test_server_add_comment (f->server, ticket_id, typed, TRUE,
                                             alga_test_server_get_user_id (f->server), NULL);
  type_and_send (f, typed);

  alga_test_wait_until (!composer_busy (f), 10000);
  g_assert_true (alga_test_shows_label (GTK_WIDGET (f->window), "It was posted after all"));
  g_assert_cmpuint (f->posted, ==, 1);
  g_assert_cmpuint (alga_test_server_count_comments (f->server, ticket_id), ==, before + 1);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "POST", COMMENTS_GLOB), ==, 1);
}

/* A 4xx is a clear answer: no check, the server's reason is shown. */
static void
test_comment_refused (Fixture       *f,
                      gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 403, .times = 1,
                          .body = "{\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"Permission denied\"}}" };

  alga_test_server_add_fault (f->server, "POST", COMMENTS_GLOB, &fault);
  type_and_send (f, "Not allowed here.");
  alga_test_wait_until (!composer_busy (f), 10000);
  g_assert_nonnull (composer_error (f));
  g_assert_null (strstr (composer_error (f), "arrive"));
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", COMMENTS_GLOB), ==, 0);
}

static gboolean
note_time_cb (gpointer user_data)
{
  *(gint64 *) user_data = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

/* Drafts reach the disk within a second of typing (the store waits 300 ms for more keys). */
static void
test_draft_within_a_second (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = draft_path (f);
  g_autofree char *draft = NULL;
  gint64 start;
  gint64 reference_fired = 0;
  double elapsed_ms;
  double late_ms;

  g_assert_cmpint (ALGA_DRAFT_STORE_DELAY_MS, <=, 300);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A timer of the store's delay set beside the typing measures how late this machine runs
   * timers, so that a busy machine's lateness is not counted against the store. */
  start = g_get_monotonic_time ();
  g_timeout_add (ALGA_DRAFT_STORE_DELAY_MS, note_time_cb, &reference_fired);
  gtk_text_buffer_insert_at_cursor (composer_buffer (f), "Half a sentence", -1);
  alga_test_wait_until (alga_test_file_holds (path, "Half a sentence"), 30000);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
  alga_test_wait_until (reference_fired != 0, 30000);
  late_ms = (reference_fired - start) / 1000.0 - ALGA_DRAFT_STORE_DELAY_MS;
  g_assert_true (g_file_get_contents (path, &draft, NULL, NULL));
  g_test_message ("draft on disk %.0f ms after typing (timers ran %.0f ms late)", elapsed_ms, late_ms);
  g_assert_cmpfloat (elapsed_ms, >=, ALGA_DRAFT_STORE_DELAY_MS * 0.9);
  g_assert_cmpfloat (elapsed_ms - late_ms, <, 1000);
  g_assert_cmpstr (draft, ==, "Half a sentence");
}

/* Time entries: the answer is cut off after the server stored the entry; the next Log meets the
 * server's overlap refusal, which means it is there. One entry in all. */
static void
test_time_entry_arrived (Fixture       *f,
                         gconstpointer  data)
{
  const char *me = alga_test_server_get_user_id (f->server);
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_TRUNCATE, .times = 1 };
  guint before = alga_test_server_count_time_entries (f->server, me);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *dialog;
  GtkWidget *error_row;
  AdwComboRow *service_row;
  g_autofree char *draft = NULL;

  dialog = alga_time_entry_dialog_new (f->window, f->account, f->ticket);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  alga_time_entry_dialog_set_draft_store (ALGA_TIME_ENTRY_DIALOG (dialog), f->drafts);
  gtk_window_present (GTK_WINDOW (dialog));

  service_row = ADW_COMBO_ROW (find_widget (dialog, ADW_TYPE_COMBO_ROW, NULL));
  alga_test_wait_until (g_list_model_get_n_items (adw_combo_row_get_model (service_row)) > 1, 10000);
  adw_combo_row_set_selected (service_row, 1);
  gtk_calendar_select_day (GTK_CALENDAR (find_widget (dialog, GTK_TYPE_CALENDAR, NULL)), now);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (dialog, ADW_TYPE_ENTRY_ROW, NULL)), "06:10");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (dialog, GTK_TYPE_SPIN_BUTTON, NULL)), 25);

  alga_test_server_add_fault (f->server, "POST", "/api/v1/time-entries", &fault);
  gtk_widget_activate_action (dialog, "time-entry.log", NULL);

  error_row = find_widget (dialog, ADW_TYPE_ACTION_ROW, "time-entry-error");
  g_assert_nonnull (error_row);
  alga_test_wait_until (gtk_widget_is_visible (error_row)
                        && *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)) != 0, 10000);
  g_test_message ("time entry, cut-off answer: \"%s\"",
                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)),
                            "It may have arrived anyway"));
  g_assert_cmpuint (alga_test_server_count_time_entries (f->server, me), ==, before + 1);

  /* Log again: the server refuses a second copy, and the dialog says it was logged. */
  gtk_widget_activate_action (dialog, "time-entry.log", NULL);
  alga_test_wait_until (dialog == NULL, 10000);
  g_assert_true (alga_test_shows_label (GTK_WIDGET (f->window), "It was logged after all"));
  g_assert_cmpuint (alga_test_server_count_time_entries (f->server, me), ==, before + 1);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "POST", "/api/v1/time-entries"), ==, 2);
}

/* The real program ------------------------------------------------------------------------ */

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  GString          *seen;     /* everything it printed */
  gboolean          eof;
} Program;

static void read_line_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
read_next_line (Program *p)
{
  g_data_input_stream_read_line_async (p->out, G_PRIORITY_DEFAULT, NULL, read_line_cb, p);
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Program *p = user_data;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  if (line == NULL)
    {
      p->eof = TRUE;
      return;
    }
  g_string_append_printf (p->seen, "%s\n", line);
  read_next_line (p);
}

/* Starts the program in @home with a throwaway token store, signed in with the demo key. */
static Program *
program_start (AlgaTestServer *server,
               const char     *home,
               const char     *compose)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_build_filename (g_getenv ("ALGA_BUILD_ROOT"), "tests", "program",
                                              "alga-desktop-test", NULL);
  const char *dirs[][2] = {
    { "HOME", "" }, { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };
  Program *p = g_new0 (Program, 1);

  launcher = alga_test_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_subprocess_launcher_setenv (launcher, dirs[i][0], dir, TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "ALGA_TOKEN_STORE", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_API_KEY", alga_test_server_get_api_key (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_USER_EMAIL", alga_test_server_get_user_email (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "ALGA_TEST_COMPOSE", compose, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");

  p->process = g_subprocess_launcher_spawn (launcher, &error, program,
                                            "--server", alga_test_server_get_url (server), NULL);
  g_assert_no_error (error);
  p->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p->process));
  p->seen = g_string_new (NULL);
  read_next_line (p);

  return p;
}

static void
program_kill (Program *p)
{
  g_subprocess_send_signal (p->process, SIGKILL);
  alga_test_wait_until (p->eof, 10000);
  g_subprocess_wait (p->process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (p->process));
  g_assert_cmpint (g_subprocess_get_term_sig (p->process), ==, SIGKILL);
  g_clear_object (&p->out);
  g_clear_object (&p->process);
  g_string_free (p->seen, TRUE);
  g_free (p);
}

/* The drafts the program keeps in @home, by what they hold. */
static char *
find_draft_holding (const char *home,
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

          /* Only a finished draft counts, not the temporary file it is written through. */
          if (g_str_has_suffix (name, ".draft") && alga_test_file_holds (path, text))
            return g_steal_pointer (&path);
        }
    }

  return NULL;
}

/* Typed into the real program, killed with SIGKILL a moment later, started again: the draft is
 * on disk, and the restarted program's comment box shows it. */
static void
test_sigkill_mid_compose (void)
{
  g_autoptr(AlgaTestServer) server = alga_test_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("alga-sigkill-XXXXXX", &error);
  g_autofree char *ticket_id = NULL;
  g_autofree char *compose = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected_name = NULL;
  const char *typed = "Reseated the RAM; memtest passes, watching it overnight";
  gint64 typed_at;
  Program *p;

  g_assert_no_error (error);
  if (g_getenv ("ALGA_BUILD_ROOT") == NULL)
    {
      g_test_skip ("ALGA_BUILD_ROOT is not set");
      return;
    }

  ticket_id = alga_test_server_create_ticket (server, "Workstation reboots at random",
                                              alga_test_server_get_user_id (server));
  compose = g_strdup_printf ("%s:%s", ticket_id, typed);
  shown = g_strdup_printf ("alga-test-hook: composer: %s\n", typed);

  p = program_start (server, home, compose);
  alga_test_wait_until (strstr (p->seen->str, shown) != NULL || p->eof, 60000);
  g_assert_nonnull (strstr (p->seen->str, shown));
  typed_at = g_get_monotonic_time ();

  /* The draft reaches the disk (within a second of typing on an idle machine, as
   * /no-lost-work/draft/within-a-second checks); then the program dies without a word. */
  alga_test_wait_until ((path = find_draft_holding (home, typed)) != NULL, 30000);
  g_test_message ("draft on disk %.0f ms after typing: %s",
                  (g_get_monotonic_time () - typed_at) / 1000.0, path);
  program_kill (p);

  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autoptr(AlgaDraftStore) store = alga_draft_store_new (dir);
    g_autofree char *key = g_strconcat ("comment:", ticket_id, NULL);
    g_autofree char *name = alga_draft_store_get_path (store, key);

    g_assert_cmpstr (name, ==, path);
    g_assert_true (alga_test_file_holds (path, typed));
    expected_name = g_path_get_basename (name);
  }

  /* Started again, nothing typed: the comment box of the ticket shows the draft. */
  g_free (compose);
  compose = g_strdup (ticket_id);
  p = program_start (server, home, compose);
  alga_test_wait_until (strstr (p->seen->str, "alga-test-hook: composer:") != NULL || p->eof, 60000);
  g_test_message ("restarted program: %s", p->seen->str);
  g_assert_nonnull (strstr (p->seen->str, shown));
  program_kill (p);

  /* Nothing was posted: the draft is the only copy. */
  g_assert_cmpuint (alga_test_server_count_comments (server, ticket_id), ==, 0);
  g_assert_true (alga_test_file_holds (path, typed));

  alga_test_server_stop (server);
  remove_tree (home);
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/no-lost-work/comment/arrived-after-all", Fixture, NULL,
              fixture_set_up, test_comment_arrived, fixture_tear_down);
  g_test_add ("/no-lost-work/comment/lost-kept-send-again", Fixture, NULL,
              fixture_set_up, test_comment_lost, fixture_tear_down);
  g_test_add ("/no-lost-work/comment/5xx-but-stored", Fixture, NULL,
              fixture_set_up, test_comment_5xx_stored, fixture_tear_down);
  g_test_add ("/no-lost-work/comment/refused-no-check", Fixture, NULL,
              fixture_set_up, test_comment_refused, fixture_tear_down);
  g_test_add ("/no-lost-work/draft/within-a-second", Fixture, NULL,
              fixture_set_up, test_draft_within_a_second, fixture_tear_down);
  g_test_add ("/no-lost-work/time-entry/arrived-after-all", Fixture, NULL,
              fixture_set_up, test_time_entry_arrived, fixture_tear_down);
  g_test_add_func ("/no-lost-work/draft/sigkill-mid-compose", test_sigkill_mid_compose);

  return g_test_run ();
}
