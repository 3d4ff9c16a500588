/* alga-new-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the technician filled in for a new ticket: checked before it is sent, kept as a draft
 * while it is not, and turned into the body the server wants.
 */

#define G_LOG_DOMAIN "alga-new-ticket"

#include "config.h"

#include "alga-new-ticket.h"

#include <string.h>

#include "alga-blocknote.h"

struct _AlgaNewTicket
{
  GObject           parent_instance;

  char             *title;
  char             *description;
  char             *board_id;
  AlgaPriorityKind  board_kind;
  char             *client_id;
  char             *client_name;
  char             *contact_id;
  char             *contact_client_id;
  char             *location_id;
  char             *location_client_id;
  char             *status_id;
  char             *status_board_id;
  char             *priority_id;
  AlgaPriorityKind  priority_kind;
  char             *assignee_id;
};

G_DEFINE_FINAL_TYPE (AlgaNewTicket, alga_new_ticket, G_TYPE_OBJECT)

static void
alga_new_ticket_finalize (GObject *object)
{
  AlgaNewTicket *self = ALGA_NEW_TICKET (object);

  g_free (self->title);
  g_free (self->description);
  g_free (self->board_id);
  g_free (self->client_id);
  g_free (self->client_name);
  g_free (self->contact_id);
  g_free (self->contact_client_id);
  g_free (self->location_id);
  g_free (self->location_client_id);
  g_free (self->status_id);
  g_free (self->status_board_id);
  g_free (self->priority_id);
  g_free (self->assignee_id);

  G_OBJECT_CLASS (alga_new_ticket_parent_class)->finalize (object);
}

static void
alga_new_ticket_class_init (AlgaNewTicketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alga_new_ticket_finalize;
}

static void
alga_new_ticket_init (AlgaNewTicket *self)
{
}

/* An empty string is no value: a cleared field is not sent. */
static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

AlgaNewTicket *
alga_new_ticket_new (void)
{
  return g_object_new (ALGA_TYPE_NEW_TICKET, NULL);
}

