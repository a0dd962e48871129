import { GRANULAR_SCOPES } from '@/lib/scopes';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { memoryBlobStore } from '@/lib/composer/blob-store';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import { createComposerService } from '@/lib/composer/service';
import { registrationKey } from '@/lib/registrations';
import { draftsItem, instancesItem, postedItem, undoItem, registrationsItem, signUpDraftItem } from '@/entrypoints/background/storage-items';
import { startFakeMastodon, type FakeMastodonOptions } from '../fake-mastodon/index';
import { fetchUploadTransport } from '../helpers/fetch-upload-transport';
import { TEST_REDIRECT_URL } from '../setup';
import { connectHarness } from './connect-harness';
import { accountPosts, approve, clickConfirmationLink, request, serversClosedAfterEach, signUpHarness } from './signup-harness';

const start = serversClosedAfterEach();

describe('reading what an instance says about joining', () => {
  it('an open server: sign up here, with its rules and policy links', async () => {
    const server = await start();
    const result = await signUpHarness().service.check(server.host);
    expect(result).toEqual({
      ok: true,
      info: {
        origin: server.origin,
        host: server.host,
        title: 'Fake Mastodon',
        mode: 'open',
        reasonRequired: false,
        minAge: null,
        message: null,
        url: null,
        rules: [
          { id: '1', text: 'Be kind.', hint: '' },
          { id: '2', text: 'No spam.', hint: 'Advertising belongs elsewhere.' },
        ],
        privacyPolicyUrl: `${server.origin}/privacy-policy`,
        termsUrl: `${server.origin}/terms-of-service`,
      },
    });
  });

  it('approval with a reason, and an age limit', async () => {
    const server = await start({ signUps: { mode: 'approval', reasonRequired: true, minAge: 16 } });
    const result = await signUpHarness().service.check(server.origin);
    expect(result).toMatchObject({ ok: true, info: { mode: 'approval', reasonRequired: true, minAge: 16 } });
  });

  it('a closed server: its message as text, no form', async () => {
    const server = await start({ signUps: { mode: 'closed', message: '<p>We are full &amp; resting.</p><p>Try <a href="https://x.example">elsewhere</a>.</p>' } });
    const result = await signUpHarness().service.check(server.origin);
    expect(result).toMatchObject({ ok: true, info: { mode: 'closed', message: 'We are full & resting.\n\nTry elsewhere.', rules: [] } });
  });

  it('sign-up on another site: its url', async () => {
    const server = await start({ signUps: { url: 'https://accounts.example/join' } });
    expect(await signUpHarness().service.check(server.origin)).toMatchObject({ ok: true, info: { mode: 'elsewhere', url: 'https://accounts.example/join' } });
  });

  it('a server before v2 (no policy URLs, no terms endpoint): /privacy-policy and /terms', async () => {
    const server = await start({ instanceV2: false, signUps: { termsOfService: false } });
    const result = await signUpHarness().service.check(server.origin);
    expect(result).toMatchObject({
      ok: true,
      info: { mode: 'open', privacyPolicyUrl: `${server.origin}/privacy-policy`, termsUrl: `${server.origin}/terms` },
    });
  });

  it('an address that is not one, and a server that is not there', async () => {
    const { service } = signUpHarness();
    expect(await service.check('')).toEqual({ ok: false, error: { code: 'invalid-input', detail: 'empty' } });
    // Started and closed here: by the check, nothing listens at its address any more.
    const server = await startFakeMastodon();
    const origin = server.origin;
    await server.close();
    expect(await service.check(origin)).toEqual({ ok: false, error: { code: 'unreachable' } });
  });
});

