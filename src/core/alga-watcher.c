/* alga-watcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-watcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alga-watcher.h"
#include "alga-blocknote.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-watch-state.h"

#define OVERLAP_US          ((gint64) ALGA_WATCHER_OVERLAP_SEC * G_USEC_PER_SEC)
#define DEFAULT_INTERVAL_MS (60 * 1000)
#define MIN_INTERVAL_SEC    15
#define PAGE_LIMIT          100
#define MAX_PAGES           200
#define SUMMARY_AFTER       3
/* A note of an own change that no poll picked up is forgotten after this long. */
#define OWN_CHANGE_TTL_US   ((gint64) 10 * 60 * G_USEC_PER_SEC)

struct _AlgaWatcher
{
  GObject          parent_instance;

  AlgaTicketRepository *tickets;
  AlgaClient      *client;        /* the repository's */
  char            *user_id;
  GFile           *state_file;
  AlgaWatchState  *state;
  GSettings       *settings;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  GTask           *poll_task;     /* the poll under way, unowned */
  GHashTable      *own_changes;   /* ticket id → gint64 * (monotonic time of the note) */

  guint            timeout_id;
  guint            interval_ms;
  guint            backoff_ms;
  guint            running : 1;
  guint            polling : 1;
  guint            state_loaded : 1;
  guint            interval_overridden : 1;
  guint            notify_unassigned : 1;
  guint            offline : 1;
  guint            server_is_loopback : 1;
  guint            monitor_is_default : 1;
};

