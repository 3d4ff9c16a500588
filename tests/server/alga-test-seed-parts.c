/* alga-test-seed-parts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "alga-test-seed-parts.h"

#include <string.h>

static void
document_free (gpointer p)
{
  AlgaSeedDocument *d = p;

  g_free (d->id);
  g_free (d->ticket_id);
  g_free (d->association_id);
  g_free (d->file_id);
  g_free (d->name);
  g_free (d->mime_type);
  g_free (d->created_by);
  g_free (d->storage_path);
  g_clear_pointer (&d->content, g_bytes_unref);
  g_free (d);
}

static void
checklist_item_free (gpointer p)
{
  AlgaSeedChecklistItem *item = p;

  g_free (item->id);
  g_free (item->ticket_id);
  g_free (item->name);
  g_free (item->description);
  g_free (item->completed_by);
  g_free (item);
}

static void
reaction_free (gpointer p)
{
  AlgaSeedReaction *r = p;

  g_free (r->comment_id);
  g_free (r->user_id);
  g_free (r->emoji);
  g_free (r);
}

void
alga_seed_parts_init (AlgaSeedData *data)
{
  data->documents = g_ptr_array_new_with_free_func (document_free);
  data->checklist_items = g_ptr_array_new_with_free_func (checklist_item_free);
  data->reactions = g_ptr_array_new_with_free_func (reaction_free);
}

void
alga_seed_parts_free (AlgaSeedData *data)
{
  g_clear_pointer (&data->documents, g_ptr_array_unref);
  g_clear_pointer (&data->checklist_items, g_ptr_array_unref);
  g_clear_pointer (&data->reactions, g_ptr_array_unref);
}

void
alga_seed_parts_seed (AlgaSeedData *data)
{
  if (data->my_ticket_id == NULL)
    return;
  alga_seed_add_checklist_item (data, data->my_ticket_id, "Check the cables", NULL, TRUE);
  alga_seed_add_checklist_item (data, data->my_ticket_id, "Confirm with the customer",
                                "Call or e-mail before closing", TRUE);
  alga_seed_add_checklist_item (data, data->my_ticket_id, "Label the rack", NULL, FALSE);
}

/* The storage path the real server's local storage gives a file: tenant, time, a random
 * name with the upload's extension. */
static char *
storage_path (AlgaSeedData *data,
              const char   *name,
              gint64        at)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *token = alga_seed_new_token (data->rand, 6, TRUE);

  return g_strdup_printf ("/%s/%" G_GINT64_FORMAT "-%s%s", data->tenant_id, at / 1000, token,
                          dot != NULL ? dot : "");
}

AlgaSeedDocument *
alga_seed_add_document (AlgaSeedData *data,
                        const char   *ticket_id,
                        const char   *name,
                        const char   *mime_type,
                        GBytes       *content,
                        const char   *created_by,
                        gint64        at)
{
  AlgaSeedDocument *d = g_new0 (AlgaSeedDocument, 1);

  d->id = alga_seed_new_uuid (data->rand);
  d->ticket_id = g_strdup (ticket_id);
  d->association_id = alga_seed_new_uuid (data->rand);
  d->file_id = alga_seed_new_uuid (data->rand);
  d->name = g_strdup (name);
  d->mime_type = g_strdup (mime_type);
  d->created_by = g_strdup (created_by);
  d->storage_path = storage_path (data, name, at);
  d->content = g_bytes_ref (content);
  d->updated_at = at;
  g_ptr_array_add (data->documents, d);
  return d;
}

AlgaSeedDocument *
alga_seed_find_document (AlgaSeedData *data,
                         const char   *id)
{
  for (guint i = 0; id != NULL && i < data->documents->len; i++)
    if (g_str_equal (((AlgaSeedDocument *) g_ptr_array_index (data->documents, i))->id, id))
      return g_ptr_array_index (data->documents, i);
  return NULL;
}

void
alga_seed_remove_document (AlgaSeedData     *data,
                           AlgaSeedDocument *document)
{
  g_ptr_array_remove (data->documents, document);
}

AlgaSeedChecklistItem *
alga_seed_add_checklist_item (AlgaSeedData *data,
                              const char   *ticket_id,
                              const char   *name,
                              const char   *description,
                              gboolean      is_required)
{
  AlgaSeedChecklistItem *item = g_new0 (AlgaSeedChecklistItem, 1);
  int order = 0;

  for (guint i = 0; i < data->checklist_items->len; i++)
    {
      AlgaSeedChecklistItem *other = g_ptr_array_index (data->checklist_items, i);

      if (g_str_equal (other->ticket_id, ticket_id))
        order = MAX (order, other->order_number + 1);
    }
  item->id = alga_seed_new_uuid (data->rand);
  item->ticket_id = g_strdup (ticket_id);
  item->name = g_strdup (name);
  item->description = g_strdup (description);
  item->order_number = order;
  item->is_required = is_required;
  g_ptr_array_add (data->checklist_items, item);
  return item;
}

AlgaSeedChecklistItem *
alga_seed_find_checklist_item (AlgaSeedData *data,
                               const char   *id)
{
  for (guint i = 0; id != NULL && i < data->checklist_items->len; i++)
    if (g_str_equal (((AlgaSeedChecklistItem *) g_ptr_array_index (data->checklist_items, i))->id, id))
      return g_ptr_array_index (data->checklist_items, i);
  return NULL;
}

guint
alga_seed_count_required_open (AlgaSeedData *data,
                               const char   *ticket_id)
{
  guint n = 0;

  for (guint i = 0; i < data->checklist_items->len; i++)
    {
      AlgaSeedChecklistItem *item = g_ptr_array_index (data->checklist_items, i);

      if (g_str_equal (item->ticket_id, ticket_id) && item->is_required && !item->completed)
        n++;
    }
  return n;
}

gboolean
alga_seed_toggle_reaction (AlgaSeedData *data,
                           const char   *comment_id,
                           const char   *user_id,
                           const char   *emoji)
{
  AlgaSeedReaction *r;

  for (guint i = 0; i < data->reactions->len; i++)
    {
      r = g_ptr_array_index (data->reactions, i);
      if (g_str_equal (r->comment_id, comment_id) && g_str_equal (r->user_id, user_id) &&
          g_str_equal (r->emoji, emoji))
        {
          g_ptr_array_remove_index (data->reactions, i);
          return FALSE;
        }
    }
  r = g_new0 (AlgaSeedReaction, 1);
  r->comment_id = g_strdup (comment_id);
  r->user_id = g_strdup (user_id);
  r->emoji = g_strdup (emoji);
  r->created_at = g_get_real_time ();
  g_ptr_array_add (data->reactions, r);
  return TRUE;
}

AlgaSeedComment *
alga_seed_find_comment (AlgaSeedData *data,
                        const char   *id)
{
  for (guint i = 0; id != NULL && i < data->comments->len; i++)
    if (g_str_equal (((AlgaSeedComment *) g_ptr_array_index (data->comments, i))->id, id))
      return g_ptr_array_index (data->comments, i);
  return NULL;
}
