import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, createPkcePair, createState, readAuthorizationResponse } from '@/lib/mastodon/oauth';

const origin = 'https://example.social';
const app = { clientId: 'cid', clientSecret: 'sec' };
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

  it('makes a new random state every time', () => {
    const states = new Set(Array.from({ length: 20 }, createState));
    expect(states.size).toBe(20);
  });
});

describe('authorization response', () => {
  const expected = { state: 's1', redirectUri: redirect };

  it('accepts the code when the state is ours', () => {
    const result = readAuthorizationResponse(origin, app, `${redirect}?code=abc&state=s1`, expected);
    expect(result.ok && result.params.get('code')).toBe('abc');
  });

  it('rejects a state that is not ours, even with a code', () => {
    expect(readAuthorizationResponse(origin, app, `${redirect}?code=abc&state=evil`, expected)).toEqual({ ok: false, reason: 'state-mismatch' });
    expect(readAuthorizationResponse(origin, app, `${redirect}?code=abc`, expected)).toEqual({ ok: false, reason: 'state-mismatch' });
  });

  it('reads a refusal with the server’s description', () => {
    expect(readAuthorizationResponse(origin, app, `${redirect}?error=access_denied&error_description=No+thanks&state=s1`, expected)).toEqual({
      ok: false,
      reason: 'denied',
      error: 'access_denied',
      description: 'No thanks',
    });
  });

  it('reads no code that did not come back to our redirect URI (origin and path)', () => {
    for (const elsewhere of ['https://evil.example/', 'https://id.chromiumapp.org/other', 'http://id.chromiumapp.org/', 'not a url']) {
      expect(readAuthorizationResponse(origin, app, `${elsewhere}?code=abc&state=s1`, expected)).toEqual({
        ok: false,
        reason: 'wrong-redirect',
      });
    }
  });

  it('tells extension pages apart by their host: only our own callback page answers a tab sign-in', () => {
    // URL gives every moz-extension: address the origin "null"; the host is the install's id.
    const callback = 'moz-extension://5f0e7d0c-2b9a-4c1e-9a3f-0d6c1b2a3e4f/oauth-callback.html';
    const ours = { state: 's1', redirectUri: callback };
    const result = readAuthorizationResponse(origin, app, `${callback}?code=abc&state=s1`, ours);
    expect(result.ok && result.params.get('code')).toBe('abc');
    for (const elsewhere of [
      'moz-extension://0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/oauth-callback.html',
      'chrome-extension://5f0e7d0c-2b9a-4c1e-9a3f-0d6c1b2a3e4f/oauth-callback.html',
      'moz-extension://5f0e7d0c-2b9a-4c1e-9a3f-0d6c1b2a3e4f/popup.html',
    ]) {
      expect(readAuthorizationResponse(origin, app, `${elsewhere}?code=abc&state=s1`, ours)).toEqual({ ok: false, reason: 'wrong-redirect' });
    }
  });

  it('accepts an issuer (RFC 9207 `iss`) that differs from the origin only by a trailing slash', () => {
    for (const iss of ['https://example.social/', 'https://example.social']) {
      const result = readAuthorizationResponse(origin, app, `${redirect}?code=abc&state=s1&iss=${encodeURIComponent(iss)}`, expected);
      expect(result.ok && result.params.get('code')).toBe('abc');
    }
  });

  it('refuses an issuer that names another server', () => {
    const result = readAuthorizationResponse(origin, app, `${redirect}?code=abc&state=s1&iss=${encodeURIComponent('https://evil.example/')}`, expected);
    expect(result.ok).toBe(false);
  });

  it('says no-code for an answer without one', () => {
    expect(readAuthorizationResponse(origin, app, `${redirect}?state=s1`, expected)).toMatchObject({ ok: false, reason: 'no-code' });
  });
});
