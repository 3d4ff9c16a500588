/* alga-quiet-choice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Don't notify the customer" and "Also don't notify agents": whom the server leaves out when
 * it tells people about a change. The second can be chosen only with the first, as the server
 * wants it. A change that succeeded sets the choice back (alga_quiet_choice_set_quiet()); one
 * that failed leaves it for the next try.
 */

#define G_LOG_DOMAIN "alga-quiet-choice"

#include "config.h"

#include "alga-quiet-choice.h"

#include <glib/gi18n.h>

struct _AlgaQuietChoice
{
  AdwBin          parent_instance;

  GtkCheckButton *customer_check;
  GtkCheckButton *agents_check;
};

G_DEFINE_FINAL_TYPE (AlgaQuietChoice, alga_quiet_choice, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_QUIET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_check_toggled_cb (AlgaQuietChoice *self)
{
  gboolean customer = gtk_check_button_get_active (self->customer_check);

  if (!customer && gtk_check_button_get_active (self->agents_check))
    gtk_check_button_set_active (self->agents_check, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->agents_check), customer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUIET]);
}

static void
alga_quiet_choice_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AlgaQuietChoice *self = ALGA_QUIET_CHOICE (object);

  switch (prop_id)
    {
    case PROP_QUIET:
      g_value_set_int (value, alga_quiet_choice_get_quiet (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_quiet_choice_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AlgaQuietChoice *self = ALGA_QUIET_CHOICE (object);

  switch (prop_id)
    {
    case PROP_QUIET:
      alga_quiet_choice_set_quiet (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_quiet_choice_class_init (AlgaQuietChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = alga_quiet_choice_get_property;
  object_class->set_property = alga_quiet_choice_set_property;

  properties[PROP_QUIET] =
    g_param_spec_int ("quiet", NULL, NULL, ALGA_QUIET_NONE, ALGA_QUIET_EVERYONE, ALGA_QUIET_NONE,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_quiet_choice_init (AlgaQuietChoice *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->customer_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Don’t _notify the customer")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->customer_check),
                               _("The server sends the customer no e-mail about this change"));
  self->agents_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Also don’t notify _agents")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->agents_check), _("Nobody is told about this change"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->agents_check), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->customer_check));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->agents_check));
  adw_bin_set_child (ADW_BIN (self), box);

  g_signal_connect_swapped (self->customer_check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  g_signal_connect_swapped (self->agents_check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
}

GtkWidget *
alga_quiet_choice_new (void)
{
  return g_object_new (ALGA_TYPE_QUIET_CHOICE, NULL);
}

AlgaQuiet
alga_quiet_choice_get_quiet (AlgaQuietChoice *self)
{
  g_return_val_if_fail (ALGA_IS_QUIET_CHOICE (self), ALGA_QUIET_NONE);

  if (!gtk_check_button_get_active (self->customer_check))
    return ALGA_QUIET_NONE;
  return gtk_check_button_get_active (self->agents_check) ? ALGA_QUIET_EVERYONE : ALGA_QUIET_CUSTOMER;
}

void
alga_quiet_choice_set_quiet (AlgaQuietChoice *self,
                             AlgaQuiet        quiet)
{
  g_return_if_fail (ALGA_IS_QUIET_CHOICE (self));

  gtk_check_button_set_active (self->customer_check, quiet != ALGA_QUIET_NONE);
  gtk_check_button_set_active (self->agents_check, quiet == ALGA_QUIET_EVERYONE);
}
