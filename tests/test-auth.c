/* test-auth.c: AlgaAuth against the test server: the browser sign-in with its state, the
 * callback parser, the edition gate, and the pasted-key sign-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "alga-auth.h"
#include "alga-error.h"
#include "alga-test-http.h"
#include "alga-test-server.h"
#include "alga-test-utils.h"

#define EXCHANGE_PATH "/api/v1/mobile/auth/exchange"

typedef struct
{
  AlgaTestServer *server;
  AlgaClient     *client;
  AlgaAuth       *auth;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = alga_test_server_new ();
  fixture->client = alga_client_new (alga_test_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
  fixture->auth = alga_auth_new (fixture->client);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->auth);
  g_assert_finalize_object (fixture->client);
  alga_test_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

/* The browser: one GET without following redirects, returning the Location it was sent to. */
static char *
browser_get (SoupSession *session,
             const char  *url)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);

  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Location"));
}

/* Follows the sign-in URL through the server's sign-in page and hand-off, as an already
 * signed-in browser would, and returns where the hand-off sent it (the alga:// callback). */
static char *
browse_sign_in (const char *sign_in_url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *handoff = NULL;

  handoff = browser_get (session, sign_in_url);
  g_assert_true (strstr (handoff, "/auth/mobile/handoff?") != NULL);

  return browser_get (session, handoff);
}

static AlgaTokenBundle *
complete (AlgaAuth    *auth,
          const char  *callback_uri,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_auth_complete_browser_sign_in_async (auth, callback_uri, NULL, NULL,
                                            alga_test_store_result_cb, &result);
  return alga_auth_complete_browser_sign_in_finish (auth, alga_test_wait_for_result (&result,
                                                                                     10000),
                                                    error);
}

static AlgaTokenBundle *
sign_in_with_key (AlgaAuth    *auth,
                  const char  *key,
                  const char  *email,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alga_auth_sign_in_with_key_async (auth, key, email, NULL, alga_test_store_result_cb, &result);
  return alga_auth_sign_in_with_key_finish (auth, alga_test_wait_for_result (&result, 10000),
                                            error);
}

static char *
state_of (const char *sign_in_url)
{
  const char *callback = strstr (sign_in_url, "callbackUrl=");
  g_autofree char *handoff = NULL;
  const char *state;

  g_assert_nonnull (callback);
  handoff = g_uri_unescape_string (callback + strlen ("callbackUrl="), NULL);
  state = strstr (handoff, "&state=");
  g_assert_nonnull (state);

  return g_strdup (state + strlen ("&state="));
}

