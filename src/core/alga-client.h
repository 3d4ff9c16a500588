/* alga-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "alga-activity.h"
#include "alga-board.h"
#include "alga-comment.h"
#include "alga-contact.h"
#include "alga-credentials.h"
#include "alga-customer.h"
#include "alga-location.h"
#include "alga-new-ticket.h"
#include "alga-pagination.h"
#include "alga-priority.h"
#include "alga-quiet.h"
#include "alga-service.h"
#include "alga-status.h"
#include "alga-ticket-query.h"
#include "alga-ticket-stats.h"
#include "alga-ticket.h"
#include "alga-time-entry.h"
#include "alga-user.h"

G_BEGIN_DECLS

#define ALGA_TYPE_CLIENT (alga_client_get_type ())

G_DECLARE_FINAL_TYPE (AlgaClient, alga_client, ALGA, CLIENT, GObject)

/**
 * AlgaRequestFlags:
 * @ALGA_REQUEST_DEFAULT: send the credentials' key, refresh on 401, retry what may be retried
 * @ALGA_REQUEST_NO_AUTH: send no `x-api-key`/`x-tenant-id` and never refresh (mobile-auth calls)
 * @ALGA_REQUEST_NO_RETRY: never retry on 5xx, network errors or timeouts, even for GET (a 429
 *   is still waited for and tried once more, since the server did nothing)
 *
 * See alga_client_request_async() for what each request does.
 */
typedef enum
{
  ALGA_REQUEST_DEFAULT  = 0,
  ALGA_REQUEST_NO_AUTH  = 1 << 0,
  ALGA_REQUEST_NO_RETRY = 1 << 1,
} AlgaRequestFlags;

/* The largest answer body the client accepts (32 MiB); a larger one is a BAD_RESPONSE. */
#define ALGA_CLIENT_MAX_BODY_SIZE (32 * 1024 * 1024)

AlgaClient  *alga_client_new                  (const char           *base_url,
                                               GError              **error);

const char  *alga_client_get_base_url         (AlgaClient           *self);
gboolean     alga_client_get_offline          (AlgaClient           *self);
gboolean     alga_client_get_sending          (AlgaClient           *self);
SoupSession *alga_client_get_session          (AlgaClient           *self);

void         alga_client_set_credentials      (AlgaClient           *self,
                                               AlgaCredentials      *credentials);

guint        alga_client_get_timeout          (AlgaClient           *self);
void         alga_client_set_timeout          (AlgaClient           *self,
                                               guint                 seconds);

void         alga_client_set_retry_policy     (AlgaClient           *self,
                                               guint                 max_attempts,
                                               guint                 base_delay_ms);

