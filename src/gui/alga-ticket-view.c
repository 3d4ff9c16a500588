/* alga-ticket-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail pane: every field of one ticket, and the edits a technician makes to it. Edits
 * go to the server first; the ticket object (the very one the list shows) changes only from
 * the server's answer, so the list and this pane never disagree with the server.
 */

#define G_LOG_DOMAIN "alga-ticket-view"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-view.h"

#include "alga-assignee-picker.h"
#include "alga-board.h"
#include "alga-comment-thread.h"
#include "alga-composer.h"
#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-priority.h"
#include "alga-priority-style.h"
#include "alga-rich-text-view.h"
#include "alga-status.h"
#include "alga-time-entry-dialog.h"
#include "alga-time-logged-toast.h"
#include "alga-time-summary.h"
#include "alga-user.h"
#include "alga-watch-list.h"

typedef enum
{
  FIELD_STATUS,
  FIELD_PRIORITY,
  FIELD_ASSIGNEE,
  FIELD_DUE_DATE,
  FIELD_WATCHERS,
  N_FIELDS
} Field;

struct _AlgaTicketView
{
  AdwBin            parent_instance;

  /* Where the ticket is read from and written to; the fields below are the account's. */
  AlgaAccount      *account;
  AlgaTicketRepository *tickets;
  AlgaClient       *client;
  char             *user_id;
  /* Who signed in, for the server's watch list, which e-mails its entries. */
  char             *user_email;
  char             *user_display_name;
  AlgaTicket       *ticket;

  /* Everything started for the current ticket; cancelled when it changes. */
  GCancellable     *cancellable;
  /* The account's shared lists (statuses, priorities, users). */
  AlgaReferenceData *reference_data;
  /* What the lists gave, kept for the view's life: board id → GListStore of AlgaStatus. */
  GHashTable       *statuses;
  GListStore       *priorities;
  /* What the priority row offers: the priorities of the ticket's board's kind. */
  GListStore       *offered_priorities;
  /* board id → AlgaPriorityKind, from the boards list. */
  GHashTable       *board_priority_kinds;
  gboolean          boards_loading;
  gboolean          boards_requested;
  GCancellable     *reference_cancellable;
  GHashTable       *user_names;
  GHashTable       *user_emails;   /* user id → e-mail, from the people the role may list */
  gboolean          users_requested;
  char             *loading_board_id;
  gboolean          priorities_loading;

  gboolean          loading;
  gboolean          busy[N_FIELDS];
  /* Set while the code, not the technician, moves a combo row. */
  guint             syncing;

  guint             update_idle_id;
  guint             resize_idle_id;
  /* While the server cannot be reached, the ticket is read again now and then to find out when
   * it is back (and edits with it). */
  guint             offline_retry_id;
  gboolean          description_dirty;

  GtkStack         *stack;
  GtkScrolledWindow *scrolled_window;
  GtkLabel         *number_label;
  GtkSpinner       *loading_spinner;
  GtkLabel         *title_label;
  GtkWidget        *conversation_heading;
  AlgaTimeSummary  *time_summary;
  /* The toast whose Undo Ctrl+Z presses: the last change's. */
  AdwToast         *undo_toast;
  /* The window whose focus the pane scrolls to (see on_root_focus_changed_cb). */
  GtkWidget        *root;
  gulong            focus_handler_id;
  /* A part of the pane being brought into view while the text above it is still laid out. */
  GtkWidget        *scroll_from;
  GtkWidget        *scroll_to;
  guint             scroll_tick_id;
  guint             scroll_frames;
  GtkLabel         *status_pill;
  GtkLabel         *priority_pill;
  GtkRevealer      *error_revealer;
  GtkImage         *error_icon;
  GtkLabel         *error_title;
  GtkLabel         *error_label;
  AdwComboRow      *status_row;
  GtkSpinner       *status_spinner;
  AdwComboRow      *priority_row;
  GtkSpinner       *priority_spinner;
  AdwActionRow     *assignee_row;
  GtkSpinner       *assignee_spinner;
  GtkMenuButton    *assignee_button;
  AlgaAssigneePicker *assignee_picker;
  AdwActionRow     *due_date_row;
  GtkSpinner       *due_date_spinner;
  GtkMenuButton    *due_date_button;
  GtkPopover       *due_date_popover;
  GtkCalendar      *due_date_calendar;
  GtkLabel         *due_date_note;
  GtkButton        *due_date_clear_button;
  AdwExpanderRow   *watchers_row;
  GtkSpinner       *watchers_spinner;
  GtkMenuButton    *add_watcher_button;
  AlgaAssigneePicker *watcher_picker;
  GPtrArray        *watcher_rows;
  AdwActionRow     *client_row;
  AdwActionRow     *client_email_row;
  GtkLabel         *client_email_label;
  AdwActionRow     *client_phone_row;
  GtkLabel         *client_phone_label;
  AdwActionRow     *contact_row;
  AdwActionRow     *contact_email_row;
  GtkLabel         *contact_email_label;
  AdwActionRow     *contact_phone_row;
  GtkLabel         *contact_phone_label;
  AdwActionRow     *location_row;
  AdwActionRow     *board_row;
  AdwActionRow     *category_row;
  AdwActionRow     *created_row;
  AdwActionRow     *updated_row;
  AdwActionRow     *closed_row;
  AdwActionRow     *tags_row;
  GtkFlowBox       *tags_box;
  AlgaRichTextView *description_view;
  GtkBox           *comments_box;
  AlgaCommentThread *comment_thread;
  AlgaComposer     *composer;
  AlgaDraftStore   *draft_store;
};

G_DEFINE_FINAL_TYPE (AlgaTicketView, alga_ticket_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_USER_ID,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One edit in flight: enough to finish it even if the technician moved on. */
typedef struct
{
  AlgaTicketView *self;
  AlgaTicket     *ticket;
  Field           field;
  char           *name;         /* the chosen status/priority/assignee name, for the toast */
  gboolean        is_closed;    /* the chosen status' is_closed */
  gboolean        name_known;   /* FALSE: the answer lacks a name we cannot supply */
  /* What the field held before, for Undo: an id (or the due date as the server writes it) and
   * its name. An edit that is itself an Undo offers none. */
  char           *old_value;
  char           *old_name;
  gboolean        old_closed;
  gboolean        is_undo;
} Edit;

static void
edit_free (Edit *edit)
{
  g_clear_object (&edit->ticket);
  g_free (edit->name);
  g_free (edit->old_value);
  g_free (edit->old_name);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Edit, edit_free)

static void load_detail         (AlgaTicketView *self);
static void load_reference_data (AlgaTicketView *self);
static void update_actions      (AlgaTicketView *self);

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), !is_empty (value));
}

/* A tel: URI keeps only what a dialler understands; spaces are not allowed in one. */
static char *
phone_uri (const char *phone)
{
  GString *uri = g_string_new ("tel:");

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || *p == '+' || *p == '*' || *p == '#')
      g_string_append_c (uri, *p);

  return g_string_free (uri, FALSE);
}

static void
set_link (AdwActionRow *row,
          GtkLabel     *label,
          const char   *scheme,
          const char   *value)
{
  g_autofree char *uri = NULL;
  g_autofree char *markup = NULL;

  gtk_widget_set_visible (GTK_WIDGET (row), !is_empty (value));
  if (is_empty (value))
    {
      gtk_label_set_label (label, "");
      return;
    }

  if (g_str_equal (scheme, "tel"))
    uri = phone_uri (value);
  else
    uri = g_strconcat ("mailto:", value, NULL);

  markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", uri, value);
  gtk_label_set_markup (label, markup);
  /* No tooltip: it would only repeat the link's own text (GTK's link tooltip says where). */
  gtk_widget_set_has_tooltip (GTK_WIDGET (label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, value,
                                  -1);
}

static void
set_date_row (AdwActionRow *row,
              GDateTime    *when,
              const char   *by)
{
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (when == NULL)
    {
      set_row_value (row, NULL);
      return;
    }

  date = alga_gui_format_date_time (when);
  if (!is_empty (by))
    /* Translators: when a ticket was created, then by whom. */
    text = g_strdup_printf (_("%s by %s"), date, by);
  else
    text = g_steal_pointer (&date);

  set_row_value (row, text);
}

static char *
user_name (AlgaTicketView *self,
           const char     *user_id)
{
  const char *name = NULL;

  if (self->user_names != NULL)
    name = g_hash_table_lookup (self->user_names, user_id);
  if (name != NULL)
    return g_strdup (name);
  if (g_strcmp0 (user_id, self->user_id) == 0)
    return g_strdup (_("You"));
  return g_strdup (_("Unknown person"));
}

/* Status and priority rows show the ticket's values before their lists arrive. */
static GListModel *
placeholder_model (GType       type,
                   const char *id_member,
                   const char *id,
                   const char *name_member,
                   const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GObject) item = NULL;
  GListStore *store = g_list_store_new (type);

  if (id == NULL)
    return G_LIST_MODEL (store);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, id_member);
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, name_member);
  json_builder_add_string_value (builder, name != NULL ? name : "");
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  if (type == ALGA_TYPE_STATUS)
    item = G_OBJECT (alga_status_new_from_json (node, NULL));
  else
    item = G_OBJECT (alga_priority_new_from_json (node, NULL));
  if (item != NULL)
    g_list_store_append (store, item);

  return G_LIST_MODEL (store);
}

