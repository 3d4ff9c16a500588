/* alga-key-owner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-client.h"
#include "alga-credentials.h"

G_BEGIN_DECLS

/* What showed whose a key is, strongest first. */
typedef enum
{
  ALGA_KEY_OWNER_NONE,             /* nothing the key may read is its owner's own */
  ALGA_KEY_OWNER_OWN_WORK,         /* the key's own time entries or notifications: id and name */
  ALGA_KEY_OWNER_ASSIGNED_TICKET,  /* a ticket assigned to the key's user: id, name and e-mail */
} AlgaKeyOwnerEvidence;

typedef struct
{
  AlgaKeyOwnerEvidence  evidence;
  char                 *user_id;    /* NULL for NONE */
  char                 *email;      /* ASSIGNED_TICKET only */
  char                 *name;       /* nullable */
  char                 *tenant_id;  /* nullable */
  char                 *ticket_number;  /* ASSIGNED_TICKET: the ticket that showed it */
} AlgaKeyOwner;

void          alga_key_owner_free          (AlgaKeyOwner        *owner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaKeyOwner, alga_key_owner_free)

void          alga_key_owner_find_async    (AlgaClient          *client,
                                            AlgaCredentials     *key,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
AlgaKeyOwner *alga_key_owner_find_finish   (AlgaClient          *client,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
