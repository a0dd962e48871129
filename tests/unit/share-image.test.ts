import { describe, expect, it } from 'vitest';
import { fetchSharedImage, MAX_SHARED_IMAGE_BYTES, sharedImageName } from '@/lib/share/image';

const url = 'https://pics.example/cats/tabby.jpg';
const MiB = 1024 * 1024;

/** The page's image server: answers `response()` and records what it was asked. */
function imageServer(response: () => Response) {
  const asked: RequestInit[] = [];
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
    asked.push(init ?? {});
    return response();
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

/** A body of `count` chunks of `chunk` bytes, each the same buffer (no real memory); notes a cancel. */
function streamed(count: number, chunk: number) {
  const bytes = new Uint8Array(chunk).fill(7);
  const state = { sent: 0, cancelled: false };
  const source: UnderlyingDefaultSource<Uint8Array> = {
    pull(controller) {
      if (state.sent === count) return controller.close();
      state.sent += 1;
      controller.enqueue(bytes);
    },
    cancel() {
      state.cancelled = true;
    },
  };
  // highWaterMark 0: nothing is pulled before the reader asks.
  const body = new ReadableStream(source, { highWaterMark: 0 });
  return { body, state };
}

describe('fetchSharedImage', () => {
  it('downloads the image without cookies, typed as the server says', async () => {
    const server = imageServer(() => new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': ' Image/JPEG ; charset=binary' } }));
    const image = await fetchSharedImage(server.fetch, url);
    expect(image?.fileName).toBe('tabby.jpg');
    expect(image?.blob.type).toBe('image/jpeg');
    expect([...new Uint8Array(await image!.blob.arrayBuffer())]).toEqual([1, 2, 3]);
    expect(server.asked[0]).toMatchObject({ credentials: 'omit' });
    expect(server.asked[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('joins a body that arrives in several pieces', async () => {
    const { body } = streamed(3, 4);
    const image = await fetchSharedImage(imageServer(() => new Response(body, { headers: { 'Content-Type': 'image/png' } })).fetch, url);
    expect(image?.blob.size).toBe(12);
  });

  it.each([
    ['an error status', () => new Response('gone', { status: 404, headers: { 'Content-Type': 'image/png' } })],
    ['a page instead of an image', () => new Response('<html>', { headers: { 'Content-Type': 'text/html' } })],
    ['an empty type', () => new Response(new Uint8Array([1]), { headers: { 'Content-Type': '' } })],
    ['no type at all', () => new Response(new Uint8Array([1]))],
    ['a type that only ends like one', () => new Response(new Uint8Array([1]), { headers: { 'Content-Type': 'text/image/png' } })],
    ['no body', () => new Response(null, { headers: { 'Content-Type': 'image/png' } })],
    ['a refused connection', () => Promise.reject(new TypeError('Failed to fetch')) as unknown as Response],
  ])('nothing for %s', async (_, response) => {
    expect(await fetchSharedImage(imageServer(response).fetch, url)).toBeNull();
  });

  it('nothing when it does not arrive in time', async () => {
    const slow = ((_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))) as typeof fetch;
    const started = Date.now();
    expect(await fetchSharedImage(slow, url, 50)).toBeNull();
    expect(Date.now() - started).toBeLessThan(IMAGE_TIMEOUT_BOUND);
  });

  it('is given 30 seconds by default', async () => {
    let signal: AbortSignal | undefined;
    const fetch = (async (_: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Response(new Uint8Array([1]), { headers: { 'Content-Type': 'image/png' } });
    }) as typeof globalThis.fetch;
    await fetchSharedImage(fetch, url);
    expect(signal?.aborted).toBe(false);
  });

  it('an announced size up to 64 MiB is read; above it, nothing is read at all', async () => {
    const sized = (length: number) => () => new Response(new Uint8Array([1]), { headers: { 'Content-Type': 'image/png', 'Content-Length': String(length) } });
    expect(MAX_SHARED_IMAGE_BYTES).toBe(64 * MiB);
    expect(await fetchSharedImage(imageServer(sized(64 * MiB)).fetch, url)).not.toBeNull();
    const { body, state } = streamed(1, 1);
    expect(await fetchSharedImage(imageServer(() => new Response(body, { headers: { 'Content-Type': 'image/png', 'Content-Length': String(64 * MiB + 1) } })).fetch, url)).toBeNull();
    expect(state.sent).toBe(0);
  });

  it('a body that grows past 64 MiB without saying so is cut off and dropped', async () => {
    const { body, state } = streamed(200, MiB);
    expect(await fetchSharedImage(imageServer(() => new Response(body, { headers: { 'Content-Type': 'image/gif' } })).fetch, url)).toBeNull();
    // The page's server is told to stop (the stream is cancelled once the cap is hit).
    await expect.poll(() => state.cancelled).toBe(true);
    expect(state.sent).toBeLessThanOrEqual(66);
  });

  it('exactly 64 MiB arrives whole', async () => {
    const { body } = streamed(64, MiB);
    const image = await fetchSharedImage(imageServer(() => new Response(body, { headers: { 'Content-Type': 'image/gif' } })).fetch, url);
    expect(image?.blob.size).toBe(64 * MiB);
  });
});

/** Generous under load, yet far below the 30 s default a broken timeout would wait. */
const IMAGE_TIMEOUT_BOUND = 10_000;

describe('sharedImageName', () => {
  it.each([
    ['https://pics.example/cats/tabby.jpg', 'image/jpeg', 'tabby.jpg'],
    ['https://pics.example/cats/TABBY.JPG?w=200#x', 'image/jpeg', 'TABBY.JPG'],
    ['https://pics.example/cats/my%20cat.webp', 'image/webp', 'my cat.webp'],
    ['https://pics.example/render?id=7', 'image/webp', 'image.webp'],
    ['https://pics.example/cats/', 'image/gif', 'image.gif'],
    ['https://pics.example/photo.png-large', 'image/png', 'image.png'],
    ['https://pics.example/photo.', 'image/avif', 'image.avif'],
    ['https://pics.example/photo', 'image', 'image.png'],
    ['/relative/pic.gif', 'image/gif', 'pic.gif'],
  ])('%s (%s) → %s', (address, type, name) => {
    expect(sharedImageName(address, type)).toBe(name);
  });
});
