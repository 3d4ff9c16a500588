/* alga-watch-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-watch-state"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "alga-json.h"
#include "alga-watch-state.h"

#define STATE_VERSION 1

typedef struct
{
  char   *status_id;
  gint64  updated_us;
} Mine;

struct _AlgaWatchState
{
  GObject     parent_instance;

  GFile      *file;
  char       *server_url;
  char       *user_id;
  GDateTime  *point;
  GHashTable *seen;   /* key → gint64 * (the change's time) */
  GHashTable *mine;   /* ticket id → Mine * */

  /* Saves run in threads; the newest snapshot must win even if an older write ends later. */
  GMutex      write_lock;
  guint64     save_seq;
  guint64     written_seq;
};

G_DEFINE_FINAL_TYPE (AlgaWatchState, alga_watch_state, G_TYPE_OBJECT)

typedef struct
{
  char    *path;
  char    *text;
  guint64  seq;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->path);
  g_free (job->text);
  g_free (job);
}

static void
mine_free (Mine *mine)
{
  g_free (mine->status_id);
  g_free (mine);
}

static gint64 *
int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static void
alga_watch_state_finalize (GObject *object)
{
  AlgaWatchState *self = ALGA_WATCH_STATE (object);

  g_clear_object (&self->file);
  g_free (self->server_url);
  g_free (self->user_id);
  g_clear_pointer (&self->point, g_date_time_unref);
  g_hash_table_unref (self->seen);
  g_hash_table_unref (self->mine);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (alga_watch_state_parent_class)->finalize (object);
}

static void
alga_watch_state_class_init (AlgaWatchStateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alga_watch_state_finalize;
}

static void
alga_watch_state_init (AlgaWatchState *self)
{
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->mine = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) mine_free);
  g_mutex_init (&self->write_lock);
}

GFile *
alga_watch_state_dup_default_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "alga-desktop",
                                            "watch-state.json", NULL);

  return g_file_new_for_path (path);
}

/**
 * alga_watch_state_new:
 * @file: where the state lives
 *
 * Returns: (transfer full): an empty state; load it with alga_watch_state_load_async()
 */
AlgaWatchState *
alga_watch_state_new (GFile *file)
{
  AlgaWatchState *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ALGA_TYPE_WATCH_STATE, NULL);
  self->file = g_object_ref (file);

  return self;
}

GFile *
alga_watch_state_get_file (AlgaWatchState *self)
{
  g_return_val_if_fail (ALGA_IS_WATCH_STATE (self), NULL);

  return self->file;
}

/* Serialising. */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
to_json (AlgaWatchState *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *point = alga_json_format_datetime (self->point);
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);
  add_string_or_null (builder, "server", self->server_url);
  add_string_or_null (builder, "user", self->user_id);
  add_string_or_null (builder, "point", point);

  json_builder_set_member_name (builder, "seen");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_int_value (builder, *(gint64 *) value);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "mine");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->mine);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Mine *mine = value;

      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
      add_string_or_null (builder, "status", mine->status_id);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_int_value (builder, mine->updated_us);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
from_json (AlgaWatchState *self,
           JsonObject     *object)
{
  JsonObject *seen = alga_json_get_object (object, "seen");
  JsonObject *mine = alga_json_get_object (object, "mine");

  alga_watch_state_clear (self);
  if (alga_json_get_int (object, "version", 0) != STATE_VERSION)
    return;

  g_free (self->server_url);
  self->server_url = alga_json_dup_string (object, "server");
  g_free (self->user_id);
  self->user_id = alga_json_dup_string (object, "user");
  self->point = alga_json_get_datetime (object, "point");

  if (seen != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *node;

      json_object_iter_init (&iter, seen);
      while (json_object_iter_next (&iter, &key, &node))
        alga_watch_state_add_seen (self, key, alga_json_get_int (seen, key, 0));
    }

  if (mine != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *node;

      json_object_iter_init (&iter, mine);
      while (json_object_iter_next (&iter, &key, &node))
        {
          JsonObject *entry = alga_json_get_object (mine, key);

          if (entry != NULL)
            alga_watch_state_set_mine (self, key, alga_json_get_string (entry, "status"),
                                       alga_json_get_int (entry, "updated", 0));
        }
    }
}

/* Loading. */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Watch state not readable: %s", error->message);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task, contents, g_free);
}

void
alga_watch_state_load_async (AlgaWatchState      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ALGA_IS_WATCH_STATE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_watch_state_load_async);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

gboolean
alga_watch_state_load_finish (AlgaWatchState  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  contents = g_task_propagate_pointer (G_TASK (result), error);
  if (contents == NULL)
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      alga_watch_state_clear (self);
      return TRUE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, -1, &parse_error))
    {
      /* A damaged file only costs one quiet first poll. */
      g_debug ("Watch state damaged, starting afresh: %s", parse_error->message);
      alga_watch_state_clear (self);
      return TRUE;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    from_json (self, json_node_get_object (root));
  else
    alga_watch_state_clear (self);

  return TRUE;
}

