/* alga-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "alga-cache.h"
#include "alga-gui-util.h"
#include "alga-new-ticket-dialog.h"
#include "alga-reference-data.h"
#include "alga-ticket-list-view.h"
#include "alga-ticket-view.h"
#include "alga-view.h"
#include "alga-window.h"

/* How many tickets a page of the list holds. */
#define PAGE_SIZE 50

typedef enum
{
  UPDATED_ANY,
  UPDATED_DAY,
  UPDATED_WEEK,
  UPDATED_MONTH,
} UpdatedFilter;

typedef enum
{
  ASSIGNEE_FILTER_ANY,
  ASSIGNEE_FILTER_ME,
  ASSIGNEE_FILTER_NOBODY,
} AssigneeFilter;

struct _AlgaWindow
{
  AdwApplicationWindow  parent_instance;

  AlgaAccount          *account;
  AlgaTicketList       *tickets;
  GCancellable         *cancellable;
  AlgaView              view;
  GSettings            *settings;

  /* Reference data for the filters: status ids grouped by name, board ids in menu order. */
  GHashTable           *status_ids_by_name;
  GPtrArray            *board_ids;
  guint                 tags_timeout_id;
  guint                 counts_timeout_id;

  GtkLabel             *count_labels[ALGA_N_VIEWS];
  /* Counts and filter data wait until the list has shown its first page: they are not what
   * the technician sat down for, and they would compete with it for the network. */
  gboolean              deferred_loads;
  /* And they wait for the frame that shows that page (or a second, if none comes). */
  GdkFrameClock        *deferred_clock;
  gulong                deferred_paint_id;
  guint                 deferred_timeout_id;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwBin               *sign_in_bin;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_pane;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  GtkListBox           *views_list;
  GtkLabel             *account_label;
  AdwWindowTitle       *list_title;
  AdwWindowTitle       *detail_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkMenuButton        *filter_button;
  GtkWidget            *refresh_button;
  GtkWidget            *sort_button;
  AdwHeaderBar         *list_header_bar;
  AlgaTicketListView   *ticket_list_view;
  AlgaTicketView       *ticket_view;   /* made after the first frame, or when first needed */
  GtkWidget            *detail_placeholder;
  gulong                first_paint_id;
  guint                 ticket_view_idle_id;
  GtkDropDown          *assignee_filter;
  GtkDropDown          *status_filter;
  GtkStringList        *status_filter_model;
  GtkDropDown          *priority_filter;
  GtkStringList        *priority_filter_model;
  GtkDropDown          *board_filter;
  GtkStringList        *board_filter_model;
  GtkDropDown          *updated_filter;
  GtkEntry             *tags_filter;

  /* The banner saying the list is not live. */
  GtkRevealer          *offline_revealer;
  GtkRevealer          *filters_revealer;
  GtkLabel             *filters_label;
  GtkLabel             *offline_label;
};

G_DEFINE_FINAL_TYPE (AlgaWindow, alga_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  VIEW_COUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AlgaClient *
get_client (AlgaWindow *self)
{
  return self->account != NULL ? alga_account_get_client (self->account) : NULL;
}

static const char *
get_user_id (AlgaWindow *self)
{
  return self->account != NULL ? alga_account_get_user_id (self->account) : NULL;
}

/* The account's statuses, priorities and boards, shared with the ticket pane. */
static AlgaReferenceData *
get_reference_data (AlgaWindow *self)
{
  return self->account != NULL ? alga_account_get_reference_data (self->account) : NULL;
}

static gboolean
filters_active (AlgaWindow *self)
{
  const char *tags = gtk_editable_get_text (GTK_EDITABLE (self->tags_filter));

  return gtk_drop_down_get_selected (self->assignee_filter) != ASSIGNEE_FILTER_ANY
         || gtk_drop_down_get_selected (self->status_filter) > 0
         || gtk_drop_down_get_selected (self->priority_filter) > 0
         || gtk_drop_down_get_selected (self->board_filter) > 0
         || gtk_drop_down_get_selected (self->updated_filter) != UPDATED_ANY
         || (tags != NULL && tags[0] != '\0');
}

/* The query of the list: the view's, narrowed by the search text and the filters, in the
 * chosen order. */
static AlgaTicketQuery *
build_query (AlgaWindow *self)
{
  g_autoptr(AlgaTicketQuery) query = NULL;
  g_autoptr(GVariant) sort = NULL;
  g_autoptr(GVariant) descending = NULL;
  const char *search;
  const char *tags_text;
  guint selected;

  query = alga_view_build_query (self->view, get_user_id (self), NULL);

  sort = g_action_group_get_action_state (G_ACTION_GROUP (self), "sort");
  descending = g_action_group_get_action_state (G_ACTION_GROUP (self), "sort-descending");
  if (sort != NULL && descending != NULL)
    alga_ticket_query_set_sort (query, g_variant_get_string (sort, NULL),
                                g_variant_get_boolean (descending));

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (search != NULL && search[0] != '\0')
    alga_ticket_query_set_search (query, search);

  switch ((AssigneeFilter) gtk_drop_down_get_selected (self->assignee_filter))
    {
    case ASSIGNEE_FILTER_ME:
      alga_ticket_query_set_assignee (query, ALGA_TICKET_ASSIGNEE_ME, NULL);
      break;
    case ASSIGNEE_FILTER_NOBODY:
      alga_ticket_query_set_assignee (query, ALGA_TICKET_ASSIGNEE_NONE, NULL);
      break;
    case ASSIGNEE_FILTER_ANY:
    default:
      break;
    }

  selected = gtk_drop_down_get_selected (self->status_filter);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    {
      const char *name = gtk_string_list_get_string (self->status_filter_model, selected);
      GPtrArray *ids = g_hash_table_lookup (self->status_ids_by_name, name);

      if (ids != NULL)
        alga_ticket_query_set_status_ids (query, (const char * const *) ids->pdata);
    }

  selected = gtk_drop_down_get_selected (self->priority_filter);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    alga_ticket_query_set_priority_name (query,
                                         gtk_string_list_get_string (self->priority_filter_model,
                                                                     selected));

  selected = gtk_drop_down_get_selected (self->board_filter);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION && selected <= self->board_ids->len)
    alga_ticket_query_set_board_id (query, g_ptr_array_index (self->board_ids, selected - 1));

  switch ((UpdatedFilter) gtk_drop_down_get_selected (self->updated_filter))
    {
    case UPDATED_DAY:
    case UPDATED_WEEK:
    case UPDATED_MONTH:
      {
        static const int days[] = { 0, 1, 7, 30 };
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) since =
          g_date_time_add_days (now, -days[gtk_drop_down_get_selected (self->updated_filter)]);

        alga_ticket_query_set_updated_since (query, since);
      }
      break;
    case UPDATED_ANY:
    default:
      break;
    }

  tags_text = gtk_editable_get_text (GTK_EDITABLE (self->tags_filter));
  if (tags_text != NULL && tags_text[0] != '\0')
    {
      g_auto(GStrv) parts = g_strsplit_set (tags_text, ",", -1);
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();
      guint i;

      for (i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            g_ptr_array_add (tags, parts[i]);
        }
      g_ptr_array_add (tags, NULL);
      if (tags->len > 1)
        alga_ticket_query_set_tags (query, (const char * const *) tags->pdata);
    }

  return g_steal_pointer (&query);
}

