import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newThread, partText } from '@/lib/composer/thread';
import { splitThread } from '@/lib/composer/thread-split';
import type { Draft } from '@/lib/composer/draft';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { composerHarness, settled } from './composer-harness';

const popup = 'popup' as const;
let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon({ limits: { maxCharacters: 60 } });
});
afterEach(async () => {
  await server.close();
});

const paragraphs = [
  'The first part of a long story, told in four.',
  'The second part goes on where the first stopped.',
  'The third part is where the server fails once.',
  'The fourth part ends it, posted after a retry.',
];

type Composer = Awaited<ReturnType<typeof composerHarness>>['composer'];

/** What the composer does when the person takes "Post as a thread": split as the server counts, with the CW. */
async function makeThread(composer: Composer, patch: Partial<Draft>, numbered = true) {
  await composer.updateDraft(popup, { text: paragraphs.join('\n\n'), ...patch });
  const { draft, limits, server: profile } = await composer.getComposer(popup);
  const parts = splitThread(draft.text, {
    maxCharacters: limits.maxCharacters,
    charactersReservedPerUrl: limits.charactersReservedPerUrl,
    rule: profile.counting,
    spoilerText: draft.spoilerEnabled ? draft.spoilerText : '',
    numbered,
  });
  const stored = await composer.updateDraft(popup, { thread: newThread(parts, numbered) });
  return stored.thread!;
}

const postsMade = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');

