import { describe, expect, it } from 'vitest';
import { authWindowErrorFrom } from '@/lib/connect/errors';
import { CLOSED_BEFORE_REDIRECT, createTabSignIn, type SignInTabs } from '@/lib/connect/tab-sign-in';

const SIGN_IN = 'https://example.social/oauth/authorize?client_id=c&state=s1';
const CALLBACK = 'moz-extension://uuid/oauth-callback.html?code=abc&state=s1';

/** Tabs as the browser keeps them: ids from 1, closing one tells every listener. */
function fakeTabs(options: { failOpen?: boolean; closeWhileOpening?: boolean } = {}) {
  let nextId = 1;
  const open = new Map<number, string>();
  const listeners = new Set<(tabId: number) => void>();
  const closeTab = (tabId: number) => {
    open.delete(tabId);
    for (const listener of [...listeners]) listener(tabId);
  };
  const tabs: SignInTabs = {
    async open(url) {
      if (options.failOpen) throw new Error('No tab for you.');
      const id = nextId++;
      open.set(id, url);
      if (options.closeWhileOpening) closeTab(id);
      return id;
    },
    async close(tabId) {
      closeTab(tabId);
    },
    onClosed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { tabs, open, listeners, personCloses: closeTab };
}

describe('sign-in in a tab (no identity API)', () => {
  it('opens the sign-in page in a tab and resolves with the URL its callback page reports', async () => {
    const { tabs, open, listeners } = fakeTabs();
    const signIn = createTabSignIn(tabs);
    const launched = signIn.launch(SIGN_IN);
    await Promise.resolve();
    expect([...open.values()]).toEqual([SIGN_IN]);
    expect(signIn.arrived(CALLBACK, 1)).toBe(true);
    await expect(launched).resolves.toBe(CALLBACK);
    // The tab is closed for the person, and nothing keeps listening.
    expect(open.size).toBe(0);
    expect(listeners.size).toBe(0);
  });

  it('ignores the callback page opened in any other tab, or outside a tab', async () => {
    const { tabs } = fakeTabs();
    const signIn = createTabSignIn(tabs);
    const launched = signIn.launch(SIGN_IN);
    await Promise.resolve();
    expect(signIn.arrived('moz-extension://uuid/oauth-callback.html?code=forged&state=s1', 7)).toBe(false);
    expect(signIn.arrived('moz-extension://uuid/oauth-callback.html?code=forged&state=s1', null)).toBe(false);
    expect(signIn.arrived(CALLBACK, 1)).toBe(true);
    await expect(launched).resolves.toBe(CALLBACK);
  });

  it('hears a tab once: a second report after the sign-in went on is refused', async () => {
    const { tabs } = fakeTabs();
    const signIn = createTabSignIn(tabs);
    const launched = signIn.launch(SIGN_IN);
    await Promise.resolve();
    expect(signIn.arrived(CALLBACK, 1)).toBe(true);
    expect(signIn.arrived('moz-extension://uuid/oauth-callback.html?code=again&state=s1', 1)).toBe(false);
    await expect(launched).resolves.toBe(CALLBACK);
  });

  it('rejects as cancelled when the person closes the tab before the redirect', async () => {
    const { tabs, personCloses, listeners } = fakeTabs();
    const signIn = createTabSignIn(tabs);
    const launched = signIn.launch(SIGN_IN);
    await Promise.resolve();
    personCloses(1);
    await expect(launched).rejects.toThrow(CLOSED_BEFORE_REDIRECT);
    expect(authWindowErrorFrom(new Error(CLOSED_BEFORE_REDIRECT), 'https://example.social').code).toBe('cancelled');
    expect(listeners.size).toBe(0);
    // A late report from that tab (it is gone) finds no sign-in.
    expect(signIn.arrived(CALLBACK, 1)).toBe(false);
  });

  it('is not fooled by other tabs closing', async () => {
    const { tabs, personCloses } = fakeTabs();
    const signIn = createTabSignIn(tabs);
    const launched = signIn.launch(SIGN_IN);
    await Promise.resolve();
    personCloses(42);
    expect(signIn.arrived(CALLBACK, 1)).toBe(true);
    await expect(launched).resolves.toBe(CALLBACK);
  });

  it('rejects as cancelled when the tab is closed while it is being opened', async () => {
    const { tabs, listeners } = fakeTabs({ closeWhileOpening: true });
    await expect(createTabSignIn(tabs).launch(SIGN_IN)).rejects.toThrow(CLOSED_BEFORE_REDIRECT);
    expect(listeners.size).toBe(0);
  });

  it('passes on a tab that cannot be opened, as a page that could not load', async () => {
    const { tabs, listeners } = fakeTabs({ failOpen: true });
    const failure = await createTabSignIn(tabs).launch(SIGN_IN).catch((error: unknown) => error);
    expect(authWindowErrorFrom(failure, 'https://example.social')).toEqual({
      code: 'auth-page-failed',
      origin: 'https://example.social',
      detail: 'No tab for you.',
    });
    expect(listeners.size).toBe(0);
  });

  it('keeps two sign-ins apart by their tabs (a healed sign-in opens a second one)', async () => {
    const { tabs } = fakeTabs();
    const signIn = createTabSignIn(tabs);
    const first = signIn.launch(SIGN_IN);
    const second = signIn.launch(`${SIGN_IN}&second`);
    await Promise.resolve();
    await Promise.resolve();
    expect(signIn.arrived('moz-extension://uuid/oauth-callback.html?code=two&state=s2', 2)).toBe(true);
    expect(signIn.arrived(CALLBACK, 1)).toBe(true);
    await expect(first).resolves.toBe(CALLBACK);
    await expect(second).resolves.toBe('moz-extension://uuid/oauth-callback.html?code=two&state=s2');
  });

  it('stops hearing the tab once the flow gave up waiting; the tab stays for the person', async () => {
    const { tabs, open, listeners } = fakeTabs();
    const signIn = createTabSignIn(tabs);
    const stop = new AbortController();
    const launched = signIn.launch(SIGN_IN, stop.signal);
    await Promise.resolve();
    stop.abort();
    await expect(launched).rejects.toThrow(/no longer waited for/);
    expect(listeners.size).toBe(0);
    // A late redirect finds no sign-in: the callback page says so, and nothing closes the tab.
    expect(signIn.arrived(CALLBACK, 1)).toBe(false);
    expect(open.size).toBe(1);
  });
});
