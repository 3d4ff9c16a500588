/* alga-attachments-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's attachments: each document with its type, size, date and uploader, opened with
 * the desktop's default application or saved elsewhere, and deleted by whoever uploaded it.
 * Files are attached from a file chooser, by dropping them onto the ticket, or by pasting an
 * image; each upload shows its progress and can be cancelled. What the server cannot take is
 * refused here, in words, before a byte is sent (docs/API.md, Documents).
 */

#define G_LOG_DOMAIN "alga-attachments-section"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-attachments-section.h"
#include "alga-client-documents.h"
#include "alga-date-format.h"
#include "alga-gui-util.h"
#include "alga-minute-clock.h"
#include "alga-ticket-repository-parts.h"

struct _AlgaAttachmentsSection
{
  AdwBin                parent_instance;

  AlgaTicketRepository *tickets;
  char                 *ticket_id;
  char                 *user_id;
  GCancellable         *cancellable;  /* the list, downloads, deletes; a new one per ticket */
  GListStore           *documents;    /* AlgaDocument */
  GPtrArray            *uploads;      /* Upload */

  GtkWidget            *count_label;
  GtkWidget            *list;
  GtkWidget            *upload_list;
  GtkWidget            *empty_label;
};

G_DEFINE_FINAL_TYPE (AlgaAttachmentsSection, alga_attachments_section, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_N_UPLOADS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GWeakRef      section;
  GCancellable *cancellable;
  GtkWidget    *row;
  GtkWidget    *bar;
  char         *name;
} Upload;

static void
upload_free (gpointer data)
{
  Upload *upload = data;

  g_weak_ref_clear (&upload->section);
  g_clear_object (&upload->cancellable);
  g_clear_object (&upload->bar);
  g_free (upload->name);
  g_free (upload);
}

/* The list ------------------------------------------------------------------------------- */

static void
update_count (AlgaAttachmentsSection *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  g_autofree char *text = g_strdup_printf ("%u", n);

  if (self->uploads == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->count_label), n > 0 ? text : "");
  gtk_widget_set_visible (self->list, n > 0);
  gtk_widget_set_visible (self->empty_label, n == 0 && self->uploads->len == 0);
  gtk_widget_set_visible (self->upload_list, self->uploads->len > 0);
}

static void
on_documents_listed_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  AlgaAttachmentsSection *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents =
    alga_ticket_repository_list_documents_finish (ALGA_TICKET_REPOSITORY (source), result, &error);

  if (alga_gui_error_is_cancelled (error))
    return;
  self = ALGA_ATTACHMENTS_SECTION (user_data);
  if (documents == NULL)
    {
      alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not read the attachments."), error);
      return;
    }
  g_list_store_splice (self->documents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
                       documents->pdata, documents->len);
  update_count (self);
}

void
alga_attachments_section_reload (AlgaAttachmentsSection *self)
{
  g_return_if_fail (ALGA_IS_ATTACHMENTS_SECTION (self));

  if (self->tickets == NULL || self->ticket_id == NULL)
    return;
  alga_ticket_repository_list_documents_async (self->tickets, self->ticket_id, self->cancellable,
                                               on_documents_listed_cb, self);
}

/* Opening and saving ------------------------------------------------------------------------ */

typedef struct
{
  GWeakRef  section;
  GFile    *file;
  char     *name;
  gboolean  open;
} Download;

static void
download_free (Download *download)
{
  g_weak_ref_clear (&download->section);
  g_clear_object (&download->file);
  g_free (download->name);
  g_free (download);
}

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(AlgaAttachmentsSection) self = g_weak_ref_get (&download->section);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && self != NULL &&
      !alga_gui_error_is_cancelled (error))
    {
      g_autofree char *title = g_strdup_printf (_("No application could open “%s”: %s"),
                                                download->name, error->message);

      alga_gui_show_toast (GTK_WIDGET (self), title);
    }
  download_free (download);
}

