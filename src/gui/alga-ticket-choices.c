/* alga-ticket-choices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statuses of each board, the priorities, which kind of priorities each board takes, and
 * the names and addresses of the people the signed-in role may list: what the ticket pane's
 * fields offer. They are asked of the account's reference data each time a ticket is shown, so
 * that they follow its lifetimes: while its lists are fresh it answers from memory with the
 * same objects, and nothing here changes; once it has read a list again, the fields offer that.
 */

#define G_LOG_DOMAIN "alga-ticket-choices"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-ticket-choices.h"

#include "alga-board.h"
#include "alga-error.h"
#include "alga-status.h"
#include "alga-user.h"

/* The statuses of one board. */
typedef struct
{
  GPtrArray  *answer;    /* the reference data's last answer, NULL until one came */
  GListStore *store;     /* AlgaStatus of the board, NULL until known */
  gboolean    loading;
} Statuses;

struct _AlgaTicketChoices
{
  GObject            parent_instance;

  AlgaReferenceData *reference_data;
  GCancellable      *cancellable;
  /* board id → Statuses. */
  GHashTable        *statuses;
  /* The reference data's last answers, to tell a list read again from the one it gave before. */
  GPtrArray         *priority_answer;
  GPtrArray         *board_answer;
  GPtrArray         *user_answer;
  GListStore        *priorities;
  gboolean           priorities_loading;
  /* board id → AlgaPriorityKind. */
  GHashTable        *board_priority_kinds;
  gboolean           boards_loading;
  gboolean           users_loading;
  GHashTable        *user_names;
  GHashTable        *user_emails;
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
statuses_free (Statuses *statuses)
{
  g_clear_pointer (&statuses->answer, g_ptr_array_unref);
  g_clear_object (&statuses->store);
  g_free (statuses);
}

/* Whether @answer holds the objects of @before, in the same order: an answer from the
 * reference data's memory does, and then nothing changed. */
static gboolean
same_answer (GPtrArray *before,
             GPtrArray *answer)
{
  if (before == NULL || before->len != answer->len)
    return FALSE;
  for (guint i = 0; i < answer->len; i++)
    if (g_ptr_array_index (before, i) != g_ptr_array_index (answer, i))
      return FALSE;
  return TRUE;
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
  self->users_loading = FALSE;
  if (users == NULL)
    {
      /* Names are a nicety; the ids still work. Try again on the next ticket. */
      g_debug ("Could not list users: %s", error->message);
      return;
    }
  if (same_answer (self->user_answer, users))
    return;

  /* A name once known stays: one that left the list may still be on a ticket. */
  for (guint i = 0; i < users->len; i++)
    {
      AlgaUser *user = g_ptr_array_index (users, i);

      if (alga_user_get_email (user) != NULL)
        g_hash_table_insert (self->user_emails, g_strdup (alga_user_get_user_id (user)),
                             g_strdup (alga_user_get_email (user)));
      g_hash_table_insert (self->user_names, g_strdup (alga_user_get_user_id (user)),
                           alga_user_dup_display_name (user));
    }
  g_clear_pointer (&self->user_answer, g_ptr_array_unref);
  self->user_answer = g_steal_pointer (&users);

  g_signal_emit (self, signals[CHANGED], 0);
}

/* What a request for one board's statuses was for. */
typedef struct
{
  AlgaTicketChoices *self;   /* unowned: the request is cancelled with it */
  char              *board_id;
} StatusRequest;

static void
list_statuses_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StatusRequest *request = user_data;
  g_autofree char *board_id = g_steal_pointer (&request->board_id);
  g_autoptr(GPtrArray) answer = NULL;
  g_autoptr(GError) error = NULL;
  AlgaTicketChoices *self = request->self;
  Statuses *statuses;
  GListStore *store;

  g_free (request);
  answer = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (is_cancelled (error))
    return;

  statuses = g_hash_table_lookup (self->statuses, board_id);
  g_return_if_fail (statuses != NULL);
  statuses->loading = FALSE;
  if (answer == NULL)
    {
      /* A list already shown stays; without one, the fields cannot offer a status. */
      if (statuses->store == NULL)
        g_signal_emit (self, signals[FAILED], 0, _("Could not load the statuses."), error);
      else
        g_debug ("Could not read the statuses again: %s", error->message);
      return;
    }
  if (same_answer (statuses->answer, answer))
    return;

