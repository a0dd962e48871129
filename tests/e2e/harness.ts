import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index.ts';
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
  run: (driver: D, servers: FakeMastodon[]) => Promise<void>;
}

export const handle = (username: string, server: FakeMastodon) => `@${username}@${server.host}`;

/** The only status on the server, after checking that there is exactly one. */
export function onlyStatus(server: FakeMastodon) {
  assert.equal(server.statuses.length, 1, `exactly one status on the server, not ${server.statuses.length}`);
  return server.statuses[0]!;
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

/** On the instance's sign-in page: signs in as `username` and authorizes. */
export async function authorize(signIn: PageLike, username = 'alice') {
  if (username !== 'alice') await signIn.type('Username', username);
  await signIn.click('Authorize');
}

/** A fresh browser profile and fresh test servers for every scenario; all closed afterwards. */
async function withBrowser<D extends Driver>(start: () => Promise<D>, { servers, run }: Scenario<D>) {
  const started = await Promise.all(Array.from({ length: servers }, () => startFakeMastodon()));
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

/** Registers the scenarios as node:test tests, each with its own browser. */
export function registerScenarios<D extends Driver>(start: () => Promise<D>, scenarios: Array<Scenario<D>>) {
  for (const scenario of scenarios) {
    test(scenario.title, { timeout: TEST_TIMEOUT_MS }, () => withBrowser(start, scenario));
  }
}
