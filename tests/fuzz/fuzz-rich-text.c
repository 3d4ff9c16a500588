/* fuzz-rich-text.c: the renderer of descriptions and comment bodies (alga_rich_text_render into
 * a GtkTextBuffer) over BlockNote, markdown (md4c) and plain text, then the link walk keyboard
 * users do. The first byte picks the format; the rest is the text. A GtkTextBuffer needs no
 * display, so this runs without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include "alga-rich-text.h"

/* Reused across inputs like the app reuses one buffer per view: each render replaces the last. */
static GtkTextBuffer *buffer;

static void
walk_links (gboolean forward)
{
  GtkTextIter from;
  GtkTextIter start;
  GtkTextIter end;
  guint n_links = 0;
  int last = -1;

  if (forward)
    gtk_text_buffer_get_start_iter (buffer, &from);
  else
    gtk_text_buffer_get_end_iter (buffer, &from);

  while (alga_rich_text_find_link (buffer, &from, forward, &start, &end))
    {
      int offset = gtk_text_iter_get_offset (&start);

      /* Each step must move on, or Tab would be stuck on one link. */
      g_assert_true (last == -1 || (forward ? offset > last : offset < last));
      g_assert_true (gtk_text_iter_compare (&start, &end) < 0);
      g_assert_nonnull (alga_rich_text_get_link_at (&start));
      last = offset;
      from = forward ? end : start;
      g_assert_cmpuint (++n_links, <=, (guint) gtk_text_buffer_get_char_count (buffer));
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  alga_fuzz_init ();
  /* Without a display, gtk_init_check fails, and the text buffer does not need it. */
  (void) gtk_init_check ();
  buffer = gtk_text_buffer_new (NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  AlgaRichTextFormat format;

  if (size < 1)
    return 0;

  format = data[0] % (ALGA_RICH_TEXT_FORMAT_PLAIN + 1);
  text = alga_fuzz_dup_string (data + 1, size - 1);

  /* Bodies come out of json-glib and md4c's callers as UTF-8; GTK takes nothing else. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  if (format == ALGA_RICH_TEXT_FORMAT_AUTO)
    (void) alga_rich_text_detect_format (text);

  alga_rich_text_render (buffer, text, format);
  alga_rich_text_set_dark (buffer, data[0] & 0x80);
  walk_links (TRUE);
  walk_links (FALSE);

  return 0;
}
