/* fuzz-ticket-list.c: a page of GET /tickets (alga_ticket_new_from_json over data[] and
 * alga_pagination_new_from_json), and each ticket merged into a kept row.
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
  const char * const *tags;
  GPtrArray *tag_list;

  alga_fuzz_read_properties (ticket);

  tags = alga_ticket_get_tags (ticket);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_assert_nonnull (tags[i]);
  tag_list = alga_ticket_get_tag_list (ticket);
  for (guint i = 0; tag_list != NULL && i < tag_list->len; i++)
    alga_fuzz_read_properties (g_ptr_array_index (tag_list, i));

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

  alga_fuzz_decode (root, (AlgaJsonDecodeFunc) alga_ticket_new_from_json, inspect);
  return 0;
}
