/* alga-quiet-choice.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-quiet.h"

G_BEGIN_DECLS

#define ALGA_TYPE_QUIET_CHOICE (alga_quiet_choice_get_type ())

G_DECLARE_FINAL_TYPE (AlgaQuietChoice, alga_quiet_choice, ALGA, QUIET_CHOICE, AdwBin)

GtkWidget *alga_quiet_choice_new         (void);
AlgaQuiet  alga_quiet_choice_get_quiet   (AlgaQuietChoice *self);
void       alga_quiet_choice_set_quiet   (AlgaQuietChoice *self,
                                          AlgaQuiet        quiet);

G_END_DECLS
