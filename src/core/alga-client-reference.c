/* alga-client-reference.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference data (docs/API.md, Statuses and a status change, Priorities, Boards, services and
 * people, A new ticket): the lists a ticket's fields are chosen from, the statuses, priorities,
 * boards and staff, and a new ticket's client with its contacts and sites.
 */

#define G_LOG_DOMAIN "alga-client"

#include "config.h"

#include "alga-client.h"
#include "alga-client-call.h"

/**
 * alga_client_list_statuses_async:
 * @self: a #AlgaClient
 * @board_id: (nullable): only the statuses of this board; %NULL for every board's
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the ticket statuses. They belong to boards: offer a ticket only its board's.
 */
void
alga_client_list_statuses_async (AlgaClient          *self,
                                 const char          *board_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (ALGA_IS_CLIENT (self));

  if (board_id != NULL)
    alga_client_call_append_param (query, "board_id", board_id);

  alga_client_call_full (self, alga_client_list_statuses_async, "GET", "/api/v1/tickets/statuses",
                         query->str, NULL, ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_ARRAY,
                         (AlgaJsonDecodeFunc) alga_status_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_statuses_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaStatus): the statuses
 */
GPtrArray *
alga_client_list_statuses_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_statuses_async, error);
}

/**
 * alga_client_list_priorities_async:
 * @self: a #AlgaClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the ticket priorities in the server's order, with their colours and their kind
 * (`GET /api/v1/priorities`, which a technician may read: it checks ticket:read).
 * `/tickets/priorities` has neither colour, order nor kind.
 */
void
alga_client_list_priorities_async (AlgaClient          *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  /* Without sort= the newest come first; there is one page of them in practice. */
  alga_client_call_full (self, alga_client_list_priorities_async, "GET", "/api/v1/priorities",
                         "item_type=ticket&sort=order_number&order=asc&limit=100", NULL,
                         ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_ARRAY,
                         (AlgaJsonDecodeFunc) alga_priority_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_priorities_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaPriority): the priorities
 */
GPtrArray *
alga_client_list_priorities_finish (AlgaClient    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_priorities_async, error);
}

/**
 * alga_client_list_boards_async:
 * @self: a #AlgaClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends `GET /api/v1/boards`: the boards in their display order, for their names (statuses only
 * carry ids) and for a new ticket's board.
 */
void
alga_client_list_boards_async (AlgaClient          *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (ALGA_IS_CLIENT (self));

  /* Without order=asc the highest display order comes first. */
  alga_client_call_full (self, alga_client_list_boards_async, "GET", "/api/v1/boards",
                         "sort=display_order&order=asc&limit=100", NULL, ALGA_REQUEST_DEFAULT,
                         NULL, ALGA_CLIENT_CALL_ARRAY,
                         (AlgaJsonDecodeFunc) alga_board_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_boards_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaBoard): the boards
 */
GPtrArray *
alga_client_list_boards_finish (AlgaClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_boards_async, error);
}

/**
 * alga_client_list_users_async:
 * @self: a #AlgaClient
 * @search: (nullable): text to look for in names and e-mail addresses
 * @page: the page, from 1
 * @limit: users per page, 1 to 100
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets active internal users, for the assignee picker. Uses `GET /api/v1/users?search=`:
 * `/users/search` refuses every API key with a 401.
 */
void
alga_client_list_users_async (AlgaClient          *self,
                              const char          *search,
                              guint                page,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (ALGA_IS_CLIENT (self));

  if (search != NULL && *search != '\0')
    alga_client_call_append_param (query, "search", search);
  alga_client_call_append_param (query, "user_type", "internal");
  alga_client_call_append_param (query, "is_inactive", "false");
  alga_client_call_append_uint_param (query, "page", MAX (page, 1));
  alga_client_call_append_uint_param (query, "limit", CLAMP (limit, 1, 100));

  alga_client_call_full (self, alga_client_list_users_async, "GET", "/api/v1/users", query->str,
                         NULL, ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_PAGINATED,
                         (AlgaJsonDecodeFunc) alga_user_new_from_json,
                         cancellable, callback, user_data);
}

