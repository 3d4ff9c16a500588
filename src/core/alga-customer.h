/* alga-customer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_CUSTOMER (alga_customer_get_type ())

G_DECLARE_FINAL_TYPE (AlgaCustomer, alga_customer, ALGA, CUSTOMER, GObject)

AlgaCustomer  *alga_customer_new_from_json   (JsonNode *node,
                                              GError **error);
const char    *alga_customer_get_client_id   (AlgaCustomer *self);
const char    *alga_customer_get_client_name (AlgaCustomer *self);
gboolean       alga_customer_get_is_inactive (AlgaCustomer *self);

G_END_DECLS
