/* alga-ticket-text-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_TICKET_TEXT_EDITOR (alga_ticket_text_editor_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTicketTextEditor, alga_ticket_text_editor, ALGA, TICKET_TEXT_EDITOR, AdwBin)

typedef enum
{
  ALGA_TICKET_TEXT_TITLE,
  ALGA_TICKET_TEXT_DESCRIPTION,
} AlgaTicketText;

/* Edits a ticket's title or description in place: hidden until alga_ticket_text_editor_edit(),
 * then a field with the quiet choice, Save and Cancel; it hides again once saved or cancelled. */
GtkWidget *alga_ticket_text_editor_new         (AlgaTicketText        which);
void       alga_ticket_text_editor_set_ticket  (AlgaTicketTextEditor *self,
                                                AlgaAccount          *account,
                                                AlgaTicket           *ticket);
void       alga_ticket_text_editor_edit        (AlgaTicketTextEditor *self);
gboolean   alga_ticket_text_editor_get_editing (AlgaTicketTextEditor *self);

G_END_DECLS
