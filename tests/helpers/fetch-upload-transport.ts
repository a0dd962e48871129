import type { BlobStore } from '@/lib/composer/blob-store';
import { uploadForm, UploadRedirected, UploadTransportError, type UploadTransport } from '@/lib/mastodon/upload-transport';

/**
 * The browsers' transport is XMLHttpRequest (utils/xhr-upload.ts), which Node lacks. Node's
 * fetch can stream a request body, so here the multipart body is streamed and each chunk
 * counted as the network takes it: real progress, with the backpressure of a real socket.
 */
const SLICE_BYTES = 64 * 1024;

export function fetchUploadTransport(files: BlobStore): UploadTransport {
  return async (request, { signal, onProgress }) => {
    const { form, file: blob } = await uploadForm(files, request);
    const encoded = new Request('http://multipart.invalid/', { method: 'POST', body: form });
    const source = encoded.body!.getReader();
    let pending: Uint8Array = new Uint8Array(0);
    let sent = 0;
    // Served in small slices, one per pull, and counted as pulled: the form's encoder hands
    // the file over in one piece, which would say nothing about the network.
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (pending.byteLength === 0) {
            const read = await source.read();
            if (read.done) return controller.close();
            pending = read.value;
          }
          const slice = pending.subarray(0, SLICE_BYTES);
          pending = pending.subarray(slice.byteLength);
          sent += slice.byteLength;
          onProgress({ sent: Math.min(sent, blob.size), total: blob.size });
          controller.enqueue(slice);
        },
      },
      { highWaterMark: 0 },
    );
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { ...request.headers, 'Content-Type': encoded.headers.get('Content-Type')! },
        body: counted,
        duplex: 'half',
        signal,
        // Like the browsers' transport, which never lets a redirect take the file elsewhere.
        redirect: 'manual',
      } as RequestInit);
      if (response.status >= 300 && response.status < 400) throw new UploadRedirected(response.headers.get('Location') ?? '');
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    } catch (error) {
      if (error instanceof UploadRedirected) throw error;
      if (signal.aborted) throw new DOMException('Upload aborted', 'AbortError');
      throw new UploadTransportError('No answer from the server', { cause: error });
    }
  };
}
