import { browser } from 'wxt/browser';
import type { ComposerExtras } from '@/components/composer/backend';

/** The file store loads with the first file added or taken off: a composer at rest never touches it. */
const fileStore = () => import('./idb-blob-store').then((m) => m.idbBlobStore);

const COMPOSER_PORT = 'fedipost-composer';

/** The composer's own side: the file store (shared with the background) and a port that breaks when the background stops. */
export const composerExtras: ComposerExtras = {
  async storeFile(file) {
    const id = crypto.randomUUID();
    await (await fileStore()).put(id, file);
    return id;
  },
  discardFile: async (fileId) => (await fileStore()).delete(fileId),
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