static void
on_downloaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(AlgaAttachmentsSection) self = g_weak_ref_get (&download->section);
  g_autoptr(GError) error = NULL;
  g_autofree char *server_name =
    alga_ticket_repository_download_document_finish (ALGA_TICKET_REPOSITORY (source), result, &error);
  g_autofree char *title = NULL;

  if (server_name == NULL || self == NULL)
    {
      if (self != NULL && !alga_gui_error_is_cancelled (error))
        {
          title = g_strdup_printf (_("Could not download “%s”."), download->name);
          alga_gui_show_error_toast (GTK_WIDGET (self), title, error);
        }
      download_free (download);
      return;
    }

  if (download->open)
    {
      g_autofree char *uri = g_file_get_uri (download->file);
      g_autoptr(GAppLaunchContext) context =
        G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));

      g_app_info_launch_default_for_uri_async (uri, context, NULL, on_launched_cb, download);
      return;
    }
  /* Translators: a toast after "Save As"; the name of the file saved. */
  title = g_strdup_printf (_("Saved “%s”"), download->name);
  alga_gui_show_toast (GTK_WIDGET (self), title);
  download_free (download);
}

static void
download (AlgaAttachmentsSection *self,
          AlgaDocument           *document,
          GFile                  *destination,
          gboolean                open)
{
  Download *d = g_new0 (Download, 1);

  g_weak_ref_init (&d->section, self);
  d->file = g_object_ref (destination);
  d->name = g_strdup (alga_document_get_name (document));
  d->open = open;
  alga_ticket_repository_download_document_async (self->tickets, self->ticket_id,
                                                  alga_document_get_document_id (document), destination,
                                                  alga_document_get_size (document), NULL, NULL,
                                                  self->cancellable, on_downloaded_cb, d);
}

void
alga_attachments_section_save_document (AlgaAttachmentsSection *self,
                                        AlgaDocument           *document,
                                        GFile                  *destination)
{
  g_return_if_fail (ALGA_IS_ATTACHMENTS_SECTION (self));
  g_return_if_fail (ALGA_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (destination));

  download (self, document, destination, FALSE);
}

/* Opening downloads into the cache, one folder per document, under the document's own name so
 * that the application opening it shows that name. */
static void
open_document (AlgaAttachmentsSection *self,
               AlgaDocument           *document)
{
  g_autofree char *safe = alga_document_safe_file_name (alga_document_get_name (document));
  g_autofree char *id = alga_document_safe_file_name (alga_document_get_document_id (document));
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "alga-desktop", "documents", id, NULL);
  g_autofree char *path = g_build_filename (dir, safe, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_autofree char *title = g_strdup_printf (_("Could not open “%s”: there is no room for it in %s."),
                                                alga_document_get_name (document), dir);

      alga_gui_show_toast (GTK_WIDGET (self), title);
      return;
    }
  download (self, document, file, TRUE);
}

static void
on_save_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         user_data)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (user_data);
  AlgaDocument *document = g_object_get_data (G_OBJECT (chooser), "document");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    download (self, document, file, FALSE);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_as (AlgaAttachmentsSection *self,
         AlgaDocument           *document)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = alga_document_safe_file_name (alga_document_get_name (document));

  chooser = gtk_file_chooser_native_new (_("Save Attachment"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "document", g_object_ref (document), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Deleting ---------------------------------------------------------------------------------- */

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AlgaDocument) document = user_data;
  g_autoptr(GError) error = NULL;
  AlgaAttachmentsSection *self;
  g_autofree char *title = NULL;
  guint position;

  if (!alga_ticket_repository_delete_document_finish (ALGA_TICKET_REPOSITORY (source), result, &error) &&
      alga_gui_error_is_cancelled (error))
    return;
  self = g_object_get_data (G_OBJECT (document), "alga-section");
  if (error != NULL)
    {
      title = g_strdup_printf (_("Could not delete “%s”."), alga_document_get_name (document));
      alga_gui_show_error_toast (GTK_WIDGET (self), title, error);
      return;
    }
  if (g_list_store_find (self->documents, document, &position))
    g_list_store_remove (self->documents, position);
  update_count (self);
  title = g_strdup_printf (_("Deleted “%s”"), alga_document_get_name (document));
  alga_gui_show_toast (GTK_WIDGET (self), title);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (user_data);
  AlgaDocument *document = g_object_get_data (G_OBJECT (dialog), "document");

  if (g_str_equal (response, "delete"))
    {
      /* Cancelled with the section: then nothing of it is touched. */
      g_object_set_data (G_OBJECT (document), "alga-section", self);
      alga_ticket_repository_delete_document_async (self->tickets, self->ticket_id,
                                                    alga_document_get_document_id (document),
                                                    self->cancellable, on_deleted_cb, g_object_ref (document));
    }
}

