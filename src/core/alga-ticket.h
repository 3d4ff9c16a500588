/* alga-ticket.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET (alga_ticket_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicket, alga_ticket, ALGA, TICKET, GObject)

/* Decodes a list item (fields=mobile_list or full) or a detail (GET /tickets/{id}, and the
 * ticket rows returned by PUT/POST). Fails with ALGA_API_ERROR_BAD_RESPONSE when node is not
 * an object or has no ticket_id. */
AlgaTicket  *alga_ticket_new_from_json         (JsonNode    *node,
                                                GError     **error);
JsonNode    *alga_ticket_to_json               (AlgaTicket  *self);

/* Copies the fields other's JSON carried into self, notifying only real changes; fields
 * other's JSON lacked (a mobile_list item has no description) keep their value. */
void         alga_ticket_update_from           (AlgaTicket  *self,
                                                AlgaTicket  *other);

const char  *alga_ticket_get_ticket_id         (AlgaTicket  *self);
const char  *alga_ticket_get_ticket_number     (AlgaTicket  *self);
const char  *alga_ticket_get_title             (AlgaTicket  *self);
const char  *alga_ticket_get_search_text       (AlgaTicket  *self);
const char  *alga_ticket_get_url               (AlgaTicket  *self);
const char  *alga_ticket_get_status_id         (AlgaTicket  *self);
const char  *alga_ticket_get_status_name       (AlgaTicket  *self);
gboolean     alga_ticket_get_status_is_closed  (AlgaTicket  *self);
const char  *alga_ticket_get_priority_id       (AlgaTicket  *self);
const char  *alga_ticket_get_priority_name     (AlgaTicket  *self);
const char  *alga_ticket_get_assigned_to       (AlgaTicket  *self);
const char  *alga_ticket_get_assigned_to_name  (AlgaTicket  *self);
const char  *alga_ticket_get_assigned_team_id  (AlgaTicket  *self);
const char  *alga_ticket_get_client_id         (AlgaTicket  *self);
const char  *alga_ticket_get_client_name       (AlgaTicket  *self);
const char  *alga_ticket_get_client_email      (AlgaTicket  *self);
const char  *alga_ticket_get_client_phone      (AlgaTicket  *self);
const char  *alga_ticket_get_contact_name_id   (AlgaTicket  *self);
const char  *alga_ticket_get_contact_name      (AlgaTicket  *self);
const char  *alga_ticket_get_contact_email     (AlgaTicket  *self);
const char  *alga_ticket_get_contact_phone     (AlgaTicket  *self);
const char  *alga_ticket_get_contact_avatar_url (AlgaTicket *self);
const char  *alga_ticket_get_location_name     (AlgaTicket  *self);
const char  *alga_ticket_get_board_id          (AlgaTicket  *self);
const char  *alga_ticket_get_board_name        (AlgaTicket  *self);
const char  *alga_ticket_get_category_name     (AlgaTicket  *self);
const char  *alga_ticket_get_entered_by        (AlgaTicket  *self);
const char  *alga_ticket_get_entered_by_name   (AlgaTicket  *self);
GDateTime   *alga_ticket_get_entered_at        (AlgaTicket  *self);
GDateTime   *alga_ticket_get_updated_at        (AlgaTicket  *self);
GDateTime   *alga_ticket_get_closed_at         (AlgaTicket  *self);
GDateTime   *alga_ticket_get_due_date          (AlgaTicket  *self);
gboolean     alga_ticket_get_due_date_is_column (AlgaTicket *self);
const char  *alga_ticket_get_description       (AlgaTicket  *self);
const char  *alga_ticket_get_description_html  (AlgaTicket  *self);
const char * const *alga_ticket_get_tags       (AlgaTicket  *self);
GPtrArray   *alga_ticket_get_tag_list          (AlgaTicket  *self);
const char * const *alga_ticket_get_watcher_user_ids (AlgaTicket *self);
gboolean     alga_ticket_get_has_detail        (AlgaTicket  *self);

/* A deep copy of attributes (never NULL), to modify and send back whole with PUT. */
JsonObject  *alga_ticket_dup_attributes        (AlgaTicket  *self);

G_END_DECLS
