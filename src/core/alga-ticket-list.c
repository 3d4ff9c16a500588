/* alga-ticket-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket-list"

#include "config.h"

#include "alga-ticket-list.h"
#include "alga-error.h"
#include "alga-pagination.h"

#define DEFAULT_PAGE_SIZE 25
/* Confirming cached items asks for this many per request (rounded down to whole pages). */
#define MAX_LIMIT 100

struct _AlgaTicketList
{
  GObject          parent_instance;

  AlgaClient      *client;
  AlgaTicketQuery *query;
  guint            page_size;

  GPtrArray       *items;       /* AlgaTicket, in server order */
  GHashTable      *by_id;       /* ticket_id → AlgaTicket in items */

  /* Each fetch belongs to a generation; an answer of an older one is dropped unseen. */
  GCancellable    *cancellable;
  guint            generation;
  guint            loaded_pages;

  AlgaCache       *cache;
  char            *view_key;

  guint            total;
  GError          *error;
  guint            loading : 1;
  guint            has_more : 1;
  guint            cached : 1;
  guint            offline : 1;
};

static void alga_ticket_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaTicketList, alga_ticket_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      alga_ticket_list_list_model_init))

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_QUERY,
  PROP_LOADING,
  PROP_HAS_MORE,
  PROP_TOTAL,
  PROP_ERROR,
  PROP_CACHE,
  PROP_CACHED,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GWeakRef   self;
  guint      generation;
  guint      page;
  guint      last_page;   /* fetch pages page..last_page, then merge them all */
  guint      limit;       /* tickets per page: the list's page size or a multiple of it */
  gboolean   append;      /* load_more: add the page after the items */
  GPtrArray *tickets;     /* AlgaTicket, accumulated over the pages */
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_weak_ref_clear (&data->self);
  g_clear_pointer (&data->tickets, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchData, fetch_data_free)

static void fetch_page (AlgaTicketList *self,
                        FetchData      *data);