static void
confirm_delete (AlgaAttachmentsSection *self,
                AlgaDocument           *document)
{
  GtkWidget *dialog;
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), alga_document_get_name (document));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("The attachment is removed from the ticket for everyone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "document", g_object_ref (document), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rows ------------------------------------------------------------------------------------- */

static void
on_row_button_clicked_cb (GtkButton *button,
                          gpointer   user_data)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (user_data);
  AlgaDocument *document = g_object_get_data (G_OBJECT (button), "document");
  const char *what = gtk_widget_get_name (GTK_WIDGET (button));

  if (g_str_equal (what, "open"))
    open_document (self, document);
  else if (g_str_equal (what, "save"))
    save_as (self, document);
  else if (g_str_equal (what, "delete"))
    confirm_delete (self, document);
}

static GtkWidget *
row_button (AlgaAttachmentsSection *self,
            AlgaDocument           *document,
            const char             *what,
            const char             *icon,
            const char             *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, what);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "document", g_object_ref (document), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_row_button_clicked_cb), self, 0);
  return button;
}

static GIcon *
type_icon (const char *mime_type)
{
  g_autofree char *content_type = g_content_type_from_mime_type (mime_type != NULL ? mime_type : "application/octet-stream");

  return g_content_type_get_symbolic_icon (content_type != NULL ? content_type : "application/octet-stream");
}

static GtkWidget *
create_document_row (gpointer item,
                     gpointer user_data)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (user_data);
  AlgaDocument *document = ALGA_DOCUMENT (item);
  g_autoptr(GIcon) icon = type_icon (alga_document_get_mime_type (document));
  g_autofree char *size = g_format_size (MAX (alga_document_get_size (document), 0));
  g_autoptr(GDateTime) now = alga_minute_clock_dup_now (alga_minute_clock_get_default ());
  g_autofree char *date = alga_date_format_relative (alga_document_get_updated_at (document), now);
  g_autofree char *exact = alga_date_format_exact (alga_document_get_updated_at (document));
  const char *who = alga_document_get_created_by_name (document);
  g_autofree char *subtitle = NULL;
  g_autofree char *open_label = NULL;
  g_autofree char *save_label = NULL;
  g_autofree char *delete_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_gicon (icon);
  const char *name = alga_document_get_name (document);

  /* Translators: an attachment's size, date and uploader: "12.3 kB · 5 minutes ago · Ann Lee". */
  subtitle = who != NULL ? g_strdup_printf (_("%s · %s · %s"), size, date, who)
                         : g_strdup_printf (_("%s · %s"), size, date);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_tooltip_text (row, exact);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alga_document_get_mime_type (document), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);

  open_label = g_strdup_printf (_("Open “%s”"), name);
  save_label = g_strdup_printf (_("Save “%s” As…"), name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, document, "open", "document-open-symbolic", open_label));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, document, "save", "document-save-as-symbolic", save_label));
  /* The server's rule for others' documents was never seen; only the uploader is offered it. */
  if (self->user_id != NULL && g_strcmp0 (alga_document_get_created_by (document), self->user_id) == 0)
    {
      delete_label = g_strdup_printf (_("Delete “%s”"), name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, document, "delete", "user-trash-symbolic", delete_label));
    }
  return row;
}

/* Uploading -------------------------------------------------------------------------------- */

static void
on_upload_progress_cb (goffset  done,
                       goffset  total,
                       gpointer user_data)
{
  Upload *upload = user_data;

  if (total > 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (upload->bar), (double) done / total);
}

static void
end_upload (AlgaAttachmentsSection *self,
            Upload                 *upload)
{
  gtk_list_box_remove (GTK_LIST_BOX (self->upload_list), upload->row);
  g_ptr_array_remove (self->uploads, upload);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UPLOADS]);
}

