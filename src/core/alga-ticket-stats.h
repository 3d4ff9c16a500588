/* alga-ticket-stats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_STATS (alga_ticket_stats_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketStats, alga_ticket_stats, ALGA, TICKET_STATS, GObject)

/* Decodes the data of GET /tickets/stats. Fails only when node is not an object. */
AlgaTicketStats *alga_ticket_stats_new_from_json                 (JsonNode        *node,
                                                                  GError         **error);
guint            alga_ticket_stats_get_total_tickets             (AlgaTicketStats *self);
guint            alga_ticket_stats_get_open_tickets              (AlgaTicketStats *self);
guint            alga_ticket_stats_get_closed_tickets            (AlgaTicketStats *self);
guint            alga_ticket_stats_get_unassigned_tickets        (AlgaTicketStats *self);
guint            alga_ticket_stats_get_overdue_tickets           (AlgaTicketStats *self);
guint            alga_ticket_stats_get_tickets_created_today     (AlgaTicketStats *self);
guint            alga_ticket_stats_get_tickets_created_this_week (AlgaTicketStats *self);
guint            alga_ticket_stats_get_tickets_created_this_month (AlgaTicketStats *self);
/* Maps of string → count (GUINT_TO_POINTER); never NULL. by_status is keyed by status id. */
GHashTable      *alga_ticket_stats_get_by_status                 (AlgaTicketStats *self);
GHashTable      *alga_ticket_stats_get_by_priority               (AlgaTicketStats *self);
GHashTable      *alga_ticket_stats_get_by_category               (AlgaTicketStats *self);
GHashTable      *alga_ticket_stats_get_by_board                  (AlgaTicketStats *self);
guint            alga_ticket_stats_lookup                        (GHashTable      *map,
                                                                  const char      *key);

G_END_DECLS
