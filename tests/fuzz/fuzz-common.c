/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <stdlib.h>

#include "alga-pagination.h"

static GLogWriterOutput
quiet_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  /* Hostile input makes decoders log what they skip; millions of such lines would only slow
   * the run. Criticals still abort (below), and errors always do. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_writer_default (log_level, fields, n_fields, user_data);
      /* abort(), not GLib's breakpoint trap: libFuzzer saves the input on SIGABRT only. */
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

/**
 * alga_fuzz_init:
 *
 * Makes a critical warning abort, so that a g_return_if_fail() tripped by input the decoders
 * should have refused counts as a crash, and silences the rest of the log.
 */
void
alga_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (quiet_writer, NULL, NULL);
}

/**
 * alga_fuzz_parse:
 * @data: the input
 * @size: its length
 *
 * Parses the input as the client does: the depth check, then json-glib over the whole body.
 *
 * Returns: (transfer full) (nullable): the root, or %NULL if the input is not JSON
 */
JsonNode *
alga_fuzz_parse (const uint8_t *data,
                 size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  /* As the client does (alga-request.c): nesting json-glib cannot parse safely is refused. */
  if (size > G_MAXSSIZE || !alga_json_depth_ok ((const char *) data, (gssize) size))
    return NULL;

  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  return root != NULL ? json_node_ref (root) : NULL;
}

/**
 * alga_fuzz_dup_string:
 * @data: the input
 * @size: its length
 *
 * Returns: (transfer full): the input as a NUL-terminated string (cut at the first NUL)
 */
char *
alga_fuzz_dup_string (const uint8_t *data,
                      size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/**
 * alga_fuzz_read_properties:
 * @object: a #GObject
 *
 * Reads every readable property, and so runs every getter the list rows and the detail pane
 * bind to, over whatever the decoder kept.
 */
void
alga_fuzz_read_properties (gpointer object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      /* Copies strings and boxed values, so AddressSanitizer sees every byte read. */
      g_object_get_property (object, pspecs[i]->name, &value);
    }
}

/**
 * alga_fuzz_decode:
 * @root: (nullable): a parsed body
 * @decode: the decoder of one item
 * @inspect: (nullable): called on each decoded item
 *
 * Walks the body the way the client's endpoints do (alga-client.c decode_into_task): the
 * `data` member when the root is an envelope, else the root itself; the `pagination` block
 * when there is one; an array decoded item by item, anything else decoded as one item.
 */
void
alga_fuzz_decode (JsonNode            *root,
                  AlgaJsonDecodeFunc   decode,
                  AlgaFuzzInspectFunc  inspect)
{
  g_autoptr(GError) error = NULL;
  JsonNode *data = root;

  if (root == NULL)
    return;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *pagination = json_object_get_member (object, "pagination");

      if (json_object_has_member (object, "data"))
        data = json_object_get_member (object, "data");

      if (pagination != NULL)
        {
          g_autoptr(AlgaPagination) page = alga_pagination_new_from_json (pagination, NULL);

          if (page != NULL)
            {
              g_autoptr(AlgaPagination) copy = alga_pagination_copy (page);

              g_assert (copy->page == page->page && copy->total == page->total);
            }
        }
    }

  if (JSON_NODE_HOLDS_ARRAY (data))
    {
      g_autoptr(GPtrArray) items = alga_json_decode_array (data, decode, &error);

      g_assert (items != NULL);
      for (guint i = 0; inspect != NULL && i < items->len; i++)
        inspect (g_ptr_array_index (items, i));
    }
  else
    {
      g_autoptr(GObject) item = decode (data, &error);

      g_assert ((item == NULL) != (error == NULL));
      if (item != NULL && inspect != NULL)
        inspect (item);
    }
}
