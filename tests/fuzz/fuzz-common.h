/* fuzz-common.h: what every libFuzzer harness of tests/fuzz shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <json-glib/json-glib.h>

#include "alga-json.h"

G_BEGIN_DECLS

/* Called on each decoded item, so that the getters run over what the decoder kept. */
typedef void (*AlgaFuzzInspectFunc) (gpointer item);

/* libFuzzer's entry points, declared here since no header of its own is installed. */
int       LLVMFuzzerInitialize   (int                  *argc,
                                  char               ***argv);
int       LLVMFuzzerTestOneInput (const uint8_t        *data,
                                  size_t                size);

void      alga_fuzz_init         (void);
JsonNode *alga_fuzz_parse        (const uint8_t        *data,
                                  size_t                size);
char     *alga_fuzz_dup_string   (const uint8_t        *data,
                                  size_t                size);
void      alga_fuzz_read_properties (gpointer            object);
void      alga_fuzz_decode       (JsonNode             *root,
                                  AlgaJsonDecodeFunc    decode,
                                  AlgaFuzzInspectFunc   inspect);

G_END_DECLS
