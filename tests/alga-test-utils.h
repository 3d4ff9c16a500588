/* alga-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Iterates the thread-default main context until condition (evaluated each turn) holds, and
 * fails the test if it does not within timeout_ms. */
#define alga_test_wait_until(condition, timeout_ms) \
  G_STMT_START { \
    gint64 _alga_deadline = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000; \
    while (!(condition)) \
      { \
        if (g_get_monotonic_time () > _alga_deadline) \
          g_error ("%s:%d: timed out waiting for: %s", __FILE__, __LINE__, #condition); \
        g_main_context_iteration (NULL, FALSE); \
        g_usleep (1000); \
      } \
  } G_STMT_END

/* Runs the main context until an async call stored its result in *result_out, and returns it. */
GAsyncResult *alga_test_wait_for_result (GAsyncResult **result_out,
                                         guint          timeout_ms);

/* A GAsyncReadyCallback that stores a new reference to the result in user_data
 * (a GAsyncResult **). */
void          alga_test_store_result_cb (GObject       *source,
                                         GAsyncResult  *result,
                                         gpointer       user_data);

/* Reads a file from tests/samples (ALGA_SAMPLES_DIR). Fails the test if missing. */
char         *alga_test_read_sample     (const char    *name,
                                         gsize         *length);

/* Iterates the main context for ms milliseconds. */
void          alga_test_spin            (guint          ms);

G_END_DECLS
