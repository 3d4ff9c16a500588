/* alga-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket as a GObject: how its values are kept, its properties for bindings, its
 * accessors and the merge of a newer copy. Reading it from the server's JSON and writing it
 * back is in alga-ticket-json.c.
 */

#define G_LOG_DOMAIN "alga-ticket"

#include "config.h"

#include "alga-ticket.h"
#include "alga-ticket-private.h"
#include "alga-json.h"
#include "alga-tag.h"

G_DEFINE_FINAL_TYPE (AlgaTicket, alga_ticket, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

const guint8 _alga_ticket_kinds[N_PROPS] = {
  [PROP_TICKET_ID] = KIND_STRING,
  [PROP_TICKET_NUMBER] = KIND_STRING,
  [PROP_TITLE] = KIND_STRING,
  [PROP_URL] = KIND_STRING,
  [PROP_STATUS_ID] = KIND_POOLED,
  [PROP_STATUS_NAME] = KIND_POOLED,
  [PROP_STATUS_IS_CLOSED] = KIND_BOOLEAN,
  [PROP_PRIORITY_ID] = KIND_POOLED,
  [PROP_PRIORITY_NAME] = KIND_POOLED,
  [PROP_ASSIGNED_TO] = KIND_POOLED,
  [PROP_ASSIGNED_TO_NAME] = KIND_POOLED,
  [PROP_ASSIGNED_TEAM_ID] = KIND_POOLED,
  [PROP_CLIENT_ID] = KIND_POOLED,
  [PROP_CLIENT_NAME] = KIND_POOLED,
  [PROP_CLIENT_EMAIL] = KIND_POOLED,
  [PROP_CLIENT_PHONE] = KIND_POOLED,
  [PROP_CONTACT_NAME_ID] = KIND_POOLED,
  [PROP_CONTACT_NAME] = KIND_POOLED,
  [PROP_CONTACT_EMAIL] = KIND_POOLED,
  [PROP_CONTACT_PHONE] = KIND_POOLED,
  [PROP_CONTACT_AVATAR_URL] = KIND_POOLED,
  [PROP_LOCATION_NAME] = KIND_POOLED,
  [PROP_BOARD_ID] = KIND_POOLED,
  [PROP_BOARD_NAME] = KIND_POOLED,
  [PROP_CATEGORY_NAME] = KIND_POOLED,
  [PROP_ENTERED_BY] = KIND_POOLED,
  [PROP_ENTERED_BY_NAME] = KIND_POOLED,
  [PROP_ENTERED_AT] = KIND_DATE,
  [PROP_UPDATED_AT] = KIND_DATE,
  [PROP_CLOSED_AT] = KIND_DATE,
  [PROP_DUE_DATE] = KIND_DATE,
  [PROP_DUE_DATE_IS_COLUMN] = KIND_BOOLEAN,
  [PROP_DESCRIPTION] = KIND_STRING,
  [PROP_DESCRIPTION_HTML] = KIND_STRING,
  [PROP_TAGS] = KIND_STRV,
  [PROP_WATCHER_USER_IDS] = KIND_STRV,
  [PROP_ATTRIBUTES] = KIND_OBJECT,
  [PROP_HAS_DETAIL] = KIND_BOOLEAN,
};

/* Shared by every ticket whose tags are known to be none; never freed. */
char *_alga_ticket_empty_strv[] = { NULL };

void
_alga_ticket_value_free (guint    prop,
                         gpointer value)
{
  if (value == NULL)
    return;

  switch (_alga_ticket_kinds[prop])
    {
    case KIND_STRING:
      g_free (value);
      break;
    case KIND_POOLED:
      g_ref_string_release (value);
      break;
    case KIND_DATE:
      g_date_time_unref (value);
      break;
    case KIND_STRV:
      if (value != (gpointer) _alga_ticket_empty_strv)
        g_strfreev (value);
      break;
    case KIND_OBJECT:
      json_object_unref (value);
      break;
    case KIND_BOOLEAN:
    default:
      break;
    }
}

static gpointer
value_copy (guint    prop,
            gpointer value)
{
  if (value == NULL)
    return NULL;

  switch (_alga_ticket_kinds[prop])
    {
    case KIND_STRING:
      return g_strdup (value);
    case KIND_POOLED:
      return g_ref_string_acquire (value);
    case KIND_DATE:
      return g_date_time_ref (value);
    case KIND_STRV:
      return value == (gpointer) _alga_ticket_empty_strv ? value : g_strdupv (value);
    case KIND_OBJECT:
      return json_object_ref (value);
    case KIND_BOOLEAN:
    default:
      return value;
    }
}

static gboolean
value_equal (guint    prop,
             gpointer a,
             gpointer b)
{
  if (a == b)
    return TRUE;

  switch (_alga_ticket_kinds[prop])
    {
    case KIND_BOOLEAN:
      return !a == !b;
    case KIND_STRING:
    case KIND_POOLED:
      return g_strcmp0 (a, b) == 0;
    default:
      break;
    }

  if (a == NULL || b == NULL)
    return FALSE;

  switch (_alga_ticket_kinds[prop])
    {
    case KIND_DATE:
      return g_date_time_equal (a, b);
    case KIND_STRV:
      return g_strv_equal ((const char * const *) a, (const char * const *) b);
    case KIND_OBJECT:
      return json_object_equal (a, b);
    default:
      return FALSE;
    }
}

/* Takes value (owned) into the property, unless it is equal; whether it changed. */
static gboolean
take_value (AlgaTicket *self,
            guint       prop,
            gpointer    value)
{
  if (value_equal (prop, self->values[prop], value))
    {
      _alga_ticket_value_free (prop, value);
      return FALSE;
    }

  _alga_ticket_value_free (prop, self->values[prop]);
  self->values[prop] = value;
  if (prop == PROP_TITLE || prop == PROP_TICKET_NUMBER || prop == PROP_CLIENT_NAME)
    g_clear_pointer (&self->search_text, g_free);
  return TRUE;
}

static void
alga_ticket_finalize (GObject *object)
{
  AlgaTicket *self = ALGA_TICKET (object);

  g_clear_pointer (&self->tag_list, g_ptr_array_unref);
  g_clear_pointer (&self->tag_colours, g_array_unref);
  g_free (self->search_text);
  for (guint i = 1; i < N_PROPS; i++)
    _alga_ticket_value_free (i, self->values[i]);

  G_OBJECT_CLASS (alga_ticket_parent_class)->finalize (object);
}

static void
alga_ticket_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlgaTicket *self = ALGA_TICKET (object);

  if (prop_id == PROP_0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (_alga_ticket_kinds[prop_id])
    {
    case KIND_STRING:
    case KIND_POOLED:
      g_value_set_string (value, self->values[prop_id]);
      break;
    case KIND_BOOLEAN:
      g_value_set_boolean (value, GPOINTER_TO_INT (self->values[prop_id]));
      break;
    default:
      g_value_set_boxed (value, self->values[prop_id]);
      break;
    }
}

static void
alga_ticket_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AlgaTicket *self = ALGA_TICKET (object);
  gpointer v;

  if (prop_id == PROP_0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (_alga_ticket_kinds[prop_id])
    {
    case KIND_STRING:
      v = g_value_dup_string (value);
      break;
    case KIND_POOLED:
      v = _alga_ticket_pool_string (g_value_get_string (value));
      break;
    case KIND_BOOLEAN:
      v = GINT_TO_POINTER (g_value_get_boolean (value) ? 1 : 0);
      break;
    default:
      v = g_value_dup_boxed (value);
      break;
    }

  self->known |= PROP_BIT (prop_id);
  if (take_value (self, prop_id, v))
    {
      if (prop_id == PROP_TAGS)
        {
          g_clear_pointer (&self->tag_list, g_ptr_array_unref);
          g_clear_pointer (&self->tag_colours, g_array_unref);
        }
      g_object_notify_by_pspec (object, pspec);
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

  properties[PROP_DUE_DATE_IS_COLUMN] =
    g_param_spec_boolean ("due-date-is-column", NULL, NULL, FALSE,
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
}

/* The id and colours of tag i, from the AlgaTags, the compact colours or neither. */
static void
get_tag_colours (AlgaTicket  *self,
                 guint        i,
                 const char **tag_id,
                 const char **background_color,
                 const char **text_color)
{
  if (self->tag_list != NULL)
    {
      AlgaTag *tag = g_ptr_array_index (self->tag_list, i);

      *tag_id = alga_tag_get_tag_id (tag);
      *background_color = alga_tag_get_background_color (tag);
      *text_color = alga_tag_get_text_color (tag);
    }
  else if (self->tag_colours != NULL)
    {
      TagColours *colours = &g_array_index (self->tag_colours, TagColours, i);

      *tag_id = colours->tag_id;
      *background_color = colours->background_color;
      *text_color = colours->text_color;
    }
  else
    {
      *tag_id = *background_color = *text_color = NULL;
    }
}

/* Equal texts and equal colours; a tag told only by its text has no id nor colours. */
static gboolean
tags_equal (AlgaTicket *a,
            AlgaTicket *b)
{
  const char * const *texts_a = a->values[PROP_TAGS];
  const char * const *texts_b = b->values[PROP_TAGS];

  if (texts_a == NULL || texts_b == NULL)
    return texts_a == texts_b;
  if (!g_strv_equal (texts_a, texts_b))
    return FALSE;

  for (guint i = 0; texts_a[i] != NULL; i++)
    {
      const char *id_a, *background_a, *color_a;
      const char *id_b, *background_b, *color_b;

      get_tag_colours (a, i, &id_a, &background_a, &color_a);
      get_tag_colours (b, i, &id_b, &background_b, &color_b);
      if (g_strcmp0 (id_a, id_b) != 0 || g_strcmp0 (background_a, background_b) != 0 ||
          g_strcmp0 (color_a, color_b) != 0)
        return FALSE;
    }

  return TRUE;
}

const char *
alga_ticket_get_ticket_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_TICKET_ID];
}

const char *
alga_ticket_get_ticket_number (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_TICKET_NUMBER];
}

