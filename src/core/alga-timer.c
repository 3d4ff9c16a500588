/* alga-timer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timer is the app's, not the server's: the server's own timer makes entries that no time
 * sheet holds and skips every check of POST /time-entries (docs/API.md, Time entries). So the
 * start is kept here, in a small key file written through a temporary file, a rename and an
 * fsync, and the time becomes one checked entry when the technician stops.
 */

#define G_LOG_DOMAIN "alga-timer"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "alga-timer.h"
#include "alga-error.h"

#define GROUP "Timer"

const int alga_timer_reminder_hours[ALGA_TIMER_N_REMINDERS] = { 1, 2, 4, 8 };

struct _AlgaTimer
{
  GObject    parent_instance;

  char      *path;
  char      *ticket_id;       /* NULL when no timer runs */
  char      *ticket_number;
  char      *ticket_title;
  GDateTime *start;
  int        reminded_hours;  /* the last reminder given, 0 for none */

  gboolean   writing;         /* a write is under way */
  gboolean   dirty;           /* the state changed since the write under way began */
};

G_DEFINE_FINAL_TYPE (AlgaTimer, alga_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_TICKET_ID,
  PROP_TICKET_NUMBER,
  PROP_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The file's text for the current state, or NULL when no timer runs (the file goes). */
static char *
serialize (AlgaTimer *self)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autofree char *start = NULL;

  if (self->ticket_id == NULL)
    return NULL;

  file = g_key_file_new ();
  start = g_date_time_format_iso8601 (self->start);
  g_key_file_set_string (file, GROUP, "ticket-id", self->ticket_id);
  g_key_file_set_string (file, GROUP, "ticket-number", self->ticket_number != NULL ? self->ticket_number : "");
  g_key_file_set_string (file, GROUP, "ticket-title", self->ticket_title != NULL ? self->ticket_title : "");
  g_key_file_set_string (file, GROUP, "start", start);
  g_key_file_set_integer (file, GROUP, "reminded-hours", self->reminded_hours);
  return g_key_file_to_data (file, NULL, NULL);
}

