/* alga-ticket-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket-query"

#include "config.h"

#include <string.h>

#include "alga-ticket-query.h"
#include "alga-json.h"

struct _AlgaTicketQuery
{
  AlgaTicketState     state;
  AlgaTicketAssignee  assignee;
  char               *assignee_id;
  char               *current_user_id;
  GStrv               status_ids;
  char               *priority_name;
  GStrv               tags;
  char               *board_id;
  char               *client_id;
  GDateTime          *updated_since;
  char               *search;
  const char         *sort;
  gboolean            descending;
  char               *fields;
};

G_DEFINE_BOXED_TYPE (AlgaTicketQuery, alga_ticket_query, alga_ticket_query_copy,
                     alga_ticket_query_free)

/* The columns the server can sort by. It has no allow-list: any other word becomes an SQL
 * column and, if there is none, a 500. assigned_to_name and contact_name
 * are not sortable. */
static const char * const sort_columns[] = {
  "updated_at",
  "entered_at",
  "priority_name",
  "status_name",
  "client_name",
  "ticket_number",
  "title",
  "due_date",
};

#define DEFAULT_SORT   "entered_at"
#define DEFAULT_FIELDS "mobile_list"

/* Setters store NULL for "no filter", so that "" and NULL compare equal. */
static char *
dup_nonempty (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;

  return g_steal_pointer (&copy);
}

static GStrv
dup_list (const char * const *items,
          gboolean            lower)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) result = NULL;

  if (items == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = dup_nonempty (items[i]);

      if (item == NULL)
        continue;
      if (lower)
        {
          char *folded = g_utf8_strdown (item, -1);

          g_free (item);
          item = folded;
        }
      g_strv_builder_add (builder, item);
    }

  result = g_strv_builder_end (builder);
  if (result[0] == NULL)
    return NULL;

  return g_steal_pointer (&result);
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static gboolean
datetime_equal0 (GDateTime *a,
                 GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

/**
 * alga_ticket_query_new:
 *
 * A query without filters: every ticket, newest first, in the mobile_list field set.
 *
 * Returns: (transfer full): a new query
 */
AlgaTicketQuery *
alga_ticket_query_new (void)
{
  AlgaTicketQuery *self = g_new0 (AlgaTicketQuery, 1);

  self->sort = DEFAULT_SORT;
  self->descending = TRUE;
  self->fields = g_strdup (DEFAULT_FIELDS);

  return self;
}

/**
 * alga_ticket_query_copy:
 * @self: a query
 *
 * Returns: (transfer full): a copy of @self
 */
AlgaTicketQuery *
alga_ticket_query_copy (const AlgaTicketQuery *self)
{
  AlgaTicketQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (AlgaTicketQuery, 1);
  copy->state = self->state;
  copy->assignee = self->assignee;
  copy->assignee_id = g_strdup (self->assignee_id);
  copy->current_user_id = g_strdup (self->current_user_id);
  copy->status_ids = g_strdupv (self->status_ids);
  copy->priority_name = g_strdup (self->priority_name);
  copy->tags = g_strdupv (self->tags);
  copy->board_id = g_strdup (self->board_id);
  copy->client_id = g_strdup (self->client_id);
  copy->updated_since = self->updated_since ? g_date_time_ref (self->updated_since) : NULL;
  copy->search = g_strdup (self->search);
  copy->sort = self->sort;
  copy->descending = self->descending;
  copy->fields = g_strdup (self->fields);

  return copy;
}

/**
 * alga_ticket_query_free:
 * @self: (nullable): a query
 *
 * Frees @self.
 */
void
alga_ticket_query_free (AlgaTicketQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->assignee_id);
  g_free (self->current_user_id);
  g_strfreev (self->status_ids);
  g_free (self->priority_name);
  g_strfreev (self->tags);
  g_free (self->board_id);
  g_free (self->client_id);
  g_clear_pointer (&self->updated_since, g_date_time_unref);
  g_free (self->search);
  g_free (self->fields);
  g_free (self);
}

/**
 * alga_ticket_query_equal:
 * @a: a query
 * @b: a query
 *
 * Returns: whether @a and @b ask for the same tickets in the same order
 */
