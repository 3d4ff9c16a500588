/* alga-watcher.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The watcher: when to poll (the interval, the back-off after failures, the network), the state
 * it keeps across restarts, and the signals that tell what a poll found. One poll, its requests
 * and its rules for what is news, is alga-watcher-poll.c.
 */

#define G_LOG_DOMAIN "alga-watcher"

#include "config.h"

#include "alga-watcher-private.h"

#define DEFAULT_INTERVAL_MS (60 * 1000)
#define MIN_INTERVAL_SEC    15
#define SUMMARY_AFTER       3
/* A note of an own change that no poll picked up is forgotten after this long. */
#define OWN_CHANGE_TTL_US   ((gint64) 10 * 60 * G_USEC_PER_SEC)

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

static void schedule (AlgaWatcher *self);

/* The polling loop. */

static void
emit_events (AlgaWatcher     *self,
             AlgaWatcherPoll *poll)
{
  g_autoptr(GPtrArray) events = alga_watcher_poll_dup_events (poll);

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
emit_changed (AlgaWatcher     *self,
              AlgaWatcherPoll *poll)
{
  g_autoptr(GPtrArray) tickets = alga_watcher_poll_dup_changed (poll);

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
  AlgaWatcherPoll *poll = g_task_get_task_data (G_TASK (result));
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
  alga_watcher_commit_poll (self, poll);
  if (!alga_watcher_poll_is_baseline (poll))
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
  alga_watcher_start_poll (self, on_poll_done_cb);
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
