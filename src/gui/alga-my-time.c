/* alga-my-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server files an entry under a work date of its own choosing (the user's time zone on a
 * real server, UTC on others), so the days asked for are widened by one on each side and the
 * entries sorted into local days here.
 */

#define G_LOG_DOMAIN "alga-my-time"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-gui-util.h"
#include "alga-my-time.h"
#include "alga-time-entry.h"

/* A pause between two entries of a day at least this long is shown: a forgotten hour shows,
 * a coffee does not. */
#define GAP_MINUTES 15
#define PAGE_LIMIT 100

struct _AlgaMyTime
{
  AdwWindow         parent_instance;

  AlgaClient       *client;
  char             *user_id;
  AlgaMyTimeRange   range;
  GCancellable     *cancellable;
  GPtrArray        *entries;     /* AlgaTimeEntry of the range so far */
  GDateTime        *first_day;   /* local midnight */
  int               n_days;
  gboolean          loaded;
  int               total_minutes;
  int               billable_minutes;

  GtkToggleButton  *today_button;
  GtkToggleButton  *this_week_button;
  GtkToggleButton  *last_week_button;
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  AdwPreferencesPage *page;
  GPtrArray        *groups;      /* the groups on the page */
};

G_DEFINE_FINAL_TYPE (AlgaMyTime, alga_my_time, ADW_TYPE_WINDOW)

static char *
format_minutes (int minutes)
{
  /* Translators: a duration in hours and minutes. */
  return g_strdup_printf (_("%d h %02d min"), minutes / 60, minutes % 60);
}

static int
entry_minutes (AlgaTimeEntry *entry)
{
  GDateTime *start = alga_time_entry_get_start_time (entry);
  GDateTime *end = alga_time_entry_get_end_time (entry);

  if (start == NULL || end == NULL || g_date_time_compare (end, start) <= 0)
    return 0;
  return (int) (g_date_time_difference (end, start) / G_TIME_SPAN_MINUTE);
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  AlgaTimeEntry *ea = *(AlgaTimeEntry **) a;
  AlgaTimeEntry *eb = *(AlgaTimeEntry **) b;

  return g_date_time_compare (alga_time_entry_get_start_time (ea), alga_time_entry_get_start_time (eb));
}

