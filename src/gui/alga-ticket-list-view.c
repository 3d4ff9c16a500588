/* alga-ticket-list-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket-list-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alga-gui-util.h"
#include "alga-list-slot.h"
#include "alga-slot-selection.h"
#include "alga-ticket-filter-model.h"
#include "alga-ticket-list-view.h"
#include "alga-ticket-row.h"

/* Ask for the next page while this many pixels of rows are still below the fold. */
#define LOAD_MORE_MARGIN 600.0

/* Rows kept for reuse: as many as the list shows at once on a tall screen. */
#define MAX_SPARE_ROWS 40

struct _AlgaTicketListView
{
  GtkWidget           parent_instance;

  AlgaTicketList     *model;
  /* model → filter_model (the search text, on the loaded items at once) → first_rows (until
   * the first rows are painted) → selection → slots (what the grid shows: a search binds the
   * rows again in place) */
  AlgaTicketFilterModel *filter_model;
  GtkSliceListModel  *first_rows;
  guint               all_rows_id;
  char               *filter_raw;    /* as typed, stripped; NULL for none */
  GtkSingleSelection *selection;
  AlgaSlotSelection  *slots;
  GSignalGroup       *model_signals;
  GPtrArray          *spare_rows;    /* AlgaTicketRow, unparented */
  guint               warm_id;       /* filling spare_rows once, after the first rows are painted */
  gboolean            warmed;

  /* While mapped: the spare rows are built after the first rows are painted, and rows out of
   * sight follow a search after its frame. */
  GdkFrameClock      *frame_clock;
  gulong              layout_handler_id;
  gulong              after_paint_handler_id;
  gboolean            stale_rows;
  guint               catch_up_id;

  GtkStack           *stack;
  /* A GtkGridView of one column rather than a GtkListView: GTK 4.8's GtkListView keeps 200
   * rows around the top visible one, and rebinds (and measures) every one of them whenever
   * the filter moves them; the grid view keeps 30 (docs/PERFORMANCE.md, A grid of one column). */
  GtkGridView        *list_view;
  GtkScrolledWindow  *scrolled_window;
  AdwStatusPage      *error_page;
  GtkRevealer        *footer_revealer;
  GtkLabel           *footer_label;
  GtkSpinner         *footer_spinner;

  /* The window whose focus the selection follows, and whether the focus should come to the
   * list as soon as it has rows (a view was just chosen). */
  GtkWidget          *root;
  gulong              focus_handler_id;
  gboolean            focus_wanted;
  gboolean            open_on_click;
  char               *implied_assignee;
};

G_DEFINE_FINAL_TYPE (AlgaTicketListView, alga_ticket_list_view, GTK_TYPE_WIDGET)

/* The rows the grid is given for its first frame with rows: more than a tall window shows. The
 * grid makes a row for each of its first 30 items, in sight or not, and a start shows a page of
 * 25 saved tickets, of which about 8 are in sight; the others come the frame after
 * (docs/PERFORMANCE.md, "The first frame's rows"). */
#define FIRST_FRAME_ROWS 12

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED_TICKET,
  PROP_FILTER_TEXT,
  N_PROPS
};

