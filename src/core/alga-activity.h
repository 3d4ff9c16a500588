/* alga-activity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_ACTIVITY (alga_activity_get_type ())

G_DECLARE_FINAL_TYPE (AlgaActivity, alga_activity, ALGA, ACTIVITY, GObject)

/* An item of GET /activities. Its shape was never seen live (the feed was empty), so every
 * field is looked up under a few plausible names and the raw object is kept. */
AlgaActivity *alga_activity_new_from_json   (JsonNode      *node,
                                             GError       **error);
const char   *alga_activity_get_id          (AlgaActivity  *self);
const char   *alga_activity_get_activity_type (AlgaActivity *self);
const char   *alga_activity_get_title       (AlgaActivity  *self);
const char   *alga_activity_get_message     (AlgaActivity  *self);
const char   *alga_activity_get_ticket_id   (AlgaActivity  *self);
const char   *alga_activity_get_user_id     (AlgaActivity  *self);
const char   *alga_activity_get_actor_id    (AlgaActivity  *self);
GDateTime    *alga_activity_get_created_at  (AlgaActivity  *self);
gboolean      alga_activity_get_is_read     (AlgaActivity  *self);
JsonObject   *alga_activity_get_raw         (AlgaActivity  *self);

G_END_DECLS
