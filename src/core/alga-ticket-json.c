/* alga-ticket-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket and the server's JSON: the table of member names, the decoder of a json-glib
 * tree and alga_ticket_to_json() beside it, and the scanning decoder that pages of tickets go
 * through without a tree. Both decoders must give the same ticket (tests/test-ticket-page.c
 * checks it).
 */

#define G_LOG_DOMAIN "alga-ticket"

#include "config.h"

#include <string.h>

#include "alga-ticket-private.h"
#include "alga-json.h"
#include "alga-tag.h"

static void take_attributes (AlgaTicket *self,
                             JsonObject *attributes);
static void take_due_date_column (AlgaTicket *self,
                                  GDateTime  *column);

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_TICKET_ID] = "ticket_id",
  [PROP_TICKET_NUMBER] = "ticket_number",
  [PROP_TITLE] = "title",
  [PROP_URL] = "url",
  [PROP_STATUS_ID] = "status_id",
  [PROP_STATUS_NAME] = "status_name",
  [PROP_PRIORITY_ID] = "priority_id",
  [PROP_PRIORITY_NAME] = "priority_name",
  [PROP_ASSIGNED_TO] = "assigned_to",
  [PROP_ASSIGNED_TO_NAME] = "assigned_to_name",
  [PROP_ASSIGNED_TEAM_ID] = "assigned_team_id",
  [PROP_CLIENT_ID] = "client_id",
  [PROP_CLIENT_NAME] = "client_name",
  [PROP_CLIENT_EMAIL] = "client_email",
  [PROP_CLIENT_PHONE] = "client_phone",
  [PROP_CONTACT_NAME_ID] = "contact_name_id",
  [PROP_CONTACT_NAME] = "contact_name",
  [PROP_CONTACT_EMAIL] = "contact_email",
  [PROP_CONTACT_PHONE] = "contact_phone",
  [PROP_CONTACT_AVATAR_URL] = "contact_avatar_url",
  [PROP_LOCATION_NAME] = "location_name",
  [PROP_BOARD_ID] = "board_id",
  [PROP_BOARD_NAME] = "board_name",
  [PROP_CATEGORY_NAME] = "category_name",
  [PROP_ENTERED_BY] = "entered_by",
  [PROP_ENTERED_BY_NAME] = "entered_by_name",
  [PROP_ENTERED_AT] = "entered_at",
  [PROP_UPDATED_AT] = "updated_at",
  [PROP_CLOSED_AT] = "closed_at",
  [PROP_DESCRIPTION_HTML] = "description_html",
};

/* Sets the tags from their decoded list (owned): the texts, and the colours unless none. */
static void
set_tag_list (AlgaTicket *self,
              GPtrArray  *tags)
{
  char **texts;

  g_clear_pointer (&self->tag_list, g_ptr_array_unref);
  g_clear_pointer (&self->tag_colours, g_array_unref);
  _alga_ticket_value_free (PROP_TAGS, self->values[PROP_TAGS]);

  if (tags->len == 0)
    {
      g_ptr_array_unref (tags);
      self->values[PROP_TAGS] = _alga_ticket_empty_strv;
      return;
    }

  texts = g_new (char *, tags->len + 1);
  for (guint i = 0; i < tags->len; i++)
    texts[i] = g_strdup (alga_tag_get_text (g_ptr_array_index (tags, i)));
  texts[tags->len] = NULL;

  self->values[PROP_TAGS] = texts;
  self->tag_list = tags;
}

static void
read_tags (AlgaTicket *self,
           JsonNode   *node)
{
  GPtrArray *tags = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    tags = alga_json_decode_array (node, (AlgaJsonDecodeFunc) alga_tag_new_from_json, NULL);
  if (tags == NULL)
    tags = g_ptr_array_new_with_free_func (g_object_unref);

  set_tag_list (self, tags);
}

