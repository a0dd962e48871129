import { createHash } from 'node:crypto';
import { GRANULAR_SCOPES } from '@/lib/scopes';
import { describe, expect, it, vi } from 'vitest';
import { createAccountStore, EMPTY_ACCOUNTS } from '@/lib/accounts';
import { connect, saveManualRegistration, type ConnectDeps } from '@/lib/connect/flow';
import { abandonInterruptedFlows, type PendingFlows } from '@/lib/connect/pending-flows';
import { createConnectService } from '@/lib/connect/service';
import { createInstanceCache, type InstanceCacheMap } from '@/lib/composer/instance-limits';
import type { ConnectStatus } from '@/lib/messages';
import { createRegistrationCache, type RegistrationMap } from '@/lib/registrations';
import { memoryValue } from '@/lib/stored-value';

/*
 * The connect flow's two defences of the sign-in, each on its own (the integration tests
 * in tests/integration/connect.test.ts check them against the test server):
 * - the `state` that comes back must be the one sent, or the answer is refused before
 *   any code is exchanged;
 * - the PKCE verifier sent to /oauth/token is the one whose S256 challenge went to
 *   /oauth/authorize.
 */
const origin = 'https://example.social';
const redirectUri = 'https://id.chromiumapp.org/';

type Answer = { status?: number; json?: unknown } | Error;
/** Answers by "METHOD /path" or, for /oauth/token, "POST /oauth/token <grant_type>". */
type Routes = Record<string, Answer | (() => Answer)>;

const DEFAULT_ROUTES: Routes = {
  'GET /api/v2/instance': { json: { domain: 'example.social', version: '4.5.0', configuration: {} } },
  'POST /oauth/token client_credentials': { json: { access_token: 'app-token', token_type: 'Bearer', scope: 'read write' } },
  'GET /api/v1/apps/verify_credentials': { json: { name: 'Fedipost', redirect_uris: [redirectUri] } },
  'POST /oauth/token authorization_code': { json: { access_token: 'user-token', token_type: 'Bearer', scope: 'read write' } },
  'GET /api/v1/accounts/verify_credentials': { json: { id: '7', username: 'alice', acct: 'alice' } },
};

function setup(
  answer: (authorize: URL) => string | Promise<string>,
  routes: Routes = {},
  registrations = memoryValue<RegistrationMap>({}),
  /** Client ids of apps this setup registers: `${prefix}-1`, … */
  prefix = 'cid',
) {
  const table = { ...DEFAULT_ROUTES, ...routes };
  const calls: Array<{ route: string; body: URLSearchParams }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = new URLSearchParams(request.method === 'POST' ? await request.text() : '');
    const path = new URL(request.url).pathname;
    const route = `${request.method} ${path}${path === '/oauth/token' ? ` ${body.get('grant_type')}` : ''}`;
    calls.push({ route, body });
    const entry = table[route];
    const reply = typeof entry === 'function' ? entry() : entry;
    if (reply === undefined) return new Response('<h1>Not found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } });
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.json ?? {}), { status: reply.status ?? 200, headers: { 'Content-Type': 'application/json' } });
  };
  const authorizeUrls: URL[] = [];
  const accounts = createAccountStore(memoryValue(EMPTY_ACCOUNTS));
  const pendingFlows = memoryValue<PendingFlows>({});
  let registered = 0;
  const register = vi.fn(async () => {
    registered += 1;
    return { clientId: `${prefix}-${registered}`, clientSecret: `secret-${registered}` };
  });
  const deps: ConnectDeps = {
    fetch,
    redirectUri,
    launchAuthFlow: async (url: string) => {
      const authorize = new URL(url);
      authorizeUrls.push(authorize);
      return answer(authorize);
    },
    registrations: createRegistrationCache(registrations, register),
    instances: createInstanceCache(memoryValue<InstanceCacheMap>({}), fetch),
    accounts,
    pendingFlows,
  };
  /** The code exchanges (a cached app is first checked with a client_credentials token). */
  const tokenRequests = () => calls.filter((c) => c.route === 'POST /oauth/token authorization_code').map((c) => c.body);
  return { deps, authorizeUrls, tokenRequests, calls, accounts, pendingFlows, register, registrations };
}

