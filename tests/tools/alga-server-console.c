/* alga-server-console.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo server, steered line by line on stdin, for tests that run the app as a separate
 * program which they cannot reach into: the Flatpak smoke test (build-aux/flatpak-smoke.py),
 * where the app runs in its sandbox. At start it prints
 *
 *   URL=…  API_KEY=…  USER_EMAIL=…  MY_TICKET=…  UNASSIGNED_TICKET=…   (one a line)
 *
 * then answers each command with one line:
 *
 *   count METHOD GLOB   the number of requests so far whose path matches GLOB ("*" any method)
 *   assign TICKET_ID    another user assigns the ticket to the technician: "ok" or "failed"
 *   create TITLE        a new unassigned ticket: its id
 *
 * and stops at the end of its input. The server answers from its own thread, so reading here
 * blocks nothing.
 */

#define G_LOG_DOMAIN "alga-server-console"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "alga-test-server.h"

static void
answer (AlgaTestServer *server,
        const char     *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", 3);
  guint n_words = g_strv_length (words);

  if (n_words == 3 && g_str_equal (words[0], "count"))
    {
      const char *method = g_str_equal (words[1], "*") ? NULL : words[1];

      printf ("%u\n", alga_test_server_count_requests (server, method, words[2]));
    }
  else if (n_words == 2 && g_str_equal (words[0], "assign"))
    {
      gboolean done = alga_test_server_assign_ticket (server, words[1],
                                                      alga_test_server_get_user_id (server),
                                                      alga_test_server_get_other_user_id (server));

      printf ("%s\n", done ? "ok" : "failed");
    }
  else if (n_words >= 2 && g_str_equal (words[0], "create"))
    {
      g_autofree char *title = g_strjoinv (" ", words + 1);
      g_autofree char *id = alga_test_server_create_ticket (server, title, NULL);

      printf ("%s\n", id);
    }
  else
    {
      printf ("unknown command: %s\n", line);
    }
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AlgaTestServer) server = NULL;
  char line[1024];

  server = alga_test_server_new ();

  /* A demo key for a local fake server: printing it is the point. */
  printf ("URL=%s\n", alga_test_server_get_url (server));
  printf ("API_KEY=%s\n", alga_test_server_get_api_key (server));
  printf ("USER_EMAIL=%s\n", alga_test_server_get_user_email (server));
  printf ("MY_TICKET=%s\n", alga_test_server_get_my_ticket_id (server));
  printf ("UNASSIGNED_TICKET=%s\n", alga_test_server_get_unassigned_ticket_id (server));
  fflush (stdout);

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_strchomp (line);
      if (line[0] != '\0')
        answer (server, line);
    }

  alga_test_server_stop (server);
  return EXIT_SUCCESS;
}
