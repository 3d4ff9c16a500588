/* alga-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket"

#include "config.h"

#include "alga-ticket.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-tag.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_TICKET_ID,
  PROP_TICKET_NUMBER,
  PROP_TITLE,
  PROP_URL,
  PROP_STATUS_ID,
  PROP_STATUS_NAME,
  PROP_STATUS_IS_CLOSED,
  PROP_PRIORITY_ID,
  PROP_PRIORITY_NAME,
  PROP_ASSIGNED_TO,
  PROP_ASSIGNED_TO_NAME,
  PROP_ASSIGNED_TEAM_ID,
  PROP_CLIENT_ID,
  PROP_CLIENT_NAME,
  PROP_CLIENT_EMAIL,
  PROP_CLIENT_PHONE,
  PROP_CONTACT_NAME_ID,
  PROP_CONTACT_NAME,
  PROP_CONTACT_EMAIL,
  PROP_CONTACT_PHONE,
  PROP_CONTACT_AVATAR_URL,
  PROP_LOCATION_NAME,
  PROP_BOARD_ID,
  PROP_BOARD_NAME,
  PROP_CATEGORY_NAME,
  PROP_ENTERED_BY,
  PROP_ENTERED_BY_NAME,
  PROP_ENTERED_AT,
  PROP_UPDATED_AT,
  PROP_CLOSED_AT,
  PROP_DUE_DATE,
  PROP_DESCRIPTION,
  PROP_DESCRIPTION_HTML,
  PROP_TAGS,
  PROP_WATCHER_USER_IDS,
  PROP_ATTRIBUTES,
  PROP_HAS_DETAIL,
  N_PROPS
};

#define PROP_BIT(prop) (G_GUINT64_CONSTANT (1) << (prop))

G_STATIC_ASSERT (N_PROPS <= 64);

struct _AlgaTicket
{
  GObject parent_instance;

  GValue  values[N_PROPS];

  /* A bit per property that the JSON carried (PROP_BIT). */
  guint64    known;
  /* AlgaTag, or NULL; the colours behind the "tags" texts. */
  GPtrArray *tag_list;
};

G_DEFINE_FINAL_TYPE (AlgaTicket, alga_ticket, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_TICKET_ID] = "ticket_id",
  [PROP_TICKET_NUMBER] = "ticket_number",
  [PROP_TITLE] = "title",
  [PROP_URL] = "url",
  [PROP_STATUS_ID] = "status_id",
  [PROP_STATUS_NAME] = "status_name",
  [PROP_PRIORITY_ID] = "priority_id",
  [PROP_PRIORITY_NAME] = "priority_name",
  [PROP_ASSIGNED_TO] = "assigned_to",
  [PROP_ASSIGNED_TO_NAME] = "assigned_to_name",
  [PROP_ASSIGNED_TEAM_ID] = "assigned_team_id",
  [PROP_CLIENT_ID] = "client_id",
  [PROP_CLIENT_NAME] = "client_name",
  [PROP_CLIENT_EMAIL] = "client_email",
  [PROP_CLIENT_PHONE] = "client_phone",
  [PROP_CONTACT_NAME_ID] = "contact_name_id",
  [PROP_CONTACT_NAME] = "contact_name",
  [PROP_CONTACT_EMAIL] = "contact_email",
  [PROP_CONTACT_PHONE] = "contact_phone",
  [PROP_CONTACT_AVATAR_URL] = "contact_avatar_url",
  [PROP_LOCATION_NAME] = "location_name",
  [PROP_BOARD_ID] = "board_id",
  [PROP_BOARD_NAME] = "board_name",
  [PROP_CATEGORY_NAME] = "category_name",
  [PROP_ENTERED_BY] = "entered_by",
  [PROP_ENTERED_BY_NAME] = "entered_by_name",
  [PROP_ENTERED_AT] = "entered_at",
  [PROP_UPDATED_AT] = "updated_at",
  [PROP_CLOSED_AT] = "closed_at",
  [PROP_DESCRIPTION_HTML] = "description_html",
};

static void
alga_ticket_finalize (GObject *object)
{
  AlgaTicket *self = ALGA_TICKET (object);

  g_clear_pointer (&self->tag_list, g_ptr_array_unref);
  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_ticket_parent_class)->finalize (object);
}

