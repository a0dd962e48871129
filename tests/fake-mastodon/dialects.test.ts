import { afterEach, describe, expect, it } from 'vitest';
import { solidPng } from './png.ts';
import { bearer, request, startWithUser, userToken } from './test-client.ts';
import { startFakeMastodon } from './server.ts';
import type { DialectName, FakeMastodon } from './types.ts';

let server: FakeMastodon | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(dialect: DialectName) {
  const started = await startWithUser({ dialect });
  server = started.server;
  return started;
}

async function register(s: FakeMastodon) {
  const response = await fetch(`${s.origin}/api/v1/apps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_name: 'Tests', redirect_uris: 'https://x.chromiumapp.org/', scopes: 'read write' }),
  });
  return (await response.json()) as Record<string, unknown> & { client_id: string; client_secret: string };
}

const postJson = (s: FakeMastodon, token: string, body: unknown) =>
  fetch(`${s.origin}/api/v1/statuses`, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('every dialect names itself', () => {
  it.each<[DialectName, string, string | null]>([
    ['mastodon', '4.5.0', 'mastodon'],
    ['gotosocial', '0.17.3+git-1573cd', 'gotosocial'],
    ['pleroma', '2.7.2 (compatible; Akkoma 3.13.2)', 'akkoma'],
    ['hollo', '4.0.0 (compatible; Hollo 0.6.0)', 'hollo'],
    ['minimal', '4.0.0 (not true; really snac/2.94)', 'snac'],
  ])('%s: version %s, NodeInfo %s', async (dialect, version, software) => {
    server = await startFakeMastodon({ dialect });
    expect(await (await fetch(`${server.origin}/api/v1/instance`)).json()).toMatchObject({ version });
    const links = (await (await fetch(`${server.origin}/.well-known/nodeinfo`)).json()) as { links: Array<{ href: string }> };
    const document = (await (await fetch(links.links[0]!.href)).json()) as { software: { name: string } };
    expect(document.software.name).toBe(software);
  });
});

describe('GoToSocial', () => {
  it('counts code points and URLs at full length, the warning included, and refuses with 400', async () => {
    const { server: s, token } = await start('gotosocial');
    s.limits.maxCharacters = 10;
    expect((await postJson(s, token, { status: '👨‍👩‍👧abc', spoiler_text: 'de' })).status).toBe(200);
    const over = await postJson(s, token, { status: '👨‍👩‍👧abc', spoiler_text: 'def' });
    expect(over.status).toBe(400);
    expect(await over.json()).toEqual({
      error: 'Bad Request: status too long, 11 characters provided (including spoiler/content warning) but limit is 10',
    });
  });

  it('wants redirect_uri with client_credentials, and 401s an app token on apps/verify_credentials', async () => {
    server = await startFakeMastodon({ dialect: 'gotosocial' });
    const app = await register(server);
    const token = (fields: Record<string, string>) =>
      fetch(`${server!.origin}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, ...fields }) });
    const without = await token({});
    expect(without.status).toBe(400);
    expect(await without.json()).toMatchObject({ error_description: 'redirect_uri was not set in the token request form' });
    const granted = (await (await token({ redirect_uri: 'https://x.chromiumapp.org/' })).json()) as { access_token: string };
    expect((await request(server, 'GET', '/api/v1/apps/verify_credentials', granted.access_token)).status).toBe(401);
  });

  it('ends the sign-in of a deleted app on a 500 page; ids are ULIDs; Idempotency-Key is ignored', async () => {
    const { server: s, token } = await start('gotosocial');
    const headers = { 'Idempotency-Key': 'same' };
    const first = await (await request(s, 'POST', '/api/v1/statuses', token, { status: 'hi' }, headers)).json();
    const second = await (await request(s, 'POST', '/api/v1/statuses', token, { status: 'hi' }, headers)).json();
    expect(first.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(second.id).not.toBe(first.id);
    const app = await register(s);
    s.deleteApps();
    const page = await fetch(`${s.origin}/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=https://x.chromiumapp.org/`);
    expect(page.status).toBe(500);
  });
});

