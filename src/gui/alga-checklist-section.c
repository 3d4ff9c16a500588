/* alga-checklist-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's checklist: how much is done, the required items marked, ticking and unticking
 * (shown at once, put back if the server refuses), and adding an item. When the board's close
 * rule refuses closing, the first required item not done is shown and focused
 * (docs/API.md, Checklist and close rules).
 */

#define G_LOG_DOMAIN "alga-checklist-section"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-checklist-section.h"
#include "alga-gui-util.h"
#include "alga-ticket-repository-parts.h"

struct _AlgaChecklistSection
{
  AdwBin                parent_instance;

  AlgaTicketRepository *tickets;
  char                 *ticket_id;
  GCancellable         *cancellable;
  GListStore           *items;       /* AlgaChecklistItem */
  gboolean              show_blocker_when_loaded;

  GtkWidget            *progress_label;
  GtkWidget            *list;
  GtkWidget            *add_row;
  GtkWidget            *required_check;
};

G_DEFINE_FINAL_TYPE (AlgaChecklistSection, alga_checklist_section, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_N_REQUIRED_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint
alga_checklist_section_get_n_required_open (AlgaChecklistSection *self)
{
  guint n = 0;

  g_return_val_if_fail (ALGA_IS_CHECKLIST_SECTION (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(AlgaChecklistItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (alga_checklist_item_get_is_required (item) && !alga_checklist_item_get_completed (item))
        n++;
    }
  return n;
}

static void
update_progress (AlgaChecklistSection *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint done = 0;
  guint required_open = alga_checklist_section_get_n_required_open (self);
  g_autofree char *text = NULL;

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(AlgaChecklistItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      done += alga_checklist_item_get_completed (item) ? 1 : 0;
    }
  if (total == 0)
    text = g_strdup (_("No items"));
  else if (required_open > 0)
    /* Translators: checklist progress, "2 of 5 done, 1 required open". */
    text = g_strdup_printf (ngettext ("%u of %u done, %u required open", "%u of %u done, %u required open",
                                      required_open), done, total, required_open);
  else
    /* Translators: checklist progress. */
    text = g_strdup_printf (_("%u of %u done"), done, total);
  gtk_label_set_text (GTK_LABEL (self->progress_label), text);
  gtk_widget_set_visible (self->list, total > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REQUIRED_OPEN]);
}

static GtkWidget *
find_row_check (AlgaChecklistSection *self,
                AlgaChecklistItem    *item)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "item") == item)
      return g_object_get_data (G_OBJECT (row), "check");
  return NULL;
}

/* Ticking ---------------------------------------------------------------------------------- */

static void on_check_toggled_cb (GtkCheckButton *check,
                                 gpointer        user_data);

static void
set_check_quietly (AlgaChecklistSection *self,
                   GtkWidget            *check,
                   gboolean              active)
{
  g_signal_handlers_block_by_func (check, on_check_toggled_cb, self);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_signal_handlers_unblock_by_func (check, on_check_toggled_cb, self);
}

static void
on_item_set_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlgaChecklistItem) item = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaChecklistItem) answer =
    alga_ticket_repository_set_checklist_item_done_finish (ALGA_TICKET_REPOSITORY (source), result, &error);
  AlgaChecklistSection *self;
  gboolean wanted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "alga-wanted"));
  GtkWidget *check;

  if (alga_gui_error_is_cancelled (error))
    return;
  self = g_object_get_data (G_OBJECT (item), "alga-section");
  check = find_row_check (self, item);
  if (answer == NULL)
    {
      g_autofree char *what = NULL;

      /* Put back what the server still has. */
      g_object_set (item, "completed", !wanted, NULL);
      if (check != NULL)
        set_check_quietly (self, check, !wanted);
      what = g_strdup_printf (wanted ? _("Could not tick “%s”.") : _("Could not untick “%s”."),
                              alga_checklist_item_get_name (item));
      alga_gui_show_error_toast (GTK_WIDGET (self), what, error);
      update_progress (self);
      return;
    }
  g_object_set (item,
                "completed", alga_checklist_item_get_completed (answer),
                "completed-by-name", alga_checklist_item_get_completed_by_name (answer),
                "completed-at", alga_checklist_item_get_completed_at (answer),
                NULL);
  if (check != NULL)
    set_check_quietly (self, check, alga_checklist_item_get_completed (answer));
  update_progress (self);
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     gpointer        user_data)
{
  AlgaChecklistSection *self = ALGA_CHECKLIST_SECTION (user_data);
  AlgaChecklistItem *item = g_object_get_data (G_OBJECT (check), "item");
  gboolean wanted = gtk_check_button_get_active (check);

  if (self->tickets == NULL)
    return;
  /* Shown at once; on_item_set_cb() puts it back if the server refuses. */
  g_object_set (item, "completed", wanted, NULL);
  g_object_set_data (G_OBJECT (item), "alga-wanted", GINT_TO_POINTER (wanted));
  g_object_set_data (G_OBJECT (item), "alga-section", self);
  gtk_widget_remove_css_class (gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW), "blocker");
  update_progress (self);
  alga_ticket_repository_set_checklist_item_done_async (self->tickets, self->ticket_id,
                                                        alga_checklist_item_get_item_id (item), wanted,
                                                        self->cancellable, on_item_set_cb, g_object_ref (item));
}

