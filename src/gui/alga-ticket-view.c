/* alga-ticket-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail pane of one ticket. The pane reads the ticket (from the server, or the copy saved
 * on this computer while offline), shows why it could not, and holds the ticket's actions; what
 * the ticket holds is shown and changed by its sections (AlgaTicketSection), one per part of
 * the pane, in the order of the template. Adding a part means adding a section to the template:
 * see docs/ARCHITECTURE.md.
 */

#define G_LOG_DOMAIN "alga-ticket-view"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-view.h"

#include "alga-error.h"
#include "alga-gui-util.h"
#include "alga-attachments-section.h"
#include "alga-checklist-section.h"
#include "alga-ticket-about-section.h"
#include "alga-ticket-contact-section.h"
#include "alga-ticket-conversation-section.h"
#include "alga-ticket-description-section.h"
#include "alga-ticket-fields-section.h"
#include "alga-ticket-header-section.h"
#include "alga-ticket-time-section.h"

struct _AlgaTicketView
{
  AdwBin             parent_instance;

  /* Where the ticket is read from; the sections write through the same account. */
  AlgaAccount       *account;
  AlgaTicketRepository *tickets;
  /* The account's client, whose offline state the pane follows. */
  AlgaClient        *client;
  AlgaTicket        *ticket;

  /* Reading the current ticket; cancelled when it changes. */
  GCancellable      *cancellable;
  gboolean           loading;
  /* While the server cannot be reached, the ticket is read again now and then to find out when
   * it is back (and edits with it). */
  guint              offline_retry_id;
  /* The window whose focus the pane scrolls to (see on_root_focus_changed_cb). */
  GtkWidget         *root;
  gulong             focus_handler_id;

  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkRevealer       *error_revealer;
  GtkImage          *error_icon;
  GtkLabel          *error_title;
  GtkLabel          *error_label;
  /* The parts of the pane, in the order shown: every AlgaTicketSection of the template. */
  GtkBox            *sections_box;
  GPtrArray         *sections;
  AlgaTicketHeaderSection       *header;
  AlgaTicketFieldsSection       *fields;
  AlgaTicketConversationSection *conversation;
  /* Not AlgaTicketSections: they read and write through the repository, by the ticket's id. */
  AlgaAttachmentsSection        *attachments;
  AlgaChecklistSection          *checklist;
  AlgaTicketTimeSection         *time;
};

G_DEFINE_FINAL_TYPE (AlgaTicketView, alga_ticket_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (AlgaTicketView *self);

/* Loading. */

static void
set_loading (AlgaTicketView *self,
             gboolean        loading)
{
  self->loading = loading;
  alga_ticket_header_section_set_loading (self->header, loading);
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
  alga_ticket_repository_load_ticket_async (self->tickets, alga_ticket_get_ticket_id (self->ticket),
                                            ALGA_LOAD_DEFAULT, self->cancellable, load_ticket_cb, self);
}

static void
on_retry_button_clicked_cb (AlgaTicketView *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  load_detail (self);
  alga_ticket_fields_section_load_choices (self->fields);
}

/* The files and the checklist of the shown ticket, read apart from the ticket itself. */
static void
show_parts (AlgaTicketView *self)
{
  gboolean shown = self->ticket != NULL && self->account != NULL;
  AlgaTicketRepository *tickets = shown ? self->tickets : NULL;
  const char *ticket_id = shown ? alga_ticket_get_ticket_id (self->ticket) : NULL;

  alga_attachments_section_set_ticket (self->attachments, tickets, ticket_id,
                                       shown ? alga_account_get_user_id (self->account) : NULL);
  alga_checklist_section_set_ticket (self->checklist, tickets, ticket_id);
}

static void
start_loading (AlgaTicketView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  show_parts (self);

  if (self->ticket == NULL || self->tickets == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  load_detail (self);
}

/* Offline: the saved copy, edits refused, the ticket read again until the server is back. */

#define OFFLINE_RETRY_SECONDS 10

/* Also when a section asks for the ticket again: an answer lacked what it shows, or the server
 * may be back. */
static void
reload (AlgaTicketView *self)
{
  if (self->ticket != NULL && !self->loading)
    load_detail (self);
}

static gboolean
offline_retry_cb (gpointer user_data)
{
  reload (ALGA_TICKET_VIEW (user_data));
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

/* What the fields section changes: status, priority, assignee, due date, and Undo. */
static void
fields_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  alga_ticket_fields_section_activate (ALGA_TICKET_VIEW (widget)->fields, action_name);
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
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (widget);
  g_autofree char *uri = NULL;

  uri = alga_ticket_view_dup_web_uri (self);
  if (uri != NULL)
    alga_gui_open_uri (widget, uri);
}

static void
log_time_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  alga_ticket_time_section_log_time (ALGA_TICKET_VIEW (widget)->time);
}

/* The timer lives in the time section, which has its Start/Stop button. */
static void
toggle_timer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  alga_ticket_time_section_toggle_timer (ALGA_TICKET_VIEW (widget)->time);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  alga_ticket_conversation_section_reply (ALGA_TICKET_VIEW (widget)->conversation);
}

