/* alga-priority.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-priority"

#include "config.h"

#include "alga-priority.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_PRIORITY_ID,
  PROP_PRIORITY_NAME,
  PROP_COLOR,
  PROP_ORDER_NUMBER,
  N_PROPS
};

struct _AlgaPriority
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaPriority, alga_priority, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_PRIORITY_ID] = "priority_id",
  [PROP_PRIORITY_NAME] = "priority_name",
  [PROP_COLOR] = "color",
  [PROP_ORDER_NUMBER] = "order_number",
};

static void
alga_priority_finalize (GObject *object)
{
  AlgaPriority *self = ALGA_PRIORITY (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_priority_parent_class)->finalize (object);
}

static void
alga_priority_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AlgaPriority *self = ALGA_PRIORITY (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_priority_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AlgaPriority *self = ALGA_PRIORITY (object);

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
alga_priority_class_init (AlgaPriorityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_priority_finalize;
  object_class->get_property = alga_priority_get_property;
  object_class->set_property = alga_priority_set_property;

  properties[PROP_PRIORITY_ID] =
    g_param_spec_string ("priority-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PRIORITY_NAME] =
    g_param_spec_string ("priority-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ORDER_NUMBER] =
    g_param_spec_int ("order-number", NULL, NULL, G_MININT, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_priority_init (AlgaPriority *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_priority_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /tickets/priorities or of GET /priorities (the latter with colour and
 * order; docs/API.md, Priorities).
 *
 * Returns: (transfer full) (nullable): a new #AlgaPriority, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaPriority *
alga_priority_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(AlgaPriority) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "priority_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_PRIORITY, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  /* The ticket route has no colour, and "" would paint nothing anyway. */
  if (g_strcmp0 (g_value_get_string (&self->values[PROP_COLOR]), "") == 0)
    g_value_set_string (&self->values[PROP_COLOR], NULL);

  return g_steal_pointer (&self);
}

const char *
alga_priority_get_priority_id (AlgaPriority *self)
{
  g_return_val_if_fail (ALGA_IS_PRIORITY (self), NULL);

  return g_value_get_string (&self->values[PROP_PRIORITY_ID]);
}

const char *
alga_priority_get_priority_name (AlgaPriority *self)
{
  g_return_val_if_fail (ALGA_IS_PRIORITY (self), NULL);

  return g_value_get_string (&self->values[PROP_PRIORITY_NAME]);
}

const char *
alga_priority_get_color (AlgaPriority *self)
{
  g_return_val_if_fail (ALGA_IS_PRIORITY (self), NULL);

  return g_value_get_string (&self->values[PROP_COLOR]);
}

int
alga_priority_get_order_number (AlgaPriority *self)
{
  g_return_val_if_fail (ALGA_IS_PRIORITY (self), 0);

  return g_value_get_int (&self->values[PROP_ORDER_NUMBER]);
}
