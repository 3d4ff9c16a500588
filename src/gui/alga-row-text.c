/* alga-row-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The texts of a ticket row. A GtkLabel lays its text out again for every size GTK asks it for:
 * with no width, at no width, for its height at a width, then at its allocation. Rebinding a
 * row changes seven texts, and a search that changes every row in a window paid for some 1,500
 * layouts before its frame (docs/PERFORMANCE.md, Row texts laid out once). This text keeps one
 * layout: its size on one line is taken once per text, and the layout is wrapped or cut only
 * when that line does not fit the width it is given.
 *
 * It ellipsizes at the end, wraps at word boundaries when it may take more than one line, and
 * takes its font and colour from CSS like a label; of CSS's text attributes it has only the
 * tabular digits of "numeric", as a property.
 */

#define G_LOG_DOMAIN "alga-row-text"

#include "config.h"

#include <math.h>

#include "alga-row-text.h"

struct _AlgaRowText
{
  GtkWidget    parent_instance;

  char        *text;
  guint        lines;
  float        xalign;
  gboolean     numeric;
  gboolean     shared;
  gboolean     fills;

  /* The text on one line (shared with other rows' texts when @shared), never wrapped. */
  PangoLayout *line;
  int          natural_width;
  int          natural_height;
  int          natural_height_units;   /* in Pango units, to add lines up as Pango does */
  /* A copy of @line wrapped and cut at @wrap_width, when the line does not fit. */
  PangoLayout *wrapped;
  int          wrap_width;

  /* What the layouts were made for: the Pango context and its serial, as a key of the shared
   * layouts. */
  PangoContext *context;
  guint         serial;
  char         *font_key;
};

G_DEFINE_FINAL_TYPE (AlgaRowText, alga_row_text, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_LINES,
  PROP_XALIGN,
  PROP_NUMERIC,
  PROP_SHARED,
  PROP_FILLS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The layouts of the texts many rows show (a status, a client, "2 days ago"), by font key and
 * text: a search that rebinds every row lays each of them out once. Emptied when full, which
 * costs only a layout each again. */
#define MAX_SHARED_LAYOUTS 256
static GHashTable *shared_layouts;
/* The contexts they are made in, one per font key: copies, because GTK changes a widget's own
 * context when its style changes (a priority pill turning bold), and a layout follows its
 * context's changes. */
static GHashTable *shared_contexts;

static void
forget_layouts (AlgaRowText *self)
{
  g_clear_object (&self->line);
  g_clear_object (&self->wrapped);
  self->natural_width = -1;
  self->wrap_width = -1;
}

/* Everything of the context that changes how a text is laid out. */
static char *
make_font_key (AlgaRowText  *self,
               PangoContext *context)
{
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));

  return g_strdup_printf ("%p %d %s %g %lu %d %d %s", (gpointer) pango_context_get_font_map (context),
                          (int) pango_context_get_base_dir (context), font,
                          pango_cairo_context_get_resolution (context),
                          options != NULL ? cairo_font_options_hash (options) : 0UL,
                          pango_context_get_round_glyph_positions (context),
                          self->numeric,
                          pango_language_to_string (pango_context_get_language (context)));
}

/* A context laid out as @context is now, which nothing changes afterwards. */
static PangoContext *
get_shared_context (AlgaRowText  *self,
                    PangoContext *context)
{
  PangoContext *copy;

  if (shared_contexts == NULL)
    shared_contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  copy = g_hash_table_lookup (shared_contexts, self->font_key);
  if (copy != NULL)
    return copy;

  copy = pango_font_map_create_context (pango_context_get_font_map (context));
  pango_context_set_font_description (copy, pango_context_get_font_description (context));
  pango_context_set_base_dir (copy, pango_context_get_base_dir (context));
  pango_context_set_language (copy, pango_context_get_language (context));
  pango_context_set_round_glyph_positions (copy, pango_context_get_round_glyph_positions (context));
  pango_cairo_context_set_resolution (copy, pango_cairo_context_get_resolution (context));
  pango_cairo_context_set_font_options (copy, pango_cairo_context_get_font_options (context));
  g_hash_table_insert (shared_contexts, g_strdup (self->font_key), copy);

  return copy;
}

/* The text on one line, as wide as it is; cut at the end once given a width. */
static PangoLayout *
make_layout (AlgaRowText  *self,
             PangoContext *context)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (self->numeric)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_text (layout, self->text != NULL ? self->text : "", -1);

  return layout;
}

/* Forgets the layouts when the widget's font changed. */
static PangoContext *
check_context (AlgaRowText *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  if (context != self->context || pango_context_get_serial (context) != self->serial)
    {
      forget_layouts (self);
      g_clear_pointer (&self->font_key, g_free);
      self->context = context;
      self->serial = pango_context_get_serial (context);
    }

  return context;
}