/* The pane keeps the focused field in view, as GtkViewport's own scroll-to-focus would, but not
 * for a focus inside a popover open on a field: GTK 4.8 measures that one as if the popover were
 * laid out in the pane, scrolls the field away, and the popover, anchored to it, is then placed
 * off every monitor (a GDK critical, and a popover of negative height). */
static void
on_root_focus_changed_cb (AlgaTicketView *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->root));

  if (focus != NULL && GTK_WIDGET (gtk_widget_get_native (focus)) == self->root)
    alga_gui_scroll_to_focus (self->scrolled_window, focus);
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

/* The ticket's actions and their keys; the window binds the same keys (alga-window.c), so that
 * they work from the list too. Ctrl+Shift+letter keeps clear of the window's Ctrl+F, Ctrl+R,
 * Ctrl+T and Ctrl+Enter; not Ctrl+Shift+A (GTK's lists and text fields unselect with it) nor
 * Ctrl+Shift+D (GTK's Inspector). */
static const struct {
  const char                  *name;
  GtkWidgetActionActivateFunc  activate;
  guint                        key;
  GdkModifierType              modifiers;
} ticket_actions[] = {
  { "ticket.assign-to-me", fields_action, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.change-status", fields_action, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.change-priority", fields_action, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.change-assignee", fields_action, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.change-due-date", fields_action, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.copy-number", copy_number_action, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.open-in-browser", open_in_browser_action, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.log-time", log_time_action, GDK_KEY_t, GDK_CONTROL_MASK },
  { "ticket.toggle-timer", toggle_timer_action, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.reply", reply_action, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "ticket.undo", fields_action, GDK_KEY_z, GDK_CONTROL_MASK },
};

static void
update_actions (AlgaTicketView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_ticket = self->ticket != NULL;
  gboolean can_change = has_ticket && self->account != NULL;

  gtk_widget_action_set_enabled (widget, "ticket.copy-number", has_ticket);
  gtk_widget_action_set_enabled (widget, "ticket.open-in-browser", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.assign-to-me",
                                 can_change && alga_account_get_user_id (self->account) != NULL);
  gtk_widget_action_set_enabled (widget, "ticket.change-status", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.change-priority", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.change-assignee", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.change-due-date", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.log-time", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.toggle-timer", can_change);
  gtk_widget_action_set_enabled (widget, "ticket.reply", can_change);

  /* A section saving what an action changes holds it back until the server answered. */
  for (guint i = 0; self->sections != NULL && i < self->sections->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (ticket_actions); j++)
      if (!alga_ticket_section_allows_action (g_ptr_array_index (self->sections, i), ticket_actions[j].name))
        gtk_widget_action_set_enabled (widget, ticket_actions[j].name, FALSE);
}

/* GObject. */

static void
alga_ticket_view_dispose (GObject *object)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->offline_retry_id, g_source_remove);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);

  /* The template's top widget is AdwBin's child: let AdwBin drop it first, or both unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_TICKET_VIEW);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->tickets);
  g_clear_object (&self->account);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (alga_ticket_view_parent_class)->dispose (object);
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

/* The checklist's first required item not done, when a close was refused: what blocks it. */
static void
show_close_blocker_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  alga_checklist_section_show_blocker (ALGA_TICKET_VIEW (widget)->checklist);
}

