/* alga-ticket-contact-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who the ticket is for and where: the client, the contact, their e-mail addresses and phone
 * numbers as links, and the location.
 */

#define G_LOG_DOMAIN "alga-ticket-contact-section"

#include "config.h"

#include "alga-ticket-contact-section.h"

#include "alga-gui-util.h"

struct _AlgaTicketContactSection
{
  AlgaTicketSection parent_instance;

  AdwActionRow *client_row;
  AdwActionRow *client_email_row;
  GtkLabel     *client_email_label;
  AdwActionRow *client_phone_row;
  GtkLabel     *client_phone_label;
  AdwActionRow *contact_row;
  AdwActionRow *contact_email_row;
  GtkLabel     *contact_email_label;
  AdwActionRow *contact_phone_row;
  GtkLabel     *contact_phone_label;
  AdwActionRow *location_row;
};

G_DEFINE_FINAL_TYPE (AlgaTicketContactSection, alga_ticket_contact_section, ALGA_TYPE_TICKET_SECTION)

/* A tel: URI keeps only what a dialler understands; spaces are not allowed in one. */
static char *
phone_uri (const char *phone)
{
  GString *uri = g_string_new ("tel:");

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || *p == '+' || *p == '*' || *p == '#')
      g_string_append_c (uri, *p);

  return g_string_free (uri, FALSE);
}

static void
set_link (AdwActionRow *row,
          GtkLabel     *label,
          const char   *scheme,
          const char   *value)
{
  g_autofree char *uri = NULL;
  g_autofree char *markup = NULL;
  gboolean empty = value == NULL || value[0] == '\0';

  gtk_widget_set_visible (GTK_WIDGET (row), !empty);
  if (empty)
    {
      gtk_label_set_label (label, "");
      return;
    }

  if (g_str_equal (scheme, "tel"))
    uri = phone_uri (value);
  else
    uri = g_strconcat ("mailto:", value, NULL);

  markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", uri, value);
  gtk_label_set_markup (label, markup);
  /* No tooltip: it would only repeat the link's own text (GTK's link tooltip says where). */
  gtk_widget_set_has_tooltip (GTK_WIDGET (label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, value,
                                  -1);
}

static void
alga_ticket_contact_section_update (AlgaTicketSection *section,
                                    AlgaTicket        *t)
{
  AlgaTicketContactSection *self = ALGA_TICKET_CONTACT_SECTION (section);

  alga_gui_set_row_value (self->client_row, alga_ticket_get_client_name (t));
  set_link (self->client_email_row, self->client_email_label, "mailto",
            alga_ticket_get_client_email (t));
  set_link (self->client_phone_row, self->client_phone_label, "tel",
            alga_ticket_get_client_phone (t));
  alga_gui_set_row_value (self->contact_row, alga_ticket_get_contact_name (t));
  set_link (self->contact_email_row, self->contact_email_label, "mailto",
            alga_ticket_get_contact_email (t));
  set_link (self->contact_phone_row, self->contact_phone_label, "tel",
            alga_ticket_get_contact_phone (t));
  alga_gui_set_row_value (self->location_row, alga_ticket_get_location_name (t));
}

static void
alga_ticket_contact_section_dispose (GObject *object)
{
  alga_ticket_section_dispose_template (ALGA_TICKET_SECTION (object), ALGA_TYPE_TICKET_CONTACT_SECTION);

  G_OBJECT_CLASS (alga_ticket_contact_section_parent_class)->dispose (object);
}

static void
alga_ticket_contact_section_class_init (AlgaTicketContactSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AlgaTicketSectionClass *section_class = ALGA_TICKET_SECTION_CLASS (klass);

  object_class->dispose = alga_ticket_contact_section_dispose;
  section_class->update = alga_ticket_contact_section_update;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/alga-ticket-contact-section.ui");
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, client_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, client_email_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, client_email_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, client_phone_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, client_phone_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, contact_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, contact_email_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, contact_phone_label);
  gtk_widget_class_bind_template_child (widget_class, AlgaTicketContactSection, location_row);
}

static void
alga_ticket_contact_section_init (AlgaTicketContactSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
