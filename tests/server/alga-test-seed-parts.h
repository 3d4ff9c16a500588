/* alga-test-seed-parts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What hangs off a ticket besides its comments: documents, checklist items, and the reactions
 * on its comments. Plain structs kept in AlgaSeedData, like the rest of the seed.
 */

#pragma once

#include "alga-test-seed.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *ticket_id;
  char   *association_id;
  char   *file_id;
  char   *name;         /* the part's filename, as uploaded */
  char   *mime_type;    /* the part's Content-Type */
  char   *created_by;
  char   *storage_path;
  GBytes *content;
  gint64  updated_at;
} AlgaSeedDocument;

typedef struct
{
  char     *id;
  char     *ticket_id;
  char     *name;
  char     *description;   /* nullable */
  char     *completed_by;  /* nullable */
  gint64    completed_at;
  int       order_number;
  gboolean  is_required;
  gboolean  completed;
} AlgaSeedChecklistItem;

typedef struct
{
  char   *comment_id;
  char   *user_id;
  char   *emoji;
  gint64  created_at;
} AlgaSeedReaction;

void                   alga_seed_parts_init              (AlgaSeedData *data);
void                   alga_seed_parts_free              (AlgaSeedData *data);
/* A checklist on the demo technician's ticket: two required items and an optional one. */
void                   alga_seed_parts_seed              (AlgaSeedData *data);

AlgaSeedDocument      *alga_seed_add_document            (AlgaSeedData *data,
                                                          const char   *ticket_id,
                                                          const char   *name,
                                                          const char   *mime_type,
                                                          GBytes       *content,
                                                          const char   *created_by,
                                                          gint64        at);
AlgaSeedDocument      *alga_seed_find_document           (AlgaSeedData *data,
                                                          const char   *id);
void                   alga_seed_remove_document         (AlgaSeedData *data,
                                                          AlgaSeedDocument *document);

AlgaSeedChecklistItem *alga_seed_add_checklist_item      (AlgaSeedData *data,
                                                          const char   *ticket_id,
                                                          const char   *name,
                                                          const char   *description,
                                                          gboolean      is_required);
AlgaSeedChecklistItem *alga_seed_find_checklist_item     (AlgaSeedData *data,
                                                          const char   *id);
/* How many required items of the ticket are not done: what the checklist close rule counts. */
guint                  alga_seed_count_required_open     (AlgaSeedData *data,
                                                          const char   *ticket_id);

/* Adds the user's reaction, or removes it if it was there; returns whether it was added. */
gboolean               alga_seed_toggle_reaction         (AlgaSeedData *data,
                                                          const char   *comment_id,
                                                          const char   *user_id,
                                                          const char   *emoji);

AlgaSeedComment       *alga_seed_find_comment            (AlgaSeedData *data,
                                                          const char   *id);

G_END_DECLS
