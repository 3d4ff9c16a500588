/* alga-time-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-time-entry"

#include "config.h"

#include "alga-time-entry.h"
#include "alga-error.h"
#include "alga-json.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_ENTRY_ID,
  PROP_WORK_ITEM_ID,
  PROP_WORK_ITEM_TYPE,
  PROP_USER_ID,
  PROP_USER_NAME,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_WORK_DATE,
  PROP_BILLABLE_DURATION,
  PROP_DURATION_HOURS,
  PROP_NOTES,
  PROP_SERVICE_ID,
  PROP_SERVICE_NAME,
  PROP_IS_BILLABLE,
  PROP_APPROVAL_STATUS,
  PROP_IS_OWN,
  N_PROPS
};

struct _AlgaTimeEntry
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (AlgaTimeEntry, alga_time_entry, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_ENTRY_ID] = "entry_id",
  [PROP_WORK_ITEM_ID] = "work_item_id",
  [PROP_WORK_ITEM_TYPE] = "work_item_type",
  [PROP_USER_ID] = "user_id",
  [PROP_USER_NAME] = "user_name",
  [PROP_START_TIME] = "start_time",
  [PROP_END_TIME] = "end_time",
  [PROP_BILLABLE_DURATION] = "billable_duration",
  [PROP_NOTES] = "notes",
  [PROP_SERVICE_ID] = "service_id",
  [PROP_SERVICE_NAME] = "service_name",
  [PROP_APPROVAL_STATUS] = "approval_status",
  [PROP_IS_OWN] = "is_own",
};

static void
alga_time_entry_finalize (GObject *object)
{
  AlgaTimeEntry *self = ALGA_TIME_ENTRY (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (alga_time_entry_parent_class)->finalize (object);
}

static void
alga_time_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AlgaTimeEntry *self = ALGA_TIME_ENTRY (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_time_entry_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AlgaTimeEntry *self = ALGA_TIME_ENTRY (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    {
      if (alga_json_value_replace (&self->values[prop_id], value))
        g_object_notify_by_pspec (object, pspec);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_time_entry_class_init (AlgaTimeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_time_entry_finalize;
  object_class->get_property = alga_time_entry_get_property;
  object_class->set_property = alga_time_entry_set_property;

  properties[PROP_ENTRY_ID] =
    g_param_spec_string ("entry-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_WORK_ITEM_ID] =
    g_param_spec_string ("work-item-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_WORK_ITEM_TYPE] =
    g_param_spec_string ("work-item-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_START_TIME] =
    g_param_spec_boxed ("start-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_END_TIME] =
    g_param_spec_boxed ("end-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_WORK_DATE] =
    g_param_spec_boxed ("work-date", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BILLABLE_DURATION] =
    g_param_spec_int ("billable-duration", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DURATION_HOURS] =
    g_param_spec_double ("duration-hours", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SERVICE_ID] =
    g_param_spec_string ("service-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SERVICE_NAME] =
    g_param_spec_string ("service-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_BILLABLE] =
    g_param_spec_boolean ("is-billable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_APPROVAL_STATUS] =
    g_param_spec_string ("approval-status", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_OWN] =
    g_param_spec_boolean ("is-own", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_time_entry_init (AlgaTimeEntry *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * alga_time_entry_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes a time entry: an item of GET /time-entries, the answer of POST /time-entries, or
 * an entry of GET /tickets/{id}/time-entries, which has a date-only work_date, no
 * duration_hours and no is_billable (the server's summary leaves them out).
 *
 * Returns: (transfer full) (nullable): a new #AlgaTimeEntry, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaTimeEntry *
alga_time_entry_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(AlgaTimeEntry) self = NULL;
  JsonObject *object;

  object = alga_json_require_object (node, "entry_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_TIME_ENTRY, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  {
    g_autoptr(GDateTime) work_date = alga_json_get_datetime (object, "work_date");
    GDateTime *start = g_value_get_boxed (&self->values[PROP_START_TIME]);
    GDateTime *end = g_value_get_boxed (&self->values[PROP_END_TIME]);
    JsonObject *service = alga_json_get_object (object, "service");
    JsonObject *work_item = alga_json_get_object (object, "work_item");
    double hours = -1.0;

    /* A running session of the server's timer has no end: null in the lists, the epoch in the
     * ticket's summary. */
    if (end != NULL && g_date_time_to_unix (end) <= 0)
      {
        g_value_set_boxed (&self->values[PROP_END_TIME], NULL);
        end = NULL;
      }

    /* Both forms come down to the calendar day, as UTC midnight. */
    if (work_date != NULL)
      g_value_take_boxed (&self->values[PROP_WORK_DATE],
                          g_date_time_new_utc (g_date_time_get_year (work_date),
                                               g_date_time_get_month (work_date),
                                               g_date_time_get_day_of_month (work_date),
                                               0, 0, 0));

    /* duration_hours is a Postgres numeric, hence a string; the summary has none. */
    hours = alga_json_get_double (object, "duration_hours", -1.0);
    if (hours < 0 && start != NULL && end != NULL)
      hours = MAX (0, g_date_time_difference (end, start)) / (double) G_TIME_SPAN_HOUR;
    g_value_set_double (&self->values[PROP_DURATION_HOURS], MAX (hours, 0.0));

    g_value_set_boolean (&self->values[PROP_IS_BILLABLE],
                         alga_json_get_boolean (object, "is_billable",
                                                g_value_get_int (&self->values[PROP_BILLABLE_DURATION]) > 0));

    if (g_value_get_string (&self->values[PROP_SERVICE_ID]) == NULL)
      alga_json_read_value (service, "service_id", &self->values[PROP_SERVICE_ID]);
    if (g_value_get_string (&self->values[PROP_SERVICE_NAME]) == NULL)
      alga_json_read_value (service, "service_name", &self->values[PROP_SERVICE_NAME]);
    if (g_value_get_string (&self->values[PROP_WORK_ITEM_ID]) == NULL)
      alga_json_read_value (work_item, "id", &self->values[PROP_WORK_ITEM_ID]);
  }

  return g_steal_pointer (&self);
}

