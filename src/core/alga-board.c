/* alga-board.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-board"

#include "config.h"

#include "alga-board.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_BOARD_ID,
  PROP_BOARD_NAME,
  PROP_IS_DEFAULT,
  PROP_IS_INACTIVE,
  PROP_PRIORITY_TYPE,
  N_PROPS
};

struct _AlgaBoard
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaBoard, alga_board, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_BOARD_ID] = "board_id",
  [PROP_BOARD_NAME] = "board_name",
  [PROP_IS_DEFAULT] = "is_default",
  [PROP_IS_INACTIVE] = "is_inactive",
  [PROP_PRIORITY_TYPE] = "priority_type",
};

static void
alga_board_finalize (GObject *object)
{
  AlgaBoard *self = ALGA_BOARD (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_board_parent_class)->finalize (object);
}

static void
alga_board_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AlgaBoard *self = ALGA_BOARD (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_board_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AlgaBoard *self = ALGA_BOARD (object);

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
alga_board_class_init (AlgaBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_board_finalize;
  object_class->get_property = alga_board_get_property;
  object_class->set_property = alga_board_set_property;

  properties[PROP_BOARD_ID] =
    g_param_spec_string ("board-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BOARD_NAME] =
    g_param_spec_string ("board-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_INACTIVE] =
    g_param_spec_boolean ("is-inactive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PRIORITY_TYPE] =
    g_param_spec_string ("priority-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_board_init (AlgaBoard *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_board_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /api/v1/boards (docs/API.md, Boards, services and people).
 *
 * Returns: (transfer full) (nullable): a new #AlgaBoard, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaBoard *
alga_board_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(AlgaBoard) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "board_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_BOARD, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

/**
 * alga_board_to_json:
 * @self: a #AlgaBoard
 *
 * Writes @self under the members alga_board_new_from_json() reads, so that decoding the result
 * gives an equal object (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_board_to_json (AlgaBoard *self)
{
  g_return_val_if_fail (ALGA_IS_BOARD (self), NULL);

  return alga_json_write_values (members, self->values, N_PROPS);
}

const char *
alga_board_get_board_id (AlgaBoard *self)
{
  g_return_val_if_fail (ALGA_IS_BOARD (self), NULL);

  return g_value_get_string (&self->values[PROP_BOARD_ID]);
}

const char *
alga_board_get_board_name (AlgaBoard *self)
{
  g_return_val_if_fail (ALGA_IS_BOARD (self), NULL);

  return g_value_get_string (&self->values[PROP_BOARD_NAME]);
}

gboolean
alga_board_get_is_default (AlgaBoard *self)
{
  g_return_val_if_fail (ALGA_IS_BOARD (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_DEFAULT]);
}

gboolean
alga_board_get_is_inactive (AlgaBoard *self)
{
  g_return_val_if_fail (ALGA_IS_BOARD (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_INACTIVE]);
}

/**
 * alga_board_get_priority_kind:
 * @self: a #AlgaBoard
 *
 * Which priorities the board's tickets take: `priority_type` "itil" means the ITIL standard
 * ones, "custom" the tenant's own. A ticket given one of the other kind shows no priority in
 * the web UI.
 *
 * Returns: the kind, or %ALGA_PRIORITY_KIND_UNKNOWN when the server did not say
 */
AlgaPriorityKind
alga_board_get_priority_kind (AlgaBoard *self)
{
  const char *type;

  g_return_val_if_fail (ALGA_IS_BOARD (self), ALGA_PRIORITY_KIND_UNKNOWN);

  type = g_value_get_string (&self->values[PROP_PRIORITY_TYPE]);
  if (g_strcmp0 (type, "itil") == 0)
    return ALGA_PRIORITY_KIND_ITIL;
  if (g_strcmp0 (type, "custom") == 0)
    return ALGA_PRIORITY_KIND_CUSTOM;
  return ALGA_PRIORITY_KIND_UNKNOWN;
}
