/* test-shortcuts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shortcuts window (Ctrl+?) must list every key the app's widgets and actions answer to:
 * this builds it from its resource and compares it with the shortcuts the code installs.
 *
 * A process of its own: with the preferences tests it would make GLib grow its quark table past
 * its first block, which GLib abandons by design and LeakSanitizer reports.
 */

#include "config.h"

#include <adwaita.h>

#include "alga-application.h"
#include "alga-composer.h"
#include "alga-sign-in-page.h"
#include "alga-test-gtk.h"
#include "alga-ticket-list-view.h"
#include "alga-ticket-view.h"
#include "alga-time-entry-dialog.h"
#include "alga-token-store-memory.h"
#include "alga-window.h"

/* One application for the whole run: its registration outlives a single test. */
static AlgaApplication *app;

typedef struct
{
  guint           keyval;
  GdkModifierType mods;
} Key;

static gboolean
key_equal (const Key *a,
           const Key *b)
{
  return a->keyval == b->keyval && a->mods == b->mods;
}

static Key
key_make (guint           keyval,
          GdkModifierType mods)
{
  Key key = {
    gdk_keyval_to_lower (keyval),
    mods & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK),
  };

  return key;
}

static Key
key_parse (const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &mods));
  g_assert_cmpuint (keyval, !=, 0);
  return key_make (keyval, mods);
}

/* Every key the help overlay lists; "<alt>1...<alt>5" is a range. */
static GArray *
help_overlay_keys (GtkBuilder *builder)
{
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (Key));

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) tokens = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;

      g_object_get (l->data, "accelerator", &accelerator, "title", &title, NULL);
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
      g_assert_nonnull (accelerator);

      tokens = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; tokens[i] != NULL; i++)
        {
          const char *dots = strstr (tokens[i], "...");

          if (dots != NULL)
            {
              g_autofree char *first_text = g_strndup (tokens[i], dots - tokens[i]);
              Key first = key_parse (first_text);
              Key last = key_parse (dots + 3);

              g_assert_cmpuint (first.mods, ==, last.mods);
              g_assert_cmpuint (first.keyval, <, last.keyval);
              for (guint k = first.keyval; k <= last.keyval; k++)
                {
                  Key key = key_make (k, first.mods);
                  g_array_append_val (keys, key);
                }
            }
          else
            {
              Key key = key_parse (tokens[i]);
              g_array_append_val (keys, key);
            }
        }
    }

  return keys;
}

static gboolean
keys_contain (GArray    *keys,
              const Key *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (key_equal (&g_array_index (keys, Key, i), key))
      return TRUE;

  return FALSE;
}

static void
check_documented (GArray     *documented,
                  const Key  *key,
                  const char *action,
                  GString    *missing)
{
  if (!keys_contain (documented, key))
    {
      g_autofree char *name = gtk_accelerator_name (key->keyval, key->mods);

      g_string_append_printf (missing, "%s (%s); ", name, action);
    }
}

static void
check_trigger (GtkShortcutTrigger *trigger,
               GArray             *documented,
               const char         *action,
               GString            *missing,
               guint              *n_checked)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      GtkAlternativeTrigger *alternative = GTK_ALTERNATIVE_TRIGGER (trigger);

      check_trigger (gtk_alternative_trigger_get_first (alternative), documented, action,
                     missing, n_checked);
      check_trigger (gtk_alternative_trigger_get_second (alternative), documented, action,
                     missing, n_checked);
    }
  else if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      GtkKeyvalTrigger *keyval_trigger = GTK_KEYVAL_TRIGGER (trigger);
      guint keyval = gtk_keyval_trigger_get_keyval (keyval_trigger);
      Key key = key_make (keyval, gtk_keyval_trigger_get_modifiers (keyval_trigger));

      /* The keypad twin of a key is not listed separately. */
      if (keyval >= GDK_KEY_KP_Space && keyval <= GDK_KEY_KP_9)
        return;

      check_documented (documented, &key, action, missing);
      (*n_checked)++;
    }
}

/* The app's own actions, not GTK's (window.*, list.*, text.*). */
static gboolean
is_app_action (const char *name)
{
  const char *prefixes[] = {
    "app.", "win.", "ticket.", "tickets.", "composer.", "comments.", "sign-in.", "time-entry.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (name, prefixes[i]))
      return TRUE;

  return FALSE;
}

static guint
check_widget_shortcuts (GtkWidget *widget,
                        GArray    *documented,
                        GString   *missing)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n_checked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          const char *name;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (!is_app_action (name))
            continue;

          check_trigger (gtk_shortcut_get_trigger (shortcut), documented, name, missing,
                         &n_checked);
        }
    }

  return n_checked;
}

