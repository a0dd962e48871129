import * as z from 'zod/mini';
import type { ClientContext } from './context';
import { requestJsonResponse } from './request';

/** MediaAttachment, reduced to what the composer needs. `url` is null while processing. */
export const MediaAttachmentSchema = z.object({
  id: z.pipe(z.union([z.string(), z.number()]), z.transform(String)),
  type: z.catch(z._default(z.string(), 'unknown'), 'unknown'),
  url: z.catch(z._default(z.nullable(z.string()), null), null),
  preview_url: z.catch(z._default(z.nullable(z.string()), null), null),
  description: z.catch(z._default(z.nullable(z.string()), null), null),
});
export type MediaAttachment = z.infer<typeof MediaAttachmentSchema>;

export interface MediaUpload {
  file: Blob;
  fileName: string;
  description?: string;
  /** "x,y" each in -1..1. */
  focus?: string;
}

/**
 * POST /api/v2/media. 200 → ready; 202 → still processing (`url` null): poll
 * getMedia until it is ready. Servers that are ready at once answer 200.
 * @see https://docs.joinmastodon.org/methods/media/#v2
 */
export async function uploadMedia(ctx: ClientContext, token: string, upload: MediaUpload) {
  const form = new FormData();
  form.append('file', upload.file, upload.fileName);
  if (upload.description) form.append('description', upload.description);
  if (upload.focus) form.append('focus', upload.focus);
  const { status, data } = await requestJsonResponse(ctx, '/api/v2/media', {
    method: 'POST',
    multipart: form,
    token,
    schema: MediaAttachmentSchema,
  });
  return { attachment: data, processing: status === 202 || data.url === null };
}

/**
 * GET /api/v1/media/:id: 206 while processing, 200 once ready.
 * @see https://docs.joinmastodon.org/methods/media/#get
 */
export async function getMedia(ctx: ClientContext, token: string, id: string) {
  const { status, data } = await requestJsonResponse(ctx, `/api/v1/media/${encodeURIComponent(id)}`, {
    token,
    schema: MediaAttachmentSchema,
  });
  return { attachment: data, processing: status === 206 };
}

/**
 * PUT /api/v1/media/:id: alt text changed after the upload.
 * @see https://docs.joinmastodon.org/methods/media/#update
 */
export async function updateMedia(ctx: ClientContext, token: string, id: string, description: string) {
  const { data } = await requestJsonResponse(ctx, `/api/v1/media/${encodeURIComponent(id)}`, {
    method: 'PUT',
    form: { description },
    token,
    schema: MediaAttachmentSchema,
  });
  return data;
}
