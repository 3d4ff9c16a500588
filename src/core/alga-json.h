/* alga-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Decodes one element; returns a new GObject, or NULL and sets error. */
typedef gpointer (*AlgaJsonDecodeFunc) (JsonNode  *node,
                                        GError   **error);
/* Encodes one object as the JSON its decoder reads back into an equal object. */
typedef JsonNode *(*AlgaJsonEncodeFunc) (gpointer   object);

GPtrArray  *alga_json_decode_array      (JsonNode           *array_node,
                                         AlgaJsonDecodeFunc  decode,
                                         GError            **error);

/* Readers that never fail: a missing member, a JSON null or a value of the wrong type gives
 * NULL or the default. Numbers and strings are converted into each other, since the server
 * sends some numbers as strings (docs/API.md, Values). */
const char *alga_json_get_string        (JsonObject         *object,
                                         const char         *member);
char       *alga_json_dup_string        (JsonObject         *object,
                                         const char         *member);
gboolean    alga_json_get_boolean       (JsonObject         *object,
                                         const char         *member,
                                         gboolean            default_value);
gint64      alga_json_get_int           (JsonObject         *object,
                                         const char         *member,
                                         gint64              default_value);
double      alga_json_get_double        (JsonObject         *object,
                                         const char         *member,
                                         double              default_value);
GDateTime  *alga_json_get_datetime      (JsonObject         *object,
                                         const char         *member);
JsonObject *alga_json_get_object        (JsonObject         *object,
                                         const char         *member);
JsonArray  *alga_json_get_array         (JsonObject         *object,
                                         const char         *member);
GStrv       alga_json_dup_strv          (JsonObject         *object,
                                         const char         *member);
gboolean    alga_json_has_member        (JsonObject         *object,
                                         const char         *member);

GDateTime  *alga_json_parse_datetime    (const char         *text);
char       *alga_json_format_datetime   (GDateTime          *datetime);

JsonObject *alga_json_object_deep_copy  (JsonObject         *object);

/* json-glib 1.6 parses recursively: text nested deeper than this is refused before parsing,
 * since a hostile or broken server could otherwise overflow the stack (found by fuzz-*). */
#define ALGA_JSON_MAX_DEPTH 512

gboolean    alga_json_depth_ok          (const char         *text,
                                         gssize              length);

/* For the model classes, which keep their property values in a GValue array. */
JsonObject *alga_json_require_object    (JsonNode           *node,
                                         const char         *id_member,
                                         GError            **error);
void        alga_json_read_value        (JsonObject         *object,
                                         const char         *member,
                                         GValue             *value);
void        alga_json_read_values       (JsonObject         *object,
                                         const char * const *members,
                                         GValue             *values,
                                         guint               n_values);
void        alga_json_write_value       (JsonObject         *object,
                                         const char         *member,
                                         const GValue       *value);
JsonNode   *alga_json_write_values      (const char * const *members,
                                         const GValue       *values,
                                         guint               n_values);
gboolean    alga_json_value_equal       (const GValue       *a,
                                         const GValue       *b);
gboolean    alga_json_value_replace     (GValue             *dest,
                                         const GValue       *src);

G_END_DECLS
