import { describe, expect, it } from 'vitest';
import { createAccountStore } from '@/lib/accounts';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import { registerFedipost } from '@/lib/fedipost-app';
import { createRegistrationCache, registrationKey } from '@/lib/registrations';
import { GRANULAR_SCOPES } from '@/lib/scopes';
import { createSignUpService, signUpScopes, type SignUpDeps } from '@/lib/signup/service';
import { createWaitingStore } from '@/lib/signup/waiting';
import { accountsItem, instancesItem, registrationsItem, signUpDraftItem, waitingAccountsItem } from '@/entrypoints/background/storage-items';
import type { FakeMastodon } from '../fake-mastodon/index';
import { TEST_REDIRECT_URL } from '../setup';
import { accountPosts, clickConfirmationLink, request, serversClosedAfterEach, signUpHarness } from './signup-harness';

/**
 * The sign-up errors a person sees when a server, or the browser, is in the way: each
 * step's failure becomes the message the form shows (SignUpView), never a wrong one.
 */

const start = serversClosedAfterEach();

/** The harness's wiring with a fixed clock and parts that can be swapped. */
function service(overrides: Partial<SignUpDeps> = {}) {
  const opened: string[] = [];
  const instances = createInstanceCache(instancesItem, fetch);
  const deps: SignUpDeps = {
    fetch,
    redirectUri: TEST_REDIRECT_URL,
    registrations: createRegistrationCache(registrationsItem, registerFedipost(fetch)),
    accounts: createAccountStore(accountsItem),
    waiting: createWaitingStore(waitingAccountsItem),
    draft: signUpDraftItem,
    uiLanguage: () => 'en',
    openTab: async (url) => {
      opened.push(url);
    },
    profileOf: async (origin) => (await instances.limitsFor(origin)).profile,
    now: () => 1_700_000_000_000,
    timeoutMs: 1500,
    ...overrides,
  };
  return { service: createSignUpService(deps), opened, deps };
}

describe('checking a server before the form', () => {
  it('a site that is not a Mastodon server: says so, with its answer', async () => {
    const server = await start();
    server.setFault('GET /api/v2/instance', { status: 404 });
    server.setFault('GET /api/v1/instance', { status: 404 });
    expect(await service().service.check(server.origin)).toEqual({ ok: false, error: { code: 'not-mastodon', status: 404 } });
  });

  it('a web page where the API should be: not a Mastodon server', async () => {
    const server = await start();
    server.setFault('GET /api/v2/instance', { html: true });
    server.setFault('GET /api/v1/instance', { html: true });
    expect(await service().service.check(server.origin)).toEqual({ ok: false, error: { code: 'not-mastodon', status: 200 } });
  });

  it('a server in trouble: its status and its words', async () => {
    const server = await start();
    server.setFault('GET /api/v2/instance', { status: 503 });
    expect(await service().service.check(server.origin)).toEqual({
      ok: false,
      error: { code: 'server-error', status: 503, detail: 'There was a temporary problem serving your request, please try again' },
    });
  });

  it('a 500 is trouble too; a 499 is not', async () => {
    const server = await start();
    server.setFault('GET /api/v2/instance', { status: 500, times: 1 });
    expect(await service().service.check(server.origin)).toMatchObject({ ok: false, error: { code: 'server-error', status: 500 } });
    server.setFault('GET /api/v2/instance', { status: 499, times: 1 });
    expect(await service().service.check(server.origin)).toEqual({ ok: false, error: { code: 'not-mastodon', status: 499 } });
  });

  it('too many requests: when to try again', async () => {
    const server = await start();
    server.setFault('GET /api/v2/instance', { status: 429 });
    const outcome = await service().service.check(server.origin);
    expect(outcome).toEqual({ ok: false, error: { code: 'rate-limited', retryAt: expect.any(String) } });
  });

  it('a server that does not answer in time: unreachable', async () => {
    const server = await start();
    server.setFault('GET /api/v2/instance', { delayMs: 3000 });
    expect(await service({ timeoutMs: 200 }).service.check(server.origin)).toEqual({ ok: false, error: { code: 'unreachable' } });
  });

  it('rules the server will not show: an unexpected answer', async () => {
    const server = await start();
    server.setFault('GET /api/v1/instance/rules', { status: 403 });
    expect(await service().service.check(server.origin)).toEqual({ ok: false, error: { code: 'unexpected-response' } });
  });

  it('rules that cannot be read fail the check with the server’s trouble', async () => {
    const server = await start();
    server.setFault('GET /api/v1/instance/rules', { status: 502 });
    expect(await service().service.check(server.origin)).toMatchObject({ ok: false, error: { code: 'server-error', status: 502 } });
  });
});

