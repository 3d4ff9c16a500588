/* alga-test-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "alga-test-credentials.h"

struct _AlgaTestCredentials
{
  GObject  parent_instance;

  char    *key;
  char    *tenant_id;
};

static void alga_test_credentials_iface_init (AlgaCredentialsInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaTestCredentials, alga_test_credentials, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ALGA_TYPE_CREDENTIALS,
                                                      alga_test_credentials_iface_init))

static char *
alga_test_credentials_dup_access_key (AlgaCredentials *credentials)
{
  return g_strdup (ALGA_TEST_CREDENTIALS (credentials)->key);
}

static char *
alga_test_credentials_dup_tenant_id (AlgaCredentials *credentials)
{
  return g_strdup (ALGA_TEST_CREDENTIALS (credentials)->tenant_id);
}

static void
alga_test_credentials_iface_init (AlgaCredentialsInterface *iface)
{
  iface->dup_access_key = alga_test_credentials_dup_access_key;
  iface->dup_tenant_id = alga_test_credentials_dup_tenant_id;
}

static void
alga_test_credentials_finalize (GObject *object)
{
  AlgaTestCredentials *self = ALGA_TEST_CREDENTIALS (object);

  g_free (self->key);
  g_free (self->tenant_id);

  G_OBJECT_CLASS (alga_test_credentials_parent_class)->finalize (object);
}

static void
alga_test_credentials_class_init (AlgaTestCredentialsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alga_test_credentials_finalize;
}

static void
alga_test_credentials_init (AlgaTestCredentials *self)
{
}

AlgaTestCredentials *
alga_test_credentials_new (const char *key)
{
  AlgaTestCredentials *self = g_object_new (ALGA_TYPE_TEST_CREDENTIALS, NULL);

  self->key = g_strdup (key);

  return self;
}

void
alga_test_credentials_set_key (AlgaTestCredentials *self,
                               const char          *key)
{
  g_return_if_fail (ALGA_IS_TEST_CREDENTIALS (self));

  g_free (self->key);
  self->key = g_strdup (key);
}

void
alga_test_credentials_set_tenant_id (AlgaTestCredentials *self,
                                     const char          *tenant_id)
{
  g_return_if_fail (ALGA_IS_TEST_CREDENTIALS (self));

  g_free (self->tenant_id);
  self->tenant_id = g_strdup (tenant_id);
}
