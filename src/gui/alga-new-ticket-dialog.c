/* alga-new-ticket-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket from a phone call: title, client (found by name), its contact and location, board,
 * the board's status and priority, assignee and description. What the server would accept
 * although it is wrong (another client's contact, another kind's priority) is refused here in
 * words before anything is sent; what was typed is kept as a draft until the ticket exists.
 */

#define G_LOG_DOMAIN "alga-new-ticket-dialog"

#include "config.h"

#include "alga-new-ticket-dialog.h"

#include <glib/gi18n.h>

#include "alga-gui-util.h"
#include "alga-new-ticket.h"

/* Enough to find a client by the first letters of its name. */
#define CLIENT_RESULTS 20

struct _AlgaNewTicketDialog
{
  AdwWindow          parent_instance;

  AlgaAccount       *account;
  AlgaClient        *client;
  AlgaReferenceData *reference_data;
  AlgaDraftStore    *draft_store;
  char              *user_id;
  GCancellable      *cancellable;         /* lists and the draft: the dialog's life */
  GCancellable      *search_cancellable;  /* the client search being answered */
  GCancellable      *client_cancellable;  /* the chosen client's contacts and locations */
  GCancellable      *board_cancellable;   /* the chosen board's statuses */
  GCancellable      *create_cancellable;  /* the creation being sent */
  gboolean           filling;             /* widgets being set by us, not by the technician */
  gboolean           sending;

  GPtrArray         *boards;              /* AlgaBoard, active ones */
  GPtrArray         *statuses;            /* AlgaStatus of the chosen board */
  GListStore        *all_priorities;      /* AlgaPriority */
  GPtrArray         *priorities;          /* AlgaPriority of the chosen board's kind */
  GPtrArray         *users;               /* AlgaUser, active ones */
  GPtrArray         *contacts;            /* AlgaContact of the chosen client */
  GPtrArray         *locations;           /* AlgaLocation of the chosen client, active ones */
  GPtrArray         *found;               /* AlgaCustomer of the last search */
  char              *client_id;
  char              *client_name;
  char              *client_loaded;       /* whose contacts and locations are listed */
  /* The picks of a draft, made once their lists arrive. */
  AlgaNewTicket     *wanted;

  AdwPreferencesGroup *error_group;
  AdwActionRow      *error_row;
  AdwEntryRow       *title_row;
  AdwActionRow      *client_row;
  GtkMenuButton     *client_button;
  GtkPopover        *client_popover;
  GtkSearchEntry    *client_search;
  GtkListBox        *client_list;
  GtkLabel          *client_status;
  AdwComboRow       *contact_row;
  AdwComboRow       *location_row;
  AdwComboRow       *board_row;
  AdwComboRow       *status_row;
  AdwComboRow       *priority_row;
  AdwComboRow       *assignee_row;
  GtkTextView       *description_view;
  GtkWidget         *create_button;
  GtkStack          *create_stack;
  GtkSpinner        *create_spinner;
};

G_DEFINE_FINAL_TYPE (AlgaNewTicketDialog, alga_new_ticket_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef const char *(*GetString) (gpointer item);

static char *
user_display_name (AlgaUser *user)
{
  const char *first = alga_user_get_first_name (user);
  const char *last = alga_user_get_last_name (user);
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));

  if (*name != '\0')
    return g_steal_pointer (&name);
  return g_strdup (alga_user_get_email (user) != NULL ? alga_user_get_email (user) : alga_user_get_user_id (user));
}

/* Fills a combo row with the names of @items, after @none_label if there is one, and selects
 * the item whose id is @wanted_id, else @fallback (an index into @items, or -1 for none). */
static void
fill_row (AlgaNewTicketDialog *self,
          AdwComboRow         *row,
          GPtrArray           *items,
          GetString            get_name,
          GetString            get_id,
          const char          *none_label,
          const char          *wanted_id,
          int                  fallback)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint offset = none_label != NULL ? 1 : 0;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (none_label != NULL)
    gtk_string_list_append (names, none_label);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      gtk_string_list_append (names, get_name (items->pdata[i]));
      if (wanted_id != NULL && g_ascii_strcasecmp (get_id (items->pdata[i]), wanted_id) == 0)
        selected = i + offset;
    }
  if (selected == GTK_INVALID_LIST_POSITION && fallback >= 0 && items != NULL && (guint) fallback < items->len)
    selected = fallback + offset;
  if (selected == GTK_INVALID_LIST_POSITION && none_label != NULL)
    selected = 0;

  self->filling = TRUE;
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
  self->filling = FALSE;
}

