import type { BlobStore } from '@/lib/composer/blob-store';
import { uploadForm, UploadRedirected, UploadTransportError, type UploadAnswer, type UploadTransport } from '@/lib/mastodon/upload-transport';

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
 * A hidden frame of this page whose Content-Security-Policy lets it connect to `origin`
 * alone. XMLHttpRequest has no redirect mode: it follows every redirect, and on a 307/308
 * both Chromium and Firefox send the whole file again to wherever it points (dropping
 * only the Authorization header; the e2e test "upload redirected" saw both do it). The
 * browser checks the policy before it follows a redirect, so a request made with this
 * frame's XMLHttpRequest is stopped before anything reaches another origin.
 */
async function confinedFrame(origin: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  // An origin serializes as scheme://host[:port], a valid CSP source with nothing to escape.
  frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="connect-src ${origin}">`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
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
    const frame = await confinedFrame(new URL(request.url).origin);
    try {
      return await send(frame, request.url, request.headers, form, blob.size, { signal, onProgress });
    } finally {
      frame.remove();
    }
  };
}

function send(
  frame: HTMLIFrameElement,
  url: string,
  headers: Record<string, string>,
  form: FormData,
  size: number,
  { signal, onProgress }: Parameters<UploadTransport>[1],
): Promise<UploadAnswer> {
  const frameWindow = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!frameWindow) return Promise.reject(new UploadTransportError('The upload frame did not load'));
  // The policy's report of a blocked redirect: the error event alone can't tell it from a network error.
  let blocked = false;
  frameWindow.document.addEventListener('securitypolicyviolation', () => (blocked = true));
  return new Promise<UploadAnswer>((resolve, reject) => {
    // Cancelled while the frame loaded.
    if (signal.aborted) return reject(new DOMException('Upload aborted', 'AbortError'));
    const xhr = new frameWindow.XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    // Instances never need our cookies (withCredentials stays false).
    xhr.upload.onprogress = (event) => onProgress({ sent: event.loaded, total: event.total });
    // The answer arriving is progress too: the watchdog must not fire while it does.
    xhr.onprogress = () => onProgress({ sent: size, total: size });
    xhr.onload = () => {
      // Redirected within the instance's origin (the policy allows that): the answer is
      // not from the address we asked, so it is not taken, as fetch's redirect: 'manual' would.
      if (xhr.responseURL !== '' && xhr.responseURL !== url) return reject(new UploadRedirected(xhr.responseURL));
      resolve({ status: xhr.status, headers: headersOf(xhr), body: xhr.responseText });
    };
    // The violation event is queued as a task of its own: let it arrive before deciding.
    xhr.onerror = () =>
      setTimeout(() => reject(blocked ? new UploadRedirected('Redirected to another origin') : new UploadTransportError('No answer from the server')), 0);
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    const abort = () => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    xhr.onloadend = () => signal.removeEventListener('abort', abort);
    xhr.send(form);
  });
}
