/* alga-ticket-repository.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a ticket, its comments and every change to it come from and go to: the pane, the
 * watcher and the notifications ask here and no longer decide between the server and the
 * account's cache themselves.
 *
 * Adding a method: a read is a pair _async/_finish that asks the client and, unless
 * ALGA_LOAD_NETWORK_ONLY, saves the answer in the cache and falls back on the saved copy when
 * the server cannot be reached (load_ticket is the model). A write to a ticket is an _async
 * that starts the client's call through start_write() with a WriteKind of its own; every write
 * is finished by alga_ticket_repository_write_finish(), so callers need one callback. The parts
 * of a ticket read and written apart from it (documents, checklist, a comment's replies, edits
 * and reactions) are in alga-ticket-repository-parts.c.
 */

#define G_LOG_DOMAIN "alga-ticket-repository"

#include "config.h"

#include "alga-ticket-repository.h"
#include "alga-ticket-repository-private.h"

#include "alga-error.h"
#include "alga-send-check.h"

struct _AlgaTicketRepository
{
  GObject     parent_instance;

  AlgaClient *client;
  AlgaCache  *cache;
};

G_DEFINE_FINAL_TYPE (AlgaTicketRepository, alga_ticket_repository, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CACHE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WRITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
saves (AlgaTicketRepository *self,
       AlgaLoadFlags         flags)
{
  return self->cache != NULL && (flags & ALGA_LOAD_NO_SAVE) == 0;
}

/* The saved copy is the answer when the saved copy is all there is: the server could not be
 * reached. Any other error (refused, not found) is the answer itself. */
static gboolean
may_use_saved_copy (AlgaTicketRepository *self,
                    AlgaLoadFlags         flags,
                    const GError         *error)
{
  return self->cache != NULL && (flags & ALGA_LOAD_NO_SAVED_COPY) == 0 &&
         alga_api_error_is_unreachable (error);
}

/* A saved copy's answer: the object and TRUE for the caller's saved_copy. */
typedef struct
{
  gpointer       object;
  GDestroyNotify free_object;
  gboolean       saved_copy;
} Answer;

static void
answer_free (Answer *answer)
{
  if (answer->object != NULL)
    answer->free_object (answer->object);
  g_free (answer);
}

static void
return_answer (GTask          *task,
               gpointer        object,
               GDestroyNotify  free_object,
               gboolean        saved_copy)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->object = object;
  answer->free_object = free_object;
  answer->saved_copy = saved_copy;
  g_task_return_pointer (task, answer, (GDestroyNotify) answer_free);
}

static gpointer
finish_answer (GAsyncResult  *result,
               gboolean      *saved_copy,
               GError       **error)
{
  Answer *answer = g_task_propagate_pointer (G_TASK (result), error);
  gpointer object;

  if (saved_copy != NULL)
    *saved_copy = answer != NULL && answer->saved_copy;
  if (answer == NULL)
    return NULL;

  object = g_steal_pointer (&answer->object);
  answer_free (answer);

  return object;
}

/* Reading. */

/* What a read was asked for, and the comments gathered so far. */
typedef struct
{
  char          *ticket_id;
  AlgaLoadFlags  flags;
  GPtrArray     *comments;
  guint          offset;
} Load;

static void
load_free (Load *load)
{
  g_free (load->ticket_id);
  g_clear_pointer (&load->comments, g_ptr_array_unref);
  g_free (load);
}

/* Reading a ticket. */

static void
get_ticket_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaTicketRepository *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(AlgaTicket) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cache_error = NULL;

  ticket = alga_client_get_ticket_finish (ALGA_CLIENT (source), result, &error);
  if (ticket != NULL)
    {
      if (saves (self, load->flags) && !alga_cache_store_ticket (self->cache, ticket, &cache_error))
        g_debug ("Could not save the ticket: %s", cache_error->message);
      return_answer (task, g_steal_pointer (&ticket), g_object_unref, FALSE);
      return;
    }

  if (may_use_saved_copy (self, load->flags, error))
    {
      saved = alga_cache_load_ticket (self->cache, load->ticket_id, &cache_error);
      if (saved != NULL)
        {
          return_answer (task, g_steal_pointer (&saved), g_object_unref, TRUE);
          return;
        }
      if (cache_error != NULL)
        g_debug ("No saved copy of the ticket: %s", cache_error->message);
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * alga_ticket_repository_load_ticket_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @flags: whether the saved copy may stand in
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ticket's detail
 * @user_data: data for @callback
 *
 * Reads a ticket's detail from the server and saves it in the account's cache; when the server
 * cannot be reached, the copy saved the last time is the answer (and says so).
 */
void
alga_ticket_repository_load_ticket_async (AlgaTicketRepository *self,
                                          const char           *ticket_id,
                                          AlgaLoadFlags         flags,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  GTask *task;
  Load *load;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));
  g_return_if_fail (ticket_id != NULL);

  load = g_new0 (Load, 1);
  load->ticket_id = g_strdup (ticket_id);
  load->flags = flags;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_ticket_repository_load_ticket_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  alga_client_get_ticket_async (self->client, ticket_id, cancellable, get_ticket_cb, task);
}

