/* alga-ticket-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-ticket.h"
#include "alga-json-scan.h"

G_BEGIN_DECLS

/* What the items of one page share while they are decoded from bytes. */
typedef struct _AlgaTicketDecoder AlgaTicketDecoder;

AlgaTicketDecoder *alga_ticket_decoder_new    (void);
void               alga_ticket_decoder_free   (AlgaTicketDecoder *decoder);
AlgaTicket        *alga_ticket_decode_scanned (AlgaTicketDecoder *decoder,
                                               AlgaJsonScan      *scan,
                                               AlgaJsonSpan      *object);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaTicketDecoder, alga_ticket_decoder_free)

/* For tests: a bit per property (in installation order, from 1) that the JSON carried. */
guint64            alga_ticket_get_known      (AlgaTicket        *self);

/* The ticket's own state, shared by alga-ticket.c (the GObject) and alga-ticket-json.c (the
 * JSON it is read from and written to). */

enum
{
  PROP_0,
  PROP_TICKET_ID,
  PROP_TICKET_NUMBER,
  PROP_TITLE,
  PROP_URL,
  PROP_STATUS_ID,
  PROP_STATUS_NAME,
  PROP_STATUS_IS_CLOSED,
  PROP_PRIORITY_ID,
  PROP_PRIORITY_NAME,
  PROP_ASSIGNED_TO,
  PROP_ASSIGNED_TO_NAME,
  PROP_ASSIGNED_TEAM_ID,
  PROP_CLIENT_ID,
  PROP_CLIENT_NAME,
  PROP_CLIENT_EMAIL,
  PROP_CLIENT_PHONE,
  PROP_CONTACT_NAME_ID,
  PROP_CONTACT_NAME,
  PROP_CONTACT_EMAIL,
  PROP_CONTACT_PHONE,
  PROP_CONTACT_AVATAR_URL,
  PROP_LOCATION_NAME,
  PROP_BOARD_ID,
  PROP_BOARD_NAME,
  PROP_CATEGORY_NAME,
  PROP_ENTERED_BY,
  PROP_ENTERED_BY_NAME,
  PROP_ENTERED_AT,
  PROP_UPDATED_AT,
  PROP_CLOSED_AT,
  PROP_DUE_DATE,
  PROP_DUE_DATE_IS_COLUMN,
  PROP_DESCRIPTION,
  PROP_DESCRIPTION_HTML,
  PROP_TAGS,
  PROP_WATCHER_USER_IDS,
  PROP_ATTRIBUTES,
  PROP_HAS_DETAIL,
  N_PROPS
};

#define PROP_BIT(prop) (G_GUINT64_CONSTANT (1) << (prop))

G_STATIC_ASSERT (N_PROPS <= 64);

/* How each property is kept in values[]. POOLED strings are interned GRefStrings, shared by
 * every ticket that names the same status, priority, client, person or board (docs/PERFORMANCE.md,
 * Tickets as structs with shared strings);
 * a pooled string goes away with its last ticket, so the pool cannot grow without bound. */
typedef enum
{
  KIND_STRING,
  KIND_POOLED,
  KIND_BOOLEAN,
  KIND_DATE,
  KIND_STRV,
  KIND_OBJECT,
} Kind;

static inline char *
_alga_ticket_pool_string (const char *text)
{
  return text != NULL ? g_ref_string_new_intern (text) : NULL;
}

/* A plain struct of fields: one pointer per property (a boolean as GINT_TO_POINTER), set
 * directly by the decoders; the GObject property machinery is only for bindings. */
struct _AlgaTicket
{
  GObject parent_instance;

  gpointer   values[N_PROPS];

  /* A bit per property that the JSON carried (PROP_BIT). */
  guint64    known;
  /* AlgaTag, or NULL; the colours behind the "tags" texts. NULL with an empty "tags" stands
   * for an empty list, which is by far the commonest. */
  GPtrArray *tag_list;
  /* TagColours, one per text, or NULL: what pages of tickets decode instead of AlgaTags, which
   * alga_ticket_get_tag_list() makes only when asked (memory, for pages of thousands).
   * Shared, never changed. */
  GArray    *tag_colours;
  /* alga_ticket_get_search_text(), made when first asked for and dropped when a part changes. */
  char      *search_text;
};

typedef struct
{
  char *tag_id;             /* the tag's mapping to this ticket: unique, plain */
  char *background_color;   /* pooled */
  char *text_color;         /* pooled */
} TagColours;

/* alga-ticket.c */
/* How each property is kept, by property. */
extern const guint8 _alga_ticket_kinds[N_PROPS];
/* The tags of every ticket known to have none; never freed. */
extern char        *_alga_ticket_empty_strv[];

void                _alga_ticket_value_free (guint    prop,
                                             gpointer value);

G_END_DECLS
