import { afterEach, vi } from 'vitest';
import { createAccountStore } from '@/lib/accounts';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import { registerFedipost } from '@/lib/fedipost-app';
import type { SignUpRequest } from '@/lib/messages';
import { createRegistrationCache } from '@/lib/registrations';
import { createSignUpService } from '@/lib/signup/service';
import { createWaitingStore } from '@/lib/signup/waiting';
import { accountsItem, instancesItem, registrationsItem, signUpDraftItem, waitingAccountsItem } from '@/entrypoints/background/storage-items';
import { startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from '../fake-mastodon/index';
import { TEST_REDIRECT_URL } from '../setup';

/**
 * The background's sign-up wiring with the real storage items (over WXT's fake browser)
 * and real HTTP to the test server; only opening a tab is recorded instead.
 */
export function signUpHarness(options: { uiLanguage?: string } = {}) {
  const openTab = vi.fn(async (_url: string) => {});
  const registrations = createRegistrationCache(registrationsItem, registerFedipost(fetch));
  const accounts = createAccountStore(accountsItem);
  const waiting = createWaitingStore(waitingAccountsItem);
  const instances = createInstanceCache(instancesItem, fetch);
  const service = createSignUpService({
    fetch,
    redirectUri: TEST_REDIRECT_URL,
    registrations,
    accounts,
    waiting,
    draft: signUpDraftItem,
    uiLanguage: () => options.uiLanguage ?? 'en',
    openTab,
    profileOf: async (origin) => (await instances.limitsFor(origin)).profile,
    timeoutMs: 1500,
  });
  return { service, openTab, registrations, accounts, waiting };
}

/** A complete, valid form for `server`. */
export function request(server: FakeMastodon, overrides: Partial<SignUpRequest> = {}): SignUpRequest {
  return {
    origin: server.origin,
    username: 'carol',
    email: 'carol@example.com',
    password: 'correct horse battery',
    agreement: true,
    ...overrides,
  };
}

/** The person clicking the link in the latest email sent to `address`. */
export async function clickConfirmationLink(server: FakeMastodon, address: string): Promise<void> {
  const email = server.emails.findLast((e) => e.to === address);
  if (!email) throw new Error(`no email was sent to ${address}`);
  const response = await fetch(email.link);
  if (!response.ok) throw new Error(`confirmation link answered ${response.status}`);
}

/** The staff approving the sign-up (the test server's test-only endpoint). */
export async function approve(server: FakeMastodon, username: string): Promise<void> {
  const response = await fetch(`${server.origin}/_test/accounts/${username}/approve`, { method: 'POST' });
  if (!response.ok) throw new Error(`approval answered ${response.status}`);
}

/** A test server per call, each closed after the test that started it. Call once, at a test file's top level. */
export function serversClosedAfterEach(): (options?: FakeMastodonOptions) => Promise<FakeMastodon> {
  let servers: FakeMastodon[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  return async (options = {}) => {
    const server = await startFakeMastodon(options);
    servers.push(server);
    return server;
  };
}

/** The sign-up requests a server received. */
export const accountPosts = (server: FakeMastodon) => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/accounts');
