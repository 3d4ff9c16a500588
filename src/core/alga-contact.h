/* alga-contact.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_CONTACT (alga_contact_get_type ())

G_DECLARE_FINAL_TYPE (AlgaContact, alga_contact, ALGA, CONTACT, GObject)

AlgaContact  *alga_contact_new_from_json       (JsonNode *node,
                                                GError **error);
const char   *alga_contact_get_contact_name_id (AlgaContact *self);
const char   *alga_contact_get_full_name       (AlgaContact *self);
const char   *alga_contact_get_email           (AlgaContact *self);
const char   *alga_contact_get_client_id       (AlgaContact *self);
gboolean      alga_contact_get_is_inactive     (AlgaContact *self);

G_END_DECLS
