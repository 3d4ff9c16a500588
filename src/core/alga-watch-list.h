/* alga-watch-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One watcher of a ticket, from either list of its attributes. */
typedef struct
{
  char     *user_id;   /* nullable: a watch_list entry may be an address only */
  char     *email;     /* nullable: watcher_user_ids has ids only */
  char     *name;      /* nullable */
  gboolean  emailed;   /* on watch_list: the server e-mails them */
} AlgaWatchEntry;

void        alga_watch_entry_free             (AlgaWatchEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaWatchEntry, alga_watch_entry_free)

/* (transfer container) (element-type AlgaWatchEntry): everyone watching, the server's list
 * first; someone on both lists appears once. */
GPtrArray  *alga_watch_list_dup_watchers      (JsonObject  *attributes);
gboolean    alga_watch_list_has_user          (JsonObject  *attributes,
                                               const char  *user_id,
                                               const char  *email);
/* The members of attributes to replace (watch_list and watcher_user_ids) so that the user
 * watches, or no longer does; entries of others are kept as they are. */
JsonObject *alga_watch_list_changes_to_add    (JsonObject  *attributes,
                                               const char  *user_id,
                                               const char  *email,
                                               const char  *name);
JsonObject *alga_watch_list_changes_to_remove (JsonObject  *attributes,
                                               const char  *user_id,
                                               const char  *email);

G_END_DECLS
