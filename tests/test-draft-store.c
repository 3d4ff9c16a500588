/* test-draft-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaDraftStore on a real temporary directory: what it keeps, when and how it writes.
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "alga-draft-store.h"
#include "alga-test-utils.h"

typedef struct
{
  char           *base;
  char           *directory;
  AlgaDraftStore *store;
  guint           writes;
} Fixture;

static void
on_written_cb (AlgaDraftStore *store,
               const char     *key,
               Fixture        *fixture)
{
  fixture->writes++;
}

static void
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* GObject's own dispose drops weak pointers and signal handlers even when the object lives on;
 * data is freed only at finalization. */
static void
unref_and_wait_finalized (AlgaDraftStore *store,
                          guint           timeout_ms,
                          gboolean        expect_alive)
{
  gboolean finalized = FALSE;

  g_object_set_data_full (G_OBJECT (store), "test-finalized", &finalized, set_true);
  g_object_unref (store);
  if (expect_alive)
    g_assert_false (finalized);
  alga_test_wait_until (finalized, timeout_ms);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->base = g_dir_make_tmp ("alga-drafts-XXXXXX", &error);
  g_assert_no_error (error);
  /* A directory that does not exist yet, as on first use. */
  fixture->directory = g_build_filename (fixture->base, "alga-desktop", "drafts", "account",
                                         NULL);
  fixture->store = alga_draft_store_new (fixture->directory);
  g_signal_connect (fixture->store, "written", G_CALLBACK (on_written_cb), fixture);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    {
      /* Writes in flight hold the store: let them finish first. */
      unref_and_wait_finalized (g_steal_pointer (&fixture->store), 5000, FALSE);
    }
  remove_tree (fixture->base);
  g_free (fixture->directory);
  g_free (fixture->base);
}

static char *
load (AlgaDraftStore *store,
      const char     *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  alga_draft_store_load_async (store, key, NULL, alga_test_store_result_cb, &result);
  alga_test_wait_for_result (&result, 5000);
  text = alga_draft_store_load_finish (store, result, &error);
  g_assert_no_error (error);

  return text;
}

static char *
read_file (Fixture    *fixture,
           const char *key)
{
  g_autofree char *path = alga_draft_store_get_path (fixture->store, key);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  return contents;
}

static void
test_save_load_delete (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *after_delete = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AlgaDraftStore) other = NULL;
  g_autofree char *from_other = NULL;

  missing = load (fixture->store, "comment:nothing");
  g_assert_null (missing);

  alga_draft_store_save (fixture->store, "comment:1", "Checked the printer.\nStill jammed.");
  /* Seen at once, before the file is written. */
  text = load (fixture->store, "comment:1");
  g_assert_cmpstr (text, ==, "Checked the printer.\nStill jammed.");

  alga_test_wait_until (fixture->writes == 1, 5000);
  on_disk = read_file (fixture, "comment:1");
  g_assert_cmpstr (on_disk, ==, "Checked the printer.\nStill jammed.");

  /* A second store on the same directory (the next start of the app) reads it back. */
  other = alga_draft_store_new (fixture->directory);
  from_other = load (other, "comment:1");
  g_assert_cmpstr (from_other, ==, "Checked the printer.\nStill jammed.");

  /* Files are named by a hash: the key's characters never reach the file system. */
  path = alga_draft_store_get_path (fixture->store, "comment:1");
  g_assert_null (strstr (path, "comment:1"));
  g_assert_true (g_str_has_prefix (path, fixture->directory));

  alga_draft_store_delete (fixture->store, "comment:1");
  after_delete = load (fixture->store, "comment:1");
  g_assert_null (after_delete);
  alga_test_wait_until (fixture->writes == 2, 5000);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_debounce (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *on_disk = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 elapsed;

  /* Typing, one keystroke at a time. */
  alga_draft_store_save (fixture->store, "comment:2", "H");
  alga_draft_store_save (fixture->store, "comment:2", "He");
  alga_draft_store_save (fixture->store, "comment:2", "Hel");
  alga_draft_store_save (fixture->store, "comment:2", "Hell");
  alga_draft_store_save (fixture->store, "comment:2", "Hello");

  /* A fixed time on purpose: nothing is written in it. */
  alga_test_spin (ALGA_DRAFT_STORE_DELAY_MS / 3);
  g_assert_cmpuint (fixture->writes, ==, 0);

  alga_test_wait_until (fixture->writes == 1, 5000);
  elapsed = (g_get_monotonic_time () - started) / 1000;
  g_assert_cmpint (elapsed, <, 1000);

  /* And nothing more: one burst, one write (a fixed time on purpose: no write in it). */
  alga_test_spin (ALGA_DRAFT_STORE_DELAY_MS * 2);
  g_assert_cmpuint (fixture->writes, ==, 1);
  on_disk = read_file (fixture, "comment:2");
  g_assert_cmpstr (on_disk, ==, "Hello");

  /* Saving the same text again writes nothing. */
  alga_draft_store_save (fixture->store, "comment:2", "Hello");
  /* A fixed time on purpose: no write in it. */
  alga_test_spin (ALGA_DRAFT_STORE_DELAY_MS * 2);
  g_assert_cmpuint (fixture->writes, ==, 1);
}

