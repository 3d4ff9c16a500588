/* alga-composer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-composer.h"

struct _AlgaComposer
{
  AdwBin      parent_instance;

  AlgaClient *client;
  char       *user_id;
  AlgaTicket     *ticket;
  AlgaDraftStore *draft_store;

  GtkTextView    *text_view;
};

G_DEFINE_FINAL_TYPE (AlgaComposer, alga_composer, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_USER_ID,
  PROP_TICKET,
  PROP_DRAFT_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COMMENT_POSTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
alga_composer_dispose (GObject *object)
{
  AlgaComposer *self = ALGA_COMPOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_COMPOSER);
  g_clear_object (&self->client);
  g_clear_object (&self->ticket);
  g_clear_object (&self->draft_store);

  G_OBJECT_CLASS (alga_composer_parent_class)->dispose (object);
}

static void
alga_composer_finalize (GObject *object)
{
  AlgaComposer *self = ALGA_COMPOSER (object);

  g_free (self->user_id);

  G_OBJECT_CLASS (alga_composer_parent_class)->finalize (object);
}

static void
alga_composer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AlgaComposer *self = ALGA_COMPOSER (object);

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
    case PROP_DRAFT_STORE:
      g_value_set_object (value, self->draft_store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_composer_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AlgaComposer *self = ALGA_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      alga_composer_set_client (self, g_value_get_object (value));
      break;
    case PROP_USER_ID:
      alga_composer_set_user_id (self, g_value_get_string (value));
      break;
    case PROP_TICKET:
      alga_composer_set_ticket (self, g_value_get_object (value));
      break;
    case PROP_DRAFT_STORE:
      alga_composer_set_draft_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_composer_class_init (AlgaComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_composer_dispose;
  object_class->finalize = alga_composer_finalize;
  object_class->get_property = alga_composer_get_property;
  object_class->set_property = alga_composer_set_property;

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
  properties[PROP_DRAFT_STORE] =
    g_param_spec_object ("draft-store", NULL, NULL,
                         ALGA_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaComposer::comment-posted:
   * @comment: the comment as the server stored it
   *
   * Emitted after the server accepted a comment.
   */
  signals[COMMENT_POSTED] =
    g_signal_new ("comment-posted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ALGA_TYPE_COMMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, text_view);
}

static void
alga_composer_init (AlgaComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
alga_composer_new (void)
{
  return g_object_new (ALGA_TYPE_COMPOSER, NULL);
}

AlgaClient *
alga_composer_get_client (AlgaComposer *self)
{
  g_return_val_if_fail (ALGA_IS_COMPOSER (self), NULL);

  return self->client;
}

void
alga_composer_set_client (AlgaComposer *self,
                                AlgaClient        *client)
{
  g_return_if_fail (ALGA_IS_COMPOSER (self));
  g_return_if_fail (!client || ALGA_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

const char *
alga_composer_get_user_id (AlgaComposer *self)
{
  g_return_val_if_fail (ALGA_IS_COMPOSER (self), NULL);

  return self->user_id;
}

void
alga_composer_set_user_id (AlgaComposer *self,
                                 const char        *user_id)
{
  g_return_if_fail (ALGA_IS_COMPOSER (self));

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;

  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

AlgaTicket *
alga_composer_get_ticket (AlgaComposer *self)
{
  g_return_val_if_fail (ALGA_IS_COMPOSER (self), NULL);

  return self->ticket;
}

void
alga_composer_set_ticket (AlgaComposer *self,
                                AlgaTicket        *ticket)
{
  g_return_if_fail (ALGA_IS_COMPOSER (self));
  g_return_if_fail (!ticket || ALGA_IS_TICKET (ticket));

  if (g_set_object (&self->ticket, ticket))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

AlgaDraftStore *
alga_composer_get_draft_store (AlgaComposer *self)
{
  g_return_val_if_fail (ALGA_IS_COMPOSER (self), NULL);

  return self->draft_store;
}

void
alga_composer_set_draft_store (AlgaComposer   *self,
                               AlgaDraftStore *store)
{
  g_return_if_fail (ALGA_IS_COMPOSER (self));
  g_return_if_fail (!store || ALGA_IS_DRAFT_STORE (store));

  if (g_set_object (&self->draft_store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_STORE]);
}

void
alga_composer_grab_focus_text (AlgaComposer *self)
{
  g_return_if_fail (ALGA_IS_COMPOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}
