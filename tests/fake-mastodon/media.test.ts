// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from './index.ts';
import { appToken, bearer, request, startWithUser, userToken } from './test-client.ts';

let server: FakeMastodon;
let token: string;

async function start(options: FakeMastodonOptions = {}): Promise<void> {
  ({ server, token } = await startWithUser(options));
}

beforeEach(() => start());
afterEach(() => server.close());

interface Upload {
  bytes?: Uint8Array<ArrayBuffer>;
  type?: string;
  name?: string;
  description?: string;
  focus?: string;
}

function upload({ bytes = new Uint8Array([1, 2, 3]), type = 'image/png', name = 'dot.png', description, focus }: Upload = {}, as = token) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  if (description !== undefined) form.append('description', description);
  if (focus !== undefined) form.append('focus', focus);
  return fetch(`${server.origin}/api/v2/media`, { method: 'POST', headers: bearer(as), body: form });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('POST /api/v2/media', () => {
  it('reads the body slowly under a throttle fault, as over a slow line, and stores it whole', async () => {
    server.setFault('POST /api/v2/media', { throttleBytesPerSecond: 1024 * 1024 });
    const bytes = new Uint8Array(2 * 1024 * 1024).map((_, i) => i % 251);
    const started = performance.now();
    const response = await upload({ bytes });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    // 2 MB at 1 MB/s: about two seconds, never much less.
    expect(elapsed).toBeGreaterThan(1800);
    expect(server.media[0]!.size).toBe(bytes.length);
    expect(server.requests.find((r) => r.path === '/api/v2/media')!.durationMs).toBeGreaterThan(1800);
  });

  it('answers 200 with a ready MediaAttachment when processing is instant, and serves the bytes at its url', async () => {
    const response = await upload({ bytes: new Uint8Array([9, 8, 7, 6]), description: 'A dot', focus: '0.5,-0.25' });
    expect(response.status).toBe(200);
    const media = await response.json();
    expect(media).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'image',
      url: `${server.origin}/media/${media.id}/dot.png`,
      preview_url: `${server.origin}/media/${media.id}/dot.png`,
      remote_url: null,
      preview_remote_url: null,
      meta: { focus: { x: 0.5, y: -0.25 } },
      description: 'A dot',
      blurhash: expect.any(String),
    });
    const file = await fetch(media.url);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7, 6]));
    expect((await fetch(`${server.origin}/media/${media.id}/other.png`)).status).toBe(404);
    expect(server.media).toEqual([{ ...media, mime_type: 'image/png', size: 4, status_id: null }]);
  });

  it.each([
    ['image/gif', 'gifv', true],
    ['video/mp4', 'video', true],
    ['audio/mpeg', 'audio', false],
  ])('types %s as %s', async (type, expected, visual) => {
    const media = await (await upload({ type, name: 'clip' })).json();
    expect(media.type).toBe(expected);
    expect(media.preview_url !== null).toBe(visual);
    expect(media.blurhash !== null).toBe(visual);
  });

  it('answers 202 with url null while processing; GET answers 206, then 200 once ready', async () => {
    await server.close();
    await start({ mediaProcessingMs: 150 });
    const response = await upload();
    expect(response.status).toBe(202);
    const media = await response.json();
    expect(media.url).toBeNull();
    expect(media.preview_url).toBe(`${server.origin}/media/${media.id}/dot.png`);
    expect(server.media[0]?.url).toBeNull();
    const processing = await request(server, 'GET', `/api/v1/media/${media.id}`, token);
    expect(processing.status).toBe(206);
    expect((await processing.json()).url).toBeNull();
    await sleep(170);
    const ready = await request(server, 'GET', `/api/v1/media/${media.id}`, token);
    expect(ready.status).toBe(200);
    expect((await ready.json()).url).toBe(`${server.origin}/media/${media.id}/dot.png`);
    expect(server.media[0]?.url).toBe(`${server.origin}/media/${media.id}/dot.png`);
  });

  it('defaults to 300 ms of processing', async () => {
    await server.close();
    server = await startFakeMastodon();
    token = await userToken(server);
    const started = Date.now();
    expect((await upload()).status).toBe(202);
    while ((await request(server, 'GET', `/api/v1/media/${server.media[0]?.id}`, token)).status === 206) await sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it.each([
    [{ type: 'application/pdf', name: 'doc.pdf' }, 'Validation failed: File content type is invalid, File is invalid'],
    [{ bytes: new Uint8Array(16 * 1024 * 1024) }, 'Validation failed: File must be less than 16 MB, File file size must be less than 16 MB'],
    [{ description: 'x'.repeat(1501) }, 'Validation failed: Description is too long (maximum is 1500 characters)'],
  ])('rejects %# with Mastodon’s 422', async (given, error) => {
    const response = await upload(given);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error });
    expect(server.media).toHaveLength(0);
  });

  it('rejects an upload without a file', async () => {
    const form = new FormData();
    form.append('description', 'nothing');
    const response = await fetch(`${server.origin}/api/v2/media`, { method: 'POST', headers: bearer(token), body: form });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: "Validation failed: File can't be blank" });
  });

  it('applies the live limits: types, the video size limit and the description limit', async () => {
    expect((await upload({ bytes: new Uint8Array(2048), type: 'video/mp4', name: 'v.mp4' })).status).toBe(200);
    server.limits.videoSizeLimit = 2048;
    server.limits.descriptionLimit = 3;
    server.limits.supportedMimeTypes = ['image/jpeg', 'video/mp4'];
    const video = await upload({ bytes: new Uint8Array(2048), type: 'video/mp4', name: 'v.mp4', description: 'four' });
    expect(await video.json()).toEqual({
      error: 'Validation failed: File must be less than 2 KB, File file size must be less than 2 KB, Description is too long (maximum is 3 characters)',
    });
    expect((await (await upload()).json()).error).toBe('Validation failed: File content type is invalid, File is invalid');
    // The image limit still applies to pictures: 2 KB is fine there.
    expect((await upload({ bytes: new Uint8Array(2048), type: 'image/jpeg', name: 'p.jpg' })).status).toBe(200);
  });

  it('checks the token: 401 without a valid one, 403 without write or write:media, 422 for an app token', async () => {
    expect((await upload({}, 'made-up')).status).toBe(401);
    const readOnly = await upload({}, await userToken(server, 'read'));
    expect(readOnly.status).toBe(403);
    expect(await readOnly.json()).toEqual({ error: 'This action is outside the authorized scopes' });
    expect((await upload({}, await userToken(server, 'write:media'))).status).toBe(200);
    const appOnly = await upload({}, await appToken(server));
    expect(appOnly.status).toBe(422);
    expect(await appOnly.json()).toEqual({ error: 'This method requires an authenticated user' });
  });

  it('logs how long each request took, upload included', async () => {
    await upload({ bytes: new Uint8Array(1024 * 1024) });
    const logged = server.requests.find((entry) => entry.path === '/api/v2/media');
    expect(logged?.durationMs).toBeGreaterThan(0);
    expect(logged?.durationMs).toBeLessThan(5000);
  });
});

describe('GET and PUT /api/v1/media/:id', () => {
  it('updates the description and focus, within the description limit', async () => {
    const { id } = await (await upload()).json();
    const response = await request(server, 'PUT', `/api/v1/media/${id}`, token, { description: 'Now described', focus: '-1,1' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, description: 'Now described', meta: { focus: { x: -1, y: 1 } } });
    const tooLong = await request(server, 'PUT', `/api/v1/media/${id}`, token, { description: 'y'.repeat(1501) });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.json()).toEqual({ error: 'Validation failed: Description is too long (maximum is 1500 characters)' });
    expect(server.media[0]?.description).toBe('Now described');
  });

  it('answers 404 for someone else’s attachment and for unknown ids', async () => {
    const { id } = await (await upload()).json();
    const bob = await userToken(server, 'read write', 'bob');
    for (const [method, path] of [
      ['GET', `/api/v1/media/${id}`],
      ['PUT', `/api/v1/media/${id}`],
      ['GET', '/api/v1/media/123'],
    ] as const) {
      const response = await request(server, method, path, path.endsWith('123') ? token : bob, method === 'PUT' ? { description: 'mine' } : undefined);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'Record not found' });
    }
    expect(server.media[0]?.description).toBeNull();
  });
});
