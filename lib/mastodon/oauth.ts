import * as z from 'zod/mini';
import type { ClientContext } from './context';
import { MastodonError } from './errors';
import { requestJson } from './request';

/**
 * OAuth endpoints of an instance (/oauth/authorize, /oauth/token, /oauth/revoke): the
 * authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636 S256), the client
 * credentials grant (RFC 6749 §4.4) and revocation (RFC 7009), with the client secret in
 * the form body (RFC 6749 §2.3.1, as Mastodon's docs show). Mastodon's paths are fixed,
 * so they are derived from the origin rather than trusted from discovery metadata
 * (which could name other hosts).
 *
 * Written here rather than with oauth4webapi: these three requests are what Fedipost
 * uses, and the library's OpenID Connect, DPoP, JWT and JARM code came along with them
 * (≈ 18 KB minified, 5.5 KB gzip, an eighth of the service worker, which can't load
 * code lazily). The requests go through the same client as every API call: no
 * redirect followed, size cap, time-out, the same errors.
 */

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenGrant {
  accessToken: string;
  /** The scopes the server granted (may be fewer than asked). */
  scopes: string[];
}

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** base64url without padding (RFC 7636 Appendix A). */
function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random octets, base64url: 43 characters, all unreserved (RFC 7636 §4.1's recommendation). */
function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** code_challenge = BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2, S256). */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = randomToken();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/** An unguessable `state` (RFC 6749 §10.12): an answer without it was not asked for by us. */
export function createState(): string {
  return randomToken();
}

export interface AuthorizeUrlParams {
  clientId: string;
  redirectUri: string;
  scopes: string;
  state: string;
  codeChallenge: string;
}

/**
 * GET /oauth/authorize. PKCE is always sent: servers without it ignore the parameters.
 * @see https://docs.joinmastodon.org/methods/oauth/#authorize
 */
export function buildAuthorizeUrl(origin: string, p: AuthorizeUrlParams): string {
  const url = new URL('/oauth/authorize', origin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: p.scopes,
    state: p.state,
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** What came back to the redirect URI, checked. */
export type AuthorizationResult =
  | { ok: true; params: URLSearchParams }
  | { ok: false; reason: 'state-mismatch' | 'wrong-redirect' | 'denied' | 'no-code'; error?: string; description?: string };

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Checks the redirect the sign-in window ended on: it must be our redirect URI (origin
 * and path), `state` must be ours (else the answer may be forged), and it must carry a
 * code rather than an error (RFC 6749 §4.1.2). Only then is the code read. A parameter
 * given twice is no answer a server makes: refused rather than guessed at.
 */
export function readAuthorizationResponse(origin: string, redirectedTo: string, expected: { state: string; redirectUri: string }): AuthorizationResult {
  let url: URL;
  try {
    url = new URL(redirectedTo);
  } catch {
    return { ok: false, reason: 'wrong-redirect' };
  }
  const redirect = new URL(expected.redirectUri);
  // The browser hands back whatever URL the window ended on; a code seen anywhere else
  // is not an answer to us. Scheme and host, not `origin`: URL gives every moz-extension:
  // address (a tab sign-in's callback page) the origin "null", whatever its host.
  const same = (a: URL, b: URL) => a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  if (!same(url, redirect)) return { ok: false, reason: 'wrong-redirect' };
  const params = url.searchParams;
  const once = (name: string) => {
    const values = params.getAll(name);
    return values.length > 1 ? undefined : (values[0] ?? null);
  };
  // Checked first so a forged answer is named as such, whatever else it carries.
  if (once('state') !== expected.state) return { ok: false, reason: 'state-mismatch' };
  // RFC 9207: a server that sends `iss` names itself; Mastodon's issuer is the origin with
  // a trailing slash (`https://example.social/`). That difference alone is not another server.
  const iss = once('iss');
  if (iss === undefined || (iss !== null && withoutTrailingSlash(iss) !== origin)) return { ok: false, reason: 'no-code' };
  const error = once('error');
  if (error) return { ok: false, reason: 'denied', error, description: once('error_description') ?? undefined };
  return once('code') ? { ok: true, params } : { ok: false, reason: 'no-code' };
}

/**
 * RFC 6749 §5.1. `expires_in` and `refresh_token` are not used: Mastodon's tokens last
 * until revoked, and a lost one is replaced by signing in again.
 */
const TokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.string(),
  scope: z.optional(z.string()),
});

/** POST /oauth/token with the client's credentials in the form body (RFC 6749 §2.3.1, §4.1.3, §4.4.2). */
async function tokenRequest(ctx: ClientContext, app: AppCredentials, grant: Record<string, string>): Promise<TokenGrant> {
  const endpoint = 'POST /oauth/token';
  const body = await requestJson(ctx, '/oauth/token', {
    method: 'POST',
    form: { ...grant, client_id: app.clientId, client_secret: app.clientSecret },
    schema: TokenResponseSchema,
  });
  // token_type is case-insensitive (RFC 6749 §5.1); a DPoP-bound or MAC token only works
  // with proofs we don't make.
  const tokenType = body.token_type.toLowerCase();
  if (tokenType !== 'bearer') throw new MastodonError({ kind: 'token-type', error: tokenType, endpoint });
  return { accessToken: body.access_token, scopes: (body.scope ?? '').split(/\s+/).filter(Boolean) };
}

/**
 * POST /oauth/token, grant_type=authorization_code, with the PKCE verifier.
 * @see https://docs.joinmastodon.org/methods/oauth/#token
 */
export function exchangeCode(ctx: ClientContext, app: AppCredentials, callback: URLSearchParams, redirectUri: string, codeVerifier: string): Promise<TokenGrant> {
  return tokenRequest(ctx, app, {
    grant_type: 'authorization_code',
    code: callback.get('code') ?? '',
    redirect_uri: redirectUri,
    code_verifier: codeVerifier,
  });
}

/**
 * POST /oauth/token, grant_type=client_credentials: an app-only token. The redirect URI goes
 * along: GoToSocial and snac refuse the grant without one (GoToSocial: 400 "redirect_uri was
 * not set in the token request form"); Doorkeeper ignores it.
 * @see https://docs.joinmastodon.org/methods/oauth/#token
 */
export function clientCredentialsToken(ctx: ClientContext, app: AppCredentials, scopes: string, redirectUri: string): Promise<TokenGrant> {
  return tokenRequest(ctx, app, { grant_type: 'client_credentials', scope: scopes, redirect_uri: redirectUri });
}

/**
 * POST /oauth/revoke (RFC 7009 §2.1); the answer's body, if any, says nothing.
 * @see https://docs.joinmastodon.org/methods/oauth/#revoke
 */
export async function revokeToken(ctx: ClientContext, app: AppCredentials, token: string): Promise<void> {
  await requestJson(ctx, '/oauth/revoke', {
    method: 'POST',
    form: { token, client_id: app.clientId, client_secret: app.clientSecret },
    schema: z.unknown(),
  });
}
