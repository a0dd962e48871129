import { vi } from 'vitest';
import type { SignUpDraft, SignUpInfo, SignUpOutcome, SignUpRequest, WaitingAccountView, WaitingCheck } from '@/lib/messages';
import type { SignUpBackend } from '@/components/signup/SignUpView';
import type { WaitingAccountBackend } from '@/components/signup/WaitingAccount';

export const ORIGIN = 'https://social.example';

/** What an open Mastodon server says about joining. */
export function openInfo(overrides: Partial<SignUpInfo> = {}): SignUpInfo {
  return {
    origin: ORIGIN,
    host: 'social.example',
    title: 'Social Example',
    mode: 'open',
    reasonRequired: false,
    minAge: null,
    message: null,
    url: null,
    rules: [
      { id: '1', text: 'Be kind.', hint: '' },
      { id: '2', text: 'No spam.', hint: 'Advertising belongs elsewhere.' },
    ],
    privacyPolicyUrl: `${ORIGIN}/privacy-policy`,
    termsUrl: `${ORIGIN}/terms-of-service`,
    ...overrides,
  };
}

export function waitingAccount(overrides: Partial<WaitingAccountView> = {}): WaitingAccountView {
  return { id: 'carol@social.example', username: 'carol', origin: ORIGIN, email: 'carol@example.com', state: 'confirm-email', createdAt: 1, ...overrides };
}

/**
 * The background's sign-up side in memory: `info` answers checkSignUp, `outcomes` answer
 * signUp in turn, `draft` is the saved form, `check` answers checkWaitingAccounts.
 */
export function fakeSignUp(options: { info?: SignUpInfo; outcomes?: SignUpOutcome[]; draft?: SignUpDraft | null; check?: WaitingCheck } = {}) {
  const store = { draft: options.draft ?? null };
  const outcomes = [...(options.outcomes ?? [])];
  const backend = {
    checkSignUp: vi.fn(async (_data: { input: string }) => ({ ok: true as const, info: options.info ?? openInfo() })),
    signUp: vi.fn(async (_request: SignUpRequest): Promise<SignUpOutcome> => outcomes.shift() ?? { ok: true, waiting: waitingAccount() }),
    getSignUpDraft: vi.fn(async () => structuredClone(store.draft)),
    saveSignUpDraft: vi.fn(async ({ draft }: { draft: SignUpDraft | null }) => {
      store.draft = structuredClone(draft);
    }),
    resendConfirmation: vi.fn(async ({ email }: { id: string; email?: string }) => ({ ok: true as const, waiting: waitingAccount({ email: email ?? 'carol@example.com' }) })),
    checkWaitingAccounts: vi.fn(async (): Promise<WaitingCheck> => options.check ?? { activated: [], waiting: [] }),
  } satisfies SignUpBackend & WaitingAccountBackend & Record<string, unknown>;
  return { backend, store };
}