static void
on_uploaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Upload *upload = user_data;
  g_autoptr(AlgaAttachmentsSection) self = g_weak_ref_get (&upload->section);
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaDocument) document =
    alga_ticket_repository_upload_document_finish (ALGA_TICKET_REPOSITORY (source), result, &error);
  g_autofree char *title = NULL;

  if (self == NULL || !g_ptr_array_find (self->uploads, upload, NULL))
    {
      upload_free (upload);
      return;
    }
  if (document == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        {
          title = g_strdup_printf (_("Could not attach “%s”."), upload->name);
          alga_gui_show_error_toast (GTK_WIDGET (self), title, error);
        }
      end_upload (self, upload);
      return;
    }
  g_list_store_insert (self->documents, 0, document);
  end_upload (self, upload);
  title = g_strdup_printf (_("Attached “%s”"), alga_document_get_name (document));
  alga_gui_show_toast (GTK_WIDGET (self), title);
}

static void
on_cancel_upload_clicked_cb (GtkButton *button,
                             gpointer   user_data)
{
  Upload *upload = user_data;

  g_cancellable_cancel (upload->cancellable);
}

static Upload *
add_upload_row (AlgaAttachmentsSection *self,
                const char             *name)
{
  Upload *upload = g_new0 (Upload, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  g_autofree char *cancel_label = g_strdup_printf (_("Cancel attaching “%s”"), name);
  /* Translators: shown while a file is sent to the server. */
  g_autofree char *subtitle = g_strdup_printf (_("Attaching “%s”…"), name);

  g_weak_ref_init (&upload->section, self);
  upload->cancellable = g_cancellable_new ();
  upload->name = g_strdup (name);
  upload->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (upload->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (upload->row), subtitle);
  /* Held: progress may still be told while the section goes away. */
  upload->bar = g_object_ref_sink (gtk_progress_bar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (upload->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle, -1);
  gtk_widget_set_hexpand (upload->bar, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), upload->bar);
  gtk_widget_set_size_request (box, 80, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (upload->row), box);
  gtk_widget_set_tooltip_text (cancel, cancel_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL, cancel_label, -1);
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_upload_clicked_cb), upload);
  adw_action_row_add_suffix (ADW_ACTION_ROW (upload->row), cancel);
  gtk_list_box_append (GTK_LIST_BOX (self->upload_list), upload->row);
  g_ptr_array_add (self->uploads, upload);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UPLOADS]);
  return upload;
}

static void
start_upload (AlgaAttachmentsSection *self,
              GFile                  *file,
              GBytes                 *content,
              const char             *name,
              const char             *content_type)
{
  Upload *upload = add_upload_row (self, name);

  alga_ticket_repository_upload_document_async (self->tickets, self->ticket_id, file, content, name,
                                                content_type, on_upload_progress_cb, upload,
                                                upload->cancellable, on_uploaded_cb, upload);
}

typedef struct
{
  GWeakRef  section;
  GFile    *file;
} Query;

static void
on_file_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Query *query = user_data;
  g_autoptr(AlgaAttachmentsSection) self = g_weak_ref_get (&query->section);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);
  g_autofree char *title = NULL;
  const char *name;
  const char *content_type = NULL;

  g_weak_ref_clear (&query->section);
  g_clear_object (&query->file);
  g_free (query);
  if (self == NULL || self->tickets == NULL)
    return;

  if (info == NULL)
    {
      g_autofree char *basename = g_file_get_basename (G_FILE (source));

      title = g_strdup_printf (_("“%s” cannot be read: %s"), basename, error->message);
      alga_gui_show_toast (GTK_WIDGET (self), title);
      return;
    }
  name = g_file_info_get_display_name (info);
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      title = g_strdup_printf (_("“%s” is a folder. Only files can be attached."), name);
      alga_gui_show_toast (GTK_WIDGET (self), title);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      title = g_strdup_printf (_("“%s” is not a file that can be attached."), name);
      alga_gui_show_toast (GTK_WIDGET (self), title);
      return;
    }
  if (!alga_client_document_fits (name, g_file_info_get_size (info)))
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));

      title = g_strdup_printf (_("“%s” is %s. The server accepts attachments up to 100 MB."), name, size);
      alga_gui_show_toast (GTK_WIDGET (self), title);
      return;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE))
    content_type = g_file_info_get_content_type (info);
  {
    g_autofree char *mime = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;

    start_upload (self, G_FILE (source), NULL, name, mime);
  }
}

