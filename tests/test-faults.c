/* test-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fault injection: the real window against the test server's fault switches.
 * Each case asserts what the technician sees (the ticket list's error page with its sentence and
 * a Retry button, or the detail pane's inline error), that Retry works once the fault is gone,
 * and that the app stays usable: the list fills and a ticket opens. Each sentence is printed as
 * a TAP comment, for the closing note.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alga-account.h"
#include "alga-application.h"
#include "alga-session.h"
#include "alga-test-gtk.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-view.h"
#include "alga-token-store-memory.h"
#include "alga-window.h"

#define TICKETS "/api/v1/tickets"

/* One application for the whole run: its D-Bus registration outlives a single test. */
static AlgaApplication *app;

typedef struct
{
  const char    *name;
  AlgaTestFault  fault;
  const char    *method;         /* NULL: any */
  const char    *sentence;       /* the start of what the error page says */
  guint          attempts;       /* how often the list's GET is sent; 0: not checked */
  guint          timeout_s;      /* the client's timeout; 0: the default */
  gboolean       recovers;       /* the fault is waited out: the list fills without an error */
  gboolean       check_memory;
} FaultCase;

typedef struct
{
  AlgaTestServer  *server;
  AlgaClient      *client;
  AlgaSession     *session;
  AlgaWindow      *window;
} Fixture;

static AlgaSession *
new_session (Fixture *f)
{
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  g_autoptr(AlgaTokenBundle) bundle = NULL;

  bundle = alga_token_bundle_new (alga_test_server_get_url (f->server),
                                  alga_test_server_get_user_id (f->server),
                                  alga_test_server_get_user_email (f->server),
                                  NULL,
                                  alga_test_server_get_tenant_id (f->server),
                                  alga_test_server_get_api_key (f->server),
                                  NULL, NULL);
  return alga_session_new (f->client, store, bundle);
}

/* The next case's server may be given this one's port, and so its URL: the list this case
 * saved would then stand in for the one that case must see fail. */
static void
forget_saved_copies (void)
{
  g_autofree char *dir_path = g_build_filename (g_get_user_cache_dir (), "alga-desktop", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      g_remove (path);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const FaultCase *c = data;
  g_autoptr(GError) error = NULL;

  f->server = alga_test_server_new ();
  f->client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  /* Three tries with short waits: the backoff is the client tests' business, not ours. */
  alga_client_set_retry_policy (f->client, 3, 50);
  if (c != NULL && c->timeout_s != 0)
    alga_client_set_timeout (f->client, c->timeout_s);

  f->session = new_session (f);

  f->window = alga_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  alga_test_server_clear_faults (f->server);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  /* Cancelled requests still call back once; then nothing may hold the window. */
  alga_test_wait_until (f->window == NULL, 20000);

  g_clear_object (&f->session);
  g_clear_object (&f->client);
  alga_test_server_stop (f->server);
  /* Not asserted finalized: a delayed answer cut short by the stop keeps a reference. */
  g_clear_object (&f->server);
  forget_saved_copies ();
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *label)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (label == NULL
          || (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
          || (ADW_IS_STATUS_PAGE (widget)
              && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), label) == 0)
          || (GTK_IS_WIDGET (widget) && gtk_widget_has_css_class (widget, label))))
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AlgaTicketList *
get_tickets (Fixture *f)
{
  return alga_ticket_list_view_get_model (alga_window_get_ticket_list_view (f->window));
}

static gboolean
list_filled (Fixture *f)
{
  return get_tickets (f) != NULL
         && !alga_ticket_list_get_loading (get_tickets (f))
         && alga_ticket_list_get_error (get_tickets (f)) == NULL
         && g_list_model_get_n_items (G_LIST_MODEL (get_tickets (f))) > 0;
}

/* The list view's stack page that is on screen: "list", "loading", "error" or "empty". */
static const char *
list_page (Fixture *f)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (alga_window_get_ticket_list_view (f->window)),
                                      GTK_TYPE_STACK, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static AdwStatusPage *
list_error_page (Fixture *f)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (alga_window_get_ticket_list_view (f->window)),
                                     ADW_TYPE_STATUS_PAGE, "Tickets Could Not Be Loaded");

  g_assert_nonnull (page);
  return ADW_STATUS_PAGE (page);
}

/* The requests of the list itself, not the views' counts (which ask for one ticket). */
static guint
count_list_requests (Fixture *f,
                     guint    status)
{
  g_autoptr(GPtrArray) requests = alga_test_server_dup_requests (f->server);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *r = g_ptr_array_index (requests, i);
      g_auto(GStrv) params = NULL;

      if (g_strcmp0 (r->method, "GET") != 0 || g_strcmp0 (r->path, TICKETS) != 0)
        continue;
      params = g_strsplit (r->query != NULL ? r->query : "", "&", -1);
      if (g_strv_contains ((const char * const *) params, "limit=1"))
        continue;
      if (status == G_MAXUINT || r->status == status)
        n++;
    }

  return n;
}

