/* alga-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "alga-json.h"
#include "alga-error.h"

static JsonNode *
get_value_node (JsonObject *object,
                const char *member)
{
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  return node;
}

/* Parses the whole of text as a number; the server sends Postgres numerics as strings. */
static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;
  double d;

  if (text == NULL)
    return FALSE;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;

  d = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == NULL || *end != '\0' || !isfinite (d))
    return FALSE;

  *out = d;
  return TRUE;
}

static gboolean
node_get_number (JsonNode *node,
                 double   *out)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return isfinite (*out);
    case G_TYPE_STRING:
      return parse_number (json_node_get_string (node), out);
    default:
      return FALSE;
    }
}

static char *
node_dup_string (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    default:
      return NULL;
    }
}

/**
 * alga_json_decode_array:
 * @array_node: (nullable): a node that should hold an array
 * @decode: decodes one element into a new #GObject
 * @error: return location for an error
 *
 * Decodes every element of @array_node. An element that fails to decode is skipped (and
 * logged), so that one odd row does not hide the others; a node that is not an array fails.
 *
 * Returns: (transfer full): a #GPtrArray owning the objects, or %NULL with @error set
 */
GPtrArray *
alga_json_decode_array (JsonNode            *array_node,
                        AlgaJsonDecodeFunc   decode,
                        GError             **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (decode != NULL, NULL);

  if (array_node == NULL || !JSON_NODE_HOLDS_ARRAY (array_node))
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           _("The server sent something else where a list was expected"));
      return NULL;
    }

  array = json_node_get_array (array_node);
  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gpointer item;

      item = decode (json_array_get_element (array, i), &local_error);
      if (item == NULL)
        {
          g_debug ("Skipping list element %u: %s", i,
                   local_error != NULL ? local_error->message : "no item");
          continue;
        }

      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

/**
 * alga_json_get_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (nullable): the string value of @member, or %NULL when it is missing, null or not a
 *   string
 */
const char *
alga_json_get_string (JsonObject *object,
                      const char *member)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * alga_json_dup_string:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Like alga_json_get_string(), but a number is turned into its decimal text, since ids and
 * ticket numbers are strings that a server may one day send as numbers.
 *
 * Returns: (transfer full) (nullable): a new string
 */
char *
alga_json_dup_string (JsonObject *object,
                      const char *member)
{
  return node_dup_string (get_value_node (object, member));
}

/**
 * alga_json_get_boolean:
 * @object: (nullable): an object
 * @member: a member name
 * @default_value: what to return when @member is missing, null or not a boolean
 *
 * Also accepts the strings "true"/"false" and the numbers 0/1.
 *
 * Returns: the value of @member, or @default_value
 */
gboolean
alga_json_get_boolean (JsonObject *object,
                       const char *member,
                       gboolean    default_value)
{
  JsonNode *node = get_value_node (object, member);
  const char *text;

  if (node == NULL)
    return default_value;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node);
    case G_TYPE_INT64:
      return json_node_get_int (node) != 0;
    case G_TYPE_STRING:
      text = json_node_get_string (node);
      if (g_ascii_strcasecmp (text, "true") == 0 || g_strcmp0 (text, "1") == 0)
        return TRUE;
      if (g_ascii_strcasecmp (text, "false") == 0 || g_strcmp0 (text, "0") == 0)
        return FALSE;
      return default_value;
    default:
      return default_value;
    }
}

/**
 * alga_json_get_int:
 * @object: (nullable): an object
 * @member: a member name
 * @default_value: what to return when @member is missing, null or not a number
 *
 * Accepts numbers and numeric strings; a fraction is truncated toward zero.
 *
 * Returns: the value of @member, or @default_value
 */
gint64
alga_json_get_int (JsonObject *object,
                   const char *member,
                   gint64      default_value)
{
  JsonNode *node = get_value_node (object, member);
  double d;

  if (node == NULL)
    return default_value;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);

  if (!node_get_number (node, &d) || d >= 9.2e18 || d <= -9.2e18)
    return default_value;

  return (gint64) d;
}

