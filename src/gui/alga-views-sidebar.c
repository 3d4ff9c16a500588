/* alga-views-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in views, each with its count, and who is signed in where.
 */

#define G_LOG_DOMAIN "alga-views-sidebar"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "alga-gui-util.h"
#include "alga-views-sidebar.h"

struct _AlgaViewsSidebar
{
  GtkBox        parent_instance;

  AlgaAccount  *account;
  GCancellable *cancellable;
  AlgaView      view;
  guint         counts_timeout_id;

  GtkLabel     *count_labels[ALGA_N_VIEWS];

  GtkListBox   *views_list;
  GtkLabel     *account_label;
};

G_DEFINE_FINAL_TYPE (AlgaViewsSidebar, alga_views_sidebar, GTK_TYPE_BOX)

enum {
  VIEW_ACTIVATED,
  COUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Counts: one stats request for the open and closed totals, and a one-ticket page for each
 * view whose count the stats do not give. */

typedef struct
{
  AlgaViewsSidebar *self;
  AlgaView          view;
} CountData;

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
    alga_views_sidebar_set_count (data->self, data->view, pagination->total);
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
  g_autoptr(AlgaViewsSidebar) self = user_data;
  g_autoptr(AlgaTicketStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = alga_client_get_ticket_stats_finish (ALGA_CLIENT (source), result, &error);
  if (stats == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        g_debug ("Stats: %s", error->message);
      return;
    }

  alga_views_sidebar_set_count (self, ALGA_VIEW_ALL_OPEN, alga_ticket_stats_get_open_tickets (stats));
  alga_views_sidebar_set_count (self, ALGA_VIEW_CLOSED, alga_ticket_stats_get_closed_tickets (stats));
}

/* Own changes move tickets between views: the counts are asked again, once for a burst of
 * changes. */
static gboolean
reload_counts_cb (gpointer user_data)
{
  AlgaViewsSidebar *self = user_data;

  self->counts_timeout_id = 0;
  /* The shown list is not read again (the ticket being worked on stays where it is), so its
   * count is asked for too. */
  alga_views_sidebar_load_counts (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_client_ticket_changed_cb (AlgaViewsSidebar *self)
{
  g_clear_handle_id (&self->counts_timeout_id, g_source_remove);
  self->counts_timeout_id = g_timeout_add (300, reload_counts_cb, self);
}

static void
on_row_activated_cb (AlgaViewsSidebar *self,
                     GtkListBoxRow    *row)
{
  g_signal_emit (self, signals[VIEW_ACTIVATED], 0, (guint) gtk_list_box_row_get_index (row));
}

/* The sidebar shows which view is on screen. Its rows are not selectable: moving the focus
 * through them (Tab, the arrows) must not switch and reload a view at each step; a view is
 * chosen by activating its row (Enter, Space, a click) or with Alt+N. */
static void
mark_view_row (AlgaViewsSidebar *self)
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

static void
build_views_list (AlgaViewsSidebar *self)
{
  for (guint i = 0; i < ALGA_N_VIEWS; i++)
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
alga_views_sidebar_dispose (GObject *object)
{
  AlgaViewsSidebar *self = ALGA_VIEWS_SIDEBAR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->counts_timeout_id, g_source_remove);
  g_clear_object (&self->account);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_VIEWS_SIDEBAR);

  G_OBJECT_CLASS (alga_views_sidebar_parent_class)->dispose (object);
}

static void
alga_views_sidebar_class_init (AlgaViewsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_views_sidebar_dispose;

  /**
   * AlgaViewsSidebar::view-activated:
   * @view: the #AlgaView of the row
   *
   * A view's row was activated (Enter, Space, a click).
   */
  signals[VIEW_ACTIVATED] =
    g_signal_new ("view-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * AlgaViewsSidebar::count-changed:
   * @view: an #AlgaView
   * @count: how many tickets it holds
   *
   * A view's count is shown.
   */
  signals[COUNT_CHANGED] =
    g_signal_new ("count-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-views-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaViewsSidebar, views_list);
  gtk_widget_class_bind_template_child (widget_class, AlgaViewsSidebar, account_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
alga_views_sidebar_init (AlgaViewsSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  build_views_list (self);
  mark_view_row (self);
}

GtkWidget *
alga_views_sidebar_new (void)
{
  return g_object_new (ALGA_TYPE_VIEWS_SIDEBAR, NULL);
}

/**
 * alga_views_sidebar_set_account:
 * @self: the sidebar
 * @account: (nullable): the signed-in account
 *
 * Says who is signed in where, and counts the tickets of @account from now on. What the last
 * account was counting is dropped.
 */
void
alga_views_sidebar_set_account (AlgaViewsSidebar *self,
                                AlgaAccount      *account)
{
  g_return_if_fail (ALGA_IS_VIEWS_SIDEBAR (self));
  g_return_if_fail (!account || ALGA_IS_ACCOUNT (account));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->counts_timeout_id, g_source_remove);

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_func (alga_account_get_client (self->account),
                                          on_client_ticket_changed_cb, self);
  g_set_object (&self->account, account);
  if (account == NULL)
    return;

  g_signal_connect_object (alga_account_get_client (account), "ticket-changed",
                           G_CALLBACK (on_client_ticket_changed_cb), self, G_CONNECT_SWAPPED);

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
}

/**
 * alga_views_sidebar_set_view:
 * @self: the sidebar
 * @view: the view on screen
 *
 * Marks the row of @view.
 */
void
alga_views_sidebar_set_view (AlgaViewsSidebar *self,
                             AlgaView          view)
{
  g_return_if_fail (ALGA_IS_VIEWS_SIDEBAR (self));
  g_return_if_fail (view < ALGA_N_VIEWS);

  self->view = view;
  mark_view_row (self);
}

/**
 * alga_views_sidebar_load_counts:
 * @self: the sidebar
 * @shown_too: whether to ask for the count of the view on screen as well
 *
 * Asks the server for the views' counts. The shown view's list counts it itself when it loads
 * (alga_views_sidebar_set_count()): one request fewer at each start and refresh.
 */
void
alga_views_sidebar_load_counts (AlgaViewsSidebar *self,
                                gboolean          shown_too)
{
  static const AlgaView counted[] = { ALGA_VIEW_MY_OPEN, ALGA_VIEW_UNASSIGNED, ALGA_VIEW_RECENT };
  AlgaClient *client;

  g_return_if_fail (ALGA_IS_VIEWS_SIDEBAR (self));

  if (self->account == NULL)
    return;

  client = alga_account_get_client (self->account);
  alga_client_get_ticket_stats_async (client, self->cancellable,
                                      on_stats_loaded_cb, g_object_ref (self));

  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    {
      g_autoptr(AlgaTicketQuery) query = NULL;
      CountData *data;

      if (counted[i] == self->view && !shown_too)
        continue;

      query = alga_view_build_query (counted[i], alga_account_get_user_id (self->account), NULL);
      data = g_new0 (CountData, 1);
      data->self = g_object_ref (self);
      data->view = counted[i];
      alga_ticket_query_set_fields (query, "ticket_id");
      alga_client_list_tickets_async (client, query, 1, 1, self->cancellable,
                                      on_count_loaded_cb, data);
    }
}

/**
 * alga_views_sidebar_set_count:
 * @self: the sidebar
 * @view: a view
 * @count: how many tickets it holds
 *
 * Shows the count of @view, and emits #AlgaViewsSidebar::count-changed.
 */
void
alga_views_sidebar_set_count (AlgaViewsSidebar *self,
                              AlgaView          view,
                              guint             count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ALGA_IS_VIEWS_SIDEBAR (self));
  g_return_if_fail (view < ALGA_N_VIEWS);

  text = g_strdup_printf ("%u", count);
  gtk_label_set_label (self->count_labels[view], text);
  g_signal_emit (self, signals[COUNT_CHANGED], 0, (guint) view, count);
}

/**
 * alga_views_sidebar_get_count:
 * @self: the sidebar
 * @view: a view
 *
 * Returns: the count shown beside @view, or -1 while it is not known
 */
int
alga_views_sidebar_get_count (AlgaViewsSidebar *self,
                              AlgaView          view)
{
  const char *text;

  g_return_val_if_fail (ALGA_IS_VIEWS_SIDEBAR (self), -1);
  g_return_val_if_fail (view < ALGA_N_VIEWS, -1);

  text = gtk_label_get_label (self->count_labels[view]);
  if (text == NULL || text[0] == '\0')
    return -1;

  return atoi (text);
}
