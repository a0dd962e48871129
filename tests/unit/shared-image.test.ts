import { describe, expect, it } from 'vitest';
import { fetchSharedImage, MAX_SHARED_IMAGE_BYTES } from '@/lib/share/image';

/** A page's server answering one image request: `body` streamed in the chunks given. */
function server(body: Uint8Array[], headers: Record<string, string> = { 'Content-Type': 'image/png' }, status = 200) {
  let sent = 0;
  const fetch: typeof globalThis.fetch = async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = body[sent++];
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    return new Response(stream, { status, headers });
  };
  return { fetch, chunksRead: () => sent };
}

describe('a shared image', () => {
  it('arrives as a Blob of its own type, named after its address', async () => {
    const { fetch } = server([new Uint8Array([1, 2]), new Uint8Array([3])], { 'Content-Type': 'image/png; charset=binary' });
    const image = await fetchSharedImage(fetch, 'https://pics.example/cats/tabby.png?size=large');
    expect(image?.fileName).toBe('tabby.png');
    expect(image?.blob.type).toBe('image/png');
    expect([...new Uint8Array(await image!.blob.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('is refused when it says it is too big, and when it grows too big while arriving, without reading on', async () => {
    const declared = server([new Uint8Array(1)], { 'Content-Type': 'image/png', 'Content-Length': String(MAX_SHARED_IMAGE_BYTES + 1) });
    expect(await fetchSharedImage(declared.fetch, 'https://pics.example/a.png')).toBeNull();
    const mib = new Uint8Array(1024 * 1024);
    const endless = server(Array.from({ length: 100 }, () => mib));
    expect(await fetchSharedImage(endless.fetch, 'https://pics.example/a.png')).toBeNull();
    expect(endless.chunksRead()).toBeLessThan(70);
  });

  it('is refused when it is not an image, or the server will not give it', async () => {
    expect(await fetchSharedImage(server([new Uint8Array(1)], { 'Content-Type': 'text/html' }).fetch, 'https://pics.example/a.png')).toBeNull();
    expect(await fetchSharedImage(server([], { 'Content-Type': 'image/png' }, 404).fetch, 'https://pics.example/a.png')).toBeNull();
  });
});
