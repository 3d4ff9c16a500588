/* alga-reaction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-reaction"

#include "config.h"

#include "alga-reaction.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_EMOJI,
  PROP_COUNT,
  PROP_USER_IDS,
  PROP_CURRENT_USER_REACTED,
  N_PROPS
};

struct _AlgaReaction
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaReaction, alga_reaction, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from. */
static const char * const members[N_PROPS] = {
  [PROP_EMOJI] = "emoji",
  [PROP_COUNT] = "count",
  [PROP_USER_IDS] = "userIds",
  [PROP_CURRENT_USER_REACTED] = "currentUserReacted",
};

static void
alga_reaction_finalize (GObject *object)
{
  AlgaReaction *self = ALGA_REACTION (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_reaction_parent_class)->finalize (object);
}

static void
alga_reaction_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AlgaReaction *self = ALGA_REACTION (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_reaction_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AlgaReaction *self = ALGA_REACTION (object);

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
alga_reaction_class_init (AlgaReactionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_reaction_finalize;
  object_class->get_property = alga_reaction_get_property;
  object_class->set_property = alga_reaction_set_property;

  properties[PROP_EMOJI] =
    g_param_spec_string ("emoji", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_COUNT] =
    g_param_spec_int ("count", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_USER_IDS] =
    g_param_spec_boxed ("user-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CURRENT_USER_REACTED] =
    g_param_spec_boolean ("current-user-reacted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_reaction_init (AlgaReaction *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_reaction_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes one entry of a comment's `reactions`: one emoji with everyone who chose it.
 *
 * Returns: (transfer full) (nullable): a new #AlgaReaction, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaReaction *
alga_reaction_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(AlgaReaction) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "emoji", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_REACTION, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

const char *
alga_reaction_get_emoji (AlgaReaction *self)
{
  g_return_val_if_fail (ALGA_IS_REACTION (self), NULL);

  return g_value_get_string (&self->values[PROP_EMOJI]);
}

int
alga_reaction_get_count (AlgaReaction *self)
{
  g_return_val_if_fail (ALGA_IS_REACTION (self), 0);

  return g_value_get_int (&self->values[PROP_COUNT]);
}

const char * const *
alga_reaction_get_user_ids (AlgaReaction *self)
{
  g_return_val_if_fail (ALGA_IS_REACTION (self), NULL);

  return (const char * const *) g_value_get_boxed (&self->values[PROP_USER_IDS]);
}

gboolean
alga_reaction_get_current_user_reacted (AlgaReaction *self)
{
  g_return_val_if_fail (ALGA_IS_REACTION (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_CURRENT_USER_REACTED]);
}
