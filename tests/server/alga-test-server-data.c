/* alga-test-server-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The thread-safe public API of AlgaTestServer: settings, faults, recorded requests and the
 * changes "by someone else" that the watcher and UI tests make.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include <string.h>

#include "alga-test-server.h"
#include "alga-test-server-private.h"

const char *
alga_test_server_get_url (AlgaTestServer *self)
{
  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  return self->url;
}

const char *
alga_test_server_get_tenant_id (AlgaTestServer *self)
{
  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  return self->data->tenant_id;
}

const char *
alga_test_server_get_api_key (AlgaTestServer *self)
{
  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  return self->data->demo_api_key;
}

const char *
alga_test_server_get_user_email (AlgaTestServer *self)
{
  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  return alga_seed_find_user (self->data, self->data->me_id)->email;
}

const char *
alga_test_server_get_user_id (AlgaTestServer *self)
{
  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  return self->data->me_id;
}

const char *
alga_test_server_get_other_user_id (AlgaTestServer *self)
{
  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  return self->data->other_id;
}

const char *
alga_test_server_get_my_ticket_id (AlgaTestServer *self)
{
  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  return self->data->my_ticket_id;
}

const char *
alga_test_server_get_unassigned_ticket_id (AlgaTestServer *self)
{
  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  return self->data->unassigned_ticket_id;
}

char *
alga_test_server_create_api_key (AlgaTestServer *self,
                                 const char     *user_id)
{
  AlgaTestApiKey *key;
  char *plain = NULL;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  if (alga_seed_find_user (self->data, user_id) != NULL)
    {
      key = alga_test_server_add_key (self, user_id, 0);
      plain = g_strdup (key->key);
    }
  g_mutex_unlock (&self->lock);
  return plain;
}

void
alga_test_server_set_edition (AlgaTestServer  *self,
                              AlgaTestEdition  edition)
{
  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  g_mutex_lock (&self->lock);
  self->edition = edition;
  g_mutex_unlock (&self->lock);
}

void
alga_test_server_set_token_ttls (AlgaTestServer *self,
                                 guint           access_ttl_sec,
                                 guint           refresh_ttl_sec,
                                 guint           ott_ttl_sec)
{
  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  g_mutex_lock (&self->lock);
  self->access_ttl = access_ttl_sec;
  self->refresh_ttl = refresh_ttl_sec;
  self->ott_ttl = ott_ttl_sec;
  g_mutex_unlock (&self->lock);
}

/* NULL signs the simulated browser out: the handoff then sends it to the sign-in page. */
void
alga_test_server_set_browser_user (AlgaTestServer *self,
                                   const char     *user_id)
{
  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  g_mutex_lock (&self->lock);
  g_free (self->browser_user_id);
  self->browser_user_id = g_strdup (user_id);
  g_mutex_unlock (&self->lock);
}

void
alga_test_server_set_rate_limit (AlgaTestServer *self,
                                 guint           burst,
                                 guint           per_minute)
{
  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  g_mutex_lock (&self->lock);
  self->rate_burst = burst;
  self->rate_per_minute = per_minute;
  g_hash_table_remove_all (self->buckets);
  g_mutex_unlock (&self->lock);
}

void
alga_test_server_add_fault (AlgaTestServer      *self,
                            const char          *method,
                            const char          *path_glob,
                            const AlgaTestFault *fault)
{
  AlgaTestFaultEntry *f;

  g_return_if_fail (ALGA_IS_TEST_SERVER (self));
  g_return_if_fail (path_glob != NULL);
  g_return_if_fail (fault != NULL);

  f = g_new0 (AlgaTestFaultEntry, 1);
  f->method = g_strdup (method);
  f->pattern = g_pattern_spec_new (path_glob);
  f->fault = *fault;
  f->fault.body = g_strdup (fault->body);
  f->fault.content_type = g_strdup (fault->content_type);
  f->left = fault->times;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->faults, f);
  g_mutex_unlock (&self->lock);
}

