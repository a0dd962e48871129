import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, snapshotExtension, tempDir } from '../../../scripts/support/browsers.ts';
import { startTripwire } from '../../../scripts/support/tripwire.ts';
import { PageBase } from './shared.ts';
import {
  DEFAULT_TIMEOUT_MS,
  POPUP_VIEWPORT,
  type ChromiumDriver,
  type ClickedTab,
  type ContextMenuClick,
  type Launch,
  type Role,
  type TestFile,
  type ThemedPage,
} from './types.ts';

class ChromiumPage extends PageBase implements ThemedPage {
  protected readonly browserName = 'chromium';
  private readonly page: Page;
  constructor(page: Page) {
    super();
    this.page = page;
  }

  protected inPage<A, R>(fn: (arg: A) => R, arg: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R, arg);
  }

  protected capture(fullPage: boolean) {
    return this.page.screenshot({ fullPage });
  }

  protected async runScript(source: string) {
    await this.page.evaluate(source);
  }

  async box(role: Role, name: string) {
    const box = await this.page.getByRole(role, { name, exact: true }).boundingBox();
    if (!box) throw new Error(`${role} "${name}" is not drawn`);
    return box;
  }

  async type(label: string, text: string) {
    const field = this.page.getByRole('textbox', { name: label, exact: true });
    await field.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await field.pressSequentially(text);
  }

  async typeSecret(label: string, text: string) {
    const field = this.page.locator('input[type="password"]').and(this.page.getByLabel(label, { exact: true }));
    await field.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await field.pressSequentially(text);
  }

  async click(button: string) {
    // A click may close its own window (the sign-in page redirects away): don't wait for
    // a navigation to settle afterwards.
    await this.page.getByRole('button', { name: button, exact: true }).click({ noWaitAfter: true });
  }

  async choose(role: 'menuitem' | 'menuitemradio' | 'option', name: string) {
    await this.page.getByRole(role, { name, exact: true }).click();
  }

  async typeHere(text: string) {
    await this.page.bringToFront();
    await this.page.keyboard.type(text);
  }

  check(checkbox: string) {
    return this.page.getByRole('checkbox', { name: checkbox, exact: true }).check();
  }

  isChecked(checkbox: string) {
    return this.page.getByRole('checkbox', { name: checkbox, exact: true }).isChecked();
  }

  async pasteImage(label: string, image: TestFile) {
    await this.dispatchPaste(label, [image]);
    return image.name;
  }

  async chooseFiles(button: string, paths: string[]) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.click(button);
    await (await chooser).setFiles(paths);
  }

  async chooseFilesWithKey(key: string, paths: string[]) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.press(key);
    await (await chooser).setFiles(paths);
  }

  /** Keys go to the window in front, as for a person: the page is brought there first (else :focus never matches). */
  async press(key: string) {
    await this.page.bringToFront();
    try {
      await this.page.keyboard.press(key);
    } catch (error) {
      // A key may close its own window, as a click may (Enter on Authorize: the sign-in
      // page redirects away and closes between the key going down and coming up).
      if (!this.page.isClosed()) throw error;
    }
  }

  valueOf(label: string) {
    return this.page.getByRole('textbox', { name: label, exact: true }).inputValue();
  }

  async isShown(role: Role, name: string) {
    return (await this.page.getByRole(role, { name, exact: true }).filter({ visible: true }).count()) > 0;
  }

  linkTarget(link: string) {
    return this.page.getByRole('link', { name: link, exact: true }).evaluate((a) => (a as HTMLAnchorElement).href);
  }

  emulateColorScheme(scheme: 'light' | 'dark') {
    return this.page.emulateMedia({ colorScheme: scheme });
  }

  async waitFor(role: Role, name: string, timeoutMs = DEFAULT_TIMEOUT_MS) {
    try {
      await this.page.getByRole(role, { name, exact: true }).waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw await this.notShown(`${role} "${name}"`, timeoutMs);
    }
  }

  close() {
    return this.page.close();
  }
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * The DevTools protocol on a blank tab of its own: Playwright opens CDP sessions only on
 * pages, and a persistent context has no browser session. From a page session the
 * ServiceWorker domain sees the extension's worker, and the Target domain reaches the
 * worker and the offscreen document (attached the old, unflattened way, which this
 * session's API can route: messages go through Target.sendMessageToTarget).
 */
async function devtoolsOf(context: BrowserContext, extensionOrigin: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const versions = new Map<string, { scriptURL: string; runningStatus: string }>();
  /** Versions seen stopped: an open page may start the worker again at once. */
  const stopped = new Set<string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const v of updated) {
      versions.set(v.versionId, v);
      if (v.runningStatus === 'stopped') stopped.add(v.versionId);
    }
  });
  await cdp.send('ServiceWorker.enable');
  let nextId = 1;
  const replies = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message) as { id?: number; result?: unknown };
    if (reply.id !== undefined) replies.get(reply.id)?.(reply.result);
  });

  /** Runtime.getHeapUsage in one target, detached again at once (a stopped worker must not leave a session behind). */
  async function heapOf(target: TargetInfo): Promise<number> {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    try {
      const id = nextId++;
      const answered = new Promise<unknown>((resolve) => replies.set(id, resolve));
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
      const result = (await answered) as { usedSize: number };
      replies.delete(id);
      return result.usedSize;
    } finally {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }

  const ours = (v: { scriptURL: string }) => v.scriptURL.startsWith(`${extensionOrigin}/`);
  return {
    async stopBackground() {
      const running = [...versions.entries()].find(([, v]) => ours(v) && v.runningStatus === 'running');
      if (!running) throw new Error('the extension has no running service worker');
      stopped.delete(running[0]);
      await cdp.send('ServiceWorker.stopWorker', { versionId: running[0] });
      for (let i = 0; i < 100 && !stopped.has(running[0]); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      if (!stopped.has(running[0])) throw new Error('the service worker did not stop');
    },
    async backgroundHeap() {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`${extensionOrigin}/`));
      if (!worker) throw new Error('the extension has no service worker running');
      const offscreen = targetInfos.find((t) => t.url === `${extensionOrigin}/offscreen.html`);
      return { serviceWorker: await heapOf(worker), offscreen: offscreen ? await heapOf(offscreen) : null };
    },
  };
}

