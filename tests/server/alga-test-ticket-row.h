/* alga-test-ticket-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-test-server-private.h"

G_BEGIN_DECLS

extern const char * const alga_ticket_columns[];
extern const char * const alga_ticket_list_joins[];
extern const char * const alga_ticket_detail_joins[];

gboolean    alga_ticket_is_column         (const char           *name);
/* A column or joined value by name; NULL for a name the server does not know. */
JsonNode   *alga_ticket_value             (AlgaSeedData         *data,
                                           const AlgaSeedTicket *t,
                                           const char           *name);
JsonObject *alga_ticket_object            (AlgaSeedData         *data,
                                           const AlgaSeedTicket *t,
                                           const char * const   *names,
                                           const char * const   *more_names);
JsonObject *alga_ticket_write_answer      (AlgaSeedData         *data,
                                           const AlgaSeedTicket *t);
char       *alga_ticket_description_html  (const AlgaSeedTicket *t);

G_END_DECLS