static void
add_filter_text (GString    *text,
                 const char *what,
                 GtkDropDown *drop_down)
{
  GObject *item = gtk_drop_down_get_selected_item (drop_down);

  if (!GTK_IS_STRING_OBJECT (item))
    return;
  if (text->len > 0)
    g_string_append (text, ", ");
  /* Translators: one filter in force, e.g. "Priority: P1 - Critical". */
  g_string_append_printf (text, _("%s: %s"), what, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

/* Which filters narrow the list, in words, under the header: a filter is never on unseen. */
static void
update_filters_bar (AlgaWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *tags = gtk_editable_get_text (GTK_EDITABLE (self->tags_filter));

  if (gtk_drop_down_get_selected (self->assignee_filter) != ASSIGNEE_FILTER_ANY)
    add_filter_text (text, _("Assignee"), self->assignee_filter);
  if (gtk_drop_down_get_selected (self->status_filter) > 0)
    add_filter_text (text, _("Status"), self->status_filter);
  if (gtk_drop_down_get_selected (self->priority_filter) > 0)
    add_filter_text (text, _("Priority"), self->priority_filter);
  if (gtk_drop_down_get_selected (self->board_filter) > 0)
    add_filter_text (text, _("Board"), self->board_filter);
  if (gtk_drop_down_get_selected (self->updated_filter) != UPDATED_ANY)
    add_filter_text (text, _("Updated"), self->updated_filter);
  if (tags != NULL && tags[0] != '\0')
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _("%s: %s"), _("Tags"), tags);
    }

  gtk_label_set_label (self->filters_label, text->str);
  gtk_revealer_set_reveal_child (self->filters_revealer, text->len > 0);
}

static void
update_list_title (AlgaWindow *self)
{
  g_autofree char *subtitle = NULL;

  adw_window_title_set_title (self->list_title, alga_view_get_title (self->view));

  /* A cached start says what it shows until the server's answer replaces it. */
  if (self->tickets != NULL && alga_ticket_list_get_cached (self->tickets)
      && !alga_ticket_list_get_offline (self->tickets))
    {
      subtitle = g_strdup (_("Saved copy, updating…"));
    }
  else if (self->tickets != NULL && !alga_ticket_list_get_loading (self->tickets)
           && alga_ticket_list_get_error (self->tickets) == NULL)
    {
      guint total = alga_ticket_list_get_total (self->tickets);

      subtitle = g_strdup_printf (ngettext ("%u ticket", "%u tickets", total), total);
    }

  adw_window_title_set_subtitle (self->list_title, subtitle != NULL ? subtitle : "");

  if (filters_active (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  update_filters_bar (self);
}

/* Whose every ticket of the list is, when the view or the assignee filter says it. */
static void
update_implied_assignee (AlgaWindow *self)
{
  const char *implied = NULL;
  AssigneeFilter filter = gtk_drop_down_get_selected (self->assignee_filter);

  if (self->view == ALGA_VIEW_MY_OPEN || filter == ASSIGNEE_FILTER_ME)
    implied = get_user_id (self);
  else if (self->view == ALGA_VIEW_UNASSIGNED || filter == ASSIGNEE_FILTER_NOBODY)
    implied = "";

  alga_ticket_list_view_set_implied_assignee (self->ticket_list_view, implied);
}

static void
apply_query (AlgaWindow *self)
{
  g_autoptr(AlgaTicketQuery) query = NULL;

  if (self->tickets == NULL)
    return;

  query = build_query (self);
  alga_ticket_list_set_query (self->tickets, query);
  update_list_title (self);
  update_implied_assignee (self);
}

/* Counts of the sidebar: one stats request for the open and closed totals, and a one-ticket
 * page for each view whose count the stats do not give. */

typedef struct
{
  AlgaWindow *self;
  AlgaView    view;
} CountData;

static void
set_count (AlgaWindow *self,
           AlgaView    view,
           guint       count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_label (self->count_labels[view], text);
  g_signal_emit (self, signals[VIEW_COUNT_CHANGED], 0, (guint) view, count);
}

static void
on_count_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CountData *data = user_data;
  g_autoptr(AlgaPagination) pagination = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;

  tickets = alga_client_list_tickets_finish (ALGA_CLIENT (source), result, &pagination, &error);
  if (tickets != NULL && pagination != NULL)
    set_count (data->self, data->view, pagination->total);
  else if (!alga_gui_error_is_cancelled (error))
    g_debug ("Count of %s: %s", alga_view_get_id (data->view), error ? error->message : "?");

  g_object_unref (data->self);
  g_free (data);
}

static void
on_stats_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AlgaWindow) self = user_data;
  g_autoptr(AlgaTicketStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = alga_client_get_ticket_stats_finish (ALGA_CLIENT (source), result, &error);
  if (stats == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        g_debug ("Stats: %s", error->message);
      return;
    }

  set_count (self, ALGA_VIEW_ALL_OPEN, alga_ticket_stats_get_open_tickets (stats));
  set_count (self, ALGA_VIEW_CLOSED, alga_ticket_stats_get_closed_tickets (stats));
}

