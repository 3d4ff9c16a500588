/* alga-ticket-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-ticket-row"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-date-format.h"
#include "alga-gui-util.h"
#include "alga-minute-clock.h"
#include "alga-row-text.h"
#include "alga-ticket-row.h"

#define MAX_TAGS 3

struct _AlgaTicketRow
{
  GtkWidget   parent_instance;

  AlgaTicket *ticket;
  gulong      notify_handler;
  gulong      tick_handler;   /* while mapped: "6 minutes ago" moves on */

  AlgaRowText *number_label;
  AlgaRowText *title_label;
  AlgaRowText *updated_label;
  AlgaRowText *client_label;
  AlgaRowText *status_label;
  AlgaRowText *priority_label;
  AlgaRowText *assignee_label;
  AlgaRowText *tag_pills[MAX_TAGS];

  /* The assignee every row of the list has (the view says it): not repeated on each row. ""
   * for nobody; NULL when the rows differ. */
  char       *implied_assignee;
};

G_DEFINE_FINAL_TYPE (AlgaTicketRow, alga_ticket_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_label (AlgaRowText *label,
           const char  *text)
{
  alga_row_text_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

/* The pills are made once per row and relabelled: rows are rebound each time the search
 * narrows the list (docs/PERFORMANCE.md, Rows reused). */
static void
update_tags (AlgaTicketRow *self)
{
  const char * const *tags = self->ticket ? alga_ticket_get_tags (self->ticket) : NULL;
  guint i;

  for (i = 0; i < MAX_TAGS; i++)
    {
      const char *tag = tags != NULL && tags[i] != NULL ? tags[i] : NULL;

      if (tag == NULL && self->tag_pills[i] == NULL)
        break;

      if (self->tag_pills[i] == NULL)
        {
          self->tag_pills[i] = ALGA_ROW_TEXT (alga_row_text_new ());
          alga_row_text_set_shared (self->tag_pills[i], TRUE);
          gtk_widget_add_css_class (GTK_WIDGET (self->tag_pills[i]), "tag-pill");
          gtk_widget_insert_before (GTK_WIDGET (self->tag_pills[i]), GTK_WIDGET (self), NULL);
        }
      set_label (self->tag_pills[i], tag);

      if (tag == NULL)
        tags = NULL;
    }
}

static void
update_accessible_label (AlgaTicketRow *self)
{
  g_autofree char *text = NULL;
  AlgaTicket *t = self->ticket;

  if (t == NULL)
    return;

  /* Translators: how a screen reader reads a ticket in the list: number, title, status,
   * priority, assignee. */
  text = g_strdup_printf (_("%s, %s, %s, priority %s, assigned to %s"),
                          alga_ticket_get_ticket_number (t),
                          alga_ticket_get_title (t) ? alga_ticket_get_title (t) : _("Untitled"),
                          alga_ticket_get_status_name (t) ? alga_ticket_get_status_name (t) : _("no status"),
                          alga_ticket_get_priority_name (t) ? alga_ticket_get_priority_name (t) : _("none"),
                          alga_ticket_get_assigned_to_name (t) ? alga_ticket_get_assigned_to_name (t) : _("nobody"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
update_time (AlgaTicketRow *self)
{
  g_autoptr(GDateTime) now = alga_minute_clock_dup_now (alga_minute_clock_get_default ());
  g_autofree char *updated = NULL;

  if (self->ticket == NULL)
    return;

  updated = alga_date_format_relative (alga_ticket_get_updated_at (self->ticket), now);
  alga_row_text_set_text (self->updated_label, updated);
}

static void
alga_ticket_row_map (GtkWidget *widget)
{
  AlgaTicketRow *self = ALGA_TICKET_ROW (widget);
  AlgaMinuteClock *clock = alga_minute_clock_get_default ();

  GTK_WIDGET_CLASS (alga_ticket_row_parent_class)->map (widget);

  alga_minute_clock_hold (clock);
  self->tick_handler = g_signal_connect_swapped (clock, "tick", G_CALLBACK (update_time), self);
  /* It may have been hidden over a minute boundary. */
  update_time (self);
}

static void
alga_ticket_row_unmap (GtkWidget *widget)
{
  AlgaTicketRow *self = ALGA_TICKET_ROW (widget);
  AlgaMinuteClock *clock = alga_minute_clock_get_default ();

  g_clear_signal_handler (&self->tick_handler, clock);
  alga_minute_clock_release (clock);

  GTK_WIDGET_CLASS (alga_ticket_row_parent_class)->unmap (widget);
}

static void
update (AlgaTicketRow *self)
{
  AlgaTicket *t = self->ticket;
  const char *title;

  if (t == NULL)
    return;

  title = alga_ticket_get_title (t);
  alga_row_text_set_text (self->number_label, alga_ticket_get_ticket_number (t));
  alga_row_text_set_text (self->title_label, title != NULL ? title : _("Untitled"));
  set_label (self->client_label, alga_ticket_get_client_name (t));
  set_label (self->status_label, alga_ticket_get_status_name (t));
  set_label (self->priority_label, alga_ticket_get_priority_name (t));
  if (self->implied_assignee != NULL
      && g_strcmp0 (alga_ticket_get_assigned_to (t),
                    self->implied_assignee[0] != '\0' ? self->implied_assignee : NULL) == 0)
    set_label (self->assignee_label, NULL);
  else
    set_label (self->assignee_label,
               alga_ticket_get_assigned_to_name (t) ? alga_ticket_get_assigned_to_name (t)
                                                    : (alga_ticket_get_assigned_to (t) ? NULL : _("Unassigned")));

  alga_gui_set_priority_class (GTK_WIDGET (self->priority_label), alga_ticket_get_priority_name (t));

  if (alga_ticket_get_status_is_closed (t))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "closed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "closed");

  update_time (self);

  update_tags (self);
  update_accessible_label (self);
}

/* The full date is made when the tooltip is asked for: setting a tooltip on every row as it
 * scrolls into view makes GTK look for the pointer each time. */
static gboolean
on_updated_query_tooltip_cb (AlgaTicketRow *self,
                             int            x,
                             int            y,
                             gboolean       keyboard_mode,
                             GtkTooltip    *tooltip)
{
  g_autofree char *text = NULL;

  if (self->ticket == NULL || alga_ticket_get_updated_at (self->ticket) == NULL)
    return FALSE;

  text = alga_date_format_exact (alga_ticket_get_updated_at (self->ticket));
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
on_ticket_notify_cb (AlgaTicketRow *self)
{
  update (self);
}

/* The row's lines: the number, client and update time; the title; the status, priority and
 * assignee; the tags. Each is a run of texts side by side; the one at @fill takes the room the
 * others leave. GtkBoxes would do the same at the cost of four more widgets per row, each
 * styled and measured again whenever the search brings the row into view
 * (docs/PERFORMANCE.md, Row texts laid out once). */
#define N_LINES       4
#define MAX_PER_LINE  MAX (3, MAX_TAGS)
#define LINE_SPACING  4

typedef struct
{
  GtkWidget *children[MAX_PER_LINE];
  guint      n;
  int        fill;       /* the child that takes the room left, or -1 */
  int        spacing;
} Line;

static void
add_to_line (Line      *line,
             gpointer   child,
             gboolean   fill)
{
  if (child == NULL || !gtk_widget_should_layout (GTK_WIDGET (child)))
    return;

  if (fill)
    line->fill = line->n;
  line->children[line->n++] = GTK_WIDGET (child);
}

/* The lines that have something to show, in order. */
static guint
get_lines (AlgaTicketRow *self,
           Line           lines[N_LINES])
{
  Line all[N_LINES] = {
    { .fill = -1, .spacing = 8 },
    { .fill = -1, .spacing = 0 },
    { .fill = -1, .spacing = 6 },
    { .fill = -1, .spacing = 4 },
  };
  guint n = 0;

  add_to_line (&all[0], self->number_label, FALSE);
  add_to_line (&all[0], self->client_label, TRUE);
  add_to_line (&all[0], self->updated_label, FALSE);
  add_to_line (&all[1], self->title_label, TRUE);
  add_to_line (&all[2], self->status_label, FALSE);
  add_to_line (&all[2], self->priority_label, FALSE);
  add_to_line (&all[2], self->assignee_label, TRUE);
  for (guint i = 0; i < MAX_TAGS; i++)
    add_to_line (&all[3], self->tag_pills[i], FALSE);

  for (guint i = 0; i < N_LINES; i++)
    if (all[i].n > 0)
      lines[n++] = all[i];

  return n;
}

/* As GtkBox does: every child its minimum width, then what is left towards their natural
 * widths, then the rest to the one that fills. */
static void
distribute (const Line *line,
            int         width,
            int         sizes[MAX_PER_LINE])
{
  GtkRequestedSize requests[MAX_PER_LINE];
  int extra = width - line->spacing * ((int) line->n - 1);

  for (guint i = 0; i < line->n; i++)
    {
      gtk_widget_measure (line->children[i], GTK_ORIENTATION_HORIZONTAL, -1,
                          &requests[i].minimum_size, &requests[i].natural_size, NULL, NULL);
      requests[i].data = NULL;
      extra -= requests[i].minimum_size;
    }

  if (extra > 0)
    extra = gtk_distribute_natural_allocation (extra, line->n, requests);

  for (guint i = 0; i < line->n; i++)
    sizes[i] = requests[i].minimum_size;
  if (line->fill >= 0 && extra > 0)
    sizes[line->fill] += extra;
}

static int
line_height (const Line *line,
             const int   sizes[MAX_PER_LINE])
{
  int height = 0;

  for (guint i = 0; i < line->n; i++)
    {
      int child_min, child_nat;

      gtk_widget_measure (line->children[i], GTK_ORIENTATION_VERTICAL, sizes[i],
                          &child_min, &child_nat, NULL, NULL);
      height = MAX (height, child_nat);
    }

  return height;
}

static void
alga_ticket_row_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  AlgaTicketRow *self = ALGA_TICKET_ROW (widget);
  Line lines[N_LINES];
  guint n_lines = get_lines (self, lines);

  *minimum = *natural = 0;

  for (guint l = 0; l < n_lines; l++)
    {
      const Line *line = &lines[l];

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          int line_min = line->spacing * ((int) line->n - 1);
          int line_nat = line_min;

          for (guint i = 0; i < line->n; i++)
            {
              int child_min, child_nat;

              gtk_widget_measure (line->children[i], GTK_ORIENTATION_HORIZONTAL, -1,
                                  &child_min, &child_nat, NULL, NULL);
              line_min += child_min;
              line_nat += child_nat;
            }
          *minimum = MAX (*minimum, line_min);
          *natural = MAX (*natural, line_nat);
        }
      else
        {
          int sizes[MAX_PER_LINE];
          int height;

          /* No width: each text as wide as it wants, the one that fills as it was last. */
          if (for_size < 0)
            for (guint i = 0; i < line->n; i++)
              sizes[i] = -1;
          else
            distribute (line, for_size, sizes);

          height = line_height (line, sizes) + (l > 0 ? LINE_SPACING : 0);
          *minimum += height;
          *natural += height;
        }
    }
}

static GtkSizeRequestMode
alga_ticket_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
alga_ticket_row_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  AlgaTicketRow *self = ALGA_TICKET_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  Line lines[N_LINES];
  guint n_lines = get_lines (self, lines);
  int y = 0;

  for (guint l = 0; l < n_lines; l++)
    {
      const Line *line = &lines[l];
      int sizes[MAX_PER_LINE];
      int line_h;
      int x = 0;

      distribute (line, width, sizes);
      line_h = line_height (line, sizes);

      for (guint i = 0; i < line->n; i++)
        {
          GtkAllocation allocation = { rtl ? width - x - sizes[i] : x, y, sizes[i], line_h };

          gtk_widget_size_allocate (line->children[i], &allocation, -1);
          x += sizes[i] + line->spacing;
        }

      y += line_h + LINE_SPACING;
    }
}

static void
alga_ticket_row_dispose (GObject *object)
{
  AlgaTicketRow *self = ALGA_TICKET_ROW (object);

  alga_ticket_row_set_ticket (self, NULL);
  g_clear_pointer (&self->implied_assignee, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_TICKET_ROW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (alga_ticket_row_parent_class)->dispose (object);
}

static void
alga_ticket_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AlgaTicketRow *self = ALGA_TICKET_ROW (object);

  switch (prop_id)
    {
    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AlgaTicketRow *self = ALGA_TICKET_ROW (object);

  switch (prop_id)
    {
    case PROP_TICKET:
      alga_ticket_row_set_ticket (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_ticket_row_class_init (AlgaTicketRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_ticket_row_dispose;
  object_class->get_property = alga_ticket_row_get_property;
  object_class->set_property = alga_ticket_row_set_property;
  widget_class->map = alga_ticket_row_map;
  widget_class->unmap = alga_ticket_row_unmap;
  widget_class->get_request_mode = alga_ticket_row_get_request_mode;
  widget_class->measure = alga_ticket_row_measure;
  widget_class->size_allocate = alga_ticket_row_size_allocate;

  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         ALGA_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALGA_TYPE_ROW_TEXT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/alga-ticket-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketRow, updated_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketRow, client_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketRow, priority_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketRow, assignee_label);

  gtk_widget_class_set_css_name (widget_class, "ticketrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
alga_ticket_row_init (AlgaTicketRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->updated_label), TRUE);
  g_signal_connect_object (self->updated_label, "query-tooltip",
                           G_CALLBACK (on_updated_query_tooltip_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
alga_ticket_row_new (void)
{
  return g_object_new (ALGA_TYPE_TICKET_ROW, NULL);
}

AlgaTicket *
alga_ticket_row_get_ticket (AlgaTicketRow *self)
{
  g_return_val_if_fail (ALGA_IS_TICKET_ROW (self), NULL);

  return self->ticket;
}

void
alga_ticket_row_set_ticket (AlgaTicketRow *self,
                            AlgaTicket    *ticket)
{
  g_return_if_fail (ALGA_IS_TICKET_ROW (self));
  g_return_if_fail (!ticket || ALGA_IS_TICKET (ticket));

  if (self->ticket == ticket)
    return;

  if (self->ticket != NULL)
    g_clear_signal_handler (&self->notify_handler, self->ticket);
  g_set_object (&self->ticket, ticket);
  if (ticket != NULL)
    {
      /* A ticket changed in place (an edit, a refresh) repaints its row. */
      self->notify_handler = g_signal_connect_object (ticket, "notify",
                                                      G_CALLBACK (on_ticket_notify_cb),
                                                      self, G_CONNECT_SWAPPED);
      update (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

/**
 * alga_ticket_row_set_implied_assignee:
 * @self: a row
 * @user_id: (nullable): the assignee the whole list shares ("" for nobody), or %NULL
 *
 * In My Open every row is the technician's, in Unassigned nobody's: the row then leaves the
 * assignee out and shows only what differs.
 */
void
alga_ticket_row_set_implied_assignee (AlgaTicketRow *self,
                                      const char    *user_id)
{
  g_return_if_fail (ALGA_IS_TICKET_ROW (self));

  if (g_strcmp0 (self->implied_assignee, user_id) == 0)
    return;

  g_free (self->implied_assignee);
  self->implied_assignee = g_strdup (user_id);
  update (self);
}
