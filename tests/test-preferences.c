/* test-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences window edits the settings the rest of the app reads; About opens with masked
 * debug info.
 */

#include "config.h"

#include <adwaita.h>

#include "alga-about.h"
#include "alga-preferences-window.h"
#include "alga-test-gtk.h"
#include "alga-test-utils.h"

#define KEY_HEX "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static const struct {
  const char *key;
  const char *row;
  const char *widget;
} switches[] = {
  { "notifications-enabled", "notifications_enabled_row", "notifications_enabled_switch" },
  { "notify-unassigned", "notify_unassigned_row", "notify_unassigned_switch" },
  { "do-not-disturb", "do_not_disturb_row", "do_not_disturb_switch" },
  { "run-in-background", "run_in_background_row", "run_in_background_switch" },
  { "start-at-login", "start_at_login_row", "start_at_login_switch" },
  { "show-tray-icon", "show_tray_icon_row", "show_tray_icon_switch" },
};

static gpointer
template_child (gpointer    window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                  ALGA_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static AlgaPreferencesWindow *
open_preferences (GSettings **settings_out)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  AlgaPreferencesWindow *window;

  /* The memory backend lives as long as the process: start each test from the defaults. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  window = ALGA_PREFERENCES_WINDOW (alga_preferences_window_new (NULL));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  g_assert_nonnull (alga_preferences_window_get_settings (window));
  *settings_out = g_steal_pointer (&settings);
  return window;
}

static void
close_window (gpointer window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  alga_test_wait_until (window == NULL, 10000);
}

static void
test_switches (void)
{
  g_autoptr(GSettings) settings = NULL;
  AlgaPreferencesWindow *window = open_preferences (&settings);

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      AdwActionRow *row = template_child (window, switches[i].row);
      GtkSwitch *widget = template_child (window, switches[i].widget);
      gboolean initial;

      g_test_message ("%s", switches[i].key);

      /* Sensitive rows only: the refinements of notifications need them on. */
      g_settings_set_boolean (settings, "notifications-enabled", TRUE);
      initial = g_settings_get_boolean (settings, switches[i].key);
      g_assert_cmpint (gtk_switch_get_active (widget), ==, initial);

      /* A click on the row is what the user does; the switch animates before it flips. */
      adw_action_row_activate (row);
      alga_test_wait_until (gtk_switch_get_active (widget) == !initial, 5000);
      g_assert_cmpint (g_settings_get_boolean (settings, switches[i].key), ==, !initial);

      gtk_switch_set_active (widget, initial);
      g_assert_cmpint (g_settings_get_boolean (settings, switches[i].key), ==, initial);

      /* A change made elsewhere shows. */
      g_settings_set_boolean (settings, switches[i].key, !initial);
      g_assert_cmpint (gtk_switch_get_active (widget), ==, !initial);
      g_settings_reset (settings, switches[i].key);
      g_assert_cmpint (gtk_switch_get_active (widget), ==, initial);
    }

  close_window (window);
}

static void
test_notification_refinements_follow (void)
{
  g_autoptr(GSettings) settings = NULL;
  AlgaPreferencesWindow *window = open_preferences (&settings);
  GtkWidget *unassigned = template_child (window, "notify_unassigned_row");
  GtkWidget *dnd = template_child (window, "do_not_disturb_row");
  GtkSwitch *enabled = template_child (window, "notifications_enabled_switch");

  g_assert_true (g_settings_get_boolean (settings, "notifications-enabled"));
  g_assert_true (gtk_widget_get_sensitive (unassigned));
  g_assert_true (gtk_widget_get_sensitive (dnd));

  gtk_switch_set_active (enabled, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notifications-enabled"));
  g_assert_false (gtk_widget_get_sensitive (unassigned));
  g_assert_false (gtk_widget_get_sensitive (dnd));

  gtk_switch_set_active (enabled, TRUE);
  g_assert_true (gtk_widget_get_sensitive (unassigned));

  close_window (window);
}

static void
assert_interval_text (GtkSpinButton *spin,
                      const char    *expected)
{
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, expected);
}

static void
type_interval (GtkSpinButton *spin,
               const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
}

