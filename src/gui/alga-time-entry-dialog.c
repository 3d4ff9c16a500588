/* alga-time-entry-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-time-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-time-entry-dialog.h"

struct _AlgaTimeEntryDialog
{
  AdwWindow       parent_instance;

  AlgaClient     *client;
  AlgaTicket     *ticket;
  AlgaDraftStore *draft_store;
};

G_DEFINE_FINAL_TYPE (AlgaTimeEntryDialog, alga_time_entry_dialog, ADW_TYPE_WINDOW)

static void
alga_time_entry_dialog_dispose (GObject *object)
{
  AlgaTimeEntryDialog *self = ALGA_TIME_ENTRY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_TIME_ENTRY_DIALOG);
  g_clear_object (&self->client);
  g_clear_object (&self->ticket);
  g_clear_object (&self->draft_store);

  G_OBJECT_CLASS (alga_time_entry_dialog_parent_class)->dispose (object);
}

static void
alga_time_entry_dialog_class_init (AlgaTimeEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_time_entry_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-time-entry-dialog.ui");
}

static void
alga_time_entry_dialog_init (AlgaTimeEntryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
alga_time_entry_dialog_new (GtkWindow  *parent,
                            AlgaClient *client,
                            AlgaTicket *ticket)
{
  AlgaTimeEntryDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ALGA_IS_TICKET (ticket), NULL);

  self = g_object_new (ALGA_TYPE_TIME_ENTRY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->client = g_object_ref (client);
  self->ticket = g_object_ref (ticket);

  return GTK_WIDGET (self);
}

AlgaDraftStore *
alga_time_entry_dialog_get_draft_store (AlgaTimeEntryDialog *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY_DIALOG (self), NULL);

  return self->draft_store;
}

void
alga_time_entry_dialog_set_draft_store (AlgaTimeEntryDialog *self,
                                        AlgaDraftStore      *store)
{
  g_return_if_fail (ALGA_IS_TIME_ENTRY_DIALOG (self));
  g_return_if_fail (!store || ALGA_IS_DRAFT_STORE (store));

  g_set_object (&self->draft_store, store);
}
