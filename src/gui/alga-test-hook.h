/* alga-test-hook.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-window.h"

G_BEGIN_DECLS

void alga_test_hook_signed_in (AlgaWindow *window);

G_END_DECLS