const char *
alga_time_entry_get_entry_id (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_ENTRY_ID]);
}

const char *
alga_time_entry_get_work_item_id (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_WORK_ITEM_ID]);
}

const char *
alga_time_entry_get_work_item_type (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_WORK_ITEM_TYPE]);
}

const char *
alga_time_entry_get_user_id (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_USER_ID]);
}

const char *
alga_time_entry_get_user_name (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_USER_NAME]);
}

GDateTime *
alga_time_entry_get_start_time (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_boxed (&self->values[PROP_START_TIME]);
}

GDateTime *
alga_time_entry_get_end_time (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_boxed (&self->values[PROP_END_TIME]);
}

GDateTime *
alga_time_entry_get_work_date (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_boxed (&self->values[PROP_WORK_DATE]);
}

int
alga_time_entry_get_billable_duration (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), 0);

  return g_value_get_int (&self->values[PROP_BILLABLE_DURATION]);
}

double
alga_time_entry_get_duration_hours (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), 0.0);

  return g_value_get_double (&self->values[PROP_DURATION_HOURS]);
}

const char *
alga_time_entry_get_notes (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_NOTES]);
}

const char *
alga_time_entry_get_service_id (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_SERVICE_ID]);
}

const char *
alga_time_entry_get_service_name (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_SERVICE_NAME]);
}

gboolean
alga_time_entry_get_is_billable (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_BILLABLE]);
}

const char *
alga_time_entry_get_approval_status (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), NULL);

  return g_value_get_string (&self->values[PROP_APPROVAL_STATUS]);
}

gboolean
alga_time_entry_get_is_own (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_OWN]);
}

/* Whether this is a session of the server's timer that is still running (it has no end). */
gboolean
alga_time_entry_get_is_running (AlgaTimeEntry *self)
{
  g_return_val_if_fail (ALGA_IS_TIME_ENTRY (self), FALSE);

  return g_value_get_boxed (&self->values[PROP_END_TIME]) == NULL &&
         g_value_get_boxed (&self->values[PROP_START_TIME]) != NULL;
}
