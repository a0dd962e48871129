import { browser } from 'wxt/browser';
import type { ComposerExtras } from '@/components/composer/backend';
import { idbBlobStore } from './idb-blob-store';

const COMPOSER_PORT = 'fedipost-composer';

/** The composer's own side: the file store (shared with the background) and a port that breaks when the background stops. */
export const composerExtras: ComposerExtras = {
  async storeFile(file) {
    const id = crypto.randomUUID();
    await idbBlobStore.put(id, file);
    return id;
  },
  discardFile: (fileId) => idbBlobStore.delete(fileId),
  onBackgroundRestart(listener) {
    let stopped = false;
    let port: ReturnType<typeof browser.runtime.connect>;
    const watch = () => {
      port = browser.runtime.connect({ name: COMPOSER_PORT });
      port.onDisconnect.addListener(() => {
        if (stopped) return;
        // Connecting again starts the background, which sorts out what it left first.
        watch();
        listener();
      });
    };
    watch();
    return () => {
      stopped = true;
      port.disconnect();
    };
  },
};
