/* alga-location.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One of a client's sites, which a ticket may name.
 */

#define G_LOG_DOMAIN "alga-location"

#include "config.h"

#include "alga-location.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_LOCATION_ID,
  PROP_LOCATION_NAME,
  PROP_CLIENT_ID,
  PROP_ADDRESS_LINE1,
  PROP_CITY,
  PROP_IS_DEFAULT,
  PROP_IS_ACTIVE,
  N_PROPS
};

struct _AlgaLocation
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaLocation, alga_location, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from. */
static const char * const members[N_PROPS] = {
  [PROP_LOCATION_ID] = "location_id",
  [PROP_LOCATION_NAME] = "location_name",
  [PROP_CLIENT_ID] = "client_id",
  [PROP_ADDRESS_LINE1] = "address_line1",
  [PROP_CITY] = "city",
  [PROP_IS_DEFAULT] = "is_default",
  [PROP_IS_ACTIVE] = "is_active",
};

static void
alga_location_finalize (GObject *object)
{
  AlgaLocation *self = ALGA_LOCATION (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_location_parent_class)->finalize (object);
}

static void
alga_location_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlgaLocation *self = ALGA_LOCATION (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_location_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlgaLocation *self = ALGA_LOCATION (object);

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
alga_location_class_init (AlgaLocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_location_finalize;
  object_class->get_property = alga_location_get_property;
  object_class->set_property = alga_location_set_property;

  properties[PROP_LOCATION_ID] =
    g_param_spec_string ("location-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LOCATION_NAME] =
    g_param_spec_string ("location-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ADDRESS_LINE1] =
    g_param_spec_string ("address-line1", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_ACTIVE] =
    g_param_spec_boolean ("is-active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_location_init (AlgaLocation *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_location_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /api/v1/clients/{id}/locations (docs/API.md, A new ticket).
 *
 * Returns: (transfer full) (nullable): a new #AlgaLocation, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaLocation *
alga_location_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(AlgaLocation) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "location_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_LOCATION, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

const char *
alga_location_get_location_id (AlgaLocation *self)
{
  g_return_val_if_fail (ALGA_IS_LOCATION (self), NULL);

  return g_value_get_string (&self->values[PROP_LOCATION_ID]);
}

const char *
alga_location_get_location_name (AlgaLocation *self)
{
  g_return_val_if_fail (ALGA_IS_LOCATION (self), NULL);

  return g_value_get_string (&self->values[PROP_LOCATION_NAME]);
}

const char *
alga_location_get_client_id (AlgaLocation *self)
{
  g_return_val_if_fail (ALGA_IS_LOCATION (self), NULL);

  return g_value_get_string (&self->values[PROP_CLIENT_ID]);
}

const char *
alga_location_get_address_line1 (AlgaLocation *self)
{
  g_return_val_if_fail (ALGA_IS_LOCATION (self), NULL);

  return g_value_get_string (&self->values[PROP_ADDRESS_LINE1]);
}

const char *
alga_location_get_city (AlgaLocation *self)
{
  g_return_val_if_fail (ALGA_IS_LOCATION (self), NULL);

  return g_value_get_string (&self->values[PROP_CITY]);
}

gboolean
alga_location_get_is_default (AlgaLocation *self)
{
  g_return_val_if_fail (ALGA_IS_LOCATION (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_DEFAULT]);
}

gboolean
alga_location_get_is_active (AlgaLocation *self)
{
  g_return_val_if_fail (ALGA_IS_LOCATION (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_ACTIVE]);
}
