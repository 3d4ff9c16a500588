/* alga-ticket-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket-view"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-view.h"

struct _AlgaTicketView
{
  AdwBin      parent_instance;

  AlgaClient *client;
  char       *user_id;
  AlgaTicket *ticket;

  GtkStack   *stack;
  GtkLabel   *title_label;
};

G_DEFINE_FINAL_TYPE (AlgaTicketView, alga_ticket_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_USER_ID,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
alga_ticket_view_dispose (GObject *object)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_TICKET_VIEW);
  g_clear_object (&self->client);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (alga_ticket_view_parent_class)->dispose (object);
}

static void
alga_ticket_view_finalize (GObject *object)
{
  AlgaTicketView *self = ALGA_TICKET_VIEW (object);

  g_free (self->user_id);

  G_OBJECT_CLASS (alga_ticket_view_parent_class)->finalize (object);
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
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
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
    case PROP_CLIENT:
      alga_ticket_view_set_client (self, g_value_get_object (value));
      break;
    case PROP_USER_ID:
      alga_ticket_view_set_user_id (self, g_value_get_string (value));
      break;
    case PROP_TICKET:
      alga_ticket_view_set_ticket (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_view_class_init (AlgaTicketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_ticket_view_dispose;
  object_class->finalize = alga_ticket_view_finalize;
  object_class->get_property = alga_ticket_view_get_property;
  object_class->set_property = alga_ticket_view_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ALGA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         ALGA_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-ticket-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketView, title_label);
}

static void
alga_ticket_view_init (AlgaTicketView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
alga_ticket_view_new (void)
{
  return g_object_new (ALGA_TYPE_TICKET_VIEW, NULL);
}

AlgaClient *
alga_ticket_view_get_client (AlgaTicketView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_VIEW (self), NULL);

  return self->client;
}

void
alga_ticket_view_set_client (AlgaTicketView *self,
                             AlgaClient     *client)
{
  g_return_if_fail (ALGA_IS_TICKET_VIEW (self));
  g_return_if_fail (!client || ALGA_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

const char *
alga_ticket_view_get_user_id (AlgaTicketView *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_VIEW (self), NULL);

  return self->user_id;
}

void
alga_ticket_view_set_user_id (AlgaTicketView *self,
                              const char     *user_id)
{
  g_return_if_fail (ALGA_IS_TICKET_VIEW (self));

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;

  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
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

  if (!g_set_object (&self->ticket, ticket))
    return;

  if (ticket != NULL)
    {
      gtk_label_set_label (self->title_label, alga_ticket_get_title (ticket));
      gtk_stack_set_visible_child_name (self->stack, "ticket");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}