const char *
alga_ticket_get_title (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_TITLE];
}

const char *
alga_ticket_get_url (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_URL];
}

const char *
alga_ticket_get_status_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_STATUS_ID];
}

const char *
alga_ticket_get_status_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_STATUS_NAME];
}

gboolean
alga_ticket_get_status_is_closed (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), FALSE);

  return GPOINTER_TO_INT (self->values[PROP_STATUS_IS_CLOSED]);
}

const char *
alga_ticket_get_priority_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_PRIORITY_ID];
}

const char *
alga_ticket_get_priority_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_PRIORITY_NAME];
}

const char *
alga_ticket_get_assigned_to (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_ASSIGNED_TO];
}

const char *
alga_ticket_get_assigned_to_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_ASSIGNED_TO_NAME];
}

const char *
alga_ticket_get_assigned_team_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_ASSIGNED_TEAM_ID];
}

const char *
alga_ticket_get_client_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CLIENT_ID];
}

const char *
alga_ticket_get_client_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CLIENT_NAME];
}

const char *
alga_ticket_get_client_email (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CLIENT_EMAIL];
}

const char *
alga_ticket_get_client_phone (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CLIENT_PHONE];
}

const char *
alga_ticket_get_contact_name_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CONTACT_NAME_ID];
}

const char *
alga_ticket_get_contact_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CONTACT_NAME];
}

