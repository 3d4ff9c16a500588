/* alga-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: its window, signing in (from the keyring, the environment or the sign-in
 * page) and out, and its actions. The running timer is in alga-application-timer.c; the
 * watcher, notifications, background running and the tray in alga-application-desktop.c.
 */

#define G_LOG_DOMAIN "alga-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-about.h"
#include "alga-application-private.h"
#include "alga-auth.h"
#include "alga-cache.h"
#include "alga-gui-util.h"
#include "alga-preferences-window.h"
#include "alga-session.h"
#include "alga-sign-in-page.h"
#include "alga-ticket-list-view.h"
#include "alga-token-store-memory.h"
#include "alga-token-store-secret.h"

G_DEFINE_FINAL_TYPE (AlgaApplication, alga_application, ADW_TYPE_APPLICATION)

static AlgaSession *
get_session (AlgaApplication *self)
{
  return self->account != NULL ? alga_account_get_session (self->account) : NULL;
}

static void set_session (AlgaApplication *self,
                         AlgaSession     *session);
static void on_signed_in_cb (AlgaApplication *self,
                             AlgaSession     *session);
static void show_pending_ticket (AlgaApplication *self);
static void present_pending_window (AlgaApplication *self);

AlgaWindow *
_alga_application_get_window (AlgaApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

      window = windows != NULL ? windows->data : NULL;
    }

  return ALGA_IS_WINDOW (window) ? ALGA_WINDOW (window) : NULL;
}

/* The sign-in page is made only when someone is to sign in, not at each start of a
 * signed-in app (its template is several milliseconds before the first frame). */
static AlgaSignInPage *
ensure_sign_in_page (AlgaApplication *self)
{
  AlgaWindow *window = _alga_application_get_window (self);

  if (self->sign_in_page == NULL)
    {
      self->sign_in_page = g_object_ref_sink (alga_sign_in_page_new (self->store));
      g_signal_connect_object (self->sign_in_page, "signed-in", G_CALLBACK (on_signed_in_cb),
                               self, G_CONNECT_SWAPPED);
      if (self->sign_in_server_url != NULL)
        alga_sign_in_page_set_server_url (ALGA_SIGN_IN_PAGE (self->sign_in_page),
                                          self->sign_in_server_url);
    }

  if (window != NULL && gtk_widget_get_parent (self->sign_in_page) == NULL)
    alga_window_set_sign_in_page (window, self->sign_in_page);

  return ALGA_SIGN_IN_PAGE (self->sign_in_page);
}