describe('signing up', () => {
  it('open server: app with write:accounts, app token, account created, waiting for the email, then connected without signing in', async () => {
    const server = await start();
    const h = signUpHarness();
    await signUpDraftItem.setValue({ input: server.host, username: 'carol', email: 'carol@example.com', dateOfBirth: '', reason: '', agreed: true });

    const outcome = await h.service.submit(request(server));

    expect(outcome).toEqual({
      ok: true,
      waiting: { id: `carol@${server.host}`, username: 'carol', origin: server.origin, email: 'carol@example.com', state: 'confirm-email', createdAt: expect.any(Number) },
    });
    expect(server.apps).toHaveLength(1);
    expect(server.apps[0]!.scopes).toContain('write:accounts');
    const token = server.requests.find((r) => r.path === '/oauth/token');
    expect(token?.body).toMatchObject({ grant_type: 'client_credentials', scope: 'write:accounts' });
    expect(accountPosts(server)[0]!.body).toMatchObject({ username: 'carol', email: 'carol@example.com', agreement: 'true', locale: 'en' });
    expect(server.emails.map((e) => e.to)).toEqual(['carol@example.com']);
    // The form is done with; the password was never stored anywhere.
    expect(await signUpDraftItem.getValue()).toBeNull();
    const stored = JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)]);
    expect(stored).not.toContain('correct horse battery');

    // Not yet: the email is unconfirmed.
    expect(await h.service.checkWaiting()).toMatchObject({ activated: [], waiting: [{ state: 'confirm-email' }] });
    await clickConfirmationLink(server, 'carol@example.com');
    expect(await h.service.checkWaiting()).toEqual({ activated: [`carol@${server.host}`], waiting: [] });
    const { accounts, defaultAccountId } = await h.accounts.read();
    expect(defaultAccountId).toBe(`carol@${server.host}`);
    expect(accounts[0]).toMatchObject({ username: 'carol', displayName: 'carol', avatar: `${server.origin}/avatars/carol.png`, origin: server.origin });
    // Signing in again was never needed.
    expect(server.count('GET', '/oauth/authorize')).toBe(0);
  });

  it('approval server: confirm the email, then wait for the staff', async () => {
    const server = await start({ signUps: { mode: 'approval', reasonRequired: true } });
    const h = signUpHarness();
    const outcome = await h.service.submit(request(server, { reason: 'I write about moss.' }));
    expect(outcome).toMatchObject({ ok: true, waiting: { state: 'confirm-email' } });
    expect(accountPosts(server)[0]!.body).toMatchObject({ reason: 'I write about moss.' });
    await clickConfirmationLink(server, 'carol@example.com');
    expect(await h.service.checkWaiting()).toMatchObject({ activated: [], waiting: [{ state: 'approval' }] });
    await approve(server, 'carol');
    expect(await h.service.checkWaiting()).toEqual({ activated: [`carol@${server.host}`], waiting: [] });
  });

  it('resends the email, to a corrected address, and that address is the one confirmed', async () => {
    const server = await start();
    const h = signUpHarness();
    await h.service.submit(request(server, { email: 'carol@exmaple.com' }));
    const resent = await h.service.resend(`carol@${server.host}`, 'carol@example.com');
    expect(resent).toMatchObject({ ok: true, waiting: { email: 'carol@example.com' } });
    expect(server.emails.map((e) => e.to)).toEqual(['carol@exmaple.com', 'carol@example.com']);
    expect(server.requests.find((r) => r.path === '/api/v1/emails/confirmations')?.body).toEqual({ email: 'carol@example.com' });
    await clickConfirmationLink(server, 'carol@example.com');
    expect((await h.service.checkWaiting()).activated).toEqual([`carol@${server.host}`]);
  });

  it('resending without a change sends to the same address; a bad corrected address is a field error', async () => {
    const server = await start();
    const h = signUpHarness();
    await h.service.submit(request(server));
    expect(await h.service.resend(`carol@${server.host}`)).toMatchObject({ ok: true, waiting: { email: 'carol@example.com' } });
    expect(server.emails.map((e) => e.to)).toEqual(['carol@example.com', 'carol@example.com']);
    expect(await h.service.resend(`carol@${server.host}`, 'not an address')).toMatchObject({ ok: false, error: { code: 'invalid', fields: { email: ['ERR_INVALID'] } } });
    expect(await h.service.resend('nobody@nowhere')).toEqual({ ok: false, error: { code: 'unknown-account' } });
  });

  it('forgetting a waiting account', async () => {
    const server = await start();
    const h = signUpHarness();
    await h.service.submit(request(server));
    await h.service.forget(`carol@${server.host}`);
    expect(await h.service.list()).toEqual([]);
  });

  it('a server that needs no confirmation connects at once', async () => {
    const server = await start();
    const h = signUpHarness();
    // The fake server always asks for one; answering verify_credentials as a confirmed user is what such a server does.
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 200, body: { id: '1', username: 'carol', acct: 'carol', display_name: 'Carol', avatar: '' } });
    expect(await h.service.submit(request(server))).toEqual({ ok: true, accountId: `carol@${server.host}` });
    expect(await h.service.list()).toEqual([]);
  });
});

