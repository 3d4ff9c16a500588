/* test-slot-selection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The slots the ticket list shows: each held slot always shows the item at its position; a
 * change made in place keeps the slots and reports only the change of length, one made
 * otherwise moves the slots with their items; the selection is the model's.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "alga-list-slot.h"
#include "alga-slot-selection.h"

typedef struct
{
  GListStore         *store;
  GtkSingleSelection *selection;
  AlgaSlotSelection  *slots;
  guint               n_replayed;   /* the slots' length, as their changes said */
  GArray             *changes;      /* guint triples: position, removed, added */
  GArray             *selection_changes;
  guint               n;
} Fixture;

static GObject *
make_item (Fixture *f)
{
  g_autofree char *name = g_strdup_printf ("item %u", ++f->n);

  return G_OBJECT (gtk_string_object_new (name));
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  guint change[] = { position, removed, added };

  g_assert_cmpuint (position + removed, <=, f->n_replayed);
  f->n_replayed = f->n_replayed - removed + added;
  g_array_append_vals (f->changes, change, 3);
}

static void
on_selection_changed_cb (GtkSelectionModel *model,
                         guint              position,
                         guint              n_items,
                         Fixture           *f)
{
  guint change[] = { position, n_items };

  g_array_append_vals (f->selection_changes, change, 2);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = g_list_store_new (G_TYPE_OBJECT);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GObject) item = make_item (f);

      g_list_store_append (f->store, item);
    }
  f->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (f->store)));
  gtk_single_selection_set_autoselect (f->selection, FALSE);
  gtk_single_selection_set_can_unselect (f->selection, TRUE);
  f->slots = alga_slot_selection_new (GTK_SELECTION_MODEL (f->selection));
  f->n_replayed = g_list_model_get_n_items (G_LIST_MODEL (f->slots));
  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  f->selection_changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->slots, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  g_signal_connect (f->slots, "selection-changed", G_CALLBACK (on_selection_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->slots);
  g_clear_object (&f->selection);
  g_clear_object (&f->store);
  g_array_unref (f->changes);
  g_array_unref (f->selection_changes);
}

static gpointer
store_item (Fixture *f,
            guint    position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (f->store), position);

  return item;
}

static AlgaListSlot *
get_slot (Fixture *f,
          guint    position)
{
  return g_list_model_get_item (G_LIST_MODEL (f->slots), position);
}

static void
splice (Fixture *f,
        guint    position,
        guint    removed,
        guint    added)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, make_item (f));
  g_list_store_splice (f->store, position, removed, items->pdata, added);
}

static void
assert_change (Fixture *f,
               guint    index,
               guint    position,
               guint    removed,
               guint    added)
{
  g_assert_cmpuint (f->changes->len, >, index * 3 + 2);
  g_assert_cmpuint (g_array_index (f->changes, guint, index * 3), ==, position);
  g_assert_cmpuint (g_array_index (f->changes, guint, index * 3 + 1), ==, removed);
  g_assert_cmpuint (g_array_index (f->changes, guint, index * 3 + 2), ==, added);
}

/* An item arriving at the top: the slots move with their items, as GTK needs to keep following
 * the focused row. */
static void
test_moving (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AlgaListSlot) first = get_slot (f, 0);
  g_autoptr(AlgaListSlot) third = get_slot (f, 2);
  gpointer third_item = alga_list_slot_get_item (third);

  g_assert_true (alga_list_slot_get_item (first) == store_item (f, 0));
  splice (f, 0, 1, 2);

  g_assert_cmpuint (f->changes->len, ==, 3);
  assert_change (f, 0, 0, 1, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==, 7);
  {
    g_autoptr(AlgaListSlot) moved = get_slot (f, 3);

    g_assert_true (moved == third);
    g_assert_true (alga_list_slot_get_item (moved) == third_item);
  }
  {
    g_autoptr(AlgaListSlot) fresh = get_slot (f, 0);

    g_assert_true (fresh != first);
    g_assert_true (alga_list_slot_get_item (fresh) == store_item (f, 0));
  }
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* A search: the slots stay, show the new items, and only the change of length is reported;
 * the rows whose items changed are asked again whether they are selected. */
