/* alga-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-view.h"

static const struct {
  const char *id;
  const char *title;
  const char *icon_name;
} views[ALGA_N_VIEWS] = {
  [ALGA_VIEW_MY_OPEN] = { "my-open", N_("My Open"), "avatar-default-symbolic" },
  [ALGA_VIEW_UNASSIGNED] = { "unassigned", N_("Unassigned"), "alga-inbox-symbolic" },
  [ALGA_VIEW_ALL_OPEN] = { "all-open", N_("All Open"), "view-list-symbolic" },
  [ALGA_VIEW_RECENT] = { "recent", N_("Recently Updated"), "document-open-recent-symbolic" },
  [ALGA_VIEW_CLOSED] = { "closed", N_("Closed"), "object-select-symbolic" },
};

const char *
alga_view_get_id (AlgaView view)
{
  g_return_val_if_fail (view < ALGA_N_VIEWS, NULL);

  return views[view].id;
}

gboolean
alga_view_from_id (const char *id,
                   AlgaView   *view)
{
  guint i;

  for (i = 0; i < ALGA_N_VIEWS; i++)
    {
      if (g_strcmp0 (id, views[i].id) == 0)
        {
          if (view != NULL)
            *view = (AlgaView) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
alga_view_get_title (AlgaView view)
{
  g_return_val_if_fail (view < ALGA_N_VIEWS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, views[view].title);
}

const char *
alga_view_get_icon_name (AlgaView view)
{
  g_return_val_if_fail (view < ALGA_N_VIEWS, NULL);

  return views[view].icon_name;
}

/**
 * alga_view_build_query:
 * @view: a built-in view
 * @my_user_id: (nullable): the signed-in technician, for "My Open"
 * @now: (nullable): the present, for "Recently Updated"; %NULL for the clock
 *
 * The server query behind a built-in view, sorted by last update, newest first.
 *
 * Returns: (transfer full): a new query
 */
AlgaTicketQuery *
alga_view_build_query (AlgaView    view,
                       const char *my_user_id,
                       GDateTime  *now)
{
  g_autoptr(AlgaTicketQuery) query = alga_ticket_query_new ();
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) since = NULL;

  g_return_val_if_fail (view < ALGA_N_VIEWS, NULL);

  alga_ticket_query_set_current_user_id (query, my_user_id);
  alga_ticket_query_set_sort (query, "updated_at", TRUE);

  switch (view)
    {
    case ALGA_VIEW_MY_OPEN:
      alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);
      alga_ticket_query_set_assignee (query, ALGA_TICKET_ASSIGNEE_ME, NULL);
      break;
    case ALGA_VIEW_UNASSIGNED:
      alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);
      alga_ticket_query_set_assignee (query, ALGA_TICKET_ASSIGNEE_NONE, NULL);
      break;
    case ALGA_VIEW_ALL_OPEN:
      alga_ticket_query_set_state (query, ALGA_TICKET_STATE_OPEN);
      break;
    case ALGA_VIEW_RECENT:
      if (now == NULL)
        now = clock = g_date_time_new_now_utc ();
      since = g_date_time_add_days (now, -ALGA_VIEW_RECENT_DAYS);
      alga_ticket_query_set_updated_since (query, since);
      break;
    case ALGA_VIEW_CLOSED:
      alga_ticket_query_set_state (query, ALGA_TICKET_STATE_CLOSED);
      break;
    case ALGA_N_VIEWS:
    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&query);
}
