/* alga-test-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-test-json"

#include "config.h"

#include "alga-test-json.h"

#include <string.h>

void
alga_test_reply_json (SoupServerMessage *msg,
                      guint              status,
                      JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize length = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), length);
  json_node_unref (node);
}

void
alga_test_reply_data (SoupServerMessage *msg,
                      guint              status,
                      JsonNode          *data)
{
  JsonObject *root = json_object_new ();

  json_object_set_member (root, "data", data);
  alga_test_reply_json (msg, status, json_node_init_object (json_node_alloc (), root));
  json_object_unref (root);
}

void
alga_test_reply_paginated (SoupServerMessage *msg,
                           JsonArray         *items,
                           guint              page,
                           guint              limit,
                           guint              total,
                           JsonObject        *meta)
{
  JsonObject *root = json_object_new ();
  JsonObject *pagination = json_object_new ();
  guint total_pages = limit > 0 ? (total + limit - 1) / limit : 0;

  json_object_set_array_member (root, "data", json_array_ref (items));
  json_object_set_int_member (pagination, "page", page);
  json_object_set_int_member (pagination, "limit", limit);
  json_object_set_int_member (pagination, "total", total);
  json_object_set_int_member (pagination, "totalPages", total_pages);
  json_object_set_boolean_member (pagination, "hasNext", page < total_pages);
  json_object_set_boolean_member (pagination, "hasPrev", page > 1);
  json_object_set_object_member (root, "pagination", pagination);
  if (meta != NULL)
    json_object_set_object_member (root, "meta", json_object_ref (meta));
  alga_test_reply_json (msg, 200, json_node_init_object (json_node_alloc (), root));
  json_object_unref (root);
}

void
alga_test_reply_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *code,
                       const char        *message,
                       JsonArray         *details)
{
  JsonObject *root = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  if (details != NULL)
    json_object_set_array_member (error, "details", json_array_ref (details));
  json_object_set_object_member (root, "error", error);
  alga_test_reply_json (msg, status, json_node_init_object (json_node_alloc (), root));
  json_object_unref (root);
}

void
alga_test_reply_string_error (SoupServerMessage *msg,
                              guint              status,
                              const char        *message)
{
  JsonObject *root = json_object_new ();

  json_object_set_string_member (root, "error", message);
  alga_test_reply_json (msg, status, json_node_init_object (json_node_alloc (), root));
  json_object_unref (root);
}

void
alga_test_reply_html_404 (SoupServerMessage *msg)
{
  static const char page[] =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charSet=\"utf-8\"/>"
    "<title>404: This page could not be found.</title></head><body><div>"
    "<h1>404</h1><h2>This page could not be found.</h2></div></body></html>";

  soup_server_message_set_status (msg, 404, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                    page, strlen (page));
}

void
alga_test_reply_redirect (SoupServerMessage *msg,
                          const char        *location)
{
  soup_server_message_set_status (msg, 302, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
}

JsonObject *
alga_test_issue_add (JsonArray  *issues,
                     const char *code,
                     const char *path,
                     const char *message)
{
  JsonObject *issue = json_object_new ();
  JsonArray *p = json_array_new ();

  if (code != NULL)
    json_object_set_string_member (issue, "code", code);
  json_object_set_string_member (issue, "message", message);
  json_array_add_string_element (p, path);
  json_object_set_array_member (issue, "path", p);
  json_array_add_object_element (issues, issue);
  return issue;
}

void
alga_test_issue_uuid (JsonArray  *issues,
                      const char *path)
{
  JsonObject *issue = json_object_new ();
  JsonArray *p = json_array_new ();

  json_object_set_string_member (issue, "validation", "uuid");
  json_object_set_string_member (issue, "code", "invalid_string");
  json_object_set_string_member (issue, "message", "Invalid uuid");
  json_array_add_string_element (p, path);
  json_object_set_array_member (issue, "path", p);
  json_array_add_object_element (issues, issue);
}

void
alga_test_issue_datetime (JsonArray  *issues,
                          const char *path)
{
  JsonObject *issue = json_object_new ();
  JsonArray *p = json_array_new ();

  json_object_set_string_member (issue, "code", "invalid_string");
  json_object_set_string_member (issue, "validation", "datetime");
  json_object_set_string_member (issue, "message", "Invalid datetime");
  json_array_add_string_element (p, path);
  json_object_set_array_member (issue, "path", p);
  json_array_add_object_element (issues, issue);
}

gboolean
alga_test_is_uuid (const char *text)
{
  static const int dashes[] = { 8, 13, 18, 23 };

  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      gboolean dash = i == dashes[0] || i == dashes[1] || i == dashes[2] || i == dashes[3];

      if (dash ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/* Zod's datetime(): UTC with "Z" only, fractional seconds optional. */
