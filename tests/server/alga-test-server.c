/* alga-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server.h"

struct _AlgaTestServer
{
  GObject parent_instance;
  char   *url;
};

G_DEFINE_FINAL_TYPE (AlgaTestServer, alga_test_server, G_TYPE_OBJECT)

static void
alga_test_server_finalize (GObject *object)
{
  AlgaTestServer *self = ALGA_TEST_SERVER (object);

  g_free (self->url);

  G_OBJECT_CLASS (alga_test_server_parent_class)->finalize (object);
}

static void
alga_test_server_class_init (AlgaTestServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alga_test_server_finalize;
}

static void
alga_test_server_init (AlgaTestServer *self)
{
}

void
alga_test_request_free (AlgaTestRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  g_free (request->api_key);
  g_free (request->tenant_id);
  g_free (request);
}

AlgaTestServer *
alga_test_server_new (void)
{
  return alga_test_server_new_full (1, 500, ALGA_TEST_EDITION_ENTERPRISE, 0, NULL);
}

AlgaTestServer *
alga_test_server_new_full (guint             seed,
                           guint             n_tickets,
                           AlgaTestEdition   edition,
                           guint             port,
                           GError          **error)
{
  AlgaTestServer *self = g_object_new (ALGA_TYPE_TEST_SERVER, NULL);

  self->url = g_strdup_printf ("http://127.0.0.1:%u", port);
  return self;
}

const char *alga_test_server_get_url (AlgaTestServer *self) { return self->url; }
const char *alga_test_server_get_tenant_id (AlgaTestServer *self) { return ""; }
const char *alga_test_server_get_api_key (AlgaTestServer *self) { return ""; }
const char *alga_test_server_get_user_email (AlgaTestServer *self) { return ""; }
const char *alga_test_server_get_user_id (AlgaTestServer *self) { return ""; }
const char *alga_test_server_get_other_user_id (AlgaTestServer *self) { return ""; }
char *alga_test_server_create_api_key (AlgaTestServer *self, const char *user_id) { return NULL; }
void alga_test_server_set_edition (AlgaTestServer *self, AlgaTestEdition edition) { }
void alga_test_server_set_token_ttls (AlgaTestServer *self, guint a, guint r, guint o) { }
void alga_test_server_set_browser_user (AlgaTestServer *self, const char *user_id) { }
void alga_test_server_set_rate_limit (AlgaTestServer *self, guint burst, guint per_minute) { }
void alga_test_server_add_fault (AlgaTestServer *self, const char *method, const char *path_glob, const AlgaTestFault *fault) { }
void alga_test_server_clear_faults (AlgaTestServer *self) { }
GPtrArray *alga_test_server_dup_requests (AlgaTestServer *self) { return g_ptr_array_new_with_free_func ((GDestroyNotify) alga_test_request_free); }
guint alga_test_server_count_requests (AlgaTestServer *self, const char *method, const char *path_glob) { return 0; }
void alga_test_server_clear_requests (AlgaTestServer *self) { }
gboolean alga_test_server_assign_ticket (AlgaTestServer *self, const char *ticket_id, const char *assignee_id, const char *by_user_id) { return FALSE; }
char *alga_test_server_add_comment (AlgaTestServer *self, const char *ticket_id, const char *text, gboolean is_internal, const char *by_user_id, const char *by_contact_id) { return NULL; }
char *alga_test_server_create_ticket (AlgaTestServer *self, const char *title, const char *assignee_id) { return NULL; }
char *alga_test_server_dup_ticket_json (AlgaTestServer *self, const char *ticket_id) { return NULL; }
guint alga_test_server_count_comments (AlgaTestServer *self, const char *ticket_id) { return 0; }
guint alga_test_server_count_time_entries (AlgaTestServer *self, const char *user_id) { return 0; }
const char *alga_test_server_get_my_ticket_id (AlgaTestServer *self) { return ""; }
const char *alga_test_server_get_unassigned_ticket_id (AlgaTestServer *self) { return ""; }
void alga_test_server_stop (AlgaTestServer *self) { }
