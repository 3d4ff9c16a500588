/* alga-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-sign-in-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alga-auth.h"
#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-sign-in-page.h"

/* How many servers the page remembers and offers. */
#define MAX_RECENT_SERVERS 5

struct _AlgaSignInPage
{
  AdwBin                parent_instance;

  AlgaTokenStore       *store;
  GSettings            *settings;
  AlgaClient           *client;
  AlgaAuth             *auth;
  AlgaAuthCapabilities *capabilities;
  GCancellable         *cancellable;
  char                 *server_url;
  char                 *sign_in_url;
  gboolean              busy;
  gboolean              key_requested;

  GtkButton            *back_button;
  GtkImage             *app_icon;
  GtkLabel             *subtitle_label;
  GtkStack             *stack;
  AdwEntryRow          *url_row;
  GtkMenuButton        *recent_button;
  GtkLabel             *url_error;
  GtkButton            *continue_button;
  GtkSpinner           *continue_spinner;
  GtkWidget            *browser_box;
  GtkButton            *browser_button;
  GtkLabel             *browser_error;
  GtkLabel             *key_only_label;
  GtkButton            *use_key_button;
  GtkRevealer          *key_revealer;
  GtkMenuButton        *key_help_button;
  AdwPasswordEntryRow  *key_row;
  GtkLabel             *key_error;
  AdwEntryRow          *email_row;
  GtkLabel             *email_error;
  GtkLabel             *sign_in_error;
  GtkButton            *sign_in_button;
  GtkSpinner           *sign_in_spinner;
  GtkSpinner           *wait_spinner;
  GtkLabel             *wait_title;
  GtkLabel             *wait_description;
  GtkWidget            *launch_failed_box;
  GtkLabel             *sign_in_url_label;
  GtkButton            *copy_url_button;
  GtkButton            *cancel_button;
};

G_DEFINE_FINAL_TYPE (AlgaSignInPage, alga_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNED_IN,
  LAUNCH_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  STEP_SERVER,
  STEP_METHODS,
  STEP_WAITING,
} Step;

static const char * const step_names[] = { "server", "methods", "waiting" };

static void sign_in_with_fields (AlgaSignInPage *self);

static Step
get_step (AlgaSignInPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    {
      if (g_strcmp0 (name, step_names[i]) == 0)
        return (Step) i;
    }

  return STEP_SERVER;
}

static void
set_busy (AlgaSignInPage *self,
          gboolean        busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_spinning (GtkSpinner *spinner,
              gboolean    spinning)
{
  gtk_spinner_set_spinning (spinner, spinning);
  gtk_widget_set_visible (GTK_WIDGET (spinner), spinning);
}

static void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && *message != '\0');
}

/* "127.0.0.1 port 8080" of the server being signed in to, or NULL. */
static char *
dup_server_place (AlgaSignInPage *self)
{
  g_autoptr(GUri) uri = NULL;
  int port;

  if (self->client == NULL)
    return NULL;

  uri = g_uri_parse (alga_client_get_base_url (self->client), G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  port = g_uri_get_port (uri);
  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 ? 80 : 443;

  /* Translators: where the server is: a host name or address, then its port number. */
  return g_strdup_printf (_("%s port %d"), g_uri_get_host (uri), port);
}

/* The system's own reason at the end of a transport error ("Connection refused"), or NULL. */
static const char *
transport_reason (const GError *error)
{
  const char *colon = error->message != NULL ? strrchr (error->message, ':') : NULL;

  if (colon == NULL || colon[1] != ' ' || colon[2] == '\0')
    return NULL;

  return colon + 2;
}

/* One sentence per failure, saying what to do: the errors the sign-in writes are sentences
 * already and stand alone; the network's name the host and port tried, which its own text
 * drops. */
static char *
sign_in_error_message (AlgaSignInPage *self,
                       const GError   *error)
{
  g_autofree char *place = dup_server_place (self);
  const char *reason = transport_reason (error);

  if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_NETWORK) && place != NULL)
    {
      if (reason != NULL)
        /* Translators: the place (host and port), then the system's reason. */
        return g_strdup_printf (_("Could not connect to %s (%s). Check the address, and that "
                                  "the server is running."), place, reason);
      /* Translators: the place is a host and port. */
      return g_strdup_printf (_("Could not connect to %s. Check the address, and that the "
                                "server is running."), place);
    }
  if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_TIMEOUT) && place != NULL)
    /* Translators: the place is a host and port. */
    return g_strdup_printf (_("The server at %s did not answer in time. Try again in a moment."),
                            place);

  if (error->domain == ALGA_API_ERROR &&
      (error->code == ALGA_API_ERROR_NOT_FOUND || error->code == ALGA_API_ERROR_UNAUTHORIZED ||
       error->code == ALGA_API_ERROR_FORBIDDEN || error->code == ALGA_API_ERROR_INVALID_INPUT ||
       error->code == ALGA_API_ERROR_STATE_MISMATCH || error->code == ALGA_API_ERROR_UNSUPPORTED) &&
      error->message != NULL && g_str_has_suffix (error->message, "."))
    return g_strdup (error->message);

  return alga_gui_error_message (error);
}

