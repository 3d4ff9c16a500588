/* alga-cached-icon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's cairo renderer draws every node of the window at every frame, whatever the frame
 * changed, and converts an icon's pixels into cairo's format again each time it draws it: a large
 * icon that never changes costs a third of a frame that changes a few digits elsewhere
 * (docs/PERFORMANCE.md, "A large icon drawn once"). This icon lets GTK's own icon draw itself
 * into an image once and gives the frames a cairo drawing of that image, which the renderer
 * paints only where the frame changed, without converting anything.
 */

#define G_LOG_DOMAIN "alga-cached-icon"

#include "config.h"

#include "alga-cached-icon.h"

#define MAX_COLORS 4

struct _AlgaCachedIcon
{
  GObject           parent_instance;

  GtkWidget        *widget;
  char             *icon_name;
  int               size;
  GtkIconPaintable *icon;

  /* The image, and what it was drawn for. */
  cairo_surface_t  *image;
  graphene_rect_t   bounds;
  double            width;
  double            height;
  int               scale;
  GdkRGBA           colors[MAX_COLORS];
  gsize             n_colors;
};

static void alga_cached_icon_paintable_init (GdkPaintableInterface         *iface);
static void alga_cached_icon_symbolic_init  (GtkSymbolicPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlgaCachedIcon, alga_cached_icon, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      alga_cached_icon_paintable_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SYMBOLIC_PAINTABLE,
                                                      alga_cached_icon_symbolic_init))

/* The icon as GTK looks it up for the widget now: its theme, scale and direction. */
static void
look_up (AlgaCachedIcon *self)
{
  GtkIconTheme *theme;

  g_clear_object (&self->icon);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  if (self->widget == NULL)
    return;
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (self->widget));
  self->icon = gtk_icon_theme_lookup_icon (theme, self->icon_name, NULL, self->size,
                                           gtk_widget_get_scale_factor (self->widget),
                                           gtk_widget_get_direction (self->widget), 0);
}

static void
on_look_changed_cb (AlgaCachedIcon *self)
{
  look_up (self);
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

static gboolean
image_fits (AlgaCachedIcon *self,
            double          width,
            double          height,
            int             scale,
            const GdkRGBA  *colors,
            gsize           n_colors)
{
  if (self->image == NULL || self->width != width || self->height != height || self->scale != scale
      || self->n_colors != MIN (n_colors, MAX_COLORS))
    return FALSE;
  for (gsize i = 0; i < self->n_colors; i++)
    if (!gdk_rgba_equal (&self->colors[i], &colors[i]))
      return FALSE;
  return TRUE;
}

/* GTK's icon drawn as GTK draws it, into an image of the widget's scale. */
static void
draw_image (AlgaCachedIcon *self,
            double          width,
            double          height,
            int             scale,
            const GdkRGBA  *colors,
            gsize           n_colors)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_t *cr;

  g_clear_pointer (&self->image, cairo_surface_destroy);
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->icon), snapshot, width, height,
                                            colors, n_colors);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;

  gsk_render_node_get_bounds (node, &self->bounds);
  self->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (self->bounds.size.width * scale),
                                            (int) ceil (self->bounds.size.height * scale));
  cairo_surface_set_device_scale (self->image, scale, scale);
  cr = cairo_create (self->image);
  cairo_translate (cr, -self->bounds.origin.x, -self->bounds.origin.y);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);

  self->width = width;
  self->height = height;
  self->scale = scale;
  self->n_colors = MIN (n_colors, MAX_COLORS);
  for (gsize i = 0; i < self->n_colors; i++)
    self->colors[i] = colors[i];
}

static void
alga_cached_icon_snapshot_symbolic (GtkSymbolicPaintable *paintable,
                                    GdkSnapshot          *snapshot,
                                    double                width,
                                    double                height,
                                    const GdkRGBA        *colors,
                                    gsize                 n_colors)
{
  AlgaCachedIcon *self = ALGA_CACHED_ICON (paintable);
  int scale = self->widget != NULL ? gtk_widget_get_scale_factor (self->widget) : 1;
  cairo_t *cr;

  if (self->icon == NULL)
    return;
  if (!image_fits (self, width, height, scale, colors, n_colors))
    draw_image (self, width, height, scale, colors, n_colors);
  if (self->image == NULL)
    return;

  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &self->bounds);
  cairo_set_source_surface (cr, self->image, self->bounds.origin.x, self->bounds.origin.y);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static void
alga_cached_icon_snapshot (GdkPaintable *paintable,
                           GdkSnapshot  *snapshot,
                           double        width,
                           double        height)
{
  alga_cached_icon_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), snapshot, width, height, NULL, 0);
}

static int
alga_cached_icon_get_intrinsic_width (GdkPaintable *paintable)
{
  return ALGA_CACHED_ICON (paintable)->size;
}

static int
alga_cached_icon_get_intrinsic_height (GdkPaintable *paintable)
{
  return ALGA_CACHED_ICON (paintable)->size;
}

static void
alga_cached_icon_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = alga_cached_icon_snapshot;
  iface->get_intrinsic_width = alga_cached_icon_get_intrinsic_width;
  iface->get_intrinsic_height = alga_cached_icon_get_intrinsic_height;
}

static void
alga_cached_icon_symbolic_init (GtkSymbolicPaintableInterface *iface)
{
  iface->snapshot_symbolic = alga_cached_icon_snapshot_symbolic;
}

static void
alga_cached_icon_dispose (GObject *object)
{
  AlgaCachedIcon *self = ALGA_CACHED_ICON (object);

  g_clear_weak_pointer (&self->widget);
  g_clear_object (&self->icon);
  g_clear_pointer (&self->image, cairo_surface_destroy);

  G_OBJECT_CLASS (alga_cached_icon_parent_class)->dispose (object);
}

static void
alga_cached_icon_finalize (GObject *object)
{
  AlgaCachedIcon *self = ALGA_CACHED_ICON (object);

  g_free (self->icon_name);

  G_OBJECT_CLASS (alga_cached_icon_parent_class)->finalize (object);
}

static void
alga_cached_icon_class_init (AlgaCachedIconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_cached_icon_dispose;
  object_class->finalize = alga_cached_icon_finalize;
}

static void
alga_cached_icon_init (AlgaCachedIcon *self)
{
}

GdkPaintable *
alga_cached_icon_new (GtkWidget  *widget,
                      const char *icon_name,
                      int         size)
{
  AlgaCachedIcon *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (icon_name != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  self = g_object_new (ALGA_TYPE_CACHED_ICON, NULL);
  self->icon_name = g_strdup (icon_name);
  self->size = size;
  /* The widget holds the icon, so the icon watches the widget only weakly; the handlers go with
   * the icon. */
  g_set_weak_pointer (&self->widget, widget);
  g_signal_connect_object (widget, "notify::scale-factor", G_CALLBACK (on_look_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (widget, "direction-changed", G_CALLBACK (on_look_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)), "changed",
                           G_CALLBACK (on_look_changed_cb), self, G_CONNECT_SWAPPED);
  look_up (self);
  return GDK_PAINTABLE (self);
}