/* A string property from a json-glib member that is there and not null. */
static void
set_from_node (AlgaTicket *self,
               JsonObject *object,
               guint       prop)
{
  switch (_alga_ticket_kinds[prop])
    {
    case KIND_STRING:
      self->values[prop] = alga_json_dup_string (object, members[prop]);
      break;
    case KIND_POOLED:
      {
        g_autofree char *text = alga_json_dup_string (object, members[prop]);

        self->values[prop] = _alga_ticket_pool_string (text);
      }
      break;
    case KIND_DATE:
      self->values[prop] = alga_json_get_datetime (object, members[prop]);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * alga_ticket_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes a ticket list item (fields=mobile_list or the full payload), a detail or the bare
 * row that PUT and POST answer with. Which members were present is remembered, for
 * alga_ticket_update_from(). Pages of tickets go through alga_ticket_page_decode() instead,
 * which gives the same tickets without a JSON tree.
 *
 * Returns: (transfer full) (nullable): a new #AlgaTicket, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaTicket *
alga_ticket_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(AlgaTicket) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "ticket_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_TICKET, NULL);

  for (guint i = 1; i < N_PROPS; i++)
    {
      JsonNode *member;

      if (members[i] == NULL)
        continue;

      member = json_object_get_member (object, members[i]);
      if (member == NULL)
        continue;

      self->known |= PROP_BIT (i);
      if (!JSON_NODE_HOLDS_NULL (member))
        set_from_node (self, object, i);
    }

  /* Lists and details carry the status' is_closed; the bare rows that PUT answers with only
   * the ticket's own is_closed column, read before the server syncs it to a new status (the
   * client reads the ticket again after a status change). */
  if (alga_json_has_member (object, "status_is_closed") ||
      alga_json_has_member (object, "is_closed"))
    {
      const char *member = alga_json_has_member (object, "status_is_closed") ?
                           "status_is_closed" : "is_closed";

      self->values[PROP_STATUS_IS_CLOSED] =
        GINT_TO_POINTER (alga_json_get_boolean (object, member, FALSE) ? 1 : 0);
      self->known |= PROP_BIT (PROP_STATUS_IS_CLOSED);
    }

  if (alga_json_has_member (object, "attributes"))
    {
      JsonObject *attributes = alga_json_get_object (object, "attributes");

      self->known |= PROP_BIT (PROP_ATTRIBUTES) | PROP_BIT (PROP_DESCRIPTION) |
                     PROP_BIT (PROP_WATCHER_USER_IDS) | PROP_BIT (PROP_DUE_DATE);
      if (attributes != NULL)
        take_attributes (self, alga_json_object_deep_copy (attributes));
    }

  if (alga_json_has_member (object, "due_date"))
    take_due_date_column (self, alga_json_get_datetime (object, "due_date"));

  if (alga_json_has_member (object, "tags"))
    {
      self->known |= PROP_BIT (PROP_TAGS);
      read_tags (self, json_object_get_member (object, "tags"));
    }

  /* Only the detail (and the rows PUT answers with) render the description. */
  if (alga_json_has_member (object, "description_html"))
    {
      self->known |= PROP_BIT (PROP_HAS_DETAIL);
      self->values[PROP_HAS_DETAIL] = GINT_TO_POINTER (1);
    }

  return g_steal_pointer (&self);
}

/**
 * alga_ticket_to_json:
 * @self: a #AlgaTicket
 *
 * Writes @self under the members alga_ticket_new_from_json() reads (the table members[] and the
 * few decoded by hand: the status' is_closed, attributes, the due_date column, tags and the
 * detail's mark), so that decoding the result gives an equal ticket (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_ticket_to_json (AlgaTicket *self)
{
  g_autoptr(JsonObject) json = json_object_new ();
  GPtrArray *tags;
  JsonNode *node;

  g_return_val_if_fail (ALGA_IS_TICKET (self), NULL);

  for (guint i = 1; i < N_PROPS; i++)
    {
      if (members[i] == NULL || self->values[i] == NULL)
        continue;

      if (_alga_ticket_kinds[i] == KIND_DATE)
        {
          g_autofree char *text = alga_json_format_datetime (self->values[i]);

          json_object_set_string_member (json, members[i], text);
        }
      else
        {
          json_object_set_string_member (json, members[i], self->values[i]);
        }
    }

  json_object_set_boolean_member (json, "status_is_closed",
                                  GPOINTER_TO_INT (self->values[PROP_STATUS_IS_CLOSED]));
  if (self->values[PROP_ATTRIBUTES] != NULL)
    json_object_set_object_member (json, "attributes",
                                   alga_json_object_deep_copy (self->values[PROP_ATTRIBUTES]));

  /* "due_date" is the column; a due date of the apps' own comes back from attributes. */
  if (alga_ticket_get_due_date_is_column (self) && self->values[PROP_DUE_DATE] != NULL)
    {
      g_autofree char *text = alga_json_format_datetime (self->values[PROP_DUE_DATE]);

      json_object_set_string_member (json, "due_date", text);
    }
  else if (!alga_ticket_get_due_date_is_column (self))
    {
      json_object_set_null_member (json, "due_date");
    }

  tags = alga_ticket_get_tag_list (self);
  if (tags != NULL)
    {
      JsonArray *array = json_array_sized_new (tags->len);

      for (guint i = 0; i < tags->len; i++)
        json_array_add_element (array, alga_tag_to_json (g_ptr_array_index (tags, i)));
      json_object_set_array_member (json, "tags", array);
    }

  /* Its presence is what marks a detail. */
  if (alga_ticket_get_has_detail (self) && !json_object_has_member (json, "description_html"))
    json_object_set_null_member (json, "description_html");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, json);

  return node;
}

