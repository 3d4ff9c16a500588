/* alga-test-pointer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "alga-test-pointer.h"
#include "alga-test-utils.h"

/* Button presses and releases GTK has delivered to a window, seen before any of its widgets. */
typedef struct
{
  guint presses;
  guint releases;
} Seen;

static gboolean
on_event_cb (GtkEventControllerLegacy *controller,
             GdkEvent                 *event,
             Seen                     *seen)
{
  if (gdk_event_get_event_type (event) == GDK_BUTTON_PRESS)
    seen->presses++;
  else if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE)
    seen->releases++;

  return GDK_EVENT_PROPAGATE;
}

static Seen *
watch (GtkWidget *window)
{
  Seen *seen = g_object_get_data (G_OBJECT (window), "alga-test-pointer");
  GtkEventController *controller;

  if (seen != NULL)
    return seen;

  seen = g_new0 (Seen, 1);
  g_object_set_data_full (G_OBJECT (window), "alga-test-pointer", seen, g_free);
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_event_cb), seen);
  gtk_widget_add_controller (window, controller);

  return seen;
}

void
alga_test_pointer_click (GtkWidget *widget)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                 gtk_widget_get_height (widget) / 2.0);
  graphene_point_t point;
  Display *dpy;
  Window child;
  double dx, dy;
  int x, y;
  guint presses, releases;
  Seen *seen;

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("Clicks need an X11 display (run under Xvfb with GDK_BACKEND=x11)");
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &point));

  dpy = gdk_x11_display_get_xdisplay (display);
  seen = watch (GTK_WIDGET (native));
  presses = seen->presses;
  releases = seen->releases;

  /* The native's own coordinates start inside its surface, after the client-side shadow. */
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (dpy), (int) (point.x + dx), (int) (point.y + dy),
                         &x, &y, &child);
  XTestFakeMotionEvent (dpy, -1, x, y, CurrentTime);
  XSync (dpy, False);
  /* A hand rests on the spot before it presses: GTK has to know the pointer is over the widget
   * (it then shows it hovered), or the press goes to where it last saw the pointer. */
  alga_test_wait_until (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT, 5000);

  XTestFakeButtonEvent (dpy, 1, True, CurrentTime);
  XSync (dpy, False);
  alga_test_wait_until (seen->presses > presses, 5000);

  XTestFakeButtonEvent (dpy, 1, False, CurrentTime);
  XSync (dpy, False);
  alga_test_wait_until (seen->releases > releases, 5000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