/* The item chosen in @row, or NULL for none. */
static gpointer
chosen (AdwComboRow *row,
        GPtrArray   *items,
        gboolean     has_none)
{
  guint selected = adw_combo_row_get_selected (row);

  if (items == NULL || selected == GTK_INVALID_LIST_POSITION || (has_none && selected == 0))
    return NULL;
  selected -= has_none ? 1 : 0;
  return selected < items->len ? items->pdata[selected] : NULL;
}

static const char *
board_name (gpointer item)
{
  return alga_board_get_board_name (item);
}

static const char *
board_id (gpointer item)
{
  return alga_board_get_board_id (item);
}

static const char *
status_name (gpointer item)
{
  return alga_status_get_name (item);
}

static const char *
status_id (gpointer item)
{
  return alga_status_get_status_id (item);
}

static const char *
priority_name (gpointer item)
{
  return alga_priority_get_priority_name (item);
}

static const char *
priority_id (gpointer item)
{
  return alga_priority_get_priority_id (item);
}

static const char *
user_name (gpointer item)
{
  return g_object_get_data (item, "alga-display-name");
}

static const char *
user_id (gpointer item)
{
  return alga_user_get_user_id (item);
}

static const char *
contact_name (gpointer item)
{
  return alga_contact_get_full_name (item);
}

static const char *
contact_id (gpointer item)
{
  return alga_contact_get_contact_name_id (item);
}

static const char *
location_name (gpointer item)
{
  return alga_location_get_location_name (item);
}

static const char *
location_id (gpointer item)
{
  return alga_location_get_location_id (item);
}

static char *
dup_description (AlgaNewTicketDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The form as it stands, with what each pick belongs to. */
static AlgaNewTicket *
build_ticket (AlgaNewTicketDialog *self)
{
  AlgaNewTicket *ticket = alga_new_ticket_new ();
  g_autofree char *description = dup_description (self);
  AlgaBoard *board = chosen (self->board_row, self->boards, FALSE);
  AlgaStatus *status = chosen (self->status_row, self->statuses, FALSE);
  AlgaPriority *priority = chosen (self->priority_row, self->priorities, FALSE);
  AlgaUser *assignee = chosen (self->assignee_row, self->users, TRUE);
  AlgaContact *contact = chosen (self->contact_row, self->contacts, TRUE);
  AlgaLocation *location = chosen (self->location_row, self->locations, TRUE);

  alga_new_ticket_set_title (ticket, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  alga_new_ticket_set_description (ticket, description);
  alga_new_ticket_set_client (ticket, self->client_id, self->client_name);
  if (board != NULL)
    alga_new_ticket_set_board (ticket, alga_board_get_board_id (board), alga_board_get_priority_kind (board));
  else if (self->wanted != NULL)
    alga_new_ticket_set_board (ticket, alga_new_ticket_get_board_id (self->wanted), ALGA_PRIORITY_KIND_UNKNOWN);
  if (status != NULL)
    alga_new_ticket_set_status (ticket, alga_status_get_status_id (status), alga_status_get_board_id (status));
  if (priority != NULL)
    alga_new_ticket_set_priority (ticket, alga_priority_get_priority_id (priority), alga_priority_get_kind (priority));
  if (assignee != NULL)
    alga_new_ticket_set_assignee (ticket, alga_user_get_user_id (assignee));
  if (contact != NULL)
    alga_new_ticket_set_contact (ticket, alga_contact_get_contact_name_id (contact), alga_contact_get_client_id (contact));
  if (location != NULL)
    alga_new_ticket_set_location (ticket, alga_location_get_location_id (location),
                                  alga_location_get_client_id (location));
  return ticket;
}

static void
save_draft (AlgaNewTicketDialog *self)
{
  g_autoptr(AlgaNewTicket) ticket = NULL;
  g_autofree char *text = NULL;

  if (self->draft_store == NULL || self->filling || self->sending)
    return;
  ticket = build_ticket (self);
  text = alga_new_ticket_to_draft (ticket);
  alga_draft_store_save (self->draft_store, ALGA_NEW_TICKET_DRAFT_KEY, text);
}

static void
show_error (AlgaNewTicketDialog *self,
            const char          *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), message != NULL ? message : "");
}