static void
show_error (AlgaSignInPage *self,
            GtkLabel       *label,
            const GError   *error)
{
  g_autofree char *message = sign_in_error_message (self, error);

  show_message (label, message);
}

static void
hide_message (GtkLabel *label)
{
  show_message (label, NULL);
}

/* Starts a new request, forgetting whatever the page was waiting for. */
static GCancellable *
restart_cancellable (AlgaSignInPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  return self->cancellable;
}

static void
stop_waiting (AlgaSignInPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_spinning (self->continue_spinner, FALSE);
  set_spinning (self->sign_in_spinner, FALSE);
  gtk_spinner_set_spinning (self->wait_spinner, FALSE);
  set_busy (self, FALSE);
}

/* What was typed, as an address: "psa.example.com" means https://psa.example.com. */
static char *
dup_typed_url (AlgaSignInPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  if (strstr (text, "://") == NULL)
    return g_strconcat ("https://", text, NULL);

  return g_steal_pointer (&text);
}

static void
forget_server (AlgaSignInPage *self)
{
  if (self->auth != NULL)
    alga_auth_cancel_browser_sign_in (self->auth);
  g_clear_object (&self->auth);
  g_clear_object (&self->client);
  g_clear_pointer (&self->capabilities, alga_auth_capabilities_free);
  g_clear_pointer (&self->sign_in_url, g_free);
  self->key_requested = FALSE;
}

/* The client of the typed server: kept while the address stays the same, so that a browser
 * sign-in begun with it can still be completed. */
static gboolean
ensure_client (AlgaSignInPage  *self,
               GError         **error)
{
  g_autofree char *url = dup_typed_url (self);
  g_autoptr(AlgaClient) client = NULL;

  if (url == NULL)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                           _("Enter the address of your Alga PSA server, such as psa.example.com."));
      return FALSE;
    }

  client = alga_client_new (url, error);
  if (client == NULL)
    return FALSE;

  if (self->client != NULL
      && g_str_equal (alga_client_get_base_url (self->client), alga_client_get_base_url (client)))
    return TRUE;

  /* A key belongs to one server: a new server starts with empty fields and no messages. */
  forget_server (self);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  hide_message (self->key_error);
  hide_message (self->email_error);
  hide_message (self->sign_in_error);
  hide_message (self->browser_error);
  self->client = g_steal_pointer (&client);
  self->auth = alga_auth_new (self->client);

  g_free (self->server_url);
  self->server_url = g_strdup (alga_client_get_base_url (self->client));

  return TRUE;
}

static char *
dup_server_host (AlgaSignInPage *self)
{
  g_autoptr(GUri) uri = NULL;

  if (self->client == NULL)
    return NULL;

  uri = g_uri_parse (alga_client_get_base_url (self->client), G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (alga_client_get_base_url (self->client));
  if (g_uri_get_port (uri) != -1)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup (g_uri_get_host (uri));
}

static void
focus_step (AlgaSignInPage *self)
{
  gboolean browser_offered;

  switch (get_step (self))
    {
    case STEP_SERVER:
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      break;
    case STEP_METHODS:
      browser_offered = gtk_widget_get_visible (self->browser_box);
      if (gtk_revealer_get_reveal_child (self->key_revealer) && !browser_offered)
        gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      else if (browser_offered)
        gtk_widget_grab_focus (GTK_WIDGET (self->browser_button));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      break;
    case STEP_WAITING:
      gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Tab from the key goes on to the e-mail address: the key row's show-text button takes no
 * keyboard focus, or the address typed next would be lost on it. The text can still be shown
 * from the field's context menu (Menu key, "Show Text"). */
static void
skip_reveal_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_widget_set_focusable (child, FALSE);
      skip_reveal_button (child);
    }
}

static void
set_default_button (AlgaSignInPage *self,
                    GtkWidget      *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), button);
}

