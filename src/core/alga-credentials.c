/* alga-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-credentials.h"
#include "alga-error.h"

G_DEFINE_INTERFACE (AlgaCredentials, alga_credentials, G_TYPE_OBJECT)

static void
alga_credentials_default_init (AlgaCredentialsInterface *iface)
{
}

char *
alga_credentials_dup_access_key (AlgaCredentials *self)
{
  g_return_val_if_fail (ALGA_IS_CREDENTIALS (self), NULL);

  return ALGA_CREDENTIALS_GET_IFACE (self)->dup_access_key (self);
}

char *
alga_credentials_dup_tenant_id (AlgaCredentials *self)
{
  AlgaCredentialsInterface *iface;

  g_return_val_if_fail (ALGA_IS_CREDENTIALS (self), NULL);

  iface = ALGA_CREDENTIALS_GET_IFACE (self);
  return iface->dup_tenant_id != NULL ? iface->dup_tenant_id (self) : NULL;
}

gboolean
alga_credentials_needs_refresh (AlgaCredentials *self)
{
  AlgaCredentialsInterface *iface;

  g_return_val_if_fail (ALGA_IS_CREDENTIALS (self), FALSE);

  iface = ALGA_CREDENTIALS_GET_IFACE (self);
  return iface->needs_refresh != NULL && iface->needs_refresh (self);
}

void
alga_credentials_refresh_async (AlgaCredentials     *self,
                                const char          *rejected_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AlgaCredentialsInterface *iface;

  g_return_if_fail (ALGA_IS_CREDENTIALS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  iface = ALGA_CREDENTIALS_GET_IFACE (self);
  if (iface->refresh_async == NULL)
    {
      g_task_report_new_error (self, callback, user_data, alga_credentials_refresh_async,
                               ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED,
                               _("The access key was refused and cannot be renewed"));
      return;
    }

  iface->refresh_async (self, rejected_key, cancellable, callback, user_data);
}

gboolean
alga_credentials_refresh_finish (AlgaCredentials  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (ALGA_IS_CREDENTIALS (self), FALSE);

  if (g_async_result_is_tagged (result, alga_credentials_refresh_async))
    return g_task_propagate_boolean (G_TASK (result), error);

  return ALGA_CREDENTIALS_GET_IFACE (self)->refresh_finish (self, result, error);
}
