import type { BlobStore } from '@/lib/composer/blob-store';
import { uploadForm, UploadTransportError, type UploadAnswer, type UploadTransport } from '@/lib/mastodon/upload-transport';

/** "name: value" lines of getAllResponseHeaders, as a record. */
function headersOf(xhr: XMLHttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return headers;
}

/**
 * Uploads with XMLHttpRequest, the one browser API that reports bytes sent of a request
 * body. Only where it exists: an offscreen document (Chrome) or Firefox's background
 * page; a service worker has none. The file comes from the store by id, so it never
 * crosses a message channel; the browser streams it from disk.
 */
export function xhrUploadTransport(files: BlobStore): UploadTransport {
  return async (request, { signal, onProgress }) => {
    const { form, file: blob } = await uploadForm(files, request);
    return new Promise<UploadAnswer>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', request.url);
      for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
      // Instances never need our cookies (withCredentials stays false).
      xhr.upload.onprogress = (event) => onProgress({ sent: event.loaded, total: event.total });
      // The answer arriving is progress too: the watchdog must not fire while it does.
      xhr.onprogress = () => onProgress({ sent: blob.size, total: blob.size });
      xhr.onload = () => resolve({ status: xhr.status, headers: headersOf(xhr), body: xhr.responseText });
      xhr.onerror = () => reject(new UploadTransportError('No answer from the server'));
      xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
      const abort = () => xhr.abort();
      if (signal.aborted) return reject(new DOMException('Upload aborted', 'AbortError'));
      signal.addEventListener('abort', abort, { once: true });
      xhr.onloadend = () => signal.removeEventListener('abort', abort);
      xhr.send(form);
    });
  };
}