static void
update_methods (AlgaSignInPage *self)
{
  gboolean known = self->capabilities != NULL;
  gboolean browser = known && self->capabilities->enabled;
  gboolean show_key = !browser || self->key_requested;

  gtk_widget_set_visible (self->browser_box, browser);
  gtk_widget_set_visible (GTK_WIDGET (self->key_only_label), known && !browser);
  gtk_widget_set_visible (GTK_WIDGET (self->use_key_button), browser && !self->key_requested);
  gtk_revealer_set_reveal_child (self->key_revealer, show_key);

  /* One suggested action per view: the browser when it is offered, Sign In once the key form
   * is open; that one is also what Enter presses. */
  if (show_key)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->browser_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_button), "suggested-action");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->browser_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->sign_in_button), "suggested-action");
    }
  set_default_button (self, show_key ? GTK_WIDGET (self->sign_in_button)
                                     : browser ? GTK_WIDGET (self->browser_button) : NULL);
}

static void
show_step (AlgaSignInPage *self,
           Step            step)
{
  g_autofree char *host = NULL;

  if (step == STEP_SERVER)
    {
      gtk_label_set_label (self->subtitle_label,
                           _("Enter the address of your Alga PSA server to begin."));
    }
  else
    {
      host = dup_server_host (self);
      gtk_label_set_label (self->subtitle_label, host != NULL ? host : "");
    }

  if (step == STEP_METHODS)
    update_methods (self);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), step != STEP_SERVER);
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  focus_step (self);
}

/* Recent servers */

static void
rebuild_recent_menu (AlgaSignInPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_auto(GStrv) recent = NULL;

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-servers");

  for (guint i = 0; recent != NULL && recent[i] != NULL && i < MAX_RECENT_SERVERS; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (recent[i], NULL);

      g_menu_item_set_action_and_target_value (item, "sign-in.use-server",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->recent_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->recent_button),
                          g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}

static void
remember_server (AlgaSignInPage *self,
                 const char     *url)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  if (self->settings == NULL)
    return;

  old = g_settings_get_strv (self->settings, "recent-servers");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, url);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_SERVERS; i++)
    {
      if (g_str_equal (old[i], url) || *old[i] == '\0')
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  recent = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-servers", (const char * const *) recent);
  g_settings_set_string (self->settings, "server-url", url);
  rebuild_recent_menu (self);
}

/* Finishing: keep the account, then hand it over */

static void
on_session_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AlgaSignInPage) self = user_data;
  AlgaSession *session = ALGA_SESSION (source);
  g_autoptr(GError) error = NULL;
  GtkLabel *error_label;

  if (!alga_session_save_finish (session, result, &error))
    {
      if (alga_gui_error_is_cancelled (error))
        return;

      stop_waiting (self);
      g_debug ("Keeping the sign-in failed: %s", error->message);
      /* Only the browser sign-in remembers its address until it is done. */
      error_label = self->sign_in_url != NULL ? self->browser_error : self->sign_in_error;
      g_clear_pointer (&self->sign_in_url, g_free);
      show_step (self, STEP_METHODS);
      show_error (self, error_label, error);
      return;
    }

  stop_waiting (self);
  remember_server (self, alga_session_get_server_url (session));

  /* The key now lives in the session and the keyring only. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");

  /* The client belongs to the session now; a later sign-in starts from a fresh one. */
  forget_server (self);
  show_step (self, STEP_SERVER);

  g_signal_emit (self, signals[SIGNED_IN], 0, session);
}