static void
test_poll_interval (void)
{
  g_autoptr(GSettings) settings = NULL;
  AlgaPreferencesWindow *window = open_preferences (&settings);
  GtkSpinButton *spin = template_child (window, "poll_interval_spin");

  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 60);
  assert_interval_text (spin, "1 min");

  /* Shown in the largest unit that fits. */
  g_settings_set_uint (settings, "poll-interval", 45);
  assert_interval_text (spin, "45 s");
  g_settings_set_uint (settings, "poll-interval", 90);
  assert_interval_text (spin, "1 min 30 s");
  g_settings_set_uint (settings, "poll-interval", 3600);
  assert_interval_text (spin, "60 min");

  /* Typed with units. */
  type_interval (spin, "2 min");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 120);
  assert_interval_text (spin, "2 min");
  type_interval (spin, "1 min 15 s");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 75);
  type_interval (spin, "90s");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 90);
  assert_interval_text (spin, "1 min 30 s");

  /* A bare number counts in the unit shown: minutes now, seconds below a minute. */
  type_interval (spin, "5");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 300);
  g_settings_set_uint (settings, "poll-interval", 30);
  type_interval (spin, "45");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 45);

  /* Out of range is clamped to the schema's range, garbage changes nothing. */
  type_interval (spin, "2 h");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 3600);
  type_interval (spin, "1 s");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 15);
  g_settings_set_uint (settings, "poll-interval", 300);
  type_interval (spin, "soon");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 300);
  assert_interval_text (spin, "5 min");
  type_interval (spin, "");
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 300);
  g_settings_set_uint (settings, "poll-interval", 15);

  /* The arrows step by 15 seconds. */
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "poll-interval"), ==, 30);

  close_window (window);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_accessible (void)
{
  g_autoptr(GSettings) settings = NULL;
  AlgaPreferencesWindow *window = open_preferences (&settings);
  const char *rows[] = {
    "notifications_enabled_row", "notify_unassigned_row", "do_not_disturb_row",
    "run_in_background_row", "start_at_login_row", "show_tray_icon_row", "poll_interval_row",
  };
  const char *widgets[] = {
    "notifications_enabled_switch", "notify_unassigned_switch", "do_not_disturb_switch",
    "run_in_background_switch", "start_at_login_switch", "show_tray_icon_switch",
    "poll_interval_spin",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == G_N_ELEMENTS (widgets));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      AdwPreferencesRow *row = template_child (window, rows[i]);
      GtkWidget *widget = template_child (window, widgets[i]);
      const char *title = adw_preferences_row_get_title (row);
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      GtkWidget *title_label = find_label (GTK_WIDGET (row), title);
      GtkWidget *subtitle_label = find_label (GTK_WIDGET (row), subtitle);

      g_test_message ("%s", rows[i]);
      g_assert_nonnull (subtitle);
      g_assert_cmpuint (strlen (subtitle), >, 20);
      g_assert_nonnull (title_label);
      g_assert_nonnull (subtitle_label);
      gtk_test_accessible_assert_relation (widget, GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                           title_label, NULL);
      gtk_test_accessible_assert_relation (widget, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                           subtitle_label, NULL);
    }

  gtk_test_accessible_assert_role (template_child (window, "notifications_enabled_switch"),
                                   GTK_ACCESSIBLE_ROLE_SWITCH);
  gtk_test_accessible_assert_role (template_child (window, "poll_interval_spin"),
                                   GTK_ACCESSIBLE_ROLE_SPIN_BUTTON);

  close_window (window);
}

/* About. */

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return ADW_ABOUT_WINDOW (window);
    }

  return NULL;
}

static void
test_about (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  AdwAboutWindow *about;
  const char *debug_info;

  gtk_window_present (parent);
  g_assert_null (find_about_window ());

  alga_about_show (parent, "https://psa.example.com/msp?api_key=" KEY_HEX, "ada@example.com",
                   "Ada Lovelace", "user-list");
  about = find_about_window ();
  g_assert_nonnull (about);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == parent);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (about)));
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, PACKAGE_NAME);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), !=, NULL);
  g_assert_cmpstr (adw_about_window_get_website (about), ==, PACKAGE_WEBSITE);
  g_assert_true (g_str_has_prefix (adw_about_window_get_issue_url (about), "https://"));
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);

  debug_info = adw_about_window_get_debug_info (about);
  g_assert_nonnull (debug_info);
  g_assert_nonnull (strstr (debug_info, "https://psa.example.com/msp"));
  g_assert_nonnull (strstr (debug_info, "ada@example.com"));
  g_assert_nonnull (strstr (debug_info, PACKAGE_VERSION));
  g_assert_null (strstr (debug_info, KEY_HEX));
  g_assert_null (strstr (debug_info, "00112233445566778899"));

  close_window (about);
  close_window (parent);
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add_func ("/preferences/switches", test_switches);
  g_test_add_func ("/preferences/notification-refinements-follow",
                   test_notification_refinements_follow);
  g_test_add_func ("/preferences/poll-interval", test_poll_interval);
  g_test_add_func ("/preferences/accessible", test_accessible);
  g_test_add_func ("/about/opens", test_about);

  return g_test_run ();
}
