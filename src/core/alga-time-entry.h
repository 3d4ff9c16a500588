/* alga-time-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_TIME_ENTRY (alga_time_entry_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTimeEntry, alga_time_entry, ALGA, TIME_ENTRY, GObject)

/* Decodes the items of /time-entries, the POST answer and the entries of the ticket summary. */
AlgaTimeEntry *alga_time_entry_new_from_json         (JsonNode       *node,
                                                      GError        **error);
const char    *alga_time_entry_get_entry_id          (AlgaTimeEntry  *self);
const char    *alga_time_entry_get_work_item_id      (AlgaTimeEntry  *self);
const char    *alga_time_entry_get_work_item_type    (AlgaTimeEntry  *self);
const char    *alga_time_entry_get_user_id           (AlgaTimeEntry  *self);
const char    *alga_time_entry_get_user_name         (AlgaTimeEntry  *self);
GDateTime     *alga_time_entry_get_start_time        (AlgaTimeEntry  *self);
GDateTime     *alga_time_entry_get_end_time          (AlgaTimeEntry  *self);
/* UTC midnight of the work date, whichever form the server sent. */
GDateTime     *alga_time_entry_get_work_date         (AlgaTimeEntry  *self);
int            alga_time_entry_get_billable_duration (AlgaTimeEntry  *self);
double         alga_time_entry_get_duration_hours    (AlgaTimeEntry  *self);
const char    *alga_time_entry_get_notes             (AlgaTimeEntry  *self);
const char    *alga_time_entry_get_service_id        (AlgaTimeEntry  *self);
const char    *alga_time_entry_get_service_name      (AlgaTimeEntry  *self);
gboolean       alga_time_entry_get_is_billable       (AlgaTimeEntry  *self);
const char    *alga_time_entry_get_approval_status   (AlgaTimeEntry  *self);
gboolean       alga_time_entry_get_is_own            (AlgaTimeEntry  *self);
gboolean       alga_time_entry_get_is_running        (AlgaTimeEntry  *self);

G_END_DECLS
