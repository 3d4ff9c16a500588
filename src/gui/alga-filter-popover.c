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

struct _AlgaFilterPopover
{
  GtkPopover     parent_instance;

  /* Status ids grouped by name, board ids in menu order. */
  GHashTable    *status_ids_by_name;
  GPtrArray     *board_ids;
  guint          tags_timeout_id;

  GtkDropDown   *assignee_filter;
  GtkDropDown   *status_filter;
  GtkStringList *status_filter_model;
  GtkDropDown   *priority_filter;
  GtkStringList *priority_filter_model;
  GtkDropDown   *board_filter;
  GtkStringList *board_filter_model;
  GtkDropDown   *updated_filter;
  GtkEntry      *tags_filter;
};

G_DEFINE_FINAL_TYPE (AlgaFilterPopover, alga_filter_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkDropDown *
get_drop_down (AlgaFilterPopover *self,
               AlgaFilterKind     kind)
{
  switch (kind)
    {
    case ALGA_FILTER_ASSIGNEE:
      return self->assignee_filter;
    case ALGA_FILTER_STATUS:
      return self->status_filter;
    case ALGA_FILTER_PRIORITY:
      return self->priority_filter;
    case ALGA_FILTER_BOARD:
      return self->board_filter;
    case ALGA_FILTER_UPDATED:
      return self->updated_filter;
    case ALGA_FILTER_TAGS:
    case ALGA_N_FILTERS:
    default:
      return NULL;
    }
}

static void
on_filter_changed_cb (AlgaFilterPopover *self)
{
  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  g_signal_emit (self, signals[CHANGED], 0);
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
  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  self->tags_timeout_id = g_timeout_add (400, tags_timeout_cb, self);
}

/* Fills a drop-down's list, its first item being "any", and selects that. */
static void
set_choices (GtkDropDown   *drop_down,
             GtkStringList *model,
             GPtrArray     *names)
{
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (drop_down, 0);
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

  set_choices (self->status_filter, self->status_filter_model, names);
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

  set_choices (self->board_filter, self->board_filter_model, names);
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

  set_choices (self->priority_filter, self->priority_filter_model, names);
}

static void
add_tags (AlgaFilterPopover *self,
          AlgaTicketQuery   *query)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_filter));
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  if (text == NULL || text[0] == '\0')
    return;

  parts = g_strsplit_set (text, ",", -1);
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

static void
alga_filter_popover_dispose (GObject *object)
{
  AlgaFilterPopover *self = ALGA_FILTER_POPOVER (object);

  g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_FILTER_POPOVER);

  G_OBJECT_CLASS (alga_filter_popover_parent_class)->dispose (object);
}

static void
alga_filter_popover_finalize (GObject *object)
{
  AlgaFilterPopover *self = ALGA_FILTER_POPOVER (object);

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, assignee_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, status_filter_model);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, priority_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, priority_filter_model);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, board_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, board_filter_model);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, updated_filter);
  gtk_widget_class_bind_template_child (widget_class, AlgaFilterPopover, tags_filter);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_changed_cb);
}

static void
alga_filter_popover_init (AlgaFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
  GtkDropDown *drop_down;
  GObject *item;

  g_return_val_if_fail (ALGA_IS_FILTER_POPOVER (self), NULL);
  g_return_val_if_fail (kind < ALGA_N_FILTERS, NULL);

  if (kind == ALGA_FILTER_TAGS)
    {
      g_autofree char *tags = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tags_filter)));

      g_strstrip (tags);
      return tags[0] != '\0' ? g_steal_pointer (&tags) : NULL;
    }

  /* The first choice of each drop-down is "any". */
  drop_down = get_drop_down (self, kind);
  if (gtk_drop_down_get_selected (drop_down) == 0
      || gtk_drop_down_get_selected (drop_down) == GTK_INVALID_LIST_POSITION)
    return NULL;

  item = gtk_drop_down_get_selected_item (drop_down);
  if (!GTK_IS_STRING_OBJECT (item))
    return NULL;

  return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
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

  switch (gtk_drop_down_get_selected (self->assignee_filter))
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

  selected = gtk_drop_down_get_selected (self->status_filter);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    {
      const char *name = gtk_string_list_get_string (self->status_filter_model, selected);
      GPtrArray *ids = g_hash_table_lookup (self->status_ids_by_name, name);

      if (ids != NULL)
        alga_ticket_query_set_status_ids (query, (const char * const *) ids->pdata);
    }

  selected = gtk_drop_down_get_selected (self->priority_filter);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
    alga_ticket_query_set_priority_name (query,
                                         gtk_string_list_get_string (self->priority_filter_model,
                                                                     selected));

  selected = gtk_drop_down_get_selected (self->board_filter);
  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION && selected <= self->board_ids->len)
    alga_ticket_query_set_board_id (query, g_ptr_array_index (self->board_ids, selected - 1));

  switch ((UpdatedFilter) gtk_drop_down_get_selected (self->updated_filter))
    {
    case UPDATED_DAY:
    case UPDATED_WEEK:
    case UPDATED_MONTH:
      {
        static const int days[] = { 0, 1, 7, 30 };
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) since =
          g_date_time_add_days (now, -days[gtk_drop_down_get_selected (self->updated_filter)]);

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
      g_signal_handlers_block_by_func (self->tags_filter, on_tags_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->tags_filter), "");
      g_signal_handlers_unblock_by_func (self->tags_filter, on_tags_changed_cb, self);
      g_clear_handle_id (&self->tags_timeout_id, g_source_remove);
      return;
    }

  g_signal_handlers_block_by_func (get_drop_down (self, kind), on_filter_changed_cb, self);
  gtk_drop_down_set_selected (get_drop_down (self, kind), 0);
  g_signal_handlers_unblock_by_func (get_drop_down (self, kind), on_filter_changed_cb, self);
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
