/* alga-comment-thread.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-comment-thread"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-comment-actions.h"
#include "alga-comment-row.h"
#include "alga-comment-thread.h"
#include "alga-error.h"
#include "alga-gui-util.h"

struct _AlgaCommentThread
{
  AdwBin      parent_instance;

  /* Where the comments come from: the server, or the copy saved for offline times. */
  AlgaAccount  *account;
  char         *user_id;
  AlgaTicket   *ticket;
  char         *loaded_ticket_id;
  GListStore   *comments;
  GCancellable *cancellable;

  GtkStack     *stack;
  GtkListBox   *list_box;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (AlgaCommentThread, alga_comment_thread, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_USER_ID,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_shown (AlgaComment *comment)
{
  /* Soft-deleted comments come back for staff; the web hides them too. */
  return alga_comment_get_deleted_at (comment) == NULL;
}

static void
show_state (AlgaCommentThread *self,
            const char        *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
update_state (AlgaCommentThread *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->comments)) > 0)
    show_state (self, "comments");
  else
    show_state (self, "empty");
}

/* Adds @comment and, under it, its replies (and theirs), each level oldest first. */
static void
add_with_replies (GPtrArray   *out,
                  GHashTable  *replies,
                  AlgaComment *comment)
{
  GPtrArray *children = g_hash_table_lookup (replies, alga_comment_get_comment_id (comment));

  g_ptr_array_add (out, g_object_ref (comment));
  for (guint i = 0; children != NULL && i < children->len; i++)
    add_with_replies (out, replies, g_ptr_array_index (children, i));
}

/* The server lists comments flat, oldest first: replies go under the comment they answer. A
 * reply whose parent is not shown (deleted, or not in the list) stands on its own. */
static GPtrArray *
thread_order (GPtrArray *comments)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) replies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < comments->len; i++)
    if (is_shown (g_ptr_array_index (comments, i)))
      g_hash_table_add (ids, (gpointer) alga_comment_get_comment_id (g_ptr_array_index (comments, i)));

  for (guint i = 0; i < comments->len; i++)
    {
      AlgaComment *comment = g_ptr_array_index (comments, i);
      const char *parent = alga_comment_get_parent_comment_id (comment);
      GPtrArray *children;

      if (!is_shown (comment) || parent == NULL || !g_hash_table_contains (ids, parent) ||
          g_str_equal (parent, alga_comment_get_comment_id (comment)))
        continue;
      children = g_hash_table_lookup (replies, parent);
      if (children == NULL)
        g_hash_table_insert (replies, (gpointer) parent, children = g_ptr_array_new ());
      g_ptr_array_add (children, comment);
    }

  for (guint i = 0; i < comments->len; i++)
    {
      AlgaComment *comment = g_ptr_array_index (comments, i);
      const char *parent = alga_comment_get_parent_comment_id (comment);

      if (is_shown (comment) && (parent == NULL || !g_hash_table_contains (ids, parent) ||
                                 g_str_equal (parent, alga_comment_get_comment_id (comment))))
        add_with_replies (out, replies, comment);
    }
  return out;
}

/* One splice, so the list box builds its rows once, in order. */
static void
show_comments (AlgaCommentThread *self,
               GPtrArray         *comments)
{
  g_autoptr(GPtrArray) shown = thread_order (comments);

  g_list_store_splice (self->comments, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->comments)),
                       shown->pdata, shown->len);
  update_state (self);
}

static void
load_comments_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AlgaCommentThread) self = user_data;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved_copy = FALSE;

  comments = alga_ticket_repository_load_comments_finish (ALGA_TICKET_REPOSITORY (source), result,
                                                          &saved_copy, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  g_clear_object (&self->cancellable);

  if (comments == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->comments)) > 0)
    {
      /* Keep what is on screen; a failed refresh does not make it wrong. */
      alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not refresh the comments."), error);
      return;
    }

  if (comments == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);
      g_autofree char *text = NULL;

      /* Translators: shown instead of the comments; the reason follows. */
      text = g_strdup_printf (_("Could not load the comments. %s"), message);
      gtk_label_set_label (self->error_label, text);
      show_state (self, "error");
      return;
    }

  show_comments (self, comments);
  /* Offline, the saved comments stand in (the pane says that it shows a saved copy); they do
   * not count as loaded, so that the next load asks the server again. A load is cancelled
   * when the ticket changes: these are the comments of the ticket shown. */
  g_free (self->loaded_ticket_id);
  self->loaded_ticket_id = saved_copy ? NULL : g_strdup (alga_ticket_get_ticket_id (self->ticket));
}