enum {
  TICKET_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* Whether the model's items are already the server's answer for the search text: then the
 * filter steps aside, the server's matching (ILIKE, with its wildcards) being the word. */
static gboolean
model_answers_filter (AlgaTicketListView *self)
{
  g_autoptr(AlgaTicketQuery) wanted = NULL;
  const AlgaTicketQuery *query;

  if (self->model == NULL)
    return TRUE;

  query = alga_ticket_list_get_query (self->model);
  wanted = alga_ticket_query_copy (query);
  alga_ticket_query_set_search (wanted, self->filter_raw);

  /* Offline, the filter goes on narrowing what is loaded. */
  return alga_ticket_query_equal (wanted, query) && !alga_ticket_list_get_loading (self->model) &&
         alga_ticket_list_get_error (self->model) == NULL;
}

/* The slot that the row in @item (a list item of the grid) follows, or NULL. */
static AlgaListSlot *
item_slot (GtkWidget *item)
{
  GtkWidget *row = gtk_widget_get_first_child (item);

  return ALGA_IS_TICKET_ROW (row) ? g_object_get_data (G_OBJECT (row), "alga-slot") : NULL;
}

/* Each row shows what its slot shows now: with @all or while the list is not shown, every row;
 * otherwise those GTK has placed in sight (mapped), the others once the frame is painted.
 * GTK 4.8's grid keeps some 30 rows where a tall window shows about 10, and a search would
 * otherwise bind and measure all of them before its frame (docs/PERFORMANCE.md, Rows bound
 * again in place). */
static void
catch_up_rows (AlgaTicketListView *self,
               gboolean            all)
{
  gboolean left = FALSE;

  all |= self->frame_clock == NULL;
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      AlgaListSlot *slot = item_slot (item);
      AlgaTicket *ticket;

      if (slot == NULL)
        continue;

      ticket = alga_list_slot_get_item (slot);
      if (alga_ticket_row_get_ticket (ALGA_TICKET_ROW (row)) == ticket)
        continue;

      if (!all && !gtk_widget_get_mapped (item))
        {
          left = TRUE;
          continue;
        }

      alga_ticket_row_set_ticket (ALGA_TICKET_ROW (row), ticket);
    }

  self->stale_rows = left;
}

static gboolean
catch_up_cb (gpointer user_data)
{
  AlgaTicketListView *self = user_data;

  self->catch_up_id = 0;
  catch_up_rows (self, TRUE);

  return G_SOURCE_REMOVE;
}

/* The server's search rule (title, ticket number or client name), so that the loaded items
 * narrow at once while the server is asked. This runs over every loaded ticket at each key, so
 * the ticket keeps its casefolded text (docs/PERFORMANCE.md, The search text kept per ticket). */
static void
update_filter (AlgaTicketListView *self)
{
  g_autofree char *folded = NULL;

  if (self->filter_raw != NULL && !model_answers_filter (self))
    folded = g_utf8_casefold (self->filter_raw, -1);

  /* A search replaces the rows: each is bound again where it stands rather than made anew
   * (docs/PERFORMANCE.md, Rows bound again in place). */
  alga_slot_selection_set_in_place (self->slots, TRUE);
  alga_ticket_filter_model_set_needle (self->filter_model, folded);
  alga_slot_selection_set_in_place (self->slots, FALSE);
  catch_up_rows (self, FALSE);
}

/* Whether the technician has gone on to type somewhere (the search, say) while the list was
 * loading: then the list does not take the focus when its rows arrive. */
static gboolean
typing_elsewhere (AlgaTicketListView *self)
{
  GtkWidget *focus = self->root != NULL ? gtk_root_get_focus (GTK_ROOT (self->root)) : NULL;

  return focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus));
}

static void
update_state (AlgaTicketListView *self)
{
  guint n_items = 0;
  gboolean loading = FALSE;
  gboolean has_more = FALSE;
  const GError *error = NULL;
  guint total = 0;
  g_autofree char *footer = NULL;

  if (self->model != NULL)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
      loading = alga_ticket_list_get_loading (self->model);
      has_more = alga_ticket_list_get_has_more (self->model);
      error = alga_ticket_list_get_error (self->model);
      total = alga_ticket_list_get_total (self->model);
    }

  /* Nothing loaded matches the search yet: the server may still find some. */
  if (n_items > 0 || (alga_ticket_filter_model_get_needle (self->filter_model) != NULL && error == NULL))
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (loading || self->model == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (error != NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);
      /* The description is Pango markup; the server's words may hold "<" or "&". */
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  if (self->focus_wanted && n_items > 0 && !typing_elsewhere (self))
    alga_ticket_list_view_focus_selected (self);

  gtk_spinner_set_spinning (self->footer_spinner, loading && n_items > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->footer_spinner), loading && n_items > 0);

  if (n_items == 0)
    footer = NULL;
  else if (error != NULL && !loading)
    footer = g_strdup (_("Could not load more tickets."));
  else if (loading)
    footer = g_strdup (_("Loading more tickets…"));
  else if (has_more)
    /* Translators: at the bottom of the ticket list, e.g. "25 of 120 tickets". */
    footer = g_strdup_printf (ngettext ("%u of %u ticket", "%u of %u tickets", total), n_items, total);
  else
    /* Translators: at the bottom of the ticket list when every ticket is shown. */
    footer = g_strdup_printf (ngettext ("All %u ticket", "All %u tickets", n_items), n_items);

  gtk_label_set_label (self->footer_label, footer != NULL ? footer : "");
  gtk_revealer_set_reveal_child (self->footer_revealer, footer != NULL);
}

