/* fuzz-blocknote.c: the BlockNote helpers (alga_blocknote_to_plain_text, _from_plain_text,
 * _is_blocknote) over stored bodies and over what a technician may type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

#include "alga-blocknote.h"

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
  g_autofree char *text = alga_fuzz_dup_string (data, size);
  g_autofree char *plain = NULL;
  g_autofree char *wrapped = NULL;
  g_autofree char *unwrapped = NULL;

  /* A stored body from the server, which may or may not be BlockNote. */
  plain = alga_blocknote_to_plain_text (text);
  g_assert_nonnull (plain);
  if (!alga_blocknote_is_blocknote (text))
    g_assert_cmpstr (plain, ==, text);

  /* What the composer sends comes from a GtkTextBuffer: always UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  wrapped = alga_blocknote_from_plain_text (text);
  g_assert_true (alga_blocknote_is_blocknote (wrapped));

  /* What the technician typed is what the server will count and show. */
  unwrapped = alga_blocknote_to_plain_text (wrapped);
  if (strchr (text, '\r') == NULL)
    g_assert_cmpstr (unwrapped, ==, text);

  return 0;
}
