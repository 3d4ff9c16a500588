/* alga-comment-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-comment-row"

#include "config.h"

#include <glib/gi18n.h>

#include "alga-comment-row.h"
#include "alga-date-format.h"
#include "alga-gui-util.h"
#include "alga-minute-clock.h"
#include "alga-rich-text-view.h"

struct _AlgaCommentRow
{
  GtkListBoxRow     parent_instance;

  AlgaComment      *comment;
  char             *author;
  GPtrArray        *badges;   /* translated badge texts, as shown */

  gulong            tick_handler;   /* while mapped: "6 minutes ago" moves on */

  GtkLabel         *author_label;
  GtkLabel         *time_label;
  GtkBox           *badge_box;
  AlgaRichTextView *body_view;
  GtkBox           *box;
};

G_DEFINE_FINAL_TYPE (AlgaCommentRow, alga_comment_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_COMMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_badge (AlgaCommentRow *self,
           const char     *text,
           const char     *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "comment-badge");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (self->badge_box, label);
  g_ptr_array_add (self->badges, g_strdup (text));
}

static const char *
author_for (AlgaComment *comment)
{
  const char *name;

  if (alga_comment_get_author_kind (comment) == ALGA_COMMENT_AUTHOR_SYSTEM)
    return _("System");

  name = alga_comment_get_created_by_name (comment);
  if (name == NULL || *name == '\0')
    name = alga_comment_get_author_contact_name (comment);
  if (name == NULL || *name == '\0')
    return alga_comment_get_user_id (comment) != NULL ? _("Technician") : _("System");

  return name;
}

static void
update_accessible_summary (AlgaCommentRow *self)
{
  g_autofree char *badges = alga_comment_row_dup_badges (self);
  g_autofree char *summary = NULL;
  const char *when = gtk_label_get_label (self->time_label);

  /* One spoken sentence per comment: the screen reader does not have to walk every label. */
  /* Translators: the spoken summary of a comment: badges, author, time. */
  summary = g_strdup_printf (_("%s. %s. %s."), badges, self->author, when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
}

static void
update_time (AlgaCommentRow *self)
{
  g_autoptr(GDateTime) now = alga_minute_clock_dup_now (alga_minute_clock_get_default ());
  GDateTime *created_at = self->comment != NULL ? alga_comment_get_created_at (self->comment) : NULL;
  g_autofree char *relative = NULL;

  if (created_at == NULL)
    return;

  relative = alga_date_format_relative (created_at, now);
  if (g_strcmp0 (relative, gtk_label_get_label (self->time_label)) == 0)
    return;
  gtk_label_set_label (self->time_label, relative);
  if (self->author != NULL)
    update_accessible_summary (self);
}

static void
alga_comment_row_map (GtkWidget *widget)
{
  AlgaCommentRow *self = ALGA_COMMENT_ROW (widget);
  AlgaMinuteClock *clock = alga_minute_clock_get_default ();

  GTK_WIDGET_CLASS (alga_comment_row_parent_class)->map (widget);

  alga_minute_clock_hold (clock);
  self->tick_handler = g_signal_connect_swapped (clock, "tick", G_CALLBACK (update_time), self);
  update_time (self);
}

static void
alga_comment_row_unmap (GtkWidget *widget)
{
  AlgaCommentRow *self = ALGA_COMMENT_ROW (widget);
  AlgaMinuteClock *clock = alga_minute_clock_get_default ();

  g_clear_signal_handler (&self->tick_handler, clock);
  alga_minute_clock_release (clock);

  GTK_WIDGET_CLASS (alga_comment_row_parent_class)->unmap (widget);
}

static void
update (AlgaCommentRow *self)
{
  AlgaComment *comment = self->comment;
  GtkWidget *child;
  GDateTime *created_at;
  const char *markdown;
  const char *text;
  gboolean is_system;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badge_box))) != NULL)
    gtk_box_remove (self->badge_box, child);
  g_ptr_array_set_size (self->badges, 0);

  if (comment == NULL)
    return;

  is_system = alga_comment_get_is_system_generated (comment) ||
              alga_comment_get_author_kind (comment) == ALGA_COMMENT_AUTHOR_SYSTEM;

  g_free (self->author);
  self->author = g_strdup (author_for (comment));
  gtk_label_set_label (self->author_label, self->author);

  created_at = alga_comment_get_created_at (comment);
  if (created_at != NULL)
    {
      g_autofree char *full = alga_date_format_exact (created_at);

      update_time (self);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), full);
    }

  if (alga_comment_get_is_internal (comment))
    add_badge (self, _("Internal"), "internal");
  else
    add_badge (self, _("Public"), "public");
  if (alga_comment_get_is_resolution (comment))
    add_badge (self, _("Resolution"), "resolution");
  if (is_system)
    add_badge (self, _("Event"), "event");
  if (alga_comment_get_deleted_at (comment) != NULL)
    add_badge (self, _("Deleted"), "deleted");

  /* Colour alone never tells these apart: the badges say it in words too. */
  if (is_system || alga_comment_get_deleted_at (comment) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");

  markdown = alga_comment_get_markdown_content (comment);
  text = alga_comment_get_text (comment);
  if (alga_comment_get_deleted_at (comment) != NULL)
    alga_rich_text_view_set_text (self->body_view, _("This comment was deleted."),
                                  ALGA_RICH_TEXT_FORMAT_PLAIN);
  else if (markdown != NULL && *markdown != '\0')
    alga_rich_text_view_set_text (self->body_view, markdown, ALGA_RICH_TEXT_FORMAT_MARKDOWN);
  else
    alga_rich_text_view_set_text (self->body_view, text != NULL ? text : "",
                                  ALGA_RICH_TEXT_FORMAT_AUTO);

  alga_rich_text_view_set_accessible_label (self->body_view, _("Comment text"));
  update_accessible_summary (self);
}