/* Takes attributes (owned) and what the ticket reads from them. */
static void
take_attributes (AlgaTicket *self,
                 JsonObject *attributes)
{
  _alga_ticket_value_free (PROP_ATTRIBUTES, self->values[PROP_ATTRIBUTES]);
  _alga_ticket_value_free (PROP_DESCRIPTION, self->values[PROP_DESCRIPTION]);
  _alga_ticket_value_free (PROP_WATCHER_USER_IDS, self->values[PROP_WATCHER_USER_IDS]);
  _alga_ticket_value_free (PROP_DUE_DATE, self->values[PROP_DUE_DATE]);

  self->values[PROP_ATTRIBUTES] = attributes;
  self->values[PROP_DESCRIPTION] = alga_json_dup_string (attributes, "description");
  self->values[PROP_WATCHER_USER_IDS] = alga_json_dup_strv (attributes, "watcher_user_ids");
  self->values[PROP_DUE_DATE] = alga_json_get_datetime (attributes, "due_date");
}

/* Takes the due_date column (owned, nullable), read after attributes. The column is what
 * Alga's web UI shows and sets; the API cannot write it, so the apps keep theirs in
 * attributes.due_date. The column wins: a date set in the web UI must not hide behind an older
 * one of the apps (docs/API.md, Due dates). */
static void
take_due_date_column (AlgaTicket *self,
                      GDateTime  *column)
{
  self->known |= PROP_BIT (PROP_DUE_DATE) | PROP_BIT (PROP_DUE_DATE_IS_COLUMN);
  self->values[PROP_DUE_DATE_IS_COLUMN] = GINT_TO_POINTER (column != NULL ? 1 : 0);
  if (column == NULL)
    return;

  _alga_ticket_value_free (PROP_DUE_DATE, self->values[PROP_DUE_DATE]);
  self->values[PROP_DUE_DATE] = column;
}

/* Members the scanning decoder keeps beyond those of members[]. */
enum
{
  SLOT_STATUS_IS_CLOSED = N_PROPS,
  SLOT_IS_CLOSED,
  SLOT_ATTRIBUTES,
  SLOT_DUE_DATE,
  SLOT_TAGS,
  N_SLOTS
};

typedef struct
{
  const char *name;
  guint       len;
  guint       slot;
} Key;

struct _AlgaTicketDecoder
{
  GString    *scratch;
  GHashTable *dates;     /* text → GDateTime: list items share many times */
  Key         keys[N_SLOTS];
  guint       n_keys;
  guint       hint;      /* where the last key was found: items list theirs in one order */
};

