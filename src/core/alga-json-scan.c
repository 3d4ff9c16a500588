/* alga-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-json-scan"

#include "config.h"

#include <string.h>

#include "alga-json-scan.h"
#include "alga-json.h"

G_STATIC_ASSERT (G_N_ELEMENTS (((AlgaJsonScan *) NULL)->first) == ALGA_JSON_MAX_DEPTH + 1);

/* first[depth] bits */
#define FIRST     1
#define IN_OBJECT 2

static inline gboolean
fail (AlgaJsonScan       *scan,
      AlgaJsonScanStatus  status)
{
  if (scan->status == ALGA_JSON_SCAN_OK)
    scan->status = status;
  return FALSE;
}

static inline void
skip_space (AlgaJsonScan *scan)
{
  while (scan->pos < scan->len)
    {
      char c = scan->data[scan->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      scan->pos++;
    }
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads "\uXXXX" at data[pos] (the backslash); -1 if it is not one. */
static gint32
read_u_escape (const char *data,
               gsize       len,
               gsize       pos)
{
  gint32 value = 0;

  if (pos + 6 > len || data[pos] != '\\' || data[pos + 1] != 'u')
    return -1;

  for (guint i = 2; i < 6; i++)
    {
      int digit = hex_value (data[pos + i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

static gboolean
scan_string (AlgaJsonScan *scan,
             AlgaJsonSpan *span)
{
  const char *data = scan->data;
  gsize len = scan->len;
  gsize pos = scan->pos + 1;

  span->kind = ALGA_JSON_KIND_STRING;
  span->escaped = FALSE;
  span->is_int = FALSE;
  span->start = pos;

  while (pos < len)
    {
      guchar c = data[pos];

      if (c == '"')
        {
          span->end = pos;
          scan->pos = pos + 1;
          return TRUE;
        }
      else if (c == '\\')
        {
          gint32 unit;

          span->escaped = TRUE;
          if (pos + 1 >= len)
            break;

          switch (data[pos + 1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              pos += 2;
              break;

            case 'u':
              unit = read_u_escape (data, len, pos);
              if (unit < 0 || (unit >= 0xdc00 && unit <= 0xdfff))
                return fail (scan, ALGA_JSON_SCAN_SYNTAX);
              pos += 6;
              if (unit >= 0xd800 && unit <= 0xdbff)
                {
                  gint32 low = read_u_escape (data, len, pos);

                  if (low < 0xdc00 || low > 0xdfff)
                    return fail (scan, ALGA_JSON_SCAN_SYNTAX);
                  pos += 6;
                }
              break;

            default:
              return fail (scan, ALGA_JSON_SCAN_SYNTAX);
            }
        }
      else if (c < 0x20)
        {
          return fail (scan, ALGA_JSON_SCAN_SYNTAX);
        }
      else if (c < 0x80)
        {
          pos++;
        }
      else
        {
          gsize run = pos;

          /* A run of non-ASCII bytes is whole UTF-8 sequences or it is invalid; the same
           * check json-glib makes of the whole text. */
          while (run < len && (guchar) data[run] >= 0x80)
            run++;
          if (!g_utf8_validate (data + pos, run - pos, NULL))
            return fail (scan, ALGA_JSON_SCAN_SYNTAX);
          pos = run;
        }
    }

  return fail (scan, ALGA_JSON_SCAN_SYNTAX);
}

static inline gboolean
is_digit (const AlgaJsonScan *scan,
          gsize               pos)
{
  return pos < scan->len && scan->data[pos] >= '0' && scan->data[pos] <= '9';
}

static gboolean
scan_number (AlgaJsonScan *scan,
             AlgaJsonSpan *span)
{
  gsize pos = scan->pos;

  span->kind = ALGA_JSON_KIND_NUMBER;
  span->escaped = FALSE;
  span->is_int = TRUE;
  span->start = pos;

  if (scan->data[pos] == '-')
    pos++;

  if (!is_digit (scan, pos))
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);
  if (scan->data[pos] == '0')
    pos++;
  else
    while (is_digit (scan, pos))
      pos++;

  if (pos < scan->len && scan->data[pos] == '.')
    {
      span->is_int = FALSE;
      pos++;
      if (!is_digit (scan, pos))
        return fail (scan, ALGA_JSON_SCAN_SYNTAX);
      while (is_digit (scan, pos))
        pos++;
    }

  if (pos < scan->len && (scan->data[pos] == 'e' || scan->data[pos] == 'E'))
    {
      span->is_int = FALSE;
      pos++;
      if (pos < scan->len && (scan->data[pos] == '+' || scan->data[pos] == '-'))
        pos++;
      if (!is_digit (scan, pos))
        return fail (scan, ALGA_JSON_SCAN_SYNTAX);
      while (is_digit (scan, pos))
        pos++;
    }

  span->end = pos;
  scan->pos = pos;
  return TRUE;
}

static gboolean
scan_literal (AlgaJsonScan *scan,
              AlgaJsonSpan *span,
              const char   *word,
              AlgaJsonKind  kind)
{
  gsize n = strlen (word);

  if (scan->len - scan->pos < n || memcmp (scan->data + scan->pos, word, n) != 0)
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);

  span->kind = kind;
  span->escaped = FALSE;
  span->is_int = FALSE;
  span->start = scan->pos;
  span->end = scan->pos + n;
  scan->pos += n;
  return TRUE;
}

/**
 * alga_json_scan_init:
 * @scan: a scanner to set up
 * @data: the text
 * @len: its length in bytes
 *
 * Starts a scan of @data. A UTF-8 byte order mark is skipped, as json-glib skips it.
 */
void
alga_json_scan_init (AlgaJsonScan *scan,
                     const char   *data,
                     gsize         len)
{
  memset (scan, 0, sizeof *scan);
  scan->data = data;
  scan->len = len;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    scan->pos = 3;
}

/**
 * alga_json_scan_value:
 * @scan: a scanner
 * @value: (out): the value read
 *
 * Reads the next value. A string, number or literal is read whole; an object or array is
 * only opened, to be read with alga_json_scan_next_member() or
 * alga_json_scan_next_element(), or passed over with alga_json_scan_skip().
 *
 * Returns: %FALSE on an error, which @scan's status tells
 */
gboolean
alga_json_scan_value (AlgaJsonScan *scan,
                      AlgaJsonSpan *value)
{
  if (scan->status != ALGA_JSON_SCAN_OK)
    return FALSE;

  skip_space (scan);
  if (scan->pos >= scan->len)
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);

  switch (scan->data[scan->pos])
    {
    case '{':
    case '[':
      if (scan->depth >= ALGA_JSON_MAX_DEPTH)
        return fail (scan, ALGA_JSON_SCAN_DEPTH);
      value->kind = scan->data[scan->pos] == '{' ? ALGA_JSON_KIND_OBJECT : ALGA_JSON_KIND_ARRAY;
      value->escaped = FALSE;
      value->is_int = FALSE;
      value->start = scan->pos;
      value->end = scan->pos + 1;
      scan->depth++;
      scan->first[scan->depth] = FIRST | (value->kind == ALGA_JSON_KIND_OBJECT ? IN_OBJECT : 0);
      scan->pos++;
      return TRUE;

    case '"':
      return scan_string (scan, value);

    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (scan, value);

    case 't':
      return scan_literal (scan, value, "true", ALGA_JSON_KIND_TRUE);
    case 'f':
      return scan_literal (scan, value, "false", ALGA_JSON_KIND_FALSE);
    case 'n':
      return scan_literal (scan, value, "null", ALGA_JSON_KIND_NULL);

    default:
      return fail (scan, ALGA_JSON_SCAN_SYNTAX);
    }
}

/* Past the separator before the next member or element, or past the closing bracket. */
static gboolean
next_in_container (AlgaJsonScan *scan,
                   char          close,
                   gboolean     *done)
{
  char c;

  if (scan->status != ALGA_JSON_SCAN_OK)
    return FALSE;
  if (scan->depth == 0)
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);

  skip_space (scan);
  if (scan->pos >= scan->len)
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);

  c = scan->data[scan->pos];
  if (c == close)
    {
      scan->pos++;
      scan->depth--;
      *done = TRUE;
      return TRUE;
    }

  if (scan->first[scan->depth] & FIRST)
    scan->first[scan->depth] &= ~FIRST;
  else if (c == ',')
    scan->pos++;
  else
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);

  *done = FALSE;
  return TRUE;
}

/**
 * alga_json_scan_next_member:
 * @scan: a scanner inside an object
 * @key: (out): the member's name
 * @done: (out): set when the object has closed instead
 *
 * Reads up to the next member's value, which alga_json_scan_value() reads next.
 *
 * Returns: %FALSE on an error
 */
gboolean
alga_json_scan_next_member (AlgaJsonScan *scan,
                            AlgaJsonSpan *key,
                            gboolean     *done)
{
  if (scan->depth > 0 && (scan->first[scan->depth] & IN_OBJECT) == 0)
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);
  if (!next_in_container (scan, '}', done))
    return FALSE;
  if (*done)
    return TRUE;

  skip_space (scan);
  if (scan->pos >= scan->len || scan->data[scan->pos] != '"' || !scan_string (scan, key))
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);

  skip_space (scan);
  if (scan->pos >= scan->len || scan->data[scan->pos] != ':')
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);
  scan->pos++;

  return TRUE;
}