const codeFor = (authorize: URL, state = authorize.searchParams.get('state')) => `${redirectUri}?code=the-code&state=${state}`;

describe('the state check of the connect flow', () => {
  it('connects when the answer carries the state that was sent', async () => {
    const h = setup((authorize) => codeFor(authorize));
    expect(await connect(h.deps, { input: origin })).toEqual({ state: 'done', accountId: 'alice@example.social' });
    expect(h.authorizeUrls[0]!.searchParams.get('state')).toMatch(/^.{20,}$/);
  });

  it('refuses an answer with another state, and never exchanges its code', async () => {
    const h = setup((authorize) => codeFor(authorize, `${authorize.searchParams.get('state')}x`));
    expect(await connect(h.deps, { input: origin })).toEqual({
      state: 'failed',
      input: origin,
      error: expect.objectContaining({ code: 'state-mismatch', origin }),
    });
    expect(h.tokenRequests()).toEqual([]);
    expect((await h.accounts.read()).accounts).toEqual([]);
    expect(await h.pendingFlows.getValue()).toEqual({});
  });

  it('refuses an answer without any state', async () => {
    const h = setup(() => `${redirectUri}?code=the-code`);
    expect(await connect(h.deps, { input: origin })).toMatchObject({ state: 'failed', error: { code: 'state-mismatch' } });
    expect(h.tokenRequests()).toEqual([]);
  });

  it('sends a new state for every sign-in', async () => {
    const h = setup((authorize) => codeFor(authorize));
    await connect(h.deps, { input: origin });
    await connect(h.deps, { input: origin });
    const [first, second] = h.authorizeUrls.map((u) => u.searchParams.get('state'));
    expect(first).not.toBe(second);
  });
});

describe('PKCE in the connect flow', () => {
  it('sends to /oauth/token the verifier whose S256 challenge went to /oauth/authorize', async () => {
    const h = setup((authorize) => codeFor(authorize));
    expect((await connect(h.deps, { input: origin })).state).toBe('done');
    const authorize = h.authorizeUrls[0]!;
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const [token] = h.tokenRequests();
    expect(token?.get('code')).toBe('the-code');
    const verifier = token?.get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(authorize.searchParams.get('code_challenge'));
  });

  it('uses a new verifier for every sign-in', async () => {
    const h = setup((authorize) => codeFor(authorize));
    await connect(h.deps, { input: origin });
    await connect(h.deps, { input: origin });
    const verifiers = h.tokenRequests().map((t) => t.get('code_verifier'));
    expect(verifiers).toHaveLength(2);
    const [first, second] = verifiers;
    expect(first).toEqual(expect.any(String));
    expect(first).not.toBe(second);
  });
});

