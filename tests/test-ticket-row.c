/* test-ticket-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ticket row lays its texts out itself, as boxes would: in a narrow window the number and the
 * time stay whole while the client gives way, a long title takes two lines and no more, and in a
 * right-to-left language the lines run the other way.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "alga-row-text.h"
#include "alga-test-gtk.h"
#include "alga-test-utils.h"
#include "alga-ticket-row.h"
#include "alga-ticket.h"

#define LONG_TITLE "The printer on the third floor prints every page twice and then jams on " \
                   "the last one, and the tray says it is empty when it is full"
#define LONG_CLIENT "Greenfield Farms Agricultural Cooperative of the Northern Valleys"

typedef struct
{
  GtkWidget *window;
  GtkWidget *row;
} Fixture;

static AlgaTicket *
make_ticket (const char *title,
             const char *client)
{
  g_autofree char *json = g_strdup_printf ("{\"ticket_id\":\"t1\",\"ticket_number\":\"TIC001021\","
                                           "\"title\":\"%s\",\"client_name\":\"%s\","
                                           "\"status_name\":\"Waiting on Vendor\","
                                           "\"priority_name\":\"P1 - Critical\","
                                           "\"assigned_to_name\":\"Alex Morgan\","
                                           "\"updated_at\":\"2026-01-05T10:00:00.000Z\","
                                           "\"tags\":[\"printer\",\"hardware\"]}",
                                           title, client);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  AlgaTicket *ticket = alga_ticket_new_from_json (node, &error);

  g_assert_no_error (error);
  return ticket;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = gtk_window_new ();
  f->row = alga_ticket_row_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), f->row);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 300);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

static GtkWidget *
part (Fixture    *f,
      const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (f->row, ALGA_TYPE_TICKET_ROW, name));
}

static graphene_rect_t
bounds (Fixture    *f,
        const char *name)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (part (f, name), f->row, &rect));
  return rect;
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *painted)
{
  (*painted)++;
}

/* Shows @ticket and waits for a frame painted after it: the row was laid out for it. */
static void
show_ticket (Fixture    *f,
             AlgaTicket *ticket)
{
  GtkWidget *title = part (f, "title_label");
  GdkFrameClock *clock;
  guint painted = 0;
  gulong handler;

  alga_test_wait_until (gtk_widget_get_mapped (f->row), 5000);
  clock = gtk_widget_get_frame_clock (f->row);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  alga_ticket_row_set_ticket (ALGA_TICKET_ROW (f->row), ticket);
  alga_test_wait_until (painted > 0 && gtk_widget_get_width (title) > 0, 5000);
  g_signal_handler_disconnect (clock, handler);
  g_assert_cmpstr (alga_row_text_get_text (ALGA_ROW_TEXT (title)), ==, alga_ticket_get_title (ticket));
}

/* The height of a text on one line: the number's, in the same row. */
static float
line_height (Fixture *f)
{
  return bounds (f, "number_label").size.height;
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = make_ticket (LONG_TITLE, LONG_CLIENT);
  graphene_rect_t number, client, updated, title, status;

  show_ticket (f, ticket);
  number = bounds (f, "number_label");
  client = bounds (f, "client_label");
  updated = bounds (f, "updated_label");
  title = bounds (f, "title_label");
  status = bounds (f, "status_label");

  /* The row is as wide as the window; its texts stay within it. */
  g_assert_cmpint (gtk_widget_get_width (f->row), <=, 400);
  g_assert_cmpfloat (updated.origin.x + updated.size.width, <=, gtk_widget_get_width (f->row));

  /* The number and the time whole, the client cut between them. */
  g_assert_cmpfloat (number.size.width, >=, natural_width (part (f, "number_label")));
  g_assert_cmpfloat (updated.size.width, >=, natural_width (part (f, "updated_label")));
  g_assert_cmpfloat (client.size.width, >, 0);
  g_assert_true (pango_layout_is_ellipsized (alga_row_text_get_layout (ALGA_ROW_TEXT (part (f, "client_label")))));
  g_assert_false (pango_layout_is_ellipsized (alga_row_text_get_layout (ALGA_ROW_TEXT (part (f, "number_label")))));
  g_assert_cmpfloat (number.origin.x + number.size.width, <=, client.origin.x);
  g_assert_cmpfloat (client.origin.x + client.size.width, <=, updated.origin.x);

  /* The title below them, two lines and not five; the pills below it. */
  g_assert_cmpfloat (title.origin.y, >=, number.origin.y + number.size.height);
  g_assert_cmpfloat (title.size.height, >, 1.5 * line_height (f));
  g_assert_cmpfloat (title.size.height, <, 3 * line_height (f));
  {
    PangoLayout *layout = alga_row_text_get_layout (ALGA_ROW_TEXT (part (f, "title_label")));

    g_assert_cmpint (pango_layout_get_line_count (layout), ==, 2);
    g_assert_true (pango_layout_is_ellipsized (layout));
  }
  g_assert_cmpfloat (status.origin.y, >=, title.origin.y + title.size.height);
  g_assert_true (gtk_widget_get_mapped (part (f, "priority_label")));
}