/**
 * alga_json_scan_next_element:
 * @scan: a scanner inside an array
 * @done: (out): set when the array has closed instead
 *
 * Moves to the next element, which alga_json_scan_value() reads next.
 *
 * Returns: %FALSE on an error
 */
gboolean
alga_json_scan_next_element (AlgaJsonScan *scan,
                             gboolean     *done)
{
  if (scan->depth > 0 && (scan->first[scan->depth] & IN_OBJECT) != 0)
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);

  return next_in_container (scan, ']', done);
}

/**
 * alga_json_scan_skip:
 * @scan: a scanner
 * @value: a value just read by alga_json_scan_value()
 *
 * Reads the rest of @value when it is an object or array just opened, checking it all, and
 * sets its end. Iterative: the depth limit bounds memory, not the stack.
 *
 * Returns: %FALSE on an error
 */
gboolean
alga_json_scan_skip (AlgaJsonScan *scan,
                     AlgaJsonSpan *value)
{
  guint outer;

  if (value->kind != ALGA_JSON_KIND_OBJECT && value->kind != ALGA_JSON_KIND_ARRAY)
    return scan->status == ALGA_JSON_SCAN_OK;

  outer = scan->depth - 1;
  while (scan->depth > outer)
    {
      AlgaJsonSpan key, inner;
      gboolean done;

      if (scan->first[scan->depth] & IN_OBJECT)
        {
          if (!alga_json_scan_next_member (scan, &key, &done))
            return FALSE;
        }
      else if (!alga_json_scan_next_element (scan, &done))
        {
          return FALSE;
        }

      if (!done && !alga_json_scan_value (scan, &inner))
        return FALSE;
    }

  value->end = scan->pos;
  return TRUE;
}

