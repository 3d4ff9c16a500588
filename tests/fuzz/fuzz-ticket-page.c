/* fuzz-ticket-page.c: a page of GET /tickets through alga_ticket_page_decode() (the client's
 * decoder, straight from bytes) compared with the json-glib path it replaced, on every input:
 * the same tickets, property by property, or the same kind of failure (see
 * tests/alga-test-ticket-page.h). Each ticket is also merged into a kept row, as the list does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

#include "../alga-test-ticket-page.h"

static void
merge_into_rows (GPtrArray *items)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      AlgaTicket *ticket = g_ptr_array_index (items, i);
      g_autoptr(AlgaTicket) row = NULL;
      g_autofree char *body = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(JsonNode) id = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *id_text = NULL;

      json_node_set_string (id, alga_ticket_get_ticket_id (ticket));
      json_generator_set_root (generator, id);
      id_text = json_generator_to_data (generator, NULL);
      body = g_strdup_printf ("{\"data\":[{\"ticket_id\":%s,\"title\":\"Row\",\"tags\":[]}]}",
                              id_text);
      rows = alga_ticket_page_decode (body, strlen (body), NULL, NULL);
      if (rows == NULL || rows->len != 1)
        {
          fprintf (stderr, "A row for id %s did not decode\n", id_text);
          abort ();
        }

      row = g_object_ref (g_ptr_array_index (rows, 0));
      alga_ticket_update_from (row, ticket);
      alga_fuzz_read_properties (row);
      alga_ticket_get_tag_list (row);
    }
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
  g_autofree char *difference = NULL;
  g_autoptr(GPtrArray) items = NULL;

  difference = alga_test_page_check ((const char *) data, size);
  if (difference != NULL)
    {
      fprintf (stderr, "alga_ticket_page_decode and json-glib differ: %s\n", difference);
      abort ();
    }

  items = alga_ticket_page_decode ((const char *) data, size, NULL, NULL);
  merge_into_rows (items);
  return 0;
}