AlgaWindow *
_alga_application_ensure_window (AlgaApplication *self)
{
  AlgaWindow *window = _alga_application_get_window (self);

  if (window == NULL)
    {
      window = alga_window_new (self);
      g_signal_connect_object (window, "view-count-changed",
                               G_CALLBACK (_alga_application_view_count_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* While the keyring is asked, the window shows that it is starting. */
      if (!self->restoring)
        {
          if (self->account == NULL || self->sign_in_page != NULL)
            ensure_sign_in_page (self);
          alga_window_set_account (window, self->account);
        }
    }

  return window;
}

static gboolean
window_timeout_cb (gpointer user_data)
{
  AlgaApplication *self = user_data;

  self->window_timeout_id = 0;
  present_pending_window (self);

  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_request (AlgaApplication *self)
{
  if (self->sending_client == NULL)
    return;

  g_clear_signal_handler (&self->sending_id, self->sending_client);
  g_clear_object (&self->sending_client);
}

/* Called from within libsoup's signal that the request is written: the window is mapped from
 * the main loop instead, once it has nothing more urgent to do. */
static void
on_request_out_cb (AlgaApplication *self)
{
  g_clear_signal_handler (&self->sending_id, self->sending_client);
  g_clear_handle_id (&self->window_timeout_id, g_source_remove);
  self->window_timeout_id = g_idle_add (window_timeout_cb, self);
}

/* How long a window with no rows to show waits for the list's request to leave. On loopback
 * or a LAN it leaves within a few milliseconds; a distant server's connection (name lookup, TCP
 * and TLS handshakes) may take longer, and the window does not wait for all of it. */
#define SENDING_WAIT_MS 50

/* At an empty-cache start the first frame has no rows to show anyway, and the list's request,
 * sent as the window got its account, has not left yet: its connection is opened on this thread,
 * in several turns of the main loop. Mapping the window and painting that first frame (some 60
 * ms) before those turns would hold the request back until after the frame, and the server
 * would start on it only then. So the window waits until the request is out (at most
 * SENDING_WAIT_MS), and the server works on it while the window is mapped: its answer is
 * often there for the first frame (docs/PERFORMANCE.md, "The first request leaves first"). */
static gboolean
wait_for_request (AlgaApplication *self,
                  AlgaWindow      *window)
{
  AlgaTicketList *tickets = alga_ticket_list_view_get_model (alga_window_get_ticket_list_view (window));
  AlgaClient *client = self->account != NULL ? alga_account_get_client (self->account) : NULL;

  if (client == NULL || tickets == NULL || g_list_model_get_n_items (G_LIST_MODEL (tickets)) > 0
      || !alga_client_get_sending (client))
    return FALSE;

  self->sending_client = g_object_ref (client);
  self->sending_id = g_signal_connect_swapped (client, "notify::sending",
                                               G_CALLBACK (on_request_out_cb), self);
  self->window_timeout_id = g_timeout_add (SENDING_WAIT_MS, window_timeout_cb, self);

  return TRUE;
}

static void
present_pending_window (AlgaApplication *self)
{
  AlgaWindow *window;

  if (!self->window_pending)
    return;

  g_clear_handle_id (&self->window_timeout_id, g_source_remove);
  window = _alga_application_ensure_window (self);
  /* Called again once the request is out, or the wait is over. */
  if (self->sending_client == NULL && wait_for_request (self, window))
    return;

  stop_waiting_for_request (self);
  self->window_pending = FALSE;
  gtk_window_present (GTK_WINDOW (window));
  show_pending_ticket (self);
  g_application_release (G_APPLICATION (self));
}

/* How long the keyring may take before the window shows that the app is starting. Unlocked,
 * it answers within a few turns of the main loop. */
#define WINDOW_WAIT_MS 150

/* While the keyring is asked for the stored account, building and mapping a window
 * would keep the main loop from the keyring's replies for about 100 ms, and the window's first
 * frame would be a page of its own. The window waits for the answer (at most WINDOW_WAIT_MS),
 * then shows the account's list from its first frame. */
static void
present_window (AlgaApplication *self)
{
  if (_alga_application_get_window (self) == NULL && self->restoring)
    {
      if (!self->window_pending)
        {
          self->window_pending = TRUE;
          g_application_hold (G_APPLICATION (self));
          self->window_timeout_id = g_timeout_add (WINDOW_WAIT_MS, window_timeout_cb, self);
        }
      return;
    }

  gtk_window_present (GTK_WINDOW (_alga_application_ensure_window (self)));
}

static void
show_pending_ticket (AlgaApplication *self)
{
  AlgaWindow *window = _alga_application_get_window (self);

  if (self->pending_ticket_id == NULL || self->account == NULL || window == NULL)
    return;

  alga_window_show_ticket (window, self->pending_ticket_id);
  g_clear_pointer (&self->pending_ticket_id, g_free);
}

static void
on_session_ended_cb (AlgaApplication *self,
                     const GError    *error,
                     AlgaSession     *session)
{
  AlgaWindow *window = _alga_application_get_window (self);

  if (session != get_session (self))
    return;

  if (window != NULL && error != NULL)
    alga_gui_show_error_toast (GTK_WIDGET (window), NULL, error);

  set_session (self, NULL);
}

static void
set_session (AlgaApplication *self,
             AlgaSession     *session)
{
  AlgaWindow *window = _alga_application_get_window (self);
  GAction *sign_out;

  /* Everything of the old account goes with it: its watcher, cache, drafts and lists. */
  if (self->account != NULL && session != get_session (self))
    {
      g_signal_handlers_disconnect_by_func (alga_account_get_session (self->account),
                                            on_session_ended_cb, self);
      _alga_application_stop_watching (self);
      g_clear_object (&self->account);
    }

  if (session != NULL && self->account == NULL)
    {
      self->account = alga_account_new (session);
      _alga_application_start_watching (self);
      g_signal_connect_object (session, "ended", G_CALLBACK (on_session_ended_cb),
                               self, G_CONNECT_SWAPPED);
    }
  _alga_application_update_timer (self);

  if (session != NULL)
    {
      if (self->settings != NULL)
        alga_gui_settings_update (self->settings, "server-url",
                                  g_variant_new_string (alga_session_get_server_url (session)));
    }

  sign_out = g_action_map_lookup_action (G_ACTION_MAP (self), "sign-out");
  if (sign_out != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (sign_out), session != NULL);

  if (window != NULL && session == NULL && !self->restoring)
    ensure_sign_in_page (self);
  if (window != NULL)
    alga_window_set_account (window, self->account);

  show_pending_ticket (self);
}

static void
on_signed_in_cb (AlgaApplication *self,
                 AlgaSession     *session)
{
  set_session (self, session);
}

static void
on_session_restored_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AlgaApplication) self = user_data;
  g_autoptr(AlgaSession) session = NULL;
  g_autoptr(GError) error = NULL;
  AlgaWindow *window;

  self->restoring = FALSE;
  session = alga_session_restore_finish (result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  set_session (self, session);
  present_pending_window (self);

  window = _alga_application_get_window (self);
  if (error != NULL)
    {
      g_debug ("No stored account: %s", error->message);
      if (window != NULL)
        alga_gui_show_error_toast (GTK_WIDGET (window), _("Your account could not be loaded."), error);
    }
}

static char *
dup_start_server (AlgaApplication *self)
{
  if (self->server_url != NULL)
    return g_strdup (self->server_url);
  if (self->settings != NULL)
    return g_settings_get_string (self->settings, "server-url");
  return NULL;
}

static gboolean
have_start_key (void)
{
  const char *key = g_getenv ("ALGA_API_KEY");

  return key != NULL && key[0] != '\0' && g_getenv ("ALGA_USER_EMAIL") != NULL;
}

/* The account in the keyring is asked for before GTK is set up (it needs nothing of
 * it), so that the keyring's answer is there when the main loop first turns. */
static void
start_restoring (AlgaApplication *self)
{
  g_autofree char *server = dup_start_server (self);
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (server == NULL || server[0] == '\0' || have_start_key ())
    return;

  client = alga_client_new (server, &error);
  if (client == NULL)
    {
      g_debug ("Stored server %s: %s", server, error->message);
      return;
    }

  self->restoring = TRUE;
  alga_session_restore_async (client, self->store, self->cancellable,
                              on_session_restored_cb, g_object_ref (self));
}

/* At start: a key from the environment (build-aux/dev run, scripts), else the account in the
 * keyring (asked for already, see start_restoring), else the sign-in page. */
static void
start_signing_in (AlgaApplication *self)
{
  const char *key = g_getenv ("ALGA_API_KEY");
  const char *email = g_getenv ("ALGA_USER_EMAIL");
  g_autofree char *server = dup_start_server (self);

  if (server != NULL && server[0] != '\0')
    {
      g_free (self->sign_in_server_url);
      self->sign_in_server_url = g_strdup (server);
      if (self->sign_in_page != NULL)
        alga_sign_in_page_set_server_url (ALGA_SIGN_IN_PAGE (self->sign_in_page), server);
    }

  if (key != NULL && key[0] != '\0' && email != NULL && server != NULL && server[0] != '\0')
    {
      alga_sign_in_page_sign_in_with_key (ensure_sign_in_page (self), key, email);
      return;
    }

  if (!self->restoring)
    set_session (self, NULL);
}

/* Actions. */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AlgaApplication *self = user_data;

  /* Quit really quits, also while running in the background. */
  if (self->background != NULL)
    alga_background_set_hold (self->background, FALSE);
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AlgaApplication *self = user_data;
  AlgaWindow *window = _alga_application_ensure_window (self);
  AlgaSession *session = get_session (self);

  alga_about_show (GTK_WINDOW (window),
                   self->account != NULL ? alga_account_get_server_url (self->account) : NULL,
                   self->account != NULL ? alga_account_get_user_email (self->account) : NULL,
                   self->account != NULL ? alga_account_get_user_name (self->account) : NULL,
                   session != NULL ? alga_session_get_identity (session) : NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AlgaApplication *self = user_data;
  AlgaWindow *window = _alga_application_ensure_window (self);

  gtk_window_present (GTK_WINDOW (alga_preferences_window_new (GTK_WINDOW (window))));
}

/* The account being signed out of, taken before the session ends: its "ended" signal may
 * clear the application's session before the sign-out's callback runs. */
typedef struct
{
  AlgaApplication *self;
  char            *server_url;
  char            *user_id;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_object_unref (sign_out->self);
  g_free (sign_out->server_url);
  g_free (sign_out->user_id);
  g_free (sign_out);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignOut, sign_out_free)

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SignOut) sign_out = user_data;
  AlgaApplication *self = sign_out->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cache_error = NULL;
  AlgaWindow *window;

  if (!alga_session_sign_out_finish (ALGA_SESSION (source), result, &error))
    {
      window = _alga_application_get_window (self);
      if (window != NULL)
        alga_gui_show_error_toast (GTK_WIDGET (window), _("Signing out did not finish."), error);
    }

  if (get_session (self) == ALGA_SESSION (source))
    set_session (self, NULL);

  /* Nothing of the account stays behind; the window has let go of the cache by now
   * (set_session (NULL), here or on "ended"). A new sign-in to the same account meanwhile
   * keeps its cache. */
  if (self->account != NULL &&
      g_strcmp0 (alga_account_get_server_url (self->account), sign_out->server_url) == 0 &&
      g_strcmp0 (alga_account_get_user_id (self->account), sign_out->user_id) == 0)
    return;
  if (sign_out->server_url != NULL && sign_out->user_id != NULL &&
      !alga_cache_delete_for_account (sign_out->server_url, sign_out->user_id, &cache_error))
    g_warning ("%s", cache_error->message);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AlgaApplication *self = user_data;
  SignOut *sign_out;

  if (self->account == NULL)
    return;

  sign_out = g_new0 (SignOut, 1);
  sign_out->self = g_object_ref (self);
  sign_out->server_url = g_strdup (alga_account_get_server_url (self->account));
  sign_out->user_id = g_strdup (alga_account_get_user_id (self->account));
  alga_session_sign_out_async (get_session (self), NULL, on_signed_out_cb, sign_out);
}

