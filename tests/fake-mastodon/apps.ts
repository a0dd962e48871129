import { findToken } from './auth.ts';
import { apiError, json, type Route } from './http.ts';
import { stringParam, type Params } from './params.ts';
import { DEFAULT_SCOPES, parseScopes, SUPPORTED_SCOPES } from './scopes.ts';
import { randomSecret, type App, type ServerState } from './state.ts';

/** Mastodon sends its VAPID public key with every app; a fixed one is enough here. */
export const VAPID_KEY = 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=';
export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';
const FORBIDDEN_SCHEMES = ['data', 'vbscript', 'javascript'];

/** `redirect_uris` may come as one newline-separated string or as an array. */
function redirectUrisParam(params: Params): string[] {
  const raw = params.redirect_uris;
  const text = Array.isArray(raw) ? raw.join('\n') : (stringParam(params, 'redirect_uris') ?? '');
  return text
    .split('\n')
    .map((uri) => uri.trim())
    .filter(Boolean);
}

/** Doorkeeper's RedirectUriValidator messages, prefixed with the attribute name as Rails does. */
function redirectUriErrors(uris: string[]): string[] {
  if (uris.length === 0) return ["Redirect URI can't be blank"];
  const errors = new Set<string>();
  for (const uri of uris) {
    if (uri === OOB_REDIRECT_URI) continue;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
      errors.add('Redirect URI must be an absolute URI.');
      continue;
    }
    let parsed: URL;
    try {
      parsed = new URL(uri);
    } catch {
      errors.add('Redirect URI must be a valid URI.');
      continue;
    }
    if (FORBIDDEN_SCHEMES.includes(parsed.protocol.slice(0, -1))) errors.add('Redirect URI is forbidden by the server.');
    else if (parsed.hash || uri.includes('#')) errors.add('Redirect URI cannot contain a fragment.');
  }
  return [...errors];
}

function validationErrors(name: string, uris: string[], scopes: string[]): string[] {
  const errors: string[] = [];
  if (name === '') errors.push("Application name can't be blank");
  else if ([...name].length > 60) errors.push('Application name is too long (maximum is 60 characters)');
  errors.push(...redirectUriErrors(uris));
  if (!scopes.every((scope) => SUPPORTED_SCOPES.includes(scope))) errors.push("Scopes doesn't match configured on the server.");
  return errors;
}

/** The Application entity; the credential form (with the secret) only right after registration. */
export function serializeApp(state: ServerState, app: App, withSecret: boolean): Record<string, unknown> {
  if (state.dialect.minimalAppAnswer) {
    // snac's answer: no scopes, no redirect_uris, no client_secret_expires_at (mastoapi.c /v1/apps).
    return {
      id: app.id,
      name: app.name,
      redirect_uri: app.redirectUris.join('\n'),
      client_id: app.clientId,
      ...(withSecret ? { client_secret: app.clientSecret } : {}),
      vapid_key: VAPID_KEY,
    };
  }
  const entity: Record<string, unknown> = {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    redirect_uri: app.redirectUris.join('\n'),
    redirect_uris: app.redirectUris,
    vapid_key: VAPID_KEY,
    client_id: app.clientId,
  };
  if (withSecret) {
    entity.client_secret = app.clientSecret;
    entity.client_secret_expires_at = 0;
  }
  return entity;
}

function registerApp(state: ServerState, params: Params) {
  if (state.registrationsClosed) return apiError(403, 'Registrations of new applications are closed on this server');
  const name = (stringParam(params, 'client_name') ?? '').trim();
  const redirectUris = redirectUrisParam(params);
  const scopes = parseScopes(stringParam(params, 'scopes')) ?? DEFAULT_SCOPES;
  const errors = validationErrors(name, redirectUris, scopes);
  if (errors.length > 0) return apiError(422, `Validation failed: ${errors.join(', ')}`);
  const app: App = {
    id: state.nextId(),
    name,
    website: stringParam(params, 'website') || null,
    redirectUris,
    scopes,
    clientId: randomSecret(),
    clientSecret: randomSecret(),
  };
  state.apps.set(app.clientId, app);
  return json(200, serializeApp(state, app, true));
}

export const appRoutes: Route[] = [
  { method: 'POST', path: '/api/v1/apps', handle: ({ state, params }) => registerApp(state, params) },
  {
    method: 'GET',
    path: '/api/v1/apps/verify_credentials',
    handle: ({ state, headers }) => {
      const token = findToken(state, headers);
      const app = token && state.apps.get(token.clientId);
      // GoToSocial wants a user token here: an app token gets 401 (issue 15).
      if (!app || (token.userId === null && !state.dialect.appTokenVerifies)) return state.dialect.badToken();
      return json(200, serializeApp(state, app, false));
    },
  },
];
