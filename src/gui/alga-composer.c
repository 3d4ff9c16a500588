/* alga-composer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-composer.h"
#include "alga-gui-util.h"
#include "alga-quiet-choice.h"
#include "alga-send-check.h"

struct _AlgaComposer
{
  AdwBin          parent_instance;

  /* Where comments are posted, and where what is typed waits until they are. */
  AlgaAccount    *account;
  char           *user_id;
  AlgaTicket     *ticket;
  AlgaDraftStore *draft_store;     /* the account's */
  char           *draft_key;       /* "comment:<ticket_id>" of the text in the box */
  GCancellable   *draft_cancellable;
  GCancellable   *post_cancellable;
  gboolean        sending;
  gboolean        filling;         /* the buffer is being set by us, not typed into */
  gboolean        reply;           /* a reply to the customer, not an internal note */
  char           *user_name;

  GtkTextView    *text_view;
  GtkWidget      *text_card;
  GtkLabel       *placeholder_label;
  GtkWidget      *mode_box;
  GtkToggleButton *internal_toggle;
  GtkToggleButton *reply_toggle;
  GtkLabel       *audience_label;
  AlgaQuietChoice *quiet_choice;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkLabel       *counter_label;
  GtkWidget      *send_button;
  GtkLabel       *send_label;
  GtkStack       *send_stack;
  GtkSpinner     *send_spinner;
};

G_DEFINE_FINAL_TYPE (AlgaComposer, alga_composer, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_USER_ID,
  PROP_USER_NAME,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COMMENT_POSTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  AlgaComposer *self;
  char         *ticket_id;
  char         *draft_key;
  char         *text;
  gboolean      reply;
  AlgaQuiet     quiet;
  GDateTime    *started;
  GError       *send_error;
} PostData;

static void
post_data_free (PostData *data)
{
  g_clear_object (&data->self);
  g_free (data->ticket_id);
  g_free (data->draft_key);
  g_free (data->text);
  g_clear_pointer (&data->started, g_date_time_unref);
  g_clear_error (&data->send_error);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostData, post_data_free)

static char *
dup_text (AlgaComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
set_text (AlgaComposer *self,
          const char   *text)
{
  self->filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  self->filling = FALSE;
}

static void
update_send (AlgaComposer *self)
{
  g_autofree char *text = dup_text (self);
  g_autofree char *counter = NULL;
  /* The server counts characters of the visible text (BlockNote counted as its text), not
   * bytes: 5000 is the most it takes. */
  glong length = g_utf8_strlen (text, -1);
  gboolean too_long = length > ALGA_COMPOSER_MAX_CHARS;

  /* Translators: characters typed / the most a comment may have. */
  counter = g_strdup_printf (_("%ld / %d"), length, ALGA_COMPOSER_MAX_CHARS);
  gtk_label_set_label (self->counter_label, counter);

  if (too_long)
    {
      g_autofree char *description = NULL;

      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "dim-label");
      description = g_strdup_printf (_("Too long: %ld characters, at most %d"),
                                     length, ALGA_COMPOSER_MAX_CHARS);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->counter_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->counter_label),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send",
                                 !self->sending &&
                                 self->account != NULL &&
                                 self->ticket != NULL &&
                                 !too_long &&
                                 !is_blank (text));
}

static void
set_sending (AlgaComposer *self,
             gboolean      sending)
{
  self->sending = sending;
  gtk_text_view_set_editable (self->text_view, !sending);
  gtk_widget_set_sensitive (self->mode_box, !sending);
  gtk_spinner_set_spinning (self->send_spinner, sending);
  gtk_stack_set_visible_child_name (self->send_stack, sending ? "spinner" : "label");
  update_send (self);
}

/* The draft's mode is kept beside its text, so that a reply being written stays a reply. */
static char *
mode_key (AlgaComposer *self)
{
  if (self->ticket == NULL)
    return NULL;

  return g_strconcat ("comment-mode:", alga_ticket_get_ticket_id (self->ticket), NULL);
}

