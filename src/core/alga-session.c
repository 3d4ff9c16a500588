/* alga-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-session.h"
#include "alga-error.h"
#include "alga-json.h"

/* The timer never fires sooner than this after a refresh, so that a server handing out keys
 * that live less than the margin cannot make the session refresh in a tight loop; requests
 * still refresh first when the key is about to expire. */
#define MIN_TIMER_DELAY_MS (30 * 1000)
/* After a refresh that failed for a passing reason (network, server), the timer tries again. */
#define RETRY_TIMER_DELAY_MS (30 * 1000)

/* The signed-in account: it gives the client its key, renews the key before it expires and
 * when the server refuses it (one refresh at a time), keeps each new key pair in the token store
 * before using it, and ends once and for all when the server no longer accepts the refresh. */
struct _AlgaSession
{
  GObject          parent_instance;

  AlgaClient      *client;
  AlgaTokenStore  *store;
  AlgaTokenBundle *bundle;

  /* Cancelled in dispose and on sign-out; the refresh and the store calls use it, not the
   * cancellable of whichever request asked for the refresh. */
  GCancellable    *cancellable;

  /* GTask of each refresh_async caller waiting for the refresh in flight; NULL when none. */
  GPtrArray       *waiters;
  guint            timer_id;
  gboolean         ended;
};

static void credentials_iface_init (AlgaCredentialsInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaSession, alga_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ALGA_TYPE_CREDENTIALS,
                                                      credentials_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_BUNDLE,
  PROP_SERVER_URL,
  PROP_USER_ID,
  PROP_USER_EMAIL,
  PROP_USER_NAME,
  PROP_TENANT_ID,
  PROP_IS_SIGNED_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_refresh            (AlgaSession *self,
                                         gint64       delay_ms);
static void schedule_refresh_for_expiry (AlgaSession *self);

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!alga_token_store_delete_finish (ALGA_TOKEN_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not forget the sign-in: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Deletes the account from the store. Not with the session's cancellable: forgetting the
 * secret must happen even while the session is being torn down. */
static void
forget_account (AlgaSession         *self,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, forget_account);
  alga_token_store_delete_async (self->store,
                                 alga_token_bundle_get_server_url (self->bundle),
                                 alga_token_bundle_get_user_id (self->bundle),
                                 NULL, delete_cb, task);
}

/* The one way a session ends: no key any more, the store forgets it, `ended` once. @error is
 * why, or NULL when the technician signed out. */
static void
end_session (AlgaSession  *self,
             const GError *error)
{
  if (self->ended)
    return;

  self->ended = TRUE;
  g_clear_handle_id (&self->timer_id, g_source_remove);

  if (error != NULL)
    {
      g_debug ("Session ended: %s", error->message);
      forget_account (self, NULL, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SIGNED_IN]);
  g_signal_emit (self, signals[ENDED], 0, error);
}

static GError *
new_session_ended_error (void)
{
  return g_error_new_literal (ALGA_API_ERROR, ALGA_API_ERROR_SESSION_ENDED,
                              _("You were signed out; sign in again"));
}

static void
complete_waiters (AlgaSession  *self,
                  const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  if (waiters == NULL)
    return;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
save_rotated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaSession *self = g_task_get_source_object (task);
  AlgaTokenBundle *rotated = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The server has already retired the old pair, so the new one is used even if the keyring
   * failed; the next start will ask the technician to sign in again. */
  if (!alga_token_store_save_finish (ALGA_TOKEN_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->ended)
        {
          complete_waiters (self, error);
          return;
        }
      g_warning ("Could not keep the renewed sign-in: %s", error->message);
    }

  if (self->ended)
    {
      g_autoptr(GError) ended = new_session_ended_error ();

      complete_waiters (self, ended);
      return;
    }

  g_clear_pointer (&self->bundle, alga_token_bundle_unref);
  self->bundle = alga_token_bundle_ref (rotated);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUNDLE]);

  schedule_refresh_for_expiry (self);
  complete_waiters (self, NULL);
}

