// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from './index.ts';
import { request, userToken } from './test-client.ts';

const REDIRECT = 'https://fedipost-test.chromiumapp.org/';
let server: FakeMastodon;
afterEach(() => server.close());

async function start(options: FakeMastodonOptions = {}) {
  server = await startFakeMastodon(options);
}

/** An app with write:accounts and its client-credentials token, as a sign-up starts. */
async function signUpApp(): Promise<string> {
  const app = (await (
    await fetch(`${server.origin}/api/v1/apps`, {
      method: 'POST',
      body: new URLSearchParams({ client_name: 'Tests', redirect_uris: REDIRECT, scopes: 'read write:accounts' }),
    })
  ).json()) as { client_id: string; client_secret: string };
  const token = await fetch(`${server.origin}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'write:accounts' }),
  });
  return ((await token.json()) as { access_token: string }).access_token;
}

const form = { username: 'carol', email: 'carol@example.com', password: 'long enough', agreement: 'true' };

async function signUp(appToken: string, fields: Record<string, string> = form) {
  const response = await request(server, 'POST', '/api/v1/accounts', appToken, fields);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /api/v1/accounts', () => {
  it('answers a Token entity whose token is refused until the email is confirmed', async () => {
    await start();
    const { status, body } = await signUp(await signUpApp());
    expect(status).toBe(200);
    expect(body).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer', scope: 'read write:accounts' });
    const me = await request(server, 'GET', '/api/v1/accounts/verify_credentials', body.access_token as string);
    expect(me.status).toBe(403);
    expect(await me.json()).toEqual({ error: 'Your login is missing a confirmed e-mail address' });
    expect(server.emails).toEqual([
      { to: 'carol@example.com', username: 'carol', link: expect.stringMatching(/\/auth\/confirmation\?confirmation_token=/), at: expect.any(Number) },
    ]);
  });

  it('approval: after the email, "pending approval"; after approval, the account', async () => {
    await start({ signUps: { mode: 'approval' } });
    const { body } = await signUp(await signUpApp());
    const token = body.access_token as string;
    expect((await fetch(server.emails[0]!.link)).status).toBe(200);
    const pending = await request(server, 'GET', '/api/v1/accounts/verify_credentials', token);
    expect(await pending.json()).toEqual({ error: 'Your login is currently pending approval' });
    expect((await fetch(`${server.origin}/_test/accounts/carol/approve`, { method: 'POST' })).status).toBe(200);
    const me = await request(server, 'GET', '/api/v1/accounts/verify_credentials', token);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'carol', acct: 'carol' });
  });

  it('refuses a user token, no token, and a closed server, as Mastodon does', async () => {
    await start();
    const user = await userToken(server);
    expect(await signUp(user)).toEqual({ status: 403, body: { error: 'This method requires an client credentials authentication' } });
    expect(await signUp(undefined as unknown as string)).toEqual({ status: 401, body: { error: 'The access token is invalid' } });
    server.setSignUps({ mode: 'closed' });
    expect(await signUp(await signUpApp())).toEqual({ status: 403, body: { error: 'This action is not allowed' } });
  });

  it('422 names each field with its code and Rails description', async () => {
    await start();
    const { status, body } = await signUp(await signUpApp(), { username: 'alice', email: 'x', password: 'short', agreement: 'false', locale: 'xx' });
    expect(status).toBe(422);
    expect(body).toEqual({
      error: 'Validation failed: Username has already been taken, Email is invalid, Password is too short (minimum is 8 characters), Agreement must be accepted, Locale is not included in the list',
      details: {
        username: [{ error: 'ERR_TAKEN', description: 'has already been taken' }],
        email: [{ error: 'ERR_INVALID', description: 'is invalid' }],
        password: [{ error: 'ERR_TOO_SHORT', description: 'is too short (minimum is 8 characters)' }],
        agreement: [{ error: 'ERR_ACCEPTED', description: 'must be accepted' }],
        locale: [{ error: 'ERR_INCLUSION', description: 'is not included in the list' }],
      },
    });
  });

  it('the sign-up throttle answers 429 with the rate-limit headers', async () => {
    await start({ signUps: { throttle: 1 } });
    const app = await signUpApp();
    await signUp(app);
    const response = await request(server, 'POST', '/api/v1/accounts', app, { ...form, username: 'dave', email: 'dave@example.com' });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ error: 'Too many requests' });
    expect(Date.parse(response.headers.get('X-RateLimit-Reset') ?? '')).toBeGreaterThan(Date.now());
  });

  it('GoToSocial: registrations look open with approval, and an app token gets 401', async () => {
    await start({ dialect: 'gotosocial' });
    const instance = (await (await fetch(`${server.origin}/api/v2/instance`)).json()) as Record<string, unknown>;
    expect(instance.registrations).toEqual({ enabled: true, approval_required: true, reason_required: true, message: null });
    expect(await signUp(await signUpApp())).toEqual({ status: 401, body: { error: 'Unauthorized: user not supplied or not authorized' } });
  });
});

describe('POST /api/v1/emails/confirmations', () => {
  it('resends, to a corrected address; only the app that signed the user up may; not once confirmed', async () => {
    await start();
    const { body } = await signUp(await signUpApp());
    const token = body.access_token as string;
    const resend = await request(server, 'POST', '/api/v1/emails/confirmations', token, { email: 'carol@example.org' });
    expect(resend.status).toBe(200);
    expect(await resend.json()).toEqual({});
    expect(server.emails.map((e) => e.to)).toEqual(['carol@example.com', 'carol@example.org']);

    const other = await request(server, 'POST', '/api/v1/emails/confirmations', await userToken(server, 'read write'));
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ error: 'This method is only available to the application the user originally signed-up with' });

    // The older link no longer works; the newest one confirms the corrected address.
    expect((await fetch(server.emails[0]!.link)).status).toBe(404);
    expect((await fetch(server.emails[1]!.link)).status).toBe(200);
    const done = await request(server, 'POST', '/api/v1/emails/confirmations', token);
    expect(done.status).toBe(403);
    expect(await done.json()).toEqual({ error: 'This method is only available while the e-mail is awaiting confirmation' });
  });
});

describe('GET /api/v1/instance/rules, privacy_policy, terms_of_service', () => {
  it('serve the rules and policies; terms 404 until published', async () => {
    await start({ signUps: { termsOfService: false } });
    expect(await (await fetch(`${server.origin}/api/v1/instance/rules`)).json()).toEqual([
      { id: '1', text: 'Be kind.', hint: '' },
      { id: '2', text: 'No spam.', hint: 'Advertising belongs elsewhere.' },
    ]);
    expect((await fetch(`${server.origin}/api/v1/instance/privacy_policy`)).status).toBe(200);
    expect((await fetch(`${server.origin}/api/v1/instance/terms_of_service`)).status).toBe(404);
  });
});
