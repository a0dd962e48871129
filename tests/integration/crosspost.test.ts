import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { limitsInForce } from '@/lib/composer/chosen';
import { startFakeMastodons, statusesPerServer, type FakeMastodon } from '../fake-mastodon/index';
import { composerHarness, settled, threeAccounts } from './composer-harness';
import { connectHarness } from './connect-harness';

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

/** alice and bob on server A, carol on server B; the composer's draft is alice's. */
const threeAccountsOnTwoServers = () => threeAccounts(a, b);

describe('cross-posting: one draft as several accounts', () => {
  it('3 accounts on 2 instances, one failing: the others post; a retry posts the missing one; exactly 3 statuses', async () => {
    const { composer, restart, file, ids, progress } = await threeAccountsOnTwoServers();
    const chosen = await composer.crosspostTo(popup, [ids.bob, ids.carol]);
    expect(chosen.servers.map((s) => s.accountId)).toEqual([ids.alice, ids.bob, ids.carol]);
    await composer.updateDraft(popup, { text: 'Same words, three accounts' });
    const added = await composer.addMedia(popup, await file('cat.png'));
    expect(added.problem).toBeNull();
    await settled(composer);
    await composer.describeMedia(popup, added.draft.media[0]!.localId, 'A cat, three times');

    b.setFault('POST /api/v1/statuses', { status: 503 });
    const first = await composer.post(popup);
    expect(first).toEqual({ ok: false, error: { code: 'not-all-posted', failed: 1 } });
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 2, [b.host]: 0 });
    const { draft } = await composer.getComposer(popup);
    expect(draft.text).toBe('Same words, three accounts');
    expect(draft.targets[ids.alice]).toMatchObject({ state: 'posted', statuses: [{ url: a.statuses[0]!.url }] });
    expect(draft.targets[ids.bob]).toMatchObject({ state: 'posted', statuses: [{ url: a.statuses[1]!.url }] });
    expect(draft.targets[ids.carol]).toMatchObject({ state: 'failed', error: { code: 'server-error', status: 503 } });
    // Each account has its own Idempotency-Key.
    const keys = a.requests.concat(b.requests).filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses').map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(3);

    // The worker stops meanwhile: the draft and every account's result survive it.
    const woken = await restart();
    b.setFault('POST /api/v1/statuses', null);
    const retried = await woken.post(popup, draft.idempotencyKey, ids.carol);
    expect(retried).toMatchObject({ ok: true, url: a.statuses[0]!.url });
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 2, [b.host]: 1 });
    expect(a.count('POST', '/api/v1/statuses')).toBe(2);
    expect(b.count('POST', '/api/v1/statuses')).toBe(2);
    expect(retried.ok && retried.targets?.[ids.carol]).toMatchObject({ state: 'posted', statuses: [{ url: b.statuses[0]!.url }] });

    // Each server got its own upload of the file, with the alt text; each post its own server's id.
    expect(a.media).toHaveLength(2);
    expect(b.media).toHaveLength(1);
    for (const status of [...a.statuses, ...b.statuses]) {
      expect(status.text).toBe('Same words, three accounts');
      expect(status.media_attachments.map((m) => m.description)).toEqual(['A cat, three times']);
    }
    expect(b.statuses[0]!.media_attachments[0]!.id).toBe(b.media[0]!.id);
    expect(new Set(a.statuses.map((s) => s.media_attachments[0]!.id)).size).toBe(2);
    // Progress is told per account: the draft's own upload, then bob's and carol's own.
    expect(new Set(progress.map((p) => p.accountId))).toEqual(new Set([undefined, ids.bob, ids.carol]));

    // Done: a fresh draft, still for the same three accounts.
    const after = await woken.getComposer(popup);
    expect(after.draft).toMatchObject({ text: '', crosspostTo: [ids.bob, ids.carol], targets: {} });
    // A window whose answer was lost asks again for the draft it showed: every account's result, nothing sent.
    expect(await woken.post(popup, draft.idempotencyKey)).toEqual(retried);
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 2, [b.host]: 1 });
  });

  it('a new draft starts with the options page default group', async () => {
    const harness = await composerHarness(a, 'alice', async () => ({
      defaultVisibility: null,
      defaultLanguage: null,
      counterStyle: 'remaining',
      altTextReminder: false,
      defaultLocalOnly: false,
      defaultFormat: null,
      crosspostDefault: [`carol@${b.host}`],
    }));
    await connectHarness({ username: 'carol' }).service.start({ input: b.origin });
    await harness.composer.updateDraft(popup, { text: 'To the default group' });
    const state = await harness.composer.getComposer(popup);
    expect(state.draft.crosspostTo).toEqual([`carol@${b.host}`]);
    expect(state.servers.map((s) => s.host)).toEqual([a.host, b.host]);
    expect(await harness.composer.post(popup)).toMatchObject({ ok: true });
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 1, [b.host]: 1 });
  });

  it('a lost answer on one server is looked for before posting again there: never two posts', async () => {
    const { composer, ids } = await threeAccountsOnTwoServers();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'The answer got lost on its way back' });
    b.setFault('POST /api/v1/statuses', { afterProcessing: true, drop: true, times: 1 });
    const first = await composer.post(popup);
    expect(first).toMatchObject({ ok: false, error: { code: 'not-all-posted', failed: 1 } });
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 1, [b.host]: 1 });
    const retried = await composer.post(popup);
    expect(retried).toMatchObject({ ok: true });
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 1, [b.host]: 1 });
    expect(b.count('POST', '/api/v1/statuses')).toBe(1);
  });

  it('a file still processing when the wait ends: that account says so, and Try again waits for the same upload', async () => {
    const { composer, reopen, file, ids } = await threeAccountsOnTwoServers();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'A slow video' });
    const localId = (await composer.addMedia(popup, await file('clip.png'))).draft.media[0]!.localId;
    await settled(composer);
    // B processes the file for 40 ms; this composer does not wait at all.
    const impatient = reopen({ processingTimeoutMs: 0 });
    expect(await impatient.post(popup)).toEqual({ ok: false, error: { code: 'not-all-posted', failed: 1 } });
    const { draft } = await impatient.getComposer(popup);
    expect(draft.targets[ids.carol]).toMatchObject({ state: 'failed', error: { code: 'processing-timeout' } });
    expect(draft.targets[ids.carol]?.media[localId]).toMatchObject({ state: 'processing', serverId: b.media[0]!.id });

    expect(await composer.post(popup)).toMatchObject({ ok: true, targets: { [ids.carol]: { state: 'posted' } } });
    expect(b.media).toHaveLength(1);
    expect(b.statuses[0]!.media_attachments.map((m) => m.id)).toEqual([b.media[0]!.id]);
  });

  it('a worker stopped mid-post: the cut-off account shows as failed, and its retry finds the post instead of posting again', async () => {
    const { composer, restart, ids } = await threeAccountsOnTwoServers();
    await composer.crosspostTo(popup, [ids.carol]);
    await composer.updateDraft(popup, { text: 'Cut off halfway' });
    // B takes its time: the worker stops before its answer, though B still makes the post.
    b.setFault('POST /api/v1/statuses', { delayMs: 300, times: 1 });
    void composer.post(popup);
    await expect.poll(() => a.statuses.length + b.count('POST', '/api/v1/statuses')).toBe(2);
    const woken = await restart();
    const { draft } = await woken.getComposer(popup);
    expect(draft.targets[ids.alice]?.state).toBe('posted');
    expect(draft.targets[ids.carol]).toMatchObject({ state: 'failed', error: { code: 'unreachable' } });
    expect(draft.targets[ids.carol]?.unconfirmedSince).not.toBeNull();
    await expect.poll(() => b.statuses.length).toBe(1);

    expect(await woken.post(popup)).toMatchObject({ ok: true, targets: { [ids.carol]: { state: 'posted', statuses: [{ url: b.statuses[0]!.url }] } } });
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 1, [b.host]: 1 });
    expect(b.count('POST', '/api/v1/statuses')).toBe(1);
  });

  it('counts for the strictest chosen server and says which; each server is held to its own limit', async () => {
    b.limits.maxCharacters = 100;
    const { composer, ids } = await threeAccountsOnTwoServers();
    const state = await composer.crosspostTo(popup, [ids.carol]);
    const text = 'x'.repeat(150);
    const { strictest, limits } = limitsInForce({ ...state, draft: { ...state.draft, text } });
    expect(strictest?.host).toBe(b.host);
    expect(limits.maxCharacters).toBe(100);

    // Sent anyway (an older window): the server it is too long for fails alone.
    await composer.updateDraft(popup, { text });
    const outcome = await composer.post(popup);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'not-all-posted', failed: 1 } });
    const { draft } = await composer.getComposer(popup);
    expect(draft.targets[ids.alice]?.state).toBe('posted');
    expect(draft.targets[ids.carol]).toMatchObject({ state: 'failed', error: { code: 'invalid-draft' } });
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 1, [b.host]: 0 });
  });

  it('an account that has its post stays chosen; one left out drops its result', async () => {
    const { composer, ids } = await threeAccountsOnTwoServers();
    await composer.crosspostTo(popup, [ids.bob, ids.carol]);
    await composer.updateDraft(popup, { text: 'Posted as some' });
    b.setFault('POST /api/v1/statuses', { status: 503 });
    await composer.post(popup);
    const state = await composer.crosspostTo(popup, []);
    expect(state.draft.crosspostTo).toEqual([ids.bob]);
    expect(Object.keys(state.draft.targets).sort()).toEqual([ids.alice, ids.bob].sort());
    // Every chosen account has its post now: the draft is done without sending anything.
    const outcome = await composer.post(popup);
    expect(outcome).toMatchObject({ ok: true });
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 2, [b.host]: 0 });
  });
});