AlgaTicketDecoder *
alga_ticket_decoder_new (void)
{
  static const struct { const char *name; guint slot; } extra[] = {
    { "status_is_closed", SLOT_STATUS_IS_CLOSED },
    { "is_closed", SLOT_IS_CLOSED },
    { "attributes", SLOT_ATTRIBUTES },
    { "due_date", SLOT_DUE_DATE },
    { "tags", SLOT_TAGS },
  };
  AlgaTicketDecoder *decoder = g_new0 (AlgaTicketDecoder, 1);

  decoder->scratch = g_string_sized_new (256);
  decoder->dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_date_time_unref);

  for (guint i = 1; i < N_PROPS; i++)
    if (members[i] != NULL)
      decoder->keys[decoder->n_keys++] = (Key) { members[i], strlen (members[i]), i };
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    decoder->keys[decoder->n_keys++] = (Key) { extra[i].name, strlen (extra[i].name), extra[i].slot };

  return decoder;
}

void
alga_ticket_decoder_free (AlgaTicketDecoder *decoder)
{
  if (decoder == NULL)
    return;

  g_string_free (decoder->scratch, TRUE);
  g_hash_table_unref (decoder->dates);
  g_free (decoder);
}

static int
find_slot (AlgaTicketDecoder  *decoder,
           const char         *data,
           const AlgaJsonSpan *key)
{
  const char *name = data + key->start;
  gsize len = key->end - key->start;

  if (key->escaped)
    {
      name = alga_json_span_get_string (data, key, decoder->scratch);
      len = strlen (name);
    }

  for (guint j = 0; j < decoder->n_keys; j++)
    {
      guint i = (decoder->hint + j) % decoder->n_keys;

      if (decoder->keys[i].len == len && memcmp (decoder->keys[i].name, name, len) == 0)
        {
          decoder->hint = i + 1;
          return decoder->keys[i].slot;
        }
    }

  return -1;
}

static GDateTime *
decode_datetime (AlgaTicketDecoder  *decoder,
                 const char         *data,
                 const AlgaJsonSpan *span)
{
  const char *text;
  GDateTime *datetime;

  if (span->kind != ALGA_JSON_KIND_STRING)
    return NULL;

  text = alga_json_span_get_string (data, span, decoder->scratch);
  datetime = g_hash_table_lookup (decoder->dates, text);
  if (datetime != NULL)
    return g_date_time_ref (datetime);

  datetime = alga_json_parse_datetime (text);
  if (datetime != NULL)
    g_hash_table_insert (decoder->dates, g_strdup (text), g_date_time_ref (datetime));

  return datetime;
}

/* alga_json_get_boolean (…, FALSE) of the same value. */
static gboolean
decode_boolean (AlgaTicketDecoder  *decoder,
                const char         *data,
                const AlgaJsonSpan *span)
{
  const char *text;

  switch (span->kind)
    {
    case ALGA_JSON_KIND_TRUE:
      return TRUE;
    case ALGA_JSON_KIND_NUMBER:
      return span->is_int && alga_json_span_get_int (data, span) != 0;
    case ALGA_JSON_KIND_STRING:
      text = alga_json_span_get_string (data, span, decoder->scratch);
      return g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0;
    default:
      return FALSE;
    }
}

static char *
decode_pooled (AlgaTicketDecoder  *decoder,
               const char         *data,
               const AlgaJsonSpan *span)
{
  g_autofree char *text = NULL;

  if (span->kind == ALGA_JSON_KIND_STRING)
    return _alga_ticket_pool_string (alga_json_span_get_string (data, span, decoder->scratch));

  text = alga_json_span_dup_text (data, span);
  return _alga_ticket_pool_string (text);
}

static void
clear_tag_colours (gpointer data)
{
  TagColours *colours = data;

  g_free (colours->tag_id);
  g_clear_pointer (&colours->background_color, g_ref_string_release);
  g_clear_pointer (&colours->text_color, g_ref_string_release);
}

/* An element of "tags", as alga_tag_new_from_json() would take it: its text (NULL to skip
 * it) and its id and colours. */
