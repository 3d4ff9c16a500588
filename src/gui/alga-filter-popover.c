/* alga-filter-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-filter-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-filter-popover.h"
#include "alga-gui-util.h"

typedef enum
{
  UPDATED_ANY,
  UPDATED_DAY,
  UPDATED_WEEK,
  UPDATED_MONTH,
} UpdatedFilter;

/* The filters chosen from a list: all but the tags. */
#define N_CHOICES ALGA_FILTER_TAGS

struct _AlgaFilterPopover
{
  GtkPopover     parent_instance;

  /* What each filter offers and what is chosen, kept here rather than in the widgets: those
   * (five drop-downs, a fifth of the window's template) are made only when the popover is first
   * shown, while the query and the bar of filters in force need the choices from the start. The
   * first choice of each list is "any". */
  GtkStringList *choices[N_CHOICES];
  guint          selected[N_CHOICES];
  char          *tags;

  /* Status ids grouped by name, board ids in menu order. */
  GHashTable    *status_ids_by_name;
  GPtrArray     *board_ids;
  guint          tags_timeout_id;

  /* Made when first shown. */
  GtkDropDown   *drop_downs[N_CHOICES];
  GtkEditable   *tags_entry;
};

G_DEFINE_FINAL_TYPE (AlgaFilterPopover, alga_filter_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const assignee_choices[] = { N_("Anyone"), N_("Me"), N_("Nobody"), NULL };
static const char * const updated_choices[] = {
  N_("Any time"),
  N_("In the last 24 hours"),
  N_("In the last 7 days"),
  N_("In the last 30 days"),
  NULL
};

/* The choice in force of @kind, or 0 ("any") when there is none. */
static guint
get_selected (AlgaFilterPopover *self,
              AlgaFilterKind     kind)
{
  guint selected = self->selected[kind];

  return selected < g_list_model_get_n_items (G_LIST_MODEL (self->choices[kind])) ? selected : 0;
}

static void
on_filter_changed_cb (AlgaFilterPopover *self)
{
  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_drop_down_selected_cb (GtkDropDown       *drop_down,
                          GParamSpec        *pspec,
                          AlgaFilterPopover *self)
{
  /* None of them once the popover is disposed. */
  for (AlgaFilterKind kind = 0; kind < N_CHOICES; kind++)
    if (self->drop_downs[kind] == drop_down)
      {
        guint selected = gtk_drop_down_get_selected (drop_down);

        self->selected[kind] = selected != GTK_INVALID_LIST_POSITION ? selected : 0;
        on_filter_changed_cb (self);
        return;
      }
}

static gboolean
tags_timeout_cb (gpointer user_data)
{
  AlgaFilterPopover *self = user_data;

  self->tags_timeout_id = 0;
  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* Tags are typed: the list follows a pause in the typing, not each key. */
static void
on_tags_changed_cb (AlgaFilterPopover *self)
{
  g_free (self->tags);
  self->tags = g_strdup (gtk_editable_get_text (self->tags_entry));
  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  self->tags_timeout_id = g_timeout_add (400, tags_timeout_cb, self);
}

/* Fills a filter's list, its first item being "any", and chooses that. */
static void
set_choices (AlgaFilterPopover *self,
             AlgaFilterKind     kind,
             GPtrArray         *names)
{
  GtkStringList *model = self->choices[kind];
  gboolean was_set = get_selected (self, kind) != 0;

  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                          (const char * const *) names->pdata);

  /* A drop-down says itself that its choice changed. */
  if (self->drop_downs[kind] != NULL)
    {
      gtk_drop_down_set_selected (self->drop_downs[kind], 0);
      return;
    }

  self->selected[kind] = 0;
  if (was_set)
    on_filter_changed_cb (self);
}

static void
on_statuses_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AlgaFilterPopover) self = user_data;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  statuses = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (statuses == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        g_debug ("Statuses: %s", error->message);
      return;
    }

  /* Statuses belong to boards; several boards may have an "In Progress". The filter offers
   * each name once and matches every status of that name. */
  g_hash_table_remove_all (self->status_ids_by_name);
  g_ptr_array_add (names, (gpointer) _("Any status"));
  for (guint i = 0; i < statuses->len; i++)
    {
      AlgaStatus *status = g_ptr_array_index (statuses, i);
      const char *name = alga_status_get_name (status);
      GPtrArray *ids;

      if (name == NULL)
        continue;

      ids = g_hash_table_lookup (self->status_ids_by_name, name);
      if (ids == NULL)
        {
          ids = g_ptr_array_new_null_terminated (2, g_free, TRUE);
          g_hash_table_insert (self->status_ids_by_name, g_strdup (name), ids);
          g_ptr_array_add (names, (gpointer) name);
        }
      g_ptr_array_add (ids, g_strdup (alga_status_get_status_id (status)));
    }

  set_choices (self, ALGA_FILTER_STATUS, names);
}

