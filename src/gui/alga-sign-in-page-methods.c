/* alga-sign-in-page-methods.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in page's second step: signing in with the browser or with a key, and keeping the
 * account that results before the page hands it over.
 */

#define G_LOG_DOMAIN "alga-sign-in-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-sign-in-page-private.h"

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

      _alga_sign_in_page_stop_waiting (self);
      g_debug ("Keeping the sign-in failed: %s", error->message);
      /* Only the browser sign-in remembers its address until it is done. */
      error_label = self->sign_in_url != NULL ? self->browser_error : self->sign_in_error;
      g_clear_pointer (&self->sign_in_url, g_free);
      _alga_sign_in_page_show_step (self, STEP_METHODS);
      _alga_sign_in_page_show_error (self, error_label, error);
      return;
    }

  _alga_sign_in_page_stop_waiting (self);
  _alga_sign_in_page_remember_server (self, alga_session_get_server_url (session));

  /* The key now lives in the session and the keyring only. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");

  /* The client belongs to the session now; a later sign-in starts from a fresh one. */
  _alga_sign_in_page_forget_server (self);
  _alga_sign_in_page_show_step (self, STEP_SERVER);

  _alga_sign_in_page_emit_signed_in (self, session);
}

static void
keep_bundle (AlgaSignInPage  *self,
             AlgaTokenBundle *bundle)
{
  g_autoptr(AlgaSession) session = NULL;

  session = alga_session_new (_alga_sign_in_page_get_client (self), self->store, bundle);
  _alga_sign_in_page_set_busy (self, TRUE);
  alga_session_save_async (session, _alga_sign_in_page_restart_cancellable (self),
                           on_session_saved_cb, g_object_ref (self));
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
  if (_alga_sign_in_page_get_step (self) != STEP_WAITING || self->sign_in_url == NULL)
    return;

  gtk_widget_set_visible (self->launch_failed_box, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_url_button));
}

static void
launch_uri (AlgaSignInPage *self,
            const char     *uri)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (_alga_sign_in_page_emit_launch_uri (self, uri))
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
      _alga_sign_in_page_show_error (self, self->browser_error, error);
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
  _alga_sign_in_page_show_step (self, STEP_WAITING);

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
      _alga_sign_in_page_stop_waiting (self);
      g_debug ("Browser sign-in: %s", error->message);

      /* Community Edition (or a plan without mobile access): only the key is left. */
      if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_UNSUPPORTED)
          && self->capabilities != NULL)
        self->capabilities->enabled = FALSE;

      g_clear_pointer (&self->sign_in_url, g_free);
      _alga_sign_in_page_show_step (self, STEP_METHODS);
      _alga_sign_in_page_show_error (self, self->browser_error, error);
      return;
    }

  keep_bundle (self, bundle);
}

/* The browser sent the technician back with @uri. */
void
_alga_sign_in_page_complete_browser_sign_in (AlgaSignInPage *self,
                                             const char     *uri)
{
  hide_message (self->browser_error);
  gtk_label_set_label (self->wait_title, _("Signing in…"));
  gtk_label_set_label (self->wait_description, _("The browser sent you back. Just a moment."));
  gtk_widget_set_visible (self->launch_failed_box, FALSE);
  gtk_spinner_set_spinning (self->wait_spinner, TRUE);
  _alga_sign_in_page_show_step (self, STEP_WAITING);

  _alga_sign_in_page_set_busy (self, TRUE);
  alga_auth_complete_browser_sign_in_async (self->auth, uri, NULL,
                                            _alga_sign_in_page_restart_cancellable (self),
                                            on_browser_sign_in_cb, g_object_ref (self));
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
      _alga_sign_in_page_stop_waiting (self);
      g_debug ("Key sign-in: %s", error->message);

      if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED)
          || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT))
        {
          _alga_sign_in_page_show_error (self, self->key_error, error);
          gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
        }
      else if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND))
        {
          _alga_sign_in_page_show_error (self, self->email_error, error);
          gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
        }
      else
        {
          _alga_sign_in_page_show_error (self, self->sign_in_error, error);
        }
      return;
    }

  if (g_strcmp0 (alga_token_bundle_get_identity (bundle), ALGA_IDENTITY_OWN_WORK) == 0)
    {
      _alga_sign_in_page_stop_waiting (self);
      ask_owner (self, bundle);
      return;
    }

  keep_bundle (self, bundle);
}

void
_alga_sign_in_page_sign_in_with_fields (AlgaSignInPage *self)
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
      _alga_sign_in_page_show_error (self, self->key_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  if (!alga_auth_check_email (email, &error))
    {
      explicit_bzero (key, strlen (key));
      _alga_sign_in_page_show_error (self, self->email_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }

  if (self->auth == NULL && !_alga_sign_in_page_ensure_client (self, &error))
    {
      explicit_bzero (key, strlen (key));
      _alga_sign_in_page_show_step (self, STEP_SERVER);
      _alga_sign_in_page_show_error (self, self->url_error, error);
      return;
    }

  _alga_sign_in_page_set_busy (self, TRUE);
  set_spinning (self->sign_in_spinner, TRUE);
  alga_auth_sign_in_with_key_async (self->auth, key, email,
                                    _alga_sign_in_page_restart_cancellable (self),
                                    on_key_sign_in_cb, g_object_ref (self));
  explicit_bzero (key, strlen (key));
}

static void
on_sign_in_cb (AlgaSignInPage *self)
{
  _alga_sign_in_page_sign_in_with_fields (self);
}

static void
on_key_activated_cb (AlgaSignInPage *self)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));

  if (email == NULL || *email == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    _alga_sign_in_page_sign_in_with_fields (self);
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
  _alga_sign_in_page_update_methods (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

void
_alga_sign_in_page_class_methods_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_browser_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_use_key_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_url_clicked_cb);
}