static void
clear_groups (AlgaMyTime *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static AdwPreferencesGroup *
add_group (AlgaMyTime *self,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static char *
totals_text (int minutes,
             int billable)
{
  g_autofree char *all = format_minutes (minutes);
  g_autofree char *billed = format_minutes (billable);

  /* Translators: the time of a day or a week, then the billable part of it. */
  return g_strdup_printf (_("%s · billable %s"), all, billed);
}

static void
on_entry_activated_cb (AdwActionRow *row,
                       AlgaMyTime   *self)
{
  const char *ticket_id = g_object_get_data (G_OBJECT (row), "ticket-id");

  if (ticket_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.open-ticket", "s", ticket_id);
}

static GtkWidget *
entry_row (AlgaMyTime    *self,
           AlgaTimeEntry *entry)
{
  g_autoptr(GDateTime) start = g_date_time_to_local (alga_time_entry_get_start_time (entry));
  g_autofree char *from = g_date_time_format (start, "%H:%M");
  g_autofree char *to = NULL;
  g_autofree char *duration = format_minutes (entry_minutes (entry));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *service = alga_time_entry_get_service_name (entry);
  const char *notes = alga_time_entry_get_notes (entry);
  GtkWidget *row = adw_action_row_new ();

  if (alga_time_entry_get_is_running (entry))
    /* Translators: a timer of the server still running (started on the phone): since when. */
    title = g_strdup_printf (_("since %s · running"), from);
  else
    {
      g_autoptr(GDateTime) end = g_date_time_to_local (alga_time_entry_get_end_time (entry));

      to = g_date_time_format (end, "%H:%M");
      /* Translators: one time entry: from, to, and how long. */
      title = g_strdup_printf (_("%s–%s · %s"), from, to, duration);
    }
  if (service != NULL)
    g_string_append (subtitle, service);
  if (!alga_time_entry_get_is_billable (entry) && !alga_time_entry_get_is_running (entry))
    /* Translators: between the parts of a time entry's subtitle. */
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? _(" · ") : "", _("not billable"));
  if (notes != NULL && notes[0] != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? _(" · ") : "", notes);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (g_strcmp0 (alga_time_entry_get_work_item_type (entry), "ticket") == 0 &&
      alga_time_entry_get_work_item_id (entry) != NULL)
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      g_object_set_data_full (G_OBJECT (row), "ticket-id",
                              g_strdup (alga_time_entry_get_work_item_id (entry)), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_widget_set_tooltip_text (row, _("Open the ticket"));
      g_signal_connect (row, "activated", G_CALLBACK (on_entry_activated_cb), self);
    }
  return row;
}

static GtkWidget *
gap_row (GDateTime *from,
         GDateTime *to)
{
  g_autoptr(GDateTime) local_from = g_date_time_to_local (from);
  g_autoptr(GDateTime) local_to = g_date_time_to_local (to);
  g_autofree char *from_text = g_date_time_format (local_from, "%H:%M");
  g_autofree char *to_text = g_date_time_format (local_to, "%H:%M");
  g_autofree char *duration = format_minutes ((int) (g_date_time_difference (to, from) / G_TIME_SPAN_MINUTE));
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  /* Translators: time between two entries of a day with nothing logged: from, to, how long. */
  title = g_strdup_printf (_("Nothing logged %s–%s · %s"), from_text, to_text, duration);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_widget_add_css_class (row, "time-gap");
  return row;
}

static void
show_entries (AlgaMyTime *self)
{
  g_autoptr(GPtrArray) by_start = g_ptr_array_copy (self->entries, NULL, NULL);
  AdwPreferencesGroup *summary = NULL;

  /* The copy borrows the entries: it must not drop them with itself. */
  g_ptr_array_set_free_func (by_start, NULL);
  clear_groups (self);
  g_ptr_array_sort (by_start, compare_by_start);
  self->total_minutes = 0;
  self->billable_minutes = 0;

  /* A week's total above its days; a single day's total is its day's own. */
  if (self->n_days > 1)
    summary = add_group (self, NULL, NULL);
  for (int d = self->n_days - 1; d >= 0; d--)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first_day, d);
      g_autoptr(GDateTime) day_end = g_date_time_add_days (day, 1);
      g_autofree char *title = g_date_time_format (day, _("%A, %x"));
      g_autofree char *description = NULL;
      g_autoptr(GPtrArray) of_day = g_ptr_array_new ();
      AdwPreferencesGroup *group;
      GDateTime *last_end = NULL;
      int minutes = 0, billable = 0;

      for (guint i = 0; i < by_start->len; i++)
        {
          AlgaTimeEntry *entry = g_ptr_array_index (by_start, i);
          g_autoptr(GDateTime) start = g_date_time_to_local (alga_time_entry_get_start_time (entry));

          if (g_date_time_compare (start, day) >= 0 && g_date_time_compare (start, day_end) < 0)
            g_ptr_array_add (of_day, entry);
        }
      /* A week shows its empty past days too, where time is missing; not the days to come. */
      if (of_day->len == 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          if (g_date_time_compare (day, now) > 0)
            continue;
        }

      for (guint i = 0; i < of_day->len; i++)
        {
          AlgaTimeEntry *entry = g_ptr_array_index (of_day, i);

          minutes += entry_minutes (entry);
          billable += alga_time_entry_get_is_billable (entry) ? entry_minutes (entry) : 0;
        }
      self->total_minutes += minutes;
      self->billable_minutes += billable;
      description = of_day->len > 0 ? totals_text (minutes, billable) : g_strdup (_("Nothing logged"));
      group = add_group (self, title, description);
      for (guint i = 0; i < of_day->len; i++)
        {
          AlgaTimeEntry *entry = g_ptr_array_index (of_day, i);
          GDateTime *start = alga_time_entry_get_start_time (entry);

          if (last_end != NULL && g_date_time_difference (start, last_end) >= GAP_MINUTES * G_TIME_SPAN_MINUTE)
            adw_preferences_group_add (group, gap_row (last_end, start));
          adw_preferences_group_add (group, entry_row (self, entry));
          if (alga_time_entry_get_end_time (entry) != NULL &&
              (last_end == NULL || g_date_time_compare (alga_time_entry_get_end_time (entry), last_end) > 0))
            last_end = alga_time_entry_get_end_time (entry);
        }
    }

  if (summary != NULL)
    {
      g_autofree char *summary_text = totals_text (self->total_minutes, self->billable_minutes);

      adw_preferences_group_set_title (summary, self->range == ALGA_MY_TIME_THIS_WEEK ? _("This Week")
                                                : _("Last Week"));
      adw_preferences_group_set_description (summary, summary_text);
    }
  gtk_stack_set_visible_child_name (self->stack, "entries");
  self->loaded = TRUE;
}

