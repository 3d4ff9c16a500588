/* alga-test-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A local server that behaves like a real Alga PSA server (docs/API.md; tests/samples holds
 * what the real one answered), quirks included, with deterministic seeded data. Tests link it
 * in-process; `alga-demo-server` runs it standalone. It knows nothing of src/.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_TEST_SERVER (alga_test_server_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTestServer, alga_test_server, ALGA, TEST_SERVER, GObject)

typedef enum
{
  ALGA_TEST_EDITION_COMMUNITY,   /* capabilities enabled:false; exchange answers 403 */
  ALGA_TEST_EDITION_ENTERPRISE,  /* the mobile sign-in flow works */
} AlgaTestEdition;

typedef enum
{
  ALGA_TEST_FAULT_STATUS,        /* answer status + body + content_type instead of the route */
  ALGA_TEST_FAULT_DELAY,         /* answer normally after delay_ms */
  ALGA_TEST_FAULT_DROP,          /* close the connection without an answer */
  ALGA_TEST_FAULT_TRUNCATE,      /* send the normal answer cut to half its length, then close */
  ALGA_TEST_FAULT_SLOW_HEADERS,  /* send the status line and headers one byte per delay_ms */
  ALGA_TEST_FAULT_HUGE_BODY,     /* answer 200 application/json with a body of size bytes */
} AlgaTestFaultKind;

/* The seeded roles of a real server and what each may do (docs/API.md, Roles). A role belongs
 * to a user, so every key of that user has it. */
typedef enum
{
  ALGA_TEST_ROLE_ADMIN,        /* everything the API lets anyone do */
  ALGA_TEST_ROLE_TECHNICIAN,   /* no users, services, time periods; may not delete time entries */
  ALGA_TEST_ROLE_DISPATCHER,   /* no services, time periods, ticket categories; may not log time */
} AlgaTestRole;

/* "admin", "technician" or "dispatcher" (any case); FALSE for anything else. */
gboolean         alga_test_role_from_string           (const char       *name,
                                                       AlgaTestRole     *role);
const char      *alga_test_role_to_string             (AlgaTestRole      role);

typedef struct
{
  AlgaTestFaultKind  kind;
  guint              status;        /* STATUS */
  const char        *body;          /* STATUS; may be NULL for an empty body */
  const char        *content_type;  /* STATUS; NULL means application/json */
  guint              retry_after;   /* STATUS: if not 0, a Retry-After header in seconds */
  guint              delay_ms;      /* DELAY, SLOW_HEADERS */
  gsize              size;          /* HUGE_BODY */
  guint              times;         /* how many matching requests it hits; 0 means all */
} AlgaTestFault;

typedef struct
{
  char *method;
  char *path;          /* without the query */
  char *query;         /* raw query string, or NULL */
  char *body;          /* request body as text, or NULL */
  char *api_key;       /* the x-api-key header, or NULL */
  char *tenant_id;     /* the x-tenant-id header, or NULL */
  guint status;        /* the status answered */
} AlgaTestRequest;

void             alga_test_request_free               (AlgaTestRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaTestRequest, alga_test_request_free)

/* A server with seed 1, 500 tickets and the enterprise edition, listening on 127.0.0.1 at a
 * port chosen by the OS, answering from its own thread. */
AlgaTestServer  *alga_test_server_new                 (void);
AlgaTestServer  *alga_test_server_new_full            (guint             seed,
                                                       guint             n_tickets,
                                                       AlgaTestEdition   edition,
                                                       guint             port,
                                                       GError          **error);

const char      *alga_test_server_get_url             (AlgaTestServer   *self);  /* "http://127.0.0.1:PORT" */
const char      *alga_test_server_get_tenant_id       (AlgaTestServer   *self);

/* The demo technician (the "me" of the tests): a personal API key, the e-mail and id. */
const char      *alga_test_server_get_api_key         (AlgaTestServer   *self);
const char      *alga_test_server_get_user_email      (AlgaTestServer   *self);
const char      *alga_test_server_get_user_id         (AlgaTestServer   *self);
/* Another internal user, for changes "by someone else". */
const char      *alga_test_server_get_other_user_id   (AlgaTestServer   *self);
/* The role of the demo technician (the user of alga_test_server_get_api_key()). It is Admin
 * unless set, so that a test sees everything unless it asks for a role. */
void             alga_test_server_set_role            (AlgaTestServer   *self,
                                                       AlgaTestRole      role);
AlgaTestRole     alga_test_server_get_role            (AlgaTestServer   *self);
void             alga_test_server_set_user_role       (AlgaTestServer   *self,
                                                       const char       *user_id,
                                                       AlgaTestRole      role);
/* A new personal API key for any seeded user. */
char            *alga_test_server_create_api_key      (AlgaTestServer   *self,
                                                       const char       *user_id);

void             alga_test_server_set_edition         (AlgaTestServer   *self,
                                                       AlgaTestEdition   edition);
/* Lifetimes of mobile tokens issued from now on (defaults 28800 s, 2592000 s, 60 s). */
void             alga_test_server_set_token_ttls      (AlgaTestServer   *self,
                                                       guint             access_ttl_sec,
                                                       guint             refresh_ttl_sec,
                                                       guint             ott_ttl_sec);
