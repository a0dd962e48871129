import type { IncomingHttpHeaders } from 'node:http';
import { apiError, type Reply } from './http.ts';
import { hasAnyScope } from './scopes.ts';
import { findUserById, type AccessToken, type ServerState, type User } from './state.ts';

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
}

/** The request's bearer token, if it was issued and not revoked since. */
export function findToken(state: ServerState, headers: IncomingHttpHeaders): AccessToken | undefined {
  const value = bearerToken(headers);
  const token = value === undefined ? undefined : state.tokens.get(value);
  return token && !token.revoked ? token : undefined;
}

/** Doorkeeper's `doorkeeper_authorize!(*scopes)`: 401 without a valid token, 403 without any of the scopes. */
export function authorizeToken(state: ServerState, headers: IncomingHttpHeaders, scopes: readonly string[]): AccessToken | Reply {
  const token = findToken(state, headers);
  if (!token) return state.dialect.badToken();
  if (!hasAnyScope(token.scopes, scopes)) return apiError(403, 'This action is outside the authorized scopes');
  return token;
}

/**
 * Mastodon's `require_user!`: an app token is valid but has nobody to act for; a user
 * who signed up through an app is refused until the email is confirmed and, where staff
 * review sign-ups, until approved (Api::BaseController's texts).
 */
export function authorizeUser(state: ServerState, headers: IncomingHttpHeaders, scopes: readonly string[]): User | Reply {
  const token = authorizeToken(state, headers, scopes);
  if ('status' in token) return token;
  const user = token.userId === null ? undefined : findUserById(state, token.userId);
  if (!user) return apiError(422, 'This method requires an authenticated user');
  if (user.signUp && !user.signUp.confirmed) return apiError(403, 'Your login is missing a confirmed e-mail address');
  if (user.signUp && !user.signUp.approved) return apiError(403, 'Your login is currently pending approval');
  return user;
}

/** Mastodon's `authorize_if_got_token!`: anonymous without a token; a token given must be valid and hold a scope. */
export function optionalViewer(state: ServerState, headers: IncomingHttpHeaders, scopes: readonly string[]): { viewer: User | undefined } | Reply {
  if (headers.authorization === undefined) return { viewer: undefined };
  const token = authorizeToken(state, headers, scopes);
  if ('status' in token) return token;
  return { viewer: token.userId === null ? undefined : findUserById(state, token.userId) };
}
