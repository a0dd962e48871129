/**
 * Files picked for a draft, kept until the draft is posted or the file removed: an
 * upload may need to run again (retry, another account) after the popup has closed.
 * The extension keeps them in IndexedDB; tests in memory.
 */
export interface BlobStore {
  put(id: string, blob: Blob): Promise<void>;
  get(id: string): Promise<Blob | undefined>;
  delete(id: string): Promise<void>;
}

export function memoryBlobStore(): BlobStore {
  const blobs = new Map<string, Blob>();
  return {
    put: async (id, blob) => void blobs.set(id, blob),
    get: async (id) => blobs.get(id),
    delete: async (id) => void blobs.delete(id),
  };
}