static void
test_help_overlay_builds (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PATH "/ui/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  g_autoptr(GArray) keys = help_overlay_keys (builder);
  const char *expected[] = {
    "<Control>question", "<Control>comma", "<Control>q", "<Control>w", "F5", "<Control>r",
    "<Control>f", "<Alt>1", "<Alt>5", "j", "k", "Return", "Escape", "<Alt>Left",
    "<Control>Return", "<Control>t", "<Control><Shift>n", "<Control><Shift>l",
    "<Control><Shift>m", "<Control><Shift>r", "<Control><Shift>h",
  };

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      Key key = key_parse (expected[i]);

      g_test_message ("%s", expected[i]);
      g_assert_true (keys_contain (keys, &key));
    }

  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Every key bound in the app's widgets and application must be in the shortcuts window. */
static void
test_help_overlay_covers_the_app (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PATH "/ui/help-overlay.ui");
  g_autoptr(GArray) documented = help_overlay_keys (builder);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_auto(GStrv) help_accels = NULL;
  GtkWidget *widgets[4];
  AlgaWindow *window;
  guint n_checked = 0;

  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          Key key = key_parse (accels[j]);

          check_documented (documented, &key, actions[i], missing);
          n_checked++;
        }
    }

  /* The overlay has its key, and is built when first shown, not with the window. */
  help_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                       "win.show-help-overlay");
  g_assert_cmpstr (help_accels[0], ==, "<Control>question");

  window = alga_window_new (app);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_get_visible (
                   GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))));
  n_checked += check_widget_shortcuts (GTK_WIDGET (window), documented, missing);

  widgets[0] = g_object_ref_sink (alga_ticket_view_new ());
  widgets[1] = g_object_ref_sink (alga_ticket_list_view_new ());
  widgets[2] = g_object_ref_sink (alga_composer_new ());
  widgets[3] = g_object_ref_sink (alga_sign_in_page_new (store));
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      n_checked += check_widget_shortcuts (widgets[i], documented, missing);
      g_object_unref (widgets[i]);
    }

  g_test_message ("%u keys checked", n_checked);
  g_assert_cmpuint (n_checked, >=, 20);
  g_assert_cmpstr (missing->str, ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every key bound in @widget's shortcut controllers (all of them when @app_only is FALSE, else
 * only those naming the app's actions), and in its children's. */
static void
collect_keys (GtkWidget *widget,
              gboolean   app_only,
              gboolean   recursive,
              GArray    *keys);

static void
collect_trigger (GtkShortcutTrigger *trigger,
                 GArray             *keys)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      collect_trigger (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keys);
      collect_trigger (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keys);
    }
  else if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      Key key = key_make (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));

      g_array_append_val (keys, key);
    }
}

static void
collect_keys (GtkWidget *widget,
              gboolean   app_only,
              gboolean   recursive,
              GArray    *keys)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (app_only && (!GTK_IS_NAMED_ACTION (action)
                           || !is_app_action (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)))))
            continue;
          collect_trigger (gtk_shortcut_get_trigger (shortcut), keys);
        }
    }

  if (!recursive)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_keys (child, app_only, recursive, keys);
}

/* No key of the app's is one that GTK 4.8's own widgets (the window with its Inspector keys,
 * lists, text fields, labels, search entries, the calendar), its input method or the GNOME
 * desktop already answer to: there ours would never arrive, or would take theirs. The keys that
 * do what GTK does with them anyway (the arrows and Enter in the list, Tab, Escape to go back)
 * are allowed. */