static gboolean
write_now (const char  *path,
           const char  *text,
           GError     **error)
{
  g_autofree char *directory = NULL;

  if (text == NULL)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  directory = g_path_get_dirname (path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", directory, g_strerror (saved));
      return FALSE;
    }
  /* Durable: the start must survive a power cut right after the technician pressed Start. */
  return g_file_set_contents_full (path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

typedef struct
{
  char *path;
  char *text;
} WriteJob;

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  g_free (job->path);
  g_free (job->text);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (write_now (job->path, job->text, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void save (AlgaTimer *self);

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AlgaTimer *self = ALGA_TIMER (source);
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Could not save the timer: %s", error->message);
      g_signal_emit (self, signals[SAVE_FAILED], 0, error);
    }
  /* The state changed during the write: write it again, now. */
  if (self->dirty)
    save (self);
}

/* One write at a time, so that an older state can never land after a newer one. */
static void
save (AlgaTimer *self)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  if (self->writing)
    {
      self->dirty = TRUE;
      return;
    }

  self->dirty = FALSE;
  self->writing = TRUE;
  job = g_new0 (WriteJob, 1);
  job->path = g_strdup (self->path);
  job->text = serialize (self);
  task = g_task_new (self, NULL, write_cb, NULL);
  g_task_set_source_tag (task, save);
  g_task_set_task_data (task, job, write_job_free);
  g_task_run_in_thread (task, write_thread);
}

static void
set_state (AlgaTimer  *self,
           const char *ticket_id,
           const char *ticket_number,
           const char *ticket_title,
           GDateTime  *start,
           int         reminded_hours)
{
  gboolean was_running = self->ticket_id != NULL;
  gboolean ticket_changed = g_strcmp0 (self->ticket_id, ticket_id) != 0;
  gboolean number_changed = g_strcmp0 (self->ticket_number, ticket_number) != 0;
  gboolean start_changed = (self->start == NULL) != (start == NULL) ||
                           (start != NULL && !g_date_time_equal (self->start, start));

  g_free (self->ticket_id);
  self->ticket_id = g_strdup (ticket_id);
  g_free (self->ticket_number);
  self->ticket_number = g_strdup (ticket_number);
  g_free (self->ticket_title);
  self->ticket_title = g_strdup (ticket_title);
  g_clear_pointer (&self->start, g_date_time_unref);
  self->start = start != NULL ? g_date_time_ref (start) : NULL;
  self->reminded_hours = reminded_hours;

  if (ticket_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_ID]);
  if (number_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_NUMBER]);
  if (start_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
  if (was_running != (ticket_id != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
alga_timer_finalize (GObject *object)
{
  AlgaTimer *self = ALGA_TIMER (object);

  g_free (self->path);
  g_free (self->ticket_id);
  g_free (self->ticket_number);
  g_free (self->ticket_title);
  g_clear_pointer (&self->start, g_date_time_unref);

  G_OBJECT_CLASS (alga_timer_parent_class)->finalize (object);
}

static void
alga_timer_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AlgaTimer *self = ALGA_TIMER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, alga_timer_get_running (self));
      break;
    case PROP_TICKET_ID:
      g_value_set_string (value, self->ticket_id);
      break;
    case PROP_TICKET_NUMBER:
      g_value_set_string (value, self->ticket_number);
      break;
    case PROP_START:
      g_value_set_boxed (value, self->start);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_timer_class_init (AlgaTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_timer_finalize;
  object_class->get_property = alga_timer_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TICKET_ID] =
    g_param_spec_string ("ticket-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TICKET_NUMBER] =
    g_param_spec_string ("ticket-number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A write of the file failed: the timer runs, but would not survive a restart. */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
alga_timer_init (AlgaTimer *self)
{
}

AlgaTimer *
alga_timer_new (const char *path)
{
  AlgaTimer *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ALGA_TYPE_TIMER, NULL);
  self->path = g_strdup (path);
  return self;
}

char *
alga_timer_dup_account_path (const char *server_url,
                             const char *user_id)
{
  g_autofree char *account = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (server_url != NULL, NULL);

  /* The same hash as the account's drafts folder. */
  account = g_strconcat (server_url, "\n", user_id != NULL ? user_id : "", NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account, -1);
  hash[16] = '\0';
  name = g_strconcat (hash, ".timer", NULL);
  return g_build_filename (g_get_user_data_dir (), "alga-desktop", "timers", name, NULL);
}

const char *
alga_timer_get_path (AlgaTimer *self)
{
  g_return_val_if_fail (ALGA_IS_TIMER (self), NULL);

  return self->path;
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaTimer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *contents = NULL;
  g_autofree char *ticket_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  g_autofree char *start_text = NULL;
  g_autoptr(GDateTime) start = NULL;
  gsize length = 0;
  int reminded;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A start the app made itself is always in UTC; anything else is not ours. */
  if (!g_key_file_load_from_data (file, contents, length, G_KEY_FILE_NONE, &error) ||
      (ticket_id = g_key_file_get_string (file, GROUP, "ticket-id", &error)) == NULL ||
      (start_text = g_key_file_get_string (file, GROUP, "start", &error)) == NULL ||
      (start = g_date_time_new_from_iso8601 (start_text, NULL)) == NULL)
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                               "%s: not a timer (%s)", self->path,
                               error != NULL ? error->message : "no valid start");
      return;
    }
  number = g_key_file_get_string (file, GROUP, "ticket-number", NULL);
  title = g_key_file_get_string (file, GROUP, "ticket-title", NULL);
  reminded = g_key_file_get_integer (file, GROUP, "reminded-hours", NULL);

  /* A timer started here since the load began is newer than the file. */
  if (self->ticket_id == NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (start);

      set_state (self, ticket_id, number != NULL && number[0] != '\0' ? number : NULL,
                 title != NULL && title[0] != '\0' ? title : NULL, utc, reminded);
    }
  g_task_return_boolean (task, TRUE);
}

void
alga_timer_load_async (AlgaTimer           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GFile) file = NULL;
  GTask *task;

  g_return_if_fail (ALGA_IS_TIMER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_timer_load_async);
  file = g_file_new_for_path (self->path);
  g_file_load_contents_async (file, cancellable, load_cb, task);
}