/**
 * alga_ticket_repository_load_ticket_finish:
 * @self: the repository
 * @result: the result
 * @saved_copy: (out) (optional): set to %TRUE when the answer is the saved copy
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the ticket, or %NULL with @error set
 */
AlgaTicket *
alga_ticket_repository_load_ticket_finish (AlgaTicketRepository  *self,
                                           GAsyncResult          *result,
                                           gboolean              *saved_copy,
                                           GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return finish_answer (result, saved_copy, error);
}

/* Reading comments: every page, one after the other, in the server's order. */

static void request_comments (GTask *task);

static void
list_comments_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaTicketRepository *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cache_error = NULL;

  page = alga_client_list_comments_finish (ALGA_CLIENT (source), result, &error);
  if (page == NULL)
    {
      if (may_use_saved_copy (self, load->flags, error))
        {
          saved = alga_cache_load_comments (self->cache, load->ticket_id, &cache_error);
          if (saved != NULL)
            {
              return_answer (task, g_steal_pointer (&saved),
                             (GDestroyNotify) g_ptr_array_unref, TRUE);
              return;
            }
          if (cache_error != NULL)
            g_debug ("No saved comments: %s", cache_error->message);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (load->comments, g_object_ref (g_ptr_array_index (page, i)));

  if (page->len >= ALGA_TICKET_REPOSITORY_COMMENT_PAGE)
    {
      load->offset += page->len;
      request_comments (g_steal_pointer (&task));
      return;
    }

  if (saves (self, load->flags) &&
      !alga_cache_store_comments (self->cache, load->ticket_id, load->comments, &cache_error))
    g_debug ("Could not save the comments: %s", cache_error->message);

  return_answer (task, g_ptr_array_ref (load->comments), (GDestroyNotify) g_ptr_array_unref,
                 FALSE);
}

static void
request_comments (GTask *task)
{
  AlgaTicketRepository *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (task);

  alga_client_list_comments_async (self->client, load->ticket_id, load->offset,
                                   ALGA_TICKET_REPOSITORY_COMMENT_PAGE, FALSE,
                                   g_task_get_cancellable (task), list_comments_cb, task);
}

/**
 * alga_ticket_repository_load_comments_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @flags: whether the saved copy may stand in
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with all the ticket's comments
 * @user_data: data for @callback
 *
 * Reads every page of a ticket's comments (deleted ones included: whoever shows them decides)
 * and saves them in the account's cache; when the server cannot be reached, the comments saved
 * the last time are the answer.
 */
void
alga_ticket_repository_load_comments_async (AlgaTicketRepository *self,
                                            const char           *ticket_id,
                                            AlgaLoadFlags         flags,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  GTask *task;
  Load *load;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));
  g_return_if_fail (ticket_id != NULL);

  load = g_new0 (Load, 1);
  load->ticket_id = g_strdup (ticket_id);
  load->flags = flags;
  load->comments = g_ptr_array_new_with_free_func (g_object_unref);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_ticket_repository_load_comments_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  request_comments (task);
}

/**
 * alga_ticket_repository_load_comments_finish:
 * @self: the repository
 * @result: the result
 * @saved_copy: (out) (optional): set to %TRUE when the answer is the saved copy
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaComment) (nullable): the comments, oldest first
 */
GPtrArray *
alga_ticket_repository_load_comments_finish (AlgaTicketRepository  *self,
                                             GAsyncResult          *result,
                                             gboolean              *saved_copy,
                                             GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return finish_answer (result, saved_copy, error);
}

/* Writing. */