void
alga_test_server_clear_faults (AlgaTestServer *self)
{
  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  g_mutex_unlock (&self->lock);
}

GPtrArray *
alga_test_server_dup_requests (AlgaTestServer *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) alga_test_request_free);

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), copy);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      const AlgaTestRequest *r = g_ptr_array_index (self->requests, i);
      AlgaTestRequest *c = g_new0 (AlgaTestRequest, 1);

      c->method = g_strdup (r->method);
      c->path = g_strdup (r->path);
      c->query = g_strdup (r->query);
      c->body = g_strdup (r->body);
      c->api_key = g_strdup (r->api_key);
      c->tenant_id = g_strdup (r->tenant_id);
      c->status = r->status;
      g_ptr_array_add (copy, c);
    }
  g_mutex_unlock (&self->lock);
  return copy;
}

guint
alga_test_server_count_requests (AlgaTestServer *self,
                                 const char     *method,
                                 const char     *path_glob)
{
  g_autoptr(GPatternSpec) pattern = NULL;
  guint count = 0;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), 0);

  pattern = g_pattern_spec_new (path_glob != NULL ? path_glob : "*");
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      const AlgaTestRequest *r = g_ptr_array_index (self->requests, i);

      if ((method == NULL || g_ascii_strcasecmp (method, r->method) == 0) &&
          g_pattern_spec_match_string (pattern, r->path))
        count++;
    }
  g_mutex_unlock (&self->lock);
  return count;
}

void
alga_test_server_clear_requests (AlgaTestServer *self)
{
  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->requests, 0);
  g_mutex_unlock (&self->lock);
}

gboolean
alga_test_server_assign_ticket (AlgaTestServer *self,
                                const char     *ticket_id,
                                const char     *assignee_id,
                                const char     *by_user_id)
{
  AlgaSeedTicket *ticket;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), FALSE);

  g_mutex_lock (&self->lock);
  ticket = alga_seed_find_ticket (self->data, ticket_id);
  if (ticket != NULL)
    alga_test_ticket_set_assignee (self->data, ticket, assignee_id,
                                   by_user_id != NULL ? by_user_id : self->data->other_id);
  g_mutex_unlock (&self->lock);
  return ticket != NULL;
}

char *
alga_test_server_add_comment (AlgaTestServer *self,
                              const char     *ticket_id,
                              const char     *text,
                              gboolean        is_internal,
                              const char     *by_user_id,
                              const char     *by_contact_id)
{
  AlgaSeedTicket *ticket;
  AlgaSeedComment *comment;
  char *id = NULL;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  g_mutex_lock (&self->lock);
  ticket = alga_seed_find_ticket (self->data, ticket_id);
  if (ticket != NULL)
    {
      gint64 now = g_get_real_time () / 1000 * 1000;
      const char *contact = by_user_id == NULL && by_contact_id == NULL ? ticket->contact_id : by_contact_id;
      g_autofree char *message = g_strdup_printf ("New comment on %s “%s”", ticket->number,
                                                  ticket->title ? ticket->title : "");

      comment = alga_seed_add_comment (self->data, ticket->id, text, is_internal, by_user_id,
                                       by_user_id == NULL ? contact : NULL, now);
      if (by_user_id == NULL)
        {
          comment->metadata = json_object_new ();
          json_object_set_string_member (comment->metadata, "responseSource", "client_portal");
        }
      ticket->updated_at = now;
      g_free (ticket->updated_by);
      ticket->updated_by = g_strdup (by_user_id);
      alga_seed_add_activity (self->data, ticket, ticket->assigned_to, by_user_id, "New comment", message);
      id = g_strdup (comment->id);
    }
  g_mutex_unlock (&self->lock);
  return id;
}

