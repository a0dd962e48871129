import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES } from '@/lib/mastodon/context';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { composerHarness, PNG, settled } from './composer-harness';
import { connectHarness } from './connect-harness';

/**
 * A server that answers in ways no honest Mastodon does: each fault ends in a clear
 * outcome, nothing unsafe is stored or shown, no draft is lost and nothing posts twice.
 */
let server: FakeMastodon;
/** Where the hostile server's redirects point: it must never hear from us. */
let elsewhere: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon({ mediaProcessingMs: 0 });
  elsewhere = await startFakeMastodon();
});
afterEach(async () => {
  await Promise.all([server.close(), elsewhere.close()]);
});

const popup = 'popup' as const;
const tooBig = MAX_RESPONSE_BYTES + 1024;

describe('connecting to a hostile server', () => {
  it.each([
    ['a newline and an @', 'alice\n@evil.example'],
    ['an @ and another host', 'admin@other.example'],
  ])('refuses a username with %s: no account, nothing in the menus', async (_what, username) => {
    server.setFault('GET /api/v1/accounts/verify_credentials', { patch: { username, acct: username } });
    const h = connectHarness();
    const status = await h.service.start({ input: server.origin });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'unexpected-response', origin: server.origin } });
    expect((await h.accounts.read()).accounts).toEqual([]);
  });

  it('refuses an answer over 1 MB with its own error', async () => {
    server.setFault('GET /api/v1/accounts/verify_credentials', { padBytes: tooBig });
    const h = connectHarness();
    expect(await h.service.start({ input: server.origin })).toMatchObject({
      state: 'failed',
      error: { code: 'response-too-large', origin: server.origin },
    });
    expect((await h.accounts.read()).accounts).toEqual([]);
  });

  it('does not follow a redirect of a token-carrying request, and says so', async () => {
    server.setFault('GET /api/v1/accounts/verify_credentials', {
      redirectTo: `${elsewhere.origin}/api/v1/accounts/verify_credentials`,
    });
    const h = connectHarness();
    expect(await h.service.start({ input: server.origin })).toMatchObject({
      state: 'failed',
      error: { code: 'redirected', origin: server.origin, status: 307 },
    });
    expect(elsewhere.requests).toEqual([]);
  });

  it('does not follow a redirect of the code exchange (it carries the client secret)', async () => {
    server.setFault('POST /oauth/token', { redirectTo: `${elsewhere.origin}/oauth/token` });
    const h = connectHarness();
    expect(await h.service.start({ input: server.origin })).toMatchObject({ state: 'failed', error: { code: 'redirected' } });
    expect(elsewhere.requests).toEqual([]);
  });

  it.each(['mac', 'DPoP'])('names an unsupported token_type (%s) instead of "unreachable"', async (tokenType) => {
    server.setFault('POST /oauth/token', { patch: { token_type: tokenType } });
    const h = connectHarness();
    expect(await h.service.start({ input: server.origin })).toMatchObject({
      state: 'failed',
      error: { code: 'unsupported-token-type', origin: server.origin, detail: tokenType.toLowerCase() },
    });
    expect((await h.accounts.read()).accounts).toEqual([]);
  });

  it('stores an account without an avatar when the server sends a javascript: one', async () => {
    server.setFault('GET /api/v1/accounts/verify_credentials', { patch: { avatar: 'javascript:alert(1)' } });
    const h = connectHarness();
    expect(await h.service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    expect((await h.accounts.read()).accounts[0]?.avatar).toBe('');
  });

  it('does not read a code that came back anywhere but our redirect URI', async () => {
    const h = connectHarness();
    h.launchAuthFlow.mockImplementationOnce(async (url: string) => {
      const state = new URL(url).searchParams.get('state') ?? '';
      return `https://evil.example/callback?code=stolen&state=${state}`;
    });
    expect(await h.service.start({ input: server.origin })).toMatchObject({ state: 'failed', error: { code: 'state-mismatch' } });
    expect(server.count('POST', '/oauth/token')).toBe(0);
  });
});

describe('connecting to a server that names itself with iss (RFC 9207)', () => {
  it('accepts its issuer with a trailing slash, as Mastodon writes it', async () => {
    const withIss = await startFakeMastodon({ issParameter: true });
    try {
      const h = connectHarness();
      expect(await h.service.start({ input: withIss.origin })).toEqual({ state: 'done', accountId: `alice@${withIss.host}` });
      const redirected = await h.launchAuthFlow.mock.results[0]!.value;
      expect(new URL(redirected).searchParams.get('iss')).toBe(`${withIss.origin}/`);
    } finally {
      await withIss.close();
    }
  });
});

describe('uploading to a hostile server', () => {
  it.each([307, 308])('refuses an upload redirected elsewhere (%i): the file stays, to retry, and the other origin hears nothing', async (status) => {
    const { composer, file } = await composerHarness(server);
    server.setFault('POST /api/v2/media', { redirectTo: `${elsewhere.origin}/api/v2/media`, status, times: 1 });
    const { draft } = await composer.addMedia(popup, await file('photo.png', PNG));
    expect((await settled(composer)).media[0]).toMatchObject({ state: 'failed', error: 'redirected' });
    expect(elsewhere.requests).toEqual([]);
    await composer.retryMedia(popup, draft.media[0]!.localId);
    expect((await settled(composer)).media[0]).toMatchObject({ state: 'ready' });
    expect(server.media).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('posting to a hostile server', () => {
  it('keeps the draft and sends nothing elsewhere when the post is redirected', async () => {
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Not for elsewhere' });
    server.setFault('POST /api/v1/statuses', { redirectTo: `${elsewhere.origin}/api/v1/statuses` });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'redirected' } });
    expect(elsewhere.requests).toEqual([]);
    expect(server.statuses).toHaveLength(0);
    expect((await composer.getComposer(popup)).draft.text).toBe('Not for elsewhere');
  });

  it('shows no link for a javascript: status url, and posts once', async () => {
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Hello' });
    server.setFault('POST /api/v1/statuses', { patch: { url: 'javascript:alert(document.cookie)' } });
    expect(await composer.post(popup)).toEqual({ ok: true, url: null, scheduledAt: null });
    expect(server.statuses).toHaveLength(1);
  });

  it('refuses a post answer over 1 MB, keeps the draft, and a retry posts exactly once', async () => {
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Big answer' });
    server.setFault('POST /api/v1/statuses', { padBytes: tooBig, times: 1 });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'response-too-large' } });
    expect((await composer.getComposer(popup)).draft.text).toBe('Big answer');
    const retried = await composer.post(popup);
    expect(retried).toMatchObject({ ok: true, url: expect.stringContaining(server.origin) });
    expect(server.statuses).toHaveLength(1);
  });

  it('shows no preview for a media answer with javascript: urls', async () => {
    const { composer, file } = await composerHarness(server);
    server.setFault('POST /api/v2/media', { patch: { preview_url: 'javascript:alert(1)' } });
    await composer.addMedia(popup, await file());
    const draft = await settled(composer);
    expect(draft.media[0]).toMatchObject({ state: 'ready', previewUrl: `${server.origin}${new URL(server.media[0]!.url!).pathname}` });
    server.setFault('POST /api/v2/media', { patch: { preview_url: 'javascript:alert(1)', url: 'javascript:alert(2)' } });
    await composer.addMedia(popup, await file('dog.png'));
    const second = await settled(composer);
    expect(second.media[1]).toMatchObject({ state: 'ready', previewUrl: null });
  });
});