G_DEFINE_FINAL_TYPE (AlgaWatcher, alga_watcher, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TICKETS,
  PROP_CLIENT,
  PROP_USER_ID,
  PROP_STATE_FILE,
  PROP_RUNNING,
  PROP_NOTIFY_UNASSIGNED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  EVENT,
  POLLED,
  TICKETS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One changed ticket as the list returned it. */
typedef struct
{
  AlgaTicket *ticket;
  char       *actor;       /* updated_by, or entered_by while nobody changed it since */
  gint64      time_us;
  char       *key;
  gboolean    known;       /* seen by an earlier poll: read again only because the polls overlap */
} Row;

typedef enum
{
  STAGE_LATEST,   /* first poll: where is "now" on the server */
  STAGE_MINE,     /* first poll: which open tickets are mine */
  STAGE_CHANGED,  /* every poll: what changed since the point */
  STAGE_DECIDE,   /* every poll but the first: which changes concern me */
} Stage;

typedef struct
{
  Stage       stage;
  gboolean    baseline;
  gint64      started_us;   /* monotonic */
  gint64      point_us;     /* the point before this poll */
  gint64      newest_us;
  GDateTime  *from;
  guint       page;
  guint       pages;
  GPtrArray  *rows;         /* Row */
  GHashTable *row_keys;
  guint       next_row;
  GPtrArray  *comments;     /* AlgaComment of the row being checked */
  GHashTable *decided;      /* ticket id → AlgaEvent */
  GPtrArray  *order;        /* ticket ids in the order events were decided */
  GPtrArray  *seen_comments;/* "c:<id>" keys with their times, to record on success */
  GArray     *seen_times;
} Poll;

static void poll_step (GTask *task);
static void schedule (AlgaWatcher *self);

/* Time helpers: GLib 2.74 has no usec conversions of its own. */

static gint64
datetime_to_us (GDateTime *time)
{
  if (time == NULL)
    return 0;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static GDateTime *
us_to_datetime (gint64 us)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return g_date_time_add (seconds, us % G_USEC_PER_SEC);
}

static void
row_free (Row *row)
{
  g_clear_object (&row->ticket);
  g_free (row->actor);
  g_free (row->key);
  g_free (row);
}

static void
poll_free (Poll *poll)
{
  g_clear_pointer (&poll->from, g_date_time_unref);
  g_ptr_array_unref (poll->rows);
  g_hash_table_unref (poll->row_keys);
  g_clear_pointer (&poll->comments, g_ptr_array_unref);
  g_hash_table_unref (poll->decided);
  g_ptr_array_unref (poll->order);
  g_ptr_array_unref (poll->seen_comments);
  g_array_unref (poll->seen_times);
  g_free (poll);
}

static gboolean
is_me (AlgaWatcher *self,
       const char  *user_id)
{
  return user_id != NULL && g_strcmp0 (user_id, self->user_id) == 0;
}

static gboolean
noted_own_change (AlgaWatcher *self,
                  const char  *ticket_id)
{
  return g_hash_table_contains (self->own_changes, ticket_id);
}

static void
decide (Poll          *poll,
        Row           *row,
        AlgaEventKind  kind,
        const char    *reason,
        const char    *actor)
{
  AlgaTicket *ticket = row->ticket;
  g_autoptr(GDateTime) time = us_to_datetime (row->time_us);
  const char *id = alga_ticket_get_ticket_id (ticket);

  /* One event per ticket and poll: the first decided wins, and replies are decided first. */
  if (g_hash_table_contains (poll->decided, id))
    return;

  g_hash_table_insert (poll->decided, g_strdup (id),
                       alga_event_new (kind, id, alga_ticket_get_ticket_number (ticket),
                                       alga_ticket_get_title (ticket), reason, actor, time));
  g_ptr_array_add (poll->order, g_strdup (id));
}

static char *
with_client (const char *sentence,
             AlgaTicket *ticket)
{
  const char *client = alga_ticket_get_client_name (ticket);

  if (client == NULL || client[0] == '\0')
    return g_strdup (sentence);
  /* TRANSLATORS: a reason for a notification, then the ticket's client */
  return g_strdup_printf (_("%s · %s"), sentence, client);
}

/* Rules for one changed ticket that need no more requests. Replies are checked afterwards. */
static gboolean
decide_row (AlgaWatcher *self,
            Poll        *poll,
            Row         *row)
{
  AlgaTicket *ticket = row->ticket;
  const char *id = alga_ticket_get_ticket_id (ticket);
  const char *assignee = alga_ticket_get_assigned_to (ticket);
  gboolean own = is_me (self, row->actor) || noted_own_change (self, id);
  gboolean known = alga_watch_state_lookup_mine (self->state, id, NULL, NULL);
  g_autofree char *reason = NULL;
  gboolean check_comments = FALSE;

  if (is_me (self, assignee))
    {
      if (!known)
        {
          /* A closed ticket of mine that changed is not news; one newly given to me is. */
          if (!own && !alga_ticket_get_status_is_closed (ticket))
            {
              reason = with_client (_("Assigned to you"), ticket);
              decide (poll, row, ALGA_EVENT_ASSIGNED, reason, row->actor);
            }
        }
      else
        {
          /* Replies, then a status change, are decided once the comments are read. */
          check_comments = TRUE;
        }
    }
  else if (assignee == NULL && self->notify_unassigned && !own &&
           !is_me (self, alga_ticket_get_entered_by (ticket)) &&
           datetime_to_us (alga_ticket_get_entered_at (ticket)) >= poll->point_us - OVERLAP_US)
    {
      reason = with_client (_("New ticket, not assigned to anyone"), ticket);
      decide (poll, row, ALGA_EVENT_UNASSIGNED, reason, alga_ticket_get_entered_by (ticket));
    }

  return check_comments;
}

static void
decide_status (AlgaWatcher *self,
               Poll        *poll,
               Row         *row)
{
  AlgaTicket *ticket = row->ticket;
  const char *id = alga_ticket_get_ticket_id (ticket);
  const char *previous_status = NULL;
  const char *status = alga_ticket_get_status_name (ticket);
  g_autofree char *reason = NULL;

  if (is_me (self, row->actor) || noted_own_change (self, id))
    return;
  if (!alga_watch_state_lookup_mine (self->state, id, &previous_status, NULL))
    return;
  if (g_strcmp0 (previous_status, alga_ticket_get_status_id (ticket)) == 0)
    return;

  if (status != NULL)
    reason = g_strdup_printf (_("Status changed to “%s”"), status);
  else
    reason = g_strdup (_("Status changed"));
  decide (poll, row, ALGA_EVENT_STATUS_CHANGED, reason, row->actor);
}

static char *
excerpt (const char *text)
{
  g_autofree char *plain = alga_blocknote_to_plain_text (text);
  g_autofree char *line = NULL;
  const char *newline;

  g_strstrip (plain);
  newline = strchr (plain, '\n');
  line = newline != NULL ? g_strndup (plain, newline - plain) : g_strdup (plain);
  if (g_utf8_strlen (line, -1) > 120)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 119);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&line);
}