static void
field_changed (AlgaNewTicketDialog *self)
{
  if (self->filling)
    return;
  save_draft (self);
}

static const char *
wanted_id (AlgaNewTicketDialog *self,
           const char         *(*get) (AlgaNewTicket *))
{
  return self->wanted != NULL ? get (self->wanted) : NULL;
}

static void
fill_priorities (AlgaNewTicketDialog *self)
{
  AlgaBoard *board = chosen (self->board_row, self->boards, FALSE);
  AlgaPriority *current = chosen (self->priority_row, self->priorities, FALSE);
  g_autofree char *keep = g_strdup (current != NULL ? alga_priority_get_priority_id (current)
                                                    : wanted_id (self, alga_new_ticket_get_priority_id));
  int fallback = -1;

  g_clear_pointer (&self->priorities, g_ptr_array_unref);
  self->priorities = alga_priority_filter_for_board (G_LIST_MODEL (self->all_priorities),
                                                     board != NULL ? alga_board_get_priority_kind (board)
                                                                   : ALGA_PRIORITY_KIND_UNKNOWN,
                                                     NULL);
  /* The middle of the board's scale, as the server's own default often is. */
  if (self->priorities->len > 0)
    fallback = self->priorities->len / 2;
  fill_row (self, self->priority_row, self->priorities, priority_name, priority_id, NULL, keep, fallback);
}

static void
list_statuses_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  int fallback = -1;

  statuses = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  if (statuses == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);

      show_error (self, message);
      return;
    }

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  self->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  /* A new ticket is open: closed statuses are not offered. */
  for (guint i = 0; i < statuses->len; i++)
    if (!alga_status_get_is_closed (statuses->pdata[i]))
      {
        if (fallback < 0 || alga_status_get_is_default (statuses->pdata[i]))
          fallback = self->statuses->len;
        g_ptr_array_add (self->statuses, g_object_ref (statuses->pdata[i]));
      }
  fill_row (self, self->status_row, self->statuses, status_name, status_id, NULL,
            wanted_id (self, alga_new_ticket_get_status_id), fallback);
}

static void
on_board_selected_cb (AlgaNewTicketDialog *self)
{
  AlgaBoard *board = chosen (self->board_row, self->boards, FALSE);

  g_cancellable_cancel (self->board_cancellable);
  g_clear_object (&self->board_cancellable);
  fill_row (self, self->status_row, NULL, status_name, status_id, NULL, NULL, -1);
  fill_priorities (self);
  if (board == NULL || self->reference_data == NULL)
    return;
  self->board_cancellable = g_cancellable_new ();
  alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_STATUSES,
                                 alga_board_get_board_id (board), self->board_cancellable,
                                 list_statuses_cb, g_object_ref (self));
  field_changed (self);
}

static void
list_boards_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  int fallback = -1;

  boards = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  if (boards == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);

      show_error (self, message);
      return;
    }

  g_clear_pointer (&self->boards, g_ptr_array_unref);
  self->boards = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < boards->len; i++)
    if (!alga_board_get_is_inactive (boards->pdata[i]))
      {
        if (fallback < 0 || alga_board_get_is_default (boards->pdata[i]))
          fallback = self->boards->len;
        g_ptr_array_add (self->boards, g_object_ref (boards->pdata[i]));
      }
  fill_row (self, self->board_row, self->boards, board_name, board_id, NULL,
            wanted_id (self, alga_new_ticket_get_board_id), fallback);
  self->filling = TRUE;
  on_board_selected_cb (self);
  self->filling = FALSE;
}

static void
list_priorities_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(GError) error = NULL;

  priorities = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error) || priorities == NULL)
    return;
  g_list_store_splice (self->all_priorities, 0, g_list_model_get_n_items (G_LIST_MODEL (self->all_priorities)),
                       priorities->pdata, priorities->len);
  fill_priorities (self);
}

