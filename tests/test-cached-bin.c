/* test-cached-bin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaCachedBin, in a real window drawn by GTK's cairo renderer: once its child has stayed the
 * same, the frames paint it from an image, which shows exactly what the child draws; a change
 * in the child is drawn at once as it is, and the image that follows shows the change.
 */

#include "config.h"

#include "alga-cached-bin.h"
#include "alga-test-gtk.h"
#include "alga-test-utils.h"

typedef struct
{
  GtkWindow *window;
  GtkWidget *bin;
  GtkWidget *child;
  GtkLabel  *label;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *button = gtk_button_new_with_label ("Refresh");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 320, 200);
  fixture->child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  fixture->label = GTK_LABEL (gtk_label_new ("Cannot access shared drive S:"));
  gtk_widget_add_css_class (GTK_WIDGET (fixture->label), "heading");
  gtk_box_append (GTK_BOX (fixture->child), GTK_WIDGET (fixture->label));
  gtk_box_append (GTK_BOX (fixture->child), button);
  gtk_box_append (GTK_BOX (fixture->child), gtk_image_new_from_icon_name ("alarm-symbolic"));
  fixture->bin = alga_cached_bin_new ();
  adw_bin_set_child (ADW_BIN (fixture->bin), fixture->child);
  gtk_window_set_child (fixture->window, fixture->bin);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
}

/* What @widget draws in a frame now, into an image of the bin's size. */
static cairo_surface_t *
draw_widget (Fixture   *fixture,
             GtkWidget *widget)
{
  int width = gtk_widget_get_width (fixture->bin);
  int height = gtk_widget_get_height (fixture->bin);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (image);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* The bin draws what its child draws, pixel for pixel, and something. */
static void
assert_bin_shows_child (Fixture *fixture)
{
  cairo_surface_t *expected = draw_widget (fixture, fixture->child);
  cairo_surface_t *got = draw_widget (fixture, fixture->bin);
  int stride = cairo_image_surface_get_stride (expected);
  int height = cairo_image_surface_get_height (expected);
  const guchar *pixels = cairo_image_surface_get_data (expected);
  gboolean drawn = FALSE;

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (got));
  g_assert_cmpmem (pixels, stride * height, cairo_image_surface_get_data (got), stride * height);
  for (int i = 0; i < stride * height && !drawn; i++)
    drawn = pixels[i] != 0;
  g_assert_true (drawn);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (got);
}

static void
test_image_when_still (Fixture       *fixture,
                       gconstpointer  data)
{
  AlgaCachedBin *bin = ALGA_CACHED_BIN (fixture->bin);

  alga_test_wait_until (alga_cached_bin_get_from_image (bin), 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  assert_bin_shows_child (fixture);

  /* A change is drawn as it is, at once. */
  gtk_label_set_label (fixture->label, "VPN drops every 10 minutes");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_false (alga_cached_bin_get_from_image (bin));
  assert_bin_shows_child (fixture);

  /* And the next image shows it. */
  alga_test_wait_until (alga_cached_bin_get_from_image (bin), 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  assert_bin_shows_child (fixture);
}

/* A bin out of sight keeps no image. */
static void
test_no_image_when_hidden (Fixture       *fixture,
                           gconstpointer  data)
{
  AlgaCachedBin *bin = ALGA_CACHED_BIN (fixture->bin);

  alga_test_wait_until (alga_cached_bin_get_from_image (bin), 10000);
  gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
  g_assert_false (alga_cached_bin_get_from_image (bin));
}

int
main (int   argc,
      char *argv[])
{
  /* The bin paints from an image only under the cairo renderer, which the app chooses where there
   * is no GPU. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/cached-bin/image-when-still", Fixture, NULL, fixture_set_up, test_image_when_still,
              fixture_tear_down);
  g_test_add ("/cached-bin/no-image-when-hidden", Fixture, NULL, fixture_set_up,
              test_no_image_when_hidden, fixture_tear_down);

  return g_test_run ();
}