static void
open_ticket_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AlgaApplication *self = user_data;
  AlgaWindow *window = _alga_application_ensure_window (self);

  g_free (self->pending_ticket_id);
  self->pending_ticket_id = g_variant_dup_string (parameter, NULL);
  gtk_window_present (GTK_WINDOW (window));
  show_pending_ticket (self);
}

/* GApplication. */

static void
alga_application_startup (GApplication *app)
{
  AlgaApplication *self = ALGA_APPLICATION (app);
  const GActionEntry entries[] = {
    { "quit", quit_action },
    { "about", about_action },
    { "preferences", preferences_action },
    { "sign-out", sign_out_action },
    { "open-ticket", open_ticket_action, "s" },
    { "assign-ticket", _alga_application_assign_ticket_action, "s" },
    { "stop-timer", _alga_application_stop_timer_action },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *close_accels[] = { "<Control>w", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  /* GtkApplication's own: the overlay is not at gtk/help-overlay.ui, where it would be built
   * with every window (see AlgaWindow's show-help-overlay). */
  const char *help_overlay_accels[] = { "<Control>question", NULL };
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (BASE_APP_ID);

  /* ALGA_TOKEN_STORE=memory keeps a throwaway run (demos, tests) out of the keyring. */
  if (g_strcmp0 (g_getenv ("ALGA_TOKEN_STORE"), "memory") == 0)
    self->store = alga_token_store_memory_new ();
  else
    self->store = alga_token_store_secret_new ();

  /* Its answer comes through the main loop, so after this function and activate. */
  start_restoring (self);

  G_APPLICATION_CLASS (alga_application_parent_class)->startup (app);
  alga_gui_read_icon_theme_in_thread (gdk_display_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_overlay_accels);

  /* A check item in the primary menu, the same switch as the tray's and the preferences'. */
  if (self->settings != NULL)
    {
      g_autoptr(GAction) do_not_disturb = g_settings_create_action (self->settings,
                                                                    "do-not-disturb");

      g_action_map_add_action (G_ACTION_MAP (self), do_not_disturb);
    }

  set_session (self, NULL);
  _alga_application_start_background (self);
  start_signing_in (self);
}

static void
alga_application_shutdown (GApplication *app)
{
  AlgaApplication *self = ALGA_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  /* A start made just now is on disk before the process ends. */
  if (self->timer != NULL)
    alga_timer_flush (self->timer);
  if (self->window_pending)
    {
      self->window_pending = FALSE;
      g_clear_handle_id (&self->window_timeout_id, g_source_remove);
      stop_waiting_for_request (self);
      g_application_release (app);
    }

  G_APPLICATION_CLASS (alga_application_parent_class)->shutdown (app);
}

static void
alga_application_activate (GApplication *app)
{
  AlgaApplication *self = ALGA_APPLICATION (app);

  present_window (self);
}

static void
alga_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  AlgaApplication *self = ALGA_APPLICATION (app);
  int i;

  present_window (self);

  for (i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      if (g_str_has_prefix (uri, "alga://auth/callback") || g_str_has_prefix (uri, "alga:///auth/callback"))
        {
          if (self->sign_in_page == NULL
              || !alga_sign_in_page_handle_callback (ALGA_SIGN_IN_PAGE (self->sign_in_page), uri))
            g_debug ("A sign-in link arrived while no browser sign-in was waiting for it");
        }
      else if (g_str_has_prefix (uri, "alga://ticket/"))
        {
          const char *id = uri + strlen ("alga://ticket/");

          g_free (self->pending_ticket_id);
          self->pending_ticket_id = g_uri_unescape_string (id, "/");
          show_pending_ticket (self);
        }
      else
        {
          g_debug ("Ignoring a link this app does not handle");
        }
    }
}

static int
alga_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  AlgaApplication *self = ALGA_APPLICATION (app);
  const char *server = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_free (self->server_url);
      self->server_url = g_strdup (server);
    }

  return G_APPLICATION_CLASS (alga_application_parent_class)->handle_local_options (app, options);
}

