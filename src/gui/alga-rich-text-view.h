/* alga-rich-text-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "alga-rich-text.h"

G_BEGIN_DECLS

#define ALGA_TYPE_RICH_TEXT_VIEW (alga_rich_text_view_get_type ())

G_DECLARE_FINAL_TYPE (AlgaRichTextView, alga_rich_text_view, ALGA, RICH_TEXT_VIEW, GtkTextView)

GtkWidget *alga_rich_text_view_new                  (void);
void       alga_rich_text_view_set_text             (AlgaRichTextView   *self,
                                                     const char         *text,
                                                     AlgaRichTextFormat  format);
void       alga_rich_text_view_set_accessible_label (AlgaRichTextView   *self,
                                                     const char         *label);
gboolean   alga_rich_text_view_activate_link_at     (AlgaRichTextView   *self,
                                                     const GtkTextIter  *iter);

G_END_DECLS