static guint
find_status (GListModel *model,
             const char *status_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaStatus) status = g_list_model_get_item (model, i);

      if (g_strcmp0 (alga_status_get_status_id (status), status_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static guint
find_priority (GListModel *model,
               const char *priority_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaPriority) priority = g_list_model_get_item (model, i);

      if (g_strcmp0 (alga_priority_get_priority_id (priority), priority_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
sync_status_row (AlgaTicketView *self)
{
  AlgaTicket *t = self->ticket;
  const char *board_id = alga_ticket_get_board_id (t);
  GListModel *model = NULL;
  g_autoptr(GListModel) placeholder = NULL;
  guint position;

  if (board_id != NULL)
    model = g_hash_table_lookup (self->statuses, board_id);

  /* A status the board's list lacks (or no list yet) is still shown as it is. */
  if (model == NULL || find_status (model, alga_ticket_get_status_id (t)) == GTK_INVALID_LIST_POSITION)
    model = placeholder = placeholder_model (ALGA_TYPE_STATUS, "status_id",
                                             alga_ticket_get_status_id (t),
                                             "name", alga_ticket_get_status_name (t));

  self->syncing++;
  if (adw_combo_row_get_model (self->status_row) != model)
    adw_combo_row_set_model (self->status_row, model);
  position = find_status (model, alga_ticket_get_status_id (t));
  /* Setting it again, unchanged, would put an open list's highlighted status (the one the
   * arrows moved to) back on the ticket's, and Enter would then take that. */
  if (adw_combo_row_get_selected (self->status_row) != position)
    adw_combo_row_set_selected (self->status_row, position);
  self->syncing--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row),
                            placeholder == NULL && !self->busy[FIELD_STATUS]);
}

/* A priority in the row and its list: a dot in its colour, then its name. */
static void
setup_priority_item_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_label_new ("●");
  GtkWidget *name = gtk_label_new (NULL);

  /* The name says it all; the dot is decoration. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);
  gtk_list_item_set_child (item, box);
}

static void
on_priority_item_selected_cb (GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, gtk_list_item_get_selected (item) ? 1 : 0);
}

/* In the open list, a check marks the ticket's priority. */
static void
setup_priority_list_item_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item)
{
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  setup_priority_item_cb (factory, item);
  gtk_widget_set_hexpand (gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_list_item_get_child (item))),
                          TRUE);
  gtk_box_append (GTK_BOX (gtk_list_item_get_child (item)), check);
  g_signal_connect (item, "notify::selected", G_CALLBACK (on_priority_item_selected_cb), NULL);
}

static void
bind_priority_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  AlgaPriority *priority = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *dot = gtk_widget_get_first_child (box);

  alga_priority_style_apply_dot (dot, alga_priority_get_color (priority));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (dot)),
                       alga_priority_get_priority_name (priority));
  if (gtk_widget_get_last_child (box) != gtk_widget_get_next_sibling (dot))
    on_priority_item_selected_cb (item);
}

/* Replaces the offered priorities only when they differ: a new model resets the row. */
static void
set_offered_priorities (AlgaTicketView *self,
                        GPtrArray      *offered)
{
  GListModel *model = G_LIST_MODEL (self->offered_priorities);
  guint n = g_list_model_get_n_items (model);
  gboolean same = n == offered->len;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(AlgaPriority) shown = g_list_model_get_item (model, i);

      same = shown == g_ptr_array_index (offered, i);
    }
  if (!same)
    g_list_store_splice (self->offered_priorities, 0, n, offered->pdata, offered->len);
}

static AlgaPriority *
find_priority_by (AlgaTicketView *self,
                  const char     *priority_id,
                  const char     *priority_name)
{
  GListModel *model = G_LIST_MODEL (self->priorities);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaPriority) priority = g_list_model_get_item (model, i);

      if (priority_id != NULL ? g_strcmp0 (alga_priority_get_priority_id (priority), priority_id) == 0
                              : g_strcmp0 (alga_priority_get_priority_name (priority), priority_name) == 0)
        return priority;
    }

  return NULL;
}

static void
sync_priority_row (AlgaTicketView *self)
{
  AlgaTicket *t = self->ticket;
  GListModel *model = G_LIST_MODEL (self->offered_priorities);
  g_autoptr(GListModel) placeholder = NULL;
  g_autoptr(GPtrArray) offered = NULL;
  const char *priority_id = alga_ticket_get_priority_id (t);
  const char *board_id = alga_ticket_get_board_id (t);
  AlgaPriorityKind kind = ALGA_PRIORITY_KIND_UNKNOWN;
  guint position;

  if (board_id != NULL)
    kind = GPOINTER_TO_INT (g_hash_table_lookup (self->board_priority_kinds, board_id));
  offered = alga_priority_filter_for_board (G_LIST_MODEL (self->priorities), kind, priority_id);
  set_offered_priorities (self, offered);

  /* The list item has no priority id: until the detail arrives, show the name only; and
   * until the boards say which kind the ticket's takes, offer nothing. */
  if (priority_id == NULL || self->boards_loading ||
      find_priority (model, priority_id) == GTK_INVALID_LIST_POSITION)
    model = placeholder = placeholder_model (ALGA_TYPE_PRIORITY, "priority_id",
                                             priority_id != NULL ? priority_id : "",
                                             "priority_name", alga_ticket_get_priority_name (t));

  self->syncing++;
  if (adw_combo_row_get_model (self->priority_row) != model)
    adw_combo_row_set_model (self->priority_row, model);
  position = find_priority (model, priority_id != NULL ? priority_id : "");
  if (adw_combo_row_get_selected (self->priority_row) != position)
    adw_combo_row_set_selected (self->priority_row, position);
  self->syncing--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->priority_row),
                            placeholder == NULL && !self->busy[FIELD_PRIORITY]);
}

static void
on_remove_watcher_clicked_cb (GtkButton      *button,
                              AlgaTicketView *self);

static void
update_watchers (AlgaTicketView *self)
{
  g_autoptr(JsonObject) attributes = alga_ticket_dup_attributes (self->ticket);
  g_autoptr(GPtrArray) watchers = alga_watch_list_dup_watchers (attributes);
  guint n = watchers->len;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->watcher_rows->len; i++)
    adw_expander_row_remove (self->watchers_row, g_ptr_array_index (self->watcher_rows, i));
  g_ptr_array_set_size (self->watcher_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      AlgaWatchEntry *entry = g_ptr_array_index (watchers, i);
      g_autofree char *name = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      if (entry->user_id != NULL && g_strcmp0 (entry->user_id, self->user_id) == 0)
        name = g_strdup (_("You"));
      else if (entry->name != NULL && entry->name[0] != '\0')
        name = g_strdup (entry->name);
      else if (entry->user_id != NULL &&
               (entry->email == NULL || g_hash_table_contains (self->user_names, entry->user_id)))
        name = user_name (self, entry->user_id);
      else
        name = g_strdup (entry->email);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      /* Only the server's list is e-mailed; the phone app's is not. */
      if (!entry->emailed)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     _("Not e-mailed by Alga: seen in the phone app only"));
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
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_watcher_clicked_cb), self);
      gtk_widget_set_sensitive (remove, !self->busy[FIELD_WATCHERS]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (self->watchers_row, row);
      g_ptr_array_add (self->watcher_rows, row);
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
  adw_expander_row_set_subtitle (self->watchers_row, subtitle);
  adw_expander_row_set_enable_expansion (self->watchers_row, n > 0);
}

static void
update_tags (AlgaTicketView *self)
{
  const char * const *tags = alga_ticket_get_tags (self->ticket);
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (; tags != NULL && tags[n] != NULL; n++)
    {
      GtkWidget *pill = gtk_label_new (tags[n]);

      gtk_widget_add_css_class (pill, "tag-pill");
      gtk_flow_box_append (self->tags_box, pill);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tags_row), n > 0);
}

static void
update_header (AlgaTicketView *self)
{
  AlgaTicket *t = self->ticket;
  const char *status = alga_ticket_get_status_name (t);
  const char *priority = alga_ticket_get_priority_name (t);
  g_autofree char *number = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *priority_text = NULL;

  /* Translators: the ticket number as shown above its title. */
  number = g_strdup_printf (_("#%s"), alga_ticket_get_ticket_number (t));
  gtk_label_set_label (self->number_label, number);
  gtk_label_set_label (self->title_label, alga_ticket_get_title (t));

  gtk_label_set_label (self->status_pill, status != NULL ? status : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->status_pill)), !is_empty (status));
  if (alga_ticket_get_status_is_closed (t))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_pill), "closed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_pill), "closed");
  /* Translators: the accessible name of the status pill. */
  status_text = g_strdup_printf (_("Status: %s"), status != NULL ? status : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_pill),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status_text,
                                  -1);

  gtk_label_set_label (self->priority_pill, priority != NULL ? priority : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->priority_pill)),
                          !is_empty (priority));
  {
    AlgaPriority *known = find_priority_by (self, alga_ticket_get_priority_id (t), priority);

    alga_priority_style_apply_pill (GTK_WIDGET (self->priority_pill), priority,
                                    known != NULL ? alga_priority_get_color (known) : NULL);
  }
  /* Translators: the accessible name of the priority pill; colour alone says nothing. */
  priority_text = g_strdup_printf (_("Priority: %s"), priority != NULL ? priority : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->priority_pill),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, priority_text,
                                  -1);
}

