/* test-debug-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The About window's debugging information ends up in public bug reports: what looks like a key
 * or a token must be masked, and what a maintainer needs must survive.
 */

#include "config.h"

#include <adwaita.h>

#include "alga-debug-info.h"

#define KEY_HEX "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define TOKEN_43 "Xk3_9fQzL-0aB7cD2eF4gH6iJ8kL1mN3oP5qR7sT9uV"

static void
assert_masked (const char *text,
               const char *expected)
{
  g_autofree char *masked = alga_debug_info_mask_secrets (text);

  g_assert_cmpstr (masked, ==, expected);
}

static void
test_null_and_empty (void)
{
  assert_masked (NULL, "");
  assert_masked ("", "");
}

static void
test_plain_text_kept (void)
{
  const char *text =
    "Alga PSA 0.1.0-devel (com.nineminds.AlgaPSA.Devel)\n"
    "- GTK 4.8.3\n"
    "Server: https://psa.example.com:8443/msp\n"
    "User: Ada Lovelace <ada.lovelace@example.com>\n"
    "System: Debian GNU/Linux 12 (bookworm)\n"
    "Path: /usr/lib/x86_64-linux-gnu/gio/modules\n";

  assert_masked (text, text);
}

static void
test_hex_key (void)
{
  assert_masked ("X-API-Key: " KEY_HEX "\n", "X-API-Key: [masked]\n");
  assert_masked (KEY_HEX, "[masked]");
  /* All digits is still 64 hex digits. */
  assert_masked ("k=" "1234567890123456789012345678901234567890123456789012345678901234",
                 "k=[masked]");
  assert_masked ("https://psa.example.com/?api_key=" KEY_HEX "&page=2",
                 "https://psa.example.com/?api_key=[masked]&page=2");
}

static void
test_base64url_token (void)
{
  assert_masked ("refresh_token=" TOKEN_43, "refresh_token=[masked]");
  assert_masked ("ott " TOKEN_43 "== done", "ott [masked] done");
  assert_masked ("(" TOKEN_43 ")", "([masked])");
  /* A JWT is three base64url runs joined by dots. */
  assert_masked ("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                 "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0."
                 "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                 "Bearer [masked].[masked].[masked]");
}

static void
test_lookalikes_kept (void)
{
  /* Record IDs are UUIDs, which bug reports need. */
  assert_masked ("ticket 3f2b8c1e-9d4a-4b7e-8f01-23456789abcd",
                 "ticket 3f2b8c1e-9d4a-4b7e-8f01-23456789abcd");
  /* 31 characters: below the length of any Alga secret. */
  assert_masked ("Xk3_9fQzL-0aB7cD2eF4gH6iJ8kL1mN", "Xk3_9fQzL-0aB7cD2eF4gH6iJ8kL1mN");
  /* Long names in one letter case are words, not tokens. */
  assert_masked ("alga_psa_desktop_notification_settings_key",
                 "alga_psa_desktop_notification_settings_key");
  assert_masked ("GLIB_VERSION_MIN_REQUIRED_AND_MAX_ALLOWED",
                 "GLIB_VERSION_MIN_REQUIRED_AND_MAX_ALLOWED");
  /* 65 hex digits are not a key, but a long run of letters and digits all the same. */
  assert_masked ("x " KEY_HEX "0", "x [masked]");
}

static void
test_two_secrets_in_one_line (void)
{
  assert_masked ("a=" KEY_HEX ";b=" TOKEN_43 ";c=ok", "a=[masked];b=[masked];c=ok");
}

static void
test_collect (void)
{
  g_autofree char *info = alga_debug_info_collect ("https://psa.example.com/?key=" KEY_HEX,
                                                   "ada@example.com", "Ada Lovelace",
                                                   "assigned-ticket");
  g_autofree char *gtk_version = g_strdup_printf ("GTK %u.%u.%u", gtk_get_major_version (),
                                                  gtk_get_minor_version (),
                                                  gtk_get_micro_version ());
  g_autofree char *adw_version = g_strdup_printf ("libadwaita %u.%u.%u",
                                                  adw_get_major_version (),
                                                  adw_get_minor_version (),
                                                  adw_get_micro_version ());

  g_assert_nonnull (strstr (info, PACKAGE_VERSION));
  g_assert_nonnull (strstr (info, gtk_version));
  g_assert_nonnull (strstr (info, adw_version));
  g_assert_nonnull (strstr (info, "libsoup 3."));
  g_assert_nonnull (strstr (info, "GLib 2."));
  g_assert_nonnull (strstr (info, "Server: https://psa.example.com/?key=[masked]\n"));
  g_assert_nonnull (strstr (info, "User: Ada Lovelace <ada@example.com>\n"));
  /* A technician's key cannot list users: the report says how the user was known. */
  g_assert_nonnull (strstr (info, "Identity: the key may not list users; its own activities feed "
                                  "named the user, and the e-mail address was checked on a ticket "
                                  "assigned to them\n"));
  g_assert_nonnull (strstr (info, "System: "));
  g_assert_null (strstr (info, KEY_HEX));
}

static void
test_collect_signed_out (void)
{
  g_autofree char *info = alga_debug_info_collect (NULL, NULL, NULL, NULL);
  g_autofree char *email_only = alga_debug_info_collect ("", "ada@example.com", "", NULL);
  g_autofree char *confirmed = alga_debug_info_collect ("", "ada@example.com", "", "own-work-confirmed");

  g_assert_nonnull (strstr (info, "Server: (not signed in)\n"));
  g_assert_nonnull (strstr (info, "User: (not signed in)\n"));
  g_assert_nonnull (strstr (email_only, "Server: (not signed in)\n"));
  g_assert_nonnull (strstr (email_only, "User: ada@example.com\n"));
  g_assert_null (strstr (info, "Identity:"));
  g_assert_nonnull (strstr (email_only, "Identity: not recorded"));
  g_assert_nonnull (strstr (confirmed, "the user confirmed it is theirs\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/debug-info/mask/null-and-empty", test_null_and_empty);
  g_test_add_func ("/debug-info/mask/plain-text-kept", test_plain_text_kept);
  g_test_add_func ("/debug-info/mask/hex-key", test_hex_key);
  g_test_add_func ("/debug-info/mask/base64url-token", test_base64url_token);
  g_test_add_func ("/debug-info/mask/lookalikes-kept", test_lookalikes_kept);
  g_test_add_func ("/debug-info/mask/two-secrets", test_two_secrets_in_one_line);
  g_test_add_func ("/debug-info/collect", test_collect);
  g_test_add_func ("/debug-info/collect/signed-out", test_collect_signed_out);

  return g_test_run ();
}
