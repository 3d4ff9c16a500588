/* test-ticket-choices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaTicketChoices against the test server: what the ticket pane's fields offer follows the
 * account's reference data. While its lists are fresh, asking again changes nothing and asks
 * the server nothing; once they are stale, the next ticket shown reads them again.
 */

#include "config.h"

#include "alga-client.h"
#include "alga-reference-data.h"
#include "alga-test-credentials.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"
#include "alga-ticket-choices.h"

typedef struct
{
  AlgaTestServer      *server;
  AlgaClient          *client;
  AlgaTestCredentials *credentials;
  AlgaReferenceData   *reference_data;
  AlgaTicketChoices   *choices;
  char                *board_id;
  guint                n_changed;
  guint                n_failed;
} Fixture;

static void
on_changed_cb (AlgaTicketChoices *choices,
               Fixture           *f)
{
  f->n_changed++;
}

static void
on_failed_cb (AlgaTicketChoices *choices,
              const char        *what_failed,
              GError            *error,
              Fixture           *f)
{
  f->n_failed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AlgaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  f->server = alga_test_server_new ();
  alga_test_server_set_role (f->server, ALGA_TEST_ROLE_ADMIN);
  f->client = alga_client_new (alga_test_server_get_url (f->server), &error);
  g_assert_no_error (error);
  f->credentials = alga_test_credentials_new (alga_test_server_get_api_key (f->server));
  alga_client_set_credentials (f->client, ALGA_CREDENTIALS (f->credentials));

  alga_client_get_ticket_async (f->client, alga_test_server_get_my_ticket_id (f->server), NULL,
                                alga_test_store_result_cb, &result);
  ticket = alga_client_get_ticket_finish (f->client, alga_test_wait_for_result (&result, 30000),
                                          &error);
  g_assert_no_error (error);
  f->board_id = g_strdup (alga_ticket_get_board_id (ticket));
  g_assert_nonnull (f->board_id);

  f->reference_data = alga_reference_data_new (f->client, NULL);
  f->choices = alga_ticket_choices_new ();
  alga_ticket_choices_set_reference_data (f->choices, f->reference_data);
  g_signal_connect (f->choices, "changed", G_CALLBACK (on_changed_cb), f);
  g_signal_connect (f->choices, "failed", G_CALLBACK (on_failed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->choices);
  alga_test_wait_for_sole_reference (f->reference_data, 30000);
  g_assert_finalize_object (f->reference_data);
  alga_test_wait_for_sole_reference (f->client, 30000);
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->credentials);
  alga_test_server_stop (f->server);
  g_object_unref (f->server);
  g_free (f->board_id);
}

static gboolean
everything_known (Fixture *f)
{
  return alga_ticket_choices_get_statuses (f->choices, f->board_id) != NULL &&
         g_list_model_get_n_items (alga_ticket_choices_get_priorities (f->choices)) > 0 &&
         !alga_ticket_choices_get_boards_loading (f->choices) &&
         alga_ticket_choices_get_user_name (f->choices,
                                            alga_test_server_get_user_id (f->server)) != NULL;
}

static void
test_follows_reference_data (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *statuses;
  guint n_statuses;
  guint n_changed;
  guint n_requests;

  alga_ticket_choices_load (f->choices, f->board_id);
  alga_test_wait_until (everything_known (f), 30000);
  /* The last list's answer may still be on its way after the lookups hold. */
  alga_test_wait_until (f->n_changed >= 4, 30000);
  statuses = alga_ticket_choices_get_statuses (f->choices, f->board_id);
  n_statuses = g_list_model_get_n_items (statuses);
  g_assert_cmpuint (n_statuses, >, 0);

  /* Fresh: the reference data answers from memory with the same lists, and nothing changes. */
  n_changed = f->n_changed;
  n_requests = alga_test_server_count_requests (f->server, NULL, "*");
  alga_ticket_choices_load (f->choices, f->board_id);
  /* A fixed time on purpose: no answer should come in it that changes anything. */
  alga_test_spin (200);
  g_assert_cmpuint (f->n_changed, ==, n_changed);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, NULL, "*"), ==, n_requests);
  g_assert_true (alga_ticket_choices_get_statuses (f->choices, f->board_id) == statuses);

  /* Stale: the next load reads the lists again, and the fields are offered the new ones. */
  alga_reference_data_invalidate (f->reference_data);
  alga_ticket_choices_load (f->choices, f->board_id);
  alga_test_wait_until (alga_ticket_choices_get_statuses (f->choices, f->board_id) != statuses, 30000);
  g_assert_cmpuint (alga_test_server_count_requests (f->server, "GET", "/api/v1/tickets/statuses*"), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (alga_ticket_choices_get_statuses (f->choices, f->board_id)),
                    ==, n_statuses);
  alga_test_wait_until (alga_test_server_count_requests (f->server, "GET", "/api/v1/priorities*") == 2, 30000);
  g_assert_cmpuint (f->n_failed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ticket-choices/follows-reference-data", Fixture, NULL, fixture_set_up,
              test_follows_reference_data, fixture_tear_down);

  return g_test_run ();
}
