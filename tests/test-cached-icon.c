/* test-cached-icon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AlgaCachedIcon draws exactly what GTK's own icon draws, in light and dark colours and back, and
 * gives the frames a cairo drawing rather than the icon's pixels to convert.
 */

#include "config.h"

#include "alga-cached-icon.h"
#include "alga-test-gtk.h"

#define SIZE 128

/* The colours GTK gives a symbolic icon: foreground, error, warning, success. */
static const GdkRGBA light[] = {
  { 0.18, 0.18, 0.18, 1.0 }, { 0.75, 0.11, 0.16, 1.0 }, { 0.61, 0.43, 0.0, 1.0 }, { 0.15, 0.53, 0.29, 1.0 },
};
static const GdkRGBA dark[] = {
  { 1.0, 1.0, 1.0, 0.6 }, { 1.0, 0.48, 0.39, 1.0 }, { 0.97, 0.83, 0.38, 1.0 }, { 0.56, 0.94, 0.64, 1.0 },
};

static GskRenderNode *
snapshot_icon (GdkPaintable  *icon,
               const GdkRGBA *colors)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, SIZE, SIZE,
                                            colors, G_N_ELEMENTS (light));
  return gtk_snapshot_free_to_node (snapshot);
}

/* The icon as the cairo renderer draws it into a window. */
static cairo_surface_t *
draw_icon (GdkPaintable  *icon,
           const GdkRGBA *colors)
{
  g_autoptr(GskRenderNode) node = snapshot_icon (icon, colors);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_t *cr = cairo_create (image);

  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  gboolean drawn = FALSE;

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpmem (pa, stride * SIZE, pb, stride * SIZE);
  for (int i = 0; i < stride * SIZE && !drawn; i++)
    drawn = pa[i] != 0;
  g_assert_true (drawn);
}

static void
test_same_as_gtk (void)
{
  GtkWidget *image = g_object_ref_sink (gtk_image_new ());
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  GtkIconPaintable *gtk_icon = gtk_icon_theme_lookup_icon (theme, "alarm-symbolic", NULL, SIZE, 1,
                                                           GTK_TEXT_DIR_LTR, 0);
  GdkPaintable *cached = alga_cached_icon_new (image, "alarm-symbolic", SIZE);
  const GdkRGBA *schemes[] = { light, dark, light, light };

  /* Light, dark, light again and once more from the image: each as GTK draws it. */
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      cairo_surface_t *expected = draw_icon (GDK_PAINTABLE (gtk_icon), schemes[i]);
      cairo_surface_t *got = draw_icon (cached, schemes[i]);

      assert_same_pixels (expected, got);
      cairo_surface_destroy (expected);
      cairo_surface_destroy (got);
    }

  /* What a frame gets is a cairo drawing, not a texture to convert. */
  {
    g_autoptr(GskRenderNode) node = snapshot_icon (cached, light);

    g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CAIRO_NODE);
  }

  g_object_unref (image);
  g_assert_finalize_object (cached);
  g_object_unref (gtk_icon);
}

/* The empty ticket pane's icon, in sight at start, comes from a PNG made from its SVG: GTK draws
 * a symbolic SVG through librsvg, which the first frame would otherwise have to load and run. At
 * twice the scale the SVG is drawn, sharp. */
static void
test_status_icon_from_png (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GtkIconPaintable) icon2 = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) file2 = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *uri2 = NULL;

  gtk_icon_theme_add_resource_path (theme, "/com/nineminds/AlgaPSA/icons");
  icon = gtk_icon_theme_lookup_icon (theme, "alga-symbolic", NULL, 128, 1, GTK_TEXT_DIR_LTR, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  uri = g_file_get_uri (file);
  g_assert_true (g_str_has_suffix (uri, "/alga-symbolic.symbolic.png"));

  icon2 = gtk_icon_theme_lookup_icon (theme, "alga-symbolic", NULL, 128, 2, GTK_TEXT_DIR_LTR, 0);
  file2 = gtk_icon_paintable_get_file (icon2);
  g_assert_nonnull (file2);
  uri2 = g_file_get_uri (file2);
  g_assert_true (g_str_has_suffix (uri2, "/alga-symbolic.svg"));
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add_func ("/cached-icon/same-as-gtk", test_same_as_gtk);
  g_test_add_func ("/cached-icon/status-icon-from-png", test_status_icon_from_png);

  return g_test_run ();
}
