import { describe, expect, it } from 'vitest';
import { accountFromCredentials, createAccountStore, EMPTY_ACCOUNTS, toAccountView, type AccountsState } from '@/lib/accounts';
import { CredentialAccountSchema } from '@/lib/mastodon/accounts';
import { memoryValue } from '@/lib/stored-value';

const profile = (username: string, displayName = '') =>
  CredentialAccountSchema.parse({ id: '7', username, display_name: displayName, source: { privacy: 'unlisted', language: 'fr' } });

const account = (username: string, origin = 'https://a.social', token = 'tok') =>
  accountFromCredentials(profile(username, username.toUpperCase()), {
    origin,
    token,
    app: { clientId: 'cid', clientSecret: 'sec' },
    scopes: ['read'],
    registrationKey: 'k',
    connectedAt: 1,
  });

describe('accounts', () => {
  it('names an account user@host, port included', () => {
    expect(account('alice', 'http://127.0.0.1:4000').id).toBe('alice@127.0.0.1:4000');
    expect(account('alice').defaults).toEqual({ visibility: 'unlisted', language: 'fr', sensitive: false, quotePolicy: null });
  });

  it('makes the first account the default and keeps several', async () => {
    const store = createAccountStore(memoryValue<AccountsState>(EMPTY_ACCOUNTS));
    await store.upsert(account('alice'));
    const state = await store.upsert(account('bob', 'https://b.social'));
    expect(state.accounts.map((a) => a.id)).toEqual(['alice@a.social', 'bob@b.social']);
    expect(state.defaultAccountId).toBe('alice@a.social');
  });

  it('replaces, not duplicates, when the same person connects again', async () => {
    const store = createAccountStore(memoryValue<AccountsState>(EMPTY_ACCOUNTS));
    await store.upsert(account('alice', 'https://a.social', 'old'));
    const state = await store.upsert(account('alice', 'https://a.social', 'new'));
    expect(state.accounts).toHaveLength(1);
    expect(state.accounts[0]!.token).toBe('new');
  });

  it('moves the default when the default account is removed', async () => {
    const store = createAccountStore(memoryValue<AccountsState>(EMPTY_ACCOUNTS));
    await store.upsert(account('alice'));
    await store.upsert(account('bob'));
    expect((await store.remove('alice@a.social')).defaultAccountId).toBe('bob@a.social');
    expect((await store.setDefault('nobody@x')).defaultAccountId).toBe('bob@a.social');
  });

  it('shows the UI no token', () => {
    const view = toAccountView(account('alice'));
    expect(JSON.stringify(view)).not.toContain('tok');
    expect(Object.keys(view).sort()).toEqual(['avatar', 'defaults', 'displayName', 'id', 'origin', 'scopes', 'username']);
  });
});
