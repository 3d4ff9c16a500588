/* alga-slot-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A selection model whose items are places (AlgaListSlot), each showing the item of the model
 * beneath at its position; the selection is the model's own.
 *
 * GTK 4.8's list widgets cannot give a row another item: every item a change brings into view
 * gets a new list item widget, which GTK creates, styles, measures and maps, and a search that
 * replaces the rows in sight paid that for the thirty rows a grid view keeps. While "in place"
 * is set, a change keeps the slots where they are and changes what they show, so each row is
 * bound again where it stands, and only a change of length reaches the list (at its end).
 * Otherwise a change is passed on as it is and the slots move with their items, so that GTK
 * keeps following the focused row and the one at the top (a ticket arriving while the
 * technician reads the list). The selection is the model's in both cases: it follows the
 * selected item wherever the change takes it.
 */

#define G_LOG_DOMAIN "alga-slot-selection"

#include "config.h"

#include <string.h>

#include "alga-list-slot.h"
#include "alga-slot-selection.h"

struct _AlgaSlotSelection
{
  GObject            parent_instance;

  GtkSelectionModel *model;
  /* One per position of the model, NULL until asked for. Not owned: a slot lives as long as
   * the list holds it, and a weak reference clears its place here. */
  GPtrArray         *slots;
  gboolean           in_place;
};

static void alga_slot_selection_list_model_init (GListModelInterface *iface);
static void alga_slot_selection_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaSlotSelection, alga_slot_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      alga_slot_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      alga_slot_selection_selection_model_init))

static void
on_slot_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  AlgaSlotSelection *self = data;

  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) == (gpointer) where_the_object_was)
      {
        g_ptr_array_index (self->slots, i) = NULL;
        return;
      }
}

/* The slots of [@position, @position + @n_slots) no longer stand for a place here: they go on
 * showing what they showed for as long as the list keeps them. */
static void
release_slots (AlgaSlotSelection *self,
               guint              position,
               guint              n_slots)
{
  for (guint i = position; i < position + n_slots; i++)
    {
      GObject *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        g_object_weak_unref (slot, on_slot_finalized, self);
      g_ptr_array_index (self->slots, i) = NULL;
    }
}

static void
change_in_place (AlgaSlotSelection *self,
                 guint              position,
                 guint              removed,
                 guint              added)
{
  guint n_before = self->slots->len;
  guint n_after = n_before - removed + added;
  guint n_kept = MIN (n_before, n_after);

  if (n_after < n_before)
    release_slots (self, n_after, n_before - n_after);
  g_ptr_array_set_size (self->slots, n_after);

  for (guint i = position; i < n_kept; i++)
    {
      AlgaListSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(GObject) item = NULL;

      if (slot == NULL)
        continue;

      item = g_list_model_get_item (G_LIST_MODEL (self->model), i);
      alga_list_slot_set_item (slot, item);
    }

  if (n_after != n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_kept, n_before - n_kept, n_after - n_kept);
  /* The list asks again whether the rows that now show other items are selected. */
  if (n_kept > position)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_kept - position);
}

static void
change_moving (AlgaSlotSelection *self,
               guint              position,
               guint              removed,
               guint              added)
{
  guint n_before = self->slots->len;

  release_slots (self, position, removed);
  g_ptr_array_remove_range (self->slots, position, removed);
  g_ptr_array_set_size (self->slots, n_before - removed + added);
  memmove (self->slots->pdata + position + added,
           self->slots->pdata + position,
           (n_before - removed - position) * sizeof (gpointer));
  memset (self->slots->pdata + position, 0, added * sizeof (gpointer));

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
on_items_changed_cb (AlgaSlotSelection *self,
                     guint              position,
                     guint              removed,
                     guint              added)
{
  if (self->in_place)
    change_in_place (self, position, removed, added);
  else
    change_moving (self, position, removed, added);
}

static void
on_selection_changed_cb (AlgaSlotSelection *self,
                         guint              position,
                         guint              n_items)
{
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_items);
}

static GType
alga_slot_selection_get_item_type (GListModel *list)
{
  return ALGA_TYPE_LIST_SLOT;
}

static guint
alga_slot_selection_get_n_items (GListModel *list)
{
  AlgaSlotSelection *self = ALGA_SLOT_SELECTION (list);

  return self->slots->len;
}

static gpointer
alga_slot_selection_get_item (GListModel *list,
                              guint       position)
{
  AlgaSlotSelection *self = ALGA_SLOT_SELECTION (list);
  AlgaListSlot *slot;

  if (position >= self->slots->len)
    return NULL;

  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

      slot = alga_list_slot_new (item);
      g_object_weak_ref (G_OBJECT (slot), on_slot_finalized, self);
      g_ptr_array_index (self->slots, position) = slot;
      return slot;
    }

  return g_object_ref (slot);
}