/* The text on one line, from the shared layouts when it is shared. */
static PangoLayout *
get_layout (AlgaRowText  *self,
            PangoContext *context)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (!self->shared)
    return make_layout (self, context);

  if (self->font_key == NULL)
    self->font_key = make_font_key (self, context);
  key = g_strconcat (self->font_key, "\x1f", self->text != NULL ? self->text : "", NULL);

  if (shared_layouts == NULL)
    shared_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout = g_hash_table_lookup (shared_layouts, key);
  if (layout != NULL)
    return g_object_ref (layout);

  if (g_hash_table_size (shared_layouts) >= MAX_SHARED_LAYOUTS)
    g_hash_table_remove_all (shared_layouts);
  layout = make_layout (self, get_shared_context (self, context));
  g_hash_table_insert (shared_layouts, g_steal_pointer (&key), g_object_ref (layout));

  return layout;
}

/* The text on one line and its size. */
static PangoLayout *
ensure_line (AlgaRowText *self)
{
  PangoContext *context = check_context (self);
  PangoRectangle logical;

  if (self->line != NULL)
    return self->line;

  self->line = get_layout (self, context);
  pango_layout_get_extents (self->line, NULL, &logical);
  self->natural_height_units = logical.height;
  pango_extents_to_pixels (&logical, NULL);
  self->natural_width = logical.width;
  self->natural_height = logical.height;

  return self->line;
}

/* The layout to draw at @width: the line when it fits, else a copy of it wrapped and cut
 * there. */
static PangoLayout *
fit_to (AlgaRowText *self,
        int          width)
{
  ensure_line (self);

  width = MAX (width, 0);
  if (self->natural_width <= width)
    return self->line;

  if (self->wrapped == NULL || self->wrap_width != width)
    {
      g_clear_object (&self->wrapped);
      self->wrapped = pango_layout_copy (self->line);
      pango_layout_set_width (self->wrapped, width * PANGO_SCALE);
      /* A negative height is a number of lines, the last one ellipsized. */
      pango_layout_set_height (self->wrapped, -(int) self->lines);
      self->wrap_width = width;
    }

  return self->wrapped;
}

static void
alga_row_text_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  AlgaRowText *self = ALGA_ROW_TEXT (widget);

  ensure_line (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* A text that fills takes the width its neighbours leave, and asks for none: they keep
       * theirs whole first. Another one needs room for an ellipsis at least, which is
       * narrower than a line is high (measuring it would be one more layout). */
      *natural = self->fills ? 0 : self->natural_width;
      *minimum = self->fills ? 0 : MIN (self->natural_width, self->natural_height);
    }
  else if (self->lines > 1 && for_size >= 0 && for_size < self->natural_width)
    {
      /* A line that does not fit takes two lines, cut at the end of the second: GTK asks
       * for heights at many widths, and a layout at each would cost more than the frame. */
      if (self->lines == 2)
        *minimum = *natural = PANGO_PIXELS_CEIL (2 * self->natural_height_units);
      else
        {
          PangoRectangle logical;

          pango_layout_get_pixel_extents (fit_to (self, for_size), NULL, &logical);
          *minimum = *natural = logical.height;
        }
    }
  else
    *minimum = *natural = self->natural_height;
}

/* Only a text that may wrap has a height that depends on its width. */
static GtkSizeRequestMode
alga_row_text_get_request_mode (GtkWidget *widget)
{
  return ALGA_ROW_TEXT (widget)->lines > 1 ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                           : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
alga_row_text_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  AlgaRowText *self = ALGA_ROW_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float xalign = self->xalign;
  PangoLayout *layout;
  PangoRectangle logical;

  if (self->text == NULL || self->text[0] == '\0')
    return;

  layout = fit_to (self, width);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;

  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget),
                              floor (xalign * (width - logical.width)) - logical.x,
                              floor ((height - logical.height) / 2.0) - logical.y,
                              layout);
}

