/* alga-ticket-change.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A change to one field of a ticket. Each kind of field knows its own endpoint, the names the
 * server's answer lacks and how to take the change back; the pane only says what was chosen.
 */

#define G_LOG_DOMAIN "alga-ticket-change"

#include "config.h"

#include "alga-ticket-change.h"


typedef struct
{
  void              (*send)   (AlgaTicketChange     *change,
                               AlgaTicketRepository *tickets,
                               const char           *ticket_id,
                               AlgaQuiet             quiet,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
  /* Adds the joined names to a patch of the ticket; FALSE when one is not known. */
  gboolean          (*names)  (AlgaTicketChange    *change,
                               JsonBuilder         *patch);
  AlgaTicketChange *(*undo)   (AlgaTicket          *ticket);
} ChangeKind;

struct _AlgaTicketChange
{
  gatomicrefcount   ref_count;
  const ChangeKind *kind;
  char             *value;
  char             *name;
  gboolean          closes;
  GDateTime        *due;
  JsonObject       *attributes;
};

G_DEFINE_BOXED_TYPE (AlgaTicketChange, alga_ticket_change, alga_ticket_change_ref, alga_ticket_change_unref)

static AlgaTicketChange *
change_new (const ChangeKind *kind,
            const char       *value,
            const char       *name)
{
  AlgaTicketChange *self = g_new0 (AlgaTicketChange, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->value = g_strdup (value);
  self->name = g_strdup (name);

  return self;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Status: the ticket is read again after it (see the client). */

static void
status_send (AlgaTicketChange     *change,
            AlgaTicketRepository *tickets,
            const char           *ticket_id,
            AlgaQuiet             quiet,
            GCancellable         *cancellable,
            GAsyncReadyCallback   callback,
            gpointer              user_data)
{
  alga_ticket_repository_set_status_async (tickets, ticket_id, change->value, quiet, cancellable, callback,
                                           user_data);
}

static gboolean
status_names (AlgaTicketChange *change,
              JsonBuilder      *patch)
{
  add_string_or_null (patch, "status_name", change->name);
  json_builder_set_member_name (patch, "status_is_closed");
  json_builder_add_boolean_value (patch, change->closes);
  return TRUE;
}

static AlgaTicketChange *
status_undo (AlgaTicket *ticket)
{
  if (alga_ticket_get_status_id (ticket) == NULL)
    return NULL;

  return alga_ticket_change_new_status (alga_ticket_get_status_id (ticket),
                                        alga_ticket_get_status_name (ticket),
                                        alga_ticket_get_status_is_closed (ticket));
}

static const ChangeKind status_kind = {
  status_send, status_names, status_undo,
};

/* Priority. */

static void
priority_send (AlgaTicketChange     *change,
              AlgaTicketRepository *tickets,
              const char           *ticket_id,
              AlgaQuiet             quiet,
              GCancellable         *cancellable,
              GAsyncReadyCallback   callback,
              gpointer              user_data)
{
  alga_ticket_repository_set_priority_async (tickets, ticket_id, change->value, quiet, cancellable, callback,
                                             user_data);
}

static gboolean
priority_names (AlgaTicketChange *change,
                JsonBuilder      *patch)
{
  add_string_or_null (patch, "priority_name", change->name);
  return TRUE;
}

static AlgaTicketChange *
priority_undo (AlgaTicket *ticket)
{
  if (alga_ticket_get_priority_id (ticket) == NULL)
    return NULL;

  return alga_ticket_change_new_priority (alga_ticket_get_priority_id (ticket),
                                          alga_ticket_get_priority_name (ticket));
}

static const ChangeKind priority_kind = {
  priority_send, priority_names, priority_undo,
};

/* Assignee. */

static void
assignee_send (AlgaTicketChange     *change,
              AlgaTicketRepository *tickets,
              const char           *ticket_id,
              AlgaQuiet             quiet,
              GCancellable         *cancellable,
              GAsyncReadyCallback   callback,
              gpointer              user_data)
{
  alga_ticket_repository_set_assignee_async (tickets, ticket_id, change->value, quiet, cancellable, callback,
                                             user_data);
}

static gboolean
assignee_names (AlgaTicketChange *change,
                JsonBuilder      *patch)
{
  /* Unassigned has no name; someone whose name is unknown must be read. */
  if (change->value != NULL && change->name == NULL)
    return FALSE;

  add_string_or_null (patch, "assigned_to_name", change->name);
  return TRUE;
}

static AlgaTicketChange *
assignee_undo (AlgaTicket *ticket)
{
  return alga_ticket_change_new_assignee (alga_ticket_get_assigned_to (ticket),
                                          alga_ticket_get_assigned_to_name (ticket));
}

static const ChangeKind assignee_kind = {
  assignee_send, assignee_names, assignee_undo,
};

/* Attributes, the due date among them: the client merges them into the ticket's own. */

static void
attributes_send (AlgaTicketChange     *change,
                 AlgaTicketRepository *tickets,
                 const char           *ticket_id,
                 AlgaQuiet             quiet,
                 GCancellable         *cancellable,
                 GAsyncReadyCallback   callback,
                 gpointer              user_data)
{
  alga_ticket_repository_update_attributes_async (tickets, ticket_id, change->attributes, quiet,
                                                  cancellable, callback, user_data);
}

/* The repository writes the due date into the attributes, as the phone app keeps it. */
static void
due_date_send (AlgaTicketChange     *change,
               AlgaTicketRepository *tickets,
               const char           *ticket_id,
               AlgaQuiet             quiet,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data)
{
  alga_ticket_repository_set_due_date_async (tickets, ticket_id, change->due, quiet, cancellable,
                                             callback, user_data);
}

static gboolean
attributes_names (AlgaTicketChange *change,
                  JsonBuilder      *patch)
{
  return TRUE;
}

static AlgaTicketChange *
due_date_undo (AlgaTicket *ticket)
{
  return alga_ticket_change_new_due_date (alga_ticket_get_due_date (ticket));
}

static const ChangeKind due_date_kind = {
  due_date_send, attributes_names, due_date_undo,
};

static const ChangeKind attributes_kind = {
  attributes_send, attributes_names, NULL,
};

/**
 * alga_ticket_change_new_status:
 * @status_id: a status of the ticket's board
 * @status_name: (nullable): its name
 * @is_closed: whether the status closes the ticket
 *
 * Returns: (transfer full): the change
 */
AlgaTicketChange *
alga_ticket_change_new_status (const char *status_id,
                               const char *status_name,
                               gboolean    is_closed)
{
  AlgaTicketChange *self;

  g_return_val_if_fail (status_id != NULL, NULL);

  self = change_new (&status_kind, status_id, status_name);
  self->closes = is_closed;

  return self;
}

/**
 * alga_ticket_change_new_priority:
 * @priority_id: a priority
 * @priority_name: (nullable): its name
 *
 * Returns: (transfer full): the change
 */
AlgaTicketChange *
alga_ticket_change_new_priority (const char *priority_id,
                                 const char *priority_name)
{
  g_return_val_if_fail (priority_id != NULL, NULL);

  return change_new (&priority_kind, priority_id, priority_name);
}

/**
 * alga_ticket_change_new_assignee:
 * @user_id: (nullable): the new assignee, %NULL to unassign
 * @name: (nullable): their name, %NULL when not known
 *
 * Returns: (transfer full): the change
 */
AlgaTicketChange *
alga_ticket_change_new_assignee (const char *user_id,
                                 const char *name)
{
  return change_new (&assignee_kind, user_id, user_id != NULL ? name : NULL);
}

/**
 * alga_ticket_change_new_due_date:
 * @due: (nullable): when the ticket is due, %NULL to clear the due date
 *
 * The API cannot write the `due_date` column, so the due date goes into the ticket's
 * attributes, as the phone app keeps it (alga_ticket_repository_set_due_date_async()).
 *
 * Returns: (transfer full): the change
 */
AlgaTicketChange *
alga_ticket_change_new_due_date (GDateTime *due)
{
  AlgaTicketChange *self = change_new (&due_date_kind, NULL, NULL);

  if (due != NULL)
    self->due = g_date_time_ref (due);

  return self;
}

/**
 * alga_ticket_change_new_attributes:
 * @changes: the members of attributes to replace
 *
 * Returns: (transfer full): the change
 */
AlgaTicketChange *
alga_ticket_change_new_attributes (JsonObject *changes)
{
  AlgaTicketChange *self;

  g_return_val_if_fail (changes != NULL, NULL);

  self = change_new (&attributes_kind, NULL, NULL);
  self->attributes = json_object_ref (changes);

  return self;
}

/**
 * alga_ticket_change_new_undo:
 * @self: a change
 * @ticket: the ticket before @self is made
 *
 * Returns: (transfer full) (nullable): the change back, or %NULL
 */
AlgaTicketChange *
alga_ticket_change_new_undo (AlgaTicketChange *self,
                             AlgaTicket       *ticket)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ALGA_IS_TICKET (ticket), NULL);

  return self->kind->undo != NULL ? self->kind->undo (ticket) : NULL;
}

AlgaTicketChange *
alga_ticket_change_ref (AlgaTicketChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
alga_ticket_change_unref (AlgaTicketChange *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->value);
  g_free (self->name);
  g_clear_pointer (&self->attributes, json_object_unref);
  g_clear_pointer (&self->due, g_date_time_unref);
  g_free (self);
}

const char *
alga_ticket_change_get_value (AlgaTicketChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->value;
}

const char *
alga_ticket_change_get_name (AlgaTicketChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

gboolean
alga_ticket_change_get_closes (AlgaTicketChange *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->closes;
}

JsonObject *
alga_ticket_change_get_attributes (AlgaTicketChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->attributes;
}

/**
 * alga_ticket_change_apply_names:
 * @self: a change the server made
 * @ticket: the ticket, updated from the server's answer
 *
 * Returns: %FALSE when the ticket must be read again to learn a name
 */
gboolean
alga_ticket_change_apply_names (AlgaTicketChange *self,
                                AlgaTicket       *ticket)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(AlgaTicket) patch = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ALGA_IS_TICKET (ticket), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ticket_id");
  json_builder_add_string_value (builder, alga_ticket_get_ticket_id (ticket));
  if (!self->kind->names (self, builder))
    return FALSE;
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  patch = alga_ticket_new_from_json (node, NULL);
  if (patch != NULL)
    alga_ticket_update_from (ticket, patch);

  return TRUE;
}

/**
 * alga_ticket_change_send_async:
 * @self: a change
 * @tickets: the account's tickets, which make every write
 * @ticket_id: the ticket to change
 * @quiet: whom the server should not tell
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the server's answer (alga_ticket_repository_write_finish())
 * @user_data: data for @callback
 *
 * Makes the change on the server.
 */
void
alga_ticket_change_send_async (AlgaTicketChange     *self,
                               AlgaTicketRepository *tickets,
                               const char           *ticket_id,
                               AlgaQuiet             quiet,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ALGA_IS_TICKET_REPOSITORY (tickets));
  g_return_if_fail (ticket_id != NULL);

  self->kind->send (self, tickets, ticket_id, quiet, cancellable, callback, user_data);
}