static void
alga_slot_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = alga_slot_selection_get_item_type;
  iface->get_n_items = alga_slot_selection_get_n_items;
  iface->get_item = alga_slot_selection_get_item;
}

static gboolean
alga_slot_selection_is_selected (GtkSelectionModel *model,
                                 guint              position)
{
  return gtk_selection_model_is_selected (ALGA_SLOT_SELECTION (model)->model, position);
}

static GtkBitset *
alga_slot_selection_get_selection_in_range (GtkSelectionModel *model,
                                            guint              position,
                                            guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (ALGA_SLOT_SELECTION (model)->model,
                                                     position, n_items);
}

static gboolean
alga_slot_selection_select_item (GtkSelectionModel *model,
                                 guint              position,
                                 gboolean           unselect_rest)
{
  return gtk_selection_model_select_item (ALGA_SLOT_SELECTION (model)->model,
                                          position, unselect_rest);
}

static gboolean
alga_slot_selection_unselect_item (GtkSelectionModel *model,
                                   guint              position)
{
  return gtk_selection_model_unselect_item (ALGA_SLOT_SELECTION (model)->model, position);
}

static gboolean
alga_slot_selection_select_range (GtkSelectionModel *model,
                                  guint              position,
                                  guint              n_items,
                                  gboolean           unselect_rest)
{
  return gtk_selection_model_select_range (ALGA_SLOT_SELECTION (model)->model,
                                           position, n_items, unselect_rest);
}

static gboolean
alga_slot_selection_unselect_range (GtkSelectionModel *model,
                                    guint              position,
                                    guint              n_items)
{
  return gtk_selection_model_unselect_range (ALGA_SLOT_SELECTION (model)->model,
                                             position, n_items);
}

static gboolean
alga_slot_selection_select_all (GtkSelectionModel *model)
{
  return gtk_selection_model_select_all (ALGA_SLOT_SELECTION (model)->model);
}

static gboolean
alga_slot_selection_unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (ALGA_SLOT_SELECTION (model)->model);
}

static gboolean
alga_slot_selection_set_selection (GtkSelectionModel *model,
                                   GtkBitset         *selected,
                                   GtkBitset         *mask)
{
  return gtk_selection_model_set_selection (ALGA_SLOT_SELECTION (model)->model, selected, mask);
}

static void
alga_slot_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = alga_slot_selection_is_selected;
  iface->get_selection_in_range = alga_slot_selection_get_selection_in_range;
  iface->select_item = alga_slot_selection_select_item;
  iface->unselect_item = alga_slot_selection_unselect_item;
  iface->select_range = alga_slot_selection_select_range;
  iface->unselect_range = alga_slot_selection_unselect_range;
  iface->select_all = alga_slot_selection_select_all;
  iface->unselect_all = alga_slot_selection_unselect_all;
  iface->set_selection = alga_slot_selection_set_selection;
}

static void
alga_slot_selection_dispose (GObject *object)
{
  AlgaSlotSelection *self = ALGA_SLOT_SELECTION (object);

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      release_slots (self, 0, self->slots->len);
      g_ptr_array_set_size (self->slots, 0);
    }
  g_clear_object (&self->model);

  G_OBJECT_CLASS (alga_slot_selection_parent_class)->dispose (object);
}

static void
alga_slot_selection_finalize (GObject *object)
{
  AlgaSlotSelection *self = ALGA_SLOT_SELECTION (object);

  g_ptr_array_unref (self->slots);

  G_OBJECT_CLASS (alga_slot_selection_parent_class)->finalize (object);
}

static void
alga_slot_selection_class_init (AlgaSlotSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_slot_selection_dispose;
  object_class->finalize = alga_slot_selection_finalize;
}

static void
alga_slot_selection_init (AlgaSlotSelection *self)
{
  self->slots = g_ptr_array_new ();
}

/**
 * alga_slot_selection_new:
 * @model: the selection model whose items the slots show
 *
 * Returns: (transfer full): a selection model of slots over @model
 */
AlgaSlotSelection *
alga_slot_selection_new (GtkSelectionModel *model)
{
  AlgaSlotSelection *self;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (model), NULL);

  self = g_object_new (ALGA_TYPE_SLOT_SELECTION, NULL);
  self->model = g_object_ref (model);
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * alga_slot_selection_set_in_place:
 * @self: the slot selection
 * @in_place: whether the model's changes are shown in place
 *
 * While set, a change of the model leaves the slots where they are and changes what they show:
 * for a change that replaces the rows (a search), where following each item does not matter.
 */
void
alga_slot_selection_set_in_place (AlgaSlotSelection *self,
                                  gboolean           in_place)
{
  g_return_if_fail (ALGA_IS_SLOT_SELECTION (self));

  self->in_place = !!in_place;
}
