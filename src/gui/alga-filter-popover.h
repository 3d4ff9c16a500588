/* alga-filter-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "alga-reference-data.h"
#include "alga-ticket-query.h"

G_BEGIN_DECLS

/**
 * AlgaFilterKind:
 * @ALGA_FILTER_ASSIGNEE: whose tickets (anyone, me, nobody)
 * @ALGA_FILTER_STATUS: a status, by name, on every board
 * @ALGA_FILTER_PRIORITY: a priority
 * @ALGA_FILTER_BOARD: a board
 * @ALGA_FILTER_UPDATED: how recently a ticket changed
 * @ALGA_FILTER_TAGS: tags, separated by commas
 *
 * The filters of the popover, in the order it shows them.
 */
typedef enum
{
  ALGA_FILTER_ASSIGNEE,
  ALGA_FILTER_STATUS,
  ALGA_FILTER_PRIORITY,
  ALGA_FILTER_BOARD,
  ALGA_FILTER_UPDATED,
  ALGA_FILTER_TAGS,
  ALGA_N_FILTERS,
} AlgaFilterKind;

typedef enum
{
  ALGA_FILTER_ASSIGNEE_ANY,
  ALGA_FILTER_ASSIGNEE_ME,
  ALGA_FILTER_ASSIGNEE_NOBODY,
} AlgaFilterAssignee;

#define ALGA_TYPE_FILTER_POPOVER (alga_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (AlgaFilterPopover, alga_filter_popover, ALGA, FILTER_POPOVER, GtkPopover)

const char         *alga_filter_kind_get_name           (AlgaFilterKind      kind);

GtkWidget          *alga_filter_popover_new             (void);
void                alga_filter_popover_load            (AlgaFilterPopover  *self,
                                                         AlgaReferenceData  *reference_data,
                                                         GCancellable       *cancellable);
gboolean            alga_filter_popover_get_active      (AlgaFilterPopover  *self);
AlgaFilterAssignee  alga_filter_popover_get_assignee    (AlgaFilterPopover  *self);
char               *alga_filter_popover_dup_value       (AlgaFilterPopover  *self,
                                                         AlgaFilterKind      kind);
void                alga_filter_popover_apply_to_query  (AlgaFilterPopover  *self,
                                                         AlgaTicketQuery    *query);
void                alga_filter_popover_clear           (AlgaFilterPopover  *self);
void                alga_filter_popover_clear_filter    (AlgaFilterPopover  *self,
                                                         AlgaFilterKind      kind);

G_END_DECLS
