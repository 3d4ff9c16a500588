/* alga-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in page: its steps, what it says and where the focus goes, going back. The server
 * step is in alga-sign-in-page-server.c, the browser and the key in alga-sign-in-page-methods.c.
 */

#define G_LOG_DOMAIN "alga-sign-in-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-sign-in-page-private.h"

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

static const char * const step_names[] = { "server", "methods", "waiting" };

Step
_alga_sign_in_page_get_step (AlgaSignInPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    {
      if (g_strcmp0 (name, step_names[i]) == 0)
        return (Step) i;
    }

  return STEP_SERVER;
}

void
_alga_sign_in_page_set_busy (AlgaSignInPage *self,
                             gboolean        busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* "127.0.0.1 port 8080" of the server being signed in to, or NULL. */
static char *
dup_server_place (AlgaSignInPage *self)
{
  g_autoptr(GUri) uri = NULL;
  int port;

  if (_alga_sign_in_page_get_client (self) == NULL)
    return NULL;

  uri = g_uri_parse (alga_client_get_base_url (_alga_sign_in_page_get_client (self)), G_URI_FLAGS_NONE, NULL);
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
char *
_alga_sign_in_page_error_message (AlgaSignInPage *self,
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

void
_alga_sign_in_page_show_error (AlgaSignInPage *self,
                               GtkLabel       *label,
                               const GError   *error)
{
  g_autofree char *message = _alga_sign_in_page_error_message (self, error);

  show_message (label, message);
}

/* Starts a new request, forgetting whatever the page was waiting for. */
GCancellable *
_alga_sign_in_page_restart_cancellable (AlgaSignInPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  return self->cancellable;
}

void
_alga_sign_in_page_stop_waiting (AlgaSignInPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_spinning (self->continue_spinner, FALSE);
  set_spinning (self->sign_in_spinner, FALSE);
  gtk_spinner_set_spinning (self->wait_spinner, FALSE);
  _alga_sign_in_page_set_busy (self, FALSE);
}

void
_alga_sign_in_page_forget_server (AlgaSignInPage *self)
{
  if (self->auth != NULL)
    alga_auth_cancel_browser_sign_in (self->auth);
  g_clear_object (&self->auth);
  g_clear_pointer (&self->capabilities, alga_auth_capabilities_free);
  g_clear_pointer (&self->sign_in_url, g_free);
  self->key_requested = FALSE;
}

static char *
dup_server_host (AlgaSignInPage *self)
{
  g_autoptr(GUri) uri = NULL;

  if (_alga_sign_in_page_get_client (self) == NULL)
    return NULL;

  uri = g_uri_parse (alga_client_get_base_url (_alga_sign_in_page_get_client (self)), G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (alga_client_get_base_url (_alga_sign_in_page_get_client (self)));
  if (g_uri_get_port (uri) != -1)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup (g_uri_get_host (uri));
}

static void
focus_step (AlgaSignInPage *self)
{
  gboolean browser_offered;

  switch (_alga_sign_in_page_get_step (self))
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

void
_alga_sign_in_page_update_methods (AlgaSignInPage *self)
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

void
_alga_sign_in_page_show_step (AlgaSignInPage *self,
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
    _alga_sign_in_page_update_methods (self);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), step != STEP_SERVER);
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  focus_step (self);
}

void
_alga_sign_in_page_emit_signed_in (AlgaSignInPage *self,
                                   AlgaSession    *session)
{
  g_signal_emit (self, signals[SIGNED_IN], 0, session);
}

/* TRUE if a handler took care of @uri, and no browser is to be launched. */
gboolean
_alga_sign_in_page_emit_launch_uri (AlgaSignInPage *self,
                                    const char     *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[LAUNCH_URI], 0, uri, &handled);

  return handled;
}

/* Going back: Escape, the back button and Cancel */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlgaSignInPage *self = ALGA_SIGN_IN_PAGE (widget);

  switch (_alga_sign_in_page_get_step (self))
    {
    case STEP_SERVER:
      /* Escape during the probe stops it. */
      if (self->busy)
        _alga_sign_in_page_stop_waiting (self);
      break;
    case STEP_METHODS:
      _alga_sign_in_page_stop_waiting (self);
      _alga_sign_in_page_show_step (self, STEP_SERVER);
      break;
    case STEP_WAITING:
      _alga_sign_in_page_stop_waiting (self);
      if (self->auth != NULL)
        alga_auth_cancel_browser_sign_in (self->auth);
      g_clear_pointer (&self->sign_in_url, g_free);
      _alga_sign_in_page_show_step (self, STEP_METHODS);
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
  _alga_sign_in_page_forget_server (self);
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

  gtk_widget_class_install_action (widget_class, "sign-in.back", NULL, back_action);
  _alga_sign_in_page_class_server_init (widget_class);
  _alga_sign_in_page_class_methods_init (widget_class);
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

  _alga_sign_in_page_rebuild_recent_menu (self);
  _alga_sign_in_page_show_step (self, STEP_SERVER);
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
  if (_alga_sign_in_page_get_step (self) != STEP_SERVER && !self->busy)
    _alga_sign_in_page_show_step (self, STEP_SERVER);
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

  _alga_sign_in_page_complete_browser_sign_in (self, uri);

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
    _alga_sign_in_page_stop_waiting (self);

  hide_message (self->url_error);
  if (!_alga_sign_in_page_ensure_client (self, &error))
    {
      _alga_sign_in_page_show_step (self, STEP_SERVER);
      _alga_sign_in_page_show_error (self, self->url_error, error);
      return;
    }

  self->key_requested = TRUE;
  _alga_sign_in_page_show_step (self, STEP_METHODS);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), key != NULL ? key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
  _alga_sign_in_page_sign_in_with_fields (self);
}