/**
 * alga_attachments_section_attach_file:
 * @self: a section
 * @file: a file the technician chose, dropped or pasted
 *
 * Attaches @file to the ticket, unless it cannot succeed (a folder, more than the server
 * takes), which is said in a toast instead.
 */
void
alga_attachments_section_attach_file (AlgaAttachmentsSection *self,
                                      GFile                  *file)
{
  Query *query;

  g_return_if_fail (ALGA_IS_ATTACHMENTS_SECTION (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->tickets == NULL)
    return;
  query = g_new0 (Query, 1);
  g_weak_ref_init (&query->section, self);
  query->file = g_object_ref (file);
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           on_file_checked_cb, query);
}

static void
on_attach_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          alga_attachments_section_attach_file (self, file);
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_attach_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (user_data);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach Files"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_attach_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Dropping and pasting --------------------------------------------------------------------- */

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            gpointer       user_data)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (user_data);
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->tickets == NULL)
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    alga_attachments_section_attach_file (self, l->data);
  return files != NULL;
}

static void
on_texture_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree GWeakRef *weak = user_data;
  g_autoptr(AlgaAttachmentsSection) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;

  g_weak_ref_clear (weak);
  if (self == NULL || self->tickets == NULL)
    return;
  if (texture == NULL)
    {
      alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not read the pasted image."), error);
      return;
    }
  png = gdk_texture_save_to_png_bytes (texture);
  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y-%m-%d %H.%M.%S");
  /* Translators: the file name of a pasted image; the time it was pasted. */
  name = g_strdup_printf (_("Pasted image %s.png"), stamp);
  if (!alga_client_document_fits (name, g_bytes_get_size (png)))
    {
      alga_gui_show_toast (GTK_WIDGET (self), _("The pasted image is larger than the server accepts (100 MB)."));
      return;
    }
  start_upload (self, NULL, png, name, "image/png");
}

static void
on_files_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree GWeakRef *weak = user_data;
  g_autoptr(AlgaAttachmentsSection) self = g_weak_ref_get (weak);
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, NULL);

  g_weak_ref_clear (weak);
  if (self == NULL || value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return;
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    alga_attachments_section_attach_file (self, l->data);
}

/**
 * alga_attachments_section_paste:
 * @self: a section
 *
 * Attaches what the clipboard holds if it is an image or files, not text: text is for the
 * field that has the focus.
 *
 * Returns: whether the clipboard held something to attach
 */
gboolean
alga_attachments_section_paste (AlgaAttachmentsSection *self)
{
  GdkClipboard *clipboard;
  GdkContentFormats *formats;
  GWeakRef *weak;

  g_return_val_if_fail (ALGA_IS_ATTACHMENTS_SECTION (self), FALSE);

  if (self->tickets == NULL)
    return FALSE;
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = gdk_clipboard_get_formats (clipboard);
  if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) &&
      !gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    return FALSE;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL, on_files_read_cb, weak);
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, NULL, on_texture_read_cb, weak);
  else
    {
      g_free (weak);
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_paste_shortcut_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  return alga_attachments_section_paste (ALGA_ATTACHMENTS_SECTION (user_data));
}

/**
 * alga_attachments_section_install_on:
 * @self: a section
 * @target: the widget files may be dropped onto, and inside which Ctrl+V pastes an image
 *
 * Ctrl+V is caught before the focused field sees it, and let through unless the clipboard holds
 * an image or files rather than text.
 */
void
alga_attachments_section_install_on (AlgaAttachmentsSection *self,
                                     GtkWidget              *target)
{
  GtkDropTarget *drop;
  GtkEventController *shortcuts;
  GtkShortcut *paste;

  g_return_if_fail (ALGA_IS_ATTACHMENTS_SECTION (self));
  g_return_if_fail (GTK_IS_WIDGET (target));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (target, GTK_EVENT_CONTROLLER (drop));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  paste = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>v"),
                            gtk_callback_action_new (on_paste_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), paste);
  gtk_widget_add_controller (target, shortcuts);
}

