/* alga-test-roles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seeded roles of a real server (docs/API.md, Roles, and the server's role_permissions
 * seed): which permission each lacks. A route names the permission it checks; the server
 * refuses a caller whose role lacks it with 403 FORBIDDEN "Permission denied: Cannot …".
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"

static const char * const role_names[] = {
  [ALGA_TEST_ROLE_ADMIN] = "Admin",
  [ALGA_TEST_ROLE_TECHNICIAN] = "Technician",
  [ALGA_TEST_ROLE_DISPATCHER] = "Dispatcher",
};

/* Nobody may read time periods through the API: the Admin key is refused too. */
static const char * const admin_lacks[] = {
  "time_period:read",
  NULL,
};

static const char * const technician_lacks[] = {
  "user:read",
  "service:read",
  "service_type:read",
  "team:read",
  "time_period:read",
  "timeentry:delete",
  "ticket:close_override",
  "timesheet:read_all",
  NULL,
};

static const char * const dispatcher_lacks[] = {
  "service:read",
  "time_period:read",
  "timeentry:create",
  "timeentry:update",
  "timeentry:delete",
  "ticket_settings:read",
  "ticket:close_override",
  "timesheet:read_all",
  NULL,
};

gboolean
alga_test_role_from_string (const char   *name,
                            AlgaTestRole *role)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_ascii_strcasecmp (name, role_names[i]) == 0)
      {
        *role = (AlgaTestRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
alga_test_role_to_string (AlgaTestRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (role_names), NULL);

  return role_names[role];
}

gboolean
alga_test_role_may (AlgaTestRole  role,
                    const char   *permission)
{
  const char * const *lacks = role == ALGA_TEST_ROLE_TECHNICIAN ? technician_lacks
                              : role == ALGA_TEST_ROLE_DISPATCHER ? dispatcher_lacks : admin_lacks;

  return permission == NULL || !g_strv_contains (lacks, permission);
}

AlgaTestRole
alga_test_user_role (AlgaSeedData       *data,
                     const AlgaSeedUser *user)
{
  const AlgaSeedNamed *named = alga_seed_find_named (data->roles, user->role_id);
  AlgaTestRole role = ALGA_TEST_ROLE_ADMIN;

  if (named != NULL)
    alga_test_role_from_string (named->name, &role);
  return role;
}

static const AlgaSeedNamed *
find_role (AlgaSeedData *data,
           AlgaTestRole  role)
{
  for (guint i = 0; i < data->roles->len; i++)
    {
      const AlgaSeedNamed *named = g_ptr_array_index (data->roles, i);

      if (g_str_equal (named->name, role_names[role]))
        return named;
    }
  g_assert_not_reached ();
}

void
alga_test_server_set_user_role (AlgaTestServer *self,
                                const char     *user_id,
                                AlgaTestRole    role)
{
  AlgaSeedUser *user;

  g_return_if_fail (ALGA_IS_TEST_SERVER (self));
  g_return_if_fail (role < G_N_ELEMENTS (role_names));

  g_mutex_lock (&self->lock);
  user = (AlgaSeedUser *) alga_seed_find_user (self->data, user_id);
  g_assert (user != NULL);
  g_free (user->role_id);
  user->role_id = g_strdup (find_role (self->data, role)->id);
  g_mutex_unlock (&self->lock);
}

void
alga_test_server_set_role (AlgaTestServer *self,
                           AlgaTestRole    role)
{
  g_return_if_fail (ALGA_IS_TEST_SERVER (self));

  alga_test_server_set_user_role (self, self->data->me_id, role);
}

AlgaTestRole
alga_test_server_get_role (AlgaTestServer *self)
{
  AlgaTestRole role;

  g_return_val_if_fail (ALGA_IS_TEST_SERVER (self), ALGA_TEST_ROLE_ADMIN);

  g_mutex_lock (&self->lock);
  role = alga_test_user_role (self->data, alga_seed_find_user (self->data, self->data->me_id));
  g_mutex_unlock (&self->lock);
  return role;
}

void
alga_test_route_refused (AlgaTestCall *call)
{
  alga_test_reply_error (call->msg, 403, "FORBIDDEN", "Permission denied", NULL);
}
