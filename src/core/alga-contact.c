/* alga-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person at a client, whom a ticket may name as its contact.
 */

#define G_LOG_DOMAIN "alga-contact"

#include "config.h"

#include "alga-contact.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_CONTACT_ID,
  PROP_FULL_NAME,
  PROP_EMAIL,
  PROP_CLIENT_ID,
  PROP_IS_INACTIVE,
  N_PROPS
};

struct _AlgaContact
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaContact, alga_contact, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from. */
static const char * const members[N_PROPS] = {
  [PROP_CONTACT_ID] = "contact_name_id",
  [PROP_FULL_NAME] = "full_name",
  [PROP_EMAIL] = "email",
  [PROP_CLIENT_ID] = "client_id",
  [PROP_IS_INACTIVE] = "is_inactive",
};

static void
alga_contact_finalize (GObject *object)
{
  AlgaContact *self = ALGA_CONTACT (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_contact_parent_class)->finalize (object);
}

static void
alga_contact_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AlgaContact *self = ALGA_CONTACT (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_contact_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AlgaContact *self = ALGA_CONTACT (object);

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
alga_contact_class_init (AlgaContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_contact_finalize;
  object_class->get_property = alga_contact_get_property;
  object_class->set_property = alga_contact_set_property;

  properties[PROP_CONTACT_ID] =
    g_param_spec_string ("contact-name-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_INACTIVE] =
    g_param_spec_boolean ("is-inactive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_contact_init (AlgaContact *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_contact_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes an item of GET /api/v1/clients/{id}/contacts (docs/API.md, A new ticket).
 *
 * Returns: (transfer full) (nullable): a new #AlgaContact, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaContact *
alga_contact_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(AlgaContact) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "contact_name_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_CONTACT, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  return g_steal_pointer (&self);
}

const char *
alga_contact_get_contact_name_id (AlgaContact *self)
{
  g_return_val_if_fail (ALGA_IS_CONTACT (self), NULL);

  return g_value_get_string (&self->values[PROP_CONTACT_ID]);
}

const char *
alga_contact_get_full_name (AlgaContact *self)
{
  g_return_val_if_fail (ALGA_IS_CONTACT (self), NULL);

  return g_value_get_string (&self->values[PROP_FULL_NAME]);
}

const char *
alga_contact_get_email (AlgaContact *self)
{
  g_return_val_if_fail (ALGA_IS_CONTACT (self), NULL);

  return g_value_get_string (&self->values[PROP_EMAIL]);
}

const char *
alga_contact_get_client_id (AlgaContact *self)
{
  g_return_val_if_fail (ALGA_IS_CONTACT (self), NULL);

  return g_value_get_string (&self->values[PROP_CLIENT_ID]);
}

gboolean
alga_contact_get_is_inactive (AlgaContact *self)
{
  g_return_val_if_fail (ALGA_IS_CONTACT (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_INACTIVE]);
}
