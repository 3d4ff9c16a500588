/* alga-ticket-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket-stats"

#include "config.h"

#include "alga-ticket-stats.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_TOTAL_TICKETS,
  PROP_OPEN_TICKETS,
  PROP_CLOSED_TICKETS,
  PROP_UNASSIGNED_TICKETS,
  PROP_OVERDUE_TICKETS,
  PROP_TICKETS_CREATED_TODAY,
  PROP_TICKETS_CREATED_THIS_WEEK,
  PROP_TICKETS_CREATED_THIS_MONTH,
  N_PROPS
};

struct _AlgaTicketStats
{
  GObject parent_instance;

  GValue  values[N_PROPS];

  GHashTable *by_status;
  GHashTable *by_priority;
  GHashTable *by_category;
  GHashTable *by_board;
};

G_DEFINE_FINAL_TYPE (AlgaTicketStats, alga_ticket_stats, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_TOTAL_TICKETS] = "total_tickets",
  [PROP_OPEN_TICKETS] = "open_tickets",
  [PROP_CLOSED_TICKETS] = "closed_tickets",
  [PROP_UNASSIGNED_TICKETS] = "unassigned_tickets",
  [PROP_OVERDUE_TICKETS] = "overdue_tickets",
  [PROP_TICKETS_CREATED_TODAY] = "tickets_created_today",
  [PROP_TICKETS_CREATED_THIS_WEEK] = "tickets_created_this_week",
  [PROP_TICKETS_CREATED_THIS_MONTH] = "tickets_created_this_month",
};

static void
alga_ticket_stats_finalize (GObject *object)
{
  AlgaTicketStats *self = ALGA_TICKET_STATS (object);

  g_clear_pointer (&self->by_status, g_hash_table_unref);
  g_clear_pointer (&self->by_priority, g_hash_table_unref);
  g_clear_pointer (&self->by_category, g_hash_table_unref);
  g_clear_pointer (&self->by_board, g_hash_table_unref);
  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_ticket_stats_parent_class)->finalize (object);
}

static void
alga_ticket_stats_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AlgaTicketStats *self = ALGA_TICKET_STATS (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_ticket_stats_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AlgaTicketStats *self = ALGA_TICKET_STATS (object);

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
alga_ticket_stats_class_init (AlgaTicketStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_ticket_stats_finalize;
  object_class->get_property = alga_ticket_stats_get_property;
  object_class->set_property = alga_ticket_stats_set_property;

  properties[PROP_TOTAL_TICKETS] =
    g_param_spec_uint ("total-tickets", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OPEN_TICKETS] =
    g_param_spec_uint ("open-tickets", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLOSED_TICKETS] =
    g_param_spec_uint ("closed-tickets", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UNASSIGNED_TICKETS] =
    g_param_spec_uint ("unassigned-tickets", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OVERDUE_TICKETS] =
    g_param_spec_uint ("overdue-tickets", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TICKETS_CREATED_TODAY] =
    g_param_spec_uint ("tickets-created-today", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TICKETS_CREATED_THIS_WEEK] =
    g_param_spec_uint ("tickets-created-this-week", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TICKETS_CREATED_THIS_MONTH] =
    g_param_spec_uint ("tickets-created-this-month", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_ticket_stats_init (AlgaTicketStats *self)
{
  self->by_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_priority = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_board = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

static GHashTable *
read_counts (JsonObject *object,
             const char *member)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *map = alga_json_get_object (object, member);
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  if (map == NULL)
    return counts;

  json_object_iter_init (&iter, map);
  while (json_object_iter_next (&iter, &key, &node))
    {
      gint64 count = alga_json_get_int (map, key, -1);

      if (count >= 0)
        g_hash_table_insert (counts, g_strdup (key),
                             GUINT_TO_POINTER ((guint) MIN (count, (gint64) G_MAXUINT)));
    }

  return counts;
}

/**
 * alga_ticket_stats_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes the data of GET /tickets/stats. Counts that are missing or not
 * numbers are 0; the maps keep only numeric entries.
 *
 * Returns: (transfer full) (nullable): a new #AlgaTicketStats, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaTicketStats *
alga_ticket_stats_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(AlgaTicketStats) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, NULL, error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_TICKET_STATS, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  g_hash_table_unref (self->by_status);
  g_hash_table_unref (self->by_priority);
  g_hash_table_unref (self->by_category);
  g_hash_table_unref (self->by_board);
  self->by_status = read_counts (object, "tickets_by_status");
  self->by_priority = read_counts (object, "tickets_by_priority");
  self->by_category = read_counts (object, "tickets_by_category");
  self->by_board = read_counts (object, "tickets_by_board");

  return g_steal_pointer (&self);
}

guint
alga_ticket_stats_get_total_tickets (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), 0);

  return g_value_get_uint (&self->values[PROP_TOTAL_TICKETS]);
}

guint
alga_ticket_stats_get_open_tickets (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), 0);

  return g_value_get_uint (&self->values[PROP_OPEN_TICKETS]);
}

guint
alga_ticket_stats_get_closed_tickets (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), 0);

  return g_value_get_uint (&self->values[PROP_CLOSED_TICKETS]);
}

guint
alga_ticket_stats_get_unassigned_tickets (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), 0);

  return g_value_get_uint (&self->values[PROP_UNASSIGNED_TICKETS]);
}

guint
alga_ticket_stats_get_overdue_tickets (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), 0);

  return g_value_get_uint (&self->values[PROP_OVERDUE_TICKETS]);
}

guint
alga_ticket_stats_get_tickets_created_today (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), 0);

  return g_value_get_uint (&self->values[PROP_TICKETS_CREATED_TODAY]);
}

guint
alga_ticket_stats_get_tickets_created_this_week (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), 0);

  return g_value_get_uint (&self->values[PROP_TICKETS_CREATED_THIS_WEEK]);
}

guint
alga_ticket_stats_get_tickets_created_this_month (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), 0);

  return g_value_get_uint (&self->values[PROP_TICKETS_CREATED_THIS_MONTH]);
}

GHashTable *
alga_ticket_stats_get_by_status (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), NULL);

  return self->by_status;
}

GHashTable *
alga_ticket_stats_get_by_priority (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), NULL);

  return self->by_priority;
}

GHashTable *
alga_ticket_stats_get_by_category (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), NULL);

  return self->by_category;
}

GHashTable *
alga_ticket_stats_get_by_board (AlgaTicketStats *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_STATS (self), NULL);

  return self->by_board;
}

/**
 * alga_ticket_stats_lookup:
 * @map: one of the maps of #AlgaTicketStats
 * @key: a status id, priority, category or board name
 *
 * Returns: the count for @key, 0 when it is absent
 */
guint
alga_ticket_stats_lookup (GHashTable *map,
                          const char *key)
{
  g_return_val_if_fail (map != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (map, key));
}
