/* alga-key-owner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whose a personal API key is, when the key may not read /users (a Technician's). The API has
 * no "who am I", so the answer comes from what the key may read that can only be its owner's:
 * the activities feed holds only the caller's assigned tickets, time entries and
 * notifications, each naming the caller in assignedTo. A ticket assigned to the caller then
 * gives the caller's e-mail through its agents; without one, the caller's own time entries
 * give the name only.
 */

#define G_LOG_DOMAIN "alga-key-owner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-error.h"
#include "alga-json.h"
#include "alga-key-owner.h"

/* Enough of the feed for an answer; the server gathers every row before slicing anyway. */
#define FEED_QUERY "type=ticket,timeEntry,notification&pageSize=50"

typedef struct
{
  AlgaCredentials *key;
  AlgaKeyOwner    *owner;
  char            *ticket_id;  /* an assigned ticket, for its agents */
} Find;

static void
find_free (Find *find)
{
  g_clear_object (&find->key);
  g_clear_pointer (&find->owner, alga_key_owner_free);
  g_free (find->ticket_id);
  g_free (find);
}

void
alga_key_owner_free (AlgaKeyOwner *owner)
{
  if (owner == NULL)
    return;
  g_free (owner->user_id);
  g_free (owner->email);
  g_free (owner->name);
  g_free (owner->tenant_id);
  g_free (owner->ticket_number);
  g_free (owner);
}

/* The key is the client's credentials for one request only: the client keeps no key of an
 * account that is not signed in yet. */
static void
request (GTask      *task,
         const char *path,
         const char *query,
         GAsyncReadyCallback callback)
{
  AlgaClient *client = g_task_get_source_object (task);
  Find *find = g_task_get_task_data (task);

  alga_client_set_credentials (client, find->key);
  alga_client_request_async (client, "GET", path, query, NULL, ALGA_REQUEST_NO_RETRY,
                             g_task_get_cancellable (task), callback, task);
  alga_client_set_credentials (client, NULL);
}

static JsonArray *
data_array (JsonNode *root)
{
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         ? alga_json_get_array (json_node_get_object (root), "data") : NULL;
}

/* A refusal or a shape we do not know means "no evidence here"; a refused key, a network
 * failure or a cancellation ends the search. */
static gboolean
is_no_evidence (const GError *error)
{
  return g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN)
         || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND)
         || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_VALIDATION)
         || g_error_matches (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE);
}

static void
return_owner (GTask *task)
{
  Find *find = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&find->owner), (GDestroyNotify) alga_key_owner_free);
  g_object_unref (task);
}

static void
entries_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Find *find = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  JsonArray *items = data_array (root);

  if (root == NULL && !is_no_evidence (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (items != NULL && json_array_get_length (items) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, 0)))
    find->owner->name = alga_json_dup_string (json_array_get_object_element (items, 0), "user_name");
  return_owner (task);
}

/* The caller's own work named an id but no e-mail: its name is on its time entries. */
static void
find_name (GTask *task)
{
  Find *find = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (find->owner->user_id, NULL, FALSE);
  g_autofree char *query = g_strdup_printf ("user_id=%s&limit=1", escaped);

  find->owner->evidence = ALGA_KEY_OWNER_OWN_WORK;
  request (task, "/api/v1/time-entries", query, entries_cb);
}

static gboolean
agent_is (JsonObject *agent,
          const char *user_id)
{
  return agent != NULL && g_strcmp0 (alga_json_get_string (agent, "user_id"), user_id) == 0;
}

