/* alga-minute-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Relative times ("6 minutes ago") must move on while they are shown. One clock for the whole app
 * ticks at each minute boundary while a shown widget holds it, and not at all while none does
 * (a hidden window, the app in the background), so that an idle app does not wake up.
 */

#define G_LOG_DOMAIN "alga-minute-clock"

#include "config.h"

#include "alga-minute-clock.h"

struct _AlgaMinuteClock
{
  GObject    parent_instance;

  guint      holders;
  guint      timeout_id;
  GTimeSpan  offset;     /* tests move the present on */
};

G_DEFINE_FINAL_TYPE (AlgaMinuteClock, alga_minute_clock, G_TYPE_OBJECT)

enum
{
  TICK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (AlgaMinuteClock *self);

static gboolean
tick_cb (gpointer user_data)
{
  AlgaMinuteClock *self = user_data;

  self->timeout_id = 0;
  schedule (self);
  g_signal_emit (self, signals[TICK], 0);

  return G_SOURCE_REMOVE;
}

/* Just after the next minute boundary, so that "just now" becomes "1 minute ago" on time. */
static void
schedule (AlgaMinuteClock *self)
{
  gint64 now_ms = g_get_real_time () / 1000;
  guint wait_ms = 60000 - (guint) (now_ms % 60000) + 50;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->holders == 0)
    return;

  self->timeout_id = g_timeout_add_full (G_PRIORITY_LOW, wait_ms, tick_cb, self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[alga] minute clock");
}

static void
alga_minute_clock_finalize (GObject *object)
{
  AlgaMinuteClock *self = ALGA_MINUTE_CLOCK (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (alga_minute_clock_parent_class)->finalize (object);
}

static void
alga_minute_clock_class_init (AlgaMinuteClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_minute_clock_finalize;

  /**
   * AlgaMinuteClock::tick:
   *
   * A minute has passed: relative times shown should be made again.
   */
  signals[TICK] =
    g_signal_new ("tick", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
alga_minute_clock_init (AlgaMinuteClock *self)
{
}

AlgaMinuteClock *
alga_minute_clock_get_default (void)
{
  static AlgaMinuteClock *clock;

  if (clock == NULL)
    clock = g_object_new (ALGA_TYPE_MINUTE_CLOCK, NULL);

  return clock;
}

GDateTime *
alga_minute_clock_dup_now (AlgaMinuteClock *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (ALGA_IS_MINUTE_CLOCK (self), NULL);

  return g_date_time_add (now, self->offset);
}

void
alga_minute_clock_hold (AlgaMinuteClock *self)
{
  g_return_if_fail (ALGA_IS_MINUTE_CLOCK (self));

  if (self->holders++ == 0)
    schedule (self);
}

void
alga_minute_clock_release (AlgaMinuteClock *self)
{
  g_return_if_fail (ALGA_IS_MINUTE_CLOCK (self));
  g_return_if_fail (self->holders > 0);

  if (--self->holders == 0)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
}

gboolean
alga_minute_clock_get_running (AlgaMinuteClock *self)
{
  g_return_val_if_fail (ALGA_IS_MINUTE_CLOCK (self), FALSE);

  return self->timeout_id != 0;
}

void
alga_minute_clock_advance_for_testing (AlgaMinuteClock *self,
                                       GTimeSpan        offset)
{
  g_return_if_fail (ALGA_IS_MINUTE_CLOCK (self));

  self->offset += offset;
  g_signal_emit (self, signals[TICK], 0);
}
