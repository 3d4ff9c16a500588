/* alga-watcher-poll.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One poll of the watcher: the round of requests that reads what changed since the last-seen
 * point, and the rules that decide which of those changes are news for the technician. When
 * and whether to poll, and what is told of it, is the watcher's (alga-watcher.c).
 */

#define G_LOG_DOMAIN "alga-watcher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alga-watcher-private.h"
#include "alga-blocknote.h"
#include "alga-error.h"
#include "alga-json.h"

#define OVERLAP_US          ((gint64) ALGA_WATCHER_OVERLAP_SEC * G_USEC_PER_SEC)
#define PAGE_LIMIT          100
#define MAX_PAGES           200

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

typedef struct _AlgaWatcherPoll Poll;

struct _AlgaWatcherPoll
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
};

static void poll_step (GTask *task);

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

/* What the watcher calls. */

void
alga_watcher_start_poll (AlgaWatcher         *self,
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
  g_task_set_source_tag (task, alga_watcher_start_poll);
  g_task_set_task_data (task, poll, (GDestroyNotify) poll_free);
  poll_step (task);
}

void
alga_watcher_commit_poll (AlgaWatcher     *self,
                          AlgaWatcherPoll *poll)
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

gboolean
alga_watcher_poll_is_baseline (AlgaWatcherPoll *poll)
{
  return poll->baseline;
}

GPtrArray *
alga_watcher_poll_dup_events (AlgaWatcherPoll *poll)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < poll->order->len; i++)
    g_ptr_array_add (events, g_object_ref (g_hash_table_lookup (poll->decided,
                                                                g_ptr_array_index (poll->order, i))));
  return events;
}

GPtrArray *
alga_watcher_poll_dup_changed (AlgaWatcherPoll *poll)
{
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < poll->rows->len; i++)
    {
      Row *row = g_ptr_array_index (poll->rows, i);

      /* Told once: each poll reads the last seconds of the one before again, and telling
       * the same change every time would reload the counts and lists at every poll. */
      if (!row->known)
        g_ptr_array_add (tickets, g_object_ref (row->ticket));
    }
  return tickets;
}
