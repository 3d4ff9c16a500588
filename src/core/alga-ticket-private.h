/* alga-ticket-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket.h"
#include "alga-json-scan.h"

G_BEGIN_DECLS

/* What the items of one page share while they are decoded from bytes. */
typedef struct _AlgaTicketDecoder AlgaTicketDecoder;

AlgaTicketDecoder *alga_ticket_decoder_new    (void);
void               alga_ticket_decoder_free   (AlgaTicketDecoder *decoder);
AlgaTicket        *alga_ticket_decode_scanned (AlgaTicketDecoder *decoder,
                                               AlgaJsonScan      *scan,
                                               AlgaJsonSpan      *object);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaTicketDecoder, alga_ticket_decoder_free)

/* For tests: a bit per property (in installation order, from 1) that the JSON carried. */
guint64            alga_ticket_get_known      (AlgaTicket        *self);

G_END_DECLS
