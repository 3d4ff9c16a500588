/* test-toasts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Toasts reach the window's overlay one at a time. libadwaita 1.2 writes into freed memory when
 * a toast shown while another is hiding is dismissed quickly (the AddressSanitizer pass reports
 * it), so the overlay must never hold a toast while another is still on it.
 */

#include "config.h"

#include <adwaita.h>

#include "alga-gui-util.h"
#include "alga-test-gtk.h"
#include "alga-test-utils.h"

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  GtkWidget       *content;
  guint            most_toasts;  /* the most toasts on the overlay at once, seen at any frame */
  guint            tick_id;
} Fixture;

static guint
toasts_on_overlay (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != f->content)
      n++;

  return n;
}

static void
note_toasts (Fixture *f)
{
  f->most_toasts = MAX (f->most_toasts, toasts_on_overlay (f));
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  note_toasts (user_data);
  return G_SOURCE_CONTINUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  f->content = gtk_label_new ("Content");
  adw_toast_overlay_set_child (f->overlay, f->content);
  gtk_window_set_child (f->window, GTK_WIDGET (f->overlay));
  gtk_window_set_default_size (f->window, 600, 400);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  f->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (f->overlay), on_tick_cb, f, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (f->overlay), f->tick_id);
  g_clear_pointer (&f->window, gtk_window_destroy);
  alga_test_drain (5000);
}

/* Adds a toast through the app's helper, as every part of the app does, and looks at once. */
static AdwToast *
add (Fixture          *f,
     const char       *title,
     AdwToastPriority  priority)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_priority (toast, priority);
  alga_gui_add_toast (f->content, g_object_ref (toast));
  note_toasts (f);
  return toast;
}

static gboolean
shows (Fixture    *f,
       const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != f->content && alga_test_shows_label (child, title))
      return TRUE;

  return FALSE;
}

/* The moment that crashed: a toast dismissed while the next one is added, and that one
 * dismissed as soon as it shows. */
static void
test_dismissed_quickly (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AdwToast) first = add (f, "First", ADW_TOAST_PRIORITY_NORMAL);
  g_autoptr(AdwToast) second = NULL;

  alga_test_wait_until (shows (f, "First"), 5000);
  adw_toast_dismiss (first);
  second = add (f, "Second", ADW_TOAST_PRIORITY_NORMAL);
  alga_test_wait_until (shows (f, "Second"), 5000);
  adw_toast_dismiss (second);
  alga_test_wait_until (toasts_on_overlay (f) == 0, 5000);

  g_assert_cmpuint (f->most_toasts, ==, 1);
}

/* A toast waits for the one shown, and is not lost. */
static void
test_waits_its_turn (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AdwToast) first = add (f, "First", ADW_TOAST_PRIORITY_NORMAL);
  g_autoptr(AdwToast) second = add (f, "Second", ADW_TOAST_PRIORITY_NORMAL);

  alga_test_wait_until (shows (f, "First"), 5000);
  g_assert_false (shows (f, "Second"));
  adw_toast_dismiss (first);
  alga_test_wait_until (shows (f, "Second"), 5000);

  g_assert_cmpuint (f->most_toasts, ==, 1);
}

/* A toast of high priority dismisses the one shown and comes next. */
static void
test_high_priority_goes_first (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(AdwToast) first = add (f, "First", ADW_TOAST_PRIORITY_NORMAL);
  g_autoptr(AdwToast) queued = add (f, "Queued", ADW_TOAST_PRIORITY_NORMAL);
  g_autoptr(AdwToast) urgent = NULL;

  alga_test_wait_until (shows (f, "First"), 5000);
  urgent = add (f, "Urgent", ADW_TOAST_PRIORITY_HIGH);
  alga_test_wait_until (shows (f, "Urgent"), 5000);
  g_assert_false (shows (f, "First"));
  adw_toast_dismiss (urgent);
  alga_test_wait_until (shows (f, "Queued"), 5000);

  g_assert_cmpuint (f->most_toasts, ==, 1);
}

/* A waiting toast whose button was used (Ctrl+Z on an Undo not yet shown) is not shown. */
static void
test_used_before_shown (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AdwToast) first = add (f, "First", ADW_TOAST_PRIORITY_NORMAL);
  g_autoptr(AdwToast) undo = add (f, "Undo me", ADW_TOAST_PRIORITY_NORMAL);
  g_autoptr(AdwToast) last = NULL;

  adw_toast_set_button_label (undo, "_Undo");
  alga_test_wait_until (shows (f, "First"), 5000);
  g_signal_emit_by_name (undo, "button-clicked");
  last = add (f, "Last", ADW_TOAST_PRIORITY_NORMAL);
  adw_toast_dismiss (first);
  /* The toasts come in order: once Last shows, Undo me has had its turn, and was skipped. */
  alga_test_wait_until (shows (f, "Last"), 5000);
  g_assert_false (shows (f, "Undo me"));
}

/* A window closed with toasts waiting frees them, and nothing runs after. */
static void
test_closed_with_toasts_waiting (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(AdwToast) first = add (f, "First", ADW_TOAST_PRIORITY_NORMAL);
  g_autoptr(AdwToast) second = add (f, "Second", ADW_TOAST_PRIORITY_NORMAL);
  GWeakRef waiting;

  g_weak_ref_init (&waiting, second);
  g_clear_object (&second);
  alga_test_wait_until (shows (f, "First"), 5000);
  adw_toast_dismiss (first);
  gtk_widget_remove_tick_callback (GTK_WIDGET (f->overlay), f->tick_id);
  f->tick_id = 0;
  g_clear_pointer (&f->window, gtk_window_destroy);
  alga_test_drain (5000);

  g_assert_null (g_weak_ref_get (&waiting));
  g_weak_ref_clear (&waiting);
}

/* A window closed right after a toast was dismissed, while the dismissal waits for its show. */
static void
test_closed_while_dismissing (Fixture       *f,
                              gconstpointer  data)
{
  AdwToast *toast = add (f, "First", ADW_TOAST_PRIORITY_NORMAL);
  GWeakRef shown;

  g_weak_ref_init (&shown, toast);
  g_object_unref (toast);
  alga_test_wait_until (shows (f, "First"), 5000);
  adw_toast_dismiss (toast);
  gtk_widget_remove_tick_callback (GTK_WIDGET (f->overlay), f->tick_id);
  f->tick_id = 0;
  g_clear_pointer (&f->window, gtk_window_destroy);
  alga_test_drain (5000);

  g_assert_null (g_weak_ref_get (&shown));
  g_weak_ref_clear (&shown);
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/toasts/dismissed-quickly", test_dismissed_quickly);
  ADD ("/toasts/waits-its-turn", test_waits_its_turn);
  ADD ("/toasts/high-priority-goes-first", test_high_priority_goes_first);
  ADD ("/toasts/used-before-shown", test_used_before_shown);
  ADD ("/toasts/closed-with-toasts-waiting", test_closed_with_toasts_waiting);
  ADD ("/toasts/closed-while-dismissing", test_closed_while_dismissing);
#undef ADD

  return g_test_run ();
}