static void request_page (AlgaMyTime *self,
                          guint       page);

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AlgaMyTime) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  AlgaPagination *pagination = NULL;

  entries = alga_client_list_time_entries_finish (ALGA_CLIENT (source), result, &pagination, &error);
  if (alga_gui_error_is_cancelled (error))
    return;
  if (entries == NULL)
    {
      g_autofree char *message = alga_gui_error_message (error);

      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      self->loaded = TRUE;
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (self->entries, g_object_ref (g_ptr_array_index (entries, i)));
  /* The answer's own paging, else a short page, says whether more follow. */
  if ((pagination != NULL && pagination->has_next) || (pagination == NULL && entries->len == PAGE_LIMIT))
    request_page (self, pagination != NULL ? pagination->page + 1 : 2);
  else
    show_entries (self);
  g_clear_pointer (&pagination, alga_pagination_free);
}

static void
request_page (AlgaMyTime *self,
              guint       page)
{
  g_autoptr(GDateTime) before = g_date_time_add_days (self->first_day, -1);
  g_autoptr(GDateTime) after = g_date_time_add_days (self->first_day, self->n_days);
  g_autofree char *from = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (after, "%Y-%m-%d");

  alga_client_list_time_entries_async (self->client, self->user_id, from, to, NULL, page, PAGE_LIMIT,
                                       self->cancellable, list_cb, g_object_ref (self));
}

static void
reload (AlgaMyTime *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  /* Weeks start on Monday. */
  int weekday = g_date_time_get_day_of_week (today) - 1;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->entries, 0);
  g_clear_pointer (&self->first_day, g_date_time_unref);
  self->loaded = FALSE;

  switch (self->range)
    {
    case ALGA_MY_TIME_TODAY:
      self->first_day = g_date_time_ref (today);
      self->n_days = 1;
      break;
    case ALGA_MY_TIME_THIS_WEEK:
      self->first_day = g_date_time_add_days (today, -weekday);
      self->n_days = 7;
      break;
    case ALGA_MY_TIME_LAST_WEEK:
    default:
      self->first_day = g_date_time_add_days (today, -weekday - 7);
      self->n_days = 7;
      break;
    }
  gtk_stack_set_visible_child_name (self->stack, "loading");
  request_page (self, 1);
}

static void
on_range_toggled_cb (GtkToggleButton *button,
                     AlgaMyTime      *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  alga_my_time_set_range (self, button == self->today_button ? ALGA_MY_TIME_TODAY
                                : button == self->this_week_button ? ALGA_MY_TIME_THIS_WEEK
                                : ALGA_MY_TIME_LAST_WEEK);
}

