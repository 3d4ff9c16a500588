/* alga-token-store-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-token-store-secret"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "alga-token-store-secret.h"

/* One keyring item per account, through the secret_password_* calls only: inside the Flatpak
 * sandbox libsecret serves exactly those from its file backend (keyed by the Secret portal),
 * while SecretService/SecretItem would need a D-Bus hole to the whole keyring. */
struct _AlgaTokenStoreSecret
{
  GObject parent_instance;

  guint answer_timeout_ms;
};

static void token_store_iface_init (AlgaTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaTokenStoreSecret, alga_token_store_secret, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ALGA_TYPE_TOKEN_STORE,
                                                      token_store_iface_init))

#define ATTRIBUTE_SERVER_URL "server-url"
#define ATTRIBUTE_USER_ID    "user-id"
#define ATTRIBUTE_SCHEMA     "xdg:schema"
#define SCHEMA_NAME          "com.nineminds.AlgaPSA.Account"
#define SEARCH_FLAGS         (SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS)

/* How long a request may go unanswered before the keyring is asked again, and how many times it
 * is asked before the technician is told. libsecret before 0.21.4 (Debian 12 has 0.20.5) can
 * miss the Secret portal's answer to its request for the app's master secret, and would then
 * wait for ever; a second request is answered. A locked keyring's unlock prompt counts as
 * unanswered too, so each wait is long enough to type a password in, and a late answer to
 * the first request is still taken. */
#define ANSWER_TIMEOUT_MS 15000
#define ATTEMPTS          2

/**
 * alga_token_store_secret_get_schema:
 *
 * The schema of the keyring items. DONT_MATCH_NAME, so that items stay findable by their
 * attributes alone whatever writes the xdg:schema attribute (the sandbox's file backend or a
 * renamed build).
 *
 * Returns: (transfer none): the schema
 */
