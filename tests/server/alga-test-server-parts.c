/* alga-test-server-parts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public API for documents, checklists and reactions: set-up and checks for tests.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server.h"
#include "alga-test-server-private.h"
#include "alga-test-seed-parts.h"

char *
alga_test_server_add_checklist_item (AlgaTestServer *self,
                                     const char     *ticket_id,
                                     const char     *name,
                                     gboolean        is_required)
{
  char *id;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  g_assert (alga_seed_find_ticket (self->data, ticket_id) != NULL);
  id = g_strdup (alga_seed_add_checklist_item (self->data, ticket_id, name, NULL, is_required)->id);
  g_mutex_unlock (&self->lock);
  return id;
}

void
alga_test_server_set_checklist_rule (AlgaTestServer *self,
                                     const char     *ticket_id,
                                     gboolean        enabled)
{
  AlgaSeedTicket *t;
  AlgaSeedBoard *board;

  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  g_mutex_lock (&self->lock);
  t = alga_seed_find_ticket (self->data, ticket_id);
  g_assert (t != NULL);
  board = (AlgaSeedBoard *) alga_seed_find_board (self->data, t->board_id);
  g_assert (board != NULL);
  board->requires_checklist_done = enabled;
  g_mutex_unlock (&self->lock);
}

char *
alga_test_server_add_document (AlgaTestServer *self,
                               const char     *ticket_id,
                               const char     *name,
                               const char     *mime_type,
                               GBytes         *content,
                               const char     *by_user_id)
{
  char *id;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  g_assert (alga_seed_find_ticket (self->data, ticket_id) != NULL);
  id = g_strdup (alga_seed_add_document (self->data, ticket_id, name, mime_type, content, by_user_id,
                                         g_get_real_time () / 1000 * 1000)->id);
  g_mutex_unlock (&self->lock);
  return id;
}

GBytes *
alga_test_server_dup_document_content (AlgaTestServer *self,
                                       const char     *ticket_id,
                                       const char     *name)
{
  GBytes *content = NULL;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->data->documents->len && content == NULL; i++)
    {
      AlgaSeedDocument *d = g_ptr_array_index (self->data->documents, i);

      if (g_str_equal (d->ticket_id, ticket_id) && g_str_equal (d->name, name))
        content = g_bytes_ref (d->content);
    }
  g_mutex_unlock (&self->lock);
  return content;
}

guint
alga_test_server_count_documents (AlgaTestServer *self,
                                  const char     *ticket_id)
{
  guint n = 0;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->data->documents->len; i++)
    if (g_str_equal (((AlgaSeedDocument *) g_ptr_array_index (self->data->documents, i))->ticket_id, ticket_id))
      n++;
  g_mutex_unlock (&self->lock);
  return n;
}

gboolean
alga_test_server_has_reaction (AlgaTestServer *self,
                               const char     *comment_id,
                               const char     *user_id,
                               const char     *emoji)
{
  gboolean found = FALSE;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), FALSE);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->data->reactions->len && !found; i++)
    {
      AlgaSeedReaction *r = g_ptr_array_index (self->data->reactions, i);

      found = g_str_equal (r->comment_id, comment_id) && g_str_equal (r->user_id, user_id) &&
              g_str_equal (r->emoji, emoji);
    }
  g_mutex_unlock (&self->lock);
  return found;
}

char *
alga_test_server_dup_comment_text (AlgaTestServer *self,
                                   const char     *comment_id)
{
  AlgaSeedComment *c;
  char *text;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  c = alga_seed_find_comment (self->data, comment_id);
  text = c != NULL ? g_strdup (c->note) : NULL;
  g_mutex_unlock (&self->lock);
  return text;
}

char *
alga_test_server_dup_comment_parent (AlgaTestServer *self,
                                     const char     *comment_id)
{
  AlgaSeedComment *c;
  char *parent;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  c = alga_seed_find_comment (self->data, comment_id);
  parent = c != NULL ? g_strdup (c->parent_id) : NULL;
  g_mutex_unlock (&self->lock);
  return parent;
}