/* The API cannot write the due_date column that Alga's web UI shows, so a due date set here
 * lives in attributes, where only the apps see it. The row says which one it shows: one set in
 * the web UI can be changed only there; one set here is seen only in the apps. */
static void
update_due_date (AlgaTicketView *self)
{
  GDateTime *due = alga_ticket_get_due_date (self->ticket);
  gboolean from_web = due != NULL && alga_ticket_get_due_date_is_column (self->ticket);
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  if (due == NULL)
    subtitle = g_strdup (_("None"));
  else
    {
      date = alga_gui_format_date_time (due);
      if (from_web)
        /* Translators: a due date, then where it was set. */
        subtitle = g_strdup_printf (_("%s\nSet in Alga’s web UI, and changed only there"), date);
      else
        /* Translators: a due date, then where it can be seen. */
        subtitle = g_strdup_printf (_("%s\nShown in the desktop and phone apps only, not in Alga’s web UI"), date);
    }
  adw_action_row_set_subtitle (self->due_date_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->due_date_clear_button), due != NULL && !from_web);
  gtk_widget_set_visible (GTK_WIDGET (self->due_date_button), !from_web);
  update_actions (self);
}

static void
update_fields (AlgaTicketView *self)
{
  AlgaTicket *t = self->ticket;
  const char *assignee = alga_ticket_get_assigned_to (t);
  const char *assignee_name = alga_ticket_get_assigned_to_name (t);
  g_autofree char *assignee_text = NULL;

  sync_status_row (self);
  sync_priority_row (self);

  if (assignee == NULL)
    assignee_text = g_strdup (_("Unassigned"));
  else if (!is_empty (assignee_name))
    assignee_text = g_strdup (assignee_name);
  else
    assignee_text = user_name (self, assignee);
  adw_action_row_set_subtitle (self->assignee_row, assignee_text);

  update_due_date (self);

  update_watchers (self);

  set_row_value (self->client_row, alga_ticket_get_client_name (t));
  set_link (self->client_email_row, self->client_email_label, "mailto",
            alga_ticket_get_client_email (t));
  set_link (self->client_phone_row, self->client_phone_label, "tel",
            alga_ticket_get_client_phone (t));
  set_row_value (self->contact_row, alga_ticket_get_contact_name (t));
  set_link (self->contact_email_row, self->contact_email_label, "mailto",
            alga_ticket_get_contact_email (t));
  set_link (self->contact_phone_row, self->contact_phone_label, "tel",
            alga_ticket_get_contact_phone (t));
  set_row_value (self->location_row, alga_ticket_get_location_name (t));

  set_row_value (self->board_row, alga_ticket_get_board_name (t));
  set_row_value (self->category_row, alga_ticket_get_category_name (t));
  set_date_row (self->created_row, alga_ticket_get_entered_at (t),
                alga_ticket_get_entered_by_name (t));
  set_date_row (self->updated_row, alga_ticket_get_updated_at (t), NULL);
  set_date_row (self->closed_row, alga_ticket_get_closed_at (t), NULL);
  update_tags (self);
}

static gboolean
resize_description_cb (gpointer user_data)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (user_data);

  self->resize_idle_id = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self->description_view));

  return G_SOURCE_REMOVE;
}

static void
update_description (AlgaTicketView *self)
{
  const char *description = alga_ticket_get_description (self->ticket);

  if (!is_empty (description))
    alga_rich_text_view_set_text (self->description_view, description,
                                  ALGA_RICH_TEXT_FORMAT_AUTO);
  else if (alga_ticket_get_has_detail (self->ticket))
    alga_rich_text_view_set_text (self->description_view, _("No description."),
                                  ALGA_RICH_TEXT_FORMAT_PLAIN);
  else
    /* A list item carries no description: the detail is on its way. */
    alga_rich_text_view_set_text (self->description_view, "", ALGA_RICH_TEXT_FORMAT_PLAIN);

  /* Outside a scrolled window the text view does not ask for the height of lines it validates
   * later (GTK 4.8): measure it again once they are. */
  if (self->resize_idle_id == 0)
    self->resize_idle_id = g_idle_add (resize_description_cb, self);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (user_data);

  self->update_idle_id = 0;
  if (self->ticket == NULL)
    return G_SOURCE_REMOVE;

  update_header (self);
  update_fields (self);
  if (self->description_dirty)
    update_description (self);
  self->description_dirty = FALSE;

  return G_SOURCE_REMOVE;
}

/* A merge notifies many properties at once: the pane is redrawn once, before the next frame. */
static void
queue_update (AlgaTicketView *self)
{
  if (self->update_idle_id == 0)
    self->update_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_idle_cb, self, NULL);
}

static void
on_ticket_notify_cb (AlgaTicketView *self,
                     GParamSpec     *pspec)
{
  if (g_str_equal (pspec->name, "description") || g_str_equal (pspec->name, "has-detail"))
    self->description_dirty = TRUE;
  else if (g_str_equal (pspec->name, "board-id"))
    load_reference_data (self);

  queue_update (self);
}

static void
set_busy (AlgaTicketView *self,
          Field           field,
          gboolean        busy)
{
  static const struct { Field field; gsize spinner; gsize control; } map[] = {
    { FIELD_STATUS, G_STRUCT_OFFSET (AlgaTicketView, status_spinner),
      G_STRUCT_OFFSET (AlgaTicketView, status_row) },
    { FIELD_PRIORITY, G_STRUCT_OFFSET (AlgaTicketView, priority_spinner),
      G_STRUCT_OFFSET (AlgaTicketView, priority_row) },
    { FIELD_ASSIGNEE, G_STRUCT_OFFSET (AlgaTicketView, assignee_spinner),
      G_STRUCT_OFFSET (AlgaTicketView, assignee_button) },
    { FIELD_DUE_DATE, G_STRUCT_OFFSET (AlgaTicketView, due_date_spinner),
      G_STRUCT_OFFSET (AlgaTicketView, due_date_button) },
    { FIELD_WATCHERS, G_STRUCT_OFFSET (AlgaTicketView, watchers_spinner),
      G_STRUCT_OFFSET (AlgaTicketView, add_watcher_button) },
  };
  GtkSpinner *spinner = G_STRUCT_MEMBER (GtkSpinner *, self, map[field].spinner);
  GtkWidget *control = G_STRUCT_MEMBER (GtkWidget *, self, map[field].control);

  self->busy[field] = busy;
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  gtk_spinner_set_spinning (spinner, busy);
  gtk_widget_set_sensitive (control, !busy);
  if (field == FIELD_WATCHERS)
    for (guint i = 0; i < self->watcher_rows->len; i++)
      gtk_widget_set_sensitive (g_ptr_array_index (self->watcher_rows, i), !busy);
  update_actions (self);
}

static void
cancel_busy (AlgaTicketView *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->busy[i])
      set_busy (self, i, FALSE);
}

/* PUT answers carry the bare ticket row: the joined names come from what was chosen. */
static void
apply_names (AlgaTicket *ticket,
             Edit       *edit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(AlgaTicket) patch = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ticket_id");
  json_builder_add_string_value (builder, alga_ticket_get_ticket_id (ticket));
  switch (edit->field)
    {
    case FIELD_STATUS:
      json_builder_set_member_name (builder, "status_name");
      json_builder_add_string_value (builder, edit->name);
      json_builder_set_member_name (builder, "status_is_closed");
      json_builder_add_boolean_value (builder, edit->is_closed);
      break;
    case FIELD_PRIORITY:
      json_builder_set_member_name (builder, "priority_name");
      json_builder_add_string_value (builder, edit->name);
      break;
    case FIELD_ASSIGNEE:
      json_builder_set_member_name (builder, "assigned_to_name");
      if (edit->name != NULL)
        json_builder_add_string_value (builder, edit->name);
      else
        json_builder_add_null_value (builder);
      break;
    case FIELD_DUE_DATE:
    case FIELD_WATCHERS:
    case N_FIELDS:
    default:
      break;
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  patch = alga_ticket_new_from_json (node, NULL);
  if (patch != NULL)
    alga_ticket_update_from (ticket, patch);
}

static void edit_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data);

/* What an Undo button puts back: the field of that ticket as it was before the change. */
typedef struct
{
  AlgaTicketView *self;   /* weak */
  AlgaTicket     *ticket;
  Field           field;
  char           *value;
  char           *name;
  gboolean        closed;
} Undo;

static void
undo_free (gpointer data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_weak_pointer (&undo->self);
  g_clear_object (&undo->ticket);
  g_free (undo->value);
  g_free (undo->name);
  g_free (undo);
}

/* Sends the old value back to the server, for the ticket the change was made to, whichever is
 * shown now; not cancelled by moving on to another ticket. */
