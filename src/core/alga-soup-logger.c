/* alga-soup-logger.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTTP traffic in the debug log, with every secret masked. libsoup's own printer hides only
 * Basic credentials; our keys travel in x-api-key and the mobile-auth bodies carry tokens.
 */

#define G_LOG_DOMAIN "alga-soup-logger"

#include "config.h"

#include "alga-soup-logger.h"

#include <string.h>

#define MAX_LOGGED_BODY (16 * 1024)
#define MASK            "****"

static const char * const secret_headers[] = {
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  NULL
};

static GRegex *
secret_values_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled;

      /* JSON members and query parameters that carry tokens, in either spelling. */
      compiled = g_regex_new ("(\"(?:accessToken|refreshToken|access_token|refresh_token|ott|"
                              "api_key|apiKey)\"\\s*:\\s*\")[^\"]*(\")"
                              "|([?&](?:ott|token|access_token|refresh_token)=)[^&\\s\"]*",
                              G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, compiled);
    }

  return regex;
}

static gboolean
replace_secret_cb (const GMatchInfo *match_info,
                   GString          *result,
                   gpointer          user_data)
{
  g_autofree char *json_head = g_match_info_fetch (match_info, 1);
  g_autofree char *json_tail = g_match_info_fetch (match_info, 2);
  g_autofree char *query_head = g_match_info_fetch (match_info, 3);

  if (json_head != NULL && *json_head != '\0')
    g_string_append_printf (result, "%s" MASK "%s", json_head, json_tail);
  else
    g_string_append_printf (result, "%s" MASK, query_head != NULL ? query_head : "");

  return FALSE;
}

static void
mask_line (GString    *out,
           const char *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *masked = NULL;

  if (colon != NULL && colon != line)
    {
      g_autofree char *name = g_ascii_strdown (line, colon - line);

      if (g_str_equal (name, "x-api-key"))
        {
          g_autofree char *value = g_strstrip (g_strdup (colon + 1));
          gsize len = strlen (value);

          /* The last four characters tell keys apart in a log; short values say too much. */
          g_string_append_len (out, line, colon - line + 1);
          if (len >= 16)
            g_string_append_printf (out, " " MASK "%s", value + len - 4);
          else
            g_string_append (out, " " MASK);
          return;
        }

      if (g_strv_contains (secret_headers, name))
        {
          g_string_append_len (out, line, colon - line + 1);
          g_string_append (out, " " MASK);
          return;
        }
    }

  masked = g_regex_replace_eval (secret_values_regex (), line, -1, 0, 0,
                                 replace_secret_cb, NULL, NULL);
  g_string_append (out, masked != NULL ? masked : MASK);
}

/**
 * alga_soup_logger_mask:
 * @text: one or more lines of HTTP traffic
 *
 * Masks the secrets in @text: `x-api-key` keeps at most its last four characters, the
 * Authorization and cookie headers and token members of JSON bodies keep nothing.
 *
 * Returns: (transfer full): the masked text
 */
char *
alga_soup_logger_mask (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      mask_line (out, lines[i]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_cb (SoupLogger         *logger,
          SoupLoggerLogLevel  level,
          char                direction,
          const char         *data,
          gpointer            user_data)
{
  g_autofree char *masked = alga_soup_logger_mask (data);

  g_debug ("%c %s", direction, masked);
}

/* Bodies of the mobile-auth calls are made of one-time tokens, refresh tokens and access keys:
 * log only their headers, whatever the masking would catch. */
static SoupLoggerLogLevel
filter_cb (SoupLogger  *logger,
           SoupMessage *message,
           gpointer     user_data)
{
  const char *path = g_uri_get_path (soup_message_get_uri (message));

  if (path != NULL && strstr (path, "/mobile/auth/") != NULL)
    return SOUP_LOGGER_LOG_HEADERS;

  return SOUP_LOGGER_LOG_BODY;
}

/**
 * alga_soup_logger_attach:
 * @session: a session
 *
 * Attaches a masking #SoupLogger to @session, but only when debug messages of the
 * `alga-soup-logger` domain would be shown (G_MESSAGES_DEBUG names it, or "all").
 *
 * Returns: whether a logger was attached
 */
gboolean
alga_soup_logger_attach (SoupSession *session)
{
  g_autoptr(SoupLogger) logger = NULL;

  g_return_val_if_fail (SOUP_IS_SESSION (session), FALSE);

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return FALSE;

  logger = soup_logger_new (SOUP_LOGGER_LOG_BODY);
  soup_logger_set_max_body_size (logger, MAX_LOGGED_BODY);
  soup_logger_set_printer (logger, print_cb, NULL, NULL);
  soup_logger_set_request_filter (logger, filter_cb, NULL, NULL);
  soup_logger_set_response_filter (logger, filter_cb, NULL, NULL);
  soup_session_add_feature (session, SOUP_SESSION_FEATURE (logger));

  return TRUE;
}
