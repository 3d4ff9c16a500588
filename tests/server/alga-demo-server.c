/* alga-demo-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the test server on its own, for trying the app by hand:
 *   alga-demo-server --port 8080 --seed 1 --tickets 500 --edition ee --role technician
 * The printed key is the demo technician's, with the role asked for (default admin).
 */

#define G_LOG_DOMAIN "alga-demo-server"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib-unix.h>

#include "alga-test-server.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  int seed = 1;
  int tickets = 500;
  g_autofree char *edition = NULL;
  g_autofree char *role_name = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the demo data", "N" },
    { "tickets", 0, 0, G_OPTION_ARG_INT, &tickets, "Number of tickets", "N" },
    { "edition", 0, 0, G_OPTION_ARG_STRING, &edition, "ce or ee (default ee)", "EDITION" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name,
      "Role of the key's user: admin, technician or dispatcher (default admin)", "ROLE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- a local Alga PSA demo server");
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTestServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  AlgaTestEdition ed = ALGA_TEST_EDITION_ENTERPRISE;
  AlgaTestRole role = ALGA_TEST_ROLE_ADMIN;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (edition != NULL && g_ascii_strcasecmp (edition, "ce") == 0)
    ed = ALGA_TEST_EDITION_COMMUNITY;
  else if (edition != NULL && g_ascii_strcasecmp (edition, "ee") != 0)
    {
      g_printerr ("--edition must be ce or ee\n");
      return EXIT_FAILURE;
    }
  if (role_name != NULL && !alga_test_role_from_string (role_name, &role))
    {
      g_printerr ("--role must be admin, technician or dispatcher\n");
      return EXIT_FAILURE;
    }
  if (port < 0 || port > 65535 || seed < 0 || tickets < 0)
    {
      g_printerr ("--port, --seed and --tickets take non-negative numbers\n");
      return EXIT_FAILURE;
    }

  server = alga_test_server_new_full (seed, tickets, ed, port, &error);
  if (server == NULL)
    {
      g_printerr ("Cannot start the server: %s\n", error->message);
      return EXIT_FAILURE;
    }
  alga_test_server_set_role (server, role);

  /* A demo key for a local fake server: printing it is the point. */
  printf ("URL=%s\n", alga_test_server_get_url (server));
  printf ("API_KEY=%s\n", alga_test_server_get_api_key (server));
  printf ("USER_EMAIL=%s\n", alga_test_server_get_user_email (server));
  printf ("ROLE=%s\n", alga_test_role_to_string (role));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  alga_test_server_stop (server);
  return EXIT_SUCCESS;
}