/* A public reply, not by me, newer than the ticket's version I judged last. */
static void
decide_replies (AlgaWatcher *self,
                Poll        *poll,
                Row         *row)
{
  const char *id = alga_ticket_get_ticket_id (row->ticket);
  gint64 since_us = poll->point_us - OVERLAP_US;
  gint64 known_us = 0;
  AlgaComment *newest = NULL;
  guint n_new = 0;

  if (alga_watch_state_lookup_mine (self->state, id, NULL, &known_us) && known_us > 0)
    since_us = known_us;

  for (guint i = 0; poll->comments != NULL && i < poll->comments->len; i++)
    {
      AlgaComment *comment = g_ptr_array_index (poll->comments, i);
      gint64 created_us = datetime_to_us (alga_comment_get_created_at (comment));
      g_autofree char *key = g_strconcat ("c:", alga_comment_get_comment_id (comment), NULL);

      if (created_us <= since_us ||
          alga_comment_get_is_internal (comment) ||
          alga_comment_get_is_system_generated (comment) ||
          alga_comment_get_deleted_at (comment) != NULL ||
          is_me (self, alga_comment_get_user_id (comment)) ||
          alga_watch_state_has_seen (self->state, key))
        continue;

      g_ptr_array_add (poll->seen_comments, g_steal_pointer (&key));
      g_array_append_val (poll->seen_times, created_us);
      newest = comment;
      n_new++;
    }

  if (newest != NULL)
    {
      const char *name = alga_comment_get_author_contact_name (newest);
      g_autofree char *text = excerpt (alga_comment_get_text (newest));
      g_autofree char *reason = NULL;

      if (name == NULL || name[0] == '\0')
        name = alga_comment_get_created_by_name (newest);
      if (name == NULL || name[0] == '\0')
        name = alga_comment_get_author_kind (newest) == ALGA_COMMENT_AUTHOR_CONTACT
               ? _("The customer") : _("Someone");

      if (n_new > 1)
        reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new reply, the last by %s: %s",
                                               "%u new replies, the last by %s: %s", n_new),
                                  n_new, name, text);
      else if (text[0] != '\0')
        /* TRANSLATORS: who replied, then the first line of the reply */
        reason = g_strdup_printf (_("%s replied: %s"), name, text);
      else
        reason = g_strdup_printf (_("%s replied"), name);

      decide (poll, row, ALGA_EVENT_REPLY, reason, name);
    }
}

/* Applying a successful poll. */

static void
commit (AlgaWatcher *self,
        Poll        *poll)
{
  gint64 point_us = MAX (poll->point_us, poll->newest_us);
  g_autoptr(GDateTime) point = us_to_datetime (point_us);

  for (guint i = 0; i < poll->rows->len; i++)
    {
      Row *row = g_ptr_array_index (poll->rows, i);
      const char *id = alga_ticket_get_ticket_id (row->ticket);
      gint64 *noted = g_hash_table_lookup (self->own_changes, id);

      alga_watch_state_add_seen (self->state, row->key, row->time_us);
      if (is_me (self, alga_ticket_get_assigned_to (row->ticket)))
        alga_watch_state_set_mine (self->state, id, alga_ticket_get_status_id (row->ticket),
                                   row->time_us);
      else
        alga_watch_state_remove_mine (self->state, id);

      /* A note from before this poll started has now been matched with its change. */
      if (noted != NULL && *noted < poll->started_us)
        g_hash_table_remove (self->own_changes, id);
    }

  for (guint i = 0; i < poll->seen_comments->len; i++)
    alga_watch_state_add_seen (self->state, g_ptr_array_index (poll->seen_comments, i),
                               g_array_index (poll->seen_times, gint64, i));

  alga_watch_state_set_point (self->state, point);
  alga_watch_state_prune_seen (self->state, point_us - OVERLAP_US);
}

/* Requests. */

static AlgaTicketQuery *
changed_query (GDateTime *from)
{
  AlgaTicketQuery *query = alga_ticket_query_new ();

  alga_ticket_query_set_updated_since (query, from);
  alga_ticket_query_set_sort (query, "updated_at", FALSE);
  /* The full payload: mobile_list has neither assigned_to nor updated_by. */
  alga_ticket_query_set_fields (query, NULL);
  return query;
}

