/* alga-test-seed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-test-seed"

#include "config.h"

#include "alga-test-seed.h"
#include "alga-test-seed-parts.h"

#define DAY_US  (G_USEC_PER_SEC * (gint64) 86400)
#define HOUR_US (G_USEC_PER_SEC * (gint64) 3600)

static const char *user_names[][4] = {
  /* first, last, username, phone */
  { "Alex",   "Morgan",   "alex.morgan",   "+1 415-555-0142" },
  { "Priya",  "Raman",    "priya.raman",   "+1 415-555-0117" },
  { "Marcus", "Webb",     "marcus.webb",   "+1 415-555-0163" },
  { "Sofia",  "Lindqvist", "sofia.lindqvist", NULL },
  { "Daniel", "Okafor",   "daniel.okafor", "+1 415-555-0188" },
  { "Hannah", "Keller",   "hannah.keller", NULL },
  { "Tomás",  "Herrera",  "tomas.herrera", "+1 415-555-0121" },
  { "Grace",  "Whitfield", "grace.whitfield", NULL },
};

static const char *client_names[] = {
  "Acme Dental Group", "Bluewater Logistics", "Cedar Ridge Law", "Northwind Traders",
  "Harbor View Clinic", "Summit Accounting", "Pinecrest Academy", "Redline Auto Repair",
  "Silverleaf Realty", "Greenfield Farms Co-op", "Lakeside Veterinary", "Metro Print & Copy",
  "Oakhurst Architects", "Brightpath Insurance", "Riverside Bakery", "Keystone Engineering",
  "Evergreen Hospice", "Coastal Marine Supply", "Atlas Fitness", "Juniper Design Studio",
};

static const char *contact_first[] = {
  "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Mia", "Lucas", "Chloe", "Mason",
  "Isla", "Logan", "Zoe", "Owen", "Ruby", "Caleb", "Nora", "Jack", "Leah", "Ryan",
};

static const char *contact_last[] = {
  "Carter", "Nguyen", "Brooks", "Patel", "Sullivan", "Kim", "Foster", "Reyes", "Hughes",
  "Bennett", "Walsh", "Ortiz", "Schmidt", "Lam", "Dawson", "Moreno",
};

/* Title, board (0 support, 1 network, 2 projects), tags separated by commas. */
static const char *ticket_templates[][3] = {
  { "Outlook keeps asking for password", "0", "email,outlook" },
  { "VPN drops every 10 minutes", "1", "vpn,network" },
  { "Printer on 2nd floor shows offline", "0", "printer" },
  { "New hire onboarding: laptop and accounts", "2", "onboarding" },
  { "Cannot access shared drive S:", "0", "file-share,permissions" },
  { "Wi-Fi slow in conference room B", "1", "wifi,network" },
  { "Scanner to email not working", "0", "printer,email" },
  { "Firewall firmware update", "1", "firewall,maintenance" },
  { "Teams calls drop audio", "0", "teams,voip" },
  { "Offboarding: disable accounts for departing employee", "2", "offboarding,security" },
  { "Phishing email reported by reception", "0", "security,email" },
  { "Switch port flapping in server room", "1", "network,switch" },
  { "QuickBooks won't open after update", "0", "software" },
  { "Backup job failed overnight", "1", "backup" },
  { "Migrate mailboxes to Microsoft 365", "2", "email,migration" },
  { "Replace failing hard drive in workstation", "0", "hardware" },
  { "MFA prompt not arriving on phone", "0", "mfa,security" },
  { "Site-to-site VPN tunnel down", "1", "vpn,firewall" },
  { "Set up new label printer for shipping", "0", "printer,hardware" },
  { "Office move: network cabling plan", "2", "network,project" },
  { "Shared calendar not syncing on iPhone", "0", "email,mobile" },
  { "DNS resolution intermittent for branch office", "1", "dns,network" },
  { "Laptop battery swelling", "0", "hardware" },
  { "Windows 11 upgrade rollout", "2", "windows,project" },
  { "User locked out of account", "0", "accounts" },
  { "Access point rebooting randomly", "1", "wifi,hardware" },
  { "Adobe Acrobat license expired", "0", "software,licensing" },
  { "Server disk space low on FS01", "1", "server,storage" },
  { "Onboarding: set up email for two interns", "2", "onboarding,email" },
  { "Monitor flickering at front desk", "0", "hardware" },
  { "Remote desktop gateway certificate expiring", "1", "security,rdp" },
  { "Printer jams on every duplex job", "0", "printer" },
};

static const char *comment_plain[] = {
  "Called the user, reproduced the issue.",
  "Restarted the service and asked the user to try again.",
  "Waiting for the vendor to ship the replacement part.",
  "Checked the logs, nothing obvious yet. Will look again tomorrow.",
  "Applied the fix remotely; please confirm it works on your side.",
  "Escalated to the network team.",
  "Cleared the cached credentials and re-added the account.",
  "Scheduled an on-site visit for Thursday morning.",
};

static const char *comment_contact[] = {
  "It happened again this morning, twice.",
  "Thanks, that seems to have fixed it!",
  "Can someone call me back? I'm at my desk until 4.",
  "Still not working for me, sorry.",
};

