import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { DOORKEEPER_ERRORS, missingParam } from './doorkeeper-errors.ts';
import { json, type Reply, type Route } from './http.ts';
import { stringParam, type Params } from './params.ts';
import { DEFAULT_SCOPES, isSubset, parseScopes } from './scopes.ts';
import { randomSecret, type App, type ServerState } from './state.ts';

/** Token responses must not be cached (RFC 6749 §5.1). */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): Reply {
  return json(status, { error, error_description: description }, { ...NO_STORE, ...headers });
}

function invalidClient(): Reply {
  const description = DOORKEEPER_ERRORS.invalid_client;
  return oauthError(401, 'invalid_client', description, {
    'WWW-Authenticate': `Bearer realm="Doorkeeper", error="invalid_client", error_description="${description}"`,
  });
}

const invalidGrant = () => oauthError(400, 'invalid_grant', DOORKEEPER_ERRORS.invalid_grant);

/** Client credentials from HTTP Basic first, then from the body, as Doorkeeper looks for them. */
function authenticateClient(state: ServerState, headers: IncomingHttpHeaders, params: Params): App | undefined {
  let clientId = stringParam(params, 'client_id');
  let clientSecret = stringParam(params, 'client_secret');
  const basic = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon !== -1) {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before joining.
      clientId = decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' '));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' '));
    }
  }
  const app = clientId === undefined ? undefined : state.apps.get(clientId);
  return app && clientSecret === app.clientSecret ? app : undefined;
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && isSubset(a, b);
}

/** Mastodon turns on Doorkeeper's reuse_access_token: one live token per app, user and scopes. */
function issueToken(state: ServerState, clientId: string, userId: string | null, scopes: string[]): Reply {
  const reusable = [...state.tokens].find(
    ([, t]) => !t.revoked && t.clientId === clientId && t.userId === userId && sameScopes(t.scopes, scopes),
  );
  const [value, token] = reusable ?? [randomSecret(), { clientId, userId, scopes, createdAt: Math.floor(Date.now() / 1000), revoked: false }];
  state.tokens.set(value, token);
  const createdAt = state.dialect.tokenCreatedAtMs ? token.createdAt * 1000 : token.createdAt;
  return json(200, { access_token: value, token_type: 'Bearer', scope: token.scopes.join(' '), created_at: createdAt }, NO_STORE);
}

function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function exchangeCode(state: ServerState, app: App, params: Params): Reply {
  const code = stringParam(params, 'code');
  if (!code) return oauthError(400, 'invalid_request', missingParam('code'));
  const grant = state.codes.get(code);
  if (!grant || grant.used || grant.expiresAt < Date.now() || grant.clientId !== app.clientId) return invalidGrant();
  if (stringParam(params, 'redirect_uri') !== grant.redirectUri) return invalidGrant();
  if (grant.codeChallenge !== null) {
    const verifier = stringParam(params, 'code_verifier');
    if (!verifier || pkceChallenge(verifier) !== grant.codeChallenge) return invalidGrant();
  }
  grant.used = true;
  return issueToken(state, app.clientId, grant.userId, grant.scopes);
}

function clientCredentials(state: ServerState, app: App, params: Params): Reply {
  if (state.dialect.clientCredentialsNeedRedirectUri && !stringParam(params, 'redirect_uri')) {
    // GoToSocial's words, observed (issue 15).
    return oauthError(400, 'invalid_request', 'redirect_uri was not set in the token request form');
  }
  const scopes = parseScopes(stringParam(params, 'scope')) ?? DEFAULT_SCOPES;
  if (!isSubset(scopes, app.scopes)) return oauthError(400, 'invalid_scope', DOORKEEPER_ERRORS.invalid_scope);
  return issueToken(state, app.clientId, null, scopes);
}

const GRANTS: Record<string, (state: ServerState, app: App, params: Params) => Reply> = {
  authorization_code: exchangeCode,
  client_credentials: clientCredentials,
};

function token(state: ServerState, headers: IncomingHttpHeaders, params: Params): Reply {
  const grantType = stringParam(params, 'grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', missingParam('grant_type'));
  const grant = GRANTS[grantType];
  if (!grant) return oauthError(400, 'unsupported_grant_type', DOORKEEPER_ERRORS.unsupported_grant_type);
  const app = authenticateClient(state, headers, params);
  return app ? grant(state, app, params) : invalidClient();
}

/** RFC 7009: unknown tokens count as revoked; only the owning client may revoke a token. */
function revoke(state: ServerState, headers: IncomingHttpHeaders, params: Params): Reply {
  const app = authenticateClient(state, headers, params);
  const value = stringParam(params, 'token');
  const target = value === undefined ? undefined : state.tokens.get(value);
  if (!app || (target && target.clientId !== app.clientId)) {
    return oauthError(403, 'unauthorized_client', DOORKEEPER_ERRORS.unauthorized_client);
  }
  if (target) target.revoked = true;
  if (state.dialect.revokeDeletesApp) {
    // snac: "also delete the app, as it serves no purpose from now on" (mastoapi.c /oauth/revoke).
    state.apps.delete(app.clientId);
    for (const t of state.tokens.values()) if (t.clientId === app.clientId) t.revoked = true;
  }
  return json(200, {});
}

export const oauthRoutes: Route[] = [
  { method: 'POST', path: '/oauth/token', handle: ({ state, headers, params }) => token(state, headers, params) },
  { method: 'POST', path: '/oauth/revoke', handle: ({ state, headers, params }) => revoke(state, headers, params) },
];