static char *
dup_audience (AlgaComposer *self)
{
  const char *contact = NULL;
  const char *client = NULL;

  if (self->ticket != NULL)
    {
      contact = alga_ticket_get_contact_name (self->ticket);
      client = alga_ticket_get_client_name (self->ticket);
    }
  if (contact != NULL && *contact == '\0')
    contact = NULL;
  if (client != NULL && *client == '\0')
    client = NULL;

  if (contact != NULL && client != NULL)
    /* Translators: who reads a reply: the ticket's contact, then the client in brackets. */
    return g_strdup_printf (_("Visible to %s (%s)"), contact, client);
  if (contact != NULL)
    /* Translators: who reads a reply: the ticket's contact. */
    return g_strdup_printf (_("Visible to %s"), contact);
  if (client != NULL)
    /* Translators: who reads a reply: the ticket's client. */
    return g_strdup_printf (_("Visible to the customer (%s)"), client);

  return g_strdup (_("Visible to the customer"));
}

static void
update_mode (AlgaComposer *self)
{
  GtkWidget *audience = GTK_WIDGET (self->audience_label);
  const char *send;

  if (self->reply)
    {
      g_autofree char *who = dup_audience (self);

      send = _("Send to Customer");
      gtk_label_set_label (self->audience_label, who);
      gtk_label_set_label (self->placeholder_label, _("Write a reply to the customer…"));
      gtk_widget_remove_css_class (audience, "dim-label");
      gtk_widget_add_css_class (audience, "reply-audience");
      gtk_widget_remove_css_class (self->text_card, "internal-note");
      gtk_widget_add_css_class (self->text_card, "customer-reply");
    }
  else
    {
      send = _("Add Internal Note");
      gtk_label_set_label (self->audience_label, _("Only staff see this note"));
      gtk_label_set_label (self->placeholder_label, _("Write an internal note…"));
      gtk_widget_add_css_class (audience, "dim-label");
      gtk_widget_remove_css_class (audience, "reply-audience");
      gtk_widget_remove_css_class (self->text_card, "customer-reply");
      gtk_widget_add_css_class (self->text_card, "internal-note");
    }

  gtk_label_set_label (self->send_label, send);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->send_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, send, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->reply ? _("Reply to the customer") : _("Internal note"),
                                  -1);
}

static void
update_placeholder (AlgaComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label),
                          gtk_text_buffer_get_char_count (buffer) == 0);
}

static void
save_mode (AlgaComposer *self)
{
  g_autofree char *key = mode_key (self);
  g_autofree char *text = NULL;

  if (self->draft_store == NULL || key == NULL)
    return;

  text = dup_text (self);
  alga_draft_store_save (self->draft_store, key, self->reply && !is_blank (text) ? "reply" : NULL);
}

static void
set_reply (AlgaComposer *self,
           gboolean      reply)
{
  self->reply = reply;
  /* The toggles' handler comes back here; it finds nothing changed. */
  gtk_toggle_button_set_active (reply ? self->reply_toggle : self->internal_toggle, TRUE);
  update_mode (self);
}

static void
on_mode_toggled_cb (GtkToggleButton *button,
                    AlgaComposer    *self)
{
  gboolean reply = gtk_toggle_button_get_active (self->reply_toggle);

  if (reply == self->reply)
    return;

  self->reply = reply;
  update_mode (self);
  if (!self->filling)
    save_mode (self);
}

static void
on_ticket_notify_cb (AlgaTicket   *ticket,
                     GParamSpec   *pspec,
                     AlgaComposer *self)
{
  update_mode (self);
}

static void
show_error (AlgaComposer *self,
            const char   *message)
{
  if (message != NULL)
    gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer,
                      AlgaComposer  *self)
{
  update_send (self);
  update_placeholder (self);

  if (self->filling)
    return;

  show_error (self, NULL);

  if (self->draft_store != NULL && self->draft_key != NULL)
    {
      g_autofree char *text = dup_text (self);

      /* Only what was typed is kept; a blank box is no draft. */
      alga_draft_store_save (self->draft_store, self->draft_key,
                             is_blank (text) ? NULL : text);
      save_mode (self);
    }
}

