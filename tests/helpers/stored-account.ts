import type { StoredAccount } from '@/lib/accounts';

/**
 * An account as the background stores it, for tests: `name@host`, connected with a token
 * and no app credentials of its own unless `overrides` say otherwise.
 */
export function storedAccount(name = 'alice', origin = 'https://a.social', overrides: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: `${name}@${new URL(origin).host}`,
    username: name,
    displayName: name,
    avatar: '',
    origin,
    scopes: [],
    defaults: { visibility: 'public', language: null, sensitive: false },
    serverId: name,
    token: `token-${name}`,
    app: null,
    registrationKey: 'k',
    connectedAt: 0,
    ...overrides,
  };
}
