/* test-server-new-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test server's ticket creation, the lookups a new ticket's form needs and the suppression
 * flags of quiet changes: compared with the real server's answers in tests/samples (same status,
 * envelope and keys), then what they do.
 */

#include "config.h"

#include <string.h>

#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

typedef struct
{
  const char *sample;  /* file name in tests/samples */
  guint       status;
  const char *method;
  const char *path;    /* {T} ticket, {B} board, {C} client, {ST} status of {B}, {OS} status of
                        * another board, {P} priority, {L} location of {C}, {FL} location and
                        * {FC} contact of another client, {R} random uuid */
  const char *body;
} Case;

#define BASE "\"board_id\":\"{B}\",\"client_id\":\"{C}\",\"status_id\":\"{ST}\",\"priority_id\":\"{P}\""

static const Case cases[] = {
  { "49_create_ticket.json", 201, "POST", "/api/v1/tickets", "{\"title\":\"desktop ticket\"," BASE ",\"attributes\":{\"description\":\"Line one.\\nLine two.\"}}" },
  { "49b_create_no_client.json", 400, "POST", "/api/v1/tickets", "{\"title\":\"no client\",\"board_id\":\"{B}\",\"status_id\":\"{ST}\",\"priority_id\":\"{P}\"}" },
  { "49c_create_status_other_board.json", 400, "POST", "/api/v1/tickets", "{\"title\":\"other board status\",\"board_id\":\"{B}\",\"client_id\":\"{C}\",\"status_id\":\"{OS}\",\"priority_id\":\"{P}\"}" },
  { "49d_create_empty.json", 400, "POST", "/api/v1/tickets", "{}" },
  { "49e_create_badjson.json", 400, "POST", "/api/v1/tickets", "{\"title\":" },
  { "49f_create_unknown_client.json", 400, "POST", "/api/v1/tickets", "{\"title\":\"unknown client\",\"board_id\":\"{B}\",\"client_id\":\"{R}\",\"status_id\":\"{ST}\",\"priority_id\":\"{P}\"}" },
  { "49g_create_title256.json", 400, "POST", "/api/v1/tickets", "256" },
  { "49h_create_attributes_null.json", 400, "POST", "/api/v1/tickets", "{\"title\":\"attrs null\"," BASE ",\"attributes\":null}" },
  { "49i_create_full_tech.json", 201, "POST", "/api/v1/tickets", "{\"title\":\"full create\"," BASE ",\"location_id\":\"{L}\",\"assigned_to\":\"{U}\",\"url\":\"https://example.com/kb/1\",\"attributes\":{\"description\":\"x\"},\"tags\":[\"printer\"]}" },
  { "49k_create_foreign_location.json", 400, "POST", "/api/v1/tickets", "{\"title\":\"foreign location\"," BASE ",\"location_id\":\"{FL}\"}" },
  { "49l_create_foreign_contact.json", 201, "POST", "/api/v1/tickets", "{\"title\":\"foreign contact\"," BASE ",\"contact_name_id\":\"{FC}\"}" },
  { "49n_create_with_suppress_flags.json", 201, "POST", "/api/v1/tickets", "{\"title\":\"flags\"," BASE ",\"suppressContactNotifications\":true,\"suppressInternalNotifications\":true}" },
  { "50_clients.json", 200, "GET", "/api/v1/clients?limit=2&page=1&sort=client_name&order=asc", NULL },
  { "50b_clients_search.json", 200, "GET", "/api/v1/clients?search=acme&is_inactive=false", NULL },
  { "50c_clients_default_sort.json", 200, "GET", "/api/v1/clients?limit=3", NULL },
  { "50d_clients_sort_bogus.json", 500, "GET", "/api/v1/clients?sort=bogus", NULL },
  { "50e_clients_limit101.json", 400, "GET", "/api/v1/clients?limit=101", NULL },
  { "50f_clients_search_none.json", 200, "GET", "/api/v1/clients?search=zzzznotfound", NULL },
  { "51_client_contacts.json", 200, "GET", "/api/v1/clients/{C}/contacts", NULL },
  { "51c_client_locations.json", 200, "GET", "/api/v1/clients/{C}/locations", NULL },
  { "51d_client_unknown_contacts.json", 404, "GET", "/api/v1/clients/{R}/contacts", NULL },
  { "51e_client_notuuid_locations.json", 500, "GET", "/api/v1/clients/not-a-uuid/locations", NULL },
  { "52_contacts_by_client.json", 200, "GET", "/api/v1/contacts?client_id={C}&is_inactive=false&sort=full_name&order=asc", NULL },
  { "52b_contacts_search.json", 200, "GET", "/api/v1/contacts?search=a&limit=5", NULL },
  { "52c_contacts_client_notuuid.json", 400, "GET", "/api/v1/contacts?client_id=nope", NULL },
  { "53_boards.json", 200, "GET", "/api/v1/boards?limit=100", NULL },
  { "53d_boards_display_order_asc.json", 200, "GET", "/api/v1/boards?sort=display_order&order=asc&is_inactive=false", NULL },
  { "65b_comment_no_suppress.json", 201, "POST", "/api/v1/tickets/{T}/comments", "{\"comment_text\":\"Public comment, no suppression flags\"}" },
  { "65c_comment_suppress_internal_only.json", 400, "POST", "/api/v1/tickets/{T}/comments", "{\"comment_text\":\"x\",\"suppressInternalNotifications\":true}" },
  { "65d_comment_suppress_both.json", 201, "POST", "/api/v1/tickets/{T}/comments", "{\"comment_text\":\"both flags\",\"suppressContactNotifications\":true,\"suppressInternalNotifications\":true}" },
  { "65f_reassign_suppress_both.json", 200, "PUT", "/api/v1/tickets/{T}/assignment", "{\"assigned_to\":\"{U}\",\"suppressContactNotifications\":true,\"suppressInternalNotifications\":true}" },
  { "65g_status_suppress_internal_only.json", 400, "PUT", "/api/v1/tickets/{T}/status", "{\"status_id\":\"{TS}\",\"suppressInternalNotifications\":true}" },
  { "65h_status_suppress_both.json", 200, "PUT", "/api/v1/tickets/{T}/status", "{\"status_id\":\"{TS}\",\"suppressContactNotifications\":true,\"suppressInternalNotifications\":true}" },
  { "65i_assign_suppress_internal_only.json", 400, "PUT", "/api/v1/tickets/{T}/assignment", "{\"assigned_to\":\"{U}\",\"suppressInternalNotifications\":true}" },
  { "65j_put_suppress_internal_only.json", 400, "PUT", "/api/v1/tickets/{T}", "{\"title\":\"renamed\",\"suppressInternalNotifications\":true}" },
  { "65k_put_suppress_contact_only.json", 200, "PUT", "/api/v1/tickets/{T}", "{\"title\":\"renamed quietly\",\"suppressContactNotifications\":true}" },
  { "65l_suppress_string.json", 400, "PUT", "/api/v1/tickets/{T}", "{\"suppressContactNotifications\":\"true\"}" },
};