static void
set_loading (AlgaTicketList *self,
             gboolean        loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_has_more (AlgaTicketList *self,
              gboolean        has_more)
{
  if (self->has_more == !!has_more)
    return;

  self->has_more = !!has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
set_total (AlgaTicketList *self,
           guint           total)
{
  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

static void
set_cached (AlgaTicketList *self,
            gboolean        cached)
{
  if (self->cached == !!cached)
    return;

  self->cached = !!cached;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHED]);
}

static void
set_offline (AlgaTicketList *self,
             gboolean        offline)
{
  if (self->offline == !!offline)
    return;

  self->offline = !!offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

static const char *
get_view_key (AlgaTicketList *self)
{
  if (self->view_key == NULL)
    self->view_key = alga_cache_build_view_key (self->query);

  return self->view_key;
}

static void
set_error (AlgaTicketList *self,
           const GError   *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Drops whatever is in flight: its answer will belong to an old generation. */
static void
new_generation (AlgaTicketList *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
}

static void
start_fetch_full (AlgaTicketList *self,
                  guint           first_page,
                  guint           last_page,
                  guint           limit,
                  gboolean        append)
{
  FetchData *data = g_new0 (FetchData, 1);

  g_weak_ref_init (&data->self, self);
  data->generation = self->generation;
  data->page = first_page;
  data->last_page = MAX (first_page, last_page);
  data->limit = limit;
  data->append = append;
  data->tickets = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_freeze_notify (G_OBJECT (self));
  set_error (self, NULL);
  set_loading (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  fetch_page (self, data);
}

static void
start_fetch (AlgaTicketList *self,
             guint           first_page,
             guint           last_page,
             gboolean        append)
{
  start_fetch_full (self, first_page, last_page, self->page_size, append);
}

static void
remove_range (AlgaTicketList *self,
              guint           position,
              guint           count)
{
  for (guint i = position; i < position + count; i++)
    g_hash_table_remove (self->by_id,
                         alga_ticket_get_ticket_id (g_ptr_array_index (self->items, i)));
  g_ptr_array_remove_range (self->items, position, count);
  g_list_model_items_changed (G_LIST_MODEL (self), position, count, 0);
}

static void
insert_item (AlgaTicketList *self,
             guint           position,
             AlgaTicket     *ticket)
{
  g_ptr_array_insert (self->items, position, g_object_ref (ticket));
  g_hash_table_insert (self->by_id, (gpointer) alga_ticket_get_ticket_id (ticket), ticket);
}

/* Turns fetched tickets into the list's own objects: a ticket already listed is updated in
 * place (notifying only what changed) and stands for the fetched copy; duplicates, which
 * appear when tickets move between pages, are dropped. */
static GPtrArray *
adopt_tickets (AlgaTicketList *self,
               GPtrArray      *fetched)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *adopted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < fetched->len; i++)
    {
      AlgaTicket *ticket = g_ptr_array_index (fetched, i);
      const char *id = alga_ticket_get_ticket_id (ticket);
      AlgaTicket *existing;

      if (!g_hash_table_add (seen, (gpointer) id))
        continue;

      existing = g_hash_table_lookup (self->by_id, id);
      if (existing != NULL)
        {
          alga_ticket_update_from (existing, ticket);
          ticket = existing;
        }

      g_ptr_array_add (adopted, g_object_ref (ticket));
    }

  return adopted;
}

/* Makes the items equal to wanted (already adopted) with few, small items-changed: runs of
 * removals and of insertions each become one signal, and kept items are never re-inserted
 * unless their order changed. */
static void
merge_items (AlgaTicketList *self,
             GPtrArray      *wanted)
{
  g_autoptr(GHashTable) wanted_set = g_hash_table_new (NULL, NULL);
  guint j = 0;

  for (guint i = 0; i < wanted->len; i++)
    g_hash_table_add (wanted_set, g_ptr_array_index (wanted, i));

  for (guint i = self->items->len; i > 0;)
    {
      guint end = i;

      while (i > 0 && !g_hash_table_contains (wanted_set, g_ptr_array_index (self->items, i - 1)))
        i--;

      if (i < end)
        remove_range (self, i, end - i);
      else
        i--;
    }

  for (guint n = 0; n < wanted->len;)
    {
      AlgaTicket *ticket = g_ptr_array_index (wanted, n);
      guint k;

      if (j < self->items->len && g_ptr_array_index (self->items, j) == ticket)
        {
          j++;
          n++;
        }
      else if (g_ptr_array_find (self->items, ticket, &k))
        {
          /* Moved: its sort key changed. */
          g_autoptr(AlgaTicket) moved = g_ptr_array_steal_index (self->items, k);

          g_list_model_items_changed (G_LIST_MODEL (self), k, 1, 0);
          g_ptr_array_insert (self->items, j, g_steal_pointer (&moved));
          g_list_model_items_changed (G_LIST_MODEL (self), j, 0, 1);
          j++;
          n++;
        }
      else
        {
          guint start = j;

          while (n < wanted->len &&
                 !g_hash_table_contains (self->by_id,
                                         alga_ticket_get_ticket_id (g_ptr_array_index (wanted, n))))
            insert_item (self, j++, g_ptr_array_index (wanted, n++));

          g_list_model_items_changed (G_LIST_MODEL (self), start, 0, j - start);
        }
    }
}

static void
append_items (AlgaTicketList *self,
              GPtrArray      *adopted)
{
  guint start = self->items->len;

  for (guint i = 0; i < adopted->len; i++)
    {
      AlgaTicket *ticket = g_ptr_array_index (adopted, i);

      /* Already listed (updated in place by adopt_tickets): it moved down a page. */
      if (g_hash_table_contains (self->by_id, alga_ticket_get_ticket_id (ticket)))
        continue;

      insert_item (self, self->items->len, ticket);
    }

  if (self->items->len > start)
    g_list_model_items_changed (G_LIST_MODEL (self), start, 0, self->items->len - start);
}

/* Shows the view as the cache last saw it, when there is nothing better to show. */
static gboolean
fill_from_cache (AlgaTicketList *self)
{
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_more = FALSE;
  guint total = 0;

  if (self->cache == NULL || self->items->len > 0)
    return FALSE;

  tickets = alga_cache_load_view (self->cache, get_view_key (self), &total, &has_more, NULL,
                                  &error);
  if (tickets == NULL || tickets->len == 0)
    {
      if (error != NULL)
        g_debug ("No cached view: %s", error->message);
      return FALSE;
    }

  for (guint i = 0; i < tickets->len; i++)
    if (!g_hash_table_contains (self->by_id,
                                alga_ticket_get_ticket_id (g_ptr_array_index (tickets, i))))
      insert_item (self, self->items->len, g_ptr_array_index (tickets, i));

  self->loaded_pages = (self->items->len + self->page_size - 1) / self->page_size;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->items->len);

  g_object_freeze_notify (G_OBJECT (self));
  set_total (self, MAX (total, self->items->len));
  /* No paging further until the server has confirmed what is shown. */
  set_has_more (self, FALSE);
  set_cached (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/* Fetches every cached item again in as few requests as whole pages allow, and merges. */
static void
confirm_cached (AlgaTicketList *self)
{
  guint pages = MAX (1, (self->items->len + self->page_size - 1) / self->page_size);
  guint limit = MAX (1, MAX_LIMIT / self->page_size) * self->page_size;
  guint n_requests;

  limit = MIN (limit, pages * self->page_size);
  n_requests = (pages * self->page_size + limit - 1) / limit;

  new_generation (self);
  start_fetch_full (self, 1, n_requests, limit, FALSE);
}

static void
write_back (AlgaTicketList *self,
            guint           position)
{
  g_autoptr(GPtrArray) slice = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cache == NULL)
    return;

  slice = g_ptr_array_new_full (self->items->len - position, g_object_unref);
  for (guint i = position; i < self->items->len; i++)
    g_ptr_array_add (slice, g_object_ref (g_ptr_array_index (self->items, i)));

  if (!alga_cache_store_view (self->cache, get_view_key (self), position, slice, self->total,
                              self->has_more, &error))
    g_debug ("Could not cache the view: %s", error->message);
}

static void
list_tickets_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FetchData) data = user_data;
  g_autoptr(AlgaTicketList) self = g_weak_ref_get (&data->self);
  g_autoptr(AlgaPagination) pagination = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GPtrArray) adopted = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_next;
  guint appended_at;

  tickets = alga_client_list_tickets_finish (ALGA_CLIENT (source), result, &pagination, &error);

  if (self == NULL || data->generation != self->generation)
    {
      g_debug ("Dropping a stale page %u", data->page);
      return;
    }

  if (error != NULL)
    {
      g_object_freeze_notify (G_OBJECT (self));
      set_error (self, error);
      set_offline (self, alga_api_error_is_unreachable (error));
      set_loading (self, FALSE);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  g_ptr_array_extend_and_steal (data->tickets, g_steal_pointer (&tickets));
  has_next = pagination != NULL ? pagination->has_next : FALSE;

  if (has_next && data->page < data->last_page)
    {
      data->page++;
      fetch_page (self, g_steal_pointer (&data));
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  appended_at = data->append ? self->items->len : 0;
  adopted = adopt_tickets (self, data->tickets);
  if (data->append)
    append_items (self, adopted);
  else
    merge_items (self, adopted);

  self->loaded_pages = data->page * (data->limit / self->page_size);
  set_total (self, pagination != NULL ? pagination->total : self->items->len);
  set_has_more (self, has_next);
  set_cached (self, FALSE);
  set_offline (self, FALSE);
  set_loading (self, FALSE);
  write_back (self, appended_at);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
fetch_page (AlgaTicketList *self,
            FetchData      *data)
{
  alga_client_list_tickets_async (self->client, self->query, data->page, data->limit,
                                  self->cancellable, list_tickets_cb, data);
}

static GType
alga_ticket_list_get_item_type (GListModel *model)
{
  return ALGA_TYPE_TICKET;
}

static guint
alga_ticket_list_get_n_items (GListModel *model)
{
  return ALGA_TICKET_LIST (model)->items->len;
}

static gpointer
alga_ticket_list_get_item (GListModel *model,
                           guint       position)
{
  AlgaTicketList *self = ALGA_TICKET_LIST (model);

  /* Reading an item loads nothing: a filter, a search or a lookup reads every item without
   * anyone scrolling. The next page comes from alga_ticket_list_load_more() alone, which the
   * list view calls when it is scrolled near its end. */
  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
alga_ticket_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = alga_ticket_list_get_item_type;
  iface->get_n_items = alga_ticket_list_get_n_items;
  iface->get_item = alga_ticket_list_get_item;
}

static void
alga_ticket_list_dispose (GObject *object)
{
  AlgaTicketList *self = ALGA_TICKET_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (alga_ticket_list_parent_class)->dispose (object);
}

static void
alga_ticket_list_finalize (GObject *object)
{
  AlgaTicketList *self = ALGA_TICKET_LIST (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->query, alga_ticket_query_free);
  g_clear_pointer (&self->view_key, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (alga_ticket_list_parent_class)->finalize (object);
}

static void
alga_ticket_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AlgaTicketList *self = ALGA_TICKET_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_CACHED:
      g_value_set_boolean (value, self->cached);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AlgaTicketList *self = ALGA_TICKET_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      if (self->client == NULL || self->query == NULL)
        {
          /* At construction: keep it, nothing to reload yet. */
          g_clear_pointer (&self->query, alga_ticket_query_free);
          self->query = g_value_get_boxed (value) != NULL ?
                        alga_ticket_query_copy (g_value_get_boxed (value)) :
                        alga_ticket_query_new ();
        }
      else
        {
          alga_ticket_list_set_query (self, g_value_get_boxed (value));
        }
      break;
    case PROP_CACHE:
      alga_ticket_list_set_cache (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_list_class_init (AlgaTicketListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_ticket_list_dispose;
  object_class->finalize = alga_ticket_list_finalize;
  object_class->get_property = alga_ticket_list_get_property;
  object_class->set_property = alga_ticket_list_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ALGA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, ALGA_TYPE_TICKET_QUERY,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, ALGA_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* The items come from the cache and the server has not confirmed them yet. */
  properties[PROP_CACHED] =
    g_param_spec_boolean ("cached", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* The last fetch could not reach the server. */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_ticket_list_init (AlgaTicketList *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
}

/**
 * alga_ticket_list_new:
 * @client: the client to fetch with
 * @query: (nullable): the tickets to list; %NULL for all
 *
 * A list that stays empty until alga_ticket_list_reload().
 *
 * Returns: (transfer full): a new #AlgaTicketList
 */
AlgaTicketList *
alga_ticket_list_new (AlgaClient            *client,
                      const AlgaTicketQuery *query)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);

  return g_object_new (ALGA_TYPE_TICKET_LIST,
                       "client", client,
                       "query", query,
                       NULL);
}

AlgaClient *
alga_ticket_list_get_client (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), NULL);

  return self->client;
}

const AlgaTicketQuery *
alga_ticket_list_get_query (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), NULL);

  return self->query;
}

