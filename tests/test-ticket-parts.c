/* test-ticket-parts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The attachments and checklist sections in a real window against the test server, as a
 * Technician: a file dropped and an image pasted arrive byte for byte and come back the same,
 * what cannot succeed is refused before sending, a tick that fails is put back, and a refused
 * close leads to the item that blocks it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alga-attachments-section.h"
#include "alga-checklist-item.h"
#include "alga-checklist-section.h"
#include "alga-client-documents.h"
#include "alga-error.h"
#include "alga-status.h"
#include "alga-test-credentials.h"
#include "alga-test-gtk.h"
#include "alga-test-keyboard.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

typedef struct
{
  AlgaTestServer         *server;
  AlgaClient             *client;
  AlgaTicketRepository   *tickets;
  AlgaTestCredentials    *credentials;
  GtkWindow              *window;
  GtkWidget              *overlay;
  AlgaAttachmentsSection *attachments;
  AlgaChecklistSection   *checklist;
  const char             *ticket;
  char                   *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *box;
  GtkWidget *scroller;

  fixture->server = alga_test_server_new ();
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->credentials = alga_test_credentials_new (alga_test_server_get_api_key (fixture->server));
  alga_client_set_credentials (fixture->client, ALGA_CREDENTIALS (fixture->credentials));
  fixture->tickets = alga_ticket_repository_new (fixture->client, NULL);
  fixture->ticket = alga_test_server_get_my_ticket_id (fixture->server);
  fixture->dir = g_dir_make_tmp ("alga-ticket-parts-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 800);
  fixture->overlay = adw_toast_overlay_new ();
  scroller = gtk_scrolled_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (fixture->overlay), scroller);
  gtk_window_set_child (fixture->window, fixture->overlay);

  fixture->checklist = ALGA_CHECKLIST_SECTION (alga_checklist_section_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->checklist));
  fixture->attachments = ALGA_ATTACHMENTS_SECTION (alga_attachments_section_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->attachments));
  alga_attachments_section_install_on (fixture->attachments, box);
  alga_checklist_section_set_ticket (fixture->checklist, fixture->tickets, fixture->ticket);
  alga_attachments_section_set_ticket (fixture->attachments, fixture->tickets, fixture->ticket,
                                       alga_test_server_get_user_id (fixture->server));
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  alga_test_wait_until (g_list_model_get_n_items (alga_checklist_section_get_items (fixture->checklist)) == 3, 30000);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  alga_test_wait_for_sole_reference (fixture->tickets, 30000);
  g_assert_finalize_object (fixture->tickets);
  alga_test_wait_for_sole_reference (fixture->client, 30000);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->credentials);
  alga_test_server_stop (fixture->server);
  g_object_unref (fixture->server);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GBytes *
random_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int_range (0, 256);
  return g_bytes_new_take (data, size);
}

static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* What a drop of files onto the ticket delivers to its drop target. */
static void
drop_files (Fixture *fixture,
            GFile   *file)
{
  GtkWidget *target = gtk_widget_get_parent (GTK_WIDGET (fixture->attachments));
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = g_slist_prepend (NULL, file);
  gboolean accepted = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (drop_target_of (target), "drop", &value, 10.0, 10.0, &accepted);
  g_slist_free (files);
  g_assert_true (accepted);
}

static AlgaDocument *
document_named (Fixture    *fixture,
                const char *name)
{
  GListModel *documents = alga_attachments_section_get_documents (fixture->attachments);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlgaDocument) document = g_list_model_get_item (documents, i);

      if (g_str_equal (alga_document_get_name (document), name))
        return document;
    }
  return NULL;
}

static void
save_and_compare (Fixture    *fixture,
                  const char *name,
                  GBytes     *expected)
{
  g_autofree char *path = g_build_filename (fixture->dir, "saved", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *toast = g_strdup_printf ("Saved “%s”", name);

  g_remove (path);
  alga_attachments_section_save_document (fixture->attachments, document_named (fixture, name), file);
  alga_test_wait_until (alga_test_shows_label (fixture->overlay, toast), 30000);
  saved = g_file_load_bytes (file, NULL, NULL, NULL);
  g_assert_nonnull (saved);
  g_assert_true (g_bytes_equal (saved, expected));
}

/* A file dropped on the ticket is attached and comes back the same. */
static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GBytes) content = random_bytes (2 * 1024 * 1024 + 3);
  g_autofree char *path = g_build_filename (fixture->dir, "Screenshot äö.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) stored = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (content, NULL), g_bytes_get_size (content), NULL));
  drop_files (fixture, file);
  alga_test_wait_until (document_named (fixture, "Screenshot äö.bin") != NULL &&
                        alga_attachments_section_get_n_uploads (fixture->attachments) == 0, 30000);
  stored = alga_test_server_dup_document_content (fixture->server, fixture->ticket, "Screenshot äö.bin");
  g_assert_true (g_bytes_equal (stored, content));
  save_and_compare (fixture, "Screenshot äö.bin", content);
}