static const char *comment_blocknote[] = {
  "[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Root cause: \",\"styles\":{\"bold\":true}},"
  "{\"type\":\"text\",\"text\":\"expired certificate on the gateway.\",\"styles\":{}}]}]",
  "[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Steps taken:\",\"styles\":{}}]},"
  "{\"type\":\"bulletListItem\",\"content\":[{\"type\":\"text\",\"text\":\"Rebooted the router\",\"styles\":{}}]},"
  "{\"type\":\"bulletListItem\",\"content\":[{\"type\":\"text\",\"text\":\"Updated the driver\",\"styles\":{}}]}]",
  "[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Please \",\"styles\":{}},"
  "{\"type\":\"text\",\"text\":\"do not\",\"styles\":{\"italic\":true}},"
  "{\"type\":\"text\",\"text\":\" power off the server tonight.\",\"styles\":{}}]}]",
};

static const char *comment_blocknote_md[] = {
  "**Root cause:** expired certificate on the gateway.",
  "Steps taken:\n\n* Rebooted the router\n* Updated the driver",
  "Please *do not* power off the server tonight.",
};

char *
alga_seed_new_uuid (GRand *rand)
{
  guint8 b[16];

  for (guint i = 0; i < 16; i++)
    b[i] = g_rand_int_range (rand, 0, 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
                          b[11], b[12], b[13], b[14], b[15]);
}