static void
alga_application_dispose (GObject *object)
{
  AlgaApplication *self = ALGA_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->window_timeout_id, g_source_remove);
  stop_waiting_for_request (self);
  _alga_application_stop_watching (self);
  g_cancellable_cancel (self->timer_cancellable);
  g_clear_object (&self->timer_cancellable);
  g_clear_object (&self->reminders);
  g_clear_object (&self->timer);
  g_clear_object (&self->notifier);
  g_clear_object (&self->account);
  g_clear_object (&self->tray);
  g_clear_object (&self->background);
  g_clear_object (&self->sign_in_page);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alga_application_parent_class)->dispose (object);
}

static void
alga_application_finalize (GObject *object)
{
  AlgaApplication *self = ALGA_APPLICATION (object);

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->sign_in_server_url, g_free);
  g_clear_pointer (&self->pending_ticket_id, g_free);
  g_clear_pointer (&self->tray_events, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_application_parent_class)->finalize (object);
}

static void
alga_application_class_init (AlgaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = alga_application_dispose;
  object_class->finalize = alga_application_finalize;

  app_class->startup = alga_application_startup;
  app_class->shutdown = alga_application_shutdown;
  app_class->activate = alga_application_activate;
  app_class->open = alga_application_open;
  app_class->handle_local_options = alga_application_handle_local_options;
}

static void
alga_application_init (AlgaApplication *self)
{
  const GOptionEntry entries[] = {
    { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("The address of the Alga PSA server to sign in to"), N_("URL") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();
  self->tray_events = g_ptr_array_new_with_free_func ((GDestroyNotify) alga_tray_event_free);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

AlgaApplication *
alga_application_new (void)
{
  return g_object_new (ALGA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * alga_application_get_server_url:
 * @self: the application
 *
 * The server given with `--server`, which the sign-in page offers first.
 *
 * Returns: (nullable): the URL, or %NULL
 */
const char *
alga_application_get_server_url (AlgaApplication *self)
{
  g_return_val_if_fail (ALGA_IS_APPLICATION (self), NULL);

  return self->server_url;
}

/**
 * alga_application_get_account:
 * @self: the application
 *
 * Returns: (nullable) (transfer none): the signed-in account
 */
AlgaAccount *
alga_application_get_account (AlgaApplication *self)
{
  g_return_val_if_fail (ALGA_IS_APPLICATION (self), NULL);

  return self->account;
}