/**
 * alga_json_get_double:
 * @object: (nullable): an object
 * @member: a member name
 * @default_value: what to return when @member is missing, null or not a number
 *
 * Accepts numbers and numeric strings (Postgres numerics arrive as strings).
 *
 * Returns: the value of @member, or @default_value
 */
double
alga_json_get_double (JsonObject *object,
                      const char *member,
                      double      default_value)
{
  JsonNode *node = get_value_node (object, member);
  double d;

  if (node == NULL || !node_get_number (node, &d))
    return default_value;

  return d;
}

/**
 * alga_json_get_datetime:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer full) (nullable): the timestamp in @member (see alga_json_parse_datetime())
 */
GDateTime *
alga_json_get_datetime (JsonObject *object,
                        const char *member)
{
  return alga_json_parse_datetime (alga_json_get_string (object, member));
}

/**
 * alga_json_get_object:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the object in @member, or %NULL if it holds none
 */
JsonObject *
alga_json_get_object (JsonObject *object,
                      const char *member)
{
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

/**
 * alga_json_get_array:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): the array in @member, or %NULL if it holds none
 */
JsonArray *
alga_json_get_array (JsonObject *object,
                     const char *member)
{
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

/**
 * alga_json_dup_strv:
 * @object: (nullable): an object
 * @member: a member name
 *
 * The strings (and numbers, as text) of the array in @member; other elements are skipped.
 *
 * Returns: (transfer full) (nullable): a new string array, or %NULL if @member holds no array
 */
GStrv
alga_json_dup_strv (JsonObject *object,
                    const char *member)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array = alga_json_get_array (object, member);
  guint n;

  if (array == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = node_dup_string (json_array_get_element (array, i));

      if (text != NULL)
        g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

/**
 * alga_json_has_member:
 * @object: (nullable): an object
 * @member: a member name
 *
 * Returns: whether @object has @member at all, even as null
 */
gboolean
alga_json_has_member (JsonObject *object,
                      const char *member)
{
  return object != NULL && member != NULL && json_object_has_member (object, member);
}

static gboolean
parse_date_only (const char *text,
                 int        *year,
                 int        *month,
                 int        *day)
{
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  *year = atoi (text);
  *month = atoi (text + 5);
  *day = atoi (text + 8);

  return g_date_valid_dmy (*day, *month, *year);
}

/**
 * alga_json_parse_datetime:
 * @text: (nullable): a timestamp
 *
 * Parses "YYYY-MM-DD" (as UTC midnight) and ISO 8601 date-times with or without fractional
 * seconds and zone; a missing zone means UTC, since the server speaks UTC.
 *
 * Returns: (transfer full) (nullable): the time in UTC, or %NULL if @text is none
 */
GDateTime *
alga_json_parse_datetime (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  int year, month, day;

  if (text == NULL || *text == '\0')
    return NULL;

  utc = g_time_zone_new_utc ();

  if (parse_date_only (text, &year, &month, &day))
    return g_date_time_new (utc, year, month, day, 0, 0, 0);

  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    {
      g_debug ("Not a timestamp: “%s”", text);
      return NULL;
    }

  return g_date_time_to_utc (parsed);
}

/**
 * alga_json_format_datetime:
 * @datetime: (nullable): a time
 *
 * Formats @datetime as the server writes and wants timestamps: UTC with milliseconds and "Z"
 * (the API refuses offsets with a 400).
 *
 * Returns: (transfer full) (nullable): e.g. "2026-02-03T14:05:00.000Z"
 */
char *
alga_json_format_datetime (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  if (datetime == NULL)
    return NULL;

  utc = g_date_time_to_utc (datetime);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

static JsonNode *
node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, alga_json_object_deep_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *array_copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, node_deep_copy (json_array_get_element (array, i)));

        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/**
 * alga_json_object_deep_copy:
 * @object: (nullable): an object
 *
 * A copy that shares nothing with @object (json_node_copy() only adds references), so the
 * caller may change it freely.
 *
 * Returns: (transfer full): a new object; an empty one for %NULL
 */
JsonObject *
alga_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (object == NULL)
    return copy;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (copy, member, node_deep_copy (node));

  return copy;
}

/**
 * alga_json_require_object:
 * @node: (nullable): the node to decode
 * @id_member: (nullable): a member that must hold a non-empty id
 * @error: return location for an error
 *
 * Returns: (transfer none) (nullable): the object of @node, or %NULL with
 *   %ALGA_API_ERROR_BAD_RESPONSE when @node is not an object or lacks its id
 */
JsonObject *
alga_json_require_object (JsonNode    *node,
                          const char  *id_member,
                          GError     **error)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                           _("The server sent something else where an object was expected"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (id_member != NULL)
    {
      g_autofree char *id = alga_json_dup_string (object, id_member);

      if (id == NULL || *id == '\0')
        {
          g_set_error (error, ALGA_API_ERROR, ALGA_API_ERROR_BAD_RESPONSE,
                       _("The server sent an item without “%s”"), id_member);
          return NULL;
        }
    }

  return object;
}

/**
 * alga_json_read_value:
 * @object: (nullable): an object
 * @member: a member name
 * @value: an initialized value whose type says how to read @member
 *
 * Reads @member into @value (string, boolean, int, uint, int64, double, #GDateTime, #GStrv),
 * converting as the other readers do. @value is left alone when @member is missing or null.
 */
void
alga_json_read_value (JsonObject *object,
                      const char *member,
                      GValue     *value)
{
  JsonNode *node;
  GType type = G_VALUE_TYPE (value);

  if (object == NULL || member == NULL)
    return;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (type == G_TYPE_STRING)
    g_value_take_string (value, alga_json_dup_string (object, member));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, alga_json_get_boolean (object, member,
                                                       g_value_get_boolean (value)));
  else if (type == G_TYPE_INT)
    g_value_set_int (value, (int) CLAMP (alga_json_get_int (object, member,
                                                            g_value_get_int (value)),
                                         G_MININT, G_MAXINT));
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, (guint) CLAMP (alga_json_get_int (object, member,
                                                               g_value_get_uint (value)),
                                            0, G_MAXUINT));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, alga_json_get_int (object, member, g_value_get_int64 (value)));
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (value, alga_json_get_double (object, member,
                                                     g_value_get_double (value)));
  else if (type == G_TYPE_DATE_TIME)
    g_value_take_boxed (value, alga_json_get_datetime (object, member));
  else if (type == G_TYPE_STRV)
    g_value_take_boxed (value, alga_json_dup_strv (object, member));
  else
    g_critical ("%s: cannot read a %s", G_STRFUNC, g_type_name (type));
}

