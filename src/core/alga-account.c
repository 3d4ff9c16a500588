/* alga-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One signed-in account and everything that belongs to it: its session and client, its cache,
 * its reference data, its drafts, its tickets and its watcher. The application makes one on
 * sign-in and drops it on sign-out; widgets are handed it whole and make none of these
 * themselves. Nothing here is global, so that several accounts can live side by side.
 */

#define G_LOG_DOMAIN "alga-account"

#include "config.h"

#include "alga-account.h"

struct _AlgaAccount
{
  GObject               parent_instance;

  AlgaSession          *session;
  AlgaClient           *client;
  char                 *user_id;
  char                 *user_email;
  char                 *user_name;
  AlgaCache            *cache;
  AlgaDraftStore       *drafts;
  AlgaTimer            *timer;
  AlgaReferenceData    *reference_data;
  AlgaTicketRepository *tickets;
  AlgaWatcher          *watcher;
};

G_DEFINE_FINAL_TYPE (AlgaAccount, alga_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CLIENT,
  PROP_USER_ID,
  PROP_USER_EMAIL,
  PROP_USER_NAME,
  PROP_CACHE,
  PROP_DRAFTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A signed-in session brings the account's identity; its cache and drafts are where that
 * account keeps them. */
static void
take_session (AlgaAccount *self)
{
  const char *server_url = alga_session_get_server_url (self->session);
  g_autofree char *directory = NULL;

  g_set_object (&self->client, alga_session_get_client (self->session));
  g_free (self->user_id);
  self->user_id = g_strdup (alga_session_get_user_id (self->session));
  g_free (self->user_email);
  self->user_email = g_strdup (alga_session_get_user_email (self->session));
  g_free (self->user_name);
  self->user_name = g_strdup (alga_session_get_user_name (self->session));

  if (self->cache == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* A cache that cannot open is no reason to fail: the account then waits for the server
       * each time and has nothing to show offline. */
      self->cache = alga_cache_new (server_url, self->user_id, &error);
      if (self->cache == NULL)
        g_warning ("No local cache: %s", error->message);
    }

  if (self->drafts == NULL)
    {
      directory = alga_draft_store_dup_account_directory (server_url, self->user_id);
      self->drafts = alga_draft_store_new (directory);
    }

  /* Beside the drafts, and as safe from a crash: the running timer's start. */
  if (self->timer == NULL)
    {
      g_autofree char *path = alga_timer_dup_account_path (server_url, self->user_id);

      self->timer = alga_timer_new (path);
    }
}

static void
alga_account_constructed (GObject *object)
{
  AlgaAccount *self = ALGA_ACCOUNT (object);

  G_OBJECT_CLASS (alga_account_parent_class)->constructed (object);

  if (self->session != NULL)
    take_session (self);
  g_return_if_fail (self->client != NULL);

  self->reference_data = alga_reference_data_new (self->client, self->cache);
  self->tickets = alga_ticket_repository_new (self->client, self->cache);
  /* The watcher needs to know who "me" is; an account without a user id has none. */
  if (self->user_id != NULL && self->user_id[0] != '\0')
    {
      self->watcher = alga_watcher_new (self->tickets, self->user_id, NULL);
      /* A change of ours is never news, even when a poll sees it before its answer. */
      g_signal_connect_object (self->tickets, "writing",
                               G_CALLBACK (alga_watcher_note_own_change), self->watcher,
                               G_CONNECT_SWAPPED);
    }
}

static void
alga_account_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlgaAccount *self = ALGA_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USER_EMAIL:
      g_value_set_string (value, self->user_email);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_DRAFTS:
      g_value_set_object (value, self->drafts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_account_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlgaAccount *self = ALGA_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      g_set_object (&self->client, g_value_get_object (value));
      break;
    case PROP_USER_ID:
      g_free (self->user_id);
      self->user_id = g_value_dup_string (value);
      break;
    case PROP_USER_EMAIL:
      g_free (self->user_email);
      self->user_email = g_value_dup_string (value);
      break;
    case PROP_USER_NAME:
      g_free (self->user_name);
      self->user_name = g_value_dup_string (value);
      break;
    case PROP_CACHE:
      g_set_object (&self->cache, g_value_get_object (value));
      break;
    case PROP_DRAFTS:
      g_set_object (&self->drafts, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_account_dispose (GObject *object)
{
  AlgaAccount *self = ALGA_ACCOUNT (object);

  if (self->watcher != NULL)
    alga_watcher_stop (self->watcher);
  g_clear_object (&self->watcher);
  g_clear_object (&self->tickets);
  g_clear_object (&self->reference_data);
  g_clear_object (&self->drafts);
  if (self->timer != NULL)
    alga_timer_flush (self->timer);
  g_clear_object (&self->timer);
  g_clear_object (&self->cache);
  g_clear_object (&self->client);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (alga_account_parent_class)->dispose (object);
}

static void
alga_account_finalize (GObject *object)
{
  AlgaAccount *self = ALGA_ACCOUNT (object);

  g_free (self->user_id);
  g_free (self->user_email);
  g_free (self->user_name);

  G_OBJECT_CLASS (alga_account_parent_class)->finalize (object);
}

static void
alga_account_class_init (AlgaAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alga_account_constructed;
  object_class->get_property = alga_account_get_property;
  object_class->set_property = alga_account_set_property;
  object_class->dispose = alga_account_dispose;
  object_class->finalize = alga_account_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALGA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ALGA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_EMAIL] =
    g_param_spec_string ("user-email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, ALGA_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFTS] =
    g_param_spec_object ("drafts", NULL, NULL, ALGA_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_account_init (AlgaAccount *self)
{
}

/**
 * alga_account_new:
 * @session: a signed-in session
 *
 * Opens the account's cache and drafts and makes its reference data, tickets and (stopped)
 * watcher.
 *
 * Returns: (transfer full): the account of @session
 */
AlgaAccount *
alga_account_new (AlgaSession *session)
{
  g_return_val_if_fail (ALGA_IS_SESSION (session), NULL);

  return g_object_new (ALGA_TYPE_ACCOUNT, "session", session, NULL);
}

/**
 * alga_account_new_for_client:
 * @client: a client signed in some other way (an API key)
 * @user_id: (nullable): who "me" is; without one the account has no watcher
 * @cache: (nullable): where to save what is read; %NULL saves nothing
 * @drafts: (nullable): where to keep unsent text; %NULL keeps none
 *
 * An account without a session, for tests and tools; g_object_new() with "user-email" and
 * "user-name" gives it the rest of an identity.
 *
 * Returns: (transfer full): a new #AlgaAccount
 */
AlgaAccount *
alga_account_new_for_client (AlgaClient     *client,
                             const char     *user_id,
                             AlgaCache      *cache,
                             AlgaDraftStore *drafts)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (cache == NULL || ALGA_IS_CACHE (cache), NULL);
  g_return_val_if_fail (drafts == NULL || ALGA_IS_DRAFT_STORE (drafts), NULL);

  return g_object_new (ALGA_TYPE_ACCOUNT,
                       "client", client,
                       "user-id", user_id,
                       "cache", cache,
                       "drafts", drafts,
                       NULL);
}

/**
 * alga_account_get_session:
 * @self: the account
 *
 * Returns: (transfer none) (nullable): its session; %NULL for an account made for a client
 */
AlgaSession *
alga_account_get_session (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->session;
}

/**
 * alga_account_get_client:
 * @self: the account
 *
 * Returns: (transfer none): the client every request of the account goes through
 */
AlgaClient *
alga_account_get_client (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->client;
}

/**
 * alga_account_get_cache:
 * @self: the account
 *
 * Returns: (transfer none) (nullable): its cache, or %NULL when none could be opened
 */
AlgaCache *
alga_account_get_cache (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->cache;
}

/**
 * alga_account_get_reference_data:
 * @self: the account
 *
 * Returns: (transfer none): its statuses, priorities, services, users and boards
 */
AlgaReferenceData *
alga_account_get_reference_data (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->reference_data;
}

/**
 * alga_account_get_drafts:
 * @self: the account
 *
 * Returns: (transfer none) (nullable): where its unsent comments and time entries are kept
 */
AlgaDraftStore *
alga_account_get_drafts (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->drafts;
}

/**
 * alga_account_get_tickets:
 * @self: the account
 *
 * Returns: (transfer none): where its tickets are read and written
 */
AlgaTicketRepository *
alga_account_get_tickets (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->tickets;
}

/**
 * alga_account_get_watcher:
 * @self: the account
 *
 * Returns: (transfer none) (nullable): its watcher (stopped until the application starts it),
 *   or %NULL for an account without a user id
 */
AlgaWatcher *
alga_account_get_watcher (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->watcher;
}

const char *
alga_account_get_server_url (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->session != NULL ? alga_session_get_server_url (self->session)
                               : alga_client_get_base_url (self->client);
}

const char *
alga_account_get_user_id (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->user_id;
}

const char *
alga_account_get_user_email (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->user_email;
}

const char *
alga_account_get_user_name (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->user_name;
}

/**
 * alga_account_get_timer:
 * @self: a #AlgaAccount
 *
 * The account's timer, kept in a file of its own; the caller reads it
 * (alga_timer_load_async()). An account made for a client alone has none.
 *
 * Returns: (transfer none) (nullable): the timer
 */
AlgaTimer *
alga_account_get_timer (AlgaAccount *self)
{
  g_return_val_if_fail (ALGA_IS_ACCOUNT (self), NULL);

  return self->timer;
}