static void
list_users_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  const char *wanted;

  users = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      AlgaUser *user = users->pdata[i];

      if (alga_user_get_is_inactive (user))
        continue;
      g_object_set_data_full (G_OBJECT (user), "alga-display-name", user_display_name (user), g_free);
      /* The technician first: a ticket from their own phone call is usually theirs. */
      if (g_strcmp0 (alga_user_get_user_id (user), self->user_id) == 0)
        g_ptr_array_insert (self->users, 0, g_object_ref (user));
      else
        g_ptr_array_add (self->users, g_object_ref (user));
    }
  wanted = self->wanted != NULL ? alga_new_ticket_get_assignee_id (self->wanted) : self->user_id;
  fill_row (self, self->assignee_row, self->users, user_name, user_id, _("Unassigned"), wanted, -1);
}

static void
list_contacts_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;

  contacts = alga_client_list_contacts_finish (ALGA_CLIENT (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    if (!alga_contact_get_is_inactive (contacts->pdata[i]))
      g_ptr_array_add (self->contacts, g_object_ref (contacts->pdata[i]));
  fill_row (self, self->contact_row, self->contacts, contact_name, contact_id, _("None"),
            wanted_id (self, alga_new_ticket_get_contact_id), -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contact_row), TRUE);
  if (contacts == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);

      show_error (self, message);
    }
}

static void
list_locations_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GError) error = NULL;
  int fallback = -1;

  locations = alga_client_list_locations_finish (ALGA_CLIENT (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  self->locations = g_ptr_array_new_with_free_func (g_object_unref);
  /* The server lists closed sites too; a new ticket is not for one. */
  for (guint i = 0; locations != NULL && i < locations->len; i++)
    if (alga_location_get_is_active (locations->pdata[i]))
      {
        if (alga_location_get_is_default (locations->pdata[i]))
          fallback = self->locations->len;
        g_ptr_array_add (self->locations, g_object_ref (locations->pdata[i]));
      }
  fill_row (self, self->location_row, self->locations, location_name, location_id, _("None"),
            wanted_id (self, alga_new_ticket_get_location_id), fallback);
  gtk_widget_set_sensitive (GTK_WIDGET (self->location_row), TRUE);
}

/* A new client empties its contact and location until theirs arrive: another client's would
 * be accepted by the server without a word. */
static void
choose_client (AlgaNewTicketDialog *self,
               const char          *client_id,
               const char          *client_name)
{
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  g_free (self->client_name);
  self->client_name = g_strdup (client_name);
  adw_action_row_set_subtitle (self->client_row, client_name != NULL ? client_name : _("None chosen"));

  if (g_strcmp0 (self->client_loaded, client_id) == 0)
    return;
  g_free (self->client_loaded);
  self->client_loaded = g_strdup (client_id);
  g_cancellable_cancel (self->client_cancellable);
  g_clear_object (&self->client_cancellable);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  fill_row (self, self->contact_row, NULL, contact_name, contact_id, _("None"), NULL, -1);
  fill_row (self, self->location_row, NULL, location_name, location_id, _("None"), NULL, -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contact_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->location_row), FALSE);
  if (client_id == NULL)
    return;

  self->client_cancellable = g_cancellable_new ();
  alga_client_list_contacts_async (self->client, client_id, self->client_cancellable,
                                   list_contacts_cb, g_object_ref (self));
  alga_client_list_locations_async (self->client, client_id, self->client_cancellable,
                                    list_locations_cb, g_object_ref (self));
}

static void
on_client_row_activated_cb (AlgaNewTicketDialog *self,
                            GtkListBoxRow       *row)
{
  int index = gtk_list_box_row_get_index (row);
  AlgaCustomer *customer;

  if (self->found == NULL || index < 0 || (guint) index >= self->found->len)
    return;
  customer = self->found->pdata[index];
  /* Picks made for the client before, from a draft, no longer hold. */
  if (self->wanted != NULL)
    {
      alga_new_ticket_set_contact (self->wanted, NULL, NULL);
      alga_new_ticket_set_location (self->wanted, NULL, NULL);
    }
  choose_client (self, alga_customer_get_client_id (customer), alga_customer_get_client_name (customer));
  gtk_popover_popdown (self->client_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->contact_row));
  field_changed (self);
}