static char *
row_subtitle (AlgaChecklistItem *item)
{
  const char *description = alga_checklist_item_get_description (item);
  g_autoptr(GString) text = g_string_new (NULL);

  if (alga_checklist_item_get_is_required (item))
    g_string_append (text, _("Required"));
  if (description != NULL && description[0] != '\0')
    g_string_append_printf (text, text->len > 0 ? " · %s" : "%s", description);
  if (alga_checklist_item_get_completed (item) && alga_checklist_item_get_completed_by_name (item) != NULL)
    {
      /* Translators: who ticked a checklist item. */
      g_autofree char *by = g_strdup_printf (_("done by %s"), alga_checklist_item_get_completed_by_name (item));

      g_string_append_printf (text, text->len > 0 ? " · %s" : "%s", by);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_item_notify_cb (AlgaChecklistItem *item,
                   GParamSpec        *pspec,
                   gpointer           user_data)
{
  g_autofree char *subtitle = row_subtitle (item);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (user_data), subtitle);
}

static GtkWidget *
create_item_row (gpointer object,
                 gpointer user_data)
{
  AlgaChecklistSection *self = ALGA_CHECKLIST_SECTION (user_data);
  AlgaChecklistItem *item = ALGA_CHECKLIST_ITEM (object);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = row_subtitle (item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alga_checklist_item_get_name (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), alga_checklist_item_get_completed (item));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alga_checklist_item_get_name (item), -1);
  g_object_set_data (G_OBJECT (check), "item", item);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (alga_checklist_item_get_is_required (item))
    gtk_widget_add_css_class (row, "required");
  g_object_set_data (G_OBJECT (row), "item", item);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_signal_connect_object (item, "notify::completed", G_CALLBACK (on_item_notify_cb), row, 0);
  return row;
}

/* Loading and adding ------------------------------------------------------------------------ */

static void
on_items_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AlgaChecklistSection *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items =
    alga_ticket_repository_list_checklist_finish (ALGA_TICKET_REPOSITORY (source), result, &error);

  if (alga_gui_error_is_cancelled (error))
    return;
  self = ALGA_CHECKLIST_SECTION (user_data);
  if (items == NULL)
    {
      alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not read the checklist."), error);
      return;
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_progress (self);
  if (self->show_blocker_when_loaded)
    {
      self->show_blocker_when_loaded = FALSE;
      alga_checklist_section_show_blocker (self);
    }
}

void
alga_checklist_section_reload (AlgaChecklistSection *self)
{
  g_return_if_fail (ALGA_IS_CHECKLIST_SECTION (self));

  if (self->tickets == NULL || self->ticket_id == NULL)
    return;
  alga_ticket_repository_list_checklist_async (self->tickets, self->ticket_id, self->cancellable,
                                               on_items_listed_cb, self);
}

static void
on_item_added_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AlgaChecklistSection *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaChecklistItem) item =
    alga_ticket_repository_add_checklist_item_finish (ALGA_TICKET_REPOSITORY (source), result, &error);

  if (alga_gui_error_is_cancelled (error))
    return;
  self = ALGA_CHECKLIST_SECTION (user_data);
  gtk_widget_set_sensitive (self->add_row, TRUE);
  if (item == NULL)
    {
      /* What was typed stays in the field for another try. */
      alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not add the item."), error);
      return;
    }
  g_list_store_append (self->items, item);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  update_progress (self);
}

