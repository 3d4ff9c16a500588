/* alga-row-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALGA_TYPE_ROW_TEXT (alga_row_text_get_type ())

G_DECLARE_FINAL_TYPE (AlgaRowText, alga_row_text, ALGA, ROW_TEXT, GtkWidget)

GtkWidget  *alga_row_text_new         (void);
const char *alga_row_text_get_text    (AlgaRowText *self);
void        alga_row_text_set_text    (AlgaRowText *self,
                                       const char  *text);
guint       alga_row_text_get_lines   (AlgaRowText *self);
void        alga_row_text_set_lines   (AlgaRowText *self,
                                       guint        lines);
float       alga_row_text_get_xalign  (AlgaRowText *self);
void        alga_row_text_set_xalign  (AlgaRowText *self,
                                       float        xalign);
gboolean    alga_row_text_get_numeric (AlgaRowText *self);
void        alga_row_text_set_numeric (AlgaRowText *self,
                                       gboolean     numeric);
gboolean    alga_row_text_get_shared  (AlgaRowText *self);
void        alga_row_text_set_shared  (AlgaRowText *self,
                                       gboolean     shared);
gboolean    alga_row_text_get_fills   (AlgaRowText *self);
void        alga_row_text_set_fills   (AlgaRowText *self,
                                       gboolean     fills);
PangoLayout *alga_row_text_get_layout (AlgaRowText *self);

G_END_DECLS
