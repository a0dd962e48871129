import { vi } from 'vitest';
import { createAccountAdmin } from '@/lib/account-admin';
import { createAccountStore } from '@/lib/accounts';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import type { ConnectDeps } from '@/lib/connect/flow';
import { createConnectService } from '@/lib/connect/service';
import { registerFedipost } from '@/lib/fedipost-app';
import type { ConnectStatus } from '@/lib/messages';
import { createRegistrationCache } from '@/lib/registrations';
import { accountsItem, connectStatusItem, instancesItem, pendingFlowsItem, registrationsItem } from '@/entrypoints/background/storage-items';
import { AuthorizePageError, authorizeLikeBrowser } from '../fake-mastodon/authorize-like-browser';
import { TEST_REDIRECT_URL } from '../setup';

/**
 * How `launchWebAuthFlow` ends when the authorize page shows an error (an unknown
 * client_id) instead of redirecting: Chrome rejects at once because the page answered
 * an HTTP error; Firefox keeps the page on screen until the person closes the window.
 */
export const ERROR_PAGE_ENDINGS = {
  chrome: 'Authorization page could not be loaded.',
  firefox: 'User cancelled or denied access.',
} as const;

/** The sign-in window as a browser runs it, over the test server's real pages. */
export function signInWindow(options: { username?: string; browser?: keyof typeof ERROR_PAGE_ENDINGS } = {}) {
  // `stop`: the flow gave up waiting (a browser's own window goes on regardless).
  return async (url: string, _stop?: AbortSignal) => {
    try {
      return await authorizeLikeBrowser(url, { username: options.username });
    } catch (error) {
      if (error instanceof AuthorizePageError && error.status >= 400) throw new Error(ERROR_PAGE_ENDINGS[options.browser ?? 'chrome']);
      throw error;
    }
  };
}

/**
 * The background's connect wiring with the real storage items (over WXT's fake
 * browser) and real HTTP to the test server; only the sign-in window is replaced, by
 * a function that loads the authorize page and submits it as a browser would.
 */
export function connectHarness(
  options: {
    username?: string;
    redirectUri?: string;
    timeoutMs?: number;
    signInTimeoutMs?: number;
    browser?: keyof typeof ERROR_PAGE_ENDINGS;
    now?: () => number;
  } = {},
) {
  const launchAuthFlow = vi.fn(signInWindow(options));
  const registrations = createRegistrationCache(registrationsItem, registerFedipost(fetch), options.now);
  const instances = createInstanceCache(instancesItem, fetch, options.now);
  const accounts = createAccountStore(accountsItem);
  // The service reads these at each step: a test may change one between connects.
  const deps: ConnectDeps = {
    fetch,
    redirectUri: options.redirectUri ?? TEST_REDIRECT_URL,
    launchAuthFlow,
    registrations,
    instances,
    accounts,
    now: options.now,
    pendingFlows: pendingFlowsItem,
    timeoutMs: options.timeoutMs ?? 1500,
    signInTimeoutMs: options.signInTimeoutMs,
  };
  const broadcasts: ConnectStatus[] = [];
  const service = createConnectService(Object.assign(deps, { status: connectStatusItem, broadcast: (s: ConnectStatus) => broadcasts.push(s) }));
  // The options page's actions, wired as the background wires them.
  const profileOf = async (origin: string) => (await instances.limitsFor(origin)).profile;
  const admin = createAccountAdmin({ accounts, registrations, fetch, profileOf });
  return { deps, launchAuthFlow, registrations, instances, accounts, service, broadcasts, admin, profileOf };
}

/** The grant types of the token requests the server saw, in order. */
export function tokenGrants(requests: ReadonlyArray<{ method: string; path: string; body?: Record<string, unknown> }>): unknown[] {
  return requests.filter((r) => r.method === 'POST' && r.path === '/oauth/token').map((r) => r.body?.grant_type);
}