static void
alga_ticket_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlgaTicket *self = ALGA_TICKET (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_ticket_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AlgaTicket *self = ALGA_TICKET (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    {
      self->known |= PROP_BIT (prop_id);
      if (alga_json_value_replace (&self->values[prop_id], value))
        {
          if (prop_id == PROP_TAGS)
            g_clear_pointer (&self->tag_list, g_ptr_array_unref);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_class_init (AlgaTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_ticket_finalize;
  object_class->get_property = alga_ticket_get_property;
  object_class->set_property = alga_ticket_set_property;

  properties[PROP_TICKET_ID] =
    g_param_spec_string ("ticket-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TICKET_NUMBER] =
    g_param_spec_string ("ticket-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STATUS_ID] =
    g_param_spec_string ("status-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STATUS_NAME] =
    g_param_spec_string ("status-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STATUS_IS_CLOSED] =
    g_param_spec_boolean ("status-is-closed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PRIORITY_ID] =
    g_param_spec_string ("priority-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PRIORITY_NAME] =
    g_param_spec_string ("priority-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ASSIGNED_TO] =
    g_param_spec_string ("assigned-to", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ASSIGNED_TO_NAME] =
    g_param_spec_string ("assigned-to-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ASSIGNED_TEAM_ID] =
    g_param_spec_string ("assigned-team-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLIENT_EMAIL] =
    g_param_spec_string ("client-email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLIENT_PHONE] =
    g_param_spec_string ("client-phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_NAME_ID] =
    g_param_spec_string ("contact-name-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_EMAIL] =
    g_param_spec_string ("contact-email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_PHONE] =
    g_param_spec_string ("contact-phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_AVATAR_URL] =
    g_param_spec_string ("contact-avatar-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LOCATION_NAME] =
    g_param_spec_string ("location-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BOARD_ID] =
    g_param_spec_string ("board-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BOARD_NAME] =
    g_param_spec_string ("board-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CATEGORY_NAME] =
    g_param_spec_string ("category-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ENTERED_BY] =
    g_param_spec_string ("entered-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ENTERED_BY_NAME] =
    g_param_spec_string ("entered-by-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ENTERED_AT] =
    g_param_spec_boxed ("entered-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLOSED_AT] =
    g_param_spec_boxed ("closed-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DUE_DATE] =
    g_param_spec_boxed ("due-date", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DESCRIPTION_HTML] =
    g_param_spec_string ("description-html", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_WATCHER_USER_IDS] =
    g_param_spec_boxed ("watcher-user-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ATTRIBUTES] =
    g_param_spec_boxed ("attributes", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_HAS_DETAIL] =
    g_param_spec_boolean ("has-detail", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_ticket_init (AlgaTicket *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

static void
read_tags (AlgaTicket *self,
           JsonNode   *node)
{
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  g_clear_pointer (&self->tag_list, g_ptr_array_unref);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    self->tag_list = alga_json_decode_array (node, (AlgaJsonDecodeFunc) alga_tag_new_from_json,
                                             NULL);
  else
    self->tag_list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->tag_list->len; i++)
    g_strv_builder_add (texts, alga_tag_get_text (g_ptr_array_index (self->tag_list, i)));

  g_value_take_boxed (&self->values[PROP_TAGS], g_strv_builder_end (texts));
}

static gboolean
tag_lists_equal (GPtrArray *a,
                 GPtrArray *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!alga_tag_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/**
 * alga_ticket_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes a ticket list item (fields=mobile_list or the full payload, alga-api.md §2.2), a
 * detail (§4.1) or the bare row that PUT and POST answer with. Which members were present is
 * remembered, for alga_ticket_update_from().
 *
 * Returns: (transfer full) (nullable): a new #AlgaTicket, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaTicket *
alga_ticket_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(AlgaTicket) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "ticket_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_TICKET, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  for (guint i = 1; i < N_PROPS; i++)
    if (members[i] != NULL && alga_json_has_member (object, members[i]))
      self->known |= PROP_BIT (i);

  /* Lists and details carry the status' is_closed; the bare rows that PUT answers with only
   * the ticket's own is_closed column, which the server keeps in step. */
  if (alga_json_has_member (object, "status_is_closed") ||
      alga_json_has_member (object, "is_closed"))
    {
      const char *member = alga_json_has_member (object, "status_is_closed") ?
                           "status_is_closed" : "is_closed";

      g_value_set_boolean (&self->values[PROP_STATUS_IS_CLOSED],
                           alga_json_get_boolean (object, member, FALSE));
      self->known |= PROP_BIT (PROP_STATUS_IS_CLOSED);
    }

  if (alga_json_has_member (object, "attributes"))
    {
      JsonObject *attributes = alga_json_get_object (object, "attributes");

      self->known |= PROP_BIT (PROP_ATTRIBUTES) | PROP_BIT (PROP_DESCRIPTION) |
                     PROP_BIT (PROP_WATCHER_USER_IDS) | PROP_BIT (PROP_DUE_DATE);
      if (attributes != NULL)
        {
          g_value_take_boxed (&self->values[PROP_ATTRIBUTES],
                              alga_json_object_deep_copy (attributes));
          g_value_take_string (&self->values[PROP_DESCRIPTION],
                               alga_json_dup_string (attributes, "description"));
          g_value_take_boxed (&self->values[PROP_WATCHER_USER_IDS],
                              alga_json_dup_strv (attributes, "watcher_user_ids"));
          g_value_take_boxed (&self->values[PROP_DUE_DATE],
                              alga_json_get_datetime (attributes, "due_date"));
        }
    }

  /* The API cannot write the due_date column, but a server-side change may have. */
  if (alga_json_has_member (object, "due_date"))
    {
      self->known |= PROP_BIT (PROP_DUE_DATE);
      if (g_value_get_boxed (&self->values[PROP_DUE_DATE]) == NULL)
        g_value_take_boxed (&self->values[PROP_DUE_DATE],
                            alga_json_get_datetime (object, "due_date"));
    }

  if (alga_json_has_member (object, "tags"))
    {
      self->known |= PROP_BIT (PROP_TAGS);
      read_tags (self, json_object_get_member (object, "tags"));
    }

  /* Only the detail (and the rows PUT answers with) render the description. */
  if (alga_json_has_member (object, "description_html"))
    {
      self->known |= PROP_BIT (PROP_HAS_DETAIL);
      g_value_set_boolean (&self->values[PROP_HAS_DETAIL], TRUE);
    }

  return g_steal_pointer (&self);
}

const char *
alga_ticket_get_ticket_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_TICKET_ID]);
}

const char *
alga_ticket_get_ticket_number (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_TICKET_NUMBER]);
}

const char *
alga_ticket_get_title (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_TITLE]);
}

const char *
alga_ticket_get_url (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_URL]);
}

const char *
alga_ticket_get_status_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_STATUS_ID]);
}

const char *
alga_ticket_get_status_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_STATUS_NAME]);
}

gboolean
alga_ticket_get_status_is_closed (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_STATUS_IS_CLOSED]);
}

const char *
alga_ticket_get_priority_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_PRIORITY_ID]);
}

const char *
alga_ticket_get_priority_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_PRIORITY_NAME]);
}

const char *
alga_ticket_get_assigned_to (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_ASSIGNED_TO]);
}

const char *
alga_ticket_get_assigned_to_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_ASSIGNED_TO_NAME]);
}

const char *
alga_ticket_get_assigned_team_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_ASSIGNED_TEAM_ID]);
}

