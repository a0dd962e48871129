import type { BlobStore } from '@/lib/composer/blob-store';

const DB_NAME = 'fedipost-media';
const STORE = 'files';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = action(transaction.objectStore(STORE));
        transaction.oncomplete = () => {
          db.close();
          resolve(request.result as T);
        };
        transaction.onerror = () => {
          db.close();
          reject(transaction.error);
        };
      }),
  );
}

/**
 * Draft files in the extension's IndexedDB: Blobs are stored as they are, no encoding.
 * Shared by every extension context (one origin, one database), which is why it lives in
 * utils/ and not in the background's folder: the composer page writes a picked file here
 * and sends only its id (a message can't carry a Blob, and Chrome caps messages at
 * 64 MiB); the background checks and reads it; the upload context (offscreen document or
 * Firefox's background page) sends it from here. The database holds only files the
 * person chose, nothing secret, so a UI page may touch it.
 */
export const idbBlobStore: BlobStore = {
  put: (id, blob) => run<void>('readwrite', (store) => store.put(blob, id)),
  get: (id) => run<Blob | undefined>('readonly', (store) => store.get(id)),
  delete: (id) => run<void>('readwrite', (store) => store.delete(id)),
};
