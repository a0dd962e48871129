import type { ClientContext } from '../mastodon/context';
import { getMedia, uploadMedia, type MediaAttachment, type UploadOptions } from '../mastodon/media';

export interface UploadTiming {
  /** First wait between polls while the server processes; grows to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** Give up waiting for processing after this long. */
  processingTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Uploads one file and waits until the server has processed it: 200 is ready at once;
 * 202 means poll GET /api/v1/media/:id (206 while processing) until it is.
 * `onProcessing` gets the server's id first, so that the wait can be resumed elsewhere
 * (after the service worker restarted) without uploading again.
 */
export async function uploadAndProcess(
  ctx: ClientContext,
  token: string,
  file: { fileId: string; fileName: string; description: string },
  onProcessing: (serverId: string) => Promise<void> | void,
  options: UploadOptions,
  timing: UploadTiming = {},
): Promise<MediaAttachment> {
  const uploaded = await uploadMedia(
    ctx,
    token,
    { fileId: file.fileId, fileName: file.fileName, description: file.description || undefined },
    options,
  );
  if (!uploaded.processing) return uploaded.attachment;
  await onProcessing(uploaded.attachment.id);
  return waitUntilProcessed(ctx, token, uploaded.attachment.id, timing);
}

/** Polls GET /api/v1/media/:id (206 while processing) until the server is done with it. */
export async function waitUntilProcessed(ctx: ClientContext, token: string, serverId: string, timing: UploadTiming = {}): Promise<MediaAttachment> {
  const maxPollMs = timing.maxPollMs ?? 2000;
  const deadline = Date.now() + (timing.processingTimeoutMs ?? 180_000);
  let wait = timing.pollMs ?? 250;
  while (Date.now() < deadline) {
    await sleep(wait);
    const polled = await getMedia(ctx, token, serverId);
    if (!polled.processing) return polled.attachment;
    wait = Math.min(wait * 1.5, maxPollMs);
  }
  throw new ProcessingTimeout();
}

export class ProcessingTimeout extends Error {
  override readonly name = 'ProcessingTimeout';
  constructor() {
    super('The server is still processing the file.');
  }
}