static void
on_undo_clicked_cb (AdwToast *toast,
                    Undo     *undo)
{
  AlgaTicketView *self = undo->self;
  const char *ticket_id = alga_ticket_get_ticket_id (undo->ticket);
  Edit *edit;

  if (self == NULL || self->tickets == NULL)
    return;

  edit = g_new0 (Edit, 1);
  edit->self = self;
  edit->ticket = g_object_ref (undo->ticket);
  edit->field = undo->field;
  edit->name = g_strdup (undo->name);
  edit->is_closed = undo->closed;
  edit->name_known = undo->field != FIELD_ASSIGNEE || undo->value == NULL || undo->name != NULL;
  edit->is_undo = TRUE;
  if (undo->ticket == self->ticket)
    set_busy (self, undo->field, TRUE);

  /* The view may be gone when the answer comes: the edit holds it until then. */
  g_object_ref (self);
  switch (undo->field)
    {
    case FIELD_STATUS:
      alga_ticket_repository_set_status_async (self->tickets, ticket_id, undo->value,
                                               ALGA_QUIET_NONE, NULL,
                                               edit_done, edit);
      break;
    case FIELD_PRIORITY:
      alga_ticket_repository_set_priority_async (self->tickets, ticket_id, undo->value,
                                                 ALGA_QUIET_NONE, NULL,
                                                 edit_done, edit);
      break;
    case FIELD_ASSIGNEE:
      alga_ticket_repository_set_assignee_async (self->tickets, ticket_id, undo->value,
                                                 ALGA_QUIET_NONE, NULL,
                                                 edit_done, edit);
      break;
    case FIELD_DUE_DATE:
      {
        g_autoptr(GDateTime) due = undo->value != NULL ?
                                   g_date_time_new_from_iso8601 (undo->value, NULL) : NULL;

        alga_ticket_repository_set_due_date_async (self->tickets, ticket_id, due, ALGA_QUIET_NONE,
                                                   NULL, edit_done, edit);
      }
      break;
    case FIELD_WATCHERS:
    case N_FIELDS:
    default:
      g_object_unref (self);
      edit_free (edit);
      break;
    }
}

static void
show_undo_toast (AlgaTicketView *self,
                 Edit           *edit,
                 const char     *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);
  Undo *undo = g_new0 (Undo, 1);

  g_set_weak_pointer (&undo->self, self);
  undo->ticket = g_object_ref (edit->ticket);
  undo->field = edit->field;
  undo->value = g_strdup (edit->old_value);
  undo->name = g_strdup (edit->old_name);
  undo->closed = edit->old_closed;

  adw_toast_set_button_label (toast, _("_Undo"));
  /* Closing a ticket, or taking it from a colleague, stays undoable a while longer. */
  if ((edit->field == FIELD_STATUS && edit->is_closed && !edit->old_closed)
      || (edit->field == FIELD_ASSIGNEE && edit->old_value != NULL
          && g_strcmp0 (edit->old_value, self->user_id) != 0))
    {
      adw_toast_set_timeout (toast, 15);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo,
                         undo_free, 0);
  g_set_weak_pointer (&self->undo_toast, toast);
  alga_gui_add_toast (GTK_WIDGET (self), toast);
}

static void
edit_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Edit) edit = user_data;
  g_autoptr(AlgaTicket) updated = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketView *self;
  g_autofree char *toast = NULL;

  updated = alga_ticket_repository_write_finish (ALGA_TICKET_REPOSITORY (source), result, &error);

  /* Cancelled: the view is gone or shows another ticket; it must not be touched. */
  if (alga_gui_error_is_cancelled (error))
    {
      if (edit->is_undo)
        g_object_unref (edit->self);
      return;
    }

  self = edit->self;
  /* An Undo holds the view until its answer; it is released when this returns. */
  g_autoptr(AlgaTicketView) held = edit->is_undo ? self : NULL;
  if (!edit->is_undo || edit->ticket == self->ticket)
    set_busy (self, edit->field, FALSE);

  if (updated == NULL)
    {
      static const char *what[] = {
        [FIELD_STATUS] = N_("Could not change the status."),
        [FIELD_PRIORITY] = N_("Could not change the priority."),
        [FIELD_ASSIGNEE] = N_("Could not change the assignee."),
        [FIELD_DUE_DATE] = N_("Could not change the due date."),
        [FIELD_WATCHERS] = N_("Could not change the watchers."),
      };

      /* The ticket never changed: putting the controls back shows its real state again. */
      update_fields (self);
      alga_gui_show_error_toast (GTK_WIDGET (self), _(what[edit->field]), error);
      return;
    }

  alga_ticket_update_from (edit->ticket, updated);
  if (edit->name_known)
    apply_names (edit->ticket, edit);
  else
    load_detail (self);
  update_fields (self);

  switch (edit->field)
    {
    case FIELD_STATUS:
      /* Translators: a toast after a change. */
      toast = g_strdup_printf (_("Status changed to %s"), edit->name);
      break;
    case FIELD_PRIORITY:
      toast = g_strdup_printf (_("Priority changed to %s"), edit->name);
      break;
    case FIELD_ASSIGNEE:
      if (alga_ticket_get_assigned_to (edit->ticket) == NULL)
        toast = g_strdup (_("Ticket unassigned"));
      else if (g_strcmp0 (alga_ticket_get_assigned_to (edit->ticket), self->user_id) == 0)
        toast = g_strdup (_("Ticket assigned to you"));
      else if (edit->name != NULL)
        toast = g_strdup_printf (_("Ticket assigned to %s"), edit->name);
      else
        toast = g_strdup (_("Assignee changed"));
      break;
    case FIELD_DUE_DATE:
      toast = g_strdup (alga_ticket_get_due_date (edit->ticket) != NULL ?
                        _("Due date changed") : _("Due date cleared"));
      break;
    case FIELD_WATCHERS:
    case N_FIELDS:
    default:
      toast = g_strdup (_("Watchers changed"));
      break;
    }

  if (edit->is_undo)
    {
      g_autofree char *undone = NULL;

      /* Translators: a toast after Undo, e.g. "Undone: Status changed to New". */
      undone = g_strdup_printf (_("Undone: %s"), toast);
      alga_gui_show_toast (GTK_WIDGET (self), undone);
    }
  else if (edit->field != FIELD_WATCHERS)
    show_undo_toast (self, edit, toast);
  else
    alga_gui_show_toast (GTK_WIDGET (self), toast);
}

static Edit *
edit_new (AlgaTicketView *self,
          Field           field,
          const char     *name)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->self = self;
  edit->ticket = g_object_ref (self->ticket);
  edit->field = field;
  edit->name = g_strdup (name);
  edit->name_known = TRUE;
  switch (field)
    {
    case FIELD_STATUS:
      edit->old_value = g_strdup (alga_ticket_get_status_id (self->ticket));
      edit->old_name = g_strdup (alga_ticket_get_status_name (self->ticket));
      edit->old_closed = alga_ticket_get_status_is_closed (self->ticket);
      break;
    case FIELD_PRIORITY:
      edit->old_value = g_strdup (alga_ticket_get_priority_id (self->ticket));
      edit->old_name = g_strdup (alga_ticket_get_priority_name (self->ticket));
      break;
    case FIELD_ASSIGNEE:
      edit->old_value = g_strdup (alga_ticket_get_assigned_to (self->ticket));
      edit->old_name = g_strdup (alga_ticket_get_assigned_to_name (self->ticket));
      break;
    case FIELD_DUE_DATE:
      if (alga_ticket_get_due_date (self->ticket) != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (alga_ticket_get_due_date (self->ticket));

          edit->old_value = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
        }
      break;
    case FIELD_WATCHERS:
    case N_FIELDS:
    default:
      break;
    }
  set_busy (self, field, TRUE);

  return edit;
}

static gboolean
can_edit (AlgaTicketView *self,
          Field           field)
{
  if (self->ticket == NULL || self->tickets == NULL || self->busy[field])
    return FALSE;

  /* There is no queue of offline edits, so a change made now would be lost; it is not
   * taken at all. Reading the ticket again finds out whether the server is back. */
  if (alga_client_get_offline (self->client))
    {
      alga_gui_show_toast (GTK_WIDGET (self),
                           _("You are offline. Changes can be made again once the server can be reached."));
      queue_update (self);
      if (!self->loading)
        load_detail (self);
      return FALSE;
    }

  return TRUE;
}

static void
on_status_row_selected_cb (AlgaTicketView *self)
{
  AlgaStatus *status = adw_combo_row_get_selected_item (self->status_row);
  Edit *edit;

  if (self->syncing > 0 || status == NULL || !can_edit (self, FIELD_STATUS))
    return;
  if (g_strcmp0 (alga_status_get_status_id (status), alga_ticket_get_status_id (self->ticket)) == 0)
    return;

  edit = edit_new (self, FIELD_STATUS, alga_status_get_name (status));
  edit->is_closed = alga_status_get_is_closed (status);
  alga_ticket_repository_set_status_async (self->tickets,
                                           alga_ticket_get_ticket_id (self->ticket),
                                           alga_status_get_status_id (status),
                                           ALGA_QUIET_NONE, self->cancellable, edit_done, edit);
}

static void
on_priority_row_selected_cb (AlgaTicketView *self)
{
  AlgaPriority *priority = adw_combo_row_get_selected_item (self->priority_row);
  Edit *edit;

  if (self->syncing > 0 || priority == NULL || !can_edit (self, FIELD_PRIORITY))
    return;
  if (g_strcmp0 (alga_priority_get_priority_id (priority),
                 alga_ticket_get_priority_id (self->ticket)) == 0)
    return;

  edit = edit_new (self, FIELD_PRIORITY, alga_priority_get_priority_name (priority));
  alga_ticket_repository_set_priority_async (self->tickets,
                                             alga_ticket_get_ticket_id (self->ticket),
                                             alga_priority_get_priority_id (priority),
                                             ALGA_QUIET_NONE, self->cancellable, edit_done, edit);
}

