import * as z from 'zod/mini';
import { field } from '../stored-check';
import { IdSchema } from './fields';
import { MAX_RESPONSE_BYTES, type ClientContext } from './context';
import { webUrl } from '../web-url';
import { MastodonError } from './errors';
import { endpointOf, parseResponse, requestJsonResponse } from './request';
import { FileMissing, sendWithStallTimeout, UploadRedirected, type UploadAnswer, type UploadProgress, type UploadTransport } from './upload-transport';
import { WebUrlSchema } from './web-url';

/** MediaAttachment, reduced to what the composer needs. `url` is null while processing. */
export const MediaAttachmentSchema = z.object({
  id: IdSchema,
  type: field(z.string(), 'unknown'),
  /** null while processing; kept as sent, since only its presence tells "ready". */
  url: field(z.nullable(z.string()), null),
  preview_url: WebUrlSchema,
  description: field(z.nullable(z.string()), null),
});
export type MediaAttachment = z.infer<typeof MediaAttachmentSchema>;

/** The image a composer may show for an uploaded attachment: a web URL, or none. */
export function previewOf(attachment: Pick<MediaAttachment, 'url' | 'preview_url'>): string | null {
  return attachment.preview_url ?? (attachment.url === null ? null : webUrl(attachment.url));
}

export interface MediaUpload {
  /** The file's id in the extension's file store (the transport reads it from there). */
  fileId: string;
  fileName: string;
  description?: string;
  /** "x,y" each in -1..1. */
  focus?: string;
}

export interface UploadOptions {
  transport: UploadTransport;
  signal?: AbortSignal;
  /** Overrides UPLOAD_STALL_MS (tests). */
  stallMs?: number;
  onProgress?(progress: UploadProgress): void;
}

/** The person cancelled the upload. */
export class UploadCancelled extends Error {
  override readonly name = 'UploadCancelled';
}

/**
 * POST /api/v2/media. 200 → ready; 202 → still processing (`url` null): poll
 * getMedia until it is ready. Servers that are ready at once answer 200.
 * Fails when progress stalls, never because the whole file takes long.
 * @see https://docs.joinmastodon.org/methods/media/#v2
 */
export async function uploadMedia(ctx: ClientContext, token: string, upload: MediaUpload, options: UploadOptions) {
  const path = '/api/v2/media';
  const endpoint = endpointOf('POST', path);
  const fields: Record<string, string> = {};
  if (upload.description) fields.description = upload.description;
  if (upload.focus) fields.focus = upload.focus;
  let answer: UploadAnswer;
  try {
    answer = await sendWithStallTimeout(
      options.transport,
      {
        url: new URL(path, ctx.origin).href,
        headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
        fields,
        fileId: upload.fileId,
        fileName: upload.fileName,
      },
      options,
    );
  } catch (cause) {
    if (cause instanceof FileMissing) throw cause;
    if (cause instanceof UploadRedirected) throw new MastodonError({ kind: 'redirected', endpoint }, { cause });
    const name = cause instanceof Error || cause instanceof DOMException ? cause.name : '';
    if (name === 'TimeoutError') throw new MastodonError({ kind: 'timeout', endpoint }, { cause });
    if (options.signal?.aborted) throw new UploadCancelled('Upload cancelled', { cause });
    throw new MastodonError({ kind: 'network', endpoint }, { cause });
  }
  // A Response's body must be null for these statuses; parseResponse reads "" the same way.
  // The transport has read the answer already; it is refused all the same (MAX_RESPONSE_BYTES).
  if (answer.body.length > MAX_RESPONSE_BYTES) throw new MastodonError({ kind: 'too-large', status: answer.status, endpoint });
  const body = [204, 205, 304].includes(answer.status) ? null : answer.body;
  const response = new Response(body, { status: answer.status, headers: answer.headers });
  const { status, data } = await parseResponse(response, endpoint, MediaAttachmentSchema);
  // Only a 202 asks for polling: snac answers 200 at once and has no GET /api/v1/media/:id,
  // so a 200 is never polled, whatever its `url` says.
  return { attachment: data, processing: status === 202 };
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
    json: { description },
    token,
    schema: MediaAttachmentSchema,
  });
  return data;
}
