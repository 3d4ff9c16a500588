/* alga-test-gtk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

/* Initialises GTK and libadwaita for a UI test. Without a display the test is skipped (exit
 * status 77), unless ALGA_REQUIRE_DISPLAY is set, as under build-aux/dev, where it fails. */
#define alga_test_gtk_init(argcp, argvp) \
  G_STMT_START { \
    if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL) \
      { \
        g_printerr ("No display: %s\n", \
                    g_getenv ("ALGA_REQUIRE_DISPLAY") ? "failing" : "skipping"); \
        exit (g_getenv ("ALGA_REQUIRE_DISPLAY") ? 1 : 77); \
      } \
    gtk_test_init ((argcp), (argvp), NULL); \
    adw_init (); \
  } G_STMT_END