/* Members whose contents depend on the data or the query, not on the shape. */
static const char * const skip[] = { "filters", "attributes", "metadata", "tags", NULL };

typedef struct
{
  AlgaTestServer *server;
  SoupSession    *session;
  GHashTable     *vars;
} Fixture;

static char *
expand (Fixture    *fixture,
        const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *end;

      if (*p == '{' && (end = strchr (p, '}')) != NULL && end - p <= 3 && end - p >= 2)
        {
          g_autofree char *name = g_strndup (p + 1, end - p - 1);
          const char *value = g_hash_table_lookup (fixture->vars, name);

          if (value != NULL)
            {
              g_string_append (out, value);
              p = end;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static AlgaTestResponse *
request (Fixture    *fixture,
         const char *method,
         const char *path,
         const char *body)
{
  g_autofree char *expanded = expand (fixture, path);
  g_autofree char *url = g_strconcat (alga_test_server_get_url (fixture->server), expanded, NULL);
  g_autofree char *expanded_body = body != NULL ? expand (fixture, body) : NULL;

  return alga_test_http (fixture->session, method, url, alga_test_server_get_api_key (fixture->server),
                         expanded_body, NULL);
}

static JsonNode *
get_json (Fixture    *fixture,
          const char *path)
{
  g_autoptr(AlgaTestResponse) r = request (fixture, "GET", path, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_node_ref (r->json);
}

static void
set_var (Fixture    *fixture,
         const char *name,
         const char *value)
{
  g_assert_nonnull (value);
  g_hash_table_insert (fixture->vars, (char *) name, g_strdup (value));
}

/* The ids the cases use, found as the app would find them: through the routes. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(JsonNode) boards = NULL;
  g_autoptr(JsonNode) statuses = NULL;
  g_autoptr(JsonNode) clients = NULL;
  g_autoptr(JsonNode) priorities = NULL;
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(GError) error = NULL;
  const char *board;
  JsonArray *array;

  fixture->server = alga_test_server_new_full (7, 60, ALGA_TEST_EDITION_COMMUNITY, 0, &error);
  g_assert_no_error (error);
  /* Everything here is what a technician may do. */
  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  fixture->session = soup_session_new ();
  fixture->vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  set_var (fixture, "T", alga_test_server_get_my_ticket_id (fixture->server));
  set_var (fixture, "U", alga_test_server_get_other_user_id (fixture->server));
  set_var (fixture, "R", "0b7e5a6c-1f2d-4e3a-9b8c-7d6e5f4a3b2c");

  boards = get_json (fixture, "/api/v1/boards?sort=display_order&order=asc");
  board = alga_test_json_string (boards, "data.0.board_id");
  set_var (fixture, "B", board);
  statuses = get_json (fixture, "/api/v1/tickets/statuses");
  array = json_node_get_array (alga_test_json_at (statuses, "data"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *s = json_array_get_object_element (array, i);

      if (!g_str_equal (json_object_get_string_member (s, "board_id"), board))
        set_var (fixture, "OS", json_object_get_string_member (s, "status_id"));
      else if (!json_object_get_boolean_member (s, "is_closed") && !g_hash_table_contains (fixture->vars, "ST"))
        set_var (fixture, "ST", json_object_get_string_member (s, "status_id"));
    }
  priorities = get_json (fixture, "/api/v1/priorities?item_type=ticket&sort=order_number&order=asc&limit=100");
  set_var (fixture, "P", alga_test_json_string (priorities, "data.0.priority_id"));

  /* A client with a branch office, so that it has several locations. */
  clients = get_json (fixture, "/api/v1/clients?sort=client_name&order=asc&limit=100");
  array = json_node_get_array (alga_test_json_at (clients, "data"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (array, i), "client_id");
      g_autofree char *locations_path = g_strdup_printf ("/api/v1/clients/%s/locations", id);
      g_autofree char *contacts_path = g_strdup_printf ("/api/v1/clients/%s/contacts", id);
      g_autoptr(JsonNode) locations = get_json (fixture, locations_path);
      g_autoptr(JsonNode) contacts = get_json (fixture, contacts_path);
      guint n = json_array_get_length (json_node_get_array (alga_test_json_at (locations, "data")));

      if (!g_hash_table_contains (fixture->vars, "C") && n > 1)
        {
          set_var (fixture, "C", id);
          set_var (fixture, "L", alga_test_json_string (locations, "data.0.location_id"));
        }
      else if (!g_hash_table_contains (fixture->vars, "FL"))
        {
          set_var (fixture, "FL", alga_test_json_string (locations, "data.0.location_id"));
          set_var (fixture, "FC", alga_test_json_string (contacts, "data.0.contact_name_id"));
        }
    }

  /* An open status of the ticket's board other than its own. */
  {
    g_autofree char *path = expand (fixture, "/api/v1/tickets/{T}");

    detail = get_json (fixture, path);
  }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (alga_test_json_at (statuses, "data"))); i++)
    {
      JsonObject *s = json_array_get_object_element (json_node_get_array (alga_test_json_at (statuses, "data")), i);

      if (g_str_equal (json_object_get_string_member (s, "board_id"), alga_test_json_string (detail, "data.board_id")) &&
          !json_object_get_boolean_member (s, "is_closed") &&
          !g_str_equal (json_object_get_string_member (s, "status_id"), alga_test_json_string (detail, "data.status_id")))
        set_var (fixture, "TS", json_object_get_string_member (s, "status_id"));
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->server);
  g_hash_table_unref (fixture->vars);
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  user_data)
{
  const Case *c = user_data;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *why = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AlgaTestResponse) r = NULL;

  if (g_strcmp0 (c->body, "256") == 0)
    {
      g_autofree char *title = g_strnfill (256, 'x');

      body = g_strdup_printf ("{\"title\":\"%s\"," BASE "}", title);
    }
  else
    body = g_strdup (c->body);

  r = request (fixture, c->method, c->path, body);
  g_assert_no_error (r->error);
  if (r->status != c->status)
    g_error ("%s: %u\n%s", c->sample, r->status, r->body);

  text = alga_test_read_sample (c->sample, NULL);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  g_assert_nonnull (r->json);
  if (!alga_test_json_same_shape (r->json, json_parser_get_root (parser), skip, &why))
    g_error ("%s: %s\n%s", c->sample, why, r->body);
}

static JsonNode *
create (Fixture    *fixture,
        const char *extra)
{
  g_autofree char *body = g_strdup_printf ("{\"title\":\"From a phone call\"," BASE "%s}", extra);
  g_autoptr(AlgaTestResponse) r = request (fixture, "POST", "/api/v1/tickets", body);

  if (r->status != 201)
    g_error ("%u %s", r->status, r->body);
  return json_node_ref (r->json);
}

/* The quirks the form must not rely on the server for. */
static void
test_create_quirks (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonNode) created = create (fixture, ",\"url\":\"https://example.com/kb/1\",\"tags\":[\"printer\"],"
                                                 "\"contact_name_id\":\"{FC}\",\"location_id\":\"{L}\"");
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", alga_test_json_string (created, "data.ticket_id"));
  g_autoptr(JsonNode) detail = get_json (fixture, path);
  JsonObject *d = json_node_get_object (alga_test_json_at (detail, "data"));

  /* url dropped on create, tags echoed but not stored, another client's contact stored. */
  g_assert_true (json_object_get_null_member (json_node_get_object (alga_test_json_at (created, "data")), "url"));
  g_assert_nonnull (alga_test_json_at (created, "data.tags"));
  g_assert_true (json_object_get_null_member (d, "url"));
  g_assert_false (json_object_has_member (d, "tags"));
  g_assert_cmpstr (json_object_get_string_member (d, "contact_name_id"), ==, g_hash_table_lookup (fixture->vars, "FC"));
  g_assert_cmpstr (json_object_get_string_member (d, "location_id"), ==, g_hash_table_lookup (fixture->vars, "L"));
  g_assert_cmpstr (json_object_get_string_member (d, "entered_by"), ==, alga_test_server_get_user_id (fixture->server));
  g_assert_cmpstr (json_object_get_string_member (d, "source"), ==, "api");
  g_assert_cmpstr (json_object_get_string_member (d, "ticket_origin"), ==, "api");
}