static void
on_boards_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AlgaFilterPopover) self = user_data;
  g_autoptr(GPtrArray) boards = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  boards = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (boards == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        g_debug ("Boards: %s", error->message);
      return;
    }

  g_ptr_array_set_size (self->board_ids, 0);
  g_ptr_array_add (names, (gpointer) _("Any board"));
  for (guint i = 0; i < boards->len; i++)
    {
      AlgaBoard *board = g_ptr_array_index (boards, i);

      if (alga_board_get_board_name (board) == NULL || alga_board_get_is_inactive (board))
        continue;
      g_ptr_array_add (self->board_ids, g_strdup (alga_board_get_board_id (board)));
      g_ptr_array_add (names, (gpointer) alga_board_get_board_name (board));
    }

  set_choices (self, ALGA_FILTER_BOARD, names);
}

static void
on_priorities_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AlgaFilterPopover) self = user_data;
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  priorities = alga_reference_data_get_finish (ALGA_REFERENCE_DATA (source), result, &error);
  if (priorities == NULL)
    {
      if (!alga_gui_error_is_cancelled (error))
        g_debug ("Priorities: %s", error->message);
      return;
    }

  g_ptr_array_add (names, (gpointer) _("Any priority"));
  for (guint i = 0; i < priorities->len; i++)
    {
      const char *name = alga_priority_get_priority_name (g_ptr_array_index (priorities, i));

      if (name != NULL)
        g_ptr_array_add (names, (gpointer) name);
    }

  set_choices (self, ALGA_FILTER_PRIORITY, names);
}

static void
add_tags (AlgaFilterPopover *self,
          AlgaTicketQuery   *query)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  if (self->tags == NULL || self->tags[0] == '\0')
    return;

  parts = g_strsplit_set (self->tags, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_ptr_array_add (tags, parts[i]);
    }
  g_ptr_array_add (tags, NULL);
  if (tags->len > 1)
    alga_ticket_query_set_tags (query, (const char * const *) tags->pdata);
}

/* The widgets, from what is chosen so far. */
static void
build_content (AlgaFilterPopover *self)
{
  static const char * const ids[N_CHOICES] = {
    [ALGA_FILTER_ASSIGNEE] = "assignee_filter",
    [ALGA_FILTER_STATUS] = "status_filter",
    [ALGA_FILTER_PRIORITY] = "priority_filter",
    [ALGA_FILTER_BOARD] = "board_filter",
    [ALGA_FILTER_UPDATED] = "updated_filter",
  };
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->tags_entry != NULL)
    return;

  builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/alga-filter-popover.ui");
  for (AlgaFilterKind kind = 0; kind < N_CHOICES; kind++)
    {
      GtkDropDown *drop_down = GTK_DROP_DOWN (gtk_builder_get_object (builder, ids[kind]));

      gtk_drop_down_set_model (drop_down, G_LIST_MODEL (self->choices[kind]));
      gtk_drop_down_set_selected (drop_down, get_selected (self, kind));
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_drop_down_selected_cb), self);
      self->drop_downs[kind] = drop_down;
    }

  self->tags_entry = GTK_EDITABLE (gtk_builder_get_object (builder, "tags_filter"));
  gtk_editable_set_text (self->tags_entry, self->tags != NULL ? self->tags : "");
  g_signal_connect_swapped (self->tags_entry, "changed", G_CALLBACK (on_tags_changed_cb), self);
  g_signal_connect_swapped (self->tags_entry, "activate", G_CALLBACK (on_filter_changed_cb), self);

  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (gtk_builder_get_object (builder, "content")));
}

