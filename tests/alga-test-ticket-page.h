/* alga-test-ticket-page.h: the differential check of alga_ticket_page_decode() against the
 * json-glib path the client used before it (parse, then alga_ticket_new_from_json() on each
 * item), shared by test-ticket-page and fuzz-ticket-page. Header-only, so that the fuzz build
 * needs no test library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <string.h>

#include "alga-error.h"
#include "alga-json.h"
#include "alga-pagination.h"
#include "alga-tag.h"
#include "alga-ticket-page.h"
#include "alga-ticket-private.h"
#include "alga-ticket.h"

/* The json-glib path, as alga-request.c's parse_json_body() and alga-client.c's paginated
 * decoding do it. root_out gets the parsed tree, if any. */
static inline GPtrArray *
alga_test_page_decode_json_glib (const char      *data,
                                 gsize            length,
                                 AlgaPagination **pagination,
                                 JsonNode       **root_out,
                                 GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(AlgaPagination) page = NULL;
  JsonNode *root, *items, *pagination_node;
  GError *local_error = NULL;

  *pagination = NULL;
  *root_out = NULL;

  while (length > 0 && g_ascii_isspace (data[length - 1]))
    length--;
  if (length == 0)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE, "no data");
      return NULL;
    }

  if (!alga_json_depth_ok (data, length))
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           "The server's answer is not valid JSON: nested too deeply");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                   "The server's answer is not valid JSON: %s",
                   local_error != NULL ? local_error->message : "empty document");
      g_clear_error (&local_error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  *root_out = json_node_ref (root);

  items = JSON_NODE_HOLDS_OBJECT (root)
          ? json_object_get_member (json_node_get_object (root), "data") : NULL;
  if (items == NULL)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE, "no data");
      return NULL;
    }

  pagination_node = json_object_get_member (json_node_get_object (root), "pagination");
  if (pagination_node != NULL)
    {
      page = alga_pagination_new_from_json (pagination_node, error);
      if (page == NULL)
        return NULL;
    }

  *pagination = g_steal_pointer (&page);
  return alga_json_decode_array (items, (AlgaJsonDecodeFunc) alga_ticket_new_from_json, error);
}

static inline gboolean
alga_test_page_is_syntax_error (const GError *error)
{
  return error != NULL && strstr (error->message, "not valid JSON") != NULL;
}

static inline char *
alga_test_tags_differ (AlgaTicket *a,
                       AlgaTicket *b)
{
  GPtrArray *la = alga_ticket_get_tag_list (a);
  GPtrArray *lb = alga_ticket_get_tag_list (b);

  if ((la == NULL) != (lb == NULL))
    return g_strdup ("tag list: one is NULL");
  if (la == NULL)
    return NULL;
  if (la->len != lb->len)
    return g_strdup_printf ("tag list: %u tags against %u", la->len, lb->len);

  for (guint i = 0; i < la->len; i++)
    {
      AlgaTag *ta = g_ptr_array_index (la, i);
      AlgaTag *tb = g_ptr_array_index (lb, i);

      if (g_strcmp0 (alga_tag_get_tag_id (ta), alga_tag_get_tag_id (tb)) != 0
          || g_strcmp0 (alga_tag_get_text (ta), alga_tag_get_text (tb)) != 0
          || g_strcmp0 (alga_tag_get_background_color (ta), alga_tag_get_background_color (tb)) != 0
          || g_strcmp0 (alga_tag_get_text_color (ta), alga_tag_get_text_color (tb)) != 0)
        return g_strdup_printf ("tag %u differs (“%s” against “%s”)", i,
                                alga_tag_get_text (ta), alga_tag_get_text (tb));
    }

  return NULL;
}

/* NULL when a and b are the same ticket in every property, tag and known member. */
static inline char *
alga_test_tickets_differ (AlgaTicket *a,
                          AlgaTicket *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      GType type = pspecs[i]->value_type;
      gboolean same;

      g_value_init (&va, type);
      g_value_init (&vb, type);
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);

      if (type == G_TYPE_STRING)
        same = g_strcmp0 (g_value_get_string (&va), g_value_get_string (&vb)) == 0;
      else if (type == G_TYPE_BOOLEAN)
        same = !g_value_get_boolean (&va) == !g_value_get_boolean (&vb);
      else if (g_value_get_boxed (&va) == NULL || g_value_get_boxed (&vb) == NULL)
        same = g_value_get_boxed (&va) == g_value_get_boxed (&vb);
      else if (type == G_TYPE_DATE_TIME)
        same = g_date_time_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb))
               && g_date_time_get_utc_offset (g_value_get_boxed (&va))
                  == g_date_time_get_utc_offset (g_value_get_boxed (&vb));
      else if (type == G_TYPE_STRV)
        same = g_strv_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb));
      else if (type == JSON_TYPE_OBJECT)
        same = json_object_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb));
      else
        return g_strdup_printf ("%s: cannot compare a %s", pspecs[i]->name, g_type_name (type));

      if (!same)
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          return g_strdup_printf ("%s: %s against %s", pspecs[i]->name, sa, sb);
        }
    }

  if (alga_ticket_get_known (a) != alga_ticket_get_known (b))
    return g_strdup_printf ("members known: %" G_GINT64_MODIFIER "x against %"
                            G_GINT64_MODIFIER "x",
                            alga_ticket_get_known (a), alga_ticket_get_known (b));

  return alga_test_tags_differ (a, b);
}