static const char *
draft_string (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * alga_new_ticket_new_from_draft:
 * @draft: (nullable): a draft's text
 *
 * Restores a form from its draft. The picks come back with what they belonged to, so that
 * alga_new_ticket_check() still holds them to it.
 *
 * Returns: (transfer full): the form, empty when @draft is not one
 */
AlgaNewTicket *
alga_new_ticket_new_from_draft (const char *draft)
{
  AlgaNewTicket *self = alga_new_ticket_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (draft == NULL || !json_parser_load_from_data (parser, draft, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return self;

  o = json_node_get_object (json_parser_get_root (parser));
  replace (&self->title, draft_string (o, "title"));
  replace (&self->description, draft_string (o, "description"));
  replace (&self->board_id, draft_string (o, "board_id"));
  self->board_kind = json_object_get_int_member_with_default (o, "board_kind", ALGA_PRIORITY_KIND_UNKNOWN);
  replace (&self->client_id, draft_string (o, "client_id"));
  replace (&self->client_name, draft_string (o, "client_name"));
  replace (&self->contact_id, draft_string (o, "contact_id"));
  replace (&self->contact_client_id, draft_string (o, "contact_client_id"));
  replace (&self->location_id, draft_string (o, "location_id"));
  replace (&self->location_client_id, draft_string (o, "location_client_id"));
  replace (&self->status_id, draft_string (o, "status_id"));
  replace (&self->status_board_id, draft_string (o, "status_board_id"));
  replace (&self->priority_id, draft_string (o, "priority_id"));
  self->priority_kind = json_object_get_int_member_with_default (o, "priority_kind", ALGA_PRIORITY_KIND_UNKNOWN);
  replace (&self->assignee_id, draft_string (o, "assignee_id"));
  return self;
}

static void
add_string (JsonObject *o,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
}

/**
 * alga_new_ticket_to_draft:
 * @self: a #AlgaNewTicket
 *
 * Returns: (transfer full) (nullable): the form as a draft's text, %NULL when nothing was typed
 *   (which deletes a draft)
 */
char *
alga_new_ticket_to_draft (AlgaNewTicket *self)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (ALGA_IS_NEW_TICKET (self), NULL);

  if (alga_new_ticket_is_empty (self))
    return NULL;
  add_string (o, "title", self->title);
  add_string (o, "description", self->description);
  add_string (o, "board_id", self->board_id);
  json_object_set_int_member (o, "board_kind", self->board_kind);
  add_string (o, "client_id", self->client_id);
  add_string (o, "client_name", self->client_name);
  add_string (o, "contact_id", self->contact_id);
  add_string (o, "contact_client_id", self->contact_client_id);
  add_string (o, "location_id", self->location_id);
  add_string (o, "location_client_id", self->location_client_id);
  add_string (o, "status_id", self->status_id);
  add_string (o, "status_board_id", self->status_board_id);
  add_string (o, "priority_id", self->priority_id);
  json_object_set_int_member (o, "priority_kind", self->priority_kind);
  add_string (o, "assignee_id", self->assignee_id);
  node = json_node_init_object (json_node_alloc (), o);
  return json_to_string (node, FALSE);
}

/* Whether the technician typed anything: picks alone, which the form fills in by itself, are
 * not worth a draft. */
gboolean
alga_new_ticket_is_empty (AlgaNewTicket *self)
{
  g_return_val_if_fail (ALGA_IS_NEW_TICKET (self), TRUE);

  return self->title == NULL && self->description == NULL && self->client_id == NULL;
}

#define STRING_ACCESSORS(field)                                               \
  const char *                                                                \
  alga_new_ticket_get_##field (AlgaNewTicket *self)                           \
  {                                                                           \
    g_return_val_if_fail (ALGA_IS_NEW_TICKET (self), NULL);                   \
    return self->field;                                                       \
  }

STRING_ACCESSORS (title)
STRING_ACCESSORS (description)
STRING_ACCESSORS (board_id)
STRING_ACCESSORS (client_id)
STRING_ACCESSORS (client_name)
STRING_ACCESSORS (contact_id)
STRING_ACCESSORS (location_id)
STRING_ACCESSORS (status_id)
STRING_ACCESSORS (priority_id)
STRING_ACCESSORS (assignee_id)

void
alga_new_ticket_set_title (AlgaNewTicket *self,
                           const char    *title)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (title != NULL ? title : ""));

  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  replace (&self->title, trimmed);
}

void
alga_new_ticket_set_description (AlgaNewTicket *self,
                                 const char    *description)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (description != NULL ? description : ""));

  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  /* Leading blanks may be indentation the technician meant; only an all-blank text is none. */
  replace (&self->description, trimmed[0] != '\0' ? description : NULL);
}

void
alga_new_ticket_set_board (AlgaNewTicket    *self,
                           const char       *board_id,
                           AlgaPriorityKind  priority_kind)
{
  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  replace (&self->board_id, board_id);
  self->board_kind = priority_kind;
}

void
alga_new_ticket_set_client (AlgaNewTicket *self,
                            const char    *client_id,
                            const char    *client_name)
{
  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  replace (&self->client_id, client_id);
  replace (&self->client_name, client_name);
}

void
alga_new_ticket_set_contact (AlgaNewTicket *self,
                             const char    *contact_id,
                             const char    *contact_client_id)
{
  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  replace (&self->contact_id, contact_id);
  replace (&self->contact_client_id, contact_client_id);
}

void
alga_new_ticket_set_location (AlgaNewTicket *self,
                              const char    *location_id,
                              const char    *location_client_id)
{
  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  replace (&self->location_id, location_id);
  replace (&self->location_client_id, location_client_id);
}

void
alga_new_ticket_set_status (AlgaNewTicket *self,
                            const char    *status_id,
                            const char    *status_board_id)
{
  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  replace (&self->status_id, status_id);
  replace (&self->status_board_id, status_board_id);
}

void
alga_new_ticket_set_priority (AlgaNewTicket    *self,
                              const char       *priority_id,
                              AlgaPriorityKind  kind)
{
  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  replace (&self->priority_id, priority_id);
  self->priority_kind = kind;
}

void
alga_new_ticket_set_assignee (AlgaNewTicket *self,
                              const char    *user_id)
{
  g_return_if_fail (ALGA_IS_NEW_TICKET (self));

  replace (&self->assignee_id, user_id);
}

