/* alga-list-slot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place of a list, and the item shown there: the items of an AlgaSlotSelection. What a slot
 * shows can change while the slot stays, so that the row bound to it follows the change in place.
 */

#define G_LOG_DOMAIN "alga-list-slot"

#include "config.h"

#include "alga-list-slot.h"

struct _AlgaListSlot
{
  GObject  parent_instance;

  GObject *item;
};

G_DEFINE_FINAL_TYPE (AlgaListSlot, alga_list_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
alga_list_slot_dispose (GObject *object)
{
  AlgaListSlot *self = ALGA_LIST_SLOT (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (alga_list_slot_parent_class)->dispose (object);
}

static void
alga_list_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AlgaListSlot *self = ALGA_LIST_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_list_slot_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AlgaListSlot *self = ALGA_LIST_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      alga_list_slot_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_list_slot_class_init (AlgaListSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_list_slot_dispose;
  object_class->get_property = alga_list_slot_get_property;
  object_class->set_property = alga_list_slot_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_list_slot_init (AlgaListSlot *self)
{
}

AlgaListSlot *
alga_list_slot_new (gpointer item)
{
  g_return_val_if_fail (item == NULL || G_IS_OBJECT (item), NULL);

  return g_object_new (ALGA_TYPE_LIST_SLOT, "item", item, NULL);
}

/**
 * alga_list_slot_get_item:
 * @self: the slot
 *
 * Returns: (transfer none) (nullable) (type GObject): the item shown in this place
 */
gpointer
alga_list_slot_get_item (AlgaListSlot *self)
{
  g_return_val_if_fail (ALGA_IS_LIST_SLOT (self), NULL);

  return self->item;
}

void
alga_list_slot_set_item (AlgaListSlot *self,
                         gpointer      item)
{
  g_return_if_fail (ALGA_IS_LIST_SLOT (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
