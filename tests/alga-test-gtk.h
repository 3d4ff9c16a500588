/* alga-test-gtk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

/* Initialises GTK and libadwaita for a UI test. Without a display the test is skipped (a TAP
 * plan of no tests, which meson reads as a skip), unless ALGA_REQUIRE_DISPLAY is set, as under
 * build-aux/dev, where it fails. */
#define alga_test_gtk_init(argcp, argvp) \
  G_STMT_START { \
    if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL) \
      { \
        if (g_getenv ("ALGA_REQUIRE_DISPLAY") != NULL) \
          { \
            g_printerr ("No display, although ALGA_REQUIRE_DISPLAY is set\n"); \
            exit (1); \
          } \
        g_print ("1..0 # SKIP no display\n"); \
        exit (0); \
      } \
    gtk_test_init ((argcp), (argvp), NULL); \
    adw_init (); \
  } G_STMT_END