/* The widget ------------------------------------------------------------------------------- */

void
alga_attachments_section_set_ticket (AlgaAttachmentsSection *self,
                                     AlgaTicketRepository   *tickets,
                                     const char             *ticket_id,
                                     const char             *user_id)
{
  g_return_if_fail (ALGA_IS_ATTACHMENTS_SECTION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->tickets, tickets);
  g_free (self->ticket_id);
  self->ticket_id = g_strdup (ticket_id);
  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  g_list_store_remove_all (self->documents);
  update_count (self);
  alga_attachments_section_reload (self);
}

GListModel *
alga_attachments_section_get_documents (AlgaAttachmentsSection *self)
{
  g_return_val_if_fail (ALGA_IS_ATTACHMENTS_SECTION (self), NULL);

  return G_LIST_MODEL (self->documents);
}

guint
alga_attachments_section_get_n_uploads (AlgaAttachmentsSection *self)
{
  g_return_val_if_fail (ALGA_IS_ATTACHMENTS_SECTION (self), 0);

  return self->uploads->len;
}

static void
alga_attachments_section_dispose (GObject *object)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* Each upload's callback finds the section gone and frees it. */
  if (self->uploads != NULL)
    {
      g_ptr_array_set_free_func (self->uploads, NULL);
      for (guint i = 0; i < self->uploads->len; i++)
        g_cancellable_cancel (((Upload *) g_ptr_array_index (self->uploads, i))->cancellable);
      g_clear_pointer (&self->uploads, g_ptr_array_unref);
    }
  g_clear_object (&self->tickets);

  G_OBJECT_CLASS (alga_attachments_section_parent_class)->dispose (object);
}

static void
alga_attachments_section_finalize (GObject *object)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (object);

  g_clear_object (&self->documents);
  g_free (self->ticket_id);
  g_free (self->user_id);

  G_OBJECT_CLASS (alga_attachments_section_parent_class)->finalize (object);
}

static void
alga_attachments_section_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AlgaAttachmentsSection *self = ALGA_ATTACHMENTS_SECTION (object);

  switch (prop_id)
    {
    case PROP_N_UPLOADS:
      g_value_set_uint (value, self->uploads != NULL ? self->uploads->len : 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_attachments_section_class_init (AlgaAttachmentsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_attachments_section_dispose;
  object_class->finalize = alga_attachments_section_finalize;
  object_class->get_property = alga_attachments_section_get_property;

  properties[PROP_N_UPLOADS] =
    g_param_spec_uint ("n-uploads", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
alga_attachments_section_init (AlgaAttachmentsSection *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Attachments"));
  GtkWidget *attach = gtk_button_new ();
  GtkWidget *attach_content = adw_button_content_new ();

  self->cancellable = g_cancellable_new ();
  self->documents = g_list_store_new (ALGA_TYPE_DOCUMENT);
  self->uploads = g_ptr_array_new_with_free_func (upload_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attachments"), -1);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (header), title);
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_set_hexpand (self->count_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 0);
  gtk_box_append (GTK_BOX (header), self->count_label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (attach_content), "mail-attachment-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (attach_content), _("_Attach File…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (attach_content), TRUE);
  gtk_button_set_child (GTK_BUTTON (attach), attach_content);
  gtk_widget_add_css_class (attach, "flat");
  gtk_widget_set_tooltip_text (attach, _("Attach files to the ticket; you can also drop them on it or paste an image"));
  g_signal_connect_object (attach, "clicked", G_CALLBACK (on_attach_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (header), attach);
  gtk_box_append (GTK_BOX (box), header);

  self->upload_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->upload_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->upload_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->upload_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Attachments being sent"), -1);
  gtk_box_append (GTK_BOX (box), self->upload_list);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attachments"), -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->documents),
                           create_document_row, self, NULL);
  gtk_box_append (GTK_BOX (box), self->list);

  self->empty_label = gtk_label_new (_("No attachments. Drop files on the ticket or paste an image to attach them."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->empty_label);

  adw_bin_set_child (ADW_BIN (self), box);
  update_count (self);
}

GtkWidget *
alga_attachments_section_new (void)
{
  return g_object_new (ALGA_TYPE_ATTACHMENTS_SECTION, NULL);
}