static void
load_counts_of (AlgaWindow *self,
                gboolean    shown_too)
{
  static const AlgaView counted[] = { ALGA_VIEW_MY_OPEN, ALGA_VIEW_UNASSIGNED, ALGA_VIEW_RECENT };
  AlgaClient *client = get_client (self);
  guint i;

  if (client == NULL)
    return;

  alga_client_get_ticket_stats_async (client, self->cancellable,
                                      on_stats_loaded_cb, g_object_ref (self));

  for (i = 0; i < G_N_ELEMENTS (counted); i++)
    {
      g_autoptr(AlgaTicketQuery) query = NULL;
      CountData *data;

      /* The shown view's list counts it (on_tickets_state_changed_cb): one request
       * fewer at each start and refresh. */
      if (counted[i] == self->view && self->tickets != NULL && !shown_too)
        continue;

      query = alga_view_build_query (counted[i], get_user_id (self), NULL);
      data = g_new0 (CountData, 1);
      data->self = g_object_ref (self);
      data->view = counted[i];
      alga_ticket_query_set_fields (query, "ticket_id");
      alga_client_list_tickets_async (client, query, 1, 1, self->cancellable,
                                      on_count_loaded_cb, data);
    }
}

static void
load_counts (AlgaWindow *self)
{
  load_counts_of (self, FALSE);
}

/* Reference data for the filters. */

static void
on_statuses_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AlgaWindow) self = user_data;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint i;

  statuses = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (statuses == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        g_debug ("Statuses: %s", error->message);
      return;
    }

  /* Statuses belong to boards; several boards may have an "In Progress". The filter offers
   * each name once and matches every status of that name. */
  g_hash_table_remove_all (self->status_ids_by_name);
  g_ptr_array_add (names, (gpointer) _("Any status"));
  for (i = 0; i < statuses->len; i++)
    {
      AlgaStatus *status = g_ptr_array_index (statuses, i);
      const char *name = alga_status_get_name (status);
      GPtrArray *ids;

      if (name == NULL)
        continue;

      ids = g_hash_table_lookup (self->status_ids_by_name, name);
      if (ids == NULL)
        {
          ids = g_ptr_array_new_null_terminated (2, g_free, TRUE);
          g_hash_table_insert (self->status_ids_by_name, g_strdup (name), ids);
          g_ptr_array_add (names, (gpointer) name);
        }
      g_ptr_array_add (ids, g_strdup (alga_status_get_status_id (status)));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->status_filter_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->status_filter_model)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->status_filter, 0);
}

static void
on_boards_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AlgaWindow) self = user_data;
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint i;

  boards = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (boards == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        g_debug ("Boards: %s", error->message);
      return;
    }

  g_ptr_array_set_size (self->board_ids, 0);
  g_ptr_array_add (names, (gpointer) _("Any board"));
  for (i = 0; i < boards->len; i++)
    {
      AlgaBoard *board = g_ptr_array_index (boards, i);

      if (alga_board_get_board_name (board) == NULL || alga_board_get_is_inactive (board))
        continue;
      g_ptr_array_add (self->board_ids, g_strdup (alga_board_get_board_id (board)));
      g_ptr_array_add (names, (gpointer) alga_board_get_board_name (board));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->board_filter_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->board_filter_model)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->board_filter, 0);
}

static void
on_priorities_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AlgaWindow) self = user_data;
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint i;

  priorities = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (priorities == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        g_debug ("Priorities: %s", error->message);
      return;
    }

  g_ptr_array_add (names, (gpointer) _("Any priority"));
  for (i = 0; i < priorities->len; i++)
    {
      const char *name = alga_priority_get_priority_name (g_ptr_array_index (priorities, i));

      if (name != NULL)
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->priority_filter_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->priority_filter_model)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->priority_filter, 0);
}

static void
load_reference_data (AlgaWindow *self)
{
  AlgaReferenceData *reference_data = get_reference_data (self);

  if (reference_data == NULL)
    return;

  alga_reference_data_get_async (reference_data, ALGA_REFERENCE_STATUSES, NULL,
                                 self->cancellable, on_statuses_loaded_cb, g_object_ref (self));
  alga_reference_data_get_async (reference_data, ALGA_REFERENCE_PRIORITIES, NULL,
                                 self->cancellable, on_priorities_loaded_cb, g_object_ref (self));
  alga_reference_data_get_async (reference_data, ALGA_REFERENCE_BOARDS, NULL,
                                 self->cancellable, on_boards_loaded_cb, g_object_ref (self));
}

/* Signal handlers from the template. */

/* The sidebar shows which view is on screen. Its rows are not selectable: moving the focus
 * through them (Tab, the arrows) must not switch and reload a view at each step; a view is
 * chosen by activating its row (Enter, Space, a click) or with Alt+N. */
static void
mark_view_row (AlgaWindow *self)
{
  for (int i = 0; i < ALGA_N_VIEWS; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->views_list, i);

      if (row == NULL)
        continue;
      if (i == (int) self->view)
        gtk_widget_set_state_flags (GTK_WIDGET (row), GTK_STATE_FLAG_SELECTED, FALSE);
      else
        gtk_widget_unset_state_flags (GTK_WIDGET (row), GTK_STATE_FLAG_SELECTED);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_SELECTED, i == (int) self->view,
                                   -1);
    }
}

static void clear_filters (AlgaWindow *self);

static void
show_view (AlgaWindow *self,
           AlgaView    view)
{
  if (view != self->view || self->tickets == NULL)
    {
      /* A filter belongs to the view it was set in: another view shows all its tickets. */
      if (view != self->view && filters_active (self))
        clear_filters (self);
      /* Selecting the saved view at start writes nothing. */
      if (self->settings != NULL && view != self->view)
        g_settings_set_string (self->settings, "last-view", alga_view_get_id (view));
      self->view = view;
      apply_query (self);
    }
  mark_view_row (self);
}

/* A view chosen from the keyboard or the sidebar: its list is where the work goes on. */
static void
focus_list (AlgaWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  alga_ticket_list_view_focus_selected (self->ticket_list_view);
}