static void
assign (AlgaTicketView *self,
        const char     *user_id,
        const char     *display_name)
{
  g_autofree char *name = g_strdup (display_name);
  Edit *edit;

  if (!can_edit (self, FIELD_ASSIGNEE))
    return;
  if (g_strcmp0 (user_id, alga_ticket_get_assigned_to (self->ticket)) == 0)
    return;

  if (name == NULL && user_id != NULL && self->user_names != NULL)
    name = g_strdup (g_hash_table_lookup (self->user_names, user_id));

  edit = edit_new (self, FIELD_ASSIGNEE, name);
  /* Without a name for the new assignee, the detail is read again to learn it. */
  edit->name_known = user_id == NULL || name != NULL;
  alga_ticket_repository_set_assignee_async (self->tickets,
                                             alga_ticket_get_ticket_id (self->ticket),
                                             user_id,
                                             ALGA_QUIET_NONE, self->cancellable, edit_done, edit);
}

static void
on_assignee_picker_user_picked_cb (AlgaTicketView *self,
                                   const char     *user_id,
                                   const char     *display_name)
{
  assign (self, user_id, display_name);
}

static void
update_attribute_changes (AlgaTicketView *self,
                          Field           field,
                          JsonObject     *changes)
{
  Edit *edit;

  edit = edit_new (self, field, NULL);
  alga_ticket_repository_update_attributes_async (self->tickets,
                                                  alga_ticket_get_ticket_id (self->ticket),
                                                  changes,
                                                  ALGA_QUIET_NONE, self->cancellable, edit_done, edit);
}

static void
set_due_date (AlgaTicketView *self,
              GDateTime      *date)
{
  g_autoptr(GDateTime) due = NULL;
  Edit *edit;

  if (!can_edit (self, FIELD_DUE_DATE))
    return;

  /* A day is due by the end of its working day, where the technician is. */
  if (date != NULL)
    due = g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                 g_date_time_get_day_of_month (date), 17, 0, 0);

  edit = edit_new (self, FIELD_DUE_DATE, NULL);
  alga_ticket_repository_set_due_date_async (self->tickets,
                                             alga_ticket_get_ticket_id (self->ticket),
                                             due, ALGA_QUIET_NONE, self->cancellable, edit_done, edit);
}

static void
on_due_date_popover_show_cb (AlgaTicketView *self)
{
  GDateTime *due = self->ticket != NULL ? alga_ticket_get_due_date (self->ticket) : NULL;
  g_autoptr(GDateTime) date = NULL;

  date = due != NULL ? g_date_time_to_local (due) : g_date_time_new_now_local ();
  gtk_calendar_select_day (self->due_date_calendar, date);
}

static void
on_due_date_set_button_clicked_cb (AlgaTicketView *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->due_date_calendar);

  gtk_popover_popdown (self->due_date_popover);
  set_due_date (self, date);
}

static void
on_due_date_clear_button_clicked_cb (AlgaTicketView *self)
{
  gtk_popover_popdown (self->due_date_popover);
  set_due_date (self, NULL);
}

static void
set_watchers (AlgaTicketView *self,
              const char     *add,
              const char     *add_name,
              const char     *remove,
              const char     *remove_email)
{
  g_autoptr(JsonObject) attributes = alga_ticket_dup_attributes (self->ticket);
  g_autoptr(JsonObject) changes = NULL;

  if (add != NULL)
    {
      gboolean me = g_strcmp0 (add, self->user_id) == 0;
      const char *email = me ? self->user_email : g_hash_table_lookup (self->user_emails, add);
      const char *name = me ? self->user_display_name : add_name;

      changes = alga_watch_list_changes_to_add (attributes, add, email, name);
    }
  else
    {
      changes = alga_watch_list_changes_to_remove (attributes, remove, remove_email);
    }

  update_attribute_changes (self, FIELD_WATCHERS, changes);
}

static void
on_watcher_picker_user_picked_cb (AlgaTicketView *self,
                                  const char     *user_id,
                                  const char     *display_name)
{
  g_autoptr(JsonObject) attributes = NULL;
  gboolean me;

  if (user_id == NULL || !can_edit (self, FIELD_WATCHERS))
    return;

  me = g_strcmp0 (user_id, self->user_id) == 0;
  attributes = alga_ticket_dup_attributes (self->ticket);
  if (alga_watch_list_has_user (attributes, user_id, me ? self->user_email : NULL))
    {
      alga_gui_show_toast (GTK_WIDGET (self), me ? _("You are already watching this ticket")
                                                 : _("Already watching this ticket"));
      return;
    }

  if (display_name != NULL && self->user_names != NULL)
    g_hash_table_insert (self->user_names, g_strdup (user_id), g_strdup (display_name));
  set_watchers (self, user_id, display_name, NULL, NULL);
}

static void
on_remove_watcher_clicked_cb (GtkButton      *button,
                              AlgaTicketView *self)
{
  if (!can_edit (self, FIELD_WATCHERS))
    return;

  set_watchers (self, NULL, NULL, g_object_get_data (G_OBJECT (button), "user-id"),
                g_object_get_data (G_OBJECT (button), "email"));
}

/* Loading. */


static void
list_users_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketView *self;

  users = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  self = ALGA_TICKET_VIEW (user_data);
  if (users == NULL)
    {
      /* Names are a nicety; the ids still work. Try again on the next ticket. */
      g_debug ("Could not list users: %s", error->message);
      self->users_requested = FALSE;
      return;
    }

  for (guint i = 0; i < users->len; i++)
    {
      AlgaUser *user = g_ptr_array_index (users, i);

      if (alga_user_get_email (user) != NULL)
        g_hash_table_insert (self->user_emails, g_strdup (alga_user_get_user_id (user)),
                             g_strdup (alga_user_get_email (user)));
      g_hash_table_insert (self->user_names,
                           g_strdup (alga_user_get_user_id (user)),
                           alga_user_dup_display_name (user));
    }

  if (self->ticket != NULL)
    update_fields (self);
}

static void
list_statuses_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketView *self;
  GListStore *store;

  statuses = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  self = ALGA_TICKET_VIEW (user_data);
  if (statuses == NULL)
    {
      g_clear_pointer (&self->loading_board_id, g_free);
      /* Offline, the card above says so once; a toast per list would only repeat it. */
      if (!alga_api_error_is_unreachable (error))
        alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not load the statuses."), error);
      return;
    }

  store = g_list_store_new (ALGA_TYPE_STATUS);
  for (guint i = 0; i < statuses->len; i++)
    {
      AlgaStatus *status = g_ptr_array_index (statuses, i);

      /* The server filters by board already; a stray status would be refused anyway. */
      if (g_strcmp0 (alga_status_get_board_id (status), self->loading_board_id) == 0 ||
          alga_status_get_board_id (status) == NULL)
        g_list_store_append (store, status);
    }
  g_hash_table_insert (self->statuses, g_steal_pointer (&self->loading_board_id), store);

  if (self->ticket != NULL)
    sync_status_row (self);
}

static void
list_priorities_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketView *self;

  priorities = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  self = ALGA_TICKET_VIEW (user_data);
  self->priorities_loading = FALSE;
  if (priorities == NULL)
    {
      if (!alga_api_error_is_unreachable (error))
        alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not load the priorities."), error);
      return;
    }

  g_list_store_splice (self->priorities, 0, g_list_model_get_n_items (G_LIST_MODEL (self->priorities)),
                       priorities->pdata, priorities->len);
  if (self->ticket != NULL)
    {
      sync_priority_row (self);
      /* The pill takes the priority's colour. */
      queue_update (self);
    }
}

static void
list_boards_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketView *self;

  boards = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  self = ALGA_TICKET_VIEW (user_data);
  self->boards_loading = FALSE;
  if (boards == NULL)
    {
      /* Without the boards every priority is offered, as before boards had kinds. */
      g_debug ("Could not list the boards: %s", error->message);
      self->boards_requested = FALSE;
    }

  for (guint i = 0; boards != NULL && i < boards->len; i++)
    {
      AlgaBoard *board = g_ptr_array_index (boards, i);

      g_hash_table_insert (self->board_priority_kinds, g_strdup (alga_board_get_board_id (board)),
                           GINT_TO_POINTER (alga_board_get_priority_kind (board)));
    }

  if (self->ticket != NULL)
    sync_priority_row (self);
}

/* Reference data belongs to one server and account: what the old lists gave is forgotten. */
static void
forget_reference_data (AlgaTicketView    *self,
                       AlgaReferenceData *reference_data)
{
  g_cancellable_cancel (self->reference_cancellable);
  g_clear_object (&self->reference_cancellable);
  g_hash_table_remove_all (self->statuses);
  g_hash_table_remove_all (self->user_names);
  g_hash_table_remove_all (self->user_emails);
  g_list_store_remove_all (self->priorities);
  g_list_store_remove_all (self->offered_priorities);
  g_hash_table_remove_all (self->board_priority_kinds);
  g_clear_pointer (&self->loading_board_id, g_free);
  self->priorities_loading = FALSE;
  self->boards_loading = FALSE;
  self->boards_requested = FALSE;
  self->users_requested = FALSE;

  g_set_object (&self->reference_data, reference_data);
  alga_assignee_picker_set_reference_data (self->assignee_picker, reference_data);
  alga_assignee_picker_set_reference_data (self->watcher_picker, reference_data);
}

