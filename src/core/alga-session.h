/* alga-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-client.h"
#include "alga-credentials.h"
#include "alga-token-bundle.h"
#include "alga-token-store.h"

G_BEGIN_DECLS

/* Refresh when the access key has less than this left (and the timer fires this early). */
#define ALGA_SESSION_REFRESH_MARGIN (60 * G_TIME_SPAN_SECOND)

#define ALGA_TYPE_SESSION (alga_session_get_type ())

G_DECLARE_FINAL_TYPE (AlgaSession, alga_session, ALGA, SESSION, GObject)

AlgaSession     *alga_session_new             (AlgaClient           *client,
                                               AlgaTokenStore       *store,
                                               AlgaTokenBundle      *bundle);

void             alga_session_restore_async   (AlgaClient           *client,
                                               AlgaTokenStore       *store,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
AlgaSession     *alga_session_restore_finish  (GAsyncResult         *result,
                                               GError              **error);

void             alga_session_save_async      (AlgaSession          *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean         alga_session_save_finish     (AlgaSession          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

void             alga_session_sign_out_async  (AlgaSession          *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean         alga_session_sign_out_finish (AlgaSession          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

AlgaClient      *alga_session_get_client      (AlgaSession          *self);
AlgaTokenStore  *alga_session_get_store       (AlgaSession          *self);
AlgaTokenBundle *alga_session_dup_bundle      (AlgaSession          *self);
const char      *alga_session_get_server_url  (AlgaSession          *self);
const char      *alga_session_get_user_id     (AlgaSession          *self);
const char      *alga_session_get_user_email  (AlgaSession          *self);
const char      *alga_session_get_user_name   (AlgaSession          *self);
const char      *alga_session_get_identity    (AlgaSession          *self);
const char      *alga_session_get_tenant_id   (AlgaSession          *self);
gboolean         alga_session_get_is_signed_in (AlgaSession         *self);

G_END_DECLS
