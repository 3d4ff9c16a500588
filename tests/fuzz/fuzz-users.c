/* fuzz-users.c: GET /users (alga_user_new_from_json over data[], and the display name).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "alga-user.h"

static void
inspect (gpointer item)
{
  alga_fuzz_read_properties (item);
  g_autofree char *name = alga_user_dup_display_name (item);

  g_assert_nonnull (name);
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
  g_autoptr(JsonNode) root = alga_fuzz_parse (data, size);

  alga_fuzz_decode (root, (AlgaJsonDecodeFunc) alga_user_new_from_json, inspect);
  return 0;
}