static void
test_sign_in_url (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *base = alga_test_server_get_url (fixture->server);
  g_autoptr(GError) error = NULL;
  g_autofree char *url1 = NULL;
  g_autofree char *url2 = NULL;
  g_autofree char *state1 = NULL;
  g_autofree char *state2 = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *escaped_handoff = NULL;
  g_autofree char *handoff = NULL;

  g_assert_false (alga_auth_has_pending_sign_in (fixture->auth));

  url1 = alga_auth_begin_browser_sign_in (fixture->auth, &error);
  g_assert_no_error (error);
  state1 = state_of (url1);

  /* The sign-in page with the hand-off as its callbackUrl, the inner URL escaped as one query
   * value (docs/API.md, Browser sign-in). */
  handoff = g_strdup_printf ("%s/auth/mobile/handoff?redirect=alga%%3A%%2F%%2Fauth%%2Fcallback"
                             "&state=%s", base, state1);
  escaped_handoff = g_uri_escape_string (handoff, NULL, FALSE);
  expected = g_strdup_printf ("%s/auth/signin?callbackUrl=%s", base, escaped_handoff);
  g_assert_cmpstr (url1, ==, expected);
  g_assert_null (strchr (url1 + strlen (base), '&'));

  /* At least 128 bits: 22 or more base64url characters, and no padding. */
  g_assert_cmpuint (strlen (state1), >=, 22);
  for (const char *p = state1; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
  g_assert_true (alga_auth_has_pending_sign_in (fixture->auth));

  url2 = alga_auth_begin_browser_sign_in (fixture->auth, &error);
  g_assert_no_error (error);
  state2 = state_of (url2);
  g_assert_cmpstr (state1, !=, state2);
  g_assert_cmpstr (url1, !=, url2);

  alga_auth_cancel_browser_sign_in (fixture->auth);
  g_assert_false (alga_auth_has_pending_sign_in (fixture->auth));
}

static void
test_parse_callback (void)
{
  static const struct {
    const char *uri;
    const char *ott;
    const char *state;
    const char *error_code;
  } good[] = {
    { "alga://auth/callback?ott=abc_DEF-123&state=st1", "abc_DEF-123", "st1", NULL },
    { "alga:///auth/callback?ott=o&state=s", "o", "s", NULL },
    { "ALGA://Auth/callback?state=s&ott=o", "o", "s", NULL },
    { "alga://auth/callback?ott=o%2Bx&state=s%3D&other=1", "o+x", "s=", NULL },
    { "alga://auth/callback?ott=o&state=s#_=_", "o", "s", NULL },
    { "alga://auth/callback?error=client_not_allowed&state=s", NULL, "s", "client_not_allowed" },
    { "alga://auth/callback?error=rate_limited&state=s&ott=o", NULL, "s", "rate_limited" },
  };
  static const char *bad[] = {
    "",
    "junk",
    "alga:",
    "alga://auth/callback",
    "alga://auth/callback?",
    "alga://auth/callback?state=s",                /* no ott */
    "alga://auth/callback?ott=o",                  /* no state */
    "alga://auth/callback?ott=&state=s",
    "alga://auth/callback?error=rate_limited",
    "alga://auth/callback?ott=o&ott=p&state=s",    /* twice */
    "alga://auth/callback?ott=o%0A&state=s",       /* a control character */
    "alga://auth/callback?ott=o%20p&state=s",
    "https://auth/callback?ott=o&state=s",         /* scheme */
    "myapp://auth/callback?ott=o&state=s",
    "alga://evil/callback?ott=o&state=s",          /* host */
    "alga://evil/auth/callback?ott=o&state=s",
    "alga://auth/callbacks?ott=o&state=s",         /* path */
    "alga://auth/?ott=o&state=s",
    "alga:///callback?ott=o&state=s",
    "alga://user@auth/callback?ott=o&state=s",
    "alga://auth:99/callback?ott=o&state=s",
    "alga://auth/callback?ott=%ZZ&state=s",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ott = NULL;
      g_autofree char *state = NULL;
      g_autofree char *error_code = NULL;

      g_test_message ("good: %s", good[i].uri);
      g_assert_true (alga_auth_parse_callback (good[i].uri, &ott, &state, &error_code, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (ott, ==, good[i].ott);
      g_assert_cmpstr (state, ==, good[i].state);
      g_assert_cmpstr (error_code, ==, good[i].error_code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ott = NULL;
      g_autofree char *state = NULL;
      g_autofree char *error_code = NULL;

      g_test_message ("bad: %s", bad[i]);
      g_assert_false (alga_auth_parse_callback (bad[i], &ott, &state, &error_code, &error));
      g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);
      g_assert_null (ott);
      g_assert_null (state);
      g_assert_null (error_code);
    }

  /* Too long to be the server's. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GString) huge = g_string_new ("alga://auth/callback?state=s&ott=");

    for (guint i = 0; i < 5000; i++)
      g_string_append_c (huge, 'a');
    g_assert_false (alga_auth_parse_callback (huge->str, NULL, NULL, NULL, &error));
    g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);
  }
}

static void
test_browser_round_trip (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaTokenBundle) again = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *url = NULL;
  g_autofree char *callback = NULL;
  g_autofree char *state = NULL;
  g_autofree char *expected_state = NULL;
  const char *key;
  GTimeSpan ttl;

  url = alga_auth_begin_browser_sign_in (fixture->auth, &error);
  g_assert_no_error (error);
  callback = browse_sign_in (url);
  g_assert_true (g_str_has_prefix (callback, "alga://auth/callback?"));
  g_assert_true (alga_auth_parse_callback (callback, NULL, &state, NULL, &error));
  expected_state = state_of (url);
  g_assert_cmpstr (state, ==, expected_state);

  bundle = complete (fixture->auth, callback, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundle);

  g_assert_cmpstr (alga_token_bundle_get_server_url (bundle), ==,
                   alga_test_server_get_url (fixture->server));
  g_assert_cmpstr (alga_token_bundle_get_user_id (bundle), ==,
                   alga_test_server_get_user_id (fixture->server));
  g_assert_cmpstr (alga_token_bundle_get_user_email (bundle), ==,
                   alga_test_server_get_user_email (fixture->server));
  g_assert_nonnull (alga_token_bundle_get_user_name (bundle));
  g_assert_cmpstr (alga_token_bundle_get_tenant_id (bundle), ==,
                   alga_test_server_get_tenant_id (fixture->server));
  key = alga_token_bundle_get_access_key (bundle);
  g_assert_cmpuint (strlen (key), ==, 64);
  g_assert_true (alga_token_bundle_can_refresh (bundle));
  ttl = g_date_time_difference (alga_token_bundle_get_expires_at (bundle), now);
  g_assert_cmpint (ttl, >, 28700 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (ttl, <=, 28810 * G_TIME_SPAN_SECOND);
  g_assert_false (alga_auth_has_pending_sign_in (fixture->auth));

  /* One exchange, with the device block filled in and no key sent. */
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", EXCHANGE_PATH),
                    ==, 1);
  requests = alga_test_server_dup_requests (fixture->server);
  for (guint i = 0; i < requests->len; i++)
    {
      AlgaTestRequest *request = g_ptr_array_index (requests, i);
      g_autofree char *device_id = NULL;

      if (!g_str_equal (request->path, EXCHANGE_PATH))
        continue;
      g_assert_null (request->api_key);
      g_assert_nonnull (strstr (request->body, "\"platform\":\"linux\""));
      g_assert_nonnull (strstr (request->body, "\"appVersion\":\"" PACKAGE_VERSION "\""));
      device_id = g_strdup_printf ("\"deviceId\":\"%s\"",
                                   alga_auth_get_device_id (fixture->auth));
      g_assert_nonnull (strstr (request->body, device_id));
    }

  /* The same callback again: refused here, without asking the server. */
  again = complete (fixture->auth, callback, &error);
  g_assert_null (again);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_STATE_MISMATCH);
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", EXCHANGE_PATH),
                    ==, 1);
}

