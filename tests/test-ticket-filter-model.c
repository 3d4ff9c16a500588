/* test-ticket-filter-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list's search filter: what it shows is always the model's tickets that hold the needle,
 * in order, and the changes it reports, replayed on a copy, always give what it shows.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "alga-test-utils.h"
#include "alga-ticket-filter-model.h"
#include "alga-ticket.h"

typedef struct
{
  GListStore            *store;
  AlgaTicketFilterModel *filter;
  GPtrArray             *replayed;   /* the filter's items, as its changes said */
  guint                  changes;
  guint                  n;
} Fixture;

static AlgaTicket *
make_ticket (guint       n,
             const char *title)
{
  g_autofree char *json = g_strdup_printf ("{\"ticket_id\":\"t%u\",\"ticket_number\":\"TIC%04u\","
                                           "\"title\":\"%s\",\"client_name\":\"Client\"}",
                                           n, n, title);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  AlgaTicket *ticket = alga_ticket_new_from_json (node, &error);

  g_assert_no_error (error);
  return ticket;
}

/* A title of two to four letters from "ab" and an upper-case X, so needles match some. */
static AlgaTicket *
random_ticket (Fixture *f)
{
  static const char letters[] = "abX";
  char title[5] = { 0 };
  guint length = g_random_int_range (2, 5);

  for (guint i = 0; i < length; i++)
    title[i] = letters[g_random_int_range (0, 3)];

  return make_ticket (++f->n, title);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  g_assert_cmpuint (position + removed, <=, f->replayed->len);
  g_ptr_array_remove_range (f->replayed, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->replayed, position + i, g_list_model_get_item (model, position + i));
  f->changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = g_list_store_new (ALGA_TYPE_TICKET);
  f->filter = alga_ticket_filter_model_new ();
  f->replayed = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->filter, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  alga_ticket_filter_model_set_model (f->filter, G_LIST_MODEL (f->store));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->filter);
  g_clear_object (&f->store);
  g_clear_pointer (&f->replayed, g_ptr_array_unref);
}

/* The filter shows the store's tickets that hold the needle, in order, and its reported
 * changes give the same. */
static void
assert_consistent (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->filter);
  const char *needle = alga_ticket_filter_model_get_needle (f->filter);
  guint n_store = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  guint shown = 0;

  for (guint i = 0; i < n_store; i++)
    {
      g_autoptr(AlgaTicket) ticket = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      g_autoptr(AlgaTicket) item = NULL;

      if (needle != NULL && strstr (alga_ticket_get_search_text (ticket), needle) == NULL)
        continue;

      item = g_list_model_get_item (model, shown);
      g_assert_true (item == ticket);
      g_assert_true (g_ptr_array_index (f->replayed, shown) == ticket);
      shown++;
    }

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, shown);
  g_assert_cmpuint (f->replayed->len, ==, shown);
  g_assert_null (g_list_model_get_item (model, shown));
}

static void
test_needles (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AlgaTicket) ab = make_ticket (1, "ab");
  g_autoptr(AlgaTicket) ba = make_ticket (2, "ba");
  g_autoptr(AlgaTicket) bb = make_ticket (3, "bb");
  guint changes;

  g_list_store_append (f->store, ab);
  g_list_store_append (f->store, ba);
  g_list_store_append (f->store, bb);
  assert_consistent (f);

  alga_ticket_filter_model_set_needle (f->filter, "a");
  assert_consistent (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->filter)), ==, 2);

  /* Longer: only what was shown is tested again. */
  alga_ticket_filter_model_set_needle (f->filter, "ab");
  assert_consistent (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->filter)), ==, 1);

  /* The title, the number and the client, casefolded, as the server searches. */
  alga_ticket_filter_model_set_needle (f->filter, "tic0003");
  assert_consistent (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->filter)), ==, 1);
  alga_ticket_filter_model_set_needle (f->filter, "client");
  assert_consistent (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->filter)), ==, 3);

  /* The same needle again changes nothing, and reports nothing. */
  changes = f->changes;
  alga_ticket_filter_model_set_needle (f->filter, "client");
  g_assert_cmpuint (f->changes, ==, changes);

  alga_ticket_filter_model_set_needle (f->filter, "nothing");
  assert_consistent (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->filter)), ==, 0);

  alga_ticket_filter_model_set_needle (f->filter, NULL);
  assert_consistent (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->filter)), ==, 3);
}

