/* alga-token-bundle.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_TOKEN_BUNDLE (alga_token_bundle_get_type ())

/* How a sign-in established who the user is (alga_token_bundle_get_identity()). */
#define ALGA_IDENTITY_USER_LIST          "user-list"          /* the e-mail found in /users */
#define ALGA_IDENTITY_ASSIGNED_TICKET    "assigned-ticket"    /* the key's own feed; e-mail on an assigned ticket */
#define ALGA_IDENTITY_OWN_WORK           "own-work"           /* the key's own work; e-mail not visible */
#define ALGA_IDENTITY_OWN_WORK_CONFIRMED "own-work-confirmed" /* the same, confirmed by the person */
#define ALGA_IDENTITY_BROWSER            "browser"            /* the browser sign-in's exchange */

/**
 * AlgaTokenBundle:
 *
 * What one signed-in account needs to talk to its server: where, who, and the keys. It is
 * immutable and reference counted; a refresh makes a new bundle with alga_token_bundle_rotate().
 * The access key and refresh token are secrets: never log them.
 */
typedef struct _AlgaTokenBundle AlgaTokenBundle;

GType            alga_token_bundle_get_type          (void) G_GNUC_CONST;

AlgaTokenBundle *alga_token_bundle_new               (const char       *server_url,
                                                      const char       *user_id,
                                                      const char       *user_email,
                                                      const char       *user_name,
                                                      const char       *tenant_id,
                                                      const char       *access_key,
                                                      const char       *refresh_token,
                                                      GDateTime        *expires_at);
AlgaTokenBundle *alga_token_bundle_new_from_json     (const char       *json,
                                                      GError          **error);
AlgaTokenBundle *alga_token_bundle_ref               (AlgaTokenBundle  *self);
void             alga_token_bundle_unref             (AlgaTokenBundle  *self);

AlgaTokenBundle *alga_token_bundle_rotate            (AlgaTokenBundle  *self,
                                                      const char       *access_key,
                                                      const char       *refresh_token,
                                                      GDateTime        *expires_at);
char            *alga_token_bundle_to_json           (AlgaTokenBundle  *self);

const char      *alga_token_bundle_get_server_url    (AlgaTokenBundle  *self);
const char      *alga_token_bundle_get_user_id       (AlgaTokenBundle  *self);
const char      *alga_token_bundle_get_user_email    (AlgaTokenBundle  *self);
const char      *alga_token_bundle_get_user_name     (AlgaTokenBundle  *self);
const char      *alga_token_bundle_get_tenant_id     (AlgaTokenBundle  *self);
const char      *alga_token_bundle_get_access_key    (AlgaTokenBundle  *self);
const char      *alga_token_bundle_get_refresh_token (AlgaTokenBundle  *self);
GDateTime       *alga_token_bundle_get_expires_at    (AlgaTokenBundle  *self);
const char      *alga_token_bundle_get_identity      (AlgaTokenBundle  *self);
AlgaTokenBundle *alga_token_bundle_with_identity     (AlgaTokenBundle  *self,
                                                      const char       *identity);
gboolean         alga_token_bundle_can_refresh       (AlgaTokenBundle  *self);
gboolean         alga_token_bundle_expires_within    (AlgaTokenBundle  *self,
                                                      GTimeSpan         margin);
gboolean         alga_token_bundle_same_account      (AlgaTokenBundle  *self,
                                                      AlgaTokenBundle  *other);

gboolean         alga_token_is_well_formed           (const char       *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaTokenBundle, alga_token_bundle_unref)

G_END_DECLS
