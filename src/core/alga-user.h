/* alga-user.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_USER (alga_user_get_type ())

G_DECLARE_FINAL_TYPE (AlgaUser, alga_user, ALGA, USER, GObject)

AlgaUser   *alga_user_new_from_json    (JsonNode  *node,
                                        GError   **error);
JsonNode   *alga_user_to_json          (AlgaUser  *self);
const char *alga_user_get_user_id      (AlgaUser  *self);
const char *alga_user_get_username     (AlgaUser  *self);
const char *alga_user_get_first_name   (AlgaUser  *self);
const char *alga_user_get_last_name    (AlgaUser  *self);
const char *alga_user_get_email        (AlgaUser  *self);
const char *alga_user_get_phone        (AlgaUser  *self);
const char *alga_user_get_user_type    (AlgaUser  *self);
const char *alga_user_get_timezone     (AlgaUser  *self);
gboolean    alga_user_get_is_inactive  (AlgaUser  *self);
/* "First Last", else whichever name exists, else username, else email, else the id. */
char       *alga_user_dup_display_name (AlgaUser  *self);

G_END_DECLS
