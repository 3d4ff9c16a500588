/* alga-sign-in-page-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in page's first step: the server's address, the servers it remembers, and asking the
 * server how one signs in to it.
 */

#define G_LOG_DOMAIN "alga-sign-in-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-sign-in-page-private.h"

/* How many servers the page remembers and offers. */
#define MAX_RECENT_SERVERS 5

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

/* The sign-in flows of the typed server: kept while the address stays the same, so that a
 * browser sign-in begun with them can still be completed. */
gboolean
_alga_sign_in_page_ensure_client (AlgaSignInPage  *self,
                                  GError         **error)
{
  g_autofree char *url = dup_typed_url (self);
  g_autoptr(AlgaAuth) auth = NULL;

  if (url == NULL)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT,
                           _("Enter the address of your Alga PSA server, such as psa.example.com."));
      return FALSE;
    }

  auth = alga_auth_new_for_server (url, error);
  if (auth == NULL)
    return FALSE;

  if (self->auth != NULL
      && g_str_equal (alga_client_get_base_url (_alga_sign_in_page_get_client (self)),
                      alga_client_get_base_url (alga_auth_get_client (auth))))
    return TRUE;

  /* A key belongs to one server: a new server starts with empty fields and no messages. */
  _alga_sign_in_page_forget_server (self);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  hide_message (self->key_error);
  hide_message (self->email_error);
  hide_message (self->sign_in_error);
  hide_message (self->browser_error);
  self->auth = g_steal_pointer (&auth);

  g_free (self->server_url);
  self->server_url = g_strdup (alga_client_get_base_url (_alga_sign_in_page_get_client (self)));

  return TRUE;
}

/* Recent servers */

void
_alga_sign_in_page_rebuild_recent_menu (AlgaSignInPage *self)
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

void
_alga_sign_in_page_remember_server (AlgaSignInPage *self,
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
  _alga_sign_in_page_rebuild_recent_menu (self);
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

  return _alga_sign_in_page_error_message (self, error);
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

  _alga_sign_in_page_stop_waiting (self);

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
  _alga_sign_in_page_show_step (self, STEP_METHODS);
}

static void
on_continue_cb (AlgaSignInPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->busy)
    return;

  hide_message (self->url_error);
  if (!_alga_sign_in_page_ensure_client (self, &error))
    {
      _alga_sign_in_page_show_error (self, self->url_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  _alga_sign_in_page_set_busy (self, TRUE);
  set_spinning (self->continue_spinner, TRUE);
  alga_auth_check_capabilities_async (self->auth, _alga_sign_in_page_restart_cancellable (self),
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

void
_alga_sign_in_page_class_server_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.use-server", "s", use_server_action);
}
