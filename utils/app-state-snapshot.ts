import { browser } from 'wxt/browser';
import type { AppState } from '@/lib/messages';

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
const VERSION = 1;

interface Stored {
  version: number;
  state: AppState;
}

export async function readAppStateSnapshot(): Promise<AppState | null> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<Stored> | undefined;
  return stored?.version === VERSION && stored.state ? stored.state : null;
}

/** Background only: each time the state it would answer changes. */
export async function writeAppStateSnapshot(state: AppState): Promise<void> {
  await browser.storage.local.set({ [KEY]: { version: VERSION, state } satisfies Stored });
}