char *
alga_seed_new_token (GRand    *rand,
                     guint     n_bytes,
                     gboolean  hex)
{
  g_autofree guint8 *bytes = g_new (guint8, n_bytes);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);

  if (hex)
    {
      for (guint i = 0; i < n_bytes; i++)
        g_string_append_printf (out, "%02x", bytes[i]);
    }
  else
    {
      g_autofree char *b64 = g_base64_encode (bytes, n_bytes);

      /* base64url without padding, as Node's toString('base64url'). */
      for (char *p = b64; *p != '\0'; p++)
        {
          if (*p == '+')
            g_string_append_c (out, '-');
          else if (*p == '/')
            g_string_append_c (out, '_');
          else if (*p != '=')
            g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
board_free (gpointer p)
{
  AlgaSeedBoard *b = p;

  g_free (b->id);
  g_free (b->name);
  g_free (b);
}

static void
status_free (gpointer p)
{
  AlgaSeedStatus *s = p;

  g_free (s->id);
  g_free (s->board_id);
  g_free (s->name);
  g_free (s);
}

static void
named_free (gpointer p)
{
  AlgaSeedNamed *n = p;

  g_free (n->id);
  g_free (n->name);
  g_free (n);
}

static void
user_free (gpointer p)
{
  AlgaSeedUser *u = p;

  g_free (u->id);
  g_free (u->username);
  g_free (u->first_name);
  g_free (u->last_name);
  g_free (u->email);
  g_free (u->phone);
  g_free (u->role_id);
  g_free (u);
}

static void
client_free (gpointer p)
{
  AlgaSeedClient *c = p;

  g_free (c->id);
  g_free (c->name);
  g_free (c->email);
  g_free (c->phone);
  g_free (c->location_name);
  g_free (c);
}

static void
contact_free (gpointer p)
{
  AlgaSeedContact *c = p;

  g_free (c->id);
  g_free (c->client_id);
  g_free (c->full_name);
  g_free (c->email);
  g_free (c->phone);
  g_free (c);
}

static void
location_free (gpointer p)
{
  AlgaSeedLocation *l = p;

  g_free (l->id);
  g_free (l->client_id);
  g_free (l->name);
  g_free (l->address);
  g_free (l->city);
  g_free (l->postal_code);
  g_free (l->phone);
  g_free (l);
}

static void
notice_free (gpointer p)
{
  AlgaSeedNotice *n = p;

  g_free (n->ticket_id);
  g_free (n->event);
  g_free (n);
}

static void
tag_free (gpointer p)
{
  AlgaSeedTag *t = p;

  g_free (t->mapping_id);
  g_free (t->text);
  g_free (t->background_color);
  g_free (t->text_color);
  g_free (t);
}

static void
ticket_free (gpointer p)
{
  AlgaSeedTicket *t = p;

  g_free (t->id);
  g_free (t->number);
  g_free (t->title);
  g_free (t->contact_id);
  g_free (t->status_id);
  g_free (t->category_id);
  g_free (t->subcategory_id);
  g_free (t->location_id);
  g_free (t->priority_id);
  g_free (t->entered_by);
  g_free (t->updated_by);
  g_free (t->assigned_to);
  g_free (t->closed_by);
  g_clear_pointer (&t->attributes, json_object_unref);
  g_free (t->board_id);
  g_free (t->client_id);
  g_free (t->origin);
  g_ptr_array_unref (t->tags);
  g_free (t);
}

static void
comment_free (gpointer p)
{
  AlgaSeedComment *c = p;

  g_free (c->id);
  g_free (c->ticket_id);
  g_free (c->user_id);
  g_free (c->contact_id);
  g_free (c->note);
  g_free (c->markdown);
  g_free (c->author_type);
  g_free (c->thread_id);
  g_free (c->parent_id);
  g_clear_pointer (&c->metadata, json_object_unref);
  g_free (c);
}

static void
service_free (gpointer p)
{
  AlgaSeedService *s = p;

  g_free (s->id);
  g_free (s->name);
  g_free (s->type_id);
  g_free (s->type_name);
  g_free (s->billing_method);
  g_free (s->unit);
  g_free (s->category_id);
  g_free (s->description);
  g_free (s);
}

static void
period_free (gpointer p)
{
  AlgaSeedPeriod *period = p;

  g_free (period->id);
  g_free (period);
}

static void
sheet_free (gpointer p)
{
  AlgaSeedTimeSheet *s = p;

  g_free (s->id);
  g_free (s->user_id);
  g_free (s->period_id);
  g_free (s);
}

static void
entry_free (gpointer p)
{
  AlgaSeedTimeEntry *e = p;

  g_free (e->id);
  g_free (e->user_id);
  g_free (e->work_item_id);
  g_free (e->work_item_type);
  g_free (e->service_id);
  g_free (e->time_sheet_id);
  g_free (e->notes);
  g_free (e);
}

static void
activity_free (gpointer p)
{
  AlgaSeedActivity *a = p;

  g_free (a->id);
  g_free (a->title);
  g_free (a->message);
  g_free (a->ticket_id);
  g_free (a->user_id);
  g_free (a->actor_id);
  g_free (a);
}

void
alga_seed_data_free (AlgaSeedData *data)
{
  if (data == NULL)
    return;

  g_rand_free (data->rand);
  g_free (data->tenant_id);
  g_free (data->me_id);
  g_free (data->other_id);
  g_free (data->my_ticket_id);
  g_free (data->unassigned_ticket_id);
  g_free (data->demo_api_key);
  g_hash_table_unref (data->ticket_index);
  g_ptr_array_unref (data->boards);
  g_ptr_array_unref (data->statuses);
  g_ptr_array_unref (data->priorities);
  g_ptr_array_unref (data->categories);
  g_ptr_array_unref (data->roles);
  g_ptr_array_unref (data->users);
  g_ptr_array_unref (data->clients);
  g_ptr_array_unref (data->contacts);
  g_ptr_array_unref (data->locations);
  g_ptr_array_unref (data->tickets);
  g_ptr_array_unref (data->comments);
  g_ptr_array_unref (data->services);
  g_ptr_array_unref (data->periods);
  g_ptr_array_unref (data->time_sheets);
  g_ptr_array_unref (data->time_entries);
  g_ptr_array_unref (data->activities);
  g_ptr_array_unref (data->notices);
  alga_seed_parts_free (data);
  g_free (data);
}

static gpointer
pick (GRand     *rand,
      GPtrArray *array)
{
  return g_ptr_array_index (array, g_rand_int_range (rand, 0, array->len));
}

static AlgaSeedNamed *
add_named (AlgaSeedData *data,
           GPtrArray    *array,
           const char   *name)
{
  AlgaSeedNamed *n = g_new0 (AlgaSeedNamed, 1);

  n->id = alga_seed_new_uuid (data->rand);
  n->name = g_strdup (name);
  g_ptr_array_add (array, n);
  return n;
}

static void
add_priority (AlgaSeedData *data,
              GRand        *rand,
              const char   *name,
              const char   *color,
              int           order_number,
              int           itil_level)
{
  AlgaSeedPriority *p = g_new0 (AlgaSeedPriority, 1);

  p->id = alga_seed_new_uuid (rand);
  p->name = g_strdup (name);
  p->color = g_strdup (color);
  p->order_number = order_number;
  p->itil_level = itil_level;
  p->is_itil = itil_level > 0;
  g_ptr_array_add (data->priorities, p);
}

static void
priority_free (gpointer p)
{
  AlgaSeedPriority *priority = p;

  g_free (priority->id);
  g_free (priority->name);
  g_free (priority->color);
  g_free (priority);
}

/* The priorities a ticket on board may have: a board uses its tenant's own (custom) ones or
 * the ITIL standard ones, never both. */
GPtrArray *
alga_seed_board_priorities (AlgaSeedData        *data,
                            const AlgaSeedBoard *board)
{
  GPtrArray *kind = g_ptr_array_new ();

  for (guint i = 0; i < data->priorities->len; i++)
    {
      AlgaSeedPriority *p = g_ptr_array_index (data->priorities, i);

      if (board == NULL || p->is_itil == board->itil_priorities)
        g_ptr_array_add (kind, p);
    }
  return kind;
}

static AlgaSeedBoard *
add_board (AlgaSeedData  *data,
           const char    *name,
           gboolean       close_rule,
           gboolean       itil_priorities,
           const char   **status_names,
           guint          n_open)
{
  AlgaSeedBoard *board = g_new0 (AlgaSeedBoard, 1);

  board->id = alga_seed_new_uuid (data->rand);
  board->name = g_strdup (name);
  board->requires_resolution_note = close_rule;
  board->itil_priorities = itil_priorities;
  g_ptr_array_add (data->boards, board);

  for (guint i = 0; status_names[i] != NULL; i++)
    {
      AlgaSeedStatus *s = g_new0 (AlgaSeedStatus, 1);

      s->id = alga_seed_new_uuid (data->rand);
      s->board_id = g_strdup (board->id);
      s->name = g_strdup (status_names[i]);
      s->is_closed = i >= n_open;
      s->is_default = i == 0;
      s->order_number = i + 1;
      g_ptr_array_add (data->statuses, s);
    }
  return board;
}

static void
seed_reference_data (AlgaSeedData *data)
{
  static const char *support[] = { "New", "In Progress", "Waiting on Customer", "Resolved", "Closed", NULL };
  static const char *network[] = { "New", "Investigating", "Waiting on Vendor", "Resolved", NULL };
  static const char *projects[] = { "Planned", "Active", "On Hold", "Done", NULL };
  static const char *services[][6] = {
    /* name, type, billing, unit, description, rate */
    { "Remote Support", "Hourly Time", "hourly", "Hour", "Help desk and remote sessions", "9500" },
    { "On-site Support", "Hourly Time", "hourly", "Hour", "Technician visit at the client site", "12500" },
    { "Network Administration", "Hourly Time", "hourly", "Hour", "Routers, switches, firewalls and VPNs", "11000" },
    { "Project Work", "Hourly Time", "hourly", "Hour", "Planned project hours", "10500" },
    { "After-hours Emergency", "Hourly Time", "hourly", "Hour", "Emergency work outside business hours", "18000" },
    { "Workstation Setup", "Fixed Price", "fixed", "Device", "Imaging and setup of one workstation", "15000" },
    { "Microsoft 365 License", "Usage Based", "usage", "License", "Monthly per-user license", "2200" },
  };
  g_autofree char *hourly_type = NULL;
  g_autofree char *fixed_type = NULL;
  g_autofree char *usage_type = NULL;
  AlgaSeedNamed *service_category;

  add_board (data, "General Support", FALSE, FALSE, support, 3);
  add_board (data, "Network Operations", TRUE, TRUE, network, 3);
  add_board (data, "Projects", FALSE, FALSE, projects, 3);

  /* As the real seed: the tenant's own priorities first, then the ITIL ones (order 100 on).
   * Four ids come from the seed's generator, as when there were four priorities, and the rest
   * from their own: the tickets and everything after them stay as tests know them. */
  {
    g_autoptr(GRand) more = g_rand_new_with_seed (0x9f1e1d5);

    add_priority (data, more, "Urgent", "#DC2626", 1, 0);
    add_priority (data, more, "High", "#EA580C", 2, 0);
    add_priority (data, more, "Normal", "#3B82F6", 3, 0);
    add_priority (data, more, "Low", "#6B7280", 4, 0);
    add_priority (data, data->rand, "P1 - Critical", "#DC2626", 100, 1);
    add_priority (data, data->rand, "P2 - High", "#EA580C", 101, 2);
    add_priority (data, data->rand, "P3 - Medium", "#F59E0B", 102, 3);
    add_priority (data, data->rand, "P4 - Low", "#3B82F6", 103, 4);
    add_priority (data, more, "P5 - Planning", "#6B7280", 104, 5);
  }

  add_named (data, data->categories, "Hardware");
  add_named (data, data->categories, "Software");
  add_named (data, data->categories, "Network");
  add_named (data, data->categories, "Accounts & Access");
  add_named (data, data->categories, "Email");

  add_named (data, data->roles, "Admin");
  add_named (data, data->roles, "Technician");

  hourly_type = alga_seed_new_uuid (data->rand);
  fixed_type = alga_seed_new_uuid (data->rand);
  usage_type = alga_seed_new_uuid (data->rand);
  service_category = g_ptr_array_index (data->categories, 1);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      AlgaSeedService *s = g_new0 (AlgaSeedService, 1);

      s->id = alga_seed_new_uuid (data->rand);
      s->name = g_strdup (services[i][0]);
      s->type_name = g_strdup (services[i][1]);
      s->type_id = g_strdup (g_str_equal (services[i][2], "hourly") ? hourly_type
                             : g_str_equal (services[i][2], "fixed") ? fixed_type : usage_type);
      s->billing_method = g_strdup (services[i][2]);
      s->unit = g_strdup (services[i][3]);
      s->description = g_strdup (services[i][4]);
      s->default_rate = g_ascii_strtoll (services[i][5], NULL, 10);
      s->category_id = g_strdup (service_category->id);
      g_ptr_array_add (data->services, s);
    }
}

static void
seed_people (AlgaSeedData *data)
{
  for (guint i = 0; i < G_N_ELEMENTS (user_names); i++)
    {
      AlgaSeedUser *u = g_new0 (AlgaSeedUser, 1);
      AlgaSeedNamed *role = g_ptr_array_index (data->roles, i == 1 ? 0 : 1);

      u->id = alga_seed_new_uuid (data->rand);
      u->first_name = g_strdup (user_names[i][0]);
      u->last_name = g_strdup (user_names[i][1]);
      u->username = g_strdup (user_names[i][2]);
      u->email = g_strdup_printf ("%s@example.com", user_names[i][2]);
      u->phone = g_strdup (user_names[i][3]);
      u->role_id = g_strdup (role->id);
      u->created_at = data->now - 200 * DAY_US + i * HOUR_US;
      g_ptr_array_add (data->users, u);
    }
  data->me_id = g_strdup (((AlgaSeedUser *) g_ptr_array_index (data->users, 0))->id);
  data->other_id = g_strdup (((AlgaSeedUser *) g_ptr_array_index (data->users, 1))->id);

  for (guint i = 0; i < G_N_ELEMENTS (client_names); i++)
    {
      AlgaSeedClient *c = g_new0 (AlgaSeedClient, 1);
      g_autofree char *domain = NULL;
      guint n_contacts = 1 + g_rand_int_range (data->rand, 0, 3);
      GString *d = g_string_new (NULL);

      for (const char *p = client_names[i]; *p != '\0' && d->len < 14; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_c (d, g_ascii_tolower (*p));
      domain = g_string_free (d, FALSE);

      c->id = alga_seed_new_uuid (data->rand);
      c->name = g_strdup (client_names[i]);
      c->email = g_strdup_printf ("info@%s.com", domain);
      c->phone = g_strdup_printf ("+1 555-01%02u-%04u", i, g_rand_int_range (data->rand, 1000, 9999));
      c->location_name = g_strdup (i % 3 == 0 ? "Headquarters" : "Main Office");
      g_ptr_array_add (data->clients, c);

      for (guint j = 0; j < n_contacts; j++)
        {
          AlgaSeedContact *ct = g_new0 (AlgaSeedContact, 1);
          const char *first = contact_first[g_rand_int_range (data->rand, 0, G_N_ELEMENTS (contact_first))];
          const char *last = contact_last[g_rand_int_range (data->rand, 0, G_N_ELEMENTS (contact_last))];

          ct->id = alga_seed_new_uuid (data->rand);
          ct->client_id = g_strdup (c->id);
          ct->full_name = g_strdup_printf ("%s %s", first, last);
          ct->email = g_strdup_printf ("%c.%s@%s.com", first[0], last, domain);
          for (char *p = ct->email; *p != '\0'; p++)
            *p = g_ascii_tolower (*p);
          ct->phone = (j == 2) ? NULL : g_strdup_printf ("+1 555-02%02u-%04u", i,
                                                         g_rand_int_range (data->rand, 1000, 9999));
          g_ptr_array_add (data->contacts, ct);
        }
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_tags (AlgaSeedData   *data,
          AlgaSeedTicket *ticket,
          const char     *tags)
{
  g_auto(GStrv) names = g_strsplit (tags, ",", -1);

  g_qsort_with_data (names, g_strv_length (names), sizeof (char *), compare_strings, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      AlgaSeedTag *tag = g_new0 (AlgaSeedTag, 1);

      tag->mapping_id = alga_seed_new_uuid (data->rand);
      tag->text = g_strdup (names[i]);
      if (g_rand_boolean (data->rand))
        {
          tag->background_color = g_strdup ("#E0F2FE");
          tag->text_color = g_strdup ("#075985");
        }
      g_ptr_array_add (ticket->tags, tag);
    }
}

AlgaSeedTicket *
alga_seed_add_ticket (AlgaSeedData *data,
                      const char   *title,
                      const char   *board_id,
                      const char   *client_id,
                      const char   *assignee_id,
                      const char   *entered_by,
                      gint64        entered_at)
{
  AlgaSeedTicket *t = g_new0 (AlgaSeedTicket, 1);
  const AlgaSeedBoard *board = alga_seed_find_board (data, board_id);

  t->id = alga_seed_new_uuid (data->rand);
  t->number = g_strdup_printf ("TIC%06u", data->next_ticket_number++);
  t->title = g_strdup (title);
  t->board_id = g_strdup (board != NULL ? board->id
                          : ((AlgaSeedBoard *) g_ptr_array_index (data->boards, 0))->id);
  for (guint i = 0; i < data->statuses->len; i++)
    {
      AlgaSeedStatus *s = g_ptr_array_index (data->statuses, i);

      if (g_str_equal (s->board_id, t->board_id) && s->is_default)
        t->status_id = g_strdup (s->id);
    }
  t->client_id = g_strdup (client_id != NULL ? client_id
                           : ((AlgaSeedClient *) g_ptr_array_index (data->clients, 0))->id);
  {
    g_autoptr(GPtrArray) kind = alga_seed_board_priorities (data, alga_seed_find_board (data, t->board_id));

    t->priority_id = g_strdup (((AlgaSeedPriority *) g_ptr_array_index (kind, 2))->id);
  }
  t->assigned_to = g_strdup (assignee_id);
  t->entered_by = g_strdup (entered_by);
  t->entered_at = entered_at;
  t->updated_at = entered_at;
  t->origin = g_strdup ("internal");
  t->tags = g_ptr_array_new_with_free_func (tag_free);
  g_ptr_array_add (data->tickets, t);
  g_hash_table_insert (data->ticket_index, t->id, t);
  return t;
}

AlgaSeedComment *
alga_seed_add_comment (AlgaSeedData *data,
                       const char   *ticket_id,
                       const char   *note,
                       gboolean      is_internal,
                       const char   *user_id,
                       const char   *contact_id,
                       gint64        created_at)
{
  AlgaSeedComment *c = g_new0 (AlgaSeedComment, 1);

  c->id = alga_seed_new_uuid (data->rand);
  c->ticket_id = g_strdup (ticket_id);
  c->user_id = g_strdup (user_id);
  c->contact_id = g_strdup (contact_id);
  c->note = g_strdup (note);
  /* The real server leaves the enum at its default for internal authors. */
  c->author_type = g_strdup (user_id == NULL && contact_id != NULL ? "client" : "unknown");
  c->thread_id = alga_seed_new_uuid (data->rand);
  c->is_internal = is_internal;
  c->created_at = created_at;
  c->updated_at = created_at;
  g_ptr_array_add (data->comments, c);
  return c;
}

/* Activities are the server's in-app notifications. The real sample is empty, so the shape is
 * ours: {activity_id, type:"notification", title, message, ticket_id, user_id (the recipient),
 * actor_id, created_at, is_read}. */
void
alga_seed_add_activity (AlgaSeedData         *data,
                        const AlgaSeedTicket *ticket,
                        const char           *recipient_id,
                        const char           *actor_id,
                        const char           *title,
                        const char           *message)
{
  AlgaSeedActivity *a;

  if (recipient_id == NULL || g_strcmp0 (recipient_id, actor_id) == 0)
    return;

  a = g_new0 (AlgaSeedActivity, 1);
  a->id = alga_seed_new_uuid (data->rand);
  a->title = g_strdup (title);
  a->message = g_strdup (message);
  a->ticket_id = g_strdup (ticket->id);
  a->user_id = g_strdup (recipient_id);
  a->actor_id = g_strdup (actor_id);
  a->created_at = g_get_real_time ();
  g_ptr_array_add (data->activities, a);
}

static const AlgaSeedStatus *
pick_status (AlgaSeedData *data,
             const char   *board_id,
             gboolean      closed)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; i < data->statuses->len; i++)
    {
      AlgaSeedStatus *s = g_ptr_array_index (data->statuses, i);

      if (g_str_equal (s->board_id, board_id) && s->is_closed == closed)
        g_ptr_array_add (candidates, s);
    }
  return pick (data->rand, candidates);
}

static void
seed_comments (AlgaSeedData   *data,
               AlgaSeedTicket *t)
{
  guint n = g_rand_int_range (data->rand, 0, 5);
  gint64 when = t->entered_at;

  for (guint i = 0; i < n; i++)
    {
      guint kind = g_rand_int_range (data->rand, 0, 10);
      AlgaSeedComment *c;

      when += (gint64) g_rand_int_range (data->rand, 10, 60 * 24) * 60 * G_USEC_PER_SEC;
      if (when > data->now)
        break;

      if (kind < 4)
        {
          const AlgaSeedUser *u = pick (data->rand, data->users);

          c = alga_seed_add_comment (data, t->id,
                                     comment_plain[g_rand_int_range (data->rand, 0, G_N_ELEMENTS (comment_plain))],
                                     g_rand_boolean (data->rand), u->id, NULL, when);
        }
      else if (kind < 7 && t->contact_id != NULL)
        {
          const AlgaSeedContact *ct = alga_seed_find_contact (data, t->contact_id);

          c = alga_seed_add_comment (data, t->id,
                                     comment_contact[g_rand_int_range (data->rand, 0, G_N_ELEMENTS (comment_contact))],
                                     FALSE, NULL, ct->id, when);
          c->metadata = json_object_new ();
          json_object_set_string_member (c->metadata, "responseSource", "client_portal");
        }
      else if (kind < 9)
        {
          guint k = g_rand_int_range (data->rand, 0, G_N_ELEMENTS (comment_blocknote));

          c = alga_seed_add_comment (data, t->id, comment_blocknote[k], kind == 7,
                                     t->assigned_to != NULL ? t->assigned_to : data->other_id, NULL, when);
          if (g_rand_boolean (data->rand))
            c->markdown = g_strdup (comment_blocknote_md[k]);
        }
      else
        {
          c = alga_seed_add_comment (data, t->id, "Ticket created from the client portal.", TRUE,
                                     NULL, NULL, when);
          c->is_system = TRUE;
          c->author_type = (g_free (c->author_type), g_strdup ("system"));
        }
      if (when > t->updated_at)
        t->updated_at = when;
    }
}

static void
seed_tickets (AlgaSeedData *data,
              guint         n_tickets)
{
  for (guint i = 0; i < n_tickets; i++)
    {
      guint tpl = g_rand_int_range (data->rand, 0, G_N_ELEMENTS (ticket_templates));
      const AlgaSeedBoard *board = g_ptr_array_index (data->boards, ticket_templates[tpl][1][0] - '0');
      const AlgaSeedClient *client = pick (data->rand, data->clients);
      gint64 entered = data->now - (gint64) g_rand_int_range (data->rand, 600, 90 * 86400) * G_USEC_PER_SEC;
      const char *assignee = NULL;
      guint roll = g_rand_int_range (data->rand, 0, 100);
      gboolean closed;
      g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
      const AlgaSeedUser *creator = pick (data->rand, data->users);
      AlgaSeedTicket *t;
      g_autoptr(GPtrArray) board_priorities = alga_seed_board_priorities (data, board);

      /* Every tenth ticket is open and mine, so that "my open tickets" is never short. */
      if (i % 10 == 0)
        roll = 100;
      if (roll >= 85)
        assignee = data->me_id;
      else if (roll >= 15)
        assignee = ((AlgaSeedUser *) pick (data->rand, data->users))->id;

      t = alga_seed_add_ticket (data, ticket_templates[tpl][0], board->id, client->id, assignee,
                                creator->id, entered);
      for (guint j = 0; j < data->contacts->len; j++)
        {
          AlgaSeedContact *ct = g_ptr_array_index (data->contacts, j);

          if (g_str_equal (ct->client_id, client->id))
            g_ptr_array_add (contacts, ct);
        }
      if (contacts->len > 0 && g_rand_int_range (data->rand, 0, 5) > 0)
        t->contact_id = g_strdup (((AlgaSeedContact *) pick (data->rand, contacts))->id);

      g_free (t->priority_id);
      t->priority_id = g_strdup (((AlgaSeedPriority *) pick (data->rand, board_priorities))->id);
      if (g_rand_int_range (data->rand, 0, 4) > 0)
        t->category_id = g_strdup (((AlgaSeedNamed *) pick (data->rand, data->categories))->id);
      add_tags (data, t, ticket_templates[tpl][2]);

      if (g_rand_boolean (data->rand))
        {
          t->attributes = json_object_new ();
          json_object_set_string_member (t->attributes, "description",
                                         "Reported by phone. See the comments for details.");
        }

      seed_comments (data, t);

      closed = i % 10 != 0 && entered < data->now - 2 * DAY_US && g_rand_int_range (data->rand, 0, 100) < 35;
      g_free (t->status_id);
      t->status_id = g_strdup (pick_status (data, t->board_id, closed)->id);
      if (closed)
        {
          t->is_closed = TRUE;
          t->closed_at = t->updated_at + g_rand_int_range (data->rand, 1, 48) * HOUR_US;
          if (t->closed_at > data->now)
            t->closed_at = data->now;
          t->updated_at = t->closed_at;
          t->closed_by = g_strdup (t->assigned_to != NULL ? t->assigned_to : data->other_id);
          t->updated_by = g_strdup (t->closed_by);
        }

      /* Some open tickets got a due date in the web UI (the API cannot set the column); no
       * random draw, so that the rest of the seed stays as it was. */
      if (!closed && i % 7 == 3)
        t->due_date = (entered / HOUR_US) * HOUR_US + 5 * DAY_US;

      if (data->my_ticket_id == NULL && !closed && g_strcmp0 (assignee, data->me_id) == 0)
        data->my_ticket_id = g_strdup (t->id);
      if (data->unassigned_ticket_id == NULL && !closed && assignee == NULL)
        data->unassigned_ticket_id = g_strdup (t->id);
    }
}

static gint64
month_start (GDateTime *dt,
             int        offset)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (g_date_time_get_year (dt),
                                                    g_date_time_get_month (dt), 1, 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_months (first, offset);

  return g_date_time_to_unix (moved) * G_USEC_PER_SEC;
}

static void
seed_time (AlgaSeedData *data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (data->now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) earliest = g_date_time_add_days (now, -120);
  int months = (g_date_time_get_year (now) - g_date_time_get_year (earliest)) * 12
               + g_date_time_get_month (now) - g_date_time_get_month (earliest);

  /* Monthly periods from the month 120 days ago up to the end of the current month. */
  for (int m = -months; m <= 0; m++)
    {
      AlgaSeedPeriod *p = g_new0 (AlgaSeedPeriod, 1);

      p->id = alga_seed_new_uuid (data->rand);
      p->start_date = month_start (now, m);
      p->end_date = month_start (now, m + 1);
      g_ptr_array_add (data->periods, p);
    }

  /* A few entries of mine, 09:00–10:00 UTC on the days 2 to 9 ago. */
  for (int d = 2; d < 10 && data->my_ticket_id != NULL; d++)
    {
      AlgaSeedTimeEntry *e = g_new0 (AlgaSeedTimeEntry, 1);
      gint64 day = (data->now / DAY_US - d) * DAY_US;

      e->id = alga_seed_new_uuid (data->rand);
      e->user_id = g_strdup (data->me_id);
      e->work_item_id = g_strdup (data->my_ticket_id);
      e->work_item_type = g_strdup ("ticket");
      e->service_id = g_strdup (((AlgaSeedService *) g_ptr_array_index (data->services, 0))->id);
      e->notes = g_strdup ("Remote session");
      e->start_time = day + 9 * HOUR_US;
      e->end_time = day + 10 * HOUR_US;
      e->billable_minutes = 60;
      g_ptr_array_add (data->time_entries, e);
    }
}

/* Each client's sites: its default one, a branch for every third client and a closed one for
 * every fifth, so that pickers have something to leave out. They come from their own generator,
 * seeded by the client's id, so that adding them shifted none of the other seeded data. */
static void
seed_locations (AlgaSeedData *data)
{
  static const char *streets[] = { "Harbor Road", "Main Street", "Elm Avenue", "Station Square" };

  for (guint i = 0; i < data->clients->len; i++)
    {
      const AlgaSeedClient *c = g_ptr_array_index (data->clients, i);
      g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (c->id));
      guint n = 1 + (i % 3 == 1) + (i % 5 == 2);

      for (guint j = 0; j < n; j++)
        {
          AlgaSeedLocation *l = g_new0 (AlgaSeedLocation, 1);

          l->id = alga_seed_new_uuid (rand);
          l->client_id = g_strdup (c->id);
          l->name = g_strdup (j == 0 ? c->location_name : j == 1 && i % 3 == 1 ? "Branch Office" : "Old Warehouse");
          l->address = g_strdup_printf ("%u %s", g_rand_int_range (rand, 1, 999),
                                        streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))]);
          l->city = g_strdup (j == 0 ? "Springfield" : "Riverton");
          l->postal_code = g_strdup_printf ("%05u", g_rand_int_range (rand, 10000, 99999));
          l->phone = j == 0 ? g_strdup (c->phone) : NULL;
          l->created_at = data->now - 300 * DAY_US + i * HOUR_US + j;
          l->is_default = j == 0;
          l->is_active = !g_str_equal (l->name, "Old Warehouse");
          g_ptr_array_add (data->locations, l);
        }
    }
}

