/* alga-filter-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filters in force, under the list's header: a filter is never on unseen. Each is a chip
 * that removes it; Clear removes them all.
 */

#define G_LOG_DOMAIN "alga-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-filter-bar.h"

struct _AlgaFilterBar
{
  GtkBox             parent_instance;

  AlgaFilterPopover *popover;
  /* What the chips say, to build them again only when it changes: a chip being pressed or
   * focused must not be replaced under the user's hands. */
  char              *shown;

  GtkRevealer       *revealer;
  GtkFlowBox        *chips;
};

G_DEFINE_FINAL_TYPE (AlgaFilterBar, alga_filter_bar, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_POPOVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
get_chip (AlgaFilterBar *self,
          int            index)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->chips, index);

  return child != NULL ? gtk_flow_box_child_get_child (child) : NULL;
}

/* The focus stays in the bar, on the chip that took the removed one's place; with no filter
 * left, it goes back to the list. */
static void
on_chip_clicked_cb (GtkButton     *chip,
                    AlgaFilterBar *self)
{
  AlgaFilterKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chip), "alga-filter-kind"));
  GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (chip));
  int index = gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (child));
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (chip));
  GtkWidget *next;

  alga_filter_popover_clear_filter (self->popover, kind);
  alga_filter_bar_update (self);

  if (!had_focus)
    return;

  next = get_chip (self, index);
  if (next == NULL && index > 0)
    next = get_chip (self, index - 1);
  if (next != NULL)
    gtk_widget_grab_focus (next);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-list", NULL);
}

static GtkWidget *
make_chip (AlgaFilterBar  *self,
           AlgaFilterKind  kind,
           const char     *text)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  g_autofree char *name = NULL;
  GtkWidget *child;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  /* As wide as its words: a chip alone on its line does not stretch across it. */
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Remove this filter"));
  /* Translators: the accessible name of a filter's chip; %s is the filter, e.g. "Status: Open". */
  name = g_strdup_printf (_("Remove filter %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data (G_OBJECT (button), "alga-filter-kind", GUINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self);

  /* Tab goes from chip to chip: the flow box's own cells take no focus. */
  child = gtk_flow_box_child_new ();
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), button);
  gtk_widget_set_focusable (child, FALSE);

  return child;
}

static void
alga_filter_bar_dispose (GObject *object)
{
  AlgaFilterBar *self = ALGA_FILTER_BAR (object);

  g_clear_object (&self->popover);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_FILTER_BAR);

  G_OBJECT_CLASS (alga_filter_bar_parent_class)->dispose (object);
}

static void
alga_filter_bar_finalize (GObject *object)
{
  AlgaFilterBar *self = ALGA_FILTER_BAR (object);

  g_free (self->shown);

  G_OBJECT_CLASS (alga_filter_bar_parent_class)->finalize (object);
}

static void
alga_filter_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AlgaFilterBar *self = ALGA_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_POPOVER:
      g_value_set_object (value, self->popover);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_filter_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AlgaFilterBar *self = ALGA_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_POPOVER:
      alga_filter_bar_set_popover (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_filter_bar_class_init (AlgaFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_filter_bar_dispose;
  object_class->finalize = alga_filter_bar_finalize;
  object_class->get_property = alga_filter_bar_get_property;
  object_class->set_property = alga_filter_bar_set_property;

  properties[PROP_POPOVER] =
    g_param_spec_object ("popover", NULL, NULL,
                         ALGA_TYPE_FILTER_POPOVER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterBar, chips);
}

static void
alga_filter_bar_init (AlgaFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
alga_filter_bar_new (void)
{
  return g_object_new (ALGA_TYPE_FILTER_BAR, NULL);
}

/**
 * alga_filter_bar_get_popover:
 * @self: the bar
 *
 * Returns: (nullable) (transfer none): the popover whose filters the bar shows
 */
AlgaFilterPopover *
alga_filter_bar_get_popover (AlgaFilterBar *self)
{
  g_return_val_if_fail (ALGA_IS_FILTER_BAR (self), NULL);

  return self->popover;
}

/**
 * alga_filter_bar_set_popover:
 * @self: the bar
 * @popover: (nullable): the popover whose filters to show
 */
void
alga_filter_bar_set_popover (AlgaFilterBar     *self,
                             AlgaFilterPopover *popover)
{
  g_return_if_fail (ALGA_IS_FILTER_BAR (self));
  g_return_if_fail (!popover || ALGA_IS_FILTER_POPOVER (popover));

  if (!g_set_object (&self->popover, popover))
    return;

  alga_filter_bar_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POPOVER]);
}

/**
 * alga_filter_bar_update:
 * @self: the bar
 *
 * Shows the popover's filters as they are now: one chip each, the bar hidden when none is in
 * force.
 */
void
alga_filter_bar_update (AlgaFilterBar *self)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  AlgaFilterKind kinds[ALGA_N_FILTERS];
  GtkFlowBoxChild *child;

  g_return_if_fail (ALGA_IS_FILTER_BAR (self));

  for (AlgaFilterKind kind = 0; self->popover != NULL && kind < ALGA_N_FILTERS; kind++)
    {
      g_autofree char *value = alga_filter_popover_dup_value (self->popover, kind);
      char *text;

      if (value == NULL)
        continue;

      /* Translators: one filter in force, e.g. "Priority: P1 - Critical". */
      text = g_strdup_printf (_("%s: %s"), alga_filter_kind_get_name (kind), value);
      g_string_append_printf (shown, "%u:%s\n", kind, text);
      kinds[texts->len] = kind;
      g_ptr_array_add (texts, text);
    }

  gtk_revealer_set_reveal_child (self->revealer, texts->len > 0);
  if (g_strcmp0 (self->shown, shown->str) == 0)
    return;

  g_free (self->shown);
  self->shown = g_string_free (g_steal_pointer (&shown), FALSE);

  while ((child = gtk_flow_box_get_child_at_index (self->chips, 0)) != NULL)
    gtk_flow_box_remove (self->chips, GTK_WIDGET (child));
  for (guint i = 0; i < texts->len; i++)
    gtk_flow_box_append (self->chips, make_chip (self, kinds[i], g_ptr_array_index (texts, i)));
}
