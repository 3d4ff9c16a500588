/* alga-time-entry-dialog-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the time entry dialog's files share: the dialog, its fields and their checks, and its
 * services (alga-time-entry-dialog.c), the draft it keeps of what was typed
 * (alga-time-entry-dialog-draft.c), and logging the entry (alga-time-entry-dialog-log.c).
 */

#pragma once

#include "alga-service.h"
#include "alga-time-entry-dialog.h"

G_BEGIN_DECLS

/* Where the service of the last entry logged is kept, in the draft store. */
#define LAST_SERVICE_KEY "time-entry-last-service"

struct _AlgaTimeEntryDialog
{
  AdwWindow        parent_instance;

  AlgaClient      *client;
  AlgaTicket      *ticket;
  AlgaDraftStore  *draft_store;
  char            *draft_key;
  GPtrArray       *services;          /* AlgaService, at combo position - 1 */
  char            *wanted_service_id; /* from a draft, until the services arrive */
  char            *last_service_id;   /* the service of the last entry logged here */
  char            *entry_id;          /* the entry being corrected, or NULL for a new one */
  AlgaTimer       *timer;             /* the timer being stopped, or NULL */
  int              confirmed_minutes; /* a long duration the technician confirmed */
  GCancellable    *cancellable;
  gboolean         filling;           /* fields are being set by us, not typed into */
  gboolean         touched;           /* the technician changed something */
  gboolean         logging;
  gboolean         maybe_sent;        /* a send failed without a clear answer */

  AdwPreferencesGroup *error_group;
  AdwActionRow    *error_row;
  AdwPreferencesGroup *work_group;
  AdwComboRow     *service_row;
  GtkStringList   *service_names;
  AdwActionRow    *date_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  AdwEntryRow     *start_row;
  AdwEntryRow     *end_row;
  GtkSwitch       *overnight_switch;
  GtkLabel        *service_problem;
  GtkLabel        *time_problem;
  AdwActionRow    *duration_row;
  GtkSpinButton   *duration_spin;
  GtkTextView     *notes_view;
  GtkSwitch       *billable_switch;
  GtkButton       *cancel_button;
  GtkButton       *log_button;
  GtkStack        *log_stack;
  GtkSpinner      *log_spinner;
};

static inline void
set_row_error (GtkWidget *row,
               gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* alga-time-entry-dialog.c */
int          _alga_time_entry_dialog_parse_minutes            (const char          *text);
void         _alga_time_entry_dialog_show_error               (AlgaTimeEntryDialog *self,
                                                               const char          *message);
AlgaService *_alga_time_entry_dialog_selected_service         (AlgaTimeEntryDialog *self);
void         _alga_time_entry_dialog_select_service_id        (AlgaTimeEntryDialog *self,
                                                               const char          *service_id);
void         _alga_time_entry_dialog_choose_service           (AlgaTimeEntryDialog *self);
gboolean     _alga_time_entry_dialog_validate                 (AlgaTimeEntryDialog *self,
                                                               GtkWidget          **first_wrong);
void         _alga_time_entry_dialog_update_log               (AlgaTimeEntryDialog *self);
void         _alga_time_entry_dialog_update_date_label        (AlgaTimeEntryDialog *self);
void         _alga_time_entry_dialog_update_duration_from_end (AlgaTimeEntryDialog *self);
char        *_alga_time_entry_dialog_dup_notes                (AlgaTimeEntryDialog *self);
void         _alga_time_entry_dialog_field_changed            (AlgaTimeEntryDialog *self);
gboolean     _alga_time_entry_dialog_emit_logged              (AlgaTimeEntryDialog *self,
                                                               AlgaTimeEntry       *entry);

/* alga-time-entry-dialog-draft.c */
void         _alga_time_entry_dialog_save_draft               (AlgaTimeEntryDialog *self);
void         _alga_time_entry_dialog_load_drafts              (AlgaTimeEntryDialog *self);

/* alga-time-entry-dialog-log.c */
void         _alga_time_entry_dialog_class_log_init           (GtkWidgetClass      *widget_class);

G_END_DECLS
