import * as z from 'zod/mini';
import type { SignUpDraft, WaitingAccountView } from '../messages';
import { field, type Checked } from '../stored-check';
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
  /** The app the token was issued to, as connected accounts keep it (for revoking). */
  app: field(z.nullable(z.object({ clientId: z.string(), clientSecret: z.string() })), null),
  registrationKey: z.string(),
});
export type WaitingAccount = z.infer<typeof WaitingAccountSchema>;
export type WaitingAccounts = WaitingAccount[];

/**
 * Read from storage: each waiting account on its own, so one damaged entry never hides the
 * others; one that can't be read is left out (its account stays on its server, and
 * connecting it signs in as usual). The same account twice: the first one stands.
 */
export function checkWaitingAccounts(raw: unknown): Checked<WaitingAccounts> {
  if (!Array.isArray(raw)) return { value: [], broken: [] };
  const value: WaitingAccounts = [];
  for (const entry of raw) {
    const parsed = WaitingAccountSchema.safeParse(entry);
    if (parsed.success && !value.some((a) => a.id === parsed.data.id)) value.push(parsed.data);
  }
  return { value, broken: [] };
}

const SignUpDraftSchema = z.object({
  input: z.string(),
  username: z.string(),
  email: z.string(),
  dateOfBirth: z.string(),
  reason: z.string(),
  agreed: z.boolean(),
  refusedSignUpUrl: z.optional(z.string()),
}) satisfies z.ZodMiniType<SignUpDraft>;

/** storage.session: a form that can't be read is an empty form, as when the browser restarts. */
export function checkSignUpDraft(raw: unknown): Checked<SignUpDraft | null> {
  const parsed = SignUpDraftSchema.safeParse(raw);
  return { value: parsed.success ? parsed.data : null, broken: [] };
}

export function toWaitingView(account: WaitingAccount): WaitingAccountView {
  const { token: _token, scopes: _scopes, app: _app, registrationKey: _key, ...view } = account;
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
