/* alga-quiet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-quiet"

#include "config.h"

#include "alga-quiet.h"

/**
 * alga_quiet_add_to_body:
 * @quiet: whom to leave out
 * @body: the JSON body of a comment, a status change, an assignment or a ticket update
 *
 * Adds the server's suppression flags (docs/API.md, Quiet changes). Nothing is added for
 * %ALGA_QUIET_NONE, so that an ordinary change sends what it always sent.
 */
void
alga_quiet_add_to_body (AlgaQuiet   quiet,
                        JsonObject *body)
{
  g_return_if_fail (body != NULL);

  if (quiet == ALGA_QUIET_NONE)
    return;
  json_object_set_boolean_member (body, "suppressContactNotifications", TRUE);
  if (quiet == ALGA_QUIET_EVERYONE)
    json_object_set_boolean_member (body, "suppressInternalNotifications", TRUE);
}