/**
 * alga_json_read_values:
 * @object: (nullable): an object
 * @members: (array length=n_values): the member to read into each value, or %NULL to skip it
 * @values: (array length=n_values): initialized values
 * @n_values: the length of both arrays
 *
 * Calls alga_json_read_value() for each value that has a member name.
 */
void
alga_json_read_values (JsonObject         *object,
                       const char * const *members,
                       GValue             *values,
                       guint               n_values)
{
  for (guint i = 0; i < n_values; i++)
    if (members[i] != NULL)
      alga_json_read_value (object, members[i], &values[i]);
}

/**
 * alga_json_write_value:
 * @object: the object to write into
 * @member: the member's name
 * @value: the value; an unset string, time, list or object is left out
 *
 * The inverse of alga_json_read_value().
 */
void
alga_json_write_value (JsonObject   *object,
                       const char   *member,
                       const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    {
      if (g_value_get_string (value) != NULL)
        json_object_set_string_member (object, member, g_value_get_string (value));
    }
  else if (type == G_TYPE_BOOLEAN)
    json_object_set_boolean_member (object, member, g_value_get_boolean (value));
  else if (type == G_TYPE_INT)
    json_object_set_int_member (object, member, g_value_get_int (value));
  else if (type == G_TYPE_UINT)
    json_object_set_int_member (object, member, g_value_get_uint (value));
  else if (type == G_TYPE_INT64)
    json_object_set_int_member (object, member, g_value_get_int64 (value));
  else if (type == G_TYPE_DOUBLE)
    json_object_set_double_member (object, member, g_value_get_double (value));
  else if (type == G_TYPE_DATE_TIME)
    {
      g_autofree char *text = alga_json_format_datetime (g_value_get_boxed (value));

      if (text != NULL)
        json_object_set_string_member (object, member, text);
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      if (strv != NULL)
        {
          JsonArray *array = json_array_sized_new (g_strv_length ((char **) strv));

          for (guint i = 0; strv[i] != NULL; i++)
            json_array_add_string_element (array, strv[i]);
          json_object_set_array_member (object, member, array);
        }
    }
  else if (type == JSON_TYPE_OBJECT)
    {
      if (g_value_get_boxed (value) != NULL)
        json_object_set_object_member (object, member,
                                       alga_json_object_deep_copy (g_value_get_boxed (value)));
    }
}

