/* alga-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window's files share: the window itself (alga-window.c), the order in which its
 * start-up work runs (alga-window-startup.c) and its actions (alga-window-actions.c).
 */

#pragma once

#include "alga-filter-bar.h"
#include "alga-filter-popover.h"
#include "alga-ticket-list.h"
#include "alga-ticket-list-view.h"
#include "alga-ticket-view.h"
#include "alga-timer-chip.h"
#include "alga-views-sidebar.h"
#include "alga-window.h"

G_BEGIN_DECLS

struct _AlgaWindow
{
  AdwApplicationWindow  parent_instance;

  AlgaAccount          *account;
  AlgaTicketList       *tickets;
  GCancellable         *cancellable;
  AlgaView              view;
  GSettings            *settings;

  /* Counts and filter data wait until the list has shown its first page: they are not what
   * the technician sat down for, and they would compete with it for the network. */
  gboolean              deferred_loads;
  /* And they wait for the frame that shows that page (or a second, if none comes). */
  GdkFrameClock        *deferred_clock;
  gulong                deferred_paint_id;
  guint                 deferred_timeout_id;

  /* The ticket pane is made after the first frame, or when first needed. */
  AlgaTicketView       *ticket_view;
  gulong                first_paint_id;
  guint                 ticket_view_idle_id;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwBin               *sign_in_bin;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_pane;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  AlgaViewsSidebar     *views_sidebar;
  AdwWindowTitle       *list_title;
  AdwWindowTitle       *detail_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkMenuButton        *filter_button;
  AlgaFilterPopover    *filter_popover;
  AlgaFilterBar        *filter_bar;
  GtkWidget            *refresh_button;
  GtkWidget            *sort_button;
  GtkWidget            *primary_menu_button;
  GMenuModel           *sort_menu;
  GMenuModel           *primary_menu;
  AdwHeaderBar         *list_header_bar;
  AlgaTicketListView   *ticket_list_view;
  GtkWidget            *detail_placeholder;
  /* The banner saying the list is not live. */
  GtkRevealer          *offline_revealer;
  GtkLabel             *offline_label;

  /* The account's running timer, in a bar at the bottom of the window. */
  AlgaTimer            *timer;
  GtkActionBar         *timer_bar;
  AlgaTimerChip        *timer_chip;
};

/* alga-window.c */
void            _alga_window_apply_query          (AlgaWindow *self);
void            _alga_window_show_view            (AlgaWindow *self,
                                                   AlgaView    view);
void            _alga_window_focus_list           (AlgaWindow *self);
void            _alga_window_update_ticket_view   (AlgaWindow *self);

/* alga-window-startup.c */
void            _alga_window_startup_init         (AlgaWindow *self);
void            _alga_window_restore_state        (AlgaWindow *self);
void            _alga_window_save_state           (AlgaWindow *self);
AlgaTicketView *_alga_window_ensure_ticket_view   (AlgaWindow *self);
void            _alga_window_show_ticket_view     (AlgaWindow *self);
void            _alga_window_rows_added           (AlgaWindow *self);
void            _alga_window_list_state_changed   (AlgaWindow *self);
void            _alga_window_cancel_deferred_loads (AlgaWindow *self);
void            _alga_window_startup_dispose      (AlgaWindow *self);
void            _alga_window_spinner_map_cb       (GtkSpinner *spinner);
void            _alga_window_spinner_unmap_cb     (GtkSpinner *spinner);

/* alga-window-timer.c */
void            _alga_window_set_timer            (AlgaWindow *self,
                                                   AlgaTimer  *timer);

/* alga-window-actions.c */
void            _alga_window_class_actions_init   (AlgaWindowClass *klass);
void            _alga_window_actions_init         (AlgaWindow      *self);

G_END_DECLS