describe('posting a thread', () => {
  it('posts 4 parts chained by in_reply_to_id; a failure at part 3 then Try again makes exactly 4 statuses', async () => {
    const { composer, broadcasts } = await composerHarness(server);
    const thread = await makeThread(composer, { spoilerEnabled: true, spoilerText: 'long', language: 'en' });
    expect(thread.parts.map((_, i) => partText(thread, i))).toEqual(paragraphs.map((p, i) => `${p} ${i + 1}/4`));

    server.setFault('POST /api/v1/statuses', { status: 503, after: 2, times: 1 });
    const failed = await composer.post(popup);
    expect(failed).toMatchObject({ ok: false, error: { code: 'server-error', status: 503 } });
    expect(server.statuses).toHaveLength(2);
    const kept = (await composer.getComposer(popup)).draft.thread!;
    expect(kept.parts.map((p) => p.posted?.id ?? null)).toEqual([server.statuses[0]!.id, server.statuses[1]!.id, null, null]);
    // Open windows heard of each part as it went out.
    expect(broadcasts.filter((b) => b.draft.thread?.parts[1]?.posted).length).toBeGreaterThan(0);

    const retried = await composer.post(popup);
    const statuses = server.statuses;
    expect(statuses).toHaveLength(4);
    expect(retried).toEqual({ ok: true, url: statuses[0]!.url, scheduledAt: null, threadUrls: statuses.map((s) => s.url) });
    expect(statuses.map((s) => s.text)).toEqual(paragraphs.map((p, i) => `${p} ${i + 1}/4`));
    expect(statuses.map((s) => s.in_reply_to_id)).toEqual([null, statuses[0]!.id, statuses[1]!.id, statuses[2]!.id]);
    expect(statuses.map((s) => s.visibility)).toEqual(['public', 'unlisted', 'unlisted', 'unlisted']);
    expect(statuses.every((s) => s.spoiler_text === 'long' && s.language === 'en')).toBe(true);
    // Parts 1 and 2 were never sent again; part 3 twice (the 503, then the retry), with the same key.
    const keys = postsMade().map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(4);
    expect(keys[2]).toBe(keys[3]);
    expect((await composer.getComposer(popup)).draft).toMatchObject({ text: '', thread: null });
  });

  it('a lost answer at part 3, where the server ignores Idempotency-Key: the check finds it, nothing is posted twice', async () => {
    await server.close();
    server = await startFakeMastodon({ limits: { maxCharacters: 60 }, idempotency: false });
    const { composer } = await composerHarness(server);
    await makeThread(composer, {}, false);
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, drop: true, after: 2, times: 1 });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'unreachable' } });
    expect(server.statuses).toHaveLength(3);
    expect((await composer.getComposer(popup)).draft.thread!.parts[2]!.unconfirmedSince).toEqual(expect.any(Number));

    const retried = await composer.post(popup);
    expect(retried.ok).toBe(true);
    const statuses = server.statuses;
    expect(statuses.map((s) => s.text)).toEqual(paragraphs);
    expect(statuses.map((s) => s.in_reply_to_id)).toEqual([null, statuses[0]!.id, statuses[1]!.id, statuses[2]!.id]);
    expect(postsMade()).toHaveLength(4);
  });

  it('part 3 made three times while its answers were lost (a re-sending browser, keys ignored): the extra copies go, the person is told', async () => {
    await server.close();
    server = await startFakeMastodon({ limits: { maxCharacters: 60 }, idempotency: false });
    const { composer } = await composerHarness(server);
    await makeThread(composer, {}, false);
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, drop: true, resentTimes: 2, after: 2, times: 1 });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'unreachable' } });
    expect(server.statuses.map((s) => s.text)).toEqual([paragraphs[0], paragraphs[1], paragraphs[2], paragraphs[2], paragraphs[2]]);

    expect(await composer.post(popup)).toMatchObject({ ok: true, removedCopies: 2, leftCopies: 0 });
    const statuses = server.statuses;
    expect(statuses.map((s) => s.text)).toEqual(paragraphs);
    expect(statuses.map((s) => s.in_reply_to_id)).toEqual([null, statuses[0]!.id, statuses[1]!.id, statuses[2]!.id]);
  });

  it('the poll stays on the first part; a followers-only thread replies followers-only, and the replies’ visibility can be chosen', async () => {
    const { composer } = await composerHarness(server);
    const poll = { options: ['Yes', 'No'], expiresIn: 86_400, multiple: false };
    const thread = await makeThread(composer, { poll, visibility: 'private' }, false);
    await composer.post(popup);
    expect(server.statuses.map((s) => s.poll?.options.map((o) => o.title) ?? null)).toEqual([['Yes', 'No'], null, null, null]);
    expect(server.statuses.map((s) => s.visibility)).toEqual(['private', 'private', 'private', 'private']);

    await makeThread(composer, { visibility: 'public' }, false);
    await composer.updateDraft(popup, { thread: { ...thread, replyVisibility: 'public' } });
    await composer.post(popup);
    expect(server.statuses.slice(4).map((s) => s.visibility)).toEqual(['public', 'public', 'public', 'public']);
  });

  it('the picture goes on the first part only, with the alt text changed since its upload, told to the server once', async () => {
    const { composer, file } = await composerHarness(server);
    const { draft } = await composer.addMedia(popup, await file('cat.png'));
    await settled(composer);
    await composer.describeMedia(popup, draft.media[0]!.localId, 'A cat, described late');
    await makeThread(composer, {}, false);
    expect((await composer.post(popup)).ok).toBe(true);
    expect(server.statuses.map((s) => s.media_attachments.map((m) => m.description))).toEqual([['A cat, described late'], [], [], []]);
    expect(server.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/api/v1/media/'))).toHaveLength(1);
  });

  it('a part the browser sent twice to a server whose kind ignores Idempotency-Key: the extra copy goes, the person is told', async () => {
    await server.close();
    server = await startFakeMastodon({ limits: { maxCharacters: 60 }, idempotency: false, dialect: 'gotosocial' });
    const { composer } = await composerHarness(server);
    await makeThread(composer, {}, false);
    server.setFault('POST /api/v1/statuses', { resentTimes: 1, after: 1, times: 1 });
    expect(await composer.post(popup)).toMatchObject({ ok: true, removedCopies: 1, leftCopies: 0 });
    const statuses = server.statuses;
    expect(statuses.map((s) => s.text)).toEqual(paragraphs);
    expect(statuses.map((s) => s.in_reply_to_id)).toEqual([null, statuses[0]!.id, statuses[1]!.id, statuses[2]!.id]);
  });

  it('a part the server altered is deleted and not counted as posted; Try again sends it again', async () => {
    const { composer } = await composerHarness(server);
    await makeThread(composer, {}, false);
    server.setFault('POST /api/v1/statuses', { patch: { content: '<p>Something else entirely</p>' }, after: 1, times: 1 });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'server-altered', differences: ['text'], deleted: true } });
    expect(server.statuses.map((s) => s.text)).toEqual([paragraphs[0]]);
    expect((await composer.getComposer(popup)).draft.thread!.parts.map((p) => [p.posted !== null, p.unconfirmedSince])).toEqual([
      [true, null],
      [false, null],
      [false, null],
      [false, null],
    ]);

    expect((await composer.post(popup)).ok).toBe(true);
    const statuses = server.statuses;
    expect(statuses.map((s) => s.text)).toEqual(paragraphs);
    expect(statuses.map((s) => s.in_reply_to_id)).toEqual([null, statuses[0]!.id, statuses[1]!.id, statuses[2]!.id]);
  });

  it('an edit from a window that missed the progress never makes a posted part look unposted', async () => {
    const { composer } = await composerHarness(server);
    const stale = await makeThread(composer, {}, false);
    server.setFault('POST /api/v1/statuses', { status: 422, after: 1, times: 1 });
    expect(await composer.post(popup)).toMatchObject({ ok: false, error: { code: 'rejected', status: 422 } });

    // The window still shows nothing posted; the person rewrites parts 1 and 2.
    const edited = { ...stale, parts: stale.parts.map((p, i) => (i < 2 ? { ...p, text: `Rewritten ${i + 1}` } : p)) };
    const stored = (await composer.updateDraft(popup, { thread: edited })).thread!;
    expect(stored.parts[0]).toMatchObject({ text: paragraphs[0], posted: { id: server.statuses[0]!.id } });
    expect(stored.parts[1]).toMatchObject({ text: 'Rewritten 2', posted: null, unconfirmedSince: null });
    // Nor can the thread go back to one post once a part is out.
    expect((await composer.updateDraft(popup, { thread: null })).thread).toEqual(stored);

    expect((await composer.post(popup)).ok).toBe(true);
    expect(server.statuses.map((s) => s.text)).toEqual([paragraphs[0], 'Rewritten 2', paragraphs[2], paragraphs[3]]);
  });

  it('survives the worker stopping mid-thread: the next start goes on with the parts not posted', async () => {
    const h = await composerHarness(server);
    const thread = await makeThread(h.composer, {}, true);
    server.setFault('POST /api/v1/statuses', { delayMs: 300, after: 2, times: 1 });
    // Never settles: the stopped worker hears nothing more.
    void h.composer.post(popup);
    await expect.poll(() => server.statuses.length).toBe(2);
    const restarted = await h.restart();
    expect((await restarted.post(popup)).ok).toBe(true);
    const statuses = server.statuses;
    expect(statuses.map((s) => s.text)).toEqual(thread.parts.map((_, i) => partText(thread, i)));
    expect(statuses.map((s) => s.in_reply_to_id)).toEqual([null, statuses[0]!.id, statuses[1]!.id, statuses[2]!.id]);
    // Part 3 was on its way when the worker stopped: whether the check found it or it was sent again, one key per part.
    expect(new Set(postsMade().map((r) => r.headers['idempotency-key'])).size).toBe(4);
  });
});
