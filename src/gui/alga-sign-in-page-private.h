/* alga-sign-in-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the sign-in page's files share: the page itself, its steps, messages and focus
 * (alga-sign-in-page.c), the first step, the server and the servers it remembers
 * (alga-sign-in-page-server.c), and the second, signing in with the browser or a key and keeping
 * the account (alga-sign-in-page-methods.c).
 */

#pragma once

#include "alga-auth.h"
#include "alga-sign-in-page.h"

G_BEGIN_DECLS


struct _AlgaSignInPage
{
  AdwBin                parent_instance;

  AlgaTokenStore       *store;
  GSettings            *settings;
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

typedef enum
{
  STEP_SERVER,
  STEP_METHODS,
  STEP_WAITING,
} Step;

static inline void
set_spinning (GtkSpinner *spinner,
              gboolean    spinning)
{
  gtk_spinner_set_spinning (spinner, spinning);
  gtk_widget_set_visible (GTK_WIDGET (spinner), spinning);
}

static inline void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && *message != '\0');
}

static inline void
hide_message (GtkLabel *label)
{
  show_message (label, NULL);
}

/* alga-sign-in-page.c */
Step          _alga_sign_in_page_get_step                 (AlgaSignInPage  *self);
void          _alga_sign_in_page_show_step                (AlgaSignInPage  *self,
                                                           Step             step);
void          _alga_sign_in_page_update_methods           (AlgaSignInPage  *self);
/* The client of the server being signed in to: the sign-in flows' own, %NULL before an address. */
static inline AlgaClient *
_alga_sign_in_page_get_client (AlgaSignInPage *self)
{
  return self->auth != NULL ? alga_auth_get_client (self->auth) : NULL;
}

void          _alga_sign_in_page_set_busy                 (AlgaSignInPage  *self,
                                                           gboolean         busy);
GCancellable *_alga_sign_in_page_restart_cancellable      (AlgaSignInPage  *self);
void          _alga_sign_in_page_stop_waiting             (AlgaSignInPage  *self);
void          _alga_sign_in_page_forget_server            (AlgaSignInPage  *self);
char         *_alga_sign_in_page_error_message            (AlgaSignInPage  *self,
                                                           const GError    *error);
void          _alga_sign_in_page_show_error               (AlgaSignInPage  *self,
                                                           GtkLabel        *label,
                                                           const GError    *error);
void          _alga_sign_in_page_emit_signed_in           (AlgaSignInPage  *self,
                                                           AlgaSession     *session);
gboolean      _alga_sign_in_page_emit_launch_uri          (AlgaSignInPage  *self,
                                                           const char      *uri);

/* alga-sign-in-page-server.c */
gboolean      _alga_sign_in_page_ensure_client            (AlgaSignInPage  *self,
                                                           GError         **error);
void          _alga_sign_in_page_rebuild_recent_menu      (AlgaSignInPage  *self);
void          _alga_sign_in_page_remember_server          (AlgaSignInPage  *self,
                                                           const char      *url);
void          _alga_sign_in_page_class_server_init        (GtkWidgetClass  *widget_class);

/* alga-sign-in-page-methods.c */
void          _alga_sign_in_page_sign_in_with_fields      (AlgaSignInPage  *self);
void          _alga_sign_in_page_complete_browser_sign_in (AlgaSignInPage  *self,
                                                           const char      *uri);
void          _alga_sign_in_page_class_methods_init       (GtkWidgetClass  *widget_class);

G_END_DECLS