/* Created tickets are listed like any other, and a failed create uses no ticket number. */
static void
test_create_listed (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) mine = NULL;
  g_autofree char *me = g_strdup_printf (",\"assigned_to\":\"%s\"", alga_test_server_get_user_id (fixture->server));
  g_autofree char *list = g_strdup_printf ("/api/v1/tickets?assigned_to=%s&is_open=true&limit=100",
                                           alga_test_server_get_user_id (fixture->server));
  const char *a, *b;

  first = create (fixture, me);
  {
    g_autoptr(AlgaTestResponse) r = request (fixture, "POST", "/api/v1/tickets", "{\"title\":\"no client\"}");

    g_assert_cmpuint (r->status, ==, 400);
  }
  second = create (fixture, me);
  a = alga_test_json_string (first, "data.ticket_number");
  b = alga_test_json_string (second, "data.ticket_number");
  g_assert_cmpint (g_ascii_strtoll (b + 3, NULL, 10), ==, g_ascii_strtoll (a + 3, NULL, 10) + 1);

  mine = get_json (fixture, list);
  {
    JsonArray *items = json_node_get_array (alga_test_json_at (mine, "data"));
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (items); i++)
      found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i), "ticket_id"),
                            alga_test_json_string (second, "data.ticket_id"));
    g_assert_true (found);
  }
}

