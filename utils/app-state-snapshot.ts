import { browser } from 'wxt/browser';
import { CONNECT_ERROR_CODES, CONNECT_PHASES, type AccountView, type AppState, type ConnectStatus, type WaitingAccountView } from '@/lib/messages';
import { webUrl } from '@/lib/web-url';

/**
 * The popup's last known state, kept by the background in storage.local, so that an
 * opening popup draws at once instead of waiting for the worker (which may have to
 * start first); the background's answer replaces it a moment later. Token-free:
 * AppState holds account views only, so any UI page may read it.
 *
 * Plain storage.local rather than a WXT item: the popup would otherwise ship WXT's
 * storage layer for one read.
 */
const KEY = 'appStateSnapshot';
/** Raised whenever AppState changes shape: an older snapshot is then ignored, never misread. */
const VERSION = 2;

interface Stored {
  version: number;
  state: AppState;
}

export async function readAppStateSnapshot(): Promise<AppState | null> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<Stored> | undefined;
  return stored?.version === VERSION && isAppState(stored.state) ? stored.state : null;
}

/*
 * Checked by hand, not with a schema: zod would be most of the popup's size. A damaged
 * snapshot (a crash mid-write, another version's) is ignored: the popup then waits for
 * the background's answer, which comes from checked storage.
 */
type Untrusted = Record<string, unknown>;
const isObject = (value: unknown): value is Untrusted => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isOneOf = (values: readonly string[], value: unknown) => isString(value) && values.includes(value);

function isAccountView(value: unknown): value is AccountView {
  if (!isObject(value) || !isObject(value.defaults)) return false;
  const { id, username, displayName, avatar, origin, scopes, defaults } = value;
  return (
    isString(id) &&
    isString(username) &&
    isString(displayName) &&
    isString(avatar) &&
    (avatar === '' || webUrl(avatar) !== null) &&
    isString(origin) &&
    Array.isArray(scopes) &&
    scopes.every(isString) &&
    isOneOf(['public', 'unlisted', 'private', 'direct'], defaults.visibility) &&
    (defaults.language === null || isString(defaults.language)) &&
    typeof defaults.sensitive === 'boolean'
  );
}

function isConnectStatus(value: unknown): value is ConnectStatus {
  if (!isObject(value)) return false;
  switch (value.state) {
    case 'idle':
      return true;
    case 'running':
      return isOneOf(CONNECT_PHASES, value.phase) && isString(value.input);
    case 'done':
      return isString(value.accountId);
    case 'failed':
      return isString(value.input) && isObject(value.error) && isOneOf(CONNECT_ERROR_CODES, value.error.code);
    default:
      return false;
  }
}

function isWaitingAccountView(value: unknown): value is WaitingAccountView {
  if (!isObject(value)) return false;
  const { id, username, origin, email, state, createdAt } = value;
  return (
    isString(id) &&
    isString(username) &&
    isString(origin) &&
    isString(email) &&
    isOneOf(['confirm-email', 'approval'], state) &&
    typeof createdAt === 'number'
  );
}

function isAppState(value: unknown): value is AppState {
  return (
    isObject(value) &&
    Array.isArray(value.accounts) &&
    value.accounts.every(isAccountView) &&
    (value.defaultAccountId === null || isString(value.defaultAccountId)) &&
    isConnectStatus(value.connect) &&
    isString(value.redirectUri) &&
    isString(value.scopes) &&
    Array.isArray(value.waiting) &&
    value.waiting.every(isWaitingAccountView)
  );
}

/** Background only: each time the state it would answer changes. */
export async function writeAppStateSnapshot(state: AppState): Promise<void> {
  await browser.storage.local.set({ [KEY]: { version: VERSION, state } satisfies Stored });
}
