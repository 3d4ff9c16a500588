/* alga-send-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "alga-client.h"

G_BEGIN_DECLS

/* Whether a failed send may have reached the server anyway (timeout, reset, 5xx, a cut or
 * unreadable answer), so that sending again blindly could make a duplicate. */
gboolean     alga_send_check_may_have_arrived    (const GError         *error);

/* Looks among the comments of @ticket_id for one by @user_id with @text (compared as plain
 * text) created since @since. Finishes with the comment, or NULL without an error when the
 * server does not have it. */
void         alga_send_check_comment_async       (AlgaClient           *client,
                                                  const char           *ticket_id,
                                                  const char           *user_id,
                                                  const char           *text,
                                                  GDateTime            *since,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AlgaComment *alga_send_check_comment_finish      (GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