typedef enum
{
  WRITE_STATUS,
  WRITE_PRIORITY,
  WRITE_ASSIGNEE,
  WRITE_ATTRIBUTES,
  WRITE_FIELDS,
} WriteKind;

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaClient *client = ALGA_CLIENT (source);
  AlgaTicket *ticket = NULL;
  GError *error = NULL;

  switch ((WriteKind) GPOINTER_TO_UINT (g_task_get_task_data (task)))
    {
    case WRITE_STATUS:
      ticket = alga_client_set_status_finish (client, result, &error);
      break;
    case WRITE_PRIORITY:
      ticket = alga_client_set_priority_finish (client, result, &error);
      break;
    case WRITE_ASSIGNEE:
      ticket = alga_client_set_assignee_finish (client, result, &error);
      break;
    case WRITE_FIELDS:
      ticket = alga_client_update_ticket_finish (client, result, &error);
      break;
    case WRITE_ATTRIBUTES:
    default:
      ticket = alga_client_update_attributes_finish (client, result, &error);
      break;
    }

  if (ticket == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ticket, g_object_unref);
}

void
alga_ticket_repository_emit_writing (AlgaTicketRepository *self,
                                     const char           *ticket_id)
{
  g_signal_emit (self, signals[WRITING], 0, ticket_id);
}

static GTask *
start_write (AlgaTicketRepository *self,
             const char           *ticket_id,
             WriteKind             kind,
             GCancellable         *cancellable,
             GAsyncReadyCallback   callback,
             gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  alga_ticket_repository_emit_writing (self, ticket_id);

  g_task_set_source_tag (task, alga_ticket_repository_write_finish);
  g_task_set_task_data (task, GUINT_TO_POINTER (kind), NULL);

  return task;
}

/**
 * alga_ticket_repository_set_status_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @status_id: its new status
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with alga_ticket_repository_write_finish()
 * @user_data: data for @callback
 */
void
alga_ticket_repository_set_status_async (AlgaTicketRepository *self,
                                         const char           *ticket_id,
                                         const char           *status_id,
                                         AlgaQuiet             quiet,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_write (self, ticket_id, WRITE_STATUS, cancellable, callback, user_data);
  alga_client_set_status_async (self->client, ticket_id, status_id, quiet, cancellable, write_cb,
                                task);
}

/**
 * alga_ticket_repository_set_priority_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @priority_id: its new priority
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with alga_ticket_repository_write_finish()
 * @user_data: data for @callback
 */
void
alga_ticket_repository_set_priority_async (AlgaTicketRepository *self,
                                           const char           *ticket_id,
                                           const char           *priority_id,
                                           AlgaQuiet             quiet,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_write (self, ticket_id, WRITE_PRIORITY, cancellable, callback, user_data);
  alga_client_set_priority_async (self->client, ticket_id, priority_id, quiet, cancellable,
                                  write_cb, task);
}

/**
 * alga_ticket_repository_set_assignee_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @user_id: (nullable): the new assignee; %NULL unassigns
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with alga_ticket_repository_write_finish()
 * @user_data: data for @callback
 */
void
alga_ticket_repository_set_assignee_async (AlgaTicketRepository *self,
                                           const char           *ticket_id,
                                           const char           *user_id,
                                           AlgaQuiet             quiet,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_write (self, ticket_id, WRITE_ASSIGNEE, cancellable, callback, user_data);
  alga_client_set_assignee_async (self->client, ticket_id, user_id, quiet, cancellable, write_cb,
                                  task);
}

/**
 * alga_ticket_repository_update_attributes_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @changes: members of the ticket's attributes to set; a null member removes one
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with alga_ticket_repository_write_finish()
 * @user_data: data for @callback
 */
void
alga_ticket_repository_update_attributes_async (AlgaTicketRepository *self,
                                                const char           *ticket_id,
                                                JsonObject           *changes,
                                                AlgaQuiet             quiet,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = start_write (self, ticket_id, WRITE_ATTRIBUTES, cancellable, callback, user_data);
  alga_client_update_attributes_async (self->client, ticket_id, changes, quiet, cancellable,
                                       write_cb, task);
}

/**
 * alga_ticket_repository_set_due_date_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @due_date: (nullable): when the ticket is due; %NULL clears it
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with alga_ticket_repository_write_finish()
 * @user_data: data for @callback
 *
 * The due date lives in the ticket's attributes, in UTC with milliseconds as the web writes it.
 */