static void
on_views_list_row_activated_cb (AlgaWindow    *self,
                                GtkListBoxRow *row)
{
  show_view (self, (AlgaView) gtk_list_box_row_get_index (row));
  focus_list (self);
}

/* A spinning GtkSpinner animates even on a hidden page, and keeps the frame clock ticking
 * while the app sits idle (docs/PERFORMANCE.md, Spinners spin only when shown). */
static void
on_spinner_map_cb (GtkSpinner *spinner)
{
  gtk_spinner_start (spinner);
}

static void
on_spinner_unmap_cb (GtkSpinner *spinner)
{
  gtk_spinner_stop (spinner);
}

static void
on_search_changed_cb (AlgaWindow *self)
{
  apply_query (self);
}

static void
on_search_activate_cb (AlgaWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->ticket_list_view));
  alga_ticket_list_view_move_selection (self->ticket_list_view, 1);
}

static void
on_filter_changed_cb (AlgaWindow *self)
{
  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  apply_query (self);
}

static gboolean
tags_timeout_cb (gpointer user_data)
{
  AlgaWindow *self = user_data;

  self->tags_timeout_id = 0;
  apply_query (self);

  return G_SOURCE_REMOVE;
}

static void
on_tags_changed_cb (AlgaWindow *self)
{
  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  self->tags_timeout_id = g_timeout_add (400, tags_timeout_cb, self);
}

/* The ticket pane shows the window's account. */
static void
update_ticket_view (AlgaWindow *self)
{
  if (self->ticket_view == NULL)
    return;

  alga_ticket_view_set_account (self->ticket_view, self->account);
}

/* The ticket pane (header, fields, comment thread, composer: about a tenth of the
 * window's work before its first frame) is measured and drawn only from the first ticket opened;
 * until then a status page like its own empty one stands in for it. It is made right after the
 * first frame with rows (a cached start has its rows before the window is mapped; otherwise they
 * come later from the server), or when something needs it first. */
static AlgaTicketView *
ensure_ticket_view (AlgaWindow *self)
{
  if (self->ticket_view != NULL)
    return self->ticket_view;

  g_clear_handle_id (&self->ticket_view_idle_id, g_source_remove);
  self->ticket_view = ALGA_TICKET_VIEW (alga_ticket_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->ticket_view), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->ticket_view), FALSE);
  gtk_box_append (GTK_BOX (self->detail_pane), GTK_WIDGET (self->ticket_view));
  update_ticket_view (self);

  return self->ticket_view;
}

static void
show_ticket_view (AlgaWindow *self)
{
  ensure_ticket_view (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->ticket_view)))
    return;

  gtk_widget_set_visible (self->detail_placeholder, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->ticket_view), TRUE);
}

static gboolean
make_ticket_view_cb (gpointer user_data)
{
  AlgaWindow *self = user_data;

  self->ticket_view_idle_id = 0;
  ensure_ticket_view (self);

  return G_SOURCE_REMOVE;
}

/* Right after the frame, not in it: alga-bench learns of it in the same signal. At the default
 * priority, so that it comes before anything the frame's content waits for. */
static void
on_first_after_paint_cb (GdkFrameClock *clock,
                         AlgaWindow    *self)
{
  g_clear_signal_handler (&self->first_paint_id, clock);
  if (self->ticket_view == NULL && self->ticket_view_idle_id == 0)
    self->ticket_view_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, make_ticket_view_cb,
                                                 self, NULL);
}

/* Rows that arrive while the window is on screen (from the server, or a cache read after it was
 * shown) bring the pane right after the frame that paints them (B2), as at a cached start; a
 * selection before then makes it at once. */
static void
on_tickets_items_changed_cb (AlgaWindow *self,
                             guint       position,
                             guint       removed,
                             guint       added)
{
  GdkFrameClock *clock;

  if (added == 0 || self->ticket_view != NULL || self->ticket_view_idle_id != 0 ||
      self->first_paint_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL)
    self->first_paint_id = g_signal_connect (clock, "after-paint",
                                             G_CALLBACK (on_first_after_paint_cb), self);
  else
    ensure_ticket_view (self);
}

static void
on_realize_cb (AlgaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->ticket_view == NULL && self->first_paint_id == 0 && clock != NULL)
    self->first_paint_id = g_signal_connect (clock, "after-paint",
                                             G_CALLBACK (on_first_after_paint_cb), self);
}

static void
on_unrealize_cb (AlgaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && g_signal_handler_is_connected (clock, self->first_paint_id))
    g_signal_handler_disconnect (clock, self->first_paint_id);
  self->first_paint_id = 0;
}

static void
on_selected_ticket_changed_cb (AlgaWindow *self)
{
  AlgaTicket *ticket = alga_ticket_list_view_get_selected_ticket (self->ticket_list_view);

  /* The ticket being worked on left the list (a refresh, another view): it stays open, marked,
   * until another is chosen. */
  if (ticket == NULL && self->ticket_view != NULL && self->account != NULL
      && alga_ticket_view_get_ticket (self->ticket_view) != NULL)
    {
      adw_window_title_set_subtitle (self->detail_title, _("No longer in this list"));
      return;
    }

  if (ticket != NULL)
    show_ticket_view (self);
  if (self->ticket_view != NULL)
    alga_ticket_view_set_ticket (self->ticket_view, ticket);
  adw_window_title_set_title (self->detail_title,
                              ticket != NULL ? alga_ticket_get_ticket_number (ticket) : "");
  adw_window_title_set_subtitle (self->detail_title, "");
}

/* Own changes move tickets between views: the sidebar's counts are asked again, once for a
 * burst of changes. */
