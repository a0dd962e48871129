import { browser } from 'wxt/browser';
import { CONNECT_ERROR_CODES, CONNECT_PHASES, type AccountView, type AppState, type ComposerState, type ConnectStatus, type WaitingAccountView } from '@/lib/messages';
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
/** The toolbar popup's composer as it last showed it; written by the popup itself. */
const COMPOSER_KEY = 'composerSnapshot';
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

export interface LastKnown {
  app: AppState | null;
  /** The toolbar popup's composer; null unless its account is one of `app`'s. */
  composer: ComposerState | null;
}

/**
 * Both snapshots in one read: what an opening toolbar popup draws before the worker
 * answers, the connect form or the composer with its draft.
 */
export async function readLastKnown(): Promise<LastKnown> {
  const stored = await browser.storage.local.get([KEY, COMPOSER_KEY]);
  const app = stored[KEY] as Partial<Stored> | undefined;
  const composer = stored[COMPOSER_KEY] as Partial<StoredComposer> | undefined;
  const appState = app?.version === VERSION && isAppState(app.state) ? app.state : null;
  const composerState =
    composer?.version === COMPOSER_VERSION &&
    composer.build === build() &&
    isComposerState(composer.state) &&
    // An account disconnected since (elsewhere) is not drawn, not even for a moment.
    appState?.accounts.some((a) => a.id === (composer.state as ComposerState).account?.id)
      ? composer.state
      : null;
  return { app: appState, composer: composerState };
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

/**
 * Written and read by the same build only (the manifest version is part of the stamp):
 * a ComposerState is too large to check field by field, and it is only drawn until the
 * background's answer replaces it. The top level and the draft's core are checked, so a
 * damaged one is ignored like a damaged AppState.
 */
const COMPOSER_VERSION = 1;
const build = () => browser.runtime.getManifest().version;

interface StoredComposer {
  version: number;
  build: string;
  state: ComposerState;
}

const isArrayOf = (check: (value: unknown) => boolean, value: unknown) => Array.isArray(value) && value.every(check);

function isComposerState(value: unknown): value is ComposerState {
  if (!isObject(value) || !isObject(value.draft) || !isObject(value.limits) || !isObject(value.server)) return false;
  const { draft } = value;
  return (
    value.draftId === 'popup' &&
    isString(draft.idempotencyKey) &&
    isString(draft.text) &&
    Array.isArray(draft.media) &&
    isArrayOf(isString, draft.crosspostTo) &&
    isObject(draft.targets) &&
    (value.account === null || isAccountView(value.account)) &&
    typeof value.limits.maxCharacters === 'number' &&
    typeof value.limitsAreDefaults === 'boolean' &&
    isString(value.uiLanguage) &&
    isOneOf(['remaining', 'used'], value.counterStyle) &&
    (value.undoUntil === null || typeof value.undoUntil === 'number') &&
    isArrayOf(isString, value.recentLanguages) &&
    typeof value.altTextReminder === 'boolean' &&
    typeof value.quotes === 'boolean' &&
    Array.isArray(value.servers)
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

/** Writes wait this long after the last change (typing), and go at once when the popup is closed. */
const KEEP_DELAY_MS = 300;

/**
 * The toolbar popup's keeper of its composer snapshot: `state` starts as the one read at
 * opening and follows what is kept, so a composer drawn again (after "Add account")
 * starts from the latest one too.
 */
export function composerSnapshotKeeper(initial: ComposerState | null) {
  let latest = initial;
  let unsaved: ComposerState | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    clearTimeout(timer);
    if (!unsaved) return;
    const state = unsaved;
    unsaved = null;
    // Best effort: a lost write only means the next opening waits for the background.
    browser.storage.local.set({ [COMPOSER_KEY]: { version: COMPOSER_VERSION, build: build(), state } satisfies StoredComposer }).catch(() => {});
  };
  addEventListener('pagehide', write);
  return {
    get state() {
      return latest;
    },
    keep(state: ComposerState) {
      latest = state;
      unsaved = state;
      clearTimeout(timer);
      timer = setTimeout(write, KEEP_DELAY_MS);
    },
  };
}
