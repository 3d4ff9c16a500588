/* test-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "alga-error.h"

static void
test_status_mapping (void)
{
  g_assert_cmpint (alga_api_error_from_http_status (400), ==, ALGA_API_ERROR_VALIDATION);
  g_assert_cmpint (alga_api_error_from_http_status (401), ==, ALGA_API_ERROR_UNAUTHORIZED);
  g_assert_cmpint (alga_api_error_from_http_status (403), ==, ALGA_API_ERROR_FORBIDDEN);
  g_assert_cmpint (alga_api_error_from_http_status (404), ==, ALGA_API_ERROR_NOT_FOUND);
  g_assert_cmpint (alga_api_error_from_http_status (405), ==, ALGA_API_ERROR_NOT_FOUND);
  g_assert_cmpint (alga_api_error_from_http_status (409), ==, ALGA_API_ERROR_CONFLICT);
  g_assert_cmpint (alga_api_error_from_http_status (422), ==, ALGA_API_ERROR_VALIDATION);
  g_assert_cmpint (alga_api_error_from_http_status (429), ==, ALGA_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (alga_api_error_from_http_status (500), ==, ALGA_API_ERROR_SERVER);
  g_assert_cmpint (alga_api_error_from_http_status (502), ==, ALGA_API_ERROR_SERVER);
  g_assert_cmpint (alga_api_error_from_http_status (504), ==, ALGA_API_ERROR_TIMEOUT);
}

static void
test_transient (void)
{
  g_autoptr(GError) network = g_error_new_literal (ALGA_API_ERROR, ALGA_API_ERROR_NETWORK, "x");
  g_autoptr(GError) server = g_error_new_literal (ALGA_API_ERROR, ALGA_API_ERROR_SERVER, "x");
  g_autoptr(GError) validation = g_error_new_literal (ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION, "x");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_true (alga_api_error_is_transient (network));
  g_assert_true (alga_api_error_is_transient (server));
  g_assert_false (alga_api_error_is_transient (validation));
  g_assert_false (alga_api_error_is_transient (other));
  g_assert_false (alga_api_error_is_transient (NULL));

  /* Unreachable: no connection or no answer, not a server that answered badly. */
  g_assert_true (alga_api_error_is_unreachable (network));
  g_assert_false (alga_api_error_is_unreachable (server));
  g_assert_false (alga_api_error_is_unreachable (validation));
  g_assert_false (alga_api_error_is_unreachable (other));
  g_assert_false (alga_api_error_is_unreachable (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error/status-mapping", test_status_mapping);
  g_test_add_func ("/error/transient", test_transient);

  return g_test_run ();
}