static void
keep_bundle (AlgaSignInPage  *self,
             AlgaTokenBundle *bundle)
{
  g_autoptr(AlgaSession) session = NULL;

  session = alga_session_new (self->client, self->store, bundle);
  set_busy (self, TRUE);
  alga_session_save_async (session, restart_cancellable (self), on_session_saved_cb,
                           g_object_ref (self));
}

/* Step 1: the server */

static char *
probe_error_message (AlgaSignInPage *self,
                     const GError   *error)
{
  /* A web server that is not Alga PSA answers the capabilities path with a page of its own.
   * (A 404 is an Alga PSA server from before the browser sign-in: AlgaAuth says keys only.) */
  if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE))
    return g_strdup (_("No Alga PSA server answers at this address. Check the address and "
                       "try again."));

  return sign_in_error_message (self, error);
}

static void
on_capabilities_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AlgaSignInPage) self = user_data;
  g_autoptr(AlgaAuthCapabilities) capabilities = NULL;
  g_autoptr(GError) error = NULL;

  capabilities = alga_auth_check_capabilities_finish (ALGA_AUTH (source), result, &error);
  if (capabilities == NULL && alga_gui_error_is_cancelled (error))
    return;

  stop_waiting (self);

  if (capabilities == NULL)
    {
      g_autofree char *message = probe_error_message (self, error);

      g_debug ("Capabilities: %s", error->message);
      show_message (self->url_error, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  /* The answer of a server the technician has since moved away from is of no use. */
  if (ALGA_AUTH (source) != self->auth)
    return;

  g_clear_pointer (&self->capabilities, alga_auth_capabilities_free);
  self->capabilities = g_steal_pointer (&capabilities);
  hide_message (self->browser_error);
  hide_message (self->sign_in_error);
  show_step (self, STEP_METHODS);
}

static void
on_continue_cb (AlgaSignInPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->busy)
    return;

  hide_message (self->url_error);
  if (!ensure_client (self, &error))
    {
      show_error (self, self->url_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  set_busy (self, TRUE);
  set_spinning (self->continue_spinner, TRUE);
  alga_auth_check_capabilities_async (self->auth, restart_cancellable (self),
                                      on_capabilities_cb, g_object_ref (self));
}

static void
on_url_changed_cb (AlgaSignInPage *self)
{
  hide_message (self->url_error);

  g_clear_pointer (&self->server_url, g_free);
  self->server_url = dup_typed_url (self);
}

static void
use_server_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlgaSignInPage *self = ALGA_SIGN_IN_PAGE (widget);

  if (self->busy)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), g_variant_get_string (parameter, NULL));
  on_continue_cb (self);
}

/* Step 2, browser */

static void
on_launch_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AlgaSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;

  g_debug ("Opening the browser failed: %s", error->message);
  if (get_step (self) != STEP_WAITING || self->sign_in_url == NULL)
    return;

  gtk_widget_set_visible (self->launch_failed_box, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_url_button));
}

static void
launch_uri (AlgaSignInPage *self,
            const char     *uri)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  gboolean handled = FALSE;

  g_signal_emit (self, signals[LAUNCH_URI], 0, uri, &handled);
  if (handled)
    return;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launch_finished_cb, g_object_ref (self));
}

static void
on_browser_clicked_cb (AlgaSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (self->busy || self->auth == NULL)
    return;

  hide_message (self->browser_error);
  url = alga_auth_begin_browser_sign_in (self->auth, &error);
  if (url == NULL)
    {
      show_error (self, self->browser_error, error);
      return;
    }

  g_free (self->sign_in_url);
  self->sign_in_url = g_steal_pointer (&url);

  gtk_label_set_label (self->wait_title, _("Finish signing in in your browser…"));
  gtk_label_set_label (self->wait_description,
                       _("Sign in on the server’s page in your browser. It sends you back "
                         "here when you are done."));
  gtk_label_set_label (self->sign_in_url_label, self->sign_in_url);
  gtk_widget_set_visible (self->launch_failed_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_spinner_set_spinning (self->wait_spinner, TRUE);
  show_step (self, STEP_WAITING);

  launch_uri (self, self->sign_in_url);
}

static void
on_copy_url_clicked_cb (AlgaSignInPage *self)
{
  if (self->sign_in_url == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->sign_in_url);
  alga_gui_show_toast (GTK_WIDGET (self), _("Address copied"));
}

static void
on_browser_sign_in_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AlgaSignInPage) self = user_data;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  bundle = alga_auth_complete_browser_sign_in_finish (ALGA_AUTH (source), result, &error);
  if (bundle == NULL && alga_gui_error_is_cancelled (error))
    return;

  if (bundle == NULL)
    {
      stop_waiting (self);
      g_debug ("Browser sign-in: %s", error->message);

      /* Community Edition (or a plan without mobile access): only the key is left. */
      if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_UNSUPPORTED)
          && self->capabilities != NULL)
        self->capabilities->enabled = FALSE;

      g_clear_pointer (&self->sign_in_url, g_free);
      show_step (self, STEP_METHODS);
      show_error (self, self->browser_error, error);
      return;
    }

  keep_bundle (self, bundle);
}