static void
list_customers_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  customers = alga_client_list_customers_finish (ALGA_CLIENT (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->client_list))) != NULL)
    gtk_list_box_remove (self->client_list, child);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  if (customers == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);

      gtk_label_set_label (self->client_status, message);
      return;
    }

  self->found = g_ptr_array_ref (customers);
  for (guint i = 0; i < customers->len; i++)
    {
      GtkWidget *label = gtk_label_new (alga_customer_get_client_name (customers->pdata[i]));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_append (self->client_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->client_list), customers->len > 0);
  gtk_label_set_label (self->client_status,
                       customers->len == 0 ? _("No client has that name")
                       : customers->len == CLIENT_RESULTS ? _("Type more of the name to see others")
                       : "");
}

static void
search_clients (AlgaNewTicketDialog *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  gtk_label_set_label (self->client_status, _("Searching…"));
  alga_client_list_customers_async (self->client, gtk_editable_get_text (GTK_EDITABLE (self->client_search)),
                                    CLIENT_RESULTS, self->search_cancellable, list_customers_cb,
                                    g_object_ref (self));
}

/* Enter in the search takes the first client found. */
static void
on_client_search_activate_cb (AlgaNewTicketDialog *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->client_list, 0);

  if (first != NULL)
    on_client_row_activated_cb (self, first);
}

/* Down from the search goes into the results. */
static void
on_client_search_next_match_cb (AlgaNewTicketDialog *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->client_list, 0);

  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
on_client_popover_shown_cb (AlgaNewTicketDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->client_search));
  search_clients (self);
}

static const char *
problem_message (AlgaNewTicketProblem problem,
                 GtkWidget          **where,
                 AlgaNewTicketDialog *self)
{
  switch (problem)
    {
    case ALGA_NEW_TICKET_NO_TITLE:
      *where = GTK_WIDGET (self->title_row);
      return _("Give the ticket a title.");
    case ALGA_NEW_TICKET_TITLE_TOO_LONG:
      *where = GTK_WIDGET (self->title_row);
      return _("The title is too long: the server keeps at most 255 characters.");
    case ALGA_NEW_TICKET_NO_BOARD:
      *where = GTK_WIDGET (self->board_row);
      return _("Choose the board the ticket goes on.");
    case ALGA_NEW_TICKET_NO_CLIENT:
      *where = GTK_WIDGET (self->client_button);
      return _("Choose the client the ticket is for.");
    case ALGA_NEW_TICKET_CONTACT_OF_OTHER_CLIENT:
      *where = GTK_WIDGET (self->contact_row);
      return _("The contact works for another client. Choose one of this client’s contacts.");
    case ALGA_NEW_TICKET_LOCATION_OF_OTHER_CLIENT:
      *where = GTK_WIDGET (self->location_row);
      return _("The location belongs to another client. Choose one of this client’s locations.");
    case ALGA_NEW_TICKET_NO_STATUS:
      *where = GTK_WIDGET (self->status_row);
      return _("Choose a status. If the board has none, choose another board.");
    case ALGA_NEW_TICKET_STATUS_OF_OTHER_BOARD:
      *where = GTK_WIDGET (self->status_row);
      return _("The status belongs to another board. Choose one of this board’s statuses.");
    case ALGA_NEW_TICKET_NO_PRIORITY:
      *where = GTK_WIDGET (self->priority_row);
      return _("Choose a priority.");
    case ALGA_NEW_TICKET_PRIORITY_OF_OTHER_KIND:
      *where = GTK_WIDGET (self->priority_row);
      return _("This board does not use that priority. Choose one of the board’s priorities.");
    case ALGA_NEW_TICKET_OK:
    default:
      *where = NULL;
      return NULL;
    }
}