static gboolean
has_notice (char      **notices,
            const char *notice)
{
  return notices != NULL && g_strv_contains ((const char * const *) notices, notice);
}

/* Quiet changes: the flags reach the server, which then leaves out whom they name. */
static void
test_quiet_comments (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *me = g_strdup_printf (",\"assigned_to\":\"%s\",\"contact_name_id\":\"{FC}\"",
                                         alga_test_server_get_other_user_id (fixture->server));
  g_autoptr(JsonNode) created = create (fixture, me);
  const char *id = alga_test_json_string (created, "data.ticket_id");
  g_autofree char *comments = g_strdup_printf ("/api/v1/tickets/%s/comments", id);
  g_auto(GStrv) notices = NULL;

  /* Creation notifies the assignee even when asked not to. */
  notices = alga_test_server_dup_notices (fixture->server, id);
  g_assert_true (has_notice (notices, "agents:created"));
  g_clear_pointer (&notices, g_strfreev);

  {
    g_autoptr(AlgaTestResponse) r = request (fixture, "POST", comments,
                                             "{\"comment_text\":\"quiet\",\"suppressContactNotifications\":true}");

    g_assert_cmpuint (r->status, ==, 201);
  }
  notices = alga_test_server_dup_notices (fixture->server, id);
  g_assert_false (has_notice (notices, "contact:comment"));
  g_assert_true (has_notice (notices, "agents:comment"));
  g_clear_pointer (&notices, g_strfreev);

  {
    g_autoptr(AlgaTestResponse) r = request (fixture, "POST", comments,
                                             "{\"comment_text\":\"silent\",\"suppressContactNotifications\":true,"
                                             "\"suppressInternalNotifications\":true}");

    g_assert_cmpuint (r->status, ==, 201);
  }
  notices = alga_test_server_dup_notices (fixture->server, id);
  g_assert_cmpuint (g_strv_length (notices), ==, 3);  /* created ×2, the first comment's */
  g_clear_pointer (&notices, g_strfreev);

  {
    g_autoptr(AlgaTestResponse) r = request (fixture, "POST", comments, "{\"comment_text\":\"loud\"}");

    g_assert_cmpuint (r->status, ==, 201);
  }
  notices = alga_test_server_dup_notices (fixture->server, id);
  g_assert_true (has_notice (notices, "contact:comment"));
  g_assert_cmpuint (g_strv_length (notices), ==, 5);
}