static void
alga_row_text_finalize (GObject *object)
{
  AlgaRowText *self = ALGA_ROW_TEXT (object);

  forget_layouts (self);
  g_clear_pointer (&self->font_key, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (alga_row_text_parent_class)->finalize (object);
}

static void
alga_row_text_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AlgaRowText *self = ALGA_ROW_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_LINES:
      g_value_set_uint (value, self->lines);
      break;
    case PROP_XALIGN:
      g_value_set_float (value, self->xalign);
      break;
    case PROP_NUMERIC:
      g_value_set_boolean (value, self->numeric);
      break;
    case PROP_SHARED:
      g_value_set_boolean (value, self->shared);
      break;
    case PROP_FILLS:
      g_value_set_boolean (value, self->fills);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_row_text_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AlgaRowText *self = ALGA_ROW_TEXT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      alga_row_text_set_text (self, g_value_get_string (value));
      break;
    case PROP_LINES:
      alga_row_text_set_lines (self, g_value_get_uint (value));
      break;
    case PROP_XALIGN:
      alga_row_text_set_xalign (self, g_value_get_float (value));
      break;
    case PROP_NUMERIC:
      alga_row_text_set_numeric (self, g_value_get_boolean (value));
      break;
    case PROP_SHARED:
      alga_row_text_set_shared (self, g_value_get_boolean (value));
      break;
    case PROP_FILLS:
      alga_row_text_set_fills (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_row_text_class_init (AlgaRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = alga_row_text_finalize;
  object_class->get_property = alga_row_text_get_property;
  object_class->set_property = alga_row_text_set_property;
  widget_class->get_request_mode = alga_row_text_get_request_mode;
  widget_class->measure = alga_row_text_measure;
  widget_class->snapshot = alga_row_text_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LINES] =
    g_param_spec_uint ("lines", NULL, NULL, 1, 100, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_XALIGN] =
    g_param_spec_float ("xalign", NULL, NULL, 0.0f, 1.0f, 0.0f,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NUMERIC] =
    g_param_spec_boolean ("numeric", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHARED] =
    g_param_spec_boolean ("shared", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILLS] =
    g_param_spec_boolean ("fills", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Styled as a label: the theme's rules for labels apply to it too. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
alga_row_text_init (AlgaRowText *self)
{
  self->lines = 1;
  self->natural_width = -1;
  self->wrap_width = -1;
}

GtkWidget *
alga_row_text_new (void)
{
  return g_object_new (ALGA_TYPE_ROW_TEXT, NULL);
}

const char *
alga_row_text_get_text (AlgaRowText *self)
{
  g_return_val_if_fail (ALGA_IS_ROW_TEXT (self), NULL);

  return self->text != NULL ? self->text : "";
}

/* Line breaks and tabs become spaces: a row's text is one paragraph. */
void
alga_row_text_set_text (AlgaRowText *self,
                        const char  *text)
{
  g_return_if_fail (ALGA_IS_ROW_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->text != NULL)
    g_strdelimit (self->text, "\n\r\t", ' ');

  forget_layouts (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, alga_row_text_get_text (self),
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

guint
alga_row_text_get_lines (AlgaRowText *self)
{
  g_return_val_if_fail (ALGA_IS_ROW_TEXT (self), 1);

  return self->lines;
}

/* At most @lines lines, wrapped between words; the last one is ellipsized. */
void
alga_row_text_set_lines (AlgaRowText *self,
                         guint        lines)
{
  g_return_if_fail (ALGA_IS_ROW_TEXT (self));
  g_return_if_fail (lines >= 1);

  if (self->lines == lines)
    return;

  self->lines = lines;
  g_clear_object (&self->wrapped);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINES]);
}

float
alga_row_text_get_xalign (AlgaRowText *self)
{
  g_return_val_if_fail (ALGA_IS_ROW_TEXT (self), 0.0f);

  return self->xalign;
}

/* Where the text sits when it is narrower than the widget: 0 at the start, 1 at the end. */
void
alga_row_text_set_xalign (AlgaRowText *self,
                          float        xalign)
{
  g_return_if_fail (ALGA_IS_ROW_TEXT (self));

  xalign = CLAMP (xalign, 0.0f, 1.0f);
  if (self->xalign == xalign)
    return;

  self->xalign = xalign;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_XALIGN]);
}

gboolean
alga_row_text_get_numeric (AlgaRowText *self)
{
  g_return_val_if_fail (ALGA_IS_ROW_TEXT (self), FALSE);

  return self->numeric;
}

/* Digits all as wide, as the theme's "numeric" style class gives a label. */
void
alga_row_text_set_numeric (AlgaRowText *self,
                           gboolean     numeric)
{
  g_return_if_fail (ALGA_IS_ROW_TEXT (self));

  numeric = !!numeric;
  if (self->numeric == numeric)
    return;

  self->numeric = numeric;
  forget_layouts (self);
  g_clear_pointer (&self->font_key, g_free);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMERIC]);
}

gboolean
alga_row_text_get_shared (AlgaRowText *self)
{
  g_return_val_if_fail (ALGA_IS_ROW_TEXT (self), FALSE);

  return self->shared;
}

/* For a text many rows show (a status, a person, "2 days ago"): its layout is made once and
 * shared by every row text that shows it in the same font. Unique texts (a title) are not
 * worth keeping. */
void
alga_row_text_set_shared (AlgaRowText *self,
                          gboolean     shared)
{
  g_return_if_fail (ALGA_IS_ROW_TEXT (self));

  shared = !!shared;
  if (self->shared == shared)
    return;

  self->shared = shared;
  forget_layouts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARED]);
}

gboolean
alga_row_text_get_fills (AlgaRowText *self)
{
  g_return_val_if_fail (ALGA_IS_ROW_TEXT (self), FALSE);

  return self->fills;
}

/* For a text that takes the room its neighbours leave (a client beside the number, a title):
 * it asks for no width of its own, so that they keep theirs whole. */
void
alga_row_text_set_fills (AlgaRowText *self,
                         gboolean     fills)
{
  g_return_if_fail (ALGA_IS_ROW_TEXT (self));

  fills = !!fills;
  if (self->fills == fills)
    return;

  self->fills = fills;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILLS]);
}

/**
 * alga_row_text_get_layout:
 * @self: a row text
 *
 * Returns: (transfer none): the layout as drawn at the text's width now
 */
PangoLayout *
alga_row_text_get_layout (AlgaRowText *self)
{
  g_return_val_if_fail (ALGA_IS_ROW_TEXT (self), NULL);

  return fit_to (self, gtk_widget_get_width (GTK_WIDGET (self)));
}
