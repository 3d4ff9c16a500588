/* alga-pagination.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-pagination"

#include "config.h"

#include "alga-pagination.h"
#include "alga-json.h"

G_DEFINE_BOXED_TYPE (AlgaPagination, alga_pagination, alga_pagination_copy, alga_pagination_free)

static guint
get_count (JsonObject *object,
           const char *member,
           const char *alias,
           guint       default_value)
{
  gint64 value;

  value = alga_json_get_int (object, member, -1);
  if (value < 0 && alias != NULL)
    value = alga_json_get_int (object, alias, -1);
  if (value < 0)
    return default_value;

  return (guint) MIN (value, (gint64) G_MAXUINT);
}

/**
 * alga_pagination_new_from_json:
 * @node: (nullable): the "pagination" member of a paginated answer
 * @error: return location for an error
 *
 * Reads page, limit, total, totalPages, hasNext and hasPrev (snake_case spellings too). What is
 * missing is worked out from the rest the way the server computes it (docs/API.md, Success
 * envelopes), so that a list can
 * always tell whether to ask for more.
 *
 * Returns: (transfer full) (nullable): a new #AlgaPagination, or %NULL with
 *   %ALGA_API_ERROR_BAD_RESPONSE when @node is not an object
 */
AlgaPagination *
alga_pagination_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(AlgaPagination) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, NULL, error);
  if (object == NULL)
    return NULL;

  self = g_new0 (AlgaPagination, 1);
  self->page = MAX (1, get_count (object, "page", NULL, 1));
  self->limit = get_count (object, "limit", "pageSize", 0);
  self->total = get_count (object, "total", NULL, 0);

  if (alga_json_has_member (object, "totalPages") || alga_json_has_member (object, "total_pages"))
    self->total_pages = get_count (object, "totalPages", "total_pages", 0);
  else if (self->limit > 0)
    self->total_pages = self->total / self->limit + (self->total % self->limit != 0);

  self->has_next = alga_json_get_boolean (object, "hasNext",
                                          alga_json_get_boolean (object, "has_next",
                                                                 self->page < self->total_pages));
  self->has_prev = alga_json_get_boolean (object, "hasPrev",
                                          alga_json_get_boolean (object, "has_prev",
                                                                 self->page > 1));

  return g_steal_pointer (&self);
}

/**
 * alga_pagination_copy:
 * @self: a pagination
 *
 * Returns: (transfer full): a copy of @self
 */
AlgaPagination *
alga_pagination_copy (const AlgaPagination *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

/**
 * alga_pagination_free:
 * @self: (nullable): a pagination
 *
 * Frees @self.
 */
void
alga_pagination_free (AlgaPagination *self)
{
  g_free (self);
}