/**
 * alga_json_scan_finish:
 * @scan: a scanner that has read one whole value
 *
 * Returns: whether only white space follows
 */
gboolean
alga_json_scan_finish (AlgaJsonScan *scan)
{
  if (scan->status != ALGA_JSON_SCAN_OK)
    return FALSE;

  skip_space (scan);
  if (scan->depth != 0 || scan->pos != scan->len)
    return fail (scan, ALGA_JSON_SCAN_SYNTAX);

  return TRUE;
}

/* Decodes the escapes of a string already checked by scan_string(). */
static void
decode_escaped (const char   *data,
                const AlgaJsonSpan *span,
                GString      *out)
{
  gsize pos = span->start;

  while (pos < span->end)
    {
      const char *backslash = memchr (data + pos, '\\', span->end - pos);
      gint32 unit;

      if (backslash == NULL)
        {
          g_string_append_len (out, data + pos, span->end - pos);
          return;
        }

      g_string_append_len (out, data + pos, backslash - (data + pos));
      pos = backslash - data;

      switch (data[pos + 1])
        {
        case 'b': g_string_append_c (out, '\b'); pos += 2; break;
        case 'f': g_string_append_c (out, '\f'); pos += 2; break;
        case 'n': g_string_append_c (out, '\n'); pos += 2; break;
        case 'r': g_string_append_c (out, '\r'); pos += 2; break;
        case 't': g_string_append_c (out, '\t'); pos += 2; break;
        case 'u':
          unit = read_u_escape (data, span->end, pos);
          pos += 6;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              gint32 low = read_u_escape (data, span->end, pos);

              pos += 6;
              unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
            }
          g_string_append_unichar (out, unit);
          break;
        default: /* " \ / */
          g_string_append_c (out, data[pos + 1]);
          pos += 2;
          break;
        }
    }
}

/**
 * alga_json_span_get_string:
 * @data: the scanned text
 * @span: a string
 * @scratch: a buffer to decode into
 *
 * Returns: (transfer none): the text of @span, valid until @scratch changes; it stops at an
 *   escaped NUL, as json-glib's strings do
 */
