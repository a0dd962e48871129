import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundServices } from '@/entrypoints/background/services';
import { accountsStorage } from '@/entrypoints/background/storage-items';
import { readSettings } from '@/utils/settings-item';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { connectHarness } from './connect-harness';

/**
 * Storage damaged in every way we know of — wrong types, shapes of older versions,
 * JSON strings cut off mid-write — read through the background's real services: the
 * popup's, compose window's and options page's calls all answer, nothing throws, and
 * what had to be set aside is noted (a draft with its words to copy back).
 */
let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon();
});
afterEach(async () => {
  await server.close();
});

/** Writes raw values under the items' keys, as a crash, a bug or an old version could. */
const corrupt = (values: Record<string, unknown>) => fakeBrowser.storage.local.set(values);

/** What opening the popup, a compose window and the options page asks the background. */
async function openEverySurface(services: ReturnType<typeof createBackgroundServices>) {
  const state = await services.accounts.read();
  const popup = await services.composer.getComposer('popup');
  const share = await services.composer.getComposer('share-1');
  const shares = await services.composer.unfinishedShares();
  const registrations = await services.admin.listRegistrations();
  const notes = await services.setAside.list();
  const status = await services.connect.status();
  return { state, popup, share, shares, registrations, notes, status };
}

async function connectAlice() {
  await connectHarness().service.start({ input: server.origin });
  return (await connectHarness().accounts.read()).accounts[0]!;
}

describe('a damaged drafts item', () => {
  it.each([
    ['text of the wrong type', { popup: { idempotencyKey: 'k', text: 42 } }, '{"idempotencyKey":"k","text":42}'],
    ['a truncated JSON string', { popup: '{"idempotencyKey":"k","text":"Half a thou' }, '{"idempotencyKey":"k","text":"Half a thou'],
    ['no idempotency key', { popup: { text: 'Words worth keeping' } }, 'Words worth keeping'],
  ])('with %s: the composer opens afresh and the words are offered back', async (_what, drafts, recovered) => {
    await connectAlice();
    await corrupt({ drafts });
    const services = createBackgroundServices();
    const opened = await openEverySurface(services);
    expect(opened.popup.draft.text).toBe('');
    expect(opened.popup.account?.username).toBe('alice');
    expect(opened.notes).toEqual([
      { id: expect.any(String), item: 'drafts', whole: false, label: 'popup', text: recovered, at: expect.any(Number) },
    ]);
    // Once typed into, the damaged entry is gone from storage; the note stays until dismissed.
    await services.composer.updateDraft('popup', { text: 'new' });
    expect(await services.setAside.list()).toHaveLength(1);
    await services.setAside.dismiss(opened.notes[0]!.id);
    expect(await services.setAside.list()).toEqual([]);
  });

  it('that is not a map at all: everything opens, what was stored is offered back', async () => {
    await connectAlice();
    await corrupt({ drafts: '{"popup":{"text":"Lost in a crash' });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.popup.draft.text).toBe('');
    expect(opened.shares).toEqual([]);
    expect(opened.notes).toMatchObject([{ item: 'drafts', whole: true, text: '{"popup":{"text":"Lost in a crash' }]);
  });

  it('of an older shape (fields added since are missing): kept as it is, no note', async () => {
    await connectAlice();
    await corrupt({ drafts: { popup: { idempotencyKey: 'old-key', text: 'From an older version', media: [{ localId: 'x' }] } } });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.popup.draft).toMatchObject({ idempotencyKey: 'old-key', text: 'From an older version', spoilerEnabled: false, media: [], unconfirmedSince: null });
    expect(opened.notes).toEqual([]);
  });

  it('with one broken share draft: the others are listed, the broken one is noted', async () => {
    await connectAlice();
    await corrupt({
      drafts: {
        'share-1': { idempotencyKey: 'a', text: 'Fine share', updatedAt: 1 },
        'share-2': { idempotencyKey: 'b', text: ['not', 'text'] },
      },
    });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.shares.map((s) => s.draftId)).toEqual(['share-1']);
    expect(opened.share.draft.text).toBe('Fine share');
    expect(opened.notes).toMatchObject([{ item: 'drafts', label: 'share-2' }]);
  });

  it('is noted once, however often it is read', async () => {
    await connectAlice();
    await corrupt({ drafts: { popup: 17 } });
    const services = createBackgroundServices();
    await openEverySurface(services);
    await openEverySurface(services);
    expect(await services.setAside.list()).toHaveLength(1);
  });
});