describe('signUpScopes', () => {
  it('granular scopes gain write:accounts, which the app token asks for; `read write` already holds it', () => {
    expect(signUpScopes(GRANULAR_SCOPES.join(' '))).toEqual({ app: [...GRANULAR_SCOPES, 'write:accounts'].join(' '), token: 'write:accounts' });
    expect(signUpScopes('read write')).toEqual({ app: 'read write', token: 'write' });
    expect(signUpScopes('read write:statuses')).toEqual({ app: 'read write:statuses write:accounts', token: 'write:accounts' });
  });

  it('a server without granular scopes gets an app and a token with `write`', async () => {
    const server = await start();
    server.setFault('GET /.well-known/oauth-authorization-server', { status: 404 });
    expect(await service().service.submit(request(server))).toMatchObject({ ok: true });
    expect(server.apps[0]!.scopes).toEqual(['read', 'write']);
    expect(server.requests.find((r) => r.path === '/oauth/token')?.body).toMatchObject({ scope: 'write' });
  });
});

describe('the app registration and its token', () => {
  const signUpTarget = (server: FakeMastodon) => ({ origin: server.origin, redirectUri: TEST_REDIRECT_URL, scopes: [...GRANULAR_SCOPES, 'write:accounts'].join(' ') });

  it('registering the app fails on the server’s side: its trouble, not "refused"', async () => {
    const server = await start();
    server.setFault('POST /api/v1/apps', { status: 500 });
    expect(await service().service.submit(request(server))).toMatchObject({ ok: false, error: { code: 'server-error', status: 500 } });
  });

  it('registering the app is refused with a validation error: refused, with the status', async () => {
    const server = await start();
    server.setFault('POST /api/v1/apps', { status: 422 });
    expect(await service().service.submit(request(server))).toEqual({ ok: false, error: { code: 'registration-refused', status: 422 } });
  });

  it('a token the server keeps refusing: one new registration, then an unexpected answer', async () => {
    const server = await start();
    server.setFault('POST /oauth/token', { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    expect(await service().service.submit(request(server))).toEqual({ ok: false, error: { code: 'unexpected-response' } });
    expect(server.count('POST', '/api/v1/apps')).toBe(2);
    expect(accountPosts(server)).toEqual([]);
  });

  it.each([
    ['invalid_client (as a 400, which OAuth allows)', 400, { error: 'invalid_client' }],
    ['invalid_scope', 400, { error: 'invalid_scope' }],
    ['a bare 401', 401, { error: 'Unauthorized' }],
  ])('a token refused as %s: the registration is replaced once', async (_, status, body) => {
    const server = await start();
    server.setFault('POST /oauth/token', { status, body, times: 1 });
    expect(await service().service.submit(request(server))).toMatchObject({ ok: true });
    expect(server.count('POST', '/api/v1/apps')).toBe(2);
  });

  it('a token refused for another reason is not a stale registration: no new one', async () => {
    const server = await start();
    server.setFault('POST /oauth/token', { status: 400, body: { error: 'unsupported_grant_type' }, times: 1 });
    expect(await service().service.submit(request(server))).toMatchObject({ ok: false, error: { code: 'unexpected-response', detail: expect.stringContaining('unsupported_grant_type') } });
    expect(server.count('POST', '/api/v1/apps')).toBe(1);
  });

  it('the token endpoint in trouble: its status, no new registration', async () => {
    const server = await start();
    server.setFault('POST /oauth/token', { status: 503, times: 1 });
    expect(await service().service.submit(request(server))).toMatchObject({ ok: false, error: { code: 'server-error', status: 503 } });
    expect(server.count('POST', '/api/v1/apps')).toBe(1);
  });

  it('a registration the person entered by hand is never replaced', async () => {
    const server = await start();
    const target = signUpTarget(server);
    const key = registrationKey(target);
    await registrationsItem.setValue({ [key]: { key, ...target, clientId: 'typed-by-hand', clientSecret: 'secret', createdAt: 1, manual: true } });
    const outcome = await service().service.submit(request(server));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unexpected-response', detail: expect.stringContaining('401') } });
    expect(server.count('POST', '/api/v1/apps')).toBe(0);
    expect((await registrationsItem.getValue())[key]?.clientId).toBe('typed-by-hand');
  });
});

describe('what POST /api/v1/accounts answers', () => {
  it('a locale problem beside another one: the other is shown, the form is not sent again', async () => {
    const server = await start({ signUps: { locales: ['de'] } });
    const outcome = await service().service.submit(request(server, { username: 'admin' }));
    expect(outcome).toEqual({ ok: false, error: { code: 'invalid', fields: { username: ['ERR_RESERVED'] }, summary: expect.stringMatching(/^Validation failed: /) } });
    expect(accountPosts(server)).toHaveLength(1);
  });

  it('a server that refuses every locale, even none: its own words, on no field', async () => {
    const server = await start();
    const error = 'Validation failed: Locale is not included in the list';
    server.setFault('POST /api/v1/accounts', { status: 422, body: { error, details: { locale: [{ error: 'ERR_INCLUSION', description: 'is not included in the list' }] } } });
    const outcome = await service({ uiLanguage: () => 'en-US' }).service.submit(request(server));
    expect(outcome).toEqual({ ok: false, error: { code: 'invalid', fields: {}, summary: error } });
    expect(accountPosts(server)).toHaveLength(3);
  });

  it('a browser without a UI language sends no locale', async () => {
    const server = await start();
    await service({ uiLanguage: () => '' }).service.submit(request(server));
    expect(accountPosts(server).map((r) => r.body?.locale)).toEqual([undefined]);
  });

  it.each([401, 404, 405])('%i: the app may not sign people up here; the server’s own page opens', async (status) => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { status });
    const { service: s, opened } = service();
    expect(await s.submit(request(server))).toEqual({ ok: false, error: { code: 'app-sign-up-refused', signUpUrl: `${server.origin}/auth/sign_up` } });
    expect(opened).toEqual([`${server.origin}/auth/sign_up`]);
    // No form was saved: none is made up.
    expect(await signUpDraftItem.getValue()).toBeNull();
  });

  it('refused, and the server’s sign-up is elsewhere now: that page, not "closed"', async () => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { status: 403 });
    server.setSignUps({ mode: 'closed', url: 'https://accounts.example/join' });
    const { service: s, opened } = service();
    expect(await s.submit(request(server))).toEqual({ ok: false, error: { code: 'app-sign-up-refused', signUpUrl: 'https://accounts.example/join' } });
    expect(opened).toEqual(['https://accounts.example/join']);
  });

  it('refused, and nothing more to learn from the server: Mastodon’s page is the best guess', async () => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { status: 403 });
    const { service: s, opened } = service({ profileOf: async () => Promise.reject(new Error('no profile')) });
    server.setFault('GET /api/v2/instance', { status: 500 });
    expect(await s.submit(request(server))).toEqual({ ok: false, error: { code: 'app-sign-up-refused', signUpUrl: `${server.origin}/auth/sign_up` } });
    expect(opened).toEqual([`${server.origin}/auth/sign_up`]);
  });

  it('refused, and only the server’s version tells what it is: that family’s page', async () => {
    const server = await start({ dialect: 'pleroma' });
    server.setFault('POST /api/v1/accounts', { status: 403 });
    const { service: s } = service({ profileOf: async () => Promise.reject(new Error('no profile')) });
    expect(await s.submit(request(server))).toEqual({ ok: false, error: { code: 'app-sign-up-refused', signUpUrl: `${server.origin}/registration` } });
  });

  it.each([
    [500, 'server-error'],
    [502, 'server-error'],
  ] as const)('%i: the server’s trouble, with its words', async (status, code) => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { status });
    expect(await service().service.submit(request(server))).toMatchObject({ ok: false, error: { code, status, detail: expect.any(String) } });
    expect(await service().service.list()).toEqual([]);
  });

  it('another refusal: an unexpected answer, with its status and words', async () => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { status: 400, body: { error: 'Bad request, really' } });
    expect(await service().service.submit(request(server))).toEqual({ ok: false, error: { code: 'unexpected-response', status: 400, detail: 'Bad request, really' } });
  });

  it('too many sign-ups: when to try again', async () => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { status: 429 });
    expect(await service().service.submit(request(server))).toEqual({ ok: false, error: { code: 'rate-limited', retryAt: expect.any(String) } });
  });

  it('the connection dropped while creating the account: unreachable', async () => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { drop: true });
    expect(await service().service.submit(request(server))).toEqual({ ok: false, error: { code: 'unreachable' } });
  });

  it('the token’s own scopes are the ones kept', async () => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { patch: { scope: 'read write:statuses' } });
    const { service: s, deps } = service();
    await s.submit(request(server));
    expect((await deps.waiting.list())[0]?.scopes).toEqual(['read', 'write:statuses']);
  });

  it('pending approval at once: waiting for the staff', async () => {
    const server = await start();
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 403, body: { error: 'Your login is currently pending approval' } });
    expect(await service().service.submit(request(server))).toMatchObject({ ok: true, waiting: { state: 'approval' } });
  });

  it('the server cannot say yet whether the account is active: waiting for the email', async () => {
    const server = await start();
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 500 });
    expect(await service().service.submit(request(server))).toMatchObject({ ok: true, waiting: { state: 'confirm-email' } });
  });

  it('a token without scopes: the account keeps the app’s scopes, and the clock’s time', async () => {
    const server = await start();
    server.setFault('POST /api/v1/accounts', { patch: { scope: '' } });
    const { service: s, deps } = service();
    expect(await s.submit(request(server))).toMatchObject({ ok: true, waiting: { createdAt: 1_700_000_000_000 } });
    const [waiting] = await deps.waiting.list();
    expect(waiting?.scopes).toEqual([...GRANULAR_SCOPES, 'write:accounts']);
  });

  it('the waiting account cannot be kept (storage refuses): an unexpected problem, said as it is', async () => {
    const server = await start();
    const { service: s } = service({
      waiting: { ...createWaitingStore(waitingAccountsItem), put: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) },
    });
    expect(await s.submit(request(server))).toEqual({ ok: false, error: { code: 'unexpected-response', detail: 'Error: QUOTA_BYTES quota exceeded' } });
  });

  it('an address that is not one is refused before anything is sent', async () => {
    const server = await start();
    expect(await service().service.submit(request(server, { origin: 'not a server' }))).toEqual({ ok: false, error: { code: 'invalid-input', detail: 'invalid-host' } });
    expect(server.requests).toEqual([]);
  });
});

