import type { BlobStore } from '@/lib/composer/blob-store';
import { FileMissing, UploadTransportError, type UploadTransport } from '@/lib/mastodon/upload-transport';

/**
 * The browsers' transport is XMLHttpRequest (utils/xhr-upload.ts), which Node lacks. Node's
 * fetch can stream a request body, so here the multipart body is streamed and each chunk
 * counted as the network takes it: real progress, with the backpressure of a real socket.
 */
export function fetchUploadTransport(files: BlobStore): UploadTransport {
  return async (request, { signal, onProgress }) => {
    const blob = await files.get(request.fileId);
    if (!blob) throw new FileMissing(request.fileId);
    const form = new FormData();
    for (const [name, value] of Object.entries(request.fields)) form.append(name, value);
    form.append('file', blob, request.fileName);
    const encoded = new Request('http://multipart.invalid/', { method: 'POST', body: form });
    let sent = 0;
    const counted = encoded.body!.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          sent += chunk.byteLength;
          onProgress({ sent: Math.min(sent, blob.size), total: blob.size });
          controller.enqueue(chunk);
        },
      }),
    );
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { ...request.headers, 'Content-Type': encoded.headers.get('Content-Type')! },
        body: counted,
        duplex: 'half',
        signal,
      } as RequestInit);
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    } catch (error) {
      if (signal.aborted) throw new DOMException('Upload aborted', 'AbortError');
      throw new UploadTransportError('No answer from the server', { cause: error });
    }
  };
}