static void
agents_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Find *find = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  JsonObject *data = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                     ? alga_json_get_object (json_node_get_object (root), "data") : NULL;
  JsonObject *agent = data != NULL ? alga_json_get_object (data, "primary_agent") : NULL;
  JsonArray *others = data != NULL ? alga_json_get_array (data, "additional_agents") : NULL;
  const char *email;

  if (root == NULL && !is_no_evidence (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  for (guint i = 0; !agent_is (agent, find->owner->user_id) && others != NULL &&
                    i < json_array_get_length (others); i++)
    {
      JsonNode *node = json_array_get_element (others, i);

      agent = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  email = agent_is (agent, find->owner->user_id) ? alga_json_get_string (agent, "email") : NULL;
  if (email == NULL || *email == '\0')
    {
      find_name (task);
      return;
    }

  find->owner->evidence = ALGA_KEY_OWNER_ASSIGNED_TICKET;
  find->owner->email = g_strdup (email);
  find->owner->name = g_strstrip (g_strdup_printf ("%s %s",
                                                   alga_json_get_string (agent, "first_name") ?: "",
                                                   alga_json_get_string (agent, "last_name") ?: ""));
  if (*find->owner->name == '\0')
    g_clear_pointer (&find->owner->name, g_free);
  return_owner (task);
}

static GStrv
item_assignees (JsonNode *node)
{
  return JSON_NODE_HOLDS_OBJECT (node) ? alga_json_dup_strv (json_node_get_object (node), "assignedTo") : NULL;
}

/* The caller: the feed is the caller's own, so the id that most of its items name, and more
 * than half of them. Not simply every item's: a ticket on which the caller is an additional
 * agent, or a schedule entry shared with colleagues, may name others. */
static char *
caller_in_feed (JsonArray *items)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint named = 0, best_count = 0;
  const char *best = NULL;
  GHashTableIter iter;
  gpointer id, count;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_auto(GStrv) ids = item_assignees (json_array_get_element (items, i));
      g_autoptr(GHashTable) once = g_hash_table_new (g_str_hash, g_str_equal);

      if (ids == NULL || ids[0] == NULL)
        continue;
      named++;
      for (guint j = 0; ids[j] != NULL; j++)
        {
          if (!g_hash_table_add (once, ids[j]))
            continue;
          count = g_hash_table_lookup (counts, ids[j]);
          g_hash_table_replace (counts, g_strdup (ids[j]), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
        }
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &id, &count))
    if (GPOINTER_TO_UINT (count) > best_count)
      {
        best = id;
        best_count = GPOINTER_TO_UINT (count);
      }
  return best != NULL && best_count * 2 > named ? g_strdup (best) : NULL;
}

static gboolean
names (JsonNode   *node,
       const char *user_id)
{
  g_auto(GStrv) ids = item_assignees (node);

  return ids != NULL && g_strv_contains ((const char * const *) ids, user_id);
}

static void
feed_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Find *find = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = alga_client_request_finish (ALGA_CLIENT (source), result, &error);
  JsonArray *items = data_array (root);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (root == NULL && !is_no_evidence (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (items == NULL || (find->owner->user_id = caller_in_feed (items)) == NULL)
    {
      return_owner (task);
      return;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (item == NULL)
        continue;
      if (find->owner->tenant_id == NULL)
        find->owner->tenant_id = alga_json_dup_string (item, "tenant");
      if (find->ticket_id == NULL && g_strcmp0 (alga_json_get_string (item, "type"), "ticket") == 0 &&
          alga_json_get_string (item, "id") != NULL && names (node, find->owner->user_id))
        {
          find->ticket_id = alga_json_dup_string (item, "id");
          find->owner->ticket_number = alga_json_dup_string (item, "ticketNumber");
        }
    }

  if (find->ticket_id == NULL)
    {
      find_name (task);
      return;
    }
  escaped = g_uri_escape_string (find->ticket_id, NULL, FALSE);
  path = g_strdup_printf ("/api/v1/tickets/%s/agents", escaped);
  request (task, path, NULL, agents_cb);
}

/**
 * alga_key_owner_find_async:
 * @client: the client of the key's server
 * @key: the key, given to @client for each request of the search only
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds whose @key is from the key's own activities feed (see the top of this file), in at most
 * three requests. What was found and how sure it is are in the answer's evidence: the e-mail
 * is known only when a ticket is assigned to the key's user. A refused key
 * (%ALGA_API_ERROR_UNAUTHORIZED or %ALGA_API_ERROR_SESSION_ENDED) and network failures are
 * errors; a refused or unknown route is only missing evidence.
 */
void
alga_key_owner_find_async (AlgaClient          *client,
                           AlgaCredentials     *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Find *find;

  g_return_if_fail (ALGA_IS_CLIENT (client));
  g_return_if_fail (ALGA_IS_CREDENTIALS (key));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_key_owner_find_async);
  find = g_new0 (Find, 1);
  find->key = g_object_ref (key);
  find->owner = g_new0 (AlgaKeyOwner, 1);
  g_task_set_task_data (task, find, (GDestroyNotify) find_free);

  request (task, "/api/v1/activities", FEED_QUERY, feed_cb);
}

/**
 * alga_key_owner_find_finish:
 * @client: the client
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): what was found (evidence %ALGA_KEY_OWNER_NONE when nothing), or
 *   %NULL with @error set
 */
AlgaKeyOwner *
alga_key_owner_find_finish (AlgaClient    *client,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