static void
test_short_title_one_line (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = make_ticket ("VPN drops", "Acme");
  graphene_rect_t client;

  show_ticket (f, ticket);
  g_assert_cmpfloat (bounds (f, "title_label").size.height, <, 1.5 * line_height (f));
  g_assert_false (pango_layout_is_ellipsized (alga_row_text_get_layout (ALGA_ROW_TEXT (part (f, "title_label")))));
  g_assert_false (pango_layout_is_ellipsized (alga_row_text_get_layout (ALGA_ROW_TEXT (part (f, "client_label")))));

  /* A short client is not stretched into the time's place: the time stays at the end. */
  client = bounds (f, "client_label");
  g_assert_cmpfloat (client.origin.x + client.size.width, <=, bounds (f, "updated_label").origin.x);
}

static void
test_right_to_left (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AlgaTicket) ticket = make_ticket (LONG_TITLE, LONG_CLIENT);
  graphene_rect_t number, client, updated;

  gtk_widget_set_direction (f->row, GTK_TEXT_DIR_RTL);
  show_ticket (f, ticket);
  number = bounds (f, "number_label");
  client = bounds (f, "client_label");
  updated = bounds (f, "updated_label");

  g_assert_cmpfloat (client.origin.x + client.size.width, <=, number.origin.x);
  g_assert_cmpfloat (updated.origin.x + updated.size.width, <=, client.origin.x);
  g_assert_cmpfloat (updated.origin.x, >=, 0);
}

static int
layout_width (GtkWidget *text)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (alga_row_text_get_layout (ALGA_ROW_TEXT (text)), NULL, &logical);
  return logical.width;
}

/* Two pills show the same text and share its layout; one of them turns bold (a priority
 * becoming critical) to show another text: the other one keeps its weight. */
static void
test_shared_text_keeps_its_font (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *first = alga_row_text_new ();
  GtkWidget *second = alga_row_text_new ();
  int width;

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *text = i == 0 ? first : second;

      alga_row_text_set_shared (ALGA_ROW_TEXT (text), TRUE);
      alga_row_text_set_text (ALGA_ROW_TEXT (text), "P3 - Medium");
      gtk_box_append (GTK_BOX (box), text);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  alga_test_wait_until (gtk_widget_get_width (second) > 0, 5000);
  width = layout_width (second);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (layout_width (first), ==, width);

  alga_row_text_set_text (ALGA_ROW_TEXT (first), "P1 - Critical");
  gtk_widget_add_css_class (first, "heading");
  alga_test_wait_until (natural_width (first) > width, 5000);
  g_assert_cmpint (layout_width (second), ==, width);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  alga_test_gtk_init (&argc, &argv);

  g_test_add ("/ticket-row/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/ticket-row/short-title-one-line", Fixture, NULL,
              fixture_set_up, test_short_title_one_line, fixture_tear_down);
  g_test_add ("/ticket-row/right-to-left", Fixture, NULL,
              fixture_set_up, test_right_to_left, fixture_tear_down);
  g_test_add_func ("/ticket-row/shared-text-keeps-its-font", test_shared_text_keeps_its_font);

  return g_test_run ();
}