/* Ctrl+V with an image on the clipboard attaches it as a PNG, whatever has the focus. */
static void
test_paste (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  GListModel *documents = alga_attachments_section_get_documents (fixture->attachments);
  g_autoptr(AlgaDocument) document = NULL;
  g_autoptr(GBytes) stored = NULL;
  guchar pixels[4 * 4 * 4];

  for (guint i = 0; i < sizeof pixels; i++)
    pixels[i] = i % 4 == 3 ? 0xff : (i * 37) & 0xff;
  {
    g_autoptr(GBytes) raw = g_bytes_new (pixels, sizeof pixels);

    texture = gdk_memory_texture_new (4, 4, GDK_MEMORY_R8G8B8A8, raw, 16);
  }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), texture);
  /* Ctrl+V is caught on its way to the focused widget inside the ticket: put the focus there. */
  alga_test_keyboard_focus_window (fixture->window);
  gtk_widget_grab_focus (alga_test_find_widget (GTK_WIDGET (fixture->checklist), GTK_TYPE_CHECK_BUTTON));
  alga_test_wait_until (gtk_widget_has_focus (alga_test_find_widget (GTK_WIDGET (fixture->checklist), GTK_TYPE_CHECK_BUTTON)), 30000);
  alga_test_keyboard_press_accel ("<Control>v");
  alga_test_wait_until (g_list_model_get_n_items (documents) == 1 &&
                        alga_attachments_section_get_n_uploads (fixture->attachments) == 0, 30000);
  document = g_list_model_get_item (documents, 0);
  g_assert_true (g_str_has_prefix (alga_document_get_name (document), "Pasted image "));
  g_assert_cmpstr (alga_document_get_mime_type (document), ==, "image/png");
  stored = alga_test_server_dup_document_content (fixture->server, fixture->ticket, alga_document_get_name (document));
  png = gdk_texture_save_to_png_bytes (texture);
  g_assert_true (g_bytes_equal (stored, png));
  save_and_compare (fixture, alga_document_get_name (document), png);
}

/* A file past the server's limit and a folder are refused in words; nothing is sent. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "disk.img", NULL);
  g_autoptr(GFile) big = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *folder_name = g_path_get_basename (fixture->dir);
  g_autofree char *folder_toast = g_strdup_printf ("“%s” is a folder. Only files can be attached.", folder_name);
  g_autofree char *size = g_format_size (ALGA_DOCUMENT_MAX_REQUEST_SIZE + 1);
  g_autofree char *big_toast = g_strdup_printf ("“disk.img” is %s. The server accepts attachments up to 100 MB.", size);
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), ALGA_DOCUMENT_MAX_REQUEST_SIZE + 1), ==, 0);
  fclose (f);
  alga_test_server_clear_requests (fixture->server);
  drop_files (fixture, big);
  alga_test_wait_until (alga_test_shows_label (fixture->overlay, big_toast), 30000);
  drop_files (fixture, folder);
  alga_test_wait_until (alga_test_shows_label (fixture->overlay, folder_toast), 30000);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", "*/documents"), ==, 0);
  g_assert_cmpuint (alga_attachments_section_get_n_uploads (fixture->attachments), ==, 0);
}

static GtkCheckButton *
check_of (Fixture *fixture,
          guint    position)
{
  GtkWidget *list = alga_test_find_widget (GTK_WIDGET (fixture->checklist), GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), position);

  return GTK_CHECK_BUTTON (alga_test_find_widget (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON));
}

static AlgaChecklistItem *
item_at (Fixture *fixture,
         guint    position)
{
  g_autoptr(AlgaChecklistItem) item = g_list_model_get_item (alga_checklist_section_get_items (fixture->checklist), position);

  return item;
}

