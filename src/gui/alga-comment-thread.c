/* alga-comment-thread.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-comment-thread"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-comment-thread.h"

struct _AlgaCommentThread
{
  AdwBin      parent_instance;

  AlgaClient *client;
  char       *user_id;
  AlgaTicket *ticket;
  GListStore *comments;

  GtkStack   *stack;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (AlgaCommentThread, alga_comment_thread, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_USER_ID,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
alga_comment_thread_dispose (GObject *object)
{
  AlgaCommentThread *self = ALGA_COMMENT_THREAD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_COMMENT_THREAD);
  g_clear_object (&self->client);
  g_clear_object (&self->ticket);
  g_clear_object (&self->comments);

  G_OBJECT_CLASS (alga_comment_thread_parent_class)->dispose (object);
}

static void
alga_comment_thread_finalize (GObject *object)
{
  AlgaCommentThread *self = ALGA_COMMENT_THREAD (object);

  g_free (self->user_id);

  G_OBJECT_CLASS (alga_comment_thread_parent_class)->finalize (object);
}

static void
alga_comment_thread_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AlgaCommentThread *self = ALGA_COMMENT_THREAD (object);

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
alga_comment_thread_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AlgaCommentThread *self = ALGA_COMMENT_THREAD (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      alga_comment_thread_set_client (self, g_value_get_object (value));
      break;
    case PROP_USER_ID:
      alga_comment_thread_set_user_id (self, g_value_get_string (value));
      break;
    case PROP_TICKET:
      alga_comment_thread_set_ticket (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_comment_thread_class_init (AlgaCommentThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_comment_thread_dispose;
  object_class->finalize = alga_comment_thread_finalize;
  object_class->get_property = alga_comment_thread_get_property;
  object_class->set_property = alga_comment_thread_set_property;

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-comment-thread.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentThread, stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentThread, list_box);
}

static void
alga_comment_thread_init (AlgaCommentThread *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->comments = g_list_store_new (ALGA_TYPE_COMMENT);
}

GtkWidget *
alga_comment_thread_new (void)
{
  return g_object_new (ALGA_TYPE_COMMENT_THREAD, NULL);
}

AlgaClient *
alga_comment_thread_get_client (AlgaCommentThread *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_THREAD (self), NULL);

  return self->client;
}

void
alga_comment_thread_set_client (AlgaCommentThread *self,
                                AlgaClient        *client)
{
  g_return_if_fail (ALGA_IS_COMMENT_THREAD (self));
  g_return_if_fail (!client || ALGA_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

const char *
alga_comment_thread_get_user_id (AlgaCommentThread *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_THREAD (self), NULL);

  return self->user_id;
}

void
alga_comment_thread_set_user_id (AlgaCommentThread *self,
                                 const char        *user_id)
{
  g_return_if_fail (ALGA_IS_COMMENT_THREAD (self));

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;

  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

AlgaTicket *
alga_comment_thread_get_ticket (AlgaCommentThread *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_THREAD (self), NULL);

  return self->ticket;
}

void
alga_comment_thread_set_ticket (AlgaCommentThread *self,
                                AlgaTicket        *ticket)
{
  g_return_if_fail (ALGA_IS_COMMENT_THREAD (self));
  g_return_if_fail (!ticket || ALGA_IS_TICKET (ticket));

  if (g_set_object (&self->ticket, ticket))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

GListModel *
alga_comment_thread_get_model (AlgaCommentThread *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_THREAD (self), NULL);

  return G_LIST_MODEL (self->comments);
}

void
alga_comment_thread_add_comment (AlgaCommentThread *self,
                                 AlgaComment       *comment)
{
  g_return_if_fail (ALGA_IS_COMMENT_THREAD (self));
  g_return_if_fail (ALGA_IS_COMMENT (comment));

  g_list_store_append (self->comments, comment);
}

void
alga_comment_thread_reload (AlgaCommentThread *self)
{
  g_return_if_fail (ALGA_IS_COMMENT_THREAD (self));
}