static gboolean
reload_counts_cb (gpointer user_data)
{
  AlgaWindow *self = user_data;

  self->counts_timeout_id = 0;
  /* The shown list is not read again (the ticket being worked on stays where it is), so its
   * count is asked for too. */
  load_counts_of (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_client_ticket_changed_cb (AlgaWindow *self)
{
  g_clear_handle_id (&self->counts_timeout_id, g_source_remove);
  self->counts_timeout_id = g_timeout_add (300, reload_counts_cb, self);
}

static void
on_ticket_activated_cb (AlgaWindow *self,
                        AlgaTicket *ticket)
{
  show_ticket_view (self);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  gtk_widget_child_focus (GTK_WIDGET (self->ticket_view), GTK_DIR_TAB_FORWARD);
}

static void
on_leaflet_folded_cb (AlgaWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* At phone width the header bar keeps the view's name and Refresh; the order of the list
   * waits for a wider window. A row opens at one click, as the pane it opens fills the window. */
  gtk_widget_set_visible (self->sort_button, !folded);
  adw_header_bar_set_decoration_layout (self->list_header_bar, folded ? ":close" : NULL);
  alga_ticket_list_view_set_open_on_click (self->ticket_list_view, folded);

  if (!folded)
    return;

  /* Folded with nothing selected, the detail pane would be an empty page. */
  if (adw_leaflet_get_visible_child (self->leaflet) == self->detail_pane
      && alga_ticket_list_view_get_selected_ticket (self->ticket_list_view) == NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* The cached and offline states of the list. */
static void
update_cache_state (AlgaWindow *self)
{
  gboolean cached = self->tickets != NULL && alga_ticket_list_get_cached (self->tickets);
  gboolean offline = self->tickets != NULL && alga_ticket_list_get_offline (self->tickets);

  /* The subtitle ("Saved copy, updating…") is update_list_title's. */
  if (offline)
    gtk_label_set_label (self->offline_label,
                         cached ? _("Offline. These are the tickets saved on this computer.")
                                : _("Offline. The list may be out of date."));
  gtk_revealer_set_reveal_child (self->offline_revealer, offline);
}

/* Whether the list shows its view whole (no search, no filter), whatever its order. */
static gboolean
list_is_whole_view (AlgaWindow *self)
{
  const AlgaTicketQuery *shown = alga_ticket_list_get_query (self->tickets);
  g_autoptr(AlgaTicketQuery) plain = alga_view_build_query (self->view, get_user_id (self), NULL);
  g_autofree char *shown_key = NULL;
  g_autofree char *plain_key = NULL;

  alga_ticket_query_set_sort (plain, alga_ticket_query_get_sort (shown),
                              alga_ticket_query_get_descending (shown));
  shown_key = alga_cache_build_view_key (shown);
  plain_key = alga_cache_build_view_key (plain);

  return g_strcmp0 (shown_key, plain_key) == 0;
}

static void
cancel_deferred_loads (AlgaWindow *self)
{
  g_clear_handle_id (&self->deferred_timeout_id, g_source_remove);
  /* A clock disposed with its window's surface has already dropped its handlers. */
  if (self->deferred_clock != NULL
      && g_signal_handler_is_connected (self->deferred_clock, self->deferred_paint_id))
    g_signal_handler_disconnect (self->deferred_clock, self->deferred_paint_id);
  self->deferred_paint_id = 0;
  g_clear_object (&self->deferred_clock);
}

static void
run_deferred_loads (AlgaWindow *self)
{
  cancel_deferred_loads (self);
  load_counts (self);
  load_reference_data (self);
}

static void
on_deferred_after_paint_cb (GdkFrameClock *clock,
                            AlgaWindow    *self)
{
  run_deferred_loads (self);
}

static gboolean
deferred_timeout_cb (gpointer user_data)
{
  AlgaWindow *self = user_data;

  self->deferred_timeout_id = 0;
  run_deferred_loads (self);

  return G_SOURCE_REMOVE;
}

/* The first page is in the list; the counts' and filters' requests, and their answers
 * parsed on this thread, would otherwise compete with the frame that paints it. A window not on
 * screen paints nothing and loads at once; a frozen frame clock gets a second. */
static void
schedule_deferred_loads (AlgaWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->deferred_timeout_id != 0)
    return;

  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      run_deferred_loads (self);
      return;
    }

  self->deferred_clock = g_object_ref (clock);
  self->deferred_paint_id = g_signal_connect (clock, "after-paint",
                                              G_CALLBACK (on_deferred_after_paint_cb), self);
  self->deferred_timeout_id = g_timeout_add_seconds (1, deferred_timeout_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_tickets_state_changed_cb (AlgaWindow *self)
{
  update_list_title (self);
  update_cache_state (self);

  /* The shown view's count, from its list (see load_counts). */
  if (self->tickets != NULL && !alga_ticket_list_get_loading (self->tickets)
      && !alga_ticket_list_get_cached (self->tickets)
      && alga_ticket_list_get_error (self->tickets) == NULL && list_is_whole_view (self))
    set_count (self, self->view, alga_ticket_list_get_total (self->tickets));

  if (self->deferred_loads && self->tickets != NULL && !alga_ticket_list_get_loading (self->tickets)
      && (!alga_ticket_list_get_cached (self->tickets) || alga_ticket_list_get_error (self->tickets) != NULL))
    {
      self->deferred_loads = FALSE;
      schedule_deferred_loads (self);
    }
}

/* Actions. */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);

  if (self->tickets == NULL)
    return;

  /* In place: the selection and the scroll position stay. */
  alga_ticket_list_refresh (self->tickets);
  load_counts (self);
}

/* The new ticket belongs in the list now (it is the technician's when they took it), and opens. */
static void
on_ticket_created_cb (AlgaWindow *self,
                      AlgaTicket *ticket)
{
  if (self->tickets != NULL)
    alga_ticket_list_refresh (self->tickets);
  load_counts (self);
  {
    const char *number = alga_ticket_get_ticket_number (ticket);
    /* Translators: the number of the ticket just created. */
    g_autofree char *toast = g_strdup_printf (_("Ticket %s created"), number != NULL ? number : "");

    alga_gui_show_toast (GTK_WIDGET (self), toast);
  }
  alga_window_show_ticket (self, alga_ticket_get_ticket_id (ticket));
}

static void
new_ticket_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);
  GtkWidget *dialog;

  if (self->account == NULL)
    return;
  dialog = alga_new_ticket_dialog_new (GTK_WINDOW (self), self->account);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_ticket_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);

  if (self->account == NULL)
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);
  AlgaView view;

  if (!alga_view_from_id (g_variant_get_string (parameter, NULL), &view))
    return;

  show_view (self, view);
  focus_list (self);
}

static void
show_views_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);

  focus_list (self);
}

