/* alga-test-server-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the route files share with the server core. Every route handler runs in the server
 * thread with self->lock held.
 */

#pragma once

#include <libsoup/soup.h>

#include "alga-test-server.h"
#include "alga-test-seed.h"
#include "alga-test-json.h"

G_BEGIN_DECLS

typedef struct
{
  char     *key;         /* the plaintext; the real server stores only its hash */
  char     *user_id;
  gint64    expires_at;  /* 0: never */
  gboolean  active;
} AlgaTestApiKey;

typedef struct
{
  char     *ott;
  char     *state;
  char     *user_id;
  gint64    expires_at;
  gboolean  used;
} AlgaTestOtt;

typedef struct
{
  char     *token;
  char     *user_id;
  char     *api_key;     /* the access key issued with it */
  gint64    expires_at;
  gboolean  revoked;
} AlgaTestRefreshToken;

typedef struct
{
  char          *method;   /* NULL: any */
  GPatternSpec  *pattern;
  AlgaTestFault  fault;    /* body and content_type owned */
  guint          left;     /* 0: unlimited */
} AlgaTestFaultEntry;

void      alga_test_fault_entry_free           (gpointer        entry);

typedef struct
{
  double  tokens;
  gint64  last_refill;  /* monotonic µs */
} AlgaTestBucket;

struct _AlgaTestServer
{
  GObject          parent_instance;

  GMutex           lock;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  SoupServer      *server;
  GCond            started_cond;
  gboolean         started;
  GError          *start_error;
  guint            port;
  char            *url;

  AlgaSeedData    *data;
  AlgaTestEdition  edition;
  guint            access_ttl;
  guint            refresh_ttl;
  guint            ott_ttl;
  char            *browser_user_id;  /* NULL: the browser has no session */

  guint            rate_burst;        /* 0: not enforced */
  guint            rate_per_minute;
  GHashTable      *buckets;           /* api key → AlgaTestBucket */

  GPtrArray       *faults;
  GPtrArray       *requests;          /* AlgaTestRequest */
  GHashTable      *api_keys;          /* plaintext → AlgaTestApiKey */
  GPtrArray       *otts;              /* AlgaTestOtt */
  GPtrArray       *refresh_tokens;    /* AlgaTestRefreshToken */
};

typedef struct
{
  AlgaTestServer     *self;
  AlgaSeedData       *data;
  SoupServerMessage  *msg;
  const char         *method;
  const char         *path;
  char              **segments;   /* path split at "/", segments[0] is "" */
  GHashTable         *query;      /* never NULL */
  const char         *api_key;
  const AlgaSeedUser *user;       /* the authenticated caller */
} AlgaTestCall;

typedef void (*AlgaTestRouteFunc) (AlgaTestCall *call);

/* alga-test-routes-tickets.c */
void      alga_test_route_tickets_list         (AlgaTestCall *call);
void      alga_test_route_tickets_stats        (AlgaTestCall *call);
void      alga_test_route_ticket_get           (AlgaTestCall *call);
void      alga_test_route_ticket_put           (AlgaTestCall *call);
void      alga_test_route_comments_get         (AlgaTestCall *call);
void      alga_test_route_comments_post        (AlgaTestCall *call);
void      alga_test_route_statuses             (AlgaTestCall *call);
void      alga_test_route_ticket_status        (AlgaTestCall *call);
void      alga_test_route_ticket_assignment    (AlgaTestCall *call);
void      alga_test_route_priorities           (AlgaTestCall *call);
void      alga_test_route_ticket_agents        (AlgaTestCall *call);
/* The ticket of /api/v1/tickets/{id}…, or NULL after answering 400 or 404. */
AlgaSeedTicket *alga_test_route_ticket_from_path (AlgaTestCall *call);
/* A uuid member of a request body; adds a Zod-like issue when missing (if required) or bad. */
const char *alga_test_body_uuid                (JsonObject   *body,
                                                const char   *name,
                                                JsonArray    *issues,
                                                gboolean      required);
JsonObject *alga_test_ticket_row               (AlgaSeedData *data,
                                                const AlgaSeedTicket *ticket);

/* alga-test-routes-ticket-create.c */
void      alga_test_route_ticket_create        (AlgaTestCall *call);

/* alga-test-routes-clients.c */
void      alga_test_route_clients              (AlgaTestCall *call);
void      alga_test_route_client_contacts      (AlgaTestCall *call);
void      alga_test_route_client_locations     (AlgaTestCall *call);
void      alga_test_route_contacts             (AlgaTestCall *call);

/* alga-test-notices.c: the suppression flags of a write, and what the server tells people. */
gboolean  alga_test_body_quiet                 (AlgaTestCall *call,
                                                JsonObject   *body,
                                                gboolean     *quiet_contact,
                                                gboolean     *quiet_agents);
