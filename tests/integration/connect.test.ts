import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toAccountView } from '@/lib/accounts';
import { connect } from '@/lib/connect/flow';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { authorizeLikeBrowser } from '../fake-mastodon/authorize-like-browser';
import { connectHarness, tokenGrants } from './connect-harness';

let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon();
});
afterEach(async () => {
  await server.close();
});

const appRegistrations = () => server.count('POST', '/api/v1/apps');

describe('connect against the test server', () => {
  it('connects fresh: registers, signs in with PKCE, stores the account', async () => {
    const h = connectHarness();
    const status = await h.service.start({ input: server.origin });
    expect(status).toEqual({ state: 'done', accountId: `alice@${server.host}` });
    const { accounts, defaultAccountId } = await h.accounts.read();
    expect(defaultAccountId).toBe(`alice@${server.host}`);
    expect(toAccountView(accounts[0]!)).toMatchObject({
      username: 'alice',
      displayName: 'Alice Example',
      origin: server.origin,
      avatar: `${server.origin}/avatars/alice.png`,
      scopes: ['read:accounts', 'read:search', 'read:statuses', 'write:statuses', 'write:media'],
    });
    expect(appRegistrations()).toBe(1);
    const authorizeUrl = new URL(h.launchAuthFlow.mock.calls[0]![0]);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('state')).toMatch(/.{20,}/);
    expect(h.broadcasts.map((s) => (s.state === 'running' ? s.phase : s.state))).toEqual([
      'checking',
      'checking',
      'registering',
      'authorizing',
      'verifying',
      'done',
    ]);
    // Nothing of the flow is left behind in storage.session.
    expect(await h.deps.pendingFlows.getValue()).toEqual({});
  });

  it('reuses the cached registration: a second connect makes no POST /api/v1/apps and no check within the day', async () => {
    await connectHarness().service.start({ input: server.origin });
    server.clearLog();
    const status = await connectHarness({ username: 'bob' }).service.start({ input: `@bob@${server.host}` });
    expect(status).toEqual({ state: 'done', accountId: `bob@${server.host}` });
    expect(appRegistrations()).toBe(0);
    // Registered minutes ago: a deleted app would show itself in the sign-in window, and heal.
    expect(tokenGrants(server.requests)).toEqual(['authorization_code']);
  });

  it('checks a cached registration first once a day has passed since the server last knew it', async () => {
    let now = Date.now();
    await connectHarness({ now: () => now }).service.start({ input: server.origin });
    now += 25 * 60 * 60 * 1000;
    server.clearLog();
    const status = await connectHarness({ username: 'bob', now: () => now }).service.start({ input: server.origin });
    expect(status.state).toBe('done');
    expect(appRegistrations()).toBe(0);
    expect(tokenGrants(server.requests)).toEqual(['client_credentials', 'authorization_code']);
  });

  it('revokes the app token the pre-connect check made, once it has its answer', async () => {
    let now = Date.now();
    await connectHarness({ now: () => now }).service.start({ input: server.origin });
    // A day later the cached app is checked before the sign-in window opens.
    now += 25 * 60 * 60 * 1000;
    server.clearLog();
    await connectHarness({ username: 'bob', now: () => now }).service.start({ input: `@bob@${server.host}` });
    const appToken = server.requests.find((r) => r.path === '/oauth/token' && r.body?.grant_type === 'client_credentials');
    expect(appToken).toBeDefined();
    const revokes = server.requests.filter((r) => r.method === 'POST' && r.path === '/oauth/revoke');
    expect(revokes).toHaveLength(1);
    // The app token is dead on the server: it can no longer ask about the app.
    const token = revokes[0]!.body?.token as string;
    const check = await fetch(`${server.origin}/api/v1/apps/verify_credentials`, { headers: { Authorization: `Bearer ${token}` } });
    expect(check.status).toBe(401);
    // …while the person's own token works.
    const { accounts } = await connectHarness().accounts.read();
    expect(accounts.map((a) => a.token)).not.toContain(token);
  });

  it('leaves the check token of a server that deletes the app on revoke (snac, the minimal dialect) to expire', async () => {
    const snac = await startFakeMastodon({ dialect: 'minimal' });
    try {
      let now = Date.now();
      await connectHarness({ now: () => now }).service.start({ input: snac.origin });
      now += 25 * 60 * 60 * 1000;
      snac.clearLog();
      expect(await connectHarness({ username: 'bob', now: () => now }).service.start({ input: snac.origin })).toMatchObject({ state: 'done' });
      expect(snac.count('POST', '/oauth/revoke')).toBe(0);
      // The app survived its check: no second registration was needed.
      expect(snac.count('POST', '/api/v1/apps')).toBe(0);
    } finally {
      await snac.close();
    }
  });

  it('shares one registration among 5 concurrent connects', async () => {
    const results = await Promise.all(
      ['u1', 'u2', 'u3', 'u4', 'u5'].map((username) => connect(connectHarness({ username }).deps, { input: server.origin })),
    );
    expect(results.map((r) => r.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(appRegistrations()).toBe(1);
    expect((await connectHarness().accounts.read()).accounts).toHaveLength(5);
  });

  it('connecting the same person again replaces the account', async () => {
    await connectHarness().service.start({ input: server.origin });
    await connectHarness().service.start({ input: server.origin });
    expect((await connectHarness().accounts.read()).accounts).toHaveLength(1);
  });

  it('re-registers exactly once, before any sign-in window, when the server deleted an app last known a day ago', async () => {
    let now = Date.now();
    await connectHarness({ now: () => now }).service.start({ input: server.origin });
    now += 25 * 60 * 60 * 1000;
    server.deleteApps();
    const h = connectHarness({ now: () => now });
    const status = await h.service.start({ input: server.origin });
    expect(status.state).toBe('done');
    expect(appRegistrations()).toBe(2);
    expect(h.launchAuthFlow).toHaveBeenCalledTimes(1);
    expect(await h.registrations.list()).toHaveLength(1);
  });

  it('re-registers and signs in again once when the app vanishes during sign-in', async () => {
    const h = connectHarness();
    h.launchAuthFlow.mockImplementationOnce(async (url) => {
      const redirect = await authorizeLikeBrowser(url);
      server.deleteApps();
      return redirect;
    });
    const status = await h.service.start({ input: server.origin });
    expect(status.state).toBe('done');
    expect(appRegistrations()).toBe(2);
    expect(h.launchAuthFlow).toHaveBeenCalledTimes(2);
  });

  it('registers anew for another redirect URI (another browser or extension id)', async () => {
    await connectHarness().service.start({ input: server.origin });
    const status = await connectHarness({ redirectUri: 'https://0123abcd.extensions.allizom.org/' }).service.start({ input: server.origin });
    expect(status.state).toBe('done');
    expect(appRegistrations()).toBe(2);
  });

  it('explains a 503 on registration, then succeeds once the fault is lifted', async () => {
    server.setFault('POST /api/v1/apps', { status: 503 });
    const h = connectHarness();
    const failed = await h.service.start({ input: server.host });
    expect(failed).toMatchObject({
      state: 'failed',
      input: server.host,
      error: { code: 'registration-refused', status: 503, origin: server.origin, scopes: 'read:accounts read:search read:statuses write:statuses write:media' },
    });
    expect(h.launchAuthFlow).not.toHaveBeenCalled();
    server.clearFaults();
    expect((await h.service.start({ input: server.host })).state).toBe('done');
  });

  it('offers manual credentials when registration is closed, and they then work like a cached app', async () => {
    // The person creates the app in the instance's Development settings.
    const created = await fetch(`${server.origin}/api/v1/apps`, {
      method: 'POST',
      body: new URLSearchParams({ client_name: 'My Fedipost', redirect_uris: 'https://fedipost-test.chromiumapp.org/', scopes: 'read:accounts read:search read:statuses write:statuses write:media' }),
    }).then((r) => r.json() as Promise<{ client_id: string; client_secret: string }>);
    server.closeRegistrations(true);
    const h = connectHarness();
    const refused = await h.service.start({ input: server.origin });
    expect(refused).toMatchObject({ state: 'failed', error: { code: 'registration-refused', status: 403 } });
    if (refused.state !== 'failed') throw new Error('unreachable');
    expect(refused.error.detail).toContain('closed');

    const wrong = await h.service.start({ input: server.origin, manual: { clientId: created.client_id, clientSecret: 'wrong' } });
    expect(wrong).toMatchObject({ state: 'failed', error: { code: 'manual-credentials-rejected' } });
    expect(h.launchAuthFlow).not.toHaveBeenCalled();

    const manual = { clientId: created.client_id, clientSecret: created.client_secret };
    expect((await h.service.start({ input: server.origin, manual })).state).toBe('done');
    expect((await h.registrations.list())[0]).toMatchObject({ manual: true, clientId: created.client_id });
    expect((await connectHarness({ username: 'bob' }).service.start({ input: server.origin })).state).toBe('done');
  });

  it('says "cancelled" when the person closes the sign-in window, and changes nothing else', async () => {
    const h = connectHarness();
    h.launchAuthFlow.mockRejectedValueOnce(new Error('The user did not approve access.'));
    const status = await h.service.start({ input: server.origin });
    expect(status).toMatchObject({ state: 'failed', input: server.origin, error: { code: 'cancelled' } });
    expect((await h.accounts.read()).accounts).toEqual([]);
    expect(tokenGrants(server.requests)).toEqual([]);
    expect(await h.deps.pendingFlows.getValue()).toEqual({});
  });

  it('treats Deny on the authorize page as cancelled', async () => {
    const h = connectHarness();
    h.launchAuthFlow.mockImplementationOnce((url) => authorizeLikeBrowser(url, { deny: true }));
    expect(await h.service.start({ input: server.origin })).toMatchObject({ error: { code: 'cancelled' } });
  });

  it("shows the server's words when it redirects with an error other than a denial", async () => {
    const h = connectHarness();
    h.launchAuthFlow.mockImplementationOnce(async (url) => {
      const state = new URL(url).searchParams.get('state') ?? '';
      return `https://fedipost-test.chromiumapp.org/?error=invalid_scope&error_description=Bad+scope&state=${state}`;
    });
    expect(await h.service.start({ input: server.origin })).toMatchObject({ error: { code: 'sign-in-failed', detail: 'Bad scope' } });
  });

  it('rejects a tampered state without exchanging the code', async () => {
    const h = connectHarness();
    h.launchAuthFlow.mockImplementationOnce(async (url) => {
      const redirect = new URL(await authorizeLikeBrowser(url));
      redirect.searchParams.set('state', 'forged');
      return redirect.toString();
    });
    expect(await h.service.start({ input: server.origin })).toMatchObject({ state: 'failed', error: { code: 'state-mismatch' } });
    expect(tokenGrants(server.requests)).not.toContain('authorization_code');
    expect((await h.accounts.read()).accounts).toEqual([]);
  });

  it('says the server sent something unexpected for malformed JSON from verify_credentials', async () => {
    server.setFault('GET /api/v1/accounts/verify_credentials', { malformed: true });
    const status = await connectHarness().service.start({ input: server.origin });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'unexpected-response' } });
  });

  it("says it doesn't look like Mastodon when the instance answers malformed JSON or HTML", async () => {
    server.setFault('GET /api/v2/instance', { malformed: true });
    server.setFault('GET /api/v1/instance', { html: true });
    expect(await connectHarness().service.start({ input: server.origin })).toMatchObject({ error: { code: 'not-mastodon' } });
    expect(appRegistrations()).toBe(0);
  });

  it('passes the token endpoint’s own words on a failed code exchange', async () => {
    server.setFault('POST /oauth/token', { status: 400, body: { error: 'invalid_grant', error_description: 'The code expired' }, times: 2 });
    const status = await connectHarness().service.start({ input: server.origin });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'sign-in-failed', detail: 'The code expired', status: 400 } });
  });

  it('says when rate-limited, with the time to retry', async () => {
    server.setFault('GET /api/v2/instance', { status: 429 });
    const status = await connectHarness().service.start({ input: server.origin });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'rate-limited', status: 429 } });
    if (status.state !== 'failed') throw new Error('unreachable');
    expect(Date.parse(status.error.retryAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('says the server is unreachable when it is too slow', async () => {
    server.setFault('GET /api/v2/instance', { delayMs: 1000, times: 1 });
    expect(await connectHarness({ timeoutMs: 200 }).service.start({ input: server.origin })).toMatchObject({
      error: { code: 'unreachable', detail: 'timeout' },
    });
  });

  it('says the server is unreachable when nothing listens', async () => {
    const origin = server.origin;
    await server.close();
    server = await startFakeMastodon();
    expect(await connectHarness().service.start({ input: origin })).toMatchObject({ error: { code: 'unreachable', origin } });
  });

  it('connects to an older server without v2 instance or discovery, asking for read write', async () => {
    await server.close();
    server = await startFakeMastodon({ instanceV2: false, wellKnown: false });
    const h = connectHarness();
    expect((await h.service.start({ input: server.origin })).state).toBe('done');
    expect((await h.accounts.read()).accounts[0]!.scopes).toEqual(['read', 'write']);
  });

  it('rejects bad input before any request, keeping what was typed', async () => {
    const status = await connectHarness().service.start({ input: 'http://example.social' });
    expect(status).toEqual({ state: 'failed', input: 'http://example.social', error: { code: 'invalid-input', detail: 'insecure' } });
    expect(server.requests).toEqual([]);
  });
});