describe('what the server refuses', () => {
  /** Each 422 detail Mastodon sends, as the person would cause it. */
  const cases: Array<[string, FakeMastodonOptions, Parameters<typeof request>[1], Record<string, string[]>]> = [
    ['taken username', {}, { username: 'alice' }, { username: ['ERR_TAKEN'] }],
    ['reserved username', {}, { username: 'admin' }, { username: ['ERR_RESERVED'] }],
    ['invalid username', {}, { username: 'car ol' }, { username: ['ERR_INVALID'] }],
    ['too long username', {}, { username: 'c'.repeat(31) }, { username: ['ERR_TOO_LONG'] }],
    ['blank username', {}, { username: '' }, { username: ['ERR_BLANK'] }],
    ['blocked email provider', {}, { email: 'carol@blocked.example' }, { email: ['ERR_BLOCKED'] }],
    ['unreachable email domain', {}, { email: 'carol@nowhere.invalid' }, { email: ['ERR_UNREACHABLE'] }],
    ['invalid email', {}, { email: 'carol' }, { email: ['ERR_INVALID'] }],
    ['short password', {}, { password: 'short' }, { password: ['ERR_TOO_SHORT'] }],
    ['long password', {}, { password: 'p'.repeat(73) }, { password: ['ERR_TOO_LONG'] }],
    ['no agreement', {}, { agreement: false }, { agreement: ['ERR_ACCEPTED'] }],
    ['missing reason', { signUps: { mode: 'approval', reasonRequired: true } }, {}, { reason: ['ERR_BLANK'] }],
    ['too long reason', { signUps: { mode: 'approval' } }, { reason: 'r'.repeat(421) }, { reason: ['ERR_TOO_LONG'] }],
    ['too young', { signUps: { minAge: 16 } }, { dateOfBirth: new Date(Date.now() - 10 * 365 * 86_400_000).toISOString().slice(0, 10) }, { date_of_birth: ['ERR_BELOW_LIMIT'] }],
    ['no date of birth', { signUps: { minAge: 16 } }, {}, { date_of_birth: ['ERR_BLANK'] }],
    ['impossible date of birth', { signUps: { minAge: 16 } }, { dateOfBirth: '2001-02-30' }, { date_of_birth: ['ERR_INVALID'] }],
  ];

  it.each(cases)('%s → a field error', async (_name, options, overrides, fields) => {
    const server = await start(options);
    const outcome = await signUpHarness().service.submit(request(server, overrides));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid', fields, summary: expect.stringMatching(/^Validation failed: /) } });
    if (!outcome.ok) expect(Object.keys(outcome.error.code === 'invalid' ? outcome.error.fields : {})).toEqual(Object.keys(fields));
  });

  it('an email already used → ERR_TAKEN on email; several problems at once each reach their field', async () => {
    const server = await start();
    const h = signUpHarness();
    await h.service.submit(request(server));
    const outcome = await h.service.submit(request(server, { username: 'alice', password: 'x' }));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid', fields: { username: ['ERR_TAKEN'], email: ['ERR_TAKEN'], password: ['ERR_TOO_SHORT'] } } });
  });

  it('an unsupported locale (en-US) is sent again as the bare language, then without one', async () => {
    const server = await start({ signUps: { locales: ['en-GB', 'de'] } });
    const outcome = await signUpHarness({ uiLanguage: 'en-US' }).service.submit(request(server));
    expect(outcome).toMatchObject({ ok: true, waiting: { state: 'confirm-email' } });
    expect(accountPosts(server).map((r) => [r.status, r.body?.locale])).toEqual([
      [422, 'en-US'],
      [422, 'en'],
      [200, undefined],
    ]);
  });

  it('a locale the server has is sent once', async () => {
    const server = await start();
    await signUpHarness({ uiLanguage: 'de' }).service.submit(request(server));
    expect(accountPosts(server).map((r) => [r.status, r.body?.locale])).toEqual([[200, 'de']]);
  });

  it('429: says when to try again', async () => {
    const server = await start({ signUps: { throttle: 1 } });
    const h = signUpHarness();
    await h.service.submit(request(server));
    const outcome = await h.service.submit(request(server, { username: 'dave', email: 'dave@example.com' }));
    expect(outcome).toEqual({ ok: false, error: { code: 'rate-limited', retryAt: expect.any(String) } });
    if (!outcome.ok && outcome.error.code === 'rate-limited') expect(Date.parse(outcome.error.retryAt!)).toBeGreaterThan(Date.now());
  });

  it('closed after the form was shown: says closed', async () => {
    const server = await start();
    server.setSignUps({ mode: 'closed' });
    expect(await signUpHarness().service.submit(request(server))).toEqual({ ok: false, error: { code: 'closed', message: null, url: null } });
  });

  it('a GoToSocial-like server refusing app sign-ups: its own sign-up page opens in a tab', async () => {
    const server = await start({ dialect: 'gotosocial' });
    const h = signUpHarness();
    expect(await h.service.check(server.origin)).toMatchObject({ ok: true, info: { mode: 'approval', reasonRequired: true } });
    const form = { input: server.host, username: 'carol', email: 'carol@example.com', dateOfBirth: '', reason: 'Hello', agreed: true };
    await signUpDraftItem.setValue(form);
    const outcome = await h.service.submit(request(server, { reason: 'Hello' }));
    expect(outcome).toEqual({ ok: false, error: { code: 'app-sign-up-refused', signUpUrl: `${server.origin}/signup` } });
    expect(h.openTab).toHaveBeenCalledWith(`${server.origin}/signup`);
    // The tab closes the popup: the reopened one finds the refusal with the form.
    expect(await signUpDraftItem.getValue()).toEqual({ ...form, refusedSignUpUrl: `${server.origin}/signup` });
    expect(await h.service.list()).toEqual([]);
  });

  it('app registration refused', async () => {
    const server = await start();
    server.closeRegistrations(true);
    expect(await signUpHarness().service.submit(request(server))).toEqual({ ok: false, error: { code: 'registration-refused', status: 403 } });
  });
});