void
alga_ticket_repository_set_due_date_async (AlgaTicketRepository *self,
                                           const char           *ticket_id,
                                           GDateTime            *due_date,
                                           AlgaQuiet             quiet,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  if (due_date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (due_date);
      g_autofree char *iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");

      json_object_set_string_member (changes, "due_date", iso);
    }
  else
    {
      /* A null member is removed from attributes, as the phone app does. */
      json_object_set_null_member (changes, "due_date");
    }

  alga_ticket_repository_update_attributes_async (self, ticket_id, changes, quiet, cancellable,
                                                  callback, user_data);
}

/**
 * alga_ticket_repository_set_title_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @title: its new title, 1 to 255 characters
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with alga_ticket_repository_write_finish()
 * @user_data: data for @callback
 */
void
alga_ticket_repository_set_title_async (AlgaTicketRepository *self,
                                        const char           *ticket_id,
                                        const char           *title,
                                        AlgaQuiet             quiet,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));
  g_return_if_fail (title != NULL);

  json_object_set_string_member (fields, "title", title);
  alga_quiet_add_to_body (quiet, fields);
  task = start_write (self, ticket_id, WRITE_FIELDS, cancellable, callback, user_data);
  alga_client_update_ticket_async (self->client, ticket_id, fields, cancellable, write_cb, task);
}

/**
 * alga_ticket_repository_set_description_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @description: the description as it is to be stored (see alga_blocknote_apply_edit())
 * @quiet: whom the server should not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with alga_ticket_repository_write_finish()
 * @user_data: data for @callback
 *
 * The description lives in the ticket's attributes, which the server replaces whole: the rest
 * of them is read and sent back with it.
 */
void
alga_ticket_repository_set_description_async (AlgaTicketRepository *self,
                                              const char           *ticket_id,
                                              const char           *description,
                                              AlgaQuiet             quiet,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));
  g_return_if_fail (description != NULL);

  json_object_set_string_member (changes, "description", description);
  alga_ticket_repository_update_attributes_async (self, ticket_id, changes, quiet, cancellable,
                                                  callback, user_data);
}

/**
 * alga_ticket_repository_write_finish:
 * @self: the repository
 * @result: the result of any write to a ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the ticket as the server answered the write
 */
AlgaTicket *
alga_ticket_repository_write_finish (AlgaTicketRepository  *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        alga_ticket_repository_write_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Creating. */

static void
create_ticket_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaTicketRepository *self = g_task_get_source_object (task);
  g_autoptr(GError) cache_error = NULL;
  AlgaTicket *ticket;
  GError *error = NULL;

  ticket = alga_client_create_ticket_finish (ALGA_CLIENT (source), result, &error);
  if (ticket == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->cache != NULL && !alga_cache_store_ticket (self->cache, ticket, &cache_error))
    g_debug ("Could not save the new ticket: %s", cache_error->message);
  g_task_return_pointer (task, ticket, g_object_unref);
}

/**
 * alga_ticket_repository_create_ticket_async:
 * @self: the repository
 * @ticket: a new ticket that alga_new_ticket_check() passed
 * @cancellable: (nullable): a #GCancellable
 * @callback: finish with alga_ticket_repository_create_ticket_finish()
 * @user_data: data for @callback
 *
 * Creates the ticket and saves its detail in the cache, so that it opens at once and offline.
 * The watcher needs no word of it: a ticket nobody changed since its creation is announced by
 * its creator, the technician.
 */
void
alga_ticket_repository_create_ticket_async (AlgaTicketRepository *self,
                                            AlgaNewTicket        *ticket,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));
  g_return_if_fail (ALGA_IS_NEW_TICKET (ticket));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_ticket_repository_create_ticket_async);
  alga_client_create_ticket_async (self->client, ticket, cancellable, create_ticket_cb, task);
}

/**
 * alga_ticket_repository_create_ticket_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new ticket, read back with its names
 */
AlgaTicket *
alga_ticket_repository_create_ticket_finish (AlgaTicketRepository  *self,
                                             GAsyncResult          *result,
                                             GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Comments. */

static void
post_comment_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaComment *comment;
  GError *error = NULL;

  comment = alga_client_post_comment_finish (ALGA_CLIENT (source), result, &error);
  if (comment == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, comment, g_object_unref);
}

/**
 * alga_ticket_repository_post_comment_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @text: what the technician typed
 * @is_internal: whether only staff see it
 * @is_resolution: whether it is the ticket's resolution
 * @quiet: whom the server does not tell about it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the comment the server made
 * @user_data: data for @callback
 */
