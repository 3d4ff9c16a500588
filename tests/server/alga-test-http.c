/* alga-test-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-test-http"

#include "config.h"

#include "alga-test-http.h"

#include <string.h>

void
alga_test_response_free (AlgaTestResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->body);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_error (&response->error);
  g_free (response);
}

AlgaTestResponse *
alga_test_http (SoupSession *session,
                const char  *method,
                const char  *url,
                const char  *api_key,
                const char  *body,
                ...)
{
  AlgaTestResponse *r = g_new0 (AlgaTestResponse, 1);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers;
  const char *name;
  va_list args;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (api_key != NULL)
    soup_message_headers_replace (headers, "x-api-key", api_key);
  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  va_end (args);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (session, msg, NULL, &r->error);
  r->status = r->error == NULL ? soup_message_get_status (msg) : 0;
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (bytes != NULL)
    {
      r->length = g_bytes_get_size (bytes);
      r->body = g_strndup (g_bytes_get_data (bytes, NULL), r->length);
      if (r->length > 0 && json_parser_load_from_data (parser, r->body, r->length, NULL))
        r->json = json_node_copy (json_parser_get_root (parser));
    }
  else
    r->body = g_strdup ("");
  return r;
}

JsonNode *
alga_test_json_at (JsonNode   *root,
                   const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

const char *
alga_test_json_string (JsonNode   *root,
                       const char *path)
{
  JsonNode *node = alga_test_json_at (root, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
alga_test_json_int (JsonNode   *root,
                    const char *path)
{
  JsonNode *node = alga_test_json_at (root, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  return json_node_get_int (node);
}

static const char *
kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_BOOLEAN:
      return "boolean";
    default:
      return "number";
    }
}

static gboolean
same_shape (JsonNode           *a,
            JsonNode           *b,
            const char * const *skip,
            const char         *where,
            char              **why)
{
  if (JSON_NODE_HOLDS_NULL (a) || JSON_NODE_HOLDS_NULL (b))
    return TRUE;
  if (!g_str_equal (kind (a), kind (b)))
    {
      *why = g_strdup_printf ("%s: %s here, %s in the sample", where, kind (a), kind (b));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *x = json_node_get_array (a);
      JsonArray *y = json_node_get_array (b);
      g_autofree char *inner = g_strdup_printf ("%s[0]", where);

      if (json_array_get_length (x) == 0 || json_array_get_length (y) == 0)
        return TRUE;
      return same_shape (json_array_get_element (x, 0), json_array_get_element (y, 0), skip, inner, why);
    }
  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      JsonObject *x = json_node_get_object (a);
      JsonObject *y = json_node_get_object (b);
      g_autoptr(GList) xs = json_object_get_members (x);
      g_autoptr(GList) ys = json_object_get_members (y);

      for (GList *l = ys; l != NULL; l = l->next)
        if (!json_object_has_member (x, l->data))
          {
            *why = g_strdup_printf ("%s: no \"%s\" here", where, (char *) l->data);
            return FALSE;
          }
      for (GList *l = xs; l != NULL; l = l->next)
        {
          g_autofree char *inner = g_strdup_printf ("%s.%s", where, (char *) l->data);

          if (!json_object_has_member (y, l->data))
            {
              *why = g_strdup_printf ("%s: \"%s\" is not in the sample", where, (char *) l->data);
              return FALSE;
            }
          if (skip != NULL && g_strv_contains (skip, l->data))
            continue;
          if (!same_shape (json_object_get_member (x, l->data), json_object_get_member (y, l->data),
                           skip, inner, why))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
alga_test_json_same_shape (JsonNode           *ours,
                           JsonNode           *theirs,
                           const char * const *skip,
                           char              **why)
{
  g_autofree char *reason = NULL;
  gboolean same;

  if (ours == NULL || theirs == NULL)
    {
      if (why != NULL)
        *why = g_strdup ("a document is missing");
      return ours == theirs;
    }
  same = same_shape (ours, theirs, skip, "$", &reason);
  if (why != NULL)
    *why = g_steal_pointer (&reason);
  return same;
}