describe('the app registration', () => {
  it('a connect registration (no write:accounts) is not used for signing up', async () => {
    const server = await start();
    await connectHarness().service.start({ input: server.origin });
    await signUpHarness().service.submit(request(server));
    expect(server.apps.map((a) => a.scopes.includes('write:accounts'))).toEqual([false, true]);
  });

  it('a cached registration the server knows without write:accounts is replaced', async () => {
    const server = await start();
    const response = await fetch(`${server.origin}/api/v1/apps`, {
      method: 'POST',
      body: new URLSearchParams({ client_name: 'Fedipost', redirect_uris: TEST_REDIRECT_URL, scopes: GRANULAR_SCOPES.join(' ') }),
    });
    const app = (await response.json()) as { client_id: string; client_secret: string };
    const target = { origin: server.origin, redirectUri: TEST_REDIRECT_URL, scopes: [...GRANULAR_SCOPES, 'write:accounts'].join(' ') };
    const key = registrationKey(target);
    await registrationsItem.setValue({ [key]: { key, ...target, clientId: app.client_id, clientSecret: app.client_secret, createdAt: 1, manual: false } });

    const h = signUpHarness();
    expect(await h.service.submit(request(server))).toMatchObject({ ok: true });
    const replaced = await h.registrations.get(key);
    expect(replaced?.clientId).not.toBe(app.client_id);
    expect(server.apps.find((a) => a.clientId === replaced?.clientId)?.scopes).toContain('write:accounts');
  });

  it('a registration the server deleted is replaced', async () => {
    const server = await start();
    const h = signUpHarness();
    await h.service.submit(request(server));
    server.deleteApps();
    expect(await h.service.submit(request(server, { username: 'dave', email: 'dave@example.com' }))).toMatchObject({ ok: true });
    expect(server.count('POST', '/api/v1/apps')).toBe(2);
  });
});

describe('drafts typed while waiting', () => {
  it('are kept, and post from the account once it is active', async () => {
    const server = await start();
    const h = signUpHarness();
    const files = memoryBlobStore();
    const composer = createComposerService({
      drafts: draftsItem,
      accounts: h.accounts,
      instances: createInstanceCache(instancesItem, fetch),
      files,
      fetch,
      uploads: fetchUploadTransport(files),
      posted: postedItem,
      undo: undoItem,
      newId: () => crypto.randomUUID(),
      uiLanguage: () => 'en',
      broadcast: () => {},
      timeoutMs: 1000,
    });
    await h.service.submit(request(server));
    await composer.updateDraft('popup', { text: 'My first post, written while waiting.' });
    await clickConfirmationLink(server, 'carol@example.com');
    await h.service.checkWaiting();

    const { draft, account } = await composer.getComposer('popup');
    expect(draft.text).toBe('My first post, written while waiting.');
    expect(account?.id).toBe(`carol@${server.host}`);
    expect(await composer.post('popup')).toMatchObject({ ok: true });
    expect(server.statuses.map((s) => [s.account.username, s.text])).toEqual([['carol', 'My first post, written while waiting.']]);
  });
});
