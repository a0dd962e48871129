import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountAdmin } from '@/lib/account-admin';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { connectHarness } from './connect-harness';

let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon();
});
afterEach(async () => {
  await server.close();
});

async function connected(username = 'alice') {
  const h = connectHarness({ username });
  await h.service.start({ input: server.origin });
  return h;
}

describe('options page actions', () => {
  it('disconnect revokes the token on the server and forgets the account', async () => {
    const h = await connected();
    const [account] = (await h.accounts.read()).accounts;
    expect(await h.admin.disconnect(account!.id)).toEqual({ revoked: true });
    expect((await h.accounts.read()).accounts).toEqual([]);
    const after = await fetch(`${server.origin}/api/v1/accounts/verify_credentials`, { headers: { Authorization: `Bearer ${account!.token}` } });
    expect(after.status).toBe(401);
  });

  it('disconnect still revokes after the registration was dropped (the account keeps its app)', async () => {
    const h = await connected();
    const [view] = await h.admin.listRegistrations();
    await h.admin.dropRegistration(view!.key);
    const [account] = (await h.accounts.read()).accounts;
    expect(await h.admin.disconnect(account!.id)).toEqual({ revoked: true });
    const after = await fetch(`${server.origin}/api/v1/accounts/verify_credentials`, { headers: { Authorization: `Bearer ${account!.token}` } });
    expect(after.status).toBe(401);
  });

  it('still forgets the account when revoking fails, and says so', async () => {
    const h = await connected();
    server.setFault('POST /oauth/revoke', { status: 503 });
    expect(await h.admin.disconnect(`alice@${server.host}`)).toEqual({ revoked: false });
    expect((await h.accounts.read()).accounts).toEqual([]);
  });

  it('refreshes the profile', async () => {
    const h = await connected();
    const result = await h.admin.refresh(`alice@${server.host}`);
    expect(result).toMatchObject({ ok: true, account: { displayName: 'Alice Example' } });
    server.revokeAllTokens();
    expect(await h.admin.refresh(`alice@${server.host}`)).toEqual({ ok: false, error: { code: 'unauthorized' } });
  });

  it('says why a refresh failed in its own words: rate limit, server error, gone account, unreachable server', async () => {
    const h = await connected();
    const id = `alice@${server.host}`;
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 429 });
    expect(await h.admin.refresh(id)).toEqual({ ok: false, error: { code: 'rate-limited' } });
    server.setFault('GET /api/v1/accounts/verify_credentials', { status: 503 });
    expect(await h.admin.refresh(id)).toEqual({ ok: false, error: { code: 'failed' } });
    expect(await h.admin.refresh(`carol@${server.host}`)).toEqual({ ok: false, error: { code: 'no-account' } });
    const offline = createAccountAdmin({ ...h, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(await offline.refresh(id)).toEqual({ ok: false, error: { code: 'unreachable' } });
  });

  it('lists registrations with the accounts using them, without secrets', async () => {
    const h = await connected();
    await connectHarness({ username: 'bob' }).service.start({ input: server.origin });
    const [view] = await h.admin.listRegistrations();
    expect(view).toMatchObject({ origin: server.origin, manual: false, accountIds: [`alice@${server.host}`, `bob@${server.host}`] });
    expect(JSON.stringify(view)).not.toContain(server.apps[0]!.clientSecret);
  });

  it('after dropping a registration the next connect registers anew; tokens keep working', async () => {
    const h = await connected();
    const [view] = await h.admin.listRegistrations();
    await h.admin.dropRegistration(view!.key);
    expect(await h.admin.listRegistrations()).toEqual([]);
    expect((await h.admin.refresh(`alice@${server.host}`)).ok).toBe(true);
    server.clearLog();
    await connectHarness({ username: 'bob' }).service.start({ input: server.origin });
    expect(server.count('POST', '/api/v1/apps')).toBe(1);
  });

  it('stores app credentials made by hand after checking them; the next connect uses them', async () => {
    const created = await fetch(`${server.origin}/api/v1/apps`, {
      method: 'POST',
      body: new URLSearchParams({
        client_name: 'Mine',
        redirect_uris: 'https://fedipost-test.chromiumapp.org/',
        scopes: 'read:accounts read:search read:statuses write:statuses write:media',
      }),
    }).then((r) => r.json() as Promise<{ client_id: string; client_secret: string }>);
    const h = connectHarness();
    const wrong = await h.service.saveManualRegistration({ input: server.host, manual: { clientId: created.client_id, clientSecret: 'nope' } });
    expect(wrong).toEqual({ ok: false, error: { code: 'manual-credentials-rejected', origin: server.origin } });
    const manual = { clientId: created.client_id, clientSecret: created.client_secret };
    expect(await h.service.saveManualRegistration({ input: server.host, manual })).toEqual({ ok: true });
    server.clearLog();
    expect((await h.service.start({ input: server.origin })).state).toBe('done');
    expect(server.count('POST', '/api/v1/apps')).toBe(0);
    expect((await h.registrations.list())[0]).toMatchObject({ manual: true, clientId: created.client_id });
  });

  it('drops all and moves the default when the default account goes', async () => {
    const h = await connected();
    await connectHarness({ username: 'bob' }).service.start({ input: server.origin });
    await h.admin.setDefault(`bob@${server.host}`);
    expect((await h.accounts.read()).defaultAccountId).toBe(`bob@${server.host}`);
    await h.admin.disconnect(`bob@${server.host}`);
    expect((await h.accounts.read()).defaultAccountId).toBe(`alice@${server.host}`);
    await h.admin.dropAllRegistrations();
    expect(await h.admin.listRegistrations()).toEqual([]);
  });
});