static void
on_add_apply_cb (AdwEntryRow *row,
                 gpointer     user_data)
{
  AlgaChecklistSection *self = ALGA_CHECKLIST_SECTION (user_data);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->tickets == NULL)
    return;
  if (name[0] == '\0')
    {
      alga_gui_show_toast (GTK_WIDGET (self), _("An item needs a name."));
      return;
    }
  gtk_widget_set_sensitive (self->add_row, FALSE);
  alga_ticket_repository_add_checklist_item_async (self->tickets, self->ticket_id, name,
                                                   gtk_check_button_get_active (GTK_CHECK_BUTTON (self->required_check)),
                                                   self->cancellable, on_item_added_cb, self);
}

gboolean
alga_checklist_section_show_blocker (AlgaChecklistSection *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_SECTION (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      AlgaChecklistItem *item = g_object_get_data (G_OBJECT (row), "item");

      if (item != NULL && alga_checklist_item_get_is_required (item) && !alga_checklist_item_get_completed (item))
        {
          gtk_widget_add_css_class (row, "blocker");
          gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "check"));
          return TRUE;
        }
    }
  /* The list may be older than the server's: read it again and look once more. */
  self->show_blocker_when_loaded = TRUE;
  alga_checklist_section_reload (self);
  return FALSE;
}

/* The widget ------------------------------------------------------------------------------- */

void
alga_checklist_section_set_ticket (AlgaChecklistSection *self,
                                   AlgaTicketRepository *tickets,
                                   const char           *ticket_id)
{
  g_return_if_fail (ALGA_IS_CHECKLIST_SECTION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->tickets, tickets);
  g_free (self->ticket_id);
  self->ticket_id = g_strdup (ticket_id);
  self->show_blocker_when_loaded = FALSE;
  g_list_store_remove_all (self->items);
  update_progress (self);
  alga_checklist_section_reload (self);
}

GListModel *
alga_checklist_section_get_items (AlgaChecklistSection *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_SECTION (self), NULL);

  return G_LIST_MODEL (self->items);
}

static void
alga_checklist_section_dispose (GObject *object)
{
  AlgaChecklistSection *self = ALGA_CHECKLIST_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->tickets);

  G_OBJECT_CLASS (alga_checklist_section_parent_class)->dispose (object);
}

static void
alga_checklist_section_finalize (GObject *object)
{
  AlgaChecklistSection *self = ALGA_CHECKLIST_SECTION (object);

  g_clear_object (&self->items);
  g_free (self->ticket_id);

  G_OBJECT_CLASS (alga_checklist_section_parent_class)->finalize (object);
}

static void
alga_checklist_section_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AlgaChecklistSection *self = ALGA_CHECKLIST_SECTION (object);

  switch (prop_id)
    {
    case PROP_N_REQUIRED_OPEN:
      g_value_set_uint (value, alga_checklist_section_get_n_required_open (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_checklist_section_class_init (AlgaChecklistSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_checklist_section_dispose;
  object_class->finalize = alga_checklist_section_finalize;
  object_class->get_property = alga_checklist_section_get_property;

  properties[PROP_N_REQUIRED_OPEN] =
    g_param_spec_uint ("n-required-open", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
alga_checklist_section_init (AlgaChecklistSection *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Checklist"));
  GtkWidget *add_list = gtk_list_box_new ();

  self->cancellable = g_cancellable_new ();
  self->items = g_list_store_new (ALGA_TYPE_CHECKLIST_ITEM);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checklist"), -1);

  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);
  self->progress_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->progress_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->progress_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->progress_label), TRUE);
  gtk_widget_set_hexpand (self->progress_label, TRUE);
  gtk_box_append (GTK_BOX (header), self->progress_label);
  gtk_box_append (GTK_BOX (box), header);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checklist items"), -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->items), create_item_row, self, NULL);
  gtk_box_append (GTK_BOX (box), self->list);

  self->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add an item"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  g_signal_connect_object (self->add_row, "apply", G_CALLBACK (on_add_apply_cb), self, 0);
  g_signal_connect_object (self->add_row, "entry-activated", G_CALLBACK (on_add_apply_cb), self, 0);
  self->required_check = gtk_check_button_new_with_mnemonic (_("_Required"));
  gtk_widget_set_tooltip_text (self->required_check, _("Closing the ticket waits for required items"));
  /* The server makes an item required unless told otherwise; the form starts the same way. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->required_check), TRUE);
  gtk_widget_set_valign (self->required_check, GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->add_row), self->required_check);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (add_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (add_list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (add_list), self->add_row);
  gtk_box_append (GTK_BOX (box), add_list);

  adw_bin_set_child (ADW_BIN (self), box);
  update_progress (self);
}

GtkWidget *
alga_checklist_section_new (void)
{
  return g_object_new (ALGA_TYPE_CHECKLIST_SECTION, NULL);
}
