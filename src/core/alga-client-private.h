/* alga-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What AlgaRequest needs of its AlgaClient; not for use outside the client's own files and tests.
 */

#pragma once

#include "alga-client.h"

G_BEGIN_DECLS

AlgaCredentials *alga_client_dup_credentials    (AlgaClient  *self);
void             alga_client_get_retry_policy   (AlgaClient  *self,
                                                 guint       *max_attempts,
                                                 guint       *base_delay_ms);
GUri            *alga_client_build_uri          (AlgaClient  *self,
                                                 const char  *path,
                                                 const char  *query,
                                                 GError     **error);
void             alga_client_set_offline        (AlgaClient  *self,
                                                 gboolean     offline);
void             alga_client_add_sending        (AlgaClient  *self,
                                                 int          delta);

G_END_DECLS
