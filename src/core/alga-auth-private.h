/* alga-auth-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-auth.h"

G_BEGIN_DECLS

/* The browser sign-in in progress: only one at a time, so a new begin forgets the old one. */
typedef struct
{
  char   *state;
  gint64  started;  /* g_get_monotonic_time () */
} PendingSignIn;

struct _AlgaAuth
{
  GObject        parent_instance;

  AlgaClient    *client;
  char          *device_id;
  PendingSignIn *pending;
};

/* alga-auth.c */
char *_alga_auth_random_token         (gsize           n_bytes,
                                       GError        **error);

/* alga-auth-browser.c */
void  _alga_auth_pending_sign_in_free (PendingSignIn  *pending);

G_END_DECLS
