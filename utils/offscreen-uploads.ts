import { browser } from 'wxt/browser';
import { FileMissing, UploadRedirected, UploadTransportError, type UploadAnswer, type UploadRequest, type UploadTransport } from '@/lib/mastodon/upload-transport';

/**
 * Chrome's background is a service worker: no XMLHttpRequest, so no upload progress. The
 * uploads run in an offscreen document instead (reason BLOBS: it reads the Blob from
 * IndexedDB and sends it), driven over a port.
 *
 * The request carries the account's token. That keeps the rule "tokens never reach a UI
 * page": an offscreen document is an extension page no one sees or can focus, it runs
 * only our upload code and has no UI, and the port reaches it alone; runtime.sendMessage
 * would reach every open popup and compose window too, so it is not used for this.
 * This channel is separate from lib/messages.ts on purpose: that protocol is the UI's.
 */
export const UPLOADER_PORT = 'fedipost-uploader';
const OFFSCREEN_PATH = '/offscreen.html';

/** Background → offscreen document. */
export type UploaderCommand = { type: 'start'; id: number; request: UploadRequest } | { type: 'abort'; id: number };

/** Offscreen document → background. */
export type UploaderEvent =
  | { type: 'progress'; id: number; sent: number; total: number }
  | { type: 'done'; id: number; answer: UploadAnswer }
  | { type: 'failed'; id: number; reason: 'network' | 'file-missing' | 'aborted' | 'redirected' };

type Port = ReturnType<typeof browser.runtime.connect>;

/** The background's side: an UploadTransport that runs each upload in the offscreen document. */
export function offscreenUploadTransport(): UploadTransport {
  let port: Promise<Port> | null = null;
  let nextId = 1;
  const listeners = new Map<number, (event: UploaderEvent) => void>();

  async function open(): Promise<Port> {
    // A document left over from an earlier run of this worker has lost its port: start afresh.
    const existing = await browser.runtime.getContexts({ contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT] });
    if (existing.length > 0) await browser.offscreen.closeDocument();
    const connected = new Promise<Port>((resolve) => {
      const onConnect = (incoming: Port) => {
        if (incoming.name !== UPLOADER_PORT) return;
        browser.runtime.onConnect.removeListener(onConnect);
        resolve(incoming);
      };
      browser.runtime.onConnect.addListener(onConnect);
    });
    await browser.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: [browser.offscreen.Reason.BLOBS],
      justification: 'Uploads media files from IndexedDB with XMLHttpRequest, the only way to report upload progress.',
    });
    const ready = await connected;
    ready.onMessage.addListener((event: UploaderEvent) => listeners.get(event.id)?.(event));
    ready.onDisconnect.addListener(() => {
      port = null;
      for (const listener of [...listeners.values()]) listener({ type: 'failed', id: 0, reason: 'network' });
    });
    return ready;
  }

  return async (request, { signal, onProgress }) => {
    port ??= open().catch((error: unknown) => {
      port = null;
      throw error;
    });
    const channel = await port;
    const id = nextId++;
    return new Promise<UploadAnswer>((resolve, reject) => {
      const abort = () => channel.postMessage({ type: 'abort', id } satisfies UploaderCommand);
      const settle = () => {
        listeners.delete(id);
        signal.removeEventListener('abort', abort);
      };
      listeners.set(id, (event) => {
        if (event.type === 'progress') return onProgress(event);
        settle();
        if (event.type === 'done') resolve(event.answer);
        else if (event.reason === 'aborted') reject(new DOMException('Upload aborted', 'AbortError'));
        else if (event.reason === 'file-missing') reject(new FileMissing(request.fileId));
        else if (event.reason === 'redirected') reject(new UploadRedirected('The server redirected the upload'));
        else reject(new UploadTransportError('No answer from the server'));
      });
      signal.addEventListener('abort', abort, { once: true });
      channel.postMessage({ type: 'start', id, request } satisfies UploaderCommand);
    });
  };
}
