/* alga-quiet.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * AlgaQuiet:
 * @ALGA_QUIET_NONE: the server tells the customer and the agents as usual
 * @ALGA_QUIET_CUSTOMER: the customer is not told (`suppressContactNotifications`)
 * @ALGA_QUIET_EVERYONE: neither the customer nor the agents are told (both flags)
 *
 * Whom the server leaves out when it tells people about a change. The server refuses to quiet
 * the agents while telling the customer, so there is no such value.
 */
typedef enum
{
  ALGA_QUIET_NONE,
  ALGA_QUIET_CUSTOMER,
  ALGA_QUIET_EVERYONE,
} AlgaQuiet;

void alga_quiet_add_to_body (AlgaQuiet   quiet,
                             JsonObject *body);

G_END_DECLS