const char *
alga_ticket_get_contact_email (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CONTACT_EMAIL];
}

const char *
alga_ticket_get_contact_phone (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CONTACT_PHONE];
}

const char *
alga_ticket_get_contact_avatar_url (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CONTACT_AVATAR_URL];
}

const char *
alga_ticket_get_location_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_LOCATION_NAME];
}

const char *
alga_ticket_get_board_id (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_BOARD_ID];
}

const char *
alga_ticket_get_board_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_BOARD_NAME];
}

const char *
alga_ticket_get_category_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CATEGORY_NAME];
}

const char *
alga_ticket_get_entered_by (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_ENTERED_BY];
}

const char *
alga_ticket_get_entered_by_name (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_ENTERED_BY_NAME];
}

GDateTime *
alga_ticket_get_entered_at (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_ENTERED_AT];
}

GDateTime *
alga_ticket_get_updated_at (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_UPDATED_AT];
}

GDateTime *
alga_ticket_get_closed_at (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_CLOSED_AT];
}

GDateTime *
alga_ticket_get_due_date (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_DUE_DATE];
}

/**
 * alga_ticket_get_due_date_is_column:
 * @self: a #AlgaTicket
 *
 * Returns: whether alga_ticket_get_due_date() is the due_date column, the one Alga's web UI
 *   shows and only it can change; %FALSE when it is the apps' own (attributes.due_date), which
 *   the web UI does not show
 */