/* Step 2, key */

static void
on_owner_confirmed_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  AlgaSignInPage *self = user_data;
  AlgaTokenBundle *bundle = g_object_get_data (G_OBJECT (dialog), "bundle");

  if (g_strcmp0 (response, "confirm") == 0)
    {
      g_autoptr(AlgaTokenBundle) confirmed =
        alga_token_bundle_with_identity (bundle, ALGA_IDENTITY_OWN_WORK_CONFIRMED);

      keep_bundle (self, confirmed);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
}

/* The key's own work named its user, but the key may not see e-mail addresses, so what was
 * typed cannot be checked: the person says whether that is them, rather than a guess. */
static void
ask_owner (AlgaSignInPage  *self,
           AlgaTokenBundle *bundle)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *name = alga_token_bundle_get_user_name (bundle);
  const char *email = alga_token_bundle_get_user_email (bundle);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (name != NULL)
    body = g_strdup_printf (_("This key's time entries are those of %s. Alga PSA does not let "
                              "this key see e-mail addresses, so the app cannot check that %s is "
                              "theirs. Is this key yours, %s?"), name, email, name);
  else
    body = g_strdup_printf (_("This key has its own time entries, but Alga PSA does not let it "
                              "see names or e-mail addresses, so the app cannot check that it "
                              "belongs to %s. Is this key your own?"), email);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Is This Your Key?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_No"), "confirm", _("_Yes, It Is Mine"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bundle", alga_token_bundle_ref (bundle),
                          (GDestroyNotify) alga_token_bundle_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_owner_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_key_sign_in_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AlgaSignInPage) self = user_data;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  bundle = alga_auth_sign_in_with_key_finish (ALGA_AUTH (source), result, &error);
  if (bundle == NULL && alga_gui_error_is_cancelled (error))
    return;

  if (bundle == NULL)
    {
      stop_waiting (self);
      g_debug ("Key sign-in: %s", error->message);

      if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED)
          || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT))
        {
          show_error (self, self->key_error, error);
          gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
        }
      else if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND))
        {
          show_error (self, self->email_error, error);
          gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
        }
      else
        {
          show_error (self, self->sign_in_error, error);
        }
      return;
    }

  if (g_strcmp0 (alga_token_bundle_get_identity (bundle), ALGA_IDENTITY_OWN_WORK) == 0)
    {
      stop_waiting (self);
      ask_owner (self, bundle);
      return;
    }

  keep_bundle (self, bundle);
}