static gsize
read_status_kib (const char *field)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;
  line = strstr (contents, field);
  if (line == NULL)
    return 0;

  return (gsize) g_ascii_strtoull (line + strlen (field) + 1, NULL, 10);
}

/* The usable app: a ticket opens and its detail arrives without an error. */
static void
assert_ticket_opens (Fixture *f)
{
  AlgaTicketListView *list_view = alga_window_get_ticket_list_view (f->window);
  GtkWidget *ticket_view;
  GtkWidget *error_box;
  AlgaTicket *ticket;

  alga_ticket_list_view_move_selection (list_view, 1);
  /* The pane is made by the first selection, if the frame after the rows did not make it. */
  ticket_view = find_descendant (GTK_WIDGET (f->window), ALGA_TYPE_TICKET_VIEW, NULL);
  g_assert_nonnull (ticket_view);
  ticket = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_nonnull (ticket);
  g_assert_true (alga_ticket_view_get_ticket (ALGA_TICKET_VIEW (ticket_view)) == ticket);
  error_box = find_descendant (ticket_view, GTK_TYPE_BOX, "alga-load-error");
  g_assert_nonnull (error_box);
  /* The detail brings the description's format along; the list row alone does not. */
  alga_test_wait_until (alga_ticket_get_ticket_number (ticket) != NULL
                        && alga_test_server_count_requests (f->server, "GET", TICKETS "/*") > 0,
                        10000);
  /* A fixed time on purpose: no error shows in it. */
  alga_test_spin (300);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (error_box))));
}

