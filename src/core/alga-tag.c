/* alga-tag.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-tag"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-tag.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_TAG_ID,
  PROP_TEXT,
  PROP_BACKGROUND_COLOR,
  PROP_TEXT_COLOR,
  N_PROPS
};

struct _AlgaTag
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaTag, alga_tag, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_TAG_ID] = "tag_id",
  [PROP_TEXT] = "tag_text",
  [PROP_BACKGROUND_COLOR] = "background_color",
  [PROP_TEXT_COLOR] = "text_color",
};

static void
alga_tag_finalize (GObject *object)
{
  AlgaTag *self = ALGA_TAG (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_tag_parent_class)->finalize (object);
}

static void
alga_tag_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AlgaTag *self = ALGA_TAG (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_tag_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  AlgaTag *self = ALGA_TAG (object);

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
alga_tag_class_init (AlgaTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_tag_finalize;
  object_class->get_property = alga_tag_get_property;
  object_class->set_property = alga_tag_set_property;

  properties[PROP_TAG_ID] =
    g_param_spec_string ("tag-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BACKGROUND_COLOR] =
    g_param_spec_string ("background-color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TEXT_COLOR] =
    g_param_spec_string ("text-color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_tag_init (AlgaTag *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_tag_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes a tag of a ticket list item, {tag_id, tag_text, background_color, text_color}, or a
 * bare string. A tag without text fails.
 *
 * Returns: (transfer full) (nullable): a new #AlgaTag, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaTag *
alga_tag_new_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(AlgaTag) self = NULL;
  JsonObject *object;

  /* Some routes may list tags as plain strings. */
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      self = g_object_new (ALGA_TYPE_TAG, NULL);
      g_value_set_string (&self->values[PROP_TEXT], json_node_get_string (node));
      return g_steal_pointer (&self);
    }

  object = alga_json_require_object (node, NULL, error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_TAG, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  if (g_value_get_string (&self->values[PROP_TEXT]) == NULL ||
      *g_value_get_string (&self->values[PROP_TEXT]) == '\0')
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           _("The server sent a tag without text"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * alga_tag_to_json:
 * @self: a #AlgaTag
 *
 * Writes @self under the members alga_tag_new_from_json() reads, so that decoding the result
 * gives an equal object (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_tag_to_json (AlgaTag *self)
{
  g_return_val_if_fail (ALGA_IS_TAG (self), NULL);

  return alga_json_write_values (members, self->values, N_PROPS);
}

const char *
alga_tag_get_tag_id (AlgaTag *self)
{
  g_return_val_if_fail (ALGA_IS_TAG (self), NULL);

  return g_value_get_string (&self->values[PROP_TAG_ID]);
}

const char *
alga_tag_get_text (AlgaTag *self)
{
  g_return_val_if_fail (ALGA_IS_TAG (self), NULL);

  return g_value_get_string (&self->values[PROP_TEXT]);
}

const char *
alga_tag_get_background_color (AlgaTag *self)
{
  g_return_val_if_fail (ALGA_IS_TAG (self), NULL);

  return g_value_get_string (&self->values[PROP_BACKGROUND_COLOR]);
}

const char *
alga_tag_get_text_color (AlgaTag *self)
{
  g_return_val_if_fail (ALGA_IS_TAG (self), NULL);

  return g_value_get_string (&self->values[PROP_TEXT_COLOR]);
}

/**
 * alga_tag_equal:
 * @a: a tag
 * @b: a tag
 *
 * Returns: whether @a and @b have the same id, text and colours
 */
gboolean
alga_tag_equal (AlgaTag *a,
                AlgaTag *b)
{
  g_return_val_if_fail (ALGA_IS_TAG (a), FALSE);
  g_return_val_if_fail (ALGA_IS_TAG (b), FALSE);

  for (guint i = 1; i < N_PROPS; i++)
    if (!alga_json_value_equal (&a->values[i], &b->values[i]))
      return FALSE;

  return TRUE;
}
