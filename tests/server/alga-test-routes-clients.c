/* alga-test-routes-clients.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a new ticket's form picks from: clients, their contacts and locations, and the boards.
 */

#define G_LOG_DOMAIN "alga-test-server"

#include "config.h"

#include "alga-test-server-private.h"

#include <string.h>

#define DAY_US  (G_USEC_PER_SEC * (gint64) 86400)
#define HOUR_US (G_USEC_PER_SEC * (gint64) 3600)

typedef struct
{
  guint index;       /* creation order */
  char *sort_key;    /* casefolded */
  JsonObject *item;
} Row;

static void
row_free (gpointer p)
{
  Row *row = p;

  g_free (row->sort_key);
  json_object_unref (row->item);
  g_free (row);
}

static gboolean
order_desc (AlgaTestCall *call)
{
  return g_strcmp0 (g_hash_table_lookup (call->query, "order"), "asc") != 0;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Row *x = *(const Row **) a;
  const Row *y = *(const Row **) b;
  gboolean desc = GPOINTER_TO_INT (user_data);
  int c = x->sort_key != NULL ? g_strcmp0 (x->sort_key, y->sort_key)
                              : (x->index > y->index) - (x->index < y->index);

  return desc ? -c : c;
}

static gboolean
page_params (AlgaTestCall *call,
             guint        *page,
             guint        *limit)
{
  g_autoptr(JsonArray) issues = json_array_new ();

  *page = alga_test_query_uint (call, issues, "page", 1, 1, G_MAXINT);
  *limit = alga_test_query_uint (call, issues, "limit", 25, 1, 100);
  if (json_array_get_length (issues) > 0)
    {
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Query validation failed", issues);
      return FALSE;
    }
  return TRUE;
}

static void
reply_page (AlgaTestCall *call,
            GPtrArray    *rows,
            guint         page,
            guint         limit,
            JsonObject   *meta)
{
  g_autoptr(JsonArray) out = json_array_new ();

  for (guint64 i = (guint64) (page - 1) * limit; i < rows->len && json_array_get_length (out) < limit; i++)
    json_array_add_object_element (out, json_object_ref (((Row *) g_ptr_array_index (rows, i))->item));
  alga_test_reply_paginated (call->msg, out, page, limit, rows->len, meta);
}

static JsonObject *
list_meta (const char *sort,
           const char *order,
           JsonObject *filters)
{
  JsonObject *meta = json_object_new ();

  json_object_set_string_member (meta, "sort", sort);
  json_object_set_string_member (meta, "order", order);
  json_object_set_object_member (meta, "filters", filters);
  return meta;
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle_folded)
{
  g_autofree char *folded = haystack != NULL ? g_utf8_casefold (haystack, -1) : NULL;

  return folded != NULL && strstr (folded, needle_folded) != NULL;
}

static gint64
client_created_at (AlgaSeedData *data,
                   guint         index)
{
  return data->now - 400 * DAY_US + index * HOUR_US;
}

static const AlgaSeedLocation *
default_location (AlgaSeedData         *data,
                  const AlgaSeedClient *client)
{
  for (guint i = 0; i < data->locations->len; i++)
    {
      const AlgaSeedLocation *l = g_ptr_array_index (data->locations, i);

      if (g_str_equal (l->client_id, client->id) && l->is_default)
        return l;
    }
  return NULL;
}

static JsonObject *
client_object (AlgaSeedData         *data,
               const AlgaSeedClient *c,
               guint                 index)
{
  JsonObject *o = json_object_new ();
  static const char * const nulls[] = {
    "properties", "billing_type", "payment_terms", "credit_limit", "preferred_payment_method",
    "invoice_delivery_method", "tax_exemption_certificate", "tax_id_number", "notes", "timezone",
    "notes_document_id", "invoice_template_id", "billing_contact_id", "billing_email",
    "region_code", "account_manager_id", "sla_policy_id", "inbound_ticket_defaults_id",
    "account_manager_full_name", "logoUrl", NULL,
  };
  g_autofree char *url = g_strdup_printf ("https://%s", strchr (c->email, '@') + 1);

  json_object_set_string_member (o, "tenant", data->tenant_id);
  json_object_set_string_member (o, "client_id", c->id);
  json_object_set_string_member (o, "client_name", c->name);
  json_object_set_string_member (o, "url", url);
  for (guint i = 0; nulls[i] != NULL; i++)
    json_object_set_null_member (o, nulls[i]);
  json_object_set_boolean_member (o, "auto_invoice", FALSE);
  alga_test_set_time_member (o, "created_at", client_created_at (data, index));
  alga_test_set_time_member (o, "updated_at", client_created_at (data, index));
  json_object_set_boolean_member (o, "is_inactive", FALSE);
  json_object_set_string_member (o, "client_type", "company");
  json_object_set_boolean_member (o, "is_tax_exempt", FALSE);
  json_object_set_string_member (o, "billing_cycle", "monthly");
  json_object_set_string_member (o, "default_currency_code", "USD");
  json_object_set_string_member (o, "lifecycle_status", "active");
  /* A numeric column: a string. */
  json_object_set_string_member (o, "credit_balance", "0");
  return o;
}