static void
set_sending (AlgaNewTicketDialog *self,
             gboolean             sending)
{
  self->sending = sending;
  gtk_stack_set_visible_child_name (self->create_stack, sending ? "spinner" : "label");
  gtk_spinner_set_spinning (self->create_spinner, sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-ticket.create", !sending);
}

static void
create_ticket_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = alga_ticket_repository_create_ticket_finish (ALGA_TICKET_REPOSITORY (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  set_sending (self, FALSE);
  if (ticket == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);
      /* Translators: why creating the ticket failed follows. Everything typed stays. */
      g_autofree char *text = g_strdup_printf (_("Could not create the ticket. %s"), message);

      show_error (self, text);
      return;
    }

  if (self->draft_store != NULL)
    alga_draft_store_delete (self->draft_store, ALGA_NEW_TICKET_DRAFT_KEY);
  g_signal_emit (self, signals[CREATED], 0, ticket);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlgaNewTicketDialog *self = ALGA_NEW_TICKET_DIALOG (widget);
  g_autoptr(AlgaNewTicket) ticket = NULL;
  GtkWidget *where = NULL;
  const char *message;

  if (self->sending)
    return;
  ticket = build_ticket (self);
  message = problem_message (alga_new_ticket_check (ticket), &where, self);
  show_error (self, message);
  if (message != NULL)
    {
      gtk_widget_grab_focus (where);
      return;
    }

  set_sending (self, TRUE);
  g_clear_object (&self->create_cancellable);
  self->create_cancellable = g_cancellable_new ();
  alga_ticket_repository_create_ticket_async (alga_account_get_tickets (self->account), ticket,
                                              self->create_cancellable, create_ticket_cb,
                                              g_object_ref (self));
}

static void
load_draft_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AlgaNewTicketDialog) self = user_data;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AlgaNewTicket *draft;

  text = alga_draft_store_load_finish (ALGA_DRAFT_STORE (source), result, &error);
  if (text == NULL)
    return;

  draft = alga_new_ticket_new_from_draft (text);
  g_clear_object (&self->wanted);
  self->wanted = draft;
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         alga_new_ticket_get_title (draft) != NULL ? alga_new_ticket_get_title (draft) : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            alga_new_ticket_get_description (draft) != NULL
                              ? alga_new_ticket_get_description (draft) : "", -1);
  self->filling = FALSE;
  if (alga_new_ticket_get_client_id (draft) != NULL)
    choose_client (self, alga_new_ticket_get_client_id (draft), alga_new_ticket_get_client_name (draft));
  /* Lists that arrived before the draft take its picks now. */
  if (self->boards != NULL)
    fill_row (self, self->board_row, self->boards, board_name, board_id, NULL,
              alga_new_ticket_get_board_id (draft), 0);
  if (self->users != NULL)
    fill_row (self, self->assignee_row, self->users, user_name, user_id, _("Unassigned"),
              alga_new_ticket_get_assignee_id (draft), -1);
  if (self->boards != NULL)
    {
      self->filling = TRUE;
      on_board_selected_cb (self);
      self->filling = FALSE;
    }
}

static gboolean
alga_new_ticket_dialog_close_request (GtkWindow *window)
{
  AlgaNewTicketDialog *self = ALGA_NEW_TICKET_DIALOG (window);

  /* Nothing to ask: what was typed stays as a draft for the next time. */
  if (self->draft_store != NULL)
    {
      save_draft (self);
      alga_draft_store_flush (self->draft_store);
    }

  return GTK_WINDOW_CLASS (alga_new_ticket_dialog_parent_class)->close_request (window);
}

