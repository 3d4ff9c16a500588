/* alga-test-seed.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test server's data: plain structs, created deterministically from a seed.
 * Timestamps are microseconds since the epoch, 0 meaning NULL.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  char     *name;
  gboolean  requires_resolution_note;  /* the board's close rule */
  gboolean  requires_checklist_done;   /* the close rule counting required checklist items */
  gboolean  itil_priorities;           /* priority_type "itil", else "custom" */
} AlgaSeedBoard;

typedef struct
{
  char     *id;
  char     *board_id;
  char     *name;
  gboolean  is_closed;
  gboolean  is_default;
  int       order_number;
} AlgaSeedStatus;

typedef struct
{
  char *id;
  char *name;
} AlgaSeedNamed;  /* categories, roles */

/* Begins like AlgaSeedNamed, so that alga_seed_find_named() finds priorities too. */
typedef struct
{
  char     *id;
  char     *name;
  char     *color;          /* "#RRGGBB" */
  int       order_number;
  int       itil_level;     /* 0: none */
  gboolean  is_itil;        /* is_from_itil_standard */
} AlgaSeedPriority;

typedef struct
{
  char     *id;
  char     *username;
  char     *first_name;
  char     *last_name;
  char     *email;
  char     *phone;
  char     *role_id;
  gint64    created_at;
  gboolean  is_inactive;
} AlgaSeedUser;

typedef struct
{
  char *id;
  char *name;
  char *email;
  char *phone;
  char *location_name;
} AlgaSeedClient;

typedef struct
{
  char *id;
  char *client_id;
  char *full_name;
  char *email;
  char *phone;
} AlgaSeedContact;

/* A client's site; a new ticket may name one of its own client's. */
typedef struct
{
  char     *id;
  char     *client_id;
  char     *name;
  char     *address;
  char     *city;
  char     *postal_code;
  char     *phone;
  gint64    created_at;
  gboolean  is_default;
  gboolean  is_active;
} AlgaSeedLocation;

typedef struct
{
  char *mapping_id;
  char *text;
  char *background_color;  /* nullable */
  char *text_color;        /* nullable */
} AlgaSeedTag;

typedef struct
{
  char       *id;
  char       *number;
  char       *title;
  char       *contact_id;
  char       *status_id;
  char       *category_id;
  char       *subcategory_id;
  char       *location_id;
  char       *priority_id;
  char       *entered_by;
  char       *updated_by;
  char       *assigned_to;
  char       *closed_by;
  gint64      entered_at;
  gint64      updated_at;
  gint64      closed_at;
  gint64      due_date;    /* the column, which only the web UI writes */
  gboolean    is_closed;
  JsonObject *attributes;  /* nullable */
  char       *board_id;
  char       *client_id;
  char       *origin;
  GPtrArray  *tags;        /* AlgaSeedTag, sorted by text */
} AlgaSeedTicket;

typedef struct
{
  char       *id;
  char       *ticket_id;
  char       *user_id;        /* nullable */
  char       *contact_id;     /* nullable */
  char       *note;
  char       *markdown;       /* nullable */
  char       *author_type;
  char       *thread_id;
  char       *parent_id;      /* nullable: the comment this one answers */
  JsonObject *metadata;       /* nullable */
  gboolean    is_internal;
  gboolean    is_resolution;
  gboolean    is_system;
  gint64      created_at;
  gint64      updated_at;
} AlgaSeedComment;

typedef struct
{
  char   *id;
  char   *name;
  char   *type_id;
  char   *type_name;
  char   *billing_method;
  char   *unit;
  char   *category_id;
  char   *description;
  gint64  default_rate;
} AlgaSeedService;

typedef struct
{
  char   *id;
  gint64  start_date;  /* midnight UTC, inclusive */
  gint64  end_date;    /* midnight UTC, exclusive */
} AlgaSeedPeriod;

typedef struct
{
  char   *id;
  char   *user_id;
  char   *period_id;
} AlgaSeedTimeSheet;

typedef struct
{
  char     *id;
  char     *user_id;
  char     *work_item_id;
  char     *work_item_type;
  char     *service_id;
  char     *time_sheet_id;
  char     *notes;
  gint64    start_time;
  gint64    end_time;
  gint64    created_at;
  int       billable_minutes;
} AlgaSeedTimeEntry;

typedef struct
{
  char     *id;
  char     *title;
  char     *message;
  char     *ticket_id;
  char     *user_id;   /* the recipient */
  char     *actor_id;
  gint64    created_at;
  gboolean  is_read;
} AlgaSeedActivity;

/* A message the server sends about a change: an e-mail to the ticket's contact, or an in-app
 * notification to the agents. Kept so that tests can see what a quiet change left out. */