static const char *
closed_status (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(AlgaTicket) ticket = NULL;
  static char id[64];

  alga_client_get_ticket_async (fixture->client, fixture->ticket, NULL, alga_test_store_result_cb, &result);
  ticket = alga_client_get_ticket_finish (fixture->client, alga_test_wait_for_result (&result, 30000), NULL);
  g_clear_object (&result);
  alga_client_list_statuses_async (fixture->client, alga_ticket_get_board_id (ticket), NULL, alga_test_store_result_cb, &result);
  statuses = alga_client_list_statuses_finish (fixture->client, alga_test_wait_for_result (&result, 30000), NULL);
  for (guint i = 0; i < statuses->len; i++)
    if (alga_status_get_is_closed (statuses->pdata[i]))
      {
        g_strlcpy (id, alga_status_get_status_id (statuses->pdata[i]), sizeof id);
        return id;
      }
  g_assert_not_reached ();
}

/* Ticking reaches the server; a close is then refused for the required item still open, with
 * the rule's words, and the section leads to that item. */
static void
test_tick_and_close_rule (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTicket) closed = NULL;
  GtkCheckButton *second;

  alga_test_server_set_checklist_rule (fixture->server, fixture->ticket, TRUE);
  g_assert_cmpuint (alga_checklist_section_get_n_required_open (fixture->checklist), ==, 2);
  alga_test_keyboard_focus_window (fixture->window);
  gtk_widget_grab_focus (GTK_WIDGET (check_of (fixture, 0)));
  alga_test_keyboard_press_accel ("space");
  alga_test_wait_until (alga_checklist_item_get_completed_by_name (item_at (fixture, 0)) != NULL, 30000);
  g_assert_true (gtk_check_button_get_active (check_of (fixture, 0)));
  g_assert_cmpuint (alga_checklist_section_get_n_required_open (fixture->checklist), ==, 1);

  alga_client_set_status_async (fixture->client, fixture->ticket, closed_status (fixture), ALGA_QUIET_NONE, NULL,
                                alga_test_store_result_cb, &result);
  closed = alga_client_set_status_finish (fixture->client, alga_test_wait_for_result (&result, 30000), &error);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "1 required checklist item is incomplete"));

  g_assert_true (alga_checklist_section_show_blocker (fixture->checklist));
  second = check_of (fixture, 1);
  alga_test_wait_until (gtk_widget_has_focus (GTK_WIDGET (second)), 30000);
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (GTK_WIDGET (second), GTK_TYPE_LIST_BOX_ROW), "blocker"));
}

/* A tick the server refuses is put back, and said. */
static void
test_tick_rollback (Fixture       *fixture,
                    gconstpointer  data)
{
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 503, .body = "{\"error\":{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"Down for maintenance\"}}" };

  alga_test_server_add_fault (fixture->server, "PATCH", "*/checklist/*", &fault);
  gtk_check_button_set_active (check_of (fixture, 0), TRUE);
  g_assert_true (alga_checklist_item_get_completed (item_at (fixture, 0)));
  alga_test_wait_until (!gtk_check_button_get_active (check_of (fixture, 0)), 30000);
  g_assert_false (alga_checklist_item_get_completed (item_at (fixture, 0)));
  g_assert_cmpuint (alga_checklist_section_get_n_required_open (fixture->checklist), ==, 2);
}

/* An item added as optional stays optional. */
static void
test_add_item (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *entry_row = alga_test_find_widget (GTK_WIDGET (fixture->checklist), ADW_TYPE_ENTRY_ROW);
  GtkWidget *required = alga_test_find_widget (entry_row, GTK_TYPE_CHECK_BUTTON);
  GListModel *items = alga_checklist_section_get_items (fixture->checklist);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (required), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "Photograph the rack");
  g_signal_emit_by_name (entry_row, "apply");
  alga_test_wait_until (g_list_model_get_n_items (items) == 4, 30000);
  g_assert_cmpstr (alga_checklist_item_get_name (item_at (fixture, 3)), ==, "Photograph the rack");
  g_assert_false (alga_checklist_item_get_is_required (item_at (fixture, 3)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row)), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/ticket-parts/attachments/drop", Fixture, NULL, fixture_set_up, test_drop, fixture_tear_down);
  g_test_add ("/ticket-parts/attachments/paste", Fixture, NULL, fixture_set_up, test_paste, fixture_tear_down);
  g_test_add ("/ticket-parts/attachments/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/ticket-parts/checklist/tick-and-close-rule", Fixture, NULL, fixture_set_up, test_tick_and_close_rule, fixture_tear_down);
  g_test_add ("/ticket-parts/checklist/rollback", Fixture, NULL, fixture_set_up, test_tick_rollback, fixture_tear_down);
  g_test_add ("/ticket-parts/checklist/add", Fixture, NULL, fixture_set_up, test_add_item, fixture_tear_down);
  return g_test_run ();
}
