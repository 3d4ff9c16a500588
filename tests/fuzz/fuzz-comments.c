/* fuzz-comments.c: GET /tickets/{id}/comments in both formats (full and markdown) and the POST answer: alga_comment_new_from_json.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "alga-comment.h"

static void
inspect (gpointer item)
{
  alga_fuzz_read_properties (item);
  g_assert_cmpint (alga_comment_get_author_kind (item), <=, ALGA_COMMENT_AUTHOR_SYSTEM);
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

  alga_fuzz_decode (root, (AlgaJsonDecodeFunc) alga_comment_new_from_json, inspect);
  return 0;
}