gboolean
alga_timer_load_finish (AlgaTimer     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (ALGA_IS_TIMER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
alga_timer_get_running (AlgaTimer *self)
{
  g_return_val_if_fail (ALGA_IS_TIMER (self), FALSE);

  return self->ticket_id != NULL;
}

const char *
alga_timer_get_ticket_id (AlgaTimer *self)
{
  g_return_val_if_fail (ALGA_IS_TIMER (self), NULL);

  return self->ticket_id;
}

const char *
alga_timer_get_ticket_number (AlgaTimer *self)
{
  g_return_val_if_fail (ALGA_IS_TIMER (self), NULL);

  return self->ticket_number;
}

const char *
alga_timer_get_ticket_title (AlgaTimer *self)
{
  g_return_val_if_fail (ALGA_IS_TIMER (self), NULL);

  return self->ticket_title;
}

GDateTime *
alga_timer_get_start (AlgaTimer *self)
{
  g_return_val_if_fail (ALGA_IS_TIMER (self), NULL);

  return self->start;
}

GTimeSpan
alga_timer_get_elapsed (AlgaTimer *self,
                        GDateTime *now)
{
  g_return_val_if_fail (ALGA_IS_TIMER (self), 0);
  g_return_val_if_fail (now != NULL, 0);

  if (self->start == NULL)
    return 0;
  /* A clock set back must not show a negative time. */
  return MAX (0, g_date_time_difference (now, self->start));
}

void
alga_timer_start (AlgaTimer  *self,
                  const char *ticket_id,
                  const char *ticket_number,
                  const char *ticket_title,
                  GDateTime  *start)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) second = NULL;

  g_return_if_fail (ALGA_IS_TIMER (self));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (start != NULL);

  utc = g_date_time_to_utc (start);
  second = g_date_time_new_utc (g_date_time_get_year (utc), g_date_time_get_month (utc),
                                g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                                g_date_time_get_minute (utc), g_date_time_get_second (utc));
  set_state (self, ticket_id, ticket_number, ticket_title, second, 0);
  save (self);
}

void
alga_timer_clear (AlgaTimer *self)
{
  g_return_if_fail (ALGA_IS_TIMER (self));

  if (self->ticket_id == NULL)
    return;
  set_state (self, NULL, NULL, NULL, NULL, 0);
  save (self);
}

void
alga_timer_flush (AlgaTimer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (ALGA_IS_TIMER (self));

  /* Let the write under way land first, so that it cannot replace the newer state after. At
   * shutdown nothing else waits for the main loop. */
  while (self->writing)
    g_main_context_iteration (NULL, TRUE);
  if (!self->dirty)
    return;
  text = serialize (self);
  if (!write_now (self->path, text, &error))
    g_warning ("Could not save the timer: %s", error->message);
  self->dirty = FALSE;
}

int
alga_timer_take_due_reminder (AlgaTimer *self,
                              GDateTime *now)
{
  GTimeSpan elapsed;
  int due = 0;

  g_return_val_if_fail (ALGA_IS_TIMER (self), 0);

  if (self->start == NULL)
    return 0;
  elapsed = alga_timer_get_elapsed (self, now);
  for (guint i = 0; i < ALGA_TIMER_N_REMINDERS; i++)
    if (elapsed >= alga_timer_reminder_hours[i] * G_TIME_SPAN_HOUR)
      due = alga_timer_reminder_hours[i];
  if (due <= self->reminded_hours)
    return 0;

  self->reminded_hours = due;
  save (self);
  return due;
}

GTimeSpan
alga_timer_until_next_reminder (AlgaTimer *self,
                                GDateTime *now)
{
  GTimeSpan elapsed;

  g_return_val_if_fail (ALGA_IS_TIMER (self), -1);

  if (self->start == NULL)
    return -1;
  elapsed = alga_timer_get_elapsed (self, now);
  for (guint i = 0; i < ALGA_TIMER_N_REMINDERS; i++)
    if (alga_timer_reminder_hours[i] > self->reminded_hours)
      return MAX (0, alga_timer_reminder_hours[i] * G_TIME_SPAN_HOUR - elapsed);
  return -1;
}

gboolean
alga_timer_ran_overnight (AlgaTimer *self,
                          GDateTime *now)
{
  g_autoptr(GDateTime) local_start = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (ALGA_IS_TIMER (self), FALSE);

  if (self->start == NULL)
    return FALSE;
  local_start = g_date_time_to_local (self->start);
  local_now = g_date_time_to_local (now);
  return g_date_time_get_year (local_start) != g_date_time_get_year (local_now) ||
         g_date_time_get_day_of_year (local_start) != g_date_time_get_day_of_year (local_now);
}
