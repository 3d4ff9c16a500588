/* alga-assignee-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-assignee-picker"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "alga-assignee-picker.h"
#include "alga-gui-util.h"
#include "alga-user.h"

struct _AlgaAssigneePicker
{
  GtkPopover      parent_instance;

  AlgaClient     *client;
  /* Everyone (no search) comes from the account's shared lists, if set, so that a second
   * picker asks the server nothing more. */
  AlgaReferenceData *reference_data;
  char           *user_id;
  gboolean        show_unassign;
  GListStore     *users;
  GCancellable   *cancellable;

  GtkSearchEntry *search_entry;
  char           *local_search;  /* casefolded, when the people are searched here */
  char           *searching;     /* the search asked for, stripped */
  char           *shown_search;  /* the search whose answer the list shows */
  gboolean        take_first;    /* Enter came before the answer: take its first person */
  GtkButton      *me_button;
  GtkButton      *unassign_button;
  GtkStack       *list_stack;
  GtkListView    *list_view;
  GtkSpinner     *spinner;
  GtkLabel       *message_label;
};

G_DEFINE_FINAL_TYPE (AlgaAssigneePicker, alga_assignee_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_USER_ID,
  PROP_SHOW_UNASSIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  USER_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (AlgaAssigneePicker *self,
              const char         *message,
              gboolean            busy)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->list_stack, "message");
}

static char *
find_display_name (AlgaAssigneePicker *self,
                   const char         *user_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->users));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlgaUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), i);

      if (g_strcmp0 (alga_user_get_user_id (user), user_id) == 0)
        return alga_user_dup_display_name (user);
    }

  return NULL;
}

static void
pick (AlgaAssigneePicker *self,
      const char         *user_id,
      const char         *display_name)
{
  /* Hold a reference: a handler may drop the last one by rebuilding its UI. */
  g_autoptr(AlgaAssigneePicker) hold = g_object_ref (self);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[USER_PICKED], 0, user_id, display_name);
}

static void show_users (AlgaAssigneePicker *self,
                        GPtrArray          *users,
                        const GError       *error);

static void
list_users_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;

  users = alga_client_list_users_finish (ALGA_CLIENT (source), result, NULL, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  show_users (ALGA_ASSIGNEE_PICKER (user_data), users, error);
}

static void
reference_users_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;

  AlgaAssigneePicker *self;
  g_autoptr(GPtrArray) matching = NULL;

  users = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (alga_gui_error_is_cancelled (error))
    return;

  self = ALGA_ASSIGNEE_PICKER (user_data);
  if (users != NULL && self->local_search != NULL)
    {
      matching = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < users->len; i++)
        {
          AlgaUser *user = g_ptr_array_index (users, i);
          g_autofree char *name = alga_user_dup_display_name (user);
          g_autofree char *folded = name != NULL ? g_utf8_casefold (name, -1) : NULL;

          if (folded != NULL && strstr (folded, self->local_search) != NULL)
            g_ptr_array_add (matching, g_object_ref (user));
        }
    }

  show_users (self, matching != NULL ? matching : users, error);
}

static void on_list_view_activate_cb (AlgaAssigneePicker *self,
                                      guint               position);

static char *
dup_entry_search (AlgaAssigneePicker *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

static void
show_users (AlgaAssigneePicker *self,
            GPtrArray          *users,
            const GError       *error)
{
  g_autofree char *typed = dup_entry_search (self);

  g_clear_object (&self->cancellable);
  g_free (self->shown_search);
  self->shown_search = g_steal_pointer (&self->searching);

  if (users == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);

      self->take_first = FALSE;
      g_list_store_remove_all (self->users);
      show_message (self, message, FALSE);
      return;
    }

  g_list_store_remove_all (self->users);
  for (guint i = 0; i < users->len; i++)
    {
      AlgaUser *user = g_ptr_array_index (users, i);
      const char *type = alga_user_get_user_type (user);

      /* Only active technicians can own a ticket; client portal users cannot. */
      if (alga_user_get_is_inactive (user))
        continue;
      if (type != NULL && g_strcmp0 (type, "internal") != 0)
        continue;
      g_list_store_append (self->users, user);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->users)) == 0)
    {
      self->take_first = FALSE;
      show_message (self, _("No one matches your search."), FALSE);
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  /* Enter pressed before this answer came: it meant the first person of the answer to what
   * was typed, not of an older one. */
  if (self->take_first && g_strcmp0 (self->shown_search, typed) == 0
      && g_list_model_get_n_items (G_LIST_MODEL (self->users)) > 0)
    {
      self->take_first = FALSE;
      on_list_view_activate_cb (self, 0);
    }
}

static void
on_list_view_activate_cb (AlgaAssigneePicker *self,
                          guint               position)
{
  g_autoptr(AlgaUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), position);
  g_autofree char *name = NULL;

  if (user == NULL)
    return;

  name = alga_user_dup_display_name (user);
  pick (self, alga_user_get_user_id (user), name);
}