static gboolean
queries_differ_in_search_only (const AlgaTicketQuery *a,
                               const AlgaTicketQuery *b)
{
  g_autoptr(AlgaTicketQuery) a_plain = alga_ticket_query_copy (a);
  g_autoptr(AlgaTicketQuery) b_plain = alga_ticket_query_copy (b);

  alga_ticket_query_set_search (a_plain, NULL);
  alga_ticket_query_set_search (b_plain, NULL);

  return alga_ticket_query_equal (a_plain, b_plain);
}

/**
 * alga_ticket_list_set_query:
 * @self: a ticket list
 * @query: (nullable): the tickets to list; %NULL for all
 *
 * Empties the list and loads page 1 of @query. A page of the previous query that is still on
 * its way is dropped when it arrives. Nothing happens if @query equals the current query.
 * When only the search text differs, the items stay until page 1 of @query replaces them
 * (merged: tickets in both keep their objects).
 */
void
alga_ticket_list_set_query (AlgaTicketList        *self,
                            const AlgaTicketQuery *query)
{
  g_autoptr(AlgaTicketQuery) fallback = NULL;
  gboolean only_search_changed;
  guint n_items;

  g_return_if_fail (ALGA_IS_TICKET_LIST (self));

  if (query == NULL)
    query = fallback = alga_ticket_query_new ();

  if (alga_ticket_query_equal (self->query, query))
    return;

  only_search_changed = !self->cached && queries_differ_in_search_only (self->query, query);
  alga_ticket_query_free (self->query);
  self->query = alga_ticket_query_copy (query);
  g_clear_pointer (&self->view_key, g_free);

  new_generation (self);
  self->loaded_pages = 0;

  g_object_freeze_notify (G_OBJECT (self));

  /* Another query's tickets would be wrong answers while the new ones load; but when only the
   * search text changed, the view already narrows them on the client (AlgaTicketListView's
   * filter-text), and the answer replaces them in place without the list flashing empty. */
  n_items = self->items->len;
  if (n_items > 0 && !only_search_changed)
    remove_range (self, 0, n_items);
  if (!only_search_changed)
    set_total (self, 0);
  set_has_more (self, FALSE);
  set_cached (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  if (fill_from_cache (self))
    confirm_cached (self);
  else
    start_fetch (self, 1, 1, FALSE);

  g_object_thaw_notify (G_OBJECT (self));
}

guint
alga_ticket_list_get_page_size (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), DEFAULT_PAGE_SIZE);

  return self->page_size;
}