gboolean
alga_test_server_set_due_date (AlgaTestServer *self,
                               const char     *ticket_id,
                               GDateTime      *due_date,
                               const char     *by_user_id)
{
  AlgaSeedTicket *ticket;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), FALSE);

  g_mutex_lock (&self->lock);
  ticket = alga_seed_find_ticket (self->data, ticket_id);
  if (ticket != NULL)
    {
      ticket->due_date = due_date != NULL ? g_date_time_to_unix (due_date) * G_USEC_PER_SEC : 0;
      ticket->updated_at = g_get_real_time () / 1000 * 1000;
      g_free (ticket->updated_by);
      ticket->updated_by = g_strdup (by_user_id);
    }
  g_mutex_unlock (&self->lock);
  return ticket != NULL;
}

/* As the server's own watch-list reader does before it e-mails a ticket's watchers: entries
 * are objects with an e-mail address (inactive ones skipped) or bare addresses; anything else
 * is ignored, and an address counts once whatever its case. */
char **
alga_test_server_dup_watch_list_emails (AlgaTestServer *self,
                                        const char     *ticket_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AlgaSeedTicket *ticket;
  JsonNode *node;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  ticket = alga_seed_find_ticket (self->data, ticket_id);
  if (ticket != NULL && ticket->attributes != NULL &&
      (node = json_object_get_member (ticket->attributes, "watch_list")) != NULL &&
      JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *list = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *entry = json_array_get_element (list, i);
          const char *email = NULL;

          if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING)
            email = json_node_get_string (entry);
          else if (JSON_NODE_HOLDS_OBJECT (entry))
            {
              JsonObject *o = json_node_get_object (entry);
              JsonNode *active = json_object_get_member (o, "active");

              if (active != NULL && JSON_NODE_HOLDS_VALUE (active) &&
                  json_node_get_value_type (active) == G_TYPE_BOOLEAN && !json_node_get_boolean (active))
                continue;
              email = json_object_get_string_member_with_default (o, "email", NULL);
            }
          if (email == NULL || strchr (email, '@') == NULL)
            continue;
          if (g_hash_table_add (seen, g_ascii_strdown (email, -1)))
            g_strv_builder_add (builder, email);
        }
    }
  g_mutex_unlock (&self->lock);
  return g_strv_builder_end (builder);
}

char *
alga_test_server_create_ticket (AlgaTestServer *self,
                                const char     *title,
                                const char     *assignee_id)
{
  AlgaSeedTicket *ticket;
  char *id;
  gint64 now = g_get_real_time () / 1000 * 1000;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  ticket = alga_seed_add_ticket (self->data, title, NULL, NULL, NULL, self->data->other_id, now);
  g_free (ticket->origin);
  ticket->origin = g_strdup ("api");
  if (assignee_id != NULL)
    alga_test_ticket_set_assignee (self->data, ticket, assignee_id, self->data->other_id);
  ticket->updated_at = now;
  g_clear_pointer (&ticket->updated_by, g_free);
  id = g_strdup (ticket->id);
  g_mutex_unlock (&self->lock);
  return id;
}

char *
alga_test_server_dup_ticket_json (AlgaTestServer *self,
                                  const char     *ticket_id)
{
  AlgaSeedTicket *ticket;
  char *json = NULL;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  ticket = alga_seed_find_ticket (self->data, ticket_id);
  if (ticket != NULL)
    {
      g_autoptr(JsonObject) row = alga_test_ticket_row (self->data, ticket);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), row);

      json = json_to_string (node, FALSE);
    }
  g_mutex_unlock (&self->lock);
  return json;
}

guint
alga_test_server_count_comments (AlgaTestServer *self,
                                 const char     *ticket_id)
{
  guint count = 0;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->data->comments->len; i++)
    if (g_strcmp0 (((AlgaSeedComment *) g_ptr_array_index (self->data->comments, i))->ticket_id, ticket_id) == 0)
      count++;
  g_mutex_unlock (&self->lock);
  return count;
}

guint
alga_test_server_count_time_entries (AlgaTestServer *self,
                                     const char     *user_id)
{
  guint count = 0;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->data->time_entries->len; i++)
    if (g_strcmp0 (((AlgaSeedTimeEntry *) g_ptr_array_index (self->data->time_entries, i))->user_id, user_id) == 0)
      count++;
  g_mutex_unlock (&self->lock);
  return count;
}
