/** Helpers for the route tests: tokens through the server's real OAuth flow, and form requests. */
import { authorizeLikeBrowser } from './authorize-like-browser.ts';
import { startFakeMastodon } from './server.ts';
import type { FakeMastodon, FakeMastodonOptions } from './types.ts';

const REDIRECT = 'https://fedipost-test.chromiumapp.org/';
/** Every scope the tests ask for, so that any of them may be requested. */
const APP_SCOPES = 'read write read:statuses write:statuses write:media read:accounts';

async function registerApp(server: FakeMastodon): Promise<{ client_id: string; client_secret: string }> {
  const response = await fetch(`${server.origin}/api/v1/apps`, {
    method: 'POST',
    body: new URLSearchParams({ client_name: 'Tests', redirect_uris: REDIRECT, scopes: APP_SCOPES }),
  });
  if (!response.ok) throw new Error(`registration failed: HTTP ${response.status}`);
  return (await response.json()) as { client_id: string; client_secret: string };
}

/** A user token with these scopes (space-separated), signed in as `username` (default alice). */
export async function userToken(server: FakeMastodon, scope = 'read write', username?: string): Promise<string> {
  const app = await registerApp(server);
  const authorize = new URL('/oauth/authorize', server.origin);
  authorize.search = new URLSearchParams({ response_type: 'code', client_id: app.client_id, redirect_uri: REDIRECT, scope }).toString();
  const code = new URL(await authorizeLikeBrowser(authorize.href, { username })).searchParams.get('code') ?? '';
  const response = await fetch(`${server.origin}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: app.client_id, client_secret: app.client_secret, redirect_uri: REDIRECT }),
  });
  if (!response.ok) throw new Error(`token exchange failed: HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * A server with alice signed in. Media is ready at once unless a test says otherwise,
 * so route tests don't wait on processing they are not about.
 */
export async function startWithUser(options: FakeMastodonOptions = {}): Promise<{ server: FakeMastodon; token: string }> {
  const server = await startFakeMastodon({ mediaProcessingMs: 0, ...options });
  return { server, token: await userToken(server) };
}

/** An app token (client_credentials): valid, but acting for nobody. */
export async function appToken(server: FakeMastodon): Promise<string> {
  const app = await registerApp(server);
  const response = await fetch(`${server.origin}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'write' }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

export function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { Authorization: `Bearer ${token}` };
}

/** Form fields as pairs, so that Rails-style keys (`media_ids[]`) can repeat. */
export type Fields = Array<[string, string]> | Record<string, string>;

export function request(
  server: FakeMastodon,
  method: string,
  path: string,
  token?: string,
  fields?: Fields,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(server.origin + path, {
    method,
    headers: { ...bearer(token), ...headers },
    body: fields === undefined ? undefined : new URLSearchParams(fields),
  });
}