/**
 * alga_ticket_list_set_page_size:
 * @self: a ticket list
 * @page_size: tickets per request, 1 to 100
 *
 * Takes effect with the next reload.
 */
void
alga_ticket_list_set_page_size (AlgaTicketList *self,
                                guint           page_size)
{
  g_return_if_fail (ALGA_IS_TICKET_LIST (self));

  self->page_size = CLAMP (page_size, 1, 100);
}

/**
 * alga_ticket_list_reload:
 * @self: a ticket list
 *
 * Fetches page 1 again, dropping any fetch in flight, and merges it into the items: tickets
 * still there keep their objects (updated in place), others go, new ones come in.
 *
 * An empty list with a cache first shows the view's cached items; cached items are all
 * fetched again, so that none of them vanishes merely for being beyond page 1.
 */
void
alga_ticket_list_reload (AlgaTicketList *self)
{
  g_return_if_fail (ALGA_IS_TICKET_LIST (self));

  if (fill_from_cache (self) || self->cached)
    {
      confirm_cached (self);
      return;
    }

  new_generation (self);
  start_fetch (self, 1, 1, FALSE);
}

/**
 * alga_ticket_list_refresh:
 * @self: a ticket list
 *
 * Like alga_ticket_list_reload(), but fetches as many pages as are loaded, so that the items
 * further down stay where they are.
 */