static void
test_wrong_state (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *first_callback = NULL;
  g_autofree char *url = NULL;
  g_autofree char *callback = NULL;
  g_autofree char *ott = NULL;
  g_autofree char *forged = NULL;

  /* A callback of an earlier attempt: the newer begin replaced its state. */
  first_url = alga_auth_begin_browser_sign_in (fixture->auth, &error);
  g_assert_no_error (error);
  first_callback = browse_sign_in (first_url);
  url = alga_auth_begin_browser_sign_in (fixture->auth, &error);
  g_assert_no_error (error);
  callback = browse_sign_in (url);

  bundle = complete (fixture->auth, first_callback, &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_STATE_MISMATCH);
  g_clear_error (&error);

  /* A forged state with a real one-time token. */
  g_assert_true (alga_auth_parse_callback (callback, &ott, NULL, NULL, &error));
  forged = g_strdup_printf ("alga://auth/callback?ott=%s&state=not-the-state", ott);
  bundle = complete (fixture->auth, forged, &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_STATE_MISMATCH);
  g_clear_error (&error);

  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", EXCHANGE_PATH),
                    ==, 0);

  /* Refusing them did not end the attempt in progress. */
  g_assert_true (alga_auth_has_pending_sign_in (fixture->auth));
  bundle = complete (fixture->auth, callback, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundle);
}

static void
test_no_pending (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;

  bundle = complete (fixture->auth, "alga://auth/callback?ott=o&state=s", &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_STATE_MISMATCH);
  g_clear_error (&error);

  bundle = complete (fixture->auth, "https://example.com/", &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);

  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", EXCHANGE_PATH),
                    ==, 0);
}

static void
test_callback_errors (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autofree char *url = NULL;
  g_autofree char *callback = NULL;
  g_autofree char *state = NULL;
  g_autofree char *rate_limited = NULL;

  /* Someone signed in to the browser as a client portal user. */
  alga_test_server_set_browser_user (fixture->server, "00000000-0000-4000-8000-00000000c11e");
  url = alga_auth_begin_browser_sign_in (fixture->auth, &error);
  g_assert_no_error (error);
  callback = browse_sign_in (url);
  g_assert_nonnull (strstr (callback, "error=client_not_allowed"));
  bundle = complete (fixture->auth, callback, &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* The hand-off's rate limit. */
  g_clear_pointer (&url, g_free);
  url = alga_auth_begin_browser_sign_in (fixture->auth, &error);
  g_assert_no_error (error);
  state = state_of (url);
  rate_limited = g_strdup_printf ("alga://auth/callback?error=rate_limited&state=%s", state);
  bundle = complete (fixture->auth, rate_limited, &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_RATE_LIMITED);

  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", EXCHANGE_PATH),
                    ==, 0);
}