static void
on_search_entry_search_changed_cb (AlgaAssigneePicker *self)
{
  /* The entry's delayed signal also comes while the popover is hidden (after it is built, or
   * closed); the list is asked for when it is shown (on_popover_show_cb), not before. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  alga_assignee_picker_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_entry_activate_cb (AlgaAssigneePicker *self)
{
  g_autofree char *typed = dup_entry_search (self);

  /* Enter takes the first match, the quickest path from the keyboard: of the answer to what
   * was typed, once it is there. The search waits for a pause in typing; Enter ends it. */
  if (self->cancellable == NULL && g_strcmp0 (self->shown_search, typed) == 0)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->users)) > 0 &&
          g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "list") == 0)
        on_list_view_activate_cb (self, 0);
      return;
    }

  self->take_first = TRUE;
  if (g_strcmp0 (self->searching, typed) != 0)
    alga_assignee_picker_search (self, typed);
}

/* Down from the search goes to the first person found (the buttons are not on the way). */
static gboolean
on_search_entry_key_pressed_cb (AlgaAssigneePicker *self,
                                guint               keyval,
                                guint               keycode,
                                GdkModifierType     state)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->users)) > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "list") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }

  return TRUE;
}

static void
on_search_entry_stop_search_cb (AlgaAssigneePicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_me_button_clicked_cb (AlgaAssigneePicker *self)
{
  g_autofree char *name = NULL;

  if (self->user_id == NULL)
    return;

  name = find_display_name (self, self->user_id);
  pick (self, self->user_id, name);
}

static void
on_unassign_button_clicked_cb (AlgaAssigneePicker *self)
{
  pick (self, NULL, NULL);
}

static void
on_popover_show_cb (AlgaAssigneePicker *self)
{
  self->take_first = FALSE;
  /* A fresh list each time: people come and go, and a stale search would confuse. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  alga_assignee_picker_search (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *email = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (email), 0);
  gtk_label_set_ellipsize (GTK_LABEL (email), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (email, "dim-label");
  gtk_widget_add_css_class (email, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), email);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (item, box);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  AlgaAssigneePicker *self = ALGA_ASSIGNEE_PICKER (user_data);
  AlgaUser *user = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name_label = gtk_widget_get_first_child (box);
  GtkWidget *email_label = gtk_widget_get_next_sibling (name_label);
  g_autofree char *name = alga_user_dup_display_name (user);
  const char *email = alga_user_get_email (user);
  g_autofree char *text = NULL;

  if (g_strcmp0 (alga_user_get_user_id (user), self->user_id) == 0)
    /* Translators: the signed-in technician in the list of people. */
    text = g_strdup_printf (_("%s (you)"), name);
  else
    text = g_strdup (name);

  gtk_label_set_label (GTK_LABEL (name_label), text);
  gtk_label_set_label (GTK_LABEL (email_label), email != NULL ? email : "");
  gtk_widget_set_visible (email_label, email != NULL && email[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
update_buttons (AlgaAssigneePicker *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->unassign_button), self->show_unassign);
  gtk_widget_set_sensitive (GTK_WIDGET (self->me_button), self->user_id != NULL);
}

static void
alga_assignee_picker_dispose (GObject *object)
{
  AlgaAssigneePicker *self = ALGA_ASSIGNEE_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_ASSIGNEE_PICKER);
  g_clear_object (&self->reference_data);
  g_clear_pointer (&self->local_search, g_free);
  g_clear_object (&self->client);
  g_clear_object (&self->users);

  G_OBJECT_CLASS (alga_assignee_picker_parent_class)->dispose (object);
}

static void
alga_assignee_picker_finalize (GObject *object)
{
  AlgaAssigneePicker *self = ALGA_ASSIGNEE_PICKER (object);

  g_free (self->user_id);
  g_free (self->searching);
  g_free (self->shown_search);

  G_OBJECT_CLASS (alga_assignee_picker_parent_class)->finalize (object);
}

static void
alga_assignee_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AlgaAssigneePicker *self = ALGA_ASSIGNEE_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_SHOW_UNASSIGN:
      g_value_set_boolean (value, self->show_unassign);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_assignee_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AlgaAssigneePicker *self = ALGA_ASSIGNEE_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      alga_assignee_picker_set_client (self, g_value_get_object (value));
      break;
    case PROP_USER_ID:
      alga_assignee_picker_set_user_id (self, g_value_get_string (value));
      break;
    case PROP_SHOW_UNASSIGN:
      alga_assignee_picker_set_show_unassign (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_assignee_picker_class_init (AlgaAssigneePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_assignee_picker_dispose;
  object_class->finalize = alga_assignee_picker_finalize;
  object_class->get_property = alga_assignee_picker_get_property;
  object_class->set_property = alga_assignee_picker_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         ALGA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_UNASSIGN] =
    g_param_spec_boolean ("show-unassign", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlgaAssigneePicker::user-picked:
   * @self: the picker
   * @user_id: (nullable): the chosen user, or %NULL for "Unassign"
   * @display_name: (nullable): the user's name as listed, when known
   */
  signals[USER_PICKED] =
    g_signal_new ("user-picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-assignee-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaAssigneePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlgaAssigneePicker, me_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaAssigneePicker, unassign_button);
  gtk_widget_class_bind_template_child (widget_class, AlgaAssigneePicker, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AlgaAssigneePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaAssigneePicker, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlgaAssigneePicker, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_me_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unassign_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
}

static void
alga_assignee_picker_init (AlgaAssigneePicker *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;
  GtkEventController *key;

  self->show_unassign = TRUE;
  self->users = g_list_store_new (ALGA_TYPE_USER);

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->users)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  /* Before the text field, which would move the focus down to whatever lies below it. */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_search_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);

  update_buttons (self);
}

GtkWidget *
alga_assignee_picker_new (void)
{
  return g_object_new (ALGA_TYPE_ASSIGNEE_PICKER, NULL);
}

AlgaClient *
alga_assignee_picker_get_client (AlgaAssigneePicker *self)
{
  g_return_val_if_fail (ALGA_IS_ASSIGNEE_PICKER (self), NULL);

  return self->client;
}

void
alga_assignee_picker_set_client (AlgaAssigneePicker *self,
                                 AlgaClient         *client)
{
  g_return_if_fail (ALGA_IS_ASSIGNEE_PICKER (self));
  g_return_if_fail (!client || ALGA_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_list_store_remove_all (self->users);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

const char *
alga_assignee_picker_get_user_id (AlgaAssigneePicker *self)
{
  g_return_val_if_fail (ALGA_IS_ASSIGNEE_PICKER (self), NULL);

  return self->user_id;
}

void
alga_assignee_picker_set_user_id (AlgaAssigneePicker *self,
                                  const char         *user_id)
{
  g_return_if_fail (ALGA_IS_ASSIGNEE_PICKER (self));

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;

  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

gboolean
alga_assignee_picker_get_show_unassign (AlgaAssigneePicker *self)
{
  g_return_val_if_fail (ALGA_IS_ASSIGNEE_PICKER (self), FALSE);

  return self->show_unassign;
}

void
alga_assignee_picker_set_show_unassign (AlgaAssigneePicker *self,
                                        gboolean            show_unassign)
{
  g_return_if_fail (ALGA_IS_ASSIGNEE_PICKER (self));

  show_unassign = !!show_unassign;
  if (self->show_unassign == show_unassign)
    return;

  self->show_unassign = show_unassign;
  /* Without "Unassign" the picker adds people (watchers) rather than assigning one. */
  gtk_button_set_label (self->me_button, show_unassign ? _("Assign to _Me") : _("Add _Me"));
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_UNASSIGN]);
}

GListModel *
alga_assignee_picker_get_model (AlgaAssigneePicker *self)
{
  g_return_val_if_fail (ALGA_IS_ASSIGNEE_PICKER (self), NULL);

  return G_LIST_MODEL (self->users);
}

/**
 * alga_assignee_picker_set_reference_data:
 * @self: a picker
 * @reference_data: (nullable): the account's shared lists
 *
 * Lets the list of everyone come from @reference_data, so that opening the picker does not ask
 * the server each time; searches still do.
 */
void
alga_assignee_picker_set_reference_data (AlgaAssigneePicker *self,
                                         AlgaReferenceData  *reference_data)
{
  g_return_if_fail (ALGA_IS_ASSIGNEE_PICKER (self));
  g_return_if_fail (!reference_data || ALGA_IS_REFERENCE_DATA (reference_data));

  g_set_object (&self->reference_data, reference_data);
}

/**
 * alga_assignee_picker_search:
 * @self: a picker
 * @text: (nullable): what to look for; %NULL or empty lists everyone
 *
 * Asks the server for matching people, cancelling the previous search, so a slow answer to
 * an old query never replaces the newest.
 */
void
alga_assignee_picker_search (AlgaAssigneePicker *self,
                             const char         *text)
{
  g_autofree char *search = NULL;

  g_return_if_fail (ALGA_IS_ASSIGNEE_PICKER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->client == NULL)
    {
      show_message (self, _("Not signed in."), FALSE);
      return;
    }

  search = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_free (self->searching);
  self->searching = g_strdup (search);
  self->cancellable = g_cancellable_new ();
  show_message (self, NULL, TRUE);
  /* A role that may not list users (a Technician) searches the people it can see, here. */
  if (self->reference_data != NULL &&
      (search[0] == '\0' || alga_reference_data_is_refused (self->reference_data, ALGA_REFERENCE_USERS)))
    {
      g_free (self->local_search);
      self->local_search = search[0] != '\0' ? g_utf8_casefold (search, -1) : NULL;
      alga_reference_data_get_async (self->reference_data, ALGA_REFERENCE_USERS, NULL,
                                     self->cancellable, reference_users_cb, self);
      return;
    }
  alga_client_list_users_async (self->client,
                                search[0] != '\0' ? search : NULL,
                                1, 50,
                                self->cancellable,
                                list_users_cb,
                                self);
}
