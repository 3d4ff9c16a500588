/* alga-test-keyboard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Key presses as a user's: the X server's XTEST extension makes the keyboard press them, so they
 * reach the window that has the input focus and travel GTK's whole way (capture, bindings,
 * shortcut controllers, the focused widget), not an action called from the side.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives @window the keyboard focus, as a click on it or Alt+Tab would, and waits until GTK
 * says it is active. */
void alga_test_keyboard_focus_window (GtkWindow       *window);

/* Presses and releases @keyval with the modifiers in @mods held (Ctrl, Shift, Alt), and returns
 * once GTK has handled the press, in whatever window has the focus. */
void alga_test_keyboard_press        (guint            keyval,
                                      GdkModifierType  mods);

/* Types @text, one key per character (ASCII letters, digits, space, punctuation of a US
 * keyboard, "\n" as Return). */
void alga_test_keyboard_type         (const char      *text);

/* Presses @accelerator, written as gtk_accelerator_parse() reads it: "<Control><Shift>r". */
void alga_test_keyboard_press_accel  (const char      *accelerator);

G_END_DECLS