static void
test_community_edition (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaAuthCapabilities) caps = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *callback = NULL;

  alga_test_server_set_edition (fixture->server, ALGA_TEST_EDITION_COMMUNITY);

  alga_auth_check_capabilities_async (fixture->auth, NULL, alga_test_store_result_cb, &result);
  caps = alga_auth_check_capabilities_finish (fixture->auth,
                                              alga_test_wait_for_result (&result, 10000),
                                              &error);
  g_assert_no_error (error);
  g_assert_false (caps->enabled);

  /* The hand-off works on Community Edition; only the exchange says no. */
  url = alga_auth_begin_browser_sign_in (fixture->auth, &error);
  g_assert_no_error (error);
  callback = browse_sign_in (url);
  bundle = complete (fixture->auth, callback, &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "API key"));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "POST", EXCHANGE_PATH),
                    ==, 1);
}

static void
test_capabilities (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaAuthCapabilities) caps = NULL;
  g_autoptr(AlgaAuthCapabilities) copy = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  AlgaTestRequest *request;

  alga_auth_check_capabilities_async (fixture->auth, NULL, alga_test_store_result_cb, &result);
  caps = alga_auth_check_capabilities_finish (fixture->auth,
                                              alga_test_wait_for_result (&result, 10000),
                                              &error);
  g_assert_no_error (error);
  g_assert_true (caps->enabled);
  g_assert_false (caps->microsoft);
  g_assert_false (caps->google);
  g_assert_null (caps->hosted_domain_allowlist);
  g_assert_cmpuint (caps->access_ttl_sec, ==, 28800);
  g_assert_cmpuint (caps->refresh_ttl_sec, ==, 2592000);
  g_assert_cmpuint (caps->ott_ttl_sec, ==, 60);

  copy = alga_auth_capabilities_copy (caps);
  g_assert_cmpuint (copy->access_ttl_sec, ==, 28800);

  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->path, ==, "/api/v1/mobile/auth/capabilities");
  g_assert_null (request->api_key);
}

/* An older server without the route: only keys, not an error. */
static void
test_capabilities_missing (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaAuthCapabilities) caps = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  AlgaTestFault fault = { .kind = ALGA_TEST_FAULT_STATUS, .status = 404,
                          .body = "<html>404</html>", .content_type = "text/html" };

  alga_test_server_add_fault (fixture->server, "GET", "/api/v1/mobile/auth/capabilities",
                              &fault);
  alga_auth_check_capabilities_async (fixture->auth, NULL, alga_test_store_result_cb, &result);
  caps = alga_auth_check_capabilities_finish (fixture->auth,
                                              alga_test_wait_for_result (&result, 10000),
                                              &error);
  g_assert_no_error (error);
  g_assert_false (caps->enabled);
  g_assert_cmpuint (caps->access_ttl_sec, ==, 0);
}

static void
test_key_sign_in (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autofree char *pasted = NULL;
  g_autofree char *shouted = NULL;
  const char *key = alga_test_server_get_api_key (fixture->server);
  g_autoptr(GPtrArray) requests = NULL;
  AlgaTestRequest *request;

  /* As pasted from a web page, and the address typed in capitals. */
  pasted = g_strdup_printf ("  %s\n", key);
  shouted = g_ascii_strup (alga_test_server_get_user_email (fixture->server), -1);

  bundle = sign_in_with_key (fixture->auth, pasted, shouted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_token_bundle_get_user_id (bundle), ==,
                   alga_test_server_get_user_id (fixture->server));
  g_assert_cmpstr (alga_token_bundle_get_user_email (bundle), ==,
                   alga_test_server_get_user_email (fixture->server));
  g_assert_nonnull (alga_token_bundle_get_user_name (bundle));
  g_assert_cmpstr (alga_token_bundle_get_access_key (bundle), ==, key);
  g_assert_cmpstr (alga_token_bundle_get_server_url (bundle), ==,
                   alga_test_server_get_url (fixture->server));
  g_assert_null (alga_token_bundle_get_refresh_token (bundle));
  g_assert_null (alga_token_bundle_get_expires_at (bundle));
  g_assert_cmpstr (alga_token_bundle_get_identity (bundle), ==, ALGA_IDENTITY_USER_LIST);

  /* One validating call, with the key. */
  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/api/v1/users");
  g_assert_cmpstr (request->api_key, ==, key);
  g_assert_nonnull (strstr (request->query, "search="));
}

