/* alga-token-store-secret.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

#include "alga-token-store.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TOKEN_STORE_SECRET (alga_token_store_secret_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTokenStoreSecret, alga_token_store_secret, ALGA, TOKEN_STORE_SECRET, GObject)

AlgaTokenStore     *alga_token_store_secret_new        (void);
const SecretSchema *alga_token_store_secret_get_schema (void);
char               *alga_token_store_secret_dup_label  (AlgaTokenBundle *bundle);
void                alga_token_store_secret_set_answer_timeout (AlgaTokenStoreSecret *self,
                                                                guint                 timeout_ms);

G_END_DECLS
