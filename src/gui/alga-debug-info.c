/* alga-debug-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text behind About → Troubleshooting → Debugging Information. Users paste it into bug
 * reports, so it stays in English for the people who read those reports, and it goes through
 * alga_debug_info_mask_secrets() before anyone sees it.
 */

#define G_LOG_DOMAIN "alga-debug-info"

#include "config.h"

#include "alga-debug-info.h"
#include "alga-token-bundle.h"

#include <string.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define MASK "[masked]"

/* Shorter runs are identifiers and words; Alga's API keys are 64 hex digits and its refresh
 * and one-time tokens are 43 or more base64url characters. */
#define MIN_TOKEN_LENGTH 32

static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

static gboolean
is_uuid (const char *run,
         gsize       length)
{
  static const char dashes[] = { 8, 13, 18, 23 };
  gsize d = 0;

  if (length != 36)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (d < G_N_ELEMENTS (dashes) && i == (gsize) dashes[d])
        {
          if (run[i] != '-')
            return FALSE;
          d++;
        }
      else if (!g_ascii_isxdigit (run[i]))
        {
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
looks_secret (const char *run,
              gsize       length)
{
  gboolean all_hex = TRUE;
  gboolean upper = FALSE;
  gboolean lower = FALSE;
  gboolean digit = FALSE;

  if (length < MIN_TOKEN_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      all_hex = all_hex && g_ascii_isxdigit (run[i]);
      upper = upper || g_ascii_isupper (run[i]);
      lower = lower || g_ascii_islower (run[i]);
      digit = digit || g_ascii_isdigit (run[i]);
    }

  if (all_hex && length == 64)
    return TRUE;

  /* Record IDs are UUIDs: not secret, and bug reports need them. */
  if (is_uuid (run, length))
    return FALSE;

  /* A random token mixes letter cases and digits; long names of one case do not. */
  return (upper + lower + digit) >= 2;
}

/**
 * alga_debug_info_mask_secrets:
 * @text: (nullable): text that may be shown or copied
 *
 * Hides what looks like an API key (64 hex digits) or a token (a long run of base64url
 * characters mixing letter cases or digits), including `=` padding after it. UUIDs, words,
 * addresses and version numbers stay as they are.
 *
 * Returns: (transfer full): the masked text; an empty string for %NULL
 */
char *
alga_debug_info_mask_secrets (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  p = text;

  while (*p != '\0')
    {
      const char *start = p;
      gsize length;

      if (!is_token_char (*p))
        {
          g_string_append_c (out, *p++);
          continue;
        }

      while (is_token_char (*p))
        p++;
      length = p - start;

      if (looks_secret (start, length))
        {
          g_string_append (out, MASK);
          while (*p == '=')
            p++;
        }
      else
        {
          g_string_append_len (out, start, length);
        }
    }

  return g_string_free (out, FALSE);
}

static const char *
or_unknown (const char *value)
{
  return value != NULL && *value != '\0' ? value : "(unknown)";
}

/* In a bug report, how the app knows who the user is: a key of a Technician cannot list users,
 * so the answer may come from the key's own work instead. */
static const char *
describe_identity (const char *identity)
{
  if (g_strcmp0 (identity, ALGA_IDENTITY_USER_LIST) == 0)
    return "the e-mail address was found in the server's list of users";
  if (g_strcmp0 (identity, ALGA_IDENTITY_ASSIGNED_TICKET) == 0)
    return "the key may not list users; its own activities feed named the user, and the e-mail "
           "address was checked on a ticket assigned to them";
  if (g_strcmp0 (identity, ALGA_IDENTITY_OWN_WORK_CONFIRMED) == 0 ||
      g_strcmp0 (identity, ALGA_IDENTITY_OWN_WORK) == 0)
    return "the key may not list users; its own time entries named the user, the e-mail address "
           "could not be checked and the user confirmed it is theirs";
  if (g_strcmp0 (identity, ALGA_IDENTITY_BROWSER) == 0)
    return "the browser sign-in named the user";
  return "not recorded (signed in with an earlier version)";
}

/**
 * alga_debug_info_collect:
 * @server_url: (nullable): the server in use
 * @user_email: (nullable): the signed-in user's e-mail
 * @user_name: (nullable): the signed-in user's name
 * @identity: (nullable): how the sign-in established the user (alga_token_bundle_get_identity())
 *
 * Gathers what a bug report needs: versions of the app and of the libraries it runs with,
 * the server, the user and the system, with secrets masked.
 *
 * Returns: (transfer full): the text
 */
char *
alga_debug_info_collect (const char *server_url,
                         const char *user_email,
                         const char *user_name,
                         const char *identity)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *os_name = g_get_os_info (G_OS_INFO_KEY_PRETTY_NAME);
  g_autofree char *user = NULL;

  if (user_name != NULL && *user_name != '\0' && user_email != NULL && *user_email != '\0')
    user = g_strdup_printf ("%s <%s>", user_name, user_email);
  else if (user_email != NULL && *user_email != '\0')
    user = g_strdup (user_email);
  else if (user_name != NULL && *user_name != '\0')
    user = g_strdup (user_name);

  g_string_append_printf (text, "%s %s (%s)\n", PACKAGE_NAME, PACKAGE_VERSION, APP_ID);
  g_string_append_printf (text, "Profile: %s\n", PROFILE);
  g_string_append_c (text, '\n');

  g_string_append (text, "Libraries (running):\n");
  g_string_append_printf (text, "- GLib %u.%u.%u\n",
                          glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (text, "- GTK %u.%u.%u\n",
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version ());
  g_string_append_printf (text, "- libadwaita %u.%u.%u\n",
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version ());
  g_string_append_printf (text, "- libsoup %u.%u.%u\n",
                          soup_get_major_version (), soup_get_minor_version (),
                          soup_get_micro_version ());
  /* json-glib has no run-time version call. */
  g_string_append_printf (text, "- json-glib %s (built with)\n", JSON_VERSION_S);
  g_string_append_c (text, '\n');

  g_string_append_printf (text, "Server: %s\n", server_url != NULL && *server_url != '\0'
                                                  ? server_url : "(not signed in)");
  g_string_append_printf (text, "User: %s\n", user != NULL ? user : "(not signed in)");
  if (user != NULL)
    g_string_append_printf (text, "Identity: %s\n", describe_identity (identity));
  g_string_append_c (text, '\n');

  g_string_append_printf (text, "System: %s\n", or_unknown (os_name));
  g_string_append_printf (text, "Desktop: %s\n", or_unknown (g_getenv ("XDG_CURRENT_DESKTOP")));
  g_string_append_printf (text, "Session: %s\n", or_unknown (g_getenv ("XDG_SESSION_TYPE")));
  g_string_append_printf (text, "Flatpak: %s\n",
                          g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "yes" : "no");

  return alga_debug_info_mask_secrets (text->str);
}