static const char * const client_sorts[] = {
  "client_name", "created_at", "updated_at", "client_type", "billing_cycle", NULL,
};

/* GET /api/v1/clients: search matches the name and the default location's e-mail, phone and
 * address; newest first unless sort= says otherwise; an unknown sort column is a 500. */
void
alga_test_route_clients (AlgaTestCall *call)
{
  const char *search = g_hash_table_lookup (call->query, "search");
  const char *sort = g_hash_table_lookup (call->query, "sort");
  const char *inactive = g_hash_table_lookup (call->query, "is_inactive");
  g_autofree char *needle = search != NULL ? g_utf8_casefold (search, -1) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(JsonObject) meta = NULL;
  JsonObject *filters;
  guint page, limit;

  if (!page_params (call, &page, &limit))
    return;
  if (sort != NULL && !g_strv_contains (client_sorts, sort))
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_CONFIGURATION",
                             "The server is misconfigured for this operation. Please contact support.", NULL);
      return;
    }
  for (guint i = 0; i < call->data->clients->len; i++)
    {
      const AlgaSeedClient *c = g_ptr_array_index (call->data->clients, i);
      const AlgaSeedLocation *l = default_location (call->data, c);
      Row *row;

      if (g_strcmp0 (inactive, "true") == 0)
        continue;
      if (needle != NULL && !contains_casefold (c->name, needle) &&
          !contains_casefold (c->email, needle) && !contains_casefold (c->phone, needle) &&
          (l == NULL || !contains_casefold (l->address, needle)))
        continue;
      row = g_new0 (Row, 1);
      row->index = i;
      if (g_strcmp0 (sort, "client_name") == 0)
        row->sort_key = g_utf8_casefold (c->name, -1);
      row->item = client_object (call->data, c, i);
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort_with_data (rows, compare_rows, GINT_TO_POINTER (order_desc (call)));

  filters = json_object_new ();
  if (search != NULL)
    json_object_set_string_member (filters, "search", search);
  if (inactive != NULL)
    json_object_set_boolean_member (filters, "is_inactive", g_str_equal (inactive, "true"));
  meta = list_meta (sort != NULL ? sort : "created_at", order_desc (call) ? "desc" : "asc", filters);
  reply_page (call, rows, page, limit, meta);
}