/* j and k from the ticket pane: the next or previous ticket of the list, shown in the pane,
 * with the focus left where it is. Not from a popover open on the ticket (its list has keys
 * of its own), nor without an account. */
static void
move_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->account == NULL
      || (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL))
    return;

  alga_ticket_list_view_move_selection (self->ticket_list_view, g_variant_get_int32 (parameter));
}

/* The ticket's shortcuts work from the list too: triage without leaving it. A key that can do
 * nothing says why, rather than nothing at all. */
static void
ticket_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);
  AlgaTicketView *view;

  if (self->account == NULL)
    return;

  view = ensure_ticket_view (self);
  if (alga_ticket_view_get_ticket (view) == NULL)
    {
      alga_gui_show_toast (GTK_WIDGET (self->toast_overlay), _("Choose a ticket first"));
      return;
    }

  if (!gtk_widget_activate_action (GTK_WIDGET (view), g_variant_get_string (parameter, NULL), NULL))
    alga_gui_show_toast (GTK_WIDGET (self->toast_overlay),
                         _("Wait until the last change to this ticket is saved"));
}

static void
on_sign_out_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         AlgaWindow       *self)
{
  if (g_strcmp0 (response, "sign-out") == 0)
    g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "sign-out", NULL);
}

/* Signing out deletes things a technician may not expect to lose: it asks first, and says
 * what goes. */
static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  const char *who;

  if (self->account == NULL)
    return;

  who = alga_account_get_user_email (self->account);
  if (who == NULL)
    who = alga_account_get_user_id (self->account);
  /* Translators: %s is who is signed in, e.g. "alex@example.com". */
  body = g_strdup_printf (_("Signing out of %s removes from this computer the saved copy of your "
                            "tickets and your sign-in kept in the keyring (the API key, or the "
                            "browser sign-in). Drafts not yet sent stay."),
                          who);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Puts every filter back to "any", without asking for the list (the caller does). */
static void
clear_filters (AlgaWindow *self)
{
  /* Each setter would re-query; build the query once, at the end. */
  g_signal_handlers_block_by_func (self->assignee_filter, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->status_filter, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->priority_filter, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->board_filter, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->updated_filter, on_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->tags_filter, on_tags_changed_cb, self);
  gtk_drop_down_set_selected (self->assignee_filter, ASSIGNEE_FILTER_ANY);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->priority_filter, 0);
  gtk_drop_down_set_selected (self->board_filter, 0);
  gtk_drop_down_set_selected (self->updated_filter, UPDATED_ANY);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_filter), "");
  g_signal_handlers_unblock_by_func (self->assignee_filter, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->status_filter, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->priority_filter, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->board_filter, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->updated_filter, on_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->tags_filter, on_tags_changed_cb, self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);

  clear_filters (self);
  apply_query (self);
}

static void
change_sort_state (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  AlgaWindow *self = user_data;
  g_autoptr(AlgaTicketQuery) probe = alga_ticket_query_new ();

  /* Only columns the server can sort by: anything else is a 500 there. */
  if (g_variant_is_of_type (state, G_VARIANT_TYPE_STRING)
      && !alga_ticket_query_set_sort (probe, g_variant_get_string (state, NULL), TRUE))
    return;

  g_simple_action_set_state (action, state);

  if (self->settings != NULL)
    {
      if (g_variant_is_of_type (state, G_VARIANT_TYPE_STRING))
        g_settings_set_string (self->settings, "list-sort", g_variant_get_string (state, NULL));
      else
        g_settings_set_string (self->settings, "list-order",
                               g_variant_get_boolean (state) ? "desc" : "asc");
    }

  apply_query (self);
}

/* The shortcuts window is built when first asked for, not with every window (which
 * GtkApplication does for a gtk/help-overlay.ui resource); GtkApplicationWindow keeps this
 * action rather than adding its own. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_PATH "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
activate_toggle (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));

  g_action_change_state (G_ACTION (action), g_variant_new_boolean (!g_variant_get_boolean (state)));
}

static void
activate_radio (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_action_change_state (G_ACTION (action), parameter);
}

static void
build_views_list (AlgaWindow *self)
{
  guint i;

  for (i = 0; i < ALGA_N_VIEWS; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (alga_view_get_icon_name ((AlgaView) i));
      GtkWidget *label = gtk_label_new (alga_view_get_title ((AlgaView) i));
      GtkWidget *count = gtk_label_new ("");
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *tooltip = NULL;

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (count), 1);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "view-count");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      /* Translators: the tooltip of a view in the sidebar, with its keyboard shortcut. */
      tooltip = g_strdup_printf (_("%s (Alt+%u)"), alga_view_get_title ((AlgaView) i), i + 1);
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, count, NULL,
                                      -1);
      gtk_list_box_append (self->views_list, row);

      self->count_labels[i] = GTK_LABEL (count);
    }
}

static void
save_window_state (AlgaWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
alga_window_close_request (GtkWindow *window)
{
  save_window_state (ALGA_WINDOW (window));

  return GTK_WINDOW_CLASS (alga_window_parent_class)->close_request (window);
}

static void
alga_window_dispose (GObject *object)
{
  AlgaWindow *self = ALGA_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  g_clear_handle_id (&self->counts_timeout_id, g_source_remove);
  cancel_deferred_loads (self);
  g_clear_handle_id (&self->ticket_view_idle_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_WINDOW);
  /* It went with the detail pane. */
  self->ticket_view = NULL;

  g_clear_object (&self->tickets);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->status_ids_by_name, g_hash_table_unref);
  g_clear_pointer (&self->board_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_window_parent_class)->dispose (object);
}

