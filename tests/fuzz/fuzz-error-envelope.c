/* fuzz-error-envelope.c: the error answers in all their shapes (docs/API.md, Errors):
 * alga_request_error_from_response over a status, a content type and a body, and the
 * Retry-After parser. The first byte picks the status (400 + byte % 200), the second the
 * content type, the rest is the body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "alga-error.h"
#include "alga-request.h"

static const char * const content_types[] = {
  "application/json",
  "text/html",
  "text/plain",
  "application/problem+json",
  NULL,
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  alga_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *retry_after = NULL;
  const char *content_type;
  guint status;

  if (size < 2)
    return 0;

  status = 400 + data[0] % 200;
  content_type = content_types[data[1] % G_N_ELEMENTS (content_types)];
  body = g_bytes_new (data + 2, size - 2);

  error = alga_request_error_from_response (status, NULL, content_type, body);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ALGA_API_ERROR);
  g_assert_nonnull (error->message);
  /* The message goes into a GtkLabel, which takes only UTF-8, whatever bytes the server sent. */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  g_clear_error (&error);
  error = alga_request_error_from_response (status, "Some Reason", content_type, body);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* The same bytes as a Retry-After header: a number of seconds or an HTTP date. */
  retry_after = alga_fuzz_dup_string (data + 2, size - 2);
  (void) alga_request_parse_retry_after (retry_after);

  return 0;
}
