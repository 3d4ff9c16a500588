/* alga-background.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running with the window closed, and starting at login. A hold on the GApplication keeps the
 * process alive in either case; in the Flatpak sandbox the Background portal must also allow it
 * (and does the autostart), outside it an XDG autostart file does. The portal is spoken over
 * GDBus directly, which needs no libportal (not worth a dependency for one call).
 */

#define G_LOG_DOMAIN "alga-background"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "alga-background.h"

#define PORTAL_NAME        "org.freedesktop.portal.Desktop"
#define PORTAL_PATH        "/org/freedesktop/portal/desktop"
#define BACKGROUND_IFACE   "org.freedesktop.portal.Background"
#define REQUEST_IFACE      "org.freedesktop.portal.Request"
#define AUTOSTART_COMMAND  "alga-desktop"
#define SERVICE_OPTION     "--gapplication-service"

struct _AlgaBackground
{
  GObject       parent_instance;

  GApplication *application;
  char         *app_id;
  gboolean      sandboxed;
  gboolean      held;
};

G_DEFINE_FINAL_TYPE (AlgaBackground, alga_background, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_SANDBOXED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GDBusConnection *connection;
  char            *handle;
  guint            subscription_id;
  gulong           cancelled_id;
  gboolean         autostart;
} PortalRequest;

typedef struct
{
  char     *path;
  char     *contents;
  gboolean  autostart;
} AutostartFile;

static void
portal_request_free (gpointer data)
{
  PortalRequest *request = data;

  if (request->subscription_id != 0)
    g_dbus_connection_signal_unsubscribe (request->connection, request->subscription_id);
  g_clear_object (&request->connection);
  g_free (request->handle);
  g_free (request);
}

static void
autostart_file_free (gpointer data)
{
  AutostartFile *file = data;

  g_free (file->path);
  g_free (file->contents);
  g_free (file);
}

/* Results are packed as this, so that _finish can hand out the autostart state as well. */
#define RESULT_BACKGROUND 1
#define RESULT_AUTOSTART  2

static char *
build_autostart_contents (AlgaBackground *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  const char *exec = AUTOSTART_COMMAND " " SERVICE_OPTION;

  g_key_file_set_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME,
                         "Alga PSA");
  g_key_file_set_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Checks for new tickets in the background"));
  g_key_file_set_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON,
                         self->app_id);
  g_key_file_set_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL,
                          FALSE);
  g_key_file_set_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);

  return g_key_file_to_data (key_file, NULL, NULL);
}