static void
cancel_load (AlgaCommentThread *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
start_load (AlgaCommentThread *self)
{
  gboolean shown;

  cancel_load (self);

  if (self->account == NULL || self->ticket == NULL)
    {
      g_list_store_remove_all (self->comments);
      g_clear_pointer (&self->loaded_ticket_id, g_free);
      show_state (self, "empty");
      return;
    }

  /* Another ticket's comments must never stay on screen under this one's title. */
  if (g_strcmp0 (self->loaded_ticket_id, alga_ticket_get_ticket_id (self->ticket)) != 0)
    {
      g_list_store_remove_all (self->comments);
      g_clear_pointer (&self->loaded_ticket_id, g_free);
    }

  shown = g_list_model_get_n_items (G_LIST_MODEL (self->comments)) > 0;
  if (!shown)
    show_state (self, "loading");

  self->cancellable = g_cancellable_new ();
  /* What is on screen is no worse than the saved copy: a refresh asks the server alone. */
  alga_ticket_repository_load_comments_async (alga_account_get_tickets (self->account),
                                              alga_ticket_get_ticket_id (self->ticket),
                                              shown ? ALGA_LOAD_NO_SAVED_COPY : ALGA_LOAD_DEFAULT,
                                              self->cancellable, load_comments_cb,
                                              g_object_ref (self));
}

static guint
depth_of (AlgaCommentThread *self,
          AlgaComment       *comment)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->comments));
  const char *parent = alga_comment_get_parent_comment_id (comment);
  guint depth = 0;

  /* Bounded: a loop of parents in bad data must not hang the window. The store keeps each
   * comment, so a parent's id outlives the reference taken here. */
  while (parent != NULL && depth < n)
    {
      g_autoptr(AlgaComment) found = NULL;

      for (guint i = 0; i < n && found == NULL; i++)
        {
          g_autoptr(AlgaComment) other = g_list_model_get_item (G_LIST_MODEL (self->comments), i);

          if (g_str_equal (alga_comment_get_comment_id (other), parent))
            found = g_steal_pointer (&other);
        }
      if (found == NULL)
        break;
      depth++;
      parent = alga_comment_get_parent_comment_id (found);
    }
  return depth;
}

static void
on_actions_changed_cb (AlgaCommentActions *actions,
                       gpointer            user_data)
{
  alga_comment_thread_reload (ALGA_COMMENT_THREAD (user_data));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  AlgaCommentThread *self = ALGA_COMMENT_THREAD (user_data);
  AlgaComment *comment = ALGA_COMMENT (item);
  GtkWidget *row = alga_comment_row_new (comment);
  gboolean system = alga_comment_get_is_system_generated (comment) ||
                    alga_comment_get_author_kind (comment) == ALGA_COMMENT_AUTHOR_SYSTEM;

  alga_comment_row_set_depth (ALGA_COMMENT_ROW (row), depth_of (self, comment));
  if (self->account != NULL && self->ticket != NULL && !system)
    {
      /* Only the author may edit a comment; the server refuses anyone else with a 400. */
      gboolean own = self->user_id != NULL && g_strcmp0 (alga_comment_get_user_id (comment), self->user_id) == 0;
      GtkWidget *actions = alga_comment_actions_new (alga_account_get_tickets (self->account),
                                                     alga_ticket_get_ticket_id (self->ticket), comment, own);

      g_signal_connect_object (actions, "changed", G_CALLBACK (on_actions_changed_cb), self, 0);
      alga_comment_row_add_footer (ALGA_COMMENT_ROW (row), actions);
    }
  return row;
}

static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  alga_comment_thread_reload (ALGA_COMMENT_THREAD (widget));
}

