/* alga-user.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-user"

#include "config.h"

#include "alga-user.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_USER_ID,
  PROP_USERNAME,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_USER_TYPE,
  PROP_TIMEZONE,
  PROP_IS_INACTIVE,
  N_PROPS
};

struct _AlgaUser
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaUser, alga_user, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_USER_ID] = "user_id",
  [PROP_USERNAME] = "username",
  [PROP_FIRST_NAME] = "first_name",
  [PROP_LAST_NAME] = "last_name",
  [PROP_EMAIL] = "email",
  [PROP_PHONE] = "phone",
  [PROP_USER_TYPE] = "user_type",
  [PROP_TIMEZONE] = "timezone",
  [PROP_IS_INACTIVE] = "is_inactive",
};

static void
alga_user_finalize (GObject *object)
{
  AlgaUser *self = ALGA_USER (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_user_parent_class)->finalize (object);
}

static void
alga_user_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AlgaUser *self = ALGA_USER (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_user_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AlgaUser *self = ALGA_USER (object);

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
alga_user_class_init (AlgaUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_user_finalize;
  object_class->get_property = alga_user_get_property;
  object_class->set_property = alga_user_set_property;

  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_USER_TYPE] =
    g_param_spec_string ("user-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_INACTIVE] =
    g_param_spec_boolean ("is-inactive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_user_init (AlgaUser *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_user_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /users, or the "user" object of a time entry.
 *
 * Returns: (transfer full) (nullable): a new #AlgaUser, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaUser *
alga_user_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(AlgaUser) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "user_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_USER, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

/**
 * alga_user_to_json:
 * @self: a #AlgaUser
 *
 * Writes @self under the members alga_user_new_from_json() reads, so that decoding the result
 * gives an equal object (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_user_to_json (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return alga_json_write_values (members, self->values, N_PROPS);
}

const char *
alga_user_get_user_id (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return g_value_get_string (&self->values[PROP_USER_ID]);
}

const char *
alga_user_get_username (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return g_value_get_string (&self->values[PROP_USERNAME]);
}

const char *
alga_user_get_first_name (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return g_value_get_string (&self->values[PROP_FIRST_NAME]);
}

const char *
alga_user_get_last_name (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return g_value_get_string (&self->values[PROP_LAST_NAME]);
}

const char *
alga_user_get_email (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return g_value_get_string (&self->values[PROP_EMAIL]);
}

const char *
alga_user_get_phone (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return g_value_get_string (&self->values[PROP_PHONE]);
}

const char *
alga_user_get_user_type (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return g_value_get_string (&self->values[PROP_USER_TYPE]);
}

const char *
alga_user_get_timezone (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  return g_value_get_string (&self->values[PROP_TIMEZONE]);
}

gboolean
alga_user_get_is_inactive (AlgaUser *self)
{
  g_return_val_if_fail (ALGA_IS_USER (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_INACTIVE]);
}

/**
 * alga_user_dup_display_name:
 * @self: a user
 *
 * The name to show for @self: "First Last", else whichever name exists, else the username,
 * the email or, as a last resort, the id.
 *
 * Returns: (transfer full): a new string
 */
char *
alga_user_dup_display_name (AlgaUser *self)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const char *fallbacks[] = {
    g_value_get_string (&self->values[PROP_USERNAME]),
    g_value_get_string (&self->values[PROP_EMAIL]),
    g_value_get_string (&self->values[PROP_USER_ID]),
  };

  g_return_val_if_fail (ALGA_IS_USER (self), NULL);

  first = g_strdup (g_value_get_string (&self->values[PROP_FIRST_NAME]));
  last = g_strdup (g_value_get_string (&self->values[PROP_LAST_NAME]));
  if (first != NULL)
    g_strstrip (first);
  if (last != NULL)
    g_strstrip (last);

  if (first != NULL && *first != '\0' && last != NULL && *last != '\0')
    return g_strdup_printf ("%s %s", first, last);
  if (first != NULL && *first != '\0')
    return g_steal_pointer (&first);
  if (last != NULL && *last != '\0')
    return g_steal_pointer (&last);

  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    if (fallbacks[i] != NULL && *fallbacks[i] != '\0')
      return g_strdup (fallbacks[i]);

  return g_strdup ("");
}