static void
load_mode_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AlgaComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;

  mode = alga_draft_store_load_finish (ALGA_DRAFT_STORE (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  if (error != NULL)
    g_warning ("Could not read the draft's kind: %s", error->message);

  self->filling = TRUE;
  set_reply (self, g_strcmp0 (mode, "reply") == 0);
  self->filling = FALSE;
}

static void
load_draft_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AlgaComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *current = NULL;

  text = alga_draft_store_load_finish (ALGA_DRAFT_STORE (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  if (error != NULL)
    g_warning ("Could not read the draft: %s", error->message);

  current = dup_text (self);
  /* What was typed while the draft was being read wins over the draft. */
  if (text != NULL && *current == '\0')
    {
      g_autofree char *key = mode_key (self);

      set_text (self, text);
      if (key != NULL)
        alga_draft_store_load_async (self->draft_store, key, self->draft_cancellable,
                                     load_mode_cb, g_object_ref (self));
    }
}

static void
restore_draft (AlgaComposer *self)
{
  g_cancellable_cancel (self->draft_cancellable);
  g_clear_object (&self->draft_cancellable);

  g_free (self->draft_key);
  self->draft_key = NULL;
  if (self->ticket != NULL)
    self->draft_key = g_strconcat ("comment:", alga_ticket_get_ticket_id (self->ticket), NULL);

  set_text (self, "");
  show_error (self, NULL);
  /* Every ticket starts on an internal note; only its own draft may say otherwise. */
  self->filling = TRUE;
  set_reply (self, FALSE);
  self->filling = FALSE;

  if (self->draft_store == NULL || self->draft_key == NULL)
    return;

  self->draft_cancellable = g_cancellable_new ();
  alga_draft_store_load_async (self->draft_store, self->draft_key, self->draft_cancellable,
                               load_draft_cb, g_object_ref (self));
}

static const char *
posted_toast (AlgaQuiet quiet)
{
  switch (quiet)
    {
    case ALGA_QUIET_CUSTOMER:
      return _("Comment posted without notifying the customer");
    case ALGA_QUIET_EVERYONE:
      return _("Comment posted without notifying anyone");
    case ALGA_QUIET_NONE:
    default:
      return _("Comment posted");
    }
}

static void
comment_posted (AlgaComposer *self,
                PostData     *data,
                AlgaComment  *comment,
                const char   *toast)
{
  const char *author = alga_comment_get_created_by_name (comment);

  if (self->draft_store != NULL)
    {
      g_autofree char *key = g_strconcat ("comment-mode:", data->ticket_id, NULL);

      alga_draft_store_delete (self->draft_store, data->draft_key);
      alga_draft_store_delete (self->draft_store, key);
    }
  if (g_strcmp0 (data->draft_key, self->draft_key) == 0)
    {
      set_text (self, "");
      /* The next comment is a note again: a second reply must be chosen, never inherited. */
      self->filling = TRUE;
      set_reply (self, FALSE);
      self->filling = FALSE;
      /* Quiet is for this comment only; a failed send keeps it for the next try. */
      alga_quiet_choice_set_quiet (self->quiet_choice, ALGA_QUIET_NONE);
    }

  /* The server's answer to a post names no author; the comment is ours. */
  if ((author == NULL || *author == '\0') && self->user_name != NULL &&
      g_strcmp0 (alga_comment_get_user_id (comment), self->user_id) == 0)
    g_object_set (comment, "created-by-name", self->user_name, NULL);

  g_signal_emit (self, signals[COMMENT_POSTED], 0, comment);
  alga_gui_show_toast (GTK_WIDGET (self), toast);
}

static void
check_comment_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PostData) data = user_data;
  AlgaComposer *self = data->self;
  g_autoptr(AlgaComment) comment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  comment = alga_ticket_repository_find_posted_comment_finish (ALGA_TICKET_REPOSITORY (source),
                                                               result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  set_sending (self, FALSE);

  if (comment != NULL)
    {
      comment_posted (self, data, comment, _("It was posted after all"));
      return;
    }

  message = alga_gui_error_message (data->send_error);
  if (error != NULL)
    /* Translators: why posting failed follows; then the check whether it arrived failed too. */
    text = g_strdup_printf (_("Could not post the comment. %s Whether it arrived is not known: "
                              "look at the comments before you send it again."), message);
  else
    /* Translators: why posting failed follows. */
    text = g_strdup_printf (_("Could not post the comment. %s It did not arrive; your text is "
                              "kept. Send it again."), message);

  if (g_strcmp0 (data->draft_key, self->draft_key) == 0)
    show_error (self, text);
  else
    alga_gui_show_toast (GTK_WIDGET (self), text);
}

static void
post_comment_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PostData) data = user_data;
  AlgaComposer *self = data->self;
  g_autoptr(AlgaComment) comment = NULL;
  g_autoptr(GError) error = NULL;
  gboolean same_ticket;

  comment = alga_ticket_repository_post_comment_finish (ALGA_TICKET_REPOSITORY (source), result,
                                                        &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  /* No clear answer: the comment may be on the server. Never send twice blindly; ask first. */
  if (comment == NULL && alga_send_check_may_have_arrived (error))
    {
      PostData *check = g_steal_pointer (&data);

      check->send_error = g_steal_pointer (&error);
      alga_ticket_repository_find_posted_comment_async (ALGA_TICKET_REPOSITORY (source),
                                                        check->ticket_id, self->user_id,
                                                        check->text, check->started,
                                                        self->post_cancellable, check_comment_cb,
                                                        check);
      return;
    }

  same_ticket = g_strcmp0 (data->draft_key, self->draft_key) == 0;
  set_sending (self, FALSE);

  if (comment == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);
      g_autofree char *text = NULL;

      /* The text and its draft stay, so nothing typed is lost. */
      if (same_ticket)
        {
          /* Translators: why posting failed follows. */
          text = g_strdup_printf (_("Could not post the comment. %s"), message);
          show_error (self, text);
        }
      else
        {
          alga_gui_show_error_toast (GTK_WIDGET (self), _("Could not post the comment."), error);
        }
      return;
    }

  comment_posted (self, data, comment, posted_toast (data->quiet));
}

