/* alga-reference-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "alga-cache.h"
#include "alga-client.h"

G_BEGIN_DECLS

#define ALGA_TYPE_REFERENCE_DATA (alga_reference_data_get_type ())

G_DECLARE_FINAL_TYPE (AlgaReferenceData, alga_reference_data, ALGA, REFERENCE_DATA, GObject)

/**
 * AlgaReferenceKind:
 * @ALGA_REFERENCE_STATUSES: AlgaStatus, optionally of one board (the scope)
 * @ALGA_REFERENCE_PRIORITIES: AlgaPriority
 * @ALGA_REFERENCE_SERVICES: AlgaService
 * @ALGA_REFERENCE_USERS: AlgaUser, the first hundred
 * @ALGA_REFERENCE_BOARDS: AlgaBoard
 *
 * The lists that change rarely and that every view needs.
 */
typedef enum
{
  ALGA_REFERENCE_STATUSES,
  ALGA_REFERENCE_PRIORITIES,
  ALGA_REFERENCE_SERVICES,
  ALGA_REFERENCE_USERS,
  ALGA_REFERENCE_BOARDS,
} AlgaReferenceKind;

/* Ten minutes: statuses, priorities and people change rarely, and each pane or dialog would
 * otherwise ask again (docs/PERFORMANCE.md, One account's lists, shared and kept). */
#define ALGA_REFERENCE_DATA_DEFAULT_LIFETIME (10 * G_TIME_SPAN_MINUTE)

AlgaReferenceData *alga_reference_data_new          (AlgaClient          *client,
                                                     AlgaCache           *cache);

GTimeSpan          alga_reference_data_get_lifetime (AlgaReferenceData   *self);
void               alga_reference_data_set_lifetime (AlgaReferenceData   *self,
                                                     GTimeSpan            lifetime);
/* Forgets everything, so that the next call asks the server. */
void               alga_reference_data_invalidate   (AlgaReferenceData   *self);

/* Answers from memory or the cache while younger than the lifetime, else asks the server
 * once for all callers waiting; stale data stands in when the server cannot be reached. */
void               alga_reference_data_get_async    (AlgaReferenceData   *self,
                                                     AlgaReferenceKind    kind,
                                                     const char          *scope,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean           alga_reference_data_is_refused   (AlgaReferenceData   *self,
                                                     AlgaReferenceKind    kind);
GPtrArray         *alga_reference_data_get_finish   (AlgaReferenceData   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