gboolean
alga_ticket_query_equal (const AlgaTicketQuery *a,
                         const AlgaTicketQuery *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->state == b->state &&
         a->assignee == b->assignee &&
         g_strcmp0 (a->assignee_id, b->assignee_id) == 0 &&
         g_strcmp0 (a->current_user_id, b->current_user_id) == 0 &&
         strv_equal0 ((const char * const *) a->status_ids,
                      (const char * const *) b->status_ids) &&
         g_strcmp0 (a->priority_name, b->priority_name) == 0 &&
         strv_equal0 ((const char * const *) a->tags, (const char * const *) b->tags) &&
         g_strcmp0 (a->board_id, b->board_id) == 0 &&
         g_strcmp0 (a->client_id, b->client_id) == 0 &&
         datetime_equal0 (a->updated_since, b->updated_since) &&
         g_strcmp0 (a->search, b->search) == 0 &&
         g_strcmp0 (a->sort, b->sort) == 0 &&
         !a->descending == !b->descending &&
         g_strcmp0 (a->fields, b->fields) == 0;
}

void
alga_ticket_query_set_state (AlgaTicketQuery *self,
                             AlgaTicketState  state)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (state <= ALGA_TICKET_STATE_CLOSED);

  self->state = state;
}

AlgaTicketState
alga_ticket_query_get_state (const AlgaTicketQuery *self)
{
  g_return_val_if_fail (self != NULL, ALGA_TICKET_STATE_ANY);

  return self->state;
}

/**
 * alga_ticket_query_set_assignee:
 * @self: a query
 * @assignee: whose tickets
 * @user_id: (nullable): the user, for %ALGA_TICKET_ASSIGNEE_USER
 *
 * Filters by primary assignee. %ALGA_TICKET_ASSIGNEE_USER without a @user_id filters nothing.
 */
void
alga_ticket_query_set_assignee (AlgaTicketQuery    *self,
                                AlgaTicketAssignee  assignee,
                                const char         *user_id)
{
  g_autofree char *id = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (assignee <= ALGA_TICKET_ASSIGNEE_USER);

  if (assignee == ALGA_TICKET_ASSIGNEE_USER)
    {
      id = dup_nonempty (user_id);
      if (id == NULL)
        assignee = ALGA_TICKET_ASSIGNEE_ANY;
    }

  self->assignee = assignee;
  g_free (self->assignee_id);
  self->assignee_id = g_steal_pointer (&id);
}

AlgaTicketAssignee
alga_ticket_query_get_assignee (const AlgaTicketQuery *self)
{
  g_return_val_if_fail (self != NULL, ALGA_TICKET_ASSIGNEE_ANY);

  return self->assignee;
}

const char *
alga_ticket_query_get_assignee_id (const AlgaTicketQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->assignee_id;
}

/**
 * alga_ticket_query_set_current_user_id:
 * @self: a query
 * @user_id: (nullable): the signed-in user
 *
 * Who %ALGA_TICKET_ASSIGNEE_ME stands for. It is kept apart from the choice of "me" so that a
 * saved filter stays "my tickets" whoever signs in.
 */
void
alga_ticket_query_set_current_user_id (AlgaTicketQuery *self,
                                       const char      *user_id)
{
  g_return_if_fail (self != NULL);

  g_free (self->current_user_id);
  self->current_user_id = dup_nonempty (user_id);
}

const char *
alga_ticket_query_get_current_user_id (const AlgaTicketQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->current_user_id;
}

void
alga_ticket_query_set_status_ids (AlgaTicketQuery    *self,
                                  const char * const *status_ids)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->status_ids);
  self->status_ids = dup_list (status_ids, FALSE);
}

const char * const *
alga_ticket_query_get_status_ids (const AlgaTicketQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->status_ids;
}

/**
 * alga_ticket_query_set_priority_name:
 * @self: a query
 * @priority_name: (nullable): a priority name, matched exactly and case-sensitively
 */
void
alga_ticket_query_set_priority_name (AlgaTicketQuery *self,
                                     const char      *priority_name)
{
  g_return_if_fail (self != NULL);

  g_free (self->priority_name);
  self->priority_name = dup_nonempty (priority_name);
}

/**
 * alga_ticket_query_set_tags:
 * @self: a query
 * @tags: (nullable) (array zero-terminated=1): tag texts; a ticket with any of them matches
 */
void
alga_ticket_query_set_tags (AlgaTicketQuery    *self,
                            const char * const *tags)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->tags);
  self->tags = dup_list (tags, TRUE);
}

void
alga_ticket_query_set_board_id (AlgaTicketQuery *self,
                                const char      *board_id)
{
  g_return_if_fail (self != NULL);

  g_free (self->board_id);
  self->board_id = dup_nonempty (board_id);
}