void
alga_ticket_list_refresh (AlgaTicketList *self)
{
  g_return_if_fail (ALGA_IS_TICKET_LIST (self));

  new_generation (self);
  start_fetch (self, 1, MAX (self->loaded_pages, 1), FALSE);
}

/**
 * alga_ticket_list_load_more:
 * @self: a ticket list
 *
 * Fetches the next page and appends it, unless a fetch is running or there is no next page.
 */
void
alga_ticket_list_load_more (AlgaTicketList *self)
{
  g_return_if_fail (ALGA_IS_TICKET_LIST (self));

  if (self->loading || !self->has_more)
    return;

  start_fetch (self, self->loaded_pages + 1, self->loaded_pages + 1, TRUE);
}

AlgaCache *
alga_ticket_list_get_cache (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), NULL);

  return self->cache;
}

/**
 * alga_ticket_list_set_cache:
 * @self: a ticket list
 * @cache: (nullable): the account's cache
 *
 * From the next reload or query change on, an empty list first shows what @cache holds for
 * the query, and every page fetched is written to @cache.
 */
void
alga_ticket_list_set_cache (AlgaTicketList *self,
                            AlgaCache      *cache)
{
  g_return_if_fail (ALGA_IS_TICKET_LIST (self));
  g_return_if_fail (cache == NULL || ALGA_IS_CACHE (cache));

  if (g_set_object (&self->cache, cache))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

/**
 * alga_ticket_list_get_cached:
 * @self: a ticket list
 *
 * Returns: whether the items come from the cache and the server has not confirmed them yet
 */
gboolean
alga_ticket_list_get_cached (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), FALSE);

  return self->cached;
}

