/* alga-watch-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket's watchers live in two lists of its attributes. attributes.watch_list is the
 * server's: it e-mails its active entries, objects {email, active, name, entity_type,
 * entity_id, source} or bare addresses. attributes.watcher_user_ids is the phone app's, user ids
 * that no server code reads. The app keeps both in step for the people it adds or removes and
 * leaves every other entry exactly as it found it (docs/API.md, Watchers).
 */

#define G_LOG_DOMAIN "alga-watch-list"

#include "config.h"

#include "alga-watch-list.h"

void
alga_watch_entry_free (AlgaWatchEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->user_id);
  g_free (entry->email);
  g_free (entry->name);
  g_free (entry);
}

static JsonArray *
get_array (JsonObject *attributes,
           const char *member)
{
  JsonNode *node;

  if (attributes == NULL || (node = json_object_get_member (attributes, member)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* What a watch_list element says, as the server reads it; FALSE for anything it ignores. */
static gboolean
read_entry (JsonNode    *element,
            const char **user_id,
            const char **email,
            const char **name,
            gboolean    *active)
{
  *user_id = *email = *name = NULL;
  *active = TRUE;

  if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
    {
      *email = json_node_get_string (element);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonObject *object = json_node_get_object (element);
      JsonNode *flag = json_object_get_member (object, "active");

      *email = string_member (object, "email");
      *name = string_member (object, "name");
      if (g_strcmp0 (string_member (object, "entity_type"), "user") == 0)
        *user_id = string_member (object, "entity_id");
      if (flag != NULL && JSON_NODE_HOLDS_VALUE (flag) &&
          json_node_get_value_type (flag) == G_TYPE_BOOLEAN)
        *active = json_node_get_boolean (flag);
      return TRUE;
    }

  return FALSE;
}

static gboolean
same_email (const char *a,
            const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
is_user (const char *entry_user_id,
         const char *entry_email,
         const char *user_id,
         const char *email)
{
  return (user_id != NULL && g_strcmp0 (entry_user_id, user_id) == 0) || same_email (entry_email, email);
}

GPtrArray *
alga_watch_list_dup_watchers (JsonObject *attributes)
{
  GPtrArray *watchers = g_ptr_array_new_with_free_func ((GDestroyNotify) alga_watch_entry_free);
  JsonArray *list = get_array (attributes, "watch_list");
  JsonArray *ids = get_array (attributes, "watcher_user_ids");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      const char *user_id, *email, *name;
      gboolean active;
      AlgaWatchEntry *entry;

      if (!read_entry (json_array_get_element (list, i), &user_id, &email, &name, &active) ||
          !active || (email == NULL && user_id == NULL))
        continue;

      entry = g_new0 (AlgaWatchEntry, 1);
      entry->user_id = g_strdup (user_id);
      entry->email = g_strdup (email);
      entry->name = g_strdup (name);
      entry->emailed = email != NULL;
      g_ptr_array_add (watchers, entry);
    }

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      JsonNode *element = json_array_get_element (ids, i);
      const char *id;
      gboolean known = FALSE;
      AlgaWatchEntry *entry;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      id = json_node_get_string (element);
      for (guint j = 0; !known && j < watchers->len; j++)
        known = g_strcmp0 (((AlgaWatchEntry *) watchers->pdata[j])->user_id, id) == 0;
      if (known)
        continue;

      entry = g_new0 (AlgaWatchEntry, 1);
      entry->user_id = g_strdup (id);
      g_ptr_array_add (watchers, entry);
    }

  return watchers;
}

gboolean
alga_watch_list_has_user (JsonObject *attributes,
                          const char *user_id,
                          const char *email)
{
  g_autoptr(GPtrArray) watchers = alga_watch_list_dup_watchers (attributes);

  for (guint i = 0; i < watchers->len; i++)
    {
      AlgaWatchEntry *entry = watchers->pdata[i];

      if (is_user (entry->user_id, entry->email, user_id, email))
        return TRUE;
    }

  return FALSE;
}

/* Copies of both lists without the user's entries (active or not). */
static JsonObject *
changes_without (JsonObject *attributes,
                 const char *user_id,
                 const char *email)
{
  JsonObject *changes = json_object_new ();
  JsonArray *list = get_array (attributes, "watch_list");
  JsonArray *ids = get_array (attributes, "watcher_user_ids");
  JsonArray *new_list = json_array_new ();
  JsonArray *new_ids = json_array_new ();

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      const char *entry_user_id, *entry_email, *name;
      gboolean active;

      if (read_entry (element, &entry_user_id, &entry_email, &name, &active) &&
          is_user (entry_user_id, entry_email, user_id, email))
        continue;
      json_array_add_element (new_list, json_node_copy (element));
    }

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      JsonNode *element = json_array_get_element (ids, i);

      if (user_id != NULL && JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), user_id) == 0)
        continue;
      json_array_add_element (new_ids, json_node_copy (element));
    }

  json_object_set_array_member (changes, "watch_list", new_list);
  json_object_set_array_member (changes, "watcher_user_ids", new_ids);
  return changes;
}

JsonObject *
alga_watch_list_changes_to_add (JsonObject *attributes,
                                const char *user_id,
                                const char *email,
                                const char *name)
{
  JsonObject *changes;

  g_return_val_if_fail (user_id != NULL, NULL);

  changes = changes_without (attributes, user_id, email);

  /* Without an address the server has no one to e-mail: only the phone app's list then. */
  if (email != NULL && email[0] != '\0')
    {
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "email", email);
      json_object_set_boolean_member (entry, "active", TRUE);
      if (name != NULL && name[0] != '\0')
        json_object_set_string_member (entry, "name", name);
      json_object_set_string_member (entry, "entity_type", "user");
      json_object_set_string_member (entry, "entity_id", user_id);
      json_object_set_string_member (entry, "source", "manual");
      json_array_add_object_element (json_object_get_array_member (changes, "watch_list"), entry);
    }
  json_array_add_string_element (json_object_get_array_member (changes, "watcher_user_ids"), user_id);

  return changes;
}

JsonObject *
alga_watch_list_changes_to_remove (JsonObject *attributes,
                                   const char *user_id,
                                   const char *email)
{
  return changes_without (attributes, user_id, email);
}
