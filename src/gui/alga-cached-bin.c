/* alga-cached-bin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's cairo renderer draws every node of the window at every frame, clipped to what the
 * frame changed but without skipping the nodes outside it: the running timer's six digits cost a
 * walk through every text, border and icon of the panes above it, once a second
 * (docs/PERFORMANCE.md, "Panes painted from an image"). GTK keeps a widget's drawing while
 * nothing in it changes, and asks its parent to draw again when something does; so this bin
 * sees each new drawing of its child, and when one has stayed for a moment, draws it once into
 * an image and gives the frames a cairo drawing of that image, which the renderer skips where the
 * frame changed nothing. A new drawing of the child is painted as it is, at once, and becomes an
 * image again once it has stayed.
 */

#define G_LOG_DOMAIN "alga-cached-bin"

#include "config.h"

#include "alga-cached-bin.h"

#include <math.h>

/* How long a drawing stays before it becomes an image: longer than a frame of scrolling or an
 * animation, shorter than a person's pause. */
#define STILL_MS 500

/* Larger drawings are not worth the memory (four bytes a pixel). */
#define MAX_PIXELS (4096 * 4096)

struct _AlgaCachedBin
{
  AdwBin         parent_instance;

  /* Only under the cairo renderer; GTK's GL renderer skips what a frame does not change. */
  gboolean       enabled;

  /* The child's last drawing, when it was new, and that drawing painted from an image. */
  GskRenderNode *drawing;
  gint64         drawn_at;
  GskRenderNode *image_node;
  int            image_scale;
  guint          still_id;
};

G_DEFINE_FINAL_TYPE (AlgaCachedBin, alga_cached_bin, ADW_TYPE_BIN)

static void
forget (AlgaCachedBin *self)
{
  g_clear_pointer (&self->drawing, gsk_render_node_unref);
  g_clear_pointer (&self->image_node, gsk_render_node_unref);
  g_clear_handle_id (&self->still_id, g_source_remove);
}

/* The drawing into an image of the bin's scale, on whole device pixels so that it is not
 * resampled, and a cairo drawing that paints that image. */
static void
draw_image (AlgaCachedBin *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GtkSnapshot) snapshot = NULL;
  graphene_rect_t bounds, pixels;
  cairo_surface_t *image;
  cairo_t *cr;
  int width, height;

  gsk_render_node_get_bounds (self->drawing, &bounds);
  pixels.origin.x = floor (bounds.origin.x * scale) / scale;
  pixels.origin.y = floor (bounds.origin.y * scale) / scale;
  width = (int) ceil ((bounds.origin.x + bounds.size.width) * scale) - (int) floor (bounds.origin.x * scale);
  height = (int) ceil ((bounds.origin.y + bounds.size.height) * scale) - (int) floor (bounds.origin.y * scale);
  if (width <= 0 || height <= 0 || (gint64) width * height > MAX_PIXELS)
    return;
  pixels.size.width = (double) width / scale;
  pixels.size.height = (double) height / scale;

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_set_device_scale (image, scale, scale);
  cr = cairo_create (image);
  cairo_translate (cr, -pixels.origin.x, -pixels.origin.y);
  gsk_render_node_draw (self->drawing, cr);
  cairo_destroy (cr);

  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &pixels);
  cairo_set_source_surface (cr, image, pixels.origin.x, pixels.origin.y);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);

  self->image_node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  self->image_scale = scale;
}

static gboolean
on_still_cb (gpointer user_data)
{
  AlgaCachedBin *self = user_data;
  gint64 still_ms = (g_get_monotonic_time () - self->drawn_at) / 1000;

  self->still_id = 0;
  if (self->drawing == NULL)
    return G_SOURCE_REMOVE;

  /* The drawing changed since the wait started: wait for it to stay. */
  if (still_ms < STILL_MS)
    {
      self->still_id = g_timeout_add (STILL_MS - still_ms, on_still_cb, self);
      g_source_set_name_by_id (self->still_id, "[alga] cached bin still");
      return G_SOURCE_REMOVE;
    }

  draw_image (self);
  if (self->image_node != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
alga_cached_bin_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AlgaCachedBin *self = ALGA_CACHED_BIN (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));
  g_autoptr(GtkSnapshot) own = NULL;
  g_autoptr(GskRenderNode) node = NULL;

  if (child == NULL)
    return;
  if (!self->enabled)
    {
      gtk_widget_snapshot_child (widget, child, snapshot);
      return;
    }

  /* GTK hands back the child's kept drawing, the same node, when nothing in it changed. */
  own = gtk_snapshot_new ();
  gtk_widget_snapshot_child (widget, child, own);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&own));
  if (node == NULL)
    {
      forget (self);
      return;
    }

  if (node == self->drawing && self->image_node != NULL &&
      self->image_scale == gtk_widget_get_scale_factor (widget))
    {
      gtk_snapshot_append_node (snapshot, self->image_node);
      return;
    }

  if (node != self->drawing)
    {
      g_clear_pointer (&self->image_node, gsk_render_node_unref);
      g_clear_pointer (&self->drawing, gsk_render_node_unref);
      self->drawing = gsk_render_node_ref (node);
      self->drawn_at = g_get_monotonic_time ();
      if (self->still_id == 0)
        {
          self->still_id = g_timeout_add (STILL_MS, on_still_cb, self);
          g_source_set_name_by_id (self->still_id, "[alga] cached bin still");
        }
    }
  gtk_snapshot_append_node (snapshot, node);
}

static void
alga_cached_bin_map (GtkWidget *widget)
{
  AlgaCachedBin *self = ALGA_CACHED_BIN (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  GTK_WIDGET_CLASS (alga_cached_bin_parent_class)->map (widget);

  self->enabled = GSK_IS_CAIRO_RENDERER (renderer);
}

static void
alga_cached_bin_unmap (GtkWidget *widget)
{
  AlgaCachedBin *self = ALGA_CACHED_BIN (widget);

  forget (self);

  GTK_WIDGET_CLASS (alga_cached_bin_parent_class)->unmap (widget);
}

static void
alga_cached_bin_dispose (GObject *object)
{
  forget (ALGA_CACHED_BIN (object));

  G_OBJECT_CLASS (alga_cached_bin_parent_class)->dispose (object);
}

static void
alga_cached_bin_class_init (AlgaCachedBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_cached_bin_dispose;

  widget_class->snapshot = alga_cached_bin_snapshot;
  widget_class->map = alga_cached_bin_map;
  widget_class->unmap = alga_cached_bin_unmap;
}

static void
alga_cached_bin_init (AlgaCachedBin *self)
{
}

GtkWidget *
alga_cached_bin_new (void)
{
  return g_object_new (ALGA_TYPE_CACHED_BIN, NULL);
}

gboolean
alga_cached_bin_get_from_image (AlgaCachedBin *self)
{
  g_return_val_if_fail (ALGA_IS_CACHED_BIN (self), FALSE);

  return self->image_node != NULL;
}
