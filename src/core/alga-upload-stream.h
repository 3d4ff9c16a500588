/* alga-upload-stream.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALGA_TYPE_UPLOAD_STREAM (alga_upload_stream_get_type ())

G_DECLARE_FINAL_TYPE (AlgaUploadStream, alga_upload_stream, ALGA, UPLOAD_STREAM, GInputStream)

GInputStream *alga_upload_stream_new (GBytes       *head,
                                      GInputStream *body,
                                      GBytes       *tail);

G_END_DECLS
