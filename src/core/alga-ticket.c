/* alga-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket"

#include "config.h"

#include <string.h>

#include "alga-ticket.h"
#include "alga-ticket-private.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-tag.h"

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
  PROP_DUE_DATE_IS_COLUMN,
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

/* How each property is kept in values[]. POOLED strings are interned GRefStrings, shared by
 * every ticket that names the same status, priority, client, person or board (docs/PERFORMANCE.md,
 * Tickets as structs with shared strings);
 * a pooled string goes away with its last ticket, so the pool cannot grow without bound. */
typedef enum
{
  KIND_STRING,
  KIND_POOLED,
  KIND_BOOLEAN,
  KIND_DATE,
  KIND_STRV,
  KIND_OBJECT,
} Kind;

/* A plain struct of fields: one pointer per property (a boolean as GINT_TO_POINTER), set
 * directly by the decoders; the GObject property machinery is only for bindings. */
struct _AlgaTicket
{
  GObject parent_instance;

  gpointer   values[N_PROPS];

  /* A bit per property that the JSON carried (PROP_BIT). */
  guint64    known;
  /* AlgaTag, or NULL; the colours behind the "tags" texts. NULL with an empty "tags" stands
   * for an empty list, which is by far the commonest. */
  GPtrArray *tag_list;
  /* TagColours, one per text, or NULL: what pages of tickets decode instead of AlgaTags, which
   * alga_ticket_get_tag_list() makes only when asked (memory, for pages of thousands).
   * Shared, never changed. */
  GArray    *tag_colours;
  /* alga_ticket_get_search_text(), made when first asked for and dropped when a part changes. */
  char      *search_text;
};

typedef struct
{
  char *tag_id;             /* the tag's mapping to this ticket: unique, plain */
  char *background_color;   /* pooled */
  char *text_color;         /* pooled */
} TagColours;

