/* fuzz-stats.c: GET /tickets/stats (alga_ticket_stats_new_from_json and its count maps).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "alga-ticket-stats.h"

static void
walk_map (GHashTable *map)
{
  GHashTableIter iter;
  gpointer key;

  g_assert_nonnull (map);
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_assert_nonnull (key);
      (void) alga_ticket_stats_lookup (map, key);
    }
}

static void
inspect (gpointer item)
{
  AlgaTicketStats *stats = item;

  alga_fuzz_read_properties (stats);
  walk_map (alga_ticket_stats_get_by_status (stats));
  walk_map (alga_ticket_stats_get_by_priority (stats));
  walk_map (alga_ticket_stats_get_by_category (stats));
  walk_map (alga_ticket_stats_get_by_board (stats));
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

  alga_fuzz_decode (root, (AlgaJsonDecodeFunc) alga_ticket_stats_new_from_json, inspect);
  return 0;
}
