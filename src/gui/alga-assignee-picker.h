/* alga-assignee-picker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "alga-client.h"
#include "alga-reference-data.h"

G_BEGIN_DECLS

#define ALGA_TYPE_ASSIGNEE_PICKER (alga_assignee_picker_get_type ())

G_DECLARE_FINAL_TYPE (AlgaAssigneePicker, alga_assignee_picker, ALGA, ASSIGNEE_PICKER, GtkPopover)

GtkWidget  *alga_assignee_picker_new               (void);
AlgaClient *alga_assignee_picker_get_client        (AlgaAssigneePicker *self);
void        alga_assignee_picker_set_client        (AlgaAssigneePicker *self,
                                                    AlgaClient         *client);
void        alga_assignee_picker_set_reference_data (AlgaAssigneePicker *self,
                                                     AlgaReferenceData  *reference_data);
const char *alga_assignee_picker_get_user_id       (AlgaAssigneePicker *self);
void        alga_assignee_picker_set_user_id       (AlgaAssigneePicker *self,
                                                    const char         *user_id);
gboolean    alga_assignee_picker_get_show_unassign (AlgaAssigneePicker *self);
void        alga_assignee_picker_set_show_unassign (AlgaAssigneePicker *self,
                                                    gboolean            show_unassign);
/* The users listed for the current search (AlgaUser items). */
GListModel *alga_assignee_picker_get_model         (AlgaAssigneePicker *self);
/* Starts a search now, as if @text had been typed and the delay had passed. */
void        alga_assignee_picker_search            (AlgaAssigneePicker *self,
                                                    const char         *text);

G_END_DECLS