static char *
decode_tag (AlgaTicketDecoder *decoder,
            AlgaJsonScan      *scan,
            AlgaJsonSpan      *element,
            TagColours        *colours)
{
  static const char * const tag_members[] = { "tag_id", "tag_text", "background_color", "text_color" };
  AlgaJsonSpan spans[G_N_ELEMENTS (tag_members)] = { { 0 } };
  AlgaJsonSpan key, value;
  char *text;
  gboolean done;

  if (element->kind == ALGA_JSON_KIND_STRING)
    return alga_json_span_dup_string (scan->data, element);

  if (element->kind != ALGA_JSON_KIND_OBJECT)
    {
      alga_json_scan_skip (scan, element);
      return NULL;
    }

  while (alga_json_scan_next_member (scan, &key, &done) && !done)
    {
      guint i;

      if (!alga_json_scan_value (scan, &value) || !alga_json_scan_skip (scan, &value))
        return NULL;
      for (i = 0; i < G_N_ELEMENTS (tag_members); i++)
        if (alga_json_span_string_equal (scan->data, &key, tag_members[i]))
          break;
      if (i < G_N_ELEMENTS (tag_members))
        spans[i] = value;
    }
  if (scan->status != ALGA_JSON_SCAN_OK)
    return NULL;

  text = alga_json_span_dup_text (scan->data, &spans[1]);
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      return NULL;
    }

  colours->tag_id = alga_json_span_dup_text (scan->data, &spans[0]);
  colours->background_color = decode_pooled (decoder, scan->data, &spans[2]);
  colours->text_color = decode_pooled (decoder, scan->data, &spans[3]);

  return text;
}

/* "tags", already checked: rescanned from its span into texts and compact colours. */
static void
decode_tags (AlgaTicketDecoder  *decoder,
             AlgaTicket         *self,
             const char         *data,
             const AlgaJsonSpan *span)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) colours = g_array_new (FALSE, TRUE, sizeof (TagColours));
  gboolean any_colour = FALSE;

  g_array_set_clear_func (colours, clear_tag_colours);

  if (span->kind == ALGA_JSON_KIND_ARRAY)
    {
      AlgaJsonScan scan;
      AlgaJsonSpan array, element;
      gboolean done;

      alga_json_scan_init (&scan, data, span->end);
      scan.pos = span->start;
      if (alga_json_scan_value (&scan, &array))
        while (alga_json_scan_next_element (&scan, &done) && !done
               && alga_json_scan_value (&scan, &element))
          {
            TagColours tag = { NULL, NULL, NULL };
            char *text = decode_tag (decoder, &scan, &element, &tag);

            if (text == NULL)
              continue;
            g_ptr_array_add (texts, text);
            g_array_append_val (colours, tag);
            any_colour |= tag.tag_id != NULL || tag.background_color != NULL
                          || tag.text_color != NULL;
          }
    }

  g_clear_pointer (&self->tag_list, g_ptr_array_unref);
  g_clear_pointer (&self->tag_colours, g_array_unref);
  _alga_ticket_value_free (PROP_TAGS, self->values[PROP_TAGS]);

  if (texts->len == 0)
    {
      self->values[PROP_TAGS] = _alga_ticket_empty_strv;
      return;
    }

  g_ptr_array_add (texts, NULL);
  self->values[PROP_TAGS] = g_ptr_array_free (g_steal_pointer (&texts), FALSE);
  if (any_colour)
    self->tag_colours = g_steal_pointer (&colours);
}

