/* alga-location.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_LOCATION (alga_location_get_type ())

G_DECLARE_FINAL_TYPE (AlgaLocation, alga_location, ALGA, LOCATION, GObject)

AlgaLocation  *alga_location_new_from_json     (JsonNode *node,
                                                GError **error);
const char    *alga_location_get_location_id   (AlgaLocation *self);
const char    *alga_location_get_location_name (AlgaLocation *self);
const char    *alga_location_get_client_id     (AlgaLocation *self);
const char    *alga_location_get_address_line1 (AlgaLocation *self);
const char    *alga_location_get_city          (AlgaLocation *self);
gboolean       alga_location_get_is_default    (AlgaLocation *self);
gboolean       alga_location_get_is_active     (AlgaLocation *self);

G_END_DECLS