gboolean
alga_ticket_get_due_date_is_column (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), FALSE);

  return GPOINTER_TO_INT (self->values[PROP_DUE_DATE_IS_COLUMN]);
}

const char *
alga_ticket_get_description (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_DESCRIPTION];
}

const char *
alga_ticket_get_description_html (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return self->values[PROP_DESCRIPTION_HTML];
}

const char * const *
alga_ticket_get_tags (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return (const char * const *) self->values[PROP_TAGS];
}

const char * const *
alga_ticket_get_watcher_user_ids (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return (const char * const *) self->values[PROP_WATCHER_USER_IDS];
}

gboolean
alga_ticket_get_has_detail (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), FALSE);

  return GPOINTER_TO_INT (self->values[PROP_HAS_DETAIL]);
}

static GPtrArray *
get_empty_tag_list (void)
{
  static GPtrArray *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());

  return empty;
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

  texts = self->values[PROP_TAGS];
  if (self->tag_list == NULL && texts != NULL)
    {
      /* Most tickets have none: one empty list serves them all. */
      if (texts[0] == NULL)
        return get_empty_tag_list ();

      /* Made when first asked for; tags set through the property have no colours. */
      GPtrArray *tags = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; texts[i] != NULL; i++)
        {
          const char *tag_id, *background_color, *text_color;

          get_tag_colours (self, i, &tag_id, &background_color, &text_color);
          g_ptr_array_add (tags,
                           g_object_new (ALGA_TYPE_TAG,
                                         "tag-id", tag_id,
                                         "text", texts[i],
                                         "background-color", background_color,
                                         "text-color", text_color,
                                         NULL));
        }
      self->tag_list = tags;
    }

  return self->tag_list;
}

/**
 * alga_ticket_dup_attributes:
 * @self: a ticket
 *
 * A copy of the ticket's attributes to change and send back: PUT /tickets/{id} replaces the
 * whole attributes column, never merging, so a change must start from all of it.
 *
 * Returns: (transfer full): a deep copy; an empty object when the ticket has none
 */
JsonObject *
alga_ticket_dup_attributes (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  return alga_json_object_deep_copy (self->values[PROP_ATTRIBUTES]);
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

      if (i == PROP_TAGS)
        {
          changed = !tags_equal (self, other);
          if (changed)
            {
              _alga_ticket_value_free (i, self->values[i]);
              self->values[i] = value_copy (i, other->values[i]);
              g_clear_pointer (&self->tag_list, g_ptr_array_unref);
              g_clear_pointer (&self->tag_colours, g_array_unref);
              if (other->tag_list != NULL)
                self->tag_list = g_ptr_array_ref (other->tag_list);
              if (other->tag_colours != NULL)
                self->tag_colours = g_array_ref (other->tag_colours);
            }
        }
      else
        {
          changed = take_value (self, i, value_copy (i, other->values[i]));
        }

      self->known |= PROP_BIT (i);
      if (changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Internal API (alga-ticket-private.h) */

guint64
alga_ticket_get_known (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), 0);

  return self->known;
}

static void
append_folded (GString    *text,
               const char *part)
{
  gsize start = text->len;

  if (part == NULL)
    return;

  for (const char *p = part; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          g_autofree char *folded = g_utf8_casefold (part, -1);

          g_string_truncate (text, start);
          g_string_append (text, folded);
          return;
        }
      g_string_append_c (text, g_ascii_tolower (*p));
    }
}

/**
 * alga_ticket_get_search_text:
 * @self: a ticket
 *
 * What the server's search matches: the title, the ticket number and the client
 * name, casefolded (g_utf8_casefold()) and separated by U+001F, so that a casefolded needle is
 * found with strstr(). Kept until one of them changes: the list narrows the loaded tickets at
 * each key typed (docs/PERFORMANCE.md, The search text kept per ticket).
 *
 * Returns: (transfer none): the text
 */
const char *
alga_ticket_get_search_text (AlgaTicket *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  if (self->search_text == NULL)
    {
      GString *text = g_string_sized_new (96);

      append_folded (text, self->values[PROP_TITLE]);
      g_string_append_c (text, '\x1f');
      append_folded (text, self->values[PROP_TICKET_NUMBER]);
      g_string_append_c (text, '\x1f');
      append_folded (text, self->values[PROP_CLIENT_NAME]);
      self->search_text = g_string_free (text, FALSE);
    }

  return self->search_text;
}
