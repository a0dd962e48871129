import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, snapshotExtension, tempDir } from '../../../scripts/support/browsers.ts';
import { startTripwire } from '../../../scripts/support/tripwire.ts';
import { PageBase } from './shared.ts';
import { DEFAULT_TIMEOUT_MS, POPUP_VIEWPORT, type ChromiumDriver, type Role, type ThemedPage } from './types.ts';

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

  protected capture() {
    return this.page.screenshot({ fullPage: true });
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

  check(checkbox: string) {
    return this.page.getByRole('checkbox', { name: checkbox, exact: true }).check();
  }

  isChecked(checkbox: string) {
    return this.page.getByRole('checkbox', { name: checkbox, exact: true }).isChecked();
  }

  async chooseFiles(button: string, paths: string[]) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.click(button);
    await (await chooser).setFiles(paths);
  }

  async press(key: string) {
    await this.page.keyboard.press(key);
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

/** The extension's own events, as its service worker sees them (`dispatch` is not in the typings). */
type ExtensionEvents = { chrome: { contextMenus: { onClicked: { dispatch(info: unknown, tab: unknown): void } } } };

export async function startChromium(builtExtensionDir: string): Promise<ChromiumDriver> {
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
    }));
  } catch (error) {
    await tripwire.close();
    profile.remove();
    throw error;
  }
  // Playwright's own 30 s default would let a missing element hang a scenario for long.
  context.setDefaultTimeout(DEFAULT_TIMEOUT_MS);

  const extensionOrigin = `chrome-extension://${extensionId}`;
  return {
    browser: 'chromium',
    redirectHost: `${extensionId}.chromiumapp.org`,
    extensionOrigin,
    async openPopup() {
      const page = await context.newPage();
      await page.setViewportSize(POPUP_VIEWPORT);
      await page.goto(`${extensionOrigin}/popup.html`);
      return new ChromiumPage(page);
    },
    async openOptions() {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/options.html`);
      return new ChromiumPage(page);
    },
    async clickContextMenu(click, tab) {
      const worker =
        context.serviceWorkers().find((w) => w.url().startsWith(`${extensionOrigin}/`)) ??
        (await context.waitForEvent('serviceworker', (w) => w.url().startsWith(`${extensionOrigin}/`)));
      await worker.evaluate(
        ([info, clicked]) => (globalThis as unknown as ExtensionEvents).chrome.contextMenus.onClicked.dispatch(info, clicked),
        [{ editable: false, ...click }, tab] as const,
      );
    },
    async waitForWindow(urlPrefix, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const page = await context.waitForEvent('page', { timeout: timeoutMs });
      await page.waitForURL((url) => url.href.startsWith(urlPrefix), { timeout: timeoutMs });
      await page.waitForLoadState('domcontentloaded');
      return new ChromiumPage(page);
    },
    outsideAttempts: () => [...tripwire.attempts],
    async close() {
      await context.close();
      await tripwire.close();
      profile.remove();
    },
  };
}