static AlgaTokenBundle *
rotate_from_response (AlgaSession  *self,
                      JsonNode     *root,
                      GError      **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  JsonObject *object;
  const char *access_key;
  const char *refresh_token;
  gint64 expires_in;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  access_key = object != NULL ? alga_json_get_string (object, "accessToken") : NULL;
  refresh_token = object != NULL ? alga_json_get_string (object, "refreshToken") : NULL;
  expires_in = object != NULL ? alga_json_get_int (object, "expiresInSec", 0) : 0;

  if (!alga_token_is_well_formed (access_key) || !alga_token_is_well_formed (refresh_token)
      || expires_in <= 0)
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           _("The server's answer to renewing the sign-in could not be read"));
      return NULL;
    }

  now = g_date_time_new_now_utc ();
  expires_at = g_date_time_add_seconds (now, (gdouble) expires_in);

  return alga_token_bundle_rotate (self->bundle, access_key, refresh_token, expires_at);
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AlgaTokenBundle) rotated = NULL;
  GTask *save_task;
  guint status = 0;

  root = alga_client_request_finish_full (ALGA_CLIENT (source), result, &status, NULL, &error);
  if (root == NULL)
    {
      /* 401: unknown, expired, revoked or already rotated; 400: no usable token. Either way
       * trying again cannot help, and must not be tried. */
      if (status == 401 || status == 400)
        {
          g_autoptr(GError) ended = new_session_ended_error ();

          g_debug ("Refresh refused (%u): %s", status, error->message);
          end_session (self, ended);
          complete_waiters (self, ended);
          return;
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->ended)
        schedule_refresh (self, RETRY_TIMER_DELAY_MS);
      complete_waiters (self, error);
      return;
    }

  rotated = rotate_from_response (self, root, &error);
  if (rotated == NULL)
    {
      schedule_refresh (self, RETRY_TIMER_DELAY_MS);
      complete_waiters (self, error);
      return;
    }

  /* Kept before it is used: if the app dies between here and the next request, the stored
   * refresh token must be the one the server now expects. */
  save_task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (save_task, refresh_cb);
  g_task_set_task_data (save_task, alga_token_bundle_ref (rotated),
                        (GDestroyNotify) alga_token_bundle_unref);
  alga_token_store_save_async (self->store, rotated, self->cancellable, save_rotated_cb,
                               save_task);
}

static void
start_refresh (AlgaSession *self)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *device = json_object_new ();
  GTask *task;

  g_assert (self->waiters != NULL);

  g_clear_handle_id (&self->timer_id, g_source_remove);

  json_object_set_string_member (device, "platform", "linux");
  json_object_set_string_member (device, "appVersion", PACKAGE_VERSION);
  json_object_set_string_member (body, "refreshToken",
                                 alga_token_bundle_get_refresh_token (self->bundle));
  json_object_set_object_member (body, "device", device);
  json_node_set_object (root, body);

  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, start_refresh);

  /* Never repeated by the client: a refresh whose answer was lost has already rotated the
   * pair, and sending the old token again would only be refused. */
  alga_client_request_async (self->client, "POST", "/api/v1/mobile/auth/refresh", NULL, root,
                             ALGA_REQUEST_NO_AUTH | ALGA_REQUEST_NO_RETRY, self->cancellable,
                             refresh_cb, task);
}

static void
timer_refresh_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AlgaSession *self = ALGA_SESSION (source);
  g_autoptr(GError) error = NULL;

  if (!alga_credentials_refresh_finish (ALGA_CREDENTIALS (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Scheduled refresh failed: %s", error->message);

  /* Nothing was due after all (another refresh came first): wait for the next expiry. */
  if (self->timer_id == 0 && !self->ended && !g_cancellable_is_cancelled (self->cancellable))
    schedule_refresh_for_expiry (self);
}

static gboolean
on_refresh_timer_cb (gpointer user_data)
{
  AlgaSession *self = user_data;

  self->timer_id = 0;
  alga_credentials_refresh_async (ALGA_CREDENTIALS (self), NULL, NULL, timer_refresh_cb, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (AlgaSession *self,
                  gint64       delay_ms)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);

  if (self->ended || !alga_token_bundle_can_refresh (self->bundle))
    return;

  delay_ms = CLAMP (delay_ms, MIN_TIMER_DELAY_MS, G_MAXUINT);
  self->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) delay_ms,
                                       on_refresh_timer_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->timer_id),
                            "[alga] session refresh");
}

