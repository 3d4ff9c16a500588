/* alga-compose-hook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests that run the whole program (test-no-lost-work, test-secret-hygiene), in
 * alga-desktop-test only, never in the alga-desktop that is shipped. Off unless
 * ALGA_TEST_COMPOSE is set:
 *
 *   ALGA_TEST_COMPOSE=<ticket id>          open the ticket once signed in
 *   ALGA_TEST_COMPOSE=<ticket id>:<text>   … and type <text> into its comment box
 *
 * Either way the program prints "alga-test-hook: composer: <text>" on stdout once the comment
 * box shows text (a restored draft, or what was typed), or with nothing after 10 s. It only does
 * what the technician could do with the keyboard, and prints only what is on screen.
 */

#define G_LOG_DOMAIN "alga-compose-hook"

#include "config.h"

#include <stdio.h>

#include "alga-compose-hook.h"

#include "alga-composer.h"
#include "alga-window.h"

#define POLL_MS     100
#define GIVE_UP_MS  10000

typedef struct
{
  GWeakRef  window;
  char     *ticket_id;
  char     *text;       /* to type, or NULL */
  gboolean  typed;
  guint     waited_ms;
} Hook;

static void
hook_free (gpointer data)
{
  Hook *hook = data;

  g_weak_ref_clear (&hook->window);
  g_free (hook->ticket_id);
  g_free (hook->text);
  g_free (hook);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
poll_cb (gpointer data)
{
  Hook *hook = data;
  g_autoptr(AlgaWindow) window = g_weak_ref_get (&hook->window);
  g_autofree char *shown = NULL;
  AlgaTicket *ticket;
  GtkWidget *composer;
  GtkWidget *text_view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  hook->waited_ms += POLL_MS;
  if (window == NULL)
    return G_SOURCE_REMOVE;

  composer = find_descendant (GTK_WIDGET (window), ALGA_TYPE_COMPOSER);
  text_view = composer != NULL ? find_descendant (composer, GTK_TYPE_TEXT_VIEW) : NULL;
  ticket = composer != NULL ? alga_composer_get_ticket (ALGA_COMPOSER (composer)) : NULL;
  if (text_view == NULL || ticket == NULL
      || g_strcmp0 (alga_ticket_get_ticket_id (ticket), hook->ticket_id) != 0
      || alga_composer_get_account (ALGA_COMPOSER (composer)) == NULL)
    return hook->waited_ms < GIVE_UP_MS ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  if (hook->text != NULL && !hook->typed)
    {
      /* As typed: the buffer changes, so the composer keeps a draft. */
      gtk_widget_grab_focus (text_view);
      gtk_text_buffer_insert_at_cursor (buffer, hook->text, -1);
      hook->typed = TRUE;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (*shown == '\0' && hook->waited_ms < GIVE_UP_MS)
    return G_SOURCE_CONTINUE;

  g_print ("alga-test-hook: composer: %s\n", shown);
  fflush (stdout);

  return G_SOURCE_REMOVE;
}

/* Once, when the window first has an account: after it is restored or signed in. */
static void
on_window_account_cb (AlgaWindow *window,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  const char *spec = g_getenv ("ALGA_TEST_COMPOSE");
  g_auto(GStrv) parts = NULL;
  Hook *hook;

  if (alga_window_get_account (window) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (window, on_window_account_cb, user_data);

  parts = g_strsplit (spec, ":", 2);
  hook = g_new0 (Hook, 1);
  g_weak_ref_init (&hook->window, window);
  hook->ticket_id = g_strdup (parts[0]);
  hook->text = g_strdup (parts[1]);

  alga_window_show_ticket (window, hook->ticket_id);
  g_timeout_add_full (G_PRIORITY_DEFAULT, POLL_MS, poll_cb, hook, hook_free);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    gpointer        user_data)
{
  if (ALGA_IS_WINDOW (window))
    g_signal_connect (window, "notify::account", G_CALLBACK (on_window_account_cb), NULL);
}

/**
 * alga_compose_hook_install:
 * @application: the program's application, before it runs
 *
 * Does what ALGA_TEST_COMPOSE asks once a window is signed in, if it is set; nothing otherwise.
 */
void
alga_compose_hook_install (GtkApplication *application)
{
  const char *spec = g_getenv ("ALGA_TEST_COMPOSE");

  g_return_if_fail (GTK_IS_APPLICATION (application));

  if (spec == NULL || spec[0] == '\0')
    return;

  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added_cb), NULL);
}
