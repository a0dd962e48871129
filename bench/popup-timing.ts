import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { AccountsState } from '../lib/accounts.ts';
import { launchChromium, snapshotExtension, tempDir } from '../scripts/support/browsers.ts';
import { startTripwire } from '../scripts/support/tripwire.ts';
import { startFakeMastodon } from '../tests/fake-mastodon/index.ts';
import { POPUP_VIEWPORT } from '../tests/e2e/drivers/types.ts';

export interface OpenTimes {
  /** ms from navigation start until the case's field is shown and enabled. */
  popupMs: number[];
  /** The same for a static page holding only that field: the browser's own share. */
  baselineMs: number[];
  /**
   * The same for a page whose one small module script adds that field: the least any
   * page drawn by a script costs, as the popup is (its own language, its last known state).
   */
  scriptedMs: number[];
}

export interface PopupTiming extends OpenTimes {
  chromium: string;
  /** With an account connected: until the composer's "Post text" field is ready. */
  connected: OpenTimes & {
    /**
     * The extension's JS and CSS files the connected popup requested as it opened and
     * settled (nothing touched), by path from the build's root: what bench/bundle-sizes.ts
     * must count as "at rest", no more and no less.
     */
    loadedAtRest: string[];
  };
}

/** No account: the connect form's field. Connected: the composer's text. */
const FIELDS = { empty: 'Instance', connected: 'Post text' } as const;
/** Written into the snapshot of the build only, never into the product. */
const BASELINE_PAGES = {
  empty: { name: 'bench-baseline', html: `<label for="i">${FIELDS.empty}</label><input id="i">` },
  connected: { name: 'bench-baseline-connected', html: `<label for="t">${FIELDS.connected}</label><textarea id="t"></textarea>` },
};

/** The static page, and the page whose module script writes the same markup into it. */
function writeBaselinePages(extensionDir: string) {
  for (const { name, html } of Object.values(BASELINE_PAGES)) {
    writeFileSync(join(extensionDir, `${name}.html`), `<!doctype html><meta charset="utf-8">${html}`);
    writeFileSync(join(extensionDir, `${name}-scripted.html`), `<!doctype html><meta charset="utf-8"><div id="app"></div><script type="module" src="${name}-scripted.js"></script>`);
    writeFileSync(join(extensionDir, `${name}-scripted.js`), `document.getElementById('app').innerHTML = ${JSON.stringify(html)};\n`);
  }
}

/** Starts the console message that carries the time. */
const MESSAGE_KEY = '__fedipostBenchInteractiveAt';

/**
 * Runs in every page before its own scripts: notes performance.now() (ms since the
 * navigation started) the first time an enabled, visible text field labelled with one
 * of `labels` is in the document. A MutationObserver sees it in the task that renders
 * it, with no polling delay added to the number.
 *
 * The time comes out as a console message, which the browser reports by itself. Asking
 * the page for it (waitForFunction) made Playwright inject its own script (330 KB) into
 * the page at once, while the popup was still starting: in a trace that took the popup's
 * main thread for 28 ms of its 149 ms, and never the static page's, which is ready
 * before the injection arrives.
 */
function noteInteractive({ labels, key }: { labels: string[]; key: string }) {
  const ready = () =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].some(
      (field) =>
        !field.disabled &&
        !field.readOnly &&
        field.checkVisibility() &&
        [...(field.labels ?? [])].some((l) => labels.includes(l.textContent?.trim() ?? '')),
    );
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    console.debug(`${key} ${performance.now()}`);
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

async function openOnce(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(POPUP_VIEWPORT);
    const noted = page.waitForEvent('console', { predicate: (message) => message.text().startsWith(`${MESSAGE_KEY} `), timeout: 10_000 });
    await page.goto(url, { waitUntil: 'commit' });
    return Number((await noted).text().slice(MESSAGE_KEY.length + 1));
  } finally {
    await page.close();
  }
}

/**
 * `runs` rounds of the popup, the static page and the scripted page, after one discarded
 * round (a first page also pays for starting things).
 */
async function openRounds(context: BrowserContext, base: string, baseline: keyof typeof BASELINE_PAGES, runs: number): Promise<OpenTimes> {
  const times: OpenTimes = { popupMs: [], baselineMs: [], scriptedMs: [] };
  const { name } = BASELINE_PAGES[baseline];
  const pages = [
    [`${base}/popup.html`, times.popupMs],
    [`${base}/${name}.html`, times.baselineMs],
    [`${base}/${name}-scripted.html`, times.scriptedMs],
  ] as const;
  for (let round = 0; round <= runs; round++) {
    for (const [url, list] of pages) {
      const ms = await openOnce(context, url);
      if (round > 0) list.push(ms);
    }
  }
  return times;
}

