/* alga-composer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-account.h"
#include "alga-comment.h"
#include "alga-ticket.h"

G_BEGIN_DECLS

#define ALGA_TYPE_COMPOSER (alga_composer_get_type ())

G_DECLARE_FINAL_TYPE (AlgaComposer, alga_composer, ALGA, COMPOSER, AdwBin)

/* The most characters a comment may have, counted on the visible text. */
#define ALGA_COMPOSER_MAX_CHARS 5000

GtkWidget      *alga_composer_new               (void);
AlgaAccount    *alga_composer_get_account       (AlgaComposer   *self);
void            alga_composer_set_account       (AlgaComposer   *self,
                                                 AlgaAccount    *account);
const char     *alga_composer_get_user_id       (AlgaComposer   *self);
void            alga_composer_set_user_id       (AlgaComposer   *self,
                                                 const char     *user_id);
AlgaTicket     *alga_composer_get_ticket        (AlgaComposer   *self);
void            alga_composer_set_ticket        (AlgaComposer   *self,
                                                 AlgaTicket     *ticket);
void            alga_composer_grab_focus_text   (AlgaComposer   *self);

G_END_DECLS
