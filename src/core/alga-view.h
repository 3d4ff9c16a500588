/* alga-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "alga-ticket-query.h"

G_BEGIN_DECLS

/**
 * AlgaView:
 * @ALGA_VIEW_MY_OPEN: open tickets assigned to me
 * @ALGA_VIEW_UNASSIGNED: open tickets assigned to nobody
 * @ALGA_VIEW_ALL_OPEN: every open ticket
 * @ALGA_VIEW_RECENT: tickets updated in the last seven days, open or closed
 * @ALGA_VIEW_CLOSED: closed tickets
 *
 * The built-in views of the sidebar.
 */
typedef enum
{
  ALGA_VIEW_MY_OPEN,
  ALGA_VIEW_UNASSIGNED,
  ALGA_VIEW_ALL_OPEN,
  ALGA_VIEW_RECENT,
  ALGA_VIEW_CLOSED,
  ALGA_N_VIEWS,
} AlgaView;

#define ALGA_VIEW_RECENT_DAYS 7

const char      *alga_view_get_id        (AlgaView    view);
gboolean         alga_view_from_id       (const char *id,
                                          AlgaView   *view);
const char      *alga_view_get_title     (AlgaView    view);
const char      *alga_view_get_icon_name (AlgaView    view);
AlgaTicketQuery *alga_view_build_query   (AlgaView    view,
                                          const char *my_user_id,
                                          GDateTime  *now);

G_END_DECLS
