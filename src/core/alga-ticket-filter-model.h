/* alga-ticket-filter-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_FILTER_MODEL (alga_ticket_filter_model_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketFilterModel, alga_ticket_filter_model, ALGA, TICKET_FILTER_MODEL, GObject)

AlgaTicketFilterModel *alga_ticket_filter_model_new        (void);
GListModel            *alga_ticket_filter_model_get_model  (AlgaTicketFilterModel *self);
void                   alga_ticket_filter_model_set_model  (AlgaTicketFilterModel *self,
                                                            GListModel            *model);
const char            *alga_ticket_filter_model_get_needle (AlgaTicketFilterModel *self);
void                   alga_ticket_filter_model_set_needle (AlgaTicketFilterModel *self,
                                                            const char            *needle);

G_END_DECLS
