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

/** Draft files in the extension's IndexedDB: Blobs are stored as they are, no encoding. */
export const idbBlobStore: BlobStore = {
  put: (id, blob) => run<void>('readwrite', (store) => store.put(blob, id)),
  get: (id) => run<Blob | undefined>('readonly', (store) => store.get(id)),
  delete: (id) => run<void>('readwrite', (store) => store.delete(id)),
};
