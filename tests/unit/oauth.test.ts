import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MastodonError } from '@/lib/mastodon/errors';
import {
  buildAuthorizeUrl,
  clientCredentialsToken,
  createPkcePair,
  createState,
  exchangeCode,
  readAuthorizationResponse,
  revokeToken,
} from '@/lib/mastodon/oauth';
import { stubFetch } from '../helpers/stub-fetch';

const origin = 'https://example.social';
const redirect = 'https://id.chromiumapp.org/';

describe('authorization request', () => {
  it('builds the authorize URL with PKCE S256 and the exact redirect URI', () => {
    const url = new URL(
      buildAuthorizeUrl(origin, { clientId: 'cid', redirectUri: redirect, scopes: 'read write', state: 's1', codeChallenge: 'ch' }),
    );
    expect(url.origin + url.pathname).toBe('https://example.social/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: redirect,
      scope: 'read write',
      state: 's1',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('makes a verifier whose challenge is BASE64URL(SHA-256(verifier))', async () => {
    const { verifier, challenge } = await createPkcePair();
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('makes verifiers of 43 to 128 unreserved characters, new each time (RFC 7636 §4.1)', async () => {
    const pairs = await Promise.all(Array.from({ length: 50 }, createPkcePair));
    for (const { verifier, challenge } of pairs) {
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      // base64url of 32 octets, no padding (RFC 7636 Appendix A).
      expect(challenge).toMatch(/^[A-Za-z0-9\-_]{43}$/);
    }
    expect(new Set(pairs.map((p) => p.verifier)).size).toBe(50);
  });

  it('makes a new random state every time, in characters a URL carries as they are', () => {
    const states = new Set(Array.from({ length: 20 }, createState));
    expect(states.size).toBe(20);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9\-_]{43}$/);
  });
});

describe('authorization response', () => {
  const expected = { state: 's1', redirectUri: redirect };

  it('accepts the code when the state is ours', () => {
    const result = readAuthorizationResponse(origin, `${redirect}?code=abc&state=s1`, expected);
    expect(result.ok && result.params.get('code')).toBe('abc');
  });

  it('rejects a state that is not ours, even with a code', () => {
    expect(readAuthorizationResponse(origin, `${redirect}?code=abc&state=evil`, expected)).toEqual({ ok: false, reason: 'state-mismatch' });
    expect(readAuthorizationResponse(origin, `${redirect}?code=abc`, expected)).toEqual({ ok: false, reason: 'state-mismatch' });
  });

  it('reads a refusal with the server’s description', () => {
    expect(readAuthorizationResponse(origin, `${redirect}?error=access_denied&error_description=No+thanks&state=s1`, expected)).toEqual({
      ok: false,
      reason: 'denied',
      error: 'access_denied',
      description: 'No thanks',
    });
  });

  it('reads no code that did not come back to our redirect URI (origin and path)', () => {
    for (const elsewhere of ['https://evil.example/', 'https://id.chromiumapp.org/other', 'http://id.chromiumapp.org/', 'not a url']) {
      expect(readAuthorizationResponse(origin, `${elsewhere}?code=abc&state=s1`, expected)).toEqual({
        ok: false,
        reason: 'wrong-redirect',
      });
    }
  });

  it('tells extension pages apart by their host: only our own callback page answers a tab sign-in', () => {
    // URL gives every moz-extension: address the origin "null"; the host is the install's id.
    const callback = 'moz-extension://5f0e7d0c-2b9a-4c1e-9a3f-0d6c1b2a3e4f/oauth-callback.html';
    const ours = { state: 's1', redirectUri: callback };
    const result = readAuthorizationResponse(origin, `${callback}?code=abc&state=s1`, ours);
    expect(result.ok && result.params.get('code')).toBe('abc');
    for (const elsewhere of [
      'moz-extension://0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/oauth-callback.html',
      'chrome-extension://5f0e7d0c-2b9a-4c1e-9a3f-0d6c1b2a3e4f/oauth-callback.html',
      'moz-extension://5f0e7d0c-2b9a-4c1e-9a3f-0d6c1b2a3e4f/popup.html',
    ]) {
      expect(readAuthorizationResponse(origin, `${elsewhere}?code=abc&state=s1`, ours)).toEqual({ ok: false, reason: 'wrong-redirect' });
    }
  });

  it('accepts an issuer (RFC 9207 `iss`) that differs from the origin only by a trailing slash', () => {
    for (const iss of ['https://example.social/', 'https://example.social']) {
      const result = readAuthorizationResponse(origin, `${redirect}?code=abc&state=s1&iss=${encodeURIComponent(iss)}`, expected);
      expect(result.ok && result.params.get('code')).toBe('abc');
    }
  });

  it('refuses an issuer that names another server', () => {
    const result = readAuthorizationResponse(origin, `${redirect}?code=abc&state=s1&iss=${encodeURIComponent('https://evil.example/')}`, expected);
    expect(result.ok).toBe(false);
  });

  it('refuses an answer that gives a parameter twice', () => {
    expect(readAuthorizationResponse(origin, `${redirect}?code=abc&state=s1&state=s1`, expected)).toEqual({ ok: false, reason: 'state-mismatch' });
    expect(readAuthorizationResponse(origin, `${redirect}?code=abc&code=def&state=s1`, expected)).toMatchObject({ ok: false, reason: 'no-code' });
    expect(readAuthorizationResponse(origin, `${redirect}?code=abc&state=s1&iss=${encodeURIComponent(origin)}&iss=x`, expected)).toMatchObject({ ok: false });
  });

  it('says no-code for an answer without one', () => {
    expect(readAuthorizationResponse(origin, `${redirect}?state=s1`, expected)).toMatchObject({ ok: false, reason: 'no-code' });
  });
});

describe('token and revocation requests', () => {
  const ctx = (fetch: typeof globalThis.fetch) => ({ origin, fetch });
  const app = { clientId: 'cid', clientSecret: 's&c=r+t' };
  const form = (body: string | null) => Object.fromEntries(new URLSearchParams(body ?? ''));
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as MastodonError);

  it('exchanges the code in a form body with the verifier and the client credentials (RFC 6749 §4.1.3, §2.3.1)', async () => {
    const stub = stubFetch({ 'POST /oauth/token': { json: { access_token: 'tok', token_type: 'Bearer', scope: 'read write:statuses', created_at: 1 } } });
    const grant = await exchangeCode(ctx(stub.fetch), app, new URLSearchParams({ code: 'c0de', state: 's1' }), redirect, 'v'.repeat(43));
    expect(grant).toEqual({ accessToken: 'tok', scopes: ['read', 'write:statuses'] });
    const [call] = stub.calls;
    expect(call!.headers.get('Content-Type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call!.headers.get('Accept')).toBe('application/json');
    expect(form(call!.body)).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: redirect,
      code_verifier: 'v'.repeat(43),
      client_id: 'cid',
      client_secret: 's&c=r+t',
    });
  });

  it('asks an app token with the scopes and the redirect URI (RFC 6749 §4.4.2)', async () => {
    const stub = stubFetch({ 'POST /oauth/token': { json: { access_token: 'app', token_type: 'bearer' } } });
    expect(await clientCredentialsToken(ctx(stub.fetch), app, 'read write', redirect)).toEqual({ accessToken: 'app', scopes: [] });
    expect(form(stub.calls[0]!.body)).toEqual({ grant_type: 'client_credentials', scope: 'read write', redirect_uri: redirect, client_id: 'cid', client_secret: 's&c=r+t' });
  });

  it('reads an OAuth error answer with its code and description (RFC 6749 §5.2)', async () => {
    const stub = stubFetch({ 'POST /oauth/token': { status: 400, json: { error: 'invalid_grant', error_description: 'The code has expired.' } } });
    const error = await failure(exchangeCode(ctx(stub.fetch), app, new URLSearchParams({ code: 'old' }), redirect, 'v'.repeat(43)));
    expect(error.details).toMatchObject({ kind: 'http', status: 400, error: 'invalid_grant', description: 'The code has expired.', endpoint: 'POST /oauth/token' });
  });

  it('refuses a token answer without an access token, or not JSON', async () => {
    for (const [answer, kind] of [
      [{ json: { token_type: 'bearer' } }, 'shape'],
      [{ json: { access_token: '', token_type: 'bearer' } }, 'shape'],
      [{ json: { access_token: 'tok' } }, 'shape'],
      [{ text: '<html>', headers: { 'Content-Type': 'text/html' } }, 'not-json'],
    ] as const) {
      const stub = stubFetch({ 'POST /oauth/token': answer });
      expect((await failure(clientCredentialsToken(ctx(stub.fetch), app, 'read', redirect))).kind).toBe(kind);
    }
  });

  it('revokes with the token and the client credentials in a form body (RFC 7009 §2.1), whatever the answer body', async () => {
    for (const answer of [{ json: {} }, { text: '' }]) {
      const stub = stubFetch({ 'POST /oauth/revoke': answer });
      await revokeToken(ctx(stub.fetch), app, 'tok');
      expect(stub.calls[0]!.headers.get('Content-Type')).toMatch(/^application\/x-www-form-urlencoded/);
      expect(form(stub.calls[0]!.body)).toEqual({ token: 'tok', client_id: 'cid', client_secret: 's&c=r+t' });
    }
    const refused = stubFetch({ 'POST /oauth/revoke': { status: 403, json: { error: 'unauthorized_client' } } });
    expect((await failure(revokeToken(ctx(refused.fetch), app, 'tok'))).details).toMatchObject({ kind: 'http', status: 403, error: 'unauthorized_client' });
  });
});