static void
on_tickets_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaWatcher *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlgaPagination) pagination = NULL;
  GError *error = NULL;
  JsonObject *object;
  JsonArray *data;
  gint64 last_us = 0;

  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  data = alga_json_get_array (object, "data");
  if (data == NULL)
    {
      g_task_return_new_error (task, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                               "%s", _("The ticket list has no data"));
      return;
    }
  if (json_object_has_member (object, "pagination"))
    pagination = alga_pagination_new_from_json (json_object_get_member (object, "pagination"), NULL);

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      g_autoptr(AlgaTicket) ticket = alga_ticket_new_from_json (node, NULL);
      GDateTime *time;
      Row *row;

      if (ticket == NULL)
        continue;

      time = alga_ticket_get_updated_at (ticket);
      if (time == NULL)
        time = alga_ticket_get_entered_at (ticket);

      if (poll->stage == STAGE_LATEST)
        {
          poll->newest_us = MAX (poll->newest_us, datetime_to_us (time));
          continue;
        }
      if (poll->stage == STAGE_MINE)
        {
          alga_watch_state_set_mine (self->state, alga_ticket_get_ticket_id (ticket),
                                     alga_ticket_get_status_id (ticket), datetime_to_us (time));
          continue;
        }

      row = g_new0 (Row, 1);
      row->time_us = datetime_to_us (time);
      row->key = g_strdup_printf ("t:%s@%" G_GINT64_FORMAT, alga_ticket_get_ticket_id (ticket),
                                  row->time_us);
      last_us = MAX (last_us, row->time_us);
      if (g_hash_table_contains (poll->row_keys, row->key))
        {
          row_free (row);
          continue;
        }
      row->ticket = g_steal_pointer (&ticket);
      row->known = alga_watch_state_has_seen (self->state, row->key);
      /* A ticket just created has no updated_by: its change is its creation, by entered_by. */
      row->actor = g_strdup (alga_json_get_string (json_node_get_object (node), "updated_by"));
      if (row->actor == NULL)
        row->actor = g_strdup (alga_ticket_get_entered_by (row->ticket));
      g_hash_table_add (poll->row_keys, g_strdup (row->key));
      g_ptr_array_add (poll->rows, row);
    }

  if (pagination != NULL && pagination->has_next && poll->stage != STAGE_LATEST &&
      ++poll->pages < MAX_PAGES)
    {
      /* Changed tickets are read by advancing updated_from rather than the page number,
       * since a change during the walk moves a ticket to the end and would shift the pages. */
      if (poll->stage == STAGE_CHANGED && last_us > datetime_to_us (poll->from))
        {
          g_clear_pointer (&poll->from, g_date_time_unref);
          poll->from = us_to_datetime (last_us);
          poll->page = 1;
        }
      else
        {
          poll->page++;
        }
      poll_step (task);
      return;
    }

  if (pagination != NULL && pagination->has_next)
    g_warning ("Stopped reading changed tickets after %u pages", poll->pages);

  /* Next stage. */
  poll->page = 1;
  poll->pages = 0;
  if (poll->stage == STAGE_LATEST)
    {
      if (poll->newest_us == 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          poll->newest_us = datetime_to_us (now);
        }
      poll->point_us = poll->newest_us;
      poll->stage = STAGE_MINE;
    }
  else if (poll->stage == STAGE_MINE)
    {
      g_clear_pointer (&poll->from, g_date_time_unref);
      poll->from = us_to_datetime (poll->point_us - OVERLAP_US);
      poll->stage = STAGE_CHANGED;
    }
  else
    {
      for (guint i = 0; i < poll->rows->len; i++)
        {
          Row *row = g_ptr_array_index (poll->rows, i);

          poll->newest_us = MAX (poll->newest_us, row->time_us);
        }
      poll->next_row = 0;
      poll->stage = STAGE_DECIDE;
    }
  poll_step (task);
}

static void
on_comments_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaWatcher *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);
  g_autoptr(GPtrArray) page = NULL;
  GError *error = NULL;
  Row *row = g_ptr_array_index (poll->rows, poll->next_row);

  page = alga_ticket_repository_load_comments_finish (ALGA_TICKET_REPOSITORY (source), result,
                                                      NULL, &error);
  if (page == NULL)
    {
      /* A ticket that vanished since the list was read has no replies to tell. */
      if (!g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
      page = g_ptr_array_new ();
    }

  poll->comments = g_steal_pointer (&page);
  decide_replies (self, poll, row);
  decide_status (self, poll, row);
  g_clear_pointer (&poll->comments, g_ptr_array_unref);
  poll->next_row++;
  poll_step (task);
}

