import type { BlobStore } from '../composer/blob-store';

/**
 * How a media file travels to the server. A service worker's fetch reports no upload
 * progress, and a total-time limit kills every big file on a slow line, so uploads go
 * through a transport that reports bytes sent (XMLHttpRequest in a page-like context:
 * utils/xhr-upload.ts), and a watchdog here gives up only when progress stalls.
 */
export interface UploadRequest {
  url: string;
  /** Authorization and Accept; the transport adds the multipart Content-Type. */
  headers: Record<string, string>;
  /** Text fields (description, focus), sent before the file. */
  fields: Record<string, string>;
  /** Where the transport finds the file: its id in the extension's file store. */
  fileId: string;
  fileName: string;
}

export interface UploadProgress {
  sent: number;
  total: number;
}

/** The server's answer, as plain data (it may have crossed a message channel). */
export interface UploadAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one upload. Rejects with an AbortError when `signal` aborts, with
 * UploadTransportError when there was no answer (network), with FileMissing when the
 * file is not in the store, with UploadRedirected when the server redirected it.
 * A transport never sends the file on to another origin: a 307/308 re-sends the whole
 * body, and only the Authorization header is dropped on the way.
 */
export type UploadTransport = (
  request: UploadRequest,
  options: { signal: AbortSignal; onProgress(progress: UploadProgress): void },
) => Promise<UploadAnswer>;

/** The multipart body of an upload: the text fields, then the file from the store. Every transport sends this. */
export async function uploadForm(files: BlobStore, request: UploadRequest): Promise<{ form: FormData; file: Blob }> {
  const file = await files.get(request.fileId);
  if (!file) throw new FileMissing(request.fileId);
  const form = new FormData();
  for (const [name, value] of Object.entries(request.fields)) form.append(name, value);
  form.append('file', file, request.fileName);
  return { form, file };
}

export class UploadTransportError extends Error {
  override readonly name = 'UploadTransportError';
}

export class FileMissing extends Error {
  override readonly name = 'FileMissing';
}

/** The server answered the upload with a redirect: not followed elsewhere, and its answer not taken. */
export class UploadRedirected extends Error {
  override readonly name = 'UploadRedirected';
}

/**
 * No byte sent (nor the answer begun) for this long: the upload is stuck. Generous,
 * because after the last byte the server may take a while to store and probe a big file.
 */
export const UPLOAD_STALL_MS = 30_000;

/**
 * Runs the transport with a watchdog that aborts when no progress came for `stallMs`
 * (a TimeoutError reason), however long the whole upload takes; `signal` cancels.
 */
export async function sendWithStallTimeout(
  transport: UploadTransport,
  request: UploadRequest,
  options: { signal?: AbortSignal; stallMs?: number; onProgress?(progress: UploadProgress): void },
): Promise<UploadAnswer> {
  const stallMs = options.stallMs ?? UPLOAD_STALL_MS;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new DOMException('No upload progress', 'TimeoutError')), stallMs);
  };
  const cancel = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel);
  arm();
  try {
    return await transport(request, {
      signal: controller.signal,
      onProgress: (progress) => {
        arm();
        options.onProgress?.(progress);
      },
    });
  } catch (error) {
    // The transport reports a plain abort; the reason says whether it was the watchdog.
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}
