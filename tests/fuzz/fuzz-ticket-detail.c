/* fuzz-ticket-detail.c: GET /tickets/{id} and the ticket rows that writes answer with
 * (alga_ticket_new_from_json on data), the attributes copied for a PUT, and a detail merged
 * into a list row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "alga-ticket.h"

/* The list keeps its rows and merges each newer copy of a ticket (a refreshed page, a loaded
 * detail) into the row of the same id. */
static void
merge_into_row (AlgaTicket *ticket)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) row_node = NULL;
  g_autoptr(AlgaTicket) row = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ticket_id");
  json_builder_add_string_value (builder, alga_ticket_get_ticket_id (ticket));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Row");
  json_builder_end_object (builder);
  row_node = json_builder_get_root (builder);

  row = alga_ticket_new_from_json (row_node, NULL);
  g_assert_nonnull (row);
  alga_ticket_update_from (row, ticket);
  alga_fuzz_read_properties (row);
}

static void
inspect (gpointer item)
{
  AlgaTicket *ticket = item;
  g_autoptr(JsonObject) attributes = NULL;
  const char * const *watchers;

  alga_fuzz_read_properties (ticket);

  attributes = alga_ticket_dup_attributes (ticket);
  g_assert_nonnull (attributes);

  watchers = alga_ticket_get_watcher_user_ids (ticket);
  for (guint i = 0; watchers != NULL && watchers[i] != NULL; i++)
    g_assert_nonnull (watchers[i]);

  merge_into_row (ticket);
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

  /* A detail is one object; a list would be the other harness. */
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *data_node = json_object_get_member (json_node_get_object (root), "data");

      if (data_node != NULL && JSON_NODE_HOLDS_ARRAY (data_node))
        return 0;
    }

  alga_fuzz_decode (root, (AlgaJsonDecodeFunc) alga_ticket_new_from_json, inspect);
  return 0;
}