static void
sign_in_with_fields (AlgaSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *email = NULL;

  if (self->busy)
    return;

  hide_message (self->key_error);
  hide_message (self->email_error);
  hide_message (self->sign_in_error);

  /* Both fields are checked here, so a slip costs no request and is shown at its field. */
  key = alga_auth_normalize_api_key (gtk_editable_get_text (GTK_EDITABLE (self->key_row)), &error);
  if (key == NULL)
    {
      show_error (self, self->key_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  if (!alga_auth_check_email (email, &error))
    {
      explicit_bzero (key, strlen (key));
      show_error (self, self->email_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }

  if (self->auth == NULL && !ensure_client (self, &error))
    {
      explicit_bzero (key, strlen (key));
      show_step (self, STEP_SERVER);
      show_error (self, self->url_error, error);
      return;
    }

  set_busy (self, TRUE);
  set_spinning (self->sign_in_spinner, TRUE);
  alga_auth_sign_in_with_key_async (self->auth, key, email, restart_cancellable (self),
                                    on_key_sign_in_cb, g_object_ref (self));
  explicit_bzero (key, strlen (key));
}

static void
on_sign_in_cb (AlgaSignInPage *self)
{
  sign_in_with_fields (self);
}

static void
on_key_activated_cb (AlgaSignInPage *self)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));

  if (email == NULL || *email == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    sign_in_with_fields (self);
}

static void
on_key_changed_cb (AlgaSignInPage *self)
{
  hide_message (self->key_error);
}

static void
on_email_changed_cb (AlgaSignInPage *self)
{
  hide_message (self->email_error);
}

static void
on_use_key_clicked_cb (AlgaSignInPage *self)
{
  self->key_requested = TRUE;
  update_methods (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

/* Going back: Escape, the back button and Cancel */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlgaSignInPage *self = ALGA_SIGN_IN_PAGE (widget);

  switch (get_step (self))
    {
    case STEP_SERVER:
      /* Escape during the probe stops it. */
      if (self->busy)
        stop_waiting (self);
      break;
    case STEP_METHODS:
      stop_waiting (self);
      show_step (self, STEP_SERVER);
      break;
    case STEP_WAITING:
      stop_waiting (self);
      if (self->auth != NULL)
        alga_auth_cancel_browser_sign_in (self->auth);
      g_clear_pointer (&self->sign_in_url, g_free);
      show_step (self, STEP_METHODS);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* GObject */

static void
alga_sign_in_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (alga_sign_in_page_parent_class)->map (widget);

  focus_step (ALGA_SIGN_IN_PAGE (widget));
}

static void
alga_sign_in_page_dispose (GObject *object)
{
  AlgaSignInPage *self = ALGA_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  forget_server (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (alga_sign_in_page_parent_class)->dispose (object);
}

static void
alga_sign_in_page_finalize (GObject *object)
{
  AlgaSignInPage *self = ALGA_SIGN_IN_PAGE (object);

  g_free (self->server_url);
  g_free (self->sign_in_url);

  G_OBJECT_CLASS (alga_sign_in_page_parent_class)->finalize (object);
}

static void
alga_sign_in_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AlgaSignInPage *self = ALGA_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_sign_in_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AlgaSignInPage *self = ALGA_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_sign_in_page_class_init (AlgaSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_sign_in_page_dispose;
  object_class->finalize = alga_sign_in_page_finalize;
  object_class->get_property = alga_sign_in_page_get_property;
  object_class->set_property = alga_sign_in_page_set_property;

  widget_class->map = alga_sign_in_page_map;

  /**
   * AlgaSignInPage:store:
   *
   * Where a new sign-in is kept before #AlgaSignInPage::signed-in is emitted.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ALGA_TYPE_TOKEN_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AlgaSignInPage:busy:
   *
   * Whether the page waits for the server or the keyring.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaSignInPage::signed-in:
   * @self: the page
   * @session: the new session, already kept in the store
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ALGA_TYPE_SESSION);

  /**
   * AlgaSignInPage::launch-uri:
   * @self: the page
   * @uri: the server's sign-in address
   *
   * Emitted before the browser is opened for @uri. A handler that opens it itself (or a test
   * that follows it) returns %TRUE, and no browser is launched.
   *
   * Returns: %TRUE if @uri was taken care of
   */
  signals[LAUNCH_URI] =
    g_signal_new ("launch-uri",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, app_icon);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, recent_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, url_error);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, continue_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, browser_box);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, browser_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, browser_error);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, key_only_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, use_key_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, key_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, key_help_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, key_error);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, email_error);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, sign_in_error);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, wait_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, wait_title);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, wait_description);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, launch_failed_box);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, sign_in_url_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, copy_url_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaSignInPage, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_browser_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_use_key_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_url_clicked_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "sign-in.use-server", "s", use_server_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sign-in.back", NULL);
}

