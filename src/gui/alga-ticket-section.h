/* alga-ticket-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_SECTION (alga_ticket_section_get_type ())

G_DECLARE_DERIVABLE_TYPE (AlgaTicketSection, alga_ticket_section, ALGA, TICKET_SECTION, AdwBin)

/**
 * AlgaTicketSectionClass:
 * @update: shows the ticket: called when it is set, and once per main-loop turn after any of
 *   its properties changed (never with no ticket)
 * @ticket_notify: one property of the ticket changed; the update follows
 * @reset: the ticket or the account changed: whatever was started for the last one is over
 *   (its cancellable is cancelled already)
 * @allows_action: whether the view's action @action_name (e.g. "ticket.change-status") may run
 *   now; a section that saves what the action changes says no until the server answered
 *
 * One part of the ticket pane. The pane hands each section the ticket and the signed-in
 * account (its tickets repository, client, reference data, drafts, and who "me" is); the
 * section shows its part and makes its own edits through the account.
 */
struct _AlgaTicketSectionClass
{
  AdwBinClass parent_class;

  void     (*update)        (AlgaTicketSection *self,
                             AlgaTicket        *ticket);
  void     (*ticket_notify) (AlgaTicketSection *self,
                             GParamSpec        *pspec);
  void     (*reset)         (AlgaTicketSection *self);
  gboolean (*allows_action) (AlgaTicketSection *self,
                             const char        *action_name);

  gpointer padding[8];
};

AlgaTicket   *alga_ticket_section_get_ticket      (AlgaTicketSection *self);
void          alga_ticket_section_set_ticket      (AlgaTicketSection *self,
                                                   AlgaTicket        *ticket);
AlgaAccount  *alga_ticket_section_get_account     (AlgaTicketSection *self);
void          alga_ticket_section_set_account     (AlgaTicketSection *self,
                                                   AlgaAccount       *account);
/* The account's client and the signed-in user's id, or NULL without an account. */
AlgaClient   *alga_ticket_section_get_client      (AlgaTicketSection *self);
const char   *alga_ticket_section_get_user_id     (AlgaTicketSection *self);
/* Cancelled when the ticket or the account changes; NULL without either. */
GCancellable *alga_ticket_section_get_cancellable (AlgaTicketSection *self);
gboolean      alga_ticket_section_allows_action   (AlgaTicketSection *self,
                                                   const char        *action_name);
/* Shows the ticket again before the next frame, as after a change of one of its properties. */
void          alga_ticket_section_queue_update    (AlgaTicketSection *self);
/* For sections, in their dispose: drops the template's widgets. The template's top widget is
 * AdwBin's child: AdwBin lets it go first, or both would unparent it. */
void          alga_ticket_section_dispose_template (AlgaTicketSection *self,
                                                    GType              type);
/* For sections: what allows_action() answers changed ("changed"). */
void          alga_ticket_section_changed         (AlgaTicketSection *self);
/* For sections: asks the pane to read the ticket from the server again ("reload"). */
void          alga_ticket_section_request_reload  (AlgaTicketSection *self);

G_END_DECLS
