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
  PROP_IS_FROM_ITIL_STANDARD,
  N_PROPS
};

struct _AlgaPriority
{
  GObject  parent_instance;

  GValue   values[N_PROPS];
  gboolean kind_known;   /* the item said whether it is an ITIL one */
};

G_DEFINE_FINAL_TYPE (AlgaPriority, alga_priority, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_PRIORITY_ID] = "priority_id",
  [PROP_PRIORITY_NAME] = "priority_name",
  [PROP_COLOR] = "color",
  [PROP_ORDER_NUMBER] = "order_number",
  [PROP_IS_FROM_ITIL_STANDARD] = "is_from_itil_standard",
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

  properties[PROP_IS_FROM_ITIL_STANDARD] =
    g_param_spec_boolean ("is-from-itil-standard", NULL, NULL, FALSE,
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
  self->kind_known = json_object_has_member (object, "is_from_itil_standard");

  /* The ticket route has no colour, and "" would paint nothing anyway. */
  if (g_strcmp0 (g_value_get_string (&self->values[PROP_COLOR]), "") == 0)
    g_value_set_string (&self->values[PROP_COLOR], NULL);

  return g_steal_pointer (&self);
}

/**
 * alga_priority_to_json:
 * @self: a #AlgaPriority
 *
 * Writes @self under the members alga_priority_new_from_json() reads, so that decoding the result
 * gives an equal object (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_priority_to_json (AlgaPriority *self)
{
  g_return_val_if_fail (ALGA_IS_PRIORITY (self), NULL);

  return alga_json_write_values (members, self->values, N_PROPS);
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

/**
 * alga_priority_get_kind:
 * @self: a #AlgaPriority
 *
 * A board offers either the tenant's own priorities or the ITIL standard ones (its
 * `priority_type`); a priority says which it is by `is_from_itil_standard`, which only
 * GET /priorities carries.
 *
 * Returns: the kind, or %ALGA_PRIORITY_KIND_UNKNOWN
 */
AlgaPriorityKind
alga_priority_get_kind (AlgaPriority *self)
{
  g_return_val_if_fail (ALGA_IS_PRIORITY (self), ALGA_PRIORITY_KIND_UNKNOWN);

  if (!self->kind_known)
    return ALGA_PRIORITY_KIND_UNKNOWN;
  return g_value_get_boolean (&self->values[PROP_IS_FROM_ITIL_STANDARD]) ? ALGA_PRIORITY_KIND_ITIL
                                                                         : ALGA_PRIORITY_KIND_CUSTOM;
}

/**
 * alga_priority_filter_for_board:
 * @priorities: (element-type AlgaPriority): every ticket priority, in the server's order
 * @board_kind: the kind the ticket's board takes
 * @current_id: (nullable): the ticket's priority
 *
 * The priorities to offer for a ticket: those of its board's kind, in the order given. A
 * priority of the other kind would show as no priority at all in the web UI. The ticket's own
 * is kept even if it is of the other kind, so that the choice shows what the ticket has. When
 * the board's or a priority's kind is unknown (an older server), nothing is left out.
 *
 * Returns: (transfer container) (element-type AlgaPriority): the priorities to offer
 */
GPtrArray *
alga_priority_filter_for_board (GListModel       *priorities,
                                AlgaPriorityKind  board_kind,
                                const char       *current_id)
{
  GPtrArray *offered = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (priorities), offered);

  n = g_list_model_get_n_items (priorities);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaPriority) priority = g_list_model_get_item (priorities, i);
      AlgaPriorityKind kind = alga_priority_get_kind (priority);

      if (board_kind == ALGA_PRIORITY_KIND_UNKNOWN || kind == ALGA_PRIORITY_KIND_UNKNOWN ||
          kind == board_kind ||
          g_strcmp0 (alga_priority_get_priority_id (priority), current_id) == 0)
        g_ptr_array_add (offered, g_steal_pointer (&priority));
    }

  return offered;
}
