import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { instancesItem } from '@/entrypoints/background/storage-items';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { connectHarness, ERROR_PAGE_ENDINGS, signInWindow } from './connect-harness';

/**
 * What a connect costs, counted in the test server's request log, and how a cached
 * registration that the server has since forgotten heals itself in the sign-in window.
 */
let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon();
});
afterEach(async () => {
  await server.close();
});

const HOUR = 60 * 60 * 1000;
const SIGN_IN_PAGE = '/oauth/authorize';
/** `METHOD /path` of what the extension asked, leaving out the sign-in window's own pages. */
const extensionRequests = () => server.requests.filter((r) => r.path !== SIGN_IN_PAGE).map((r) => `${r.method} ${r.path}`);
const signInPages = () => server.requests.filter((r) => r.path === SIGN_IN_PAGE).map((r) => `${r.method} ${r.status}`);
const appRegistrations = () => server.count('POST', '/api/v1/apps');

const FRESH = [
  'GET /api/v2/instance',
  'GET /.well-known/oauth-authorization-server',
  'POST /api/v1/apps',
  'POST /oauth/token',
  'GET /api/v1/accounts/verify_credentials',
];
const SIGN_IN = ['POST /oauth/token', 'GET /api/v1/accounts/verify_credentials'];

/** A first connect at `now`, with the log cleared after it. */
async function connectedOnce(now?: () => number) {
  expect(await connectHarness({ now }).service.start({ input: server.origin })).toMatchObject({ state: 'done' });
  server.clearLog();
}

