/* alga-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions (win.*) and the keys that reach them.
 */

#define G_LOG_DOMAIN "alga-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-gui-util.h"
#include "alga-my-time.h"
#include "alga-new-ticket-dialog.h"
#include "alga-window-private.h"

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
  alga_views_sidebar_load_counts (self->views_sidebar, FALSE);
}

/* The new ticket belongs in the list now (it is the technician's when they took it), and opens. */
static void
on_ticket_created_cb (AlgaWindow *self,
                      AlgaTicket *ticket)
{
  if (self->tickets != NULL)
    alga_ticket_list_refresh (self->tickets);
  alga_views_sidebar_load_counts (self->views_sidebar, FALSE);
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

  _alga_window_show_view (self, view);
  _alga_window_focus_list (self);
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

  _alga_window_focus_list (self);
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

  view = _alga_window_ensure_ticket_view (self);
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

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AlgaWindow *self = ALGA_WINDOW (widget);

  alga_filter_popover_clear (self->filter_popover);
  _alga_window_apply_query (self);
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
      /* The state restored at start is the one stored: nothing to write. */
      if (g_variant_is_of_type (state, G_VARIANT_TYPE_STRING))
        alga_gui_settings_update (self->settings, "list-sort", state);
      else
        alga_gui_settings_update (self->settings, "list-order",
                                  g_variant_new_string (g_variant_get_boolean (state) ? "desc" : "asc"));
    }

  _alga_window_apply_query (self);
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
my_time_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AlgaWindow *self = ALGA_WINDOW (user_data);
  GtkWidget *my_time;

  if (self->account == NULL || alga_account_get_user_id (self->account) == NULL)
    return;
  my_time = alga_my_time_new (GTK_WINDOW (self), alga_account_get_client (self->account),
                              alga_account_get_user_id (self->account));
  gtk_window_present (GTK_WINDOW (my_time));
}

/* Down in the search goes to the list: to the selected ticket if the search left it, else to
 * the first row. GTK would move the focus to the place in the list that had it last, which a
 * search may have given to another ticket. */
static gboolean
search_down_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  AlgaWindow *self = user_data;

  if (alga_ticket_list_view_get_n_shown (self->ticket_list_view) == 0)
    return FALSE;

  alga_ticket_list_view_focus_selected (self->ticket_list_view);
  return TRUE;
}

/* On the way back up from the search's text: a Down an input method takes (choosing among its
 * candidates) never gets here. */
static void
add_search_keys (AlgaWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, 0),
                                                          gtk_callback_action_new (search_down_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
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
  { GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.toggle-timer" },
  { GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "ticket.reply" },
  { GDK_KEY_z, GDK_CONTROL_MASK, "ticket.undo" },
};

void
_alga_window_class_actions_init (AlgaWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  guint i;

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
  /* The hours logged; Ctrl+T logs time and Ctrl+Shift+T starts or stops the timer. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.my-time", NULL);
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

void
_alga_window_actions_init (AlgaWindow *self)
{
  const GActionEntry entries[] = {
    { "sort", activate_radio, "s", "'updated_at'", change_sort_state },
    { "sort-descending", activate_toggle, NULL, "true", change_sort_state },
    { "show-help-overlay", show_help_overlay_action },
    { "my-time", my_time_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  add_ticket_pane_keys (self);
  add_search_keys (self);
}
