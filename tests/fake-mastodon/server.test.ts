// @vitest-environment node
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeLikeBrowser, startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from './index.ts';

const REDIRECT = 'https://fedipost-test.chromiumapp.org/';
const VERIFIER = 'a-long-enough-pkce-verifier-0123456789-abcdefghijklmnop';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

interface RegisteredApp {
  client_id: string;
  client_secret: string;
}

let server: FakeMastodon;

/** Replaces the default server with one started with other options. */
async function restart(options: FakeMastodonOptions): Promise<void> {
  await server.close();
  server = await startFakeMastodon(options);
}

beforeEach(async () => {
  server = await startFakeMastodon();
});
afterEach(() => server.close());

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.origin + path, { method: 'POST', body: new URLSearchParams(fields), headers });
}

async function registerApp(fields: Record<string, string> = {}): Promise<RegisteredApp> {
  const response = await post('/api/v1/apps', { client_name: 'Fedipost', redirect_uris: REDIRECT, scopes: 'read write', ...fields });
  expect(response.status).toBe(200);
  return (await response.json()) as RegisteredApp;
}

function authorizeUrl(app: RegisteredApp, params: Record<string, string> = {}): string {
  const url = new URL('/oauth/authorize', server.origin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: REDIRECT,
    scope: 'read write',
    state: 'st4te/+&=',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...params,
  }).toString();
  return url.href;
}

async function authorizeCode(app: RegisteredApp, params: Record<string, string> = {}, username?: string): Promise<string> {
  const location = new URL(await authorizeLikeBrowser(authorizeUrl(app, params), { username }));
  return location.searchParams.get('code') ?? '';
}

function exchange(app: RegisteredApp, code: string, fields: Record<string, string> = {}): Promise<Response> {
  return post('/oauth/token', {
    grant_type: 'authorization_code',
    code,
    client_id: app.client_id,
    client_secret: app.client_secret,
    redirect_uri: REDIRECT,
    code_verifier: VERIFIER,
    ...fields,
  });
}

async function userToken(app: RegisteredApp, scope = 'read write', username?: string): Promise<string> {
  const response = await exchange(app, await authorizeCode(app, { scope }, username));
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function verifyCredentials(token?: string): Promise<Response> {
  return fetch(`${server.origin}/api/v1/accounts/verify_credentials`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
}

describe('POST /api/v1/apps', () => {
  it('registers an app and returns its credentials', async () => {
    const response = await post('/api/v1/apps', {
      client_name: 'Fedipost',
      redirect_uris: `${REDIRECT}\nhttps://other.example/cb`,
      scopes: 'read:accounts write:statuses',
      website: 'https://fedipost.example',
    });
    const app = await response.json();
    expect(app).toMatchObject({
      name: 'Fedipost',
      website: 'https://fedipost.example',
      scopes: ['read:accounts', 'write:statuses'],
      redirect_uri: `${REDIRECT}\nhttps://other.example/cb`,
      redirect_uris: [REDIRECT, 'https://other.example/cb'],
      client_secret_expires_at: 0,
    });
    expect(app.client_id).toMatch(/^[\w-]{40,}$/);
    expect(app.client_secret).toMatch(/^[\w-]{40,}$/);
    expect(server.apps).toEqual([
      {
        clientId: app.client_id,
        clientSecret: app.client_secret,
        name: 'Fedipost',
        redirectUris: [REDIRECT, 'https://other.example/cb'],
        scopes: ['read:accounts', 'write:statuses'],
        website: 'https://fedipost.example',
      },
    ]);
  });

  it('defaults scopes to read and accepts JSON and multipart bodies', async () => {
    const fromJson = await fetch(`${server.origin}/api/v1/apps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_name: 'J', redirect_uris: [REDIRECT, 'https://b.example/'] }),
    });
    expect(await fromJson.json()).toMatchObject({ scopes: ['read'], redirect_uris: [REDIRECT, 'https://b.example/'] });
    const form = new FormData();
    form.append('client_name', 'M');
    form.append('redirect_uris', REDIRECT);
    const fromMultipart = await fetch(`${server.origin}/api/v1/apps`, { method: 'POST', body: form });
    expect(await fromMultipart.json()).toMatchObject({ name: 'M', redirect_uris: [REDIRECT] });
  });

  it('parses multipart files and Rails-style array keys (the shape media uploads need)', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'dot.png');
    form.append('media_ids[]', '1');
    form.append('media_ids[]', '2');
    form.append('poll[options][]', 'yes');
    await fetch(`${server.origin}/api/v1/statuses`, { method: 'POST', body: form });
    expect(server.requests[0]?.body).toEqual({
      file: { filename: 'dot.png', contentType: 'image/png', data: Buffer.from([1, 2, 3]) },
      media_ids: ['1', '2'],
      poll: { options: ['yes'] },
    });
  });

  it.each([
    [{ client_name: '', redirect_uris: REDIRECT }, "Validation failed: Application name can't be blank"],
    [{ client_name: 'X', redirect_uris: '/relative' }, 'Validation failed: Redirect URI must be an absolute URI.'],
    [{ client_name: 'X' }, "Validation failed: Redirect URI can't be blank"],
    [{ client_name: 'X', redirect_uris: `${REDIRECT}#frag` }, 'Validation failed: Redirect URI cannot contain a fragment.'],
    [{ client_name: 'X', redirect_uris: REDIRECT, scopes: 'read bogus' }, "Validation failed: Scopes doesn't match configured on the server."],
  ])('rejects %o with 422', async (fields, error) => {
    const response = await post('/api/v1/apps', fields);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error });
    expect(server.apps).toHaveLength(0);
  });

  it('answers 403 while registrations are closed', async () => {
    server.closeRegistrations(true);
    const response = await post('/api/v1/apps', { client_name: 'X', redirect_uris: REDIRECT });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'Registrations of new applications are closed on this server' });
    server.closeRegistrations(false);
    await registerApp();
  });
});

