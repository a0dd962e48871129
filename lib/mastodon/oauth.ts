import * as oauth from 'oauth4webapi';
import type { ClientContext } from './context';
import { DEFAULT_TIMEOUT_MS } from './context';
import { MastodonError } from './errors';
import { cappedFetch, isRedirect, isTooLarge } from './capped-fetch';

/**
 * OAuth endpoints of an instance (/oauth/authorize, /oauth/token, /oauth/revoke),
 * through oauth4webapi. Mastodon's paths are fixed, so they are derived from the
 * origin rather than trusted from discovery metadata (which could name other hosts).
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

export async function createPkcePair(): Promise<PkcePair> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
}

export function createState(): string {
  return oauth.generateRandomState();
}

function authorizationServer(origin: string): oauth.AuthorizationServer {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/oauth/authorize`,
    token_endpoint: `${origin}/oauth/token`,
    revocation_endpoint: `${origin}/oauth/revoke`,
  };
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
 * code rather than an error. Only then is the code read.
 */
export function readAuthorizationResponse(
  origin: string,
  app: AppCredentials,
  redirectedTo: string,
  expected: { state: string; redirectUri: string },
): AuthorizationResult {
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
  // Checked here first so a forged answer is named as such, whatever else it carries.
  if (url.searchParams.get('state') !== expected.state) return { ok: false, reason: 'state-mismatch' };
  // RFC 9207: a server that sends `iss` names itself; Mastodon's issuer is the origin with
  // a trailing slash (`https://example.social/`). That difference alone is not another server.
  const iss = url.searchParams.get('iss');
  const issuer = iss !== null && withoutTrailingSlash(iss) === origin ? iss : origin;
  const server = { ...authorizationServer(origin), issuer };
  try {
    const params = oauth.validateAuthResponse(server, { client_id: app.clientId }, url, expected.state);
    return params.get('code') ? { ok: true, params } : { ok: false, reason: 'no-code' };
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      return { ok: false, reason: 'denied', error: error.error, description: error.error_description };
    }
    return { ok: false, reason: 'no-code' };
  }
}

function requestOptions(ctx: ClientContext) {
  return {
    [oauth.customFetch]: cappedFetch(ctx.fetch),
    // Plain http is only ever a loopback test server: instance parsing rejects it elsewhere.
    [oauth.allowInsecureRequests]: new URL(ctx.origin).protocol === 'http:',
    signal: AbortSignal.timeout(ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
}

/**
 * POST /oauth/token, grant_type=authorization_code, with the PKCE verifier.
 * @see https://docs.joinmastodon.org/methods/oauth/#token
 */
export async function exchangeCode(
  ctx: ClientContext,
  app: AppCredentials,
  callback: URLSearchParams,
  redirectUri: string,
  codeVerifier: string,
): Promise<TokenGrant> {
  const as = authorizationServer(ctx.origin);
  const client = { client_id: app.clientId };
  return tokenCall('POST /oauth/token', async () => {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(app.clientSecret),
      callback,
      redirectUri,
      codeVerifier,
      requestOptions(ctx),
    );
    return oauth.processAuthorizationCodeResponse(as, client, response);
  });
}

/**
 * POST /oauth/token, grant_type=client_credentials: an app-only token. The redirect URI goes
 * along: GoToSocial and snac refuse the grant without one (GoToSocial: 400 "redirect_uri was
 * not set in the token request form"); Doorkeeper ignores it.
 * @see https://docs.joinmastodon.org/methods/oauth/#token
 */
export async function clientCredentialsToken(
  ctx: ClientContext,
  app: AppCredentials,
  scopes: string,
  redirectUri: string,
): Promise<TokenGrant> {
  const as = authorizationServer(ctx.origin);
  const client = { client_id: app.clientId };
  return tokenCall('POST /oauth/token', async () => {
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(app.clientSecret),
      { scope: scopes, redirect_uri: redirectUri },
      requestOptions(ctx),
    );
    return oauth.processClientCredentialsResponse(as, client, response);
  });
}

/**
 * POST /oauth/revoke.
 * @see https://docs.joinmastodon.org/methods/oauth/#revoke
 */
export async function revokeToken(ctx: ClientContext, app: AppCredentials, token: string): Promise<void> {
  const as = authorizationServer(ctx.origin);
  await oauthCall('POST /oauth/revoke', async () => {
    const response = await oauth.revocationRequest(
      as,
      { client_id: app.clientId },
      oauth.ClientSecretPost(app.clientSecret),
      token,
      requestOptions(ctx),
    );
    await oauth.processRevocationResponse(response);
  });
}

async function tokenCall(endpoint: string, call: () => Promise<oauth.TokenEndpointResponse>): Promise<TokenGrant> {
  const body = await oauthCall(endpoint, call);
  // oauth4webapi also accepts DPoP-bound tokens, which only work with proofs we don't make.
  if (body.token_type !== 'bearer') throw new MastodonError({ kind: 'token-type', error: body.token_type, endpoint });
  return { accessToken: body.access_token, scopes: (body.scope ?? '').split(/\s+/).filter(Boolean) };
}

async function oauthCall<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toMastodonError(endpoint, error);
  }
}

/** oauth4webapi's errors, and fetch's, as the one error type the rest of lib/ knows. */
function toMastodonError(endpoint: string, error: unknown): MastodonError {
  if (error instanceof MastodonError) return error;
  if (isTooLarge(error)) return new MastodonError({ kind: 'too-large', endpoint }, { cause: error });
  if (error instanceof oauth.UnsupportedOperationError && error.message.includes('token_type')) {
    const body = (error.cause as { body?: { token_type?: unknown } } | undefined)?.body;
    return new MastodonError({ kind: 'token-type', error: String(body?.token_type ?? ''), endpoint }, { cause: error });
  }
  if (error instanceof oauth.ResponseBodyError) {
    return new MastodonError(
      { kind: 'http', status: error.status, error: error.error, description: error.error_description, endpoint },
      { cause: error },
    );
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    // Doorkeeper repeats a 401's error in WWW-Authenticate, which oauth4webapi prefers.
    const parameters = error.cause[0]?.parameters ?? {};
    return new MastodonError(
      { kind: 'http', status: error.status, error: parameters.error, description: parameters.error_description, endpoint },
      { cause: error },
    );
  }
  if (error instanceof oauth.OperationProcessingError) {
    const response = (error.cause as { status?: unknown } | undefined) ?? {};
    const status = typeof response.status === 'number' ? response.status : undefined;
    // oauth4webapi never follows redirects: one here would move our secrets elsewhere.
    if (response instanceof Response && isRedirect(response)) {
      return new MastodonError({ kind: 'redirected', status: status || undefined, endpoint }, { cause: error });
    }
    // A non-2xx answer that isn't an OAuth error body: free text, HTML, nothing.
    if (status !== undefined && (status < 200 || status > 299)) {
      return new MastodonError({ kind: 'http', status, endpoint }, { cause: error });
    }
    const kind = error.code === oauth.PARSE_ERROR || error.code === oauth.RESPONSE_IS_NOT_JSON ? 'not-json' : 'shape';
    return new MastodonError({ kind, status, endpoint }, { cause: error });
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new MastodonError({ kind: 'timeout', endpoint }, { cause: error });
  }
  return new MastodonError({ kind: 'network', endpoint }, { cause: error });
}