void         alga_client_request_async        (AlgaClient           *self,
                                               const char           *method,
                                               const char           *path,
                                               const char           *query,
                                               JsonNode             *body,
                                               AlgaRequestFlags      flags,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
JsonNode    *alga_client_request_finish       (AlgaClient           *self,
                                               GAsyncResult         *result,
                                               GError              **error);
JsonNode    *alga_client_request_finish_full  (AlgaClient           *self,
                                               GAsyncResult         *result,
                                               guint                *status_out,
                                               guint                *retry_after_out,
                                               GError              **error);

/* Typed endpoints (docs/API.md says what each relies on). Each parses its answer on the
 * calling thread and returns models; lists are GPtrArrays that own their items. */

/* Tickets: the list, the counts, a ticket, its comments and changes, a new ticket, and the
 * notifications (alga-client-tickets.c). */

void             alga_client_list_tickets_async         (AlgaClient           *self,
                                                         AlgaTicketQuery      *query,
                                                         guint                 page,
                                                         guint                 limit,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_tickets_finish        (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         AlgaPagination      **pagination,
                                                         GError              **error);

void             alga_client_get_ticket_stats_async     (AlgaClient           *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTicketStats *alga_client_get_ticket_stats_finish    (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_get_ticket_async           (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTicket      *alga_client_get_ticket_finish          (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_list_comments_async        (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         guint                 offset,
                                                         guint                 limit,
                                                         gboolean              markdown,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_comments_finish       (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* What a typed comment is posted as: the text itself, or BlockNote when it has lines or lists. */
char            *alga_client_comment_text_for_server    (const char           *text);
void             alga_client_post_comment_async         (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         const char           *text,
                                                         gboolean              is_internal,
                                                         gboolean              is_resolution,
                                                         AlgaQuiet             quiet,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaComment     *alga_client_post_comment_finish        (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_set_status_async           (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         const char           *status_id,
                                                         AlgaQuiet             quiet,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTicket      *alga_client_set_status_finish          (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_set_assignee_async         (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         const char           *user_id,
                                                         AlgaQuiet             quiet,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTicket      *alga_client_set_assignee_finish        (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_update_ticket_async        (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         JsonObject           *fields,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTicket      *alga_client_update_ticket_finish       (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_update_attributes_async    (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         JsonObject           *changes,
                                                         AlgaQuiet             quiet,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTicket      *alga_client_update_attributes_finish   (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_set_priority_async         (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         const char           *priority_id,
                                                         AlgaQuiet             quiet,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTicket      *alga_client_set_priority_finish        (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_create_ticket_async        (AlgaClient           *self,
                                                         AlgaNewTicket        *ticket,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTicket      *alga_client_create_ticket_finish       (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_list_activities_async      (AlgaClient           *self,
                                                         guint                 page,
                                                         guint                 limit,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_activities_finish     (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         AlgaPagination      **pagination,
                                                         GError              **error);

/* Statuses, priorities, boards, staff, clients with their contacts and sites: the lists that
 * a ticket's fields are chosen from (alga-client-reference.c). */

void             alga_client_list_statuses_async        (AlgaClient           *self,
                                                         const char           *board_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_statuses_finish       (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_list_priorities_async      (AlgaClient           *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_priorities_finish     (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_list_boards_async          (AlgaClient           *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_boards_finish         (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_list_users_async           (AlgaClient           *self,
                                                         const char           *search,
                                                         guint                 page,
                                                         guint                 limit,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_users_finish          (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         AlgaPagination      **pagination,
                                                         GError              **error);

void             alga_client_list_customers_async       (AlgaClient           *self,
                                                         const char           *search,
                                                         guint                 limit,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_customers_finish      (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_list_contacts_async        (AlgaClient           *self,
                                                         const char           *client_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_contacts_finish       (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_list_locations_async       (AlgaClient           *self,
                                                         const char           *client_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_locations_finish      (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Services and time entries, and the server's timer (alga-client-time.c). */

void             alga_client_list_services_async        (AlgaClient           *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_services_finish       (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_create_time_entry_async    (AlgaClient           *self,
                                                         const char           *ticket_id,
                                                         const char           *service_id,
                                                         GDateTime            *start,
                                                         GDateTime            *end,
                                                         const char           *notes,
                                                         gboolean              billable,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTimeEntry   *alga_client_create_time_entry_finish   (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_list_time_entries_async    (AlgaClient           *self,
                                                         const char           *user_id,
                                                         const char           *date_from,
                                                         const char           *date_to,
                                                         const char           *ticket_id,
                                                         guint                 page,
                                                         guint                 limit,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray       *alga_client_list_time_entries_finish   (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         AlgaPagination      **pagination,
                                                         GError              **error);

void             alga_client_get_active_session_async   (AlgaClient           *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTimeEntry   *alga_client_get_active_session_finish  (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_stop_session_async         (AlgaClient           *self,
                                                         const char           *session_id,
                                                         GDateTime            *end,
                                                         const char           *service_id,
                                                         const char           *notes,
                                                         int                   billable,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTimeEntry   *alga_client_stop_session_finish        (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_update_time_entry_async    (AlgaClient           *self,
                                                         const char           *entry_id,
                                                         GDateTime            *start,
                                                         GDateTime            *end,
                                                         const char           *service_id,
                                                         const char           *notes,
                                                         int                   billable,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AlgaTimeEntry   *alga_client_update_time_entry_finish   (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* The mobile-auth calls need no key and answer bare objects, which AlgaSession decodes
 * (alga-client-auth.c). */

void             alga_client_get_capabilities_async     (AlgaClient           *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
JsonObject      *alga_client_get_capabilities_finish    (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_exchange_ott_async         (AlgaClient           *self,
                                                         const char           *ott,
                                                         const char           *state,
                                                         JsonObject           *device,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
JsonObject      *alga_client_exchange_ott_finish        (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_refresh_tokens_async       (AlgaClient           *self,
                                                         const char           *refresh_token,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
JsonObject      *alga_client_refresh_tokens_finish      (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             alga_client_revoke_async               (AlgaClient           *self,
                                                         const char           *refresh_token,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
JsonObject      *alga_client_revoke_finish              (AlgaClient           *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