static void
test_no_key_taken_by_gtk (void)
{
  static const char *taken_elsewhere[] = {
    /* GTK's Inspector, whatever the window's bindings say; GTK's input method: Unicode entry. */
    "<Control><Shift>i", "<Control><Shift>d", "<Control><Shift>u",
    /* GNOME Shell and Mutter. */
    "<Alt>Tab", "<Alt>grave", "<Alt>Escape", "<Alt>space", "<Alt>F1", "<Alt>F2", "<Alt>F4",
    "<Alt>F7", "<Alt>F8", "<Alt>F10", "<Control><Alt>t", "<Control><Alt>Delete",
    "<Control><Alt>Left", "<Control><Alt>Right", "<Control><Alt>Up", "<Control><Alt>Down",
    "<Control><Alt>Tab", "Print", "<Shift>Print", "<Alt>Print", "<Control><Alt><Shift>r",
  };
  static const char *same_meaning[] = {
    "Up", "Down", "Return", "Tab", "<Shift>Tab", "Escape",
    /* Undo: in a text field GTK's, of the text; elsewhere the app's, of the last change. */
    "<Control>z",
    /* Find, as in every GNOME application. A selectable label (the ticket's title) also moves
     * its caret with it, and takes it only while it has the focus. */
    "<Control>f",
  };
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (Key));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (Key));
  g_autoptr(GArray) allowed = g_array_new (FALSE, FALSE, sizeof (Key));
  g_autoptr(GString) clashes = g_string_new (NULL);
  g_autoptr(AlgaTokenStore) store = alga_token_store_memory_new ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  GtkWidget *label = gtk_label_new ("text");
  GtkWidget *gtk_widgets[] = {
    gtk_window_new (), gtk_text_new (), gtk_text_view_new (), label,
    gtk_list_view_new (NULL, NULL), gtk_grid_view_new (NULL, NULL), gtk_list_box_new (),
    gtk_column_view_new (NULL), gtk_search_entry_new (), gtk_entry_new (),
    gtk_spin_button_new_with_range (0, 10, 1), gtk_calendar_new (), gtk_scrolled_window_new (),
    gtk_drop_down_new (NULL, NULL), gtk_popover_new (), gtk_menu_button_new (),
  };
  GtkWidget *app_widgets[5];
  AlgaWindow *window;

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (gtk_widgets); i++)
    {
      g_object_ref_sink (gtk_widgets[i]);
      collect_keys (gtk_widgets[i], FALSE, TRUE, theirs);
    }
  for (guint i = 0; i < G_N_ELEMENTS (taken_elsewhere); i++)
    {
      Key key = key_parse (taken_elsewhere[i]);

      g_array_append_val (theirs, key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (same_meaning); i++)
    {
      Key key = key_parse (same_meaning[i]);

      g_array_append_val (allowed, key);
    }
  /* GTK's window answers to its Inspector keys itself. */
  {
    Key inspector = key_parse ("<Control><Shift>d");
    g_autoptr(GArray) window_keys = g_array_new (FALSE, FALSE, sizeof (Key));

    collect_keys (gtk_widgets[0], FALSE, FALSE, window_keys);
    g_assert_true (keys_contain (window_keys, &inspector));
  }

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          Key key = key_parse (accels[j]);

          g_array_append_val (ours, key);
        }
    }
  window = alga_window_new (app);
  collect_keys (GTK_WIDGET (window), TRUE, TRUE, ours);
  app_widgets[0] = g_object_ref_sink (alga_ticket_view_new ());
  app_widgets[1] = g_object_ref_sink (alga_ticket_list_view_new ());
  app_widgets[2] = g_object_ref_sink (alga_composer_new ());
  app_widgets[3] = g_object_ref_sink (alga_sign_in_page_new (store));
  /* Its class keys are on every instance; one not loading anything is enough. */
  app_widgets[4] = g_object_ref_sink (g_object_new (ALGA_TYPE_TIME_ENTRY_DIALOG, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (app_widgets); i++)
    collect_keys (app_widgets[i], TRUE, TRUE, ours);
  g_assert_cmpuint (ours->len, >=, 25);

  for (guint i = 0; i < ours->len; i++)
    {
      Key *key = &g_array_index (ours, Key, i);

      if (keys_contain (theirs, key) && !keys_contain (allowed, key))
        {
          g_autofree char *name = gtk_accelerator_name (key->keyval, key->mods);

          g_string_append_printf (clashes, "%s; ", name);
        }
    }
  g_assert_cmpstr (clashes->str, ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (app_widgets); i++)
    {
      if (GTK_IS_WINDOW (app_widgets[i]))
        gtk_window_destroy (GTK_WINDOW (app_widgets[i]));
      g_object_unref (app_widgets[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (gtk_widgets); i++)
    {
      if (GTK_IS_WINDOW (gtk_widgets[i]))
        gtk_window_destroy (GTK_WINDOW (gtk_widgets[i]));
      g_object_unref (gtk_widgets[i]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  /* The application's startup must not reach for the real keyring. */
  g_setenv ("ALGA_TOKEN_STORE", "memory", TRUE);

  alga_test_gtk_init (&argc, &argv);

  app = alga_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/help-overlay/builds", test_help_overlay_builds);
  g_test_add_func ("/help-overlay/covers-the-app", test_help_overlay_covers_the_app);
  g_test_add_func ("/help-overlay/no-key-taken-by-gtk", test_no_key_taken_by_gtk);

  return g_test_run ();
}