/* The one place the next page is asked for: when the list is scrolled (or laid out) to within
 * LOAD_MORE_MARGIN of its end. Reading items loads nothing by itself. */
static void
maybe_load_more (AlgaTicketListView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double bottom = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj);

  /* While the search narrows the loaded items, the server's answer is on its way; while the grid
   * has only the first rows, its end is not the list's. */
  if (self->model == NULL
      || alga_ticket_filter_model_get_needle (self->filter_model) != NULL
      || gtk_slice_list_model_get_size (self->first_rows) != G_MAXUINT
      || alga_ticket_list_get_loading (self->model)
      || !alga_ticket_list_get_has_more (self->model))
    return;

  if (gtk_adjustment_get_upper (adj) - bottom < LOAD_MORE_MARGIN)
    alga_ticket_list_load_more (self->model);
}

static void
on_vadjustment_changed_cb (AlgaTicketListView *self)
{
  maybe_load_more (self);
}

/* The search text of each ticket is made as its page arrives, not at the first key. */
static void
on_model_items_changed_cb (AlgaTicketListView *self,
                           guint               position,
                           guint               removed,
                           guint               added,
                           GListModel         *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (model, i);

      alga_ticket_get_search_text (ticket);
    }
}

static void
on_model_state_changed_cb (AlgaTicketListView *self)
{
  update_state (self);
}

static void
on_model_query_changed_cb (AlgaTicketListView *self)
{
  update_filter (self);
  update_state (self);
}

/* A GtkSpinner animates its CSS while spinning, shown or not: the hidden ones would keep the
 * frame clock ticking and cost CPU while idle. */
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
on_selection_changed_cb (AlgaTicketListView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TICKET]);
}

static void
on_list_view_activate_cb (AlgaTicketListView *self,
                          guint               position)
{
  g_autoptr(AlgaTicket) ticket = NULL;

  ticket = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (ticket == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[TICKET_ACTIVATED], 0, ticket);
}

/* The position of the ticket that @widget (a row of the list, or inside one) shows. */
static guint
position_of_row (AlgaTicketListView *self,
                 GtkWidget          *widget)
{
  GtkWidget *item = widget;
  GtkWidget *row;
  AlgaTicket *ticket;
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n;

  while (item != NULL && gtk_widget_get_parent (item) != GTK_WIDGET (self->list_view))
    item = gtk_widget_get_parent (item);
  if (item == NULL)
    return GTK_INVALID_LIST_POSITION;

  row = gtk_widget_get_first_child (item);
  if (!ALGA_IS_TICKET_ROW (row) || (ticket = alga_ticket_row_get_ticket (ALGA_TICKET_ROW (row))) == NULL)
    return GTK_INVALID_LIST_POSITION;

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaTicket) item_ticket = g_list_model_get_item (model, i);

      if (item_ticket == ticket)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The selection follows the focus, as in Mail: a row reached with the arrows or Tab is the
 * ticket shown, so that the ticket's keys act on the row the technician sees focused. */
static void
on_root_focus_changed_cb (AlgaTicketListView *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->root));
  guint position;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return;

  self->focus_wanted = FALSE;
  position = position_of_row (self, focus);
  if (position != GTK_INVALID_LIST_POSITION
      && position != gtk_single_selection_get_selected (self->selection))
    gtk_single_selection_set_selected (self->selection, position);
}

