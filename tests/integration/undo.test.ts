import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '@/lib/composer/draft';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from '../fake-mastodon/index';
import { composerHarness, settled } from './composer-harness';

const popup = 'popup' as const;
let server: FakeMastodon;
afterEach(async () => {
  await server.close();
});

async function start(options: FakeMastodonOptions = {}, undoSeconds?: number) {
  server = await startFakeMastodon({ mediaProcessingMs: 30, ...options });
  return composerHarness(server, 'alice', async () => ({ ...DEFAULT_SETTINGS, undoSeconds: undoSeconds ?? DEFAULT_SETTINGS.undoSeconds }));
}

/** Everything the person made: the draft less the background's bookkeeping of one attempt. */
const made = ({ idempotencyKey: _, updatedAt: __, ...rest }: Draft) => rest;

/** A draft with everything undo must bring back: text, CW, media with alt text, visibility, language. */
async function fullDraft(h: Awaited<ReturnType<typeof start>>) {
  const { draft } = await h.composer.addMedia(popup, await h.file('cat.png'));
  await h.composer.describeMedia(popup, draft.media[0]!.localId, 'A cat on a mat, “asleep” 🐈');
  await h.composer.updateDraft(popup, {
    text: 'Bonjour  le monde\n\n#chat https://example.com/a?b=c 🇫🇷',
    spoilerEnabled: true,
    spoilerText: 'animaux',
    visibility: 'unlisted',
    language: 'fr',
    sensitive: true,
  });
  return settled(h.composer);
}

describe('undo after posting', () => {
  it('deletes the status and restores the draft byte for byte, re-using the media the server kept', async () => {
    const h = await start();
    const before = await fullDraft(h);
    expect((await h.composer.post(popup)).ok).toBe(true);
    expect(server.statuses).toHaveLength(1);
    const statusId = server.statuses[0]!.id;
    const posted = await h.composer.getComposer(popup);
    expect(posted.draft.text).toBe('');
    expect(posted.undoUntil).toBeGreaterThan(Date.now());

    const undone = await h.composer.undo(popup);
    expect(undone.ok).toBe(true);
    expect(server.statuses).toHaveLength(0);
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => [r.path, r.query])).toEqual([[`/api/v1/statuses/${statusId}`, {}]]);
    const restored = (await h.composer.getComposer(popup)).draft;
    expect(JSON.stringify(made(restored))).toBe(JSON.stringify(made(before)));
    expect(restored.idempotencyKey).not.toBe(before.idempotencyKey);
    expect((await h.composer.getComposer(popup)).undoUntil).toBeNull();

    // Posting again attaches the same media: no second upload.
    expect((await h.composer.post(popup)).ok).toBe(true);
    expect(server.count('POST', '/api/v2/media')).toBe(1);
    expect(server.statuses).toHaveLength(1);
    expect(server.statuses[0]).toMatchObject({ text: before.text, spoiler_text: 'animaux', visibility: 'unlisted', language: 'fr' });
    expect(server.statuses[0]!.media_attachments.map((m) => [m.id, m.description])).toEqual([[before.media[0]!.serverId, 'A cat on a mat, “asleep” 🐈']]);
  });

  it('restores a poll', async () => {
    const h = await start();
    const poll = { options: ['Tea', 'Coffee', 'Neither'], expiresIn: 86400, multiple: true };
    await h.composer.updateDraft(popup, { text: 'Tea or coffee?', poll, visibility: 'private' });
    const before = (await h.composer.getComposer(popup)).draft;
    await h.composer.post(popup);
    expect((await h.composer.undo(popup)).ok).toBe(true);
    expect(made((await h.composer.getComposer(popup)).draft)).toEqual(made(before));
    expect(server.statuses).toHaveLength(0);
  });

  it('uploads the media again from the kept file where the server dropped it with the status', async () => {
    const h = await start({ keepsMediaOnDelete: false });
    const before = await fullDraft(h);
    await h.composer.post(popup);
    expect((await h.composer.undo(popup)).ok).toBe(true);
    const again = await settled(h.composer);
    expect(server.count('POST', '/api/v2/media')).toBe(2);
    expect(again.media[0]).toMatchObject({ state: 'ready', description: before.media[0]!.description, fileName: 'cat.png' });
    expect(again.media[0]!.serverId).not.toBe(before.media[0]!.serverId);
    expect((await h.composer.post(popup)).ok).toBe(true);
    expect(server.statuses).toHaveLength(1);
    expect(server.statuses[0]!.media_attachments[0]!.description).toBe('A cat on a mat, “asleep” 🐈');
  });

  it('offers nothing once the window has closed, or when the options turned undo off', async () => {
    const off = await start({}, 0);
    await off.composer.updateDraft(popup, { text: 'For good' });
    await off.composer.post(popup);
    expect((await off.composer.getComposer(popup)).undoUntil).toBeNull();
    expect(await off.composer.undo(popup)).toEqual({ ok: false, error: { code: 'undo-expired' } });
    expect(server.statuses).toHaveLength(1);
  });

  it('never overwrites a draft typed since posting', async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'First' });
    await h.composer.post(popup);
    await h.composer.updateDraft(popup, { text: 'Second, already typing' });
    expect(await h.composer.undo(popup)).toEqual({ ok: false, error: { code: 'draft-in-use' } });
    expect(server.statuses).toHaveLength(1);
    expect((await h.composer.getComposer(popup)).draft.text).toBe('Second, already typing');
  });

  it("offers no Undo beside a post that has none: an earlier post's Undo is not this one's", async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'First' });
    await h.composer.post(popup);
    expect((await h.composer.getComposer(popup)).undoUntil).not.toBeNull();
    // A scheduled post has no Undo (it is not out yet); the first one's must not show beside it.
    await h.composer.updateDraft(popup, { text: 'Later', scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await h.composer.post(popup)).ok).toBe(true);
    expect((await h.composer.getComposer(popup)).undoUntil).toBeNull();
    expect(await h.composer.undo(popup)).toEqual({ ok: false, error: { code: 'undo-expired' } });
    expect(server.statuses.map((s) => s.text)).toEqual(['First']);
  });
});
