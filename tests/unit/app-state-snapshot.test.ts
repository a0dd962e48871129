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
  });
});