G_DEFINE_FINAL_TYPE (AlgaTicket, alga_ticket, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void take_attributes (AlgaTicket *self,
                             JsonObject *attributes);
static void take_due_date_column (AlgaTicket *self,
                                  GDateTime  *column);

static const guint8 kinds[N_PROPS] = {
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

/* Shared by every ticket whose tags are known to be none; never freed. */
static char *empty_strv[] = { NULL };

static char *
pool_string (const char *text)
{
  return text != NULL ? g_ref_string_new_intern (text) : NULL;
}

static void
value_free (guint    prop,
            gpointer value)
{
  if (value == NULL)
    return;

  switch (kinds[prop])
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
      if (value != (gpointer) empty_strv)
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

  switch (kinds[prop])
    {
    case KIND_STRING:
      return g_strdup (value);
    case KIND_POOLED:
      return g_ref_string_acquire (value);
    case KIND_DATE:
      return g_date_time_ref (value);
    case KIND_STRV:
      return value == (gpointer) empty_strv ? value : g_strdupv (value);
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

  switch (kinds[prop])
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

  switch (kinds[prop])
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
      value_free (prop, value);
      return FALSE;
    }

  value_free (prop, self->values[prop]);
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
    value_free (i, self->values[i]);

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

  switch (kinds[prop_id])
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

  switch (kinds[prop_id])
    {
    case KIND_STRING:
      v = g_value_dup_string (value);
      break;
    case KIND_POOLED:
      v = pool_string (g_value_get_string (value));
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

/* Sets the tags from their decoded list (owned): the texts, and the colours unless none. */
static void
set_tag_list (AlgaTicket *self,
              GPtrArray  *tags)
{
  char **texts;

  g_clear_pointer (&self->tag_list, g_ptr_array_unref);
  g_clear_pointer (&self->tag_colours, g_array_unref);
  value_free (PROP_TAGS, self->values[PROP_TAGS]);

  if (tags->len == 0)
    {
      g_ptr_array_unref (tags);
      self->values[PROP_TAGS] = empty_strv;
      return;
    }

  texts = g_new (char *, tags->len + 1);
  for (guint i = 0; i < tags->len; i++)
    texts[i] = g_strdup (alga_tag_get_text (g_ptr_array_index (tags, i)));
  texts[tags->len] = NULL;

  self->values[PROP_TAGS] = texts;
  self->tag_list = tags;
}

static void
read_tags (AlgaTicket *self,
           JsonNode   *node)
{
  GPtrArray *tags = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    tags = alga_json_decode_array (node, (AlgaJsonDecodeFunc) alga_tag_new_from_json, NULL);
  if (tags == NULL)
    tags = g_ptr_array_new_with_free_func (g_object_unref);

  set_tag_list (self, tags);
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

/* A string property from a json-glib member that is there and not null. */
static void
set_from_node (AlgaTicket *self,
               JsonObject *object,
               guint       prop)
{
  switch (kinds[prop])
    {
    case KIND_STRING:
      self->values[prop] = alga_json_dup_string (object, members[prop]);
      break;
    case KIND_POOLED:
      {
        g_autofree char *text = alga_json_dup_string (object, members[prop]);

        self->values[prop] = pool_string (text);
      }
      break;
    case KIND_DATE:
      self->values[prop] = alga_json_get_datetime (object, members[prop]);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * alga_ticket_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes a ticket list item (fields=mobile_list or the full payload), a detail or the bare
 * row that PUT and POST answer with. Which members were present is remembered, for
 * alga_ticket_update_from(). Pages of tickets go through alga_ticket_page_decode() instead,
 * which gives the same tickets without a JSON tree.
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

  for (guint i = 1; i < N_PROPS; i++)
    {
      JsonNode *member;

      if (members[i] == NULL)
        continue;

      member = json_object_get_member (object, members[i]);
      if (member == NULL)
        continue;

      self->known |= PROP_BIT (i);
      if (!JSON_NODE_HOLDS_NULL (member))
        set_from_node (self, object, i);
    }

  /* Lists and details carry the status' is_closed; the bare rows that PUT answers with only
   * the ticket's own is_closed column, read before the server syncs it to a new status (the
   * client reads the ticket again after a status change). */
  if (alga_json_has_member (object, "status_is_closed") ||
      alga_json_has_member (object, "is_closed"))
    {
      const char *member = alga_json_has_member (object, "status_is_closed") ?
                           "status_is_closed" : "is_closed";

      self->values[PROP_STATUS_IS_CLOSED] =
        GINT_TO_POINTER (alga_json_get_boolean (object, member, FALSE) ? 1 : 0);
      self->known |= PROP_BIT (PROP_STATUS_IS_CLOSED);
    }

  if (alga_json_has_member (object, "attributes"))
    {
      JsonObject *attributes = alga_json_get_object (object, "attributes");

      self->known |= PROP_BIT (PROP_ATTRIBUTES) | PROP_BIT (PROP_DESCRIPTION) |
                     PROP_BIT (PROP_WATCHER_USER_IDS) | PROP_BIT (PROP_DUE_DATE);
      if (attributes != NULL)
        take_attributes (self, alga_json_object_deep_copy (attributes));
    }

  if (alga_json_has_member (object, "due_date"))
    take_due_date_column (self, alga_json_get_datetime (object, "due_date"));

  if (alga_json_has_member (object, "tags"))
    {
      self->known |= PROP_BIT (PROP_TAGS);
      read_tags (self, json_object_get_member (object, "tags"));
    }

  /* Only the detail (and the rows PUT answers with) render the description. */
  if (alga_json_has_member (object, "description_html"))
    {
      self->known |= PROP_BIT (PROP_HAS_DETAIL);
      self->values[PROP_HAS_DETAIL] = GINT_TO_POINTER (1);
    }

  return g_steal_pointer (&self);
}

/**
 * alga_ticket_to_json:
 * @self: a #AlgaTicket
 *
 * Writes @self under the members alga_ticket_new_from_json() reads (the table members[] and the
 * few decoded by hand: the status' is_closed, attributes, the due_date column, tags and the
 * detail's mark), so that decoding the result gives an equal ticket (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_ticket_to_json (AlgaTicket *self)
{
  g_autoptr(JsonObject) json = json_object_new ();
  GPtrArray *tags;
  JsonNode *node;

  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  for (guint i = 1; i < N_PROPS; i++)
    {
      if (members[i] == NULL || self->values[i] == NULL)
        continue;

      if (kinds[i] == KIND_DATE)
        {
          g_autofree char *text = alga_json_format_datetime (self->values[i]);

          json_object_set_string_member (json, members[i], text);
        }
      else
        {
          json_object_set_string_member (json, members[i], self->values[i]);
        }
    }

  json_object_set_boolean_member (json, "status_is_closed",
                                  GPOINTER_TO_INT (self->values[PROP_STATUS_IS_CLOSED]));
  if (self->values[PROP_ATTRIBUTES] != NULL)
    json_object_set_object_member (json, "attributes",
                                   alga_json_object_deep_copy (self->values[PROP_ATTRIBUTES]));

  /* "due_date" is the column; a due date of the apps' own comes back from attributes. */
  if (alga_ticket_get_due_date_is_column (self) && self->values[PROP_DUE_DATE] != NULL)
    {
      g_autofree char *text = alga_json_format_datetime (self->values[PROP_DUE_DATE]);

      json_object_set_string_member (json, "due_date", text);
    }
  else if (!alga_ticket_get_due_date_is_column (self))
    {
      json_object_set_null_member (json, "due_date");
    }

  tags = alga_ticket_get_tag_list (self);
  if (tags != NULL)
    {
      JsonArray *array = json_array_sized_new (tags->len);

      for (guint i = 0; i < tags->len; i++)
        json_array_add_element (array, alga_tag_to_json (g_ptr_array_index (tags, i)));
      json_object_set_array_member (json, "tags", array);
    }

  /* Its presence is what marks a detail. */
  if (alga_ticket_get_has_detail (self) && !json_object_has_member (json, "description_html"))
    json_object_set_null_member (json, "description_html");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, json);

  return node;
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
              value_free (i, self->values[i]);
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

/* Takes attributes (owned) and what the ticket reads from them. */
static void
take_attributes (AlgaTicket *self,
                 JsonObject *attributes)
{
  value_free (PROP_ATTRIBUTES, self->values[PROP_ATTRIBUTES]);
  value_free (PROP_DESCRIPTION, self->values[PROP_DESCRIPTION]);
  value_free (PROP_WATCHER_USER_IDS, self->values[PROP_WATCHER_USER_IDS]);
  value_free (PROP_DUE_DATE, self->values[PROP_DUE_DATE]);

  self->values[PROP_ATTRIBUTES] = attributes;
  self->values[PROP_DESCRIPTION] = alga_json_dup_string (attributes, "description");
  self->values[PROP_WATCHER_USER_IDS] = alga_json_dup_strv (attributes, "watcher_user_ids");
  self->values[PROP_DUE_DATE] = alga_json_get_datetime (attributes, "due_date");
}

/* Takes the due_date column (owned, nullable), read after attributes. The column is what
 * Alga's web UI shows and sets; the API cannot write it, so the apps keep theirs in
 * attributes.due_date. The column wins: a date set in the web UI must not hide behind an older
 * one of the apps (docs/API.md, Due dates). */
static void
take_due_date_column (AlgaTicket *self,
                      GDateTime  *column)
{
  self->known |= PROP_BIT (PROP_DUE_DATE) | PROP_BIT (PROP_DUE_DATE_IS_COLUMN);
  self->values[PROP_DUE_DATE_IS_COLUMN] = GINT_TO_POINTER (column != NULL ? 1 : 0);
  if (column == NULL)
    return;

  value_free (PROP_DUE_DATE, self->values[PROP_DUE_DATE]);
  self->values[PROP_DUE_DATE] = column;
}

/* Members the scanning decoder keeps beyond those of members[]. */
enum
{
  SLOT_STATUS_IS_CLOSED = N_PROPS,
  SLOT_IS_CLOSED,
  SLOT_ATTRIBUTES,
  SLOT_DUE_DATE,
  SLOT_TAGS,
  N_SLOTS
};

typedef struct
{
  const char *name;
  guint       len;
  guint       slot;
} Key;

struct _AlgaTicketDecoder
{
  GString    *scratch;
  GHashTable *dates;     /* text → GDateTime: list items share many times */
  Key         keys[N_SLOTS];
  guint       n_keys;
  guint       hint;      /* where the last key was found: items list theirs in one order */
};

AlgaTicketDecoder *
alga_ticket_decoder_new (void)
{
  static const struct { const char *name; guint slot; } extra[] = {
    { "status_is_closed", SLOT_STATUS_IS_CLOSED },
    { "is_closed", SLOT_IS_CLOSED },
    { "attributes", SLOT_ATTRIBUTES },
    { "due_date", SLOT_DUE_DATE },
    { "tags", SLOT_TAGS },
  };
  AlgaTicketDecoder *decoder = g_new0 (AlgaTicketDecoder, 1);

  decoder->scratch = g_string_sized_new (256);
  decoder->dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_date_time_unref);

  for (guint i = 1; i < N_PROPS; i++)
    if (members[i] != NULL)
      decoder->keys[decoder->n_keys++] = (Key) { members[i], strlen (members[i]), i };
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    decoder->keys[decoder->n_keys++] = (Key) { extra[i].name, strlen (extra[i].name), extra[i].slot };

  return decoder;
}

void
alga_ticket_decoder_free (AlgaTicketDecoder *decoder)
{
  if (decoder == NULL)
    return;

  g_string_free (decoder->scratch, TRUE);
  g_hash_table_unref (decoder->dates);
  g_free (decoder);
}

static int
find_slot (AlgaTicketDecoder  *decoder,
           const char         *data,
           const AlgaJsonSpan *key)
{
  const char *name = data + key->start;
  gsize len = key->end - key->start;

  if (key->escaped)
    {
      name = alga_json_span_get_string (data, key, decoder->scratch);
      len = strlen (name);
    }

  for (guint j = 0; j < decoder->n_keys; j++)
    {
      guint i = (decoder->hint + j) % decoder->n_keys;

      if (decoder->keys[i].len == len && memcmp (decoder->keys[i].name, name, len) == 0)
        {
          decoder->hint = i + 1;
          return decoder->keys[i].slot;
        }
    }

  return -1;
}

static GDateTime *
decode_datetime (AlgaTicketDecoder  *decoder,
                 const char         *data,
                 const AlgaJsonSpan *span)
{
  const char *text;
  GDateTime *datetime;

  if (span->kind != ALGA_JSON_KIND_STRING)
    return NULL;

  text = alga_json_span_get_string (data, span, decoder->scratch);
  datetime = g_hash_table_lookup (decoder->dates, text);
  if (datetime != NULL)
    return g_date_time_ref (datetime);

  datetime = alga_json_parse_datetime (text);
  if (datetime != NULL)
    g_hash_table_insert (decoder->dates, g_strdup (text), g_date_time_ref (datetime));

  return datetime;
}

/* alga_json_get_boolean (…, FALSE) of the same value. */
static gboolean
decode_boolean (AlgaTicketDecoder  *decoder,
                const char         *data,
                const AlgaJsonSpan *span)
{
  const char *text;

  switch (span->kind)
    {
    case ALGA_JSON_KIND_TRUE:
      return TRUE;
    case ALGA_JSON_KIND_NUMBER:
      return span->is_int && alga_json_span_get_int (data, span) != 0;
    case ALGA_JSON_KIND_STRING:
      text = alga_json_span_get_string (data, span, decoder->scratch);
      return g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0;
    default:
      return FALSE;
    }
}

static char *
decode_pooled (AlgaTicketDecoder  *decoder,
               const char         *data,
               const AlgaJsonSpan *span)
{
  g_autofree char *text = NULL;

  if (span->kind == ALGA_JSON_KIND_STRING)
    return pool_string (alga_json_span_get_string (data, span, decoder->scratch));

  text = alga_json_span_dup_text (data, span);
  return pool_string (text);
}

static void
clear_tag_colours (gpointer data)
{
  TagColours *colours = data;

  g_free (colours->tag_id);
  g_clear_pointer (&colours->background_color, g_ref_string_release);
  g_clear_pointer (&colours->text_color, g_ref_string_release);
}

/* An element of "tags", as alga_tag_new_from_json() would take it: its text (NULL to skip
 * it) and its id and colours. */
static char *
decode_tag (AlgaTicketDecoder *decoder,
            AlgaJsonScan      *scan,
            AlgaJsonSpan      *element,
            TagColours        *colours)
{
  static const char * const tag_members[] = { "tag_id", "tag_text", "background_color", "text_color" };
  AlgaJsonSpan spans[G_N_ELEMENTS (tag_members)] = { { 0 } };
  AlgaJsonSpan key, value;
  char *text;
  gboolean done;

  if (element->kind == ALGA_JSON_KIND_STRING)
    return alga_json_span_dup_string (scan->data, element);

  if (element->kind != ALGA_JSON_KIND_OBJECT)
    {
      alga_json_scan_skip (scan, element);
      return NULL;
    }

  while (alga_json_scan_next_member (scan, &key, &done) && !done)
    {
      guint i;

      if (!alga_json_scan_value (scan, &value) || !alga_json_scan_skip (scan, &value))
        return NULL;
      for (i = 0; i < G_N_ELEMENTS (tag_members); i++)
        if (alga_json_span_string_equal (scan->data, &key, tag_members[i]))
          break;
      if (i < G_N_ELEMENTS (tag_members))
        spans[i] = value;
    }
  if (scan->status != ALGA_JSON_SCAN_OK)
    return NULL;

  text = alga_json_span_dup_text (scan->data, &spans[1]);
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      return NULL;
    }

  colours->tag_id = alga_json_span_dup_text (scan->data, &spans[0]);
  colours->background_color = decode_pooled (decoder, scan->data, &spans[2]);
  colours->text_color = decode_pooled (decoder, scan->data, &spans[3]);

  return text;
}

/* "tags", already checked: rescanned from its span into texts and compact colours. */
static void
decode_tags (AlgaTicketDecoder  *decoder,
             AlgaTicket         *self,
             const char         *data,
             const AlgaJsonSpan *span)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) colours = g_array_new (FALSE, TRUE, sizeof (TagColours));
  gboolean any_colour = FALSE;

  g_array_set_clear_func (colours, clear_tag_colours);

  if (span->kind == ALGA_JSON_KIND_ARRAY)
    {
      AlgaJsonScan scan;
      AlgaJsonSpan array, element;
      gboolean done;

      alga_json_scan_init (&scan, data, span->end);
      scan.pos = span->start;
      if (alga_json_scan_value (&scan, &array))
        while (alga_json_scan_next_element (&scan, &done) && !done
               && alga_json_scan_value (&scan, &element))
          {
            TagColours tag = { NULL, NULL, NULL };
            char *text = decode_tag (decoder, &scan, &element, &tag);

            if (text == NULL)
              continue;
            g_ptr_array_add (texts, text);
            g_array_append_val (colours, tag);
            any_colour |= tag.tag_id != NULL || tag.background_color != NULL
                          || tag.text_color != NULL;
          }
    }

  g_clear_pointer (&self->tag_list, g_ptr_array_unref);
  g_clear_pointer (&self->tag_colours, g_array_unref);
  value_free (PROP_TAGS, self->values[PROP_TAGS]);

  if (texts->len == 0)
    {
      self->values[PROP_TAGS] = empty_strv;
      return;
    }

  g_ptr_array_add (texts, NULL);
  self->values[PROP_TAGS] = g_ptr_array_free (g_steal_pointer (&texts), FALSE);
  if (any_colour)
    self->tag_colours = g_steal_pointer (&colours);
}

static JsonObject *
parse_object_span (const char         *data,
                   const AlgaJsonSpan *span)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  /* Already checked by the scanner, depth included. */
  if (!json_parser_load_from_data (parser, data + span->start, span->end - span->start, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/**
 * alga_ticket_decode_scanned:
 * @decoder: state shared by the items of a page
 * @scan: a scanner that has just opened @object
 * @object: an object value
 *
 * Reads @object to its end and decodes it as alga_ticket_new_from_json() would decode its
 * tree. Members are noted as spans first and decoded once the object is whole, so that a
 * repeated member counts once, the last time, as in json-glib.
 *
 * Returns: (transfer full) (nullable): the ticket, or %NULL when the item is to be skipped (no
 *   ticket_id) or @scan failed (its status says)
 */
AlgaTicket *
alga_ticket_decode_scanned (AlgaTicketDecoder *decoder,
                            AlgaJsonScan      *scan,
                            AlgaJsonSpan      *object)
{
  g_autoptr(AlgaTicket) self = NULL;
  AlgaJsonSpan slots[N_SLOTS] = { { 0 } };
  const char *data = scan->data;
  AlgaJsonSpan key, value;
  char *ticket_id;
  gboolean done;

  while (alga_json_scan_next_member (scan, &key, &done) && !done)
    {
      int slot;

      if (!alga_json_scan_value (scan, &value) || !alga_json_scan_skip (scan, &value))
        return NULL;

      slot = find_slot (decoder, data, &key);
      if (slot >= 0)
        slots[slot] = value;
    }
  if (scan->status != ALGA_JSON_SCAN_OK)
    return NULL;

  ticket_id = alga_json_span_dup_text (data, &slots[PROP_TICKET_ID]);
  if (ticket_id == NULL || *ticket_id == '\0')
    {
      g_free (ticket_id);
      return NULL;
    }

  self = g_object_new (ALGA_TYPE_TICKET, NULL);
  self->values[PROP_TICKET_ID] = ticket_id;
  self->known |= PROP_BIT (PROP_TICKET_ID);

  for (guint i = PROP_TICKET_ID + 1; i < N_PROPS; i++)
    {
      const AlgaJsonSpan *span = &slots[i];

      if (span->kind == ALGA_JSON_KIND_NONE)
        continue;

      self->known |= PROP_BIT (i);
      if (span->kind == ALGA_JSON_KIND_NULL)
        continue;

      switch (kinds[i])
        {
        case KIND_STRING:
          self->values[i] = alga_json_span_dup_text (data, span);
          break;
        case KIND_POOLED:
          self->values[i] = decode_pooled (decoder, data, span);
          break;
        case KIND_DATE:
          self->values[i] = decode_datetime (decoder, data, span);
          break;
        default:
          break;
        }
    }

  if (slots[SLOT_STATUS_IS_CLOSED].kind != ALGA_JSON_KIND_NONE
      || slots[SLOT_IS_CLOSED].kind != ALGA_JSON_KIND_NONE)
    {
      const AlgaJsonSpan *span = slots[SLOT_STATUS_IS_CLOSED].kind != ALGA_JSON_KIND_NONE
                                 ? &slots[SLOT_STATUS_IS_CLOSED] : &slots[SLOT_IS_CLOSED];

      self->values[PROP_STATUS_IS_CLOSED] = GINT_TO_POINTER (decode_boolean (decoder, data, span));
      self->known |= PROP_BIT (PROP_STATUS_IS_CLOSED);
    }

  if (slots[SLOT_ATTRIBUTES].kind != ALGA_JSON_KIND_NONE)
    {
      self->known |= PROP_BIT (PROP_ATTRIBUTES) | PROP_BIT (PROP_DESCRIPTION) |
                     PROP_BIT (PROP_WATCHER_USER_IDS) | PROP_BIT (PROP_DUE_DATE);
      if (slots[SLOT_ATTRIBUTES].kind == ALGA_JSON_KIND_OBJECT)
        {
          JsonObject *attributes = parse_object_span (data, &slots[SLOT_ATTRIBUTES]);

          if (attributes != NULL)
            take_attributes (self, attributes);
        }
    }

  if (slots[SLOT_DUE_DATE].kind != ALGA_JSON_KIND_NONE)
    {
      take_due_date_column (self, decode_datetime (decoder, data, &slots[SLOT_DUE_DATE]));
    }

  if (slots[SLOT_TAGS].kind != ALGA_JSON_KIND_NONE)
    {
      self->known |= PROP_BIT (PROP_TAGS);
      decode_tags (decoder, self, data, &slots[SLOT_TAGS]);
    }

  if (slots[PROP_DESCRIPTION_HTML].kind != ALGA_JSON_KIND_NONE)
    {
      self->known |= PROP_BIT (PROP_HAS_DETAIL);
      self->values[PROP_HAS_DETAIL] = GINT_TO_POINTER (1);
    }

  return g_steal_pointer (&self);
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
