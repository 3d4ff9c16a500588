/* alga-client-checklist.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's checklist: list, add an item, tick or untick one.
 */

#pragma once

#include "alga-client.h"
#include "alga-checklist-item.h"

G_BEGIN_DECLS

void               alga_client_list_checklist_async          (AlgaClient          *self,
                                                              const char          *ticket_id,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GPtrArray         *alga_client_list_checklist_finish         (AlgaClient          *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void               alga_client_add_checklist_item_async      (AlgaClient          *self,
                                                              const char          *ticket_id,
                                                              const char          *name,
                                                              gboolean             is_required,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
AlgaChecklistItem *alga_client_add_checklist_item_finish     (AlgaClient          *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void               alga_client_set_checklist_item_done_async (AlgaClient          *self,
                                                              const char          *ticket_id,
                                                              const char          *item_id,
                                                              gboolean             completed,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
AlgaChecklistItem *alga_client_set_checklist_item_done_finish (AlgaClient          *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

G_END_DECLS