/** No new file requested for this long: the page has settled. */
const SETTLED_MS = 750;

/**
 * Opens the popup once more and lists the JS and CSS it requested until it settled with
 * the composer shown, as Chromium's network log saw them (module scripts, preloads,
 * stylesheets, lazily imported chunks). Playwright's own request events and the
 * Resource Timing entries leave out an extension's own files; the DevTools protocol
 * does not.
 */
async function loadedAtRest(context: BrowserContext, url: string): Promise<string[]> {
  const page = await context.newPage();
  const requested = new Set<string>();
  try {
    const cdp = await context.newCDPSession(page);
    cdp.on('Network.requestWillBeSent', ({ request }) => requested.add(request.url));
    await cdp.send('Network.enable');
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.goto(url);
    await page.getByRole('textbox', { name: FIELDS.connected }).waitFor({ timeout: 10_000 });
    for (let seen = -1; requested.size !== seen; await page.waitForTimeout(SETTLED_MS)) seen = requested.size;
    // The extension's root (popup.html is at it); `URL.origin` is "null" for chrome-extension:.
    const root = url.slice(0, url.lastIndexOf('/') + 1);
    return [...requested]
      .filter((name) => name.startsWith(root) && /\.(js|css)$/.test(name))
      .map((name) => name.slice(root.length))
      .sort();
  } finally {
    await page.close();
  }
}

/** A connected account as the background stores it (the token is never used here). */
function accountsWithAlice(origin: string): AccountsState {
  const host = new URL(origin).host;
  return {
    defaultAccountId: `alice@${host}`,
    accounts: [
      {
        id: `alice@${host}`,
        username: 'alice',
        displayName: 'Alice Example',
        avatar: `${origin}/avatars/alice.png`,
        origin,
        scopes: ['read:accounts', 'read:search', 'read:statuses', 'write:statuses', 'write:media'],
        defaults: { visibility: 'public', language: null, sensitive: false },
        serverId: '1',
        app: null,
        token: 'bench-token',
        registrationKey: `${origin} bench`,
        connectedAt: Date.now(),
      },
    ],
  };
}

/**
 * Opens popup.html in a new tab `runs` times with no account connected (the connect
 * form becomes interactive), then with one account on a local test server (the
 * composer does), each alternating with a static page holding the same field and a page
 * whose one script adds it, so that all three see the same machine load.
 */
export async function measurePopup(builtDir: string, runs: number): Promise<PopupTiming> {
  const profile = tempDir('bench');
  const tripwire = await startTripwire();
  const server = await startFakeMastodon();
  try {
    const extensionDir = snapshotExtension(builtDir, profile.path);
    writeBaselinePages(extensionDir);
    const { context, extensionId } = await launchChromium({
      extensionDir,
      userDataDir: join(profile.path, 'profile'),
      headless: true,
      proxy: tripwire.hostPort,
    });
    try {
      await context.addInitScript(noteInteractive, { labels: Object.values(FIELDS), key: MESSAGE_KEY });
      const base = `chrome-extension://${extensionId}`;
      const empty = await openRounds(context, base, 'empty', runs);

      // Stored as the background stores it (WXT's item `local:accounts`); its watcher
      // then refreshes the popup's snapshot, as after a real connect.
      const [worker] = context.serviceWorkers();
      await worker!.evaluate((accounts) => (globalThis as unknown as BenchGlobals).chrome.storage.local.set({ accounts }), accountsWithAlice(server.origin));
      const connected = await openRounds(context, base, 'connected', runs);
      const atRest = await loadedAtRest(context, `${base}/popup.html`);

      if (tripwire.attempts.length > 0) throw new Error(`Chromium tried to reach outside hosts: ${tripwire.attempts.join(', ')}`);
      return { chromium: context.browser()?.version() ?? 'unknown', ...empty, connected: { ...connected, loadedAtRest: atRest } };
    } finally {
      await context.close();
    }
  } finally {
    await server.close();
    await tripwire.close();
    profile.remove();
  }
}

/** The one extension API used from the worker (the project's types are WXT's, not @types/chrome). */
interface BenchGlobals {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}
