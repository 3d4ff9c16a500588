/* alga-test-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small synchronous HTTP helper for tests that talk to the test server (which answers from
 * its own thread, so blocking calls are fine in a test), and a JSON shape comparison.
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint               status;
  char               *body;     /* NUL-terminated */
  gsize               length;
  JsonNode           *json;     /* NULL when the body is not JSON */
  SoupMessageHeaders *headers;
  GError             *error;    /* transport error, status is 0 then */
} AlgaTestResponse;

void              alga_test_response_free   (AlgaTestResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaTestResponse, alga_test_response_free)

/* Sends one request without following redirects. headers is NULL or "name", "value", … NULL. */
AlgaTestResponse *alga_test_http            (SoupSession      *session,
                                             const char       *method,
                                             const char       *url,
                                             const char       *api_key,
                                             const char       *body,
                                             ...) G_GNUC_NULL_TERMINATED;

/* The member at a dotted path such as "error.code" or "data.0.ticket_id", or NULL. */
JsonNode         *alga_test_json_at         (JsonNode         *root,
                                             const char       *path);
const char       *alga_test_json_string     (JsonNode         *root,
                                             const char       *path);
gint64            alga_test_json_int        (JsonNode         *root,
                                             const char       *path);

/* Whether two documents have the same shape: the same keys in every object (recursively,
 * arrays compared by their first elements), and the same kind of value where both are not
 * null. Members named in skip are not descended into. Returns a reason in *why if not. */
gboolean          alga_test_json_same_shape (JsonNode         *ours,
                                             JsonNode         *theirs,
                                             const char * const *skip,
                                             char            **why);

G_END_DECLS
