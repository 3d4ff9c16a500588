/* fuzz-callback.c: the alga:// sign-in callback parser (alga_auth_parse_callback), which reads
 * whatever link the browser, or anything else on the desktop, hands to the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "alga-auth.h"
#include "alga-error.h"

static gboolean
is_printable_ascii (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
        return FALSE;
    }
  return *value != '\0';
}

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
  g_autofree char *uri = alga_fuzz_dup_string (data, size);
  g_autofree char *ott = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error_code = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = alga_auth_parse_callback (uri, &ott, &state, &error_code, &error);
  if (!ok)
    {
      g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);
      g_assert_null (ott);
      g_assert_null (state);
      g_assert_null (error_code);
      return 0;
    }

  /* What it accepts is what the exchange may send on: a state, and a token or an error. */
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_true (is_printable_ascii (state));
  g_assert_true ((ott != NULL) != (error_code != NULL));
  if (ott != NULL)
    g_assert_true (is_printable_ascii (ott));
  else
    g_assert_true (is_printable_ascii (error_code));

  /* The outputs are optional. */
  g_clear_pointer (&ott, g_free);
  g_clear_pointer (&state, g_free);
  g_clear_pointer (&error_code, g_free);
  g_assert_true (alga_auth_parse_callback (uri, NULL, NULL, NULL, NULL));

  return 0;
}