/* The user the simulated browser is signed in as for the handoff (default: the technician). */
void             alga_test_server_set_browser_user    (AlgaTestServer   *self,
                                                       const char       *user_id);
/* Enforced API rate limit (docs/API.md, Rate limits): a bucket of burst requests refilled
 * per_minute; 0, 0 is off. */
void             alga_test_server_set_rate_limit      (AlgaTestServer   *self,
                                                       guint             burst,
                                                       guint             per_minute);

/* Faults for requests whose method (NULL = any) and path (a GPatternSpec glob such as
 * "/api/v1/tickets/ *" without the space) match, tried in the order they were added. */
void             alga_test_server_add_fault           (AlgaTestServer   *self,
                                                       const char       *method,
                                                       const char       *path_glob,
                                                       const AlgaTestFault *fault);
void             alga_test_server_clear_faults        (AlgaTestServer   *self);

/* What the server was asked, in order (AlgaTestRequest elements). */
GPtrArray       *alga_test_server_dup_requests        (AlgaTestServer   *self);
guint            alga_test_server_count_requests      (AlgaTestServer   *self,
                                                       const char       *method,
                                                       const char       *path_glob);
void             alga_test_server_clear_requests      (AlgaTestServer   *self);

/* Changes made "by someone else", as the watcher and UI tests need them. Each bumps the
 * ticket's updated_at and records an activity like the real server. */
gboolean         alga_test_server_assign_ticket       (AlgaTestServer   *self,
                                                       const char       *ticket_id,
                                                       const char       *assignee_id,  /* NULL unassigns */
                                                       const char       *by_user_id);
char            *alga_test_server_add_comment         (AlgaTestServer   *self,        /* returns comment id */
                                                       const char       *ticket_id,
                                                       const char       *text,
                                                       gboolean          is_internal,
                                                       const char       *by_user_id,  /* NULL: the ticket's contact */
                                                       const char       *by_contact_id);
/* The due_date column, which only the web UI can set (NULL clears it). */
gboolean         alga_test_server_set_due_date        (AlgaTestServer   *self,
                                                       const char       *ticket_id,
                                                       GDateTime        *due_date,
                                                       const char       *by_user_id);
/* The addresses the server would e-mail as the ticket's watchers (its attributes.watch_list). */
char           **alga_test_server_dup_watch_list_emails (AlgaTestServer *self,
                                                       const char       *ticket_id);
char            *alga_test_server_create_ticket       (AlgaTestServer   *self,        /* returns ticket id */
                                                       const char       *title,
                                                       const char       *assignee_id);

/* What the server told people about a ticket, oldest first: "contact:<event>" for an e-mail to
 * its contact, "agents:<event>" for an in-app notification, where event is "comment",
 * "update" or "created". A write with suppressContactNotifications (and
 * suppressInternalNotifications) leaves the first (and the second) out. */
char           **alga_test_server_dup_notices         (AlgaTestServer   *self,
                                                       const char       *ticket_id);

/* What hangs off a ticket, for tests that need it set up or checked (alga-test-server-parts.c). */
char            *alga_test_server_add_checklist_item  (AlgaTestServer   *self,        /* returns item id */
                                                       const char       *ticket_id,
                                                       const char       *name,
                                                       gboolean          is_required);
/* Gives the board of ticket_id the close rule that counts required checklist items. */
void             alga_test_server_set_checklist_rule  (AlgaTestServer   *self,
                                                       const char       *ticket_id,
                                                       gboolean          enabled);
char            *alga_test_server_add_document        (AlgaTestServer   *self,        /* returns document id */
                                                       const char       *ticket_id,
                                                       const char       *name,
                                                       const char       *mime_type,
                                                       GBytes           *content,
                                                       const char       *by_user_id);
/* NULL when the ticket has no document of that name. */
GBytes          *alga_test_server_dup_document_content (AlgaTestServer  *self,
                                                       const char       *ticket_id,
                                                       const char       *name);
guint            alga_test_server_count_documents     (AlgaTestServer   *self,
                                                       const char       *ticket_id);
gboolean         alga_test_server_has_reaction        (AlgaTestServer   *self,
                                                       const char       *comment_id,
                                                       const char       *user_id,
                                                       const char       *emoji);
/* The stored text and parent of a comment (NULL when it has none). */
char            *alga_test_server_dup_comment_text    (AlgaTestServer   *self,
                                                       const char       *comment_id);
char            *alga_test_server_dup_comment_parent  (AlgaTestServer   *self,
                                                       const char       *comment_id);

/* Read access to the data, for assertions. Returns a JSON text of the stored object. */
char            *alga_test_server_dup_ticket_json     (AlgaTestServer   *self,
                                                       const char       *ticket_id);
guint            alga_test_server_count_comments      (AlgaTestServer   *self,
                                                       const char       *ticket_id);
guint            alga_test_server_count_time_entries  (AlgaTestServer   *self,
                                                       const char       *user_id);
/* Some ticket ids with known properties: one assigned to the technician, one unassigned. */
const char      *alga_test_server_get_my_ticket_id    (AlgaTestServer   *self);
const char      *alga_test_server_get_unassigned_ticket_id (AlgaTestServer *self);

void             alga_test_server_stop                (AlgaTestServer   *self);

G_END_DECLS