static void
request_tickets (AlgaWatcher     *self,
                 GTask           *task,
                 AlgaTicketQuery *query,
                 guint            page,
                 guint            limit)
{
  g_autofree char *text = alga_ticket_query_to_string (query, page, limit);

  /* The watcher backs off by itself; the client's quick retries would only add load. */
  alga_client_request_async (self->client, "GET", "/api/v1/tickets", text, NULL,
                             ALGA_REQUEST_NO_RETRY, g_task_get_cancellable (task),
                             on_tickets_cb, g_object_ref (task));
}

static void
poll_step (GTask *task)
{
  AlgaWatcher *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);
  g_autoptr(AlgaTicketQuery) query = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (poll->stage)
    {
    case STAGE_LATEST:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) day_ago = g_date_time_add_days (now, -1);

        /* The server's newest updated_at is the point, so that this machine's clock does
         * not matter. Postgres puts never-updated tickets first when descending; bounding
         * the query to a day keeps those few and recent, and the newest still on page one. */
        query = alga_ticket_query_new ();
        alga_ticket_query_set_updated_since (query, day_ago);
        alga_ticket_query_set_sort (query, "updated_at", TRUE);
        request_tickets (self, task, query, 1, PAGE_LIMIT);
        return;
      }

    case STAGE_MINE:
      query = alga_ticket_query_new ();
      alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);
      alga_ticket_query_set_assignee (query, ALGA_TICKET_ASSIGNEE_USER, self->user_id);
      request_tickets (self, task, query, poll->page, PAGE_LIMIT);
      return;

    case STAGE_CHANGED:
      query = changed_query (poll->from);
      request_tickets (self, task, query, poll->page, PAGE_LIMIT);
      return;

    case STAGE_DECIDE:
    default:
      break;
    }

  /* Deciding: on the first poll every change is only recorded. */
  while (!poll->baseline && poll->next_row < poll->rows->len)
    {
      Row *row = g_ptr_array_index (poll->rows, poll->next_row);

      if (alga_watch_state_has_seen (self->state, row->key) || !decide_row (self, poll, row))
        {
          poll->next_row++;
          continue;
        }

      /* What is news is decided from the server's answer alone, never from a saved copy. */
      alga_ticket_repository_load_comments_async (self->tickets,
                                                  alga_ticket_get_ticket_id (row->ticket),
                                                  ALGA_LOAD_NETWORK_ONLY,
                                                  g_task_get_cancellable (task),
                                                  on_comments_cb, g_object_ref (task));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_poll (AlgaWatcher         *self,
            GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = NULL;
  GDateTime *point = alga_watch_state_get_point (self->state);
  Poll *poll;

  poll = g_new0 (Poll, 1);
  poll->started_us = g_get_monotonic_time ();
  poll->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  poll->row_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  poll->decided = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  poll->order = g_ptr_array_new_with_free_func (g_free);
  poll->seen_comments = g_ptr_array_new_with_free_func (g_free);
  poll->seen_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  poll->page = 1;

  if (point == NULL)
    {
      poll->baseline = TRUE;
      poll->stage = STAGE_LATEST;
    }
  else
    {
      poll->point_us = datetime_to_us (point);
      poll->from = us_to_datetime (poll->point_us - OVERLAP_US);
      poll->stage = STAGE_CHANGED;
    }

  task = g_task_new (self, self->cancellable, callback, NULL);
  self->poll_task = task;
  g_task_set_source_tag (task, start_poll);
  g_task_set_task_data (task, poll, (GDestroyNotify) poll_free);
  poll_step (task);
}

/* The polling loop. */

static void
emit_events (AlgaWatcher *self,
             Poll        *poll)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < poll->order->len; i++)
    g_ptr_array_add (events, g_object_ref (g_hash_table_lookup (poll->decided,
                                                                g_ptr_array_index (poll->order, i))));

  if (events->len > SUMMARY_AFTER)
    {
      g_autoptr(AlgaEvent) summary = alga_event_new_summary (events);

      g_signal_emit (self, signals[EVENT], 0, summary);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    g_signal_emit (self, signals[EVENT], 0, g_ptr_array_index (events, i));
}

/* Every ticket that changed since the last poll, news or not: the lists and the open ticket must show them too,
 * before a notification sends the technician there. */