/* A second past the refresh margin, so that the key really is within it when the timer fires. */
static void
schedule_refresh_for_expiry (AlgaSession *self)
{
  g_autoptr(GDateTime) now = NULL;
  GDateTime *expires_at = alga_token_bundle_get_expires_at (self->bundle);

  if (expires_at == NULL)
    return;

  now = g_date_time_new_now_utc ();
  schedule_refresh (self, (g_date_time_difference (expires_at, now)
                           - ALGA_SESSION_REFRESH_MARGIN) / 1000 + 1000);
}

/* AlgaCredentials */

static char *
alga_session_dup_access_key (AlgaCredentials *credentials)
{
  AlgaSession *self = ALGA_SESSION (credentials);

  if (self->ended)
    return NULL;

  return g_strdup (alga_token_bundle_get_access_key (self->bundle));
}

static char *
alga_session_dup_tenant_id (AlgaCredentials *credentials)
{
  AlgaSession *self = ALGA_SESSION (credentials);

  return g_strdup (alga_token_bundle_get_tenant_id (self->bundle));
}

static gboolean
alga_session_needs_refresh (AlgaCredentials *credentials)
{
  AlgaSession *self = ALGA_SESSION (credentials);

  return !self->ended
         && alga_token_bundle_can_refresh (self->bundle)
         && alga_token_bundle_expires_within (self->bundle, ALGA_SESSION_REFRESH_MARGIN);
}

static void
alga_session_refresh_async (AlgaCredentials     *credentials,
                            const char          *rejected_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  AlgaSession *self = ALGA_SESSION (credentials);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_session_refresh_async);

  if (self->ended)
    {
      g_task_return_error (task, new_session_ended_error ());
      return;
    }

  /* One refresh in flight: everyone else waits for its outcome. */
  if (self->waiters != NULL)
    {
      g_ptr_array_add (self->waiters, g_steal_pointer (&task));
      return;
    }

  /* Someone refreshed since this caller read the key: the current one is new. */
  if (rejected_key != NULL
      && g_strcmp0 (rejected_key, alga_token_bundle_get_access_key (self->bundle)) != 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (rejected_key == NULL && !alga_session_needs_refresh (credentials))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A pasted key has nothing to renew it with: refused means revoked or expired. */
  if (!alga_token_bundle_can_refresh (self->bundle))
    {
      g_autoptr(GError) ended = g_error_new_literal (ALGA_API_ERROR,
                                                     ALGA_API_ERROR_SESSION_ENDED,
                                                     _("The API key is no longer accepted; "
                                                       "sign in again"));

      end_session (self, ended);
      g_task_return_error (task, g_error_copy (ended));
      return;
    }

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  start_refresh (self);
}

static gboolean
alga_session_refresh_finish (AlgaCredentials  *credentials,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, credentials), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
credentials_iface_init (AlgaCredentialsInterface *iface)
{
  iface->dup_access_key = alga_session_dup_access_key;
  iface->dup_tenant_id = alga_session_dup_tenant_id;
  iface->needs_refresh = alga_session_needs_refresh;
  iface->refresh_async = alga_session_refresh_async;
  iface->refresh_finish = alga_session_refresh_finish;
}

/* GObject */

static void
alga_session_constructed (GObject *object)
{
  AlgaSession *self = ALGA_SESSION (object);

  G_OBJECT_CLASS (alga_session_parent_class)->constructed (object);

  g_assert (self->client != NULL && self->store != NULL && self->bundle != NULL);

  alga_client_set_credentials (self->client, ALGA_CREDENTIALS (self));
  schedule_refresh_for_expiry (self);
}

static void
alga_session_dispose (GObject *object)
{
  AlgaSession *self = ALGA_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);

  G_OBJECT_CLASS (alga_session_parent_class)->dispose (object);
}