static void
test_list_fault (Fixture       *f,
                 gconstpointer  data)
{
  const FaultCase *c = data;
  gsize rss_before = 0, hwm_after = 0;
  gint64 start;
  GtkWidget *retry;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;

  if (c->check_memory)
    {
      /* Lower the peak to the present, so that the peak afterwards belongs to this test. */
      g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
      rss_before = read_status_kib ("VmRSS:");
    }

  alga_test_server_add_fault (f->server, c->method, TICKETS, &c->fault);
  start = g_get_monotonic_time ();
  {
    g_autoptr(AlgaAccount) account = alga_account_new (f->session);

    alga_window_set_account (f->window, account);
  }

  if (c->recovers)
    {
      alga_test_wait_until (list_filled (f), 20000);
      g_assert_cmpstr (list_page (f), ==, "list");
      g_assert_cmpint (g_get_monotonic_time () - start, >=, (gint64) c->fault.retry_after * G_USEC_PER_SEC);
      g_assert_cmpuint (count_list_requests (f, c->fault.status), ==, 1);
      g_assert_cmpuint (count_list_requests (f, 200), ==, 1);
      g_test_message ("%s: no error; the list appears after %.1f s", c->name,
                      (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
      assert_ticket_opens (f);
      return;
    }

  alga_test_wait_until (get_tickets (f) != NULL
                        && !alga_ticket_list_get_loading (get_tickets (f))
                        && alga_ticket_list_get_error (get_tickets (f)) != NULL, 60000);
  g_assert_cmpstr (list_page (f), ==, "error");

  /* The description is markup: it must parse, and its text is what is seen. */
  g_assert_true (pango_parse_markup (adw_status_page_get_description (list_error_page (f)), -1, 0,
                                     NULL, &description, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s: \"Tickets Could Not Be Loaded\" - \"%s\" [Retry] after %.1f s", c->name,
                  description, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_true (g_str_has_prefix (description, c->sentence));
  /* The server's raw words never reach the page: no markup, no HTML. */
  g_assert_null (strstr (description, "<html"));
  g_assert_null (strstr (description, "<!DOCTYPE"));

  /* libsoup itself sends once more when a kept-alive connection was closed under it. */
  if (c->attempts != 0 && c->fault.kind == ALGA_TEST_FAULT_DROP)
    g_assert_cmpuint (count_list_requests (f, G_MAXUINT), >=, c->attempts);
  else if (c->attempts != 0)
    g_assert_cmpuint (count_list_requests (f, G_MAXUINT), ==, c->attempts);

  if (c->check_memory)
    {
      hwm_after = read_status_kib ("VmHWM:");
      g_test_message ("%s: peak RSS grew by %zu KiB", c->name,
                      hwm_after > rss_before ? hwm_after - rss_before : 0);
      g_assert_cmpuint (hwm_after, <, rss_before + 200 * 1024);
    }

  alga_test_server_clear_faults (f->server);
  if (c->fault.kind == ALGA_TEST_FAULT_STATUS && c->fault.status == 401)
    {
      /* A refused key ends the session (the application then shows the sign-in page); signing
       * in again brings the list back. */
      g_assert_false (alga_session_get_is_signed_in (f->session));
      g_clear_object (&f->session);
      f->session = new_session (f);
      {
        g_autoptr(AlgaAccount) account = alga_account_new (f->session);

        alga_window_set_account (f->window, account);
      }
      alga_test_wait_until (list_filled (f), 20000);
      assert_ticket_opens (f);
      return;
    }

  /* The fault is gone: Retry fills the list and the app goes on. */
  retry = find_descendant (GTK_WIDGET (list_error_page (f)), GTK_TYPE_BUTTON, "_Retry");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_sensitive (retry));
  g_assert_true (gtk_widget_get_mapped (retry));
  gtk_widget_activate (retry);
  alga_test_wait_until (list_filled (f), 20000);
  g_assert_cmpstr (list_page (f), ==, "list");
  assert_ticket_opens (f);
}

/* The detail pane: a failed load shows its sentence inline with Retry, the list stays. */
static void
test_detail_fault (Fixture       *f,
                   gconstpointer  data)
{
  const FaultCase *c = data;
  AlgaTicketListView *list_view = alga_window_get_ticket_list_view (f->window);
  GtkWidget *ticket_view;
  GtkWidget *error_box;
  GtkWidget *retry;
  GtkWidget *label;
  GtkRevealer *revealer;
  AlgaTicket *ticket;
  AlgaTicket *next;
  const char *text;

  {
    g_autoptr(AlgaAccount) account = alga_account_new (f->session);

    alga_window_set_account (f->window, account);
  }
  alga_test_wait_until (list_filled (f), 20000);

  /* The pane comes right after the frame that paints the first rows. */
  alga_test_wait_until ((ticket_view = find_descendant (GTK_WIDGET (f->window),
                                                        ALGA_TYPE_TICKET_VIEW, NULL)) != NULL,
                        10000);
  error_box = find_descendant (ticket_view, GTK_TYPE_BOX, "alga-load-error");
  g_assert_nonnull (error_box);
  revealer = GTK_REVEALER (gtk_widget_get_parent (error_box));

  alga_test_server_add_fault (f->server, "GET", TICKETS "/*", &c->fault);
  alga_ticket_list_view_move_selection (list_view, 1);
  ticket = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_nonnull (ticket);
  alga_test_wait_until (gtk_revealer_get_reveal_child (revealer), 60000);

  /* The heading, then the sentence: the last label before the Retry button. */
  retry = find_descendant (error_box, GTK_TYPE_BUTTON, "_Retry");
  g_assert_nonnull (retry);
  label = gtk_widget_get_prev_sibling (retry);
  g_assert_true (GTK_IS_LABEL (label));
  text = gtk_label_get_label (GTK_LABEL (label));
  g_test_message ("%s (detail): \"Could Not Load the Ticket\" - \"%s\" [Retry]", c->name, text);
  g_assert_true (g_str_has_prefix (text, c->sentence));

  /* The list is untouched and still usable. */
  g_assert_cmpstr (list_page (f), ==, "list");
  g_assert_true (alga_ticket_view_get_ticket (ALGA_TICKET_VIEW (ticket_view)) == ticket);

  alga_test_server_clear_faults (f->server);
  alga_test_server_clear_requests (f->server);
  g_signal_emit_by_name (retry, "clicked");
  alga_test_wait_until (!gtk_revealer_get_reveal_child (revealer)
                        && alga_test_server_count_requests (f->server, "GET", TICKETS "/*") > 0, 20000);
  alga_test_wait_until (alga_ticket_get_has_detail (ticket), 20000);
  /* A fixed time on purpose: the error does not come back in it. */
  alga_test_spin (500);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* Another ticket opens cleanly afterwards. */
  alga_ticket_list_view_move_selection (list_view, 1);
  next = alga_ticket_list_view_get_selected_ticket (list_view);
  g_assert_true (next != ticket);
  alga_test_wait_until (alga_ticket_view_get_ticket (ALGA_TICKET_VIEW (ticket_view)) == next &&
                        alga_ticket_get_has_detail (next), 20000);
  alga_test_drain (10000);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
}

static const char html_404[] =
  "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
  "<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
  "<hr><address>nginx/1.22.1</address></body></html>";

static const FaultCase list_cases[] = {
  { "500", { .kind = ALGA_TEST_FAULT_STATUS, .status = 500,
             .body = "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"Internal server error\"}}" },
    NULL, "The server ran into a problem.", 1, 0, FALSE, FALSE },
  { "502", { .kind = ALGA_TEST_FAULT_STATUS, .status = 502, .body = "Bad Gateway",
             .content_type = "text/plain" },
    NULL, "The server ran into a problem.", 3, 0, FALSE, FALSE },
  { "503", { .kind = ALGA_TEST_FAULT_STATUS, .status = 503, .body = NULL },
    NULL, "The server ran into a problem.", 3, 0, FALSE, FALSE },
  { "504", { .kind = ALGA_TEST_FAULT_STATUS, .status = 504, .body = html_404,
             .content_type = "text/html" },
    NULL, "The server took too long to answer.", 3, 0, FALSE, FALSE },
  { "429 with Retry-After", { .kind = ALGA_TEST_FAULT_STATUS, .status = 429, .retry_after = 1,
                              .times = 1,
                              .body = "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"Too many requests\"}}" },
    "GET", NULL, 0, 0, TRUE, FALSE },
  { "429 that persists", { .kind = ALGA_TEST_FAULT_STATUS, .status = 429, .retry_after = 1,
                           .body = "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"Too many requests\"}}" },
    "GET", "The server is busy with too many requests.", 2, 0, FALSE, FALSE },
  { "timeout", { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 4000 },
    "GET", "The server took too long to answer.", 3, 1, FALSE, FALSE },
  { "reset connection", { .kind = ALGA_TEST_FAULT_DROP },
    "GET", "The server cannot be reached.", 3, 0, FALSE, FALSE },
  { "truncated JSON", { .kind = ALGA_TEST_FAULT_TRUNCATE },
    "GET", "The server", 0, 0, FALSE, FALSE },
  { "HTML 404 page", { .kind = ALGA_TEST_FAULT_STATUS, .status = 404, .body = html_404,
                       .content_type = "text/html" },
    "GET", "It no longer exists on the server.", 1, 0, FALSE, FALSE },
  { "string error form (401)", { .kind = ALGA_TEST_FAULT_STATUS, .status = 401,
                                 .body = "{\"error\":\"Invalid API key\"}" },
    "GET", "You were signed out. Sign in again.", 0, 0, FALSE, FALSE },
  { "200 with a non-JSON body", { .kind = ALGA_TEST_FAULT_STATUS, .status = 200,
                                  .body = "<html><body>Welcome to the captive portal</body></html>",
                                  .content_type = "text/html" },
    "GET", "The server sent an answer that could not be read.", 1, 0, FALSE, FALSE },
  { "body over 32 MiB", { .kind = ALGA_TEST_FAULT_HUGE_BODY, .size = 40 * 1024 * 1024 },
    "GET", "The server sent an answer that could not be read.", 1, 0, FALSE, TRUE },
  { "headers one byte a second", { .kind = ALGA_TEST_FAULT_SLOW_HEADERS, .delay_ms = 1000 },
    "GET", "The server took too long to answer.", 0, 2, FALSE, FALSE },
};

static const FaultCase detail_cases[] = {
  { "500", { .kind = ALGA_TEST_FAULT_STATUS, .status = 500,
             .body = "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"Internal server error\"}}" },
    "GET", "The server ran into a problem.", 0, 0, FALSE, FALSE },
  { "reset connection", { .kind = ALGA_TEST_FAULT_DROP },
    "GET", "The server cannot be reached.", 0, 0, FALSE, FALSE },
  { "200 with a non-JSON body", { .kind = ALGA_TEST_FAULT_STATUS, .status = 200,
                                  .body = "<html><body>Proxy login</body></html>",
                                  .content_type = "text/html" },
    "GET", "The server sent an answer that could not be read.", 0, 0, FALSE, FALSE },
  { "timeout", { .kind = ALGA_TEST_FAULT_DELAY, .delay_ms = 4000 },
    "GET", "The server took too long to answer.", 0, 1, FALSE, FALSE },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_home = NULL;
  int status;

  /* A cached ticket list would stand in for the failed one: start each run without one. */
  tmp_home = g_dir_make_tmp ("alga-faults-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", tmp_home, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);
  g_setenv ("XDG_STATE_HOME", tmp_home, TRUE);

  alga_test_gtk_init (&argc, &argv);

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (list_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/list/%u", i);

      g_test_add (path, Fixture, &list_cases[i], fixture_set_up, test_list_fault, fixture_tear_down);
    }
  for (guint i = 0; i < G_N_ELEMENTS (detail_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/detail/%u", i);

      g_test_add (path, Fixture, &detail_cases[i], fixture_set_up, test_detail_fault, fixture_tear_down);
    }

  status = g_test_run ();

  {
    char *argv_rm[] = { (char *) "rm", (char *) "-rf", tmp_home, NULL };

    g_spawn_sync (NULL, argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return status;
}