describe('instance and discovery', () => {
  it('serves v2 and v1 instance with live limits', async () => {
    server.limits.maxCharacters = 5000;
    const v2 = await (await fetch(`${server.origin}/api/v2/instance`)).json();
    expect(v2).toMatchObject({ domain: server.host, title: 'Fake Mastodon', version: '4.5.0' });
    expect(v2.configuration.statuses).toEqual({ max_characters: 5000, max_media_attachments: 4, characters_reserved_per_url: 23 });
    expect(v2.configuration.media_attachments.description_limit).toBe(1500);
    expect(v2.configuration.polls).toEqual({ max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 });
    expect(v2.registrations).toMatchObject({ enabled: true, approval_required: false });
    const v1 = await (await fetch(`${server.origin}/api/v1/instance`)).json();
    expect(v1).toMatchObject({ uri: server.host, registrations: true, approval_required: false, contact_account: null });
    expect(v1.configuration.statuses.max_characters).toBe(5000);
  });

  it('reflects the media and poll limits live too, and v1 max_toot_chars', async () => {
    const v2 = async () => (await (await fetch(`${server.origin}/api/v2/instance`)).json()).configuration;
    const v1 = async () => (await fetch(`${server.origin}/api/v1/instance`)).json();
    expect((await v2()).media_attachments).toMatchObject({
      supported_mime_types: expect.arrayContaining(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/avif', 'video/mp4', 'video/webm', 'audio/mpeg']),
      image_size_limit: 16 * 1024 * 1024,
      video_size_limit: 99 * 1024 * 1024,
      description_limit: 1500,
    });
    expect((await v1()).max_toot_chars).toBe(500);
    Object.assign(server.limits, {
      maxCharacters: 1000,
      supportedMimeTypes: ['image/png'],
      imageSizeLimit: 1,
      videoSizeLimit: 2,
      descriptionLimit: 3,
      pollMaxOptions: 5,
      pollMaxCharactersPerOption: 6,
      pollMinExpiration: 7,
      pollMaxExpiration: 8,
    });
    const expected = {
      media_attachments: { supported_mime_types: ['image/png'], image_size_limit: 1, video_size_limit: 2, description_limit: 3 },
      polls: { max_options: 5, max_characters_per_option: 6, min_expiration: 7, max_expiration: 8 },
      statuses: { max_characters: 1000 },
    };
    expect(await v2()).toMatchObject(expected);
    const instance = await v1();
    expect(instance.configuration).toMatchObject(expected);
    expect(instance.max_toot_chars).toBe(1000);
  });

  it('takes limits as an option', async () => {
    await restart({ limits: { maxCharacters: 5000, pollMaxOptions: 8 } });
    expect(server.limits).toMatchObject({ maxCharacters: 5000, pollMaxOptions: 8, maxMediaAttachments: 4 });
    const configuration = (await (await fetch(`${server.origin}/api/v2/instance`)).json()).configuration;
    expect(configuration.statuses.max_characters).toBe(5000);
    expect(configuration.polls.max_options).toBe(8);
  });

  it('serves OAuth metadata with PKCE S256', async () => {
    const response = await fetch(`${server.origin}/.well-known/oauth-authorization-server`);
    const metadata = await response.json();
    expect(metadata).toMatchObject({
      issuer: `${server.origin}/`,
      authorization_endpoint: `${server.origin}/oauth/authorize`,
      token_endpoint: `${server.origin}/oauth/token`,
      app_registration_endpoint: `${server.origin}/api/v1/apps`,
      revocation_endpoint: `${server.origin}/oauth/revoke`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['read', 'profile', 'read:accounts', 'write:statuses', 'write:media']));
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('behaves like an older server when v2 and discovery are switched off', async () => {
    await restart({ instanceV2: false, wellKnown: false, title: 'Old One' });
    expect((await fetch(`${server.origin}/api/v2/instance`)).status).toBe(404);
    expect((await fetch(`${server.origin}/.well-known/oauth-authorization-server`)).status).toBe(404);
    expect((await (await fetch(`${server.origin}/api/v1/instance`)).json()).title).toBe('Old One');
  });
});

describe('GET /oauth/authorize validation', () => {
  it.each([
    ['an unknown client', { client_id: 'nope' }, 'Client authentication failed due to unknown client'],
    ['an unregistered redirect URI', { redirect_uri: 'https://evil.example/' }, 'The redirect uri included is not valid.'],
    ['scopes beyond the registration', { scope: 'read follow' }, 'The requested scope is invalid, unknown, or malformed.'],
    ['a granular scope under a registered broad one', { scope: 'write:statuses' }, 'The requested scope is invalid'],
    ['another response type', { response_type: 'token' }, 'The authorization server does not support this response type.'],
    ['a plain code challenge', { code_challenge_method: 'plain' }, 'The code challenge method must be S256.'],
  ])('shows an error page for %s', async (_, params, message) => {
    const app = await registerApp();
    const response = await fetch(authorizeUrl(app, params), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const page = await response.text();
    expect(page).toContain('An error has occurred');
    expect(page).toContain(message);
    await expect(authorizeLikeBrowser(authorizeUrl(app, params))).rejects.toThrow(/HTTP 400.*An error has occurred/);
  });

  it('shows the app, the scopes, the signed-in user and both buttons', async () => {
    const app = await registerApp({ client_name: 'Fedipost <Dev>' });
    const page = await (await fetch(authorizeUrl(app))).text();
    expect(page).toContain('Authorization required');
    expect(page).toContain('Fedipost &lt;Dev&gt;');
    expect(page).toMatch(/<li><code>read<\/code><\/li>\s*<li><code>write<\/code><\/li>/);
    expect(page).toContain('<input name="username" value="alice"');
    expect(page).toContain('<button type="submit" name="decision" value="approve" class="primary">Authorize</button>');
    expect(page).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
  });
});

describe('authorization code flow', () => {
  it('issues a code with the exact state, and a token for it with PKCE', async () => {
    const app = await registerApp();
    const location = new URL(await authorizeLikeBrowser(authorizeUrl(app)));
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st4te/+&=');
    const response = await exchange(app, location.searchParams.get('code') ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const token = await response.json();
    expect(token).toMatchObject({ token_type: 'Bearer', scope: 'read write' });
    expect(token.created_at).toBeCloseTo(Date.now() / 1000, -1);
    const account = await (await verifyCredentials(token.access_token)).json();
    expect(account).toMatchObject({
      username: 'alice',
      acct: 'alice',
      display_name: 'Alice Example',
      url: `${server.origin}/@alice`,
      avatar: `${server.origin}/avatars/alice.png`,
      source: { privacy: 'public', sensitive: false, language: 'en' },
    });
    expect(account.id).toMatch(/^\d+$/);
  });

  it('names itself with iss (RFC 9207) when asked to, as its metadata says', async () => {
    await restart({ issParameter: true });
    const app = await registerApp();
    const location = new URL(await authorizeLikeBrowser(authorizeUrl(app)));
    expect(location.searchParams.get('iss')).toBe(`${server.origin}/`);
    const metadata = await (await fetch(`${server.origin}/.well-known/oauth-authorization-server`)).json();
    expect(metadata).toMatchObject({ issuer: `${server.origin}/`, authorization_response_iss_parameter_supported: true });
  });

  it('signs in whoever is typed, creating the user, and omits an absent state', async () => {
    const app = await registerApp();
    const url = new URL(authorizeUrl(app));
    url.searchParams.delete('state');
    const location = new URL(await authorizeLikeBrowser(url.href, { username: 'carol' }));
    expect(location.searchParams.has('state')).toBe(false);
    const response = await exchange(app, location.searchParams.get('code') ?? '');
    const { access_token } = await response.json();
    expect((await (await verifyCredentials(access_token)).json()).username).toBe('carol');
  });

  it('uses preset users with their composing defaults', async () => {
    await restart({ users: [{ username: 'dana', displayName: 'Dana', privacy: 'unlisted', language: null }] });
    const app = await registerApp();
    const account = await (await verifyCredentials(await userToken(app))).json();
    expect(account).toMatchObject({ username: 'dana', display_name: 'Dana', source: { privacy: 'unlisted', language: null } });
  });

  // Firefox for Android signs in in a tab whose redirect URI is an extension page
  // (lib/connect/tab-sign-in.ts). Doorkeeper takes any absolute URI whose scheme is not
  // data, vbscript or javascript (mastodon config/initializers/doorkeeper.rb, forbid_redirect_uri).
  const EXTENSION_PAGE = 'moz-extension://0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/oauth-callback.html';

  it('registers an extension page as redirect URI and sends code and state there', async () => {
    const app = await registerApp({ redirect_uris: EXTENSION_PAGE });
    expect(app).toMatchObject({ redirect_uri: EXTENSION_PAGE, redirect_uris: [EXTENSION_PAGE] });
    const location = new URL(await authorizeLikeBrowser(authorizeUrl(app, { redirect_uri: EXTENSION_PAGE })));
    expect(location.href.startsWith(`${EXTENSION_PAGE}?`)).toBe(true);
    expect(location.searchParams.get('state')).toBe('st4te/+&=');
    const response = await exchange(app, location.searchParams.get('code') ?? '', { redirect_uri: EXTENSION_PAGE });
    expect(response.status).toBe(200);
  });

  it('keeps an app registered for one redirect URI from signing in with another', async () => {
    const app = await registerApp({ redirect_uris: EXTENSION_PAGE });
    const page = await fetch(authorizeUrl(app), { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('The redirect uri included is not valid.');
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'vbscript:x'])('refuses %s as redirect URI (422)', async (uri) => {
    const response = await post('/api/v1/apps', { client_name: 'X', redirect_uris: uri });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: 'Validation failed: Redirect URI is forbidden by the server.' });
  });

  it('redirects with access_denied when the user denies', async () => {
    const app = await registerApp();
    const location = new URL(await authorizeLikeBrowser(authorizeUrl(app), { deny: true }));
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBe('The resource owner or authorization server denied the request.');
    expect(location.searchParams.get('state')).toBe('st4te/+&=');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('rejects a blank username on the page instead of redirecting', async () => {
    const app = await registerApp();
    await expect(authorizeLikeBrowser(authorizeUrl(app), { username: '' })).rejects.toThrow(/HTTP 422.*Username can't be blank/);
  });

  it.each([
    ['a wrong verifier', { code_verifier: 'x'.repeat(50) }],
    ['a missing verifier', { code_verifier: '' }],
    ['another redirect URI', { redirect_uri: 'https://other.example/cb' }],
  ])('answers invalid_grant for %s', async (_, fields) => {
    const app = await registerApp({ redirect_uris: `${REDIRECT}\nhttps://other.example/cb` });
    const response = await exchange(app, await authorizeCode(app), fields);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description:
        'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
    });
  });

  it('accepts a code once only, and only from the client it was issued to', async () => {
    const app = await registerApp();
    const other = await registerApp();
    const code = await authorizeCode(app);
    expect((await exchange(other, code)).status).toBe(400);
    expect((await exchange(app, code)).status).toBe(200);
    const reused = await exchange(app, code);
    expect(reused.status).toBe(400);
    expect((await reused.json()).error).toBe('invalid_grant');
  });

  it('authenticates the client by HTTP Basic too, and rejects a wrong secret', async () => {
    const app = await registerApp();
    const wrong = await exchange(app, await authorizeCode(app), { client_secret: 'wrong' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe('invalid_client');
    const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64');
    const response = await post(
      '/oauth/token',
      { grant_type: 'authorization_code', code: await authorizeCode(app), redirect_uri: REDIRECT, code_verifier: VERIFIER },
      { Authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(200);
  });

  it('reuses the live token of the same user, app and scopes, as Mastodon does', async () => {
    const app = await registerApp();
    const first = await userToken(app);
    expect(await userToken(app)).toBe(first);
    expect(await userToken(app, 'read')).not.toBe(first);
    expect(await userToken(app, 'read write', 'bob')).not.toBe(first);
  });

  it('ignores PKCE parameters on a server without PKCE', async () => {
    await restart({ pkce: false });
    const app = await registerApp();
    const code = await authorizeCode(app, { code_challenge_method: 'plain' });
    expect((await exchange(app, code, { code_verifier: 'anything' })).status).toBe(200);
    expect((await (await fetch(`${server.origin}/.well-known/oauth-authorization-server`)).json()).code_challenge_methods_supported).toBeUndefined();
  });

  it('forgets deleted apps like Doorkeeper: invalid_client, error page, dead tokens', async () => {
    const app = await registerApp();
    const token = await userToken(app);
    const code = await authorizeCode(app);
    server.deleteApps();
    expect(server.apps).toHaveLength(0);
    const response = await exchange(app, code);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'invalid_client',
      error_description:
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
    });
    await expect(authorizeLikeBrowser(authorizeUrl(app))).rejects.toThrow(/HTTP 400.*unknown client/);
    expect((await verifyCredentials(token)).status).toBe(401);
  });
});

describe('other grants and the token endpoint errors', () => {
  it('issues app tokens by client_credentials within the registered scopes', async () => {
    const app = await registerApp({ scopes: 'read write:accounts' });
    const response = await post('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
      scope: 'write:accounts',
    });
    const { access_token, scope } = await response.json();
    expect(scope).toBe('write:accounts');
    const appInfo = await fetch(`${server.origin}/api/v1/apps/verify_credentials`, { headers: { Authorization: `Bearer ${access_token}` } });
    const entity = await appInfo.json();
    expect(entity).toMatchObject({ name: 'Fedipost', scopes: ['read', 'write:accounts'] });
    expect(entity).not.toHaveProperty('client_secret');
    const tooMuch = await post('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
      scope: 'write',
    });
    expect(tooMuch.status).toBe(400);
    expect((await tooMuch.json()).error).toBe('invalid_scope');
  });

  it('rejects unknown grant types', async () => {
    const app = await registerApp();
    const response = await post('/oauth/token', { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('unsupported_grant_type');
  });
});

describe('verify_credentials', () => {
  it('answers 401 without a valid token', async () => {
    for (const token of [undefined, 'made-up']) {
      const response = await verifyCredentials(token);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'The access token is invalid' });
    }
  });

  it('answers 422 to an app token and 403 to a token without a reading scope', async () => {
    const app = await registerApp({ scopes: 'read write' });
    const appToken = await post('/oauth/token', { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret });
    const appOnly = await verifyCredentials((await appToken.json()).access_token);
    expect(appOnly.status).toBe(422);
    expect(await appOnly.json()).toEqual({ error: 'This method requires an authenticated user' });
    const writeOnly = await verifyCredentials(await userToken(app, 'write'));
    expect(writeOnly.status).toBe(403);
    expect(await writeOnly.json()).toEqual({ error: 'This action is outside the authorized scopes' });
  });

  it('accepts the granular read:accounts and profile scopes', async () => {
    const app = await registerApp({ scopes: 'read:accounts profile write:statuses' });
    expect((await verifyCredentials(await userToken(app, 'read:accounts write:statuses'))).status).toBe(200);
    expect((await verifyCredentials(await userToken(app, 'profile'))).status).toBe(200);
  });

  it('serves the avatar as a PNG', async () => {
    const response = await fetch(`${server.origin}/avatars/alice.png`);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.subarray(12, 16).toString()).toBe('IHDR');
    expect(bytes.readUInt32BE(16)).toBe(48);
  });
});

describe('revocation', () => {
  it('revokes a token for its own client only', async () => {
    const app = await registerApp();
    const other = await registerApp();
    const token = await userToken(app);
    const denied = await post('/oauth/revoke', { client_id: other.client_id, client_secret: other.client_secret, token });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' });
    expect((await verifyCredentials(token)).status).toBe(200);
    const revoked = await post('/oauth/revoke', { client_id: app.client_id, client_secret: app.client_secret, token });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({});
    expect((await verifyCredentials(token)).status).toBe(401);
    expect(await userToken(app)).not.toBe(token);
  });

  it('revokeAllTokens invalidates every user token', async () => {
    const app = await registerApp();
    const alice = await userToken(app);
    const bob = await userToken(app, 'read write', 'bob');
    server.revokeAllTokens();
    expect((await verifyCredentials(alice)).status).toBe(401);
    expect((await verifyCredentials(bob)).status).toBe(401);
  });
});

describe('CORS and rate-limit headers', () => {
  it('answers API preflights like rack-cors', async () => {
    const response = await fetch(`${server.origin}/api/v1/statuses`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key,x-custom' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = response.headers.get('access-control-allow-headers') ?? '';
    for (const name of ['Authorization', 'Content-Type', 'Idempotency-Key', 'x-custom']) expect(allowed).toContain(name);
    const exposed = response.headers.get('access-control-expose-headers') ?? '';
    for (const name of ['Link', 'X-RateLimit-Reset', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-Request-Id', 'Idempotency-Key']) {
      expect(exposed).toContain(name);
    }
    const token = await fetch(`${server.origin}/oauth/token`, { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } });
    expect(token.headers.get('access-control-allow-origin')).toBe('*');
    const authorize = await fetch(`${server.origin}/oauth/authorize`, { method: 'OPTIONS' });
    expect(authorize.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('counts down the API budget per caller', async () => {
    const first = await fetch(`${server.origin}/api/v1/instance`);
    const second = await fetch(`${server.origin}/api/v1/instance`);
    expect(first.headers.get('x-ratelimit-limit')).toBe('300');
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(Number(first.headers.get('x-ratelimit-remaining')) - 1);
    const reset = Date.parse(first.headers.get('x-ratelimit-reset') ?? '');
    expect(reset).toBeGreaterThan(Date.now());
    expect(reset).toBeLessThanOrEqual(Date.now() + 5 * 60 * 1000);
    const app = await registerApp();
    const withToken = await verifyCredentials(await userToken(app));
    expect(withToken.headers.get('x-ratelimit-remaining')).toBe('299');
  });
});

describe('faults', () => {
  it('answers with a status and a Mastodon error body, or a given body', async () => {
    server.setFault('POST /api/v1/apps', { status: 503 });
    const response = await post('/api/v1/apps', { client_name: 'X', redirect_uris: REDIRECT });
    expect(response.status).toBe(503);
    expect((await response.json()).error).toMatch(/temporary problem/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    server.setFault('POST /api/v1/apps', { status: 422, body: { error: 'Custom', details: {} } });
    expect(await (await post('/api/v1/apps', {})).json()).toEqual({ error: 'Custom', details: {} });
    expect(server.apps).toHaveLength(0);
    server.setFault('POST /api/v1/apps', null);
    await registerApp();
  });

  it('throttles with 429 and a reset a few seconds ahead', async () => {
    server.setFault('GET /api/v1/instance', { status: 429 });
    const response = await fetch(`${server.origin}/api/v1/instance`);
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ error: 'Too many requests' });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '') - Date.now();
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThan(10_000);
  });

  it('delays, alone or with a status', async () => {
    server.setFault('GET /api/v2/instance', { delayMs: 150 });
    const started = Date.now();
    const response = await fetch(`${server.origin}/api/v2/instance`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
    server.setFault('GET /api/v2/instance', { delayMs: 50, status: 500 });
    expect((await fetch(`${server.origin}/api/v2/instance`)).status).toBe(500);
  });

  it('sends malformed JSON and non-Mastodon HTML', async () => {
    server.setFault('GET /api/v2/instance', { malformed: true });
    const malformed = await fetch(`${server.origin}/api/v2/instance`);
    expect(malformed.status).toBe(200);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/json/);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    server.setFault('GET /api/v2/instance', { html: true });
    const page = await fetch(`${server.origin}/api/v2/instance`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('applies to the next N requests only, and "* *" to everything', async () => {
    server.setFault('GET /api/v1/instance', { status: 502, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${server.origin}/api/v1/instance`)).status);
    expect(statuses).toEqual([502, 502, 200]);
    server.setFault('* *', { status: 503 });
    expect((await fetch(`${server.origin}/avatars/alice.png`)).status).toBe(503);
    expect((await post('/oauth/token', {})).status).toBe(503);
    server.clearFaults();
    expect((await fetch(`${server.origin}/avatars/alice.png`)).status).toBe(200);
    expect(() => server.setFault('/api/v1/apps', { status: 500 })).toThrow(/METHOD|POST/);
  });

  it('lets the first N requests through before it hits (a fault at one part of a thread)', async () => {
    server.setFault('GET /api/v1/instance', { status: 503, after: 2, times: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.origin}/api/v1/instance`)).status);
    expect(statuses).toEqual([200, 200, 503, 200]);
  });

  it('drops the connection without an answer, before the route runs', async () => {
    server.setFault('POST /api/v1/apps', { drop: true, times: 1 });
    await expect(post('/api/v1/apps', { client_name: 'X', redirect_uris: REDIRECT })).rejects.toThrow(TypeError);
    expect(server.apps).toHaveLength(0);
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/v1/apps', status: 0 });
    await registerApp();
  });

  it('with afterProcessing, runs the route and then answers with the fault, or drops', async () => {
    server.setFault('POST /api/v1/apps', { afterProcessing: true, status: 503, times: 1 });
    expect((await post('/api/v1/apps', { client_name: 'A', redirect_uris: REDIRECT })).status).toBe(503);
    server.setFault('POST /api/v1/apps', { afterProcessing: true, drop: true, times: 1 });
    await expect(post('/api/v1/apps', { client_name: 'B', redirect_uris: REDIRECT })).rejects.toThrow(TypeError);
    expect(server.apps.map((app) => app.name)).toEqual(['A', 'B']);
  });

  it('logs how long each request took to receive and answer', async () => {
    server.setFault('GET /api/v1/instance', { delayMs: 60, times: 1 });
    await fetch(`${server.origin}/api/v1/instance`);
    expect(server.requests.at(-1)?.durationMs).toBeGreaterThanOrEqual(55);
  });

  it('redirects (307 by default) without running the route', async () => {
    server.setFault('POST /api/v1/apps', { redirectTo: 'https://elsewhere.example/api/v1/apps', times: 1 });
    const response = await fetch(`${server.origin}/api/v1/apps`, {
      method: 'POST',
      body: new URLSearchParams({ client_name: 'A', redirect_uris: REDIRECT }),
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('https://elsewhere.example/api/v1/apps');
    expect(server.apps).toHaveLength(0);
  });

  it("changes the route's own JSON answer: patched fields, padding of a given size", async () => {
    server.setFault('GET /api/v1/instance', { patch: { title: 'javascript:alert(1)', uri: null }, padBytes: 2048, times: 1 });
    const text = await (await fetch(`${server.origin}/api/v1/instance`)).text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ title: 'javascript:alert(1)', uri: null, max_toot_chars: 500 });
    expect(body.padding).toHaveLength(2048);
    // Only once: the next answer is the route's own.
    expect((await (await fetch(`${server.origin}/api/v1/instance`)).json()).title).toBe('Fake Mastodon');
  });

  it('logs faulted requests with the status they got', async () => {
    server.setFault('GET /api/v1/instance', { status: 500, times: 1 });
    await fetch(`${server.origin}/api/v1/instance`);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/instance', status: 500 });
  });
});

describe('not found, log and count', () => {
  it('answers JSON 404 under /api and an HTML 404 elsewhere', async () => {
    const api = await fetch(`${server.origin}/api/v1/nothing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'Record not found' });
    const page = await fetch(`${server.origin}/nothing`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('records every request in order, preflights included, and counts them', async () => {
    await fetch(`${server.origin}/api/v1/apps`, { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } });
    const app = await registerApp();
    await fetch(`${server.origin}/api/v2/instance?x=1`);
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'OPTIONS /api/v1/apps 204',
      'POST /api/v1/apps 200',
      'GET /api/v2/instance 200',
    ]);
    expect(server.requests[1]?.body).toMatchObject({ client_name: 'Fedipost', scopes: 'read write' });
    expect(server.requests[2]?.query).toEqual({ x: '1' });
    expect(server.requests[2]?.at).toBeGreaterThan(Date.now() - 5000);
    expect(server.count('POST', '/api/v1/apps')).toBe(1);
    expect(server.count('OPTIONS', '/api/v1/apps')).toBe(1);
    expect(app.client_id).toBeTruthy();
    server.clearLog();
    expect(server.requests).toHaveLength(0);
    expect(server.count('POST', '/api/v1/apps')).toBe(0);
  });
});