static void
alga_session_finalize (GObject *object)
{
  AlgaSession *self = ALGA_SESSION (object);

  /* Waiters hold a reference, so there are none left by now. */
  g_assert (self->waiters == NULL);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_pointer (&self->bundle, alga_token_bundle_unref);

  G_OBJECT_CLASS (alga_session_parent_class)->finalize (object);
}

static void
alga_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlgaSession *self = ALGA_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUNDLE:
      g_value_set_boxed (value, self->bundle);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, alga_session_get_server_url (self));
      break;
    case PROP_USER_ID:
      g_value_set_string (value, alga_session_get_user_id (self));
      break;
    case PROP_USER_EMAIL:
      g_value_set_string (value, alga_session_get_user_email (self));
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, alga_session_get_user_name (self));
      break;
    case PROP_TENANT_ID:
      g_value_set_string (value, alga_session_get_tenant_id (self));
      break;
    case PROP_IS_SIGNED_IN:
      g_value_set_boolean (value, alga_session_get_is_signed_in (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_session_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlgaSession *self = ALGA_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_BUNDLE:
      self->bundle = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_session_class_init (AlgaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alga_session_constructed;
  object_class->dispose = alga_session_dispose;
  object_class->finalize = alga_session_finalize;
  object_class->get_property = alga_session_get_property;
  object_class->set_property = alga_session_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ALGA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ALGA_TYPE_TOKEN_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AlgaSession:bundle:
   *
   * The current tokens; a new bundle after each refresh. Holds secrets: never log it.
   */
  properties[PROP_BUNDLE] =
    g_param_spec_boxed ("bundle", NULL, NULL,
                        ALGA_TYPE_TOKEN_BUNDLE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS
                        | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_EMAIL] =
    g_param_spec_string ("user-email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_SIGNED_IN] =
    g_param_spec_boolean ("is-signed-in", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaSession::ended:
   * @self: the session
   * @error: (nullable): why: %ALGA_API_ERROR_SESSION_ENDED when the server stopped accepting
   *   the session; %NULL when the technician signed out
   *
   * The session is over: it gives no key any more and the store no longer keeps it. Emitted
   * once in the life of a session.
   */
  signals[ENDED] =
    g_signal_new ("ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
alga_session_init (AlgaSession *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * alga_session_new:
 * @client: the client of the account's server; the session becomes its credentials
 * @store: where the session keeps renewed tokens and forgets them when it ends
 * @bundle: the account's tokens, from a sign-in or the store
 *
 * Returns: (transfer full): a new session
 */
AlgaSession *
alga_session_new (AlgaClient      *client,
                  AlgaTokenStore  *store,
                  AlgaTokenBundle *bundle)
{
  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ALGA_IS_TOKEN_STORE (store), NULL);
  g_return_val_if_fail (bundle != NULL, NULL);

  return g_object_new (ALGA_TYPE_SESSION,
                       "client", client,
                       "store", store,
                       "bundle", bundle,
                       NULL);
}

typedef struct
{
  AlgaClient     *client;
  AlgaTokenStore *store;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->store);
  g_free (data);
}

static void
restore_load_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  bundle = alga_token_store_load_finish (ALGA_TOKEN_STORE (source), result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (bundle == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task, alga_session_new (data->client, data->store, bundle),
                           g_object_unref);
}

/**
 * alga_session_restore_async:
 * @client: the client of the server whose account to restore
 * @store: where the account was kept
 * @cancellable: (nullable): a #GCancellable; a keyring that never answers is the caller's to
 *   time out with it
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Loads the account kept for @client's server and makes its session. Nothing is asked of the
 * server: an expired key is renewed by the first request.
 */
void
alga_session_restore_async (AlgaClient          *client,
                            AlgaTokenStore      *store,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RestoreData *data;

  g_return_if_fail (ALGA_IS_CLIENT (client));
  g_return_if_fail (ALGA_IS_TOKEN_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_session_restore_async);

  data = g_new0 (RestoreData, 1);
  data->client = g_object_ref (client);
  data->store = g_object_ref (store);
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);

  alga_token_store_load_async (store, alga_client_get_base_url (client), cancellable,
                               restore_load_cb, g_steal_pointer (&task));
}

/**
 * alga_session_restore_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the session; %NULL without an error when no account is
 *   kept for the server
 */
AlgaSession *
alga_session_restore_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, alga_session_restore_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!alga_token_store_save_finish (ALGA_TOKEN_STORE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * alga_session_save_async:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Keeps the current tokens in the store, as after a sign-in. (Renewed tokens are kept by the
 * session itself.)
 */
void
alga_session_save_async (AlgaSession         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ALGA_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_session_save_async);

  if (self->ended)
    {
      g_task_return_error (task, new_session_ended_error ());
      return;
    }

  alga_token_store_save_async (self->store, self->bundle, cancellable, save_cb,
                               g_steal_pointer (&task));
}

gboolean
alga_session_save_finish (AlgaSession   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sign_out_deleted_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  end_session (self, NULL);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
revoke_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AlgaSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* Best effort: offline, the refresh token stays valid on the server until it expires, but
   * the technician asked to be signed out here, and is. The message names no token. */
  root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  if (root == NULL)
    g_message ("Could not revoke the session on the server: %s", error->message);

  forget_account (self, sign_out_deleted_cb, g_steal_pointer (&task));
}

/**
 * alga_session_sign_out_async:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Signs out: revokes the refresh token on the server (best effort; a pasted key stays valid
 * until it is deleted in Alga PSA), forgets the account in the store, and emits
 * #AlgaSession::ended with no error (unless the session had already ended). Fails only if the
 * store could not forget the account.
 */
void
alga_session_sign_out_async (AlgaSession         *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *refresh_token;

  g_return_if_fail (ALGA_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_session_sign_out_async);

  /* No refresh may start or finish from here on: a rotation completing after the revoke would
   * leave a live token behind. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);

  refresh_token = alga_token_bundle_get_refresh_token (self->bundle);
  if (refresh_token == NULL || self->ended)
    {
      forget_account (self, sign_out_deleted_cb, g_steal_pointer (&task));
      return;
    }

  body = json_object_new ();
  json_object_set_string_member (body, "refreshToken", refresh_token);
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, body);

  alga_client_request_async (self->client, "POST", "/api/v1/mobile/auth/revoke", NULL, root,
                             ALGA_REQUEST_NO_AUTH, cancellable, revoke_cb,
                             g_steal_pointer (&task));
}

gboolean
alga_session_sign_out_finish (AlgaSession   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * alga_session_get_client:
 * @self: a session
 *
 * Returns: (transfer none): the client
 */
AlgaClient *
alga_session_get_client (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return self->client;
}

/**
 * alga_session_get_store:
 * @self: a session
 *
 * Returns: (transfer none): the token store
 */
AlgaTokenStore *
alga_session_get_store (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return self->store;
}

/**
 * alga_session_dup_bundle:
 * @self: a session
 *
 * Returns: (transfer full): the current tokens
 */
AlgaTokenBundle *
alga_session_dup_bundle (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return alga_token_bundle_ref (self->bundle);
}

const char *
alga_session_get_server_url (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return alga_token_bundle_get_server_url (self->bundle);
}

const char *
alga_session_get_user_id (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return alga_token_bundle_get_user_id (self->bundle);
}

const char *
alga_session_get_user_email (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return alga_token_bundle_get_user_email (self->bundle);
}

const char *
alga_session_get_user_name (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return alga_token_bundle_get_user_name (self->bundle);
}

/* How the sign-in established the user: see alga_token_bundle_get_identity(). */
const char *
alga_session_get_identity (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return alga_token_bundle_get_identity (self->bundle);
}

const char *
alga_session_get_tenant_id (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), NULL);
  return alga_token_bundle_get_tenant_id (self->bundle);
}

gboolean
alga_session_get_is_signed_in (AlgaSession *self)
{
  g_return_val_if_fail (ALGA_IS_SESSION (self), FALSE);
  return !self->ended;
}
