/* alga-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the views, the list of the shown view and the ticket pane. When its
 * start-up work runs is alga-window-startup.c's; its actions are alga-window-actions.c's.
 */

#define G_LOG_DOMAIN "alga-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-gui-util.h"
#include "alga-cached-bin.h"
#include "alga-cached-icon.h"
#include "alga-window-private.h"

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

/* The query of the list: the view's, narrowed by the search text and the filters, in the
 * chosen order. */
static AlgaTicketQuery *
build_query (AlgaWindow *self)
{
  g_autoptr(AlgaTicketQuery) query = NULL;
  g_autoptr(GVariant) sort = NULL;
  g_autoptr(GVariant) descending = NULL;
  const char *search;

  query = alga_view_build_query (self->view, get_user_id (self), NULL);

  sort = g_action_group_get_action_state (G_ACTION_GROUP (self), "sort");
  descending = g_action_group_get_action_state (G_ACTION_GROUP (self), "sort-descending");
  if (sort != NULL && descending != NULL)
    alga_ticket_query_set_sort (query, g_variant_get_string (sort, NULL),
                                g_variant_get_boolean (descending));

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (search != NULL && search[0] != '\0')
    alga_ticket_query_set_search (query, search);

  alga_filter_popover_apply_to_query (self->filter_popover, query);

  return g_steal_pointer (&query);
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

  if (alga_filter_popover_get_active (self->filter_popover))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
  alga_filter_bar_update (self->filter_bar);
}

/* Whose every ticket of the list is, when the view or the assignee filter says it. */
static void
update_implied_assignee (AlgaWindow *self)
{
  const char *implied = NULL;
  AlgaFilterAssignee filter = alga_filter_popover_get_assignee (self->filter_popover);

  if (self->view == ALGA_VIEW_MY_OPEN || filter == ALGA_FILTER_ASSIGNEE_ME)
    implied = get_user_id (self);
  else if (self->view == ALGA_VIEW_UNASSIGNED || filter == ALGA_FILTER_ASSIGNEE_NOBODY)
    implied = "";

  alga_ticket_list_view_set_implied_assignee (self->ticket_list_view, implied);
}

void
_alga_window_apply_query (AlgaWindow *self)
{
  g_autoptr(AlgaTicketQuery) query = NULL;

  if (self->tickets == NULL)
    return;

  query = build_query (self);
  alga_ticket_list_set_query (self->tickets, query);
  update_list_title (self);
  update_implied_assignee (self);
}

void
_alga_window_show_view (AlgaWindow *self,
                        AlgaView    view)
{
  if (view != self->view || self->tickets == NULL)
    {
      /* A filter belongs to the view it was set in: another view shows all its tickets. */
      if (view != self->view && alga_filter_popover_get_active (self->filter_popover))
        alga_filter_popover_clear (self->filter_popover);
      /* Selecting the saved view at start writes nothing. */
      if (self->settings != NULL && view != self->view)
        g_settings_set_string (self->settings, "last-view", alga_view_get_id (view));
      self->view = view;
      _alga_window_apply_query (self);
    }
  alga_views_sidebar_set_view (self->views_sidebar, self->view);
}

/* A view chosen from the keyboard or the sidebar: its list is where the work goes on. */
void
_alga_window_focus_list (AlgaWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  alga_ticket_list_view_focus_selected (self->ticket_list_view);
}

/* The ticket pane shows the window's account. */
void
_alga_window_update_ticket_view (AlgaWindow *self)
{
  if (self->ticket_view == NULL)
    return;

  alga_ticket_view_set_account (self->ticket_view, self->account);
}

/* Signal handlers from the template. */

static void
on_view_activated_cb (AlgaWindow *self,
                      guint       view)
{
  _alga_window_show_view (self, (AlgaView) view);
  _alga_window_focus_list (self);
}

static void
on_view_count_changed_cb (AlgaWindow *self,
                          guint       view,
                          guint       count)
{
  g_signal_emit (self, signals[VIEW_COUNT_CHANGED], 0, view, count);
}

static void
on_search_changed_cb (AlgaWindow *self)
{
  _alga_window_apply_query (self);
}

/* Enter in the search goes to the list, as Down does: to the selected ticket if the search left
 * it, else to the first row. */
static void
on_search_activate_cb (AlgaWindow *self)
{
  if (alga_ticket_list_view_get_n_shown (self->ticket_list_view) > 0)
    alga_ticket_list_view_focus_selected (self->ticket_list_view);
}

static void
on_filter_changed_cb (AlgaWindow *self)
{
  _alga_window_apply_query (self);
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
    _alga_window_show_ticket_view (self);
  if (self->ticket_view != NULL)
    alga_ticket_view_set_ticket (self->ticket_view, ticket);
  adw_window_title_set_title (self->detail_title,
                              ticket != NULL ? alga_ticket_get_ticket_number (ticket) : "");
  adw_window_title_set_subtitle (self->detail_title, "");
}