static void
cancel_and_clear (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
alga_new_ticket_dialog_dispose (GObject *object)
{
  AlgaNewTicketDialog *self = ALGA_NEW_TICKET_DIALOG (object);

  cancel_and_clear (&self->cancellable);
  cancel_and_clear (&self->search_cancellable);
  cancel_and_clear (&self->client_cancellable);
  cancel_and_clear (&self->board_cancellable);
  cancel_and_clear (&self->create_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_NEW_TICKET_DIALOG);
  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_object (&self->reference_data);
  g_clear_object (&self->draft_store);
  g_clear_object (&self->wanted);
  g_clear_object (&self->all_priorities);
  g_clear_pointer (&self->boards, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->priorities, g_ptr_array_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  g_clear_pointer (&self->found, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_new_ticket_dialog_parent_class)->dispose (object);
}

static void
alga_new_ticket_dialog_finalize (GObject *object)
{
  AlgaNewTicketDialog *self = ALGA_NEW_TICKET_DIALOG (object);

  g_free (self->user_id);
  g_free (self->client_id);
  g_free (self->client_name);
  g_free (self->client_loaded);

  G_OBJECT_CLASS (alga_new_ticket_dialog_parent_class)->finalize (object);
}

static void
alga_new_ticket_dialog_class_init (AlgaNewTicketDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = alga_new_ticket_dialog_dispose;
  object_class->finalize = alga_new_ticket_dialog_finalize;
  window_class->close_request = alga_new_ticket_dialog_close_request;

  /**
   * AlgaNewTicketDialog::created:
   * @ticket: the new ticket, as the server read it back
   *
   * Emitted when the server created the ticket, just before the dialog closes.
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ALGA_TYPE_TICKET);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-new-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, error_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, client_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, client_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, client_popover);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, client_search);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, client_list);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, client_status);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, board_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, priority_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, create_stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaNewTicketDialog, create_spinner);

  gtk_widget_class_install_action (widget_class, "new-ticket.create", NULL, create_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
alga_new_ticket_dialog_init (AlgaNewTicketDialog *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->all_priorities = g_list_store_new (ALGA_TYPE_PRIORITY);
  self->priorities = g_ptr_array_new_with_free_func (g_object_unref);
  adw_action_row_set_subtitle (self->client_row, _("None chosen"));
  fill_row (self, self->contact_row, NULL, contact_name, contact_id, _("None"), NULL, -1);
  fill_row (self, self->location_row, NULL, location_name, location_id, _("None"), NULL, -1);
  fill_row (self, self->assignee_row, NULL, user_name, user_id, _("Unassigned"), NULL, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->client_list), FALSE);

  /* Capture phase: in the description, Ctrl+Enter would otherwise be a new line. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (
                                 gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                 gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                               gtk_named_action_new ("new-ticket.create"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->board_row, "notify::selected", G_CALLBACK (on_board_selected_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->priority_row, "notify::selected", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->assignee_row, "notify::selected", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->contact_row, "notify::selected", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->location_row, "notify::selected", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->client_search, "search-changed", G_CALLBACK (search_clients), self);
  g_signal_connect_swapped (self->client_search, "activate", G_CALLBACK (on_client_search_activate_cb), self);
  g_signal_connect_swapped (self->client_search, "next-match", G_CALLBACK (on_client_search_next_match_cb), self);
  g_signal_connect_swapped (self->client_list, "row-activated", G_CALLBACK (on_client_row_activated_cb), self);
  g_signal_connect_swapped (self->client_popover, "show", G_CALLBACK (on_client_popover_shown_cb), self);
  gtk_search_entry_set_key_capture_widget (self->client_search, NULL);

  /* The form is filled from the top: the focus starts on the title. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
}

/**
 * alga_new_ticket_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @account: the signed-in account: its client, shared lists, drafts and tickets
 *
 * Returns: (transfer floating): a new dialog
 */
GtkWidget *
alga_new_ticket_dialog_new (GtkWindow   *parent,
                            AlgaAccount *account)
{
  AlgaNewTicketDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALGA_IS_ACCOUNT (account), NULL);

  self = g_object_new (ALGA_TYPE_NEW_TICKET_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->account = g_object_ref (account);
  self->client = g_object_ref (alga_account_get_client (account));
  self->reference_data = g_object_ref (alga_account_get_reference_data (account));
  self->user_id = g_strdup (alga_account_get_user_id (account));

  self->cancellable = g_cancellable_new ();
  alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_BOARDS, NULL, self->cancellable,
                                 list_boards_cb, g_object_ref (self));
  alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_PRIORITIES, NULL, self->cancellable,
                                 list_priorities_cb, g_object_ref (self));
  alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_USERS, NULL, self->cancellable,
                                 list_users_cb, g_object_ref (self));

  self->draft_store = alga_account_get_drafts (account) != NULL
                      ? g_object_ref (alga_account_get_drafts (account)) : NULL;
  if (self->draft_store != NULL)
    alga_draft_store_load_async (self->draft_store, ALGA_NEW_TICKET_DRAFT_KEY, self->cancellable,
                                 load_draft_cb, g_object_ref (self));

  return GTK_WIDGET (self);
}
