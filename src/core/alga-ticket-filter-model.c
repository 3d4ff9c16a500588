/* alga-ticket-filter-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tickets of a list whose search text holds a needle: what the ticket list shows while the
 * technician types, before the server answers.
 *
 * GTK 4.8's GtkFilterListModel finds its nth item by counting through a bitset, and GTK's list
 * widgets, when the row they follow (the selected one, the one at the top) is filtered out,
 * ask for every item the change added to find it again: a first key over 10,000 tickets asked
 * for 8,800 items at 3,600 instructions each, half of what the key cost (docs/PERFORMANCE.md,
 * Search matches in an array). Here the matches are an array, and the change is reported as
 * GtkFilterListModel reports it: one range, from the first item that changed to the last.
 */

#define G_LOG_DOMAIN "alga-ticket-filter-model"

#include "config.h"

#include <string.h>

#include "alga-ticket.h"
#include "alga-ticket-filter-model.h"

struct _AlgaTicketFilterModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_id;

  /* Casefolded; NULL shows every item of the model, and then there is no array. */
  char       *needle;
  GPtrArray  *matches;    /* AlgaTicket, in the model's order */
};

static void alga_ticket_filter_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaTicketFilterModel, alga_ticket_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      alga_ticket_filter_model_list_model_init))

static gboolean
matches (AlgaTicket *ticket,
         const char *needle)
{
  return strstr (alga_ticket_get_search_text (ticket), needle) != NULL;
}

/* The model's items that hold @needle; or, with @from, those of @from. */
static GPtrArray *
find_matches (AlgaTicketFilterModel *self,
              const char            *needle,
              GPtrArray             *from)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  if (from != NULL)
    {
      for (guint i = 0; i < from->len; i++)
        if (matches (g_ptr_array_index (from, i), needle))
          g_ptr_array_add (found, g_object_ref (g_ptr_array_index (from, i)));
    }
  else if (self->model != NULL)
    {
      guint n = g_list_model_get_n_items (self->model);

      for (guint i = 0; i < n; i++)
        {
          AlgaTicket *ticket = g_list_model_get_item (self->model, i);

          if (matches (ticket, needle))
            g_ptr_array_add (found, ticket);
          else
            g_object_unref (ticket);
        }
    }

  return found;
}

/* The @position-th item of @list, or of the model when @list is NULL: only to compare. */
static gpointer
peek (AlgaTicketFilterModel *self,
      GPtrArray             *list,
      guint                  position)
{
  gpointer item;

  if (list != NULL)
    return g_ptr_array_index (list, position);

  item = g_list_model_get_item (self->model, position);
  /* The model keeps its own reference while the change is worked out. */
  g_object_unref (item);

  return item;
}

/* Reports the change from @before to @after (NULL: the model's items) as one range. */
static void
report_change (AlgaTicketFilterModel *self,
               GPtrArray             *before,
               GPtrArray             *after)
{
  guint n_model = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint n_before = before != NULL ? before->len : n_model;
  guint n_after = after != NULL ? after->len : n_model;
  guint prefix = 0, suffix = 0;

  if (before == NULL && after == NULL)
    return;

  while (prefix < n_before && prefix < n_after
         && peek (self, before, prefix) == peek (self, after, prefix))
    prefix++;
  while (suffix < n_before - prefix && suffix < n_after - prefix
         && peek (self, before, n_before - 1 - suffix) == peek (self, after, n_after - 1 - suffix))
    suffix++;

  if (n_before - prefix - suffix > 0 || n_after - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                n_before - prefix - suffix, n_after - prefix - suffix);
}

static void
on_items_changed_cb (GListModel            *model,
                     guint                  position,
                     guint                  removed,
                     guint                  added,
                     AlgaTicketFilterModel *self)
{
  g_autoptr(GPtrArray) before = NULL;

  if (self->needle == NULL)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  before = g_steal_pointer (&self->matches);
  self->matches = find_matches (self, self->needle, NULL);
  report_change (self, before, self->matches);
}

static GType
alga_ticket_filter_model_get_item_type (GListModel *list)
{
  return ALGA_TYPE_TICKET;
}

