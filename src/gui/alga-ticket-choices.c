/* alga-ticket-choices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statuses of each board, the priorities, which kind of priorities each board takes, and
 * the names and addresses of the people the signed-in role may list: what the ticket pane's
 * fields offer, asked of the account's reference data once and kept.
 */

#define G_LOG_DOMAIN "alga-ticket-choices"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-choices.h"

#include "alga-board.h"
#include "alga-error.h"
#include "alga-status.h"
#include "alga-user.h"

struct _AlgaTicketChoices
{
  GObject            parent_instance;

  AlgaReferenceData *reference_data;
  GCancellable      *cancellable;
  /* board id → GListStore of AlgaStatus. */
  GHashTable        *statuses;
  char              *loading_board_id;
  GListStore        *priorities;
  gboolean           priorities_loading;
  /* board id → AlgaPriorityKind. */
  GHashTable        *board_priority_kinds;
  gboolean           boards_requested;
  gboolean           boards_loading;
  GHashTable        *user_names;
  GHashTable        *user_emails;
  gboolean           users_requested;
};

G_DEFINE_FINAL_TYPE (AlgaTicketChoices, alga_ticket_choices, G_TYPE_OBJECT)

enum {
  CHANGED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
list_users_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketChoices *self;

  users = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (is_cancelled (error))
    return;

  self = ALGA_TICKET_CHOICES (user_data);
  if (users == NULL)
    {
      /* Names are a nicety; the ids still work. Try again on the next ticket. */
      g_debug ("Could not list users: %s", error->message);
      self->users_requested = FALSE;
      return;
    }

  for (guint i = 0; i < users->len; i++)
    {
      AlgaUser *user = g_ptr_array_index (users, i);

      if (alga_user_get_email (user) != NULL)
        g_hash_table_insert (self->user_emails, g_strdup (alga_user_get_user_id (user)),
                             g_strdup (alga_user_get_email (user)));
      g_hash_table_insert (self->user_names, g_strdup (alga_user_get_user_id (user)),
                           alga_user_dup_display_name (user));
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
list_statuses_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketChoices *self;
  GListStore *store;

  statuses = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (is_cancelled (error))
    return;

  self = ALGA_TICKET_CHOICES (user_data);
  if (statuses == NULL)
    {
      g_clear_pointer (&self->loading_board_id, g_free);
      g_signal_emit (self, signals[FAILED], 0, _("Could not load the statuses."), error);
      return;
    }

  store = g_list_store_new (ALGA_TYPE_STATUS);
  for (guint i = 0; i < statuses->len; i++)
    {
      AlgaStatus *status = g_ptr_array_index (statuses, i);

      /* The server filters by board already; a stray status would be refused anyway. */
      if (g_strcmp0 (alga_status_get_board_id (status), self->loading_board_id) == 0 ||
          alga_status_get_board_id (status) == NULL)
        g_list_store_append (store, status);
    }
  g_hash_table_insert (self->statuses, g_steal_pointer (&self->loading_board_id), store);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
list_priorities_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketChoices *self;

  priorities = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (is_cancelled (error))
    return;

  self = ALGA_TICKET_CHOICES (user_data);
  self->priorities_loading = FALSE;
  if (priorities == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, _("Could not load the priorities."), error);
      return;
    }

  g_list_store_splice (self->priorities, 0, g_list_model_get_n_items (G_LIST_MODEL (self->priorities)),
                       priorities->pdata, priorities->len);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
list_boards_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketChoices *self;

  boards = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (is_cancelled (error))
    return;

  self = ALGA_TICKET_CHOICES (user_data);
  self->boards_loading = FALSE;
  if (boards == NULL)
    {
      /* Without the boards every priority is offered, as before boards had kinds. */
      g_debug ("Could not list the boards: %s", error->message);
      self->boards_requested = FALSE;
    }

