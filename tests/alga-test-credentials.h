/* alga-test-credentials.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-credentials.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TEST_CREDENTIALS (alga_test_credentials_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTestCredentials, alga_test_credentials, ALGA, TEST_CREDENTIALS, GObject)

/* Credentials with a fixed key (and optionally a tenant), for tests that need no session. */
AlgaTestCredentials *alga_test_credentials_new           (const char          *key);
void                 alga_test_credentials_set_key       (AlgaTestCredentials *self,
                                                          const char          *key);
void                 alga_test_credentials_set_tenant_id (AlgaTestCredentials *self,
                                                          const char          *tenant_id);

G_END_DECLS