const char *
alga_ticket_get_client_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CLIENT_ID]);
}

const char *
alga_ticket_get_client_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CLIENT_NAME]);
}

const char *
alga_ticket_get_client_email (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CLIENT_EMAIL]);
}

const char *
alga_ticket_get_client_phone (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CLIENT_PHONE]);
}

const char *
alga_ticket_get_contact_name_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CONTACT_NAME_ID]);
}

const char *
alga_ticket_get_contact_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CONTACT_NAME]);
}

const char *
alga_ticket_get_contact_email (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CONTACT_EMAIL]);
}

const char *
alga_ticket_get_contact_phone (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CONTACT_PHONE]);
}

const char *
alga_ticket_get_contact_avatar_url (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CONTACT_AVATAR_URL]);
}

const char *
alga_ticket_get_location_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_LOCATION_NAME]);
}

const char *
alga_ticket_get_board_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_BOARD_ID]);
}

const char *
alga_ticket_get_board_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_BOARD_NAME]);
}

const char *
alga_ticket_get_category_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_CATEGORY_NAME]);
}

const char *
alga_ticket_get_entered_by (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_ENTERED_BY]);
}

const char *
alga_ticket_get_entered_by_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_ENTERED_BY_NAME]);
}

GDateTime *
alga_ticket_get_entered_at (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_boxed (&self->values[PROP_ENTERED_AT]);
}