static guint
alga_ticket_filter_model_get_n_items (GListModel *list)
{
  AlgaTicketFilterModel *self = ALGA_TICKET_FILTER_MODEL (list);

  if (self->matches != NULL)
    return self->matches->len;

  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static gpointer
alga_ticket_filter_model_get_item (GListModel *list,
                                   guint       position)
{
  AlgaTicketFilterModel *self = ALGA_TICKET_FILTER_MODEL (list);

  if (self->matches != NULL)
    return position < self->matches->len
           ? g_object_ref (g_ptr_array_index (self->matches, position)) : NULL;

  return self->model != NULL ? g_list_model_get_item (self->model, position) : NULL;
}

static void
alga_ticket_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = alga_ticket_filter_model_get_item_type;
  iface->get_n_items = alga_ticket_filter_model_get_n_items;
  iface->get_item = alga_ticket_filter_model_get_item;
}

static void
alga_ticket_filter_model_dispose (GObject *object)
{
  AlgaTicketFilterModel *self = ALGA_TICKET_FILTER_MODEL (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_ticket_filter_model_parent_class)->dispose (object);
}

static void
alga_ticket_filter_model_finalize (GObject *object)
{
  AlgaTicketFilterModel *self = ALGA_TICKET_FILTER_MODEL (object);

  g_free (self->needle);

  G_OBJECT_CLASS (alga_ticket_filter_model_parent_class)->finalize (object);
}

static void
alga_ticket_filter_model_class_init (AlgaTicketFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_ticket_filter_model_dispose;
  object_class->finalize = alga_ticket_filter_model_finalize;
}

static void
alga_ticket_filter_model_init (AlgaTicketFilterModel *self)
{
}

AlgaTicketFilterModel *
alga_ticket_filter_model_new (void)
{
  return g_object_new (ALGA_TYPE_TICKET_FILTER_MODEL, NULL);
}

GListModel *
alga_ticket_filter_model_get_model (AlgaTicketFilterModel *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_FILTER_MODEL (self), NULL);

  return self->model;
}

/**
 * alga_ticket_filter_model_set_model:
 * @self: a filter model
 * @model: (nullable): a list of #AlgaTicket
 *
 * Shows the tickets of @model, in its order; every item is reported changed.
 */
void
alga_ticket_filter_model_set_model (AlgaTicketFilterModel *self,
                                    GListModel            *model)
{
  guint removed;

  g_return_if_fail (ALGA_IS_TICKET_FILTER_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  removed = g_list_model_get_n_items (G_LIST_MODEL (self));
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_id = g_signal_connect (model, "items-changed",
                                               G_CALLBACK (on_items_changed_cb), self);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  if (self->needle != NULL)
    self->matches = find_matches (self, self->needle, NULL);

  if (removed > 0 || g_list_model_get_n_items (G_LIST_MODEL (self)) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed,
                                g_list_model_get_n_items (G_LIST_MODEL (self)));
}

const char *
alga_ticket_filter_model_get_needle (AlgaTicketFilterModel *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_FILTER_MODEL (self), NULL);

  return self->needle;
}

/**
 * alga_ticket_filter_model_set_needle:
 * @self: a filter model
 * @needle: (nullable): casefolded text the tickets' search text must hold, or %NULL for all
 *
 * A longer needle than the last one can only hide more, so only the tickets shown are tested
 * again; otherwise every ticket of the model is.
 */
void
alga_ticket_filter_model_set_needle (AlgaTicketFilterModel *self,
                                     const char            *needle)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autofree char *old = NULL;

  g_return_if_fail (ALGA_IS_TICKET_FILTER_MODEL (self));

  if (g_strcmp0 (self->needle, needle) == 0)
    return;

  old = g_steal_pointer (&self->needle);
  self->needle = g_strdup (needle);
  before = g_steal_pointer (&self->matches);

  if (needle != NULL)
    self->matches = find_matches (self, needle,
                                  old != NULL && strstr (needle, old) != NULL ? before : NULL);

  report_change (self, before, self->matches);
}
