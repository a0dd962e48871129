import { browser } from 'wxt/browser';
import { FileMissing, UploadRedirected } from '@/lib/mastodon/upload-transport';
import { idbBlobStore } from '@/utils/idb-blob-store';
import { UPLOADER_PORT, type UploaderCommand, type UploaderEvent } from '@/utils/offscreen-uploads';
import { xhrUploadTransport } from '@/utils/xhr-upload';

/**
 * Runs the background's uploads with XMLHttpRequest (progress events), files read from
 * IndexedDB. Everything comes and goes over one port to the background; when the port
 * goes (the service worker stopped), nobody waits for these uploads any more: they stop,
 * and the restarted background marks them failed, to retry.
 */
const port = browser.runtime.connect({ name: UPLOADER_PORT });
const send = (event: UploaderEvent) => port.postMessage(event);
const transport = xhrUploadTransport(idbBlobStore);
const running = new Map<number, AbortController>();

port.onMessage.addListener((command: UploaderCommand) => {
  if (command.type === 'abort') return running.get(command.id)?.abort();
  const controller = new AbortController();
  running.set(command.id, controller);
  const { id } = command;
  transport(command.request, { signal: controller.signal, onProgress: (progress) => send({ type: 'progress', id, ...progress }) })
    .then(
      (answer) => send({ type: 'done', id, answer }),
      (error: unknown) =>
        send({
          type: 'failed',
          id,
          reason:
            error instanceof FileMissing
              ? 'file-missing'
              : error instanceof UploadRedirected
                ? 'redirected'
                : controller.signal.aborted
                  ? 'aborted'
                  : 'network',
        }),
    )
    .finally(() => running.delete(id));
});

port.onDisconnect.addListener(() => {
  for (const controller of running.values()) controller.abort();
  running.clear();
});
