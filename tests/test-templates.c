/* test-templates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkBuilder checks templates only at run time: instantiate every template class here, so an
 * unknown class or property fails the suite instead of the app.
 */

#include "config.h"

#include <adwaita.h>

#include "alga-application.h"
#include "alga-assignee-picker.h"
#include "alga-comment-row.h"
#include "alga-comment-thread.h"
#include "alga-composer.h"
#include "alga-new-ticket-dialog.h"
#include "alga-preferences-window.h"
#include "alga-sign-in-page.h"
#include "alga-test-gtk.h"
#include "alga-due-date-popover.h"
#include "alga-ticket-about-section.h"
#include "alga-ticket-contact-section.h"
#include "alga-ticket-conversation-section.h"
#include "alga-ticket-description-section.h"
#include "alga-ticket-fields-section.h"
#include "alga-ticket-header-section.h"
#include "alga-ticket-time-section.h"
#include "alga-ticket-view.h"
#include "alga-time-entry-dialog.h"
#include "alga-window.h"

static void
test_window (void)
{
  g_autoptr(AlgaApplication) app = alga_application_new ();
  AlgaWindow *window;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = alga_window_new (app);
  g_assert_true (ALGA_IS_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_ROLE_WINDOW);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Builds a template widget class (data: its GType) in a window, draws it, and frees it. */
static void
test_widget_template (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *widget = g_object_new (type, NULL);

  g_object_ref_sink (widget);
  if (GTK_IS_POPOVER (widget))
    {
      GtkWidget *button = gtk_menu_button_new ();

      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), widget);
      gtk_window_set_child (window, button);
    }
  else
    {
      gtk_window_set_child (window, widget);
    }
  g_object_unref (widget);

  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_destroy (window);
}

/* Builds a template window class (data: its GType), shows it, and frees it. */
static void
test_window_template (gconstpointer data)
{
  GtkWindow *window = g_object_new (GPOINTER_TO_SIZE (data), NULL);

  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_destroy (window);
}

/* Builds a template list box row class (data: its GType) in a list box, draws it, frees it. */
static void
test_row_template (gconstpointer data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *list_box = gtk_list_box_new ();

  gtk_list_box_append (GTK_LIST_BOX (list_box), g_object_new (GPOINTER_TO_SIZE (data), NULL));
  gtk_window_set_child (window, list_box);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add_func ("/templates/window", test_window);
  g_test_add_data_func ("/templates/ticket-view",
                        GSIZE_TO_POINTER (ALGA_TYPE_TICKET_VIEW), test_widget_template);
  g_test_add_data_func ("/templates/ticket-header-section",
                        GSIZE_TO_POINTER (ALGA_TYPE_TICKET_HEADER_SECTION), test_widget_template);
  g_test_add_data_func ("/templates/ticket-fields-section",
                        GSIZE_TO_POINTER (ALGA_TYPE_TICKET_FIELDS_SECTION), test_widget_template);
  g_test_add_data_func ("/templates/ticket-description-section",
                        GSIZE_TO_POINTER (ALGA_TYPE_TICKET_DESCRIPTION_SECTION), test_widget_template);
  g_test_add_data_func ("/templates/ticket-conversation-section",
                        GSIZE_TO_POINTER (ALGA_TYPE_TICKET_CONVERSATION_SECTION), test_widget_template);
  g_test_add_data_func ("/templates/ticket-time-section",
                        GSIZE_TO_POINTER (ALGA_TYPE_TICKET_TIME_SECTION), test_widget_template);
  g_test_add_data_func ("/templates/ticket-contact-section",
                        GSIZE_TO_POINTER (ALGA_TYPE_TICKET_CONTACT_SECTION), test_widget_template);
  g_test_add_data_func ("/templates/ticket-about-section",
                        GSIZE_TO_POINTER (ALGA_TYPE_TICKET_ABOUT_SECTION), test_widget_template);
  g_test_add_data_func ("/templates/due-date-popover",
                        GSIZE_TO_POINTER (ALGA_TYPE_DUE_DATE_POPOVER), test_widget_template);
  g_test_add_data_func ("/templates/assignee-picker",
                        GSIZE_TO_POINTER (ALGA_TYPE_ASSIGNEE_PICKER), test_widget_template);
  g_test_add_data_func ("/templates/comment-thread",
                        GSIZE_TO_POINTER (ALGA_TYPE_COMMENT_THREAD), test_widget_template);
  g_test_add_data_func ("/templates/comment-row",
                        GSIZE_TO_POINTER (ALGA_TYPE_COMMENT_ROW), test_row_template);
  g_test_add_data_func ("/templates/composer",
                        GSIZE_TO_POINTER (ALGA_TYPE_COMPOSER), test_widget_template);
  g_test_add_data_func ("/templates/time-entry-dialog",
                        GSIZE_TO_POINTER (ALGA_TYPE_TIME_ENTRY_DIALOG), test_window_template);
  g_test_add_data_func ("/templates/new-ticket-dialog",
                        GSIZE_TO_POINTER (ALGA_TYPE_NEW_TICKET_DIALOG), test_window_template);
  g_test_add_data_func ("/templates/sign-in-page",
                        GSIZE_TO_POINTER (ALGA_TYPE_SIGN_IN_PAGE), test_widget_template);
  g_test_add_data_func ("/templates/preferences-window",
                        GSIZE_TO_POINTER (ALGA_TYPE_PREFERENCES_WINDOW), test_window_template);

  return g_test_run ();
}
