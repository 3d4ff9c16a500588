/* alga-auth.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "alga-client.h"
#include "alga-token-bundle.h"

G_BEGIN_DECLS

/**
 * AlgaAuthCapabilities:
 * @enabled: whether the server offers the browser (mobile) sign-in; %FALSE on Community Edition
 * @microsoft: whether Microsoft sign-in is configured
 * @google: whether Google sign-in is configured
 * @hosted_domain_allowlist: (nullable): hosts the server restricts the app to, or %NULL
 * @access_ttl_sec: lifetime of an access key
 * @refresh_ttl_sec: lifetime of a refresh token
 * @ott_ttl_sec: lifetime of the one-time token of the browser hand-off
 *
 * What `GET /api/v1/mobile/auth/capabilities` answered.
 */
typedef struct
{
  gboolean  enabled;
  gboolean  microsoft;
  gboolean  google;
  char    **hosted_domain_allowlist;
  guint     access_ttl_sec;
  guint     refresh_ttl_sec;
  guint     ott_ttl_sec;
} AlgaAuthCapabilities;

#define ALGA_TYPE_AUTH_CAPABILITIES (alga_auth_capabilities_get_type ())

GType                 alga_auth_capabilities_get_type (void) G_GNUC_CONST;
AlgaAuthCapabilities *alga_auth_capabilities_copy     (const AlgaAuthCapabilities *self);
void                  alga_auth_capabilities_free     (AlgaAuthCapabilities       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaAuthCapabilities, alga_auth_capabilities_free)

/* The deep link the server's hand-off redirects the browser to. The hand-off accepts only the
 * alga, exp and https schemes (no loopback http), so the desktop file handles alga:. */
#define ALGA_AUTH_CALLBACK_URI "alga://auth/callback"

/* How long a browser sign-in may take from begin to callback. */
#define ALGA_AUTH_PENDING_LIFETIME (10 * G_TIME_SPAN_MINUTE)

#define ALGA_TYPE_AUTH (alga_auth_get_type ())

G_DECLARE_FINAL_TYPE (AlgaAuth, alga_auth, ALGA, AUTH, GObject)

AlgaAuth             *alga_auth_new                              (AlgaClient           *client);
AlgaAuth             *alga_auth_new_for_server                   (const char           *url,
                                                                  GError              **error);
AlgaClient           *alga_auth_get_client                       (AlgaAuth             *self);
const char           *alga_auth_get_device_id                    (AlgaAuth             *self);
void                  alga_auth_set_device_id                    (AlgaAuth             *self,
                                                                  const char           *device_id);

void                  alga_auth_check_capabilities_async         (AlgaAuth             *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
AlgaAuthCapabilities *alga_auth_check_capabilities_finish        (AlgaAuth             *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

char                 *alga_auth_begin_browser_sign_in            (AlgaAuth             *self,
                                                                  GError              **error);
gboolean              alga_auth_has_pending_sign_in              (AlgaAuth             *self);
void                  alga_auth_cancel_browser_sign_in           (AlgaAuth             *self);
void                  alga_auth_complete_browser_sign_in_async   (AlgaAuth             *self,
                                                                  const char           *callback_uri,
                                                                  JsonObject           *device,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
AlgaTokenBundle      *alga_auth_complete_browser_sign_in_finish  (AlgaAuth             *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

void                  alga_auth_sign_in_with_key_async           (AlgaAuth             *self,
                                                                  const char           *key,
                                                                  const char           *email,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
AlgaTokenBundle      *alga_auth_sign_in_with_key_finish          (AlgaAuth             *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

gboolean              alga_auth_parse_callback                   (const char           *uri,
                                                                  char                **ott,
                                                                  char                **state,
                                                                  char                **error_code,
                                                                  GError              **error);
char                 *alga_auth_normalize_api_key                (const char           *key,
                                                                  GError              **error);
gboolean              alga_auth_check_email                      (const char           *email,
                                                                  GError              **error);

G_END_DECLS