const signInOk = (authorize: URL) => codeFor(authorize);
/** A registration the server knew is trusted for a day without asking; these tests come back later. */
const DAY = 24 * 60 * 60 * 1000;
const twoDaysLater = <T extends { deps: ConnectDeps }>(h: T): T => {
  h.deps.now = () => Date.now() + 2 * DAY;
  return h;
};
const failure = (code: string, extra: Record<string, unknown> = {}) => ({ state: 'failed', input: origin, error: expect.objectContaining({ code, ...extra }) });
const invalidClient = { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed' } };

describe('the connect flow, step by step', () => {
  it('refuses input that is no instance before asking anything', async () => {
    const h = setup(signInOk);
    expect(await connect(h.deps, { input: 'not an instance!' })).toEqual({ state: 'failed', input: 'not an instance!', error: expect.objectContaining({ code: 'invalid-input' }) });
    expect(h.calls).toEqual([]);
  });

  it('says "not Mastodon" when the instance endpoints are missing', async () => {
    const h = setup(signInOk, { 'GET /api/v2/instance': { status: 404, json: {} } });
    expect(await connect(h.deps, { input: origin })).toEqual(failure('not-mastodon'));
  });

  it('asks for the granular scopes where discovery lists them, else read write', async () => {
    const granular = setup(signInOk, {
      'GET /.well-known/oauth-authorization-server': {
        json: { issuer: origin, scopes_supported: ['read', 'write', ...GRANULAR_SCOPES] },
      },
    });
    await connect(granular.deps, { input: origin });
    expect(granular.authorizeUrls[0]!.searchParams.get('scope')).toBe(GRANULAR_SCOPES.join(' '));
    const plain = setup(signInOk);
    await connect(plain.deps, { input: origin });
    expect(plain.authorizeUrls[0]!.searchParams.get('scope')).toBe('read write');
  });

  it('stores the account with the scopes granted, or those asked for when the server does not say', async () => {
    const h = setup(signInOk, { 'POST /oauth/token authorization_code': { json: { access_token: 'user-token', token_type: 'Bearer' } } });
    expect((await connect(h.deps, { input: origin })).state).toBe('done');
    expect((await h.accounts.read()).accounts[0]).toMatchObject({ token: 'user-token', scopes: ['read', 'write'], serverId: '7' });
    const granted = setup(signInOk, { 'POST /oauth/token authorization_code': { json: { access_token: 't', token_type: 'Bearer', scope: 'read' } } });
    await connect(granted.deps, { input: origin });
    expect((await granted.accounts.read()).accounts[0]!.scopes).toEqual(['read']);
  });

  it('reuses a cached app the server still knows with this redirect URI', async () => {
    const h = setup(signInOk);
    await connect(h.deps, { input: origin });
    twoDaysLater(h);
    await connect(h.deps, { input: origin });
    expect(h.register).toHaveBeenCalledTimes(1);
    expect(h.authorizeUrls.map((u) => u.searchParams.get('client_id'))).toEqual(['cid-1', 'cid-1']);
    expect(h.calls.filter((c) => c.route === 'GET /api/v1/apps/verify_credentials')).toHaveLength(1);
  });

  it('reuses a cached app when the server does not list its redirect URIs', async () => {
    const h = setup(signInOk, { 'GET /api/v1/apps/verify_credentials': { json: { name: 'Fedipost' } } });
    await connect(h.deps, { input: origin });
    twoDaysLater(h);
    await connect(h.deps, { input: origin });
    expect(h.register).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['lists other redirect URIs', { 'GET /api/v1/apps/verify_credentials': { json: { name: 'Fedipost', redirect_uris: ['https://elsewhere.example/'] } } }],
    ['no longer knows the client (invalid_client)', { 'POST /oauth/token client_credentials': { status: 400, json: { error: 'invalid_client' } } }],
    ['answers the app token with 401', { 'POST /oauth/token client_credentials': { status: 401, json: {} } }],
  ])('registers anew when the server %s', async (_what, routes: Routes) => {
    const h = setup(signInOk);
    await connect(h.deps, { input: origin });
    const again = twoDaysLater(setup(signInOk, routes, h.registrations, 'new'));
    expect((await connect(again.deps, { input: origin })).state).toBe('done');
    expect(again.register).toHaveBeenCalledTimes(1);
    expect(Object.values(await h.registrations.getValue()).map((r) => r.clientId)).toEqual(['new-1']);
    expect(again.authorizeUrls[0]!.searchParams.get('client_id')).toBe('new-1');
  });

  it('keeps the cached app when checking it fails for another reason (a 500)', async () => {
    const first = setup(signInOk);
    await connect(first.deps, { input: origin });
    const h = twoDaysLater(setup(signInOk, { 'POST /oauth/token client_credentials': { status: 500, json: {} } }, first.registrations));
    expect((await connect(h.deps, { input: origin })).state).toBe('done');
    expect(h.register).not.toHaveBeenCalled();
  });

  it('says "unreachable" when checking the app times out', async () => {
    const first = setup(signInOk);
    await connect(first.deps, { input: origin });
    const h = twoDaysLater(setup(signInOk, { 'POST /oauth/token client_credentials': new DOMException('The operation timed out.', 'TimeoutError') }, first.registrations));
    expect(await connect(h.deps, { input: origin })).toEqual(failure('unreachable', { detail: 'timeout' }));
    expect(h.register).not.toHaveBeenCalled();
  });

  it('says "unreachable" when the instance stops answering while the app is checked', async () => {
    const first = setup(signInOk);
    await connect(first.deps, { input: origin });
    const h = twoDaysLater(setup(signInOk, { 'POST /oauth/token client_credentials': new TypeError('fetch failed') }, first.registrations));
    expect(await connect(h.deps, { input: origin })).toEqual(failure('unreachable'));
    expect(h.authorizeUrls).toEqual([]);
  });

  it('registers anew and signs in again when the code exchange finds the app deleted', async () => {
    let exchanges = 0;
    const h = setup(signInOk, {
      'POST /oauth/token authorization_code': () =>
        ++exchanges === 1 ? invalidClient : { json: { access_token: 'user-token', token_type: 'Bearer', scope: 'read write' } },
    });
    expect((await connect(h.deps, { input: origin })).state).toBe('done');
    expect(h.authorizeUrls.map((u) => u.searchParams.get('client_id'))).toEqual(['cid-1', 'cid-2']);
    expect(Object.values(await h.registrations.getValue()).map((r) => r.clientId)).toEqual(['cid-2']);
  });

  it('gives up when the fresh app is refused at the exchange too', async () => {
    const h = setup(signInOk, { 'POST /oauth/token authorization_code': invalidClient });
    expect(await connect(h.deps, { input: origin })).toEqual(failure('sign-in-failed', { detail: 'invalid_client' }));
    expect(h.authorizeUrls).toHaveLength(2);
  });

  it('says the hand-made credentials were rejected when the exchange refuses them', async () => {
    const h = setup(signInOk, { 'POST /oauth/token authorization_code': invalidClient });
    const manual = { clientId: 'mine', clientSecret: 'secret' };
    expect(await connect(h.deps, { input: origin, manual })).toEqual(failure('manual-credentials-rejected'));
    expect(await h.registrations.getValue()).toEqual({});
  });

  it.each([
    ['a refused code', { status: 400, json: { error: 'invalid_grant', error_description: 'The code expired' } }, 'sign-in-failed'],
    ['a server error', { status: 503, json: {} }, 'server-error'],
  ])('reports %s at the exchange', async (_what, reply: Answer, code) => {
    const h = setup(signInOk, { 'POST /oauth/token authorization_code': reply });
    expect(await connect(h.deps, { input: origin })).toEqual(failure(code));
    expect((await h.accounts.read()).accounts).toEqual([]);
    // Only an unknown client makes the flow register and sign in again.
    expect(h.authorizeUrls).toHaveLength(1);
    expect(h.register).toHaveBeenCalledTimes(1);
  });

  it('says the profile could not be read when verify_credentials refuses the new token', async () => {
    const h = setup(signInOk, { 'GET /api/v1/accounts/verify_credentials': { status: 403, json: { error: 'This action is not allowed' } } });
    expect(await connect(h.deps, { input: origin })).toEqual(failure('verify-failed', { status: 403 }));
    expect((await h.accounts.read()).accounts).toEqual([]);
  });

  it('says "interrupted" when the pending sign-in was forgotten meanwhile (a restarted worker)', async () => {
    const h = setup(async (authorize) => {
      await h.pendingFlows.setValue({});
      return codeFor(authorize);
    });
    expect(await connect(h.deps, { input: origin })).toEqual(failure('interrupted'));
    expect(h.tokenRequests()).toEqual([]);
  });

  it('keeps the pending sign-in (with its verifier) only while the window is open', async () => {
    let during: PendingFlows = {};
    const h = setup(async (authorize) => {
      during = await h.pendingFlows.getValue();
      return codeFor(authorize);
    });
    await connect(h.deps, { input: origin });
    const state = h.authorizeUrls[0]!.searchParams.get('state')!;
    expect(during[state]).toMatchObject({ origin, registrationKey: expect.any(String), verifier: h.tokenRequests()[0]!.get('code_verifier') });
    expect(await h.pendingFlows.getValue()).toEqual({});
  });

  it.each([
    ['the person closed the window', new Error('The user did not approve access.'), 'cancelled', undefined],
    ['the page could not load', new Error('Authorization page could not be loaded.'), 'auth-page-failed', 'Authorization page could not be loaded.'],
  ])('tells when %s', async (_what, error, code, detail) => {
    const h = setup(() => Promise.reject(error));
    expect(await connect(h.deps, { input: origin })).toEqual(failure(code, detail ? { detail } : {}));
  });

  it('stops waiting for a sign-in window left open too long', async () => {
    const h = setup(() => new Promise<string>(() => {}));
    h.deps.signInTimeoutMs = 20;
    expect(await connect(h.deps, { input: origin })).toEqual(failure('auth-page-failed', { detail: 'The sign-in window was open too long.' }));
    expect(await h.pendingFlows.getValue()).toEqual({});
  });

  it.each([
    ['access_denied', 'cancelled'],
    ['invalid_scope', 'sign-in-failed'],
  ])('reads the refusal %s as %s', async (error, code) => {
    const h = setup((authorize) => `${redirectUri}?error=${error}&error_description=Because&state=${authorize.searchParams.get('state')}`);
    expect(await connect(h.deps, { input: origin })).toEqual(failure(code, { detail: 'Because' }));
  });

  it('reports its progress step by step', async () => {
    const phases: string[] = [];
    const h = setup(signInOk);
    h.deps.onProgress = (status) => phases.push(status.state === 'running' ? status.phase : status.state);
    await connect(h.deps, { input: origin });
    expect(phases).toEqual(['checking', 'registering', 'authorizing', 'verifying']);
  });
});

describe('app credentials made by hand', () => {
  const manual = { clientId: 'mine', clientSecret: 'secret' };

  it('are checked and kept, without signing in', async () => {
    const h = setup(signInOk);
    expect(await saveManualRegistration(h.deps, { input: origin, manual })).toEqual({ ok: true });
    expect(Object.values(await h.registrations.getValue())).toEqual([expect.objectContaining({ clientId: 'mine', manual: true, origin })]);
    expect(h.authorizeUrls).toEqual([]);
  });

  it('are refused, and not kept, when the server does not know them', async () => {
    const h = setup(signInOk, { 'POST /oauth/token client_credentials': invalidClient });
    expect(await saveManualRegistration(h.deps, { input: origin, manual })).toEqual({ ok: false, error: expect.objectContaining({ code: 'manual-credentials-rejected' }) });
    expect(await h.registrations.getValue()).toEqual({});
  });

  it('need an instance', async () => {
    const h = setup(signInOk);
    expect(await saveManualRegistration(h.deps, { input: '', manual })).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid-input' }) });
  });

  it('say when the server is not Mastodon', async () => {
    const h = setup(signInOk, { 'GET /api/v2/instance': { status: 404, json: {} } });
    expect(await saveManualRegistration(h.deps, { input: origin, manual })).toEqual({ ok: false, error: expect.objectContaining({ code: 'not-mastodon' }) });
  });

  it('once cached, a later check that refuses them says so instead of registering', async () => {
    const first = setup(signInOk);
    await saveManualRegistration(first.deps, { input: origin, manual });
    const h = twoDaysLater(setup(signInOk, { 'POST /oauth/token client_credentials': invalidClient }, first.registrations));
    expect(await connect(h.deps, { input: origin })).toEqual(failure('manual-credentials-rejected'));
    expect(h.register).not.toHaveBeenCalled();
  });
});

describe('sign-ins left by a worker that stopped', () => {
  it('are forgotten and returned', async () => {
    const flows = memoryValue<PendingFlows>({ s: { origin, verifier: 'v', registrationKey: 'k', startedAt: 1 } });
    expect(await abandonInterruptedFlows(flows)).toEqual([{ origin, verifier: 'v', registrationKey: 'k', startedAt: 1 }]);
    expect(await flows.getValue()).toEqual({});
    expect(await abandonInterruptedFlows(flows)).toEqual([]);
  });
});

describe('the connect service: one flow at a time, its outcome kept', () => {
  function service(answer: (authorize: URL) => string | Promise<string> = signInOk) {
    const h = setup(answer);
    const status = memoryValue<ConnectStatus>({ state: 'idle' });
    const broadcasts: ConnectStatus[] = [];
    return { ...h, status, broadcasts, service: createConnectService({ ...h.deps, status, broadcast: (s) => broadcasts.push(s) }) };
  }

  it('refuses a second connect while one waits for the person, and takes one again after', async () => {
    let open: (url: string) => void = () => {};
    const s = service((authorize) => new Promise<string>((resolve) => (open = () => resolve(codeFor(authorize)))));
    const first = s.service.start({ input: origin });
    await vi.waitFor(() => expect(s.authorizeUrls).toHaveLength(1));
    expect(await s.service.start({ input: 'other.social' })).toEqual({ state: 'failed', input: 'other.social', error: { code: 'busy' } });
    await s.service.dismiss();
    expect(await s.status.getValue()).toMatchObject({ state: 'running' });
    open('');
    expect(await first).toEqual({ state: 'done', accountId: 'alice@example.social' });
    expect(await s.status.getValue()).toEqual({ state: 'done', accountId: 'alice@example.social' });
    expect(s.broadcasts.at(-1)).toEqual({ state: 'done', accountId: 'alice@example.social' });
    await s.service.dismiss();
    expect(await s.status.getValue()).toEqual({ state: 'idle' });
  });

  it('at start-up, tells about a sign-in the stopped worker left, with its instance', async () => {
    const s = service();
    await s.pendingFlows.setValue({ st: { origin, verifier: 'v', registrationKey: 'k', startedAt: 1 } });
    await s.status.setValue({ state: 'running', phase: 'authorizing', input: 'example.social', origin });
    await s.service.recover();
    expect(await s.service.status()).toEqual({ state: 'failed', input: 'example.social', error: { code: 'interrupted', origin } });
    expect(await s.pendingFlows.getValue()).toEqual({});
  });

  it('at start-up, a flow recorded as running but without a pending sign-in is interrupted too', async () => {
    const s = service();
    await s.status.setValue({ state: 'running', phase: 'checking', input: 'example.social' });
    await s.service.recover();
    expect(await s.service.status()).toEqual({ state: 'failed', input: 'example.social', error: { code: 'interrupted', origin: undefined } });
  });

  it('at start-up, leaves a finished outcome alone', async () => {
    const s = service();
    await s.status.setValue({ state: 'done', accountId: 'alice@example.social' });
    await s.service.recover();
    expect(await s.service.status()).toEqual({ state: 'done', accountId: 'alice@example.social' });
    expect(s.broadcasts).toEqual([]);
  });

  it('at start-up, an abandoned sign-in with no running status still gets its note, with no input', async () => {
    const s = service();
    await s.pendingFlows.setValue({ st: { origin, verifier: 'v', registrationKey: 'k', startedAt: 1 } });
    await s.service.recover();
    expect(await s.service.status()).toEqual({ state: 'failed', input: '', error: { code: 'interrupted', origin } });
  });
});
