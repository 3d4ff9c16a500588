/* fuzz-token-bundle.c: the stored sign-in (alga_token_bundle_new_from_json), read back from the
 * keyring at each start, and its round trip through alga_token_bundle_to_json.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "alga-error.h"
#include "alga-token-bundle.h"

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
  g_autofree char *json = alga_fuzz_dup_string (data, size);
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaTokenBundle) again = NULL;
  g_autoptr(AlgaTokenBundle) rotated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  bundle = alga_token_bundle_new_from_json (json, &error);
  if (bundle == NULL)
    {
      g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
      return 0;
    }
  g_assert_no_error (error);

  /* What was read must survive being stored again unchanged. */
  saved = alga_token_bundle_to_json (bundle);
  again = alga_token_bundle_new_from_json (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_token_bundle_get_server_url (again), ==,
                   alga_token_bundle_get_server_url (bundle));
  g_assert_cmpstr (alga_token_bundle_get_user_id (again), ==,
                   alga_token_bundle_get_user_id (bundle));
  g_assert_cmpstr (alga_token_bundle_get_user_email (again), ==,
                   alga_token_bundle_get_user_email (bundle));
  g_assert_cmpstr (alga_token_bundle_get_user_name (again), ==,
                   alga_token_bundle_get_user_name (bundle));
  g_assert_cmpstr (alga_token_bundle_get_tenant_id (again), ==,
                   alga_token_bundle_get_tenant_id (bundle));
  g_assert_cmpstr (alga_token_bundle_get_access_key (again), ==,
                   alga_token_bundle_get_access_key (bundle));
  g_assert_cmpstr (alga_token_bundle_get_refresh_token (again), ==,
                   alga_token_bundle_get_refresh_token (bundle));
  g_assert_true (alga_token_bundle_same_account (again, bundle));
  g_assert_true (alga_token_bundle_can_refresh (again) == alga_token_bundle_can_refresh (bundle));
  (void) alga_token_bundle_expires_within (bundle, G_TIME_SPAN_MINUTE);

  if (alga_token_bundle_can_refresh (bundle))
    {
      g_autoptr(GDateTime) later = g_date_time_new_now_utc ();

      rotated = alga_token_bundle_rotate (bundle, "new-access", "new-refresh", later);
      g_assert_true (alga_token_bundle_same_account (rotated, bundle));
    }

  return 0;
}