static void
load_reference_data (AlgaTicketView *self)
{
  const char *board_id;

  if (self->reference_data == NULL || self->ticket == NULL)
    return;

  if (self->reference_cancellable == NULL)
    self->reference_cancellable = g_cancellable_new ();

  board_id = alga_ticket_get_board_id (self->ticket);
  if (board_id != NULL && self->loading_board_id == NULL &&
      !g_hash_table_contains (self->statuses, board_id))
    {
      self->loading_board_id = g_strdup (board_id);
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_STATUSES, board_id,
                                     self->reference_cancellable, list_statuses_cb, self);
    }

  if (!self->priorities_loading && g_list_model_get_n_items (G_LIST_MODEL (self->priorities)) == 0)
    {
      self->priorities_loading = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_PRIORITIES, NULL,
                                     self->reference_cancellable, list_priorities_cb, self);
    }

  /* Which priorities a board takes. */
  if (!self->boards_requested)
    {
      self->boards_requested = TRUE;
      self->boards_loading = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_BOARDS, NULL,
                                     self->reference_cancellable, list_boards_cb, self);
    }

  if (!self->users_requested)
    {
      self->users_requested = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_USERS, NULL,
                                     self->reference_cancellable, list_users_cb, self);
    }
}

static void
set_loading (AlgaTicketView *self,
             gboolean        loading)
{
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
}

static void
show_load_error (AlgaTicketView *self,
                 gboolean        saved_copy,
                 const char     *message)
{
  gtk_image_set_from_icon_name (self->error_icon, saved_copy ? "network-offline-symbolic"
                                                             : "dialog-warning-symbolic");
  gtk_label_set_label (self->error_title, saved_copy ? _("Offline")
                                                     : _("Could Not Load the Ticket"));
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
load_ticket_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlgaTicket) detail = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved_copy = FALSE;
  AlgaTicketView *self;

  detail = alga_ticket_repository_load_ticket_finish (ALGA_TICKET_REPOSITORY (source), result,
                                                      &saved_copy, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  self = ALGA_TICKET_VIEW (user_data);
  set_loading (self, FALSE);

  if (detail == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);

      show_load_error (self, FALSE, message);
      return;
    }

  if (saved_copy)
    {
      /* Offline, the detail saved the last time fills in what the list's item lacks (the item
       * may be newer than the saved detail), and the error card says that it is a saved copy. */
      if (!alga_ticket_get_has_detail (self->ticket))
        alga_ticket_update_from (self->ticket, detail);
      show_load_error (self, TRUE, _("This is the copy saved on this computer."));
      return;
    }

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  /* Merged into the list's object, so the row shows what the detail knows. */
  alga_ticket_update_from (self->ticket, detail);
}

static void
load_detail (AlgaTicketView *self)
{
  if (self->tickets == NULL || self->ticket == NULL || self->cancellable == NULL)
    return;

  set_loading (self, TRUE);
  alga_ticket_repository_load_ticket_async (self->tickets,
                                            alga_ticket_get_ticket_id (self->ticket),
                                            ALGA_LOAD_DEFAULT, self->cancellable,
                                            load_ticket_cb, self);
}

static void
on_retry_button_clicked_cb (AlgaTicketView *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  load_detail (self);
  load_reference_data (self);
}

static void
start_loading (AlgaTicketView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_busy (self);
  set_loading (self, FALSE);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);

  if (self->ticket == NULL || self->tickets == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  load_detail (self);
  load_reference_data (self);
}

/* Offline: the saved copy, edits refused, the ticket read again until the server is back. */

#define OFFLINE_RETRY_SECONDS 10

static gboolean
offline_retry_cb (gpointer user_data)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (user_data);

  if (self->ticket != NULL && !self->loading)
    load_detail (self);

  return G_SOURCE_CONTINUE;
}

static void
on_client_offline_changed_cb (AlgaTicketView *self)
{
  g_clear_handle_id (&self->offline_retry_id, g_source_remove);
  if (self->client != NULL && alga_client_get_offline (self->client))
    self->offline_retry_id = g_timeout_add_seconds (OFFLINE_RETRY_SECONDS, offline_retry_cb, self);
}

/* Actions. */

static void
update_actions (AlgaTicketView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_ticket = self->ticket != NULL;
  gboolean can_change = has_ticket && self->tickets != NULL;

  gtk_widget_action_set_enabled (widget, "ticket.copy-number", has_ticket);
  gtk_widget_action_set_enabled (widget, "ticket.open-in-browser", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.assign-to-me",
                                 can_change && self->user_id != NULL &&
                                 !self->busy[FIELD_ASSIGNEE]);
  gtk_widget_action_set_enabled (widget, "ticket.change-status",
                                 can_change && !self->busy[FIELD_STATUS]);
  gtk_widget_action_set_enabled (widget, "ticket.change-priority",
                                 can_change && !self->busy[FIELD_PRIORITY]);
  gtk_widget_action_set_enabled (widget, "ticket.change-assignee",
                                 can_change && !self->busy[FIELD_ASSIGNEE]);
  gtk_widget_action_set_enabled (widget, "ticket.change-due-date",
                                 can_change && !self->busy[FIELD_DUE_DATE] &&
                                 !(has_ticket && alga_ticket_get_due_date_is_column (self->ticket)));
  gtk_widget_action_set_enabled (widget, "ticket.log-time", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.toggle-timer", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.reply", can_change);
}

static void
assign_to_me_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  if (self->user_id == NULL)
    return;

  if (g_strcmp0 (alga_ticket_get_assigned_to (self->ticket), self->user_id) == 0)
    {
      alga_gui_show_toast (widget, _("The ticket is already assigned to you"));
      return;
    }

  assign (self, self->user_id, NULL);
}

/* Scrolls the pane so that @row shows; whether it had to. */
static gboolean
scroll_to_row (AlgaTicketView *self,
               GtkWidget      *row)
{
  GtkWidget *scrolled = GTK_WIDGET (self->scrolled_window);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (row, scrolled, &bounds)
      || (bounds.origin.y >= 0
          && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled)))
    return FALSE;

  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + bounds.origin.y);
  return TRUE;
}

static void popup_row (AlgaTicketView *self,
                       GtkWidget      *row);

static gboolean
activate_row_cb (gpointer user_data)
{
  GtkWidget *row = user_data;
  AlgaTicketView *self = ALGA_TICKET_VIEW (gtk_widget_get_ancestor (row, ALGA_TYPE_TICKET_VIEW));
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "popup-frames"));

  if (!gtk_widget_get_mapped (row))
    return G_SOURCE_REMOVE;

  /* Something scrolled the pane meanwhile (the detail or the comments arriving): wait for it. */
  if (frames < 30 && scroll_to_row (self, row))
    {
      g_object_set_data (G_OBJECT (self), "popup-frames", GUINT_TO_POINTER (frames + 1));
      popup_row (self, row);
      return G_SOURCE_REMOVE;
    }

  gtk_widget_activate (row);
  return G_SOURCE_REMOVE;
}

static void
popup_row_after_paint_cb (AlgaTicketView *self,
                          GdkFrameClock  *clock)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (self), "popup-row");

  g_signal_handlers_disconnect_by_func (clock, popup_row_after_paint_cb, self);
  g_object_set_data (G_OBJECT (self), "popup-row", NULL);
  /* Outside the frame: a popup presented from within it is placed with what the frame had. */
  if (row != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, activate_row_cb, g_object_ref (row), g_object_unref);
}

static void
popup_row (AlgaTicketView *self,
           GtkWidget      *row)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (row);

  /* Activating a combo row opens its list, as a click would. A row scrolled out of the pane
   * (after a reply, say) is scrolled back first, and its list opens once a frame has laid it
   * out there: anchored where it was, GTK would place the list off every monitor. */
  gtk_widget_grab_focus (row);
  if (clock == NULL)
    return;

  scroll_to_row (self, row);
  g_object_set_data (G_OBJECT (self), "popup-row", row);
  g_signal_handlers_disconnect_by_func (clock, popup_row_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (popup_row_after_paint_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (row);
}

static void
change_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->status_row)))
    {
      g_object_set_data (G_OBJECT (self), "popup-frames", GUINT_TO_POINTER (0));
      popup_row (self, GTK_WIDGET (self->status_row));
    }
}

static void
change_priority_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->priority_row)))
    {
      g_object_set_data (G_OBJECT (self), "popup-frames", GUINT_TO_POINTER (0));
      popup_row (self, GTK_WIDGET (self->priority_row));
    }
}

static void
change_assignee_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  gtk_menu_button_popup (self->assignee_button);
}

static void
change_due_date_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  gtk_menu_button_popup (self->due_date_button);
}

static void
copy_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);
  const char *number = alga_ticket_get_ticket_number (self->ticket);

  if (number == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), number);
  alga_gui_show_toast (widget, _("Ticket number copied"));
}

static void
launch_uri_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    alga_gui_show_error_toast (widget, _("Could not open the web browser."), error);
}

static void
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  uri = alga_ticket_view_dup_web_uri (self);
  if (uri == NULL)
    return;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launch_uri_cb,
                                           g_object_ref (widget));
}

static void
on_time_logged_cb (AlgaTicketView *self,
                   AlgaTimeEntry  *entry)
{
  alga_time_logged_toast_show (GTK_WIDGET (self), self->account, self->ticket, entry,
                               self->time_summary);
  alga_time_summary_reload (self->time_summary);
}

static void
show_time_summary (AlgaTicketView *self)
{
  alga_time_summary_show (self->time_summary, self->account, self->ticket);
}

