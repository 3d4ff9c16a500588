/* alga-draft-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-draft-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "alga-draft-store.h"

/* What the store knows of one key. Once a key has been touched its entry stays, so that a load
 * sees the latest text even while the file is still being written. */
typedef struct
{
  AlgaDraftStore *store;   /* unowned */
  char           *key;
  char           *current;  /* the latest text saved, NULL once deleted */
  gboolean        dirty;    /* current differs from the file */
  gboolean        busy;     /* a write or delete is in flight */
  guint           timeout_id;
} Entry;

struct _AlgaDraftStore
{
  GObject     parent_instance;

  char       *directory;
  GHashTable *entries;      /* key → Entry */
  gboolean    directory_made;
};

G_DEFINE_FINAL_TYPE (AlgaDraftStore, alga_draft_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_io (Entry *entry);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  g_free (entry->key);
  g_free (entry->current);
  g_free (entry);
}

static Entry *
lookup_entry (AlgaDraftStore *self,
              const char     *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->store = self;
      entry->key = g_strdup (key);
      g_hash_table_insert (self->entries, entry->key, entry);
    }

  return entry;
}

static GFile *
file_for_key (AlgaDraftStore *self,
              const char     *key)
{
  g_autofree char *path = alga_draft_store_get_path (self, key);

  return g_file_new_for_path (path);
}

static void
io_done (Entry *entry)
{
  AlgaDraftStore *self = entry->store;

  entry->busy = FALSE;
  g_signal_emit (self, signals[WRITTEN], 0, entry->key);

  /* Text typed during the write was not in it; it has already waited, so go now. */
  if (entry->dirty && entry->timeout_id == 0)
    start_io (entry);
}

typedef struct
{
  Entry *entry;
  char  *path;
  char  *text;
} WriteJob;

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  g_free (job->path);
  g_free (job->text);
  g_free (job);
}

/* g_file_set_contents_full() writes a temporary file and renames it over the draft, also when
 * there was no draft yet: a crash leaves the old draft or the new one, never an empty file. */