/**
 * alga_ticket_list_get_offline:
 * @self: a ticket list
 *
 * Returns: whether the last fetch could not reach the server; the items are then the last
 *   ones known, from the cache or from before
 */
gboolean
alga_ticket_list_get_offline (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), FALSE);

  return self->offline;
}

gboolean
alga_ticket_list_get_loading (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), FALSE);

  return self->loading;
}

gboolean
alga_ticket_list_get_has_more (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), FALSE);

  return self->has_more;
}

/**
 * alga_ticket_list_get_total:
 * @self: a ticket list
 *
 * Returns: how many tickets match the query on the server, as its last page said
 */
guint
alga_ticket_list_get_total (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), 0);

  return self->total;
}

/**
 * alga_ticket_list_get_error:
 * @self: a ticket list
 *
 * Returns: (nullable): why the last fetch failed; %NULL once a fetch starts again
 */
const GError *
alga_ticket_list_get_error (AlgaTicketList *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), NULL);

  return self->error;
}

/**
 * alga_ticket_list_find:
 * @self: a ticket list
 * @ticket_id: a ticket id
 * @position: (out) (optional): where the ticket is
 *
 * Returns: (transfer none) (nullable): the listed ticket with @ticket_id
 */
AlgaTicket *
alga_ticket_list_find (AlgaTicketList *self,
                       const char     *ticket_id,
                       guint          *position)
{
  AlgaTicket *ticket;

  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), NULL);

  if (ticket_id == NULL)
    return NULL;

  ticket = g_hash_table_lookup (self->by_id, ticket_id);
  if (ticket != NULL && position != NULL)
    g_ptr_array_find (self->items, ticket, position);

  return ticket;
}

/**
 * alga_ticket_list_update_ticket:
 * @self: a ticket list
 * @ticket: a fresher copy of a ticket (a detail, or the answer of a change)
 *
 * Merges @ticket into the listed ticket with its id, and removes that one if it no longer
 * matches the query (closed in an open view, assigned away from "mine"), without asking the
 * server. A ticket not listed is ignored: where it belongs only the server can tell.
 *
 * Returns: whether a listed ticket was updated or removed
 */
gboolean
alga_ticket_list_update_ticket (AlgaTicketList *self,
                                AlgaTicket     *ticket)
{
  AlgaTicket *listed;
  guint position;

  g_return_val_if_fail (ALGA_IS_TICKET_LIST (self), FALSE);
  g_return_val_if_fail (ALGA_IS_TICKET (ticket), FALSE);

  listed = alga_ticket_list_find (self, alga_ticket_get_ticket_id (ticket), &position);
  if (listed == NULL)
    return FALSE;

  if (listed != ticket)
    alga_ticket_update_from (listed, ticket);

  if (!alga_ticket_query_matches (self->query, listed))
    {
      remove_range (self, position, 1);
      if (self->total > 0)
        set_total (self, self->total - 1);
    }

  return TRUE;
}