static void
test_key_bad_format (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *key = alga_test_server_get_api_key (fixture->server);
  const char *email = alga_test_server_get_user_email (fixture->server);
  g_autofree char *short_key = g_strndup (key, 63);
  g_autofree char *long_key = g_strconcat (key, "0", NULL);
  g_autofree char *not_hex = g_strdup (key);
  g_autofree char *inner_space = g_strdup (key);
  const char *bad_keys[] = { "", "abc", short_key, long_key, not_hex, inner_space };
  const char *bad_emails[] = { "", "glinda", "@example.com", "a@", "a b@example.com",
                               "a@b@example.com", "a@example..com" };

  not_hex[10] = 'g';
  inner_space[32] = ' ';

  for (guint i = 0; i < G_N_ELEMENTS (bad_keys); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlgaTokenBundle) bundle = sign_in_with_key (fixture->auth, bad_keys[i], email,
                                                            &error);

      g_assert_null (bundle);
      g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "64 characters"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlgaTokenBundle) bundle = sign_in_with_key (fixture->auth, key, bad_emails[i],
                                                            &error);

      g_test_message ("bad e-mail: %s", bad_emails[i]);
      g_assert_null (bundle);
      g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INVALID_INPUT);
    }

  /* None of these reached the server. */
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, NULL, "*"), ==, 0);
}

static void
test_key_wrong (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;

  bundle = sign_in_with_key (fixture->auth,
                             "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                             alga_test_server_get_user_email (fixture->server), &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "not accepted"));
  g_assert_cmpuint (alga_test_server_count_requests (fixture->server, "GET", "/api/v1/users"),
                    ==, 1);
}

static void
test_key_unknown_email (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;

  bundle = sign_in_with_key (fixture->auth, alga_test_server_get_api_key (fixture->server),
                             "nobody-here@example.org", &error);
  g_assert_null (bundle);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nobody-here@example.org"));
}

/* A Technician's key may not list users: its own activities feed names the user, and a ticket
 * assigned to them shows the e-mail, which must be the one typed. */
static void
test_key_technician (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  g_autoptr(AlgaTokenBundle) other = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *shouted = g_ascii_strup (alga_test_server_get_user_email (fixture->server), -1);
  const char *key = alga_test_server_get_api_key (fixture->server);

  alga_test_server_set_role (fixture->server, ALGA_TEST_ROLE_TECHNICIAN);
  bundle = sign_in_with_key (fixture->auth, key, shouted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_token_bundle_get_user_id (bundle), ==, alga_test_server_get_user_id (fixture->server));
  g_assert_cmpstr (alga_token_bundle_get_user_email (bundle), ==, alga_test_server_get_user_email (fixture->server));
  g_assert_nonnull (alga_token_bundle_get_user_name (bundle));
  g_assert_nonnull (alga_token_bundle_get_tenant_id (bundle));
  g_assert_cmpstr (alga_token_bundle_get_identity (bundle), ==, ALGA_IDENTITY_ASSIGNED_TICKET);

  requests = alga_test_server_dup_requests (fixture->server);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpuint (((AlgaTestRequest *) g_ptr_array_index (requests, 0))->status, ==, 403);
  g_assert_cmpstr (((AlgaTestRequest *) g_ptr_array_index (requests, 1))->path, ==, "/api/v1/activities");
  g_assert_true (g_str_has_suffix (((AlgaTestRequest *) g_ptr_array_index (requests, 2))->path, "/agents"));
  for (guint i = 0; i < requests->len; i++)
    g_assert_cmpstr (((AlgaTestRequest *) g_ptr_array_index (requests, i))->api_key, ==, key);

  /* The key is someone else's than the address typed: said, never switched silently. */
  other = sign_in_with_key (fixture->auth, key, "someone.else@example.com", &error);
  g_assert_null (other);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, alga_test_server_get_user_email (fixture->server)));
  g_assert_nonnull (strstr (error->message, "someone.else@example.com"));
}