const char *
alga_json_span_get_string (const char         *data,
                           const AlgaJsonSpan *span,
                           GString            *scratch)
{
  g_string_truncate (scratch, 0);
  if (span->escaped)
    decode_escaped (data, span, scratch);
  else
    g_string_append_len (scratch, data + span->start, span->end - span->start);

  return scratch->str;
}

/**
 * alga_json_span_dup_string:
 * @data: the scanned text
 * @span: a string
 *
 * Returns: (transfer full): the text of @span, as alga_json_span_get_string()
 */
char *
alga_json_span_dup_string (const char         *data,
                           const AlgaJsonSpan *span)
{
  g_autoptr(GString) scratch = NULL;

  if (!span->escaped)
    return g_strndup (data + span->start, span->end - span->start);

  scratch = g_string_sized_new (span->end - span->start);
  decode_escaped (data, span, scratch);
  return g_strdup (scratch->str);
}

/**
 * alga_json_span_string_equal:
 * @data: the scanned text
 * @span: a string
 * @text: a NUL-terminated text
 *
 * Returns: whether @span decodes to @text
 */
gboolean
alga_json_span_string_equal (const char         *data,
                             const AlgaJsonSpan *span,
                             const char         *text)
{
  g_autoptr(GString) scratch = NULL;

  if (!span->escaped)
    return span->end - span->start == strlen (text)
           && memcmp (data + span->start, text, span->end - span->start) == 0;

  scratch = g_string_new (NULL);
  return strcmp (alga_json_span_get_string (data, span, scratch), text) == 0;
}

/* The number's digits without its sign, NUL-terminated, in buffer or a new string. */
static const char *
number_digits (const char         *data,
               const AlgaJsonSpan *span,
               gboolean           *negative,
               char               *buffer,
               gsize               size,
               char              **allocated)
{
  gsize start = span->start;
  gsize n;

  *negative = data[start] == '-';
  if (*negative)
    start++;

  n = span->end - start;
  if (n < size)
    {
      memcpy (buffer, data + start, n);
      buffer[n] = '\0';
      return buffer;
    }

  *allocated = g_strndup (data + start, n);
  return *allocated;
}

/**
 * alga_json_span_get_int:
 * @data: the scanned text
 * @span: a number without fraction or exponent
 *
 * Returns: the value json-glib 1.6 gives such a number: read as unsigned 64 bits (saturating),
 *   taken as signed, then negated (wrapping) for a minus sign
 */
gint64
alga_json_span_get_int (const char         *data,
                        const AlgaJsonSpan *span)
{
  g_autofree char *allocated = NULL;
  char buffer[32];
  const char *digits;
  gboolean negative;
  guint64 value;

  digits = number_digits (data, span, &negative, buffer, sizeof buffer, &allocated);
  value = g_ascii_strtoull (digits, NULL, 10);
  if (negative)
    value = 0 - value;

  return (gint64) value;
}

/**
 * alga_json_span_get_double:
 * @data: the scanned text
 * @span: a number
 *
 * Returns: the value json-glib 1.6 gives a number with a fraction or exponent
 */
double
alga_json_span_get_double (const char         *data,
                           const AlgaJsonSpan *span)
{
  g_autofree char *allocated = NULL;
  char buffer[64];
  const char *digits;
  gboolean negative;
  double value;

  digits = number_digits (data, span, &negative, buffer, sizeof buffer, &allocated);
  value = g_strtod (digits, NULL);

  return negative ? value * -1.0 : value;
}

/**
 * alga_json_span_dup_text:
 * @data: the scanned text
 * @span: a value
 *
 * What alga_json_dup_string() gives for the same value: a string's text, a number as decimal
 * text, %NULL for anything else.
 *
 * Returns: (transfer full) (nullable): a new string
 */
char *
alga_json_span_dup_text (const char         *data,
                         const AlgaJsonSpan *span)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (span->kind)
    {
    case ALGA_JSON_KIND_STRING:
      return alga_json_span_dup_string (data, span);
    case ALGA_JSON_KIND_NUMBER:
      if (span->is_int)
        return g_strdup_printf ("%" G_GINT64_FORMAT, alga_json_span_get_int (data, span));
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, alga_json_span_get_double (data, span)));
    default:
      return NULL;
    }
}