static void
alga_ticket_view_class_init (AlgaTicketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_ticket_view_dispose;
  object_class->get_property = alga_ticket_view_get_property;
  object_class->set_property = alga_ticket_view_set_property;
  widget_class->root = alga_ticket_view_root;
  widget_class->unroot = alga_ticket_view_unroot;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         ALGA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         ALGA_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALGA_TYPE_TICKET_ABOUT_SECTION);
  g_type_ensure (ALGA_TYPE_TICKET_CONTACT_SECTION);
  g_type_ensure (ALGA_TYPE_TICKET_CONVERSATION_SECTION);
  g_type_ensure (ALGA_TYPE_TICKET_DESCRIPTION_SECTION);
  g_type_ensure (ALGA_TYPE_TICKET_FIELDS_SECTION);
  g_type_ensure (ALGA_TYPE_TICKET_HEADER_SECTION);
  g_type_ensure (ALGA_TYPE_TICKET_TIME_SECTION);

  gtk_widget_class_set_css_name (widget_class, "ticketview");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-ticket-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, error_icon);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, error_title);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, header);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, fields);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, conversation);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, time);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_button_clicked_cb);

  for (guint i = 0; i < G_N_ELEMENTS (ticket_actions); i++)
    {
      gtk_widget_class_install_action (widget_class, ticket_actions[i].name, NULL, ticket_actions[i].activate);
      gtk_widget_class_add_binding_action (widget_class, ticket_actions[i].key, ticket_actions[i].modifiers,
                                           ticket_actions[i].name, NULL);
    }
  gtk_widget_class_install_action (widget_class, "ticket.show-close-blocker", NULL, show_close_blocker_action);
}

static void
alga_ticket_view_init (AlgaTicketView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (GTK_IS_VIEWPORT (gtk_scrolled_window_get_child (self->scrolled_window)))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->scrolled_window)),
                                      FALSE);

  /* Every section follows the pane: same account, same ticket. */
  self->sections = g_ptr_array_new ();
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ALGA_IS_TICKET_SECTION (child))
      {
        g_ptr_array_add (self->sections, child);
        g_object_bind_property (self, "account", child, "account", G_BINDING_SYNC_CREATE);
        g_object_bind_property (self, "ticket", child, "ticket", G_BINDING_SYNC_CREATE);
        g_signal_connect_object (child, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
        g_signal_connect_object (child, "reload", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      }
  alga_ticket_header_section_set_priorities (self->header,
                                             alga_ticket_fields_section_get_priorities (self->fields));

  /* Below the description, above the conversation; files dropped or an image pasted anywhere
   * on the ticket are attached to it. */
  self->checklist = ALGA_CHECKLIST_SECTION (alga_checklist_section_new ());
  gtk_widget_insert_before (GTK_WIDGET (self->checklist), GTK_WIDGET (self->sections_box),
                            GTK_WIDGET (self->conversation));
  self->attachments = ALGA_ATTACHMENTS_SECTION (alga_attachments_section_new ());
  gtk_widget_insert_before (GTK_WIDGET (self->attachments), GTK_WIDGET (self->sections_box),
                            GTK_WIDGET (self->checklist));
  alga_attachments_section_install_on (self->attachments, GTK_WIDGET (self));

  update_actions (self);
}

GtkWidget *
alga_ticket_view_new (void)
{
  return g_object_new (ALGA_TYPE_TICKET_VIEW, NULL);
}

AlgaAccount *
alga_ticket_view_get_account (AlgaTicketView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_VIEW (self), NULL);

  return self->account;
}

/* Everything the pane reads and writes goes through @account: the ticket and its comments come
 * from its tickets (the server, or the copy saved in its cache while offline), every change goes
 * back through them, the choices of the fields come from its reference data, and what is typed
 * waits in its drafts. */
void
alga_ticket_view_set_account (AlgaTicketView *self,
                              AlgaAccount    *account)
{
  AlgaClient *client = account != NULL ? alga_account_get_client (account) : NULL;

  g_return_if_fail (ALGA_IS_TICKET_VIEW (self));
  g_return_if_fail (!account || ALGA_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  g_set_object (&self->account, account);
  g_set_object (&self->tickets, (account != NULL ? alga_account_get_tickets (account) : NULL));
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    g_signal_connect_object (client, "notify::offline",
                             G_CALLBACK (on_client_offline_changed_cb), self, G_CONNECT_SWAPPED);
  on_client_offline_changed_cb (self);

  start_loading (self);
  /* The sections follow through their bindings. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  update_actions (self);
}

/* Reads the ticket and its comments again, keeping what is shown until they arrive: the
 * watcher found that the ticket changed on the server. */
void
alga_ticket_view_refresh (AlgaTicketView *self)
{
  g_return_if_fail (ALGA_IS_TICKET_VIEW (self));

  if (self->ticket == NULL)
    return;

  reload (self);
  alga_ticket_conversation_section_reload (self->conversation);
  alga_attachments_section_reload (self->attachments);
  alga_checklist_section_reload (self->checklist);
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

  g_set_object (&self->ticket, ticket);
  if (ticket != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "ticket");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  start_loading (self);
  /* The sections follow through their bindings. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
  update_actions (self);
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
