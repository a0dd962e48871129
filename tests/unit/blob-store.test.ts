import { describe, expect, it } from 'vitest';
import { blobFromDataUrl, memoryBlobStore } from '@/lib/composer/blob-store';

describe('files sent as data: URLs', () => {
  it('decodes base64 to the exact bytes, with the type', async () => {
    const blob = blobFromDataUrl('data:image/png;base64,AAEC/w==');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('takes a percent-encoded payload as text, and a data: URL without a type', async () => {
    const blob = blobFromDataUrl('data:text/plain,caf%C3%A9%2C%20ok');
    expect([blob.type, await blob.text()]).toEqual(['text/plain', 'café, ok']);
    const untyped = blobFromDataUrl('data:,hi');
    expect([untyped.type, await untyped.text()]).toEqual(['', 'hi']);
  });

  it('keeps a payload that spans lines, and refuses what is no data: URL', async () => {
    expect(await blobFromDataUrl('data:text/plain,a%0Ab\nc').text()).toBe('a\nb\nc');
    expect(() => blobFromDataUrl('https://example.com/data:,x')).toThrow('not a data: URL');
  });
});

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
