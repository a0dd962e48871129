import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, startFakeMastodons, statusesPerServer, type FakeMastodon } from '../fake-mastodon/index';
import { settled, threeAccounts } from './composer-harness';

/**
 * Cross-posting, account by account, as the composer shows it: each account's result and
 * each account's copy of a file, through failures, retries and a stopped worker.
 */

let servers: FakeMastodon[];
let a: FakeMastodon;
let b: FakeMastodon;
beforeEach(async () => {
  servers = await startFakeMastodons(2, { mediaProcessingMs: 40 });
  [a, b] = servers as [FakeMastodon, FakeMastodon];
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const popup = 'popup' as const;
const posts = (server: FakeMastodon) => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');

/** alice and bob on server A, carol on `other` (server B unless given); the draft is alice's. */
const accounts = (other: FakeMastodon = b) => threeAccounts(a, other);

describe('each account’s result', () => {
  it('"Try again" for one account sends only that one; the others wait, with nothing posted', async () => {
    const { composer, ids } = await accounts();
    await composer.crosspostTo(popup, [ids.bob, ids.carol]);
    await composer.updateDraft(popup, { text: 'Only carol for now' });
    const outcome = await composer.post(popup, undefined, ids.carol);
    expect(outcome).toEqual({ ok: false, error: { code: 'not-all-posted', failed: 2 } });
    const { draft } = await composer.getComposer(popup);
    expect(draft.targets[ids.carol]).toMatchObject({ state: 'posted' });
    for (const id of [ids.alice, ids.bob]) {
      expect(draft.targets[id]).toMatchObject({ state: 'pending', statuses: [], scheduledAt: null, error: null, unconfirmedSince: null, media: {} });
    }
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 0, [b.host]: 1 });
  });

  it('a scheduled post: each account has its scheduled one, and no status yet', async () => {
    const { composer, ids } = await accounts();
    await composer.crosspostTo(popup, [ids.carol]);
    const at = new Date(Date.now() + 10 * 60_000).toISOString();
    await composer.updateDraft(popup, { text: 'Later, twice', scheduledAt: at });
    const outcome = await composer.post(popup);
    expect(outcome).toMatchObject({ ok: true, url: null });
    if (!outcome.ok) throw new Error('unreachable');
    for (const id of [ids.alice, ids.carol]) {
      expect(outcome.targets?.[id]).toMatchObject({ state: 'scheduled', statuses: [] });
      expect(Date.parse(outcome.targets?.[id]?.scheduledAt ?? '')).toBe(Date.parse(at));
    }
    expect([a.scheduledStatuses.length, b.scheduledStatuses.length]).toEqual([1, 1]);
  });

  it('a server that changed the words: that account fails with the reason, its altered copy removed', async () => {
    const { composer, ids } = await accounts();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'Exactly these words' });
    b.setFault('POST /api/v1/statuses', { patch: { content: '<p>Other words</p>' }, times: 1 });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'not-all-posted', failed: 1 } });
    const { draft } = await composer.getComposer(popup);
    expect(draft.targets[ids.carol]).toMatchObject({ state: 'failed', error: { code: 'server-altered', deleted: true } });
    expect(b.statuses).toHaveLength(0);
  });

  it('a first attempt posts without looking for an earlier copy', async () => {
    const { composer, ids } = await accounts();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'Fresh' });
    expect(await composer.post(popup)).toMatchObject({ ok: true });
    const looked = (server: FakeMastodon) => server.requests.filter((r) => r.method === 'GET' && /^\/api\/v1\/(accounts\/[^/]+\/statuses|scheduled_statuses)/.test(r.path));
    expect([looked(a), looked(b)]).toEqual([[], []]);
  });

  it('open windows see each account’s post and file as it goes', async () => {
    const { composer, ids, file, broadcasts } = await accounts();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'With a picture' });
    const { draft } = await composer.addMedia(popup, await file('cat.png'));
    const localId = draft.media[0]!.localId;
    await settled(composer);
    broadcasts.length = 0;
    expect(await composer.post(popup)).toMatchObject({ ok: true });
    const carol = broadcasts.map((b) => b.draft.targets[ids.carol]).filter((t) => t !== undefined);
    const fileStates = [...new Set(carol.map((t) => t.media[localId]?.state).filter((s) => s !== undefined))];
    expect(fileStates).toEqual(['uploading', 'processing', 'ready']);
    expect(carol.map((t) => t.state)).toContain('posting');
    expect(carol.at(-1)).toMatchObject({ state: 'posted', media: { [localId]: { state: 'ready', serverId: b.media[0]!.id, description: '' } } });
    // alice's own upload already had its (empty) alt text: nothing to tell her server.
    expect(a.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/api/v1/media/'))).toEqual([]);
  });

  it('one account alone is no cross-post: no per-server limits; an account no longer connected cannot be chosen', async () => {
    const { composer, ids } = await accounts();
    expect((await composer.getComposer(popup)).servers).toEqual([]);
    const state = await composer.crosspostTo(popup, [ids.carol, `dave@${b.host}`]);
    expect(state.draft.crosspostTo).toEqual([ids.carol]);
    expect(state.servers.map((s) => s.accountId)).toEqual([ids.alice, ids.carol]);
  });
});