/**
 * alga_json_write_values:
 * @members: (array length=n_values): the member of each value, or %NULL where it is written
 *   by hand
 * @values: (array length=n_values): the values
 * @n_values: the length of both arrays
 *
 * The inverse of alga_json_read_values(): a model's to_json writes its values under the same
 * table of names its decoder reads them from.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_json_write_values (const char * const *members,
                        const GValue       *values,
                        guint               n_values)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < n_values; i++)
    if (members[i] != NULL && G_IS_VALUE (&values[i]))
      alga_json_write_value (object, members[i], &values[i]);
  json_node_take_object (node, object);

  return node;
}

/**
 * alga_json_value_equal:
 * @a: a value
 * @b: a value of the same type
 *
 * Compares contents, not pointers, for strings, date-times, string arrays and JSON objects.
 *
 * Returns: whether @a and @b hold the same value
 */
gboolean
alga_json_value_equal (const GValue *a,
                       const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type != G_VALUE_TYPE (b))
    return FALSE;

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_BOOLEAN)
    return !g_value_get_boolean (a) == !g_value_get_boolean (b);
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_UINT)
    return g_value_get_uint (a) == g_value_get_uint (b);
  if (type == G_TYPE_INT64)
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (type == G_TYPE_DOUBLE)
    return g_value_get_double (a) == g_value_get_double (b);

  if (G_TYPE_IS_BOXED (type))
    {
      gconstpointer pa = g_value_get_boxed (a);
      gconstpointer pb = g_value_get_boxed (b);

      if (pa == pb)
        return TRUE;
      if (pa == NULL || pb == NULL)
        return FALSE;
      if (type == G_TYPE_DATE_TIME)
        return g_date_time_equal (pa, pb);
      if (type == G_TYPE_STRV)
        return g_strv_equal (pa, pb);
      if (type == JSON_TYPE_OBJECT)
        return json_object_equal (pa, pb);
      return FALSE;
    }

  if (G_TYPE_IS_OBJECT (type))
    return g_value_get_object (a) == g_value_get_object (b);

  g_critical ("%s: cannot compare a %s", G_STRFUNC, g_type_name (type));
  return FALSE;
}

/**
 * alga_json_value_replace:
 * @dest: a value
 * @src: a value of the same type
 *
 * Copies @src into @dest unless they are already equal, so that callers notify only on a real
 * change.
 *
 * Returns: whether @dest changed
 */
gboolean
alga_json_value_replace (GValue       *dest,
                         const GValue *src)
{
  if (alga_json_value_equal (dest, src))
    return FALSE;

  g_value_copy (src, dest);
  return TRUE;
}

/**
 * alga_json_depth_ok:
 * @text: JSON text (it need not be valid)
 * @length: its length, or -1 if it is NUL-terminated
 *
 * Whether @text nests arrays and objects at most %ALGA_JSON_MAX_DEPTH deep. json-glib's parser
 * recurses once per level, so a body of a few megabytes of `[` crashes the app with a stack
 * overflow (fuzz-ticket-list found it); every parse of text from the server checks this first.
 * A linear scan that skips strings, so brackets inside strings do not count.
 *
 * Returns: %FALSE if @text is nested too deep to be parsed safely
 */
gboolean
alga_json_depth_ok (const char *text,
                    gssize      length)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  gsize len;

  if (text == NULL)
    return TRUE;

  len = length < 0 ? strlen (text) : (gsize) length;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > ALGA_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}
