import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import background from '@/entrypoints/background/index';
import { accountsItem } from '@/entrypoints/background/storage-items';
import { readAppStateSnapshot } from '@/utils/app-state-snapshot';
import { storedAccount } from '../helpers/stored-account';

describe('the background keeps the popup’s snapshot', () => {
  it('rewrites it when the accounts change, without tokens', async () => {
    // Wiring this test does not exercise, and WXT's fake browser does not implement.
    fakeBrowser.contextMenus.onClicked.addListener = vi.fn();
    fakeBrowser.commands.onCommand.addListener = vi.fn();
    fakeBrowser.runtime.onConnect.addListener = vi.fn();
    // The menus are rebuilt when the accounts change.
    fakeBrowser.contextMenus.removeAll = vi.fn(async () => undefined);
    fakeBrowser.contextMenus.create = vi.fn(() => 0);
    background.main();
    await accountsItem.setValue({
      defaultAccountId: 'alice@a.social',
      accounts: [storedAccount('alice', 'https://a.social', { token: 'SECRET-TOKEN', app: { clientId: 'cid', clientSecret: 'SECRET-CLIENT' } })],
    });
    await vi.waitFor(async () => expect((await readAppStateSnapshot())?.accounts.map((a) => a.id)).toEqual(['alice@a.social']));
    const stored = JSON.stringify(await fakeBrowser.storage.local.get('appStateSnapshot'));
    expect(stored).not.toContain('SECRET-TOKEN');
    expect(stored).not.toContain('SECRET-CLIENT');
    expect(stored).not.toContain('registrationKey');
  });
});
