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
  return { ...h, admin: createAccountAdmin({ accounts: h.accounts, registrations: h.registrations, fetch }) };
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
    expect(await h.admin.refresh(`alice@${server.host}`)).toEqual({ ok: false, error: { code: 'unauthorized', accountId: `alice@${server.host}` } });
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