static void
log_time_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = alga_time_entry_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->account, self->ticket);
  alga_time_entry_dialog_set_draft_store (ALGA_TIME_ENTRY_DIALOG (dialog), self->draft_store);
  g_signal_connect_object (dialog, "logged", G_CALLBACK (on_time_logged_cb), self,
                           G_CONNECT_SWAPPED);
  /* Known by the time the entry is logged: whether its toast offers Undo or Edit. */
  alga_time_logged_toast_learn_delete_right (self->client);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The timer lives in the time section, which has its Start/Stop button. */
static void
toggle_timer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  alga_time_summary_toggle_timer (self->time_summary);
}

/* Scrolls the pane so that @from (top) to @to (bottom) show; @from wins when both do not fit. */
static void
scroll_now (AlgaTicketView *self,
            GtkWidget      *from,
            GtkWidget      *to)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scrolled_window);
  graphene_rect_t top, bottom;
  double value, page;

  /* The viewport's own child is laid out in content coordinates. */
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL ||
      !gtk_widget_compute_bounds (from, content, &top) ||
      !gtk_widget_compute_bounds (to, content, &bottom))
    return;

  value = gtk_adjustment_get_value (vadjustment);
  page = gtk_adjustment_get_page_size (vadjustment);
  if (bottom.origin.y + bottom.size.height > value + page)
    value = bottom.origin.y + bottom.size.height - page;
  if (top.origin.y < value)
    value = top.origin.y;
  gtk_adjustment_set_value (vadjustment, value);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  scroll_now (self, self->scroll_from, self->scroll_to);
  if (++self->scroll_frames < 30)
    return G_SOURCE_CONTINUE;

  self->scroll_tick_id = 0;
  g_clear_object (&self->scroll_from);
  g_clear_object (&self->scroll_to);
  return G_SOURCE_REMOVE;
}

/* Comments above are text views that finish their layout over the next frames, moving what is
 * below them: the scroll is made again on each of them, for about half a second. */
static void
scroll_into_view (AlgaTicketView *self,
                  GtkWidget      *from,
                  GtkWidget      *to)
{
  g_set_object (&self->scroll_from, from);
  g_set_object (&self->scroll_to, to);
  self->scroll_frames = 0;
  scroll_now (self, from, to);
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb,
                                                         NULL, NULL);
}

/* Ctrl+Z outside a text field: the Undo of the last change's toast, while it shows. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);
  g_autoptr(AdwToast) toast = self->undo_toast != NULL ? g_object_ref (self->undo_toast) : NULL;

  if (toast == NULL)
    {
      alga_gui_show_toast (widget, _("Nothing to undo"));
      return;
    }

  g_clear_weak_pointer (&self->undo_toast);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  alga_composer_grab_focus_text (self->composer);
  /* The whole composer, its kind above and its send button below, not just the caret. */
  scroll_into_view (self, GTK_WIDGET (self->composer), GTK_WIDGET (self->composer));
}

static gboolean
on_comment_thread_mnemonic_activate_cb (AlgaTicketView *self,
                                        gboolean        group_cycling)
{
  GtkWidget *focus;

  if (!alga_comment_thread_focus_newest (self->comment_thread))
    alga_composer_grab_focus_text (self->composer);
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  scroll_into_view (self, self->conversation_heading,
                    focus != NULL ? focus : self->conversation_heading);
  return TRUE;
}

static void
on_composer_comment_posted_cb (AlgaTicketView *self,
                               AlgaComment    *comment)
{
  alga_comment_thread_add_comment (self->comment_thread, comment);
}

/* The pane keeps the focused field in view, as GtkViewport's own scroll-to-focus would, but not
 * for a focus inside a popover open on a field: GTK 4.8 measures that one as if the popover were
 * laid out in the pane, scrolls the field away, and the popover, anchored to it, is then placed
 * off every monitor (a GDK critical, and a popover of negative height). */
static void
on_root_focus_changed_cb (AlgaTicketView *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->root));
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled_window);
  GtkWidget *content;
  GtkAdjustment *vadjustment;
  graphene_rect_t bounds;
  double value, page;

  if (focus == NULL || !GTK_IS_VIEWPORT (viewport)
      || !gtk_widget_is_ancestor (focus, viewport)
      || GTK_WIDGET (gtk_widget_get_native (focus)) != self->root)
    return;

  content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  if (GTK_IS_TEXT (focus))
    focus = gtk_widget_get_parent (focus);
  if (content == NULL || !gtk_widget_compute_bounds (focus, content, &bounds))
    return;

  vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  value = gtk_adjustment_get_value (vadjustment);
  page = gtk_adjustment_get_page_size (vadjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (vadjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (vadjustment,
                              MIN (bounds.origin.y, bounds.origin.y + bounds.size.height - page));
}

static void
alga_ticket_view_root (GtkWidget *widget)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  GTK_WIDGET_CLASS (alga_ticket_view_parent_class)->root (widget);

  self->root = GTK_WIDGET (gtk_widget_get_root (widget));
  self->focus_handler_id = g_signal_connect_object (self->root, "notify::focus-widget",
                                                    G_CALLBACK (on_root_focus_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
alga_ticket_view_unroot (GtkWidget *widget)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);

  g_clear_signal_handler (&self->focus_handler_id, self->root);
  self->root = NULL;

  GTK_WIDGET_CLASS (alga_ticket_view_parent_class)->unroot (widget);
}

/* GObject. */

static void
alga_ticket_view_dispose (GObject *object)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (object);

  g_clear_weak_pointer (&self->undo_toast);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->reference_cancellable);
  g_clear_object (&self->reference_cancellable);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  g_clear_object (&self->scroll_from);
  g_clear_object (&self->scroll_to);

  if (self->ticket != NULL)
    g_signal_handlers_disconnect_by_data (self->ticket, self);
  g_clear_handle_id (&self->update_idle_id, g_source_remove);
  g_clear_handle_id (&self->resize_idle_id, g_source_remove);
  g_clear_handle_id (&self->offline_retry_id, g_source_remove);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);

  /* The template's top widget is AdwBin's child: let AdwBin drop it first, or both unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_TICKET_VIEW);
  g_clear_object (&self->account);
  g_clear_object (&self->tickets);
  g_clear_object (&self->client);
  g_clear_object (&self->reference_data);
  g_clear_object (&self->ticket);
  g_clear_object (&self->draft_store);
  g_clear_object (&self->priorities);
  g_clear_object (&self->offered_priorities);
  g_clear_pointer (&self->board_priority_kinds, g_hash_table_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_clear_pointer (&self->user_names, g_hash_table_unref);
  g_clear_pointer (&self->user_emails, g_hash_table_unref);
  g_clear_pointer (&self->watcher_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_ticket_view_parent_class)->dispose (object);
}

static void
alga_ticket_view_finalize (GObject *object)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (object);

  g_free (self->user_id);
  g_free (self->user_email);
  g_free (self->user_display_name);
  g_free (self->loading_board_id);

  G_OBJECT_CLASS (alga_ticket_view_parent_class)->finalize (object);
}

static void
alga_ticket_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      alga_ticket_view_set_account (self, g_value_get_object (value));
      break;
    case PROP_TICKET:
      alga_ticket_view_set_ticket (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_view_class_init (AlgaTicketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_ticket_view_dispose;
  widget_class->root = alga_ticket_view_root;
  widget_class->unroot = alga_ticket_view_unroot;
  object_class->finalize = alga_ticket_view_finalize;
  object_class->get_property = alga_ticket_view_get_property;
  object_class->set_property = alga_ticket_view_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         ALGA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The account's user: "me" for the thread and the composer. */
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         ALGA_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALGA_TYPE_ASSIGNEE_PICKER);
  g_type_ensure (ALGA_TYPE_COMMENT_THREAD);
  g_type_ensure (ALGA_TYPE_COMPOSER);
  g_type_ensure (ALGA_TYPE_RICH_TEXT_VIEW);

  gtk_widget_class_set_css_name (widget_class, "ticketview");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-ticket-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, number_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, status_pill);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, priority_pill);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, error_icon);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, error_title);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, status_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, priority_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, priority_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, assignee_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, assignee_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, assignee_picker);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, due_date_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, due_date_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, due_date_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, due_date_popover);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, due_date_calendar);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, due_date_note);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, due_date_clear_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, watchers_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, watchers_spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, add_watcher_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, watcher_picker);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, client_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, client_email_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, client_email_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, client_phone_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, client_phone_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, contact_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, contact_email_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, contact_phone_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, location_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, board_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, category_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, created_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, updated_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, closed_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, tags_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, tags_box);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, description_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, comments_box);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, comment_thread);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, conversation_heading);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, composer);
  /* Not used from code, but tests reach them through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "copy_number_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "open_in_browser_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "log_time_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "retry_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "due_date_set_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_composer_comment_posted_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_comment_thread_mnemonic_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_assignee_picker_user_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_watcher_picker_user_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_date_set_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_date_clear_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "ticket.assign-to-me", NULL, assign_to_me_action);
  gtk_widget_class_install_action (widget_class, "ticket.change-status", NULL, change_status_action);
  gtk_widget_class_install_action (widget_class, "ticket.change-priority", NULL,
                                   change_priority_action);
  gtk_widget_class_install_action (widget_class, "ticket.change-assignee", NULL,
                                   change_assignee_action);
  gtk_widget_class_install_action (widget_class, "ticket.change-due-date", NULL,
                                   change_due_date_action);
  gtk_widget_class_install_action (widget_class, "ticket.copy-number", NULL, copy_number_action);
  gtk_widget_class_install_action (widget_class, "ticket.open-in-browser", NULL,
                                   open_in_browser_action);
  gtk_widget_class_install_action (widget_class, "ticket.log-time", NULL, log_time_action);
  gtk_widget_class_install_action (widget_class, "ticket.toggle-timer", NULL, toggle_timer_action);
  gtk_widget_class_install_action (widget_class, "ticket.reply", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "ticket.undo", NULL, undo_action);

  /* Ctrl+Shift+letter keeps clear of the window's Ctrl+F, Ctrl+R, Ctrl+T and Ctrl+Enter. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.assign-to-me", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.change-status", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.change-priority", NULL);
  /* Not Ctrl+Shift+A (GTK's lists and text fields unselect with it) nor Ctrl+Shift+D (GTK's
   * Inspector). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "ticket.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.change-assignee", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.change-due-date", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.copy-number", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.open-in-browser", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "ticket.log-time", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.toggle-timer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.reply", NULL);
}

static void
alga_ticket_view_init (AlgaTicketView *self)
{
  g_autoptr(GtkExpression) status_name = NULL;
  g_autoptr(GtkExpression) priority_name = NULL;
  g_autoptr(GtkListItemFactory) priority_factory = NULL;
  g_autoptr(GtkListItemFactory) priority_list_factory = NULL;
  AdwActionRow *value_rows[8];

  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->priorities = g_list_store_new (ALGA_TYPE_PRIORITY);
  self->offered_priorities = g_list_store_new (ALGA_TYPE_PRIORITY);
  self->board_priority_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->user_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->user_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->watcher_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* What was logged on the ticket, below the conversation, so a wrong entry is seen. */
  self->time_summary = ALGA_TIME_SUMMARY (alga_time_summary_new ());
  gtk_box_append (self->comments_box, GTK_WIDGET (self->time_summary));
  if (GTK_IS_VIEWPORT (gtk_scrolled_window_get_child (self->scrolled_window)))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->scrolled_window)),
                                      FALSE);

  /* Server text is not markup: a client named "A & B" must show as written. */
  value_rows[0] = self->client_row;
  value_rows[1] = self->contact_row;
  value_rows[2] = self->location_row;
  value_rows[3] = self->board_row;
  value_rows[4] = self->category_row;
  value_rows[5] = self->created_row;
  value_rows[6] = self->updated_row;
  value_rows[7] = self->closed_row;
  for (guint i = 0; i < G_N_ELEMENTS (value_rows); i++)
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (value_rows[i]), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->assignee_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->due_date_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->watchers_row), FALSE);

  status_name = gtk_property_expression_new (ALGA_TYPE_STATUS, NULL, "name");
  adw_combo_row_set_expression (self->status_row, status_name);
  priority_name = gtk_property_expression_new (ALGA_TYPE_PRIORITY, NULL, "priority-name");
  adw_combo_row_set_expression (self->priority_row, priority_name);
  priority_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (priority_factory, "setup", G_CALLBACK (setup_priority_item_cb), NULL);
  g_signal_connect (priority_factory, "bind", G_CALLBACK (bind_priority_item_cb), NULL);
  adw_combo_row_set_factory (self->priority_row, priority_factory);
  priority_list_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (priority_list_factory, "setup", G_CALLBACK (setup_priority_list_item_cb), NULL);
  g_signal_connect (priority_list_factory, "bind", G_CALLBACK (bind_priority_item_cb), NULL);
  adw_combo_row_set_list_factory (self->priority_row, priority_list_factory);

  /* The thread and the composer follow the pane: same account, same ticket. */
  for (guint i = 0; i < 2; i++)
    {
      GObject *target = i == 0 ? G_OBJECT (self->comment_thread) : G_OBJECT (self->composer);

      g_object_bind_property (self, "account", target, "account", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self, "user-id", target, "user-id", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self, "ticket", target, "ticket", G_BINDING_SYNC_CREATE);
    }

  g_signal_connect_swapped (self->status_row, "notify::selected",
                            G_CALLBACK (on_status_row_selected_cb), self);
  g_signal_connect_swapped (self->priority_row, "notify::selected",
                            G_CALLBACK (on_priority_row_selected_cb), self);

  update_actions (self);
}