void
alga_ticket_repository_post_comment_async (AlgaTicketRepository *self,
                                           const char           *ticket_id,
                                           const char           *text,
                                           gboolean              is_internal,
                                           gboolean              is_resolution,
                                           AlgaQuiet             quiet,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_ticket_repository_post_comment_async);
  alga_client_post_comment_async (self->client, ticket_id, text, is_internal, is_resolution,
                                  quiet, cancellable, post_comment_cb, task);
}

/**
 * alga_ticket_repository_post_comment_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the comment as the server made it
 */
AlgaComment *
alga_ticket_repository_post_comment_finish (AlgaTicketRepository  *self,
                                            GAsyncResult          *result,
                                            GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
find_posted_comment_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaComment *comment;
  GError *error = NULL;

  comment = alga_send_check_comment_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, comment, g_object_unref);
}

/**
 * alga_ticket_repository_find_posted_comment_async:
 * @self: the repository
 * @ticket_id: the ticket
 * @user_id: who posted
 * @text: what was posted
 * @since: when the post was sent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the comment, if it arrived
 * @user_data: data for @callback
 *
 * Whether a post that ended without a clear answer reached the server after all, so that
 * sending again makes no duplicate.
 */
void
alga_ticket_repository_find_posted_comment_async (AlgaTicketRepository *self,
                                                  const char           *ticket_id,
                                                  const char           *user_id,
                                                  const char           *text,
                                                  GDateTime            *since,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_ticket_repository_find_posted_comment_async);
  alga_send_check_comment_async (self->client, ticket_id, user_id, text, since, cancellable,
                                 find_posted_comment_cb, task);
}

/**
 * alga_ticket_repository_find_posted_comment_finish:
 * @self: the repository
 * @result: the result
 * @error: return location for a #GError: set when the check itself failed
 *
 * Returns: (transfer full) (nullable): the comment that arrived, or %NULL
 */
AlgaComment *
alga_ticket_repository_find_posted_comment_finish (AlgaTicketRepository  *self,
                                                   GAsyncResult          *result,
                                                   GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject. */

static void
alga_ticket_repository_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AlgaTicketRepository *self = ALGA_TICKET_REPOSITORY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_repository_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AlgaTicketRepository *self = ALGA_TICKET_REPOSITORY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_repository_dispose (GObject *object)
{
  AlgaTicketRepository *self = ALGA_TICKET_REPOSITORY (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (alga_ticket_repository_parent_class)->dispose (object);
}

static void
alga_ticket_repository_class_init (AlgaTicketRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = alga_ticket_repository_get_property;
  object_class->set_property = alga_ticket_repository_set_property;
  object_class->dispose = alga_ticket_repository_dispose;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ALGA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, ALGA_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaTicketRepository::writing:
   * @self: the repository
   * @ticket_id: the ticket about to be changed
   *
   * Emitted as a write to a ticket is sent, before the server has it: a poll that sees the
   * change before its answer arrives still knows that it was ours.
   */
  signals[WRITING] =
    g_signal_new ("writing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
alga_ticket_repository_init (AlgaTicketRepository *self)
{
}

/**
 * alga_ticket_repository_new:
 * @client: the account's client
 * @cache: (nullable): the account's cache; without one, nothing is saved and nothing stands in
 *
 * Returns: (transfer full): a new #AlgaTicketRepository
 */
AlgaTicketRepository *
alga_ticket_repository_new (AlgaClient *client,
                            AlgaCache  *cache)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (cache == NULL || ALGA_IS_CACHE (cache), NULL);

  return g_object_new (ALGA_TYPE_TICKET_REPOSITORY,
                       "client", client,
                       "cache", cache,
                       NULL);
}

/**
 * alga_ticket_repository_get_client:
 * @self: the repository
 *
 * Returns: (transfer none): the client it asks
 */
AlgaClient *
alga_ticket_repository_get_client (AlgaTicketRepository *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_REPOSITORY (self), NULL);

  return self->client;
}

/**
 * alga_ticket_repository_get_cache:
 * @self: the repository
 *
 * Returns: (transfer none) (nullable): the cache it saves in
 */
AlgaCache *
alga_ticket_repository_get_cache (AlgaTicketRepository *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_REPOSITORY (self), NULL);

  return self->cache;
}