describe('waiting accounts', () => {
  it('connects with the time it became active', async () => {
    const server = await start();
    const { service: s, deps } = service();
    await s.submit(request(server));
    await clickConfirmationLink(server, 'carol@example.com');
    expect((await s.checkWaiting()).activated).toEqual([`carol@${server.host}`]);
    const { accounts } = await deps.accounts.read();
    expect(accounts[0]).toMatchObject({ connectedAt: 1_700_000_000_000, registrationKey: expect.any(String), app: { clientId: expect.any(String) } });
  });

  it.each([
    ['Your login is missing a confirmed email address', 'confirm-email'],
    ['Your login is currently pending approval', 'approval'],
    ['Your login is currently PENDING APPROVAL', 'approval'],
  ] as const)('a 403 saying “%s”: %s', async (error, state) => {
    const server = await start();
    const { service: s } = service();
    await s.submit(request(server));
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 403, body: { error } });
    expect((await s.checkWaiting()).waiting).toMatchObject([{ state }]);
  });

  it('approved, then the email needs confirming again (a changed address): back to the email', async () => {
    const server = await start({ signUps: { mode: 'approval' } });
    const { service: s } = service();
    await s.submit(request(server, { reason: 'Moss' }));
    await clickConfirmationLink(server, 'carol@example.com');
    expect((await s.checkWaiting()).waiting).toMatchObject([{ state: 'approval' }]);
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 403, body: { error: 'Your login is missing a confirmed e-mail address' }, times: 1 });
    expect((await s.checkWaiting()).waiting).toMatchObject([{ state: 'confirm-email' }]);
    // Written without the hyphen too.
    expect((await s.checkWaiting()).waiting).toMatchObject([{ state: 'approval' }]);
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 403, body: { error: 'Your login is missing a confirmed email address' }, times: 1 });
    expect((await s.checkWaiting()).waiting).toMatchObject([{ state: 'confirm-email' }]);
  });

  it('only a 403 tells which wait it is', async () => {
    const server = await start({ signUps: { mode: 'approval' } });
    const { service: s } = service();
    await s.submit(request(server, { reason: 'Moss' }));
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 422, body: { error: 'Your login is currently pending approval' } });
    expect((await s.checkWaiting()).waiting).toMatchObject([{ state: 'confirm-email' }]);
  });

  it('an answer that says neither, or none at all: still waiting as before', async () => {
    const server = await start({ signUps: { mode: 'approval' } });
    const { service: s } = service();
    await s.submit(request(server, { reason: 'Moss' }));
    await clickConfirmationLink(server, 'carol@example.com');
    expect((await s.checkWaiting()).waiting).toMatchObject([{ state: 'approval' }]);
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 403, body: { error: 'This action is not allowed' }, times: 1 });
    expect(await s.checkWaiting()).toMatchObject({ activated: [], waiting: [{ state: 'approval' }] });
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 500, times: 1 });
    expect(await s.checkWaiting()).toMatchObject({ activated: [], waiting: [{ state: 'approval' }] });
  });

  it('resending to the same address, spaces around it: no corrected address is sent', async () => {
    const server = await start();
    const h = signUpHarness();
    await h.service.submit(request(server));
    expect(await h.service.resend(`carol@${server.host}`, '  carol@example.com ')).toMatchObject({ ok: true, waiting: { email: 'carol@example.com' } });
    expect(server.requests.find((r) => r.path === '/api/v1/emails/confirmations')?.body).toEqual({});
    expect(await h.service.resend(`carol@${server.host}`, '   ')).toMatchObject({ ok: true, waiting: { email: 'carol@example.com' } });
  });

  it('resending a corrected address, trimmed', async () => {
    const server = await start();
    const h = signUpHarness();
    await h.service.submit(request(server));
    expect(await h.service.resend(`carol@${server.host}`, ' carol@example.org ')).toMatchObject({ ok: true, waiting: { email: 'carol@example.org' } });
    expect(server.requests.findLast((r) => r.path === '/api/v1/emails/confirmations')?.body).toEqual({ email: 'carol@example.org' });
  });

  it('resending fails: the server’s trouble or an unexpected answer, and the address stays', async () => {
    const server = await start();
    const h = signUpHarness();
    await h.service.submit(request(server));
    server.setFault('POST /api/v1/emails/confirmations', { status: 503, times: 1 });
    expect(await h.service.resend(`carol@${server.host}`, 'carol@example.org')).toMatchObject({ ok: false, error: { code: 'server-error', status: 503 } });
    server.setFault('POST /api/v1/emails/confirmations', { status: 401, body: { error: 'The access token is invalid' }, times: 1 });
    expect(await h.service.resend(`carol@${server.host}`)).toEqual({ ok: false, error: { code: 'unexpected-response', detail: 'The access token is invalid' } });
    server.setFault('POST /api/v1/emails/confirmations', { status: 403, body: {}, times: 1 });
    expect(await h.service.resend(`carol@${server.host}`)).toEqual({ ok: false, error: { code: 'unexpected-response', detail: '' } });
    server.setFault('POST /api/v1/emails/confirmations', { status: 422, body: { error: 'Validation failed: Email is invalid' }, times: 1 });
    expect(await h.service.resend(`carol@${server.host}`, 'x')).toEqual({
      ok: false,
      error: { code: 'invalid', fields: { email: ['ERR_INVALID'] }, summary: 'Validation failed: Email is invalid' },
    });
    expect((await h.service.list())[0]?.email).toBe('carol@example.com');
  });

  it('the form is kept in storage.session until it is done with', async () => {
    const h = signUpHarness();
    const form = { input: 'join.example', username: 'carol', email: 'carol@example.com', dateOfBirth: '', reason: '', agreed: false };
    await h.service.saveDraft(form);
    expect(await h.service.getDraft()).toEqual(form);
    await h.service.saveDraft(null);
    expect(await h.service.getDraft()).toBeNull();
  });
});
