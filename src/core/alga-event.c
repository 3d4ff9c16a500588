/* alga-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-event"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alga-event.h"

struct _AlgaEvent
{
  GObject        parent_instance;

  AlgaEventKind  kind;
  char          *ticket_id;
  char          *ticket_number;
  char          *title;
  char          *reason;
  char          *actor;
  GDateTime     *time;
  GPtrArray     *events;
};

G_DEFINE_ENUM_TYPE (AlgaEventKind, alga_event_kind,
                    G_DEFINE_ENUM_VALUE (ALGA_EVENT_ASSIGNED, "assigned"),
                    G_DEFINE_ENUM_VALUE (ALGA_EVENT_REPLY, "reply"),
                    G_DEFINE_ENUM_VALUE (ALGA_EVENT_UNASSIGNED, "unassigned"),
                    G_DEFINE_ENUM_VALUE (ALGA_EVENT_STATUS_CHANGED, "status-changed"),
                    G_DEFINE_ENUM_VALUE (ALGA_EVENT_SUMMARY, "summary"))

G_DEFINE_FINAL_TYPE (AlgaEvent, alga_event, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_TICKET_ID,
  PROP_TICKET_NUMBER,
  PROP_TITLE,
  PROP_REASON,
  PROP_ACTOR,
  PROP_TIME,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
alga_event_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AlgaEvent *self = ALGA_EVENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TICKET_ID:
      g_value_set_string (value, self->ticket_id);
      break;
    case PROP_TICKET_NUMBER:
      g_value_set_string (value, self->ticket_number);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, alga_event_get_count (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_event_finalize (GObject *object)
{
  AlgaEvent *self = ALGA_EVENT (object);

  g_free (self->ticket_id);
  g_free (self->ticket_number);
  g_free (self->title);
  g_free (self->reason);
  g_free (self->actor);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_event_parent_class)->finalize (object);
}

static void
alga_event_class_init (AlgaEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = alga_event_get_property;
  object_class->finalize = alga_event_finalize;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, ALGA_TYPE_EVENT_KIND, ALGA_EVENT_ASSIGNED, flags);
  properties[PROP_TICKET_ID] = g_param_spec_string ("ticket-id", NULL, NULL, NULL, flags);
  properties[PROP_TICKET_NUMBER] = g_param_spec_string ("ticket-number", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, flags);
  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 1, G_MAXUINT, 1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_event_init (AlgaEvent *self)
{
}

/**
 * alga_event_new:
 * @kind: why the ticket concerns the technician (not %ALGA_EVENT_SUMMARY)
 * @ticket_id: the ticket's id
 * @ticket_number: (nullable): e.g. "TIC001234"
 * @title: (nullable): the ticket's title
 * @reason: (nullable): a sentence for people saying why it concerns them
 * @actor: (nullable): who caused it: a name when known, else a user id
 * @time: (nullable): when it happened; now when %NULL
 *
 * Returns: (transfer full): a new event
 */
AlgaEvent *
alga_event_new (AlgaEventKind  kind,
                const char    *ticket_id,
                const char    *ticket_number,
                const char    *title,
                const char    *reason,
                const char    *actor,
                GDateTime     *time)
{
  AlgaEvent *self;

  g_return_val_if_fail (kind != ALGA_EVENT_SUMMARY, NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  self = g_object_new (ALGA_TYPE_EVENT, NULL);
  self->kind = kind;
  self->ticket_id = g_strdup (ticket_id);
  self->ticket_number = g_strdup (ticket_number);
  self->title = g_strdup (title);
  self->reason = g_strdup (reason);
  self->actor = g_strdup (actor);
  self->time = time != NULL ? g_date_time_ref (time) : g_date_time_new_now_utc ();

  return self;
}

/**
 * alga_event_new_summary:
 * @events: (element-type AlgaEvent): the events it stands for, at least one
 *
 * Returns: (transfer full): a summary event; its title says how many tickets need attention
 */
AlgaEvent *
alga_event_new_summary (GPtrArray *events)
{
  AlgaEvent *self;
  GDateTime *newest = NULL;

  g_return_val_if_fail (events != NULL && events->len > 0, NULL);

  self = g_object_new (ALGA_TYPE_EVENT, NULL);
  self->kind = ALGA_EVENT_SUMMARY;
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < events->len; i++)
    {
      AlgaEvent *event = g_ptr_array_index (events, i);

      g_ptr_array_add (self->events, g_object_ref (event));
      if (newest == NULL || g_date_time_compare (event->time, newest) > 0)
        newest = event->time;
    }
  self->time = g_date_time_ref (newest);
  self->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u ticket needs your attention",
                                              "%u tickets need your attention",
                                              events->len),
                                 events->len);

  return self;
}

AlgaEventKind
alga_event_get_kind (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), ALGA_EVENT_ASSIGNED);

  return self->kind;
}

/**
 * alga_event_get_ticket_id:
 * @self: an event
 *
 * Returns: (nullable): the ticket's id; %NULL for a summary
 */
const char *
alga_event_get_ticket_id (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), NULL);

  return self->ticket_id;
}

const char *
alga_event_get_ticket_number (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), NULL);

  return self->ticket_number;
}

const char *
alga_event_get_title (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), NULL);

  return self->title;
}

const char *
alga_event_get_reason (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), NULL);

  return self->reason;
}

const char *
alga_event_get_actor (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), NULL);

  return self->actor;
}

GDateTime *
alga_event_get_time (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), NULL);

  return self->time;
}

guint
alga_event_get_count (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), 0);

  return self->events != NULL ? self->events->len : 1;
}

GPtrArray *
alga_event_get_events (AlgaEvent *self)
{
  g_return_val_if_fail (ALGA_IS_EVENT (self), NULL);

  return self->events;
}