static JsonObject *
parse_object_span (const char         *data,
                   const AlgaJsonSpan *span)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  /* Already checked by the scanner, depth included. */
  if (!json_parser_load_from_data (parser, data + span->start, span->end - span->start, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/**
 * alga_ticket_decode_scanned:
 * @decoder: state shared by the items of a page
 * @scan: a scanner that has just opened @object
 * @object: an object value
 *
 * Reads @object to its end and decodes it as alga_ticket_new_from_json() would decode its
 * tree. Members are noted as spans first and decoded once the object is whole, so that a
 * repeated member counts once, the last time, as in json-glib.
 *
 * Returns: (transfer full) (nullable): the ticket, or %NULL when the item is to be skipped (no
 *   ticket_id) or @scan failed (its status says)
 */
AlgaTicket *
alga_ticket_decode_scanned (AlgaTicketDecoder *decoder,
                            AlgaJsonScan      *scan,
                            AlgaJsonSpan      *object)
{
  g_autoptr(AlgaTicket) self = NULL;
  AlgaJsonSpan slots[N_SLOTS] = { { 0 } };
  const char *data = scan->data;
  AlgaJsonSpan key, value;
  char *ticket_id;
  gboolean done;

  while (alga_json_scan_next_member (scan, &key, &done) && !done)
    {
      int slot;

      if (!alga_json_scan_value (scan, &value) || !alga_json_scan_skip (scan, &value))
        return NULL;

      slot = find_slot (decoder, data, &key);
      if (slot >= 0)
        slots[slot] = value;
    }
  if (scan->status != ALGA_JSON_SCAN_OK)
    return NULL;

  ticket_id = alga_json_span_dup_text (data, &slots[PROP_TICKET_ID]);
  if (ticket_id == NULL || *ticket_id == '\0')
    {
      g_free (ticket_id);
      return NULL;
    }

  self = g_object_new (ALGA_TYPE_TICKET, NULL);
  self->values[PROP_TICKET_ID] = ticket_id;
  self->known |= PROP_BIT (PROP_TICKET_ID);

  for (guint i = PROP_TICKET_ID + 1; i < N_PROPS; i++)
    {
      const AlgaJsonSpan *span = &slots[i];

      if (span->kind == ALGA_JSON_KIND_NONE)
        continue;

      self->known |= PROP_BIT (i);
      if (span->kind == ALGA_JSON_KIND_NULL)
        continue;

      switch (_alga_ticket_kinds[i])
        {
        case KIND_STRING:
          self->values[i] = alga_json_span_dup_text (data, span);
          break;
        case KIND_POOLED:
          self->values[i] = decode_pooled (decoder, data, span);
          break;
        case KIND_DATE:
          self->values[i] = decode_datetime (decoder, data, span);
          break;
        default:
          break;
        }
    }

  if (slots[SLOT_STATUS_IS_CLOSED].kind != ALGA_JSON_KIND_NONE
      || slots[SLOT_IS_CLOSED].kind != ALGA_JSON_KIND_NONE)
    {
      const AlgaJsonSpan *span = slots[SLOT_STATUS_IS_CLOSED].kind != ALGA_JSON_KIND_NONE
                                 ? &slots[SLOT_STATUS_IS_CLOSED] : &slots[SLOT_IS_CLOSED];

      self->values[PROP_STATUS_IS_CLOSED] = GINT_TO_POINTER (decode_boolean (decoder, data, span));
      self->known |= PROP_BIT (PROP_STATUS_IS_CLOSED);
    }

  if (slots[SLOT_ATTRIBUTES].kind != ALGA_JSON_KIND_NONE)
    {
      self->known |= PROP_BIT (PROP_ATTRIBUTES) | PROP_BIT (PROP_DESCRIPTION) |
                     PROP_BIT (PROP_WATCHER_USER_IDS) | PROP_BIT (PROP_DUE_DATE);
      if (slots[SLOT_ATTRIBUTES].kind == ALGA_JSON_KIND_OBJECT)
        {
          JsonObject *attributes = parse_object_span (data, &slots[SLOT_ATTRIBUTES]);

          if (attributes != NULL)
            take_attributes (self, attributes);
        }
    }

  if (slots[SLOT_DUE_DATE].kind != ALGA_JSON_KIND_NONE)
    {
      take_due_date_column (self, decode_datetime (decoder, data, &slots[SLOT_DUE_DATE]));
    }

  if (slots[SLOT_TAGS].kind != ALGA_JSON_KIND_NONE)
    {
      self->known |= PROP_BIT (PROP_TAGS);
      decode_tags (decoder, self, data, &slots[SLOT_TAGS]);
    }

  if (slots[PROP_DESCRIPTION_HTML].kind != ALGA_JSON_KIND_NONE)
    {
      self->known |= PROP_BIT (PROP_HAS_DETAIL);
      self->values[PROP_HAS_DETAIL] = GINT_TO_POINTER (1);
    }

  return g_steal_pointer (&self);
}
