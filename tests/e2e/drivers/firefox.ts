import { createHash } from 'node:crypto';
import type { Browser, ElementHandle, KeyInput, Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID, launchFirefox, snapshotExtension, tempDir } from '../../../scripts/support/browsers.ts';
import { startTripwire } from '../../../scripts/support/tripwire.ts';
import { startXvfb, type VirtualDisplay } from '../../../scripts/support/xvfb.ts';
import { PageBase } from './shared.ts';
import { DEFAULT_TIMEOUT_MS, PHONE_VIEWPORT, POPUP_VIEWPORT, type Driver, type Launch, type Role, type TestFile } from './types.ts';

/** puppeteer's ARIA query: the element with this role and exact accessible name. */
function aria(role: string, name: string): string {
  return `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;
}

class FirefoxPage extends PageBase {
  protected readonly browserName = 'firefox';
  private readonly page: Page;
  constructor(page: Page) {
    super();
    this.page = page;
    // puppeteer's own 30 s default would let a missing element hang a scenario for long.
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  }

  protected inPage<A, R>(fn: (arg: A) => R, arg: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>;
  }

  protected async capture(fullPage: boolean) {
    return Buffer.from(await this.page.screenshot({ fullPage }));
  }

  protected async runScript(source: string) {
    await this.page.evaluate(source);
  }

  async box(role: Role, name: string) {
    const element = await this.page.waitForSelector(aria(role, name), { visible: true });
    const box = await element!.boundingBox();
    if (!box) throw new Error(`${role} "${name}" is not drawn`);
    return box;
  }

  async type(label: string, text: string) {
    const field = await this.page.waitForSelector(aria('textbox', label), { visible: true });
    await field!.click();
    await this.page.keyboard.down('Control');
    await this.page.keyboard.press('KeyA');
    await this.page.keyboard.up('Control');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(text);
  }

  async typeSecret(label: string, text: string) {
    const found = await this.page.waitForFunction(
      (name: string) =>
        [...document.querySelectorAll<HTMLInputElement>('input[type="password"]')].find((input) =>
          [...(input.labels ?? [])].some((l) => l.textContent?.trim() === name),
        ) ?? null,
      {},
      label,
    );
    const field = found.asElement() as ElementHandle<HTMLInputElement>;
    await field.click();
    await this.page.keyboard.down('Control');
    await this.page.keyboard.press('KeyA');
    await this.page.keyboard.up('Control');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(text);
  }

  async click(button: string) {
    const element = await this.page.waitForSelector(aria('button', button), { visible: true });
    await element!.click();
  }

  async choose(role: 'menuitem' | 'menuitemradio' | 'option', name: string) {
    const element = await this.page.waitForSelector(aria(role, name), { visible: true });
    await element!.click();
  }

  async typeHere(text: string) {
    await this.page.bringToFront();
    await this.page.keyboard.type(text);
  }

  async check(checkbox: string) {
    if (await this.isChecked(checkbox)) return;
    const element = await this.page.waitForSelector(aria('checkbox', checkbox), { visible: true });
    await element!.click();
    if (!(await this.isChecked(checkbox))) throw new Error(`clicking the checkbox "${checkbox}" did not tick it`);
  }

  async isChecked(checkbox: string) {
    const element = await this.page.waitForSelector(aria('checkbox', checkbox));
    return element!.evaluate((input) => (input as HTMLInputElement).checked);
  }

  /**
   * Firefox (153 ESR) reports no file dialog opened by an extension page over WebDriver
   * BiDi (`input.fileDialogOpened` never comes, so `waitForFileChooser` times out), though
   * it does for web pages. So the files go where the dialog would put them: into the
   * page's file input, behind the button, which must be there to click.
   */
  async chooseFiles(button: string, paths: string[]) {
    const element = await this.page.waitForSelector(aria('button', button), { visible: true });
    if (await element!.evaluate((b) => (b as HTMLButtonElement).disabled)) throw new Error(`the button "${button}" is disabled`);
    const inputs = await this.page.$$('input[type="file"]');
    if (inputs.length !== 1) throw new Error(`expected one file input behind "${button}", found ${inputs.length}`);
    await inputs[0]!.uploadFile(...paths);
  }

  /**
   * As chooseFiles: Firefox reports no file dialog of an extension page, so the files go
   * into the page's file input behind the focused button; the key itself is not pressed.
   */
  async chooseFilesWithKey(key: string, paths: string[]) {
    const focused = await this.focused();
    if (focused.role !== 'button') throw new Error(`the focus is on ${focused.role ?? focused.tag} "${focused.name}", not on a button`);
    const inputs = await this.page.$$('input[type="file"]');
    if (inputs.length !== 1) throw new Error(`expected one file input behind "${focused.name}", found ${inputs.length}`);
    // Pressing the key would open the system's dialog, which nothing here could close.
    await inputs[0]!.uploadFile(...paths);
  }

  /**
   * Firefox gives a page-made paste event no files, so the image goes where a person's
   * copy puts it: the page writes it to the real clipboard (navigator.clipboard.write; a
   * script run by WebDriver BiDi counts as a user's gesture), and Ctrl+V is pressed in the
   * textbox. Headless Firefox's clipboard keeps text only, hence `launch.clipboard`.
   */
  async pasteImage(label: string, image: TestFile) {
    await this.page.bringToFront();
    await this.page.evaluate(async ({ base64, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({ [type]: new Blob([bytes], { type }) })]);
    }, image);
    // What the browser hands the page, seen by a listener that changes nothing.
    await this.page.evaluate(() => {
      (window as unknown as PasteWatch).pastedFiles = new Promise((resolve) =>
        document.addEventListener('paste', (event) => resolve([...(event.clipboardData?.files ?? [])].map((file) => file.name)), {
          capture: true,
          once: true,
        }),
      );
    });
    const field = await this.page.waitForSelector(aria('textbox', label), { visible: true });
    await field!.click();
    await this.press('Control+KeyV');
    const names = await this.page.evaluate(
      (timeoutMs) =>
        Promise.race([
          (window as unknown as PasteWatch).pastedFiles,
          new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
        ]),
      DEFAULT_TIMEOUT_MS,
    );
    if (!names) throw new Error('Ctrl+V fired no paste event');
    if (names.length !== 1) throw new Error(`the paste carried ${names.length} files, not the copied image (is Firefox headless? see launch.clipboard)`);
    return names[0]!;
  }

  /** Keys go to the window in front, as for a person: the page is brought there first (else :focus never matches). */
  async press(key: string) {
    await this.page.bringToFront();
    // puppeteer takes one key at a time: "Shift+Tab" is Shift held around Tab.
    const keys = key.split('+') as KeyInput[];
    const main = keys.pop()!;
    for (const modifier of keys) await this.page.keyboard.down(modifier);
    await this.page.keyboard.press(main);
    for (const modifier of keys.reverse()) await this.page.keyboard.up(modifier);
  }

  async valueOf(label: string) {
    const field = await this.page.waitForSelector(aria('textbox', label));
    return field!.evaluate((element) => (element as HTMLInputElement).value);
  }

  async isShown(role: Role, name: string) {
    const element = await this.page.$(aria(role, name));
    return (await element?.isVisible()) ?? false;
  }

  async linkTarget(link: string) {
    const element = await this.page.waitForSelector(aria('link', link));
    return element!.evaluate((a) => (a as HTMLAnchorElement).href);
  }

  async waitFor(role: Role, name: string, timeoutMs = DEFAULT_TIMEOUT_MS) {
    try {
      await this.page.waitForSelector(aria(role, name), { visible: true, timeout: timeoutMs });
    } catch {
      throw await this.notShown(`${role} "${name}"`, timeoutMs);
    }
  }

  close() {
    return this.page.close();
  }
}

/**
 * puppeteer's `page.goto` waits for network events that Firefox does not report for
 * moz-extension:// documents, so it times out although the page loaded. The BiDi
 * navigate command it wraps, asked to wait for "complete", returns when the page is
 * loaded.
 */
async function navigateToExtensionPage(page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext?: { navigate(url: string, wait: 'complete'): Promise<void> } })
    .browsingContext;
  if (!context) throw new Error('puppeteer-core no longer exposes the frame’s BiDi browsing context; revisit navigateToExtensionPage');
  await context.navigate(url, 'complete');
}

/** The raw WebDriver BiDi connection under puppeteer (for what it has no API for). */
type BidiConnection = { send(method: string, params: object): Promise<{ result: Record<string, unknown> }> };

/**
 * Runs `expression` in each browser window's chrome (privileged) scope (`once`: in the
 * first only), which WebDriver BiDi allows under -remote-allow-system-access (how this
 * driver launches Firefox), and returns the answers.
 */
async function inBrowserWindows(browser: Browser, expression: string, { once = false } = {}): Promise<unknown[]> {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection) throw new Error('puppeteer-core no longer exposes its BiDi connection; revisit inBrowserWindows');
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const windows = (tree.result.contexts as Array<{ context: string; url: string }>).filter((c) => c.url === 'chrome://browser/content/browser.xhtml');
  const answers: unknown[] = [];
  for (const { context } of once ? windows.slice(0, 1) : windows) {
    const { result } = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
    if (result.type === 'exception') throw new Error(`in the browser window: ${JSON.stringify(result.exceptionDetails)}`);
    answers.push((result.result as { value?: unknown }).value);
  }
  return answers;
}

/**
 * In the browser window whose selected tab shows `url`: fires the extension's keyboard
 * shortcut "share-tab" through its real <key> element, as pressing Alt+Shift+M does.
 * Firefox then runs its own command code (which grants activeTab for the selected tab)
 * and the extension's commands.onCommand listener. A key press over BiDi can't do it:
 * its events are dispatched inside the page, never reaching the browser window's keys.
 */
function pressShareShortcut(url: string): string {
  return `(() => {
    if (gBrowser.selectedBrowser.currentURI.spec !== ${JSON.stringify(url)}) return false;
    const key = document.getElementById('ext-keyset-id-fedipost_fedipost_app')?.querySelector('key');
    if (!key) throw new Error('the extension has no shortcut key in this window');
    key.dispatchEvent(new Event('command'));
    return true;
  })()`;
}

/**
 * Terminates the extension's event page from the browser's own code, as about:debugging's
 * "Terminate Background Script" does (and as Firefox suspends an idle one): whatever it
 * was running stops, its ports break, and the next event starts it again.
 */
const terminateBackground = `(async () => {
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(FIREFOX_ADDON_ID)});
  if (!extension) return false;
  await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
  return true;
})()`;

/** The paste a test waits for (FirefoxPage.pasteImage): the names of the files it carried. */
type PasteWatch = { pastedFiles: Promise<string[]> };

/** What the e2e build's background page offers the tests (entrypoints/background/e2e-hooks.ts). */
type E2EWindow = { browser: { runtime: { getBackgroundPage(): Promise<{ fedipostE2E?: { clickContextMenu(info: unknown, tab: unknown): void } }> } } };

/** An extension page's storage API (Firefox offers it as `browser`). */
type ExtensionStorage = { browser: { storage: { local: { get(keys: null): Promise<Record<string, unknown>>; set(values: Record<string, unknown>): Promise<void> } } } };

/**
 * Needs the e2e build (`wxt build --mode e2e`) for the context-menu hook; the product
 * build works for everything else. `phone`: as on a phone (Firefox for Android; with the
 * e2e-android build, which hides the identity API): a touch screen's pointer, and every
 * page, the popup included, at a small phone's width.
 */
export async function startFirefox(builtExtensionDir: string, launch: Launch = {}, options: { phone?: boolean } = {}): Promise<Driver> {
  const workDir = tempDir('firefox');
  const tripwire = await startTripwire();
  let screen: VirtualDisplay | undefined;
  let browser: Browser;
  let extensionOrigin: string;
  try {
    // A scenario that pastes through the clipboard needs a window (see Launch.clipboard).
    if (launch.clipboard) screen = await startXvfb();
    ({ browser, extensionOrigin } = await launchFirefox({
      extensionDir: snapshotExtension(builtExtensionDir, workDir.path),
      headless: !screen,
      proxyPort: tripwire.port,
      colorScheme: launch.colorScheme ?? 'light',
      locale: launch.locale,
      display: screen?.display,
      ...(options.phone ? { pointer: 'coarse' as const } : {}),
    }));
  } catch (error) {
    await screen?.close();
    await tripwire.close();
    workDir.remove();
    throw error;
  }

  // A phone has no windows: every page, popup included, takes the screen's width.
  const sized = (viewport?: { width: number; height: number }) => (options.phone ? PHONE_VIEWPORT : viewport);
  async function onScreen(page: Page) {
    if (options.phone) await page.setViewport(PHONE_VIEWPORT);
    return new FirefoxPage(page);
  }

  async function openExtensionPage(path: string, viewport?: { width: number; height: number }) {
    const page = await browser.newPage();
    const size = sized(viewport);
    if (size) await page.setViewport(size);
    await navigateToExtensionPage(page, `${extensionOrigin}/${path}`);
    return new FirefoxPage(page);
  }

  /**
   * Runs `fn` in one of the extension's own pages, opened for it and closed afterwards:
   * such a page has the extension's APIs (storage.local, the background page), which a
   * test's script in any other page has not. No test code in the extension is needed for
   * that, only for what no extension page can do (see clickContextMenu).
   */
  async function inExtensionPage<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
    const page = await browser.newPage();
    try {
      await navigateToExtensionPage(page, `${extensionOrigin}/options.html`);
      return (await page.evaluate(fn as (...args: unknown[]) => R, ...args)) as Awaited<R>;
    } finally {
      await page.close();
    }
  }

  let front: Page | undefined;
  const driver: Driver = {
    browser: 'firefox',
    async openPage(url) {
      const page = await browser.newPage();
      await page.goto(url);
      await page.bringToFront();
      front = page;
      return onScreen(page);
    },
    async stopBackground() {
      const [stopped] = await inBrowserWindows(browser, terminateBackground, { once: true });
      if (stopped !== true) throw new Error('the extension has no background running');
    },
    async shareFrontPage() {
      if (!front) throw new Error('openPage first');
      const opened = driver.waitForWindow(`${extensionOrigin}/compose.html?draft=share-`);
      const fired = await inBrowserWindows(browser, pressShareShortcut(front.url()));
      if (!fired.includes(true)) throw new Error(`no browser window shows ${front.url()} in front`);
      return opened;
    },
    // Firefox derives the redirect host from the add-on id.
    redirectHost: `${createHash('sha1').update(FIREFOX_ADDON_ID).digest('hex')}.extensions.allizom.org`,
    extensionOrigin,
    colorScheme: launch.colorScheme ?? 'light',
    async openPopup() {
      const page = await browser.newPage();
      await page.setViewport(sized(POPUP_VIEWPORT)!);
      await navigateToExtensionPage(page, `${extensionOrigin}/popup.html`);
      return new FirefoxPage(page);
    },
    openExtensionPage,
    async clickContextMenu(click, tab) {
      const called = await inExtensionPage(
        async (info, clicked) => {
          const background = await (window as unknown as E2EWindow).browser.runtime.getBackgroundPage();
          if (!background.fedipostE2E) return false;
          background.fedipostE2E.clickContextMenu(info, clicked);
          return true;
        },
        { editable: false, ...click },
        tab,
      );
      if (!called) throw new Error('this Firefox build has no e2e hooks: build it with `npm run build:firefox:e2e`');
    },
    readStorage: () => inExtensionPage(() => (window as unknown as ExtensionStorage).browser.storage.local.get(null)),
    async writeStorage(values) {
      await inExtensionPage((written) => (window as unknown as ExtensionStorage).browser.storage.local.set(written), values);
    },
    openOptions: () => openExtensionPage('options.html'),
    async waitForWindow(urlPrefix, timeoutMs = DEFAULT_TIMEOUT_MS) {
      if (urlPrefix.startsWith(extensionOrigin)) {
        // puppeteer reports every moz-extension:// page's URL as about:blank (checked with
        // 25.16 on Firefox 153): ask each new page where it really is.
        const before = new Set(browser.targets());
        const deadline = performance.now() + timeoutMs;
        while (performance.now() < deadline) {
          for (const target of browser.targets()) {
            if (before.has(target) || target.type() !== 'page') continue;
            const page = await target.page();
            const href = await page?.evaluate(() => location.href).catch(() => '');
            if (page && href?.startsWith(urlPrefix)) return onScreen(page);
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`no window showed ${urlPrefix} within ${timeoutMs} ms`);
      }
      const target = await browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(urlPrefix), {
        timeout: timeoutMs,
      });
      const page = await target.page();
      if (!page) throw new Error(`the window at ${target.url()} has no page`);
      return onScreen(page);
    },
    outsideAttempts: () => [...tripwire.attempts],
    async close() {
      await browser.close();
      await screen?.close();
      await tripwire.close();
      workDir.remove();
    },
  };
  return driver;
}
