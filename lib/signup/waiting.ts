import * as z from 'zod/mini';
import type { WaitingAccountView } from '../messages';
import { createUpdater, type StoredValue } from '../stored-value';

/**
 * Accounts created from the popup whose token the server refuses for now (403: email
 * not confirmed, or staff approval pending). The token is kept, so the account becomes
 * a connected one without signing in again once the server accepts it.
 */
export const WaitingAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  origin: z.string(),
  email: z.string(),
  state: z.enum(['confirm-email', 'approval']),
  createdAt: z.number(),
  token: z.string(),
  scopes: z.array(z.string()),
  registrationKey: z.string(),
});
export type WaitingAccount = z.infer<typeof WaitingAccountSchema>;
export type WaitingAccounts = WaitingAccount[];

export function toWaitingView(account: WaitingAccount): WaitingAccountView {
  const { token: _token, scopes: _scopes, registrationKey: _key, ...view } = account;
  return view;
}

export interface WaitingStore {
  list(): Promise<WaitingAccount[]>;
  get(id: string): Promise<WaitingAccount | undefined>;
  /** Adds, or replaces the one with the same id. */
  put(account: WaitingAccount): Promise<void>;
  remove(id: string): Promise<void>;
}

export function createWaitingStore(store: StoredValue<WaitingAccounts>): WaitingStore {
  const update = createUpdater(store);
  return {
    list: () => store.getValue(),
    get: async (id) => (await store.getValue()).find((a) => a.id === id),
    put: async (account) => {
      await update((list) => [...list.filter((a) => a.id !== account.id), account]);
    },
    remove: async (id) => {
      await update((list) => list.filter((a) => a.id !== id));
    },
  };
}
