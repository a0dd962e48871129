// @vitest-environment happy-dom
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDraft } from '@/lib/composer/draft';
import type { AccountView, AppState, ComposerState } from '@/lib/messages';
import { composerShowing } from '../helpers/composer-state';
import { composerSnapshotKeeper, readAppStateSnapshot, readLastKnown, writeAppStateSnapshot } from '@/utils/app-state-snapshot';

const state: AppState = {
  accounts: [],
  defaultAccountId: null,
  connect: { state: 'idle' },
  redirectUri: 'https://fedipost-test.chromiumapp.org/',
  scopes: 'read write',
  waiting: [],
};

describe('app state snapshot', () => {
  it('is absent until the background writes one, then reads back as written', async () => {
    expect(await readAppStateSnapshot()).toBeNull();
    await writeAppStateSnapshot(state);
    expect(await readAppStateSnapshot()).toEqual(state);
  });

  it('ignores a snapshot written for another shape of the state', async () => {
    await browser.storage.local.set({ appStateSnapshot: { version: 0, state: { accounts: 'old shape' } } });
    expect(await readAppStateSnapshot()).toBeNull();
    // Version 1 had no waiting accounts: read as it is, the popup would lose them.
    const { waiting: _waiting, ...v1 } = state;
    await browser.storage.local.set({ appStateSnapshot: { version: 1, state: v1 } });
    expect(await readAppStateSnapshot()).toBeNull();
  });

  it.each([
    ['a truncated JSON string', '{"accounts":[{"id":"alice@'],
    ['accounts of the wrong type', { ...state, accounts: 'alice' }],
    ['an account missing its defaults', { ...state, accounts: [{ id: 'a@b.social', username: 'a', displayName: '', avatar: '', origin: 'https://b.social', scopes: [] }] }],
    ['an unsafe avatar', { ...state, accounts: [{ id: 'a@b.social', username: 'a', displayName: '', avatar: 'javascript:alert(1)', origin: 'https://b.social', scopes: [], defaults: { visibility: 'public', language: null, sensitive: false } }] }],
    ['a connect outcome no UI can word', { ...state, connect: { state: 'failed', input: 'x', error: { code: 'from-the-future' } } }],
    ['no connect status', { ...state, connect: undefined }],
    ['no waiting accounts', { ...state, waiting: undefined }],
    ['a waiting account in no known state', { ...state, waiting: [{ id: 'c@b.social', username: 'c', origin: 'https://b.social', email: 'c@example.com', state: 'banned', createdAt: 1 }] }],
    ['a waiting account without its email', { ...state, waiting: [{ id: 'c@b.social', username: 'c', origin: 'https://b.social', state: 'approval', createdAt: 1 }] }],
  ])('ignores a snapshot with %s (the popup waits for the background instead)', async (_what, damaged) => {
    // The current version: only the damage makes it unreadable.
    await browser.storage.local.set({ appStateSnapshot: { version: 2, state: damaged } });
    expect(await readAppStateSnapshot()).toBeNull();
  });

  it('reads a snapshot with accounts, a failed connect and a waiting account as written', async () => {
    const full: AppState = {
      ...state,
      accounts: [{ id: 'a@b.social', username: 'a', displayName: 'A', avatar: 'https://b.social/a.png', origin: 'https://b.social', scopes: ['read'], defaults: { visibility: 'unlisted', language: 'de', sensitive: true } }],
      defaultAccountId: 'a@b.social',
      connect: { state: 'failed', input: 'x.social', error: { code: 'redirected', origin: 'https://x.social', status: 307 } },
      waiting: [{ id: 'c@b.social', username: 'c', origin: 'https://b.social', email: 'c@example.com', state: 'confirm-email', createdAt: 1 }],
    };
    await writeAppStateSnapshot(full);
    expect(await readAppStateSnapshot()).toEqual(full);
  });
});

describe("the toolbar popup's composer snapshot", () => {
  const alice: AccountView = {
    id: 'alice@example.social',
    username: 'alice',
    displayName: 'Alice',
    avatar: 'https://example.social/alice.png',
    origin: 'https://example.social',
    scopes: ['write:statuses'],
    defaults: { visibility: 'public', language: null, sensitive: false },
  };
  const withAlice: AppState = { ...state, accounts: [alice], defaultAccountId: alice.id };
  const composer = composerShowing(alice, { ...emptyDraft('key-1', alice.id, 1), text: 'half a thought' }, { recentLanguages: ['en'] });
  let version = '1.0.0';

  beforeEach(() => {
    vi.useFakeTimers();
    version = '1.0.0';
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Fedipost', version });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** What the popup keeps, written as it would be once the typing pauses. */
  async function kept(shown: ComposerState) {
    composerSnapshotKeeper(null).keep(shown);
    await vi.runAllTimersAsync();
  }

  it('is read back with the app state, once kept, while its account is connected', async () => {
    await writeAppStateSnapshot(withAlice);
    expect(await readLastKnown()).toEqual({ app: withAlice, composer: null });
    await kept(composer);
    expect(await readLastKnown()).toEqual({ app: withAlice, composer });
  });

  it('is not drawn for an account disconnected since (or with no accounts known)', async () => {
    await kept(composer);
    await writeAppStateSnapshot(state);
    expect((await readLastKnown()).composer).toBeNull();
    await browser.storage.local.remove('appStateSnapshot');
    expect(await readLastKnown()).toEqual({ app: null, composer: null });
  });

  it('is written once the changes pause, not on each keystroke, and at once when the popup closes', async () => {
    await writeAppStateSnapshot(withAlice);
    const set = vi.spyOn(browser.storage.local, 'set');
    const keeper = composerSnapshotKeeper(null);
    keeper.keep({ ...composer, draft: { ...composer.draft, text: 'h' } });
    keeper.keep({ ...composer, draft: { ...composer.draft, text: 'hi' } });
    // A composer drawn again in the same popup starts from the latest one.
    expect(keeper.state?.draft.text).toBe('hi');
    await vi.advanceTimersByTimeAsync(299);
    expect(set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(set).toHaveBeenCalledOnce();
    expect((await readLastKnown()).composer?.draft.text).toBe('hi');

    keeper.keep({ ...composer, draft: { ...composer.draft, text: 'hi there' } });
    dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect((await readLastKnown()).composer?.draft.text).toBe('hi there');
    expect(set).toHaveBeenCalledTimes(2);
  });

  it('is ignored after an update of the extension: another version may have written another shape', async () => {
    await writeAppStateSnapshot(withAlice);
    await kept(composer);
    version = '1.1.0';
    expect((await readLastKnown()).composer).toBeNull();
  });

  it.each([
    ['no draft', { ...composer, draft: undefined }],
    ['a draft without its text', { ...composer, draft: { ...composer.draft, text: undefined } }],
    ['a share window’s draft', { ...composer, draftId: 'share-1' }],
    ['no limits', { ...composer, limits: null }],
    ['an unsafe avatar', { ...composer, account: { ...alice, avatar: 'javascript:alert(1)' } }],
    ['a counter style no UI knows', { ...composer, counterStyle: 'sideways' }],
  ])('ignores one with %s (the composer waits for the background instead)', async (_what, damaged) => {
    await writeAppStateSnapshot(withAlice);
    await browser.storage.local.set({ composerSnapshot: { version: 1, build: version, state: damaged } });
    expect((await readLastKnown()).composer).toBeNull();
  });
});
