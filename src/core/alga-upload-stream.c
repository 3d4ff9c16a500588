/* alga-upload-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A multipart body read in one pass: the part's head, the file as it is read from disk, and
 * the closing boundary. A file of up to 100 MB is never held in memory whole.
 *
 * libsoup reads a request body from a worker thread (a blocking stream has no async reads of
 * its own), one read at a time; nothing here is touched by anyone else meanwhile.
 */

#define G_LOG_DOMAIN "alga-upload-stream"

#include "config.h"

#include "alga-upload-stream.h"

#include <string.h>

struct _AlgaUploadStream
{
  GInputStream  parent_instance;

  GBytes       *head;
  GInputStream *body;
  GBytes       *tail;
  gsize         offset;  /* in the piece being read */
  guint         piece;   /* 0 head, 1 body, 2 tail, 3 done */
};

G_DEFINE_FINAL_TYPE (AlgaUploadStream, alga_upload_stream, G_TYPE_INPUT_STREAM)

static gssize
read_bytes_piece (AlgaUploadStream *self,
                  GBytes           *bytes,
                  void             *buffer,
                  gsize             count)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize n = MIN (count, size - self->offset);

  memcpy (buffer, data + self->offset, n);
  self->offset += n;
  if (self->offset == size)
    {
      self->piece++;
      self->offset = 0;
    }
  return n;
}

static gssize
alga_upload_stream_read (GInputStream  *stream,
                         void          *buffer,
                         gsize          count,
                         GCancellable  *cancellable,
                         GError       **error)
{
  AlgaUploadStream *self = ALGA_UPLOAD_STREAM (stream);

  while (self->piece < 3)
    {
      gssize n;

      if (self->piece == 1)
        {
          n = g_input_stream_read (self->body, buffer, count, cancellable, error);
          if (n != 0)
            return n;
          self->piece++;
          continue;
        }
      if (g_bytes_get_size (self->piece == 0 ? self->head : self->tail) == 0)
        {
          self->piece++;
          continue;
        }
      return read_bytes_piece (self, self->piece == 0 ? self->head : self->tail, buffer, count);
    }
  return 0;
}

static gboolean
alga_upload_stream_close (GInputStream  *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  AlgaUploadStream *self = ALGA_UPLOAD_STREAM (stream);

  return g_input_stream_close (self->body, cancellable, error);
}

static void
alga_upload_stream_finalize (GObject *object)
{
  AlgaUploadStream *self = ALGA_UPLOAD_STREAM (object);

  g_clear_pointer (&self->head, g_bytes_unref);
  g_clear_object (&self->body);
  g_clear_pointer (&self->tail, g_bytes_unref);

  G_OBJECT_CLASS (alga_upload_stream_parent_class)->finalize (object);
}

static void
alga_upload_stream_class_init (AlgaUploadStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = alga_upload_stream_finalize;
  stream_class->read_fn = alga_upload_stream_read;
  stream_class->close_fn = alga_upload_stream_close;
}

static void
alga_upload_stream_init (AlgaUploadStream *self)
{
}

/**
 * alga_upload_stream_new:
 * @head: what comes first
 * @body: the stream to read in between; closing the upload stream closes it
 * @tail: what comes last
 *
 * Returns: (transfer full): a stream of @head, then @body, then @tail
 */
GInputStream *
alga_upload_stream_new (GBytes       *head,
                        GInputStream *body,
                        GBytes       *tail)
{
  AlgaUploadStream *self;

  g_return_val_if_fail (head != NULL && tail != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (body), NULL);

  self = g_object_new (ALGA_TYPE_UPLOAD_STREAM, NULL);
  self->head = g_bytes_ref (head);
  self->body = g_object_ref (body);
  self->tail = g_bytes_ref (tail);
  return G_INPUT_STREAM (self);
}