const SecretSchema *
alga_token_store_secret_get_schema (void)
{
  static const SecretSchema schema = {
    SCHEMA_NAME, SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { ATTRIBUTE_SERVER_URL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTRIBUTE_USER_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * alga_token_store_secret_dup_label:
 * @bundle: a bundle
 *
 * What the keyring manager (Seahorse, Passwords and Keys) shows for the item.
 *
 * Returns: (transfer full): "Alga PSA — <email> on <host>"
 */
char *
alga_token_store_secret_dup_label (AlgaTokenBundle *bundle)
{
  g_autoptr(GUri) uri = NULL;
  const char *server_url;
  const char *who;
  const char *host = NULL;

  g_return_val_if_fail (bundle != NULL, NULL);

  server_url = alga_token_bundle_get_server_url (bundle);
  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    host = server_url;

  who = alga_token_bundle_get_user_email (bundle);
  if (who == NULL)
    who = alga_token_bundle_get_user_name (bundle);
  if (who == NULL)
    who = alga_token_bundle_get_user_id (bundle);

  /* Translators: the label of the keyring item; the first %s is an e-mail address, the second
   * the host name of the Alga PSA server. */
  return g_strdup_printf (_("Alga PSA — %s on %s"), who, host);
}

/* Turns what libsecret or D-Bus said into one of ours. The original message carries no secret
 * (libsecret never quotes values), so it is logged for whoever debugs a broken keyring. */
static GError *
map_secret_error (const GError *error,
                  GCancellable *cancellable)
{
  g_debug ("Keyring error: %s (%s, %d)", error->message,
           g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (g_cancellable_is_cancelled (cancellable))
        return g_error_copy (error);

      /* Nobody cancelled: the technician dismissed the unlock prompt. */
      return g_error_new_literal (ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_LOCKED,
                                  _("The keyring is locked; unlock it to keep you signed in"));
    }

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_LOCKED,
                                _("The keyring is locked; unlock it to keep you signed in"));

  if (error->domain == G_DBUS_ERROR || error->domain == G_SPAWN_ERROR
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return g_error_new_literal (ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_UNAVAILABLE,
                                _("No keyring is available to keep you signed in"));

  return g_error_new_literal (ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_FAILED,
                              _("The keyring refused to keep the sign-in"));
}

/* libsecret keeps a reference to the table until the call completes, so it owns copies. */
static GHashTable *
new_attributes (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Wipes a string that held the serialised bundle before freeing it. */
static void
free_secret_text (char *text)
{
  if (text == NULL)
    return;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

/* Only items that carry both our attributes and, if any, our schema name: with
 * DONT_MATCH_NAME a search for "any account" would otherwise match other programs' items. */
static gboolean
is_our_item (SecretRetrievable *item)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  const char *schema;

  if (attributes == NULL
      || !g_hash_table_contains (attributes, ATTRIBUTE_SERVER_URL)
      || !g_hash_table_contains (attributes, ATTRIBUTE_USER_ID))
    return FALSE;

  schema = g_hash_table_lookup (attributes, ATTRIBUTE_SCHEMA);
  return schema == NULL || g_str_equal (schema, SCHEMA_NAME);
}

static void
return_bundle (GTask       *task,
               SecretValue *value)
{
  AlgaTokenBundle *bundle;
  const char *text;

  text = secret_value_get_text (value);
  bundle = text != NULL ? alga_token_bundle_new_from_json (text, NULL) : NULL;
  if (bundle == NULL)
    {
      g_task_return_new_error (task, ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_CORRUPT,
                               _("The sign-in kept in the keyring could not be read"));
      return;
    }

  g_task_return_pointer (task, bundle, (GDestroyNotify) alga_token_bundle_unref);
}

/* The newest of our items among those found. */
static SecretRetrievable *
find_newest (GList *items)
{
  SecretRetrievable *newest = NULL;
  guint64 newest_modified = 0;

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *item = l->data;
      guint64 modified = secret_retrievable_get_modified (item);

      if (!is_our_item (item))
        continue;
      if (newest == NULL || modified > newest_modified)
        {
          newest = item;
          newest_modified = modified;
        }
    }

  return newest;
}

/* The lookup runs in a worker thread, with libsecret's own main context there, so that
 * its round trips to the keyring (about ten, 8-9 ms at start) go on while the main thread sets
 * GTK up, instead of waiting for turns of a main loop busy with it (docs/PERFORMANCE.md, The
 * keyring asked first, in a thread). */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *server_url = task_data;
  g_autoptr(GHashTable) attributes = new_attributes ();
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) error = NULL;
  SecretRetrievable *newest;
  GList *items;

  /* SECRET_SEARCH_UNLOCK: a locked keyring prompts instead of answering "nothing kept". */
  if (server_url != NULL)
    {
      g_hash_table_insert (attributes, g_strdup (ATTRIBUTE_SERVER_URL), g_strdup (server_url));
      items = secret_password_searchv_sync (alga_token_store_secret_get_schema (), attributes,
                                            SEARCH_FLAGS, cancellable, &error);
    }
  else
    {
      /* A DONT_MATCH_NAME schema refuses a search without attributes, so "any account" is
       * asked by the schema name alone, which needs no schema to validate it. */
      g_hash_table_insert (attributes, g_strdup (ATTRIBUTE_SCHEMA), g_strdup (SCHEMA_NAME));
      items = secret_password_searchv_sync (NULL, attributes, SEARCH_FLAGS, cancellable, &error);
    }

  if (error != NULL)
    {
      g_task_return_error (task, map_secret_error (error, cancellable));
      return;
    }

  newest = find_newest (items);
  if (newest == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
    }
  else
    {
      /* The search loaded the secrets already (SECRET_SEARCH_LOAD_SECRETS): asking the item
       * again would be one more round trip. An item without one is still asked. */
      if (SECRET_IS_ITEM (newest))
        value = secret_item_get_secret (SECRET_ITEM (newest));
      if (value == NULL)
        value = secret_retrievable_retrieve_secret_sync (newest, cancellable, &error);

      if (value != NULL)
        return_bundle (task, value);
      else if (error != NULL)
        g_task_return_error (task, map_secret_error (error, cancellable));
      else
        g_task_return_pointer (task, NULL, NULL);
    }

  g_list_free_full (items, g_object_unref);
}

/* One request to the keyring as the caller sees it: answered by the first of its attempts to
 * finish, or, when none has within ATTEMPTS waits, by a sentence saying so; either way the
 * caller hears once, and what the keyring says later is dropped. The caller's cancellable
 * answers the caller at once but is not handed to libsecret: libsecret 0.20.5 deadlocks when
 * a cancellable is cancelled while it waits for the Secret portal (its handler disconnects
 * itself). */
typedef enum
{
  OPERATION_SAVE,
  OPERATION_LOAD,
  OPERATION_DELETE,
} Operation;

typedef struct
{
  AlgaTokenStoreSecret *self;
  GTask                *task;         /* the caller's, until it is answered */
  Operation             operation;
  AlgaTokenBundle      *bundle;       /* to save */
  char                 *server_url;   /* to load (NULL: any account) or to delete */
  char                 *user_id;      /* to delete */
  guint                 attempts;
  GSource              *timeout_source;
  GSource              *cancelled_source;
} KeyringCall;

static void
keyring_call_clear (KeyringCall *call)
{
  g_clear_object (&call->self);
  g_clear_object (&call->task);
  g_clear_pointer (&call->bundle, alga_token_bundle_unref);
  g_clear_pointer (&call->server_url, g_free);
  g_clear_pointer (&call->user_id, g_free);
}

static KeyringCall *
keyring_call_ref (KeyringCall *call)
{
  return g_rc_box_acquire (call);
}

static void
keyring_call_unref (KeyringCall *call)
{
  g_rc_box_release_full (call, (GDestroyNotify) keyring_call_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyringCall, keyring_call_unref)

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* The caller's task, to be answered: the first answer takes it and ends the waits; a later one
 * finds NULL. */
static GTask *
keyring_call_take_task (KeyringCall *call)
{
  destroy_source (&call->timeout_source);
  destroy_source (&call->cancelled_source);

  if (call->task == NULL)
    g_debug ("The keyring answered after the caller was answered; the answer is dropped");

  return g_steal_pointer (&call->task);
}

/* What the technician reads when the keyring never answered: what became of the sign-in, and
 * what to do. */
static GError *
new_unanswered_error (Operation operation)
{
  const char *message = NULL;

  switch (operation)
    {
    case OPERATION_SAVE:
      message = _("The keyring did not answer, so the sign-in was not kept. Try again.");
      break;
    case OPERATION_LOAD:
      message = _("The keyring did not answer. Your sign-in is still kept there: start the app "
                  "again to use it.");
      break;
    case OPERATION_DELETE:
      message = _("The keyring did not answer, so it may still keep the sign-in. Sign out again "
                  "to remove it.");
      break;
    default:
      g_assert_not_reached ();
    }

  return g_error_new_literal (ALGA_TOKEN_STORE_ERROR, ALGA_TOKEN_STORE_ERROR_UNAVAILABLE, message);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KeyringCall) call = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stored;

  stored = secret_password_store_finish (result, &error);
  task = keyring_call_take_task (call);
  if (task == NULL)
    return;

  if (!stored)
    g_task_return_error (task, map_secret_error (error, NULL));
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_store (KeyringCall *call)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  char *json;

  label = alga_token_store_secret_dup_label (call->bundle);
  json = alga_token_bundle_to_json (call->bundle);

  /* xdg:schema is written explicitly: the Secret Service adds it by itself, but libsecret's
   * file backend (used inside Flatpak) does not, and "any account" is found by it. Storing
   * with the same attributes replaces the item: one per account, however many attempts store
   * it. libsecret copies the password into its own memory at once, so ours can be wiped
   * here. */
  attributes = new_attributes ();
  g_hash_table_insert (attributes, g_strdup (ATTRIBUTE_SCHEMA), g_strdup (SCHEMA_NAME));
  g_hash_table_insert (attributes, g_strdup (ATTRIBUTE_SERVER_URL),
                       g_strdup (alga_token_bundle_get_server_url (call->bundle)));
  g_hash_table_insert (attributes, g_strdup (ATTRIBUTE_USER_ID),
                       g_strdup (alga_token_bundle_get_user_id (call->bundle)));
  secret_password_storev (alga_token_store_secret_get_schema (), attributes,
                          SECRET_COLLECTION_DEFAULT, label, json, NULL, store_cb,
                          keyring_call_ref (call));
  free_secret_text (json);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(KeyringCall) call = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  bundle = g_task_propagate_pointer (G_TASK (result), &error);
  task = keyring_call_take_task (call);
  if (task == NULL)
    return;

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&bundle),
                           (GDestroyNotify) alga_token_bundle_unref);
}