static void
emit_changed (AlgaWatcher *self,
              Poll        *poll)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < poll->rows->len; i++)
    {
      Row *row = g_ptr_array_index (poll->rows, i);

      /* Told once: each poll reads the last seconds of the one before again, and telling
       * the same change every time would reload the counts and lists at every poll. */
      if (!row->known)
        g_ptr_array_add (tickets, g_object_ref (row->ticket));
    }

  if (tickets->len > 0)
    g_signal_emit (self, signals[TICKETS_CHANGED], 0, tickets);
}

static void
on_state_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AlgaWatcher) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!alga_watch_state_save_finish (ALGA_WATCH_STATE (source), result, &error))
    g_warning ("Could not save what the watcher has seen: %s", error->message);

  g_signal_emit (self, signals[POLLED], 0, NULL);
}

static void
on_poll_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AlgaWatcher *self = ALGA_WATCHER (source);
  Poll *poll = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* A poll cancelled by stop or by going offline may end after a newer one began. */
  if (G_TASK (result) != self->poll_task)
    return;
  self->poll_task = NULL;
  self->polling = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->backoff_ms = self->backoff_ms == 0 ? self->interval_ms * 2 : self->backoff_ms * 2;
      self->backoff_ms = MIN (self->backoff_ms, ALGA_WATCHER_MAX_BACKOFF_MS);
      g_debug ("Poll failed, next in %u ms: %s", self->backoff_ms, error->message);
      schedule (self);
      g_signal_emit (self, signals[POLLED], 0, error);
      return;
    }

  self->backoff_ms = 0;
  commit (self, poll);
  if (!poll->baseline)
    {
      emit_changed (self, poll);
      emit_events (self, poll);
    }
  schedule (self);
  alga_watch_state_save_async (self->state, NULL, on_state_saved_cb, g_object_ref (self));
}

static void
poll_if_ready (AlgaWatcher *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->running || self->polling || self->offline || !self->state_loaded)
    return;

  self->polling = TRUE;
  start_poll (self, on_poll_done_cb);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  AlgaWatcher *self = user_data;

  self->timeout_id = 0;
  poll_if_ready (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (AlgaWatcher *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->running || self->offline)
    return;

  self->timeout_id = g_timeout_add (self->backoff_ms != 0 ? self->backoff_ms : self->interval_ms,
                                    on_timeout_cb, self);
}

static void
on_state_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AlgaWatcher) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!alga_watch_state_load_finish (ALGA_WATCH_STATE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Watch state not loaded: %s", error->message);
    }

  self->state_loaded = TRUE;
  alga_watch_state_set_owner (self->state, alga_client_get_base_url (self->client), self->user_id);
  poll_if_ready (self);
}

/* Network. */

static void
update_offline (AlgaWatcher *self)
{
  /* The system's monitor may call a machine without a default route offline, while a
   * server on loopback is still there. */
  gboolean offline = self->monitor != NULL &&
                     !(self->monitor_is_default && self->server_is_loopback) &&
                     !g_network_monitor_get_network_available (self->monitor);

  if (offline == self->offline)
    return;

  self->offline = offline;
  if (offline)
    {
      g_debug ("Offline: pausing");
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->polling = FALSE;
      self->poll_task = NULL;
    }
  else
    {
      g_debug ("Online again: polling now");
      self->backoff_ms = 0;
      poll_if_ready (self);
    }
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       gpointer         user_data)
{
  update_offline (ALGA_WATCHER (user_data));
}

/* Settings. */

