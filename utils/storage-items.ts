import { storage } from 'wxt/utils/storage';
import { EMPTY_ACCOUNTS, type AccountsState } from '@/lib/accounts';
import type { PendingFlows } from '@/lib/connect';
import type { ConnectStatus } from '@/lib/messages';
import type { RegistrationMap } from '@/lib/registrations';

/**
 * Everything Fedipost stores, as versioned WXT items. Background only: these hold
 * client secrets and tokens. App registrations stay in storage.local, never sync.
 */
export const registrationsItem = storage.defineItem<RegistrationMap>('local:registrations', {
  fallback: {},
  version: 1,
});

export const accountsItem = storage.defineItem<AccountsState>('local:accounts', {
  fallback: EMPTY_ACCOUNTS,
  version: 1,
});

/** state → PKCE verifier of sign-ins under way; gone when the browser restarts. */
export const pendingFlowsItem = storage.defineItem<PendingFlows>('session:pendingFlows', { fallback: {} });

export const connectStatusItem = storage.defineItem<ConnectStatus>('session:connectStatus', {
  fallback: { state: 'idle' },
});
