/* alga-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The least time a wait gives its condition before it fails the test. A deadline only says when
 * to give up, never how fast the machine must be: under a sanitizer on a busy machine, a main
 * loop was seen to stall for 4.5 s, so the 5 s written beside many waits would be a bet. */
#define ALGA_TEST_MIN_WAIT_MS 30000

/* Iterates the thread-default main context until condition (evaluated each turn) holds, and
 * fails the test if it does not within timeout_ms (at least ALGA_TEST_MIN_WAIT_MS). */
#define alga_test_wait_until(condition, timeout_ms) \
  G_STMT_START { \
    gint64 _alga_deadline = g_get_monotonic_time () + \
                            MAX ((gint64) (timeout_ms), ALGA_TEST_MIN_WAIT_MS) * 1000; \
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

/* Runs what the main context has ready until nothing is: every idle, timeout due and I/O
 * callback queued before the call has run (a widget's deferred update, say). Fails the test if
 * the context never runs dry within timeout_ms (at least ALGA_TEST_MIN_WAIT_MS). */
void          alga_test_drain           (guint          timeout_ms);

/* Drops the caller's reference to @object and runs the main context until the last one is
 * gone (requests cut short finish, writes in flight end), failing the test after timeout_ms. */
void          alga_test_unref_and_wait_finalized (gpointer  object,
                                                  guint     timeout_ms);

/* Runs the main context until the caller holds the only reference to @object: whatever it
 * started (a request, a save) has ended. Fails the test after timeout_ms. */
void          alga_test_wait_for_sole_reference (gpointer  object,
                                                 guint     timeout_ms);

/* Whether the file at @path holds exactly @text; with @text NULL, whether there is no file. */
gboolean      alga_test_file_holds      (const char    *path,
                                         const char    *text);

/* A launcher whose children are killed when the test process dies (a failed assertion aborts
 * it): a program left running would keep the test's output open, and meson would wait for it
 * until its timeout. */
GSubprocessLauncher *alga_test_subprocess_launcher_new (GSubprocessFlags flags);

/* Iterates the main context for ms milliseconds. Only for asserting that something does NOT
 * happen within that time (say so beside each use): to wait until something has happened, use
 * alga_test_wait_until() with the condition, which holds on a busy machine too. */
void          alga_test_spin            (guint          ms);

G_END_DECLS