GtkWidget *
alga_ticket_view_new (void)
{
  return g_object_new (ALGA_TYPE_TICKET_VIEW, NULL);
}

/* Who "me" is: the assignee of Assign to Me, the author of what the composer posts, and the
 * address the server's watch list e-mails. */
static void
set_identity (AlgaTicketView *self,
              AlgaAccount    *account)
{
  const char *user_id = account != NULL ? alga_account_get_user_id (account) : NULL;
  const char *user_name = account != NULL ? alga_account_get_user_name (account) : NULL;

  g_free (self->user_display_name);
  self->user_display_name = g_strdup (user_name);
  g_object_set (self->composer, "user-name", user_name, NULL);
  g_free (self->user_email);
  self->user_email = g_strdup (account != NULL ? alga_account_get_user_email (account) : NULL);

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;

  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  if (self->ticket != NULL)
    update_watchers (self);
  alga_assignee_picker_set_user_id (self->assignee_picker, user_id);
  alga_assignee_picker_set_user_id (self->watcher_picker, user_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

static void
set_client (AlgaTicketView *self,
            AlgaClient     *client)
{
  if (self->client == client)
    return;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    g_signal_connect_object (client, "notify::offline",
                             G_CALLBACK (on_client_offline_changed_cb), self, G_CONNECT_SWAPPED);
  on_client_offline_changed_cb (self);

  alga_assignee_picker_set_client (self->assignee_picker, client);
  alga_assignee_picker_set_client (self->watcher_picker, client);
}

AlgaAccount *
alga_ticket_view_get_account (AlgaTicketView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_VIEW (self), NULL);

  return self->account;
}

/**
 * alga_ticket_view_set_account:
 * @self: a ticket view
 * @account: (nullable): the signed-in account whose tickets the view shows
 *
 * Everything the pane reads and writes goes through @account: the ticket and its comments come
 * from its tickets (the server, or the copy saved in its cache while offline), every change goes
 * back through them, the choices of the fields come from its reference data, and what is typed
 * waits in its drafts.
 */
void
alga_ticket_view_set_account (AlgaTicketView *self,
                              AlgaAccount    *account)
{
  g_return_if_fail (ALGA_IS_TICKET_VIEW (self));
  g_return_if_fail (!account || ALGA_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  g_set_object (&self->account, account);
  g_set_object (&self->tickets, (account != NULL ? alga_account_get_tickets (account) : NULL));
  g_set_object (&self->draft_store, (account != NULL ? alga_account_get_drafts (account) : NULL));
  set_client (self, account != NULL ? alga_account_get_client (account) : NULL);
  set_identity (self, account);
  forget_reference_data (self,
                         account != NULL ? alga_account_get_reference_data (account) : NULL);

  start_loading (self);
  update_actions (self);
  show_time_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/**
 * alga_ticket_view_refresh:
 * @self: a #AlgaTicketView
 *
 * Reads the ticket and its comments again, keeping what is shown until they arrive: the
 * watcher found that the ticket changed on the server.
 */
void
alga_ticket_view_refresh (AlgaTicketView *self)
{
  g_return_if_fail (ALGA_IS_TICKET_VIEW (self));

  if (self->ticket == NULL)
    return;

  if (!self->loading)
    load_detail (self);
  alga_comment_thread_reload (self->comment_thread);
}

AlgaTicket *
alga_ticket_view_get_ticket (AlgaTicketView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_VIEW (self), NULL);

  return self->ticket;
}

void
alga_ticket_view_set_ticket (AlgaTicketView *self,
                             AlgaTicket     *ticket)
{
  g_return_if_fail (ALGA_IS_TICKET_VIEW (self));
  g_return_if_fail (!ticket || ALGA_IS_TICKET (ticket));

  if (self->ticket == ticket)
    return;

  if (self->ticket != NULL)
    g_signal_handlers_disconnect_by_data (self->ticket, self);
  g_set_object (&self->ticket, ticket);

  if (ticket != NULL)
    {
      g_signal_connect_swapped (ticket, "notify", G_CALLBACK (on_ticket_notify_cb), self);
      update_header (self);
      update_fields (self);
      update_description (self);
      gtk_stack_set_visible_child_name (self->stack, "ticket");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  start_loading (self);
  update_actions (self);
  show_time_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

/**
 * alga_ticket_view_dup_web_uri:
 * @self: a ticket view
 *
 * The ticket's page in the Alga PSA web application, `{base}/msp/tickets/{ticket_id}` (the
 * route of server/src/app/msp/tickets/[id]/page.tsx in the server's source).
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL without a ticket or client
 */
char *
alga_ticket_view_dup_web_uri (AlgaTicketView *self)
{
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (ALGA_IS_TICKET_VIEW (self), NULL);

  if (self->ticket == NULL || self->client == NULL)
    return NULL;

  base = g_strdup (alga_client_get_base_url (self->client));
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  id = g_uri_escape_string (alga_ticket_get_ticket_id (self->ticket), NULL, FALSE);

  return g_strdup_printf ("%s/msp/tickets/%s", base, id);
}
