import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAccountStore, EMPTY_ACCOUNTS } from '@/lib/accounts';
import { connect, type PendingFlows } from '@/lib/connect/flow';
import { createRegistrationCache, type RegistrationMap } from '@/lib/registrations';
import { memoryValue } from '@/lib/stored-value';
import { stubFetch } from '../helpers/stub-fetch';

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

function setup(answer: (authorize: URL) => string) {
  const { fetch, calls } = stubFetch({
    'GET /api/v2/instance': { json: { domain: 'example.social', version: '4.5.0', configuration: {} } },
    'POST /oauth/token': { json: { access_token: 'user-token', token_type: 'Bearer', scope: 'read write' } },
    'GET /api/v1/accounts/verify_credentials': { json: { id: '7', username: 'alice', acct: 'alice' } },
  });
  const authorizeUrls: URL[] = [];
  const accounts = createAccountStore(memoryValue(EMPTY_ACCOUNTS));
  const pendingFlows = memoryValue<PendingFlows>({});
  const deps = {
    fetch,
    redirectUri,
    launchAuthFlow: async (url: string) => {
      const authorize = new URL(url);
      authorizeUrls.push(authorize);
      return answer(authorize);
    },
    registrations: createRegistrationCache(memoryValue<RegistrationMap>({}), async () => ({ clientId: 'cid', clientSecret: 'secret' })),
    accounts,
    pendingFlows,
  };
  /** The code exchanges (a cached app is first checked with a client_credentials token). */
  const tokenRequests = () =>
    calls
      .filter((c) => c.method === 'POST' && c.path === '/oauth/token')
      .map((c) => new URLSearchParams(c.body ?? ''))
      .filter((body) => body.get('grant_type') === 'authorization_code');
  return { deps, authorizeUrls, tokenRequests, accounts, pendingFlows };
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