static inline char *
alga_test_pages_differ (GPtrArray      *a,
                        AlgaPagination *pa,
                        GPtrArray      *b,
                        AlgaPagination *pb)
{
  if ((a == NULL) != (b == NULL))
    return g_strdup ("one page failed");
  if (a == NULL)
    return NULL;

  if ((pa == NULL) != (pb == NULL))
    return g_strdup ("pagination: one is NULL");
  if (pa != NULL && memcmp (pa, pb, sizeof *pa) != 0)
    return g_strdup ("pagination differs");

  if (a->len != b->len)
    return g_strdup_printf ("%u tickets against %u", a->len, b->len);

  for (guint i = 0; i < a->len; i++)
    {
      char *difference = alga_test_tickets_differ (g_ptr_array_index (a, i),
                                                   g_ptr_array_index (b, i));

      if (difference != NULL)
        {
          char *where = g_strdup_printf ("ticket %u: %s", i, difference);

          g_free (difference);
          return where;
        }
    }

  return NULL;
}

/* json-glib 1.6's json_strescape() leaves U+001F unescaped (it tests "< 0x1f"), so a text
 * holding one cannot be written back as strict JSON. */
static inline gboolean
alga_test_text_is_writable (const char *text)
{
  return strchr (text, 0x1f) == NULL && g_utf8_validate (text, -1, NULL);
}

/* Whether a tree json-glib accepted can be written as strict JSON that the scanner must take:
 * valid UTF-8 and numbers that json-glib can write, nesting within the limit. */
static inline gboolean
alga_test_tree_is_strict (JsonNode *node,
                          guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (depth + 1 > ALGA_JSON_MAX_DEPTH)
          return FALSE;
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!alga_test_text_is_writable (name) || !alga_test_tree_is_strict (member, depth + 1))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        if (depth + 1 > ALGA_JSON_MAX_DEPTH)
          return FALSE;
        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!alga_test_tree_is_strict (json_array_get_element (array, i), depth + 1))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return alga_test_text_is_writable (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          /* json-glib 1.6 writes 1e100 as "1e+100.0". */
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (buf, sizeof buf, "%.17g", json_node_get_double (node));
          return isfinite (json_node_get_double (node)) && strchr (buf, 'e') == NULL;
        }
      return TRUE;
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* The whole check on one body; NULL when it holds, else what failed.
 * - where the scanner succeeds, json-glib must succeed with the same tickets and pagination;
 * - where it fails for another reason than syntax (no data, wrong types), json-glib must fail;
 * - where json-glib succeeds (it is lenient: comments, single quotes, octal…), its tree written
 *   back as strict JSON must decode through the scanner to the same tickets. */
static inline char *
alga_test_page_check (const char *data,
                      gsize       length)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(AlgaPagination) pagination = NULL;
  g_autoptr(AlgaPagination) expected_pagination = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected_error = NULL;

  items = alga_ticket_page_decode (data, length, &pagination, &error);
  expected = alga_test_page_decode_json_glib (data, length, &expected_pagination, &root,
                                              &expected_error);

  if ((items == NULL) != (error != NULL))
    return g_strdup ("the scanner returned nothing without an error, or both");
  if (error != NULL && !g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE))
    return g_strdup_printf ("the scanner failed with another error: %s", error->message);

  if (items != NULL)
    {
      if (expected == NULL)
        return g_strdup_printf ("json-glib failed (%s) where the scanner did not",
                                expected_error->message);
      return alga_test_pages_differ (items, pagination, expected, expected_pagination);
    }

  if (!alga_test_page_is_syntax_error (error) && expected != NULL)
    return g_strdup_printf ("the scanner failed (%s) where json-glib did not", error->message);

  if (root != NULL && alga_test_tree_is_strict (root, 0))
    {
      g_autofree char *strict = json_to_string (root, FALSE);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(AlgaPagination) again_pagination = NULL;
      g_autoptr(GError) again_error = NULL;
      char *difference;

      again = alga_ticket_page_decode (strict, strlen (strict), &again_pagination, &again_error);
      if (alga_test_page_is_syntax_error (again_error))
        return g_strdup_printf ("the scanner refused json-glib's own output (%s): %s",
                                again_error->message, strict);
      difference = alga_test_pages_differ (again, again_pagination, expected, expected_pagination);
      if (difference != NULL)
        {
          char *where = g_strdup_printf ("written back: %s", difference);

          g_free (difference);
          return where;
        }
    }

  return NULL;
}