static void
test_in_place (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AlgaListSlot) first = get_slot (f, 0);
  g_autoptr(AlgaListSlot) last = get_slot (f, 5);
  guint notified = 0;

  g_signal_connect_swapped (first, "notify::item", G_CALLBACK (count_cb), &notified);

  alga_slot_selection_set_in_place (f->slots, TRUE);
  splice (f, 1, 5, 2);
  alga_slot_selection_set_in_place (f->slots, FALSE);

  g_assert_cmpuint (f->changes->len, ==, 3);
  assert_change (f, 0, 3, 3, 0);
  g_assert_cmpuint (f->selection_changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->selection_changes, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (f->selection_changes, guint, 1), ==, 2);
  /* The first item did not change: its slot was not told anything. */
  g_assert_cmpuint (notified, ==, 0);
  {
    g_autoptr(AlgaListSlot) again = get_slot (f, 0);

    g_assert_true (again == first);
  }
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr(AlgaListSlot) slot = get_slot (f, i);

      g_assert_true (alga_list_slot_get_item (slot) == store_item (f, i));
    }

  /* The slot cut off at the end keeps what it showed, and stands for nothing any more. */
  g_assert_nonnull (alga_list_slot_get_item (last));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->slots), 5));

  /* Growing in place reports the new slots at the end. */
  alga_slot_selection_set_in_place (f->slots, TRUE);
  splice (f, 0, 0, 4);
  alga_slot_selection_set_in_place (f->slots, FALSE);
  assert_change (f, 1, 3, 0, 4);
  {
    g_autoptr(AlgaListSlot) again = get_slot (f, 0);

    g_assert_true (again == first);
    g_assert_true (alga_list_slot_get_item (first) == store_item (f, 0));
  }
}

/* Selecting a slot selects the model's item, and the model's selection follows its item through
 * a change in place to another slot. */
static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  gpointer item;

  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->slots), 3, TRUE));
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), ==, 3);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->slots), 3));
  item = gtk_single_selection_get_selected_item (f->selection);

  /* The first two items go: the selected one is now third. */
  alga_slot_selection_set_in_place (f->slots, TRUE);
  g_list_store_splice (f->store, 0, 2, NULL, 0);
  alga_slot_selection_set_in_place (f->slots, FALSE);

  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->slots), 1));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->slots), 3));
  {
    g_autoptr(AlgaListSlot) slot = get_slot (f, 1);

    g_assert_true (alga_list_slot_get_item (slot) == item);
  }

  g_assert_true (gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (f->slots), 1));
  g_assert_null (gtk_single_selection_get_selected_item (f->selection));
}

/* Random changes, in place or not, with slots held and let go at random: the length the
 * changes say is the model's, and every held slot that still stands for a place shows its item. */
static void
test_random (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint step = 0; step < 2000; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
      guint position = g_random_int_range (0, n + 1);
      guint removed = g_random_int_range (0, n - position + 1);
      guint added = g_random_int_range (0, 6);
      gboolean in_place = g_random_boolean ();

      if (n > 40)
        added = 0;

      alga_slot_selection_set_in_place (f->slots, in_place);
      splice (f, position, removed, added);
      alga_slot_selection_set_in_place (f->slots, FALSE);

      n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->slots)), ==, n);
      g_assert_cmpuint (f->n_replayed, ==, n);

      if (n > 0 && g_random_boolean ())
        g_ptr_array_add (held, get_slot (f, g_random_int_range (0, n)));
      if (held->len > 0 && g_random_int_range (0, 3) == 0)
        g_ptr_array_remove_index_fast (held, g_random_int_range (0, held->len));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AlgaListSlot) slot = get_slot (f, i);

          g_assert_true (alga_list_slot_get_item (slot) == store_item (f, i));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/slot-selection/moving", Fixture, NULL, fixture_set_up, test_moving, fixture_tear_down);
  g_test_add ("/slot-selection/in-place", Fixture, NULL, fixture_set_up, test_in_place, fixture_tear_down);
  g_test_add ("/slot-selection/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/slot-selection/random", Fixture, NULL, fixture_set_up, test_random, fixture_tear_down);

  return g_test_run ();
}
