/* alga-ticket-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-ticket-page.h"
#include "alga-error.h"
#include "alga-json-scan.h"
#include "alga-json.h"
#include "alga-ticket-private.h"

static void
set_scan_error (GError             **error,
                const AlgaJsonScan  *scan)
{
  if (scan->status == ALGA_JSON_SCAN_DEPTH)
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                   _("The server's answer is not valid JSON: %s"), _("nested too deeply"));
    }
  else
    {
      g_autofree char *where = g_strdup_printf (_("unexpected text at byte %lu"),
                                                (gulong) scan->pos);

      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                   _("The server's answer is not valid JSON: %s"), where);
    }
}

/* The items of "data", decoded as they are read; elements that are not tickets are skipped. */
static GPtrArray *
decode_items (AlgaTicketDecoder *decoder,
              AlgaJsonScan      *scan)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  AlgaJsonSpan element;
  gboolean done;

  while (alga_json_scan_next_element (scan, &done) && !done)
    {
      AlgaTicket *ticket;

      if (!alga_json_scan_value (scan, &element))
        return NULL;

      if (element.kind != ALGA_JSON_KIND_OBJECT)
        {
          g_debug ("Skipping list element %u: not an object", items->len);
          if (!alga_json_scan_skip (scan, &element))
            return NULL;
          continue;
        }

      ticket = alga_ticket_decode_scanned (decoder, scan, &element);
      if (ticket != NULL)
        g_ptr_array_add (items, ticket);
      else if (scan->status != ALGA_JSON_SCAN_OK)
        return NULL;
      else
        g_debug ("Skipping list element: no ticket_id");
    }

  if (scan->status != ALGA_JSON_SCAN_OK)
    return NULL;

  return g_steal_pointer (&items);
}

static AlgaPagination *
decode_pagination (const char          *data,
                   const AlgaJsonSpan  *span,
                   GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (span->kind != ALGA_JSON_KIND_OBJECT)
    return alga_pagination_new_from_json (NULL, error);

  /* A handful of members, already checked by the scanner. */
  if (!json_parser_load_from_data (parser, data + span->start, span->end - span->start, error))
    return NULL;

  return alga_pagination_new_from_json (json_parser_get_root (parser), error);
}

/**
 * alga_ticket_page_decode:
 * @data: the body of the answer
 * @length: its length in bytes
 * @pagination: (out) (optional) (transfer full) (nullable): its "pagination", if it has one
 * @error: return location for an error
 *
 * Decodes a page of tickets as the client did through json-glib, without building a tree:
 * strict RFC 8259 (UTF-8 checked, nesting limited to %ALGA_JSON_MAX_DEPTH), then the envelope
 * of a paged answer (docs/API.md, Success envelopes). A body that is not JSON, has no "data",
 * has a "pagination" that is not an object, or a "data" that is not an array fails with
 * %ALGA_API_ERROR_BAD_RESPONSE; items that are not tickets are skipped.
 *
 * Returns: (transfer container) (element-type AlgaTicket) (nullable): the tickets, or %NULL
 *   with @error set
 */
GPtrArray *
alga_ticket_page_decode (const char      *data,
                         gsize            length,
                         AlgaPagination **pagination,
                         GError         **error)
{
  g_autoptr(AlgaTicketDecoder) decoder = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(AlgaPagination) page = NULL;
  AlgaJsonSpan root, key, value;
  AlgaJsonSpan pagination_span = { 0 };
  AlgaJsonKind data_kind = ALGA_JSON_KIND_NONE;
  AlgaJsonScan scan;
  gboolean done;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (pagination != NULL)
    *pagination = NULL;

  /* As the client's parse did: trailing white space goes, and nothing at all is no "data". */
  while (length > 0 && g_ascii_isspace (data[length - 1]))
    length--;
  if (length == 0)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           _("The server's answer has no “data”"));
      return NULL;
    }

  decoder = alga_ticket_decoder_new ();
  alga_json_scan_init (&scan, data, length);

  if (!alga_json_scan_value (&scan, &root))
    {
      set_scan_error (error, &scan);
      return NULL;
    }

  if (root.kind == ALGA_JSON_KIND_OBJECT)
    {
      while (alga_json_scan_next_member (&scan, &key, &done) && !done)
        {
          if (!alga_json_scan_value (&scan, &value))
            break;

          if (alga_json_span_string_equal (data, &key, "data"))
            {
              /* A repeated member counts the last time, as in json-glib. */
              g_clear_pointer (&items, g_ptr_array_unref);
              data_kind = value.kind;
              if (value.kind == ALGA_JSON_KIND_ARRAY)
                {
                  items = decode_items (decoder, &scan);
                  if (items == NULL)
                    break;
                  continue;
                }
            }

          if (!alga_json_scan_skip (&scan, &value))
            break;
          if (alga_json_span_string_equal (data, &key, "pagination"))
            pagination_span = value;
        }
    }
  else
    {
      alga_json_scan_skip (&scan, &root);
    }

  if (!alga_json_scan_finish (&scan))
    {
      set_scan_error (error, &scan);
      return NULL;
    }

  if (data_kind == ALGA_JSON_KIND_NONE)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           _("The server's answer has no “data”"));
      return NULL;
    }

  /* A missing block is not worth failing a page of tickets for; callers see NULL. */
  if (pagination_span.kind != ALGA_JSON_KIND_NONE)
    {
      page = decode_pagination (data, &pagination_span, error);
      if (page == NULL)
        return NULL;
    }

  if (data_kind != ALGA_JSON_KIND_ARRAY)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           _("The server sent something else where a list was expected"));
      return NULL;
    }

  if (pagination != NULL)
    *pagination = g_steal_pointer (&page);

  return g_steal_pointer (&items);
}
