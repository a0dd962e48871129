import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import puppeteer, { type Browser } from 'puppeteer-core';
import { childEnv } from './exec.ts';

export const INSTALL_HINT = 'apt-get install -y chromium firefox-esr firefox-esr-l10n-ar xvfb';

/**
 * Debian's Arabic language pack for Firefox ESR (package firefox-esr-l10n-ar), installed
 * for the whole application: Firefox can show its interface, and so pick an extension's
 * catalogue, only in a language whose pack is installed.
 */
export const FIREFOX_ARABIC_LANGPACK = '/usr/lib/firefox-esr/browser/extensions/langpack-ar@firefox-esr.mozilla.org.xpi';

function firstExecutable(candidates: string[]): string | null {
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not installed here; try the next candidate
    }
  }
  return null;
}

/**
 * `CHROMIUM_PATH` when set (and then only it: a wrong path is reported, not papered
 * over), else Debian's binary; its /usr/bin wrapper prints a shell warning.
 */
export function findChromium(): string | null {
  const chosen = process.env.CHROMIUM_PATH;
  return firstExecutable(chosen ? [chosen] : ['/usr/lib/chromium/chromium', '/usr/bin/chromium']);
}

/** `FIREFOX_PATH` when set (and then only it), else Debian's Firefox ESR. */
export function findFirefox(): string | null {
  const chosen = process.env.FIREFOX_PATH;
  return firstExecutable(chosen ? [chosen] : ['/usr/bin/firefox-esr']);
}

/** Set to 1 to run `npm test` without the real-browser tests (they count as skipped). Ignored under CI=true. */
export const SKIP_BROWSERS_VARIABLE = 'FEDIPOST_SKIP_BROWSERS';

export type BrowserName = 'Chromium' | 'Firefox';

/** Where each browser is looked for, and the variable that points elsewhere. */
export const BROWSERS: Record<BrowserName, { find(): string | null; pathVariable: string }> = {
  Chromium: { find: findChromium, pathVariable: 'CHROMIUM_PATH' },
  Firefox: { find: findFirefox, pathVariable: 'FIREFOX_PATH' },
};

/** True when the person chose to go without real-browser tests (never under CI=true). */
export function browsersOptedOut(): boolean {
  return process.env[SKIP_BROWSERS_VARIABLE] === '1' && process.env.CI !== 'true';
}

/**
 * Why this browser's tests are skipped, or null when they run: the person opted out,
 * or the browser is not installed (a wrong *_PATH is named).
 */
export function browserSkipReason(name: BrowserName): string | null {
  if (browsersOptedOut()) return `${SKIP_BROWSERS_VARIABLE}=1`;
  const { find, pathVariable } = BROWSERS[name];
  if (find()) return null;
  const given = process.env[pathVariable];
  return `${name} not installed${given ? ` (${pathVariable}=${given} is not an executable)` : ''}`;
}

/** A throw-away directory; `remove` tolerates files the browser still writes at exit. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `fedipost-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true, maxRetries: 3 }) };
}

/**
 * Copies a built extension so that a rebuild while a browser runs cannot change the
 * extension under test halfway through.
 */
export function snapshotExtension(builtDir: string, into: string): string {
  const copy = join(into, 'extension');
  cpSync(builtDir, copy, { recursive: true });
  return copy;
}

export interface ChromiumLaunch {
  extensionDir: string;
  /** More unpacked extensions beside it (the bench's minimal worker); their workers' scripts must be named differently. */
  alsoLoad?: string[];
  userDataDir: string;
  /** false: a visible window (needs a display). */
  headless: boolean;
  /** `host:port` of a proxy for everything but loopback (the tests' tripwire). */
  proxy?: string;
  /** Lets DevTools click the extension's toolbar button (CDP Extensions.triggerAction). */
  extensionDebugging?: boolean;
  /**
   * false: the caller handles Ctrl+C and SIGTERM itself. By default Playwright closes
   * the browser and exits the process at once, before any cleanup of the caller's.
   */
  playwrightHandlesSignals?: boolean;
  /**
   * The browser's UI language (`ar`), which picks the extension's catalogue: on Linux
   * Chromium reads it from `--lang` and from the LANGUAGE variable.
   */
  locale?: string;
}

