import { storage } from 'wxt/utils/storage';
import { EMPTY_ACCOUNTS, type AccountsState } from '@/lib/accounts';
import type { InstanceCacheMap } from '@/lib/composer/instance-limits';
import type { DraftMap, PostedMap } from '@/lib/composer/service';
import type { PendingFlows } from '@/lib/connect/flow';
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

/** The draft of each composer surface, saved as the person types; gone only once posted. */
export const draftsItem = storage.defineItem<DraftMap>('local:drafts', { fallback: {}, version: 1 });

/** Each instance's announced limits, so the composer opens without a round trip. */
export const instancesItem = storage.defineItem<InstanceCacheMap>('local:instances', { fallback: {}, version: 1 });

/** Outcomes of recent posts by Idempotency-Key, for a window whose answer was lost (a day). */
export const postedItem = storage.defineItem<PostedMap>('local:posted', { fallback: {}, version: 1 });
