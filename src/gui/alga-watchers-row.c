/* alga-watchers-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The watchers of a ticket. Alga keeps two lists in a ticket's attributes: the server's
 * watch_list, which it e-mails, and the phone app's watcher_user_ids, which it does not; a row
 * says which of them someone is on.
 */

#define G_LOG_DOMAIN "alga-watchers-row"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-watchers-row.h"

#include "alga-assignee-picker.h"
#include "alga-watch-list.h"

struct _AlgaWatchersRow
{
  AdwExpanderRow      parent_instance;

  char               *user_id;
  char               *user_email;
  gboolean            busy;
  GPtrArray          *rows;

  GtkSpinner         *watchers_spinner;
  GtkMenuButton      *add_watcher_button;
  AlgaAssigneePicker *watcher_picker;
};

G_DEFINE_FINAL_TYPE (AlgaWatchersRow, alga_watchers_row, ADW_TYPE_EXPANDER_ROW)

enum {
  ADD_REQUESTED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_remove_clicked_cb (GtkButton       *button,
                      AlgaWatchersRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0,
                 g_object_get_data (G_OBJECT (button), "user-id"),
                 g_object_get_data (G_OBJECT (button), "email"));
}

static void
on_watcher_picker_user_picked_cb (AlgaWatchersRow *self,
                                  const char      *user_id,
                                  const char      *display_name)
{
  if (user_id != NULL)
    g_signal_emit (self, signals[ADD_REQUESTED], 0, user_id, display_name);
}

static char *
watcher_name (AlgaWatchersRow   *self,
              AlgaWatchEntry    *entry,
              AlgaTicketChoices *choices)
{
  const char *known = alga_ticket_choices_get_user_name (choices, entry->user_id);

  if (entry->user_id != NULL && g_strcmp0 (entry->user_id, self->user_id) == 0)
    return g_strdup (_("You"));
  if (entry->name != NULL && entry->name[0] != '\0')
    return g_strdup (entry->name);
  if (known != NULL)
    return g_strdup (known);
  if (entry->user_id != NULL && entry->email == NULL)
    return g_strdup (_("Unknown person"));
  return g_strdup (entry->email);
}

static GtkWidget *
watcher_row_new (AlgaWatchersRow   *self,
                 AlgaWatchEntry    *entry,
                 AlgaTicketChoices *choices)
{
  g_autofree char *name = watcher_name (self, entry, choices);
  g_autofree char *remove_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  /* Only the server's list is e-mailed; the phone app's is not. */
  if (!entry->emailed)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not e-mailed by Alga: seen in the phone app only"));
  else if (g_strcmp0 (name, entry->email) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->email);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("E-mailed by Alga"));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* Translators: a button that stops someone watching the ticket. */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (remove), "user-id", g_strdup (entry->user_id), g_free);
  g_object_set_data_full (G_OBJECT (remove), "email", g_strdup (entry->email), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_widget_set_sensitive (row, !self->busy);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
alga_watchers_row_dispose (GObject *object)
{
  AlgaWatchersRow *self = ALGA_WATCHERS_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), ALGA_TYPE_WATCHERS_ROW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_watchers_row_parent_class)->dispose (object);
}

static void
alga_watchers_row_finalize (GObject *object)
{
  AlgaWatchersRow *self = ALGA_WATCHERS_ROW (object);

  g_free (self->user_id);
  g_free (self->user_email);

  G_OBJECT_CLASS (alga_watchers_row_parent_class)->finalize (object);
}

static void
alga_watchers_row_class_init (AlgaWatchersRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_watchers_row_dispose;
  object_class->finalize = alga_watchers_row_finalize;

  /**
   * AlgaWatchersRow::add-requested:
   * @user_id: who is to watch
   * @display_name: (nullable): their name
   */
  signals[ADD_REQUESTED] =
    g_signal_new ("add-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * AlgaWatchersRow::remove-requested:
   * @user_id: (nullable): who is to stop watching
   * @email: (nullable): their address, for an entry of the watch list without an id
   */
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (ALGA_TYPE_ASSIGNEE_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-watchers-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaWatchersRow, watchers_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaWatchersRow, add_watcher_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWatchersRow, watcher_picker);
  gtk_widget_class_bind_template_callback (widget_class, on_watcher_picker_user_picked_cb);
}

static void
alga_watchers_row_init (AlgaWatchersRow *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Server text is not markup: a person named "A & B" must show as written. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

void
alga_watchers_row_set_account (AlgaWatchersRow   *self,
                               AlgaClient        *client,
                               AlgaReferenceData *reference_data,
                               const char        *user_id,
                               const char        *user_email)
{
  g_return_if_fail (ALGA_IS_WATCHERS_ROW (self));

  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  g_free (self->user_email);
  self->user_email = g_strdup (user_email);
  alga_assignee_picker_set_client (self->watcher_picker, client);
  alga_assignee_picker_set_reference_data (self->watcher_picker, reference_data);
  alga_assignee_picker_set_user_id (self->watcher_picker, user_id);
}

void
alga_watchers_row_show (AlgaWatchersRow   *self,
                        AlgaTicket        *ticket,
                        AlgaTicketChoices *choices)
{
  g_autoptr(JsonObject) attributes = NULL;
  g_autoptr(GPtrArray) watchers = NULL;
  g_autofree char *subtitle = NULL;
  guint n;

  g_return_if_fail (ALGA_IS_WATCHERS_ROW (self));
  g_return_if_fail (ALGA_IS_TICKET (ticket));

  attributes = alga_ticket_dup_attributes (ticket);
  watchers = alga_watch_list_dup_watchers (attributes);
  n = watchers->len;

  for (guint i = 0; i < self->rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = watcher_row_new (self, g_ptr_array_index (watchers, i), choices);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->rows, row);
    }

  if (n == 0)
    subtitle = g_strdup (_("No one"));
  else if (self->user_id != NULL && alga_watch_list_has_user (attributes, self->user_id, self->user_email))
    /* Translators: who watches the ticket: the technician, and how many others. */
    subtitle = n == 1 ? g_strdup (_("You"))
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You and %u more", "You and %u more",
                                                      n - 1), n - 1);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", n), n);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), n > 0);
}

void
alga_watchers_row_set_busy (AlgaWatchersRow *self,
                            gboolean         busy)
{
  g_return_if_fail (ALGA_IS_WATCHERS_ROW (self));

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->watchers_spinner), busy);
  gtk_spinner_set_spinning (self->watchers_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_watcher_button), !busy);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->rows, i), !busy);
}
