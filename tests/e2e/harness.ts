import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ARTIFACTS } from '../../scripts/support/paths.ts';
import { startFakeMastodon, type DialectName, type FakeMastodon, type FakeMastodonOptions } from '../fake-mastodon/index.ts';
import type { AxeViolation, Driver, Launch, PageLike, ThemedPage } from './drivers/types.ts';
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
  /** How its browser starts (UI language, colour scheme); the default is English, light. */
  launch?: Launch;
  /** Its own time limit, for one that walks through many screens (default TEST_TIMEOUT_MS). */
  timeoutMs?: number;
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

/** One axe-core audit: which browser, which screen in which state, which colour scheme. */
interface AuditRecord {
  browser: string;
  state: string;
  scheme: 'light' | 'dark';
  violations: number;
}
const audits: AuditRecord[] = [];

const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `  ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n${v.nodes.map((n) => `    - ${n}`).join('\n')}`).join('\n');

/**
 * Runs axe-core on the page as it is now and fails on any violation. Where the browser
 * can switch the colour scheme (Chromium), in both light and dark, then back; elsewhere
 * in the scheme the browser was started with (Firefox runs the tour once in each).
 */
export async function audit(driver: Driver, page: PageLike, state: string): Promise<void> {
  const themed = 'emulateColorScheme' in page ? (page as ThemedPage) : null;
  const schemes = themed ? (['light', 'dark'] as const) : [driver.colorScheme];
  for (const scheme of schemes) {
    await themed?.emulateColorScheme(scheme);
    const violations = await page.audit();
    audits.push({ browser: driver.browser, state, scheme, violations: violations.length });
    assert.equal(violations.length, 0, `axe-core: ${state} (${driver.browser}, ${scheme}) breaks ${violations.length} rule(s):\n${describeViolations(violations)}`);
  }
  await themed?.emulateColorScheme(driver.colorScheme);
}

/**
 * Saves a screenshot (see PageLike.screenshot), fails if it is blank, and returns it.
 * Every screen a scenario captures is a state worth auditing: axe-core runs on it too, so
 * a new scenario's screens are audited without anyone adding it to a list.
 */
export async function screenshot(driver: Driver, page: PageLike, name: string, options?: { fullPage?: boolean }): Promise<Buffer> {
  // The picture first: it shows the moment the scenario chose (an upload in progress).
  const png = await page.screenshot(name, options);
  assertNotBlank(png, `the page (${name})`);
  await audit(driver, page, name);
  return png;
}

/** Writes what was audited in this process to `tests/e2e/artifacts/axe-<browser>.json` (scripts/test-e2e.ts sums them up). */
function writeAuditReport(browser: string) {
  const mine = audits.filter((a) => a.browser === browser);
  if (mine.length === 0) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `axe-${browser}.json`), JSON.stringify(mine, null, 2));
}

/**
 * Connects through the real sign-in window as a person would: types the instance,
 * sends the form (its button, or Enter in the field), signs in as `username` on the
 * instance's page and authorizes. `labels`: the form's field and button as the page's
 * language names them (English unless the browser was started in another).
 */
export async function connect(
  driver: Driver,
  page: PageLike,
  server: FakeMastodon,
  {
    username = 'alice',
    submitWith = 'button',
    labels = { instance: 'Instance', button: 'Connect' },
  }: { username?: string; submitWith?: 'button' | 'Enter'; labels?: { instance: string; button: string } } = {},
) {
  await page.type(labels.instance, server.origin);
  const signIn = driver.waitForWindow(`${server.origin}/oauth/authorize`);
  if (submitWith === 'Enter') await page.press('Enter');
  else await page.click(labels.button);
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
async function withBrowser<D extends Driver>(start: (launch: Launch) => Promise<D>, { servers, dialect, limits, run, launch }: Scenario<D>) {
  const started = await Promise.all(Array.from({ length: servers }, () => startFakeMastodon({ dialect, limits })));
  let driver: D | undefined;
  try {
    driver = await start(launch ?? {});
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
export function registerScenarios<D extends Driver>(
  browser: D['browser'],
  start: (launch: Launch) => Promise<D>,
  scenarios: Array<Scenario<D>>,
  skip: string | null = null,
) {
  for (const scenario of scenarios) {
    test(scenario.title, { timeout: scenario.timeoutMs ?? TEST_TIMEOUT_MS, skip: skip ?? false }, () => withBrowser(start, scenario));
  }
  after(() => writeAuditReport(browser));
}
