import * as z from 'zod/mini';
import type { AccountView } from './messages';
import { VISIBILITIES, type CredentialAccount } from './mastodon/accounts';
import { isValidUsername } from './instance-input';
import { webUrl } from './web-url';
import { brokenEntry, field, isRecord, stringField, type Checked, type Describe } from './stored-check';
import { QUOTE_POLICIES } from './mastodon/statuses';
import { createUpdater, type StoredValue } from './stored-value';

/**
 * A connected account as the background keeps it: the view plus what only it may hold.
 * Read from storage through `checkAccounts`: the fields without which the account can't
 * post are required; the rest fall back to defaults (older versions lacked some).
 */
export const StoredAccountSchema = z.object({
  id: z.string().check(z.minLength(1)),
  username: z.string().check(z.minLength(1)),
  displayName: field(z.string(), ''),
  // Shown as an image: only a web URL, whatever storage holds.
  avatar: field(z.string().check(z.refine((url) => url === '' || webUrl(url) !== null)), ''),
  origin: z.string().check(z.refine((origin) => webUrl(origin) !== null)),
  scopes: field(z.array(z.string()), []),
  defaults: field(
    z.object({
      visibility: z.enum(VISIBILITIES),
      language: z.nullable(z.string()),
      sensitive: z.boolean(),
      /** `source[quote_policy]` (Mastodon ≥ 4.5); absent on older servers and older stored accounts. */
      quotePolicy: z.catch(z.optional(z.nullable(z.enum(QUOTE_POLICIES))), undefined),
    }),
    { visibility: 'public', language: null, sensitive: false },
  ),
  /** The account's id on its server (for API paths), not our `id`. */
  serverId: z.string(),
  token: z.string().check(z.minLength(1)),
  /**
   * The app the token was issued to, kept with the account: revoking needs it, and the
   * cached registration may be dropped (options page) long before the account is.
   * Null only for accounts stored before v2 whose registration was already gone.
   */
  app: field(z.nullable(z.object({ clientId: z.string(), clientSecret: z.string() })), null),
  registrationKey: field(z.string(), ''),
  connectedAt: field(z.number(), 0),
}).check(
  // The id shows in menus and names the account everywhere: `username@host`, with a
  // username as Mastodon allows it (one stored before usernames were checked is set aside).
  z.refine((account) => isValidUsername(account.username) && account.id === accountIdFor(account.username, account.origin)),
);
export type StoredAccount = z.infer<typeof StoredAccountSchema>;

export interface AccountsState {
  accounts: StoredAccount[];
  defaultAccountId: string | null;
}
export const EMPTY_ACCOUNTS: AccountsState = { accounts: [], defaultAccountId: null };

/** Of a broken account, only its id may be shown: never its token. */
const describeAccount: Describe = (_key, raw) => ({ label: stringField(raw, 'id'), text: null });

/**
 * The stored accounts as the code may trust them: each account checked on its own (a
 * broken one is left out and reported), the default one of those that remain.
 */
export function checkAccounts(raw: unknown): Checked<AccountsState> {
  if (raw === null || raw === undefined) return { value: EMPTY_ACCOUNTS, broken: [] };
  if (!isRecord(raw) || !Array.isArray(raw.accounts)) return { value: EMPTY_ACCOUNTS, broken: [brokenEntry('', raw, describeAccount)] };
  const accounts: StoredAccount[] = [];
  const broken = [];
  for (const [index, entry] of raw.accounts.entries()) {
    const parsed = StoredAccountSchema.safeParse(entry);
    // The same person twice would show twice in every menu: the first one stands.
    if (parsed.success && !accounts.some((a) => a.id === parsed.data.id)) accounts.push(parsed.data);
    else if (!parsed.success) broken.push(brokenEntry(String(index), entry, describeAccount));
  }
  const wanted = raw.defaultAccountId;
  const defaultAccountId = accounts.some((a) => a.id === wanted) ? (wanted as string) : (accounts[0]?.id ?? null);
  return { value: { accounts, defaultAccountId }, broken };
}

/**
 * storage v1 → v2: accounts keep their app's client id and secret (for revoking). They
 * come from the cached registration the account was made with, where it still exists.
 */
export function migrateAccountsV1(v1: unknown, registrations: unknown): unknown {
  if (!isRecord(v1) || !Array.isArray(v1.accounts)) return v1;
  const apps = isRecord(registrations) ? registrations : {};
  return {
    ...v1,
    accounts: v1.accounts.map((account: unknown) => {
      if (!isRecord(account)) return account;
      const registration = apps[String(account.registrationKey)];
      const clientId = stringField(registration, 'clientId');
      const clientSecret = stringField(registration, 'clientSecret');
      return { ...account, app: clientId !== null && clientSecret !== null ? { clientId, clientSecret } : null };
    }),
  };
}

/** `alice@example.social`: the username at the instance's host (port included). */
function accountIdFor(username: string, origin: string): string {
  return `${username}@${new URL(origin).host}`;
}

export function accountFromCredentials(
  profile: CredentialAccount,
  grant: Pick<StoredAccount, 'origin' | 'token' | 'app' | 'scopes' | 'registrationKey' | 'connectedAt'>,
): StoredAccount {
  return {
    id: accountIdFor(profile.username, grant.origin),
    username: profile.username,
    displayName: profile.display_name,
    avatar: profile.avatar ?? '',
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
    app: grant.app,
    registrationKey: grant.registrationKey,
    connectedAt: grant.connectedAt,
  };
}

/** What the UI may see: everything but the token and bookkeeping. */
export function toAccountView(account: StoredAccount): AccountView {
  const { token: _token, app: _app, serverId: _serverId, registrationKey: _key, connectedAt: _at, ...view } = account;
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
