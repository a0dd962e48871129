import { browser } from 'wxt/browser';
import { describe, expect, it } from 'vitest';
import type { AppState } from '@/lib/messages';
import { readAppStateSnapshot, writeAppStateSnapshot } from '@/utils/app-state-snapshot';

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