static void
on_poll_interval_changed_cb (GSettings  *settings,
                             const char *key,
                             gpointer    user_data)
{
  AlgaWatcher *self = user_data;

  if (self->interval_overridden)
    return;

  self->interval_ms = MAX (g_settings_get_uint (settings, "poll-interval"), MIN_INTERVAL_SEC) * 1000;
  if (self->timeout_id != 0)
    schedule (self);
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* GObject. */

static void
alga_watcher_constructed (GObject *object)
{
  AlgaWatcher *self = ALGA_WATCHER (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  G_OBJECT_CLASS (alga_watcher_parent_class)->constructed (object);

  if (self->state_file == NULL)
    self->state_file = alga_watch_state_dup_default_file ();
  self->state = alga_watch_state_new (self->state_file);
  self->server_is_loopback = is_loopback_url (alga_client_get_base_url (self->client));

  /* Whatever this app changes through its client is ours, and never news. */
  g_signal_connect_object (self->client, "ticket-changed",
                           G_CALLBACK (alga_watcher_note_own_change), self, G_CONNECT_SWAPPED);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (BASE_APP_ID);
      g_signal_connect_object (self->settings, "changed::poll-interval",
                               G_CALLBACK (on_poll_interval_changed_cb), self, 0);
      on_poll_interval_changed_cb (self->settings, "poll-interval", self);
      g_settings_bind (self->settings, "notify-unassigned", self, "notify-unassigned",
                       G_SETTINGS_BIND_GET);
    }

  alga_watcher_set_network_monitor (self, g_network_monitor_get_default ());
  self->monitor_is_default = TRUE;
}

static void
alga_watcher_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlgaWatcher *self = ALGA_WATCHER (object);

  switch (prop_id)
    {
    case PROP_TICKETS:
      g_value_set_object (value, self->tickets);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_STATE_FILE:
      g_value_set_object (value, self->state_file);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_NOTIFY_UNASSIGNED:
      g_value_set_boolean (value, self->notify_unassigned);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_watcher_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlgaWatcher *self = ALGA_WATCHER (object);

  switch (prop_id)
    {
    case PROP_TICKETS:
      self->tickets = g_value_dup_object (value);
      self->client = g_object_ref (alga_ticket_repository_get_client (self->tickets));
      break;
    case PROP_USER_ID:
      self->user_id = g_value_dup_string (value);
      break;
    case PROP_STATE_FILE:
      self->state_file = g_value_dup_object (value);
      break;
    case PROP_NOTIFY_UNASSIGNED:
      alga_watcher_set_notify_unassigned (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_watcher_dispose (GObject *object)
{
  AlgaWatcher *self = ALGA_WATCHER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, on_network_changed_cb, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->state);
  g_clear_object (&self->state_file);
  g_clear_object (&self->client);
  g_clear_object (&self->tickets);

  G_OBJECT_CLASS (alga_watcher_parent_class)->dispose (object);
}

static void
alga_watcher_finalize (GObject *object)
{
  AlgaWatcher *self = ALGA_WATCHER (object);

  g_free (self->user_id);
  g_hash_table_unref (self->own_changes);

  G_OBJECT_CLASS (alga_watcher_parent_class)->finalize (object);
}

static void
alga_watcher_class_init (AlgaWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alga_watcher_constructed;
  object_class->get_property = alga_watcher_get_property;
  object_class->set_property = alga_watcher_set_property;
  object_class->dispose = alga_watcher_dispose;
  object_class->finalize = alga_watcher_finalize;

  properties[PROP_TICKETS] =
    g_param_spec_object ("tickets", NULL, NULL, ALGA_TYPE_TICKET_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ALGA_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_FILE] =
    g_param_spec_object ("state-file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTIFY_UNASSIGNED] =
    g_param_spec_boolean ("notify-unassigned", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaWatcher::event:
   * @self: the watcher
   * @event: a decided event, or a summary of more than three
   *
   * Tells a change that concerns the technician, at most one per ticket and poll.
   */
  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ALGA_TYPE_EVENT);

  /**
   * AlgaWatcher::polled:
   * @self: the watcher
   * @error: (nullable): why the poll failed, or %NULL
   *
   * Emitted after each poll; after a successful one, once its state is on disk.
   */
  signals[POLLED] =
    g_signal_new ("polled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * AlgaWatcher::tickets-changed:
   * @self: the watcher
   * @tickets: (element-type AlgaTicket): the tickets a poll found changed (full list items)
   *
   * Emitted after each poll but the first that found changes, whether or not they are news,
   * before the poll's #AlgaWatcher::event signals.
   */
  signals[TICKETS_CHANGED] =
    g_signal_new ("tickets-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
alga_watcher_init (AlgaWatcher *self)
{
  self->cancellable = g_cancellable_new ();
  self->own_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->interval_ms = DEFAULT_INTERVAL_MS;
}

/* Public API. */

/**
 * alga_watcher_new:
 * @tickets: the account's tickets, through which it reads the comments of a changed ticket
 * @user_id: the technician's user id ("me")
 * @state_file: (nullable): where the last-seen point is kept; %NULL for the default
 *
 * Returns: (transfer full): a stopped watcher
 */
AlgaWatcher *
alga_watcher_new (AlgaTicketRepository *tickets,
                  const char           *user_id,
                  GFile                *state_file)
{
  g_return_val_if_fail (ALGA_IS_TICKET_REPOSITORY (tickets), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (state_file == NULL || G_IS_FILE (state_file), NULL);

  return g_object_new (ALGA_TYPE_WATCHER,
                       "tickets", tickets,
                       "user-id", user_id,
                       "state-file", state_file,
                       NULL);
}

/**
 * alga_watcher_start:
 * @self: a watcher
 *
 * Loads the saved state and polls now, then at the interval. The first poll after a fresh
 * start (no saved state) only records the point, so that old changes tell nothing.
 */
void
alga_watcher_start (AlgaWatcher *self)
{
  g_return_if_fail (ALGA_IS_WATCHER (self));

  if (self->running)
    return;

  self->running = TRUE;
  self->backoff_ms = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  update_offline (self);
  if (!self->state_loaded)
    alga_watch_state_load_async (self->state, self->cancellable, on_state_loaded_cb,
                                 g_object_ref (self));
  else
    poll_if_ready (self);
}

/**
 * alga_watcher_stop:
 * @self: a watcher
 *
 * Stops polling (on sign-out) and cancels a poll under way; what was seen stays saved.
 */
void
alga_watcher_stop (AlgaWatcher *self)
{
  g_return_if_fail (ALGA_IS_WATCHER (self));

  if (!self->running)
    return;

  self->running = FALSE;
  self->polling = FALSE;
  self->poll_task = NULL;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* An interrupted load must be done again on the next start. */
  if (!self->state_loaded)
    alga_watch_state_clear (self->state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
alga_watcher_get_running (AlgaWatcher *self)
{
  g_return_val_if_fail (ALGA_IS_WATCHER (self), FALSE);

  return self->running;
}

void
alga_watcher_poll_now (AlgaWatcher *self)
{
  g_return_if_fail (ALGA_IS_WATCHER (self));

  poll_if_ready (self);
}

void
alga_watcher_set_interval_ms (AlgaWatcher *self,
                              guint        interval_ms)
{
  g_return_if_fail (ALGA_IS_WATCHER (self));
  g_return_if_fail (interval_ms > 0);

  self->interval_overridden = TRUE;
  self->interval_ms = interval_ms;
  if (self->timeout_id != 0)
    schedule (self);
}

guint
alga_watcher_get_interval_ms (AlgaWatcher *self)
{
  g_return_val_if_fail (ALGA_IS_WATCHER (self), 0);

  return self->interval_ms;
}

guint
alga_watcher_get_backoff_ms (AlgaWatcher *self)
{
  g_return_val_if_fail (ALGA_IS_WATCHER (self), 0);

  return self->backoff_ms;
}

void
alga_watcher_set_notify_unassigned (AlgaWatcher *self,
                                    gboolean     notify_unassigned)
{
  g_return_if_fail (ALGA_IS_WATCHER (self));

  notify_unassigned = !!notify_unassigned;
  if (self->notify_unassigned == (guint) notify_unassigned)
    return;

  self->notify_unassigned = notify_unassigned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY_UNASSIGNED]);
}

gboolean
alga_watcher_get_notify_unassigned (AlgaWatcher *self)
{
  g_return_val_if_fail (ALGA_IS_WATCHER (self), FALSE);

  return self->notify_unassigned;
}

void
alga_watcher_set_network_monitor (AlgaWatcher     *self,
                                  GNetworkMonitor *monitor)
{
  g_return_if_fail (ALGA_IS_WATCHER (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, on_network_changed_cb, self);
  g_set_object (&self->monitor, monitor);
  self->monitor_is_default = FALSE;
  if (monitor != NULL)
    g_signal_connect (monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);
  if (self->running)
    update_offline (self);
}

gboolean
alga_watcher_get_offline (AlgaWatcher *self)
{
  g_return_val_if_fail (ALGA_IS_WATCHER (self), FALSE);

  return self->offline;
}

/**
 * alga_watcher_note_own_change:
 * @self: a watcher
 * @ticket_id: the ticket this app just changed
 *
 * Call right after each edit this app makes to a ticket, so that the next poll tells no
 * assignment or status event about it. Replies by others are still told.
 */
void
alga_watcher_note_own_change (AlgaWatcher *self,
                              const char  *ticket_id)
{
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (ALGA_IS_WATCHER (self));
  g_return_if_fail (ticket_id != NULL);

  g_hash_table_iter_init (&iter, self->own_changes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (now - *(gint64 *) value > OWN_CHANGE_TTL_US)
      g_hash_table_iter_remove (&iter);

  g_hash_table_replace (self->own_changes, g_strdup (ticket_id), g_memdup2 (&now, sizeof now));
}