static void
test_quiet_updates (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonNode) created = create (fixture, ",\"contact_name_id\":\"{FC}\"");
  const char *id = alga_test_json_string (created, "data.ticket_id");
  g_autofree char *path = g_strdup_printf ("/api/v1/tickets/%s", id);
  g_auto(GStrv) notices = NULL;
  guint before;

  notices = alga_test_server_dup_notices (fixture->server, id);
  before = g_strv_length (notices);
  g_clear_pointer (&notices, g_strfreev);
  {
    g_autoptr(AlgaTestResponse) r = request (fixture, "PUT", path, "{\"title\":\"quiet\",\"suppressContactNotifications\":true}");

    g_assert_cmpuint (r->status, ==, 200);
  }
  notices = alga_test_server_dup_notices (fixture->server, id);
  g_assert_cmpuint (g_strv_length (notices), ==, before);
  g_clear_pointer (&notices, g_strfreev);
  {
    g_autoptr(AlgaTestResponse) r = request (fixture, "PUT", path, "{\"title\":\"loud\"}");

    g_assert_cmpuint (r->status, ==, 200);
  }
  notices = alga_test_server_dup_notices (fixture->server, id);
  g_assert_cmpuint (g_strv_length (notices), ==, before + 1);
  g_assert_cmpstr (notices[before], ==, "contact:update");
}

/* The contacts of a client are its own; inactive locations are listed, the default first. */
static void
test_lookups (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *contacts_path = expand (fixture, "/api/v1/clients/{C}/contacts");
  g_autofree char *locations_path = expand (fixture, "/api/v1/clients/{C}/locations");
  g_autoptr(JsonNode) contacts = get_json (fixture, contacts_path);
  g_autoptr(JsonNode) locations = get_json (fixture, locations_path);
  g_autoptr(JsonNode) found = get_json (fixture, "/api/v1/clients?search=DENTAL&sort=client_name&order=asc");
  JsonArray *array = json_node_get_array (alga_test_json_at (contacts, "data"));

  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i), "client_id"), ==,
                     g_hash_table_lookup (fixture->vars, "C"));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (alga_test_json_at (locations, "data.0")),
                                                 "is_default"));
  g_assert_cmpstr (alga_test_json_string (found, "data.0.client_name"), ==, "Acme Dental Group");
  g_assert_cmpint (alga_test_json_int (found, "pagination.total"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *base = g_strdup (cases[i].sample);
      g_autofree char *name = NULL;

      *strchr (base, '.') = '\0';
      name = g_strdup_printf ("/server/new-ticket/samples/%s", base);
      g_test_add (name, Fixture, &cases[i], fixture_set_up, test_sample, fixture_tear_down);
    }
  g_test_add ("/server/new-ticket/create-quirks", Fixture, NULL, fixture_set_up, test_create_quirks, fixture_tear_down);
  g_test_add ("/server/new-ticket/create-listed", Fixture, NULL, fixture_set_up, test_create_listed, fixture_tear_down);
  g_test_add ("/server/new-ticket/lookups", Fixture, NULL, fixture_set_up, test_lookups, fixture_tear_down);
  g_test_add ("/server/quiet/comments", Fixture, NULL, fixture_set_up, test_quiet_comments, fixture_tear_down);
  g_test_add ("/server/quiet/updates", Fixture, NULL, fixture_set_up, test_quiet_updates, fixture_tear_down);
  return g_test_run ();
}
