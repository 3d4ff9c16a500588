/* alga-checklist-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-checklist-item"

#include "config.h"

#include "alga-checklist-item.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_ITEM_ID,
  PROP_TICKET_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_ORDER_NUMBER,
  PROP_IS_REQUIRED,
  PROP_COMPLETED,
  PROP_COMPLETED_BY_NAME,
  PROP_COMPLETED_AT,
  N_PROPS
};

struct _AlgaChecklistItem
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaChecklistItem, alga_checklist_item, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from. */
static const char * const members[N_PROPS] = {
  [PROP_ITEM_ID] = "checklist_item_id",
  [PROP_TICKET_ID] = "ticket_id",
  [PROP_NAME] = "item_name",
  [PROP_DESCRIPTION] = "description",
  [PROP_ORDER_NUMBER] = "order_number",
  [PROP_IS_REQUIRED] = "is_required",
  [PROP_COMPLETED] = "completed",
  [PROP_COMPLETED_BY_NAME] = "completed_by_name",
  [PROP_COMPLETED_AT] = "completed_at",
};

static void
alga_checklist_item_finalize (GObject *object)
{
  AlgaChecklistItem *self = ALGA_CHECKLIST_ITEM (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_checklist_item_parent_class)->finalize (object);
}

static void
alga_checklist_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AlgaChecklistItem *self = ALGA_CHECKLIST_ITEM (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_checklist_item_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AlgaChecklistItem *self = ALGA_CHECKLIST_ITEM (object);

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
alga_checklist_item_class_init (AlgaChecklistItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_checklist_item_finalize;
  object_class->get_property = alga_checklist_item_get_property;
  object_class->set_property = alga_checklist_item_set_property;

  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TICKET_ID] =
    g_param_spec_string ("ticket-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ORDER_NUMBER] =
    g_param_spec_int ("order-number", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_REQUIRED] =
    g_param_spec_boolean ("is-required", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_COMPLETED] =
    g_param_spec_boolean ("completed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_COMPLETED_BY_NAME] =
    g_param_spec_string ("completed-by-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_COMPLETED_AT] =
    g_param_spec_boxed ("completed-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_checklist_item_init (AlgaChecklistItem *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_checklist_item_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /tickets/{id}/checklist or the answer of adding or ticking one.
 *
 * Returns: (transfer full) (nullable): a new #AlgaChecklistItem, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaChecklistItem *
alga_checklist_item_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  g_autoptr(AlgaChecklistItem) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "checklist_item_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_CHECKLIST_ITEM, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

const char *
alga_checklist_item_get_item_id (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), NULL);

  return g_value_get_string (&self->values[PROP_ITEM_ID]);
}

const char *
alga_checklist_item_get_ticket_id (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), NULL);

  return g_value_get_string (&self->values[PROP_TICKET_ID]);
}

const char *
alga_checklist_item_get_name (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), NULL);

  return g_value_get_string (&self->values[PROP_NAME]);
}

const char *
alga_checklist_item_get_description (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), NULL);

  return g_value_get_string (&self->values[PROP_DESCRIPTION]);
}

int
alga_checklist_item_get_order_number (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), 0);

  return g_value_get_int (&self->values[PROP_ORDER_NUMBER]);
}

gboolean
alga_checklist_item_get_is_required (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_REQUIRED]);
}

gboolean
alga_checklist_item_get_completed (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_COMPLETED]);
}

const char *
alga_checklist_item_get_completed_by_name (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), NULL);

  return g_value_get_string (&self->values[PROP_COMPLETED_BY_NAME]);
}

GDateTime  *
alga_checklist_item_get_completed_at (AlgaChecklistItem *self)
{
  g_return_val_if_fail (ALGA_IS_CHECKLIST_ITEM (self), NULL);

  return g_value_get_boxed (&self->values[PROP_COMPLETED_AT]);
}