static void
alga_comment_row_dispose (GObject *object)
{
  AlgaCommentRow *self = ALGA_COMMENT_ROW (object);

  /* The row owns its child too: let go of it before the template does, or it is unparented twice. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALGA_TYPE_COMMENT_ROW);
  g_clear_object (&self->comment);

  G_OBJECT_CLASS (alga_comment_row_parent_class)->dispose (object);
}

static void
alga_comment_row_finalize (GObject *object)
{
  AlgaCommentRow *self = ALGA_COMMENT_ROW (object);

  g_free (self->author);
  g_ptr_array_unref (self->badges);

  G_OBJECT_CLASS (alga_comment_row_parent_class)->finalize (object);
}

static void
alga_comment_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AlgaCommentRow *self = ALGA_COMMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_COMMENT:
      g_value_set_object (value, self->comment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_comment_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AlgaCommentRow *self = ALGA_COMMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_COMMENT:
      if (g_set_object (&self->comment, g_value_get_object (value)))
        {
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_comment_row_class_init (AlgaCommentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alga_comment_row_dispose;
  widget_class->map = alga_comment_row_map;
  widget_class->unmap = alga_comment_row_unmap;
  object_class->finalize = alga_comment_row_finalize;
  object_class->get_property = alga_comment_row_get_property;
  object_class->set_property = alga_comment_row_set_property;

  properties[PROP_COMMENT] =
    g_param_spec_object ("comment", NULL, NULL,
                         ALGA_TYPE_COMMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALGA_TYPE_RICH_TEXT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-comment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentRow, badge_box);
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentRow, body_view);
  gtk_widget_class_bind_template_child (widget_class, AlgaCommentRow, box);
}

static void
alga_comment_row_init (AlgaCommentRow *self)
{
  self->badges = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
alga_comment_row_new (AlgaComment *comment)
{
  g_return_val_if_fail (!comment || ALGA_IS_COMMENT (comment), NULL);

  return g_object_new (ALGA_TYPE_COMMENT_ROW, "comment", comment, NULL);
}

AlgaComment *
alga_comment_row_get_comment (AlgaCommentRow *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_ROW (self), NULL);

  return self->comment;
}

char *
alga_comment_row_dup_badges (AlgaCommentRow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) badges = NULL;

  g_return_val_if_fail (ALGA_IS_COMMENT_ROW (self), NULL);

  for (guint i = 0; i < self->badges->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->badges, i));
  badges = g_strv_builder_end (builder);

  /* Translators: the separator between comment badges in a spoken summary. */
  return g_strjoinv (_(", "), badges);
}

const char *
alga_comment_row_get_author (AlgaCommentRow *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT_ROW (self), NULL);

  return self->author;
}

/**
 * alga_comment_row_add_footer:
 * @self: a row
 * @footer: what goes under the comment's text (its reactions, reply and edit)
 */
void
alga_comment_row_add_footer (AlgaCommentRow *self,
                             GtkWidget      *footer)
{
  g_return_if_fail (ALGA_IS_COMMENT_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (footer));

  gtk_box_append (self->box, footer);
}

/**
 * alga_comment_row_set_depth:
 * @self: a row
 * @depth: 0 for a comment that starts a thread, 1 for a reply to it, and so on
 *
 * Replies are indented under the comment they answer; past three levels they stay at three, so
 * that a long exchange still fits a narrow window.
 */
void
alga_comment_row_set_depth (AlgaCommentRow *self,
                            guint           depth)
{
  g_return_if_fail (ALGA_IS_COMMENT_ROW (self));

  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 12 + 24 * MIN (depth, 3));
  if (depth > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "reply");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "reply");
}