static JsonObject *
contact_object (AlgaSeedData          *data,
                const AlgaSeedContact *ct,
                guint                  index)
{
  JsonObject *o = json_object_new ();
  const AlgaSeedClient *client = alga_seed_find_client (data, ct->client_id);
  JsonArray *phones = json_array_new ();
  gint64 created = client_created_at (data, 0) + (index + 1) * 60 * G_USEC_PER_SEC;
  static const char * const nulls[] = {
    "role", "approver", "notes", "notes_document_id", "inbound_ticket_defaults_id",
    "portal_visibility_group_id", "primary_email_custom_type_id", "avatarUrl", NULL,
  };

  json_object_set_string_member (o, "tenant", data->tenant_id);
  json_object_set_string_member (o, "contact_name_id", ct->id);
  json_object_set_string_member (o, "full_name", ct->full_name);
  json_object_set_string_member (o, "email", ct->email);
  for (guint i = 0; nulls[i] != NULL; i++)
    json_object_set_null_member (o, nulls[i]);
  alga_test_set_time_member (o, "created_at", created);
  alga_test_set_time_member (o, "updated_at", created);
  json_object_set_boolean_member (o, "is_inactive", FALSE);
  json_object_set_boolean_member (o, "is_client_admin", FALSE);
  json_object_set_string_member (o, "client_id", ct->client_id);
  json_object_set_string_member (o, "primary_email_canonical_type", "work");
  json_object_set_string_member (o, "client_name", client != NULL ? client->name : NULL);
  alga_test_set_string_or_null (o, "default_phone_number", ct->phone);
  alga_test_set_string_or_null (o, "default_phone_type", ct->phone != NULL ? "work" : NULL);
  if (ct->phone != NULL)
    {
      JsonObject *phone = json_object_new ();
      GString *digits = g_string_new (NULL);

      for (const char *p = ct->phone; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      json_object_set_string_member (phone, "contact_phone_number_id", ct->id);
      json_object_set_string_member (phone, "phone_number", ct->phone);
      json_object_set_null_member (phone, "extension");
      json_object_set_string_member (phone, "normalized_phone_number", digits->str);
      json_object_set_string_member (phone, "canonical_type", "work");
      json_object_set_null_member (phone, "custom_phone_type_id");
      json_object_set_null_member (phone, "custom_type");
      json_object_set_boolean_member (phone, "is_default", TRUE);
      json_object_set_int_member (phone, "display_order", 0);
      alga_test_set_time_member (phone, "created_at", created);
      alga_test_set_time_member (phone, "updated_at", created);
      json_array_add_object_element (phones, phone);
      g_string_free (digits, TRUE);
    }
  json_object_set_array_member (o, "phone_numbers", phones);
  json_object_set_array_member (o, "additional_email_addresses", json_array_new ());
  json_object_set_string_member (o, "primary_email_type", "work");
  return o;
}

/* The client of /api/v1/clients/{id}/…: a malformed id reaches the SQL and fails there. */
static const AlgaSeedClient *
client_from_path (AlgaTestCall *call)
{
  const char *id = call->segments[4];
  const AlgaSeedClient *client;

  if (!alga_test_is_uuid (id))
    {
      g_autofree char *message = g_strdup_printf ("select \"c\".* from \"clients\" as \"c\" where "
                                                  "\"c\".\"tenant\" = $1 and \"c\".\"client_id\" = $2 "
                                                  "limit $3 - invalid input syntax for type uuid: \"%s\"", id);

      alga_test_reply_error (call->msg, 500, "INTERNAL_ERROR", message, NULL);
      return NULL;
    }
  client = alga_seed_find_client (call->data, id);
  if (client == NULL)
    alga_test_reply_error (call->msg, 404, "NOT_FOUND", "Client not found", NULL);
  return client;
}

/* GET /api/v1/clients/{id}/contacts: paginated, but without meta. */
void
alga_test_route_client_contacts (AlgaTestCall *call)
{
  const AlgaSeedClient *client;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  guint page, limit;

  if ((client = client_from_path (call)) == NULL || !page_params (call, &page, &limit))
    return;
  for (guint i = 0; i < call->data->contacts->len; i++)
    {
      const AlgaSeedContact *ct = g_ptr_array_index (call->data->contacts, i);
      Row *row;

      if (!g_str_equal (ct->client_id, client->id))
        continue;
      row = g_new0 (Row, 1);
      row->index = i;
      row->sort_key = g_utf8_casefold (ct->full_name, -1);
      row->item = contact_object (call->data, ct, i);
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort_with_data (rows, compare_rows, GINT_TO_POINTER (FALSE));
  reply_page (call, rows, page, limit, NULL);
}

static JsonObject *
location_object (AlgaSeedData           *data,
                 const AlgaSeedLocation *l)
{
  JsonObject *o = json_object_new ();
  static const char * const nulls[] = {
    "address_line2", "address_line3", "region_code", "fax", "notes", "default_billing_profile_id",
    "phone_extension", "fax_extension", NULL,
  };

  json_object_set_string_member (o, "location_id", l->id);
  json_object_set_string_member (o, "tenant", data->tenant_id);
  json_object_set_string_member (o, "client_id", l->client_id);
  json_object_set_string_member (o, "location_name", l->name);
  json_object_set_string_member (o, "address_line1", l->address);
  for (guint i = 0; nulls[i] != NULL; i++)
    json_object_set_null_member (o, nulls[i]);
  json_object_set_string_member (o, "city", l->city);
  json_object_set_string_member (o, "state_province", "IL");
  json_object_set_string_member (o, "postal_code", l->postal_code);
  json_object_set_string_member (o, "country_code", "US");
  json_object_set_string_member (o, "country_name", "United States");
  json_object_set_boolean_member (o, "is_billing_address", l->is_default);
  json_object_set_boolean_member (o, "is_shipping_address", l->is_default);
  json_object_set_boolean_member (o, "is_default", l->is_default);
  alga_test_set_string_or_null (o, "phone", l->phone);
  json_object_set_null_member (o, "email");
  json_object_set_boolean_member (o, "is_active", l->is_active);
  alga_test_set_time_member (o, "created_at", l->created_at);
  alga_test_set_time_member (o, "updated_at", l->created_at);
  return o;
}

/* GET /api/v1/clients/{id}/locations: one list, the default first, inactive ones included. */
void
alga_test_route_client_locations (AlgaTestCall *call)
{
  const AlgaSeedClient *client;
  g_autoptr(JsonArray) out = json_array_new ();

  if ((client = client_from_path (call)) == NULL)
    return;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < call->data->locations->len; i++)
      {
        const AlgaSeedLocation *l = g_ptr_array_index (call->data->locations, i);

        if (g_str_equal (l->client_id, client->id) && l->is_default == (pass == 0))
          json_array_add_object_element (out, location_object (call->data, l));
      }
  alga_test_reply_data (call->msg, 200, json_node_init_array (json_node_alloc (), out));
}

static const char * const contact_sorts[] = { "full_name", "created_at", "updated_at", "email", NULL };

/* GET /api/v1/contacts: client_id must be a uuid; search matches name, e-mail and role. */
void
alga_test_route_contacts (AlgaTestCall *call)
{
  const char *client_id = g_hash_table_lookup (call->query, "client_id");
  const char *search = g_hash_table_lookup (call->query, "search");
  const char *sort = g_hash_table_lookup (call->query, "sort");
  const char *inactive = g_hash_table_lookup (call->query, "is_inactive");
  g_autofree char *needle = search != NULL ? g_utf8_casefold (search, -1) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(JsonObject) meta = NULL;
  JsonObject *filters;
  guint page, limit;

  if (client_id != NULL && !alga_test_is_uuid (client_id))
    {
      g_autoptr(JsonArray) issues = json_array_new ();

      alga_test_issue_uuid (issues, "client_id");
      alga_test_reply_error (call->msg, 400, "VALIDATION_ERROR", "Query validation failed", issues);
      return;
    }
  if (!page_params (call, &page, &limit))
    return;
  if (sort != NULL && !g_strv_contains (contact_sorts, sort))
    {
      alga_test_reply_error (call->msg, 500, "INTERNAL_CONFIGURATION",
                             "The server is misconfigured for this operation. Please contact support.", NULL);
      return;
    }
  for (guint i = 0; i < call->data->contacts->len; i++)
    {
      const AlgaSeedContact *ct = g_ptr_array_index (call->data->contacts, i);
      Row *row;

      if (g_strcmp0 (inactive, "true") == 0)
        continue;
      if (client_id != NULL && g_ascii_strcasecmp (ct->client_id, client_id) != 0)
        continue;
      if (needle != NULL && !contains_casefold (ct->full_name, needle) && !contains_casefold (ct->email, needle))
        continue;
      row = g_new0 (Row, 1);
      row->index = i;
      if (g_strcmp0 (sort, "full_name") == 0)
        row->sort_key = g_utf8_casefold (ct->full_name, -1);
      row->item = contact_object (call->data, ct, i);
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort_with_data (rows, compare_rows, GINT_TO_POINTER (order_desc (call)));

  filters = json_object_new ();
  if (client_id != NULL)
    json_object_set_string_member (filters, "client_id", client_id);
  if (search != NULL)
    json_object_set_string_member (filters, "search", search);
  if (inactive != NULL)
    json_object_set_boolean_member (filters, "is_inactive", g_str_equal (inactive, "true"));
  meta = list_meta (sort != NULL ? sort : "created_at", order_desc (call) ? "desc" : "asc", filters);
  reply_page (call, rows, page, limit, meta);
}