void
alga_ticket_query_set_client_id (AlgaTicketQuery *self,
                                 const char      *client_id)
{
  g_return_if_fail (self != NULL);

  g_free (self->client_id);
  self->client_id = dup_nonempty (client_id);
}

/**
 * alga_ticket_query_set_updated_since:
 * @self: a query
 * @since: (nullable): only tickets updated (or, never updated, created) at or after this
 */
void
alga_ticket_query_set_updated_since (AlgaTicketQuery *self,
                                     GDateTime       *since)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->updated_since, g_date_time_unref);
  if (since != NULL)
    self->updated_since = g_date_time_ref (since);
}

/**
 * alga_ticket_query_set_search:
 * @self: a query
 * @text: (nullable): a substring of the title, ticket number or client name
 */
void
alga_ticket_query_set_search (AlgaTicketQuery *self,
                              const char      *text)
{
  g_return_if_fail (self != NULL);

  g_free (self->search);
  self->search = dup_nonempty (text);
}

/**
 * alga_ticket_query_set_sort:
 * @self: a query
 * @column: (nullable): a sortable column, or %NULL for the default (entered_at)
 * @descending: whether the largest (newest) come first
 *
 * Returns: %TRUE if @column is one the server can sort by; otherwise @self is unchanged
 */
gboolean
alga_ticket_query_set_sort (AlgaTicketQuery *self,
                            const char      *column,
                            gboolean         descending)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (column == NULL)
    column = DEFAULT_SORT;

  for (guint i = 0; i < G_N_ELEMENTS (sort_columns); i++)
    {
      if (strcmp (column, sort_columns[i]) == 0)
        {
          self->sort = sort_columns[i];
          self->descending = !!descending;
          return TRUE;
        }
    }

  g_debug ("Refusing to sort by “%s”", column);
  return FALSE;
}

const char *
alga_ticket_query_get_sort (const AlgaTicketQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sort;
}

gboolean
alga_ticket_query_get_descending (const AlgaTicketQuery *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->descending;
}

void
alga_ticket_query_set_fields (AlgaTicketQuery *self,
                              const char      *fields)
{
  g_return_if_fail (self != NULL);

  g_free (self->fields);
  self->fields = dup_nonempty (fields);
}

static void
append_param (GString    *query,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (query, "&%s=%s", name, escaped);
}

static void
append_list_param (GString            *query,
                   const char         *name,
                   const char * const *values)
{
  g_string_append_printf (query, "&%s=", name);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (values[i], NULL, FALSE);

      if (i > 0)
        g_string_append_c (query, ',');
      g_string_append (query, escaped);
    }
}

/**
 * alga_ticket_query_to_string:
 * @self: a query
 * @page: the page, from 1
 * @limit: tickets per page, 1 to 100
 *
 * The query string of GET /api/v1/tickets for @self. Only filters that filter are sent: the
 * server treats is_open=false and is_closed=false as no-ops, so "any state" sends
 * neither; unassigned is has_assignment=false.
 *
 * Returns: (transfer full): the query string, without "?"
 */