describe('connect service', () => {
  it('refuses a second flow while one waits for the person', async () => {
    const h = connectHarness();
    let release!: () => void;
    h.launchAuthFlow.mockImplementationOnce(async (url) => {
      await new Promise<void>((resolve) => (release = resolve));
      return authorizeLikeBrowser(url);
    });
    const first = h.service.start({ input: server.origin });
    await expect.poll(() => h.launchAuthFlow.mock.calls.length).toBe(1);
    expect(await h.service.start({ input: 'other.social' })).toMatchObject({ error: { code: 'busy' } });
    expect(await h.service.status()).toMatchObject({ state: 'running', phase: 'authorizing' });
    release();
    expect((await first).state).toBe('done');
  });

  it('stops waiting for a sign-in window left open too long, and is free for the next connect', async () => {
    const h = connectHarness({ signInTimeoutMs: 50 });
    h.launchAuthFlow.mockImplementationOnce(() => new Promise(() => undefined));
    expect(await h.service.start({ input: server.origin })).toMatchObject({ state: 'failed', error: { code: 'auth-page-failed' } });
    expect(await h.deps.pendingFlows.getValue()).toEqual({});
    // The launcher is told, so a sign-in tab's late redirect is not taken (lib/connect/tab-sign-in.ts).
    expect(h.launchAuthFlow.mock.calls[0]![1]?.aborted).toBe(true);
    // The next sign-in gets the usual time: 50 ms is shorter than a real window takes on a busy machine.
    h.deps.signInTimeoutMs = undefined;
    expect((await h.service.start({ input: server.origin })).state).toBe('done');
  });

  it('keeps the outcome for a reopened popup until dismissed', async () => {
    const h = connectHarness();
    await h.service.start({ input: server.origin });
    expect(await h.service.status()).toEqual({ state: 'done', accountId: `alice@${server.host}` });
    await h.service.dismiss();
    expect(await h.service.status()).toEqual({ state: 'idle' });
  });

  it('fails cleanly with "interrupted" when the worker restarted mid-flow', async () => {
    const before = connectHarness();
    before.launchAuthFlow.mockImplementationOnce(() => new Promise(() => undefined));
    void before.service.start({ input: server.origin });
    await expect.poll(() => before.launchAuthFlow.mock.calls.length).toBe(1);
    // A new worker: fresh in-memory state, same storage.session.
    const after = connectHarness();
    await after.service.recover();
    expect(await after.service.status()).toMatchObject({ state: 'failed', input: server.origin, error: { code: 'interrupted' } });
    expect(await after.deps.pendingFlows.getValue()).toEqual({});
    expect((await after.accounts.read()).accounts).toEqual([]);
  });
});
