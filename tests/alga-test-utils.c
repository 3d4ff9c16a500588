/* alga-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "alga-test-utils.h"

void
alga_test_store_result_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  g_assert_null (*result_out);
  *result_out = g_object_ref (result);
}

GAsyncResult *
alga_test_wait_for_result (GAsyncResult **result_out,
                           guint          timeout_ms)
{
  alga_test_wait_until (*result_out != NULL, timeout_ms);
  return *result_out;
}

char *
alga_test_read_sample (const char *name,
                       gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *dir;
  char *contents = NULL;

  dir = g_getenv ("ALGA_SAMPLES_DIR");
  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

void
alga_test_spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}