describe('Pleroma/Akkoma', () => {
  it('counts graphemes of the trimmed text and warning, URLs in full, and refuses with 422', async () => {
    const { server: s, token } = await start('pleroma');
    s.limits.maxCharacters = 10;
    expect((await postJson(s, token, { status: '👨‍👩‍👧abcdefgh', spoiler_text: '' })).status).toBe(200);
    const over = await postJson(s, token, { status: 'https://a.example' });
    expect(over.status).toBe(422);
    expect(await over.json()).toEqual({ error: 'The status is over the character limit' });
  });

  it('answers 403 to a bad token, 404 to v2 instance and discovery; flake ids; visibility local', async () => {
    const { server: s, token } = await start('pleroma');
    expect(await (await request(s, 'GET', '/api/v1/accounts/verify_credentials', 'nope')).json()).toEqual({ error: 'Invalid credentials.' });
    expect((await request(s, 'GET', '/api/v1/accounts/verify_credentials', 'nope')).status).toBe(403);
    expect((await fetch(`${s.origin}/api/v2/instance`)).status).toBe(404);
    expect((await fetch(`${s.origin}/.well-known/oauth-authorization-server`)).status).toBe(404);
    const local = await (await postJson(s, token, { status: 'here only', visibility: 'local' })).json();
    expect(local).toMatchObject({ visibility: 'local', id: expect.stringMatching(/^[0-9A-Za-z]{18,}$/) });
  });
});

describe('Hollo', () => {
  it('reads only JSON on statuses: a form body makes an empty public post; UUID ids; sensitive left as sent', async () => {
    const { server: s, token } = await start('hollo');
    const form = await (await request(s, 'POST', '/api/v1/statuses', token, { status: 'words', visibility: 'private' })).json();
    expect(form).toMatchObject({ content: '', visibility: 'public', spoiler_text: '' });
    const json = await (await postJson(s, token, { status: 'words', spoiler_text: 'cw' })).json();
    expect(json).toMatchObject({ content: '<p>words</p>', spoiler_text: 'cw', sensitive: false });
    expect(json.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('signs in with an e-mail address first, then asks for consent', async () => {
    server = await startFakeMastodon({ dialect: 'hollo' });
    const token = await userToken(server, 'read write', 'carol');
    expect(await (await request(server, 'GET', '/api/v1/accounts/verify_credentials', token)).json()).toMatchObject({ username: 'carol' });
  });
});

describe('minimal (snac traits)', () => {
  it('answers apps without scopes or redirect_uris, tokens with created_at in ms, no v2 instance (empty 404)', async () => {
    server = await startFakeMastodon({ dialect: 'minimal' });
    const app = await register(server);
    expect(app).not.toHaveProperty('scopes');
    expect(app).not.toHaveProperty('redirect_uris');
    expect(app).not.toHaveProperty('client_secret_expires_at');
    const v2 = await fetch(`${server.origin}/api/v2/instance`);
    expect([v2.status, await v2.text()]).toEqual([404, '']);
    const token = await fetch(`${server.origin}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, redirect_uri: 'https://x.chromiumapp.org/' }),
    });
    expect(((await token.json()) as { created_at: number }).created_at).toBeGreaterThan(Date.now() - 60_000);
  });

  it('deletes the app when a token is revoked', async () => {
    server = await startFakeMastodon({ dialect: 'minimal' });
    const app = await register(server);
    const grant = (await (
      await fetch(`${server.origin}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, redirect_uri: 'https://x.chromiumapp.org/' }),
      })
    ).json()) as { access_token: string };
    await fetch(`${server.origin}/oauth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: app.client_id, client_secret: app.client_secret, token: grant.access_token }),
    });
    expect(server.apps).toHaveLength(0);
  });

  it('has media ready at once with a wrong type, no GET media, new attachment ids in the status; hex ids', async () => {
    const { server: s, token } = await start('minimal');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(solidPng(1, 1, [0, 0, 0]))], { type: 'video/mp4' }), 'clip.mp4');
    const upload = await fetch(`${s.origin}/api/v2/media`, { method: 'POST', headers: bearer(token), body: form });
    const media = (await upload.json()) as { id: string; type: string };
    expect([upload.status, media.type]).toEqual([200, 'image']);
    expect((await request(s, 'GET', `/api/v1/media/${media.id}`, token)).status).toBe(404);
    const status = await (await postJson(s, token, { status: 'clip', media_ids: [media.id] })).json();
    expect(status.media_attachments[0].id).not.toBe(media.id);
    expect(status.id).toMatch(/^\d{10}[0-9a-f]{32}$/);
  });
});