describe('each account’s copy of a file', () => {
  it('alt text changed before "Try again" reaches the copy already on that server, and only when it changed', async () => {
    const { composer, ids, file } = await accounts();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'A cat' });
    const { draft } = await composer.addMedia(popup, await file('cat.png'));
    const localId = draft.media[0]!.localId;
    await settled(composer);
    await composer.describeMedia(popup, localId, 'A cat');
    b.setFault('POST /api/v1/statuses', { status: 503, times: 1 });
    expect(await composer.post(popup)).toMatchObject({ ok: false });
    const updates = () => b.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/api/v1/media/'));
    expect(updates()).toHaveLength(0);

    b.setFault('POST /api/v1/statuses', { status: 503, times: 1 });
    expect(await composer.post(popup)).toMatchObject({ ok: false });
    // Unchanged: nothing to tell the server.
    expect(updates()).toHaveLength(0);

    await composer.describeMedia(popup, localId, 'A sleeping cat');
    expect(await composer.post(popup, undefined, ids.carol)).toMatchObject({ ok: true });
    expect(updates().map((r) => r.body)).toEqual([{ description: 'A sleeping cat' }]);
    expect(b.count('POST', '/api/v2/media')).toBe(1);
    expect(b.statuses[0]!.media_attachments.map((m) => m.description)).toEqual(['A sleeping cat']);
  });

  it('a server that refuses the file: that account fails, its copy marked failed with the reason; the others post', async () => {
    const { composer, ids, file } = await accounts();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'A file B refuses' });
    const { draft } = await composer.addMedia(popup, await file('cat.png'));
    const localId = draft.media[0]!.localId;
    await settled(composer);
    b.setFault('POST /api/v2/media', { status: 500 });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'not-all-posted', failed: 1 } });
    const after = (await composer.getComposer(popup)).draft;
    expect(after.targets[ids.alice]?.state).toBe('posted');
    expect(after.targets[ids.carol]).toMatchObject({ state: 'failed', error: { code: 'server-error' } });
    expect(after.targets[ids.carol]?.media[localId]).toEqual({ state: 'failed', serverId: null, description: '', error: 'server-error' });
  });

  it('the worker stopped while the file was uploading there: it is sent again, once', async () => {
    const { composer, restart, ids, file } = await accounts();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'Cut off upload' });
    const { draft } = await composer.addMedia(popup, await file('cat.png'));
    const localId = draft.media[0]!.localId;
    await settled(composer);
    b.setFault('POST /api/v2/media', { delayMs: 400, times: 1 });
    void composer.post(popup);
    await expect.poll(async () => (await composer.getComposer(popup)).draft.targets[ids.carol]?.media[localId]?.state).toBe('uploading');
    const woken = await restart();
    expect((await woken.getComposer(popup)).draft.targets[ids.carol]?.media).toEqual({});
    await expect.poll(() => b.media.length).toBe(1);
    expect(await woken.post(popup, undefined, ids.carol)).toMatchObject({ ok: true });
    expect(b.count('POST', '/api/v2/media')).toBe(2);
    expect(b.statuses[0]!.media_attachments).toHaveLength(1);
  });

  it('the worker stopped while the server processed the file: the wait goes on, nothing is sent twice', async () => {
    await b.close();
    b = await startFakeMastodon({ mediaProcessingMs: 600 });
    servers[1] = b;
    const { composer, restart, ids, file } = await accounts(b);
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'Slow processing' });
    const { draft } = await composer.addMedia(popup, await file('cat.png'));
    const localId = draft.media[0]!.localId;
    await settled(composer);
    void composer.post(popup);
    await expect.poll(async () => (await composer.getComposer(popup)).draft.targets[ids.carol]?.media[localId]?.state).toBe('processing');
    const woken = await restart();
    expect((await woken.getComposer(popup)).draft.targets[ids.carol]?.media[localId]).toMatchObject({ state: 'processing', serverId: b.media[0]!.id });
    expect(await woken.post(popup, undefined, ids.carol)).toMatchObject({ ok: true });
    expect(b.count('POST', '/api/v2/media')).toBe(1);
    expect(b.statuses[0]!.media_attachments.map((m) => m.id)).toEqual([b.media[0]!.id]);
  });
});

describe('quote policies go where the server has quotes', () => {
  it('sent to a server with API version 7; left out for one without quotes', async () => {
    const old = await startFakeMastodon({ mastodonApiVersion: 6 });
    servers.push(old);
    const { composer, ids } = await accounts(old);
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'Quote me, or not', quotePolicy: 'followers' });
    expect(await composer.post(popup)).toMatchObject({ ok: true });
    expect(posts(a)[0]!.body).toMatchObject({ quote_approval_policy: 'followers' });
    expect(posts(old)[0]!.body).not.toHaveProperty('quote_approval_policy');
  });
});
