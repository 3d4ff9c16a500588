/* alga-test-pointer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clicks as a user's: the X server's XTEST extension moves the pointer and presses its button,
 * so the click reaches whatever is on screen there and travels GTK's whole way (capture, the
 * gestures of every widget under the pointer), not a signal emitted from the side.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Moves the pointer to the middle of @widget (which must be on screen), waits until GTK sees it
 * there, and clicks the first button, returning once GTK has handled the press and the release. */
void alga_test_pointer_click (GtkWidget *widget);

G_END_DECLS