export async function launchChromium(options: ChromiumLaunch): Promise<{ context: BrowserContext; extensionId: string }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`Chromium is not installed (${INSTALL_HINT}, or set CHROMIUM_PATH)`);
  const extensions = [options.extensionDir, ...(options.alsoLoad ?? [])].join(',');
  const args = [
    `--disable-extensions-except=${extensions}`,
    `--load-extension=${extensions}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Chromium still asks Google for the accounts signed in (the identity permission),
    // for component updates and for autofill hints on forms despite the switches above:
    // send them all to a closed local port.
    '--gaia-url=http://127.0.0.1:9',
    '--component-updater=url-source=http://127.0.0.1:9/',
    '--autofill-server-url=http://127.0.0.1:9/',
    // Only loopback resolves: nothing can leave the machine even if a proxy is bypassed.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ];
  if (options.headless) args.push('--headless=new');
  if (options.locale) args.push(`--lang=${options.locale}`);
  if (options.extensionDebugging) args.push('--enable-unsafe-extension-debugging');
  // Chromium never sends loopback through a proxy, so only outside traffic reaches it.
  if (options.proxy) args.push(`--proxy-server=http://${options.proxy}`);
  // Typing into a text field would otherwise make Chromium fetch a spelling dictionary.
  mkdirSync(join(options.userDataDir, 'Default'), { recursive: true });
  writeFileSync(
    join(options.userDataDir, 'Default/Preferences'),
    JSON.stringify({ browser: { enable_spellchecking: false }, spellcheck: { dictionaries: [], dictionary: '' } }),
  );
  // Playwright's own `headless` switch would pick the old headless shell; the flag above
  // selects the full browser, the only one that loads extensions.
  const context = await chromium.launchPersistentContext(options.userDataDir, {
    executablePath,
    headless: false,
    args,
    env: childEnv(options.locale ? { LANGUAGE: options.locale } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    handleSIGINT: options.playwrightHandlesSignals ?? true,
    handleSIGTERM: options.playwrightHandlesSignals ?? true,
  });
  if (!options.alsoLoad?.length) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    return { context, extensionId: new URL(worker.url()).host };
  }
  const manifest = JSON.parse(readFileSync(join(options.extensionDir, 'manifest.json'), 'utf8')) as { background: { service_worker: string } };
  const ours = () => context.serviceWorkers().find((w) => new URL(w.url()).pathname === `/${manifest.background.service_worker}`);
  const deadline = Date.now() + 15_000;
  while (!ours() || context.serviceWorkers().length < 1 + options.alsoLoad.length) {
    if (Date.now() > deadline) throw new Error('the extensions\' service workers did not start within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { context, extensionId: new URL(ours()!.url()).host };
}

/** GECKO_ID of wxt.config.ts (checked at install); importing that file would load all of wxt. */
export const FIREFOX_ADDON_ID = 'fedipost@fedipost.app';
/** Pinned so the moz-extension:// origin of the popup is known before install. */
export const FIREFOX_EXTENSION_UUID = '5d3c8a52-0f7e-4c59-9d0e-3b6a1f2e7c41';

/**
 * Preferences (on top of puppeteer's own test defaults) that keep Firefox from calling
 * home. What is left is caught by the proxy: every host but 127.0.0.1 goes to it.
 */
function firefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.topsites.contile.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.predictor.enabled': false,
    'network.prefetch-next': false,
    'network.trr.mode': 5,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'toolkit.telemetry.server': '',
    'toolkit.telemetry.unified': false,
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '127.0.0.1',
    'network.proxy.allow_hijacking_localhost': false,
    // Never fall back to a direct connection when the proxy refuses.
    'network.proxy.failover_direct': false,
  };
}

export interface FirefoxLaunch {
  extensionDir: string;
  headless: boolean;
  /** Port of a proxy on 127.0.0.1 for every other host (the tests' tripwire). */
  proxyPort: number;
  /**
   * The colour scheme pages see (`prefers-color-scheme`). WebDriver BiDi cannot emulate
   * media features in Firefox (puppeteer: "CDP support is required"), so it is chosen
   * at launch, through the content override the Appearance settings write.
   */
  colorScheme?: 'light' | 'dark';
  /**
   * The browser's UI language (`ar`), which picks the extension's catalogue. Its language
   * pack must be installed (see FIREFOX_ARABIC_LANGPACK): without it Firefox quietly stays
   * in en-US, so that is checked here rather than left to a confusing failure.
   */
  locale?: string;
  /** With `headless: false`: the X display (`:N`) its window goes to, a private Xvfb's (see xvfb.ts). */
  display?: string;
  /**
   * `coarse`: pages see a touch screen's pointer (`pointer: coarse`, no hover), as on a
   * phone; Gecko's pointer-capability prefs, 1 = coarse (widget/LookAndFeel.h).
   */
  pointer?: 'coarse';
}

export async function launchFirefox(options: FirefoxLaunch): Promise<{ browser: Browser; extensionOrigin: string }> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(`Firefox is not installed (${INSTALL_HINT}, or set FIREFOX_PATH)`);
  if (options.locale === 'ar' && !existsSync(FIREFOX_ARABIC_LANGPACK)) {
    throw new Error(`Firefox has no Arabic language pack (${FIREFOX_ARABIC_LANGPACK}): apt-get install -y firefox-esr-l10n-ar`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless,
    // WebDriver BiDi refuses to navigate a tab to moz-extension:// unless the client may
    // reach privileged pages; this is Firefox's documented switch for that.
    args: ['-remote-allow-system-access'],
    env: childEnv({
      // Firefox's own test mode: release builds then honour the remote-settings server
      // override in puppeteer's defaults instead of calling Mozilla at startup.
      MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
      ...(options.display ? { DISPLAY: options.display } : {}),
    }),
    extraPrefsFirefox: {
      ...firefoxPrefs(options.proxyPort),
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      // The language packs in the application's directory load (puppeteer enables that
      // scope); this asks for one of them, as choosing it in Settings does.
      ...(options.locale ? { 'intl.locale.requested': options.locale } : {}),
      ...(options.pointer === 'coarse' ? { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 } : {}),
    },
  });
  try {
    const id = await browser.installExtension(options.extensionDir);
    if (id !== FIREFOX_ADDON_ID) throw new Error(`installed add-on has id ${id}, expected ${FIREFOX_ADDON_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}` };
}
