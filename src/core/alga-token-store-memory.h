/* alga-token-store-memory.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-token-store.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TOKEN_STORE_MEMORY (alga_token_store_memory_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTokenStoreMemory, alga_token_store_memory, ALGA, TOKEN_STORE_MEMORY, GObject)

AlgaTokenStore *alga_token_store_memory_new       (void);
guint           alga_token_store_memory_get_count (AlgaTokenStoreMemory *self);

G_END_DECLS
