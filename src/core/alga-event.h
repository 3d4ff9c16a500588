/* alga-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AlgaEventKind:
 * @ALGA_EVENT_ASSIGNED: a ticket became mine through someone else
 * @ALGA_EVENT_REPLY: a new public reply, not by me, on a ticket assigned to me
 * @ALGA_EVENT_UNASSIGNED: a new ticket nobody is assigned to (only when asked for)
 * @ALGA_EVENT_STATUS_CHANGED: someone else changed the status of my ticket
 * @ALGA_EVENT_SUMMARY: more than three events of one poll, told as one
 *
 * Why the watcher thinks a change concerns the technician.
 */
typedef enum
{
  ALGA_EVENT_ASSIGNED,
  ALGA_EVENT_REPLY,
  ALGA_EVENT_UNASSIGNED,
  ALGA_EVENT_STATUS_CHANGED,
  ALGA_EVENT_SUMMARY,
} AlgaEventKind;

#define ALGA_TYPE_EVENT_KIND (alga_event_kind_get_type ())
GType alga_event_kind_get_type (void) G_GNUC_CONST;

#define ALGA_TYPE_EVENT (alga_event_get_type ())

G_DECLARE_FINAL_TYPE (AlgaEvent, alga_event, ALGA, EVENT, GObject)

/* A decided event about one ticket; reason is a sentence for people, actor an id or a name. */
AlgaEvent     *alga_event_new               (AlgaEventKind  kind,
                                             const char    *ticket_id,
                                             const char    *ticket_number,
                                             const char    *title,
                                             const char    *reason,
                                             const char    *actor,
                                             GDateTime     *time);
/* One event standing for several (AlgaEvent elements, at least one). */
AlgaEvent     *alga_event_new_summary       (GPtrArray     *events);

AlgaEventKind  alga_event_get_kind          (AlgaEvent     *self);
const char    *alga_event_get_ticket_id     (AlgaEvent     *self);
const char    *alga_event_get_ticket_number (AlgaEvent     *self);
const char    *alga_event_get_title         (AlgaEvent     *self);
const char    *alga_event_get_reason        (AlgaEvent     *self);
const char    *alga_event_get_actor         (AlgaEvent     *self);
GDateTime     *alga_event_get_time          (AlgaEvent     *self);
/* 1 for a ticket event; for a summary, how many events it stands for. */
guint          alga_event_get_count         (AlgaEvent     *self);
/* (element-type AlgaEvent) (nullable): the events of a summary, NULL otherwise. */
GPtrArray     *alga_event_get_events        (AlgaEvent     *self);

G_END_DECLS