gboolean
alga_test_parse_time_z (const char *text,
                        gint64     *usec)
{
  g_autoptr(GDateTime) dt = NULL;
  gsize len;

  if (text == NULL || (len = strlen (text)) < 20 || text[len - 1] != 'Z')
    return FALSE;
  for (gsize i = 0; i < len - 1; i++)
    {
      char c = text[i];
      gboolean ok;

      if (i == 4 || i == 7)
        ok = c == '-';
      else if (i == 10)
        ok = c == 'T';
      else if (i == 13 || i == 16)
        ok = c == ':';
      else if (i == 19)
        ok = c == '.' && len > 21;
      else
        ok = g_ascii_isdigit (c);
      if (!ok)
        return FALSE;
    }
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  if (usec != NULL)
    *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

char *
alga_test_format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, (int) ((usec % G_USEC_PER_SEC) / 1000));
}

void
alga_test_set_time_member (JsonObject *object,
                           const char *name,
                           gint64      usec)
{
  g_autofree char *text = NULL;

  if (usec == 0)
    {
      json_object_set_null_member (object, name);
      return;
    }
  text = alga_test_format_time (usec);
  json_object_set_string_member (object, name, text);
}

void
alga_test_set_string_or_null (JsonObject *object,
                              const char *name,
                              const char *value)
{
  if (value == NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, value);
}

/* Node's JSON.parse messages for the two cases a client meets: a cut body and garbage. */
static char *
json_parse_message (const char *body)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (const char *p = body; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        depth++;
      else if (*p == '}' || *p == ']')
        depth--;
    }
  if (body[0] == '{')
    {
      const char *next = body + 1;

      while (g_ascii_isspace (*next))
        next++;
      if (*next != '\0' && *next != '"' && *next != '}')
        return g_strdup_printf ("Expected property name or '}' in JSON at position %d", (int) (next - body));
    }
  if (depth > 0 || in_string || body[0] == '\0')
    return g_strdup ("Unexpected end of JSON input");
  if (body[0] == '{')
    return g_strdup ("Expected property name or '}' in JSON at position 1");
  return g_strdup_printf ("Unexpected token '%c', \"%.10s\" is not valid JSON", body[0], body);
}

JsonObject *
alga_test_parse_body (SoupServerMessage *msg,
                      char             **parse_error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      *parse_error = json_parse_message (stripped);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
render_inline (GString   *html,
               GString   *visible,
               JsonArray *content)
{
  for (guint i = 0; content != NULL && i < json_array_get_length (content); i++)
    {
      JsonNode *node = json_array_get_element (content, i);
      JsonObject *item;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      type = json_object_get_string_member_with_default (item, "type", "text");
      if (g_str_equal (type, "link"))
        {
          g_autofree char *href = g_markup_escape_text (
            json_object_get_string_member_with_default (item, "href", ""), -1);
          JsonNode *inner = json_object_get_member (item, "content");

          g_string_append_printf (html, "<a href=\"%s\">", href);
          if (inner != NULL && JSON_NODE_HOLDS_ARRAY (inner))
            render_inline (html, visible, json_node_get_array (inner));
          g_string_append (html, "</a>");
        }
      else
        {
          const char *text = json_object_get_string_member_with_default (item, "text", "");
          JsonObject *styles = NULL;
          static const char *tags[][2] = {
            { "bold", "strong" }, { "italic", "em" }, { "underline", "u" },
            { "strike", "s" }, { "code", "code" },
          };

          if (json_object_has_member (item, "styles") &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "styles")))
            styles = json_object_get_object_member (item, "styles");
          for (guint t = 0; styles != NULL && t < G_N_ELEMENTS (tags); t++)
            if (json_object_get_boolean_member_with_default (styles, tags[t][0], FALSE))
              g_string_append_printf (html, "<%s>", tags[t][1]);
          append_escaped (html, text);
          for (int t = G_N_ELEMENTS (tags) - 1; styles != NULL && t >= 0; t--)
            if (json_object_get_boolean_member_with_default (styles, tags[t][0], FALSE))
              g_string_append_printf (html, "</%s>", tags[t][1]);
          g_string_append (visible, text);
        }
    }
}