typedef struct
{
  char     *ticket_id;
  char     *event;      /* "comment", "update" */
  gboolean  to_contact; /* else to the agents */
} AlgaSeedNotice;

typedef struct
{
  GRand      *rand;           /* runtime ids and tokens, after the seeding */
  gint64      now;            /* the "now" the seeded timestamps are relative to */
  char       *tenant_id;
  char       *me_id;          /* the demo technician */
  char       *other_id;
  char       *my_ticket_id;
  char       *unassigned_ticket_id;
  char       *demo_api_key;
  guint       next_ticket_number;

  GPtrArray  *boards;         /* AlgaSeedBoard */
  GPtrArray  *statuses;       /* AlgaSeedStatus */
  GPtrArray  *priorities;     /* AlgaSeedPriority, custom ones first, in creation order */
  GPtrArray  *categories;     /* AlgaSeedNamed */
  GPtrArray  *roles;          /* AlgaSeedNamed */
  GPtrArray  *users;          /* AlgaSeedUser */
  GPtrArray  *clients;        /* AlgaSeedClient */
  GPtrArray  *contacts;       /* AlgaSeedContact */
  GPtrArray  *locations;      /* AlgaSeedLocation, by client, the default first */
  GPtrArray  *tickets;        /* AlgaSeedTicket, in creation order */
  GPtrArray  *comments;       /* AlgaSeedComment, in creation order */
  GPtrArray  *services;       /* AlgaSeedService */
  GPtrArray  *periods;        /* AlgaSeedPeriod */
  GPtrArray  *time_sheets;    /* AlgaSeedTimeSheet */
  GPtrArray  *time_entries;   /* AlgaSeedTimeEntry */
  GPtrArray  *activities;     /* AlgaSeedActivity, oldest first */
  GPtrArray  *notices;        /* AlgaSeedNotice, oldest first */
  GPtrArray  *documents;      /* AlgaSeedDocument, in upload order */
  GPtrArray  *checklist_items; /* AlgaSeedChecklistItem, in creation order */
  GPtrArray  *reactions;      /* AlgaSeedReaction, oldest first */
  GHashTable *ticket_index;   /* id → AlgaSeedTicket */
} AlgaSeedData;

AlgaSeedData          *alga_seed_data_new        (guint          seed,
                                                  guint          n_tickets);
void                   alga_seed_data_free       (AlgaSeedData  *data);

char                  *alga_seed_new_uuid        (GRand         *rand);
char                  *alga_seed_new_token       (GRand         *rand,
                                                  guint          n_bytes,
                                                  gboolean       hex);

/* (transfer container) the priorities of board's kind (all of them for NULL), in order. */
GPtrArray             *alga_seed_board_priorities (AlgaSeedData        *data,
                                                   const AlgaSeedBoard *board);
const AlgaSeedBoard   *alga_seed_find_board      (AlgaSeedData  *data,
                                                  const char    *id);
const AlgaSeedStatus  *alga_seed_find_status     (AlgaSeedData  *data,
                                                  const char    *id);
const AlgaSeedNamed   *alga_seed_find_named      (GPtrArray     *array,
                                                  const char    *id);
const AlgaSeedUser    *alga_seed_find_user       (AlgaSeedData  *data,
                                                  const char    *id);
const AlgaSeedClient  *alga_seed_find_client     (AlgaSeedData  *data,
                                                  const char    *id);
const AlgaSeedContact *alga_seed_find_contact    (AlgaSeedData  *data,
                                                  const char    *id);
const AlgaSeedLocation *alga_seed_find_location (AlgaSeedData *data,
                                                  const char    *id);
const AlgaSeedService *alga_seed_find_service    (AlgaSeedData  *data,
                                                  const char    *id);
AlgaSeedTicket        *alga_seed_find_ticket     (AlgaSeedData  *data,
                                                  const char    *id);
char                  *alga_seed_user_name       (const AlgaSeedUser *user);

AlgaSeedTicket        *alga_seed_add_ticket      (AlgaSeedData  *data,
                                                  const char    *title,
                                                  const char    *board_id,
                                                  const char    *client_id,
                                                  const char    *assignee_id,
                                                  const char    *entered_by,
                                                  gint64         entered_at);
AlgaSeedComment       *alga_seed_add_comment     (AlgaSeedData  *data,
                                                  const char    *ticket_id,
                                                  const char    *note,
                                                  gboolean       is_internal,
                                                  const char    *user_id,
                                                  const char    *contact_id,
                                                  gint64         created_at);
void                   alga_seed_add_activity    (AlgaSeedData  *data,
                                                  const AlgaSeedTicket *ticket,
                                                  const char    *recipient_id,
                                                  const char    *actor_id,
                                                  const char    *title,
                                                  const char    *message);

G_END_DECLS