/* In a worker thread: file system calls may block on a slow home directory. */
static void
write_autostart_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  AutostartFile *file = task_data;
  g_autofree char *dir = NULL;
  GError *error = NULL;

  if (file->autostart)
    {
      dir = g_path_get_dirname (file->path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   _("Could not create the folder %s: %s"),
                                   dir, g_strerror (saved_errno));
          return;
        }

      if (!g_file_set_contents (file->path, file->contents, -1, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else if (g_unlink (file->path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not remove %s: %s"), file->path, g_strerror (saved_errno));
      return;
    }

  g_task_return_int (task, RESULT_BACKGROUND | (file->autostart ? RESULT_AUTOSTART : 0));
}

/* Ends the wait for a Response: no more signal, no more cancellation. */
static void
stop_waiting (GTask *task)
{
  PortalRequest *request = g_task_get_task_data (task);

  if (request->subscription_id != 0)
    g_dbus_connection_signal_unsubscribe (request->connection, request->subscription_id);
  request->subscription_id = 0;

  if (request->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), request->cancelled_id);
  request->cancelled_id = 0;
}

static void
on_portal_response_cb (GDBusConnection *connection,
                       const char      *sender_name,
                       const char      *object_path,
                       const char      *interface_name,
                       const char      *signal_name,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  g_autoptr(GVariant) results = NULL;
  gboolean background = FALSE;
  gboolean autostart = FALSE;
  guint32 response;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;

  stop_waiting (task);

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  g_variant_lookup (results, "autostart", "b", &autostart);

  if (response == 1)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Running in the background was not confirmed"));
  else if (response != 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The desktop could not decide whether the app may run in the background"));
  else if (!background)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("The desktop does not allow this app to run in the background"));
  else
    g_task_return_int (task, RESULT_BACKGROUND | (autostart ? RESULT_AUTOSTART : 0));
}

static void
subscribe_response (GTask      *task,
                    const char *handle)
{
  PortalRequest *request = g_task_get_task_data (task);

  if (request->subscription_id != 0)
    g_dbus_connection_signal_unsubscribe (request->connection, request->subscription_id);

  g_free (request->handle);
  request->handle = g_strdup (handle);
  request->subscription_id = g_dbus_connection_signal_subscribe (request->connection,
                                                                 PORTAL_NAME,
                                                                 REQUEST_IFACE,
                                                                 "Response",
                                                                 handle,
                                                                 NULL,
                                                                 G_DBUS_SIGNAL_FLAGS_NONE,
                                                                 on_portal_response_cb,
                                                                 g_object_ref (task),
                                                                 g_object_unref);
}

static gboolean
close_cancelled_request (gpointer user_data)
{
  GTask *task = user_data;
  PortalRequest *request = g_task_get_task_data (task);

  if (request->subscription_id == 0)
    return G_SOURCE_REMOVE;

  /* Closing the request makes the portal drop its dialog; no Response follows. */
  g_dbus_connection_call (request->connection, PORTAL_NAME, request->handle, REQUEST_IFACE,
                          "Close", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  stop_waiting (task);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

/* May run in any thread, and inside g_cancellable_connect(): the work goes to the task's
 * context. */
static void
on_request_cancelled_cb (GCancellable *cancellable,
                         gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, close_cancelled_request, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

/* Desktops whose portal backends implement no Background portal (xdg-desktop-portal-gtk alone,
 * as on Debian 12 outside GNOME), or with no portal at all, answer the call with these. */
static gboolean
portal_is_missing (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
}

static void
on_request_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PortalRequest *request = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *handle;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL && portal_is_missing (error))
    {
      stop_waiting (task);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This desktop cannot let sandboxed apps run in the background or start at login"));
      return;
    }
  if (reply == NULL)
    {
      stop_waiting (task);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The Response came first. */
  if (request->subscription_id == 0)
    return;

  /* Portals older than the handle_token option answer on a path of their own choosing. */
  g_variant_get (reply, "(&o)", &handle);
  if (g_strcmp0 (handle, request->handle) != 0)
    subscribe_response (task, handle);

  if (g_task_get_cancellable (task) != NULL)
    request->cancelled_id = g_cancellable_connect (g_task_get_cancellable (task),
                                                   G_CALLBACK (on_request_cancelled_cb),
                                                   task, NULL);
}

static void
request_portal (AlgaBackground *self,
                GTask          *task,
                gboolean        autostart)
{
  GDBusConnection *connection = NULL;
  PortalRequest *request;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  const char *commandline[] = { AUTOSTART_COMMAND, SERVICE_OPTION, NULL };
  GVariantBuilder options;

  if (self->application != NULL && g_application_get_is_registered (self->application))
    connection = g_application_get_dbus_connection (self->application);
  if (connection == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("The app is not connected to the session bus"));
      return;
    }

  request = g_new0 (PortalRequest, 1);
  request->connection = g_object_ref (connection);
  request->autostart = autostart;
  g_task_set_task_data (task, request, portal_request_free);

  /* Subscribing before the call means a fast Response cannot be missed: the handle is known
   * in advance from our unique name and the token (the portal's Request convention). */
  token = g_strdup_printf ("alga_%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (connection) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  subscribe_response (task, handle);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Alga PSA checks for new tickets while its window is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (connection, PORTAL_NAME, PORTAL_PATH, BACKGROUND_IFACE,
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), on_request_sent_cb,
                          g_object_ref (task));
}

static void
alga_background_dispose (GObject *object)
{
  AlgaBackground *self = ALGA_BACKGROUND (object);

  if (self->application != NULL)
    {
      if (self->held)
        g_application_release (self->application);
      g_object_remove_weak_pointer (G_OBJECT (self->application),
                                    (gpointer *) &self->application);
      self->application = NULL;
    }
  self->held = FALSE;

  G_OBJECT_CLASS (alga_background_parent_class)->dispose (object);
}

static void
alga_background_finalize (GObject *object)
{
  AlgaBackground *self = ALGA_BACKGROUND (object);

  g_clear_pointer (&self->app_id, g_free);

  G_OBJECT_CLASS (alga_background_parent_class)->finalize (object);
}

static void
alga_background_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AlgaBackground *self = ALGA_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;

    case PROP_SANDBOXED:
      g_value_set_boolean (value, self->sandboxed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_background_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AlgaBackground *self = ALGA_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      /* Weak: the application owns this object. */
      self->application = g_value_get_object (value);
      if (self->application != NULL)
        {
          g_object_add_weak_pointer (G_OBJECT (self->application),
                                     (gpointer *) &self->application);
          self->app_id = g_strdup (g_application_get_application_id (self->application));
        }
      break;

    case PROP_SANDBOXED:
      self->sandboxed = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_background_class_init (AlgaBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alga_background_dispose;
  object_class->finalize = alga_background_finalize;
  object_class->get_property = alga_background_get_property;
  object_class->set_property = alga_background_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL,
                         G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AlgaBackground:sandboxed:
   *
   * Whether to go through the Background portal instead of an autostart file. alga_background_new()
   * sets it when running in Flatpak; tests set it to talk to a portal of their own.
   */
  properties[PROP_SANDBOXED] =
    g_param_spec_boolean ("sandboxed", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_background_init (AlgaBackground *self)
{
}

/**
 * alga_background_new:
 * @application: the application to keep running
 *
 * Returns: (transfer full): the background helper for @application
 */
AlgaBackground *
alga_background_new (GApplication *application)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (g_application_get_application_id (application) != NULL, NULL);

  return g_object_new (ALGA_TYPE_BACKGROUND,
                       "application", application,
                       "sandboxed", g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS),
                       NULL);
}

gboolean
alga_background_get_sandboxed (AlgaBackground *self)
{
  g_return_val_if_fail (ALGA_IS_BACKGROUND (self), FALSE);

  return self->sandboxed;
}

/**
 * alga_background_set_hold:
 * @self: the background helper
 * @hold: whether the application keeps running without windows
 *
 * Holds the application once (g_application_hold()) or lets it go. Quitting still works while
 * held, since g_application_quit() ignores holds.
 */
void
alga_background_set_hold (AlgaBackground *self,
                          gboolean        hold)
{
  g_return_if_fail (ALGA_IS_BACKGROUND (self));

  hold = !!hold;
  if (self->held == hold || self->application == NULL)
    return;

  self->held = hold;
  if (hold)
    g_application_hold (self->application);
  else
    g_application_release (self->application);
}

gboolean
alga_background_get_hold (AlgaBackground *self)
{
  g_return_val_if_fail (ALGA_IS_BACKGROUND (self), FALSE);

  return self->held;
}

/**
 * alga_background_dup_autostart_path:
 * @self: the background helper
 *
 * Returns: (transfer full): `$XDG_CONFIG_HOME/autostart/<app id>.desktop`, used outside the
 *   sandbox
 */
char *
alga_background_dup_autostart_path (AlgaBackground *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (ALGA_IS_BACKGROUND (self), NULL);

  name = g_strconcat (self->app_id, ".desktop", NULL);
  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

/**
 * alga_background_request_async:
 * @self: the background helper
 * @autostart: whether the app should start at login
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the desktop answered
 * @user_data: data for @callback
 *
 * In the sandbox, asks the Background portal to let the app run in the background and to start
 * it at login (or not) with `alga-desktop --gapplication-service`; the portal may ask the user.
 * Outside it, writes or removes the XDG autostart file. Running in the background as such needs
 * no permission there.
 */
void
alga_background_request_async (AlgaBackground      *self,
                               gboolean             autostart,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AutostartFile *file;

  g_return_if_fail (ALGA_IS_BACKGROUND (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_background_request_async);

  if (self->sandboxed)
    {
      request_portal (self, task, !!autostart);
      return;
    }

  file = g_new0 (AutostartFile, 1);
  file->path = alga_background_dup_autostart_path (self);
  file->autostart = !!autostart;
  if (autostart)
    file->contents = build_autostart_contents (self);
  g_task_set_task_data (task, file, autostart_file_free);
  g_task_run_in_thread (task, write_autostart_thread);
}

/**
 * alga_background_request_finish:
 * @self: the background helper
 * @result: the result passed to the callback
 * @out_autostart: (out) (optional): whether the app now starts at login
 * @error: return location for an error
 *
 * Returns: %TRUE when the app may run in the background; %FALSE with %G_IO_ERROR_PERMISSION_DENIED
 *   when the desktop said no, %G_IO_ERROR_CANCELLED when the user dismissed the question
 */
gboolean
alga_background_request_finish (AlgaBackground  *self,
                                GAsyncResult    *result,
                                gboolean        *out_autostart,
                                GError         **error)
{
  gssize flags;

  g_return_val_if_fail (ALGA_IS_BACKGROUND (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alga_background_request_async,
                        FALSE);

  flags = g_task_propagate_int (G_TASK (result), error);
  if (flags < 0)
    return FALSE;

  if (out_autostart != NULL)
    *out_autostart = (flags & RESULT_AUTOSTART) != 0;

  return (flags & RESULT_BACKGROUND) != 0;
}
