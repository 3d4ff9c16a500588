/* alga-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"

G_BEGIN_DECLS

#define ALGA_TYPE_APPLICATION (alga_application_get_type ())

G_DECLARE_FINAL_TYPE (AlgaApplication, alga_application, ALGA, APPLICATION, AdwApplication)

AlgaApplication *alga_application_new            (void);
const char      *alga_application_get_server_url (AlgaApplication *self);
AlgaAccount     *alga_application_get_account    (AlgaApplication *self);

G_END_DECLS
