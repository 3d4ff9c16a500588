/* alga-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_API_ERROR (alga_api_error_quark ())

/**
 * AlgaApiError:
 * @ALGA_API_ERROR_UNAUTHORIZED: 401, the key or access token is wrong, expired or revoked
 * @ALGA_API_ERROR_FORBIDDEN: 403, the user may not do this (or the edition/plan forbids it)
 * @ALGA_API_ERROR_NOT_FOUND: 404, the ticket (or route) does not exist
 * @ALGA_API_ERROR_VALIDATION: 400, the server rejected the input; the message says why
 * @ALGA_API_ERROR_CONFLICT: 409, e.g. an overlapping time entry
 * @ALGA_API_ERROR_RATE_LIMITED: 429, still limited after waiting for Retry-After
 * @ALGA_API_ERROR_SERVER: 5xx, the server failed
 * @ALGA_API_ERROR_NETWORK: the server could not be reached or the connection broke
 * @ALGA_API_ERROR_TIMEOUT: the server did not answer in time
 * @ALGA_API_ERROR_BAD_RESPONSE: the answer was not what the API promises (not JSON, truncated, too large)
 * @ALGA_API_ERROR_INSECURE: plain http to a host that is not loopback; refused before sending
 * @ALGA_API_ERROR_TLS: the server's certificate is not trusted
 * @ALGA_API_ERROR_INVALID_INPUT: refused on this side before any request (bad URL, malformed key)
 * @ALGA_API_ERROR_SESSION_ENDED: the refresh token was rejected; the technician must sign in again
 * @ALGA_API_ERROR_STATE_MISMATCH: a sign-in callback that this app did not start, or started before
 * @ALGA_API_ERROR_UNSUPPORTED: the server does not offer this (browser sign-in on Community Edition)
 *
 * What went wrong talking to an Alga PSA server. Only the GUI turns these into sentences for
 * people; the message of each error keeps the server's own words.
 */
typedef enum
{
  ALGA_API_ERROR_UNAUTHORIZED,
  ALGA_API_ERROR_FORBIDDEN,
  ALGA_API_ERROR_NOT_FOUND,
  ALGA_API_ERROR_VALIDATION,
  ALGA_API_ERROR_CONFLICT,
  ALGA_API_ERROR_RATE_LIMITED,
  ALGA_API_ERROR_SERVER,
  ALGA_API_ERROR_NETWORK,
  ALGA_API_ERROR_TIMEOUT,
  ALGA_API_ERROR_BAD_RESPONSE,
  ALGA_API_ERROR_INSECURE,
  ALGA_API_ERROR_TLS,
  ALGA_API_ERROR_INVALID_INPUT,
  ALGA_API_ERROR_SESSION_ENDED,
  ALGA_API_ERROR_STATE_MISMATCH,
  ALGA_API_ERROR_UNSUPPORTED,
} AlgaApiError;

GQuark       alga_api_error_quark           (void);
AlgaApiError alga_api_error_from_http_status (guint status);
gboolean     alga_api_error_is_transient     (const GError *error);
gboolean     alga_api_error_is_unreachable   (const GError *error);

G_END_DECLS
