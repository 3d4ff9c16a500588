/* alga-test-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test server's answers: envelopes, error shapes, Zod-like issues, value formats and the
 * rich-text rendering of descriptions and comments.
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void      alga_test_reply_json          (SoupServerMessage *msg,
                                         guint              status,
                                         JsonNode          *node);
void      alga_test_reply_data          (SoupServerMessage *msg,
                                         guint              status,
                                         JsonNode          *data);
void      alga_test_reply_paginated     (SoupServerMessage *msg,
                                         JsonArray         *items,
                                         guint              page,
                                         guint              limit,
                                         guint              total,
                                         JsonObject        *meta);
void      alga_test_reply_error         (SoupServerMessage *msg,
                                         guint              status,
                                         const char        *code,
                                         const char        *message,
                                         JsonArray         *details);
void      alga_test_reply_string_error  (SoupServerMessage *msg,
                                         guint              status,
                                         const char        *message);
void      alga_test_reply_html_404      (SoupServerMessage *msg);
void      alga_test_reply_redirect      (SoupServerMessage *msg,
                                         const char        *location);

JsonObject *alga_test_issue_add         (JsonArray         *issues,
                                         const char        *code,
                                         const char        *path,
                                         const char        *message);
void      alga_test_issue_uuid          (JsonArray         *issues,
                                         const char        *path);
void      alga_test_issue_datetime      (JsonArray         *issues,
                                         const char        *path);

gboolean  alga_test_is_uuid             (const char        *text);
gboolean  alga_test_parse_time_z        (const char        *text,
                                         gint64            *usec);
char     *alga_test_format_time         (gint64             usec);
void      alga_test_set_time_member     (JsonObject        *object,
                                         const char        *name,
                                         gint64             usec);
void      alga_test_set_string_or_null  (JsonObject        *object,
                                         const char        *name,
                                         const char        *value);

/* Parses a request body. Returns NULL and sets *parse_error to a JSON.parse-like message when
 * it is not JSON; a body that is JSON but no object becomes an empty object. */
JsonObject *alga_test_parse_body        (SoupServerMessage *msg,
                                         char             **parse_error);

/* Renders plain text or a BlockNote JSON string: the HTML the server returns and the visible
 * text its length checks count. */
void      alga_test_render_rich_text    (const char        *text,
                                         char             **html,
                                         char             **visible);

G_END_DECLS
