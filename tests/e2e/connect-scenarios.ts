import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index.ts';
import type { Driver, PageLike } from './drivers/types.ts';
import { assertNotBlank } from './png.ts';

/** Per test: launching the browser, a few sign-ins and screenshots, with room for a slow CI. */
const TEST_TIMEOUT_MS = 60_000;

export type ScenarioId = 'first-connect' | 'reopen-and-second-account' | 'cancelled-sign-in' | 'registration-503' | 'second-instance';

const handle = (username: string, server: FakeMastodon) => `@${username}@${server.host}`;

async function screenshot(page: PageLike, name: string) {
  assertNotBlank(await page.screenshot(name), `the popup (${name})`);
}

/**
 * Connects through the real sign-in window as a person would: types the instance,
 * sends the form (Connect, or Enter in the field), signs in as `username` on the
 * instance's page and authorizes.
 */
async function connect(
  driver: Driver,
  popup: PageLike,
  server: FakeMastodon,
  { username = 'alice', submitWith = 'Connect' }: { username?: string; submitWith?: 'Connect' | 'Enter' } = {},
) {
  await popup.type('Instance', server.origin);
  const signIn = driver.waitForWindow(`${server.origin}/oauth/authorize`);
  if (submitWith === 'Enter') await popup.press('Enter');
  else await popup.click('Connect');
  const window = await signIn;
  if (username !== 'alice') await window.type('Username', username);
  await window.click('Authorize');
  await popup.waitForText(handle(username, server));
}

/** A fresh browser profile and fresh test servers for every scenario; all closed afterwards. */
async function withBrowser(
  start: () => Promise<Driver>,
  servers: number,
  body: (driver: Driver, servers: FakeMastodon[]) => Promise<void>,
) {
  const started = await Promise.all(Array.from({ length: servers }, () => startFakeMastodon()));
  let driver: Driver | undefined;
  try {
    driver = await start();
    await body(driver, started);
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

const SCENARIOS: Record<ScenarioId, { title: string; servers: number; run(driver: Driver, servers: FakeMastodon[]): Promise<void> }> = {
  'first-connect': {
    title: 'first connect through the real sign-in window shows @alice@host',
    servers: 1,
    async run(driver, [server]) {
      const popup = await driver.openPopup();
      await popup.waitFor('textbox', 'Instance');
      await popup.waitFor('button', 'Connect');
      await screenshot(popup, 'empty');

      await popup.type('Instance', server!.origin);
      const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click('Connect');
      const window = await signIn;
      // While the person signs in, the popup says so.
      assert.match(await popup.waitForRole('status'), /sign in/i);
      await window.click('Authorize');
      await popup.waitForText(handle('alice', server!));
      await screenshot(popup, 'connected');
      assert.equal(server!.count('POST', '/api/v1/apps'), 1, 'one app registration');
    },
  },

  'reopen-and-second-account': {
    title: 'reopened popup is still connected; a second account on the same instance reuses the app',
    servers: 1,
    async run(driver, [server]) {
      const first = await driver.openPopup();
      await connect(driver, first, server!);
      await first.close();

      const popup = await driver.openPopup();
      await popup.waitForText(handle('alice', server!));
      await popup.click('Add account');
      await connect(driver, popup, server!, { username: 'bob' });
      await popup.waitForText(handle('alice', server!));
      assert.equal(server!.count('POST', '/api/v1/apps'), 1, 'bob signs in with the app registered for alice');
    },
  },

  'cancelled-sign-in': {
    title: 'closing the sign-in window says "cancelled" and the popup still connects',
    servers: 1,
    async run(driver, [server]) {
      const popup = await driver.openPopup();
      await popup.type('Instance', server!.origin);
      const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click('Connect');
      await (await signIn).close();

      const alert = await popup.waitForRole('alert');
      assert.match(alert, /cancelled/i);
      await screenshot(popup, 'error-cancelled');
      assert.ok(!(await popup.visibleText()).includes(handle('alice', server!)), 'nothing was connected');

      await connect(driver, popup, server!);
    },
  },

  'registration-503': {
    title: 'a 503 on app registration is explained, and connecting works once the server recovers',
    servers: 1,
    async run(driver, [server]) {
      server!.setFault('POST /api/v1/apps', { status: 503 });
      const popup = await driver.openPopup();
      await popup.type('Instance', server!.origin);
      await popup.click('Connect');

      const alert = await popup.waitForRole('alert');
      assert.match(alert, /refused/i);
      assert.ok(alert.includes(server!.host), `the message names the instance: ${alert}`);
      await screenshot(popup, 'error-registration');
      assert.equal(await popup.valueOf('Instance'), server!.origin, 'what was typed is kept');

      server!.setFault('POST /api/v1/apps', null);
      const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click('Connect');
      await (await signIn).click('Authorize');
      await popup.waitForText(handle('alice', server!));
    },
  },

  'second-instance': {
    title: 'accounts on two instances are listed together',
    servers: 2,
    async run(driver, [one, two]) {
      const popup = await driver.openPopup();
      await connect(driver, popup, one!);
      await popup.click('Add account');
      await connect(driver, popup, two!, { submitWith: 'Enter' });
      await popup.waitForText(handle('alice', one!));
      await screenshot(popup, 'two-instances');
      assert.equal(one!.count('POST', '/api/v1/apps'), 1);
      assert.equal(two!.count('POST', '/api/v1/apps'), 1);
    },
  },
};

/** Registers the given scenarios as node:test tests, each with its own browser. */
export function connectScenarios(start: () => Promise<Driver>, ids: ScenarioId[]) {
  for (const id of ids) {
    const scenario = SCENARIOS[id];
    test(scenario.title, { timeout: TEST_TIMEOUT_MS }, () => withBrowser(start, scenario.servers, scenario.run));
  }
}
