/* alga-time-logged-toast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-time-logged-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-time-entry-dialog.h"
#include "alga-time-logged-toast.h"

/* Kept on the client: 0 unknown, 1 may delete, 2 may not. */
#define DELETE_RIGHT_KEY "alga-time-entry-delete-right"
/* No entry has this id: only the permission check can answer before "not found". */
#define PROBE_ENTRY_ID "00000000-0000-4000-8000-000000000000"

enum {
  RIGHT_UNKNOWN,
  RIGHT_DELETE,
  RIGHT_NO_DELETE,
};

typedef struct
{
  GtkWidget         *widget;          /* weak: where the next toast goes */
  AlgaTimeSummary   *summary;         /* weak: shows the ticket's entries again after a change */
  AlgaAccount       *account;
  AlgaTicket        *ticket;
  AlgaTimeEntry     *entry;
} Logged;

static void
logged_free (gpointer data,
             GClosure *closure)
{
  Logged *logged = data;

  g_clear_weak_pointer (&logged->widget);
  g_clear_weak_pointer (&logged->summary);
  g_clear_object (&logged->account);
  g_clear_object (&logged->ticket);
  g_clear_object (&logged->entry);
  g_free (logged);
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  int right = RIGHT_UNKNOWN;

  answer = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN))
    right = RIGHT_NO_DELETE;
  else if (g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND))
    right = RIGHT_DELETE;

  if (right != RIGHT_UNKNOWN)
    g_object_set_data (source, DELETE_RIGHT_KEY, GINT_TO_POINTER (right));
}

void
alga_time_logged_toast_learn_delete_right (AlgaClient *client)
{
  g_return_if_fail (ALGA_IS_CLIENT (client));

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (client), DELETE_RIGHT_KEY)) != RIGHT_UNKNOWN)
    return;

  /* A Technician's role lacks the right to delete time entries, and the server says so before
   * it looks for the entry: a 403 here, a 404 for a role that may delete. */
  alga_client_request_async (client, "DELETE", "/api/v1/time-entries/" PROBE_ENTRY_ID, NULL,
                             NULL, ALGA_REQUEST_DEFAULT, NULL, probe_cb, NULL);
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTimeSummary *summary = g_object_get_data (G_OBJECT (widget), "alga-time-summary");

  answer = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (gtk_widget_get_root (widget) == NULL)
    return;
  if (ALGA_IS_TIME_SUMMARY (summary))
    alga_time_summary_reload (summary);
  if (error != NULL)
    alga_gui_show_error_toast (widget, _("Could not take the time entry back."), error);
  else
    alga_gui_show_toast (widget, _("Time entry taken back"));
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Logged   *logged)
{
  g_autofree char *path = NULL;

  if (logged->widget == NULL)
    return;

  path = g_strconcat ("/api/v1/time-entries/", alga_time_entry_get_entry_id (logged->entry), NULL);
  alga_client_request_async (alga_account_get_client (logged->account), "DELETE", path, NULL,
                             NULL, ALGA_REQUEST_DEFAULT,
                             NULL, delete_cb, g_object_ref (logged->widget));
}

static void
on_corrected_cb (GtkWidget       *dialog,
                 AlgaTimeSummary *summary)
{
  alga_time_summary_reload (summary);
}

static void
on_edit_clicked_cb (AdwToast *toast,
                    Logged   *logged)
{
  GtkRoot *root;
  GtkWidget *dialog;

  if (logged->widget == NULL)
    return;

  root = gtk_widget_get_root (logged->widget);
  dialog = alga_time_entry_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       logged->account, logged->ticket);
  alga_time_entry_dialog_edit_entry (ALGA_TIME_ENTRY_DIALOG (dialog), logged->entry);
  if (logged->summary != NULL)
    g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_corrected_cb), logged->summary, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
alga_time_logged_toast_show (GtkWidget         *widget,
                             AlgaAccount       *account,
                             AlgaTicket        *ticket,
                             AlgaTimeEntry     *entry,
                             AlgaTimeSummary   *summary)
{
  AdwToast *toast;
  Logged *logged;
  gboolean may_delete;
  g_autofree char *title = NULL;
  int minutes;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ALGA_IS_ACCOUNT (account));
  g_return_if_fail (ALGA_IS_TIME_ENTRY (entry));

  may_delete = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (alga_account_get_client (account)),
                                                   DELETE_RIGHT_KEY))
               == RIGHT_DELETE;
  minutes = (int) (g_date_time_difference (alga_time_entry_get_end_time (entry),
                                           alga_time_entry_get_start_time (entry))
                   / G_TIME_SPAN_MINUTE);
  /* Translators: the toast after logging time; hours and minutes logged. */
  title = g_strdup_printf (_("Logged %d h %02d min"), minutes / 60, minutes % 60);

  logged = g_new0 (Logged, 1);
  g_set_weak_pointer (&logged->widget, widget);
  g_set_weak_pointer (&logged->summary, summary);
  /* The answer to Undo finds it there, after the toast may be gone. */
  g_object_set_data (G_OBJECT (widget), "alga-time-summary", summary);
  logged->account = g_object_ref (account);
  logged->ticket = ticket != NULL ? g_object_ref (ticket) : NULL;
  logged->entry = g_object_ref (entry);

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  if (may_delete)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), logged,
                             logged_free, 0);
    }
  else
    {
      /* Only a correction can set a wrong entry right where the role may not delete. */
      adw_toast_set_button_label (toast, _("_Edit"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_edit_clicked_cb), logged,
                             logged_free, 0);
    }
  alga_gui_add_toast (widget, toast);
}
