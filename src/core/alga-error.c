/* alga-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-error"

#include "config.h"

#include "alga-error.h"

G_DEFINE_QUARK (alga-api-error-quark, alga_api_error)

/**
 * alga_api_error_from_http_status:
 * @status: an HTTP status code of 400 or more
 *
 * The one place where an HTTP status becomes an #AlgaApiError code.
 *
 * Returns: the code for @status
 */
AlgaApiError
alga_api_error_from_http_status (guint status)
{
  switch (status)
    {
    case 401:
      return ALGA_API_ERROR_UNAUTHORIZED;
    case 403:
      return ALGA_API_ERROR_FORBIDDEN;
    case 404:
    case 405:
    case 410:
      return ALGA_API_ERROR_NOT_FOUND;
    case 409:
      return ALGA_API_ERROR_CONFLICT;
    case 429:
      return ALGA_API_ERROR_RATE_LIMITED;
    case 408:
    case 504:
      return ALGA_API_ERROR_TIMEOUT;
    default:
      if (status >= 500)
        return ALGA_API_ERROR_SERVER;
      return ALGA_API_ERROR_VALIDATION;
    }
}

/**
 * alga_api_error_is_unreachable:
 * @error: (nullable): an error
 *
 * Whether the server could not be reached at all (no connection, or no answer in time): the
 * offline case, where saved copies stand in and edits wait.
 *
 * Returns: %TRUE if @error is %ALGA_API_ERROR_NETWORK or %ALGA_API_ERROR_TIMEOUT
 */
gboolean
alga_api_error_is_unreachable (const GError *error)
{
  return g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_NETWORK) ||
         g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_TIMEOUT);
}

/**
 * alga_api_error_is_transient:
 * @error: (nullable): an error
 *
 * Whether trying the same request again later may succeed: the network, a timeout, a busy or
 * failing server. Validation, permission and authentication errors are not transient.
 *
 * Returns: %TRUE if @error is transient
 */
gboolean
alga_api_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != ALGA_API_ERROR)
    return FALSE;

  switch ((AlgaApiError) error->code)
    {
    case ALGA_API_ERROR_NETWORK:
    case ALGA_API_ERROR_TIMEOUT:
    case ALGA_API_ERROR_SERVER:
    case ALGA_API_ERROR_RATE_LIMITED:
      return TRUE;
    case ALGA_API_ERROR_UNAUTHORIZED:
    case ALGA_API_ERROR_FORBIDDEN:
    case ALGA_API_ERROR_NOT_FOUND:
    case ALGA_API_ERROR_VALIDATION:
    case ALGA_API_ERROR_CONFLICT:
    case ALGA_API_ERROR_BAD_RESPONSE:
    case ALGA_API_ERROR_INSECURE:
    case ALGA_API_ERROR_TLS:
    case ALGA_API_ERROR_INVALID_INPUT:
    case ALGA_API_ERROR_SESSION_ENDED:
    case ALGA_API_ERROR_STATE_MISMATCH:
    case ALGA_API_ERROR_UNSUPPORTED:
    default:
      return FALSE;
    }
}