/** The extension's own events, as its service worker sees them (`dispatch` is not in the typings). */
type ExtensionEvents = { chrome: { contextMenus: { onClicked: { dispatch(info: unknown, tab: unknown): void } } } };
/** The tabs the service worker sees (url and title only where it has access). */
type ExtensionTabs = { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string; title?: string }>> } } };
type ExtensionStorage = {
  chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>>; set(values: Record<string, unknown>): Promise<void> } } };
};

export async function startChromium(builtExtensionDir: string, launch: Launch = {}): Promise<ChromiumDriver> {
  const profile = tempDir('chromium');
  const tripwire = await startTripwire();
  let context: BrowserContext;
  let extensionId: string;
  try {
    ({ context, extensionId } = await launchChromium({
      extensionDir: snapshotExtension(builtExtensionDir, profile.path),
      userDataDir: `${profile.path}/profile`,
      headless: true,
      proxy: tripwire.hostPort,
      ...(launch.locale ? { locale: launch.locale } : {}),
      extensionDebugging: true,
    }));
  } catch (error) {
    await tripwire.close();
    profile.remove();
    throw error;
  }
  // Playwright's own 30 s default would let a missing element hang a scenario for long.
  context.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  const colorScheme = launch.colorScheme ?? 'light';
  async function openExtensionPage(path: string, viewport?: { width: number; height: number }) {
    const page = await newTab();
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(`${extensionOrigin}/${path}`);
    return new ChromiumPage(page);
  }
  /** A new tab in the launch's colour scheme, which a test may then switch (ThemedPage). */
  async function newTab() {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    return page;
  }

  const extensionOrigin = `chrome-extension://${extensionId}`;
  const serviceWorker = async () =>
    context.serviceWorkers().find((w) => w.url().startsWith(`${extensionOrigin}/`)) ??
    (await context.waitForEvent('serviceworker', (w) => w.url().startsWith(`${extensionOrigin}/`)));
  const dispatchMenuClick = async (click: ContextMenuClick, tab: ClickedTab) => {
    const worker = await serviceWorker();
    await worker.evaluate(
      ([info, clicked]) => (globalThis as unknown as ExtensionEvents).chrome.contextMenus.onClicked.dispatch(info, clicked),
      [{ editable: false, ...click }, tab] as const,
    );
  };
  let front: Page | undefined;
  const devtools = await devtoolsOf(context, extensionOrigin);
  const driver: ChromiumDriver = {
    browser: 'chromium',
    redirectHost: `${extensionId}.chromiumapp.org`,
    extensionOrigin,
    colorScheme,
    async openPopup() {
      const page = await newTab();
      await page.setViewportSize(POPUP_VIEWPORT);
      await page.goto(`${extensionOrigin}/popup.html`);
      return new ChromiumPage(page);
    },
    openOptions: () => openExtensionPage('options.html'),
    openExtensionPage,
    clickContextMenu: dispatchMenuClick,
    async openPage(url) {
      const page = await newTab();
      await page.goto(url);
      await page.bringToFront();
      front = page;
      return new ChromiumPage(page);
    },
    /**
     * Chromium grants activeTab inside its own menu and shortcut code, which no test can
     * reach: a dispatched onClicked runs the real listener but grants nothing, and key
     * presses sent over DevTools never reach the browser's shortcut handling. What DevTools
     * can do is click the toolbar button on the tab (Extensions.triggerAction), which grants
     * activeTab for it as any gesture does; then "Share page to Mastodon" is clicked as in
     * the other share scenarios, with the real tab.
     */
    async shareFrontPage() {
      if (!front) throw new Error('openPage first');
      const url = front.url();
      const cdp = await context.browser()!.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{}] } as never)) as {
        targetInfos: Array<{ type: string; url: string; targetId: string }>;
      };
      const tabTarget = targetInfos.find((target) => target.type === 'tab' && target.url === url);
      if (!tabTarget) throw new Error(`no tab shows ${url}`);
      await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabTarget.targetId } as never);
      await cdp.detach();
      const worker = await serviceWorker();
      // With the grant, the extension sees the tab's URL, as the menu's listener gets it.
      const tab = await worker.evaluate(
        async (pageUrl) => (await (globalThis as unknown as ExtensionTabs).chrome.tabs.query({})).find((t) => t.url === pageUrl),
        url,
      );
      if (tab?.id === undefined) throw new Error('the toolbar click granted no access to the tab');
      const opened = driver.waitForWindow(`${extensionOrigin}/compose.html?draft=share-`);
      await dispatchMenuClick({ menuItemId: 'share:page', pageUrl: url }, { id: tab.id, title: tab.title ?? '', url });
      return opened;
    },
    async readStorage() {
      const worker = await serviceWorker();
      return worker.evaluate(() => (globalThis as unknown as ExtensionStorage).chrome.storage.local.get(null));
    },
    async writeStorage(values) {
      const worker = await serviceWorker();
      await worker.evaluate((written) => (globalThis as unknown as ExtensionStorage).chrome.storage.local.set(written), values);
    },
    stopBackground: () => devtools.stopBackground(),
    backgroundHeap: () => devtools.backgroundHeap(),
    async waitForWindow(urlPrefix, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const page = await context.waitForEvent('page', { timeout: timeoutMs });
      await page.waitForURL((url) => url.href.startsWith(urlPrefix), { timeout: timeoutMs });
      await page.waitForLoadState('domcontentloaded');
      await page.emulateMedia({ colorScheme });
      return new ChromiumPage(page);
    },
    outsideAttempts: () => [...tripwire.attempts],
    async close() {
      await context.close();
      await tripwire.close();
      profile.remove();
    },
  };
  return driver;
}