static void
log_ad_hoc_time (AlgaTestServer *server)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *services_url = g_strconcat (alga_test_server_get_url (server), "/api/v1/services?limit=1", NULL);
  g_autofree char *entries_url = g_strconcat (alga_test_server_get_url (server), "/api/v1/time-entries", NULL);
  g_autoptr(AlgaTestResponse) services = NULL;
  g_autoptr(AlgaTestResponse) created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *body = NULL;
  AlgaTestRole role = alga_test_server_get_role (server);

  alga_test_server_set_role (server, ALGA_TEST_ROLE_ADMIN);
  services = alga_test_http (session, "GET", services_url, alga_test_server_get_api_key (server), NULL, NULL);
  alga_test_server_set_role (server, role);
  body = g_strdup_printf ("{\"work_item_type\":\"ad_hoc\",\"service_id\":\"%s\","
                          "\"start_time\":\"%sT05:00:00Z\",\"end_time\":\"%sT05:15:00Z\"}",
                          alga_test_json_string (services->json, "data.0.service_id"), day, day);
  created = alga_test_http (session, "POST", entries_url, alga_test_server_get_api_key (server), body, NULL);
  g_assert_cmpuint (created->status, ==, 201);
}

/* A new technician with no tickets: only their own time entries name them, without e-mail. The
 * person is asked (by the sign-in page) before the account is kept. With no work at all, the
 * error says what to do. */
static void
test_key_technician_without_tickets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaTestServer) server = alga_test_server_new_full (1, 0, ALGA_TEST_EDITION_COMMUNITY, 0, &error);
  g_autoptr(AlgaClient) client = NULL;
  g_autoptr(AlgaAuth) auth = NULL;
  g_autoptr(AlgaTokenBundle) none = NULL;
  g_autoptr(AlgaTokenBundle) bundle = NULL;
  const char *key = alga_test_server_get_api_key (server);
  const char *email = alga_test_server_get_user_email (server);

  g_assert_no_error (error);
  client = alga_client_new (alga_test_server_get_url (server), &error);
  auth = alga_auth_new (client);
  alga_test_server_set_role (server, ALGA_TEST_ROLE_TECHNICIAN);

  none = sign_in_with_key (auth, key, email, &error);
  g_assert_null (none);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "Ask a colleague to assign a ticket to you"));
  g_clear_error (&error);

  log_ad_hoc_time (server);
  bundle = sign_in_with_key (auth, key, email, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alga_token_bundle_get_identity (bundle), ==, ALGA_IDENTITY_OWN_WORK);
  g_assert_cmpstr (alga_token_bundle_get_user_id (bundle), ==, alga_test_server_get_user_id (server));
  g_assert_cmpstr (alga_token_bundle_get_user_email (bundle), ==, email);
  g_assert_nonnull (alga_token_bundle_get_user_name (bundle));
  g_assert_cmpuint (alga_test_server_count_requests (server, "GET", "/api/v1/tickets/*/agents"), ==, 0);

  g_clear_object (&auth);
  g_clear_object (&client);
  alga_test_server_stop (server);
}

/* Before any account exists, the sign-in flows of a typed address bring their own client; a
 * wrong address is refused with the client's own sentence. */
static void
test_new_for_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlgaAuth) auth = NULL;

  auth = alga_auth_new_for_server ("https://Psa.Example.com/", &error);
  g_assert_no_error (error);
  g_assert_nonnull (auth);
  g_assert_cmpstr (alga_client_get_base_url (alga_auth_get_client (auth)), ==, "https://psa.example.com");
  g_clear_object (&auth);

  auth = alga_auth_new_for_server ("http://psa.example.com", &error);
  g_assert_null (auth);
  g_assert_error (error, ALGA_API_ERROR, ALGA_API_ERROR_INSECURE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/auth/sign-in-url", test_sign_in_url);
  g_test_add_func ("/auth/parse-callback", test_parse_callback);
  g_test_add_func ("/auth/new-for-server", test_new_for_server);
  ADD ("/auth/capabilities", test_capabilities);
  ADD ("/auth/capabilities-missing", test_capabilities_missing);
  ADD ("/auth/browser/round-trip", test_browser_round_trip);
  ADD ("/auth/browser/wrong-state", test_wrong_state);
  ADD ("/auth/browser/no-pending", test_no_pending);
  ADD ("/auth/browser/callback-errors", test_callback_errors);
  ADD ("/auth/browser/community-edition", test_community_edition);
  ADD ("/auth/key/sign-in", test_key_sign_in);
  ADD ("/auth/key/bad-format", test_key_bad_format);
  ADD ("/auth/key/wrong", test_key_wrong);
  ADD ("/auth/key/unknown-email", test_key_unknown_email);
  ADD ("/auth/key/technician", test_key_technician);
  g_test_add_func ("/auth/key/technician-without-tickets", test_key_technician_without_tickets);

#undef ADD

  return g_test_run ();
}
