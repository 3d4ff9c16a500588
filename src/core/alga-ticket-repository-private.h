/* alga-ticket-repository-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the repository's files share: the repository itself (alga-ticket-repository.c) and the
 * parts of a ticket read and written apart from it (alga-ticket-repository-parts.c).
 */

#pragma once

#include "alga-ticket-repository.h"

G_BEGIN_DECLS

/* Emits AlgaTicketRepository::writing: call it as a write to @ticket_id is sent. */
void alga_ticket_repository_emit_writing (AlgaTicketRepository *self,
                                          const char           *ticket_id);

G_END_DECLS