static void
send_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlgaComposer *self = ALGA_COMPOSER (widget);
  g_autofree char *text = dup_text (self);
  PostData *data;

  /* The shortcut reaches here even while the action is off; never send twice. */
  if (self->sending || self->account == NULL || self->ticket == NULL || is_blank (text) ||
      g_utf8_strlen (text, -1) > ALGA_COMPOSER_MAX_CHARS)
    return;

  g_strchomp (text);
  show_error (self, NULL);
  set_sending (self, TRUE);

  data = g_new0 (PostData, 1);
  data->self = g_object_ref (self);
  data->ticket_id = g_strdup (alga_ticket_get_ticket_id (self->ticket));
  data->draft_key = g_strdup (self->draft_key);
  data->text = g_strdup (text);
  data->reply = self->reply;
  data->quiet = alga_quiet_choice_get_quiet (self->quiet_choice);
  data->started = g_date_time_new_now_utc ();

  g_clear_object (&self->post_cancellable);
  self->post_cancellable = g_cancellable_new ();
  alga_ticket_repository_post_comment_async (alga_account_get_tickets (self->account),
                                             data->ticket_id, text, !data->reply, FALSE,
                                             data->quiet, self->post_cancellable,
                                             post_comment_cb, data);
}

static void
alga_composer_dispose (GObject *object)
{
  AlgaComposer *self = ALGA_COMPOSER (object);

  g_cancellable_cancel (self->draft_cancellable);
  g_clear_object (&self->draft_cancellable);
  g_cancellable_cancel (self->post_cancellable);
  g_clear_object (&self->post_cancellable);

  /* The last keystrokes may still wait for the store's delay. */
  if (self->draft_store != NULL)
    alga_draft_store_flush (self->draft_store);

  if (self->text_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_text_view_get_buffer (self->text_view),
                                          on_buffer_changed_cb, self);
  /* AdwBin owns its child too: let go of it before the template does, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_COMPOSER);
  g_clear_object (&self->account);
  if (self->ticket != NULL)
    g_signal_handlers_disconnect_by_func (self->ticket, on_ticket_notify_cb, self);
  g_clear_object (&self->ticket);
  g_clear_object (&self->draft_store);

  G_OBJECT_CLASS (alga_composer_parent_class)->dispose (object);
}

static void
alga_composer_finalize (GObject *object)
{
  AlgaComposer *self = ALGA_COMPOSER (object);

  g_free (self->user_id);
  g_free (self->user_name);
  g_free (self->draft_key);

  G_OBJECT_CLASS (alga_composer_parent_class)->finalize (object);
}

static void
alga_composer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AlgaComposer *self = ALGA_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_composer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AlgaComposer *self = ALGA_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      alga_composer_set_account (self, g_value_get_object (value));
      break;
    case PROP_USER_ID:
      alga_composer_set_user_id (self, g_value_get_string (value));
      break;
    case PROP_USER_NAME:
      g_free (self->user_name);
      self->user_name = g_value_dup_string (value);
      break;
    case PROP_TICKET:
      alga_composer_set_ticket (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_composer_class_init (AlgaComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_composer_dispose;
  object_class->finalize = alga_composer_finalize;
  object_class->get_property = alga_composer_get_property;
  object_class->set_property = alga_composer_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         ALGA_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The signed-in user's name, shown as the author of a comment just posted. */
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         ALGA_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaComposer::comment-posted:
   * @comment: the comment as the server stored it
   *
   * Emitted after the server accepted a comment.
   */
  signals[COMMENT_POSTED] =
    g_signal_new ("comment-posted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ALGA_TYPE_COMMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, error_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, text_card);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, mode_box);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, internal_toggle);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, reply_toggle);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, audience_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, quiet_choice);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, send_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, send_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, counter_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, send_stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaComposer, send_spinner);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action_cb);
}

static void
alga_composer_init (AlgaComposer *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  g_type_ensure (ALGA_TYPE_QUIET_CHOICE);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Capture phase: the text view would otherwise take Ctrl+Enter as a new line. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (
                                 gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                 gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                               gtk_named_action_new ("composer.send"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (gtk_text_view_get_buffer (self->text_view), "changed",
                    G_CALLBACK (on_buffer_changed_cb), self);
  g_signal_connect (self->internal_toggle, "toggled", G_CALLBACK (on_mode_toggled_cb), self);
  g_signal_connect (self->reply_toggle, "toggled", G_CALLBACK (on_mode_toggled_cb), self);
  gtk_widget_set_tooltip_text (self->send_button, _("Ctrl+Enter"));
  update_mode (self);
  update_placeholder (self);
  update_send (self);
}

GtkWidget *
alga_composer_new (void)
{
  return g_object_new (ALGA_TYPE_COMPOSER, NULL);
}

AlgaAccount *
alga_composer_get_account (AlgaComposer *self)
{
  g_return_val_if_fail (ALGA_IS_COMPOSER (self), NULL);

  return self->account;
}

/**
 * alga_composer_set_account:
 * @self: the composer
 * @account: (nullable): the signed-in account
 *
 * Comments are posted to @account's tickets; what is typed is kept in its drafts until the
 * server has it.
 */
void
alga_composer_set_account (AlgaComposer *self,
                           AlgaAccount  *account)
{
  AlgaDraftStore *store;
  g_autofree char *text = NULL;

  g_return_if_fail (ALGA_IS_COMPOSER (self));
  g_return_if_fail (!account || ALGA_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  store = account != NULL ? alga_account_get_drafts (account) : NULL;
  if (g_set_object (&self->draft_store, store))
    {
      text = dup_text (self);
      if (store != NULL && self->draft_key != NULL && *text == '\0')
        restore_draft (self);
    }

  update_send (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

const char *
alga_composer_get_user_id (AlgaComposer *self)
{
  g_return_val_if_fail (ALGA_IS_COMPOSER (self), NULL);

  return self->user_id;
}

void
alga_composer_set_user_id (AlgaComposer *self,
                           const char   *user_id)
{
  g_return_if_fail (ALGA_IS_COMPOSER (self));

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;

  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

AlgaTicket *
alga_composer_get_ticket (AlgaComposer *self)
{
  g_return_val_if_fail (ALGA_IS_COMPOSER (self), NULL);

  return self->ticket;
}

void
alga_composer_set_ticket (AlgaComposer *self,
                          AlgaTicket   *ticket)
{
  const char *old_id;
  const char *new_id;
  gboolean other_ticket;

  g_return_if_fail (ALGA_IS_COMPOSER (self));
  g_return_if_fail (!ticket || ALGA_IS_TICKET (ticket));

  old_id = self->ticket != NULL ? alga_ticket_get_ticket_id (self->ticket) : NULL;
  new_id = ticket != NULL ? alga_ticket_get_ticket_id (ticket) : NULL;
  other_ticket = g_strcmp0 (old_id, new_id) != 0;

  if (self->ticket != NULL)
    g_signal_handlers_disconnect_by_func (self->ticket, on_ticket_notify_cb, self);
  if (!g_set_object (&self->ticket, ticket))
    return;
  /* The contact arrives with the detail, after the list's ticket. */
  if (ticket != NULL)
    g_signal_connect_object (ticket, "notify::contact-name", G_CALLBACK (on_ticket_notify_cb),
                             self, 0);

  /* A refresh of the same ticket must not wipe what is being typed. */
  if (other_ticket)
    restore_draft (self);
  update_mode (self);
  update_send (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

void
alga_composer_grab_focus_text (AlgaComposer *self)
{
  g_return_if_fail (ALGA_IS_COMPOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}
