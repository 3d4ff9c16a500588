/* alga-comment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alga-comment"

#include "config.h"

#include "alga-comment.h"
#include "alga-error.h"
#include "alga-json.h"
#include "alga-reaction.h"

/* Declared before the struct, which keeps one GValue per property. */
enum
{
  PROP_0,
  PROP_COMMENT_ID,
  PROP_TICKET_ID,
  PROP_THREAD_ID,
  PROP_PARENT_COMMENT_ID,
  PROP_USER_ID,
  PROP_CONTACT_ID,
  PROP_AUTHOR_TYPE,
  PROP_TEXT,
  PROP_COMMENT_HTML,
  PROP_MARKDOWN_CONTENT,
  PROP_IS_INTERNAL,
  PROP_IS_RESOLUTION,
  PROP_IS_SYSTEM_GENERATED,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  PROP_CREATED_BY_NAME,
  PROP_AUTHOR_CONTACT_NAME,
  PROP_PUBLISH_STATE,
  N_PROPS
};

struct _AlgaComment
{
  GObject    parent_instance;

  GValue     values[N_PROPS];
  GPtrArray *reactions;  /* AlgaReaction */
};

G_DEFINE_FINAL_TYPE (AlgaComment, alga_comment, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The JSON member each property is read from; NULL ones are decoded by hand. */
static const char * const members[N_PROPS] = {
  [PROP_COMMENT_ID] = "comment_id",
  [PROP_TICKET_ID] = "ticket_id",
  [PROP_THREAD_ID] = "thread_id",
  [PROP_PARENT_COMMENT_ID] = "parent_comment_id",
  [PROP_USER_ID] = "user_id",
  [PROP_CONTACT_ID] = "contact_id",
  [PROP_AUTHOR_TYPE] = "author_type",
  [PROP_TEXT] = "comment_text",
  [PROP_COMMENT_HTML] = "comment_html",
  [PROP_MARKDOWN_CONTENT] = "markdown_content",
  [PROP_IS_INTERNAL] = "is_internal",
  [PROP_IS_RESOLUTION] = "is_resolution",
  [PROP_IS_SYSTEM_GENERATED] = "is_system_generated",
  [PROP_CREATED_AT] = "created_at",
  [PROP_UPDATED_AT] = "updated_at",
  [PROP_DELETED_AT] = "deleted_at",
  [PROP_CREATED_BY_NAME] = "created_by_name",
  [PROP_AUTHOR_CONTACT_NAME] = "author_contact_name",
  [PROP_PUBLISH_STATE] = "publish_state",
};

static void
alga_comment_finalize (GObject *object)
{
  AlgaComment *self = ALGA_COMMENT (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);
  g_clear_pointer (&self->reactions, g_ptr_array_unref);

  G_OBJECT_CLASS (alga_comment_parent_class)->finalize (object);
}

static void
alga_comment_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlgaComment *self = ALGA_COMMENT (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
alga_comment_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlgaComment *self = ALGA_COMMENT (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    {
      if (alga_json_value_replace (&self->values[prop_id], value))
        g_object_notify_by_pspec (object, pspec);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alga_comment_class_init (AlgaCommentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alga_comment_finalize;
  object_class->get_property = alga_comment_get_property;
  object_class->set_property = alga_comment_set_property;

  properties[PROP_COMMENT_ID] =
    g_param_spec_string ("comment-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TICKET_ID] =
    g_param_spec_string ("ticket-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_THREAD_ID] =
    g_param_spec_string ("thread-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PARENT_COMMENT_ID] =
    g_param_spec_string ("parent-comment-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CONTACT_ID] =
    g_param_spec_string ("contact-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_AUTHOR_TYPE] =
    g_param_spec_string ("author-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_COMMENT_HTML] =
    g_param_spec_string ("comment-html", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MARKDOWN_CONTENT] =
    g_param_spec_string ("markdown-content", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_INTERNAL] =
    g_param_spec_boolean ("is-internal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_RESOLUTION] =
    g_param_spec_boolean ("is-resolution", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IS_SYSTEM_GENERATED] =
    g_param_spec_boolean ("is-system-generated", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DELETED_AT] =
    g_param_spec_boxed ("deleted-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CREATED_BY_NAME] =
    g_param_spec_string ("created-by-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_AUTHOR_CONTACT_NAME] =
    g_param_spec_string ("author-contact-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PUBLISH_STATE] =
    g_param_spec_string ("publish-state", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alga_comment_init (AlgaComment *self)
{
  self->reactions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/* Reads member into an empty property: the second name a field goes by. */
static void
fill_from (AlgaComment *self,
           guint        prop_id,
           JsonObject  *object,
           const char  *member)
{
  if (g_value_get_string (&self->values[prop_id]) == NULL)
    alga_json_read_value (object, member, &self->values[prop_id]);
}

/**
 * alga_comment_new_from_json:
 * @node: (nullable): the JSON of one item
 * @error: return location for an error
 *
 * Decodes a comment of GET /tickets/{id}/comments in either format (full or markdown),
 * or the answer of POST. The markdown format has no user_id and no body but markdown_content;
 * created_by and author_contact_id stand in for the missing ids.
 *
 * Returns: (transfer full) (nullable): a new #AlgaComment, or %NULL with %ALGA_API_ERROR_BAD_RESPONSE
 */
AlgaComment *
alga_comment_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(AlgaComment) self = NULL;
  JsonObject *object;
  JsonNode *reactions;

  object = alga_json_require_object (node, "comment_id", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (ALGA_TYPE_COMMENT, NULL);
  alga_json_read_values (object, members, self->values, N_PROPS);

  fill_from (self, PROP_TEXT, object, "note");
  fill_from (self, PROP_USER_ID, object, "created_by");
  fill_from (self, PROP_CONTACT_ID, object, "author_contact_id");

  /* Only the list has reactions; an entry that cannot be read is left out, not the comment. */
  reactions = json_object_get_member (object, "reactions");
  if (reactions != NULL && JSON_NODE_HOLDS_ARRAY (reactions))
    {
      JsonArray *array = json_node_get_array (reactions);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          AlgaReaction *reaction = alga_reaction_new_from_json (json_array_get_element (array, i), NULL);

          if (reaction != NULL)
            g_ptr_array_add (self->reactions, reaction);
        }
    }

  return g_steal_pointer (&self);
}

/**
 * alga_comment_to_json:
 * @self: a #AlgaComment
 *
 * Writes @self under the members alga_comment_new_from_json() reads, so that decoding the result
 * gives an equal object (the cache stores it so).
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
alga_comment_to_json (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return alga_json_write_values (members, self->values, N_PROPS);
}

const char *
alga_comment_get_comment_id (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_COMMENT_ID]);
}

const char *
alga_comment_get_ticket_id (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_TICKET_ID]);
}

const char *
alga_comment_get_thread_id (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_THREAD_ID]);
}

const char *
alga_comment_get_parent_comment_id (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_PARENT_COMMENT_ID]);
}

const char *
alga_comment_get_user_id (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_USER_ID]);
}

const char *
alga_comment_get_contact_id (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_CONTACT_ID]);
}

const char *
alga_comment_get_author_type (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_AUTHOR_TYPE]);
}

const char *
alga_comment_get_text (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_TEXT]);
}

const char *
alga_comment_get_comment_html (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_COMMENT_HTML]);
}

const char *
alga_comment_get_markdown_content (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_MARKDOWN_CONTENT]);
}

gboolean
alga_comment_get_is_internal (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_INTERNAL]);
}

gboolean
alga_comment_get_is_resolution (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_RESOLUTION]);
}

gboolean
alga_comment_get_is_system_generated (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), FALSE);

  return g_value_get_boolean (&self->values[PROP_IS_SYSTEM_GENERATED]);
}

GDateTime *
alga_comment_get_created_at (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_boxed (&self->values[PROP_CREATED_AT]);
}

GDateTime *
alga_comment_get_updated_at (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_boxed (&self->values[PROP_UPDATED_AT]);
}

GDateTime *
alga_comment_get_deleted_at (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_boxed (&self->values[PROP_DELETED_AT]);
}

const char *
alga_comment_get_created_by_name (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_CREATED_BY_NAME]);
}

const char *
alga_comment_get_author_contact_name (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_AUTHOR_CONTACT_NAME]);
}

const char *
alga_comment_get_publish_state (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return g_value_get_string (&self->values[PROP_PUBLISH_STATE]);
}

/**
 * alga_comment_get_author_kind:
 * @self: a comment
 *
 * Who wrote @self. The server's author_type is "unknown" for comments written through the API
 * and for seeded ones, even by staff, so it only breaks a tie: a system flag wins, then
 * a user id (internal), then a contact id.
 *
 * Returns: the kind of author
 */
AlgaCommentAuthorKind
alga_comment_get_author_kind (AlgaComment *self)
{
  const char *author_type;

  g_return_val_if_fail (ALGA_IS_COMMENT (self), ALGA_COMMENT_AUTHOR_SYSTEM);

  if (g_value_get_boolean (&self->values[PROP_IS_SYSTEM_GENERATED]))
    return ALGA_COMMENT_AUTHOR_SYSTEM;
  if (g_value_get_string (&self->values[PROP_USER_ID]) != NULL)
    return ALGA_COMMENT_AUTHOR_INTERNAL;
  if (g_value_get_string (&self->values[PROP_CONTACT_ID]) != NULL)
    return ALGA_COMMENT_AUTHOR_CONTACT;

  author_type = g_value_get_string (&self->values[PROP_AUTHOR_TYPE]);
  if (g_strcmp0 (author_type, "internal") == 0)
    return ALGA_COMMENT_AUTHOR_INTERNAL;
  if (g_strcmp0 (author_type, "client") == 0 || g_strcmp0 (author_type, "contact") == 0)
    return ALGA_COMMENT_AUTHOR_CONTACT;

  return ALGA_COMMENT_AUTHOR_SYSTEM;
}

/**
 * alga_comment_get_reactions:
 * @self: a comment
 *
 * The reactions on @self as the comment list gives them: one per emoji, in the order each was
 * first chosen. Empty for a comment from any other answer (a post or an edit).
 *
 * Returns: (transfer none) (element-type AlgaReaction): the reactions
 */
GPtrArray *
alga_comment_get_reactions (AlgaComment *self)
{
  g_return_val_if_fail (ALGA_IS_COMMENT (self), NULL);

  return self->reactions;
}
