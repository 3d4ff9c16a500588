/* alga-json-scan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A strict RFC 8259 pull scanner over bytes, for the answers too big to be worth a JsonNode
 * tree (a page of tickets). It builds nothing: values are spans of the input, decoded on
 * demand the way json-glib would have decoded them. Internal to src/core. */

typedef enum
{
  ALGA_JSON_SCAN_OK = 0,
  ALGA_JSON_SCAN_SYNTAX,      /* not JSON: bad token, bad escape, bad UTF-8, truncated */
  ALGA_JSON_SCAN_DEPTH,       /* nested deeper than ALGA_JSON_MAX_DEPTH */
} AlgaJsonScanStatus;

typedef enum
{
  ALGA_JSON_KIND_NONE = 0,
  ALGA_JSON_KIND_NULL,
  ALGA_JSON_KIND_TRUE,
  ALGA_JSON_KIND_FALSE,
  ALGA_JSON_KIND_NUMBER,
  ALGA_JSON_KIND_STRING,
  ALGA_JSON_KIND_OBJECT,
  ALGA_JSON_KIND_ARRAY,
} AlgaJsonKind;

/* A value of the input: [start, end) is the string's contents without its quotes, the
 * number's text, or the whole of an object or array once skipped (brackets included). */
typedef struct
{
  AlgaJsonKind kind;
  guint        escaped : 1;    /* a string with backslashes */
  guint        is_int : 1;     /* a number with neither fraction nor exponent */
  gsize        start;
  gsize        end;
} AlgaJsonSpan;

typedef struct
{
  const char         *data;
  gsize               len;
  gsize               pos;
  guint               depth;
  AlgaJsonScanStatus  status;
  /* Per open container: whether its first member or element is still to come. */
  guint8              first[513];
} AlgaJsonScan;

void         alga_json_scan_init          (AlgaJsonScan       *scan,
                                           const char         *data,
                                           gsize               len);
gboolean     alga_json_scan_value         (AlgaJsonScan       *scan,
                                           AlgaJsonSpan       *value);
gboolean     alga_json_scan_next_member   (AlgaJsonScan       *scan,
                                           AlgaJsonSpan       *key,
                                           gboolean           *done);
gboolean     alga_json_scan_next_element  (AlgaJsonScan       *scan,
                                           gboolean           *done);
gboolean     alga_json_scan_skip          (AlgaJsonScan       *scan,
                                           AlgaJsonSpan       *value);
gboolean     alga_json_scan_finish        (AlgaJsonScan       *scan);

/* Decoding, as json-glib 1.6 would have: a string is cut at an escaped NUL; a number is
 * turned into text as alga_json_dup_string() turns a json-glib number node. */
char        *alga_json_span_dup_string    (const char         *data,
                                           const AlgaJsonSpan *span);
const char  *alga_json_span_get_string    (const char         *data,
                                           const AlgaJsonSpan *span,
                                           GString            *scratch);
gboolean     alga_json_span_string_equal  (const char         *data,
                                           const AlgaJsonSpan *span,
                                           const char         *text);
gint64       alga_json_span_get_int       (const char         *data,
                                           const AlgaJsonSpan *span);
double       alga_json_span_get_double    (const char         *data,
                                           const AlgaJsonSpan *span);
char        *alga_json_span_dup_text      (const char         *data,
                                           const AlgaJsonSpan *span);

G_END_DECLS