static gboolean
same_id (const char *a,
         const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

/**
 * alga_new_ticket_check:
 * @self: a #AlgaNewTicket
 *
 * Finds the first thing that keeps the ticket from being sent. The server would store a
 * contact of another client, or a priority of the other kind, without a word; those are
 * refused here like the rest.
 *
 * Returns: %ALGA_NEW_TICKET_OK, or the first problem in the order of the form
 */
AlgaNewTicketProblem
alga_new_ticket_check (AlgaNewTicket *self)
{
  g_return_val_if_fail (ALGA_IS_NEW_TICKET (self), ALGA_NEW_TICKET_NO_TITLE);

  if (self->title == NULL)
    return ALGA_NEW_TICKET_NO_TITLE;
  if (g_utf8_strlen (self->title, -1) > ALGA_NEW_TICKET_MAX_TITLE)
    return ALGA_NEW_TICKET_TITLE_TOO_LONG;
  if (self->board_id == NULL)
    return ALGA_NEW_TICKET_NO_BOARD;
  if (self->client_id == NULL)
    return ALGA_NEW_TICKET_NO_CLIENT;
  if (self->contact_id != NULL && !same_id (self->contact_client_id, self->client_id))
    return ALGA_NEW_TICKET_CONTACT_OF_OTHER_CLIENT;
  if (self->location_id != NULL && !same_id (self->location_client_id, self->client_id))
    return ALGA_NEW_TICKET_LOCATION_OF_OTHER_CLIENT;
  if (self->status_id == NULL)
    return ALGA_NEW_TICKET_NO_STATUS;
  if (!same_id (self->status_board_id, self->board_id))
    return ALGA_NEW_TICKET_STATUS_OF_OTHER_BOARD;
  if (self->priority_id == NULL)
    return ALGA_NEW_TICKET_NO_PRIORITY;
  if (self->board_kind != ALGA_PRIORITY_KIND_UNKNOWN && self->priority_kind != ALGA_PRIORITY_KIND_UNKNOWN &&
      self->board_kind != self->priority_kind)
    return ALGA_NEW_TICKET_PRIORITY_OF_OTHER_KIND;
  return ALGA_NEW_TICKET_OK;
}

/**
 * alga_new_ticket_to_json:
 * @self: a #AlgaNewTicket that alga_new_ticket_check() passed
 *
 * The body of `POST /api/v1/tickets`: the ids, the title and the description in
 * `attributes.description`, as BlockNote when it has several lines (as a comment is sent).
 * Nothing the server would drop or ignore on creation (`url`, `tags`, suppression flags).
 *
 * Returns: (transfer full): the body
 */
JsonNode *
alga_new_ticket_to_json (AlgaNewTicket *self)
{
  g_autoptr(JsonObject) o = json_object_new ();

  g_return_val_if_fail (ALGA_IS_NEW_TICKET (self), NULL);
  g_return_val_if_fail (alga_new_ticket_check (self) == ALGA_NEW_TICKET_OK, NULL);

  json_object_set_string_member (o, "title", self->title);
  json_object_set_string_member (o, "board_id", self->board_id);
  json_object_set_string_member (o, "client_id", self->client_id);
  json_object_set_string_member (o, "status_id", self->status_id);
  json_object_set_string_member (o, "priority_id", self->priority_id);
  add_string (o, "contact_name_id", self->contact_id);
  add_string (o, "location_id", self->location_id);
  add_string (o, "assigned_to", self->assignee_id);
  if (self->description != NULL)
    {
      JsonObject *attributes = json_object_new ();
      const char *start = self->description;
      g_autofree char *text = NULL;

      while (g_ascii_isspace (*start))
        start++;
      /* Plain text would reach the web as one run-together paragraph, and text that starts
       * like JSON would be taken for BlockNote. */
      if (strchr (self->description, '\n') != NULL || *start == '[' || *start == '{')
        text = alga_blocknote_from_typed_text (self->description);
      else
        text = g_strdup (self->description);
      json_object_set_string_member (attributes, "description", text);
      json_object_set_object_member (o, "attributes", attributes);
    }
  return json_node_init_object (json_node_alloc (), o);
}
