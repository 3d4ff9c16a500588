/* alga-pagination.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ALGA_TYPE_PAGINATION (alga_pagination_get_type ())

/**
 * AlgaPagination:
 * @page: the page this answer holds, from 1
 * @limit: items per page
 * @total: items over all pages
 * @total_pages: pages in all (0 when @total is 0)
 * @has_next: whether a page follows
 * @has_prev: whether a page precedes
 *
 * The "pagination" member of a paginated answer (docs/API.md, Success envelopes).
 */
typedef struct
{
  guint    page;
  guint    limit;
  guint    total;
  guint    total_pages;
  gboolean has_next;
  gboolean has_prev;
} AlgaPagination;

GType           alga_pagination_get_type      (void) G_GNUC_CONST;
AlgaPagination *alga_pagination_new_from_json (JsonNode             *node,
                                               GError              **error);
AlgaPagination *alga_pagination_copy          (const AlgaPagination *self);
void            alga_pagination_free          (AlgaPagination       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaPagination, alga_pagination_free)

G_END_DECLS
