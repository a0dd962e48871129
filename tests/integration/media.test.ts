import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { composerHarness, settled } from './composer-harness';

/**
 * Media as people post it: big files over slow lines, and a background that is stopped
 * in the middle (Chrome stops service workers). Real HTTP to the test server.
 */
let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon({ mediaProcessingMs: 60 });
});
afterEach(async () => {
  await server.close();
});

const MB = 1024 * 1024;
const popup = 'popup';
const video = (size: number) => new Blob([new Uint8Array(size).fill(7)], { type: 'video/mp4' });

describe('big media', () => {
  it('a 40 MB video over a line of 3 MB/s uploads (far past the API time-out) and posts, with progress in bytes', async () => {
    server.setFault('POST /api/v2/media', { throttleBytesPerSecond: 3 * MB });
    // The API time-out is 1 s here and progress may pause at most 5 s (room for a loaded
    // machine): the whole upload takes about three times that, and must still go through.
    const { reopen, file, progress } = await composerHarness(server);
    const composer = reopen({ uploadStallMs: 5000 });
    const started = performance.now();
    const { draft } = await composer.addMedia(popup, await file('holiday.mp4', video(40 * MB)));
    const ready = await settled(composer, popup, 60_000);
    const seconds = (performance.now() - started) / 1000;
    expect(ready.media[0]).toMatchObject({ state: 'ready', serverId: expect.any(String) });
    console.info(`40 MB at 3 MB/s: uploaded in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeGreaterThan(10);
    const reports = progress.filter((p) => p.localId === draft.media[0]!.localId);
    expect(reports.length).toBeGreaterThan(10);
    expect(reports.at(-1)!.sent).toBe(40 * MB);
    expect(reports.some((p) => p.sent > 10 * MB && p.sent < 30 * MB)).toBe(true);
    await composer.updateDraft(popup, { text: 'Holiday' });
    expect((await composer.post(popup)).ok).toBe(true);
    expect(server.statuses).toHaveLength(1);
    expect(server.media[0]!.size).toBe(40 * MB);
  }, 90_000);
  it('the largest video the instance takes (video_size_limit − 1 bytes) goes through; one byte more is refused before any upload', async () => {
    server.limits = { ...server.limits, videoSizeLimit: 60 * MB };
    const { composer, file } = await composerHarness(server);
    const refused = await composer.addMedia(popup, await file('too-big.mp4', video(60 * MB)));
    expect(refused.problem).toEqual({ code: 'media-too-large', fileName: 'too-big.mp4', limit: 60 * MB });
    await composer.addMedia(popup, await file('biggest.mp4', video(60 * MB - 1)));
    expect((await settled(composer, popup, 30_000)).media[0]).toMatchObject({ state: 'ready', size: 60 * MB - 1 });
    expect(server.count('POST', '/api/v2/media')).toBe(1);
    expect(server.media[0]!.size).toBe(60 * MB - 1);
  }, 60_000);

  it('gives up when the upload stops making progress, and retries', async () => {
    // The server all but stops reading: once the socket buffers are full, nothing moves.
    server.setFault('POST /api/v2/media', { throttleBytesPerSecond: 1024, times: 1 });
    const { reopen, file } = await composerHarness(server);
    const composer = reopen({ uploadStallMs: 1000 });
    const { draft } = await composer.addMedia(popup, await file('stuck.mp4', video(20 * MB)));
    expect((await settled(composer, popup, 30_000)).media[0]).toMatchObject({ state: 'failed', error: 'unreachable' });
    await composer.retryMedia(popup, draft.media[0]!.localId);
    expect((await settled(composer, popup, 30_000)).media[0]!.state).toBe('ready');
  }, 60_000);

  it('cancels one upload under way; the file stays, to retry', async () => {
    server.setFault('POST /api/v2/media', { throttleBytesPerSecond: MB, times: 1 });
    const { composer, file, progress } = await composerHarness(server);
    const { draft } = await composer.addMedia(popup, await file('long.mp4', video(20 * MB)));
    const localId = draft.media[0]!.localId;
    await expect.poll(() => progress.some((p) => p.localId === localId && p.sent > 0)).toBe(true);
    await composer.cancelUpload(popup, localId);
    expect((await settled(composer)).media[0]).toMatchObject({ state: 'failed', error: 'cancelled' });
    await composer.retryMedia(popup, localId);
    expect((await settled(composer, popup, 30_000)).media[0]!.state).toBe('ready');
  }, 60_000);
});

describe('the background stops mid-work', () => {
  it('during an upload: the upload is marked cut off, with Retry; retried, it posts once', async () => {
    server.setFault('POST /api/v2/media', { throttleBytesPerSecond: MB, times: 1 });
    const { composer, file, progress, restart } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'After the restart' });
    const { draft } = await composer.addMedia(popup, await file('clip.mp4', video(10 * MB)));
    const localId = draft.media[0]!.localId;
    await expect.poll(() => progress.some((p) => p.localId === localId && p.sent > 0)).toBe(true);
    const restarted = await restart();
    const after = (await restarted.getComposer(popup)).draft;
    expect(after.text).toBe('After the restart');
    expect(after.media[0]).toMatchObject({ localId, state: 'failed', error: 'interrupted' });
    await restarted.retryMedia(popup, localId);
    expect((await settled(restarted, popup, 30_000)).media[0]!.state).toBe('ready');
    expect((await restarted.post(popup)).ok).toBe(true);
    expect(server.statuses).toHaveLength(1);
    expect(server.statuses[0]!.media_attachments).toHaveLength(1);
  }, 60_000);

  it('while the server processes: the wait resumes without uploading again', async () => {
    const slow = await startFakeMastodon({ mediaProcessingMs: 800 });
    try {
      const { composer, file, restart } = await composerHarness(slow);
      await composer.addMedia(popup, await file('clip.mp4', video(MB)));
      await expect.poll(async () => (await composer.getComposer(popup)).draft.media[0]!.state).toBe('processing');
      const restarted = await restart();
      expect((await settled(restarted, popup, 10_000)).media[0]).toMatchObject({ state: 'ready', serverId: slow.media[0]!.id });
      expect(slow.count('POST', '/api/v2/media')).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('after the status was created but before the answer came: found on start, posted once, the window told', async () => {
    server.setFault('POST /api/v1/statuses', { delayMs: 1500, afterProcessing: true, times: 1 });
    const { composer, restart } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Posted as the worker stopped' });
    const { idempotencyKey } = (await composer.getComposer(popup)).draft;
    void composer.post(popup);
    await expect.poll(() => server.statuses.length).toBe(1);
    const restarted = await restart();
    // The window lost its answer and asks again, naming the draft it showed.
    const outcome = await restarted.post(popup, idempotencyKey);
    expect(outcome).toEqual({ ok: true, url: server.statuses[0]!.url, scheduledAt: null });
    expect(server.statuses).toHaveLength(1);
    const fresh = (await restarted.getComposer(popup)).draft;
    expect(fresh.text).toBe('');
    expect(fresh.idempotencyKey).not.toBe(idempotencyKey);
  });

  it('before the status was created: posted once, with the same key, never twice', async () => {
    server.setFault('POST /api/v1/statuses', { delayMs: 800, times: 1 });
    const { composer, restart } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Sent as the worker stopped' });
    const { idempotencyKey } = (await composer.getComposer(popup)).draft;
    void composer.post(popup);
    await expect.poll(() => server.count('POST', '/api/v1/statuses')).toBe(1);
    const restarted = await restart();
    expect((await restarted.getComposer(popup)).draft.text).toBe('Sent as the worker stopped');
    expect((await restarted.post(popup, idempotencyKey)).ok).toBe(true);
    // The first request, still held by the server, lands too: the key makes it the same status.
    await expect.poll(() => server.requests.filter((r) => r.path === '/api/v1/statuses' && r.status !== 0).length, { timeout: 3000 }).toBe(2);
    expect(server.statuses).toHaveLength(1);
    expect(server.requests.filter((r) => r.path === '/api/v1/statuses').map((r) => r.status)).toEqual([200, 200]);
  });
});
