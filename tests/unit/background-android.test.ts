import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import background from '@/entrypoints/background/index';
import { openComposer } from '@/entrypoints/background/share-wiring';
import { sendMessage } from '@/utils/messaging';

/** What Firefox for Android lacks of what the background uses (MDN, "Differences between desktop and Android extensions"). */
const MISSING_ON_ANDROID = ['identity', 'contextMenus', 'commands', 'windows'] as const;
const desktop = Object.fromEntries(MISSING_ON_ANDROID.map((api) => [api, fakeBrowser[api]]));

afterEach(() => {
  Object.assign(fakeBrowser, desktop);
});

describe('the background on a browser without identity, menus, shortcuts or windows (Firefox for Android)', () => {
  it('starts, and signs in through its own callback page instead of the identity API', async () => {
    for (const api of MISSING_ON_ANDROID) Reflect.deleteProperty(fakeBrowser, api);
    fakeBrowser.runtime.onConnect.addListener = vi.fn();
    background.main();
    const state = await sendMessage('getState', undefined);
    // The app registration is made for this page (lib/connect/tab-sign-in.ts).
    expect(state.redirectUri).toBe(fakeBrowser.runtime.getURL('/oauth-callback.html'));
    // The callback page opened in a tab no sign-in waits on is not heard.
    expect(await sendMessage('signInRedirected', { url: `${state.redirectUri}?code=c&state=s`, tabId: 3 })).toBe(false);
  });

  it('opens a shared draft in a tab: there are no windows', async () => {
    Reflect.deleteProperty(fakeBrowser, 'windows');
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openComposer({ draftId: 'share-1' });
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/compose.html?draft=share-1') });
  });
});