static void
write_draft_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (g_file_set_contents_full (job->path, job->text, -1,
                                G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_draft_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not save a draft: %s", error->message);

  io_done (job->entry);
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  /* The store was kept alive for this deletion, which user_data's reference ends. */
  AlgaDraftStore *self = user_data;
  g_autoptr(GError) error = NULL;
  Entry *entry;

  if (!g_file_delete_finish (G_FILE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not delete a draft: %s", error->message);

  entry = g_object_get_data (G_OBJECT (source), "alga-draft-entry");
  io_done (entry);
  g_object_unref (self);
}

static void
start_io (Entry *entry)
{
  AlgaDraftStore *self = entry->store;
  g_autoptr(GFile) file = NULL;

  g_clear_handle_id (&entry->timeout_id, g_source_remove);

  /* One operation per key at a time, so that an older text can never land after a newer one. */
  if (entry->busy || !entry->dirty)
    return;

  file = file_for_key (self, entry->key);
  /* Entries live as long as the store, and every operation holds a reference to the store. */
  g_object_set_data (G_OBJECT (file), "alga-draft-entry", entry);
  entry->busy = TRUE;
  entry->dirty = FALSE;

  if (entry->current != NULL)
    {
      g_autoptr(GTask) task = NULL;
      WriteJob *job;

      /* A local mkdir of our own directory, once: too small to be worth a thread. */
      if (!self->directory_made)
        {
          if (g_mkdir_with_parents (self->directory, 0700) != 0)
            g_warning ("Could not create %s: %s", self->directory, g_strerror (errno));
          self->directory_made = TRUE;
        }

      job = g_new0 (WriteJob, 1);
      job->entry = entry;
      job->path = g_file_get_path (file);
      job->text = g_strdup (entry->current);

      /* The task holds the store, so entries outlive the write. */
      task = g_task_new (self, NULL, write_draft_cb, NULL);
      g_task_set_source_tag (task, start_io);
      g_task_set_task_data (task, job, write_job_free);
      g_task_run_in_thread (task, write_draft_thread);
    }
  else
    {
      g_file_delete_async (file, G_PRIORITY_DEFAULT, NULL, delete_cb, g_object_ref (self));
    }
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->timeout_id = 0;
  start_io (entry);

  return G_SOURCE_REMOVE;
}

static void
alga_draft_store_dispose (GObject *object)
{
  AlgaDraftStore *self = ALGA_DRAFT_STORE (object);

  /* The writes started here hold a reference, so the store outlives them. */
  alga_draft_store_flush (self);

  G_OBJECT_CLASS (alga_draft_store_parent_class)->dispose (object);
}

static void
alga_draft_store_finalize (GObject *object)
{
  AlgaDraftStore *self = ALGA_DRAFT_STORE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_free (self->directory);

  G_OBJECT_CLASS (alga_draft_store_parent_class)->finalize (object);
}

static void
alga_draft_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AlgaDraftStore *self = ALGA_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_draft_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AlgaDraftStore *self = ALGA_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_draft_store_class_init (AlgaDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_draft_store_dispose;
  object_class->finalize = alga_draft_store_finalize;
  object_class->get_property = alga_draft_store_get_property;
  object_class->set_property = alga_draft_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaDraftStore::written:
   * @key: the draft's key
   *
   * Emitted when a write or delete of the draft's file has finished (successfully or not).
   */
  signals[WRITTEN] =
    g_signal_new ("written",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
alga_draft_store_init (AlgaDraftStore *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
}

AlgaDraftStore *
alga_draft_store_new (const char *directory)
{
  g_return_val_if_fail (directory != NULL, NULL);

  return g_object_new (ALGA_TYPE_DRAFT_STORE, "directory", directory, NULL);
}

/**
 * alga_draft_store_dup_account_directory:
 * @server_url: the account's server
 * @user_id: the account's user
 *
 * Where an account's drafts live: under the user's data folder, in a folder named by a hash of
 * the account, so that two accounts never see each other's drafts.
 *
 * Returns: (transfer full): the directory
 */
char *
alga_draft_store_dup_account_directory (const char *server_url,
                                        const char *user_id)
{
  g_autofree char *account = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (server_url != NULL, NULL);

  account = g_strconcat (server_url, "\n", user_id != NULL ? user_id : "", NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account, -1);
  hash[16] = '\0';

  return g_build_filename (g_get_user_data_dir (), "alga-desktop", "drafts", hash, NULL);
}

const char *
alga_draft_store_get_directory (AlgaDraftStore *self)
{
  g_return_val_if_fail (ALGA_IS_DRAFT_STORE (self), NULL);

  return self->directory;
}

char *
alga_draft_store_get_path (AlgaDraftStore *self,
                           const char     *key)
{
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ALGA_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  /* A hash keeps odd characters of a key out of file names. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strconcat (hash, ".draft", NULL);

  return g_build_filename (self->directory, name, NULL);
}

void
alga_draft_store_save (AlgaDraftStore *self,
                       const char     *key,
                       const char     *text)
{
  Entry *entry;

  g_return_if_fail (ALGA_IS_DRAFT_STORE (self));
  g_return_if_fail (key != NULL);

  if (text == NULL || text[0] == '\0')
    {
      alga_draft_store_delete (self, key);
      return;
    }

  entry = lookup_entry (self, key);
  if (g_strcmp0 (entry->current, text) == 0)
    return;

  g_free (entry->current);
  entry->current = g_strdup (text);
  entry->dirty = TRUE;

  /* The timer is not restarted by later keystrokes, so that steady typing is still saved at
   * least every ALGA_DRAFT_STORE_DELAY_MS, while a burst of changes costs one write. */
  if (entry->timeout_id == 0 && !entry->busy)
    entry->timeout_id = g_timeout_add (ALGA_DRAFT_STORE_DELAY_MS, save_timeout_cb, entry);
}

void
alga_draft_store_delete (AlgaDraftStore *self,
                         const char     *key)
{
  Entry *entry;

  g_return_if_fail (ALGA_IS_DRAFT_STORE (self));
  g_return_if_fail (key != NULL);

  entry = lookup_entry (self, key);
  g_clear_pointer (&entry->current, g_free);
  entry->dirty = TRUE;
  /* A delete is not debounced: a sent comment must not come back as a draft after a crash. */
  start_io (entry);
}

void
alga_draft_store_flush (AlgaDraftStore *self)
{
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (ALGA_IS_DRAFT_STORE (self));

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      if (entry->timeout_id != 0)
        start_io (entry);
    }
}

static void
load_contents_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!g_utf8_validate (contents, length, NULL) || length == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&contents), g_free);
}

void
alga_draft_store_load_async (AlgaDraftStore      *self,
                             const char          *key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;
  Entry *entry;

  g_return_if_fail (ALGA_IS_DRAFT_STORE (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_draft_store_load_async);

  entry = g_hash_table_lookup (self->entries, key);
  if (entry != NULL)
    {
      g_task_return_pointer (task, g_strdup (entry->current), g_free);
      return;
    }

  file = file_for_key (self, key);
  g_file_load_contents_async (file, cancellable, load_contents_cb, g_steal_pointer (&task));
}

char *
alga_draft_store_load_finish (AlgaDraftStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (ALGA_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
