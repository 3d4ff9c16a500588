/* alga-ticket-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of the ticket pane's sections, in the manner of gnome-calendar's event editor
 * sections: the pane gives every section the same ticket and account; a section shows its
 * part of the ticket and makes the edits of that part. What they share lives here: following
 * the ticket's changes with one redraw per main-loop turn, and a cancellable that ends with the
 * ticket.
 */

#define G_LOG_DOMAIN "alga-ticket-section"

#include "config.h"

#include "alga-ticket-section.h"

typedef struct
{
  AlgaTicket   *ticket;
  AlgaAccount  *account;
  GCancellable *cancellable;
  guint         update_idle_id;
} AlgaTicketSectionPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (AlgaTicketSection, alga_ticket_section, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TICKET,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  RELOAD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update (AlgaTicketSection *self)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);
  AlgaTicketSectionClass *klass = ALGA_TICKET_SECTION_GET_CLASS (self);

  g_clear_handle_id (&priv->update_idle_id, g_source_remove);
  if (priv->ticket != NULL && klass->update != NULL)
    klass->update (self, priv->ticket);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  AlgaTicketSection *self = ALGA_TICKET_SECTION (user_data);
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  priv->update_idle_id = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

/* A merge notifies many properties at once: the section is redrawn once, before the next frame. */
static void
on_ticket_notify_cb (AlgaTicketSection *self,
                     GParamSpec        *pspec)
{
  AlgaTicketSectionClass *klass = ALGA_TICKET_SECTION_GET_CLASS (self);

  if (klass->ticket_notify != NULL)
    klass->ticket_notify (self, pspec);
  alga_ticket_section_queue_update (self);
}

/* Another ticket or another account: what was started for the last one ends with it. */
static void
restart (AlgaTicketSection *self)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);
  AlgaTicketSectionClass *klass = ALGA_TICKET_SECTION_GET_CLASS (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  if (priv->ticket != NULL && priv->account != NULL)
    priv->cancellable = g_cancellable_new ();

  if (klass->reset != NULL)
    klass->reset (self);
  update (self);
}

static gboolean
alga_ticket_section_real_allows_action (AlgaTicketSection *self,
                                        const char        *action_name)
{
  return TRUE;
}

static void
alga_ticket_section_dispose (GObject *object)
{
  AlgaTicketSection *self = ALGA_TICKET_SECTION (object);
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_clear_handle_id (&priv->update_idle_id, g_source_remove);
  if (priv->ticket != NULL)
    g_signal_handlers_disconnect_by_data (priv->ticket, self);
  g_clear_object (&priv->ticket);
  g_clear_object (&priv->account);

  G_OBJECT_CLASS (alga_ticket_section_parent_class)->dispose (object);
}

static void
alga_ticket_section_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AlgaTicketSection *self = ALGA_TICKET_SECTION (object);
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TICKET:
      g_value_set_object (value, priv->ticket);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, priv->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_section_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AlgaTicketSection *self = ALGA_TICKET_SECTION (object);

  switch (prop_id)
    {
    case PROP_TICKET:
      alga_ticket_section_set_ticket (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT:
      alga_ticket_section_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_section_class_init (AlgaTicketSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_ticket_section_dispose;
  object_class->get_property = alga_ticket_section_get_property;
  object_class->set_property = alga_ticket_section_set_property;
  klass->allows_action = alga_ticket_section_real_allows_action;

  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         ALGA_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         ALGA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaTicketSection::changed:
   *
   * What alga_ticket_section_allows_action() answers changed: a save began or ended.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AlgaTicketSection::reload:
   *
   * The section needs the ticket read from the server again (an answer lacked a name, or the
   * server may be back after being offline).
   */
  signals[RELOAD] =
    g_signal_new ("reload",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
alga_ticket_section_init (AlgaTicketSection *self)
{
}

AlgaTicket *
alga_ticket_section_get_ticket (AlgaTicketSection *self)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_return_val_if_fail (ALGA_IS_TICKET_SECTION (self), NULL);

  return priv->ticket;
}

void
alga_ticket_section_set_ticket (AlgaTicketSection *self,
                                AlgaTicket        *ticket)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_return_if_fail (ALGA_IS_TICKET_SECTION (self));
  g_return_if_fail (!ticket || ALGA_IS_TICKET (ticket));

  if (priv->ticket == ticket)
    return;

  if (priv->ticket != NULL)
    g_signal_handlers_disconnect_by_data (priv->ticket, self);
  g_set_object (&priv->ticket, ticket);
  if (ticket != NULL)
    g_signal_connect_swapped (ticket, "notify", G_CALLBACK (on_ticket_notify_cb), self);

  restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

AlgaAccount *
alga_ticket_section_get_account (AlgaTicketSection *self)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_return_val_if_fail (ALGA_IS_TICKET_SECTION (self), NULL);

  return priv->account;
}

void
alga_ticket_section_set_account (AlgaTicketSection *self,
                                 AlgaAccount       *account)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_return_if_fail (ALGA_IS_TICKET_SECTION (self));
  g_return_if_fail (!account || ALGA_IS_ACCOUNT (account));

  if (!g_set_object (&priv->account, account))
    return;

  restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

AlgaClient *
alga_ticket_section_get_client (AlgaTicketSection *self)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_return_val_if_fail (ALGA_IS_TICKET_SECTION (self), NULL);

  return priv->account != NULL ? alga_account_get_client (priv->account) : NULL;
}

const char *
alga_ticket_section_get_user_id (AlgaTicketSection *self)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_return_val_if_fail (ALGA_IS_TICKET_SECTION (self), NULL);

  return priv->account != NULL ? alga_account_get_user_id (priv->account) : NULL;
}

GCancellable *
alga_ticket_section_get_cancellable (AlgaTicketSection *self)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_return_val_if_fail (ALGA_IS_TICKET_SECTION (self), NULL);

  return priv->cancellable;
}

gboolean
alga_ticket_section_allows_action (AlgaTicketSection *self,
                                   const char        *action_name)
{
  g_return_val_if_fail (ALGA_IS_TICKET_SECTION (self), FALSE);

  return ALGA_TICKET_SECTION_GET_CLASS (self)->allows_action (self, action_name);
}

void
alga_ticket_section_queue_update (AlgaTicketSection *self)
{
  AlgaTicketSectionPrivate *priv = alga_ticket_section_get_instance_private (self);

  g_return_if_fail (ALGA_IS_TICKET_SECTION (self));

  if (priv->update_idle_id == 0)
    priv->update_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_idle_cb, self, NULL);
}

void
alga_ticket_section_dispose_template (AlgaTicketSection *self,
                                      GType              type)
{
  g_return_if_fail (ALGA_IS_TICKET_SECTION (self));

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), type);
}

void
alga_ticket_section_changed (AlgaTicketSection *self)
{
  g_return_if_fail (ALGA_IS_TICKET_SECTION (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

void
alga_ticket_section_request_reload (AlgaTicketSection *self)
{
  g_return_if_fail (ALGA_IS_TICKET_SECTION (self));

  g_signal_emit (self, signals[RELOAD], 0);
}