/**
 * alga_client_list_users_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @pagination: (out) (optional) (transfer full) (nullable): the page's position
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaUser): the users
 */
GPtrArray *
alga_client_list_users_finish (AlgaClient      *self,
                               GAsyncResult    *result,
                               AlgaPagination **pagination,
                               GError         **error)
{
  return alga_client_call_finish_full (self, result, alga_client_list_users_async, pagination,
                                       error);
}

/**
 * alga_client_list_customers_async:
 * @self: a #AlgaClient
 * @search: (nullable): part of the name to look for
 * @limit: how many, 1 to 100
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the active clients of the MSP by name (`GET /api/v1/clients`), for a new ticket.
 */
void
alga_client_list_customers_async (AlgaClient          *self,
                                  const char          *search,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (limit >= 1 && limit <= 100);

  /* Without sort= the newest come first; an unknown sort column is a 500. */
  alga_client_call_append_param (query, "is_inactive", "false");
  alga_client_call_append_param (query, "sort", "client_name");
  alga_client_call_append_param (query, "order", "asc");
  alga_client_call_append_uint_param (query, "limit", limit);
  if (search != NULL && *search != '\0')
    alga_client_call_append_param (query, "search", search);
  alga_client_call_full (self, alga_client_list_customers_async, "GET", "/api/v1/clients",
                         query->str, NULL, ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_PAGINATED,
                         (AlgaJsonDecodeFunc) alga_customer_new_from_json, cancellable, callback,
                         user_data);
}

/**
 * alga_client_list_customers_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaCustomer): the clients
 */
GPtrArray *
alga_client_list_customers_finish (AlgaClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_customers_async, error);
}

static char *
customer_path (const char *client_id,
               const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (client_id, NULL, FALSE);

  return g_strconcat ("/api/v1/clients/", escaped, suffix, NULL);
}

/**
 * alga_client_list_contacts_async:
 * @self: a #AlgaClient
 * @client_id: the client whose contacts to get
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets the first 100 contacts of one client. The server would accept any client's contact on a
 * ticket: offer only these.
 */
void
alga_client_list_contacts_async (AlgaClient          *self,
                                 const char          *client_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (client_id != NULL);

  path = customer_path (client_id, "/contacts");
  alga_client_call_full (self, alga_client_list_contacts_async, "GET", path, "limit=100", NULL,
                         ALGA_REQUEST_DEFAULT, NULL, ALGA_CLIENT_CALL_PAGINATED,
                         (AlgaJsonDecodeFunc) alga_contact_new_from_json, cancellable, callback,
                         user_data);
}

/**
 * alga_client_list_contacts_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaContact): the contacts
 */
GPtrArray *
alga_client_list_contacts_finish (AlgaClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_contacts_async, error);
}

/**
 * alga_client_list_locations_async:
 * @self: a #AlgaClient
 * @client_id: the client whose sites to get
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gets a client's locations, the default first, inactive ones included.
 */
void
alga_client_list_locations_async (AlgaClient          *self,
                                  const char          *client_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ALGA_IS_CLIENT (self));
  g_return_if_fail (client_id != NULL);

  path = customer_path (client_id, "/locations");
  alga_client_call (self, alga_client_list_locations_async, "GET", path, NULL, NULL,
                    ALGA_CLIENT_CALL_ARRAY, (AlgaJsonDecodeFunc) alga_location_new_from_json,
                    cancellable, callback, user_data);
}

/**
 * alga_client_list_locations_finish:
 * @self: a #AlgaClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AlgaLocation): the locations
 */
GPtrArray *
alga_client_list_locations_finish (AlgaClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return alga_client_call_finish (self, result, alga_client_list_locations_async, error);
}
