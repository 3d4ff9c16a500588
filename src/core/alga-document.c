/* alga-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-document"

#include "config.h"

#include "alga-document.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_DOCUMENT_ID,
  PROP_NAME,
  PROP_MIME_TYPE,
  PROP_SIZE,
  PROP_CREATED_BY,
  PROP_CREATED_BY_NAME,
  PROP_UPDATED_AT,
  N_PROPS
};

struct _AlgaDocument
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaDocument, alga_document, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from. */
static const char * const members[N_PROPS] = {
  [PROP_DOCUMENT_ID] = "document_id",
  [PROP_NAME] = "document_name",
  [PROP_MIME_TYPE] = "mime_type",
  [PROP_SIZE] = "file_size",
  [PROP_CREATED_BY] = "created_by",
  [PROP_CREATED_BY_NAME] = "created_by_full_name",
  [PROP_UPDATED_AT] = "updated_at",
};

static void
alga_document_finalize (GObject *object)
{
  AlgaDocument *self = ALGA_DOCUMENT (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_document_parent_class)->finalize (object);
}

static void
alga_document_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AlgaDocument *self = ALGA_DOCUMENT (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_document_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AlgaDocument *self = ALGA_DOCUMENT (object);

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
alga_document_class_init (AlgaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_document_finalize;
  object_class->get_property = alga_document_get_property;
  object_class->set_property = alga_document_set_property;

  properties[PROP_DOCUMENT_ID] =
    g_param_spec_string ("document-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_BY] =
    g_param_spec_string ("created-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_BY_NAME] =
    g_param_spec_string ("created-by-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_document_init (AlgaDocument *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_document_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes a document of GET /tickets/{id}/documents, of the upload's answer or of a ticket's `documents`; `file_size` comes as a string.
 *
 * Returns: (transfer full) (nullable): a new #AlgaDocument, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaDocument *
alga_document_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(AlgaDocument) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "document_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_DOCUMENT, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

const char *
alga_document_get_document_id (AlgaDocument *self)
{
  g_return_val_if_fail (ALGA_IS_DOCUMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_DOCUMENT_ID]);
}

const char *
alga_document_get_name (AlgaDocument *self)
{
  g_return_val_if_fail (ALGA_IS_DOCUMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_NAME]);
}

const char *
alga_document_get_mime_type (AlgaDocument *self)
{
  g_return_val_if_fail (ALGA_IS_DOCUMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_MIME_TYPE]);
}

gint64
alga_document_get_size (AlgaDocument *self)
{
  g_return_val_if_fail (ALGA_IS_DOCUMENT (self), 0);

  return g_value_get_int64 (&self->values[PROP_SIZE]);
}

const char *
alga_document_get_created_by (AlgaDocument *self)
{
  g_return_val_if_fail (ALGA_IS_DOCUMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_CREATED_BY]);
}

const char *
alga_document_get_created_by_name (AlgaDocument *self)
{
  g_return_val_if_fail (ALGA_IS_DOCUMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_CREATED_BY_NAME]);
}

GDateTime  *
alga_document_get_updated_at (AlgaDocument *self)
{
  g_return_val_if_fail (ALGA_IS_DOCUMENT (self), NULL);

  return g_value_get_boxed (&self->values[PROP_UPDATED_AT]);
}
