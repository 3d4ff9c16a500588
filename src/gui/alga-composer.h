/* alga-composer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-client.h"
#include "alga-comment.h"
#include "alga-draft-store.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_COMPOSER (alga_composer_get_type ())

G_DECLARE_FINAL_TYPE (AlgaComposer, alga_composer, ALGA, COMPOSER, AdwBin)

/* The most characters a comment may have, counted on the visible text. */
#define ALGA_COMPOSER_MAX_CHARS 5000

GtkWidget      *alga_composer_new               (void);
AlgaClient     *alga_composer_get_client        (AlgaComposer   *self);
void            alga_composer_set_client        (AlgaComposer   *self,
                                                 AlgaClient     *client);
const char     *alga_composer_get_user_id       (AlgaComposer   *self);
void            alga_composer_set_user_id       (AlgaComposer   *self,
                                                 const char     *user_id);
AlgaTicket     *alga_composer_get_ticket        (AlgaComposer   *self);
void            alga_composer_set_ticket        (AlgaComposer   *self,
                                                 AlgaTicket     *ticket);
AlgaDraftStore *alga_composer_get_draft_store   (AlgaComposer   *self);
void            alga_composer_set_draft_store   (AlgaComposer   *self,
                                                 AlgaDraftStore *store);
void            alga_composer_grab_focus_text   (AlgaComposer   *self);

G_END_DECLS