  /* A new store rather than a change of the shown one: the status row takes it as a new model,
   * and a change of the model it shows would move its selection. */
  store = g_list_store_new (ALGA_TYPE_STATUS);
  for (guint i = 0; i < answer->len; i++)
    {
      AlgaStatus *status = g_ptr_array_index (answer, i);

      /* The server filters by board already; a stray status would be refused anyway. */
      if (g_strcmp0 (alga_status_get_board_id (status), board_id) == 0 ||
          alga_status_get_board_id (status) == NULL)
        g_list_store_append (store, status);
    }
  g_clear_object (&statuses->store);
  statuses->store = store;
  g_clear_pointer (&statuses->answer, g_ptr_array_unref);
  statuses->answer = g_steal_pointer (&answer);

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
      if (self->priority_answer == NULL)
        g_signal_emit (self, signals[FAILED], 0, _("Could not load the priorities."), error);
      else
        g_debug ("Could not read the priorities again: %s", error->message);
      return;
    }
  if (same_answer (self->priority_answer, priorities))
    return;

  g_list_store_splice (self->priorities, 0, g_list_model_get_n_items (G_LIST_MODEL (self->priorities)),
                       priorities->pdata, priorities->len);
  g_clear_pointer (&self->priority_answer, g_ptr_array_unref);
  self->priority_answer = g_steal_pointer (&priorities);
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
      /* Only the first answer ends a wait that the fields show. */
      if (self->board_answer == NULL)
        g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  if (same_answer (self->board_answer, boards))
    return;

  g_hash_table_remove_all (self->board_priority_kinds);
  for (guint i = 0; i < boards->len; i++)
    {
      AlgaBoard *board = g_ptr_array_index (boards, i);

      g_hash_table_insert (self->board_priority_kinds, g_strdup (alga_board_get_board_id (board)),
                           GINT_TO_POINTER (alga_board_get_priority_kind (board)));
    }
  g_clear_pointer (&self->board_answer, g_ptr_array_unref);
  self->board_answer = g_steal_pointer (&boards);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
forget (AlgaTicketChoices *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->statuses);
  g_hash_table_remove_all (self->user_names);
  g_hash_table_remove_all (self->user_emails);
  g_list_store_remove_all (self->priorities);
  g_hash_table_remove_all (self->board_priority_kinds);
  g_clear_pointer (&self->priority_answer, g_ptr_array_unref);
  g_clear_pointer (&self->board_answer, g_ptr_array_unref);
  g_clear_pointer (&self->user_answer, g_ptr_array_unref);
  self->priorities_loading = FALSE;
  self->boards_loading = FALSE;
  self->users_loading = FALSE;
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
  g_clear_pointer (&self->priority_answer, g_ptr_array_unref);
  g_clear_pointer (&self->board_answer, g_ptr_array_unref);
  g_clear_pointer (&self->user_answer, g_ptr_array_unref);
  g_hash_table_unref (self->statuses);
  g_hash_table_unref (self->board_priority_kinds);
  g_hash_table_unref (self->user_names);
  g_hash_table_unref (self->user_emails);

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
   * A list arrived, or the reference data gave another one than before.
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
   * A list the fields cannot do without could not be read, and none was known.
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
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) statuses_free);
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

  forget (self);
  g_set_object (&self->reference_data, reference_data);
}

/* Each list is asked for again, unless a request for it is on its way: the reference data
 * answers from memory while its copy is younger than its lifetime, and reads the list again
 * after, so the fields offer what the server has now without asking it each time. */
void
alga_ticket_choices_load (AlgaTicketChoices *self,
                          const char        *board_id)
{
  Statuses *statuses;

  g_return_if_fail (ALGA_IS_TICKET_CHOICES (self));

  if (self->reference_data == NULL)
    return;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  statuses = board_id != NULL ? g_hash_table_lookup (self->statuses, board_id) : NULL;
  if (board_id != NULL && statuses == NULL)
    {
      statuses = g_new0 (Statuses, 1);
      g_hash_table_insert (self->statuses, g_strdup (board_id), statuses);
    }
  if (statuses != NULL && !statuses->loading)
    {
      StatusRequest *request = g_new0 (StatusRequest, 1);

      request->self = self;
      request->board_id = g_strdup (board_id);
      statuses->loading = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_STATUSES, board_id,
                                     self->cancellable, list_statuses_cb, request);
    }

  if (!self->priorities_loading)
    {
      self->priorities_loading = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_PRIORITIES, NULL,
                                     self->cancellable, list_priorities_cb, self);
    }

  /* Which priorities a board takes. */
  if (!self->boards_loading)
    {
      self->boards_loading = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_BOARDS, NULL,
                                     self->cancellable, list_boards_cb, self);
    }

  if (!self->users_loading)
    {
      self->users_loading = TRUE;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_USERS, NULL,
                                     self->cancellable, list_users_cb, self);
    }
}

GListModel *
alga_ticket_choices_get_statuses (AlgaTicketChoices *self,
                                  const char        *board_id)
{
  Statuses *statuses;

  g_return_val_if_fail (ALGA_IS_TICKET_CHOICES (self), NULL);

  statuses = board_id != NULL ? g_hash_table_lookup (self->statuses, board_id) : NULL;
  return statuses != NULL && statuses->store != NULL ? G_LIST_MODEL (statuses->store) : NULL;
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

  /* Asking again for boards already known is no reason to offer nothing meanwhile. */
  return self->boards_loading && self->board_answer == NULL;
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