/* Saving. */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AlgaWatchState *self = source_object;
  SaveJob *job = task_data;
  g_autofree char *dir = g_path_get_dirname (job->path);
  GError *error = NULL;
  gboolean ok = TRUE;

  g_mutex_lock (&self->write_lock);
  if (job->seq > self->written_seq)
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "%s: %s", dir, g_strerror (saved_errno));
          ok = FALSE;
        }
      else
        {
          ok = g_file_set_contents_full (job->path, job->text, -1,
                                         G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
        }
      if (ok)
        self->written_seq = job->seq;
    }
  g_mutex_unlock (&self->write_lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
alga_watch_state_save_async (AlgaWatchState      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (ALGA_IS_WATCH_STATE (self));

  job = g_new0 (SaveJob, 1);
  job->path = g_file_get_path (self->file);
  job->text = to_json (self);
  job->seq = ++self->save_seq;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_watch_state_save_async);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
alga_watch_state_save_finish (AlgaWatchState  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Contents. */

void
alga_watch_state_set_owner (AlgaWatchState *self,
                            const char     *server_url,
                            const char     *user_id)
{
  g_return_if_fail (ALGA_IS_WATCH_STATE (self));

  if (g_strcmp0 (self->server_url, server_url) == 0 && g_strcmp0 (self->user_id, user_id) == 0)
    return;

  alga_watch_state_clear (self);
  self->server_url = g_strdup (server_url);
  self->user_id = g_strdup (user_id);
}

void
alga_watch_state_clear (AlgaWatchState *self)
{
  g_return_if_fail (ALGA_IS_WATCH_STATE (self));

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->point, g_date_time_unref);
  g_hash_table_remove_all (self->seen);
  g_hash_table_remove_all (self->mine);
}

GDateTime *
alga_watch_state_get_point (AlgaWatchState *self)
{
  g_return_val_if_fail (ALGA_IS_WATCH_STATE (self), NULL);

  return self->point;
}

void
alga_watch_state_set_point (AlgaWatchState *self,
                            GDateTime      *point)
{
  g_return_if_fail (ALGA_IS_WATCH_STATE (self));

  if (point != NULL)
    g_date_time_ref (point);
  g_clear_pointer (&self->point, g_date_time_unref);
  self->point = point;
}

gboolean
alga_watch_state_has_seen (AlgaWatchState *self,
                           const char     *key)
{
  g_return_val_if_fail (ALGA_IS_WATCH_STATE (self), FALSE);

  return g_hash_table_contains (self->seen, key);
}

void
alga_watch_state_add_seen (AlgaWatchState *self,
                           const char     *key,
                           gint64          time_us)
{
  g_return_if_fail (ALGA_IS_WATCH_STATE (self));
  g_return_if_fail (key != NULL);

  g_hash_table_replace (self->seen, g_strdup (key), int64_dup (time_us));
}

void
alga_watch_state_prune_seen (AlgaWatchState *self,
                             gint64          before_us)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (ALGA_IS_WATCH_STATE (self));

  g_hash_table_iter_init (&iter, self->seen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (*(gint64 *) value < before_us)
      g_hash_table_iter_remove (&iter);
}

gboolean
alga_watch_state_lookup_mine (AlgaWatchState  *self,
                              const char      *ticket_id,
                              const char     **status_id,
                              gint64          *updated_us)
{
  Mine *mine;

  g_return_val_if_fail (ALGA_IS_WATCH_STATE (self), FALSE);

  mine = g_hash_table_lookup (self->mine, ticket_id);
  if (mine == NULL)
    return FALSE;
  if (status_id != NULL)
    *status_id = mine->status_id;
  if (updated_us != NULL)
    *updated_us = mine->updated_us;
  return TRUE;
}

void
alga_watch_state_set_mine (AlgaWatchState *self,
                           const char     *ticket_id,
                           const char     *status_id,
                           gint64          updated_us)
{
  Mine *mine;

  g_return_if_fail (ALGA_IS_WATCH_STATE (self));
  g_return_if_fail (ticket_id != NULL);

  mine = g_new0 (Mine, 1);
  mine->status_id = g_strdup (status_id);
  mine->updated_us = updated_us;
  g_hash_table_replace (self->mine, g_strdup (ticket_id), mine);
}

void
alga_watch_state_remove_mine (AlgaWatchState *self,
                              const char     *ticket_id)
{
  g_return_if_fail (ALGA_IS_WATCH_STATE (self));

  g_hash_table_remove (self->mine, ticket_id);
}
