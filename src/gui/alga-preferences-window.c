/* alga-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-preferences-window.h"

struct _AlgaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwPreferencesPage   *page;
  AdwActionRow         *notify_unassigned_row;
  AdwActionRow         *do_not_disturb_row;
  GtkSwitch            *notifications_enabled_switch;
  GtkSwitch            *notify_unassigned_switch;
  GtkSwitch            *do_not_disturb_switch;
  GtkSwitch            *run_in_background_switch;
  GtkSwitch            *start_at_login_switch;
  GtkSwitch            *show_tray_icon_switch;
  GtkSpinButton        *poll_interval_spin;
};

G_DEFINE_FINAL_TYPE (AlgaPreferencesWindow, alga_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
shows_minutes (double seconds)
{
  return seconds >= 60;
}

static gboolean
on_poll_interval_spin_output_cb (GtkSpinButton *spin,
                                 gpointer       user_data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  guint seconds = (guint) (value + 0.5);
  g_autofree char *text = NULL;

  if (!shows_minutes (seconds))
    /* Translators: an update interval in seconds, as short as possible. */
    text = g_strdup_printf (_("%u s"), seconds);
  else if (seconds % 60 == 0)
    /* Translators: an update interval in minutes, as short as possible. */
    text = g_strdup_printf (_("%u min"), seconds / 60);
  else
    /* Translators: an update interval in minutes and seconds, as short as possible. */
    text = g_strdup_printf (_("%u min %u s"), seconds / 60, seconds % 60);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* Reads "90", "90 s", "2 min", "1 min 30 s" or "1 h". A unit is known by its first letter, so
 * that "m", "min" and "minutes" all work; a bare number counts in the unit now shown. */
static int
on_poll_interval_spin_input_cb (GtkSpinButton *spin,
                                double        *new_value,
                                gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  const char *p = gtk_editable_get_text (GTK_EDITABLE (spin));
  double current = gtk_adjustment_get_value (adjustment);
  double total = 0;
  gboolean any = FALSE;

  while (*p != '\0')
    {
      char *end;
      double number;
      double unit;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;

      number = g_ascii_strtod (p, &end);
      if (end == p || number < 0)
        return GTK_INPUT_ERROR;
      p = end;

      while (g_ascii_isspace (*p))
        p++;

      switch (g_ascii_tolower (*p))
        {
        case 'h':
          unit = 3600;
          break;
        case 'm':
          unit = 60;
          break;
        case 's':
          unit = 1;
          break;
        case '\0':
          unit = shows_minutes (current) ? 60 : 1;
          break;
        default:
          return GTK_INPUT_ERROR;
        }

      while (g_ascii_isalpha (*p))
        p++;

      total += number * unit;
      any = TRUE;
    }

  if (!any)
    return GTK_INPUT_ERROR;

  /* The spin button only takes valid values, so that text it cannot read is undone rather than
   * taken as the lowest interval: bring a number out of range into it here. */
  *new_value = CLAMP (total, gtk_adjustment_get_lower (adjustment),
                      gtk_adjustment_get_upper (adjustment));
  return TRUE;
}

static void
alga_preferences_window_dispose (GObject *object)
{
  AlgaPreferencesWindow *self = ALGA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (alga_preferences_window_parent_class)->dispose (object);
}

static void
alga_preferences_window_finalize (GObject *object)
{
  AlgaPreferencesWindow *self = ALGA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alga_preferences_window_parent_class)->finalize (object);
}

static void
alga_preferences_window_class_init (AlgaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *unbound_rows[] = {
    "notifications_enabled_row", "run_in_background_row", "start_at_login_row",
    "show_tray_icon_row", "poll_interval_row",
  };

  object_class->dispose = alga_preferences_window_dispose;
  object_class->finalize = alga_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow, page);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow,
                                        notify_unassigned_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow, do_not_disturb_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow,
                                        notifications_enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow,
                                        notify_unassigned_switch);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow,
                                        do_not_disturb_switch);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow,
                                        run_in_background_switch);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow,
                                        start_at_login_switch);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow,
                                        show_tray_icon_switch);
  gtk_widget_class_bind_template_child (widget_class, AlgaPreferencesWindow, poll_interval_spin);
  /* Bound without a field, so that gtk_widget_get_template_child() finds them in tests. */
  for (guint i = 0; i < G_N_ELEMENTS (unbound_rows); i++)
    gtk_widget_class_bind_template_child_full (widget_class, unbound_rows[i], FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_poll_interval_spin_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_poll_interval_spin_output_cb);
}

static void
alga_preferences_window_init (AlgaPreferencesWindow *self)
{
  const struct {
    const char  *key;
    GtkSwitch  **widget;
  } switches[] = {
    { "notifications-enabled", &self->notifications_enabled_switch },
    { "notify-unassigned", &self->notify_unassigned_switch },
    { "do-not-disturb", &self->do_not_disturb_switch },
    { "run-in-background", &self->run_in_background_switch },
    { "start-at-login", &self->start_at_login_switch },
    { "show-tray-icon", &self->show_tray_icon_switch },
  };

  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* g_settings_new() aborts on a missing schema, as in an uninstalled build run by hand. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; preferences cannot be changed",
                 BASE_APP_ID);
      gtk_widget_set_sensitive (GTK_WIDGET (self->page), FALSE);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);

  /* Bound in both directions, so a change made elsewhere (another window, gsettings) shows. */
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_settings_bind (self->settings, switches[i].key, *switches[i].widget, "active",
                     G_SETTINGS_BIND_DEFAULT);

  g_settings_bind (self->settings, "poll-interval", self->poll_interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  /* Both only refine notifications, so they mean nothing while notifications are off. */
  g_settings_bind (self->settings, "notifications-enabled", self->notify_unassigned_row,
                   "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "notifications-enabled", self->do_not_disturb_row,
                   "sensitive", G_SETTINGS_BIND_GET);
}

/**
 * alga_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 *
 * Returns: (transfer none): a new preferences window, owned by GTK's list of toplevels
 */
GtkWidget *
alga_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (ALGA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

/**
 * alga_preferences_window_get_settings:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the settings the window edits, or %NULL when their
 *   schema is not installed
 */
GSettings *
alga_preferences_window_get_settings (AlgaPreferencesWindow *self)
{
  g_return_val_if_fail (ALGA_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