describe('a damaged accounts item', () => {
  it('with one broken account: the other stays (and becomes the default), the broken one is noted by id, never its token', async () => {
    const alice = await connectAlice();
    await corrupt({
      accounts: {
        accounts: [{ ...alice, id: 'bob@elsewhere.example', token: 42 }, alice],
        defaultAccountId: 'bob@elsewhere.example',
      },
    });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.state.accounts.map((a) => a.id)).toEqual([alice.id]);
    expect(opened.state.defaultAccountId).toBe(alice.id);
    expect(opened.popup.account?.id).toBe(alice.id);
    expect(opened.notes).toMatchObject([{ item: 'accounts', label: 'bob@elsewhere.example', text: null }]);
    expect(JSON.stringify(opened.notes)).not.toContain(alice.token);
  });

  it.each([
    ['a truncated JSON string', '{"accounts":[{"id":"alice@'],
    ['the wrong type', 42],
    ['a list instead of the state', []],
  ])('that is %s: no accounts, the popup offers to connect, with a note', async (_what, accounts) => {
    await connectAlice();
    await corrupt({ accounts });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.state).toEqual({ accounts: [], defaultAccountId: null });
    expect(opened.popup.account).toBeNull();
    expect(opened.notes).toMatchObject([{ item: 'accounts', whole: true, text: null }]);
    // Connecting again works and replaces the damaged value.
    expect((await connectHarness().service.start({ input: server.origin })).state).toBe('done');
    expect((await createBackgroundServices().accounts.read()).accounts).toHaveLength(1);
  });

  it('of version 1 (no app credentials): migrated from the registration, so Disconnect revokes', async () => {
    const alice = await connectAlice();
    const { app: _app, ...v1 } = alice;
    await corrupt({ accounts: { accounts: [v1], defaultAccountId: alice.id }, accounts$: { v: 1 } });
    await accountsStorage.migrate();
    const services = createBackgroundServices();
    expect((await services.accounts.read()).accounts[0]?.app).toEqual(alice.app);
    expect(await services.admin.disconnect(alice.id)).toEqual({ revoked: true });
    expect(await services.setAside.list()).toEqual([]);
  });

  it('of version 1 whose registration is gone: kept, Disconnect forgets it and says it could not revoke', async () => {
    const alice = await connectAlice();
    const { app: _app, ...v1 } = alice;
    await corrupt({ accounts: { accounts: [v1], defaultAccountId: alice.id }, accounts$: { v: 1 }, registrations: {} });
    await accountsStorage.migrate();
    const services = createBackgroundServices();
    expect((await services.accounts.read()).accounts[0]).toMatchObject({ id: alice.id, app: null });
    expect(await services.admin.disconnect(alice.id)).toEqual({ revoked: false });
    expect((await services.accounts.read()).accounts).toEqual([]);
  });

  it('with a username no server may give (stored before usernames were checked): set aside, out of the menus', async () => {
    const alice = await connectAlice();
    const hostile = { ...alice, id: `alice\n@evil.example@${server.host}`, username: 'alice\n@evil.example' };
    await corrupt({ accounts: { accounts: [hostile, alice], defaultAccountId: hostile.id } });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.state.accounts.map((a) => a.id)).toEqual([alice.id]);
    expect(opened.notes).toMatchObject([{ item: 'accounts', whole: false }]);
  });

  it('with an unsafe avatar: the account is kept, without the avatar', async () => {
    const alice = await connectAlice();
    await corrupt({ accounts: { accounts: [{ ...alice, avatar: 'javascript:alert(1)' }], defaultAccountId: alice.id } });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.state.accounts[0]).toMatchObject({ id: alice.id, avatar: '' });
  });
});

describe('a damaged registrations item', () => {
  it('with a broken entry: dropped with a note naming the instance, and the next connect registers anew', async () => {
    await connectAlice();
    const [key] = Object.keys((await fakeBrowser.storage.local.get('registrations')).registrations as object);
    await corrupt({ registrations: { [key!]: { key, origin: server.origin, clientId: 7 } } });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.registrations).toEqual([]);
    expect(opened.notes).toMatchObject([{ item: 'registrations', label: server.origin, text: null }]);
    server.clearLog();
    expect((await connectHarness({ username: 'bob' }).service.start({ input: server.origin })).state).toBe('done');
    expect(server.count('POST', '/api/v1/apps')).toBe(1);
  });

  it('with an entry cut off mid-write: named by the instance in its key', async () => {
    await connectAlice();
    const [key] = Object.keys((await fakeBrowser.storage.local.get('registrations')).registrations as object);
    await corrupt({ registrations: { [key!]: '{"key":"http://127.0.0.1' } });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.notes).toMatchObject([{ item: 'registrations', whole: false, label: server.origin }]);
  });

  it('that is a truncated JSON string: no registrations, a note, connecting works', async () => {
    await connectAlice();
    await corrupt({ registrations: '{"http://127.0.0.1' });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.registrations).toEqual([]);
    expect(opened.notes).toMatchObject([{ item: 'registrations', whole: true }]);
    expect((await connectHarness({ username: 'bob' }).service.start({ input: server.origin })).state).toBe('done');
  });
});

describe('damaged items nobody needs to hear about', () => {
  it('instance cache, settings and session state: defaults, no note, everything opens', async () => {
    await connectAlice();
    await corrupt({ instances: { [server.origin]: { info: 'x', fetchedAt: 'yesterday' } }, settings: '{"shareTemplate":' });
    await fakeBrowser.storage.session.set({
      connectStatus: { state: 'failed', input: 'x', error: { code: 'a-code-of-another-version' } },
      pendingFlows: 'garbage',
    });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.popup.limits.maxCharacters).toBe(server.limits.maxCharacters);
    expect(opened.popup.limitsAreDefaults).toBe(false);
    expect(opened.status).toEqual({ state: 'idle' });
    expect(opened.notes).toEqual([]);
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('everything damaged at once', () => {
  it('still opens every surface, with one note per thing set aside', async () => {
    await connectAlice();
    await corrupt({
      accounts: 'not json',
      registrations: [1, 2, 3],
      drafts: { popup: { text: 'Rescue me' }, 'share-9': null },
      instances: 5,
      settings: null,
    });
    const opened = await openEverySurface(createBackgroundServices());
    expect(opened.popup.account).toBeNull();
    expect(opened.notes.map((n) => [n.item, n.whole, n.label, n.text])).toEqual(
      expect.arrayContaining([
        ['accounts', true, null, null],
        ['registrations', true, null, null],
        ['drafts', false, 'popup', 'Rescue me'],
      ]),
    );
  });
});
