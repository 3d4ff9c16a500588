/* alga-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-service"

#include "config.h"

#include "alga-service.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_SERVICE_ID,
  PROP_SERVICE_NAME,
  PROP_DEFAULT_RATE,
  PROP_UNIT_OF_MEASURE,
  N_PROPS
};

struct _AlgaService
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaService, alga_service, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_SERVICE_ID] = "service_id",
  [PROP_SERVICE_NAME] = "service_name",
  [PROP_DEFAULT_RATE] = "default_rate",
  [PROP_UNIT_OF_MEASURE] = "unit_of_measure",
};

static void
alga_service_finalize (GObject *object)
{
  AlgaService *self = ALGA_SERVICE (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_service_parent_class)->finalize (object);
}

static void
alga_service_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlgaService *self = ALGA_SERVICE (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_service_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlgaService *self = ALGA_SERVICE (object);

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
alga_service_class_init (AlgaServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_service_finalize;
  object_class->get_property = alga_service_get_property;
  object_class->set_property = alga_service_set_property;

  properties[PROP_SERVICE_ID] =
    g_param_spec_string ("service-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SERVICE_NAME] =
    g_param_spec_string ("service-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DEFAULT_RATE] =
    g_param_spec_double ("default-rate", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UNIT_OF_MEASURE] =
    g_param_spec_string ("unit-of-measure", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_service_init (AlgaService *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_service_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /services, or the "service" object of a time entry; default_rate
 * may be a number or a numeric string: the server sends a number in one and a string in the
 * other.
 *
 * Returns: (transfer full) (nullable): a new #AlgaService, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaService *
alga_service_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(AlgaService) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "service_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_SERVICE, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

/**
 * alga_service_to_json:
 * @self: a #AlgaService
 *
 * Writes @self under the members alga_service_new_from_json() reads, so that decoding the result
 * gives an equal object (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_service_to_json (AlgaService *self)
{
  g_return_val_if_fail (ALGA_IS_SERVICE (self), NULL);

  return alga_json_write_values (members, self->values, N_PROPS);
}

const char *
alga_service_get_service_id (AlgaService *self)
{
  g_return_val_if_fail (ALGA_IS_SERVICE (self), NULL);

  return g_value_get_string (&self->values[PROP_SERVICE_ID]);
}

const char *
alga_service_get_service_name (AlgaService *self)
{
  g_return_val_if_fail (ALGA_IS_SERVICE (self), NULL);

  return g_value_get_string (&self->values[PROP_SERVICE_NAME]);
}

double
alga_service_get_default_rate (AlgaService *self)
{
  g_return_val_if_fail (ALGA_IS_SERVICE (self), 0.0);

  return g_value_get_double (&self->values[PROP_DEFAULT_RATE]);
}

const char *
alga_service_get_unit_of_measure (AlgaService *self)
{
  g_return_val_if_fail (ALGA_IS_SERVICE (self), NULL);

  return g_value_get_string (&self->values[PROP_UNIT_OF_MEASURE]);
}
