import { storage } from 'wxt/utils/storage';
import { checkAccounts, EMPTY_ACCOUNTS, migrateAccountsV1 } from '@/lib/accounts';
import { checkDrafts, migrateDraftsV1 } from '@/lib/composer/draft';
import { checkInstances } from '@/lib/composer/instance-limits';
import { checkPosted } from '@/lib/composer/posted';
import { checkUndo } from '@/lib/composer/undo-store';
import { checkRecentPosts } from '@/lib/composer/edit';
import { checkPendingFlows } from '@/lib/connect/pending-flows';
import { checkConnectStatus } from '@/lib/connect/service';
import { checkRegistrations } from '@/lib/registrations';
import { checkedValue, createSetAsideLog } from '@/lib/set-aside';
import { checkSignUpDraft, checkWaitingAccounts } from '@/lib/signup/waiting';

/**
 * Everything Fedipost stores, as versioned WXT items. Background only: these hold
 * client secrets and tokens. App registrations stay in storage.local, never sync.
 *
 * Every item has a version and a migration for each step up to it (WXT runs them when
 * the worker starts). Nothing is trusted as stored, though: each item is read through
 * its check (`checkedValue`), which keeps what is valid, gives defaults for fields an
 * older shape lacks, and sets aside what can't be read, with a note the UI shows.
 * The raw `*Storage` items are for migrations, watching and tests only.
 */

/** Notes about stored entries that had to be set aside (shown in the popup and options page). */
export const setAsideStorage = storage.defineItem<unknown>('local:setAside', { fallback: [], version: 1, migrations: {} });
export const setAsideLog = createSetAsideLog(setAsideStorage);

export const registrationsStorage = storage.defineItem<unknown>('local:registrations', {
  fallback: {},
  version: 1,
  migrations: {},
});
export const registrationsItem = checkedValue(registrationsStorage, checkRegistrations, { log: setAsideLog, item: 'registrations' });

export const accountsStorage = storage.defineItem<unknown>('local:accounts', {
  fallback: EMPTY_ACCOUNTS,
  version: 2,
  // v2 keeps each account's app credentials with it, copied from its registration.
  migrations: { 2: async (v1) => migrateAccountsV1(v1, await registrationsStorage.getValue()) },
});
export const accountsItem = checkedValue(accountsStorage, checkAccounts, { log: setAsideLog, item: 'accounts' });

/** state → PKCE verifier of sign-ins under way; gone when the browser restarts. */
export const pendingFlowsStorage = storage.defineItem<unknown>('session:pendingFlows', { fallback: {}, version: 1, migrations: {} });
export const pendingFlowsItem = checkedValue(pendingFlowsStorage, checkPendingFlows);

export const connectStatusStorage = storage.defineItem<unknown>('session:connectStatus', {
  fallback: { state: 'idle' },
  version: 1,
  migrations: {},
});
export const connectStatusItem = checkedValue(connectStatusStorage, checkConnectStatus);

/**
 * The draft of each composer surface, saved as the person types; gone only once posted.
 * v2 adds cross-posting: the other accounts chosen (`crosspostTo`) and each one's result (`targets`).
 */
export const draftsStorage = storage.defineItem<unknown>('local:drafts', { fallback: {}, version: 2, migrations: { 2: migrateDraftsV1 } });
export const draftsItem = checkedValue(draftsStorage, checkDrafts, { log: setAsideLog, item: 'drafts' });

/** Each instance's announced limits, so the composer opens without a round trip. */
export const instancesStorage = storage.defineItem<unknown>('local:instances', { fallback: {}, version: 1, migrations: {} });
export const instancesItem = checkedValue(instancesStorage, checkInstances);

/** Outcomes of recent posts by Idempotency-Key, for a window whose answer was lost (a day). */
export const postedStorage = storage.defineItem<unknown>('local:posted', { fallback: {}, version: 1, migrations: {} });
export const postedItem = checkedValue(postedStorage, checkPosted);

/** Posts that Undo can still take back, with the draft as it was posted (seconds to minutes). */
export const undoStorage = storage.defineItem<unknown>('local:undo', { fallback: {}, version: 1, migrations: {} });
export const undoItem = checkedValue(undoStorage, checkUndo);
/** Each account's newest posts from this browser (a few): the popup's list, with Edit and Delete & redraft. */
export const recentPostsStorage = storage.defineItem<unknown>('local:recentPosts', { fallback: {}, version: 1, migrations: {} });
export const recentPostsItem = checkedValue(recentPostsStorage, checkRecentPosts);
/** Languages of the latest posts, latest first: the composer's language list starts with them. */
export const recentLanguagesItem = storage.defineItem<string[]>('local:recentLanguages', { fallback: [], version: 1 });

/** Accounts created from the popup, waiting for their email or for staff (tokens inside). */
export const waitingAccountsStorage = storage.defineItem<unknown>('local:waitingAccounts', { fallback: [], version: 1, migrations: {} });
export const waitingAccountsItem = checkedValue(waitingAccountsStorage, checkWaitingAccounts);

/**
 * The sign-up form but the password, so it survives the popup closing while the person
 * reads their mail; storage.session forgets it with the browser.
 */
export const signUpDraftStorage = storage.defineItem<unknown>('session:signUpDraft', { fallback: null, version: 1, migrations: {} });
export const signUpDraftItem = checkedValue(signUpDraftStorage, checkSignUpDraft);
