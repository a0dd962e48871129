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
  it('accepts the code when the state is ours', () => {
    const result = readAuthorizationResponse(origin, app, `${redirect}?code=abc&state=s1`, 's1');
    expect(result.ok && result.params.get('code')).toBe('abc');
  });

  it('rejects a state that is not ours, even with a code', () => {
    expect(readAuthorizationResponse(origin, app, `${redirect}?code=abc&state=evil`, 's1')).toEqual({ ok: false, reason: 'state-mismatch' });
    expect(readAuthorizationResponse(origin, app, `${redirect}?code=abc`, 's1')).toEqual({ ok: false, reason: 'state-mismatch' });
  });

  it('reads a refusal with the server’s description', () => {
    expect(readAuthorizationResponse(origin, app, `${redirect}?error=access_denied&error_description=No+thanks&state=s1`, 's1')).toEqual({
      ok: false,
      reason: 'denied',
      error: 'access_denied',
      description: 'No thanks',
    });
  });

  it('says no-code for an answer without one', () => {
    expect(readAuthorizationResponse(origin, app, `${redirect}?state=s1`, 's1')).toMatchObject({ ok: false, reason: 'no-code' });
  });
});