static void
alga_comment_thread_dispose (GObject *object)
{
  AlgaCommentThread *self = ALGA_COMMENT_THREAD (object);

  cancel_load (self);
  /* AdwBin owns its child too: let go of it before the template does, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_COMMENT_THREAD);
  g_clear_object (&self->account);
  g_clear_object (&self->ticket);
  g_clear_object (&self->comments);

  G_OBJECT_CLASS (alga_comment_thread_parent_class)->dispose (object);
}

static void
alga_comment_thread_finalize (GObject *object)
{
  AlgaCommentThread *self = ALGA_COMMENT_THREAD (object);

  g_free (self->user_id);
  g_free (self->loaded_ticket_id);

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
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
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
    case PROP_ACCOUNT:
      alga_comment_thread_set_account (self, g_value_get_object (value));
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

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         ALGA_TYPE_ACCOUNT,
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
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentThread, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentThread, spinner);

  gtk_widget_class_install_action (widget_class, "comments.reload", NULL, reload_action_cb);
}

static void
alga_comment_thread_init (AlgaCommentThread *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->comments = g_list_store_new (ALGA_TYPE_COMMENT);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->comments),
                           create_row_cb, self, NULL);
}

GtkWidget *
alga_comment_thread_new (void)
{
  return g_object_new (ALGA_TYPE_COMMENT_THREAD, NULL);
}

AlgaAccount *
alga_comment_thread_get_account (AlgaCommentThread *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_THREAD (self), NULL);

  return self->account;
}

/**
 * alga_comment_thread_set_account:
 * @self: a comment thread
 * @account: (nullable): the signed-in account
 *
 * The comments come from @account's tickets: from the server, saved in the account's cache and
 * shown from it when the server cannot be reached.
 */
void
alga_comment_thread_set_account (AlgaCommentThread *self,
                                 AlgaAccount       *account)
{
  g_return_if_fail (ALGA_IS_COMMENT_THREAD (self));
  g_return_if_fail (!account || ALGA_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  start_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
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
  const char *old_id;
  const char *new_id;
  gboolean other_ticket;

  g_return_if_fail (ALGA_IS_COMMENT_THREAD (self));
  g_return_if_fail (!ticket || ALGA_IS_TICKET (ticket));

  old_id = self->ticket != NULL ? alga_ticket_get_ticket_id (self->ticket) : NULL;
  new_id = ticket != NULL ? alga_ticket_get_ticket_id (ticket) : NULL;
  /* The detail pane hands over a fresh object on every refresh of the same ticket; only a
   * different ticket means other comments. */
  other_ticket = g_strcmp0 (old_id, new_id) != 0;

  if (!g_set_object (&self->ticket, ticket))
    return;

  if (other_ticket)
    start_load (self);
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

  /* A post that finishes after the technician moved on belongs to the other ticket. */
  if (self->ticket == NULL ||
      (alga_comment_get_ticket_id (comment) != NULL &&
       g_strcmp0 (alga_comment_get_ticket_id (comment),
                  alga_ticket_get_ticket_id (self->ticket)) != 0))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->comments)); i++)
    {
      g_autoptr(AlgaComment) shown = g_list_model_get_item (G_LIST_MODEL (self->comments), i);

      if (g_strcmp0 (alga_comment_get_comment_id (shown),
                     alga_comment_get_comment_id (comment)) == 0)
        return;
    }

  g_list_store_append (self->comments, comment);
  update_state (self);
}

void
alga_comment_thread_reload (AlgaCommentThread *self)
{
  g_return_if_fail (ALGA_IS_COMMENT_THREAD (self));

  start_load (self);
}

gboolean
alga_comment_thread_focus_newest (AlgaCommentThread *self)
{
  guint n;
  GtkListBoxRow *row;

  g_return_val_if_fail (ALGA_IS_COMMENT_THREAD (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->comments));
  row = n > 0 ? gtk_list_box_get_row_at_index (self->list_box, n - 1) : NULL;
  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)))
    return FALSE;

  return gtk_widget_grab_focus (GTK_WIDGET (row));
}
