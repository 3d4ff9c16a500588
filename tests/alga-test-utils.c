/* alga-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

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

void
alga_test_drain (guint timeout_ms)
{
  /* The same least deadline as alga_test_wait_until: under ASan on a busy machine, the work a
   * ticket pane's first layout and paint queue took 8 s and more to run out. */
  guint limit_ms = MAX (timeout_ms, ALGA_TEST_MIN_WAIT_MS);
  gint64 deadline = g_get_monotonic_time () + (gint64) limit_ms * 1000;

  while (g_main_context_pending (NULL))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The main context still had work ready after %u ms", limit_ms);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
}

void
alga_test_unref_and_wait_finalized (gpointer object,
                                    guint    timeout_ms)
{
  gboolean finalized = FALSE;

  g_assert_true (G_IS_OBJECT (object));
  /* Not a weak pointer: GObject clears those at dispose, also when dispose started work that
   * holds the object on (a draft store's flush); data is freed only at finalization. */
  g_object_set_data_full (G_OBJECT (object), "alga-test-finalized", &finalized, set_true);
  g_object_unref (object);
  alga_test_wait_until (finalized, timeout_ms);
}

gboolean
alga_test_file_holds (const char *path,
                      const char *text)
{
  g_autofree char *contents = NULL;

  if (text == NULL)
    return !g_file_test (path, G_FILE_TEST_EXISTS);

  return g_file_get_contents (path, &contents, NULL, NULL) && g_strcmp0 (contents, text) == 0;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

GSubprocessLauncher *
alga_test_subprocess_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);

  return launcher;
}

void
alga_test_wait_for_sole_reference (gpointer object,
                                   guint    timeout_ms)
{
  g_assert_true (G_IS_OBJECT (object));
  alga_test_wait_until (g_atomic_int_get ((int *) &G_OBJECT (object)->ref_count) == 1, timeout_ms);
}
