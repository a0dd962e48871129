import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { composerHarness, settled } from './composer-harness';
import { connectHarness } from './connect-harness';

let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon({ mediaProcessingMs: 60 });
});
afterEach(async () => {
  await server.close();
});

const popup = 'popup' as const;

describe('posting from the composer', () => {
  it('serialises one draft posted from two windows at once: one status, the same outcome for both', async () => {
    const { composer, reopen } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Posted from two windows' });
    // Slow enough that the second click lands while the first request is on its way.
    server.setFault('POST /api/v1/statuses', { delayMs: 150, times: 1 });
    // Each window names the draft it shows by its Idempotency-Key.
    const { idempotencyKey } = (await composer.getComposer(popup)).draft;
    const [first, second] = await Promise.all([composer.post(popup, idempotencyKey), composer.post(popup, idempotencyKey)]);
    expect(server.statuses).toHaveLength(1);
    expect(server.count('POST', '/api/v1/statuses')).toBe(1);
    expect(first).toEqual({ ok: true, url: server.statuses[0]!.url, scheduledAt: null });
    expect(second).toEqual(first);
    // Once settled, a new attempt is a new post of the fresh (empty) draft, not a replay.
    expect((await reopen().getComposer(popup)).draft.text).toBe('');
  });

  it('posts text with the account defaults and starts a fresh draft', async () => {
    const { composer } = await composerHarness(server);
    const before = await composer.getComposer(popup);
    expect(before.account?.id).toBe(`alice@${server.host}`);
    await composer.updateDraft(popup, { text: 'Hello fediverse' });
    const outcome = await composer.post(popup);
    expect(outcome).toEqual({ ok: true, url: expect.stringContaining(`${server.origin}/@alice/`), scheduledAt: null });
    expect(server.statuses).toHaveLength(1);
    expect(server.statuses[0]).toMatchObject({ visibility: 'public', language: 'en' });
    const after = await composer.getComposer(popup);
    expect(after.draft.text).toBe('');
    expect(after.draft.idempotencyKey).not.toBe(before.draft.idempotencyKey);
  });

  it('starts new drafts from the default visibility and language of the options page', async () => {
    const { composer } = await composerHarness(server, 'alice', async () => ({
      defaultVisibility: 'private',
      defaultLanguage: 'de',
      counterStyle: 'used',
      altTextReminder: false,
      defaultLocalOnly: false,
      defaultFormat: null,
    }));
    await composer.updateDraft(popup, { text: 'Hallo' });
    const state = await composer.getComposer(popup);
    expect(state.draft).toMatchObject({ visibility: 'private', language: 'de' });
    expect(state.counterStyle).toBe('used');
    expect(state.altTextReminder).toBe(false);
    await composer.post(popup);
    expect(server.statuses[0]).toMatchObject({ visibility: 'private', language: 'de' });
  });

  it('reads limits from the instance, and again when switching account', async () => {
    server.limits.maxCharacters = 1000;
    const { composer } = await composerHarness(server);
    expect((await composer.getComposer(popup)).limits.maxCharacters).toBe(1000);
    const other = await startFakeMastodon({ limits: { maxCharacters: 5000, maxMediaAttachments: 8 } });
    try {
      await connectHarness({ username: 'bob' }).service.start({ input: other.origin });
      const switched = await composer.selectAccount(popup, `bob@${other.host}`);
      expect(switched.account?.id).toBe(`bob@${other.host}`);
      expect(switched.limits).toMatchObject({ maxCharacters: 5000, maxMediaAttachments: 8 });
      other.limits.maxCharacters = 6000;
      expect((await composer.selectAccount(popup, `bob@${other.host}`)).limits.maxCharacters).toBe(6000);
    } finally {
      await other.close();
    }
  });

  it('uploads an image (202 → 206 → 200), keeps its alt text, and posts it', async () => {
    const { composer, broadcasts, file } = await composerHarness(server);
    const { draft, problem } = await composer.addMedia(popup, await file());
    expect(problem).toBeNull();
    expect(draft.media[0]).toMatchObject({ fileName: 'cat.png', state: 'uploading' });
    await composer.describeMedia(popup, draft.media[0]!.localId, 'A cat on a mat');
    const ready = await settled(composer);
    expect(ready.media[0]).toMatchObject({ state: 'ready', serverId: expect.any(String) });
    expect(broadcasts.map((b) => b.draft.media[0]?.state)).toEqual(['processing', 'ready']);
    await composer.updateDraft(popup, { text: 'Look' });
    expect((await composer.post(popup)).ok).toBe(true);
    const attachment = server.statuses[0]!.media_attachments[0]!;
    expect(attachment.description).toBe('A cat on a mat');
    expect(server.count('GET', `/api/v1/media/${attachment.id}`)).toBeGreaterThan(0);
  });

  it('sends an alt text changed after the upload with PUT before posting', async () => {
    const { composer, file } = await composerHarness(server);
    const { draft } = await composer.addMedia(popup, await file());
    await settled(composer);
    await composer.describeMedia(popup, draft.media[0]!.localId, 'Later words');
    await composer.post(popup);
    expect(server.statuses[0]!.media_attachments[0]!.description).toBe('Later words');
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('uploads 4 images in parallel: well under twice one upload when each takes 300 ms', async () => {
    server.setFault('POST /api/v2/media', { delayMs: 300 });
    const { composer, file } = await composerHarness(server);
    const started = performance.now();
    await composer.addMedia(popup, await file('one.png'));
    await settled(composer);
    const one = performance.now() - started;
    await composer.removeMedia(popup, (await composer.getComposer(popup)).draft.media[0]!.localId);
    const startedFour = performance.now();
    await Promise.all(['a.png', 'b.png', 'c.png', 'd.png'].map(async (name) => composer.addMedia(popup, await file(name))));
    const draft = await settled(composer);
    const four = performance.now() - startedFour;
    expect(draft.media.map((m) => m.state)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(four / one).toBeLessThan(2);
  });

  it('refuses a file before any upload when the instance does not take its type', async () => {
    const { composer, file } = await composerHarness(server);
    const { problem, draft } = await composer.addMedia(popup, await file('doc.pdf', new Blob(['%PDF-1.4'], { type: 'application/pdf' })));
    expect(problem).toEqual({ code: 'media-type', fileName: 'doc.pdf', mimeType: 'application/pdf' });
    expect(draft.media).toEqual([]);
    expect(server.count('POST', '/api/v2/media')).toBe(0);
  });

  it('posts a poll', async () => {
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Tea or coffee?', poll: { options: ['Tea', 'Coffee'], expiresIn: 3600, multiple: true } });
    expect((await composer.post(popup)).ok).toBe(true);
    expect(server.statuses[0]!.poll).toMatchObject({ multiple: true, options: [{ title: 'Tea' }, { title: 'Coffee' }] });
  });

  it('schedules a post and answers with its time', async () => {
    const { composer } = await composerHarness(server);
    const at = new Date(Date.now() + 10 * 60_000).toISOString();
    await composer.updateDraft(popup, { text: 'Later', scheduledAt: at });
    const outcome = await composer.post(popup);
    expect(outcome).toMatchObject({ ok: true, url: null });
    if (!outcome.ok) throw new Error('unreachable');
    expect(Date.parse(outcome.scheduledAt ?? '')).toBe(Date.parse(at));
    expect(server.statuses).toHaveLength(0);
    expect(server.scheduledStatuses).toHaveLength(1);
  });
});

describe('drafts are never lost', () => {
  it('survive closing the popup (a new composer over the same storage)', async () => {
    const h = await composerHarness(server);
    await h.composer.updateDraft(popup, { text: 'half-written', spoilerEnabled: true, spoilerText: 'cw', visibility: 'unlisted' });
    const reopened = await h.reopen().getComposer(popup);
    expect(reopened.draft).toMatchObject({ text: 'half-written', spoilerEnabled: true, spoilerText: 'cw', visibility: 'unlisted' });
  });

  it('a post whose answer was lost is retried with the same key and posted once', async () => {
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, drop: true, times: 1 });
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Only once please' });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'unreachable' } });
    expect((await composer.getComposer(popup)).draft.text).toBe('Only once please');
    expect((await composer.post(popup)).ok).toBe(true);
    expect(server.statuses).toHaveLength(1);
  });

  it('sends the draft’s Idempotency-Key on every attempt, and a new draft gets a new key', async () => {
    // A 503 before any work: the outcome is unknown, the lost-answer check finds nothing,
    // so the retry really is a second POST — both must carry the same key.
    server.setFault('POST /api/v1/statuses', { status: 503, times: 1 });
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Keyed' });
    const { idempotencyKey } = (await composer.getComposer(popup)).draft;
    expect(await composer.post(popup)).toMatchObject({ ok: false, error: { code: 'server-error', status: 503 } });
    expect((await composer.post(popup)).ok).toBe(true);
    await composer.updateDraft(popup, { text: 'Another one' });
    expect((await composer.post(popup)).ok).toBe(true);

    const keys = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses').map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toBe(idempotencyKey);
    expect(keys[1]).toBe(idempotencyKey);
    expect(keys[2]).toEqual(expect.any(String));
    expect(keys[2]).not.toBe('');
    expect(keys[2]).not.toBe(idempotencyKey);
    expect(server.statuses.map((s) => s.text)).toEqual(['Keyed', 'Another one']);
  });

  it('a scheduled post whose answer was lost is scheduled once: found among the scheduled posts', async () => {
    // Scheduled posts are not in the account's statuses: the lost-answer check looks in
    // GET /api/v1/scheduled_statuses instead, and settles it without a second POST. (Had
    // it missed, Mastodon would answer the repeated key with the original ScheduledStatus;
    // the test above checks the key itself.)
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, drop: true, times: 1 });
    const { composer } = await composerHarness(server);
    const at = new Date(Date.now() + 30 * 60_000).toISOString();
    await composer.updateDraft(popup, { text: 'See you later', scheduledAt: at });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'unreachable' } });
    expect(server.scheduledStatuses).toHaveLength(1);
    const outcome = await composer.post(popup);
    expect(outcome).toMatchObject({ ok: true, url: null });
    if (!outcome.ok) throw new Error('unreachable');
    expect(outcome.scheduledAt).toBe(server.scheduledStatuses[0]!.scheduled_at);
    expect(server.scheduledStatuses).toHaveLength(1);
    expect(server.statuses).toHaveLength(0);
    expect(server.count('GET', '/api/v1/scheduled_statuses')).toBe(1);
    expect(server.count('POST', '/api/v1/statuses')).toBe(1);
  });

  it('posts once even where the server ignores Idempotency-Key', async () => {
    await server.close();
    server = await startFakeMastodon({ idempotency: false });
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, status: 502, times: 1 });
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Tom & Jerry <3 https://example.com/x' });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'server-error', status: 502 } });
    expect(await composer.post(popup)).toMatchObject({ ok: true, url: expect.stringContaining('/@alice/') });
    expect(server.statuses).toHaveLength(1);
  });

  it('a 5xx before anything happened: the retry posts', async () => {
    server.setFault('POST /api/v1/statuses', { status: 503, times: 1 });
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Try again' });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'server-error', status: 503 } });
    expect((await composer.post(popup)).ok).toBe(true);
    expect(server.statuses).toHaveLength(1);
  });

  it('a 401 keeps the draft and its media; after reconnecting the same draft posts', async () => {
    const { composer, file } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Still here' });
    await composer.addMedia(popup, await file());
    await settled(composer);
    server.revokeAllTokens();
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'unauthorized', accountId: `alice@${server.host}` } });
    const kept = (await composer.getComposer(popup)).draft;
    expect(kept.text).toBe('Still here');
    expect(kept.media).toHaveLength(1);
    await connectHarness().service.start({ input: `@alice@${server.host}` });
    expect((await composer.post(popup)).ok).toBe(true);
    expect(server.statuses.at(-1)!.media_attachments).toHaveLength(1);
  });

  it("a 422 shows the server's message and keeps the draft", async () => {
    server.setFault('POST /api/v1/statuses', { status: 422, body: { error: 'Validation failed: Visibility is not included in the list' } });
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'x' });
    expect(await composer.post(popup)).toEqual({
      ok: false,
      error: { code: 'rejected', status: 422, detail: 'Validation failed: Visibility is not included in the list' },
    });
    expect((await composer.getComposer(popup)).draft.text).toBe('x');
  });

  it('a refusal for length despite the counter shows the server\'s words and the limit that applied', async () => {
    server.setFault('POST /api/v1/statuses', { status: 422, body: { error: 'Validation failed: Text character limit of 500 exceeded' } });
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'x' });
    expect(await composer.post(popup)).toEqual({
      ok: false,
      error: { code: 'too-long', status: 422, detail: 'Validation failed: Text character limit of 500 exceeded', limit: 500 },
    });
    expect((await composer.getComposer(popup)).draft.text).toBe('x');
  });

  it('a 429 says when to retry', async () => {
    server.setFault('POST /api/v1/statuses', { status: 429 });
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'x' });
    const outcome = await composer.post(popup);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    if (outcome.ok || outcome.error.code !== 'rate-limited') throw new Error('unreachable');
    expect(Date.parse(outcome.error.retryAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('offline: unreachable, draft kept', async () => {
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'offline words' });
    await server.close();
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'unreachable' } });
    expect((await composer.getComposer(popup)).draft.text).toBe('offline words');
    server = await startFakeMastodon();
  });

  it('a failed upload can be retried', async () => {
    server.setFault('POST /api/v2/media', { status: 500, times: 1 });
    const { composer, file } = await composerHarness(server);
    const { draft } = await composer.addMedia(popup, await file());
    expect((await settled(composer)).media[0]!.state).toBe('failed');
    await composer.retryMedia(popup, draft.media[0]!.localId);
    expect((await settled(composer)).media[0]!.state).toBe('ready');
  });
});