static void
start_load (KeyringCall *call)
{
  g_autoptr(GTask) attempt = NULL;

  attempt = g_task_new (call->self, NULL, load_cb, keyring_call_ref (call));
  g_task_set_source_tag (attempt, start_load);
  g_task_set_task_data (attempt, g_strdup (call->server_url), g_free);
  g_task_run_in_thread (attempt, load_thread);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KeyringCall) call = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cleared;

  cleared = secret_password_clear_finish (result, &error);
  task = keyring_call_take_task (call);
  if (task == NULL)
    return;

  /* FALSE without an error means there was nothing to clear, which is what was asked. */
  if (!cleared && error != NULL)
    g_task_return_error (task, map_secret_error (error, NULL));
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_clear (KeyringCall *call)
{
  g_autoptr(GHashTable) attributes = new_attributes ();

  g_hash_table_insert (attributes, g_strdup (ATTRIBUTE_SERVER_URL), g_strdup (call->server_url));
  g_hash_table_insert (attributes, g_strdup (ATTRIBUTE_USER_ID), g_strdup (call->user_id));
  secret_password_clearv (alga_token_store_secret_get_schema (), attributes, NULL, clear_cb,
                          keyring_call_ref (call));
}

static void
start_attempt (KeyringCall *call)
{
  call->attempts++;

  switch (call->operation)
    {
    case OPERATION_SAVE:
      start_store (call);
      break;
    case OPERATION_LOAD:
      start_load (call);
      break;
    case OPERATION_DELETE:
      start_clear (call);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
answer_timeout_cb (gpointer user_data)
{
  KeyringCall *call = user_data;
  g_autoptr(GTask) task = NULL;

  if (call->attempts < ATTEMPTS)
    {
      g_debug ("The keyring has not answered in %u ms; asking it again",
               call->self->answer_timeout_ms);
      start_attempt (call);
      return G_SOURCE_CONTINUE;
    }

  g_debug ("The keyring has not answered %u requests", call->attempts);
  task = keyring_call_take_task (call);
  g_task_return_error (task, new_unanswered_error (call->operation));

  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  KeyringCall *call = user_data;
  g_autoptr(GTask) task = keyring_call_take_task (call);

  if (task != NULL)
    g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static KeyringCall *
keyring_call_new (AlgaTokenStoreSecret *self,
                  Operation             operation,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data,
                  gpointer              source_tag)
{
  KeyringCall *call = g_rc_box_new0 (KeyringCall);

  call->self = g_object_ref (self);
  call->operation = operation;
  call->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);

  return call;
}

/* The waits run in the caller's main context, where its task is answered. */
static void
keyring_call_start (KeyringCall *call)
{
  GMainContext *context = g_task_get_context (call->task);
  GCancellable *cancellable = g_task_get_cancellable (call->task);

  if (g_task_return_error_if_cancelled (call->task))
    {
      g_clear_object (&call->task);
      return;
    }

  if (cancellable != NULL)
    {
      call->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->cancelled_source, G_SOURCE_FUNC (cancelled_cb),
                             keyring_call_ref (call), (GDestroyNotify) keyring_call_unref);
      g_source_attach (call->cancelled_source, context);
    }

  call->timeout_source = g_timeout_source_new (call->self->answer_timeout_ms);
  g_source_set_callback (call->timeout_source, answer_timeout_cb, keyring_call_ref (call),
                         (GDestroyNotify) keyring_call_unref);
  g_source_attach (call->timeout_source, context);

  start_attempt (call);
}

static void
alga_token_store_secret_save_async (AlgaTokenStore      *store,
                                    AlgaTokenBundle     *bundle,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(KeyringCall) call = NULL;

  call = keyring_call_new (ALGA_TOKEN_STORE_SECRET (store), OPERATION_SAVE, cancellable,
                           callback, user_data, alga_token_store_secret_save_async);
  call->bundle = alga_token_bundle_ref (bundle);
  keyring_call_start (call);
}

static gboolean
alga_token_store_secret_save_finish (AlgaTokenStore  *store,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
alga_token_store_secret_load_async (AlgaTokenStore      *store,
                                    const char          *server_url,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(KeyringCall) call = NULL;

  call = keyring_call_new (ALGA_TOKEN_STORE_SECRET (store), OPERATION_LOAD, cancellable,
                           callback, user_data, alga_token_store_secret_load_async);
  call->server_url = g_strdup (server_url);
  keyring_call_start (call);
}

static AlgaTokenBundle *
alga_token_store_secret_load_finish (AlgaTokenStore  *store,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
alga_token_store_secret_delete_async (AlgaTokenStore      *store,
                                      const char          *server_url,
                                      const char          *user_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(KeyringCall) call = NULL;

  call = keyring_call_new (ALGA_TOKEN_STORE_SECRET (store), OPERATION_DELETE, cancellable,
                           callback, user_data, alga_token_store_secret_delete_async);
  call->server_url = g_strdup (server_url);
  call->user_id = g_strdup (user_id);
  keyring_call_start (call);
}

static gboolean
alga_token_store_secret_delete_finish (AlgaTokenStore  *store,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
token_store_iface_init (AlgaTokenStoreInterface *iface)
{
  iface->save_async = alga_token_store_secret_save_async;
  iface->save_finish = alga_token_store_secret_save_finish;
  iface->load_async = alga_token_store_secret_load_async;
  iface->load_finish = alga_token_store_secret_load_finish;
  iface->delete_async = alga_token_store_secret_delete_async;
  iface->delete_finish = alga_token_store_secret_delete_finish;
}

static void
alga_token_store_secret_class_init (AlgaTokenStoreSecretClass *klass)
{
}

static void
alga_token_store_secret_init (AlgaTokenStoreSecret *self)
{
  self->answer_timeout_ms = ANSWER_TIMEOUT_MS;
}

AlgaTokenStore *
alga_token_store_secret_new (void)
{
  return g_object_new (ALGA_TYPE_TOKEN_STORE_SECRET, NULL);
}

/**
 * alga_token_store_secret_set_answer_timeout:
 * @self: a keyring store
 * @timeout_ms: how long a request may go unanswered before the keyring is asked again
 *
 * The wait is ANSWER_TIMEOUT_MS unless set: a test of a keyring that never answers sets a
 * short one, so that it does not take half a minute.
 */
void
alga_token_store_secret_set_answer_timeout (AlgaTokenStoreSecret *self,
                                            guint                 timeout_ms)
{
  g_return_if_fail (ALGA_IS_TOKEN_STORE_SECRET (self));
  g_return_if_fail (timeout_ms > 0);

  self->answer_timeout_ms = timeout_ms;
}