GDateTime *
alga_ticket_get_updated_at (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_boxed (&self->values[PROP_UPDATED_AT]);
}

GDateTime *
alga_ticket_get_closed_at (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_boxed (&self->values[PROP_CLOSED_AT]);
}

GDateTime *
alga_ticket_get_due_date (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_boxed (&self->values[PROP_DUE_DATE]);
}

const char *
alga_ticket_get_description (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_DESCRIPTION]);
}

const char *
alga_ticket_get_description_html (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return g_value_get_string (&self->values[PROP_DESCRIPTION_HTML]);
}

const char * const *
alga_ticket_get_tags (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return (const char * const *) g_value_get_boxed (&self->values[PROP_TAGS]);
}

const char * const *
alga_ticket_get_watcher_user_ids (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return (const char * const *) g_value_get_boxed (&self->values[PROP_WATCHER_USER_IDS]);
}

gboolean
alga_ticket_get_has_detail (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_HAS_DETAIL]);
}

/**
 * alga_ticket_get_tag_list:
 * @self: a ticket
 *
 * The tags with their colours, in the server's order (by text).
 *
 * Returns: (transfer none) (element-type AlgaTag) (nullable): the tags, or %NULL if no list
 *   item has told them (the detail has no tags)
 */
GPtrArray *
alga_ticket_get_tag_list (AlgaTicket *self)
{
  const char * const *texts;

  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  texts = g_value_get_boxed (&self->values[PROP_TAGS]);
  if (self->tag_list == NULL && texts != NULL)
    {
      /* Tags set through the property have no colours. */
      self->tag_list = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; texts[i] != NULL; i++)
        g_ptr_array_add (self->tag_list, g_object_new (ALGA_TYPE_TAG, "text", texts[i], NULL));
    }

  return self->tag_list;
}

/**
 * alga_ticket_dup_attributes:
 * @self: a ticket
 *
 * A copy of the ticket's attributes to change and send back: PUT /tickets/{id} replaces the
 * whole attributes column (alga-api.md §8.2), so a change must start from all of it.
 *
 * Returns: (transfer full): a deep copy; an empty object when the ticket has none
 */
JsonObject *
alga_ticket_dup_attributes (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return alga_json_object_deep_copy (g_value_get_boxed (&self->values[PROP_ATTRIBUTES]));
}

/**
 * alga_ticket_update_from:
 * @self: a ticket
 * @other: a newer copy of the same ticket
 *
 * Takes every field that @other's JSON carried, so that a list can refresh an item in place.
 * Fields @other's JSON lacked keep their value: a mobile_list item has no description,
 * priority id or attributes, and must not erase those of a detail already loaded. Only
 * properties that really change are notified.
 */
void
alga_ticket_update_from (AlgaTicket *self,
                         AlgaTicket *other)
{
  g_return_if_fail (ALGA_IS_TICKET (self));
  g_return_if_fail (ALGA_IS_TICKET (other));
  g_return_if_fail (g_strcmp0 (alga_ticket_get_ticket_id (self),
                               alga_ticket_get_ticket_id (other)) == 0);

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 1; i < N_PROPS; i++)
    {
      gboolean changed;

      if ((other->known & PROP_BIT (i)) == 0)
        continue;

      changed = alga_json_value_replace (&self->values[i], &other->values[i]);
      if (i == PROP_TAGS && !tag_lists_equal (self->tag_list, other->tag_list))
        {
          g_clear_pointer (&self->tag_list, g_ptr_array_unref);
          if (other->tag_list != NULL)
            self->tag_list = g_ptr_array_ref (other->tag_list);
          changed = TRUE;
        }

      self->known |= PROP_BIT (i);
      if (changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}