/* The first row on show under @widget that takes the focus. */
static GtkWidget *
find_first_row (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && gtk_widget_get_focusable (widget)
      && gtk_widget_is_visible (widget) && gtk_widget_is_sensitive (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_first_row (child);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* An opened ticket takes the focus on its first field: the work on a ticket is in its fields and
 * its conversation, not in the buttons beside its number (which Tab still reaches backwards). */
static void
on_ticket_activated_cb (AlgaWindow *self,
                        AlgaTicket *ticket)
{
  GtkWidget *row;

  _alga_window_show_ticket_view (self);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  row = find_first_row (GTK_WIDGET (self->ticket_view));
  if (row == NULL || !gtk_widget_grab_focus (row))
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
on_tickets_state_changed_cb (AlgaWindow *self)
{
  update_list_title (self);
  update_cache_state (self);

  /* The shown view's count, from its list (see alga_views_sidebar_load_counts). */
  if (self->tickets != NULL && !alga_ticket_list_get_loading (self->tickets)
      && !alga_ticket_list_get_cached (self->tickets)
      && alga_ticket_list_get_error (self->tickets) == NULL && list_is_whole_view (self))
    alga_views_sidebar_set_count (self->views_sidebar, self->view,
                                  alga_ticket_list_get_total (self->tickets));

  _alga_window_list_state_changed (self);
}

static void
on_tickets_items_changed_cb (AlgaWindow *self,
                             guint       position,
                             guint       removed,
                             guint       added)
{
  if (added > 0)
    _alga_window_rows_added (self);
}

static gboolean
alga_window_close_request (GtkWindow *window)
{
  _alga_window_save_state (ALGA_WINDOW (window));

  return GTK_WINDOW_CLASS (alga_window_parent_class)->close_request (window);
}

static void
alga_window_dispose (GObject *object)
{
  AlgaWindow *self = ALGA_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _alga_window_startup_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_WINDOW);
  /* It went with the detail pane. */
  self->ticket_view = NULL;

  g_clear_object (&self->tickets);
  g_clear_object (&self->account);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  g_clear_object (&self->timer);
  g_clear_object (&self->settings);

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

/* A GtkMenuButton makes the GtkPopoverMenu of its menu as soon as it is given the model: the
 * main and sort menus with their items were a tenth of the window's template. They are given
 * when first opened, by a click, the keyboard (Space, Return, F10 for the main menu) or an
 * assistive technology: GtkMenuButton calls this before it pops up. */
static void
give_menu_cb (GtkMenuButton *button,
              gpointer       user_data)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

static void
alga_window_class_init (AlgaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

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

  g_type_ensure (ALGA_TYPE_CACHED_BIN);
  g_type_ensure (ALGA_TYPE_FILTER_BAR);
  g_type_ensure (ALGA_TYPE_FILTER_POPOVER);
  g_type_ensure (ALGA_TYPE_TICKET_LIST_VIEW);
  g_type_ensure (ALGA_TYPE_TICKET_VIEW);
  g_type_ensure (ALGA_TYPE_TIMER_CHIP);
  g_type_ensure (ALGA_TYPE_VIEWS_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, sign_in_bin);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, views_sidebar);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, sort_menu);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, list_header_bar);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, ticket_list_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, detail_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, timer_bar);
  gtk_widget_class_bind_template_child (widget_class, AlgaWindow, timer_chip);
  gtk_widget_class_bind_template_callback (widget_class, on_view_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_count_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_spinner_map_cb",
                                                G_CALLBACK (_alga_window_spinner_map_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_spinner_unmap_cb",
                                                G_CALLBACK (_alga_window_spinner_unmap_cb));
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_ticket_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ticket_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  _alga_window_class_actions_init (klass);
}

static void
alga_window_init (AlgaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The empty pane's icon (128 pixels, libadwaita's size for a status page) is in sight while no
   * ticket is open, and the cairo renderer would convert all its pixels again at every frame the
   * window draws, such as each second of a running timer (docs/PERFORMANCE.md, "A large icon
   * drawn once"). */
  {
    g_autoptr(GdkPaintable) icon = alga_cached_icon_new (self->detail_placeholder, "alga-symbolic", 128);

    adw_status_page_set_paintable (ADW_STATUS_PAGE (self->detail_placeholder), icon);
  }
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->primary_menu_button), give_menu_cb,
                                         self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->sort_button), give_menu_cb,
                                         self->sort_menu, NULL);
  _alga_window_startup_init (self);
  _alga_window_actions_init (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->cancellable = g_cancellable_new ();

  _alga_window_restore_state (self);

  /* No type-to-search on the list: there j and k move, and a key capture would take them. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  alga_views_sidebar_set_view (self->views_sidebar, self->view);
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

  _alga_window_cancel_deferred_loads (self);
  g_set_object (&self->account, account);
  _alga_window_set_timer (self, account != NULL ? alga_account_get_timer (account) : NULL);
  alga_views_sidebar_set_account (self->views_sidebar, account);
  alga_ticket_list_view_set_model (self->ticket_list_view, NULL);
  if (self->ticket_view != NULL)
    alga_ticket_view_set_ticket (self->ticket_view, NULL);
  g_clear_object (&self->tickets);
  update_cache_state (self);

  if (account == NULL)
    {
      _alga_window_update_ticket_view (self);
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
      return;
    }

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
  _alga_window_update_ticket_view (self);
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

  _alga_window_show_ticket_view (self);
  if (!alga_ticket_list_view_select_ticket_id (self->ticket_list_view, ticket_id))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(AlgaTicket) ticket = NULL;

      /* A ticket known only by its id: the detail view fetches the rest. */
      json_object_set_string_member (object, "ticket_id", ticket_id);
      json_node_set_object (node, object);
      ticket = alga_ticket_new_from_json (node, NULL);
      alga_ticket_view_set_ticket (_alga_window_ensure_ticket_view (self), ticket);
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
  alga_views_sidebar_load_counts (self->views_sidebar, FALSE);
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
  g_return_val_if_fail (ALGA_IS_WINDOW (self), -1);
  g_return_val_if_fail (view < ALGA_N_VIEWS, -1);

  return alga_views_sidebar_get_count (self->views_sidebar, view);
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

AlgaTimer *
alga_window_get_timer (AlgaWindow *self)
{
  g_return_val_if_fail (ALGA_IS_WINDOW (self), NULL);

  return self->timer;
}
