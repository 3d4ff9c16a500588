/* alga-send-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Comment sends are never retried blindly: after a send that may have reached the server, the
 * composer asks the server whether it has the comment before it offers to send again.
 */

#define G_LOG_DOMAIN "alga-send-check"

#include "config.h"

#include "alga-send-check.h"

#include "alga-blocknote.h"
#include "alga-error.h"

/* The server's clock and ours may differ by this much. */
#define CLOCK_SLACK_S 120
/* The newest comments are enough: ours was sent moments ago. */
#define COMMENTS_LIMIT 200

typedef struct
{
  char      *user_id;
  char      *text;
  GDateTime *since;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_free (data->user_id);
  g_free (data->text);
  g_clear_pointer (&data->since, g_date_time_unref);
  g_free (data);
}

/**
 * alga_send_check_may_have_arrived:
 * @error: why a send failed
 *
 * Returns: %TRUE if the request may have been carried out although no answer said so
 */
gboolean
alga_send_check_may_have_arrived (const GError *error)
{
  if (error == NULL || error->domain != ALGA_API_ERROR)
    return FALSE;

  switch ((AlgaApiError) error->code)
    {
    case ALGA_API_ERROR_SERVER:
    case ALGA_API_ERROR_NETWORK:
    case ALGA_API_ERROR_TIMEOUT:
    case ALGA_API_ERROR_BAD_RESPONSE:
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
normalized (const char *text)
{
  g_autofree char *plain = alga_blocknote_to_plain_text (text);

  return g_strstrip (g_steal_pointer (&plain));
}

static void
list_comments_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GDateTime) earliest = NULL;
  g_autofree char *wanted = NULL;
  GError *error = NULL;

  comments = alga_client_list_comments_finish (ALGA_CLIENT (source), result, &error);
  if (comments == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  {
    /* Compared as posted: lists and paragraphs arrive as BlockNote blocks. */
    g_autofree char *sent = alga_client_comment_text_for_server (data->text);

    wanted = normalized (sent);
  }
  earliest = g_date_time_add_seconds (data->since, -CLOCK_SLACK_S);

  /* Newest last: look from the end. */
  for (guint i = comments->len; i > 0; i--)
    {
      AlgaComment *comment = g_ptr_array_index (comments, i - 1);
      GDateTime *created = alga_comment_get_created_at (comment);
      g_autofree char *have = NULL;

      if (g_strcmp0 (alga_comment_get_user_id (comment), data->user_id) != 0)
        continue;
      if (created != NULL && g_date_time_compare (created, earliest) < 0)
        continue;

      have = normalized (alga_comment_get_text (comment));
      if (g_strcmp0 (have, wanted) == 0)
        {
          g_task_return_pointer (task, g_object_ref (comment), g_object_unref);
          return;
        }
    }

  g_task_return_pointer (task, NULL, NULL);
}

/**
 * alga_send_check_comment_async:
 * @client: the client
 * @ticket_id: the ticket the comment was sent to
 * @user_id: the technician who sent it
 * @text: the text sent (plain text or BlockNote JSON)
 * @since: when the send started
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answered
 * @user_data: for @callback
 *
 * Asks the server whether a comment sent without a clear answer arrived after all.
 */
void
alga_send_check_comment_async (AlgaClient          *client,
                               const char          *ticket_id,
                               const char          *user_id,
                               const char          *text,
                               GDateTime           *since,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (ALGA_IS_CLIENT (client));
  g_return_if_fail (ticket_id != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (since != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alga_send_check_comment_async);

  data = g_new0 (CheckData, 1);
  data->user_id = g_strdup (user_id);
  data->text = g_strdup (text);
  data->since = g_date_time_ref (since);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  alga_client_list_comments_async (client, ticket_id, 0, COMMENTS_LIMIT, FALSE, cancellable,
                                   list_comments_cb, g_steal_pointer (&task));
}

/**
 * alga_send_check_comment_finish:
 * @result: the result
 * @error: where to put an error if the check itself failed
 *
 * Returns: (transfer full) (nullable): the comment the server has, or %NULL
 */
AlgaComment *
alga_send_check_comment_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
