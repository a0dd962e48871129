import { describe, expect, it } from 'vitest';
import { memoryBlobStore } from '@/lib/composer/blob-store';

describe('the in-memory file store', () => {
  it('keeps, gives back and deletes by id', async () => {
    const store = memoryBlobStore();
    const blob = new Blob(['x']);
    await store.put('a', blob);
    await store.put('b', new Blob(['y']));
    expect(await store.get('a')).toBe(blob);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
  });
});
