/* alga-ticket-list-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-gui-util.h"
#include "alga-ticket-list-view.h"
#include "alga-ticket-row.h"

/* Ask for the next page while this many pixels of rows are still below the fold. */
#define LOAD_MORE_MARGIN 600.0

struct _AlgaTicketListView
{
  GtkWidget           parent_instance;

  AlgaTicketList     *model;
  GtkSingleSelection *selection;
  GSignalGroup       *model_signals;

  GtkStack           *stack;
  GtkListView        *list_view;
  GtkScrolledWindow  *scrolled_window;
  AdwStatusPage      *error_page;
  GtkRevealer        *footer_revealer;
  GtkLabel           *footer_label;
  GtkSpinner         *footer_spinner;
};

G_DEFINE_FINAL_TYPE (AlgaTicketListView, alga_ticket_list_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED_TICKET,
  N_PROPS
};

enum {
  TICKET_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
      loading = alga_ticket_list_get_loading (self->model);
      has_more = alga_ticket_list_get_has_more (self->model);
      error = alga_ticket_list_get_error (self->model);
      total = alga_ticket_list_get_total (self->model);
    }

  if (n_items > 0)
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

static void
maybe_load_more (AlgaTicketListView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double bottom = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj);

  if (self->model == NULL
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

static void
on_model_state_changed_cb (AlgaTicketListView *self)
{
  update_state (self);
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

static void
on_retry_clicked_cb (AlgaTicketListView *self)
{
  if (self->model != NULL)
    alga_ticket_list_reload (self->model);
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
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (alga_ticket_list_view_parent_class)->dispose (object);
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
  object_class->get_property = alga_ticket_list_view_get_property;
  object_class->set_property = alga_ticket_list_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         ALGA_TYPE_TICKET_LIST,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_TICKET] =
    g_param_spec_object ("selected-ticket", NULL, NULL,
                         ALGA_TYPE_TICKET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
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

  gtk_widget_class_install_action (widget_class, "tickets.move", "i", move_selection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "tickets.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "tickets.move", "i", -1);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  g_type_ensure (ALGA_TYPE_TICKET_ROW);
}

static void
alga_ticket_list_view_init (AlgaTicketListView *self)
{
  GtkAdjustment *vadj;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->model_signals = g_signal_group_new (ALGA_TYPE_TICKET_LIST);
  g_signal_group_connect_object (self->model_signals, "notify::loading",
                                 G_CALLBACK (on_model_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::has-more",
                                 G_CALLBACK (on_model_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::total",
                                 G_CALLBACK (on_model_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::error",
                                 G_CALLBACK (on_model_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "items-changed",
                                 G_CALLBACK (on_model_state_changed_cb), self, G_CONNECT_SWAPPED);

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

  if (!g_set_object (&self->model, model))
    return;

  g_signal_group_set_target (self->model_signals, model);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TICKET]);
}

AlgaTicket *
alga_ticket_list_view_get_selected_ticket (AlgaTicketListView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST_VIEW (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
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

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (n == 0)
    return;

  selected = gtk_single_selection_get_selected (self->selection);
  if (selected == GTK_INVALID_LIST_POSITION)
    target = delta > 0 ? 0 : (gint64) n - 1;
  else
    target = CLAMP ((gint64) selected + delta, 0, (gint64) n - 1);

  select_position (self, (guint) target);
}
