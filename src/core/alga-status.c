/* alga-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-status"

#include "config.h"

#include "alga-status.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_STATUS_ID,
  PROP_BOARD_ID,
  PROP_NAME,
  PROP_IS_CLOSED,
  PROP_IS_DEFAULT,
  PROP_ORDER_NUMBER,
  N_PROPS
};

struct _AlgaStatus
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaStatus, alga_status, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_STATUS_ID] = "status_id",
  [PROP_BOARD_ID] = "board_id",
  [PROP_NAME] = "name",
  [PROP_IS_CLOSED] = "is_closed",
  [PROP_IS_DEFAULT] = "is_default",
  [PROP_ORDER_NUMBER] = "order_number",
};

static void
alga_status_finalize (GObject *object)
{
  AlgaStatus *self = ALGA_STATUS (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_status_parent_class)->finalize (object);
}

static void
alga_status_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlgaStatus *self = ALGA_STATUS (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_status_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AlgaStatus *self = ALGA_STATUS (object);

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
alga_status_class_init (AlgaStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_status_finalize;
  object_class->get_property = alga_status_get_property;
  object_class->set_property = alga_status_set_property;

  properties[PROP_STATUS_ID] =
    g_param_spec_string ("status-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BOARD_ID] =
    g_param_spec_string ("board-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_CLOSED] =
    g_param_spec_boolean ("is-closed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ORDER_NUMBER] =
    g_param_spec_int ("order-number", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_status_init (AlgaStatus *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_status_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /tickets/statuses; is_default may be null.
 *
 * Returns: (transfer full) (nullable): a new #AlgaStatus, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaStatus *
alga_status_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(AlgaStatus) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "status_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_STATUS, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

/**
 * alga_status_to_json:
 * @self: a #AlgaStatus
 *
 * Writes @self under the members alga_status_new_from_json() reads, so that decoding the result
 * gives an equal object (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_status_to_json (AlgaStatus *self)
{
  g_return_val_if_fail (ALGA_IS_STATUS (self), NULL);

  return alga_json_write_values (members, self->values, N_PROPS);
}

const char *
alga_status_get_status_id (AlgaStatus *self)
{
  g_return_val_if_fail (ALGA_IS_STATUS (self), NULL);

  return g_value_get_string (&self->values[PROP_STATUS_ID]);
}

const char *
alga_status_get_board_id (AlgaStatus *self)
{
  g_return_val_if_fail (ALGA_IS_STATUS (self), NULL);

  return g_value_get_string (&self->values[PROP_BOARD_ID]);
}

const char *
alga_status_get_name (AlgaStatus *self)
{
  g_return_val_if_fail (ALGA_IS_STATUS (self), NULL);

  return g_value_get_string (&self->values[PROP_NAME]);
}

gboolean
alga_status_get_is_closed (AlgaStatus *self)
{
  g_return_val_if_fail (ALGA_IS_STATUS (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_CLOSED]);
}

gboolean
alga_status_get_is_default (AlgaStatus *self)
{
  g_return_val_if_fail (ALGA_IS_STATUS (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_DEFAULT]);
}

int
alga_status_get_order_number (AlgaStatus *self)
{
  g_return_val_if_fail (ALGA_IS_STATUS (self), 0);

  return g_value_get_int (&self->values[PROP_ORDER_NUMBER]);
}