static void
alga_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlgaWindow *self = ALGA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AlgaWindow *self = ALGA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      alga_window_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The same keys as the ticket view's own bindings (alga-ticket-view.c). */
static const struct {
  guint            key;
  GdkModifierType  modifiers;
  const char      *action;
} ticket_shortcuts[] = {
  { GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.assign-to-me" },
  { GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.change-status" },
  { GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.change-priority" },
  { GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.change-assignee" },
  { GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.change-due-date" },
  { GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.copy-number" },
  { GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.open-in-browser" },
  { GDK_KEY_t, GDK_CONTROL_MASK, "ticket.log-time" },
  { GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.reply" },
  { GDK_KEY_z, GDK_CONTROL_MASK, "ticket.undo" },
};

static void
alga_window_class_init (AlgaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  guint i;

  object_class->dispose = alga_window_dispose;
  object_class->get_property = alga_window_get_property;
  object_class->set_property = alga_window_set_property;

  window_class->close_request = alga_window_close_request;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         ALGA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaWindow::view-count-changed:
   * @view: an #AlgaView
   * @count: how many tickets it holds
   *
   * The sidebar learned a view's count; the tray's tooltip tells the same.
   */
  signals[VIEW_COUNT_CHANGED] =
    g_signal_new ("view-count-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  g_type_ensure (ALGA_TYPE_TICKET_LIST_VIEW);
  g_type_ensure (ALGA_TYPE_TICKET_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, sign_in_bin);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, views_list);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, list_header_bar);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, ticket_list_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, detail_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, assignee_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, status_filter_model);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, priority_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, priority_filter_model);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, board_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, board_filter_model);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, updated_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, tags_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, filters_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, filters_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, offline_label);
  gtk_widget_class_bind_template_callback (widget_class, on_views_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spinner_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spinner_unmap_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_ticket_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ticket_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-views", NULL, show_views_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.ticket", "s", ticket_action);
  gtk_widget_class_install_action (widget_class, "win.move-ticket", "i", move_ticket_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.new-ticket", NULL, new_ticket_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-ticket", NULL);
  for (i = 0; i < ALGA_N_VIEWS; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", alga_view_get_id ((AlgaView) i));
  for (i = 0; i < G_N_ELEMENTS (ticket_shortcuts); i++)
    gtk_widget_class_add_binding_action (widget_class, ticket_shortcuts[i].key,
                                         ticket_shortcuts[i].modifiers,
                                         "win.ticket", "s", ticket_shortcuts[i].action);
}

/* In the ticket pane, j and k go on through the list and Escape (or Alt+Left, as AdwLeaflet
 * has it when folded) goes back to it. Local to the pane: text fields take j and k first, and
 * an open popover its Escape. */
static void
add_ticket_pane_keys (AlgaWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *next = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_j, 0),
                                        gtk_named_action_new ("win.move-ticket"));
  GtkShortcut *previous = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_k, 0),
                                            gtk_named_action_new ("win.move-ticket"));
  GtkShortcut *back = gtk_shortcut_new (
    gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                 gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK)),
    gtk_named_action_new ("win.show-list"));

  gtk_shortcut_set_arguments (next, g_variant_new_int32 (1));
  gtk_shortcut_set_arguments (previous, g_variant_new_int32 (-1));
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), next);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), previous);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), back);
  gtk_widget_add_controller (self->detail_pane, controller);
}

static void
alga_window_init (AlgaWindow *self)
{
  const GActionEntry entries[] = {
    { "sort", activate_radio, "s", "'updated_at'", change_sort_state },
    { "sort-descending", activate_toggle, NULL, "true", change_sort_state },
    { "show-help-overlay", show_help_overlay_action },
  };
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (on_unrealize_cb), NULL);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->cancellable = g_cancellable_new ();
  self->status_ids_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) g_ptr_array_unref);
  self->board_ids = g_ptr_array_new_with_free_func (g_free);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autofree char *sort = NULL;
      g_autofree char *order = NULL;
      g_autofree char *last_view = NULL;
      AlgaView view;

      self->settings = g_settings_new (BASE_APP_ID);
      sort = g_settings_get_string (self->settings, "list-sort");
      order = g_settings_get_string (self->settings, "list-order");
      last_view = g_settings_get_string (self->settings, "last-view");
      g_action_group_change_action_state (G_ACTION_GROUP (self), "sort", g_variant_new_string (sort));
      g_action_group_change_action_state (G_ACTION_GROUP (self), "sort-descending",
                                          g_variant_new_boolean (g_strcmp0 (order, "asc") != 0));
      if (alga_view_from_id (last_view, &view))
        self->view = view;

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  build_views_list (self);
  /* No type-to-search on the list: there j and k move, and a key capture would take them. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  add_ticket_pane_keys (self);

  mark_view_row (self);
  update_list_title (self);
}

AlgaWindow *
alga_window_new (AlgaApplication *application)
{
  return g_object_new (ALGA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * alga_window_get_account:
 * @self: the window
 *
 * Returns: (nullable) (transfer none): the account whose tickets the window shows
 */
AlgaAccount *
alga_window_get_account (AlgaWindow *self)
{
  g_return_val_if_fail (ALGA_IS_WINDOW (self), NULL);

  return self->account;
}

/**
 * alga_window_set_account:
 * @self: the window
 * @account: (nullable): the signed-in account, or %NULL to show the sign-in page
 *
 * Shows the tickets of @account, or the sign-in page.
 */