/* One range, from the first item that changed to the last, as GTK's filter reports it. */
static void
on_range_cb (GListModel *model,
             guint       position,
             guint       removed,
             guint       added,
             GArray     *ranges)
{
  guint range[3] = { position, removed, added };

  g_array_append_vals (ranges, range, 3);
}

static void
test_one_range (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(AlgaTicket) ticket = make_ticket (i, i == 3 || i == 6 ? "other" : "match");

      g_list_store_append (f->store, ticket);
    }
  alga_ticket_filter_model_set_needle (f->filter, "match");
  assert_consistent (f);

  g_signal_connect (f->filter, "items-changed", G_CALLBACK (on_range_cb), ranges);
  /* Shown: tickets 0-2, 4-5 and 7-9; now all: tickets 4 and 5, at 3 and 4, become 3 to 6. */
  alga_ticket_filter_model_set_needle (f->filter, NULL);
  g_assert_cmpuint (ranges->len, ==, 3);
  g_assert_cmpuint (g_array_index (ranges, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (ranges, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (ranges, guint, 2), ==, 4);
  assert_consistent (f);

  /* An item appended to the model while filtering: the change is at the end. */
  g_array_set_size (ranges, 0);
  alga_ticket_filter_model_set_needle (f->filter, "match");
  g_array_set_size (ranges, 0);
  {
    g_autoptr(AlgaTicket) ticket = make_ticket (10, "match too");

    g_list_store_append (f->store, ticket);
  }
  g_assert_cmpuint (ranges->len, ==, 3);
  g_assert_cmpuint (g_array_index (ranges, guint, 0), ==, 8);
  g_assert_cmpuint (g_array_index (ranges, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (ranges, guint, 2), ==, 1);
  assert_consistent (f);
  g_signal_handlers_disconnect_by_func (f->filter, G_CALLBACK (on_range_cb), ranges);
}

/* Random needles and random changes of the store, the filter checked after each. */
static void
test_random (Fixture       *f,
             gconstpointer  data)
{
  static const char * const needles[] = { NULL, "a", "ab", "aba", "b", "ba", "x", "xa", "zz", "" };

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(AlgaTicket) ticket = random_ticket (f);

      g_list_store_append (f->store, ticket);
    }

  for (guint step = 0; step < 2000; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));

      switch (g_random_int_range (0, 5))
        {
        case 0:
        case 1:
          alga_ticket_filter_model_set_needle (f->filter,
                                               needles[g_random_int_range (0, G_N_ELEMENTS (needles))]);
          break;
        case 2:
          {
            g_autoptr(AlgaTicket) ticket = random_ticket (f);

            g_list_store_insert (f->store, g_random_int_range (0, n + 1), ticket);
          }
          break;
        case 3:
          if (n > 0)
            g_list_store_remove (f->store, g_random_int_range (0, n));
          break;
        case 4:
          {
            guint position = g_random_int_range (0, n + 1);
            guint removed = g_random_int_range (0, n - position + 1);
            guint added = g_random_int_range (0, 4);
            g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

            for (guint i = 0; i < added; i++)
              g_ptr_array_add (items, random_ticket (f));
            g_list_store_splice (f->store, position, removed, items->pdata, added);
          }
          break;
        default:
          g_assert_not_reached ();
        }

      assert_consistent (f);
    }
}

/* Another model: everything it had is reported gone, and the new model's matches come. */
static void
test_set_model (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GListStore) other = g_list_store_new (ALGA_TYPE_TICKET);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(AlgaTicket) a = random_ticket (f);
      g_autoptr(AlgaTicket) b = random_ticket (f);

      g_list_store_append (f->store, a);
      g_list_store_append (other, b);
    }
  alga_ticket_filter_model_set_needle (f->filter, "a");
  assert_consistent (f);

  alga_ticket_filter_model_set_model (f->filter, G_LIST_MODEL (other));
  g_set_object (&f->store, other);
  assert_consistent (f);

  alga_ticket_filter_model_set_model (f->filter, NULL);
  g_assert_cmpuint (f->replayed->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->filter)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ticket-filter-model/needles", Fixture, NULL,
              fixture_set_up, test_needles, fixture_tear_down);
  g_test_add ("/ticket-filter-model/one-range", Fixture, NULL,
              fixture_set_up, test_one_range, fixture_tear_down);
  g_test_add ("/ticket-filter-model/random", Fixture, NULL,
              fixture_set_up, test_random, fixture_tear_down);
  g_test_add ("/ticket-filter-model/set-model", Fixture, NULL,
              fixture_set_up, test_set_model, fixture_tear_down);

  return g_test_run ();
}