static void
test_atomic_private (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = alga_draft_store_get_path (fixture->store, "time-entry:3");
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *on_disk = NULL;
  GStatBuf st;
  const char *name;
  guint n_files = 0;

  alga_draft_store_save (fixture->store, "time-entry:3", "first");
  alga_test_wait_until (fixture->writes == 1, 5000);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Replacing keeps the mode and leaves no temporary file beside it. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (big, "0123456789");
  alga_draft_store_save (fixture->store, "time-entry:3", big->str);
  alga_test_wait_until (fixture->writes == 2, 5000);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, big->len);
  on_disk = read_file (fixture, "time-entry:3");
  g_assert_cmpstr (on_disk, ==, big->str);

  dir = g_dir_open (fixture->directory, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_suffix (name, ".draft"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);

  /* The directory holds other people's words too: only the owner may look in. */
  g_assert_cmpint (g_stat (fixture->directory, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_flush (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *on_disk = NULL;
  g_autoptr(AlgaDraftStore) other = NULL;
  g_autofree char *from_other = NULL;
  g_autofree char *directory = g_strdup (fixture->directory);

  alga_draft_store_save (fixture->store, "comment:4", "Written on flush");
  alga_draft_store_flush (fixture->store);
  /* Started at once: done long before the delay would have run out. */
  alga_test_wait_until (fixture->writes == 1, ALGA_DRAFT_STORE_DELAY_MS / 2);
  on_disk = read_file (fixture, "comment:4");
  g_assert_cmpstr (on_disk, ==, "Written on flush");

  /* Dropping the store flushes too, and the store lives until its writes are done. */
  alga_draft_store_save (fixture->store, "comment:5", "Written on dispose");
  unref_and_wait_finalized (g_steal_pointer (&fixture->store), ALGA_DRAFT_STORE_DELAY_MS / 2,
                            TRUE);
  other = alga_draft_store_new (directory);
  from_other = load (other, "comment:5");
  g_assert_cmpstr (from_other, ==, "Written on dispose");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/draft-store/save-load-delete", Fixture, NULL,
              fixture_set_up, test_save_load_delete, fixture_tear_down);
  g_test_add ("/draft-store/debounce", Fixture, NULL,
              fixture_set_up, test_debounce, fixture_tear_down);
  g_test_add ("/draft-store/atomic-private", Fixture, NULL,
              fixture_set_up, test_atomic_private, fixture_tear_down);
  g_test_add ("/draft-store/flush", Fixture, NULL,
              fixture_set_up, test_flush, fixture_tear_down);

  return g_test_run ();
}
