import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFakeMastodon, type DialectName, type FakeMastodon, type FakeMastodonOptions } from '../fake-mastodon/index.ts';
import type { Driver, PageLike } from './drivers/types.ts';
import { assertNotBlank } from './png.ts';

/** Per test: launching the browser, a few sign-ins and screenshots, with room for a slow CI. */
const TEST_TIMEOUT_MS = 60_000;

/**
 * One real-browser test, written once against the driver interface. A scenario that needs
 * what only one browser's driver offers says so in `D`, and only that browser can run it.
 */
export interface Scenario<D extends Driver = Driver> {
  title: string;
  /** How many fresh test servers it gets. */
  servers: number;
  /** The family the test servers imitate (default mastodon). */
  dialect?: DialectName;
  /** The test servers' limits, where Mastodon's defaults won't do (a short limit makes a thread of a few lines). */
  limits?: FakeMastodonOptions['limits'];
  run: (driver: D, servers: FakeMastodon[]) => Promise<void>;
}

export const handle = (username: string, server: FakeMastodon) => `@${username}@${server.host}`;

/** The only status on the server, after checking that there is exactly one. */
export function onlyStatus(server: FakeMastodon) {
  assert.equal(server.statuses.length, 1, `exactly one status on the server, not ${server.statuses.length}`);
  return server.statuses[0]!;
}

/**
 * Post for a draft whose media has no alt text: Post asks once ("Add alt text?"), and
 * "Post anyway" sends it. Nothing goes out before the answer; the one status is returned.
 */
export async function postWithoutAltText(page: PageLike, server: FakeMastodon) {
  await page.click('Post');
  await page.waitFor('button', 'Post anyway');
  assert.equal(server.statuses.length, 0, 'nothing posted before the answer');
  await page.click('Post anyway');
  await page.waitFor('link', 'View post');
  return onlyStatus(server);
}

/** Saves a screenshot (see PageLike.screenshot), fails if it is blank, and returns it. */
export async function screenshot(page: PageLike, name: string): Promise<Buffer> {
  const png = await page.screenshot(name);
  assertNotBlank(png, `the page (${name})`);
  return png;
}

/**
 * Connects through the real sign-in window as a person would: types the instance,
 * sends the form (Connect, or Enter in the field), signs in as `username` on the
 * instance's page and authorizes.
 */
export async function connect(
  driver: Driver,
  page: PageLike,
  server: FakeMastodon,
  { username = 'alice', submitWith = 'Connect' }: { username?: string; submitWith?: 'Connect' | 'Enter' } = {},
) {
  await page.type('Instance', server.origin);
  const signIn = driver.waitForWindow(`${server.origin}/oauth/authorize`);
  if (submitWith === 'Enter') await page.press('Enter');
  else await page.click('Connect');
  await authorize(await signIn, username);
  await page.waitForText(handle(username, server));
}

/**
 * On the instance's sign-in page: signs in as `username` and authorizes. Where the server
 * asks for an e-mail address first (Hollo), that page comes before consent.
 */
export async function authorize(signIn: PageLike, username = 'alice') {
  if (await signIn.isShown('button', 'Sign in')) {
    if (username !== 'alice') await signIn.type('Email', `${username}@example.test`);
    await signIn.click('Sign in');
    await signIn.waitFor('button', 'Authorize');
  } else if (username !== 'alice') await signIn.type('Username', username);
  await signIn.click('Authorize');
}

/** A fresh browser profile and fresh test servers for every scenario; all closed afterwards. */
async function withBrowser<D extends Driver>(start: () => Promise<D>, { servers, dialect, limits, run }: Scenario<D>) {
  const started = await Promise.all(Array.from({ length: servers }, () => startFakeMastodon({ dialect, limits })));
  let driver: D | undefined;
  try {
    driver = await start();
    await run(driver, started);
    // Both browsers catch the sign-in page's redirect to identity.getRedirectURL() only
    // once its request has started: Chromium cancels it 3 ms after opening the tunnel
    // (net log), Firefox when network activity on it is first reported
    // (ext-identity.js). The code in the URL stays inside the never-established TLS
    // tunnel. Anything else is a leak.
    const redirect = `CONNECT ${driver.redirectHost}:443`;
    const leaks = driver.outsideAttempts().filter((attempt) => attempt !== redirect);
    assert.deepEqual(leaks, [], `${driver.browser} tried to reach hosts other than 127.0.0.1`);
  } finally {
    await driver?.close();
    await Promise.all(started.map((s) => s.close()));
  }
}

/**
 * Registers the scenarios as node:test tests, each with its own browser. With a skip
 * reason (browser missing, or the person opted out) each is reported as skipped, so the
 * closing line counts them instead of dropping them silently.
 */
export function registerScenarios<D extends Driver>(start: () => Promise<D>, scenarios: Array<Scenario<D>>, skip: string | null = null) {
  for (const scenario of scenarios) {
    test(scenario.title, { timeout: TEST_TIMEOUT_MS, skip: skip ?? false }, () => withBrowser(start, scenario));
  }
}