describe('requests per connect', () => {
  it('a fresh connect asks 5 times; a repeat within the hour asks only for the token and the profile', async () => {
    await connectHarness().service.start({ input: server.origin });
    expect(extensionRequests()).toEqual(FRESH);
    server.clearLog();

    expect(await connectHarness({ username: 'bob' }).service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    expect(extensionRequests()).toEqual(SIGN_IN);
    expect(signInPages()).toEqual(['GET 200', 'POST 302']);
  });

  it('after an hour, uses the day-old copy and asks for the instance and discovery again without waiting', async () => {
    let now = Date.now();
    await connectedOnce(() => now);
    now += 2 * HOUR;
    expect(await connectHarness({ username: 'bob', now: () => now }).service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    await vi.waitFor(async () => {
      const cached = (await instancesItem.getValue())[server.origin];
      expect([cached?.fetchedAt, cached?.discovery?.fetchedAt]).toEqual([now, now]);
    });
    expect(extensionRequests().toSorted()).toEqual([...SIGN_IN, 'GET /api/v2/instance', 'GET /.well-known/oauth-authorization-server'].toSorted());
  });

  it('after a day, asks the server again and checks the cached app before the sign-in window', async () => {
    let now = Date.now();
    await connectedOnce(() => now);
    now += 25 * HOUR;
    expect(await connectHarness({ username: 'bob', now: () => now }).service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    expect(extensionRequests()).toEqual([
      'GET /api/v2/instance',
      'GET /.well-known/oauth-authorization-server',
      'POST /oauth/token',
      'GET /api/v1/apps/verify_credentials',
      // The check's app token is revoked as soon as it has its answer.
      'POST /oauth/revoke',
      ...SIGN_IN,
    ]);
  });

  it('a successful sign-in renews the day: connecting again 20 hours after the last one needs no check', async () => {
    let now = Date.now();
    await connectedOnce(() => now);
    now += 20 * HOUR;
    await connectHarness({ username: 'bob', now: () => now }).service.start({ input: server.origin });
    now += 20 * HOUR;
    server.clearLog();
    expect(await connectHarness({ username: 'carol', now: () => now }).service.start({ input: server.origin })).toMatchObject({
      state: 'done',
    });
    expect(extensionRequests()).not.toContain('GET /api/v1/apps/verify_credentials');
  });
});

describe('self-healing sign-in on a cached registration the server forgot', () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    it(`${browser}: the error page ("${ERROR_PAGE_ENDINGS[browser]}") leads to one new registration and one more window, connected`, async () => {
      await connectedOnce();
      const [deleted] = await connectHarness().registrations.list();
      server.deleteApps();

      const h = connectHarness({ username: 'bob', browser });
      expect(await h.service.start({ input: server.origin })).toEqual({ state: 'done', accountId: `bob@${server.host}` });
      expect(h.launchAuthFlow).toHaveBeenCalledTimes(2);
      expect(appRegistrations()).toBe(1);
      // The error page for the unknown client, then the new app's page, submitted.
      expect(signInPages()).toEqual(['GET 400', 'GET 200', 'POST 302']);
      // Asked only once the window failed: the old app is unknown, so a new one is made.
      expect(extensionRequests()).toEqual(['POST /oauth/token', 'POST /api/v1/apps', ...SIGN_IN]);
      const registrations = await h.registrations.list();
      expect(registrations.map((r) => r.clientId)).toEqual([server.apps[0]!.clientId]);
      expect(registrations[0]!.clientId).not.toBe(deleted!.clientId);
      // The account signs in with the new app (its revocation needs that one).
      expect((await h.accounts.read()).accounts.find((a) => a.id === `bob@${server.host}`)?.registrationKey).toBe(registrations[0]!.key);
      expect(h.broadcasts.at(-1)).toEqual({ state: 'done', accountId: `bob@${server.host}` });
    });
  }

  it('a second failure reaches the person, and "Try again" registers anew instead of reusing a dead app', async () => {
    await connectedOnce();
    // The server forgets every app as soon as its sign-in window closes: both attempts fail at the token endpoint.
    const failing = connectHarness({ username: 'bob' });
    failing.launchAuthFlow.mockImplementation(async (url) => {
      const redirect = await signInWindow({ username: 'bob' })(url);
      server.deleteApps();
      return redirect;
    });
    const failed = await failing.service.start({ input: server.origin });
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'sign-in-failed', detail: 'invalid_client' } });
    expect(failing.launchAuthFlow).toHaveBeenCalledTimes(2);
    expect(appRegistrations()).toBe(1);
    expect(await failing.registrations.list()).toEqual([]);

    server.clearLog();
    const retry = connectHarness({ username: 'bob' });
    expect(await retry.service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    expect(retry.launchAuthFlow).toHaveBeenCalledTimes(1);
    expect(appRegistrations()).toBe(1);
  });

  it('a window that keeps failing for a new app too: one heal, then the error; "Try again" opens one window, not a dead app', async () => {
    await connectedOnce();
    server.deleteApps();
    server.setFault('GET /oauth/authorize', { status: 503 });
    const h = connectHarness({ username: 'bob' });
    expect(await h.service.start({ input: server.origin })).toMatchObject({
      state: 'failed',
      error: { code: 'auth-page-failed', detail: ERROR_PAGE_ENDINGS.chrome },
    });
    expect(h.launchAuthFlow).toHaveBeenCalledTimes(2);
    expect(appRegistrations()).toBe(1);
    const [kept] = await h.registrations.list();
    expect(kept?.clientId).toBe(server.apps[0]!.clientId);

    server.setFault('GET /oauth/authorize', null);
    server.clearLog();
    const retry = connectHarness({ username: 'bob' });
    expect(await retry.service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    expect(retry.launchAuthFlow).toHaveBeenCalledTimes(1);
    expect(appRegistrations()).toBe(0);
  });

  it('a person who closes the window of a working app is told "cancelled", with no new registration or window', async () => {
    await connectedOnce();
    const h = connectHarness({ username: 'bob' });
    h.launchAuthFlow.mockRejectedValueOnce(new Error('The user did not approve access.'));
    expect(await h.service.start({ input: server.origin })).toMatchObject({ state: 'failed', error: { code: 'cancelled' } });
    expect(h.launchAuthFlow).toHaveBeenCalledTimes(1);
    expect(appRegistrations()).toBe(0);
    // Asked once, to tell a closed error page from a cancelled sign-in; the app is still trusted.
    expect(extensionRequests()).toEqual(['POST /oauth/token', 'GET /api/v1/apps/verify_credentials', 'POST /oauth/revoke']);
    server.clearLog();
    expect(await connectHarness({ username: 'bob' }).service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    expect(extensionRequests()).toEqual(SIGN_IN);
  });

  it('manual app credentials the server forgot are not replaced by a registration: the person is told', async () => {
    // The person created the app by hand; registration is closed on this server.
    const created = await fetch(`${server.origin}/api/v1/apps`, {
      method: 'POST',
      body: new URLSearchParams({ client_name: 'My Fedipost', redirect_uris: 'https://fedipost-test.chromiumapp.org/', scopes: 'read:accounts read:search read:statuses write:statuses write:media' }),
    }).then((r) => r.json() as Promise<{ client_id: string; client_secret: string }>);
    server.closeRegistrations(true);
    const manual = { clientId: created.client_id, clientSecret: created.client_secret };
    expect((await connectHarness().service.start({ input: server.origin, manual })).state).toBe('done');
    server.deleteApps();
    server.clearLog();

    const h = connectHarness({ username: 'bob' });
    expect(await h.service.start({ input: server.origin })).toMatchObject({ state: 'failed', error: { code: 'manual-credentials-rejected' } });
    expect(h.launchAuthFlow).toHaveBeenCalledTimes(1);
    expect(appRegistrations()).toBe(0);
    expect(await h.registrations.list()).toEqual([]);
  });
});
