/* alga-tray.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AlgaTrayEvent:
 * @ticket_id: the ticket that the menu item opens
 * @label: what the menu item says, e.g. "TIC-1042 · Printer offline"
 *
 * One of the newest events, as the tray menu lists it.
 */
typedef struct
{
  char *ticket_id;
  char *label;
} AlgaTrayEvent;

AlgaTrayEvent *alga_tray_event_new            (const char    *ticket_id,
                                               const char    *label);
AlgaTrayEvent *alga_tray_event_new_for_ticket (const char    *ticket_id,
                                               const char    *ticket_number,
                                               const char    *title);
void           alga_tray_event_free           (AlgaTrayEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlgaTrayEvent, alga_tray_event_free)

#define ALGA_TRAY_MAX_EVENTS 5
#define ALGA_TRAY_ITEM_PATH  "/StatusNotifierItem"
#define ALGA_TRAY_MENU_PATH  "/StatusNotifierItem/Menu"

#define ALGA_TYPE_TRAY (alga_tray_get_type ())

G_DECLARE_FINAL_TYPE (AlgaTray, alga_tray, ALGA, TRAY, GObject)

AlgaTray *alga_tray_new                (GDBusConnection *connection,
                                        const char      *app_id);
gboolean  alga_tray_get_registered     (AlgaTray        *self);
void      alga_tray_set_events         (AlgaTray        *self,
                                        GPtrArray       *events);
void      alga_tray_set_attention      (AlgaTray        *self,
                                        gboolean         attention);
gboolean  alga_tray_get_attention      (AlgaTray        *self);
void      alga_tray_set_tooltip_counts (AlgaTray        *self,
                                        guint            n_open,
                                        guint            n_new);
void      alga_tray_set_do_not_disturb (AlgaTray        *self,
                                        gboolean         do_not_disturb);
void      alga_tray_set_timer          (AlgaTray        *self,
                                        const char      *ticket_number,
                                        GDateTime       *start);

G_END_DECLS