void      alga_test_notify                     (AlgaTestCall         *call,
                                                const AlgaSeedTicket *ticket,
                                                const char           *event,
                                                gboolean              to_contact,
                                                gboolean              to_agents);

/* alga-test-routes-comments.c */
typedef enum
{
  ALGA_TEST_COMMENT_GET,
  ALGA_TEST_COMMENT_POST,
  ALGA_TEST_COMMENT_PUT,
} AlgaTestCommentShape;

/* viewer_id: whose reactions count as the current user's (GET only). */
JsonObject *alga_test_comment_object           (AlgaSeedData          *data,
                                                const AlgaSeedComment *c,
                                                AlgaTestCommentShape   shape,
                                                const char            *viewer_id);

/* alga-test-routes-threads.c */
void      alga_test_route_comment_put          (AlgaTestCall *call);
void      alga_test_route_comment_reaction     (AlgaTestCall *call);

/* alga-test-routes-documents.c */
void      alga_test_route_documents_list       (AlgaTestCall *call);
void      alga_test_route_documents_upload     (AlgaTestCall *call);
void      alga_test_route_document_download    (AlgaTestCall *call);
void      alga_test_route_document_delete      (AlgaTestCall *call);
/* The documents of a ticket as its detail and the list route show them, newest first. */
JsonArray *alga_test_ticket_documents          (AlgaSeedData *data,
                                                const char   *ticket_id);

/* alga-test-routes-checklist.c */
void      alga_test_route_checklist_list       (AlgaTestCall *call);
void      alga_test_route_checklist_add        (AlgaTestCall *call);
void      alga_test_route_checklist_patch      (AlgaTestCall *call);
/* Adds the checklist rule's detail to details when the board has the rule and the ticket has
 * required items not done. */
void      alga_test_close_rules_check          (AlgaTestCall         *call,
                                                const AlgaSeedTicket *t,
                                                const AlgaSeedBoard  *board,
                                                JsonArray            *details);

/* alga-test-routes-auth.c */
void      alga_test_route_capabilities         (AlgaTestCall *call);
void      alga_test_route_signin               (AlgaTestCall *call);
void      alga_test_route_handoff              (AlgaTestCall *call);
void      alga_test_route_exchange             (AlgaTestCall *call);
void      alga_test_route_refresh              (AlgaTestCall *call);
void      alga_test_route_revoke               (AlgaTestCall *call);
AlgaTestApiKey *alga_test_server_add_key       (AlgaTestServer *self,
                                                const char     *user_id,
                                                gint64          expires_at);
void      alga_test_api_key_free               (gpointer        key);
void      alga_test_ott_free                   (gpointer        ott);
void      alga_test_refresh_token_free         (gpointer        token);

/* alga-test-routes-misc.c */
void      alga_test_route_users                (AlgaTestCall *call);
void      alga_test_route_users_search         (AlgaTestCall *call);
void      alga_test_route_services             (AlgaTestCall *call);
void      alga_test_route_boards               (AlgaTestCall *call);
void      alga_test_route_priorities_full      (AlgaTestCall *call);
void      alga_test_route_activities           (AlgaTestCall *call);

/* alga-test-routes-time.c */
void      alga_test_route_time_entries_post    (AlgaTestCall *call);
void      alga_test_route_time_entries_list    (AlgaTestCall *call);
void      alga_test_route_time_entry_get       (AlgaTestCall *call);
void      alga_test_route_time_entry_delete    (AlgaTestCall *call);
void      alga_test_route_time_entry_put       (AlgaTestCall *call);
void      alga_test_route_ticket_time_entries  (AlgaTestCall *call);
void      alga_test_route_timer_start          (AlgaTestCall *call);
void      alga_test_route_timer_active         (AlgaTestCall *call);
void      alga_test_route_timer_stop           (AlgaTestCall *call);
/* For a route that no role may use: the permission check answers before it. */
void      alga_test_route_refused              (AlgaTestCall *call);

/* alga-test-roles.c: whether a role has a permission such as "user:read". */
gboolean  alga_test_role_may                   (AlgaTestRole        role,
                                                const char         *permission);
AlgaTestRole alga_test_user_role               (AlgaSeedData       *data,
                                                const AlgaSeedUser *user);

/* alga-test-server.c: changes that record activities like the real server. */
void      alga_test_ticket_touch               (AlgaTestCall   *call,
                                                AlgaSeedTicket *ticket);
void      alga_test_ticket_set_assignee        (AlgaSeedData   *data,
                                                AlgaSeedTicket *ticket,
                                                const char     *assignee_id,
                                                const char     *by_user_id);

/* Query helpers for the list routes: they add Zod-like issues on bad values. */
guint     alga_test_query_uint                 (AlgaTestCall *call,
                                                JsonArray    *issues,
                                                const char   *name,
                                                guint         fallback,
                                                guint         min,
                                                guint         max);

G_END_DECLS