static void
alga_filter_popover_show (GtkWidget *widget)
{
  build_content (ALGA_FILTER_POPOVER (widget));

  GTK_WIDGET_CLASS (alga_filter_popover_parent_class)->show (widget);
}

static void
alga_filter_popover_dispose (GObject *object)
{
  AlgaFilterPopover *self = ALGA_FILTER_POPOVER (object);

  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  /* The widgets go with the popover's child; the choices stay until finalize, for a load that
   * finishes meanwhile. */
  for (AlgaFilterKind kind = 0; kind < N_CHOICES; kind++)
    self->drop_downs[kind] = NULL;
  self->tags_entry = NULL;

  G_OBJECT_CLASS (alga_filter_popover_parent_class)->dispose (object);
}

static void
alga_filter_popover_finalize (GObject *object)
{
  AlgaFilterPopover *self = ALGA_FILTER_POPOVER (object);

  for (AlgaFilterKind kind = 0; kind < N_CHOICES; kind++)
    g_clear_object (&self->choices[kind]);
  g_free (self->tags);
  g_clear_pointer (&self->status_ids_by_name, g_hash_table_unref);
  g_clear_pointer (&self->board_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_filter_popover_parent_class)->finalize (object);
}

static void
alga_filter_popover_class_init (AlgaFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_filter_popover_dispose;
  object_class->finalize = alga_filter_popover_finalize;

  widget_class->show = alga_filter_popover_show;

  /**
   * AlgaFilterPopover::changed:
   *
   * A filter was set or cleared by the user: the list should be asked again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static GtkStringList *
new_choices (const char * const *untranslated)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  for (guint i = 0; untranslated != NULL && untranslated[i] != NULL; i++)
    gtk_string_list_append (choices, _(untranslated[i]));

  return choices;
}

static void
alga_filter_popover_init (AlgaFilterPopover *self)
{
  self->choices[ALGA_FILTER_ASSIGNEE] = new_choices (assignee_choices);
  self->choices[ALGA_FILTER_STATUS] = new_choices (NULL);
  self->choices[ALGA_FILTER_PRIORITY] = new_choices (NULL);
  self->choices[ALGA_FILTER_BOARD] = new_choices (NULL);
  self->choices[ALGA_FILTER_UPDATED] = new_choices (updated_choices);

  self->status_ids_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) g_ptr_array_unref);
  self->board_ids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * alga_filter_kind_get_name:
 * @kind: a filter
 *
 * Returns: the filter's name, as the popover labels it, without its mnemonic
 */
const char *
alga_filter_kind_get_name (AlgaFilterKind kind)
{
  switch (kind)
    {
    case ALGA_FILTER_ASSIGNEE:
      return _("Assignee");
    case ALGA_FILTER_STATUS:
      return _("Status");
    case ALGA_FILTER_PRIORITY:
      return _("Priority");
    case ALGA_FILTER_BOARD:
      return _("Board");
    case ALGA_FILTER_UPDATED:
      return _("Updated");
    case ALGA_FILTER_TAGS:
      return _("Tags");
    case ALGA_N_FILTERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

GtkWidget *
alga_filter_popover_new (void)
{
  return g_object_new (ALGA_TYPE_FILTER_POPOVER, NULL);
}

/**
 * alga_filter_popover_load:
 * @self: the popover
 * @reference_data: the account's statuses, priorities and boards
 * @cancellable: (nullable): cancels the loads
 *
 * Fills the status, priority and board choices. Each is put back to "any".
 */
void
alga_filter_popover_load (AlgaFilterPopover *self,
                          AlgaReferenceData *reference_data,
                          GCancellable      *cancellable)
{
  g_return_if_fail (ALGA_IS_FILTER_POPOVER (self));
  g_return_if_fail (ALGA_IS_REFERENCE_DATA (reference_data));

  alga_reference_data_get_async (reference_data, ALGA_REFERENCE_STATUSES, NULL,
                                 cancellable, on_statuses_loaded_cb, g_object_ref (self));
  alga_reference_data_get_async (reference_data, ALGA_REFERENCE_PRIORITIES, NULL,
                                 cancellable, on_priorities_loaded_cb, g_object_ref (self));
  alga_reference_data_get_async (reference_data, ALGA_REFERENCE_BOARDS, NULL,
                                 cancellable, on_boards_loaded_cb, g_object_ref (self));
}

/**
 * alga_filter_popover_dup_value:
 * @self: the popover
 * @kind: a filter
 *
 * Returns: (nullable) (transfer full): what @kind is set to, as shown ("Nobody", "P1 -
 *   Critical", "printer, vpn"), or %NULL while it lets every ticket through
 */
char *
alga_filter_popover_dup_value (AlgaFilterPopover *self,
                               AlgaFilterKind     kind)
{
  guint selected;

  g_return_val_if_fail (ALGA_IS_FILTER_POPOVER (self), NULL);
  g_return_val_if_fail (kind < ALGA_N_FILTERS, NULL);

  if (kind == ALGA_FILTER_TAGS)
    {
      g_autofree char *tags = g_strdup (self->tags != NULL ? self->tags : "");

      g_strstrip (tags);
      return tags[0] != '\0' ? g_steal_pointer (&tags) : NULL;
    }

  selected = get_selected (self, kind);
  if (selected == 0)
    return NULL;

  return g_strdup (gtk_string_list_get_string (self->choices[kind], selected));
}

/**
 * alga_filter_popover_get_active:
 * @self: the popover
 *
 * Returns: whether any filter narrows the list
 */
gboolean
alga_filter_popover_get_active (AlgaFilterPopover *self)
{
  g_return_val_if_fail (ALGA_IS_FILTER_POPOVER (self), FALSE);

  for (AlgaFilterKind kind = 0; kind < ALGA_N_FILTERS; kind++)
    {
      g_autofree char *value = alga_filter_popover_dup_value (self, kind);

      if (value != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * alga_filter_popover_get_assignee:
 * @self: the popover
 *
 * Returns: whose tickets the assignee filter lets through
 */
AlgaFilterAssignee
alga_filter_popover_get_assignee (AlgaFilterPopover *self)
{
  g_return_val_if_fail (ALGA_IS_FILTER_POPOVER (self), ALGA_FILTER_ASSIGNEE_ANY);

  switch (get_selected (self, ALGA_FILTER_ASSIGNEE))
    {
    case ALGA_FILTER_ASSIGNEE_ME:
      return ALGA_FILTER_ASSIGNEE_ME;
    case ALGA_FILTER_ASSIGNEE_NOBODY:
      return ALGA_FILTER_ASSIGNEE_NOBODY;
    default:
      return ALGA_FILTER_ASSIGNEE_ANY;
    }
}

/**
 * alga_filter_popover_apply_to_query:
 * @self: the popover
 * @query: the query of a view
 *
 * Narrows @query by every filter in force.
 */
void
alga_filter_popover_apply_to_query (AlgaFilterPopover *self,
                                    AlgaTicketQuery   *query)
{
  guint selected;

  g_return_if_fail (ALGA_IS_FILTER_POPOVER (self));
  g_return_if_fail (query != NULL);

  switch (alga_filter_popover_get_assignee (self))
    {
    case ALGA_FILTER_ASSIGNEE_ME:
      alga_ticket_query_set_assignee (query, ALGA_TICKET_ASSIGNEE_ME, NULL);
      break;
    case ALGA_FILTER_ASSIGNEE_NOBODY:
      alga_ticket_query_set_assignee (query, ALGA_TICKET_ASSIGNEE_NONE, NULL);
      break;
    case ALGA_FILTER_ASSIGNEE_ANY:
    default:
      break;
    }

  selected = get_selected (self, ALGA_FILTER_STATUS);
  if (selected > 0)
    {
      const char *name = gtk_string_list_get_string (self->choices[ALGA_FILTER_STATUS], selected);
      GPtrArray *ids = g_hash_table_lookup (self->status_ids_by_name, name);

      if (ids != NULL)
        alga_ticket_query_set_status_ids (query, (const char * const *) ids->pdata);
    }

  selected = get_selected (self, ALGA_FILTER_PRIORITY);
  if (selected > 0)
    alga_ticket_query_set_priority_name (query,
                                         gtk_string_list_get_string (self->choices[ALGA_FILTER_PRIORITY],
                                                                     selected));

  selected = get_selected (self, ALGA_FILTER_BOARD);
  if (selected > 0 && selected <= self->board_ids->len)
    alga_ticket_query_set_board_id (query, g_ptr_array_index (self->board_ids, selected - 1));

  selected = get_selected (self, ALGA_FILTER_UPDATED);
  switch ((UpdatedFilter) selected)
    {
    case UPDATED_DAY:
    case UPDATED_WEEK:
    case UPDATED_MONTH:
      {
        static const int days[] = { 0, 1, 7, 30 };
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) since = g_date_time_add_days (now, -days[selected]);

        alga_ticket_query_set_updated_since (query, since);
      }
      break;
    case UPDATED_ANY:
    default:
      break;
    }

  add_tags (self, query);
}

static void
reset (AlgaFilterPopover *self,
       AlgaFilterKind     kind)
{
  /* The caller says once that the filters changed, not each setter. */
  if (kind == ALGA_FILTER_TAGS)
    {
      g_clear_pointer (&self->tags, g_free);
      if (self->tags_entry != NULL)
        {
          g_signal_handlers_block_by_func (self->tags_entry, on_tags_changed_cb, self);
          gtk_editable_set_text (self->tags_entry, "");
          g_signal_handlers_unblock_by_func (self->tags_entry, on_tags_changed_cb, self);
        }
      g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
      return;
    }

  self->selected[kind] = 0;
  if (self->drop_downs[kind] != NULL)
    {
      g_signal_handlers_block_by_func (self->drop_downs[kind], on_drop_down_selected_cb, self);
      gtk_drop_down_set_selected (self->drop_downs[kind], 0);
      g_signal_handlers_unblock_by_func (self->drop_downs[kind], on_drop_down_selected_cb, self);
    }
}

/**
 * alga_filter_popover_clear:
 * @self: the popover
 *
 * Puts every filter back to "any", without emitting #AlgaFilterPopover::changed (the caller
 * asks for the list).
 */
void
alga_filter_popover_clear (AlgaFilterPopover *self)
{
  g_return_if_fail (ALGA_IS_FILTER_POPOVER (self));

  for (AlgaFilterKind kind = 0; kind < ALGA_N_FILTERS; kind++)
    reset (self, kind);
}

/**
 * alga_filter_popover_clear_filter:
 * @self: the popover
 * @kind: a filter
 *
 * Puts @kind back to "any" and, when it was in force, emits #AlgaFilterPopover::changed.
 */
void
alga_filter_popover_clear_filter (AlgaFilterPopover *self,
                                  AlgaFilterKind     kind)
{
  g_autofree char *value = NULL;

  g_return_if_fail (ALGA_IS_FILTER_POPOVER (self));
  g_return_if_fail (kind < ALGA_N_FILTERS);

  value = alga_filter_popover_dup_value (self, kind);
  if (value == NULL)
    return;

  reset (self, kind);
  g_signal_emit (self, signals[CHANGED], 0);
}
