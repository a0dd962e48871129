import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTabSignIn, type SignInTabs } from '@/lib/connect/tab-sign-in';
import { registrationKey } from '@/lib/registrations';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { authorizeLikeBrowser } from '../fake-mastodon/authorize-like-browser';
import { TEST_REDIRECT_URL } from '../setup';
import { connectHarness } from './connect-harness';

/** The callback page's address in Firefox (for Android): moz-extension://<per-install uuid>/oauth-callback.html. */
const CALLBACK_PAGE = 'moz-extension://5f0e7d0c-2b9a-4c1e-9a3f-0d6c1b2a3e4f/oauth-callback.html';

let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon();
});
afterEach(async () => {
  await server.close();
});

/**
 * A browser's tabs in which the person signs in on the test server's real authorize page;
 * the redirect lands on the callback page, which reports it from its tab (`report` can
 * stand in for what a hostile page would report instead).
 */
function browserTabs(options: { username?: string; report?: (redirected: string) => string } = {}) {
  let nextId = 1;
  const closed = new Set<(tabId: number) => void>();
  const opened: string[] = [];
  let arrived: (url: string, tabId: number) => boolean = () => false;
  const tabs: SignInTabs = {
    async open(url) {
      const tabId = nextId++;
      opened.push(url);
      void authorizeLikeBrowser(url, { username: options.username }).then((redirected) => {
        arrived(options.report ? options.report(redirected) : redirected, tabId);
      });
      return tabId;
    },
    async close(tabId) {
      for (const listener of closed) listener(tabId);
    },
    onClosed(listener) {
      closed.add(listener);
      return () => closed.delete(listener);
    },
  };
  const signIn = createTabSignIn(tabs);
  arrived = signIn.arrived;
  return { signIn, opened };
}

describe('connect without the identity API: sign-in in a tab, back on the extension page', () => {
  it('registers the extension page as redirect URI, checks state, exchanges the code with PKCE', async () => {
    const { signIn, opened } = browserTabs();
    const h = connectHarness({ redirectUri: CALLBACK_PAGE });
    h.deps.launchAuthFlow = signIn.launch;
    const status = await h.service.start({ input: server.origin });
    expect(status).toEqual({ state: 'done', accountId: `alice@${server.host}` });
    expect(server.apps.map((app) => app.redirectUris)).toEqual([[CALLBACK_PAGE]]);
    const authorize = new URL(opened[0]!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK_PAGE);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const token = server.requests.find((r) => r.method === 'POST' && r.path === '/oauth/token');
    expect(token?.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: CALLBACK_PAGE });
    expect(token?.body?.code_verifier).toMatch(/.{43,}/);
    expect(await h.deps.pendingFlows.getValue()).toEqual({});
  });

  it('refuses an answer whose state is not this sign-in’s, and exchanges nothing', async () => {
    const { signIn } = browserTabs({
      report: (redirected) => {
        const url = new URL(redirected.replace(/^moz-extension:/, 'https:'));
        url.searchParams.set('state', 'forged');
        return url.href.replace(/^https:/, 'moz-extension:');
      },
    });
    const h = connectHarness({ redirectUri: CALLBACK_PAGE });
    h.deps.launchAuthFlow = signIn.launch;
    const status = await h.service.start({ input: server.origin });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'state-mismatch' } });
    expect(server.count('POST', '/oauth/token')).toBe(0);
    expect((await h.accounts.read()).accounts).toEqual([]);
  });

  it('keeps the identity API’s registration and the tab’s apart: each redirect URI has its own app', async () => {
    await connectHarness().service.start({ input: server.origin });
    const { signIn } = browserTabs({ username: 'bob' });
    const h = connectHarness({ redirectUri: CALLBACK_PAGE });
    h.deps.launchAuthFlow = signIn.launch;
    expect(await h.service.start({ input: server.origin })).toEqual({ state: 'done', accountId: `bob@${server.host}` });
    // One redirect URI per app: servers disagree on several (DESIGN §9), Friendica matches one exactly.
    expect(server.apps.map((app) => app.redirectUris)).toEqual([[TEST_REDIRECT_URL], [CALLBACK_PAGE]]);
    const keys = (await h.registrations.list()).map((r) => r.key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(registrationKey({ origin: server.origin, redirectUri: CALLBACK_PAGE, scopes: (await h.registrations.list())[1]!.scopes }));
  });
});
