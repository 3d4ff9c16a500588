/* alga-attachments-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-document.h"
#include "alga-ticket-repository.h"

G_BEGIN_DECLS

#define ALGA_TYPE_ATTACHMENTS_SECTION (alga_attachments_section_get_type ())

G_DECLARE_FINAL_TYPE (AlgaAttachmentsSection, alga_attachments_section, ALGA, ATTACHMENTS_SECTION, AdwBin)

GtkWidget    *alga_attachments_section_new            (void);
void          alga_attachments_section_set_ticket     (AlgaAttachmentsSection *self,
                                                       AlgaTicketRepository   *tickets,
                                                       const char             *ticket_id,
                                                       const char             *user_id);
void          alga_attachments_section_reload         (AlgaAttachmentsSection *self);
/* Where files may be dropped and an image pasted with Ctrl+V: the whole ticket, say. */
void          alga_attachments_section_install_on     (AlgaAttachmentsSection *self,
                                                       GtkWidget              *target);
void          alga_attachments_section_attach_file    (AlgaAttachmentsSection *self,
                                                       GFile                  *file);
gboolean      alga_attachments_section_paste          (AlgaAttachmentsSection *self);
void          alga_attachments_section_save_document  (AlgaAttachmentsSection *self,
                                                       AlgaDocument           *document,
                                                       GFile                  *destination);
/* (transfer none) (element-type AlgaDocument) */
GListModel   *alga_attachments_section_get_documents  (AlgaAttachmentsSection *self);
guint         alga_attachments_section_get_n_uploads  (AlgaAttachmentsSection *self);

G_END_DECLS
