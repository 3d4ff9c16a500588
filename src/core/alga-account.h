/* alga-account.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-cache.h"
#include "alga-client.h"
#include "alga-draft-store.h"
#include "alga-reference-data.h"
#include "alga-session.h"
#include "alga-ticket-repository.h"
#include "alga-timer.h"
#include "alga-watcher.h"

G_BEGIN_DECLS

#define ALGA_TYPE_ACCOUNT (alga_account_get_type ())

G_DECLARE_FINAL_TYPE (AlgaAccount, alga_account, ALGA, ACCOUNT, GObject)

AlgaAccount          *alga_account_new                (AlgaSession  *session);
AlgaAccount          *alga_account_new_for_client     (AlgaClient     *client,
                                                       const char     *user_id,
                                                       AlgaCache      *cache,
                                                       AlgaDraftStore *drafts);

AlgaSession          *alga_account_get_session        (AlgaAccount  *self);
AlgaClient           *alga_account_get_client         (AlgaAccount  *self);
AlgaCache            *alga_account_get_cache          (AlgaAccount  *self);
AlgaReferenceData    *alga_account_get_reference_data (AlgaAccount  *self);
AlgaDraftStore       *alga_account_get_drafts         (AlgaAccount  *self);
AlgaTicketRepository *alga_account_get_tickets        (AlgaAccount  *self);
AlgaWatcher          *alga_account_get_watcher        (AlgaAccount  *self);
AlgaTimer            *alga_account_get_timer          (AlgaAccount  *self);

const char           *alga_account_get_server_url     (AlgaAccount  *self);
const char           *alga_account_get_user_id        (AlgaAccount  *self);
const char           *alga_account_get_user_email     (AlgaAccount  *self);
const char           *alga_account_get_user_name      (AlgaAccount  *self);

G_END_DECLS