static void
alga_sign_in_page_init (AlgaSignInPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_image_set_from_icon_name (self->app_icon, APP_ID);
  skip_reveal_button (GTK_WIDGET (self->key_row));

  /* Without an installed schema (an uninstalled build) the page works, but forgets. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autofree char *url = NULL;

      self->settings = g_settings_new_full (schema, NULL, NULL);
      url = g_settings_get_string (self->settings, "server-url");
      if (url != NULL && *url != '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
    }

  rebuild_recent_menu (self);
  show_step (self, STEP_SERVER);
}

/**
 * alga_sign_in_page_new:
 * @store: where a new sign-in is kept
 *
 * Returns: (transfer floating): a new sign-in page
 */
GtkWidget *
alga_sign_in_page_new (AlgaTokenStore *store)
{
  g_return_val_if_fail (ALGA_IS_TOKEN_STORE (store), NULL);

  return g_object_new (ALGA_TYPE_SIGN_IN_PAGE, "store", store, NULL);
}

AlgaTokenStore *
alga_sign_in_page_get_store (AlgaSignInPage *self)
{
  g_return_val_if_fail (ALGA_IS_SIGN_IN_PAGE (self), NULL);

  return self->store;
}

/**
 * alga_sign_in_page_set_server_url:
 * @self: the page
 * @url: (nullable): a server address, such as the one given with `--server`
 *
 * Fills in the server address, as if typed.
 */
void
alga_sign_in_page_set_server_url (AlgaSignInPage *self,
                                  const char     *url)
{
  g_return_if_fail (ALGA_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  if (get_step (self) != STEP_SERVER && !self->busy)
    show_step (self, STEP_SERVER);
}

/**
 * alga_sign_in_page_get_server_url:
 * @self: the page
 *
 * Returns: (nullable): the server address as the page will use it (with `https://` added when
 *   no scheme was typed), or %NULL when none is typed
 */
const char *
alga_sign_in_page_get_server_url (AlgaSignInPage *self)
{
  g_return_val_if_fail (ALGA_IS_SIGN_IN_PAGE (self), NULL);

  return self->server_url;
}

gboolean
alga_sign_in_page_get_busy (AlgaSignInPage *self)
{
  g_return_val_if_fail (ALGA_IS_SIGN_IN_PAGE (self), FALSE);

  return self->busy;
}

/**
 * alga_sign_in_page_handle_callback:
 * @self: the page
 * @uri: an `alga://auth/callback?…` address the application was asked to open
 *
 * Completes the browser sign-in that is waiting for @uri.
 *
 * Returns: %FALSE if no browser sign-in is pending here
 */
gboolean
alga_sign_in_page_handle_callback (AlgaSignInPage *self,
                                   const char     *uri)
{
  g_return_val_if_fail (ALGA_IS_SIGN_IN_PAGE (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (self->auth == NULL || !alga_auth_has_pending_sign_in (self->auth))
    return FALSE;

  hide_message (self->browser_error);
  gtk_label_set_label (self->wait_title, _("Signing in…"));
  gtk_label_set_label (self->wait_description, _("The browser sent you back. Just a moment."));
  gtk_widget_set_visible (self->launch_failed_box, FALSE);
  gtk_spinner_set_spinning (self->wait_spinner, TRUE);
  show_step (self, STEP_WAITING);

  set_busy (self, TRUE);
  alga_auth_complete_browser_sign_in_async (self->auth, uri, NULL, restart_cancellable (self),
                                            on_browser_sign_in_cb, g_object_ref (self));

  return TRUE;
}

/**
 * alga_sign_in_page_sign_in_with_key:
 * @self: the page
 * @key: a personal API key
 * @email: the e-mail address of its user
 *
 * Signs in to the typed server as if @key and @email were typed and Sign In pressed.
 */
void
alga_sign_in_page_sign_in_with_key (AlgaSignInPage *self,
                                    const char     *key,
                                    const char     *email)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALGA_IS_SIGN_IN_PAGE (self));

  if (self->busy)
    stop_waiting (self);

  hide_message (self->url_error);
  if (!ensure_client (self, &error))
    {
      show_step (self, STEP_SERVER);
      show_error (self, self->url_error, error);
      return;
    }

  self->key_requested = TRUE;
  show_step (self, STEP_METHODS);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), key != NULL ? key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
  sign_in_with_fields (self);
}