/* A press on a row, when the list fills the window, opens it (see set_open_on_click). Seen
 * before the row's own gesture, which would only select it. */
static void
on_click_pressed_cb (GtkGestureClick    *gesture,
                     int                 n_press,
                     double              x,
                     double              y,
                     AlgaTicketListView *self)
{
  GtkWidget *picked;
  guint position;

  if (!self->open_on_click || n_press != 1)
    return;

  picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  position = picked != NULL ? position_of_row (self, picked) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  on_list_view_activate_cb (self, position);
}

static void
alga_ticket_list_view_root (GtkWidget *widget)
{
  AlgaTicketListView *self = ALGA_TICKET_LIST_VIEW (widget);

  GTK_WIDGET_CLASS (alga_ticket_list_view_parent_class)->root (widget);

  self->root = GTK_WIDGET (gtk_widget_get_root (widget));
  self->focus_handler_id = g_signal_connect_object (self->root, "notify::focus-widget",
                                                    G_CALLBACK (on_root_focus_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
alga_ticket_list_view_unroot (GtkWidget *widget)
{
  AlgaTicketListView *self = ALGA_TICKET_LIST_VIEW (widget);

  g_clear_signal_handler (&self->focus_handler_id, self->root);
  self->root = NULL;

  GTK_WIDGET_CLASS (alga_ticket_list_view_parent_class)->unroot (widget);
}

static void
on_retry_clicked_cb (AlgaTicketListView *self)
{
  if (self->model != NULL)
    alga_ticket_list_reload (self->model);
}

/* Rows are set up in C: GTK 4.8 makes a new row for each item a change of the list brings into
 * view (a search rebinds rows in place instead), and a GtkBuilderListItemFactory would parse its
 * XML for each (docs/PERFORMANCE.md, Rows made in C). */
static void
on_factory_setup_cb (GtkListItemFactory *factory,
                     GtkListItem        *list_item,
                     AlgaTicketListView *self)
{
  g_autoptr(GtkWidget) row = NULL;

  if (self->spare_rows != NULL && self->spare_rows->len > 0)
    row = g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1);
  else
    row = g_object_ref_sink (g_object_new (ALGA_TYPE_TICKET_ROW, NULL));

  gtk_list_item_set_child (list_item, row);
  /* GTK 4.8 takes the child off the item before it emits "teardown", which would then find
   * none to keep: the item holds the row for teardown too. */
  g_object_set_data_full (G_OBJECT (list_item), "alga-ticket-row", g_steal_pointer (&row),
                          g_object_unref);
}

/* GTK 4.8 destroys the rows that a change of the list takes out of view and makes new ones for
 * the items that come in; a few are kept to be bound again instead. */
static void
on_factory_teardown_cb (GtkListItemFactory *factory,
                        GtkListItem        *list_item,
                        AlgaTicketListView *self)
{
  g_autoptr(GtkWidget) row = g_object_steal_data (G_OBJECT (list_item), "alga-ticket-row");

  if (row != NULL && gtk_list_item_get_child (list_item) == row)
    gtk_list_item_set_child (list_item, NULL);

  if (row == NULL || gtk_widget_get_parent (row) != NULL
      || self->spare_rows == NULL || self->spare_rows->len >= MAX_SPARE_ROWS)
    return;

  g_object_set_data (G_OBJECT (row), "alga-slot", NULL);
  alga_ticket_row_set_ticket (ALGA_TICKET_ROW (row), NULL);
  g_ptr_array_add (self->spare_rows, g_steal_pointer (&row));
}

/* The row shows the ticket of its slot; a search changes what the slot shows, and the row
 * follows in catch_up_rows(). No unbind: GTK 4.8 unbinds and binds a row again whenever its
 * position or its selection changes, and a row bound to its slot already does nothing here. A
 * row keeps its ticket until it is bound to another slot or torn down. */
static void
on_factory_bind_cb (GtkListItemFactory *factory,
                    GtkListItem        *list_item,
                    AlgaTicketListView *self)
{
  AlgaTicketRow *row = ALGA_TICKET_ROW (gtk_list_item_get_child (list_item));
  AlgaListSlot *slot = gtk_list_item_get_item (list_item);

  if (g_object_get_data (G_OBJECT (row), "alga-slot") == slot)
    return;

  g_object_set_data_full (G_OBJECT (row), "alga-slot", g_object_ref (slot), g_object_unref);
  alga_ticket_row_set_implied_assignee (row, self->implied_assignee);
  alga_ticket_row_set_ticket (row, alga_list_slot_get_item (slot));
}

/* One spare row per turn of the main loop, as many as the list shows: a search that changes
 * every row then builds none (docs/PERFORMANCE.md, Rows reused). */
static gboolean
warm_cb (gpointer user_data)
{
  AlgaTicketListView *self = user_data;
  g_autoptr(GtkWidget) row = NULL;
  guint wanted = 0;

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    wanted++;

  if (self->spare_rows->len >= MIN (wanted, MAX_SPARE_ROWS))
    {
      self->warm_id = 0;
      self->warmed = TRUE;
      return G_SOURCE_REMOVE;
    }

  row = g_object_ref_sink (alga_ticket_row_new ());
  alga_ticket_row_set_implied_assignee (ALGA_TICKET_ROW (row), self->implied_assignee);
  g_ptr_array_add (self->spare_rows, g_steal_pointer (&row));

  return G_SOURCE_CONTINUE;
}

/* Connected after GtkWindow's own handler: rows the layout has just brought into sight (those
 * above them having changed height) catch up, and GDK lays them out again before painting. */
static void
on_frame_clock_layout_cb (AlgaTicketListView *self)
{
  if (self->stale_rows)
    catch_up_rows (self, FALSE);
}

/* Every row, from now on: after the first frame with rows, or at once when positions beyond
 * the first rows are asked for. */
static void
show_all_rows (AlgaTicketListView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->first_rows));

  g_clear_handle_id (&self->all_rows_id, g_source_remove);
  if (gtk_slice_list_model_get_size (self->first_rows) == G_MAXUINT)
    return;
  gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
  /* With rows more, the scroll's new end asks for the next page if it is near; without, the
   * end was already the list's. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->first_rows)) == shown)
    maybe_load_more (self);
}

static gboolean
all_rows_cb (gpointer user_data)
{
  AlgaTicketListView *self = user_data;

  self->all_rows_id = 0;
  show_all_rows (self);
  return G_SOURCE_REMOVE;
}

static void
on_frame_clock_after_paint_cb (AlgaTicketListView *self)
{
  /* After the frame, not in it: the rows that come make the window lay out again. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->first_rows)) > 0
      && gtk_slice_list_model_get_size (self->first_rows) != G_MAXUINT && self->all_rows_id == 0)
    self->all_rows_id = g_idle_add (all_rows_cb, self);

  if (self->stale_rows && self->catch_up_id == 0)
    self->catch_up_id = g_idle_add (catch_up_cb, self);

  if (!self->warmed && self->warm_id == 0
      && gtk_widget_get_first_child (GTK_WIDGET (self->list_view)) != NULL)
    self->warm_id = g_idle_add_full (G_PRIORITY_LOW, warm_cb, self, NULL);
}

static void
alga_ticket_list_view_map (GtkWidget *widget)
{
  AlgaTicketListView *self = ALGA_TICKET_LIST_VIEW (widget);

  GTK_WIDGET_CLASS (alga_ticket_list_view_parent_class)->map (widget);

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_handler_id = g_signal_connect_object (self->frame_clock, "layout",
                                                     G_CALLBACK (on_frame_clock_layout_cb), self,
                                                     G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  self->after_paint_handler_id = g_signal_connect_object (self->frame_clock, "after-paint",
                                                          G_CALLBACK (on_frame_clock_after_paint_cb),
                                                          self, G_CONNECT_SWAPPED);
}

static void
alga_ticket_list_view_unmap (GtkWidget *widget)
{
  AlgaTicketListView *self = ALGA_TICKET_LIST_VIEW (widget);

  g_clear_signal_handler (&self->layout_handler_id, self->frame_clock);
  g_clear_signal_handler (&self->after_paint_handler_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->warm_id, g_source_remove);
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  show_all_rows (self);
  /* No frame will come for them. */
  if (self->stale_rows)
    catch_up_rows (self, TRUE);

  GTK_WIDGET_CLASS (alga_ticket_list_view_parent_class)->unmap (widget);
}