void
alga_window_set_account (AlgaWindow  *self,
                         AlgaAccount *account)
{
  g_autoptr(AlgaTicketQuery) query = NULL;

  g_return_if_fail (ALGA_IS_WINDOW (self));
  g_return_if_fail (!account || ALGA_IS_ACCOUNT (account));

  /* Setting no account again still shows the sign-in page: the window starts on a page of its
   * own while the application looks for a stored account. */
  if (self->account == account && account != NULL)
    return;

  /* Whatever the old account was loading is of no use now. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  cancel_deferred_loads (self);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_func (alga_account_get_client (self->account),
                                          on_client_ticket_changed_cb, self);
  g_set_object (&self->account, account);
  alga_ticket_list_view_set_model (self->ticket_list_view, NULL);
  if (self->ticket_view != NULL)
    alga_ticket_view_set_ticket (self->ticket_view, NULL);
  g_clear_object (&self->tickets);
  update_cache_state (self);

  if (account == NULL)
    {
      update_ticket_view (self);
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
      return;
    }

  {
    g_autofree char *label = NULL;
    const char *server_url = alga_account_get_server_url (account);
    g_autoptr(GUri) uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
    const char *who = alga_account_get_user_email (account);

    /* Translators: in the sidebar, who is signed in where, e.g. "alex@example.com on psa.example.com". */
    label = g_strdup_printf (_("%s on %s"),
                             who != NULL ? who : alga_account_get_user_id (account),
                             uri != NULL ? g_uri_get_host (uri) : server_url);
    gtk_label_set_label (self->account_label, label);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->account_label), label);
  }

  g_signal_connect_object (get_client (self), "ticket-changed",
                           G_CALLBACK (on_client_ticket_changed_cb), self, G_CONNECT_SWAPPED);

  query = build_query (self);
  self->tickets = alga_ticket_list_new (get_client (self), query);
  g_signal_connect_object (self->tickets, "notify::loading",
                           G_CALLBACK (on_tickets_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tickets, "items-changed",
                           G_CALLBACK (on_tickets_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tickets, "notify::total",
                           G_CALLBACK (on_tickets_state_changed_cb), self, G_CONNECT_SWAPPED);
  /* The view's saved tickets show at once; without a cache the list waits for the server. */
  alga_ticket_list_set_cache (self->tickets, alga_account_get_cache (account));
  update_ticket_view (self);
  g_signal_connect_object (self->tickets, "notify::cached",
                           G_CALLBACK (on_tickets_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tickets, "notify::offline",
                           G_CALLBACK (on_tickets_state_changed_cb), self, G_CONNECT_SWAPPED);
  alga_ticket_list_view_set_model (self->ticket_list_view, self->tickets);
  update_implied_assignee (self);
  self->deferred_loads = TRUE;
  alga_ticket_list_reload (self->tickets);
  update_list_title (self);

  gtk_stack_set_visible_child_name (self->main_stack, "tickets");
  gtk_widget_grab_focus (GTK_WIDGET (self->ticket_list_view));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/**
 * alga_window_set_sign_in_page:
 * @self: the window
 * @page: (nullable): the widget to show while nobody is signed in
 *
 * The application owns the sign-in flow; the window only shows its page.
 */
void
alga_window_set_sign_in_page (AlgaWindow *self,
                              GtkWidget  *page)
{
  g_return_if_fail (ALGA_IS_WINDOW (self));

  adw_bin_set_child (self->sign_in_bin, page);
  if (page != NULL && self->account == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
}

/**
 * alga_window_show_ticket:
 * @self: the window
 * @ticket_id: a ticket id
 *
 * Opens a ticket, e.g. from a notification or an `alga://ticket/` link: selected in the list when
 * it is there, else shown in the detail pane on its own.
 */
void
alga_window_show_ticket (AlgaWindow *self,
                         const char *ticket_id)
{
  g_return_if_fail (ALGA_IS_WINDOW (self));
  g_return_if_fail (ticket_id != NULL);

  if (self->account == NULL)
    return;

  show_ticket_view (self);
  if (!alga_ticket_list_view_select_ticket_id (self->ticket_list_view, ticket_id))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(AlgaTicket) ticket = NULL;

      /* A ticket known only by its id: the detail view fetches the rest. */
      json_object_set_string_member (object, "ticket_id", ticket_id);
      json_node_set_object (node, object);
      ticket = alga_ticket_new_from_json (node, NULL);
      alga_ticket_view_set_ticket (ensure_ticket_view (self), ticket);
    }

  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

/**
 * alga_window_apply_changes:
 * @self: the window
 * @tickets: (element-type AlgaTicket): tickets the watcher found changed on the server
 *
 * Shows what a poll found without waiting for F5: listed tickets change in place (and leave
 * the list when they no longer belong in it), a changed ticket that now belongs in the list
 * brings the loaded pages again, the counts follow, and the open ticket is read again with its
 * comments.
 */
void
alga_window_apply_changes (AlgaWindow *self,
                           GPtrArray  *tickets)
{
  AlgaTicket *open = NULL;
  gboolean missing = FALSE;
  gboolean open_changed = FALSE;

  g_return_if_fail (ALGA_IS_WINDOW (self));
  g_return_if_fail (tickets != NULL);

  if (self->account == NULL || self->tickets == NULL || tickets->len == 0)
    return;

  if (self->ticket_view != NULL)
    open = alga_ticket_view_get_ticket (self->ticket_view);

  for (guint i = 0; i < tickets->len; i++)
    {
      AlgaTicket *ticket = g_ptr_array_index (tickets, i);

      if (open != NULL && g_strcmp0 (alga_ticket_get_ticket_id (open),
                                     alga_ticket_get_ticket_id (ticket)) == 0)
        open_changed = TRUE;
      if (!alga_ticket_list_update_ticket (self->tickets, ticket) &&
          alga_ticket_query_matches (alga_ticket_list_get_query (self->tickets), ticket))
        missing = TRUE;
    }

  /* A new row's place depends on the sort and the pages: the server's answer decides it. */
  if (missing && !alga_ticket_list_get_loading (self->tickets))
    alga_ticket_list_refresh (self->tickets);
  load_counts (self);
  if (open_changed)
    alga_ticket_view_refresh (self->ticket_view);
}

/**
 * alga_window_get_ticket_list_view:
 * @self: the window
 *
 * Returns: (transfer none): the list of tickets, for tests
 */
AlgaTicketListView *
alga_window_get_ticket_list_view (AlgaWindow *self)
{
  g_return_val_if_fail (ALGA_IS_WINDOW (self), NULL);

  return self->ticket_list_view;
}

/**
 * alga_window_get_view_count:
 * @self: the window
 * @view: a built-in view
 *
 * Returns: the count shown beside @view in the sidebar, or -1 while it is not known
 */
int
alga_window_get_view_count (AlgaWindow *self,
                            AlgaView    view)
{
  const char *text;

  g_return_val_if_fail (ALGA_IS_WINDOW (self), -1);
  g_return_val_if_fail (view < ALGA_N_VIEWS, -1);

  text = gtk_label_get_label (self->count_labels[view]);
  if (text == NULL || text[0] == '\0')
    return -1;

  return atoi (text);
}

/**
 * alga_window_get_view:
 * @self: the window
 *
 * Returns: the view shown
 */
AlgaView
alga_window_get_view (AlgaWindow *self)
{
  g_return_val_if_fail (ALGA_IS_WINDOW (self), ALGA_VIEW_MY_OPEN);

  return self->view;
}
