/* alga-service.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_SERVICE (alga_service_get_type ())

G_DECLARE_FINAL_TYPE (AlgaService, alga_service, ALGA, SERVICE, GObject)

AlgaService *alga_service_new_from_json       (JsonNode     *node,
                                               GError      **error);
JsonNode    *alga_service_to_json             (AlgaService  *self);
const char  *alga_service_get_service_id      (AlgaService  *self);
const char  *alga_service_get_service_name    (AlgaService  *self);
/* In cents (a bigint column); sent as a number by /services, as a string elsewhere. 0 if unknown. */
double       alga_service_get_default_rate    (AlgaService  *self);
const char  *alga_service_get_unit_of_measure (AlgaService  *self);

G_END_DECLS