static void
move_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  alga_ticket_list_view_move_selection (ALGA_TICKET_LIST_VIEW (widget),
                                        g_variant_get_int32 (parameter));
}

static void
alga_ticket_list_view_dispose (GObject *object)
{
  AlgaTicketListView *self = ALGA_TICKET_LIST_VIEW (object);

  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_TICKET_LIST_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_handle_id (&self->warm_id, g_source_remove);
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  g_clear_object (&self->slots);
  g_clear_object (&self->selection);
  g_clear_handle_id (&self->all_rows_id, g_source_remove);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (alga_ticket_list_view_parent_class)->dispose (object);
}

static void
alga_ticket_list_view_finalize (GObject *object)
{
  AlgaTicketListView *self = ALGA_TICKET_LIST_VIEW (object);

  g_free (self->filter_raw);
  g_free (self->implied_assignee);

  G_OBJECT_CLASS (alga_ticket_list_view_parent_class)->finalize (object);
}

static void
alga_ticket_list_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AlgaTicketListView *self = ALGA_TICKET_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SELECTED_TICKET:
      g_value_set_object (value, alga_ticket_list_view_get_selected_ticket (self));
      break;
    case PROP_FILTER_TEXT:
      g_value_set_string (value, self->filter_raw);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_list_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AlgaTicketListView *self = ALGA_TICKET_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      alga_ticket_list_view_set_model (self, g_value_get_object (value));
      break;
    case PROP_FILTER_TEXT:
      alga_ticket_list_view_set_filter_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_list_view_class_init (AlgaTicketListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_ticket_list_view_dispose;
  object_class->finalize = alga_ticket_list_view_finalize;
  object_class->get_property = alga_ticket_list_view_get_property;
  object_class->set_property = alga_ticket_list_view_set_property;
  widget_class->root = alga_ticket_list_view_root;
  widget_class->unroot = alga_ticket_list_view_unroot;
  widget_class->map = alga_ticket_list_view_map;
  widget_class->unmap = alga_ticket_list_view_unmap;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         ALGA_TYPE_TICKET_LIST,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_TICKET] =
    g_param_spec_object ("selected-ticket", NULL, NULL,
                         ALGA_TYPE_TICKET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The search text, applied to the loaded items until the model holds the server's answer. */
  properties[PROP_FILTER_TEXT] =
    g_param_spec_string ("filter-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaTicketListView::ticket-activated:
   * @ticket: the ticket
   *
   * Enter or a click on a row: the technician wants to work on this ticket.
   */
  signals[TICKET_ACTIVATED] =
    g_signal_new ("ticket-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ALGA_TYPE_TICKET);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-ticket-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketListView, stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketListView, list_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketListView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketListView, error_page);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketListView, footer_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketListView, footer_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketListView, footer_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spinner_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spinner_unmap_cb);

  gtk_widget_class_install_action (widget_class, "tickets.move", "i", move_selection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "tickets.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "tickets.move", "i", -1);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  g_type_ensure (ALGA_TYPE_TICKET_ROW);
}

static void
alga_ticket_list_view_init (AlgaTicketListView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkAdjustment *vadj;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
  }
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (on_factory_teardown_cb), self, 0);
  gtk_grid_view_set_factory (self->list_view, factory);

  self->filter_model = alga_ticket_filter_model_new ();
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_model_state_changed_cb), self, G_CONNECT_SWAPPED);

  self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)), 0,
                                               FIRST_FRAME_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  self->slots = alga_slot_selection_new (GTK_SELECTION_MODEL (self->selection));
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->slots));

  self->model_signals = g_signal_group_new (ALGA_TYPE_TICKET_LIST);
  g_signal_group_connect_object (self->model_signals, "notify::loading",
                                 G_CALLBACK (on_model_query_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::query",
                                 G_CALLBACK (on_model_query_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::has-more",
                                 G_CALLBACK (on_model_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::total",
                                 G_CALLBACK (on_model_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::error",
                                 G_CALLBACK (on_model_query_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "items-changed",
                                 G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);

  vadj = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  g_signal_connect_object (vadj, "value-changed",
                           G_CALLBACK (on_vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadj, "changed",
                           G_CALLBACK (on_vadjustment_changed_cb), self, G_CONNECT_SWAPPED);

  update_state (self);
}

GtkWidget *
alga_ticket_list_view_new (void)
{
  return g_object_new (ALGA_TYPE_TICKET_LIST_VIEW, NULL);
}

AlgaTicketList *
alga_ticket_list_view_get_model (AlgaTicketListView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST_VIEW (self), NULL);

  return self->model;
}

void
alga_ticket_list_view_set_model (AlgaTicketListView *self,
                                 AlgaTicketList     *model)
{
  g_return_if_fail (ALGA_IS_TICKET_LIST_VIEW (self));
  g_return_if_fail (!model || ALGA_IS_TICKET_LIST (model));

  if (self->model == model)
    return;

  g_set_object (&self->model, model);

  g_signal_group_set_target (self->model_signals, model);
  alga_ticket_filter_model_set_model (self->filter_model, G_LIST_MODEL (model));
  update_filter (self);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TICKET]);
}

/**
 * alga_ticket_list_view_set_filter_text:
 * @self: the list view
 * @text: (nullable): the search text as typed
 *
 * Narrows the shown rows at once to the loaded tickets whose title, number or client name
 * holds @text, as the server's search does. The caller asks the server too (debounced); once
 * the model holds the answer for @text, its items are shown as they are.
 */
void
alga_ticket_list_view_set_filter_text (AlgaTicketListView *self,
                                       const char         *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (ALGA_IS_TICKET_LIST_VIEW (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (stripped[0] == '\0')
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (stripped, self->filter_raw) == 0)
    return;

  g_free (self->filter_raw);
  self->filter_raw = g_steal_pointer (&stripped);
  update_filter (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_TEXT]);
}

const char *
alga_ticket_list_view_get_filter_text (AlgaTicketListView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST_VIEW (self), NULL);

  return self->filter_raw;
}

AlgaTicket *
alga_ticket_list_view_get_selected_ticket (AlgaTicketListView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST_VIEW (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/* Puts the focus on the row at @position, which the list has scrolled to. Grabbing the list's
 * focus would land on the place that had it last (GTK 4.8 follows the focus by position, not by
 * ticket), and a search rebinds rows in place: that place now shows another ticket. */
static void
focus_position (AlgaTicketListView *self,
                guint               position)
{
  g_autoptr(AlgaTicket) ticket = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL && ticket != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      AlgaListSlot *slot = item_slot (item);

      if (slot != NULL && alga_list_slot_get_item (slot) == (gpointer) ticket
          && gtk_widget_grab_focus (item))
        return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
select_position (AlgaTicketListView *self,
                 guint               position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/**
 * alga_ticket_list_view_select_ticket_id:
 * @self: the list view
 * @ticket_id: a ticket id
 *
 * Selects the ticket with @ticket_id if it is among the loaded items.
 *
 * Returns: %TRUE if it was found
 */
gboolean
alga_ticket_list_view_select_ticket_id (AlgaTicketListView *self,
                                        const char         *ticket_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint i, n;

  g_return_val_if_fail (ALGA_IS_TICKET_LIST_VIEW (self), FALSE);

  show_all_rows (self);
  n = g_list_model_get_n_items (model);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (model, i);

      if (g_strcmp0 (alga_ticket_get_ticket_id (ticket), ticket_id) == 0)
        {
          select_position (self, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * alga_ticket_list_view_move_selection:
 * @self: the list view
 * @delta: how many rows to move, down when positive
 *
 * Moves the selection like j and k do, keeping it within the list.
 */
void
alga_ticket_list_view_move_selection (AlgaTicketListView *self,
                                      int                 delta)
{
  guint n, selected;
  gint64 target;

  g_return_if_fail (ALGA_IS_TICKET_LIST_VIEW (self));

  show_all_rows (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n == 0)
    return;

  selected = gtk_single_selection_get_selected (self->selection);
  if (selected == GTK_INVALID_LIST_POSITION)
    target = delta > 0 ? 0 : (gint64) n - 1;
  else
    target = CLAMP ((gint64) selected + delta, 0, (gint64) n - 1);

  select_position (self, (guint) target);

  /* The focused row follows too, or the next arrow key would start from the old one. */
  if (self->root != NULL && gtk_root_get_focus (GTK_ROOT (self->root)) != NULL
      && gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (self->root)),
                                 GTK_WIDGET (self->list_view)))
    focus_position (self, (guint) target);
}

/**
 * alga_ticket_list_view_focus_selected:
 * @self: the list view
 *
 * Puts the keyboard focus on the selected row, or on the first row when none is selected. A
 * list still loading takes the focus as soon as its first rows arrive.
 */
void
alga_ticket_list_view_focus_selected (AlgaTicketListView *self)
{
  guint n, position;

  g_return_if_fail (ALGA_IS_TICKET_LIST_VIEW (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n == 0 || !gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    {
      self->focus_wanted = TRUE;
      return;
    }

  self->focus_wanted = FALSE;
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;

  /* There is no API to focus a position before GTK 4.12: the list scrolls to it, which gives
   * it a row, and the row takes the focus. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  focus_position (self, position);
}

/**
 * alga_ticket_list_view_get_n_shown:
 * @self: the list view
 *
 * Returns: how many rows the list shows (the loaded tickets the search text leaves)
 */
guint
alga_ticket_list_view_get_n_shown (AlgaTicketListView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

/**
 * alga_ticket_list_view_set_open_on_click:
 * @self: the list view
 * @open_on_click: whether one click on a row opens its ticket
 *
 * In a folded window the list fills it and a selected row shows nothing: one click opens the
 * ticket, as a tap does on a phone.
 */
void
alga_ticket_list_view_set_open_on_click (AlgaTicketListView *self,
                                         gboolean            open_on_click)
{
  g_return_if_fail (ALGA_IS_TICKET_LIST_VIEW (self));

  self->open_on_click = open_on_click;
}

/**
 * alga_ticket_list_view_set_implied_assignee:
 * @self: the list view
 * @user_id: (nullable): the assignee of every ticket the list may hold ("" for nobody), or
 *   %NULL when they differ
 *
 * Rows leave out what the view already says (My Open: me; Unassigned: nobody).
 */
void
alga_ticket_list_view_set_implied_assignee (AlgaTicketListView *self,
                                            const char         *user_id)
{
  g_return_if_fail (ALGA_IS_TICKET_LIST_VIEW (self));

  if (g_strcmp0 (self->implied_assignee, user_id) == 0)
    return;

  g_free (self->implied_assignee);
  self->implied_assignee = g_strdup (user_id);

  /* The rows on screen now; the others as they are bound. */
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    if (ALGA_IS_TICKET_ROW (gtk_widget_get_first_child (item)))
      alga_ticket_row_set_implied_assignee (ALGA_TICKET_ROW (gtk_widget_get_first_child (item)),
                                            user_id);
  for (guint i = 0; self->spare_rows != NULL && i < self->spare_rows->len; i++)
    alga_ticket_row_set_implied_assignee (g_ptr_array_index (self->spare_rows, i), user_id);
}
