import * as z from 'zod/mini';
import type { AccountView } from './messages';
import { VISIBILITIES, type CredentialAccount } from './mastodon/accounts';
import { QUOTE_POLICIES } from './mastodon/statuses';
import { createUpdater, type StoredValue } from './stored-value';

/** A connected account as the background keeps it: the view plus what only it may hold. */
export const StoredAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  avatar: z.string(),
  origin: z.string(),
  scopes: z.array(z.string()),
  defaults: z.object({
    visibility: z.enum(VISIBILITIES),
    language: z.nullable(z.string()),
    sensitive: z.boolean(),
    /** `source[quote_policy]` (Mastodon ≥ 4.5); absent on older servers and older stored accounts. */
    quotePolicy: z.optional(z.nullable(z.enum(QUOTE_POLICIES))),
  }),
  /** The account's id on its server (for API paths), not our `id`. */
  serverId: z.string(),
  token: z.string(),
  registrationKey: z.string(),
  connectedAt: z.number(),
});
export type StoredAccount = z.infer<typeof StoredAccountSchema>;

export interface AccountsState {
  accounts: StoredAccount[];
  defaultAccountId: string | null;
}
export const EMPTY_ACCOUNTS: AccountsState = { accounts: [], defaultAccountId: null };

/** `alice@example.social`: the username at the instance's host (port included). */
function accountIdFor(username: string, origin: string): string {
  return `${username}@${new URL(origin).host}`;
}

export function accountFromCredentials(
  profile: CredentialAccount,
  grant: { origin: string; token: string; scopes: string[]; registrationKey: string; connectedAt: number },
): StoredAccount {
  return {
    id: accountIdFor(profile.username, grant.origin),
    username: profile.username,
    displayName: profile.display_name,
    avatar: profile.avatar,
    origin: grant.origin,
    scopes: grant.scopes,
    defaults: {
      visibility: profile.source.privacy,
      language: profile.source.language,
      sensitive: profile.source.sensitive,
      quotePolicy: profile.source.quote_policy,
    },
    serverId: profile.id,
    token: grant.token,
    registrationKey: grant.registrationKey,
    connectedAt: grant.connectedAt,
  };
}

/** What the UI may see: everything but the token and bookkeeping. */
export function toAccountView(account: StoredAccount): AccountView {
  const { token: _token, serverId: _serverId, registrationKey: _key, connectedAt: _at, ...view } = account;
  return view;
}

export interface AccountStore {
  read(): Promise<AccountsState>;
  /** Adds the account, or replaces the one with the same id (connecting again). */
  upsert(account: StoredAccount): Promise<AccountsState>;
  remove(id: string): Promise<AccountsState>;
  setDefault(id: string): Promise<AccountsState>;
}

export function createAccountStore(store: StoredValue<AccountsState>): AccountStore {
  const update = createUpdater(store);
  return {
    read: () => store.getValue(),
    upsert: (account) =>
      update((state) => {
        const index = state.accounts.findIndex((a) => a.id === account.id);
        const accounts = index < 0 ? [...state.accounts, account] : state.accounts.with(index, account);
        return { accounts, defaultAccountId: state.defaultAccountId ?? account.id };
      }),
    remove: (id) =>
      update((state) => {
        const accounts = state.accounts.filter((a) => a.id !== id);
        const defaultAccountId = state.defaultAccountId === id ? (accounts[0]?.id ?? null) : state.defaultAccountId;
        return { accounts, defaultAccountId };
      }),
    setDefault: (id) =>
      update((state) => (state.accounts.some((a) => a.id === id) ? { ...state, defaultAccountId: id } : state)),
  };
}