char *
alga_ticket_query_to_string (const AlgaTicketQuery *self,
                             guint                  page,
                             guint                  limit)
{
  GString *query;

  g_return_val_if_fail (self != NULL, NULL);

  query = g_string_new (NULL);
  g_string_append_printf (query, "page=%u&limit=%u", MAX (page, 1), CLAMP (limit, 1, 100));

  if (self->fields != NULL)
    append_param (query, "fields", self->fields);

  append_param (query, "sort", self->sort);
  append_param (query, "order", self->descending ? "desc" : "asc");

  if (self->state == ALGA_TICKET_STATE_OPEN)
    g_string_append (query, "&is_open=true");
  else if (self->state == ALGA_TICKET_STATE_CLOSED)
    g_string_append (query, "&is_closed=true");

  switch (self->assignee)
    {
    case ALGA_TICKET_ASSIGNEE_ME:
      if (self->current_user_id != NULL)
        append_param (query, "assigned_to", self->current_user_id);
      else
        g_debug ("“Assigned to me” without knowing who I am; not filtering");
      break;
    case ALGA_TICKET_ASSIGNEE_NONE:
      g_string_append (query, "&has_assignment=false");
      break;
    case ALGA_TICKET_ASSIGNEE_USER:
      append_param (query, "assigned_to", self->assignee_id);
      break;
    case ALGA_TICKET_ASSIGNEE_ANY:
    default:
      break;
    }

  if (self->status_ids != NULL)
    append_list_param (query, "status_ids", (const char * const *) self->status_ids);
  if (self->priority_name != NULL)
    append_param (query, "priority_name", self->priority_name);
  if (self->tags != NULL)
    append_list_param (query, "tags", (const char * const *) self->tags);
  if (self->board_id != NULL)
    append_param (query, "board_id", self->board_id);
  if (self->client_id != NULL)
    append_param (query, "client_id", self->client_id);
  if (self->updated_since != NULL)
    {
      g_autofree char *since = alga_json_format_datetime (self->updated_since);

      append_param (query, "updated_from", since);
    }
  if (self->search != NULL)
    append_param (query, "search", self->search);

  return g_string_free (query, FALSE);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
matches_tags (const AlgaTicketQuery *self,
              AlgaTicket            *ticket)
{
  const char * const *tags = alga_ticket_get_tags (ticket);

  /* A detail carries no tags: unknown is not a reason to drop the ticket. */
  if (tags == NULL)
    return TRUE;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = dup_nonempty (tags[i]);
      g_autofree char *lower = tag != NULL ? g_utf8_strdown (tag, -1) : NULL;

      if (lower != NULL && g_strv_contains ((const char * const *) self->tags, lower))
        return TRUE;
    }

  return FALSE;
}

/**
 * alga_ticket_query_matches:
 * @self: a query
 * @ticket: a ticket
 *
 * Judges @ticket locally as the server would for @self, so that a view can drop a ticket that
 * changed out of its filters without asking the server again.
 *
 * Returns: whether @ticket belongs in the results of @self
 */
gboolean
alga_ticket_query_matches (const AlgaTicketQuery *self,
                           AlgaTicket            *ticket)
{
  const char *assigned_to;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ALGA_IS_TICKET (ticket), FALSE);

  if (self->state == ALGA_TICKET_STATE_OPEN && alga_ticket_get_status_is_closed (ticket))
    return FALSE;
  if (self->state == ALGA_TICKET_STATE_CLOSED && !alga_ticket_get_status_is_closed (ticket))
    return FALSE;

  assigned_to = alga_ticket_get_assigned_to (ticket);
  switch (self->assignee)
    {
    case ALGA_TICKET_ASSIGNEE_ME:
      if (self->current_user_id != NULL && g_strcmp0 (assigned_to, self->current_user_id) != 0)
        return FALSE;
      break;
    case ALGA_TICKET_ASSIGNEE_NONE:
      if (assigned_to != NULL)
        return FALSE;
      break;
    case ALGA_TICKET_ASSIGNEE_USER:
      if (g_strcmp0 (assigned_to, self->assignee_id) != 0)
        return FALSE;
      break;
    case ALGA_TICKET_ASSIGNEE_ANY:
    default:
      break;
    }

  if (self->status_ids != NULL &&
      (alga_ticket_get_status_id (ticket) == NULL ||
       !g_strv_contains ((const char * const *) self->status_ids,
                         alga_ticket_get_status_id (ticket))))
    return FALSE;

  if (self->priority_name != NULL &&
      g_strcmp0 (self->priority_name, alga_ticket_get_priority_name (ticket)) != 0)
    return FALSE;

  if (self->tags != NULL && !matches_tags (self, ticket))
    return FALSE;

  if (self->board_id != NULL && g_strcmp0 (self->board_id, alga_ticket_get_board_id (ticket)) != 0)
    return FALSE;

  if (self->client_id != NULL &&
      g_strcmp0 (self->client_id, alga_ticket_get_client_id (ticket)) != 0)
    return FALSE;

  if (self->updated_since != NULL)
    {
      /* The server compares COALESCE(updated_at, entered_at). */
      GDateTime *changed = alga_ticket_get_updated_at (ticket);

      if (changed == NULL)
        changed = alga_ticket_get_entered_at (ticket);
      if (changed == NULL || g_date_time_compare (changed, self->updated_since) < 0)
        return FALSE;
    }

  if (self->search != NULL)
    {
      g_autofree char *needle = g_utf8_casefold (self->search, -1);

      if (!contains_casefold (alga_ticket_get_title (ticket), needle) &&
          !contains_casefold (alga_ticket_get_ticket_number (ticket), needle) &&
          !contains_casefold (alga_ticket_get_client_name (ticket), needle))
        return FALSE;
    }

  return TRUE;
}
