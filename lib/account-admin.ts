import { accountFromCredentials, toAccountView, type AccountStore } from './accounts';
import { verifyCredentials } from './mastodon/accounts';
import { MastodonError } from './mastodon/errors';
import { revokeToken } from './mastodon/oauth';
import type { AccountRefreshError, AccountView, RegistrationView } from './messages';
import type { RegistrationCache } from './registrations';
import type { ServerProfile } from './server-profile';

export interface AccountAdminDeps {
  accounts: AccountStore;
  registrations: RegistrationCache;
  fetch: typeof globalThis.fetch;
  /** The server's profile (cached with its limits): does revoking delete the app? */
  profileOf(origin: string): Promise<ServerProfile>;
}

function refreshErrorFrom(error: unknown): AccountRefreshError {
  if (!(error instanceof MastodonError)) return { code: 'failed' };
  if (error.kind === 'network' || error.kind === 'timeout') return { code: 'unreachable' };
  if (error.status === 401) return { code: 'unauthorized' };
  if (error.status === 429) return { code: 'rate-limited' };
  return { code: 'failed' };
}

/** What the options page does with accounts and cached registrations. */
export function createAccountAdmin(deps: AccountAdminDeps) {
  const find = async (accountId: string) => (await deps.accounts.read()).accounts.find((a) => a.id === accountId);

  return {
    setDefault: async (accountId: string) => void (await deps.accounts.setDefault(accountId)),

    /** verify_credentials again: name, avatar and posting defaults may have changed. */
    async refresh(accountId: string): Promise<{ ok: true; account: AccountView } | { ok: false; error: AccountRefreshError }> {
      const account = await find(accountId);
      if (!account) return { ok: false, error: { code: 'no-account' } };
      try {
        const profile = await verifyCredentials({ origin: account.origin, fetch: deps.fetch }, account.token);
        const refreshed = { ...accountFromCredentials(profile, account), id: account.id };
        await deps.accounts.upsert(refreshed);
        return { ok: true, account: toAccountView(refreshed) };
      } catch (error) {
        return { ok: false, error: refreshErrorFrom(error) };
      }
    },

    /** Revoke on the server, then forget here whatever the server said. */
    async disconnect(accountId: string): Promise<{ revoked: boolean }> {
      const account = await find(accountId);
      if (!account) return { revoked: true };
      // Accounts keep their app's credentials; older ones fall back to the cached registration.
      const app = account.app ?? (await deps.registrations.get(account.registrationKey)) ?? null;
      let revoked = false;
      if (app) {
        try {
          await revokeToken({ origin: account.origin, fetch: deps.fetch }, app, account.token);
          revoked = true;
        } catch {
          revoked = false;
        }
        // snac deletes the app with the token: reusing the registration would dead-end the next connect.
        if (revoked && (await deps.profileOf(account.origin)).revokeDeletesApp) await deps.registrations.drop(account.registrationKey);
      }
      await deps.accounts.remove(accountId);
      return { revoked };
    },

    async listRegistrations(): Promise<RegistrationView[]> {
      const [registrations, { accounts }] = await Promise.all([deps.registrations.list(), deps.accounts.read()]);
      return registrations.map(({ clientSecret: _secret, ...registration }) => ({
        ...registration,
        accountIds: accounts.filter((a) => a.registrationKey === registration.key).map((a) => a.id),
      }));
    },

    dropRegistration: (key: string) => deps.registrations.drop(key),
    dropAllRegistrations: () => deps.registrations.dropAll(),
  };
}