static void
alga_my_time_dispose (GObject *object)
{
  AlgaMyTime *self = ALGA_MY_TIME (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->first_day, g_date_time_unref);

  G_OBJECT_CLASS (alga_my_time_parent_class)->dispose (object);
}

static void
alga_my_time_finalize (GObject *object)
{
  AlgaMyTime *self = ALGA_MY_TIME (object);

  g_free (self->user_id);

  G_OBJECT_CLASS (alga_my_time_parent_class)->finalize (object);
}

static void
alga_my_time_class_init (AlgaMyTimeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_my_time_dispose;
  object_class->finalize = alga_my_time_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkToggleButton *
range_button (GtkWidget       *box,
              const char      *label,
              GtkToggleButton *group)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (label);

  /* A narrow window shortens a long name rather than growing past the screen. */
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_ELLIPSIZE_END);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_box_append (GTK_BOX (box), button);
  return GTK_TOGGLE_BUTTON (button);
}

static void
alga_my_time_init (AlgaMyTime *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *ranges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *spinner = gtk_spinner_new ();

  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->groups = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("My Time"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);

  /* Under the header bar, across the window: in the header, beside its close button, the three
   * names made the window wider than a phone's 360 px in German. */
  gtk_widget_add_css_class (ranges, "linked");
  gtk_widget_set_halign (ranges, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (ranges, 12);
  gtk_widget_set_margin_end (ranges, 12);
  gtk_widget_set_margin_top (ranges, 6);
  gtk_widget_set_margin_bottom (ranges, 6);
  self->today_button = range_button (ranges, _("_Today"), NULL);
  self->this_week_button = range_button (ranges, _("_This Week"), self->today_button);
  self->last_week_button = range_button (ranges, _("_Last Week"), self->today_button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ranges), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Which days"), -1);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), ranges);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading"), -1);
  gtk_stack_add_named (self->stack, spinner, "loading");
  /* A preferences page scrolls by itself. */
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->page), "entries");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("Could Not Load Your Time"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), toolbar);

  g_signal_connect (self->today_button, "toggled", G_CALLBACK (on_range_toggled_cb), self);
  g_signal_connect (self->this_week_button, "toggled", G_CALLBACK (on_range_toggled_cb), self);
  g_signal_connect (self->last_week_button, "toggled", G_CALLBACK (on_range_toggled_cb), self);
}

GtkWidget *
alga_my_time_new (GtkWindow  *parent,
                  AlgaClient *client,
                  const char *user_id)
{
  AlgaMyTime *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALGA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  self = g_object_new (ALGA_TYPE_MY_TIME, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->user_id = g_strdup (user_id);
  self->range = ALGA_MY_TIME_TODAY;
  gtk_toggle_button_set_active (self->today_button, TRUE);
  reload (self);
  return GTK_WIDGET (self);
}

void
alga_my_time_set_range (AlgaMyTime      *self,
                        AlgaMyTimeRange  range)
{
  GtkToggleButton *button;

  g_return_if_fail (ALGA_IS_MY_TIME (self));

  button = range == ALGA_MY_TIME_TODAY ? self->today_button
           : range == ALGA_MY_TIME_THIS_WEEK ? self->this_week_button : self->last_week_button;
  if (!gtk_toggle_button_get_active (button))
    gtk_toggle_button_set_active (button, TRUE);
  if (self->range == range && self->first_day != NULL)
    return;
  self->range = range;
  reload (self);
}

gboolean
alga_my_time_is_loaded (AlgaMyTime *self)
{
  g_return_val_if_fail (ALGA_IS_MY_TIME (self), FALSE);

  return self->loaded;
}

int
alga_my_time_get_total_minutes (AlgaMyTime *self)
{
  g_return_val_if_fail (ALGA_IS_MY_TIME (self), 0);

  return self->total_minutes;
}

int
alga_my_time_get_billable_minutes (AlgaMyTime *self)
{
  g_return_val_if_fail (ALGA_IS_MY_TIME (self), 0);

  return self->billable_minutes;
}
