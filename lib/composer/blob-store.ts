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

/** data:[type][;base64],payload → Blob (runtime messages can't carry Blobs in Chrome). */
export function blobFromDataUrl(dataUrl: string): Blob {
  const match = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error('not a data: URL');
  const [, type = '', base64, payload = ''] = match;
  if (!base64) return new Blob([decodeURIComponent(payload)], { type });
  const binary = atob(payload);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}