  for (guint i = 0; boards != NULL && i < boards->len; i++)
    {
      AlgaBoard *board = g_ptr_array_index (boards, i);

      g_hash_table_insert (self->board_priority_kinds, g_strdup (alga_board_get_board_id (board)),
                           GINT_TO_POINTER (alga_board_get_priority_kind (board)));
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
alga_ticket_choices_dispose (GObject *object)
{
  AlgaTicketChoices *self = ALGA_TICKET_CHOICES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reference_data);

  G_OBJECT_CLASS (alga_ticket_choices_parent_class)->dispose (object);
}

static void
alga_ticket_choices_finalize (GObject *object)
{
  AlgaTicketChoices *self = ALGA_TICKET_CHOICES (object);

  g_clear_object (&self->priorities);
  g_hash_table_unref (self->statuses);
  g_hash_table_unref (self->board_priority_kinds);
  g_hash_table_unref (self->user_names);
  g_hash_table_unref (self->user_emails);
  g_free (self->loading_board_id);

  G_OBJECT_CLASS (alga_ticket_choices_parent_class)->finalize (object);
}

static void
alga_ticket_choices_class_init (AlgaTicketChoicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_ticket_choices_dispose;
  object_class->finalize = alga_ticket_choices_finalize;

  /**
   * AlgaTicketChoices::changed:
   *
   * A list arrived.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AlgaTicketChoices::failed:
   * @what_failed: a sentence for people, e.g. "Could not load the statuses."
   * @error: why
   *
   * A list the fields cannot do without could not be read.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
alga_ticket_choices_init (AlgaTicketChoices *self)
{
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->priorities = g_list_store_new (ALGA_TYPE_PRIORITY);
  self->board_priority_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->user_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->user_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

AlgaTicketChoices *
alga_ticket_choices_new (void)
{
  return g_object_new (ALGA_TYPE_TICKET_CHOICES, NULL);
}

AlgaReferenceData *
alga_ticket_choices_get_reference_data (AlgaTicketChoices *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_CHOICES (self), NULL);

  return self->reference_data;
}

void
alga_ticket_choices_set_reference_data (AlgaTicketChoices *self,
                                        AlgaReferenceData *reference_data)
{
  g_return_if_fail (ALGA_IS_TICKET_CHOICES (self));
  g_return_if_fail (!reference_data || ALGA_IS_REFERENCE_DATA (reference_data));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->statuses);
  g_hash_table_remove_all (self->user_names);
  g_hash_table_remove_all (self->user_emails);
  g_list_store_remove_all (self->priorities);
  g_hash_table_remove_all (self->board_priority_kinds);
  g_clear_pointer (&self->loading_board_id, g_free);
  self->priorities_loading = FALSE;
  self->boards_loading = FALSE;
  self->boards_requested = FALSE;
  self->users_requested = FALSE;

  g_set_object (&self->reference_data, reference_data);
}

void
alga_ticket_choices_load (AlgaTicketChoices *self,
                          const char        *board_id)
{
  g_return_if_fail (ALGA_IS_TICKET_CHOICES (self));

  if (self->reference_data == NULL)
    return;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  if (board_id != NULL && self->loading_board_id == NULL &&
      !g_hash_table_contains (self->statuses, board_id))
    {
      self->loading_board_id = g_strdup (board_id);
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_STATUSES, board_id,
                                     self->cancellable, list_statuses_cb, self);
    }

  if (!self->priorities_loading && g_list_model_get_n_items (G_LIST_MODEL (self->priorities)) == 0)
    {
      self->priorities_loading = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_PRIORITIES, NULL,
                                     self->cancellable, list_priorities_cb, self);
    }

  /* Which priorities a board takes. */
  if (!self->boards_requested)
    {
      self->boards_requested = TRUE;
      self->boards_loading = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_BOARDS, NULL,
                                     self->cancellable, list_boards_cb, self);
    }

  if (!self->users_requested)
    {
      self->users_requested = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_USERS, NULL,
                                     self->cancellable, list_users_cb, self);
    }
}

GListModel *
alga_ticket_choices_get_statuses (AlgaTicketChoices *self,
                                  const char        *board_id)
{
  g_return_val_if_fail (ALGA_IS_TICKET_CHOICES (self), NULL);

  return board_id != NULL ? g_hash_table_lookup (self->statuses, board_id) : NULL;
}

GListModel *
alga_ticket_choices_get_priorities (AlgaTicketChoices *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_CHOICES (self), NULL);

  return G_LIST_MODEL (self->priorities);
}

gboolean
alga_ticket_choices_get_boards_loading (AlgaTicketChoices *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_CHOICES (self), FALSE);

  return self->boards_loading;
}

AlgaPriorityKind
alga_ticket_choices_get_priority_kind (AlgaTicketChoices *self,
                                       const char        *board_id)
{
  g_return_val_if_fail (ALGA_IS_TICKET_CHOICES (self), ALGA_PRIORITY_KIND_UNKNOWN);

  if (board_id == NULL)
    return ALGA_PRIORITY_KIND_UNKNOWN;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->board_priority_kinds, board_id));
}

const char *
alga_ticket_choices_get_user_name (AlgaTicketChoices *self,
                                   const char        *user_id)
{
  g_return_val_if_fail (ALGA_IS_TICKET_CHOICES (self), NULL);

  return user_id != NULL ? g_hash_table_lookup (self->user_names, user_id) : NULL;
}

const char *
alga_ticket_choices_get_user_email (AlgaTicketChoices *self,
                                    const char        *user_id)
{
  g_return_val_if_fail (ALGA_IS_TICKET_CHOICES (self), NULL);

  return user_id != NULL ? g_hash_table_lookup (self->user_emails, user_id) : NULL;
}

void
alga_ticket_choices_add_user_name (AlgaTicketChoices *self,
                                   const char        *user_id,
                                   const char        *name)
{
  g_return_if_fail (ALGA_IS_TICKET_CHOICES (self));
  g_return_if_fail (user_id != NULL);

  if (name != NULL)
    g_hash_table_insert (self->user_names, g_strdup (user_id), g_strdup (name));
}
