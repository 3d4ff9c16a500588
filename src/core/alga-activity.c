/* alga-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-activity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-activity.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_ID,
  PROP_ACTIVITY_TYPE,
  PROP_TITLE,
  PROP_MESSAGE,
  PROP_TICKET_ID,
  PROP_USER_ID,
  PROP_ACTOR_ID,
  PROP_CREATED_AT,
  PROP_IS_READ,
  PROP_RAW,
  N_PROPS
};

struct _AlgaActivity
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaActivity, alga_activity, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
};

static void
alga_activity_finalize (GObject *object)
{
  AlgaActivity *self = ALGA_ACTIVITY (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_activity_parent_class)->finalize (object);
}

static void
alga_activity_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AlgaActivity *self = ALGA_ACTIVITY (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_activity_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AlgaActivity *self = ALGA_ACTIVITY (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    {
      if (alga_json_value_replace (&self->values[prop_id], value))
        g_object_notify_by_pspec (object, pspec);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_activity_class_init (AlgaActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_activity_finalize;
  object_class->get_property = alga_activity_get_property;
  object_class->set_property = alga_activity_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ACTIVITY_TYPE] =
    g_param_spec_string ("activity-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TICKET_ID] =
    g_param_spec_string ("ticket-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ACTOR_ID] =
    g_param_spec_string ("actor-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_READ] =
    g_param_spec_boolean ("is-read", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_RAW] =
    g_param_spec_boxed ("raw", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_activity_init (AlgaActivity *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/* Member names to try for each property, best first. The feed was empty on the real server,
 * so these follow the Alga notification and activity tables. */
static const char * const candidates[N_PROPS][6] = {
  [PROP_ID] = { "id", "activity_id", "internal_notification_id", "notification_id", "event_id" },
  [PROP_ACTIVITY_TYPE] = { "type", "activity_type", "event_type", "notification_type", "category" },
  [PROP_TITLE] = { "title", "subject", "name" },
  [PROP_MESSAGE] = { "message", "body", "description", "content", "text" },
  [PROP_TICKET_ID] = { "ticket_id", "entity_id", "entityId", "ticketId" },
  [PROP_USER_ID] = { "user_id", "recipient_user_id", "userId" },
  [PROP_ACTOR_ID] = { "actor_id", "actor_user_id", "performed_by", "created_by", "actorId" },
  [PROP_CREATED_AT] = { "created_at", "timestamp", "createdAt", "occurred_at" },
  [PROP_IS_READ] = { "is_read", "read", "isRead" },
};

static void
read_first (JsonObject *object,
            guint       prop_id,
            GValue     *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (candidates[prop_id]) && candidates[prop_id][i]; i++)
    {
      JsonNode *node = json_object_get_member (object, candidates[prop_id][i]);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          alga_json_read_value (object, candidates[prop_id][i], value);
          return;
        }
    }
}

/**
 * alga_activity_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /activities. Each field is taken from the first of a few plausible
 * member names (see candidates); an item with none of the id names fails.
 *
 * Returns: (transfer full) (nullable): a new #AlgaActivity, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaActivity *
alga_activity_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(AlgaActivity) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, NULL, error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_ACTIVITY, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  for (guint i = 1; i < N_PROPS; i++)
    if (i != PROP_RAW)
      read_first (object, i, &self->values[i]);

  /* read_at set means read, where there is no boolean. */
  if (!alga_json_has_member (object, "is_read") && !alga_json_has_member (object, "read") &&
      alga_json_get_string (object, "read_at") != NULL)
    g_value_set_boolean (&self->values[PROP_IS_READ], TRUE);

  if (g_value_get_string (&self->values[PROP_ID]) == NULL)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           _("The server sent an activity without an id"));
      return NULL;
    }

  g_value_take_boxed (&self->values[PROP_RAW], alga_json_object_deep_copy (object));

  return g_steal_pointer (&self);
}

const char *
alga_activity_get_id (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_string (&self->values[PROP_ID]);
}

const char *
alga_activity_get_activity_type (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_string (&self->values[PROP_ACTIVITY_TYPE]);
}

const char *
alga_activity_get_title (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_string (&self->values[PROP_TITLE]);
}

const char *
alga_activity_get_message (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_string (&self->values[PROP_MESSAGE]);
}

const char *
alga_activity_get_ticket_id (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_string (&self->values[PROP_TICKET_ID]);
}

const char *
alga_activity_get_user_id (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_string (&self->values[PROP_USER_ID]);
}

const char *
alga_activity_get_actor_id (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_string (&self->values[PROP_ACTOR_ID]);
}

GDateTime *
alga_activity_get_created_at (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_boxed (&self->values[PROP_CREATED_AT]);
}

gboolean
alga_activity_get_is_read (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_READ]);
}

JsonObject *
alga_activity_get_raw (AlgaActivity *self)
{
  g_return_val_if_fail (ALGA_IS_ACTIVITY (self), NULL);

  return g_value_get_boxed (&self->values[PROP_RAW]);
}
