/* alga-demo-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-demo-server"

#include "config.h"

#include "alga-test-server.h"

int
main (int   argc,
      char *argv[])
{
  return 0;
}
