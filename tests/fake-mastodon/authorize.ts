import { OOB_REDIRECT_URI } from './apps.ts';
import { authorizationCodePage, authorizeErrorPage, authorizePage, emailSignInPage, type AuthorizeRequest } from './authorize-page.ts';
import { DOORKEEPER_ERRORS, missingParam } from './doorkeeper-errors.ts';
import { html, redirect, type Reply, type Route } from './http.ts';
import { issuerOf } from './instance.ts';
import { stringParam, type Params } from './params.ts';
import { DEFAULT_SCOPES, isSubset, parseScopes } from './scopes.ts';
import { addUser, findUser, randomSecret, type App, type ServerState, type User } from './state.ts';

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const USERNAME_PATTERN = /^[a-z0-9_]+$/i;

type PreAuthorization = { app: App; request: AuthorizeRequest } | { error: string; unknownClient?: true };

/** Doorkeeper's pre-authorization checks, in its order; every failure shows an error page. */
function preAuthorize(state: ServerState, params: Params): PreAuthorization {
  const clientId = stringParam(params, 'client_id');
  if (!clientId) return { error: missingParam('client_id') };
  const app = state.apps.get(clientId);
  if (!app) return { error: DOORKEEPER_ERRORS.invalid_client, unknownClient: true };
  const redirectUri = stringParam(params, 'redirect_uri');
  if (!redirectUri || !app.redirectUris.includes(redirectUri)) return { error: DOORKEEPER_ERRORS.invalid_redirect_uri };
  const responseType = stringParam(params, 'response_type');
  if (!responseType) return { error: missingParam('response_type') };
  if (responseType !== 'code') return { error: DOORKEEPER_ERRORS.unsupported_response_type };
  const scopes = parseScopes(stringParam(params, 'scope')) ?? DEFAULT_SCOPES;
  if (!isSubset(scopes, app.scopes)) return { error: DOORKEEPER_ERRORS.invalid_scope };
  const request: AuthorizeRequest = { clientId, redirectUri, responseType, scopes, state: stringParam(params, 'state') || undefined };
  // A server without PKCE ignores the parameters, as older Mastodon-compatible servers do.
  if (state.pkce) {
    const codeChallenge = stringParam(params, 'code_challenge') || undefined;
    const codeChallengeMethod = stringParam(params, 'code_challenge_method') || undefined;
    if (codeChallenge !== undefined && codeChallengeMethod !== 'S256') {
      return { error: DOORKEEPER_ERRORS.invalid_code_challenge_method };
    }
    request.codeChallenge = codeChallenge;
    request.codeChallengeMethod = codeChallengeMethod;
  }
  return { app, request };
}

function errorPage(state: ServerState, description: string): Reply {
  return html(400, authorizeErrorPage(state.title, description));
}

/** A failed pre-authorization: each dialect shows an unknown app its own way. */
function preAuthorizationError(state: ServerState, pre: { error: string; unknownClient?: true }): Reply {
  return pre.unknownClient ? state.dialect.unknownClientPage(pre.error) : errorPage(state, pre.error);
}

/** The username typed on the page: known users sign in, new names become users on the fly. */
function signIn(state: ServerState, username: string): User | { error: string } {
  if (username === '') return { error: "Username can't be blank" };
  if (!USERNAME_PATTERN.test(username)) return { error: 'Username must contain only letters, numbers and underscores' };
  return findUser(state, username) ?? addUser(state, username);
}

function redirectWith(redirectUri: string, fields: Record<string, string | undefined>): Reply {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) url.searchParams.set(name, value);
  return redirect(url.href);
}

function issueCode(state: ServerState, request: AuthorizeRequest, user: User): string {
  const code = randomSecret();
  state.codes.set(code, {
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    userId: user.id,
    codeChallenge: request.codeChallenge ?? null,
    expiresAt: Date.now() + CODE_LIFETIME_MS,
    used: false,
  });
  return code;
}

function showAuthorizePage(state: ServerState, params: Params): Reply {
  const pre = preAuthorize(state, params);
  if ('error' in pre) return preAuthorizationError(state, pre);
  // Hollo signs in with an e-mail address first; consent comes on the next page.
  if (state.dialect.emailThenConsent) {
    // Filled in as the browser remembers it: the first user's address (any address signs in).
    const first = state.users.values().next();
    const email = first.done ? '' : `${first.value.username}@example.test`;
    return html(200, emailSignInPage({ instanceTitle: state.title, request: pre.request, email }));
  }
  const signedIn = state.users.values().next();
  const username = signedIn.done ? '' : signedIn.value.username;
  return html(200, authorizePage({ instanceTitle: state.title, appName: pre.app.name, request: pre.request, username }));
}

function decide(state: ServerState, params: Params): Reply {
  const pre = preAuthorize(state, params);
  if ('error' in pre) return preAuthorizationError(state, pre);
  const { app, request } = pre;
  if (state.dialect.emailThenConsent && stringParam(params, 'step') === 'login') {
    const email = (stringParam(params, 'email') ?? '').trim();
    const username = email.split('@')[0] ?? '';
    if (!email.includes('@') || !USERNAME_PATTERN.test(username)) {
      return html(422, emailSignInPage({ instanceTitle: state.title, request, email, error: 'Invalid email or password.' }));
    }
    return html(200, authorizePage({ instanceTitle: state.title, appName: app.name, request, username }));
  }
  const decision = stringParam(params, 'decision');
  if (decision === 'deny') {
    return redirectWith(request.redirectUri, {
      error: 'access_denied',
      error_description: DOORKEEPER_ERRORS.access_denied,
      state: request.state,
      iss: state.issParameter ? issuerOf(state) : undefined,
    });
  }
  if (decision !== 'approve') return errorPage(state, missingParam('decision'));
  const username = (stringParam(params, 'username') ?? '').trim();
  const user = signIn(state, username);
  if ('error' in user) {
    return html(422, authorizePage({ instanceTitle: state.title, appName: app.name, request, username, error: user.error }));
  }
  const code = issueCode(state, request, user);
  if (request.redirectUri === OOB_REDIRECT_URI) return html(200, authorizationCodePage(state.title, code));
  return redirectWith(request.redirectUri, { code, state: request.state, iss: state.issParameter ? issuerOf(state) : undefined });
}

export const authorizeRoutes: Route[] = [
  { method: 'GET', path: '/oauth/authorize', handle: ({ state, params }) => showAuthorizePage(state, params) },
  { method: 'POST', path: '/oauth/authorize', handle: ({ state, params }) => decide(state, params) },
];