AlgaSeedData *
alga_seed_data_new (guint seed,
                    guint n_tickets)
{
  AlgaSeedData *data = g_new0 (AlgaSeedData, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  data->rand = rand;
  data->now = g_get_real_time () / 1000 * 1000;
  data->next_ticket_number = 1001;
  data->boards = g_ptr_array_new_with_free_func (board_free);
  data->statuses = g_ptr_array_new_with_free_func (status_free);
  data->priorities = g_ptr_array_new_with_free_func (priority_free);
  data->categories = g_ptr_array_new_with_free_func (named_free);
  data->roles = g_ptr_array_new_with_free_func (named_free);
  data->users = g_ptr_array_new_with_free_func (user_free);
  data->clients = g_ptr_array_new_with_free_func (client_free);
  data->contacts = g_ptr_array_new_with_free_func (contact_free);
  data->locations = g_ptr_array_new_with_free_func (location_free);
  data->tickets = g_ptr_array_new_with_free_func (ticket_free);
  data->comments = g_ptr_array_new_with_free_func (comment_free);
  data->services = g_ptr_array_new_with_free_func (service_free);
  data->periods = g_ptr_array_new_with_free_func (period_free);
  data->time_sheets = g_ptr_array_new_with_free_func (sheet_free);
  data->time_entries = g_ptr_array_new_with_free_func (entry_free);
  data->activities = g_ptr_array_new_with_free_func (activity_free);
  data->notices = g_ptr_array_new_with_free_func (notice_free);
  data->ticket_index = g_hash_table_new (g_str_hash, g_str_equal);
  alga_seed_parts_init (data);

  data->tenant_id = alga_seed_new_uuid (rand);
  data->demo_api_key = alga_seed_new_token (rand, 32, TRUE);
  seed_reference_data (data);
  seed_people (data);
  seed_tickets (data, n_tickets);
  seed_time (data);
  seed_locations (data);

  /* Ids and tokens made at run time come from a second generator, so that they never shift
   * the seeded data. */
  data->rand = g_rand_new_with_seed (g_rand_int (rand));
  /* Added after the seeding for the same reason: nobody has this role until a test gives it. */
  add_named (data, data->roles, "Dispatcher");
  alga_seed_parts_seed (data);
  return data;
}

const AlgaSeedBoard *
alga_seed_find_board (AlgaSeedData *data,
                      const char   *id)
{
  for (guint i = 0; id != NULL && i < data->boards->len; i++)
    if (g_str_equal (((AlgaSeedBoard *) g_ptr_array_index (data->boards, i))->id, id))
      return g_ptr_array_index (data->boards, i);
  return NULL;
}

const AlgaSeedStatus *
alga_seed_find_status (AlgaSeedData *data,
                       const char   *id)
{
  for (guint i = 0; id != NULL && i < data->statuses->len; i++)
    if (g_str_equal (((AlgaSeedStatus *) g_ptr_array_index (data->statuses, i))->id, id))
      return g_ptr_array_index (data->statuses, i);
  return NULL;
}

const AlgaSeedNamed *
alga_seed_find_named (GPtrArray  *array,
                      const char *id)
{
  for (guint i = 0; id != NULL && i < array->len; i++)
    if (g_str_equal (((AlgaSeedNamed *) g_ptr_array_index (array, i))->id, id))
      return g_ptr_array_index (array, i);
  return NULL;
}

const AlgaSeedUser *
alga_seed_find_user (AlgaSeedData *data,
                     const char   *id)
{
  for (guint i = 0; id != NULL && i < data->users->len; i++)
    if (g_str_equal (((AlgaSeedUser *) g_ptr_array_index (data->users, i))->id, id))
      return g_ptr_array_index (data->users, i);
  return NULL;
}

const AlgaSeedClient *
alga_seed_find_client (AlgaSeedData *data,
                       const char   *id)
{
  for (guint i = 0; id != NULL && i < data->clients->len; i++)
    if (g_str_equal (((AlgaSeedClient *) g_ptr_array_index (data->clients, i))->id, id))
      return g_ptr_array_index (data->clients, i);
  return NULL;
}

const AlgaSeedContact *
alga_seed_find_contact (AlgaSeedData *data,
                        const char   *id)
{
  for (guint i = 0; id != NULL && i < data->contacts->len; i++)
    if (g_str_equal (((AlgaSeedContact *) g_ptr_array_index (data->contacts, i))->id, id))
      return g_ptr_array_index (data->contacts, i);
  return NULL;
}

const AlgaSeedLocation *
alga_seed_find_location (AlgaSeedData *data,
                         const char   *id)
{
  for (guint i = 0; id != NULL && i < data->locations->len; i++)
    if (g_ascii_strcasecmp (((AlgaSeedLocation *) g_ptr_array_index (data->locations, i))->id, id) == 0)
      return g_ptr_array_index (data->locations, i);
  return NULL;
}

const AlgaSeedService *
alga_seed_find_service (AlgaSeedData *data,
                        const char   *id)
{
  for (guint i = 0; id != NULL && i < data->services->len; i++)
    if (g_str_equal (((AlgaSeedService *) g_ptr_array_index (data->services, i))->id, id))
      return g_ptr_array_index (data->services, i);
  return NULL;
}

AlgaSeedTicket *
alga_seed_find_ticket (AlgaSeedData *data,
                       const char   *id)
{
  return id != NULL ? g_hash_table_lookup (data->ticket_index, id) : NULL;
}

char *
alga_seed_user_name (const AlgaSeedUser *user)
{
  if (user == NULL || user->first_name == NULL || user->last_name == NULL)
    return NULL;
  return g_strdup_printf ("%s %s", user->first_name, user->last_name);
}