static gboolean
render_blocknote (JsonArray  *blocks,
                  GString    *html,
                  GString    *visible)
{
  const char *open_list = NULL;

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonNode *node = json_array_get_element (blocks, i);
      JsonObject *block;
      const char *type;
      const char *list = NULL;
      JsonNode *content;
      JsonArray *inline_content = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      block = json_node_get_object (node);
      type = json_object_get_string_member_with_default (block, "type", "paragraph");
      content = json_object_get_member (block, "content");
      if (content != NULL && JSON_NODE_HOLDS_ARRAY (content))
        inline_content = json_node_get_array (content);

      if (g_str_equal (type, "bulletListItem"))
        list = "ul";
      else if (g_str_equal (type, "numberedListItem"))
        list = "ol";
      if (g_strcmp0 (open_list, list) != 0)
        {
          if (open_list != NULL)
            g_string_append_printf (html, "</%s>", open_list);
          if (list != NULL)
            g_string_append_printf (html, "<%s>", list);
          open_list = list;
        }

      if (i > 0)
        g_string_append_c (visible, '\n');
      if (list != NULL)
        {
          g_string_append (html, "<li>");
          render_inline (html, visible, inline_content);
          g_string_append (html, "</li>");
        }
      else if (g_str_equal (type, "heading"))
        {
          gint64 level = 1;

          if (json_object_has_member (block, "props") &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (block, "props")))
            level = json_object_get_int_member_with_default (
              json_object_get_object_member (block, "props"), "level", 1);
          level = CLAMP (level, 1, 6);
          g_string_append_printf (html, "<h%d>", (int) level);
          render_inline (html, visible, inline_content);
          g_string_append_printf (html, "</h%d>", (int) level);
        }
      else if (g_str_equal (type, "codeBlock"))
        {
          g_string_append (html, "<pre><code>");
          render_inline (html, visible, inline_content);
          g_string_append (html, "</code></pre>");
        }
      else
        {
          g_string_append (html, "<p>");
          render_inline (html, visible, inline_content);
          g_string_append (html, "</p>");
        }
    }
  if (open_list != NULL)
    g_string_append_printf (html, "</%s>", open_list);
  return TRUE;
}

void
alga_test_render_rich_text (const char  *text,
                            char       **html,
                            char       **visible)
{
  g_autoptr(GString) h = g_string_new (NULL);
  g_autoptr(GString) v = g_string_new (NULL);

  if (text != NULL && (text[0] == '[' || text[0] == '{'))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (json_parser_load_from_data (parser, text, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL)
        {
          g_autoptr(JsonArray) blocks = NULL;

          if (JSON_NODE_HOLDS_ARRAY (root))
            blocks = json_array_ref (json_node_get_array (root));
          else if (JSON_NODE_HOLDS_OBJECT (root))
            {
              blocks = json_array_new ();
              json_array_add_element (blocks, json_node_copy (root));
            }
          if (blocks != NULL && render_blocknote (blocks, h, v))
            {
              if (h->len == 0)
                g_string_append (h, "<p></p>");
              goto out;
            }
          g_string_truncate (h, 0);
          g_string_truncate (v, 0);
        }
    }

  /* Plain text: one paragraph, escaped, newlines kept as they are (the real server's HTML). */
  g_string_append (h, "<p>");
  if (text != NULL)
    append_escaped (h, text);
  g_string_append (h, "</p>");
  g_string_append (v, text != NULL ? text : "");

out:
  if (html != NULL)
    *html = g_string_free (g_steal_pointer (&h), FALSE);
  if (visible != NULL)
    *visible = g_string_free (g_steal_pointer (&v), FALSE);
}
