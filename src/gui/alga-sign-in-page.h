/* alga-sign-in-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-session.h"
#include "alga-token-store.h"

G_BEGIN_DECLS

#define ALGA_TYPE_SIGN_IN_PAGE (alga_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (AlgaSignInPage, alga_sign_in_page, ALGA, SIGN_IN_PAGE, AdwBin)

GtkWidget      *alga_sign_in_page_new              (AlgaTokenStore *store);
AlgaTokenStore *alga_sign_in_page_get_store        (AlgaSignInPage *self);
void            alga_sign_in_page_set_server_url   (AlgaSignInPage *self,
                                                    const char     *url);
const char     *alga_sign_in_page_get_server_url   (AlgaSignInPage *self);
gboolean        alga_sign_in_page_get_busy         (AlgaSignInPage *self);
gboolean        alga_sign_in_page_handle_callback  (AlgaSignInPage *self,
                                                    const char     *uri);
void            alga_sign_in_page_sign_in_with_key (AlgaSignInPage *self,
                                                    const char     *key,
                                                    const char     *email);

G_END_DECLS
